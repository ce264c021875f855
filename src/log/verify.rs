//! `jaring verify`: is the run folder exactly what the run wrote?
//!
//! Checks the hash chain line by line (naming the line that was changed, removed, added or
//! moved), the row numbers, the trailer's counts and chain head, the archived artifacts
//! against their names, and that `enrollments.csv`, `waiting_list.csv` and
//! `rejections.csv` say what the log says. The log is read in blocks, so memory stays small
//! whatever its size.

use std::path::Path;

use sha2::Digest as _;

use super::view::{self, View};
use super::{Counts, Header, LogError, Trailer, header_digest};
use crate::digest::{hex, sha256_hex};
use crate::registry::Field;

/// One thing found wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The file, relative to the run folder.
    pub file: String,
    /// 1-based line, when the problem is on one line.
    pub line: Option<u64>,
    pub what: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{} line {l}: {}", self.file, self.what),
            None => write!(f, "{}: {}", self.file, self.what),
        }
    }
}

/// What `verify` found.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub records: u64,
    pub counts: Counts,
    pub chain_head: Option<String>,
    pub problems: Vec<Problem>,
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
    /// The `prev` the line claims, or `None` if the line cannot be read.
    prev: Option<[u8; 32]>,
    row: Option<u32>,
}

/// Separates the key fields of one expected CSV line (never part of a field's text).
const SEP: char = '\u{1f}';

/// CSV lines the log says should exist (key columns only, joined by [`SEP`]), compared as
/// the log is read. Records are read into one reused buffer: nothing is allocated per line
/// unless it differs.
struct CsvCheck {
    file: &'static str,
    keys: &'static [&'static str],
    reader: Option<csv::Reader<std::fs::File>>,
    record: csv::ByteRecord,
    got: Vec<u8>,
    index: Vec<usize>,
    line: u64,
    listed: usize,
    missing: u64,
    problems: Vec<Problem>,
}

impl CsvCheck {
    fn open(dir: &Path, file: &'static str, keys: &'static [&'static str]) -> CsvCheck {
        let mut check = CsvCheck {
            file,
            keys,
            reader: None,
            record: csv::ByteRecord::new(),
            got: Vec::new(),
            index: Vec::new(),
            line: 1,
            listed: 0,
            missing: 0,
            problems: Vec::new(),
        };
        // flexible: a line with too many or too few fields is still a line, reported as such
        let opened = csv::ReaderBuilder::new()
            .flexible(true)
            .from_path(dir.join(file))
            .and_then(|mut r| Ok((r.headers()?.clone(), r)));
        match opened {
            Ok((h, r)) => {
                let index: Result<Vec<usize>, String> = keys
                    .iter()
                    .map(|k| h.iter().position(|c| c == *k).ok_or_else(|| format!("has no column `{k}`")))
                    .collect();
                match index {
                    Ok(index) => {
                        check.index = index;
                        check.reader = Some(r);
                    }
                    Err(e) => check.problems.push(Problem { file: file.to_owned(), line: None, what: e }),
                }
            }
            Err(e) => check.problems.push(Problem {
                file: file.to_owned(),
                line: None,
                what: format!("cannot be read: {e}"),
            }),
        }
        check
    }

    /// Compares the next CSV line with what the log expects.
    fn next(&mut self, want: &str) {
        let Some(reader) = self.reader.as_mut() else { return };
        match reader.read_byte_record(&mut self.record) {
            Ok(false) => self.missing += 1,
            Err(e) => {
                self.line += 1;
                self.note(format!("cannot be read: {e}"));
            }
            Ok(true) => {
                self.line = self.record.position().map_or(self.line + 1, |p| p.line());
                self.got.clear();
                for (n, i) in self.index.iter().enumerate() {
                    if n > 0 {
                        self.got.push(SEP as u8);
                    }
                    self.got.extend_from_slice(self.record.get(*i).unwrap_or(b""));
                }
                if self.got != want.as_bytes() {
                    let differing: Vec<String> = self
                        .keys
                        .iter()
                        .zip(&self.index)
                        .zip(want.split(SEP))
                        .filter_map(|((k, i), w)| {
                            let got = String::from_utf8_lossy(self.record.get(*i).unwrap_or(b""));
                            (got != w).then(|| format!("{k} is `{got}`, the log says `{w}`"))
                        })
                        .collect();
                    self.note(differing.join("; "));
                }
            }
        }
    }

    fn note(&mut self, what: String) {
        if self.listed < MAX_PROBLEMS {
            self.listed += 1;
            self.problems.push(Problem { file: self.file.to_owned(), line: Some(self.line), what });
        }
    }

    /// Reports lines missing or left over, and hands back everything found.
    fn finish(mut self) -> Vec<Problem> {
        let mut extra = 0u64;
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
                    format!("it has {extra} line(s) more than the log gives")
                } else {
                    format!("it lacks {} line(s) the log gives", self.missing)
                },
            });
        }
        self.problems
    }
}

