//! The files a run publishes: the three CSVs, `summary.json` and the decision log, written
//! into the staging folder (`run::staging`) that becomes the output folder.

use std::io::Write;
use std::ops::Range;
use std::path::Path;

use super::reasons::{SpareTexts, Stated, Texts};
use super::{Outcome, RunError};
use crate::decision::{self, Code, Decision, Rejection, RowOutcome, Verdict};
use crate::engine::{self};
use crate::files::Behind;
use crate::i18n::{Arg, Lang, Msg};
use crate::log::summary::{DecisionFacts, LogFacts, Tally};
use crate::money::{Rupiah, grouped};
use crate::msg;
use crate::policy::Program;
use crate::registry::{self, Field, Row};

/// What the decision log needs from the run's surroundings.
pub struct LogOptions<'a> {
    /// How the registry was named on the command line.
    pub registry_name: &'a str,
    /// The wall-clock time the run started (RFC 3339): the log's only clock reading.
    pub started_at: &'a str,
}

/// Writes `enrollments.csv`, `waiting_list.csv`, `rejections.csv`, the decision log with its
/// artifacts (when `log` is given) and `summary.json`, the files in parallel.
pub fn write_all(
    outcome: &mut Outcome,
    dir: &Path,
    log: Option<LogOptions<'_>>,
) -> Result<Option<crate::log::Written>, RunError> {
    write_all_timed(outcome, dir, log).map(|(written, _)| written)
}

