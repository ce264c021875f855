//! `jaring verify`: is the run folder exactly what the run wrote?
//!
//! Checks every record line against the `leaves` file and the Merkle tree (and in a log of
//! schema 1–5, or a redacted copy, the hash chain line by line), naming the line that was
//! changed, removed, added or moved; the row numbers, the trailer's counts and head, the
//! archived artifacts
//! against their names, that every column of every line of `enrollments.csv`,
//! `waiting_list.csv` and `rejections.csv` says what the log says, that `summary.json` is what
//! the records add up to (`log::summary`, the code the run wrote it with), and that the folder
//! holds nothing else. The head commits to the whole header, its time included. The log is
//! read in blocks, so memory stays small whatever its size.

use std::path::Path;

use sha2::Digest as _;

use super::Record;
use super::summary::{LogFacts, Tally};
use super::view;
use super::{
    Counts, ENROLLMENT_COLUMNS, Header, LogError, REJECTION_COLUMNS, Trailer, WAITING_COLUMNS, header_digest,
};
use crate::decision::{self, Code, RowOutcome, Verdict};
use crate::digest::{hex, sha256_hex};
use crate::i18n::{Arg, Lang, Msg};
use crate::msg;
use crate::registry::Field;

/// One thing found wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The file, relative to the run folder.
    pub file: String,
    /// 1-based line, when the problem is on one line.
    pub line: Option<u64>,
    pub what: Msg,
}

impl Problem {
    /// `decisions.jsonl line 12: …` in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let what = self.what.clone();
        match self.line {
            Some(l) => msg!("verify-problem-at", file = &self.file, line = l, what => what),
            None => msg!("verify-problem", file = &self.file, what => what),
        }
        .text(lang)
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// What `verify` found.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub records: u64,
    pub counts: Counts,
    pub chain_head: Option<String>,
    /// The Merkle tree's root, recomputed (schema 4).
    pub root: Option<String>,
    pub problems: Vec<Problem>,
    /// What a reader should know about the checks themselves (an old log format).
    pub notes: Vec<Msg>,
}

impl Report {
    pub fn intact(&self) -> bool {
        self.problems.is_empty()
    }

    /// The first line of the log found wrong.
    pub fn first_bad_line(&self) -> Option<u64> {
        self.problems.iter().filter(|p| p.file == super::LOG_FILE).filter_map(|p| p.line).min()
    }
}

/// At most this many problems per file are listed.
const MAX_PROBLEMS: usize = 20;

/// What the chain check keeps of each record line.
struct Link {
    hash: [u8; 32],
    /// The record's leaf in the Merkle tree (schema 4).
    leaf: [u8; 32],
    /// The `prev` the line claims, or `None` if the line cannot be read.
    prev: Option<[u8; 32]>,
    row: Option<u32>,
}

/// The chain, the row numbers, the tree and the `leaves` file, checked record by record as
/// the log is read: nothing is kept per record, so memory does not grow with the log. A
/// record's link is judged when the next record is read (a changed line breaks two links).
/// Schema 6 records have no links: a changed line is found where its leaf is not the
/// `leaves` file's.
struct Chain {
    /// Whether records link to the one before (schema 1–5, and a redacted copy's lines).
    links: bool,
    /// What the first record links to: the header's digest.
    start: [u8; 32],
    /// The record before the one waiting to be judged.
    before: Option<Link>,
    /// The last record read, judged when the next one comes.
    current: Option<Link>,
    records: u64,
    expected_row: u32,
    /// (line, what), in the order found; no more than can be shown.
    problems: Vec<(u64, Msg)>,
    /// Schema 4: the Merkle tree over the leaves, as they come.
    tree: Option<super::merkle::Stream>,
    leaves: LeavesFile,
    /// Schema 6: the records (0-based) whose leaf is not the `leaves` file's, the first few —
    /// named as changed lines when the records do not make the trailer's root (else it is the
    /// file that was changed).
    unlike: Vec<u64>,
}

impl Chain {
    fn new(dir: &Path, header_line: &str, header: &Header) -> Chain {
        Chain {
            links: header.schema < super::compact::LEAN_FROM || header.redacted.is_some(),
            start: crate::digest::unhex32(&header_digest(header_line, header.schema)).unwrap_or([0; 32]),
            before: None,
            current: None,
            records: 0,
            expected_row: 1,
            problems: Vec::new(),
            tree: (header.schema >= 4).then(super::merkle::Stream::default),
            leaves: LeavesFile::open(dir, header.schema >= 4),
            unlike: Vec::new(),
        }
    }

    fn push(&mut self, link: Link) {
        if let Some(tree) = &mut self.tree {
            tree.push(link.leaf);
        }
        if self.leaves.next(self.records, &link.leaf) && !self.links && self.unlike.len() < MAX_PROBLEMS {
            self.unlike.push(self.records);
        }
        if let Some(current) = self.current.take() {
            self.judge(self.records - 1, &current, Some(&link));
            self.before = Some(current);
        }
        self.current = Some(link);
        self.records += 1;
    }

    fn problem(&mut self, line: u64, what: Msg) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push((line, what));
        }
    }

    /// Record `k` (0-based), knowing the records around it.
    fn judge(&mut self, k: u64, link: &Link, next: Option<&Link>) {
        let line_no = k + 2;
        let before_hash = self.before.as_ref().map_or(self.start, |b| b.hash);
        // a record whose `prev` is not a hash was changed there (the leaf leaves it out)
        if self.links && link.prev.is_none() && link.row.is_some() {
            self.problem(line_no, msg!("verify-prev-unreadable"));
        }
        if !self.links && link.prev.is_some() {
            self.problem(line_no, msg!("verify-prev-unexpected"));
        }
        if self.links && link.prev.is_some() && link.prev != Some(before_hash) {
            if next.is_some_and(|n| n.prev != Some(link.hash)) {
                self.problem(line_no, msg!("verify-line-changed"));
            } else if k == 0 {
                self.problem(1, msg!("verify-header-changed"));
            } else {
                let before_row = self.before.as_ref().and_then(|b| b.row);
                let rows_follow = matches!((before_row, link.row), (Some(a), Some(b)) if b == a + 1);
                let row = link.row.unwrap_or(0);
                let what = if rows_follow {
                    msg!("verify-line-before-changed", line = line_no, row = row)
                } else {
                    msg!("verify-line-before-changed-or-moved", line = line_no, row = row)
                };
                self.problem(line_no - 1, what);
            }
        }
        if let Some(row) = link.row {
            if row != self.expected_row {
                let what = if row < self.expected_row {
                    msg!("verify-row-again", row = row, expected = self.expected_row)
                } else {
                    msg!("verify-row-missing", row = row, expected = self.expected_row)
                };
                self.problem(line_no, what);
            }
            self.expected_row = row.saturating_add(1);
        }
    }

    /// Judges the last record; the hash the trailer's `prev` must name.
    fn finish(&mut self) -> [u8; 32] {
        if let Some(current) = self.current.take() {
            self.judge(self.records - 1, &current, None);
            let last = current.hash;
            self.before = Some(current);
            last
        } else {
            self.start
        }
    }
}