const ENROLLMENTS: &[&str] = &["row", "nik", "name", "program", "funding_source", "months", "total_premium"];
const WAITING: &[&str] = &["program", "rank", "row", "nik", "name", "priority", "reason"];
const REJECTIONS: &[&str] = &["row", "nik", "name", "outcome", "program", "reason", "field"];

/// A record's outcome and the CSV lines it adds, or why it cannot be read.
type Parsed = Result<(String, Expected), String>;

/// Lines a record adds to each CSV, each as its key fields joined by [`SEP`].
#[derive(Default)]
struct Expected {
    enrollments: Vec<String>,
    /// (program position, rank, line)
    waiting: Vec<(usize, u32, String)>,
    rejections: Vec<String>,
}

fn text<'a>(t: &'a Option<view::Text<'_>>) -> &'a str {
    t.as_ref().map_or("", |t| t.as_str())
}

fn joined(fields: &[&str]) -> String {
    let mut line = String::with_capacity(fields.iter().map(|f| f.len() + 1).sum());
    for (n, f) in fields.iter().enumerate() {
        if n > 0 {
            line.push(SEP);
        }
        line.push_str(f);
    }
    line
}

fn expected(header: &Header, columns: (Option<usize>, Option<usize>), v: &View<'_>) -> Expected {
    let cell = |c: Option<usize>| c.and_then(|c| v.input.get(c)).map_or("", |t| t.as_str().trim());
    let nik = v.read.as_ref().and_then(|r| r.first()).map_or_else(|| cell(columns.0), |n| n.as_str());
    let name = cell(columns.1);
    let row = v.row.to_string();
    let mut e = Expected::default();
    match v.outcome.as_str() {
        "invalid" => {
            let field = v.invalid.as_ref().map_or("", |i| i.field.as_str());
            e.rejections.push(joined(&[&row, nik, name, "invalid", "", "invalid-value", field]));
            return e;
        }
        "rejected" if v.duplicate_of.is_some() => {
            e.rejections.push(joined(&[&row, nik, name, "rejected", "", "duplicate-nik", "nik"]));
            return e;
        }
        _ => {}
    }
    let number = |n: Option<u64>| n.map(|n| n.to_string()).unwrap_or_default();
    for d in &v.programs {
        match d.decision.as_str() {
            "enrolled" => e.enrollments.push(joined(&[
                &row,
                nik,
                name,
                d.program.as_str(),
                text(&d.funding),
                &number(d.months.map(u64::from)),
                &number(d.premium),
            ])),
            "waiting" => {
                let program =
                    header.programs.iter().position(|p| p.id == d.program.as_str()).unwrap_or(usize::MAX);
                e.waiting.push((
                    program,
                    d.rank.unwrap_or(0),
                    joined(&[
                        d.program.as_str(),
                        &number(d.rank.map(u64::from)),
                        &row,
                        nik,
                        name,
                        &d.priority().map(|x| x.to_string()).unwrap_or_default(),
                        text(&d.reason),
                    ]),
                ));
            }
            "rejected" if v.outcome.as_str() == "rejected" => e.rejections.push(joined(&[
                &row,
                nik,
                name,
                "rejected",
                d.program.as_str(),
                text(&d.reason),
                "",
            ])),
            _ => {}
        }
    }
    e
}

