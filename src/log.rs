//! The decision log: every decision of a run, with its reasons, in a tamper-evident file
//! that auditors can verify and replay years later.
//!
//! `decisions.jsonl` holds a header (versions, the sha256 of every input, the programs with
//! their rules and citations; the wall-clock time is its last field and the only one), one
//! record per registry row in input order, and a trailer (counts and the chain head). Each
//! record ends with `"prev"`: the sha256 of the line before it; the first record's `prev`
//! is the sha256 of the whole header line, its time included (schema 2; in schema 1 logs it
//! left the time out). The trailer's `header_sha256` covers the header too.
//!
//! The chain shows any change to the file, but someone rewriting it could recompute every
//! hash: the chain head printed at the end of a run must be kept outside the run folder (in
//! the decree, the minutes, a letter to BPJS) and given to `jaring verify --expect-head`.
//!
//! The run folder keeps the exact policies, catalog, rate table and plugins under
//! `artifacts/`, named by sha256, so a log can be verified and replayed without the
//! repository. Only the types in this module are serialized.

pub mod explain;
pub mod export;
pub mod json;
pub mod replay;
pub mod summary;
pub mod verify;
pub mod view;

use std::io::{BufRead as _, Write as _};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::digest::sha256_hex;
use crate::engine;
use crate::policy::Program;
use crate::policy::program::RuleKind;
use crate::registry::{Field, Format, RowWarning, Sex};
use crate::run::{Decision, Outcome, Rejection};

/// 2: the chain covers the header's time; the header holds the run's warnings and what each
/// program's summary needs (region name, monthly premium, capacity); records hold the text
/// of every reason a CSV shows. 1: logs written before 2026-12.
pub const SCHEMA: u32 = 2;
pub const LOG_FILE: &str = "decisions.jsonl";
pub const ARTIFACTS: &str = "artifacts";
/// The columns of `enrollments.csv`: a line per enrolment.
pub const ENROLLMENT_COLUMNS: [&str; 12] = [
    "row",
    "nik",
    "name",
    "program",
    "funding_source",
    "first_month",
    "last_month",
    "months",
    "monthly_premium",
    "total_premium",
    "occupation",
    "domicile",
];
/// The columns of `waiting_list.csv`: a line per waiting place, per program in rank order.
pub const WAITING_COLUMNS: [&str; 10] =
    ["program", "rank", "row", "nik", "name", "priority", "reason", "reason_text", "occupation", "domicile"];
/// The columns of `rejections.csv`: a line per rejection (per program) or invalid row.
pub const REJECTION_COLUMNS: [&str; 9] =
    ["row", "nik", "name", "outcome", "program", "reason", "reason_text", "citation", "field"];

/// The reason a repeated NIK gives, in words.
pub fn duplicate_text(first: u32) -> String {
    format!("the same NIK is on row {first}, which is the one decided")
}

/// The order of the normalised values in a record's `read`.
pub const READ_FIELDS: [&str; 10] = [
    "nik",
    "birth_date",
    "sex",
    "occupation",
    "domicile",
    "poverty_decile",
    "already_covered",
    "civil_servant",
    "student",
    "nik_status",
];
/// How ties are broken, stated in every header.
pub const TIEBREAK: &str =
    "priority (high first), then the first 8 bytes of sha256(\"<program id>:<NIK>\") (low first), then row";

/// The first line of the log.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Header {
    pub kind: String,
    pub schema: u32,
    pub jaring: String,
    pub wasmtime: String,
    pub contract: String,
    pub tiebreak: String,
    pub registry: RegistryInfo,
    pub catalog: Artifact,
    pub rates: Artifact,
    pub programs: Vec<ProgramInfo>,
    pub read_fields: Vec<String>,
    /// What the run warned about (the registry's structure, missing columns, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redacted: Option<Redaction>,
    /// When the run happened (the only clock reading in the log); always the last field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<String>,
}

