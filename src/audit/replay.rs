//! `jaring replay`: decide a recorded run again from its own inputs and archived artifacts,
//! and compare — or, with a new policy or plugin, report who a change would affect.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::decision::{self, Decision, RowOutcome, Verdict};
use crate::i18n::{Arg, Msg};
use crate::log::view::{self, Text};
use crate::log::{self, Header, LogError, ProgramDecision, Record};
use crate::money::grouped;
use crate::msg;
use crate::plugin::PluginHost;
use crate::policy::{Overrides, Program, Workspace};
use crate::registry::{self, Format, Invalid};
use crate::run::{self, Outcome, RunError, record};

/// What to change before deciding again.
#[derive(Clone, Debug, Default)]
pub struct Changes {
    /// Policies replacing the recorded programs with the same id (or the only program).
    pub policies: Vec<PathBuf>,
    /// A plugin replacing the plugin of `program` (or of the only program).
    pub plugin: Option<PathBuf>,
    pub program: Option<String>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.policies.is_empty() && self.plugin.is_none()
    }
}

/// Why a replay could not be done.
#[derive(Debug, thiserror::Error)]
pub enum ReplayError {
    #[error(transparent)]
    Log(#[from] LogError),
    #[error(transparent)]
    Run(#[from] RunError),
    /// A recorded policy no longer checks (all its problems).
    #[error("{}", crate::msg!("replay-policy-errors", id = .0, report = .1.render(crate::i18n::Lang::En)).text(crate::i18n::Lang::En))]
    Policies(String, Box<crate::diag::Report>),
    #[error("{}", .0.text(crate::i18n::Lang::En))]
    Other(crate::i18n::Msg),
}

impl ReplayError {
    /// The error in `lang`.
    pub fn render(&self, lang: crate::i18n::Lang) -> String {
        match self {
            ReplayError::Log(e) => e.message().text(lang),
            ReplayError::Run(e) => e.render(lang),
            ReplayError::Policies(id, report) => {
                crate::msg!("replay-policy-errors", id = id, report = report.render(lang)).text(lang)
            }
            ReplayError::Other(m) => m.text(lang),
        }
    }
}

/// One person whose decision differs.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Change {
    pub row: u32,
    pub nik: String,
    pub name: String,
    /// The kecamatan (code) of the person's domicile, when it was read.
    pub district: String,
    pub program: String,
    pub before: Brief,
    pub after: Brief,
}

/// A program decision in a few words, as the impact report compares them. In JSON it is a
/// short English phrase, the same in every language (`enrolled (apbd-2025)`, `waiting, rank
/// 12 (quota-full)`); on the terminal, [`Brief::words`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Brief {
    NotDecided,
    Enrolled {
        funding: String,
    },
    Waiting {
        rank: u32,
        reason: String,
    },
    Rejected {
        reason: String,
    },
    /// The row as a whole (no program decision differs, but the record does).
    Row {
        outcome: String,
        differs: bool,
    },
}

impl Brief {
    fn of(d: Option<&ProgramDecision>) -> Brief {
        let Some(d) = d else { return Brief::NotDecided };
        let reason = d.reason.as_deref().unwrap_or_default().to_owned();
        match Verdict::parse(&d.decision) {
            Some(Verdict::Enrolled) => {
                Brief::Enrolled { funding: d.funding.as_deref().unwrap_or_default().to_owned() }
            }
            Some(Verdict::Waiting) => Brief::Waiting { rank: d.rank.unwrap_or(0), reason },
            _ => Brief::Rejected { reason },
        }
    }

    /// The phrase in `lang`.
    pub fn words(&self) -> Msg {
        match self {
            Brief::NotDecided => msg!("brief-not-decided"),
            Brief::Enrolled { funding } => msg!("brief-enrolled", funding => shown(funding)),
            Brief::Waiting { rank, reason } => {
                msg!("brief-waiting", rank = grouped((*rank).into()), reason => decision::reason_words(reason))
            }
            Brief::Rejected { reason } => msg!("brief-rejected", reason => decision::reason_words(reason)),
            Brief::Row { outcome, differs } => {
                let words = match RowOutcome::parse(outcome) {
                    Some(o) => Arg::Msg(Box::new(o.words())),
                    None => shown(outcome),
                };
                if *differs {
                    msg!("brief-row-differs", outcome => words)
                } else {
                    msg!("brief-row", outcome => words)
                }
            }
        }
    }
}

fn shown(text: &str) -> Arg {
    Arg::Text(crate::text::escape(text).into_owned())
}