/// The `leaves` file, read alongside the log: where it first differs from the records'
/// leaves.
struct LeavesFile {
    reader: Option<std::io::BufReader<std::fs::File>>,
    /// Its length, when it exists.
    len: Option<u64>,
    /// The first record (0-based) whose leaf the file does not hold.
    differs: Option<u64>,
    /// It could not be read to the end (then nothing is said of its contents).
    unreadable: bool,
}

impl LeavesFile {
    fn open(dir: &Path, used: bool) -> LeavesFile {
        let path = dir.join(super::LEAVES);
        let len = used.then(|| std::fs::metadata(&path).ok().map(|m| m.len())).flatten();
        let reader = len
            .and_then(|_| std::fs::File::open(&path).ok())
            .map(|f| std::io::BufReader::with_capacity(1 << 16, f));
        LeavesFile { reader, len, differs: None, unreadable: false }
    }

    /// Whether the file holds another leaf than `leaf` for record `k` (0-based).
    fn next(&mut self, k: u64, leaf: &[u8; 32]) -> bool {
        use std::io::Read as _;
        if self.unreadable {
            return false;
        }
        let Some(reader) = &mut self.reader else { return false };
        let mut stored = [0u8; 32];
        match reader.read_exact(&mut stored) {
            Ok(()) if &stored == leaf => false,
            Ok(()) => {
                self.differs.get_or_insert(k);
                true
            }
            // shorter than the log: its length says so
            Err(_) => {
                self.unreadable = true;
                false
            }
        }
    }
}