/// How long each file took to write (each on its own thread), for benchmarks.
pub type WriteTimes = Vec<(&'static str, std::time::Duration)>;

/// The files' names, in the order [`WriteTimes`] gives them.
const TIMED: [&str; 4] =
    ["enrollments.csv", "waiting_list.csv", "rejections.csv", "decisions.jsonl (render, hash, write)"];

/// [`write_all`], also saying how long each writer took.
///
/// Every file is written in row order a window of rows at a time, the four at once: a
/// registry held whole is one window; a streamed one (`registry::Text::File`) is read again
/// window by window, each window's text swapped into `outcome.registry.cells` while its rows
/// are written and dropped after. The waiting list, which is in rank order, is rendered in
/// row order into spill files beside it ([`super::ranked`]) and copied out in rank order at
/// the end.
pub fn write_all_timed(
    outcome: &mut Outcome,
    dir: &Path,
    log: Option<LogOptions<'_>>,
) -> Result<(Option<crate::log::Written>, WriteTimes), RunError> {
    let cannot = |e: std::io::Error| RunError::Output(crate::msg!("run-cannot-write", error => &e));
    let cannot_log = |e: std::io::Error| RunError::Output(crate::msg!("run-cannot-write-log", error => &e));
    let mut rewound = outcome.registry.rewind()?;
    let rewound_any = rewound.is_some();
    let n = outcome.registry.rows.len();
    let mut enrolled = Enrollments::create(&dir.join("enrollments.csv")).map_err(cannot)?;
    let mut rejected = Rejections::create(&dir.join("rejections.csv")).map_err(cannot)?;
    let mut waiting = Waiting::create(outcome, dir);
    let opened = match &log {
        Some(l) => {
            Some(super::record::Log::open(outcome, dir, l.registry_name, l.started_at).map_err(cannot_log)?)
        }
        None => None,
    };
    let (render, writer) = opened.map(|l| (l.render, l.writer)).unzip();
    // What the writers free is kept for the next window's buffers (the blocks run on
    // `crate::par`'s threads, which live as long as the process) and handed back once, at the
    // end. Handed back as it was freed instead, the freed pages were faulted in again, zeroed,
    // by the next window: at 1M, five runs in turns, 2,85 -> 2,73 s (median), system time
    // 0,78 -> 0,58 s, peak 120 -> 183 MiB; at 10M 29,6 -> 28,4 s, peak 126 -> 190 MiB, flat.
    // (When the candidates took 24 bytes and a 10M run peaked at 950 MiB in its writing,
    // handing back had been the better choice.)
    // (A streamed registry's own view, the columns a decision reads, was let go by the last
    // program to decide; each window's text takes its place in turn.)
    let pool = super::record::Pool::default();
    let pool = &pool;
    // the reasons' words, found once for the log and `rejections.csv` both
    let texts = SpareTexts::default();
    let texts = &texts;
    let mut took = [std::time::Duration::ZERO; 4];
    let result = std::thread::scope(|scope| -> Result<(Option<crate::log::Written>, Tally), RunError> {
        // (eight blocks of records may wait for the log's writer, about 9 MiB: with two, the
        // renderers stopped whenever a write to disk held the writer up; 1M: write stage
        // 1,92–1,95 -> 1,84–1,89 s in turns, peak 136 -> 143–146 MiB)
        let (send, receive) = std::sync::mpsc::sync_channel::<super::record::Block>(8);
        let writer = writer.map(|c| {
            scope.spawn(move || {
                let start = std::time::Instant::now();
                c.write(receive, pool).map(|w| (w, start.elapsed()))
            })
        });
        // the file is read again a window ahead, on its own thread, while the writers work
        let (windows_in, windows_out) = std::sync::mpsc::sync_channel::<
            Result<crate::registry::Cells, crate::registry::RegistryError>,
        >(1);
        let reader = rewound.take().map(|mut r| {
            scope.spawn(move || {
                // until the last window, an error (sent, then the end), or no one listening
                // (the writers stopped)
                while let Some(window) = r.next_window().transpose() {
                    let failed = window.is_err();
                    if windows_in.send(window).is_err() || failed {
                        return;
                    }
                }
            })
        });
        let (mut start, mut first) = (0, true);
        loop {
            let end = match &reader {
                None if first => n,
                None => break,
                Some(_) => match windows_out.recv() {
                    // the reader is done: every window was read, and checked
                    Err(_) => break,
                    Ok(window) => {
                        let cells = window?;
                        let end = cells.first() + cells.len();
                        outcome.registry.cells = cells;
                        end
                    }
                },
            };
            // (a spilled registry's rows and decisions of the window, read while its text was)
            let rows = start..end;
            outcome.load(rows.clone())?;
            let o: &Outcome = outcome;
            let timed = |job: &mut dyn FnMut() -> std::io::Result<()>| {
                let at = std::time::Instant::now();
                job().map(|()| at.elapsed())
            };
            let (e, w, r, l) = std::thread::scope(|inner| {
                let e = inner.spawn(|| timed(&mut || enrolled.rows(o, rows.clone())));
                let w = inner.spawn(|| timed(&mut || waiting.rows(o, rows.clone(), texts)));
                let r = inner.spawn(|| timed(&mut || rejected.rows(o, rows.clone(), texts)));
                let at = std::time::Instant::now();
                if let Some(render) = &render {
                    render.window(o, rows.clone(), pool, texts, &send);
                }
                (joined(e), joined(w), joined(r), at.elapsed())
            });
            for (k, d) in
                [e.map_err(cannot)?, w.map_err(cannot)?, r.map_err(cannot)?, l].into_iter().enumerate()
            {
                took[k] += d;
            }
            (start, first) = (end, false);
        }
        drop(send);
        // the waiting list in rank order and the files made durable, each on its own thread,
        // while the log's last blocks go out and the summary's counts are made
        let o: &Outcome = outcome;
        let (finished, counted) = std::thread::scope(|inner| {
            let w = inner.spawn(|| {
                let at = std::time::Instant::now();
                waiting.finish().map(|()| at.elapsed())
            });
            let e = inner.spawn(|| enrolled.finish());
            let r = inner.spawn(|| rejected.finish());
            let counted = tally(o);
            ((joined(w), joined(e), joined(r)), counted)
        });
        took[1] += finished.0.map_err(cannot)?;
        finished.1.map_err(cannot)?;
        finished.2.map_err(cannot)?;
        let written = writer.map(joined).transpose().map_err(cannot_log)?;
        let written = written.map(|(w, d)| {
            took[3] += d;
            w
        });
        Ok((written, counted?))
    });
    if rewound_any {
        // the last window's text is not the registry's: leave none
        outcome.registry.cells = crate::registry::Cells::default();
    }
    outcome.unload();
    // (what the writers kept, handed back: a server's next run starts from what it holds)
    crate::allocator::hand_back_free();
    let (written, counted) = result?;
    let mut times: WriteTimes = TIMED.into_iter().zip(took).collect();
    if written.is_none() {
        times.pop();
    }
    let facts = written.as_ref().map(|w| LogFacts {
        records: w.records,
        bytes: w.bytes,
        chain_head: w.chain_head.clone(),
        root: Some(w.root.clone()),
    });
    let header = super::record::header(outcome, log.as_ref().map_or("", |l| l.registry_name));
    let text = counted.text(&header, facts.as_ref());
    std::fs::write(dir.join("summary.json"), text).map_err(cannot)?;
    Ok((written, times))
}

/// What a writer's thread gave: its result, or an error if it panicked (a bug: the run
/// stops and nothing is published).
fn joined<T>(h: std::thread::ScopedJoinHandle<'_, std::io::Result<T>>) -> std::io::Result<T> {
    h.join().unwrap_or_else(|_| Err(std::io::Error::other("a writer failed")))
}

type Csv = csv::Writer<std::io::BufWriter<Behind>>;

/// A number as text without allocating.
struct Num([u8; 24]);

impl Num {
    fn new() -> Num {
        Num([0; 24])
    }

    fn of(&mut self, n: impl Into<i64>) -> &str {
        let n: i64 = n.into();
        let mut i = self.0.len();
        let mut v = n.unsigned_abs();
        loop {
            i -= 1;
            self.0[i] = b'0' + (v % 10) as u8;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        if n < 0 {
            i -= 1;
            self.0[i] = b'-';
        }
        std::str::from_utf8(&self.0[i..]).unwrap_or("")
    }
}

fn name(outcome: &Outcome, i: usize) -> &str {
    outcome.registry.raw(i, Field::Name).trim()
}

fn nik_text(outcome: &Outcome, i: usize) -> String {
    match &outcome.registry.rows[i].read {
        Ok(p) => p.nik().to_string(),
        Err(_) => outcome.registry.raw(i, Field::Nik).trim().to_owned(),
    }
}

/// Writes the NIK field of row `i` (the 16 digits of a valid NIK, else the text as written).
fn write_nik<W: Write>(w: &mut csv::Writer<W>, outcome: &Outcome, i: usize) -> csv::Result<()> {
    match &outcome.registry.rows[i].read {
        Ok(p) => w.write_field(p.nik().digits()),
        Err(_) => w.write_field(outcome.registry.raw(i, Field::Nik).trim()),
    }
}

fn occupation_code<'a>(program: &'a Program, row: &Row) -> &'a str {
    row.read.as_ref().map_or("", |p| program.catalog.occupations()[usize::from(p.occupation())].code.as_str())
}

