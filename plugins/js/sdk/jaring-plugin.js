// jaring's plugin SDK for JavaScript. The contract is `jaring:plugin@0.1.0`
// (plugins/wit/plugin.wit); this file gives it the shape the Rust SDK has: write
// `assess(program, applicant)` for one applicant, and `definePlugin` exports `info`,
// `assess` and `apportion` as the contract wants them.
//
// What the host passes, as JavaScript values (WIT names in kebab-case become camelCase;
// an `option` is the value or `undefined`; 64-bit numbers are BigInt):
//
// Program   { id, title, region, months: [{ year, month }], premiumPerWorker: BigInt,
//             occupations: [code], regulations: [{ id, title }],
//             funding: [{ id, kind, budget: BigInt, quota }], quota, subQuotas:
//             [{ count, occupations, regions }], params: [{ name, value }] }
//             a param's value: { tag: 'text' | 'word', val: string } or
//             { tag: 'integer' | 'money', val: BigInt }
// Applicant { id (a handle for this call only), birthDate: { year, month, day },
//             sex: 'male' | 'female', occupation (catalog code), domicile (region code,
//             such as '64.09.01.2001'), povertyDecile (1 = poorest .. 10, or undefined),
//             decreeNumber, proposer (as written, or undefined), attributes: [{ name, value }]
//             (only the columns declared in `attributes`) }
//
// What a plugin answers: an assessment per applicant, made with `accept` or `reject` below
// and changed with `inGroup`, `note` and `citing`. Priorities are integers 0 ..= 1.000.000.
// A thrown string stops the run with that message (use it for a missing parameter).
//
// No clock, randomness, files or network exist inside a plugin, and the host checks that
// each answer depends on the applicant alone.

import { log as hostLog } from 'jaring:plugin/host@0.1.0';

/** The highest priority an assessment may carry. */
export const MAX_PRIORITY = 1000000;

/**
 * The plugin: `{ name, version, attributes?, assess(program, applicant), apportion? }`.
 * Returns `{ info, assess, apportion }`, to be exported as they are.
 */
export function definePlugin(plugin) {
  return {
    info() {
      return {
        name: plugin.name,
        version: plugin.version,
        apportions: typeof plugin.apportion === 'function',
        attributes: plugin.attributes ?? [],
      };
    },
    assess(program, applicants) {
      return applicants.map((applicant) => plugin.assess(program, applicant));
    },
    apportion(program, total, groups) {
      if (typeof plugin.apportion !== 'function') {
        throw `plugin \`${plugin.name}\` does not apportion quotas`;
      }
      return plugin.apportion(program, total, groups);
    },
  };
}

/** Accepts `applicant` with `priority` (higher is served first). */
export function accept(applicant, priority) {
  return { id: applicant.id, verdict: { tag: 'accept' }, priority, group: undefined, notes: [] };
}

/** Rejects `applicant`: `reason` a kebab-case code, `message` plain words. */
export function reject(applicant, reason, message) {
  return {
    id: applicant.id,
    verdict: { tag: 'reject', val: { reason, message, citation: undefined } },
    priority: 0,
    group: undefined,
    notes: [],
  };
}

/** Names the regulation behind a rejection (it must be declared in the policy). */
export function citing(assessment, regulation, article) {
  if (assessment.verdict.tag === 'reject') {
    assessment.verdict.val.citation = { regulation, article };
  }
  return assessment;
}

/** Puts the assessment in a group: a region code inside the program, or an occupation. */
export function inGroup(assessment, group) {
  assessment.group = group;
  return assessment;
}

/** Adds a note (at most 8, of at most 500 bytes). */
export function note(assessment, text) {
  assessment.notes.push(text);
  return assessment;
}

/** The kecamatan code of the applicant's domicile (`64.09.01`), if it names one. */
export function district(applicant) {
  const parts = applicant.domicile.split('.');
  return parts.length >= 3 ? parts.slice(0, 3).join('.') : undefined;
}

/** The kabupaten code of the applicant's domicile (`64.09`), if it names one. */
export function regency(applicant) {
  const parts = applicant.domicile.split('.');
  return parts.length >= 2 ? parts.slice(0, 2).join('.') : undefined;
}

/** An extra registry column the plugin declared in `attributes`. */
export function attribute(applicant, name) {
  return applicant.attributes.find((a) => a.name === name)?.value;
}

/** A `param` of the policy as text (a text or a bare word), or undefined. */
export function paramText(program, name) {
  const p = program.params.find((p) => p.name === name);
  return p && (p.value.tag === 'text' || p.value.tag === 'word') ? p.value.val : undefined;
}

/** A `param` of the policy as a BigInt (an integer or money), or undefined. */
export function paramInteger(program, name) {
  const p = program.params.find((p) => p.name === name);
  return p && (p.value.tag === 'integer' || p.value.tag === 'money') ? p.value.val : undefined;
}

/** A text `param` the plugin cannot work without: throws (stopping the run) if missing. */
export function requireText(program, name) {
  const value = paramText(program, name);
  if (value === undefined) throw `the policy gives no parameter \`${name}\``;
  return value;
}

/** Lines for the run's log (each costs fuel; the first 500 bytes of 64 lines are kept). */
export const log = {
  info: (message) => hostLog('info', message),
  warning: (message) => hostLog('warning', message),
};
