//! `hasil.xlsx`: a run's outputs as one workbook for the office (`jaring run --xlsx`).
//!
//! It is made from the files beside it, never from the run in memory: one sheet per CSV —
//! enrolled, waiting, rejected and invalid (`rejections.csv` split by outcome) — with the
//! columns under headings in the run's language, NIKs as text (a number would lose the last
//! digit), counts and rupiah as numbers, the header frozen and filtered, widths that fit;
//! and a summary sheet read from `summary.json`. A sheet holds at most 1.048.575 lines;
//! more go on to `Peserta (2)`, `Peserta (3)`, …
//!
//! `verify` reads the workbook back (with calamine, another library than the one that wrote
//! it) and compares every cell with the CSV line or summary figure it shows: the workbook is
//! evidence only because it says exactly what the verified files say.

use std::path::Path;

use calamine::{DataRef, Reader};
use rust_xlsxwriter::{Color, DocProperties, ExcelDateTime, Format, FormatBorder, Workbook, Worksheet};

use super::columns::{self, Kind};
use crate::i18n::{Lang, Msg};
use crate::money::Rupiah;
use crate::msg;

/// The workbook's name in a run folder.
pub const FILE: &str = "hasil.xlsx";
/// The most rows of an Excel sheet (header included).
const SHEET_ROWS: u32 = 1_048_576;
/// How many lines of each sheet set its column widths.
const WIDTH_SAMPLE: usize = 2_000;
/// At most this many differences are listed.
const MAX_PROBLEMS: usize = 20;

/// A sheet of the workbook: the lines of a CSV (those whose `outcome` is `only`, when
/// given), some of its columns.
struct Part {
    name: fn() -> Msg,
    csv: &'static str,
    only: Option<&'static str>,
    columns: &'static [&'static str],
}

const REJECTED: &[&str] = &[
    "row",
    "nik",
    "name",
    "program",
    "reason",
    "reason_text",
    "citation",
    "occupation",
    "occupation_name",
    "domicile",
    "district_name",
    "village_name",
];
const INVALID: &[&str] = &["row", "nik", "name", "field", "reason_text"];

fn parts() -> [Part; 4] {
    [
        Part {
            name: || msg!("sheet-enrolled"),
            csv: "enrollments.csv",
            only: None,
            columns: &super::ENROLLMENT_COLUMNS,
        },
        Part {
            name: || msg!("sheet-waiting"),
            csv: "waiting_list.csv",
            only: None,
            columns: &super::WAITING_COLUMNS,
        },
        Part {
            name: || msg!("sheet-rejected"),
            csv: "rejections.csv",
            only: Some("rejected"),
            columns: REJECTED,
        },
        Part {
            name: || msg!("sheet-invalid"),
            csv: "rejections.csv",
            only: Some("invalid"),
            columns: INVALID,
        },
    ]
}

/// The name of the `n`th sheet (from 1) of a part.
fn sheet_name(part: &Part, n: u32, lang: Lang) -> String {
    let base = (part.name)().text(lang);
    if n == 1 { base } else { format!("{base} ({n})") }
}

/// Why the workbook could not be written.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct WriteError(pub String);

impl From<rust_xlsxwriter::XlsxError> for WriteError {
    fn from(e: rust_xlsxwriter::XlsxError) -> WriteError {
        WriteError(e.to_string())
    }
}

impl From<csv::Error> for WriteError {
    fn from(e: csv::Error) -> WriteError {
        WriteError(e.to_string())
    }
}

/// A CSV of the run folder, with the positions of a part's columns in it.
struct Lines {
    reader: csv::Reader<std::fs::File>,
    /// Position of each of the part's columns (None: the file has no such column).
    at: Vec<Option<usize>>,
    outcome: Option<usize>,
    only: Option<&'static str>,
    record: csv::StringRecord,
}

impl Lines {
    fn open(dir: &Path, part: &Part) -> csv::Result<Lines> {
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_path(dir.join(part.csv))?;
        let header = reader.headers()?.clone();
        let find = |c: &str| header.iter().position(|h| h == c);
        Ok(Lines {
            at: part.columns.iter().map(|c| find(c)).collect(),
            outcome: find("outcome"),
            only: part.only,
            reader,
            record: csv::StringRecord::new(),
        })
    }