impl std::fmt::Display for Brief {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Brief::NotDecided => write!(f, "not decided"),
            Brief::Enrolled { funding } => write!(f, "enrolled ({funding})"),
            Brief::Waiting { rank, reason } => write!(f, "waiting, rank {rank} ({reason})"),
            Brief::Rejected { reason } => write!(f, "rejected ({reason})"),
            Brief::Row { outcome, differs: false } => write!(f, "{outcome}"),
            Brief::Row { outcome, differs: true } => write!(f, "{outcome} (the record differs)"),
        }
    }
}

impl serde::Serialize for Brief {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A change of money for one funding source.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Money {
    pub program: String,
    pub funding: String,
    pub before: u64,
    pub after: u64,
}

/// The comparison of a replay with the record.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Impact {
    pub records: u64,
    /// Not enrolled before, enrolled now.
    pub gains: Vec<Change>,
    /// Enrolled before, not now.
    pub losses: Vec<Change>,
    /// On the waiting list before and after, at another rank.
    pub moves: Vec<Change>,
    /// Any other difference (reasons, funding source, rejections that became waiting…).
    pub other: Vec<Change>,
    /// Records whose decisions differ only in detail — the same outcome and reason, other
    /// rules failed besides or another text — counted, not listed.
    pub details: u64,
    pub money: Vec<Money>,
}

impl Impact {
    pub fn identical(&self) -> bool {
        self.gains.is_empty()
            && self.losses.is_empty()
            && self.moves.is_empty()
            && self.other.is_empty()
            && self.details == 0
    }

    pub fn divergences(&self) -> usize {
        impact_len(self) + self.details as usize
    }

    /// Adds the changes of `later` rows (not their money).
    fn append(&mut self, later: Impact) {
        self.gains.extend(later.gains);
        self.losses.extend(later.losses);
        self.moves.extend(later.moves);
        self.other.extend(later.other);
        self.details += later.details;
    }
}

/// How many changes an impact lists.
fn impact_len(impact: &Impact) -> usize {
    impact.gains.len() + impact.losses.len() + impact.moves.len() + impact.other.len()
}

/// The plugin path a policy's text names (`plugin "x.wasm" {`), if any.
fn written_plugin(text: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let rest = line.trim_start().strip_prefix("plugin")?;
        let open = rest.find('"')?;
        let len = rest[open + 1..].find('"')?;
        Some(rest[open + 1..open + 1 + len].to_owned())
    })
}

/// `,"salt":"<32 hex>"` at the end of a record of schema 4 and later, before its `prev`
/// (schema 4 and 5).
const SALT_FIELD: usize = ",\"salt\":\"".len() + 32 + 1;
/// `,"prev":"<64 hex>"` at the end of a record of schema 1–5.
const PREV_FIELD: usize = ",\"prev\":\"".len() + 64 + 1;

/// Loads the recorded programs from the run folder's artifacts.
pub fn recorded_programs(
    dir: &Path,
    header: &Header,
    changes: &Changes,
) -> Result<Vec<Program>, ReplayError> {
    let mut programs = Vec::new();
    let only = header.programs.len() == 1;
    let mut used_policies = vec![false; changes.policies.len()];
    for p in &header.programs {
        let targeted = changes.program.as_deref().map_or(only, |id| id == p.id);
        let mut ws = Workspace::new();
        let archived = |a: &log::Artifact| {
            a.path(dir).ok_or_else(|| {
                ReplayError::Other(crate::msg!("artifact-path", file = crate::text::shown(&a.file, 200)))
            })
        };
        ws.overrides = Overrides {
            catalog: Some(archived(&header.catalog)?),
            rates: Some(archived(&header.rates)?),
            plugin: p.plugin.as_ref().map(|pl| archived(&pl.artifact)).transpose()?,
            ignore_pin: false,
        };
        if targeted && let Some(plugin) = &changes.plugin {
            ws.overrides.plugin = Some(plugin.clone());
            ws.overrides.ignore_pin = true;
        }
        // a new policy for this program?
        let replacement = changes.policies.iter().enumerate().find_map(|(k, path)| {
            let text = std::fs::read_to_string(path).ok()?;
            let id_matches =
                text.contains(&format!("program {} ", p.id)) || text.contains(&format!("program {}{{", p.id));
            (id_matches || (only && changes.policies.len() == 1)).then_some((k, path.clone(), text))
        });
        let program = match replacement {
            Some((k, path, text)) => {
                used_policies[k] = true;
                let dir = path.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf);
                // the new policy finds its own plugin, unless a plugin is given too; when its
                // plugin file is not found beside it (a policy taken from `artifacts/`), the
                // archived plugin stands in — and must still match the policy's pin
                let given = if targeted { changes.plugin.clone() } else { None };
                let stand_in = || {
                    let written = written_plugin(&text)?;
                    if crate::policy::check::find_upward(&dir, &written).is_some() {
                        return None;
                    }
                    p.plugin.as_ref().and_then(|pl| archived(&pl.artifact).ok())
                };
                ws.overrides.plugin = given.clone().or_else(stand_in);
                ws.overrides.ignore_pin = given.is_some();
                ws.check_text(&path.display().to_string(), &dir, text)
            }
            None => {
                let text = std::fs::read_to_string(archived(&p.policy)?).map_err(|e| {
                    ReplayError::Other(crate::msg!(
                        "replay-unreadable-policy",
                        file = &p.policy.file,
                        error = e
                    ))
                })?;
                ws.check_text(&p.policy.name, &dir.join(log::ARTIFACTS), text)
            }
        };
        match program {
            Some(program) => programs.push(program),
            None => {
                let diagnostics = std::mem::take(&mut ws.diagnostics);
                let sources = std::mem::take(&mut ws.sources);
                return Err(ReplayError::Policies(
                    p.id.clone(),
                    Box::new(crate::diag::Report::errors(sources, &diagnostics)),
                ));
            }
        }
    }
    if let Some(k) = used_policies.iter().position(|u| !u) {
        return Err(ReplayError::Other(crate::msg!(
            "replay-policy-replaces-nothing",
            file = changes.policies[k].display(),
            programs = header.programs.iter().map(|p| p.id.as_str()).collect::<Vec<_>>().join(", ")
        )));
    }
    Ok(run::order_by_precedence(programs)?)
}