/// In a redacted copy: what was masked, and which run it was made from.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Redaction {
    pub masked: String,
    /// The chain head and header hash of the run folder the copy was made from; exporting
    /// that folder again gives this copy byte for byte.
    pub original_chain_head: String,
    pub original_header_sha256: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct RegistryInfo {
    pub name: String,
    pub sha256: String,
    pub rows: u64,
    pub format: String,
    /// Column names as written; a record's `input` follows this order.
    pub columns: Vec<String>,
}

/// A file archived in the run folder.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Artifact {
    /// Where it came from.
    pub name: String,
    pub sha256: String,
    /// Its path inside the run folder.
    pub file: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct ProgramInfo {
    pub id: String,
    pub title: String,
    pub region: String,
    /// The region's name (schema 2).
    #[serde(default)]
    pub region_name: String,
    pub policy: Artifact,
    pub first_month: String,
    pub last_month: String,
    pub months: u32,
    pub premium_per_worker: u64,
    /// The premium of one month, when it is the same every month (schema 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly_premium: Option<u64>,
    pub quota: Option<u32>,
    /// How many the program can enroll at most: quota, budgets and funding quotas together
    /// (schema 2).
    #[serde(default)]
    pub capacity: u64,
    pub funding: Vec<FundingInfo>,
    /// The eligibility rules in order; a record's `rules` has one character per rule.
    pub rules: Vec<RuleInfo>,
    pub plugin: Option<PluginInfo>,
    pub group_quotas: Option<Vec<GroupQuota>>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct FundingInfo {
    pub id: String,
    pub kind: String,
    pub budget: u64,
    pub quota: Option<u32>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct RuleInfo {
    pub rule: String,
    pub cite: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct PluginInfo {
    pub name: String,
    pub version: String,
    pub artifact: Artifact,
    /// One entry per call: batches in order, then the apportionment.
    pub calls: Vec<CallInfo>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct CallInfo {
    pub fuel: u64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub logs: Vec<String>,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub dropped_logs: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct GroupQuota {
    pub group: String,
    pub quota: u32,
}

/// One registry row's decisions (the lines between the header and the trailer).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Record {
    pub row: u32,
    pub outcome: String,
    /// The fields as written, in the header's column order.
    pub input: Vec<String>,
    /// The values as read (see `read_fields`), when the row is valid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invalid: Option<InvalidInfo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub programs: Vec<ProgramDecision>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub prev: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct InvalidInfo {
    pub field: String,
    pub reason: String,
}

/// A row's decision in one program.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct ProgramDecision {
    pub program: String,
    pub decision: String,
    /// One character per rule of the program: `1` passed, `0` failed.
    pub rules: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cite: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funding: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub months: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub premium: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<u32>,
    /// The ranking priority, when no plugin gave one (all 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plugin: Option<PluginAnswer>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct PluginAnswer {
    pub verdict: String,
    pub priority: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Index of the call in the program's `plugin.calls` (its fuel is there).
    pub call: u32,
}

/// The last line of the log.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Trailer {
    pub kind: String,
    pub records: u64,
    pub counts: Counts,
    /// sha256 of the last record's line.
    pub chain_head: String,
    /// sha256 of the header line, time included.
    pub header_sha256: String,
    pub prev: String,
}

#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Counts {
    pub enrolled: u64,
    pub waiting: u64,
    pub rejected: u64,
    pub invalid: u64,
}

impl Counts {
    pub fn add(&mut self, outcome: &str) -> bool {
        match outcome {
            "enrolled" => self.enrolled += 1,
            "waiting" => self.waiting += 1,
            "rejected" => self.rejected += 1,
            "invalid" => self.invalid += 1,
            _ => return false,
        }
        true
    }

    pub fn total(&self) -> u64 {
        self.enrolled + self.waiting + self.rejected + self.invalid
    }
}

/// What a written log is known by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    pub records: u64,
    pub chain_head: String,
    pub bytes: u64,
}