/// The last five columns of every CSV line: occupation code and name, domicile code and the
/// names of its kecamatan and desa (all empty for a row that was not read).
fn about<'a>(outcome: &'a Outcome, row: &'a Row) -> [&'a str; 5] {
    let (Ok(person), Some(program)) = (&row.read, outcome.programs.first()) else { return [""; 5] };
    let occupation = &program.catalog.occupations()[usize::from(person.occupation())];
    let (district, village) = person.domicile().place_names();
    [occupation.code.as_str(), occupation.label.as_str(), person.domicile().code(), district, village]
}

/// `enrollments.csv` being written.
struct Enrollments(Csv);

impl Enrollments {
    fn create(path: &Path) -> std::io::Result<Enrollments> {
        let file = Behind::new(std::fs::File::create(path)?);
        let mut w = csv::WriterBuilder::new().from_writer(std::io::BufWriter::with_capacity(1 << 20, file));
        w.write_record(crate::log::ENROLLMENT_COLUMNS)?;
        Ok(Enrollments(w))
    }

    /// The lines of rows `rows`.
    fn rows(&mut self, outcome: &Outcome, rows: Range<usize>) -> std::io::Result<()> {
        enrollments(outcome, &mut self.0, rows).map_err(std::io::Error::other)
    }

    fn finish(self) -> std::io::Result<()> {
        let mut inner = self.0.into_inner().map_err(|e| std::io::Error::other(e.to_string()))?;
        inner.flush()?;
        inner.get_ref().sync_all()
    }
}

