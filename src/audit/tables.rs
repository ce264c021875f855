//! `jaring export RUN --format parquet --out DIR`: the decision log as tables an analyst's
//! engine reads (DuckDB, pandas, Spark, Excel's Power Query), one Parquet file each:
//!
//! - `records.parquet` — one row per registry row: its overall outcome, the values jaring
//!   read (`nik`, `birth_date`, …, and the `district` of the domicile, as `summary.json`
//!   counts it), why it was invalid or which row it repeats, and every cell as written
//!   (`input_<column>`);
//! - `decisions.parquet` — one row per row and program that decided it: decision, reason,
//!   funding, months, premium, rank and what the plugin proposed;
//! - `rules.parquet` — one row per row, program and eligibility rule: passed or not, with
//!   the rule's text and citation.
//!
//! They join on `row`. The log is read one record at a time, so memory stays flat whatever
//! the size of the run; a folder that does not verify is not exported. With `--redact` the
//! records are masked exactly as in a redacted copy ([`super::export`]). Every file carries,
//! in its key-value metadata, the run's chain head and header hash, so a table names the
//! evidence it came from. Exporting is deterministic: the same folder gives the same bytes.

use std::path::Path;
use std::sync::Arc;

use parquet::basic::{Compression, LogicalType, Repetition, Type as Physical};
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, Int64Type};
use parquet::file::metadata::KeyValue;
use parquet::file::properties::{EnabledStatistics, WriterProperties};
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::{ColumnPath, Type};

use super::export::{ExportError, Masks};
use crate::digest::sha256_hex;
use crate::log::{self, Header, Record};
use crate::run::staging::Staging;

/// Rows buffered before they are written as one row group.
const ROW_GROUP: usize = 64 * 1024;

/// What a column holds.
#[derive(Clone, Copy)]
enum Kind {
    Text,
    Int,
    Bool,
}

enum Values {
    /// The texts end to end, and where each ends (one buffer per row group, not one
    /// allocation per value).
    Text(Vec<u8>, Vec<usize>),
    Int(Vec<i64>),
    Bool(Vec<bool>),
}

struct Column {
    optional: bool,
    values: Values,
    /// Definition levels (optional columns): 1 present, 0 null.
    defined: Vec<i16>,
}

impl Column {
    fn empty(kind: Kind, optional: bool) -> Column {
        let values = match kind {
            Kind::Text => Values::Text(Vec::new(), Vec::new()),
            Kind::Int => Values::Int(Vec::new()),
            Kind::Bool => Values::Bool(Vec::new()),
        };
        Column { optional, values, defined: Vec::new() }
    }

    fn kind(&self) -> Kind {
        match self.values {
            Values::Text(..) => Kind::Text,
            Values::Int(_) => Kind::Int,
            Values::Bool(_) => Kind::Bool,
        }
    }
}

/// One Parquet file being written, a row group at a time: the rows are gathered here while
/// the row group before them is encoded and written on a thread of the table's own.
struct Table {
    columns: Vec<Column>,
    rows: usize,
    /// Full row groups to the writing thread, and their columns back, emptied, for reuse.
    full: Option<std::sync::mpsc::SyncSender<Vec<Column>>>,
    emptied: std::sync::mpsc::Receiver<Vec<Column>>,
    writing: Option<std::thread::JoinHandle<Result<SerializedFileWriter<std::fs::File>, ExportError>>>,
}

type Writer = SerializedFileWriter<std::fs::File>;

fn parquet_error(e: parquet::errors::ParquetError) -> ExportError {
    ExportError::Io(std::io::Error::other(e.to_string()))
}