    /// The next line of the part: its fields in the part's column order.
    fn next(&mut self) -> csv::Result<Option<Vec<&str>>> {
        loop {
            if !self.reader.read_record(&mut self.record)? {
                return Ok(None);
            }
            let keep = match (self.only, self.outcome) {
                (Some(only), Some(o)) => self.record.get(o) == Some(only),
                _ => true,
            };
            if keep {
                let record = &self.record;
                return Ok(Some(
                    self.at.iter().map(|a| a.and_then(|a| record.get(a)).unwrap_or("")).collect(),
                ));
            }
        }
    }
}

/// A value as the workbook keeps it.
#[derive(Clone, Debug, PartialEq)]
enum Value<'a> {
    Empty,
    Text(&'a str),
    Number(i64),
}

fn value(kind: Kind, field: &str) -> Value<'_> {
    if field.is_empty() {
        return Value::Empty;
    }
    match kind {
        Kind::Count | Kind::Money => field.parse().map_or(Value::Text(field), Value::Number),
        Kind::Text => Value::Text(field),
    }
}

/// The formats of the workbook.
struct Formats {
    heading: Format,
    count: Format,
    money: Format,
    section: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            heading: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xDDEBF7))
                .set_border_bottom(FormatBorder::Thin),
            count: Format::new().set_num_format("#,##0"),
            money: Format::new().set_num_format("\"Rp\"#,##0"),
            section: Format::new().set_bold(),
        }
    }

    fn of(&self, kind: Kind) -> Option<&Format> {
        match kind {
            Kind::Text => None,
            Kind::Count => Some(&self.count),
            Kind::Money => Some(&self.money),
        }
    }
}

/// Writes `hasil.xlsx` into run folder `dir` from the CSVs and `summary.json` there, with
/// headings in `lang`. The bytes depend only on those files (no clock).
pub fn write(dir: &Path, lang: Lang) -> Result<(), WriteError> {
    let mut book = Workbook::new();
    // the sheets are spooled next to the files they come from, not in a shared temp folder
    book.set_tempdir(dir)?;
    book.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?)
            .set_title(msg!("sheet-title").text(lang)),
    );
    let formats = Formats::new();
    for part in parts() {
        let widths = widths(dir, &part, lang)?;
        let mut lines = Lines::open(dir, &part)?;
        let mut n = 1;
        let mut sheet = start_sheet(&mut book, &part, n, lang, &widths, &formats)?;
        let mut row = 1u32;
        while let Some(fields) = lines.next()? {
            if row == SHEET_ROWS {
                end_sheet(sheet, row, part.columns.len())?;
                n += 1;
                sheet = start_sheet(&mut book, &part, n, lang, &widths, &formats)?;
                row = 1;
            }
            for (c, (column, field)) in part.columns.iter().zip(fields).enumerate() {
                let kind = columns::kind(column);
                let c = c as u16;
                match (value(kind, field), formats.of(kind)) {
                    (Value::Empty, _) => {}
                    (Value::Number(x), Some(f)) => {
                        sheet.write_number_with_format(row, c, x as f64, f)?;
                    }
                    (Value::Number(x), None) => {
                        sheet.write_number(row, c, x as f64)?;
                    }
                    (Value::Text(t), _) => {
                        sheet.write_string(row, c, t)?;
                    }
                }
            }
            row += 1;
        }
        end_sheet(sheet, row, part.columns.len())?;
    }
    let summary = summary_rows(dir, lang)?;
    let sheet = book.add_worksheet();
    sheet.set_name(msg!("sheet-summary").text(lang))?;
    sheet.set_column_width(0, 56)?;
    sheet.set_column_width(1, 72)?;
    for (r, (label, v)) in summary.iter().enumerate() {
        let r = r as u32;
        match v {
            Figure::Section => {
                sheet.write_string_with_format(r, 0, label, &formats.section)?;
            }
            Figure::Text(t) => {
                sheet.write_string(r, 0, label)?;
                sheet.write_string(r, 1, t)?;
            }
            Figure::Count(n) => {
                sheet.write_string(r, 0, label)?;
                sheet.write_number_with_format(r, 1, *n as f64, &formats.count)?;
            }
            Figure::Money(n) => {
                sheet.write_string(r, 0, label)?;
                sheet.write_number_with_format(r, 1, *n as f64, &formats.money)?;
            }
        }
    }
    book.save(dir.join(FILE))?;
    // as readable as the CSVs beside it (the library writes it private)
    if let Ok(meta) = std::fs::metadata(dir.join("summary.json")) {
        std::fs::set_permissions(dir.join(FILE), meta.permissions())
            .map_err(|e| WriteError(e.to_string()))?;
    }
    Ok(())
}