/// A record's `input`, read without parsing the rest of the line.
fn input_of(line: &str) -> Result<Vec<Text<'_>>, String> {
    input_in(line).map(|(cells, _)| cells)
}

/// [`input_of`], and where in `line` the input's array is when it is written as the log's
/// writer writes it (every string plain, [`plain_strings`]): those bytes are then the very
/// bytes the writer gives for the cells they hold.
fn input_in(line: &str) -> Result<(Vec<Text<'_>>, Option<std::ops::Range<usize>>), String> {
    const KEY: &str = "\"input\":";
    static FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(KEY));
    let at = FINDER.find(line.as_bytes()).ok_or("it has no input")? + KEY.len();
    let json = &line[at..];
    if let Some((cells, len)) = plain_strings(json) {
        return Ok((cells, Some(at..at + len)));
    }
    let mut de = serde_json::Deserializer::from_str(json);
    serde::Deserialize::deserialize(&mut de)
        .map(|cells| (cells, None))
        .map_err(|e: serde_json::Error| e.to_string())
}

/// The strings of a JSON array at the start of `json` when it is written as the log writes
/// most: no space between tokens, no escape and no control character in any string (each
/// string is then its own text, borrowed), and the array's length in bytes. `None` for
/// anything else, which serde reads.
fn plain_strings(json: &str) -> Option<(Vec<Text<'_>>, usize)> {
    let bytes = json.as_bytes();
    let mut cells = Vec::with_capacity(16);
    let mut at = 1;
    if bytes.first() != Some(&b'[') {
        return None;
    }
    if bytes.get(at) == Some(&b']') {
        return Some((cells, 2));
    }
    loop {
        if bytes.get(at) != Some(&b'"') {
            return None;
        }
        let start = at + 1;
        // a string ends at its first quote, when no escape or control byte comes before it
        let end = start + log::line::first_escaped(&bytes[start..]);
        if bytes.get(end) != Some(&b'"') {
            return None;
        }
        // (both ends are quotes, so char boundaries)
        cells.push(Text(std::borrow::Cow::Borrowed(&json[start..end])));
        match bytes.get(end + 1) {
            Some(b',') => at = end + 2,
            Some(b']') => return Some((cells, end + 2)),
            _ => return None,
        }
    }
}

/// Some records' inputs, the rows among them broken as a whole, and the inputs' digest.
type PieceOfLog = (registry::Piece, registry::Problems, u64);

