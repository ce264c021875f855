//! `jaring plugin test POLICY`: the conformance runner. It runs a policy's pinned plugin as a
//! run would — over a registry, or over synthetic applicants for the policy — and reports
//! each part of the contract as passed or failed, the first offender named by its registry
//! row: the plugin loads under its pin and limits; it reads no personal column; every
//! answer keeps the contract (ids, priorities, groups, cited regulations, texts); fuel per
//! applicant and per batch against the limits; memory; the same answers in other batch
//! compositions and in a second run; and an apportionment that adds up.
//!
//! Each applicant is first asked about alone (which gives its fuel and pins a breach to
//! one row), then the whole set in the policy's batches, twice.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::i18n::{Arg, Msg};
use crate::money::grouped;
use crate::msg;
use crate::plugin::{Limits, PluginError, PluginHost, contract};
use crate::policy::Program;
use crate::run::RunError;

/// Where the applicants come from.
pub struct Options<'a> {
    /// A registry file; else synthetic applicants (`jaring synth`, seed 1).
    pub registry: Option<&'a Path>,
    /// How many synthetic rows.
    pub count: u32,
}

/// One part of the contract, passed or failed.
pub struct Check {
    pub passed: bool,
    pub what: Msg,
}

/// What the runner found for one program's plugin.
pub struct Report {
    pub program: String,
    pub plugin: PathBuf,
    /// Where the applicants came from, and how many were asked about.
    pub source: Msg,
    pub checks: Vec<Check>,
}

impl Report {
    pub fn passed(&self) -> bool {
        self.checks.iter().all(|c| c.passed)
    }
}

fn pass(what: Msg) -> Check {
    Check { passed: true, what }
}

fn fail(what: Msg) -> Check {
    Check { passed: false, what }
}

/// Runs every pinned plugin of `policies`. An error means the runner could not start
/// (policies with errors, an unreadable registry, no plugin pinned).
pub fn run(policies: &[PathBuf], options: &Options<'_>) -> Result<Vec<Report>, RunError> {
    let programs = crate::run::load_programs(policies)?;
    let with_plugin: Vec<&Program> = programs.iter().filter(|p| p.plugin.is_some()).collect();
    if with_plugin.is_empty() {
        return Err(RunError::Setup(msg!("plugin-test-no-plugin")));
    }
    let host = PluginHost::uncached().map_err(|e| RunError::Plugin(Box::new(e)))?;
    let mut reports = Vec::new();
    for program in with_plugin {
        let (registry, source) = match options.registry {
            Some(path) => (
                crate::run::read_registry(path, &programs)?,
                msg!("plugin-test-registry", file = path.display()),
            ),
            None => {
                let registry = synthetic(program, options.count).map_err(RunError::Setup)?;
                (registry, msg!("plugin-test-synth", count = grouped(options.count.into())))
            }
        };
        reports.push(test_program(program, &registry, &host, source, options.count as usize));
    }
    Ok(reports)
}

/// `count` synthetic rows for `program` (`jaring synth`, seed 1), read as a registry.
fn synthetic(program: &Program, count: u32) -> Result<crate::registry::Registry, Msg> {
    let bytes = crate::synth::registry(program, count, 1, false, crate::synth::SynthFormat::Csv)
        .map_err(|e| msg!("run-cannot-write", error = e))?;
    crate::registry::read_bytes("synth", &bytes, false, &program.catalog).map_err(|e| e.message())
}

/// The cheap part, for `jaring check`: the pinned plugin loads, asks for no personal column,
/// and keeps the contract (ids, priorities, groups, cited regulations, texts) for `count`
/// synthetic rows in the policy's batches. The breach, in words, if there is one.
pub fn quick(program: &Program, host: &PluginHost, count: u32) -> Result<(), Msg> {
    let Some(spec) = &program.plugin else { return Ok(()) };
    // an unpinned or wrongly pinned plugin is the policy checker's to report
    let Some(pin) = spec.sha256.as_deref() else { return Ok(()) };
    let limits = Limits::from_policy(&spec.limits);
    let loaded = host.load_limited(&spec.path, Some(pin), &limits.code).map_err(|e| e.message())?;
    loaded.check_columns(program.catalog.personal_data()).map_err(|e| e.message())?;
    let registry = synthetic(program, count)?;
    let (applicants, _) = crate::run::plugin_applicants(program, &registry, &loaded.info.attributes)
        .map_err(|e| e.message())?;
    let view = crate::plugin::program_view(program);
    loaded.assess(&view, &applicants, &limits).map(|_| ()).map_err(|e| e.message())
}