impl Table {
    /// `columns`: name, kind and whether it may be null.
    fn create(path: &Path, columns: &[(String, Kind, bool)]) -> Result<Table, ExportError> {
        let fields = columns
            .iter()
            .map(|(name, kind, optional)| {
                let (physical, logical) = match kind {
                    Kind::Text => (Physical::BYTE_ARRAY, Some(LogicalType::String)),
                    Kind::Int => (Physical::INT64, None),
                    Kind::Bool => (Physical::BOOLEAN, None),
                };
                let repetition = if *optional { Repetition::OPTIONAL } else { Repetition::REQUIRED };
                Type::primitive_type_builder(name, physical)
                    .with_repetition(repetition)
                    .with_logical_type(logical)
                    .build()
                    .map(Arc::new)
            })
            .collect::<Result<Vec<_>, _>>()
            .map_err(parquet_error)?;
        let schema = Type::group_type_builder("jaring").with_fields(fields).build().map_err(parquet_error)?;
        let mut properties = WriterProperties::builder().set_compression(Compression::SNAPPY);
        // min/max of free text prunes nothing and costs a comparison per value; numbers keep theirs
        for (name, kind, _) in columns {
            if matches!(kind, Kind::Text) {
                properties = properties
                    .set_column_statistics_enabled(ColumnPath::from(name.as_str()), EnabledStatistics::None);
            }
        }
        let properties = properties.set_created_by(format!("jaring {}", env!("CARGO_PKG_VERSION"))).build();
        let file = std::fs::File::create(path)?;
        let mut writer =
            SerializedFileWriter::new(file, Arc::new(schema), Arc::new(properties)).map_err(parquet_error)?;
        let columns: Vec<Column> =
            columns.iter().map(|(_, kind, optional)| Column::empty(*kind, *optional)).collect();
        // (a row group is handed over when the one before is written: a table holds two)
        let (full, groups) = std::sync::mpsc::sync_channel::<Vec<Column>>(0);
        let (give_back, emptied) = std::sync::mpsc::channel();
        let writing = std::thread::spawn(move || -> Result<Writer, ExportError> {
            for mut group in groups {
                write_group(&mut writer, &mut group)?;
                // (gone only once the table is done)
                let _ = give_back.send(group);
            }
            Ok(writer)
        });
        Ok(Table { columns, rows: 0, full: Some(full), emptied, writing: Some(writing) })
    }

    fn defined(column: &mut Column, present: bool) {
        if column.optional {
            column.defined.push(i16::from(present));
        }
    }

    fn text(&mut self, c: usize, value: Option<&str>) {
        let column = &mut self.columns[c];
        Self::defined(column, value.is_some());
        if let (Values::Text(data, ends), Some(value)) = (&mut column.values, value) {
            data.extend_from_slice(value.as_bytes());
            ends.push(data.len());
        }
    }

    fn int(&mut self, c: usize, value: Option<i64>) {
        let column = &mut self.columns[c];
        Self::defined(column, value.is_some());
        if let (Values::Int(v), Some(value)) = (&mut column.values, value) {
            v.push(value);
        }
    }

    fn bool(&mut self, c: usize, value: bool) {
        let column = &mut self.columns[c];
        Self::defined(column, true);
        if let Values::Bool(v) = &mut column.values {
            v.push(value);
        }
    }

    /// Ends a row; a full row group is written out.
    fn end_row(&mut self) -> Result<(), ExportError> {
        self.rows += 1;
        if self.rows >= ROW_GROUP { self.flush() } else { Ok(()) }
    }

    /// Hands the rows gathered to the writing thread as a row group.
    fn flush(&mut self) -> Result<(), ExportError> {
        if self.rows == 0 {
            return Ok(());
        }
        let empty = self
            .emptied
            .try_recv()
            .unwrap_or_else(|_| self.columns.iter().map(|c| Column::empty(c.kind(), c.optional)).collect());
        let group = std::mem::replace(&mut self.columns, empty);
        self.rows = 0;
        let sent = self.full.as_ref().is_some_and(|full| full.send(group).is_ok());
        if !sent {
            // the writing thread stopped: its error
            return self.written().map(drop);
        }
        Ok(())
    }

    /// The file's writer, once every row group handed over is written.
    fn written(&mut self) -> Result<Writer, ExportError> {
        drop(self.full.take());
        match self.writing.take() {
            Some(thread) => thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            None => Err(ExportError::Io(std::io::Error::other("the table was already written"))),
        }
    }