/// The lines of one CSV the log says should exist, compared as the log is read. Records
/// are read into one reused buffer: nothing is allocated per line unless it differs.
struct CsvCheck {
    file: &'static str,
    /// The columns compared: (name, position in the file, position in an expected line).
    columns: Vec<(&'static str, usize, usize)>,
    reader: Option<csv::Reader<std::fs::File>>,
    record: csv::ByteRecord,
    line: u64,
    listed: usize,
    missing: u64,
    problems: Vec<Problem>,
    /// How many fields a line has.
    width: usize,
    /// CSV lines read ahead (record, line number), compared before any new one is read.
    pending: std::collections::VecDeque<(csv::ByteRecord, u64)>,
    /// A line that differed from the log's and was not a line too many: it is either a
    /// changed line or the one after a missing line — the next line of the log tells.
    suspect: Option<(Line, csv::ByteRecord, u64)>,
    /// A record read and found equal, reused for the next line.
    spare: Option<csv::ByteRecord>,
}

impl CsvCheck {
    /// Opens `file`, whose header must be `layout`, to compare its columns `compared` with
    /// the lines the log gives (every field, in the order of `all`: today's columns).
    fn open(
        dir: &Path,
        file: &'static str,
        all: &[&'static str],
        layout: &[&'static str],
        compared: &[&'static str],
    ) -> CsvCheck {
        let mut check = CsvCheck {
            file,
            columns: Vec::new(),
            reader: None,
            record: csv::ByteRecord::new(),
            line: 1,
            listed: 0,
            missing: 0,
            problems: Vec::new(),
            width: layout.len(),
            pending: std::collections::VecDeque::new(),
            suspect: None,
            spare: None,
        };
        // flexible: a line with too many or too few fields is still a line, reported as such
        let opened = csv::ReaderBuilder::new()
            .flexible(true)
            .from_path(dir.join(file))
            .and_then(|mut r| Ok((r.headers()?.clone(), r)));
        match opened {
            Ok((h, r)) => {
                if h.len() != layout.len() || h.iter().zip(layout).any(|(got, want)| got != *want) {
                    check.problems.push(Problem {
                        file: file.to_owned(),
                        line: Some(1),
                        what: msg!("verify-csv-columns", columns = layout.join(", ")),
                    });
                }
                check.width = layout.len();
                let columns: Result<Vec<(&'static str, usize, usize)>, Msg> = compared
                    .iter()
                    .map(|k| {
                        let in_file = h
                            .iter()
                            .position(|c| c == *k)
                            .ok_or_else(|| msg!("verify-csv-no-column", column = k))?;
                        let in_line = all.iter().position(|c| c == k).unwrap_or(0);
                        Ok((*k, in_file, in_line))
                    })
                    .collect();
                match columns {
                    Ok(columns) => {
                        check.columns = columns;
                        check.reader = Some(r);
                    }
                    Err(e) => check.problems.push(Problem { file: file.to_owned(), line: None, what: e }),
                }
            }
            Err(e) => check.problems.push(Problem {
                file: file.to_owned(),
                line: None,
                what: msg!("verify-unreadable-csv", error = e),
            }),
        }
        check
    }

    /// The next CSV line: one read ahead, or a new one (`None` at the end of the file).
    fn take(&mut self) -> Option<Result<(csv::ByteRecord, u64), csv::Error>> {
        if let Some(p) = self.pending.pop_front() {
            return Some(Ok(p));
        }
        let reader = self.reader.as_mut()?;
        let mut record = self.spare.take().unwrap_or_default();
        match reader.read_byte_record(&mut record) {
            Ok(false) => None,
            Ok(true) => {
                let line = record.position().map_or(self.line + 1, |p| p.line());
                self.line = line;
                Some(Ok((record, line)))
            }
            Err(e) => {
                self.line += 1;
                Some(Err(e))
            }
        }
    }

    fn same(&self, record: &csv::ByteRecord, want: &Line) -> bool {
        record.len() == self.width
            && self
                .columns
                .iter()
                .all(|(_, f, l)| record.get(*f).unwrap_or(b"") == want.get(*l).unwrap_or("").as_bytes())
    }

    /// What differs between a CSV line and the log's.
    fn differences(&self, record: &csv::ByteRecord, want: &Line) -> Msg {
        let mut differing: Vec<Arg> = self
            .columns
            .iter()
            .filter_map(|(k, f, l)| {
                let got = String::from_utf8_lossy(record.get(*f).unwrap_or(b""));
                let w = want.get(*l).unwrap_or("");
                (got != w).then(|| {
                    msg!(
                        "verify-csv-field",
                        column = k,
                        got = crate::text::shown(&got, 120),
                        want = crate::text::shown(w, 120)
                    )
                    .into()
                })
            })
            .collect();
        if record.len() != self.width {
            differing.push(msg!("verify-csv-field-count", got = record.len(), want = self.width).into());
        }
        msg!("verify-csv-line", differences => Arg::Joined(differing))
    }

    /// Compares the next CSV line with the line the log gives. A line added or removed is
    /// named once, and the lines after it are still compared with theirs.
    fn next(&mut self, want: &Line) {
        if self.reader.is_none() {
            return;
        }
        if let Some((before, record, line)) = self.suspect.take() {
            if self.same(&record, want) {
                // the log's line before this one is not in the file
                self.note_at(line, msg!("verify-csv-missing-line"));
                return;
            }
            let what = self.differences(&record, &before);
            self.note_at(line, what);
        }
        let (record, line) = match self.take() {
            None => {
                self.missing += 1;
                return;
            }
            Some(Err(e)) => {
                self.note(msg!("verify-unreadable-csv", error = e));
                return;
            }
            Some(Ok(r)) => r,
        };
        if self.same(&record, want) {
            self.spare = Some(record);
            return;
        }
        match self.take() {
            Some(Ok((ahead, _))) if self.same(&ahead, want) => {
                // this line is not the log's: one was added
                self.note_at(line, msg!("verify-csv-extra-line"));
                return;
            }
            Some(Ok(ahead)) => self.pending.push_front(ahead),
            Some(Err(e)) => self.note(msg!("verify-unreadable-csv", error = e)),
            None => {}
        }
        self.suspect = Some((want.clone(), record, line));
    }

    fn note_at(&mut self, line: u64, what: Msg) {
        if self.listed < MAX_PROBLEMS {
            self.listed += 1;
            self.problems.push(Problem { file: self.file.to_owned(), line: Some(line), what });
        }
    }

    fn note(&mut self, what: Msg) {
        if self.listed < MAX_PROBLEMS {
            self.listed += 1;
            self.problems.push(Problem { file: self.file.to_owned(), line: Some(self.line), what });
        }
    }

    /// Reports lines missing or left over, and hands back everything found.
    fn finish(mut self) -> Vec<Problem> {
        if let Some((before, record, line)) = self.suspect.take() {
            let what = self.differences(&record, &before);
            self.note_at(line, what);
        }
        let mut extra = self.pending.len() as u64;
        if let Some(reader) = self.reader.as_mut() {
            loop {
                match reader.read_byte_record(&mut self.record) {
                    Ok(true) => extra += 1,
                    Ok(false) => break,
                    Err(e) => {
                        extra += 1;
                        if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                            break;
                        }
                    }
                }
            }
        }
        if self.missing > 0 || extra > 0 {
            self.problems.push(Problem {
                file: self.file.to_owned(),
                line: None,
                what: if extra > 0 {
                    msg!("verify-csv-extra-lines", count = extra)
                } else {
                    msg!("verify-csv-missing-lines", count = self.missing)
                },
            });
        }
        self.problems
    }
}

/// The columns a schema-1 log can vouch for (its records carry no reason texts).
const ENROLLMENTS_V1: &[&str] =
    &["row", "nik", "name", "program", "funding_source", "months", "total_premium"];
const WAITING_V1: &[&str] = &["program", "rank", "row", "nik", "name", "priority", "reason"];
const REJECTIONS_V1: &[&str] = &["row", "nik", "name", "outcome", "program", "reason", "field"];
/// The CSVs' columns before schema 3 (no occupation, kecamatan or desa names).
const ENROLLMENTS_V2: &[&str] = &[
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
const WAITING_V2: &[&str] =
    &["program", "rank", "row", "nik", "name", "priority", "reason", "reason_text", "occupation", "domicile"];
const REJECTIONS_V2: &[&str] =
    &["row", "nik", "name", "outcome", "program", "reason", "reason_text", "citation", "field"];

/// One CSV's header and the columns the log vouches for, in a log of some schema.
struct Layout {
    file: &'static str,
    all: &'static [&'static str],
    header: &'static [&'static str],
    compared: &'static [&'static str],
}

fn layouts(schema: u32) -> [Layout; 3] {
    let (e, w, r): (&'static [&'static str], &'static [&'static str], &'static [&'static str]) = match schema
    {
        0 | 1 => (ENROLLMENTS_V1, WAITING_V1, REJECTIONS_V1),
        2 => (ENROLLMENTS_V2, WAITING_V2, REJECTIONS_V2),
        _ => (&ENROLLMENT_COLUMNS, &WAITING_COLUMNS, &REJECTION_COLUMNS),
    };
    let (eh, wh, rh): (&'static [&'static str], &'static [&'static str], &'static [&'static str]) =
        match schema {
            0..=2 => (ENROLLMENTS_V2, WAITING_V2, REJECTIONS_V2),
            _ => (&ENROLLMENT_COLUMNS, &WAITING_COLUMNS, &REJECTION_COLUMNS),
        };
    [
        Layout { file: "enrollments.csv", all: &ENROLLMENT_COLUMNS, header: eh, compared: e },
        Layout { file: "waiting_list.csv", all: &WAITING_COLUMNS, header: wh, compared: w },
        Layout { file: "rejections.csv", all: &REJECTION_COLUMNS, header: rh, compared: r },
    ]
}

impl Layout {
    fn open(&self, dir: &Path) -> CsvCheck {
        CsvCheck::open(dir, self.file, self.all, self.header, self.compared)
    }
}

/// What the CSV lines derive from besides the log's records: which input columns hold the
/// NIK and the name, and the archived catalog's occupation names.
struct Context {
    nik: Option<usize>,
    name: Option<usize>,
    occupations: std::collections::HashMap<String, String>,
}

impl Context {
    /// The last five fields of a CSV line (see `run::output`): occupation code and name,
    /// domicile code and its kecamatan and desa names.
    fn about<'a>(&'a self, occupation: &'a str, domicile: &'a str) -> [&'a str; 5] {
        let (district, village) = crate::region::place_names(domicile);
        [occupation, self.occupations.get(occupation).map_or("", String::as_str), domicile, district, village]
    }
}

