//! `summary.json`: a run's counts and money, computed from what the decision log records.
//!
//! The run tallies its decisions with [`Tally`] and writes the summary with [`Tally::json`];
//! `verify` tallies the log's records with the same [`Tally`] and compares its rendering with
//! the file byte for byte. So every number a person reads in the summary is one the chain
//! covers, and a forged one is found.

use std::collections::BTreeMap;

use serde_json::json;

use super::Header;
use super::Record;
use crate::decision::{RowOutcome, Verdict};
use crate::region::{self, regions};

/// The most bytes a run's `summary.json` is read up to (one is a few kilobytes: its
/// programs, funding sources and kecamatan); a longer one is not a summary jaring wrote.
pub const MAX_BYTES: u64 = 16 << 20;

/// What the log says about itself, for the summary's `log` section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogFacts {
    pub records: u64,
    pub bytes: u64,
    pub chain_head: String,
    /// The Merkle tree's root (schema 4).
    pub root: Option<String>,
}

/// Counts gathered row by row (rows may be tallied in any order and blocks merged).
#[derive(Clone, Debug, Default)]
pub struct Tally {
    outcomes: BTreeMap<String, u64>,
    duplicates: u64,
    invalid_by_field: BTreeMap<String, u64>,
    programs: Vec<ProgramTally>,
}

#[derive(Clone, Debug, Default)]
struct ProgramTally {
    enrolled: u64,
    waiting: u64,
    rejected: u64,
    /// Enrolled per funding source, by its id.
    by_funding: BTreeMap<String, u64>,
    by_district: BTreeMap<String, u64>,
    by_occupation: BTreeMap<String, u64>,
    rejected_by_reason: BTreeMap<String, u64>,
    waiting_by_reason: BTreeMap<String, u64>,
    /// (occupation, domicile) → (enrolled, waiting), kept only for a program with
    /// sub-quotas or reserves, to count how full each got.
    cells: Option<BTreeMap<(String, String), (u64, u64)>>,
}

/// One program's decision on a row, as the log records it.
#[derive(Clone, Copy, Debug)]
pub struct DecisionFacts<'a> {
    /// Position of the program in the header.
    pub program: usize,
    pub decision: Verdict,
    pub funding: Option<&'a str>,
    pub reason: Option<&'a str>,
    /// Occupation code and domicile code as read (counted for enrolments).
    pub occupation: &'a str,
    pub domicile: &'a str,
}

impl Tally {
    /// A tally for these programs; `grouped` says which have sub-quotas or reserves.
    pub fn new(grouped: &[bool]) -> Tally {
        let programs = grouped
            .iter()
            .map(|g| ProgramTally { cells: g.then(BTreeMap::new), ..ProgramTally::default() })
            .collect();
        Tally { programs, ..Tally::default() }
    }

    /// A tally for the programs of a log's header.
    pub fn for_header(header: &Header) -> Tally {
        let grouped: Vec<bool> =
            header.programs.iter().map(|p| !p.sub_quotas.is_empty() || !p.reserves.is_empty()).collect();
        Tally::new(&grouped)
    }

    /// A row's overall outcome; `invalid_field` for an invalid row, `duplicate` for a repeated NIK.
    pub fn row(&mut self, outcome: &str, invalid_field: Option<&str>, duplicate: bool) {
        count(&mut self.outcomes, outcome);
        if let Some(field) = invalid_field {
            count(&mut self.invalid_by_field, field);
        }
        if duplicate {
            self.duplicates += 1;
        }
    }

    pub fn decision(&mut self, d: DecisionFacts<'_>) {
        let Some(p) = self.programs.get_mut(d.program) else { return };
        if let Some(cells) = p.cells.as_mut()
            && d.decision != Verdict::Rejected
        {
            let cell = cells.entry((d.occupation.to_owned(), d.domicile.to_owned())).or_default();
            if d.decision == Verdict::Enrolled {
                cell.0 += 1;
            } else {
                cell.1 += 1;
            }
        }
        match d.decision {
            Verdict::Enrolled => {
                p.enrolled += 1;
                count(&mut p.by_funding, d.funding.unwrap_or(""));
                count(&mut p.by_district, district_code(d.domicile));
                count(&mut p.by_occupation, d.occupation);
            }
            Verdict::Waiting => {
                p.waiting += 1;
                count(&mut p.waiting_by_reason, d.reason.unwrap_or(""));
            }
            Verdict::Rejected => {
                p.rejected += 1;
                count(&mut p.rejected_by_reason, d.reason.unwrap_or(""));
            }
        }
    }