fn start_sheet<'b>(
    book: &'b mut Workbook,
    part: &Part,
    n: u32,
    lang: Lang,
    widths: &[f64],
    formats: &Formats,
) -> Result<&'b mut Worksheet, WriteError> {
    let sheet = book.add_worksheet_with_constant_memory()?;
    sheet.set_name(sheet_name(part, n, lang))?;
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    for (c, column) in part.columns.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, columns::heading(column).text(lang), &formats.heading)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(sheet)
}

fn end_sheet(sheet: &mut Worksheet, rows: u32, columns: usize) -> Result<(), WriteError> {
    sheet.autofilter(0, 0, rows.saturating_sub(1), columns.saturating_sub(1) as u16)?;
    Ok(())
}

/// Column widths (in characters) that fit the heading and the first lines.
fn widths(dir: &Path, part: &Part, lang: Lang) -> Result<Vec<f64>, WriteError> {
    let mut widest: Vec<usize> =
        part.columns.iter().map(|c| columns::heading(c).text(lang).chars().count() + 2).collect();
    let mut lines = Lines::open(dir, part)?;
    for _ in 0..WIDTH_SAMPLE {
        let Some(fields) = lines.next()? else { break };
        for (w, (column, f)) in widest.iter_mut().zip(part.columns.iter().zip(fields)) {
            let shown = match columns::kind(column) {
                Kind::Text => f.chars().count(),
                // grouped digits, and `Rp`
                Kind::Count | Kind::Money => f.len() + f.len() / 3 + 3,
            };
            *w = (*w).max(shown + 1);
        }
    }
    Ok(widest.into_iter().map(|w| w.clamp(6, 60) as f64).collect())
}

/// A line of the summary sheet.
#[derive(Clone, Debug, PartialEq)]
enum Figure {
    /// A heading line.
    Section,
    Text(String),
    Count(u64),
    Money(u64),
}

/// The summary sheet's lines, from the folder's `summary.json`.
fn summary_rows(dir: &Path, lang: Lang) -> Result<Vec<(String, Figure)>, WriteError> {
    let text = crate::files::read_text_at_most(&dir.join("summary.json"), super::summary::MAX_BYTES)
        .map_err(|e| WriteError(e.to_string()))?;
    let summary: serde_json::Value = serde_json::from_str(&text).map_err(|e| WriteError(e.to_string()))?;
    Ok(summary_lines(&summary, lang))
}