/// A record's outcome, the CSV lines it adds and its tally, or why it cannot be read.
type Parsed<'a> = Result<(view::Text<'a>, Expected), String>;

/// A record's outcome, no longer borrowed from its line (which the next block's text
/// replaces): one of the four words, or what the line says instead.
fn owned_outcome(outcome: &view::Text<'_>) -> view::Text<'static> {
    match crate::decision::RowOutcome::parse(outcome.as_str()) {
        Some(o) => o.word().into(),
        None => outcome.as_str().to_owned().into(),
    }
}

/// One CSV line the log gives: its fields in one string, so that a line costs two
/// allocations rather than one per field (a million-row log gives millions of lines).
#[derive(Clone, Default)]
struct Line {
    text: String,
    ends: Vec<u32>,
}

impl Line {
    /// The line of `fields` followed by `more`.
    fn new(fields: &[&str], more: &[&str]) -> Line {
        let length = fields.iter().chain(more).map(|f| f.len()).sum();
        let mut line =
            Line { text: String::with_capacity(length), ends: Vec::with_capacity(fields.len() + more.len()) };
        for f in fields.iter().chain(more) {
            line.text.push_str(f);
            line.ends.push(line.text.len() as u32);
        }
        line
    }

    fn get(&self, k: usize) -> Option<&str> {
        let end = *self.ends.get(k)? as usize;
        let start = if k == 0 { 0 } else { self.ends[k - 1] as usize };
        self.text.get(start..end)
    }
}

/// What linking a log's records gave: their waiting lines, the chain, the counts and the
/// lines that could not be read.
type Linked = (WaitingLines, Chain, Counts, Vec<(u64, Msg)>);

/// The waiting-list lines the log gives, held until they can be compared in rank order
/// (the log is in row order). Past a budget (8 MiB) they are sorted and go to a temporary
/// file as a run, and the runs are merged when read back ([`super::sorted_runs`]), so memory
/// stays bounded however long the list. Without a temporary folder to write in, they stay
/// in memory.
struct WaitingLines {
    lines: super::sorted_runs::SortedRuns,
    /// A line being encoded.
    scratch: Vec<u8>,
}

impl WaitingLines {
    fn new() -> WaitingLines {
        WaitingLines::with_budget(8 << 20)
    }

    /// At most about `budget` bytes of lines held.
    fn with_budget(budget: usize) -> WaitingLines {
        WaitingLines { lines: super::sorted_runs::SortedRuns::new(budget), scratch: Vec::new() }
    }

    /// Keeps a line; an error when the temporary file cannot be written (the check cannot
    /// be done then, which is not the folder's fault).
    fn push(&mut self, program: usize, rank: u32, line: &Line) -> std::io::Result<()> {
        let bytes = &mut self.scratch;
        bytes.clear();
        bytes.extend_from_slice(&(line.text.len() as u32).to_le_bytes());
        bytes.extend_from_slice(line.text.as_bytes());
        for end in &line.ends {
            bytes.extend_from_slice(&end.to_le_bytes());
        }
        let program = u64::from(u32::try_from(program).unwrap_or(u32::MAX));
        self.lines
            .push(program << 32 | u64::from(rank), bytes)
            .map_err(|e| std::io::Error::other(format!("a temporary file for the waiting list: {e}")))
    }

    /// Hands `f` the lines in the order of the waiting list: by program, then rank, then row.
    fn sorted(self, mut f: impl FnMut(&Line)) -> std::io::Result<()> {
        let mut line = Line { text: String::new(), ends: Vec::new() };
        self.lines.sorted(|bytes| {
            line.text.clear();
            line.ends.clear();
            if let Some(&[a, b, c, d]) = bytes.get(..4) {
                let text_len = (u32::from_le_bytes([a, b, c, d]) as usize).min(bytes.len() - 4);
                // (written from text: read back as it was, checked at the speed of a check)
                let text = &bytes[4..4 + text_len];
                match std::str::from_utf8(text) {
                    Ok(text) => line.text.push_str(text),
                    Err(_) => line.text.push_str(&String::from_utf8_lossy(text)),
                }
                line.ends.extend(
                    bytes[4 + text_len..]
                        .chunks_exact(4)
                        .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]])),
                );
            }
            f(&line);
            Ok(())
        })
    }
}

/// Lines a record adds to each CSV, every field in the file's column order.
#[derive(Default)]
struct Expected {
    enrollments: Vec<Line>,
    /// (program position, rank, line)
    waiting: Vec<(usize, u32, Line)>,
    rejections: Vec<Line>,
}

fn text<'a>(t: &'a Option<view::Text<'_>>) -> &'a str {
    t.as_ref().map_or("", |t| t.as_str())
}

