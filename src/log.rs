//! The decision log: every decision of a run, with its reasons, in a tamper-evident file
//! that auditors can verify and replay years later.
//!
//! `decisions.jsonl` holds a header (versions, the sha256 of every input, the programs with
//! their rules and citations; the wall-clock time is its last field and the only one), one
//! record per registry row in input order, and a trailer (counts, the tree's root and the
//! head). The records are the leaves of a Merkle tree (`merkle`, schema 4), whose head
//! commits to the header, the number of records and every record. Up to schema 5 each record
//! also ended with `"prev"`, a link to the one before it (the sha256 of the line before it,
//! or from schema 4 its leaf hash; the first record's `prev` is the sha256 of the whole header
//! line, its time included from schema 2); schema 6 records leave it out, and a changed line
//! is found through the `leaves` file instead. The trailer's `header_sha256` covers the
//! header too.
//!
//! The chain shows any change to the file, but someone rewriting it could recompute every
//! hash: the chain head printed at the end of a run must be kept outside the run folder (in
//! the decree, the minutes, a letter to BPJS) and given to `jaring verify --expect-head`.
//!
//! The run folder keeps the exact policies, catalog, rate table and plugins under
//! `artifacts/`, named by sha256, so a log can be verified and replayed without the
//! repository. Only the types in this module are serialized.

pub mod checkpoint;
pub mod columns;
pub mod compact;
pub mod line;
pub mod merkle;
mod sorted_runs;
pub mod summary;
pub mod verify;
pub mod view;
pub mod workbook;

use std::io::BufRead as _;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::decision::RowOutcome;
use crate::digest::sha256_hex;
use crate::i18n::Lang;
use crate::registry::Field;
use view::Text;

/// 6: records carry no `prev` (the `leaves` file and the tree check every record; the links
/// repeated what they hold), and leave out a program decision's `program` when the header has
/// one program, its `decision` when it is the record's outcome and its `rules` when every
/// rule passed (`compact`). 5: records leave to the header what they share with it (`compact`): only the values read
/// that differ from their cells, no citation or waiting text the header gives. 4: the log is also a Merkle tree (`merkle`): each record carries a `salt` (derived from
/// the whole registry, see `run::record`); the
/// trailer and `summary.json` hold the tree's size and root. 3: the CSVs name each
/// person's occupation, kecamatan and desa beside the codes. 2: the
/// chain covers the header's time; the header holds the run's warnings and what each
/// program's summary needs (region name, monthly premium, capacity); records hold the text
/// of every reason a CSV shows. 1: logs written before 2026-12.
pub const SCHEMA: u32 = 6;
pub const LOG_FILE: &str = "decisions.jsonl";
/// The Merkle tree's leaves (schema 4): 32 bytes per record, in record order. A copy of
/// what the records hash to, so that a receipt needs no pass over the log's bytes; `verify`
/// holds it to the records.
pub const LEAVES: &str = "leaves";
pub const ARTIFACTS: &str = "artifacts";
/// The columns of `enrollments.csv`: a line per enrolment.
pub const ENROLLMENT_COLUMNS: [&str; 15] = [
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
    "occupation_name",
    "domicile",
    "district_name",
    "village_name",
];
/// The columns of `waiting_list.csv`: a line per waiting place, per program in rank order.
pub const WAITING_COLUMNS: [&str; 13] = [
    "program",
    "rank",
    "row",
    "nik",
    "name",
    "priority",
    "reason",
    "reason_text",
    "occupation",
    "occupation_name",
    "domicile",
    "district_name",
    "village_name",
];
/// The columns of `rejections.csv`: a line per rejection (per program) or invalid row (whose
/// occupation and domicile are empty: they were not read).
pub const REJECTION_COLUMNS: [&str; 14] = [
    "row",
    "nik",
    "name",
    "outcome",
    "program",
    "reason",
    "reason_text",
    "citation",
    "field",
    "occupation",
    "occupation_name",
    "domicile",
    "district_name",
    "village_name",
];

/// The fields whose normalised values a record's `read` holds, in order (the header's
/// `read_fields` names them).
pub const READ_AS: [Field; 10] = [
    Field::Nik,
    Field::BirthDate,
    Field::Sex,
    Field::Occupation,
    Field::Domicile,
    Field::PovertyDecile,
    Field::AlreadyCovered,
    Field::CivilServant,
    Field::Student,
    Field::NikStatus,
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
    /// The plugin contract versions this jaring runs (each plugin's own is in its
    /// `PluginInfo`); older logs name the one version there was.
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
    /// The language of the log's texts (reasons, warnings) and of the CSVs' `reason_text`;
    /// left out for English, so English logs read as they always have.
    #[serde(default, skip_serializing_if = "Lang::is_en")]
    pub lang: Lang,
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

impl Artifact {
    /// Where the file is in run folder `dir` — only ever `artifacts/<sha256>.<ext>`: a log
    /// naming any other path (`../../etc/passwd`, an absolute path) names no file at all.
    pub fn path(&self, dir: &Path) -> Option<std::path::PathBuf> {
        let name = self.file.strip_prefix(ARTIFACTS)?.strip_prefix('/')?;
        let (hash, ext) = name.split_once('.')?;
        let hex = hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit());
        let ext_ok = (1..=8).contains(&ext.len()) && ext.bytes().all(|b| b.is_ascii_lowercase());
        (hex && ext_ok).then(|| dir.join(ARTIFACTS).join(name))
    }

    /// The archived text, when the file is where it should be and reads as UTF-8.
    pub fn read_text(&self, dir: &Path) -> Option<String> {
        std::fs::read_to_string(self.path(dir)?).ok()
    }
}