/// A digest of record `i`'s fields as written, summed over the records: the same sum when the
/// log is read again means the same inputs in the same rows (not a seal — `verify` is — but
/// a log changed between `replay`'s two readings is noticed).
fn input_digest(i: usize, input: &[Text<'_>]) -> u64 {
    use std::hash::Hasher as _;
    let mut h = rustc_hash::FxHasher::default();
    h.write_usize(i);
    for cell in input {
        h.write_usize(cell.as_str().len());
        h.write(cell.as_str().as_bytes());
    }
    h.finish()
}

/// What begins a record's `invalid` (a key no cell can hold: a cell's quotes are escaped).
const INVALID_KEY: &str = "\"invalid\":{";

/// Whether a record line may hold an `invalid`. Only the records of rows that could not be
/// read have one, and their outcome is `invalid`: a line that begins as the log's writer
/// begins every record ([`log::line::outcome_of`]) with another outcome is not searched. (A
/// forged `invalid` beside another outcome is then not read as the row's; the line still
/// differs from the record decided again, and is reported.) Saves searching every line of
/// the log for the key.
fn may_hold_invalid(line: &str) -> bool {
    log::line::outcome_of(line).is_none_or(|outcome| outcome == RowOutcome::Invalid.word())
}

/// The registry as the log recorded it (read in blocks, straight into the registry's cells):
/// every field held, for a caller that shows people's names and NIKs.
pub fn recorded_registry(
    path: &Path,
    header: &Header,
    programs: &[Program],
) -> Result<registry::Registry, ReplayError> {
    gather_recorded(path, header, programs, None).map(|(registry, _)| registry)
}

/// The registry as the log recorded it, read in blocks: with `keep`, only the columns it names
/// are held ([`registry::Text::Log`]); and the sum of the records' [`input_digest`]s.
fn gather_recorded(
    path: &Path,
    header: &Header,
    programs: &[Program],
    keep: Option<registry::Keep<'_>>,
) -> Result<(registry::Registry, u64), ReplayError> {
    let catalog = programs
        .first()
        .map(|p| p.catalog.clone())
        .ok_or_else(|| ReplayError::Other(crate::msg!("run-no-program")))?;
    let held = keep.is_none();
    let columns = header.registry.columns.clone();
    let mut gather = registry::gather::Gather::new("log", columns, &catalog, &run::within(programs), keep)
        .map_err(|e| ReplayError::Other(e.message()))?;
    // room for the rows the header names, reserved once (grown by doubling, a province's rows
    // would be held twice for a moment); no more than the file's bytes can hold, whatever a
    // damaged or forged header says (every record has its `row`, `outcome` and `input`, and
    // from schema 4 a 32-digit salt)
    let size = std::fs::metadata(path).map_or(0, |m| m.len());
    gather.reserve(usize::try_from(header.registry.rows.min(size / 64)).unwrap_or(0));
    let mut digest = 0u64;
    let mut failure: Option<crate::i18n::Msg> = None;
    // a block's rows are read and checked on a thread of their own while the next block's
    // records are parsed, in blocks of 4 MiB so that the one held more costs no memory (1M,
    // in turns: this reading 0,96-0,99 -> 0,90-0,94 s, the whole replay's median of 6 1,50 ->
    // 1,45 s, its peak 113-132 -> 109-123 MiB; 10M 14,8 -> 13,8-14,3 s)
    let mut pending: Option<(registry::Cells, registry::Problems)> = None;
    view::blocks(path, 4 << 20, |done, lines| {
        let parse = || -> Vec<Result<PieceOfLog, crate::i18n::Msg>> {
            crate::par::chunks_each(lines.len(), 4, |range| {
                let invalid_key = memchr::memmem::Finder::new(INVALID_KEY);
                let first = range.start;
                let mut piece = registry::Piece::default();
                let mut broken = Vec::new();
                let mut digest = 0u64;
                for (k, line) in lines[range].iter().enumerate() {
                    let i = done + first + k;
                    let input = match input_of(line) {
                        Ok(input) => input,
                        Err(e) => {
                            return vec![Err(crate::msg!("replay-not-a-record", line = i + 2, error = e))];
                        }
                    };
                    digest = digest.wrapping_add(input_digest(i, &input));
                    piece.push_row(input.iter().map(Text::as_str));
                    // rows broken as a whole (wrong field count) or holding bytes that were not
                    // UTF-8 (kept as U+FFFD in the log) cannot be seen again in their text
                    // (a line searched for an `invalid` only when its outcome is `invalid`, or
                    // the line is not as the writer writes)
                    let invalid = if may_hold_invalid(line) {
                        invalid_key.find(line.as_bytes()).map(|at| &line[at + INVALID_KEY.len()..])
                    } else {
                        None
                    };
                    let whole_row = invalid.is_some_and(|rest| rest.starts_with("\"field\":\"row\""));
                    let not_utf8 = invalid.is_some() && input.iter().any(|c| c.as_str().contains('\u{fffd}'));
                    if (whole_row || not_utf8)
                        && let Ok(v) = serde_json::from_str::<Record<'_>>(line)
                        && let Some(invalid) = v.invalid.as_ref()
                    {
                        broken.push((
                            i,
                            std::sync::Arc::new(Invalid {
                                field: registry::field_name(invalid.field.as_str()),
                                reason: crate::msg!("verbatim", text = invalid.reason.as_str()),
                            }),
                        ));
                    }
                }
                piece.close();
                vec![Ok((piece, broken, digest))]
            })
        };
        let parts = match pending.take() {
            Some((cells, broken)) if failure.is_none() => {
                match gather.add_while(cells, broken, None, parse) {
                    Ok(parts) => parts,
                    Err(e) => {
                        failure.get_or_insert(e.message());
                        return Ok(());
                    }
                }
            }
            _ => parse(),
        };
        let mut pieces = Vec::with_capacity(parts.len());
        let mut broken = Vec::new();
        for part in parts {
            match part {
                Ok((piece, b, d)) => {
                    pieces.push(piece);
                    broken.extend(b);
                    digest = digest.wrapping_add(d);
                }
                Err(e) => {
                    failure.get_or_insert(e);
                }
            }
        }
        if failure.is_none() {
            pending = Some((registry::Cells::from_pieces_at(pieces, done), broken));
        }
        Ok(())
    })
    .map_err(|e| ReplayError::Other(crate::msg!("replay-unreadable-log", error => &e)))?;
    if let Some((cells, broken)) = pending.take()
        && failure.is_none()
        && let Err(e) = gather.add(cells, broken, |_| {})
    {
        failure.get_or_insert(e.message());
    }
    if let Some(e) = failure {
        return Err(ReplayError::Other(e));
    }
    let format = Format::parse(&header.registry.format);
    let text = if held { registry::Text::Held } else { registry::Text::Log { path: path.to_path_buf() } };
    let registry = gather.finish().map_err(|e| ReplayError::Other(e.message()))?.registry(
        format,
        header.registry.sha256.clone(),
        Vec::new(),
        text,
    );
    Ok((registry, digest))
}

/// Replays a run folder (with `changes`, if any) and compares with the record:
/// [`decide_again`], then [`Decided::compare`].
///
/// The returned outcome's registry holds only the columns a decision reads
/// ([`registry::Text::Log`]): its rows and decisions, not its text.
pub fn replay(dir: &Path, changes: &Changes, host: &PluginHost) -> Result<(Impact, Outcome), ReplayError> {
    let mut decided = decide_again(dir, changes, host)?;
    let impact = decided.compare()?;
    Ok((impact, decided.outcome))
}

/// A run decided again from its log, not yet compared with it.
pub struct Decided {
    pub outcome: Outcome,
    header: Header,
    path: PathBuf,
    /// The sum of the records' [`input_digest`]s as they were decided on.
    inputs: u64,
    /// Where the rows and the candidates are kept while they are decided and compared
    /// (unnamed files in a folder of the system's temporary folder, `TMPDIR`, as `sort` keeps
    /// its runs: the run folder is evidence, and is not written to).
    _spill: tempfile::TempDir,
}

/// Decides a run folder's rows again (with `changes`, if any), reading its log once: of the
/// rows, only the columns a decision reads are held.
pub fn decide_again(dir: &Path, changes: &Changes, host: &PluginHost) -> Result<Decided, ReplayError> {
    let path = dir.join(log::LOG_FILE);
    let (_, header) = log::read_header(&path)?;
    if header.redacted.is_some() {
        return Err(ReplayError::Other(crate::msg!("replay-redacted")));
    }
    let programs = recorded_programs(dir, &header, changes)?;
    // (replay's host compiles every plugin afresh, as the log's header is read: a plugin
    // says which columns it is to be shown, and only those are held)
    let keep = |names: &[String], columns: &registry::Columns| {
        run::decision_columns(&programs, names, columns, host)
    };
    let spill = tempfile::Builder::new().prefix("jaring-replay-").tempdir().map_err(|error| {
        let folder = std::env::temp_dir().display().to_string();
        ReplayError::Other(registry::RegistryError::Spill { folder, error }.message())
    })?;
    let keep = registry::Keep { columns: &keep, spill: Some(spill.path()) };
    let (registry, inputs) = gather_recorded(&path, &header, &programs, Some(keep))?;
    let mut outcome = run::decide(programs, registry, host, &())?;
    // the texts are compared as recorded, in the run's language
    outcome.lang = header.lang;
    Ok(Decided { outcome, header, path, inputs, _spill: spill })
}

impl Decided {
    /// Reads the log again, block by block, and compares every record, as text, with the
    /// record decided again (its fields as written taken from the record itself); a record
    /// that differs is sorted into the impact there and then, so nothing of it is held but
    /// the change. A log whose records no longer hold the fields decided on is refused
    /// (`replay-log-changed`).
    pub fn compare(&mut self) -> Result<Impact, ReplayError> {
        let Decided { outcome, header, path, inputs, .. } = self;
        let mut impact = Impact { records: outcome.registry.rows.len() as u64, ..Impact::default() };
        // money before the change, as corrections to the money after it
        let mut before: BTreeMap<(String, String), i128> = BTreeMap::new();
        let mut unreadable: Option<Msg> = None;
        let mut again = 0u64;
        // a record decided again is left as short as the log's header lets it be
        let shared = &log::compact::Shared::of(header);
        let columns =
            (log::column_of(header, registry::Field::Nik), log::column_of(header, registry::Field::Name));
        let n = outcome.registry.rows.len();
        // each block's records are compared on threads of their own: what they free goes
        // back to the kernel, not kept beside what deciding holds
        let _giving_back = crate::allocator::GivingBack::start();
        let kept = crate::run::reasons::SpareTexts::default();
        // (a block's rows read from their spill beside it)
        let mut unspilled: Option<Msg> = None;
        view::blocks(path, 8 << 20, |done, lines| {
            let rows = done.min(n)..(done + lines.len()).min(n);
            if let Err(e) = outcome.load(rows) {
                unspilled.get_or_insert(e.message());
                return Ok(());
            }
            let outcome: &Outcome = outcome;
            let found: Vec<(Part, u64)> = crate::par::chunks_each(lines.len(), 4, |range| {
                let mut body = Vec::with_capacity(1024);
                let mut part = Part::default();
                let mut digest = 0u64;
                let mut texts = kept.take().unwrap_or_default();
                for k in range {
                    let i = done + k;
                    let line = lines[k];
                    body.clear();
                    // where the line's input is, when it is written as the writer writes it
                    let mut in_place = None;
                    match input_in(line) {
                        Ok((input, span)) if i < n => {
                            digest = digest.wrapping_add(input_digest(i, &input));
                            let mut record =
                                record::record_with(outcome, i, header.schema, &mut texts, input);
                            shared.compact(&mut record);
                            // (the fields as written are what was decided on: read from the
                            // line, they are not written again to be compared with themselves,
                            // once `compact` has compared the values read with them — the
                            // record is written with an empty input, `[]`, and the line's own
                            // bytes stand in for it; 1M, four each in turns: the comparison
                            // 0,61–0,66 -> 0,56–0,62 s, its CPU 1,15–1,22 -> 1,03–1,12 s)
                            if span.is_some() {
                                record.input.clear();
                                in_place = span;
                            }
                            log::line::write(&record, &mut body);
                        }
                        // a record more, or one without its fields: not what was decided on
                        _ => digest = digest.wrapping_add(1),
                    }
                    // the recorded line ends with its salt (schema 4) and up to schema 5 its
                    // `prev`, which a record decided again has not got
                    let prev = if header.schema < log::compact::LEAN_FROM { PREV_FIELD } else { 0 };
                    // (and the closing brace, which the body is compared without)
                    let tail = 1 + prev + if header.schema >= 4 { SALT_FIELD } else { 0 };
                    let same = body.len() > 1 && line.len() >= tail && {
                        let (line, body) = (&line.as_bytes()[..line.len() - tail], &body[..body.len() - 1]);
                        match in_place {
                            None => line == body,
                            Some(input) => {
                                let at = input.start;
                                line.get(..at) == body.get(..at)
                                    && body.get(at..at + 2) == Some(&b"[]"[..])
                                    && line.get(input.end..) == body.get(at + 2..)
                            }
                        }
                    };
                    if same {
                        continue;
                    }
                    let old = match shared.parse(line) {
                        Ok(old) => old,
                        Err(e) => {
                            part.unreadable.get_or_insert(crate::msg!(
                                "replay-not-a-record",
                                line = i + 2,
                                error = e
                            ));
                            continue;
                        }
                    };
                    // a decision of a program the header does not list (or of none, in a log
                    // of several) was not written by the run: no change to report, a forgery
                    let listed = |d: &log::ProgramDecision<'_>| header.programs.iter().any(|p| p.id == d.program.as_str());
                    if let Some(d) = old.programs.iter().find(|d| !listed(d)) {
                        part.unreadable.get_or_insert(match d.program.as_str() {
                            "" => crate::msg!("replay-unnamed-program", line = i + 2),
                            program => crate::msg!("replay-unlisted-program", line = i + 2, program => shown(program)),
                        });
                        continue;
                    }
                    // (the fields as written are the record's own: they are what was decided on)
                    let new = if i < n {
                        record::record_with(outcome, i, log::SCHEMA, &mut texts, old.input.clone())
                    } else {
                        old.clone()
                    };
                    part.add(&old, &new, columns);
                }
                kept.give(texts);
                vec![(part, digest)]
            });
            for (part, digest) in found {
                again = again.wrapping_add(digest);
                if let Some(e) = part.unreadable {
                    unreadable.get_or_insert(e);
                }
                for (key, premium) in part.before {
                    *before.entry(key).or_default() += premium;
                }
                impact.append(part.impact);
            }
            Ok(())
        })
        .map_err(|e| ReplayError::Other(crate::msg!("replay-unreadable-log", error => &e)))?;
        outcome.unload();
        if let Some(e) = unspilled {
            return Err(ReplayError::Other(e));
        }
        if again != *inputs {
            return Err(ReplayError::Other(crate::msg!("replay-log-changed", file = path.display())));
        }
        if let Some(e) = unreadable {
            return Err(ReplayError::Other(e));
        }
        impact.money = money(outcome, &before)
            .map_err(|e| ReplayError::Other(outcome.registry.rows.error(e).message()))?;
        Ok(impact)
    }
}

/// The money per (program, funding source) before and after: after, from the outcome;
/// before, the same corrected by `before` where records differ. (A streamed registry's
/// decisions are read from their spill files: an error if they cannot be.)
fn money(outcome: &Outcome, before: &BTreeMap<(String, String), i128>) -> std::io::Result<Vec<Money>> {
    let mut money: BTreeMap<(String, String), (i128, i128)> = BTreeMap::new();
    for (p, run) in outcome.programs.iter().zip(&outcome.runs) {
        for f in &p.funding {
            money.entry((p.id.clone(), f.id.clone())).or_default();
        }
        let mut enrolled: BTreeMap<u32, i128> = BTreeMap::new();
        run.decisions.scan(|_, d| {
            if let Some(Decision::Enrolled { funding }) = d {
                *enrolled.entry(funding).or_default() += 1;
            }
        })?;
        let cost = i128::from(crate::engine::cost(p).0);
        for (funding, count) in enrolled {
            let e = money.entry((p.id.clone(), p.funding[funding as usize].id.clone())).or_default();
            e.0 += cost * count;
            e.1 += cost * count;
        }
    }
    for (key, correction) in before {
        money.entry(key.clone()).or_default().0 += correction;
    }
    Ok(money
        .into_iter()
        .map(|((program, funding), (before, after))| Money {
            program,
            funding,
            before: u64::try_from(before.max(0)).unwrap_or(0),
            after: u64::try_from(after.max(0)).unwrap_or(0),
        })
        .collect())
}

/// What the differing records of a stretch of the log add to the impact, in row order.
#[derive(Default)]
struct Part {
    /// Its changes (without money).
    impact: Impact,
    /// Corrections to the money after, giving the money before.
    before: BTreeMap<(String, String), i128>,
    /// The first record that could not be read.
    unreadable: Option<Msg>,
}

impl Part {
    /// Sorts a record that differs (`old` as recorded, `new` as decided again) into the
    /// impact; `columns`: where the NIK and the name are in `input`.
    fn add(&mut self, old: &Record<'_>, new: &Record<'_>, columns: (Option<usize>, Option<usize>)) {
        let enrolled = |r: &Record<'_>| {
            r.programs
                .iter()
                .filter(|d| Verdict::parse(&d.decision) == Some(Verdict::Enrolled))
                .map(|d| {
                    let key = (d.program.to_string(), d.funding.as_deref().unwrap_or_default().to_owned());
                    (key, i128::from(d.premium.unwrap_or(0)))
                })
                .collect::<Vec<_>>()
        };
        for (key, premium) in enrolled(old) {
            *self.before.entry(key).or_default() += premium;
        }
        for (key, premium) in enrolled(new) {
            *self.before.entry(key).or_default() -= premium;
        }
        let (nik_col, name_col) = columns;
        let nik = new
            .read_of(registry::Field::Nik)
            .or_else(|| nik_col.and_then(|c| new.input.get(c)).map(|t| t.as_str()))
            .map(ToString::to_string)
            .unwrap_or_default();
        let name = name_col.and_then(|c| new.input.get(c)).map(ToString::to_string).unwrap_or_default();
        let district =
            new.read_of(registry::Field::Domicile).map(crate::log::summary::district_of).unwrap_or_default();
        let mut programs: Vec<&str> =
            old.programs.iter().chain(&new.programs).map(|d| d.program.as_str()).collect();
        programs.sort_unstable();
        programs.dedup();
        let mut listed = false;
        let mut detail = false;
        let listed_before = impact_len(&self.impact);
        for program in programs {
            let o = old.programs.iter().find(|d| d.program == program);
            let n = new.programs.iter().find(|d| d.program == program);
            if o == n {
                continue;
            }
            listed = true;
            let change = Change {
                row: new.row,
                nik: nik.clone(),
                name: name.clone(),
                district: district.clone(),
                program: program.to_owned(),
                before: Brief::of(o),
                after: Brief::of(n),
            };
            let is = |d: Option<&ProgramDecision>, v: Verdict| {
                d.is_some_and(|d| Verdict::parse(&d.decision) == Some(v))
            };
            let enrolled = |d| is(d, Verdict::Enrolled);
            let waiting = |d| is(d, Verdict::Waiting);
            let impact = &mut self.impact;
            if enrolled(n) && !enrolled(o) {
                impact.gains.push(change);
            } else if enrolled(o) && !enrolled(n) {
                impact.losses.push(change);
            } else if waiting(o) && waiting(n) && o.map(|d| d.rank) != n.map(|d| d.rank) {
                impact.moves.push(change);
            } else if change.before == change.after {
                // `rejected (occupation-not-eligible) → rejected (occupation-not-eligible)`
                // says nothing to a reader: counted, not listed
                detail = true;
            } else {
                impact.other.push(change);
            }
        }
        if detail && listed_before == impact_len(&self.impact) {
            self.impact.details += 1;
        }
        if !listed {
            self.impact.other.push(Change {
                row: new.row,
                nik,
                name,
                district,
                program: String::new(),
                before: Brief::Row { outcome: old.outcome.to_string(), differs: false },
                after: Brief::Row { outcome: new.outcome.to_string(), differs: true },
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Only a record whose outcome is `invalid`, or a line not begun as the writer begins
    /// records, is searched for an `invalid`.
    #[test]
    fn only_invalid_records_and_unusual_lines_are_searched_for_an_invalid() {
        for (line, searched) in [
            (r#"{"row":7,"outcome":"invalid","input":["x"],"invalid":{"field":"row","reason":"r"}}"#, true),
            (r#"{"row":12345,"outcome":"rejected","input":["x"]}"#, false),
            (r#"{"row":1,"outcome":"enrolled","input":[]}"#, false),
            (r#"{"row":1,"outcome":"waiting","input":[]}"#, false),
            // an outcome that only begins like it is another outcome
            (r#"{"row":1,"outcome":"invalidated","input":[]}"#, false),
            // keys in another order, spaces, a row that is not a number: searched
            (r#"{"outcome":"rejected","row":1,"input":[]}"#, true),
            (r#"{"row": 1,"outcome":"rejected","input":[]}"#, true),
            (r#"{"row":"1","outcome":"rejected","input":[]}"#, true),
            (r#"{"row":1,"outcome":"\u0069nvalid","input":[]}"#, true),
            (r#"{"row":1,"outcome":"inv\u0061lid","input":[]}"#, true),
            (r##"{"row":1,"outcome":"rejected""##, false),
            (r#"{"row":1,"outcome":"rejec"#, true),
            ("", true),
        ] {
            assert_eq!(may_hold_invalid(line), searched, "{line}");
        }
    }

    /// The quick reading of a record's `input` gives what serde gives, or leaves it to serde.
    #[test]
    fn inputs_read_quickly_are_read_as_serde_reads_them() {
        let lines = [
            r#"{"row":1,"outcome":"waiting","input":["6409","Budi","","L"],"read":{}}"#,
            r#"{"row":1,"outcome":"waiting","input":[],"read":{}}"#,
            r#"{"row":1,"outcome":"waiting","input":["a \"quoted\" name","back\\slash"],"read":{}}"#,
            r#"{"row":1,"outcome":"waiting","input":[ "spaced" , "out" ],"read":{}}"#,
            r#"{"row":1,"outcome":"waiting","input":["tab	inside"],"read":{}}"#,
            r#"{"row":1,"outcome":"waiting","input":["Ñoño","\u00d1"],"read":{}}"#,
            r#"{"row":1,"outcome":"waiting","input":["unclosed"#,
            r#"{"row":1,"outcome":"waiting","input":["a",1],"read":{}}"#,
            r#"{"row":1,"outcome":"waiting","input":"a","read":{}}"#,
            r#"{"row":1,"outcome":"waiting"}"#,
        ];
        for line in lines {
            let slow: Result<Vec<Text<'_>>, String> =
                line.find("\"input\":").ok_or_else(|| "it has no input".to_owned()).and_then(|at| {
                    let mut de = serde_json::Deserializer::from_str(&line[at + 8..]);
                    serde::Deserialize::deserialize(&mut de).map_err(|e: serde_json::Error| e.to_string())
                });
            assert_eq!(input_of(line), slow, "{line}");
        }
        // the common case is read without serde, borrowed
        let (quick, len) = plain_strings(r#"["6409","Budi"],"read":{}"#).expect("read quickly");
        assert!(quick.iter().all(|t| matches!(t.0, std::borrow::Cow::Borrowed(_))));
        assert_eq!(len, r#"["6409","Budi"]"#.len());
        assert_eq!(plain_strings("[],").map(|(cells, len)| (cells.len(), len)), Some((0, 2)));
        assert_eq!(plain_strings(r#"["a\"b"]"#), None);
        assert_eq!(plain_strings("[\"a\tb\"]"), None);
    }
}