    /// Counts one record of a log, read back.
    pub fn add_view(&mut self, header: &Header, v: &Record<'_>) {
        self.row(v.outcome.as_str(), v.invalid.as_ref().map(|i| i.field.as_str()), v.duplicate_of.is_some());
        let read = |f: crate::registry::Field| v.read_of(f).unwrap_or("");
        for d in &v.programs {
            self.decision(DecisionFacts {
                program: header
                    .programs
                    .iter()
                    .position(|p| p.id == d.program.as_str())
                    .unwrap_or(usize::MAX),
                // a word no run writes counts as a rejection, as it always has
                decision: Verdict::parse(d.decision.as_str()).unwrap_or(Verdict::Rejected),
                funding: d.funding.as_ref().map(|f| f.as_str()),
                reason: d.reason.as_ref().map(|r| r.as_str()),
                occupation: read(crate::registry::Field::Occupation),
                domicile: read(crate::registry::Field::Domicile),
            });
        }
    }

    /// Counts every record of the log at `path` (whose header is `header`).
    pub fn of_log(path: &std::path::Path, header: &Header) -> std::io::Result<Tally> {
        let mut tally = Tally::for_header(header);
        let shared = super::compact::Shared::of(header);
        super::view::blocks::<std::io::Error>(path, 16 << 20, |_, lines| {
            for line in lines {
                let v = shared.parse(line).map_err(std::io::Error::other)?;
                tally.add_view(header, &v);
            }
            Ok(())
        })?;
        Ok(tally)
    }

    /// Adds another block's counts.
    pub fn merge(&mut self, other: Tally) {
        let add = |into: &mut BTreeMap<String, u64>, from: BTreeMap<String, u64>| {
            for (k, v) in from {
                *into.entry(k).or_default() += v;
            }
        };
        add(&mut self.outcomes, other.outcomes);
        add(&mut self.invalid_by_field, other.invalid_by_field);
        self.duplicates += other.duplicates;
        if self.programs.len() < other.programs.len() {
            self.programs.resize(other.programs.len(), ProgramTally::default());
        }
        for (p, o) in self.programs.iter_mut().zip(other.programs) {
            p.enrolled += o.enrolled;
            p.waiting += o.waiting;
            p.rejected += o.rejected;
            add(&mut p.by_funding, o.by_funding);
            add(&mut p.by_district, o.by_district);
            add(&mut p.by_occupation, o.by_occupation);
            add(&mut p.rejected_by_reason, o.rejected_by_reason);
            add(&mut p.waiting_by_reason, o.waiting_by_reason);
            if let (Some(into), Some(from)) = (p.cells.as_mut(), o.cells) {
                for (k, (e, w)) in from {
                    let cell = into.entry(k).or_default();
                    cell.0 += e;
                    cell.1 += w;
                }
            }
        }
    }