/// The trailer a log ends with, read from its last bytes only (`verify` proves it).
pub fn read_trailer(path: &Path) -> Option<Trailer> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = std::fs::File::open(path).ok()?;
    let len = file.metadata().ok()?.len();
    file.seek(SeekFrom::Start(len.saturating_sub(8 << 10))).ok()?;
    let mut tail = Vec::new();
    file.read_to_end(&mut tail).ok()?;
    let text = String::from_utf8_lossy(&tail);
    let last = text.lines().rev().find(|l| !l.trim().is_empty())?;
    serde_json::from_str(last).ok()
}

/// The origin of a log in its checkpoint and receipts: `jaring/<sha256 of the header line>`.
pub fn origin(header_sha256: &str) -> String {
    format!("jaring/{header_sha256}")
}

/// The occupation catalog a run folder archived, when it is there and reads.
pub fn archived_catalog(dir: &Path, header: &Header) -> Option<crate::catalog::Catalog> {
    let text = header.catalog.read_text(dir)?;
    let mut sources = crate::diag::Sources::new();
    let file = sources.add(&header.catalog.name, &text);
    crate::catalog::Catalog::parse(file, &text).ok()
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
    /// The program's sub-quotas (caps on a group), in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sub_quotas: Vec<GroupInfo>,
    /// Its reserves (places held for a group), in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reserves: Vec<GroupInfo>,
    /// The text of each waiting reason whose words are the same for everyone waiting for it
    /// (schema 5): records leave it out.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub waiting_texts: std::collections::BTreeMap<String, String>,
    /// How the waiting line was ordered (logs written before December 2026 do not say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<Order>,
}

/// How a program's candidates were put in order: the plugin's priority (if it has a
/// plugin), the policy's `rank by` keys, then the draw by NIK.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    pub plugin_priority: bool,
    pub keys: Vec<String>,
    /// Candidates the draw placed behind one equal to them in everything before it.
    pub decided_by_draw: u64,
}

/// A sub-quota or a reserve: how many places, for whom.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct GroupInfo {
    pub count: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub occupations: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<String>,
    /// A reserve's places it does not fill go to everyone else.
    #[serde(default, skip_serializing_if = "is_false")]
    pub release_unused: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl GroupInfo {
    /// Whether an applicant with this occupation and domicile is in the group.
    pub fn holds(&self, occupation: &str, domicile: &str) -> bool {
        self.occupations.iter().any(|o| o == occupation)
            || self.regions.iter().any(|r| crate::region::within(domicile, r))
    }

    /// The group in a few words: `region 64.01.09 (Batu Engau)`, `occupation nelayan`.
    pub fn words(&self) -> String {
        if self.occupations.is_empty() {
            let named: Vec<String> = self
                .regions
                .iter()
                .map(|r| match crate::region::regions().name(r) {
                    Some(n) => format!("{r} ({n})"),
                    None => r.clone(),
                })
                .collect();
            named.join(", ")
        } else {
            self.occupations.join(", ")
        }
    }
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
    /// The contract version the plugin was built against (`jaring:plugin@0.2.0`); logs
    /// written before contract 0.2.0 leave it out (their plugins were all 0.1.0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract: Option<String>,
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

/// One registry row's decisions (the lines between the header and the trailer): written
/// from a run, its text borrowed from the run; read back, its text borrowed from the line.
/// The one definition of a record.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Record<'a> {
    pub row: u32,
    #[serde(borrow)]
    pub outcome: Text<'a>,
    /// The fields as written, in the header's column order.
    #[serde(borrow)]
    pub input: Vec<Text<'a>>,
    /// The values as read (see `read_fields`), when the row is valid: all of them, or in
    /// schema 5 as written those that differ from their cells (`compact`).
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub read: Option<compact::ReadValues<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub invalid: Option<InvalidInfo<'a>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<u32>,
    #[serde(borrow, default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Text<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Vec::is_empty")]
    pub programs: Vec<ProgramDecision<'a>>,
    /// Schema 4: 16 bytes (hex) no one without the whole registry can know, so that the
    /// record's leaf hash reveals nothing.
    #[serde(borrow, default, skip_serializing_if = "Text::is_empty")]
    pub salt: Text<'a>,
    /// In a redacted copy: the original record's leaf hash (hex), which the copy's tree is
    /// built from, so that it keeps the original root.
    #[serde(borrow, default, skip_serializing_if = "Text::is_empty")]
    pub leaf: Text<'a>,
    /// Schema 1–5, and the lines of a redacted copy: the link to the record before (see the
    /// module's text).
    #[serde(borrow, default, skip_serializing_if = "Text::is_empty")]
    pub prev: Text<'a>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct InvalidInfo<'a> {
    #[serde(borrow)]
    pub field: Text<'a>,
    #[serde(borrow)]
    pub reason: Text<'a>,
}

/// A row's decision in one program.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct ProgramDecision<'a> {
    /// Left out by schema 6 when the header has one program (`compact`).
    #[serde(borrow, default, skip_serializing_if = "Text::is_empty")]
    pub program: Text<'a>,
    /// Left out by schema 6 when it is the record's outcome.
    #[serde(borrow, default, skip_serializing_if = "Text::is_empty")]
    pub decision: Text<'a>,
    /// One character per rule of the program: `1` passed, `0` failed. Left out by schema 6
    /// when every rule passed.
    #[serde(borrow, default, skip_serializing_if = "Text::is_empty")]
    pub rules: Text<'a>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Text<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub message: Option<Text<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub cite: Option<Text<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub funding: Option<Text<'a>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub months: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub premium: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<u32>,
    /// The ranking priority, when no plugin gave one (all 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<i32>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub plugin: Option<PluginAnswer<'a>>,
}