    /// Writes the last rows and closes the file, with `meta` in its key-value metadata.
    fn finish(mut self, meta: &[KeyValue]) -> Result<(), ExportError> {
        self.flush()?;
        let mut writer = self.written()?;
        for kv in meta {
            writer.append_key_value_metadata(kv.clone());
        }
        writer.close().map_err(parquet_error)?;
        Ok(())
    }
}

impl Drop for Table {
    /// A table let go unfinished (the export failed): its writing thread is let finish first.
    fn drop(&mut self) {
        drop(self.full.take());
        if let Some(thread) = self.writing.take() {
            let _ = thread.join();
        }
    }
}

/// Writes `columns` as the file's next row group, and empties them.
fn write_group(writer: &mut Writer, columns: &mut [Column]) -> Result<(), ExportError> {
    let mut group = writer.next_row_group().map_err(parquet_error)?;
    for column in columns {
        let Some(mut writer) = group.next_column().map_err(parquet_error)? else { break };
        let levels = column.optional.then_some(column.defined.as_slice());
        match &mut column.values {
            Values::Text(data, ends) => {
                let bytes = bytes::Bytes::from(std::mem::take(data));
                let mut start = 0;
                let values: Vec<ByteArray> = ends
                    .iter()
                    .map(|&end| {
                        let value = ByteArray::from(bytes.slice(start..end));
                        start = end;
                        value
                    })
                    .collect();
                writer.typed::<ByteArrayType>().write_batch(&values, levels, None)
            }
            Values::Int(v) => writer.typed::<Int64Type>().write_batch(v, levels, None),
            Values::Bool(v) => writer.typed::<BoolType>().write_batch(v, levels, None),
        }
        .map_err(parquet_error)?;
        writer.close().map_err(parquet_error)?;
        match &mut column.values {
            Values::Text(data, ends) => {
                data.clear();
                ends.clear();
            }
            Values::Int(v) => v.clear(),
            Values::Bool(v) => v.clear(),
        }
        column.defined.clear();
    }
    group.close().map_err(parquet_error)?;
    Ok(())
}

/// `input_` and the column's name made a plain identifier, unique among `taken`.
fn input_column(name: &str, taken: &mut Vec<String>) -> String {
    let mut base: String = crate::registry::normalise_header(name)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect();
    if base.is_empty() {
        base = "column".to_owned();
    }
    let mut candidate = format!("input_{base}");
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("input_{base}_{n}");
        n += 1;
    }
    taken.push(candidate.clone());
    candidate
}

const RECORD_COLUMNS: usize = 7;

/// Writes the tables of run folder `dir` into the folder `out` (atomically). Whether the
/// tables are masked: asked for, or the folder is a redacted copy already. The folder is
/// verified while its tables are made: nothing is published unless it verifies (and what
/// verification finds wrong is said before anything else).
pub fn export_parquet(dir: &Path, out: &Path, redact: bool, force: bool) -> Result<bool, ExportError> {
    std::thread::scope(|scope| {
        let verifying = scope.spawn(|| log::verify::verify(dir, None));
        let made = make_tables(dir, out, redact, force);
        let report = verifying.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        if !report.intact() {
            return Err(ExportError::NotIntact(report.problems.into_iter().take(5).collect()));
        }
        let Made { tables, staging, header_sha256, schema, redacted } = made?;
        // (in the order each file's metadata has always given them)
        let meta = [
            ("jaring.chain_head", report.chain_head.clone().unwrap_or_default()),
            ("jaring.header_sha256", header_sha256),
            ("jaring.schema", schema),
            ("jaring.redacted", redacted.to_string()),
        ];
        let meta: Vec<KeyValue> = meta.into_iter().map(|(k, v)| KeyValue::new(k.to_owned(), v)).collect();
        for table in tables {
            table.finish(&meta)?;
        }
        staging.publish()?;
        Ok(redacted)
    })
}