fn number(n: Option<u64>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

/// What the log says a record adds to the CSVs, and to the summary's counts.
fn expected(header: &Header, context: &Context, v: &Record<'_>, tally: &mut Tally) -> Expected {
    let cell = |c: Option<usize>| c.and_then(|c| v.input.get(c)).map_or("", |t| t.as_str().trim());
    let read = |f: Field| v.read_of(f).unwrap_or("");
    let nik = v.read_of(Field::Nik).unwrap_or_else(|| cell(context.nik));
    let name = cell(context.name);
    let mut row_digits = itoa::Buffer::new();
    let row: &str = row_digits.format(v.row);
    let about = context.about(read(Field::Occupation), read(Field::Domicile));
    let owned = |fields: &[&str]| Line::new(fields, &about);
    let mut e = Expected::default();
    tally.add_view(header, v);
    let outcome = RowOutcome::parse(v.outcome.as_str());
    let (invalid, rejected) = (RowOutcome::Invalid.word(), RowOutcome::Rejected.word());
    match outcome {
        Some(RowOutcome::Invalid) => {
            let (field, reason) =
                v.invalid.as_ref().map_or(("", ""), |i| (i.field.as_str(), i.reason.as_str()));
            let code = Code::InvalidValue.code();
            // a row that was not read has no occupation or domicile
            let fields = [row, nik, name, invalid, "", code, reason, "", field];
            e.rejections.push(Line::new(&fields, &[""; 5]));
            return e;
        }
        Some(RowOutcome::Rejected) if v.duplicate_of.is_some() => {
            let text = decision::duplicate_message(v.duplicate_of.unwrap_or(0)).text(header.lang);
            let code = Code::DuplicateNik.code();
            e.rejections.push(owned(&[row, nik, name, rejected, "", code, &text, "", "nik"]));
            return e;
        }
        _ => {}
    }
    for d in &v.programs {
        let program = header.programs.iter().position(|p| p.id == d.program.as_str());
        let info = program.map(|p| &header.programs[p]);
        match Verdict::parse(d.decision.as_str()) {
            Some(Verdict::Enrolled) => e.enrollments.push(owned(&[
                row,
                nik,
                name,
                d.program.as_str(),
                text(&d.funding),
                info.map_or("", |p| p.first_month.as_str()),
                info.map_or("", |p| p.last_month.as_str()),
                &number(d.months.map(u64::from)),
                &number(info.and_then(|p| p.monthly_premium)),
                &number(d.premium),
            ])),
            Some(Verdict::Waiting) => {
                // (numbers written on the stack: a million waiting lines made no strings for them)
                let (mut rank, mut priority) = (itoa::Buffer::new(), itoa::Buffer::new());
                e.waiting.push((
                    program.unwrap_or(usize::MAX),
                    d.rank.unwrap_or(0),
                    owned(&[
                        d.program.as_str(),
                        d.rank.map_or("", |r| rank.format(r)),
                        row,
                        nik,
                        name,
                        d.priority().map_or("", |p| priority.format(p)),
                        text(&d.reason),
                        text(&d.message),
                    ]),
                ))
            }
            Some(Verdict::Rejected) if outcome == Some(RowOutcome::Rejected) => e.rejections.push(owned(&[
                row,
                nik,
                name,
                rejected,
                d.program.as_str(),
                text(&d.reason),
                text(&d.message),
                text(&d.cite),
                "",
            ])),
            _ => {}
        }
    }
    e
}

/// Verifies a run folder. `expect_head` is the chain head recorded outside the folder.
pub fn verify(dir: &Path, expect_head: Option<&str>) -> Result<Report, LogError> {
    verify_with(dir, expect_head, true, &[])
}

/// [`verify`], checking `hasil.xlsx` (when the folder has one) only if `workbook`: the
/// documents made from a folder read its CSVs and summary, never the workbook. The workbook
/// is checked on its own thread while the log is.
/// `keys`: the checkpoint must carry a valid signature by each.
pub fn verify_with(
    dir: &Path,
    expect_head: Option<&str>,
    workbook: bool,
    keys: &[super::checkpoint::PublicKey],
) -> Result<Report, LogError> {
    std::thread::scope(|scope| {
        let sheets = (workbook && dir.join(super::workbook::FILE).exists()).then(|| {
            scope.spawn(|| {
                let lang = super::read_header(&dir.join(super::LOG_FILE)).ok().map(|(_, h)| h.lang);
                lang.map(|lang| super::workbook::check(dir, lang)).unwrap_or_default()
            })
        });
        let mut report = verify_log(dir, expect_head)?;
        check_checkpoint(dir, keys, &mut report);
        let differences = match sheets {
            Some(handle) => handle.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
            None => Vec::new(),
        };
        for d in differences {
            report.problems.push(Problem {
                file: super::workbook::FILE.to_owned(),
                line: d.row,
                what: match d.sheet {
                    Some(sheet) => {
                        msg!("verify-in-sheet", sheet = crate::text::shown(&sheet, 60), what => d.what)
                    }
                    None => d.what,
                },
            });
        }
        Ok(report)
    })
}

/// The `leaves` file, when there is one, holds exactly the records' leaves.
fn check_leaves(leaves: &LeavesFile, records: u64, schema: u32, report: &mut Report) {
    let Some(len) = leaves.len else {
        // schema 6: without it a changed line could not be named (no record links to another)
        if schema >= super::compact::LEAN_FROM {
            report.problems.push(Problem {
                file: super::LEAVES.to_owned(),
                line: None,
                what: msg!("verify-leaves-missing"),
            });
        }
        return;
    };
    let differs = if len != records * 32 {
        // whatever it holds, a file of the wrong length is wrong
        Some((len / 32).min(records))
    } else if leaves.unreadable {
        None
    } else {
        leaves.differs
    };
    if let Some(k) = differs {
        report.problems.push(Problem {
            file: super::LEAVES.to_owned(),
            line: None,
            what: msg!("verify-leaves", record = k + 1),
        });
    }
}

/// The folder's checkpoint states this log (origin, size, root) and carries a valid
/// signature by every key given.
fn check_checkpoint(dir: &Path, keys: &[super::checkpoint::PublicKey], report: &mut Report) {
    use super::checkpoint;
    let file = checkpoint::FILE;
    let text = match std::fs::read_to_string(dir.join(file)) {
        Ok(t) => t,
        Err(_) if keys.is_empty() => return,
        Err(_) => {
            report.problems.push(Problem {
                file: file.to_owned(),
                line: None,
                what: msg!("checkpoint-none"),
            });
            return;
        }
    };
    let Ok((line, header)) = super::read_header(&dir.join(super::LOG_FILE)) else { return };
    // a redacted copy keeps the original's tree, and so its checkpoint
    let origin = match &header.redacted {
        Some(r) => super::origin(&r.original_header_sha256),
        None => super::origin(&sha256_hex(line.as_bytes())),
    };
    let root = report.root.clone().unwrap_or_default();
    let (problems, unchecked) = checkpoint::check(&text, &origin, report.records, &root, keys);
    for what in problems {
        report.problems.push(Problem { file: file.to_owned(), line: None, what });
    }
    if !unchecked.is_empty() {
        report.notes.push(msg!("checkpoint-unchecked", names = unchecked.join(", ")));
    }
}

/// Everything but the workbook: the chain, the records, the CSVs, the summary, the
/// artifacts and the folder's files.
fn verify_log(dir: &Path, expect_head: Option<&str>) -> Result<Report, LogError> {
    let path = dir.join(super::LOG_FILE);
    let label = path.display().to_string();
    let (header_line, header) = match super::read_header(&path) {
        Ok(h) => h,
        // a header that no longer reads is tampering, not a failure to verify
        Err(LogError::Header { reason, .. }) => {
            let mut report = Report::default();
            report.problems.push(Problem {
                file: super::LOG_FILE.to_owned(),
                line: Some(1),
                what: msg!("verify-header-unreadable", reason => reason),
            });
            return Ok(report);
        }
        Err(e) => return Err(e),
    };
    let mut report = Report::default();
    let context = Context {
        nik: super::column_of(&header, Field::Nik),
        name: super::column_of(&header, Field::Name),
        occupations: super::archived_catalog(dir, &header)
            .map(|c| c.occupations().iter().map(|o| (o.code.clone(), o.label.clone())).collect())
            .unwrap_or_default(),
    };
    let full = header.schema >= 2;
    let redacted = header.redacted.is_some();
    let leaf_chain = header.schema >= 4 && !redacted;
    let [enrollment_layout, waiting_layout, rejection_layout] = layouts(header.schema);
    let mut tally = Tally::for_header(&header);
    let shared = &super::compact::Shared::of(&header);
    // enrollments.csv and rejections.csv are compared on their own thread, and the records
    // linked, counted and their waiting lines kept on another, while the next block of the
    // log is parsed
    let (csv_problems, read, linked) = std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel::<Vec<Expected>>(2);
        let comparer = scope.spawn(move || {
            let mut enrollments = enrollment_layout.open(dir);
            let mut rejections = rejection_layout.open(dir);
            for block in receive {
                for e in block {
                    e.enrollments.iter().for_each(|want| enrollments.next(want));
                    e.rejections.iter().for_each(|want| rejections.next(want));
                }
            }
            let mut problems = enrollments.finish();
            problems.extend(rejections.finish());
            problems
        });
        // (a block's records in its chunks' lists, as parsed: not moved into one list first)
        let (to_link, linking) =
            std::sync::mpsc::sync_channel::<(usize, Vec<Vec<(Link, Parsed<'static>)>>)>(1);
        let (header_line, header) = (&header_line, &header);
        let linker = scope.spawn(move || -> std::io::Result<Linked> {
            let mut waiting = WaitingLines::new();
            let mut chain = Chain::new(dir, header_line, header);
            let mut counts = Counts::default();
            let mut unreadable: Vec<(u64, Msg)> = Vec::new();
            for (done, parsed) in linking {
                let mut block = Vec::with_capacity(parsed.iter().map(Vec::len).sum());
                for (k, (link, result)) in parsed.into_iter().flatten().enumerate() {
                    let line_no = (done + k) as u64 + 2;
                    match result {
                        Ok((outcome, mut e)) => {
                            if !counts.add(&outcome) {
                                unreadable.push((
                                    line_no,
                                    msg!(
                                        "verify-unknown-outcome",
                                        outcome = crate::text::shown(&outcome, 60)
                                    ),
                                ));
                            }
                            for (program, rank, line) in e.waiting.drain(..) {
                                waiting.push(program, rank, &line)?;
                            }
                            block.push(e);
                        }
                        Err(e) => unreadable.push((line_no, msg!("verify-not-a-record", error = e))),
                    }
                    chain.push(link);
                }
                // the comparer only stops early by panicking, which its join re-raises
                let _ = send.send(block);
            }
            Ok((waiting, chain, counts, unreadable))
        });
        // (blocks of 8 MiB: each is parsed, linked and compared on three threads at once,
        // a few of them in flight)
        let read = view::blocks(&path, 4 << 20, |done, lines| {
            let parsed: Vec<(Vec<(Link, Parsed<'static>)>, Tally)> =
                crate::par::chunks_each(lines.len(), 4, |range| {
                    let mut part = Tally::for_header(header);
                    let links = lines[range]
                        .iter()
                        .map(|line| {
                            let own_leaf = super::merkle::record_leaf(line.as_bytes());
                            // schema 4 links each record to the leaf of the one before (a redacted
                            // copy, whose leaves are the original's, keeps a chain of its own lines)
                            let hash: [u8; 32] = if leaf_chain {
                                own_leaf
                            } else {
                                sha2::Sha256::digest(line.as_bytes()).into()
                            };
                            match shared.parse(line) {
                                Ok(v) => (
                                    Link {
                                        hash,
                                        // a redacted copy's records carry the original leaves
                                        leaf: if redacted {
                                            crate::digest::unhex32(v.leaf.as_str()).unwrap_or(own_leaf)
                                        } else {
                                            own_leaf
                                        },
                                        prev: crate::digest::unhex32(v.prev.as_str()),
                                        row: Some(v.row),
                                    },
                                    Ok((
                                        owned_outcome(&v.outcome),
                                        expected(header, &context, &v, &mut part),
                                    )),
                                ),
                                Err(e) => {
                                    (Link { hash, leaf: own_leaf, prev: None, row: None }, Err(e.to_string()))
                                }
                            }
                        })
                        .collect();
                    vec![(links, part)]
                });
            let parsed: Vec<Vec<(Link, Parsed<'static>)>> = parsed
                .into_iter()
                .map(|(links, part)| {
                    tally.merge(part);
                    links
                })
                .collect();
            // the linker stops early only when it cannot keep the waiting lines: its join
            // says why
            to_link.send((done, parsed)).map_err(|_| std::io::Error::other("the linker stopped"))
        });
        drop(to_link);
        let linked = linker.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
        let problems = comparer.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
        (problems, read, linked)
    });
    let (waiting, chain, counts, unreadable) = linked.map_err(|e| LogError::Io(label.clone(), e))?;
    let trailer = read.map_err(|e| LogError::Io(label.clone(), e))?;
    report.problems.extend(csv_problems);
    let mut waiting_check = waiting_layout.open(dir);
    // the lines merged into rank order on one thread, compared with the file on another
    // (after the log, this is all there is left to do; on one thread it took 0,21 s of a
    // 1M verify's 1,8)
    std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel::<Vec<Line>>(4);
        let merger = scope.spawn(move || {
            let mut batch = Vec::with_capacity(1024);
            waiting.sorted(|want| {
                batch.push(want.clone());
                if batch.len() == batch.capacity() {
                    let _ = send.send(std::mem::replace(&mut batch, Vec::with_capacity(1024)));
                }
            })?;
            let _ = send.send(batch);
            Ok(())
        });
        for batch in receive {
            batch.iter().for_each(|want| waiting_check.next(want));
        }
        merger.join().unwrap_or_else(|e| std::panic::resume_unwind(e))
    })
    .map_err(|e: std::io::Error| LogError::Io(label.clone(), e))?;
    report.problems.extend(waiting_check.finish());
    for (line, what) in unreadable {
        problem(&mut report, line, what);
    }
    check_chain(&header_line, &header, chain, trailer.as_deref(), counts, &mut report);
    if let Some(given) = expect_head {
        // as people copy it from minutes: any case, with spaces; the chain head or the root
        let expected: String =
            given.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
        // a redacted copy keeps the original leaves, so the original's root, and with the
        // original header's hash it names, the original's head
        let original = header.redacted.as_ref().zip(report.root.as_deref()).and_then(|(r, root)| {
            let header_hash = crate::digest::unhex32(&r.original_header_sha256)?;
            let root = crate::digest::unhex32(root)?;
            Some(hex(&super::merkle::head(&header_hash, report.records, &root)))
        });
        if original.as_deref() == Some(expected.as_str()) {
            report.notes.push(msg!("verify-head-of-original"));
        }
        let known = [report.chain_head.as_deref(), report.root.as_deref(), original.as_deref()];
        let whole = known.iter().flatten().any(|k| *k == expected);
        let prefix = expected.len() >= 8
            && expected.len() < 64
            && known.iter().flatten().any(|k| k.starts_with(expected.as_str()));
        if prefix {
            report.notes.push(msg!("verify-head-shortened", count = expected.len()));
        } else if !whole {
            report.problems.push(Problem {
                file: super::LOG_FILE.to_owned(),
                line: None,
                what: msg!(
                    "verify-wrong-head",
                    head = report.chain_head.as_deref().unwrap_or("-"),
                    expected = crate::text::shown(given, 80)
                ),
            });
        }
    }
    check_artifacts(dir, &header, &mut report);
    check_files(dir, &header, &mut report);
    if full {
        let bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
        let facts = LogFacts {
            records: report.records,
            bytes,
            chain_head: report.chain_head.clone().unwrap_or_default(),
            root: report.root.clone(),
        };
        check_summary(dir, &tally.text(&header, Some(&facts)), &mut report);
    } else {
        report.notes.push(msg!("verify-schema-1"));
    }
    Ok(report)
}

/// `summary.json` must be what the log's records add up to.
fn check_summary(dir: &Path, expected: &str, report: &mut Report) {
    let file = "summary.json";
    let path = dir.join(file);
    if let Ok(m) = std::fs::metadata(&path)
        && m.len() > super::summary::MAX_BYTES
    {
        report.problems.push(Problem {
            file: file.to_owned(),
            line: None,
            what: msg!("verify-summary-too-large", bytes = crate::money::grouped(m.len())),
        });
        return;
    }
    let found = match crate::files::read_text_at_most(&path, super::summary::MAX_BYTES) {
        Ok(text) => text,
        Err(e) => {
            report.problems.push(Problem {
                file: file.to_owned(),
                line: None,
                what: msg!("verify-unreadable", error => &e),
            });
            return;
        }
    };
    if found == expected {
        return;
    }
    let parsed: Result<serde_json::Value, _> = serde_json::from_str(&found);
    let want: serde_json::Value = serde_json::from_str(expected).unwrap_or_default();
    let mut differing = Vec::new();
    match parsed {
        Ok(got) => json_differences("", &got, &want, &mut differing),
        Err(e) => differing.push(msg!("verify-summary-not-json", error = e)),
    }
    if differing.is_empty() {
        differing.push(msg!("verify-summary-layout"));
    }
    for what in differing.into_iter().take(MAX_PROBLEMS) {
        report.problems.push(Problem { file: file.to_owned(), line: None, what });
    }
}

/// The places where `got` differs from `want`, as `path: got, the log says want`.
fn json_differences(path: &str, got: &serde_json::Value, want: &serde_json::Value, out: &mut Vec<Msg>) {
    use serde_json::Value;
    match (got, want) {
        (Value::Object(g), Value::Object(w)) => {
            for (k, wv) in w {
                let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                match g.get(k) {
                    Some(gv) => json_differences(&p, gv, wv, out),
                    None => out.push(msg!("verify-summary-missing", key = crate::text::shown(&p, 120))),
                }
            }
            for k in g.keys().filter(|k| !w.contains_key(*k)) {
                let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                out.push(msg!("verify-summary-extra", key = crate::text::shown(&p, 120)));
            }
        }
        (Value::Array(g), Value::Array(w)) if g.len() == w.len() => {
            for (i, (gv, wv)) in g.iter().zip(w).enumerate() {
                json_differences(&format!("{path}[{i}]"), gv, wv, out);
            }
        }
        _ if got != want => out.push(msg!(
            "verify-summary-value",
            key = crate::text::shown(path, 120),
            got = crate::text::shown(&got.to_string(), 120),
            want = crate::text::shown(&want.to_string(), 120)
        )),
        _ => {}
    }
}

/// A run folder holds the log, the three CSVs, the summary and the artifacts the log names:
/// nothing else.
fn check_files(dir: &Path, header: &Header, report: &mut Report) {
    let expected = [
        super::LOG_FILE,
        "enrollments.csv",
        "waiting_list.csv",
        "rejections.csv",
        "summary.json",
        super::workbook::FILE,
        super::checkpoint::FILE,
        super::LEAVES,
    ];
    let mut unexpected = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            if !(expected.contains(&name.as_str()) && !is_dir || name == super::ARTIFACTS && is_dir) {
                unexpected.push(name);
            }
        }
    }
    let mut artifacts: Vec<&str> = vec![&header.catalog.file, &header.rates.file];
    for p in &header.programs {
        artifacts.push(&p.policy.file);
        if let Some(plugin) = &p.plugin {
            artifacts.push(&plugin.artifact.file);
        }
    }
    if let Ok(entries) = std::fs::read_dir(dir.join(super::ARTIFACTS)) {
        for entry in entries.flatten() {
            let name = format!("{}/{}", super::ARTIFACTS, entry.file_name().to_string_lossy());
            if !artifacts.contains(&name.as_str()) {
                unexpected.push(name);
            }
        }
    }
    unexpected.sort();
    for name in unexpected.into_iter().take(MAX_PROBLEMS) {
        report.problems.push(Problem {
            file: crate::text::shown(&name, 200),
            line: None,
            what: msg!("verify-added-file"),
        });
    }
}