fn test_program(
    program: &Program,
    registry: &crate::registry::Registry,
    host: &PluginHost,
    source: Msg,
    alone_at_most: usize,
) -> Report {
    let spec =
        program.plugin.as_ref().map(|s| (s.path.clone(), s.sha256.clone(), Limits::from_policy(&s.limits)));
    let Some((path, pin, limits)) = spec else {
        return Report { program: program.id.clone(), plugin: PathBuf::new(), source, checks: Vec::new() };
    };
    let mut report = Report { program: program.id.clone(), plugin: path.clone(), source, checks: Vec::new() };
    let size = std::fs::metadata(&path).map_or(0, |m| m.len());
    let started = Instant::now();
    let loaded = match host.load_limited(&path, pin.as_deref(), &limits.code) {
        Ok(p) => p,
        Err(e) => {
            report.checks.push(fail(msg!("plugin-test-loads-not", why => e.message())));
            return report;
        }
    };
    let compiled = started.elapsed();
    report.checks.push(pass(msg!(
        "plugin-test-loads",
        name = crate::text::shown(&loaded.info.name, 64),
        version = crate::text::shown(&loaded.info.version, 32),
        bytes = grouped(size),
        limit = grouped(limits.code.component_bytes as u64),
        seconds = format!("{:.2}", compiled.as_secs_f64())
    )));
    if let Err(e) = loaded.check_columns(program.catalog.personal_data()) {
        report.checks.push(fail(e.message()));
        return report;
    }
    report.checks.push(pass(msg!("plugin-test-columns", count = loaded.info.attributes.len())));
    let view = crate::plugin::program_view(program);
    let applicants = match crate::run::plugin_applicants(program, registry, &loaded.info.attributes) {
        Ok((applicants, _)) => applicants,
        Err(e) => {
            report.checks.push(fail(e.message()));
            return report;
        }
    };
    report.source = msg!("plugin-test-source", source => report.source.clone(), eligible = grouped(applicants.len() as u64));
    if applicants.is_empty() {
        report.checks.push(fail(msg!("plugin-test-nobody")));
        return report;
    }
    // 1. each applicant alone: the contract per answer, fuel and memory per applicant
    let alone = Limits { batch_size: 1, ..limits };
    let mut fuel: Vec<u64> = Vec::with_capacity(applicants.len());
    let mut memory = 0u64;
    let mut single: Vec<contract::Assessment> = Vec::with_capacity(applicants.len());
    // a call per applicant costs a fresh instance: at most `alone_at_most` (the first); the
    // batched passes below take everyone
    for a in applicants.iter().take(alone_at_most.max(1)) {
        match loaded.assess(&view, std::slice::from_ref(a), &alone) {
            Ok(assessed) => {
                fuel.extend(assessed.batches.iter().map(|b| b.fuel));
                memory = memory.max(assessed.batches.iter().map(|b| b.memory_peak).max().unwrap_or(0));
                single.extend(assessed.assessments);
            }
            Err(e) => {
                report.checks.push(fail(msg!("plugin-test-row", row = a.id, why => breach(&e))));
                return report;
            }
        }
    }
    let heaviest = fuel.iter().enumerate().max_by_key(|(_, f)| **f).map_or(0, |(k, _)| applicants[k].id);
    fuel.sort_unstable();
    let at = |q: f64| fuel[((fuel.len() - 1) as f64 * q).round() as usize];
    let per_applicant = limits.fuel_per_applicant + crate::plugin::BASE_FUEL;
    let fuel_line = msg!(
        "plugin-test-fuel",
        median = grouped(at(0.5)),
        p99 = grouped(at(0.99)),
        max = grouped(at(1.0)),
        limit = grouped(per_applicant),
        row = heaviest
    );
    report.checks.push(if at(1.0) <= per_applicant { pass(fuel_line) } else { fail(fuel_line) });
    // 2. the policy's batches, twice
    let first = loaded.assess(&view, &applicants, &limits);
    let second = loaded.assess(&view, &applicants, &limits);
    let (first, second) = match (first, second) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => {
            report.checks.push(fail(msg!("plugin-test-batches-not", why => breach(&e))));
            return report;
        }
    };
    report.checks.push(pass(msg!(
        "plugin-test-contract",
        alone = grouped(single.len() as u64),
        count = grouped(applicants.len() as u64)
    )));
    memory = memory.max(first.batches.iter().map(|b| b.memory_peak).max().unwrap_or(0));
    let batch_size = limits.batch_size.max(1);
    let batch_fuel = first.batches.iter().map(|b| b.fuel).max().unwrap_or(0);
    let batch_limit = crate::plugin::BASE_FUEL + limits.fuel_per_applicant * batch_size as u64;
    report.checks.push(pass(msg!(
        "plugin-test-batches",
        batches = first.batches.len(),
        size = grouped(batch_size as u64),
        max = grouped(batch_fuel),
        limit = grouped(batch_limit)
    )));
    let memory_line = msg!(
        "plugin-test-memory",
        peak = grouped(memory.div_ceil(1 << 10)),
        limit = grouped((limits.memory_bytes as u64) >> 10)
    );
    report.checks.push(if memory <= limits.memory_bytes as u64 {
        pass(memory_line)
    } else {
        fail(memory_line)
    });
    // 3. the same answers whoever else is in the batch, and in a second run
    let same = |a: &contract::Assessment, b: &contract::Assessment| {
        format!("{:?}", (&a.verdict, a.priority, &a.group, &a.notes))
            == format!("{:?}", (&b.verdict, b.priority, &b.group, &b.notes))
    };
    let differs = |one: &[contract::Assessment], other: &[contract::Assessment]| {
        (0..one.len().min(other.len())).find(|&k| !same(&one[k], &other[k]))
    };
    report.checks.push(match differs(&single, &first.assessments) {
        None => pass(msg!("plugin-test-independent")),
        Some(k) => fail(msg!("plugin-test-not-independent", row = applicants[k].id)),
    });
    report.checks.push(match differs(&first.assessments, &second.assessments) {
        None => pass(msg!("plugin-test-deterministic")),
        Some(k) => fail(msg!("plugin-test-not-deterministic", row = applicants[k].id)),
    });
    // 4. the quota spread over the groups the answers name, when the plugin apportions
    // (when the answers name no group there is nothing to spread)
    if loaded.info.apportions && first.assessments.iter().any(|a| a.group.is_some()) {
        let mut counts: std::collections::BTreeMap<&str, u32> = std::collections::BTreeMap::new();
        for a in &first.assessments {
            if let (contract::Verdict::Accept, Some(g)) = (&a.verdict, &a.group) {
                *counts.entry(g.as_str()).or_default() += 1;
            }
        }
        let groups: Vec<contract::GroupCount> = counts
            .iter()
            .map(|(g, n)| contract::GroupCount { group: (*g).to_owned(), eligible: *n })
            .collect();
        let total =
            u32::try_from(crate::engine::capacity(program)).unwrap_or(u32::MAX).min(counts.values().sum());
        report.checks.push(match loaded.apportion(&view, total, &groups, &limits) {
            Ok(_) => {
                pass(msg!("plugin-test-apportions", total = grouped(total.into()), groups = groups.len()))
            }
            Err(e) => fail(msg!("plugin-test-apportions-not", why => e.message())),
        });
    }
    report
}

/// A plugin's failure in words, without the batch (the row is named beside it).
fn breach(e: &PluginError) -> Arg {
    Arg::Msg(Box::new(e.message()))
}