impl<'a> Record<'a> {
    /// The values as read, in `READ_AS` order, when the row was valid and the record is
    /// whole (as every reader gets it from `compact::Shared::parse`).
    pub fn read_values(&self) -> Option<&[Text<'a>]> {
        self.read.as_ref().and_then(compact::ReadValues::all)
    }

    /// The value of `field` as read, when the row was valid (and `field` is one of
    /// `READ_AS`).
    pub fn read_of(&self, field: Field) -> Option<&str> {
        let k = READ_AS.iter().position(|f| *f == field)?;
        self.read_values().and_then(|r| r.get(k)).map(Text::as_str)
    }
}

impl ProgramDecision<'_> {
    /// The ranking priority (the plugin's, when there is one).
    pub fn priority(&self) -> Option<i32> {
        self.priority.or(self.plugin.as_ref().map(|p| p.priority))
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct PluginAnswer<'a> {
    #[serde(borrow)]
    pub verdict: Text<'a>,
    pub priority: i32,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub group: Option<Text<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Text<'a>>,
    /// Index of the call in the program's `plugin.calls` (its fuel is there).
    pub call: u32,
}

/// The last line of the log.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Trailer {
    pub kind: String,
    pub records: u64,
    pub counts: Counts,
    /// The log's head (schema 4: `merkle::head`; before, the sha256 of the last record's
    /// line).
    pub chain_head: String,
    /// sha256 of the header line, time included.
    pub header_sha256: String,
    /// The last record's leaf hash (schema 4; before, the sha256 of its line), or the header's
    /// digest when there is no record.
    pub prev: String,
    /// Schema 4: how many leaves the Merkle tree has (one per record) and its root (hex).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tree_size: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root: Option<String>,
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
        match RowOutcome::parse(outcome) {
            Some(RowOutcome::Enrolled) => self.enrolled += 1,
            Some(RowOutcome::Waiting) => self.waiting += 1,
            Some(RowOutcome::Rejected) => self.rejected += 1,
            Some(RowOutcome::Invalid) => self.invalid += 1,
            None => return false,
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
    /// The Merkle tree's root (hex).
    pub root: String,
    /// sha256 of the header line: the log's origin is `jaring/<this>`.
    pub header_sha256: String,
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
            LogError::Io(path, e) => msg!("log-unreadable", path = path, error => e),
            LogError::Empty(path) => msg!("log-empty", path = path),
            LogError::Header { path, reason } => {
                msg!("log-bad-header", path = path, reason => reason.clone())
            }
        }
    }
}

/// A record line as written, not yet expanded (see `compact::Shared::parse`): a line as a run
/// writes it read by hand (`line::read`), any other by serde.
pub fn read_record(line: &str) -> serde_json::Result<Record<'_>> {
    match line::read(line) {
        Some(record) => Ok(record),
        None => serde_json::from_str(line),
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

/// The column of a registry field in the header's columns.
pub fn column_of(header: &Header, field: Field) -> Option<usize> {
    let normalised: Vec<String> =
        header.registry.columns.iter().map(|c| crate::registry::normalise_header(c)).collect();
    normalised.iter().position(|c| field.aliases().contains(&c.as_str()))
}