/// The summary sheet's lines for a summary.
fn summary_lines(s: &serde_json::Value, lang: Lang) -> Vec<(String, Figure)> {
    let n = |v: &serde_json::Value| v.as_u64().unwrap_or(0);
    let t = |v: &serde_json::Value| v.as_str().unwrap_or("").to_owned();
    let mut out: Vec<(String, Figure)> = Vec::new();
    let mut line = |m: Msg, f: Figure| out.push((m.text(lang), f));
    line(msg!("sum-registry"), Figure::Section);
    line(msg!("sum-rows"), Figure::Count(n(&s["registry"]["rows"])));
    let o = &s["outcomes"];
    line(msg!("sum-enrolled"), Figure::Count(n(&o["enrolled"])));
    line(msg!("sum-waiting"), Figure::Count(n(&o["waiting"])));
    line(msg!("sum-rejected"), Figure::Count(n(&o["rejected"])));
    line(msg!("sum-invalid"), Figure::Count(n(&o["invalid"])));
    line(msg!("sum-duplicates"), Figure::Count(n(&s["duplicate_niks"])));
    for (field, count) in s["invalid_by_field"].as_object().into_iter().flatten() {
        let words = match crate::registry::Field::by_name(field) {
            Some(f) => crate::i18n::Arg::Msg(Box::new(f.words())),
            None => crate::i18n::Arg::Text(crate::text::escape(field).into_owned()),
        };
        line(msg!("sum-invalid-field", field => words), Figure::Count(n(count)));
    }
    line(msg!("sum-registry-sha256"), Figure::Text(t(&s["registry"]["file_sha256"])));
    line(msg!("sum-chain-head"), Figure::Text(t(&s["log"]["chain_head"])));
    for p in s["programs"].as_array().into_iter().flatten() {
        line(msg!("sum-program", id = t(&p["id"])), Figure::Section);
        line(msg!("sum-title"), Figure::Text(t(&p["title"])));
        line(msg!("sum-region"), Figure::Text(format!("{} ({})", t(&p["region_name"]), t(&p["region"]))));
        line(
            msg!("sum-period"),
            Figure::Text(format!("{} .. {}", t(&p["first_month"]), t(&p["last_month"]))),
        );
        match p["quota"].as_u64() {
            Some(q) => line(msg!("sum-quota"), Figure::Count(q)),
            None => line(msg!("sum-quota"), Figure::Text("-".to_owned())),
        }
        line(msg!("sum-enrolled"), Figure::Count(n(&p["enrolled"])));
        line(msg!("sum-waiting"), Figure::Count(n(&p["waiting"])));
        line(msg!("sum-rejected"), Figure::Count(n(&p["rejected"])));
        line(msg!("sum-budget"), Figure::Money(n(&p["budget"])));
        line(msg!("sum-used"), Figure::Money(n(&p["money_used"])));
        line(msg!("sum-left"), Figure::Money(n(&p["money_left"])));
        for f in p["funding"].as_array().into_iter().flatten() {
            let id = t(&f["id"]);
            line(msg!("sum-funding-enrolled", id = id.as_str()), Figure::Count(n(&f["enrolled"])));
            line(
                msg!("sum-funding-used", id = id.as_str(), budget = Rupiah(n(&f["budget"]))),
                Figure::Money(n(&f["used"])),
            );
        }
        for (code, count) in sorted_counts(&p["waiting_by_reason"]) {
            line(
                msg!("sum-waiting-reason", reason => crate::decision::reason_words(&code)),
                Figure::Count(count),
            );
        }
        for (code, count) in sorted_counts(&p["rejected_by_reason"]) {
            line(
                msg!("sum-rejected-reason", reason => crate::decision::reason_words(&code)),
                Figure::Count(count),
            );
        }
        for d in p["enrolled_by_district"].as_array().into_iter().flatten() {
            line(
                msg!("sum-district", name = t(&d["name"]), code = t(&d["code"])),
                Figure::Count(n(&d["enrolled"])),
            );
        }
    }
    out
}

/// A `{key: count}` object as pairs, most first, then by key.
fn sorted_counts(v: &serde_json::Value) -> Vec<(String, u64)> {
    let mut pairs: Vec<(String, u64)> =
        v.as_object().into_iter().flatten().map(|(k, c)| (k.clone(), c.as_u64().unwrap_or(0))).collect();
    pairs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    pairs
}

/// A difference between the workbook and the files it shows: the sheet (when one), the
/// sheet row (1-based, when one) and what differs.
pub struct Difference {
    pub sheet: Option<String>,
    pub row: Option<u64>,
    pub what: Msg,
}