fn enrollments(outcome: &Outcome, w: &mut Csv, rows: Range<usize>) -> csv::Result<()> {
    for i in rows {
        let row = &outcome.registry.rows[i];
        for (p, run) in outcome.programs.iter().zip(&outcome.runs) {
            let Some(Decision::Enrolled { funding }) = run.decisions.get(i) else { continue };
            let (first, last) = (p.months.first(), p.months.last());
            for field in [
                registry::number(i).to_string().as_str(),
                &nik_text(outcome, i),
                name(outcome, i),
                &p.id,
                &p.funding[funding as usize].id,
                &first.map(|m| m.to_string()).unwrap_or_default(),
                &last.map(|m| m.to_string()).unwrap_or_default(),
                &p.months.len().to_string(),
                &engine::monthly_premium(p).map(|m| m.0.to_string()).unwrap_or_default(),
                &engine::cost(p).0.to_string(),
            ] {
                w.write_field(field)?;
            }
            w.write_record(about(outcome, row))?;
        }
    }
    Ok(())
}

/// `waiting_list.csv` being written. It is in rank order and the rows come in row order: each
/// line is rendered when its row's window is written and spilled with its rank
/// ([`super::ranked::RankedSpill`], blocks of [`RANKS`]), then copied out in rank order.
struct Waiting {
    path: std::path::PathBuf,
    spill: super::ranked::RankedSpill,
}

/// Ranks per block of the waiting list (about 10 MB of lines), unless the lists are longer
/// than 256 such blocks in all.
const RANKS: usize = 1 << 16;

impl Waiting {
    fn create(outcome: &Outcome, dir: &Path) -> Waiting {
        // ranks run 1..=count without gaps (the run renumbers them)
        let counts: Vec<usize> = outcome.runs.iter().map(|run| run.waiting.count).collect();
        // (the lists have about 256 blocks in all, each a file open until the end: national
        // waiting lists of tens of millions would otherwise open more files than a process may)
        let all: usize = counts.iter().sum();
        let block = RANKS.max(all.div_ceil(256));
        let spill = super::ranked::RankedSpill::new(dir, "waiting_list", counts, block);
        Waiting { path: dir.join("waiting_list.csv"), spill }
    }

    /// Renders the waiting places of rows `rows` on all cores and spills each line.
    fn rows(&mut self, outcome: &Outcome, rows: Range<usize>, kept: &SpareTexts) -> std::io::Result<()> {
        for (k, (p, run)) in outcome.programs.iter().zip(&outcome.runs).enumerate() {
            let waiting: Vec<(u32, u32)> = rows
                .clone()
                .filter_map(|i| match run.decisions.get(i) {
                    Some(Decision::Waiting { rank, .. }) => {
                        Some((u32::try_from(i).unwrap_or(u32::MAX), rank))
                    }
                    _ => None,
                })
                .collect();
            let parts = crate::par::chunks(waiting.len(), |range| {
                let mut texts = kept.take().unwrap_or_default();
                let lines = render_waiting(outcome, k, p, run, &waiting[range], &mut texts);
                kept.give(texts);
                vec![lines]
            });
            for part in parts {
                let (text, ends) = part.map_err(std::io::Error::other)?;
                let mut start = 0;
                for (rank, end) in ends {
                    self.spill.push(k, rank, &text[start..end])?;
                    start = end;
                }
            }
        }
        Ok(())
    }

    /// Writes `waiting_list.csv` in rank order from the spill and makes it durable.
    fn finish(self) -> std::io::Result<()> {
        let mut out =
            std::io::BufWriter::with_capacity(1 << 20, Behind::new(std::fs::File::create(&self.path)?));
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(crate::log::WAITING_COLUMNS)?;
        out.write_all(&text_of(w).map_err(std::io::Error::other)?)?;
        self.spill.copy_out(&mut out)?;
        out.flush()?;
        out.get_ref().sync_all()
    }
}

/// CSV lines, and for each its rank and where it ends in them.
type RankedLines = (Vec<u8>, Vec<(u32, usize)>);