/// The hash that starts the chain: the header line without its time.
/// What the first record's `prev` holds: the sha256 of the header line (in schema 1, of the
/// line without its time).
pub fn header_digest(header_line: &str, schema: u32) -> String {
    if schema >= 2 {
        return sha256_hex(header_line.as_bytes());
    }
    let without_time = match header_line.rfind(",\"started_at\":") {
        Some(i) => format!("{}}}", &header_line[..i]),
        None => header_line.to_owned(),
    };
    sha256_hex(without_time.as_bytes())
}

/// Appends `"prev"` to a serialized record body (`{…}`).
pub fn with_prev(body: &str, prev: &str) -> String {
    let open = body.strip_suffix('}').unwrap_or(body);
    if open.ends_with('{') {
        format!("{open}\"prev\":\"{prev}\"}}")
    } else {
        format!("{open},\"prev\":\"{prev}\"}}")
    }
}

fn artifact(sha256: &str, ext: &str, name: &str) -> Artifact {
    Artifact { name: name.to_owned(), sha256: sha256.to_owned(), file: format!("{ARTIFACTS}/{sha256}.{ext}") }
}

/// Describes a rule in words for the header.
pub fn rule_name(kind: &RuleKind) -> String {
    match kind {
        RuleKind::Occupation(codes) => format!("occupation is one of {}", codes.join(", ")),
        RuleKind::Age { min, max, at } => format!("age {min} .. {max} on {at}"),
        RuleKind::Residence(codes) => format!("domicile within {}", codes.join(", ")),
        RuleKind::Exclude(e) => format!("not {}", e.name()),
        RuleKind::PovertyDecile { max } => format!("poverty decile at most {max}"),
    }
}

/// The header of a run's log (without the time).
pub fn header(outcome: &Outcome, registry_name: &str) -> Header {
    let first = outcome.programs.first();
    let catalog = first.map(|p| artifact(&p.catalog_ref.sha256, "toml", &p.catalog_ref.name));
    let rates = first.map(|p| artifact(&p.rates_ref.sha256, "toml", &p.rates_ref.name));
    let empty = Artifact { name: String::new(), sha256: String::new(), file: String::new() };
    Header {
        kind: "header".to_owned(),
        schema: SCHEMA,
        jaring: env!("CARGO_PKG_VERSION").to_owned(),
        wasmtime: crate::plugin::WASMTIME_VERSION.to_owned(),
        contract: crate::plugin::CONTRACT.to_owned(),
        tiebreak: TIEBREAK.to_owned(),
        registry: RegistryInfo {
            name: registry_name.to_owned(),
            sha256: outcome.registry.sha256.clone(),
            rows: outcome.registry.rows.len() as u64,
            format: match outcome.registry.format {
                Format::Csv { delimiter } => format!("csv ({})", delimiter as char),
                Format::JsonLines => "jsonl".to_owned(),
            },
            columns: outcome.registry.header.clone(),
        },
        catalog: catalog.unwrap_or_else(|| empty.clone()),
        rates: rates.unwrap_or(empty),
        programs: outcome
            .programs
            .iter()
            .zip(&outcome.runs)
            .map(|(p, run)| ProgramInfo {
                id: p.id.clone(),
                title: p.title.clone(),
                region: p.region.clone(),
                region_name: p.region_name.clone(),
                policy: artifact(&p.policy.sha256, "policy", &p.policy.name),
                first_month: p.months.first().map(ToString::to_string).unwrap_or_default(),
                last_month: p.months.last().map(ToString::to_string).unwrap_or_default(),
                months: p.months.len() as u32,
                premium_per_worker: p.premium_per_worker.0,
                monthly_premium: engine::monthly_premium(p).map(|m| m.0),
                quota: p.quota.as_ref().map(|q| q.count),
                capacity: engine::capacity(p),
                funding: p
                    .funding
                    .iter()
                    .map(|f| FundingInfo {
                        id: f.id.clone(),
                        kind: f.kind.name().to_owned(),
                        budget: f.budget.0,
                        quota: f.quota,
                    })
                    .collect(),
                rules: p
                    .rules
                    .iter()
                    .map(|r| RuleInfo {
                        rule: rule_name(&r.kind),
                        cite: r.cite.as_ref().map(ToString::to_string),
                    })
                    .collect(),
                plugin: run.plugin.as_ref().map(|r| PluginInfo {
                    name: r.name.clone(),
                    version: r.version.clone(),
                    artifact: artifact(&r.sha256, "wasm", &r.path.display().to_string()),
                    calls: run
                        .plugin_calls
                        .iter()
                        .map(|c| CallInfo {
                            fuel: c.fuel,
                            logs: c.logs.iter().map(|l| format!("{}: {}", l.level, l.message)).collect(),
                            dropped_logs: c.dropped_logs,
                        })
                        .collect(),
                }),
                group_quotas: run.group_caps.as_ref().map(|g| {
                    g.iter()
                        .map(|(group, quota)| GroupQuota { group: group.clone(), quota: *quota })
                        .collect()
                }),
            })
            .collect(),
        read_fields: READ_FIELDS.iter().map(|f| (*f).to_owned()).collect(),
        warnings: outcome.warnings.clone(),
        redacted: None,
        started_at: None,
    }
}