fn problem(report: &mut Report, line: u64, what: Msg) {
    if report.problems.iter().filter(|p| p.file == super::LOG_FILE).count() < MAX_PROBLEMS {
        report.problems.push(Problem { file: super::LOG_FILE.to_owned(), line: Some(line), what });
    }
}

/// The chain, row numbers and trailer.
fn check_chain(
    header_line: &str,
    header: &Header,
    mut chain: Chain,
    trailer: Option<&str>,
    counts: Counts,
    report: &mut Report,
) {
    let last_hash = chain.finish();
    let records = chain.records;
    report.records = records;
    report.counts = counts;
    let last = hex(&last_hash);
    // schema 4: the tree over the leaves, and the head that commits to the header, the size
    // and the root (the links only tie each record to its neighbour)
    let tree = chain.tree.as_ref().map(super::merkle::Stream::root);
    let parsed = trailer.map(serde_json::from_str::<Trailer>);
    // schema 6: the records make the root the trailer gives — then a leaf the `leaves` file
    // does not hold is the file's change — or not, and each such line is a changed one
    let root_agrees = matches!((&parsed, &tree), (Some(Ok(t)), Some(root))
        if t.tree_size == Some(records) && t.root.as_deref() == Some(hex(root).as_str()));
    if !root_agrees {
        for k in std::mem::take(&mut chain.unlike) {
            chain.problems.push((k + 2, msg!("verify-leaf-differs", record = k + 1)));
        }
        chain.problems.sort_by_key(|(line, _)| *line);
    }
    for (line, what) in std::mem::take(&mut chain.problems) {
        problem(report, line, what);
    }
    let head = match &tree {
        Some(root) => {
            let header_hash: super::merkle::Hash = sha2::Sha256::digest(header_line.as_bytes()).into();
            hex(&super::merkle::head(&header_hash, records, root))
        }
        None => last.clone(),
    };
    report.chain_head = Some(head.clone());
    let trailer_line_no = records + 2;
    match parsed {
        None => problem(report, trailer_line_no, msg!("verify-no-trailer")),
        Some(Err(e)) => problem(report, trailer_line_no, msg!("verify-bad-trailer", error = e)),
        Some(Ok(t)) => {
            if t.records != records {
                problem(
                    report,
                    trailer_line_no,
                    msg!("verify-trailer-records", trailer = t.records, records = records),
                );
            }
            if t.counts != counts {
                problem(
                    report,
                    trailer_line_no,
                    msg!("verify-trailer-counts", trailer => counts_words(&t.counts), records => counts_words(&counts)),
                );
            }
            if t.chain_head != head || t.prev != last {
                let trailer = crate::text::shown(&t.chain_head, 80);
                let what = if tree.is_some() {
                    msg!("verify-trailer-tree-head", trailer = trailer, head = &head)
                } else {
                    msg!("verify-trailer-head", trailer = trailer, head = &head)
                };
                problem(report, trailer_line_no, what);
                // schema 6 (no link names the header): the records make the trailer's root,
                // so what no longer gives its head is the header (or the head itself)
                if root_agrees && !chain.links && t.chain_head != head {
                    problem(report, 1, msg!("verify-header-not-head"));
                }
            }
            if t.header_sha256 != sha256_hex(header_line.as_bytes()) {
                problem(report, 1, msg!("verify-header-hash"));
            }
            if let Some(root) = &tree {
                let root = hex(root);
                if t.tree_size != Some(records) || t.root.as_deref() != Some(root.as_str()) {
                    problem(
                        report,
                        trailer_line_no,
                        msg!(
                            "verify-trailer-root",
                            trailer = crate::text::shown(t.root.as_deref().unwrap_or("-"), 80),
                            size = t.tree_size.unwrap_or(0),
                            root = &root,
                            records = records
                        ),
                    );
                }
                report.root = Some(root);
                check_leaves(&chain.leaves, records, header.schema, report);
            }
        }
    }
    if header.registry.rows != records {
        problem(report, 1, msg!("verify-header-rows", rows = header.registry.rows, records = records));
    }
}