/// Compares `hasil.xlsx` in `dir` with the CSVs and `summary.json` beside it, cell by cell,
/// as a workbook in `lang` shows them.
pub fn check(dir: &Path, lang: Lang) -> Vec<Difference> {
    let mut out = Vec::new();
    let path = dir.join(FILE);
    let mut book = match calamine::open_workbook::<calamine::Xlsx<_>, _>(&path) {
        Ok(b) => b,
        Err(e) => {
            out.push(Difference {
                sheet: None,
                row: None,
                what: msg!("verify-workbook-unreadable", error = e),
            });
            return out;
        }
    };
    let names = book.sheet_names();
    let mut next = names.iter();
    for part in parts() {
        let mut lines = match Lines::open(dir, &part) {
            Ok(l) => l,
            Err(e) => {
                out.push(Difference {
                    sheet: None,
                    row: None,
                    what: msg!("verify-workbook-source", file = part.csv, error = e),
                });
                return out;
            }
        };
        let mut n = 1;
        loop {
            let want = sheet_name(&part, n, lang);
            let Some(name) = next.next() else {
                out.push(Difference {
                    sheet: None,
                    row: None,
                    what: msg!("verify-workbook-no-sheet", sheet = want),
                });
                return out;
            };
            if *name != want {
                out.push(Difference {
                    sheet: Some(name.clone()),
                    row: None,
                    what: msg!(
                        "verify-workbook-sheet-name",
                        sheet = crate::text::shown(name, 60),
                        want = want
                    ),
                });
                return out;
            }
            let more = check_sheet(&mut book, name, &part, &mut lines, lang, &mut out);
            if !more || out.len() >= MAX_PROBLEMS {
                break;
            }
            n += 1;
        }
        if out.len() >= MAX_PROBLEMS {
            return out;
        }
    }
    let summary_name = msg!("sheet-summary").text(lang);
    match next.next() {
        Some(name) if *name == summary_name => match summary_rows(dir, lang) {
            Ok(want) => check_summary(&mut book, name, &want, &mut out),
            Err(e) => out.push(Difference {
                sheet: Some(name.clone()),
                row: None,
                what: msg!("verify-workbook-source", file = "summary.json", error = e.0),
            }),
        },
        Some(name) => out.push(Difference {
            sheet: Some(name.clone()),
            row: None,
            what: msg!(
                "verify-workbook-sheet-name",
                sheet = crate::text::shown(name, 60),
                want = summary_name
            ),
        }),
        None => out.push(Difference {
            sheet: None,
            row: None,
            what: msg!("verify-workbook-no-sheet", sheet = summary_name),
        }),
    }
    for extra in next {
        out.push(Difference {
            sheet: Some(extra.clone()),
            row: None,
            what: msg!("verify-workbook-extra-sheet", sheet = crate::text::shown(extra, 60)),
        });
    }
    out.truncate(MAX_PROBLEMS);
    out
}

/// A cell as text: numbers as their digits.
fn cell_text(cell: &DataRef<'_>) -> String {
    match cell {
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 9e15 => (*f as i64).to_string(),
        DataRef::Float(f) => f.to_string(),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(d) => d.as_f64().to_string(),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => e.to_string(),
        DataRef::Empty => String::new(),
    }
}

fn data_text(cell: &calamine::Data) -> String {
    use calamine::Data;
    match cell {
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 9e15 => (*f as i64).to_string(),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
        Data::Empty => String::new(),
    }
}

/// The rows of a sheet, as text, one row at a time (rows with no cells are not seen).
fn sheet_rows(
    book: &mut calamine::Xlsx<std::io::BufReader<std::fs::File>>,
    name: &str,
    width: usize,
    mut each: impl FnMut(u32, &[String]) -> bool,
) -> Result<(), String> {
    let mut cells = book.worksheet_cells_reader(name).map_err(|e| e.to_string())?;
    let mut current: Option<u32> = None;
    let mut row = vec![String::new(); width];
    let mut beyond = false;
    while let Some(cell) = cells.next_cell().map_err(|e| e.to_string())? {
        let (r, c) = cell.get_position();
        if current != Some(r) {
            if let Some(done) = current
                && !each(done, &row)
            {
                return Ok(());
            }
            current = Some(r);
            row.iter_mut().for_each(String::clear);
        }
        match row.get_mut(c as usize) {
            Some(slot) => *slot = cell_text(cell.get_value()),
            None => beyond |= !matches!(cell.get_value(), DataRef::Empty),
        }
    }
    if let Some(done) = current {
        each(done, &row);
    }
    if beyond {
        return Err("cells right of the last column".to_owned());
    }
    Ok(())
}