fn flag(b: Option<bool>) -> String {
    match b {
        Some(true) => "ya",
        Some(false) => "tidak",
        None => "",
    }
    .to_owned()
}

/// The record of row `i`.
pub fn record(outcome: &Outcome, i: usize) -> Record {
    let row = &outcome.registry.rows[i];
    let input: Vec<String> = outcome.registry.cells.row(i).map(str::to_owned).collect();
    let mut record = Record {
        row: row.number,
        outcome: outcome.rows[i].word().to_owned(),
        input,
        read: None,
        invalid: None,
        duplicate_of: None,
        warnings: Vec::new(),
        programs: Vec::new(),
        prev: String::new(),
    };
    let person = match &row.read {
        Err(invalid) => {
            record.invalid =
                Some(InvalidInfo { field: invalid.field.to_owned(), reason: invalid.reason.clone() });
            return record;
        }
        Ok(p) => p,
    };
    let catalog = outcome.programs.first().map(|p| &p.catalog);
    record.read = Some(vec![
        person.nik.to_string(),
        person.birth_date.to_string(),
        match person.sex {
            Sex::Male => "L",
            Sex::Female => "P",
        }
        .to_owned(),
        catalog.map(|c| c.occupations()[usize::from(person.occupation)].code.clone()).unwrap_or_default(),
        person.domicile.code().to_owned(),
        person.poverty_decile.map(|d| d.to_string()).unwrap_or_default(),
        flag(person.already_covered),
        flag(person.civil_servant),
        flag(person.student),
        match person.nik_status {
            crate::registry::NikStatus::Active => "aktif",
            crate::registry::NikStatus::Inactive => "tidak aktif",
            crate::registry::NikStatus::Deceased => "meninggal",
        }
        .to_owned(),
    ]);
    record.warnings = person.warnings.iter().map(|w: &RowWarning| w.code().to_owned()).collect();
    record.duplicate_of = person.duplicate_of;
    for (pi, (program, run)) in outcome.programs.iter().zip(&outcome.runs).enumerate() {
        let Some(decision) = &run.decisions[i] else { continue };
        record.programs.push(program_decision(outcome, pi, program, run, i, person, decision));
    }
    record
}