    /// The summary, as `summary.json` holds it.
    pub fn json(&self, header: &Header, log: Option<&LogFacts>) -> serde_json::Value {
        let count = |w: &str| self.outcomes.get(w).copied().unwrap_or(0);
        let empty = ProgramTally::default();
        let programs: Vec<serde_json::Value> = header
            .programs
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let t = self.programs.get(i).unwrap_or(&empty);
                let cost = p.premium_per_worker;
                let budget: u64 = p.funding.iter().map(|f| f.budget).sum();
                let used = t.enrolled * cost;
                let funding: Vec<serde_json::Value> = p
                    .funding
                    .iter()
                    .map(|f| {
                        let n = t.by_funding.get(&f.id).copied().unwrap_or(0);
                        json!({
                            "id": f.id,
                            "kind": f.kind,
                            "budget": f.budget,
                            "quota": f.quota,
                            "enrolled": n,
                            "used": cost * n,
                            "left": f.budget.saturating_sub(cost * n),
                        })
                    })
                    .collect();
                // how full each sub-quota and reserve got (enrolled, waiting members)
                let fill = |g: &super::GroupInfo| -> (u64, u64) {
                    t.cells.iter().flatten().filter(|((o, d), _)| g.holds(o, d)).fold((0, 0), |acc, (_, c)| (acc.0 + c.0, acc.1 + c.1))
                };
                let sub_quotas: Vec<serde_json::Value> = p
                    .sub_quotas
                    .iter()
                    .map(|g| {
                        let (enrolled, waiting) = fill(g);
                        json!({"occupations": g.occupations, "regions": g.regions, "count": g.count, "enrolled": enrolled, "waiting": waiting})
                    })
                    .collect();
                let reserves: Vec<serde_json::Value> = p
                    .reserves
                    .iter()
                    .map(|g| {
                        let (enrolled, waiting) = fill(g);
                        json!({
                            "occupations": g.occupations,
                            "regions": g.regions,
                            "count": g.count,
                            "release_unused": g.release_unused,
                            "filled": enrolled.min(u64::from(g.count)),
                            "enrolled": enrolled,
                            "waiting": waiting,
                        })
                    })
                    .collect();
                let mut program = json!({
                    "id": p.id,
                    "title": p.title,
                    "region": p.region,
                    "region_name": p.region_name,
                    "policy_sha256": p.policy.sha256,
                    "first_month": p.first_month,
                    "last_month": p.last_month,
                    "months": p.months,
                    "premium_per_worker": cost,
                    "quota": p.quota,
                    "capacity": p.capacity,
                    "enrolled": t.enrolled,
                    "waiting": t.waiting,
                    "rejected": t.rejected,
                    "budget": budget,
                    "money_used": used,
                    "money_left": budget.saturating_sub(used),
                    "funding": funding,
                    "plugin": p.plugin.as_ref().map(|r| json!({"name": r.name, "version": r.version, "sha256": r.artifact.sha256})),
                    "group_quotas": p.group_quotas.as_ref().map(|g| g.iter().map(|q| json!({"group": q.group, "quota": q.quota})).collect::<Vec<_>>()),
                    "enrolled_by_district": t.by_district.iter().map(|(c, n)| json!({"code": c, "name": regions().name(c).unwrap_or(""), "enrolled": n})).collect::<Vec<_>>(),
                    "enrolled_by_occupation": t.by_occupation.iter().map(|(c, n)| json!({"code": c, "enrolled": n})).collect::<Vec<_>>(),
                    "rejected_by_reason": t.rejected_by_reason,
                    "waiting_by_reason": t.waiting_by_reason,
                });
                if !sub_quotas.is_empty() {
                    program["sub_quotas"] = json!(sub_quotas);
                }
                if !reserves.is_empty() {
                    program["reserves"] = json!(reserves);
                }
                if let Some(order) = &p.order {
                    program["order"] = json!(order);
                }
                program
            })
            .collect();
        let mut summary = json!({
            "registry": {
                "file_sha256": header.registry.sha256,
                "rows": header.registry.rows,
            },
            "outcomes": {
                "enrolled": count(RowOutcome::Enrolled.word()),
                "waiting": count(RowOutcome::Waiting.word()),
                "rejected": count(RowOutcome::Rejected.word()),
                "invalid": count(RowOutcome::Invalid.word()),
            },
            "duplicate_niks": self.duplicates,
            "invalid_by_field": self.invalid_by_field,
            "programs": programs,
            "warnings": header.warnings,
        });
        // the language of `warnings`, as the log records it (English, the default, unsaid)
        if !header.lang.is_en() {
            summary["lang"] = json!(header.lang);
        }
        if let Some(log) = log {
            summary["log"] = json!({
                "file": super::LOG_FILE,
                "records": log.records,
                "bytes": log.bytes,
                "chain_head": log.chain_head,
            });
            if let Some(root) = &log.root {
                summary["log"]["tree_size"] = json!(log.records);
                summary["log"]["root"] = json!(root);
            }
        }
        summary
    }

    /// `summary.json`'s text.
    pub fn text(&self, header: &Header, log: Option<&LogFacts>) -> String {
        serde_json::to_string_pretty(&self.json(header, log)).unwrap_or_default() + "\n"
    }
}

/// The district (kecamatan) code of a domicile, or the code itself when it is coarser.
pub fn district_of(domicile: &str) -> String {
    district_code(domicile).to_owned()
}

/// [`district_of`], borrowed from `domicile`.
fn district_code(domicile: &str) -> &str {
    let mut code = domicile;
    while region::level(code) > Some(region::Level::District) {
        code = region::parent(code).unwrap_or(code);
    }
    code
}

/// One more of `key` (its text copied only the first time: a run counts every row).
fn count(counts: &mut BTreeMap<String, u64>, key: &str) {
    match counts.get_mut(key) {
        Some(n) => *n += 1,
        None => {
            counts.insert(key.to_owned(), 1);
        }
    }
}