/// Compares one sheet with the part's next lines; true when the part has lines left for a
/// next sheet.
fn check_sheet(
    book: &mut calamine::Xlsx<std::io::BufReader<std::fs::File>>,
    name: &str,
    part: &Part,
    lines: &mut Lines,
    lang: Lang,
    out: &mut Vec<Difference>,
) -> bool {
    let headings: Vec<String> = part.columns.iter().map(|c| columns::heading(c).text(lang)).collect();
    let mut expected_row = 0u32;
    let mut exhausted = false;
    let mut full = false;
    let differ = |out: &mut Vec<Difference>, row: u32, what: Msg| {
        if out.len() < MAX_PROBLEMS {
            out.push(Difference { sheet: Some(name.to_owned()), row: Some(u64::from(row) + 1), what });
        }
    };
    let result = sheet_rows(book, name, part.columns.len(), |r, cells| {
        if r != expected_row {
            differ(out, r, msg!("verify-workbook-gap", row = u64::from(expected_row) + 1));
            return false;
        }
        expected_row += 1;
        if r == 0 {
            if cells != headings.as_slice() {
                differ(out, r, msg!("verify-workbook-headings", headings = headings.join(", ")));
            }
            return true;
        }
        let want = match lines.next() {
            Ok(Some(w)) => w,
            Ok(None) => {
                exhausted = true;
                differ(out, r, msg!("verify-workbook-extra-row", file = part.csv));
                return false;
            }
            Err(e) => {
                differ(out, r, msg!("verify-workbook-source", file = part.csv, error = e));
                return false;
            }
        };
        for (k, (got, w)) in cells.iter().zip(&want).enumerate() {
            if got != w {
                differ(
                    out,
                    r,
                    msg!(
                        "verify-workbook-cell",
                        column = headings[k].as_str(),
                        got = crate::text::shown(got, 120),
                        want = crate::text::shown(w, 120)
                    ),
                );
            }
        }
        if r + 1 == SHEET_ROWS {
            full = true;
        }
        out.len() < MAX_PROBLEMS
    });
    if let Err(e) = result {
        differ(out, 0, msg!("verify-workbook-sheet-unreadable", error = e));
        return false;
    }
    if expected_row == 0 {
        differ(out, 0, msg!("verify-workbook-headings", headings = headings.join(", ")));
    }
    if full && !exhausted {
        return true;
    }
    // every line of the part must be on the sheet
    if !exhausted {
        let mut missing = 0u64;
        while let Ok(Some(_)) = lines.next() {
            missing += 1;
        }
        if missing > 0 {
            differ(out, expected_row, msg!("verify-workbook-missing-rows", count = missing, file = part.csv));
        }
    }
    false
}

fn check_summary(
    book: &mut calamine::Xlsx<std::io::BufReader<std::fs::File>>,
    name: &str,
    want: &[(String, Figure)],
    out: &mut Vec<Difference>,
) {
    let range = match book.worksheet_range(name) {
        Ok(r) => r,
        Err(e) => {
            out.push(Difference {
                sheet: Some(name.to_owned()),
                row: None,
                what: msg!("verify-workbook-sheet-unreadable", error = e),
            });
            return;
        }
    };
    let text = |r: usize, c: usize| range.get((r, c)).map(data_text).unwrap_or_default();
    let start = range.start().map_or(0, |(r, _)| r as usize);
    let rows = range.height() + start;
    for (r, (label, figure)) in want.iter().enumerate() {
        let value = match figure {
            Figure::Section => String::new(),
            Figure::Text(t) => t.clone(),
            Figure::Count(n) | Figure::Money(n) => n.to_string(),
        };
        let (got_label, got_value) = (text(r.wrapping_sub(start), 0), text(r.wrapping_sub(start), 1));
        if r < start || got_label != *label || got_value != value {
            out.push(Difference {
                sheet: Some(name.to_owned()),
                row: Some(r as u64 + 1),
                what: msg!(
                    "verify-workbook-cell",
                    column = label.as_str(),
                    got = crate::text::shown(&format!("{got_label} {got_value}"), 120),
                    want = crate::text::shown(&format!("{label} {value}"), 120)
                ),
            });
            return;
        }
    }
    if rows > want.len() {
        out.push(Difference {
            sheet: Some(name.to_owned()),
            row: Some(want.len() as u64 + 1),
            what: msg!("verify-workbook-extra-row", file = "summary.json"),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_numbers_only_where_the_column_counts() {
        assert_eq!(value(Kind::Text, "6401096201815694"), Value::Text("6401096201815694"));
        assert_eq!(value(Kind::Money, "50400"), Value::Number(50_400));
        assert_eq!(value(Kind::Count, "-3"), Value::Number(-3));
        assert_eq!(value(Kind::Count, "x"), Value::Text("x"));
        assert_eq!(value(Kind::Count, ""), Value::Empty);
    }
}