pub(crate) fn program_decision(
    outcome: &Outcome,
    pi: usize,
    program: &Program,
    run: &crate::run::ProgramRun,
    i: usize,
    person: &crate::registry::Person,
    decision: &Decision,
) -> ProgramDecision {
    let failed = match decision {
        Decision::Rejected(Rejection::Rules(f)) => *f,
        _ => 0,
    };
    let rules: String =
        (0..program.rules.len()).map(|r| if failed & (1 << r) != 0 { '0' } else { '1' }).collect();
    let answer = run.answers[i].as_ref();
    let mut d = ProgramDecision {
        program: program.id.clone(),
        decision: String::new(),
        rules,
        reason: None,
        message: None,
        cite: None,
        funding: None,
        months: None,
        premium: None,
        rank: None,
        priority: None,
        plugin: answer.map(|a| PluginAnswer {
            verdict: match decision {
                Decision::Rejected(Rejection::Plugin(_)) => "reject",
                _ => "accept",
            }
            .to_owned(),
            priority: a.priority,
            group: a.group.map(|g| run.groups[usize::from(g)].clone()),
            notes: a.notes.clone(),
            call: a.call,
        }),
    };
    let candidate = |d: &mut ProgramDecision, priority: i32| {
        if d.plugin.is_none() {
            d.priority = Some(priority);
        }
    };
    match decision {
        Decision::Enrolled { funding, priority } => {
            d.decision = "enrolled".to_owned();
            d.funding = Some(program.funding[*funding].id.clone());
            d.months = Some(program.months.len() as u32);
            d.premium = Some(engine::cost(program).0);
            candidate(&mut d, *priority);
        }
        Decision::Waiting { rank, reason, priority } => {
            d.decision = "waiting".to_owned();
            d.rank = Some(*rank);
            d.reason = Some(reason.code().to_owned());
            d.message = Some(reason.describe(program));
            candidate(&mut d, *priority);
        }
        Decision::Rejected(r) => {
            d.decision = "rejected".to_owned();
            match r {
                Rejection::Rules(f) => {
                    let first = engine::first_failure(*f);
                    d.reason = Some(engine::failure_code(&program.rules[first].kind, person).to_owned());
                    let (_, text, cite) = crate::run::output::rejection_text(outcome, pi, i, r);
                    d.message = Some(text);
                    d.cite = Some(cite).filter(|c| !c.is_empty());
                }
                Rejection::Plugin(p) => {
                    d.reason = Some(p.reason.clone());
                    d.message = Some(p.message.clone());
                    d.cite = crate::run::output::rejection_text(outcome, pi, i, r).2.into();
                    if d.cite.as_deref() == Some("") {
                        d.cite = None;
                    }
                }
                Rejection::CoveredBy { .. } => {
                    let (code, text, cite) = crate::run::output::rejection_text(outcome, pi, i, r);
                    d.reason = Some(code);
                    d.message = Some(text);
                    d.cite = Some(cite).filter(|c| !c.is_empty());
                }
            }
        }
    }
    d
}