fn unhex(text: &str) -> Option<[u8; 32]> {
    let bytes = text.as_bytes();
    if bytes.len() != 64 {
        return None;
    }
    let nibble = |b: u8| match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        _ => None,
    };
    let mut out = [0u8; 32];
    for (i, pair) in bytes.chunks_exact(2).enumerate() {
        out[i] = (nibble(pair[0])? << 4) | nibble(pair[1])?;
    }
    Some(out)
}

/// Verifies a run folder. `expect_head` is the chain head recorded outside the folder.
pub fn verify(dir: &Path, expect_head: Option<&str>) -> Result<Report, LogError> {
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
                what: format!("the header cannot be read any more ({reason}): the log was changed"),
            });
            return Ok(report);
        }
        Err(e) => return Err(e),
    };
    let mut report = Report::default();
    let mut waiting: Vec<(usize, u32, String)> = Vec::new();
    let mut links: Vec<Link> = Vec::new();
    let mut counts = Counts::default();
    let mut unreadable: Vec<(u64, String)> = Vec::new();
    let columns = (super::column_of(&header, Field::Nik), super::column_of(&header, Field::Name));
    // enrollments.csv and rejections.csv are compared on their own thread while the next
    // block of the log is parsed
    let (csv_problems, read) = std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel::<Vec<Expected>>(2);
        let comparer = scope.spawn(move || {
            let mut enrollments = CsvCheck::open(dir, "enrollments.csv", ENROLLMENTS);
            let mut rejections = CsvCheck::open(dir, "rejections.csv", REJECTIONS);
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
        let read = view::blocks(&path, 32 << 20, |done, lines| {
            let parsed: Vec<(Link, Parsed)> = crate::run::par_chunks(lines.len(), |range| {
                lines[range]
                    .iter()
                    .map(|line| {
                        let hash: [u8; 32] = sha2::Sha256::digest(line.as_bytes()).into();
                        match serde_json::from_str::<View<'_>>(line) {
                            Ok(v) => (
                                Link { hash, prev: unhex(v.prev.as_str()), row: Some(v.row) },
                                Ok((v.outcome.as_str().to_owned(), expected(&header, columns, &v))),
                            ),
                            Err(e) => (Link { hash, prev: None, row: None }, Err(e.to_string())),
                        }
                    })
                    .collect()
            });
            let mut block = Vec::with_capacity(parsed.len());
            for (k, (link, result)) in parsed.into_iter().enumerate() {
                let line_no = (done + k) as u64 + 2;
                match result {
                    Ok((outcome, mut e)) => {
                        if !counts.add(&outcome) {
                            unreadable.push((line_no, format!("unknown outcome `{outcome}`")));
                        }
                        waiting.append(&mut e.waiting);
                        block.push(e);
                    }
                    Err(e) => unreadable
                        .push((line_no, format!("the line is not a decision record any more ({e})"))),
                }
                links.push(link);
            }
            // the comparer only stops early by panicking, which the join below re-raises
            let _ = send.send(block);
            Ok(())
        });
        drop(send);
        let problems = comparer.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
        (problems, read)
    });
    let trailer = read.map_err(|e| LogError::Io(label.clone(), e))?;
    report.problems.extend(csv_problems);
    waiting.sort_by_key(|w| (w.0, w.1));
    let mut waiting_check = CsvCheck::open(dir, "waiting_list.csv", WAITING);
    for (_, _, want) in &waiting {
        waiting_check.next(want);
    }
    drop(waiting);
    report.problems.extend(waiting_check.finish());
    for (line, what) in unreadable {
        problem(&mut report, line, what);
    }
    check_chain(&header_line, &header, &links, trailer.as_deref(), counts, &mut report);
    if let Some(expected) = expect_head
        && report.chain_head.as_deref() != Some(expected)
    {
        report.problems.push(Problem {
            file: super::LOG_FILE.to_owned(),
            line: None,
            what: format!(
                "the chain head is {}, not the {expected} recorded for this run: the log was rewritten",
                report.chain_head.as_deref().unwrap_or("missing")
            ),
        });
    }
    check_artifacts(dir, &header, &mut report);
    Ok(report)
}