fn check_artifacts(dir: &Path, header: &Header, report: &mut Report) {
    let mut artifacts = vec![&header.catalog, &header.rates];
    for p in &header.programs {
        artifacts.push(&p.policy);
        if let Some(plugin) = &p.plugin {
            artifacts.push(&plugin.artifact);
        }
    }
    for a in artifacts {
        let Some(path) = a.path(dir) else {
            report.problems.push(Problem {
                file: crate::text::shown(&a.file, 200),
                line: None,
                what: msg!("artifact-path", file = crate::text::shown(&a.file, 200)),
            });
            continue;
        };
        // (hashed as it is read: an artifact of a forged folder may be of any size)
        match crate::digest::sha256_file(&path) {
            Ok(actual) if actual == a.sha256 => {}
            Ok(actual) => report.problems.push(Problem {
                file: a.file.clone(),
                line: None,
                what: msg!(
                    "verify-artifact-hash",
                    actual = actual,
                    recorded = crate::text::shown(&a.sha256, 80),
                    name = crate::text::shown(&a.name, 200)
                ),
            }),
            Err(e) => report.problems.push(Problem {
                file: a.file.clone(),
                line: None,
                what: msg!("verify-unreadable", error => &e),
            }),
        }
    }
}

/// Counts in words: `3 enrolled, 2 waiting, …`.
pub fn counts_words(c: &Counts) -> Msg {
    msg!(
        "verify-counts",
        enrolled = crate::money::grouped(c.enrolled),
        waiting = crate::money::grouped(c.waiting),
        rejected = crate::money::grouped(c.rejected),
        invalid = crate::money::grouped(c.invalid)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Waiting lines come back in waiting-list order (program, rank, then the order found),
    /// the same whether they stayed in memory or went to a temporary file part way.
    #[test]
    fn waiting_lines_come_back_sorted_from_memory_or_a_file() {
        let lines: Vec<(usize, u32, Line)> = (0..500u32)
            .map(|i| {
                let program = (i % 3) as usize;
                let rank = (i * 7919) % 97;
                let row = i.to_string();
                let note = "é".repeat((i % 5) as usize);
                (program, rank, Line::new(&[&row, "waiting", &note, ""], &["64.09"]))
            })
            .collect();
        let mut expected: Vec<&(usize, u32, Line)> = lines.iter().collect();
        expected.sort_by_key(|w| (w.0, w.1));
        let expected: Vec<(String, Vec<u32>)> =
            expected.iter().map(|w| (w.2.text.clone(), w.2.ends.clone())).collect();
        for budget in [usize::MAX, 0, 1, 4096, 1 << 20] {
            let mut store = WaitingLines::with_budget(budget);
            for (program, rank, line) in &lines {
                store.push(*program, *rank, line).expect("kept");
            }
            assert_eq!(store.lines.spilled(), budget <= 4096, "budget {budget}");
            let mut got: Vec<(String, Vec<u32>)> = Vec::new();
            store.sorted(|l| got.push((l.text.clone(), l.ends.clone()))).expect("sorted");
            assert_eq!(got, expected, "budget {budget}");
        }
    }
}