/// Writes `decisions.jsonl` and the artifacts into `dir`. Records are written in blocks:
/// serialized on all cores while a second thread chains and writes the block before.
pub fn write(
    outcome: &Outcome,
    dir: &Path,
    registry_name: &str,
    started_at: &str,
) -> std::io::Result<Written> {
    use sha2::Digest as _;
    write_artifacts(outcome, dir)?;
    let mut header = header(outcome, registry_name);
    header.started_at = Some(started_at.to_owned());
    let header_line = serde_json::to_string(&header).map_err(std::io::Error::other)?;
    let file = std::fs::File::create(dir.join(LOG_FILE))?;
    let n = outcome.registry.rows.len();
    const BLOCK: usize = 1 << 14;
    // (whole lines, end offset of each line in them). Renderers write each line complete,
    // with a blank `prev` for the writer to fill in: the chain is the only sequential part,
    // and the block then goes to the file in one piece.
    type Block = (Vec<u8>, Vec<usize>);
    const PREV_AT_END: usize = 64 + "\"}\n".len();
    let (send, receive) = std::sync::mpsc::sync_channel::<Block>(2);
    // blocks go back to the renderers once written: fresh multi-megabyte buffers for every
    // block would cost more in page faults than rendering
    let pool: std::sync::Mutex<Vec<Block>> = std::sync::Mutex::new(Vec::new());
    let pool = &pool;
    let chain = std::thread::scope(|scope| -> std::io::Result<(String, u64)> {
        let writer = scope.spawn(move || -> std::io::Result<(String, u64)> {
            let mut out = file;
            out.write_all(format!("{header_line}\n").as_bytes())?;
            let mut bytes = header_line.len() as u64 + 1;
            let mut prev = [0u8; 64];
            prev.copy_from_slice(header_digest(&header_line, SCHEMA).as_bytes());
            for (mut buffer, ends) in receive {
                let mut start = 0;
                for &end in &ends {
                    let line = &mut buffer[start..end];
                    start = end;
                    let at = line.len() - PREV_AT_END;
                    line[at..at + 64].copy_from_slice(&prev);
                    let digest = sha2::Sha256::digest(&line[..line.len() - 1]);
                    crate::digest::hex_into(&digest, &mut prev);
                }
                out.write_all(&buffer)?;
                bytes += buffer.len() as u64;
                if let Ok(mut pool) = pool.lock() {
                    pool.push((buffer, ends));
                }
            }
            let prev = String::from_utf8_lossy(&prev).into_owned();
            let trailer = Trailer {
                kind: "trailer".to_owned(),
                records: n as u64,
                counts: counts(outcome),
                chain_head: prev.clone(),
                header_sha256: sha256_hex(header_line.as_bytes()),
                prev: prev.clone(),
            };
            let trailer_line = serde_json::to_string(&trailer).map_err(std::io::Error::other)?;
            out.write_all(format!("{trailer_line}\n").as_bytes())?;
            out.sync_all()?;
            Ok((prev, bytes + trailer_line.len() as u64 + 1))
        });
        for start in (0..n).step_by(BLOCK) {
            let end = (start + BLOCK).min(n);
            let parts: Vec<Block> = crate::run::par_chunks(end - start, |range| {
                let (mut buffer, mut ends) =
                    pool.lock().ok().and_then(|mut p| p.pop()).unwrap_or_else(|| {
                        (Vec::with_capacity(range.len() * 600), Vec::with_capacity(range.len()))
                    });
                buffer.clear();
                ends.clear();
                for k in range {
                    json::record(&mut buffer, outcome, start + k);
                    buffer.pop(); // the record's closing brace
                    buffer.extend_from_slice(b",\"prev\":\"");
                    buffer.extend_from_slice(&[b'0'; 64]);
                    buffer.extend_from_slice(b"\"}\n");
                    ends.push(buffer.len());
                }
                vec![(buffer, ends)]
            });
            for part in parts {
                if send.send(part).is_err() {
                    break;
                }
            }
        }
        drop(send);
        writer.join().unwrap_or_else(|_| Err(std::io::Error::other("the log writer failed")))
    })?;
    let (chain_head, bytes) = chain;
    Ok(Written { records: n as u64, chain_head, bytes })
}

/// The outcome counts of a run.
fn counts(outcome: &Outcome) -> Counts {
    let mut c = Counts::default();
    for o in &outcome.rows {
        c.add(o.word());
    }
    c
}

fn write_artifacts(outcome: &Outcome, dir: &Path) -> std::io::Result<()> {
    let folder = dir.join(ARTIFACTS);
    std::fs::create_dir_all(&folder)?;
    let put = |sha256: &str, ext: &str, bytes: &[u8]| -> std::io::Result<()> {
        if sha256_hex(bytes) != sha256 {
            return Err(std::io::Error::other(format!(
                "a file changed during the run (expected sha256 {sha256})"
            )));
        }
        std::fs::write(folder.join(format!("{sha256}.{ext}")), bytes)
    };
    for (p, run) in outcome.programs.iter().zip(&outcome.runs) {
        put(&p.policy.sha256, "policy", p.policy.text.as_bytes())?;
        put(&p.catalog_ref.sha256, "toml", p.catalog_ref.text.as_bytes())?;
        put(&p.rates_ref.sha256, "toml", p.rates_ref.text.as_bytes())?;
        if let Some(plugin) = &run.plugin {
            put(&plugin.sha256, "wasm", &std::fs::read(&plugin.path)?)?;
        }
    }
    Ok(())
}