/// The tables of a folder, every row written but their files not closed, in a staging
/// folder not published.
struct Made {
    // (the tables first: let go, they finish writing before the staging folder is removed)
    tables: [Table; 3],
    staging: Staging,
    header_sha256: String,
    schema: String,
    redacted: bool,
}

fn make_tables(dir: &Path, out: &Path, redact: bool, force: bool) -> Result<Made, ExportError> {
    let path = dir.join(log::LOG_FILE);
    let (header_line, header) = log::read_header(&path)?;
    let staging = Staging::new(out, force, &[dir.to_path_buf()])?;
    let target = staging.path();
    let masks = redact.then(|| Masks::of(dir, &header));
    let mut records = Table::create(&target.join("records.parquet"), &record_columns(&header))?;
    let mut decisions = Table::create(&target.join("decisions.parquet"), &decision_columns())?;
    let mut rules = Table::create(&target.join("rules.parquet"), &rule_columns())?;

    // a block of the log at a time: its records read and masked on all cores, then the
    // records' table filled (and its row groups encoded) on one thread while the decisions'
    // and rules' tables are on another; each table gets its rows in the log's order
    let shared = log::compact::Shared::of(&header);
    log::view::blocks(&path, 2 << 20, |_, lines| -> Result<(), ExportError> {
        let parsed: Vec<Result<Record<'_>, String>> = crate::par::chunks(lines.len(), |range| {
            lines[range]
                .iter()
                .map(|line| {
                    let mut record = shared.parse(line).map_err(|e| e.to_string())?;
                    if let Some(masks) = &masks {
                        masks.redact(&mut record);
                    }
                    Ok(record)
                })
                .collect()
        });
        let block: Vec<Record<'_>> =
            parsed.into_iter().collect::<Result<_, _>>().map_err(ExportError::Record)?;
        let (a, b) = std::thread::scope(|scope| {
            let a = scope.spawn(|| block.iter().try_for_each(|r| add_record(&mut records, &header, r)));
            let b = block.iter().try_for_each(|r| add_decisions(&mut decisions, &mut rules, &header, r));
            (a.join(), b)
        });
        a.unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        b
    })?;
    Ok(Made {
        staging,
        tables: [records, decisions, rules],
        header_sha256: sha256_hex(header_line.as_bytes()),
        schema: header.schema.to_string(),
        redacted: redact || header.redacted.is_some(),
    })
}

fn record_columns(header: &Header) -> Vec<(String, Kind, bool)> {
    let mut columns = vec![
        ("row".to_owned(), Kind::Int, false),
        ("outcome".to_owned(), Kind::Text, false),
        ("district".to_owned(), Kind::Text, true),
        ("invalid_field".to_owned(), Kind::Text, true),
        ("invalid_reason".to_owned(), Kind::Text, true),
        ("duplicate_of".to_owned(), Kind::Int, true),
        ("warnings".to_owned(), Kind::Text, true),
    ];
    debug_assert_eq!(columns.len(), RECORD_COLUMNS);
    let mut taken: Vec<String> = columns.iter().map(|c| c.0.clone()).collect();
    for field in &header.read_fields {
        taken.push(field.clone());
        columns.push((field.clone(), Kind::Text, true));
    }
    for column in &header.registry.columns {
        columns.push((input_column(column, &mut taken), Kind::Text, true));
    }
    columns
}

fn add_record(table: &mut Table, header: &Header, record: &Record<'_>) -> Result<(), ExportError> {
    let read = |k: usize| record.read_values().and_then(|r| r.get(k)).map(|t| t.as_str());
    let domicile = header.read_fields.iter().position(|f| f == "domicile").and_then(read);
    table.int(0, Some(i64::from(record.row)));
    table.text(1, Some(record.outcome.as_str()));
    let district = domicile.filter(|d| !d.is_empty()).map(log::summary::district_of);
    table.text(2, district.as_deref());
    table.text(3, record.invalid.as_ref().map(|i| i.field.as_str()));
    table.text(4, record.invalid.as_ref().map(|i| i.reason.as_str()));
    table.int(5, record.duplicate_of.map(i64::from));
    let warnings: Vec<&str> = record.warnings.iter().map(|w| w.as_str()).collect();
    table.text(6, (!warnings.is_empty()).then(|| warnings.join("\n")).as_deref());
    let fields = header.read_fields.len();
    for k in 0..fields {
        table.text(RECORD_COLUMNS + k, read(k));
    }
    for (i, _) in header.registry.columns.iter().enumerate() {
        table.text(RECORD_COLUMNS + fields + i, record.input.get(i).map(|t| t.as_str()));
    }
    table.end_row()
}