/// The waiting-list lines of rows `rows` ((row index, rank), in row order), as CSV text,
/// with each line's rank and end offset.
fn render_waiting(
    outcome: &Outcome,
    program: usize,
    p: &Program,
    run: &super::ProgramRun,
    rows: &[(u32, u32)],
    texts: &mut Texts,
) -> csv::Result<RankedLines> {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::with_capacity(rows.len() * 192));
    let mut ends = Vec::with_capacity(rows.len());
    let mut num = Num::new();
    for &(i, _) in rows {
        let row = &outcome.registry.rows[i as usize];
        let Some(Decision::Waiting { reason, rank }) = run.decisions.get(i as usize) else { continue };
        // (the priority it was ranked by: the plugin's, 0 without one)
        let priority = run.answer(i as usize).map_or(0, |a| a.priority);
        let text = texts.waiting(outcome, program, reason);
        w.write_field(&p.id)?;
        w.write_field(num.of(rank))?;
        w.write_field(num.of(registry::number(i as usize)))?;
        write_nik(&mut w, outcome, i as usize)?;
        w.write_field(name(outcome, i as usize))?;
        w.write_field(num.of(priority))?;
        w.write_field(reason.code().code())?;
        w.write_field(text)?;
        w.write_record(about(outcome, row))?;
        w.flush()?;
        ends.push((rank, w.get_ref().len()));
    }
    Ok((text_of(w)?, ends))
}

/// `rejections.csv` being written.
struct Rejections {
    out: std::io::BufWriter<Behind>,
    /// Buffers the lines were rendered into, once written.
    buffers: crate::par::Spare<Vec<u8>>,
}

impl Rejections {
    fn create(path: &Path) -> std::io::Result<Rejections> {
        let mut out = std::io::BufWriter::with_capacity(1 << 20, Behind::new(std::fs::File::create(path)?));
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(crate::log::REJECTION_COLUMNS)?;
        out.write_all(&text_of(w).map_err(std::io::Error::other)?)?;
        Ok(Rejections { out, buffers: Default::default() })
    }

    /// The lines of rows `rows`, rendered on all cores a block of rows at a time (bounded
    /// memory), written in row order.
    fn rows(&mut self, outcome: &Outcome, rows: Range<usize>, kept: &SpareTexts) -> std::io::Result<()> {
        const BLOCK: usize = 1 << 14;
        for start in rows.clone().step_by(BLOCK) {
            let end = (start + BLOCK).min(rows.end);
            let parts = crate::par::chunks(end - start, |range| {
                let buffer = self.buffers.take().unwrap_or_default();
                vec![render_rejections(outcome, start + range.start..start + range.end, kept, buffer)]
            });
            for part in parts {
                let mut buffer = part.map_err(std::io::Error::other)?;
                self.out.write_all(&buffer)?;
                buffer.clear();
                self.buffers.give(buffer);
            }
        }
        Ok(())
    }

    fn finish(mut self) -> std::io::Result<()> {
        self.out.flush()?;
        self.out.get_ref().sync_all()
    }
}

/// The lines of `rejections.csv` for rows `range`, rendered into `buffer` (empty).
fn render_rejections(
    outcome: &Outcome,
    range: Range<usize>,
    kept: &SpareTexts,
    buffer: Vec<u8>,
) -> csv::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(buffer);
    let mut num = Num::new();
    let mut texts = kept.take().unwrap_or_default();
    for i in range {
        let row = &outcome.registry.rows[i];
        match (outcome.row(i), &row.read) {
            (RowOutcome::Invalid, Err(invalid)) => {
                w.write_field(num.of(registry::number(i)))?;
                w.write_field(outcome.registry.raw(i, Field::Nik).trim())?;
                w.write_record([
                    name(outcome, i),
                    RowOutcome::Invalid.word(),
                    "",
                    Code::InvalidValue.code(),
                    &invalid.reason.text(outcome.lang),
                    "",
                    invalid.field,
                    "",
                    "",
                    "",
                    "",
                    "",
                ])?;
            }
            (RowOutcome::Rejected, Ok(person)) => {
                if let Some(first) = person.repeats().then(|| outcome.registry.duplicate_of(i)).flatten() {
                    w.write_field(num.of(registry::number(i)))?;
                    w.write_field(person.nik().digits())?;
                    for field in [
                        name(outcome, i),
                        RowOutcome::Rejected.word(),
                        "",
                        Code::DuplicateNik.code(),
                        &decision::duplicate_message(first.get()).text(outcome.lang),
                        "",
                        "nik",
                    ] {
                        w.write_field(field)?;
                    }
                    w.write_record(about(outcome, row))?;
                    continue;
                }
                for (p, run) in outcome.runs.iter().enumerate() {
                    let Some(Decision::Rejected(r)) = run.decisions.get(i) else { continue };
                    let Stated { code, text, cite } =
                        super::reasons::rejection(outcome, p, i, &r, &mut texts);
                    w.write_field(num.of(registry::number(i)))?;
                    w.write_field(person.nik().digits())?;
                    for field in [
                        name(outcome, i),
                        RowOutcome::Rejected.word(),
                        &outcome.programs[p].id,
                        &code,
                        &text,
                        &cite,
                        "",
                    ] {
                        w.write_field(field)?;
                    }
                    w.write_record(about(outcome, row))?;
                }
            }
            _ => {}
        }
    }
    kept.give(texts);
    text_of(w)
}