/// A log read back: its lines, for verification, replay and explanation.
pub struct LogFile {
    pub path: PathBuf,
    pub header_line: String,
    pub header: Header,
    /// Record lines (without the trailer), in order.
    pub lines: Vec<String>,
    pub trailer_line: Option<String>,
}

/// Why a log cannot be read at all.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.message().text(crate::i18n::Lang::En))]
pub enum LogError {
    Io(String, std::io::Error),
    Empty(String),
    Header { path: String, reason: crate::i18n::Msg },
}

impl LogError {
    pub fn message(&self) -> crate::i18n::Msg {
        use crate::msg;
        match self {
            LogError::Io(path, e) => msg!("log-unreadable", path = path, error = e),
            LogError::Empty(path) => msg!("log-empty", path = path),
            LogError::Header { path, reason } => {
                msg!("log-bad-header", path = path, reason => reason.clone())
            }
        }
    }
}

/// Reads the header line of a log.
pub fn read_header(path: &Path) -> Result<(String, Header), LogError> {
    let label = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| LogError::Io(label.clone(), e))?;
    let mut bytes = Vec::new();
    std::io::BufReader::new(file)
        .read_until(b'\n', &mut bytes)
        .map_err(|e| LogError::Io(label.clone(), e))?;
    let line = String::from_utf8(bytes)
        .map_err(|_| LogError::Header { path: label.clone(), reason: crate::msg!("log-not-utf8") })?;
    let line = line.trim_end_matches(['\n', '\r']).to_owned();
    if line.is_empty() {
        return Err(LogError::Empty(label));
    }
    let header: Header = serde_json::from_str(&line).map_err(|e| LogError::Header {
        path: label.clone(),
        reason: crate::msg!("log-not-json", error = e),
    })?;
    if header.kind != "header" {
        return Err(LogError::Header {
            path: label,
            reason: crate::msg!("log-wrong-kind", kind = &header.kind),
        });
    }
    Ok((line, header))
}

/// Reads a run folder's log.
pub fn read(dir: &Path) -> Result<LogFile, LogError> {
    let path = dir.join(LOG_FILE);
    let label = path.display().to_string();
    let file = std::fs::File::open(&path).map_err(|e| LogError::Io(label.clone(), e))?;
    let mut lines = Vec::new();
    for line in std::io::BufReader::with_capacity(1 << 20, file).lines() {
        lines.push(line.map_err(|e| LogError::Io(label.clone(), e))?);
    }
    if lines.is_empty() {
        return Err(LogError::Empty(label));
    }
    let header_line = lines.remove(0);
    let header: Header = serde_json::from_str(&header_line).map_err(|e| LogError::Header {
        path: label.clone(),
        reason: crate::msg!("log-not-json", error = e),
    })?;
    if header.kind != "header" {
        return Err(LogError::Header {
            path: label,
            reason: crate::msg!("log-wrong-kind", kind = &header.kind),
        });
    }
    let trailer_line = match lines.last() {
        Some(l) if l.contains("\"kind\":\"trailer\"") => lines.pop(),
        _ => None,
    };
    Ok(LogFile { path, header_line, header, lines, trailer_line })
}

/// The column of a registry field in the header's columns.
pub fn column_of(header: &Header, field: Field) -> Option<usize> {
    let normalised: Vec<String> =
        header.registry.columns.iter().map(|c| crate::registry::normalise_header(c)).collect();
    normalised.iter().position(|c| field.aliases().contains(&c.as_str()))
}