fn problem(report: &mut Report, line: u64, what: String) {
    if report.problems.iter().filter(|p| p.file == super::LOG_FILE).count() < MAX_PROBLEMS {
        report.problems.push(Problem { file: super::LOG_FILE.to_owned(), line: Some(line), what });
    }
}

/// The chain, row numbers and trailer.
fn check_chain(
    header_line: &str,
    header: &Header,
    links: &[Link],
    trailer: Option<&str>,
    counts: Counts,
    report: &mut Report,
) {
    let start = unhex(&header_digest(header_line)).unwrap_or([0; 32]);
    let linked = |k: usize| -> bool {
        let before = if k == 0 { start } else { links[k - 1].hash };
        links[k].prev == Some(before)
    };
    let mut expected_row = 1u32;
    for (k, link) in links.iter().enumerate() {
        let line_no = k as u64 + 2;
        if link.prev.is_some() && !linked(k) {
            if k + 1 < links.len() && !linked(k + 1) {
                problem(
                    report,
                    line_no,
                    "this line was changed: its chain link and the next line's both break here".to_owned(),
                );
            } else if k == 0 {
                problem(
                    report,
                    1,
                    "the header was changed: the first record's chain link does not match it".to_owned(),
                );
            } else {
                let rows_follow = matches!((links[k - 1].row, link.row), (Some(a), Some(b)) if b == a + 1);
                let what = if rows_follow {
                    format!(
                        "this line was changed: line {line_no} (row {}), which follows it, no longer chains to it",
                        link.row.unwrap_or(0)
                    )
                } else {
                    format!(
                        "this line was changed, or the line after it removed or moved: line {line_no} (row {}) does not chain to it",
                        link.row.unwrap_or(0)
                    )
                };
                problem(report, line_no - 1, what);
            }
        }
        if let Some(row) = link.row {
            if row != expected_row {
                problem(
                    report,
                    line_no,
                    if row < expected_row {
                        format!("row {row} again or out of order (row {expected_row} was expected)")
                    } else {
                        format!("row {expected_row} is missing (this line holds row {row})")
                    },
                );
            }
            expected_row = row.saturating_add(1);
        }
    }
    report.records = links.len() as u64;
    report.counts = counts;
    let head = hex(&links.last().map_or(start, |l| l.hash));
    report.chain_head = Some(head.clone());
    let trailer_line_no = links.len() as u64 + 2;
    match trailer.map(serde_json::from_str::<Trailer>) {
        None => problem(report, trailer_line_no, "the trailer is missing: the log was cut short".to_owned()),
        Some(Err(e)) => problem(report, trailer_line_no, format!("the trailer cannot be read ({e})")),
        Some(Ok(t)) => {
            if t.records != links.len() as u64 {
                problem(
                    report,
                    trailer_line_no,
                    format!("the trailer counts {} records, the log has {}", t.records, links.len()),
                );
            }
            if t.counts != counts {
                problem(
                    report,
                    trailer_line_no,
                    format!("the trailer's counts {:?} differ from the records' {counts:?}", t.counts),
                );
            }
            if t.chain_head != head || t.prev != head {
                problem(
                    report,
                    trailer_line_no,
                    format!("the trailer's chain head {} is not the last record's hash {head}", t.chain_head),
                );
            }
            if t.header_sha256 != sha256_hex(header_line.as_bytes()) {
                problem(report, 1, "the header was changed (its time, or anything else): the trailer's header_sha256 does not match".to_owned());
            }
        }
    }
    if header.registry.rows != links.len() as u64 {
        problem(
            report,
            1,
            format!(
                "the header says {} registry rows, the log has {} records",
                header.registry.rows,
                links.len()
            ),
        );
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
        match std::fs::read(dir.join(&a.file)) {
            Ok(bytes) if sha256_hex(&bytes) == a.sha256 => {}
            Ok(bytes) => report.problems.push(Problem {
                file: a.file.clone(),
                line: None,
                what: format!(
                    "its sha256 is {}, not the {} the log records (from {})",
                    sha256_hex(&bytes),
                    a.sha256,
                    a.name
                ),
            }),
            Err(e) => report.problems.push(Problem {
                file: a.file.clone(),
                line: None,
                what: format!("cannot be read: {e}"),
            }),
        }
    }
}