const DECISION_COLUMNS: [(&str, Kind, bool); 14] = [
    ("row", Kind::Int, false),
    ("program", Kind::Text, false),
    ("decision", Kind::Text, false),
    ("reason", Kind::Text, true),
    ("message", Kind::Text, true),
    ("cite", Kind::Text, true),
    ("funding", Kind::Text, true),
    ("months", Kind::Int, true),
    ("premium", Kind::Int, true),
    ("rank", Kind::Int, true),
    ("priority", Kind::Int, true),
    ("plugin_verdict", Kind::Text, true),
    ("plugin_group", Kind::Text, true),
    ("plugin_notes", Kind::Text, true),
];

fn decision_columns() -> Vec<(String, Kind, bool)> {
    DECISION_COLUMNS.iter().map(|(n, k, o)| ((*n).to_owned(), *k, *o)).collect()
}

fn rule_columns() -> Vec<(String, Kind, bool)> {
    [
        ("row", Kind::Int, false),
        ("program", Kind::Text, false),
        ("rule_index", Kind::Int, false),
        ("rule", Kind::Text, false),
        ("cite", Kind::Text, true),
        ("passed", Kind::Bool, false),
    ]
    .iter()
    .map(|(n, k, o)| ((*n).to_owned(), *k, *o))
    .collect()
}

fn add_decisions(
    decisions: &mut Table,
    rules: &mut Table,
    header: &Header,
    record: &Record<'_>,
) -> Result<(), ExportError> {
    let row = Some(i64::from(record.row));
    for d in &record.programs {
        decisions.int(0, row);
        decisions.text(1, Some(d.program.as_str()));
        decisions.text(2, Some(d.decision.as_str()));
        decisions.text(3, d.reason.as_ref().map(|t| t.as_str()));
        decisions.text(4, d.message.as_ref().map(|t| t.as_str()));
        decisions.text(5, d.cite.as_ref().map(|t| t.as_str()));
        decisions.text(6, d.funding.as_ref().map(|t| t.as_str()));
        decisions.int(7, d.months.map(i64::from));
        decisions.int(8, d.premium.and_then(|p| i64::try_from(p).ok()));
        decisions.int(9, d.rank.map(i64::from));
        decisions.int(10, d.priority().map(i64::from));
        decisions.text(11, d.plugin.as_ref().map(|p| p.verdict.as_str()));
        decisions.text(12, d.plugin.as_ref().and_then(|p| p.group.as_ref()).map(|g| g.as_str()));
        let notes: Vec<&str> = d.plugin.iter().flat_map(|p| p.notes.iter()).map(|n| n.as_str()).collect();
        decisions.text(13, (!notes.is_empty()).then(|| notes.join("\n")).as_deref());
        decisions.end_row()?;

        let program = header.programs.iter().find(|p| p.id == d.program.as_str());
        for (k, passed) in d.rules.as_str().chars().enumerate() {
            let rule = program.and_then(|p| p.rules.get(k));
            rules.int(0, row);
            rules.text(1, Some(d.program.as_str()));
            rules.int(2, i64::try_from(k).ok());
            rules.text(3, Some(rule.map_or("", |r| r.rule.as_str())));
            rules.text(4, rule.and_then(|r| r.cite.as_deref()));
            rules.bool(5, passed == '1');
            rules.end_row()?;
        }
    }
    Ok(())
}