/// The text of a CSV written into memory.
fn text_of(w: csv::Writer<Vec<u8>>) -> csv::Result<Vec<u8>> {
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

/// Counts and money per program, funding source, district and occupation.
pub fn summary_json(outcome: &Outcome) -> Result<serde_json::Value, crate::registry::RegistryError> {
    Ok(tally(outcome)?.json(&super::record::header(outcome, ""), None))
}

/// The run's decisions counted the way `summary.json` shows them — the same facts the log
/// records for each row, so that `verify` can count the log and compare.
pub fn tally(outcome: &Outcome) -> Result<Tally, crate::registry::RegistryError> {
    let grouped: Vec<bool> =
        outcome.programs.iter().map(|p| !p.sub_quotas.is_empty() || !p.reserves.is_empty()).collect();
    let mut tally = Tally::new(&grouped);
    let rows = &outcome.registry.rows;
    // (a streamed registry's decisions read from their spill files beside the rows)
    let mut decisions: Vec<_> = outcome.runs.iter().map(|run| run.decisions.reader()).collect();
    let mut decided: Vec<Option<Decision>> = Vec::with_capacity(outcome.runs.len());
    rows.each(|i, row| {
        decided.clear();
        decided.extend(decisions.iter_mut().map(|d| d.get(i)));
        let (invalid, duplicate, word) = match &row.read {
            Err(e) => (Some(e.field), false, RowOutcome::Invalid.word()),
            Ok(p) => (None, p.repeats(), RowOutcome::of(decided.iter().flatten().copied()).word()),
        };
        tally.row(word, invalid, duplicate);
        let Ok(person) = &row.read else { return };
        for (pi, ((p, run), d)) in outcome.programs.iter().zip(&outcome.runs).zip(&decided).enumerate() {
            let Some(d) = *d else { continue };
            let (decision, funding, reason) = match d {
                Decision::Enrolled { funding } => {
                    (Verdict::Enrolled, Some(p.funding[funding as usize].id.as_str()), None)
                }
                Decision::Waiting { reason, .. } => (Verdict::Waiting, None, Some(reason.code().code())),
                Decision::Rejected(r) => (
                    Verdict::Rejected,
                    None,
                    Some(match r {
                        Rejection::Rules(failed) => {
                            engine::failure_code(&p.rules[engine::first_failure(failed)].kind, person).code()
                        }
                        Rejection::Plugin(n) => run.rejection(n).map_or("", |r| r.reason.as_str()),
                        Rejection::CoveredBy { .. } => Code::CoveredByOtherProgram.code(),
                    }),
                ),
            };
            tally.decision(DecisionFacts {
                program: pi,
                decision,
                funding,
                reason,
                occupation: occupation_code(p, row),
                domicile: person.domicile().code(),
            });
        }
    })
    .map_err(|e| rows.error(e))?;
    for d in decisions {
        d.finish().map_err(|e| rows.error(e))?;
    }
    Ok(tally)
}

/// The summary as a person reads it on the terminal, in `lang`.
pub fn summary_text(
    outcome: &Outcome,
    out: &Path,
    lang: Lang,
) -> Result<String, crate::registry::RegistryError> {
    let mut t = String::new();
    let s = summary_json(outcome)?;
    let n = |v: &serde_json::Value| v.as_u64().unwrap_or(0);
    let line = |t: &mut String, m: Msg| {
        t.push_str(&m.text(lang));
        t.push('\n');
    };
    let o = &s["outcomes"];
    // every row once: the four outcomes add up to the rows
    line(
        &mut t,
        msg!(
            "summary-rows",
            rows = grouped(n(&s["registry"]["rows"])),
            enrolled = grouped(n(&o["enrolled"])),
            waiting = grouped(n(&o["waiting"])),
            rejected = grouped(n(&o["rejected"])),
            invalid = grouped(n(&o["invalid"]))
        ),
    );
    // the rejected rows that never reached a program, and the invalid ones, by name
    let (duplicates, invalid) = named_rows(outcome)?;
    if !duplicates.is_empty() {
        let rows: Vec<Arg> = duplicates
            .iter()
            .take(NAMED)
            .map(|(row, first)| msg!("summary-duplicate-row", row = row, first = first).into())
            .collect();
        line(
            &mut t,
            msg!(
                "summary-duplicates",
                count = grouped(duplicates.len() as u64),
                count_plural = crate::i18n::plural(duplicates.len() as u64),
                rejected = grouped(n(&o["rejected"])),
                rows => Arg::AllOf(rows),
                more => and_more(duplicates.len())
            ),
        );
    }
    if !invalid.is_empty() {
        let fields: Vec<Arg> = invalid
            .iter()
            .map(|(field, rows)| {
                let words = match crate::registry::Field::by_name(field) {
                    Some(f) => Arg::Msg(Box::new(f.words())),
                    None => Arg::Text((*field).to_owned()),
                };
                let shown: Vec<String> = rows.iter().take(NAMED).map(u32::to_string).collect();
                msg!(
                    "summary-invalid-field",
                    field => words,
                    count = grouped(rows.len() as u64),
                    rows_plural = crate::i18n::plural(rows.len() as u64),
                    rows = shown.join(", "),
                    more => and_more(rows.len())
                )
                .into()
            })
            .collect();
        line(&mut t, msg!("summary-invalid", fields => Arg::Joined(fields)));
    }
    for p in s["programs"].as_array().into_iter().flatten() {
        let quota = match p["quota"].as_u64() {
            Some(q) => msg!("summary-quota", quota = grouped(q)),
            None => msg!("summary-no-quota"),
        };
        t.push('\n');
        line(
            &mut t,
            msg!(
                "summary-program",
                id = p["id"].as_str().unwrap_or(""),
                region = p["region_name"].as_str().unwrap_or(""),
                first = p["first_month"].as_str().unwrap_or(""),
                last = p["last_month"].as_str().unwrap_or(""),
                enrolled = grouped(n(&p["enrolled"])),
                quota => quota,
                waiting = grouped(n(&p["waiting"])),
                rejected = grouped(n(&p["rejected"]))
            ),
        );
        line(
            &mut t,
            msg!(
                "summary-money",
                used = Rupiah(n(&p["money_used"])),
                budget = Rupiah(n(&p["budget"])),
                left = Rupiah(n(&p["money_left"]))
            ),
        );
        for f in p["funding"].as_array().into_iter().flatten() {
            let people = format!("{:>8}", grouped(n(&f["enrolled"])));
            let words = msg!(
                "summary-funding",
                people = people,
                used = Rupiah(n(&f["used"])),
                budget = Rupiah(n(&f["budget"]))
            );
            t.push_str(&format!("  {:<24} {}\n", f["id"].as_str().unwrap_or(""), words.text(lang)));
        }
        let strings = |v: &serde_json::Value| -> Vec<String> {
            v.as_array().into_iter().flatten().filter_map(|x| x.as_str().map(str::to_owned)).collect()
        };
        let group = |g: &serde_json::Value| {
            crate::log::GroupInfo {
                count: 0,
                occupations: strings(&g["occupations"]),
                regions: strings(&g["regions"]),
                release_unused: false,
            }
            .words()
        };
        for g in p["sub_quotas"].as_array().into_iter().flatten() {
            line(
                &mut t,
                msg!(
                    "summary-sub-quota",
                    group = group(g),
                    enrolled = grouped(n(&g["enrolled"])),
                    count = grouped(n(&g["count"])),
                    waiting = grouped(n(&g["waiting"]))
                ),
            );
        }
        for g in p["reserves"].as_array().into_iter().flatten() {
            let left = if g["release_unused"].as_bool() == Some(true) {
                msg!("summary-reserve-released")
            } else {
                msg!("summary-reserve-kept")
            };
            line(
                &mut t,
                msg!(
                    "summary-reserve",
                    group = group(g),
                    filled = grouped(n(&g["filled"])),
                    count = grouped(n(&g["count"])),
                    waiting = grouped(n(&g["waiting"])),
                    unused => left
                ),
            );
        }
        if p["order"].is_object() {
            let order = &p["order"];
            let mut steps: Vec<Arg> = Vec::new();
            if order["plugin_priority"].as_bool() == Some(true) {
                steps.push(msg!("order-plugin").into());
            }
            for k in strings(&order["keys"]) {
                steps.push(Arg::Text(format!("`{k}`")));
            }
            steps.push(msg!("order-draw").into());
            line(
                &mut t,
                msg!("summary-order", steps => Arg::Joined(steps), draw = grouped(n(&order["decided_by_draw"]))),
            );
        }
        let districts = p["enrolled_by_district"].as_array().cloned().unwrap_or_default();
        if !districts.is_empty() {
            t.push_str(&msg!("summary-by-district").text(lang));
            for d in districts.iter().take(12) {
                t.push_str(&format!(" {} {};", d["name"].as_str().unwrap_or(""), grouped(n(&d["enrolled"]))));
            }
            if districts.len() > 12 {
                t.push(' ');
                t.push_str(&msg!("summary-more-districts", count = districts.len() - 12).text(lang));
            }
            t.push('\n');
        }
        reasons(&mut t, msg!("summary-waiting"), &p["waiting_by_reason"], usize::MAX, lang);
        reasons(&mut t, msg!("summary-rejected"), &p["rejected_by_reason"], 8, lang);
    }
    for w in &outcome.warnings {
        t.push('\n');
        line(&mut t, msg!("summary-warning", warning => w.clone()));
    }
    t.push('\n');
    line(&mut t, msg!("summary-written", folder = out.display()));
    Ok(t)
}

/// A line of reasons and their counts (`{code: count}`), most first, at most `most` of them.
fn reasons(t: &mut String, heading: Msg, counts: &serde_json::Value, most: usize, lang: Lang) {
    let Some(counts) = counts.as_object().filter(|c| !c.is_empty()) else { return };
    let mut r: Vec<(&String, u64)> = counts.iter().map(|(k, v)| (k, v.as_u64().unwrap_or(0))).collect();
    r.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    t.push_str(&heading.text(lang));
    for (k, v) in r.iter().take(most) {
        // the words alone: the terminal line is long enough without the codes
        let words = match Code::parse(k) {
            Some(c) => Arg::Msg(Box::new(c.words())),
            None => Arg::Text(crate::text::escape(k).into_owned()),
        };
        let said = msg!("summary-reason", code = k, words => words, count = grouped(*v));
        t.push(' ');
        t.push_str(&said.text(lang));
        t.push(';');
    }
    t.push('\n');
}

/// How many rows the terminal names of each kind.
const NAMED: usize = 5;

/// ` and 3 more` after the rows named, when `count` rows are more than those.
fn and_more(count: usize) -> Arg {
    match count.saturating_sub(NAMED) {
        0 => Arg::Text(String::new()),
        more => Arg::Msg(Box::new(msg!("summary-and-more", more = grouped(more as u64)))),
    }
}

/// The rows that repeat an earlier NIK (row, the first row with it), and the invalid rows
/// by field (in the order of first appearance), in row order.
#[allow(clippy::type_complexity)]
fn named_rows(
    outcome: &Outcome,
) -> Result<(Vec<(u32, u32)>, Vec<(&'static str, Vec<u32>)>), crate::registry::RegistryError> {
    let mut duplicates = Vec::new();
    let mut invalid: Vec<(&'static str, Vec<u32>)> = Vec::new();
    let rows = &outcome.registry.rows;
    rows.each(|i, row| {
        let number = registry::number(i);
        match &row.read {
            Ok(p) => {
                if let Some(first) = p.repeats().then(|| outcome.registry.duplicate_of(i)).flatten() {
                    duplicates.push((number, first.get()));
                }
            }
            Err(e) => match invalid.iter_mut().find(|(f, _)| *f == e.field) {
                Some((_, rows)) => rows.push(number),
                None => invalid.push((e.field, vec![number])),
            },
        }
    })
    .map_err(|e| rows.error(e))?;
    invalid.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
    Ok((duplicates, invalid))
}

/// Writes bytes to a file in one go (used for small files).
pub fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = std::fs::File::create(path)?;
    f.write_all(bytes)?;
    f.flush()
}
