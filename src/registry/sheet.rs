//! Spreadsheet registries: `.xlsx`, `.xlsb`, `.xls` and `.ods`, read with calamine.
//!
//! The first visible worksheet is read, or the one named. Offices put a title, a date or a
//! merged banner above the table: the header is the first row (of the first
//! [`HEADER_SEARCH`]) that names every required column; the rows above it are not read.
//! Empty rows are skipped, and values right of the last titled column are not read (both
//! reported).
//!
//! Every cell is turned into text "as written" — what a person reads in the sheet, in one
//! spelling — and from then on a spreadsheet registry is read exactly like a CSV: the
//! decision log keeps that text, so `verify` and `replay` work on it unchanged, and the same
//! registry as CSV and as a workbook gives the same decisions. The spelling:
//! - text: as typed;
//! - a whole number: its digits (`3`, not `3.0`); another number: the shortest decimal that
//!   reads back as the same value (`0.25`);
//! - a date cell: `YYYY-MM-DD`, with `THH:MM:SS` when it has a time of day; a plain number in
//!   the birth-date column is a date serial (the 1900 system) and is written as a date too;
//! - `TRUE` / `FALSE`; an error cell as Excel shows it (`#N/A`); an empty cell as nothing;
//! - a number in the NIK column: a NIK has 16 digits, but Excel and LibreOffice keep 15
//!   significant digits of a number, so a NIK typed as a number comes out ending in `0`
//!   whatever its last digit was. A 16-digit whole number is written as its digits when the
//!   sheet proves its writer kept all 16 — some NIK number in the sheet ends in another
//!   digit (`.ods`, `.xls` and files written by libraries do). When every NIK number ends in
//!   `0`, they are written in scientific form (`6.40904191184272E15`) and those rows are
//!   invalid: the NIK lost its last digit — the same as a CSV that says `6,4E+15`. Any other
//!   number (fewer digits, a fraction) is written in scientific form too.

use std::io::Cursor;

use calamine::{Data, DataRef, ExcelDateTime, ExcelDateTimeType, Reader, SheetType, SheetVisible};

use super::{
    Cells, Field, Format, MAX_COLUMNS, MAX_ROW_BYTES, Piece, Records, RegistryError, StructureWarning,
    normalise_header,
};

/// How many rows from the top of a sheet may hold titles before the header.
pub const HEADER_SEARCH: usize = 50;
/// The most bytes a workbook may unpack to (a file that claims more is refused unread).
const MAX_UNPACKED: u64 = 8 << 30;
/// How many empty rows are named one by one.
const NAMED_EMPTY_ROWS: usize = 5;

/// The kinds of workbook jaring reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetKind {
    Xlsx,
    Xlsb,
    Xls,
    Ods,
}

impl SheetKind {
    /// The kind's name, as the log records it.
    pub fn name(self) -> &'static str {
        match self {
            SheetKind::Xlsx => "xlsx",
            SheetKind::Xlsb => "xlsb",
            SheetKind::Xls => "xls",
            SheetKind::Ods => "ods",
        }
    }

    pub fn parse(name: &str) -> Option<SheetKind> {
        [SheetKind::Xlsx, SheetKind::Xlsb, SheetKind::Xls, SheetKind::Ods]
            .into_iter()
            .find(|k| k.name() == name)
    }

    /// The kind a file is, by its first bytes (not its name): a zip holding a workbook, or an
    /// OLE compound file (Excel 97–2003).
    pub fn of(bytes: &[u8]) -> Option<SheetKind> {
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return Some(SheetKind::Xls);
        }
        if !bytes.starts_with(b"PK\x03\x04") {
            return None;
        }
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
        let has = |name: &str| zip.index_for_name(name).is_some();
        if has("content.xml") && has("mimetype") {
            Some(SheetKind::Ods)
        } else if has("xl/workbook.bin") {
            Some(SheetKind::Xlsb)
        } else if zip.file_names().any(|n| n.is_ok_and(|n| n.starts_with("xl/"))) {
            Some(SheetKind::Xlsx)
        } else {
            None
        }
    }
}

/// What a file that is neither text nor a readable workbook looks like, if it is binary:
/// a broken workbook (a zip or an Excel 97 file that does not open), a PDF, or other binary
/// data (a zero byte in its first 8 KiB).
pub fn binary(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        Some("zip")
    } else if bytes.starts_with(b"%PDF") {
        Some("pdf")
    } else if bytes.iter().take(8 << 10).any(|b| *b == 0) {
        Some("binary")
    } else {
        None
    }
}

/// Which of a sheet's columns need their own spelling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Nik,
    BirthDate,
    Other,
}

/// A cell's value, whatever workbook it came from.
enum Value<'a> {
    Text(&'a str),
    Int(i64),
    Float(f64),
    Bool(bool),
    Date(ExcelDateTime),
    Iso(&'a str),
    Error(String),
    Empty,
}

impl<'a> Value<'a> {
    fn of(data: &'a Data) -> Value<'a> {
        match data {
            Data::String(s) => Value::Text(s),
            Data::Int(i) => Value::Int(*i),
            Data::Float(f) => Value::Float(*f),
            Data::Bool(b) => Value::Bool(*b),
            Data::DateTime(d) => Value::Date(*d),
            Data::DateTimeIso(s) | Data::DurationIso(s) => Value::Iso(s),
            Data::Error(e) => Value::Error(e.to_string()),
            Data::Empty => Value::Empty,
        }
    }

    /// The cell as written (see the module's documentation), appended to `out`.
    fn write(&self, role: Role, out: &mut String) {
        use std::fmt::Write;
        match *self {
            Value::Text(s) => out.push_str(s),
            Value::Int(i) => match role {
                Role::BirthDate => date_serial(i as f64, out),
                Role::Nik => nik_number(i as f64, out),
                Role::Other => {
                    let _ = write!(out, "{i}");
                }
            },
            Value::Float(f) => match role {
                Role::BirthDate => date_serial(f, out),
                Role::Nik => nik_number(f, out),
                Role::Other => number(f, out),
            },
            Value::Bool(b) => out.push_str(if b { "TRUE" } else { "FALSE" }),
            Value::Date(d) if d.is_datetime() => date(&d, out),
            Value::Date(d) => number(d.as_f64(), out),
            // OpenDocument writes dates as ISO text already; midnight says nothing
            Value::Iso(s) => out.push_str(s.strip_suffix("T00:00:00").unwrap_or(s)),
            Value::Error(ref e) => out.push_str(e),
            Value::Empty => {}
        }
    }

    fn is_blank(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// A number in a column that is not a NIK nor a birth date.
fn number(f: f64, out: &mut String) {
    use std::fmt::Write;
    if f.fract() == 0.0 && f.abs() < 1e15 {
        let _ = write!(out, "{}", f as i64);
    } else {
        let _ = write!(out, "{f}");
    }
}

/// A number in the NIK column: its 16 digits when it has 16 (whether the last one can be
/// trusted is decided for the whole sheet, see [`NikNumbers`]), else scientific form.
fn nik_number(f: f64, out: &mut String) {
    use std::fmt::Write;
    match sixteen_digits(f) {
        Some(n) => {
            let _ = write!(out, "{n}");
        }
        None => {
            let _ = write!(out, "{f:E}");
        }
    }
}

fn sixteen_digits(f: f64) -> Option<u64> {
    (f.fract() == 0.0 && (1e15..1e16).contains(&f)).then_some(f as u64)
}

/// What the sheet's NIK numbers say about the program that wrote it.
#[derive(Default)]
struct NikNumbers {
    /// Some 16-digit NIK number ends in a digit other than 0: its writer kept every digit.
    exact: bool,
    /// Where the 16-digit NIK numbers ending in 0 are: (data row, column).
    ending_in_zero: Vec<(usize, usize)>,
}

impl NikNumbers {
    fn saw(&mut self, value: &Value, row: usize, column: usize) {
        let f = match *value {
            Value::Int(i) => i as f64,
            Value::Float(f) => f,
            _ => return,
        };
        if let Some(n) = sixteen_digits(f) {
            if n % 10 == 0 {
                self.ending_in_zero.push((row, column));
            } else {
                self.exact = true;
            }
        }
    }

    /// The piece, with NIK numbers that lost their last digit in scientific form when
    /// nothing in the sheet shows all 16 digits were kept.
    /// (`piece` is open — rows still being added — and so is the piece returned.)
    fn settle(self, mut piece: Piece) -> Piece {
        if self.exact || self.ending_in_zero.is_empty() {
            return piece;
        }
        piece.close();
        let mut cut = self.ending_in_zero.into_iter().peekable();
        let mut out = Piece::default();
        let mut cells: Vec<String> = Vec::new();
        for r in 0..piece.len() {
            cells.clear();
            cells.extend(piece.row(r).map(str::to_owned));
            while let Some((_, c)) = cut.next_if(|&(row, _)| row == r) {
                if let Some(cell) = cells.get_mut(c)
                    && let Ok(n) = cell.parse::<u64>()
                {
                    *cell = format!("{:E}", n as f64);
                }
            }
            out.push_row(cells.iter().map(String::as_str));
        }
        out
    }
}

/// A date cell: `YYYY-MM-DD`, and the time of day when it has one.
fn date(d: &ExcelDateTime, out: &mut String) {
    use std::fmt::Write;
    let (y, m, day, h, min, s, _) = d.to_ymd_hms_milli();
    let _ = write!(out, "{y:04}-{m:02}-{day:02}");
    if (h, min, s) != (0, 0, 0) {
        let _ = write!(out, "T{h:02}:{min:02}:{s:02}");
    }
}

/// A plain number in the birth-date column: a date serial, when it can be one.
fn date_serial(f: f64, out: &mut String) {
    if (1.0..2_958_466.0).contains(&f) {
        date(&ExcelDateTime::new(f, ExcelDateTimeType::DateTime, false), out);
    } else {
        number(f, out);
    }
}

/// Rows of a sheet, arriving cell by cell in row order, turned into a registry's text.
struct Builder<'l> {
    label: &'l str,
    sheet: &'l str,
    /// Rows seen before the header was found: (sheet row, cells as written).
    above: Vec<(u32, Vec<String>)>,
    header: Option<(u32, Vec<String>)>,
    roles: Vec<Role>,
    piece: Piece,
    row: Option<u32>,
    current: Vec<String>,
    filled: Vec<bool>,
    /// The current row has a value right of the last titled column.
    row_beyond: bool,
    empty_rows: u64,
    first_empty: Vec<u64>,
    beyond: u64,
    first_beyond: u64,
    /// The previous data row (to find empty rows between two).
    last_row: Option<u32>,
    nik_numbers: NikNumbers,
}

impl<'l> Builder<'l> {
    fn new(label: &'l str, sheet: &'l str) -> Builder<'l> {
        Builder {
            label,
            sheet,
            above: Vec::new(),
            header: None,
            roles: Vec::new(),
            piece: Piece::default(),
            row: None,
            current: Vec::new(),
            filled: Vec::new(),
            row_beyond: false,
            empty_rows: 0,
            first_empty: Vec::new(),
            beyond: 0,
            first_beyond: 0,
            last_row: None,
            nik_numbers: NikNumbers::default(),
        }
    }

    /// A cell at `(row, column)` (0-based sheet positions), in row order.
    fn cell(&mut self, row: u32, column: u32, value: &Value) -> Result<(), RegistryError> {
        if self.row != Some(row) {
            self.end_row()?;
            self.row = Some(row);
        }
        let column = column as usize;
        let width = match &self.header {
            Some((_, h)) => h.len(),
            None => MAX_COLUMNS,
        };
        if column >= width {
            if !value.is_blank() && self.header.is_some() {
                self.row_beyond = true;
            } else if self.header.is_none() {
                return Err(RegistryError::TooManyColumns {
                    path: self.label.to_owned(),
                    columns: column + 1,
                });
            }
            return Ok(());
        }
        if self.current.len() <= column {
            self.current.resize(column + 1, String::new());
            self.filled.resize(column + 1, false);
        }
        let role = self.roles.get(column).copied().unwrap_or(Role::Other);
        if role == Role::Nik {
            self.nik_numbers.saw(value, self.piece.len(), column);
        }
        let cell = &mut self.current[column];
        cell.clear();
        value.write(role, cell);
        self.filled[column] = !value.is_blank();
        Ok(())
    }

    fn end_row(&mut self) -> Result<(), RegistryError> {
        let Some(row) = self.row.take() else { return Ok(()) };
        let mut cells = std::mem::take(&mut self.current);
        let filled = std::mem::take(&mut self.filled);
        let beyond = std::mem::take(&mut self.row_beyond);
        if !filled.iter().any(|f| *f) {
            if self.header.is_some() {
                self.note_empty(row);
            }
            return Ok(());
        }
        match self.header.as_ref().map(|(_, h)| h.len()) {
            None => {
                if names_every_required_column(&cells) {
                    self.found_header(row, cells);
                } else if self.above.len() < HEADER_SEARCH {
                    self.above.push((row, cells));
                } else {
                    return Err(self.no_header());
                }
            }
            Some(width) => {
                // rows between the last one and this one had no cells at all
                if let Some(last) = self.last_row {
                    for skipped in last + 1..row {
                        self.note_empty(skipped);
                    }
                }
                if beyond {
                    if self.beyond == 0 {
                        self.first_beyond = u64::from(row) + 1;
                    }
                    self.beyond += 1;
                }
                // (a cell holds at most 32.767 characters, a row up to a thousand of them)
                if cells.iter().map(String::len).sum::<usize>() > MAX_ROW_BYTES {
                    return Err(RegistryError::SheetRowTooLong {
                        path: self.label.to_owned(),
                        sheet: self.sheet.to_owned(),
                        row: u64::from(row) + 1,
                    });
                }
                cells.resize(width, String::new());
                self.piece.push_row(cells.iter().map(String::as_str));
                self.last_row = Some(row);
            }
        }
        Ok(())
    }

    fn note_empty(&mut self, row: u32) {
        self.empty_rows += 1;
        if self.first_empty.len() < NAMED_EMPTY_ROWS {
            self.first_empty.push(u64::from(row) + 1);
        }
    }

    fn found_header(&mut self, row: u32, mut cells: Vec<String>) {
        while cells.last().is_some_and(|c| c.trim().is_empty()) {
            cells.pop();
        }
        // a column without a title still has a name: its letter
        for (i, c) in cells.iter_mut().enumerate() {
            if c.trim().is_empty() {
                *c = format!("kolom_{}", column_letters(i));
            }
        }
        self.roles = cells
            .iter()
            .map(|c| {
                let n = normalise_header(c);
                if Field::Nik.aliases().contains(&n.as_str()) {
                    Role::Nik
                } else if Field::BirthDate.aliases().contains(&n.as_str()) {
                    Role::BirthDate
                } else {
                    Role::Other
                }
            })
            .collect();
        self.header = Some((row, cells));
        self.last_row = Some(row);
    }

    /// No header in the rows searched: the best candidate is named with what it lacks.
    fn no_header(&self) -> RegistryError {
        let best = self
            .above
            .iter()
            .rev()
            .max_by_key(|(_, cells)| required_named(cells))
            .map(|(_, cells)| cells.clone());
        match best {
            Some(cells) => match super::map_columns(self.label, &cells) {
                Err(e) => e,
                Ok(_) => RegistryError::Empty(self.label.to_owned()),
            },
            None => RegistryError::Empty(self.label.to_owned()),
        }
    }

    fn finish(
        mut self,
        kind: SheetKind,
        sheet: &str,
        others: Vec<String>,
    ) -> Result<(Vec<String>, Records, Format), RegistryError> {
        self.end_row()?;
        let Some((row, header)) = self.header.take() else {
            return Err(self.no_header());
        };
        let mut structure = Vec::new();
        if !others.is_empty() {
            structure.push(StructureWarning::SheetChosen { sheet: sheet.to_owned(), others });
        }
        if row > 0 {
            structure.push(StructureWarning::HeaderBelow { row: u64::from(row) + 1 });
        }
        if self.empty_rows > 0 {
            structure.push(StructureWarning::EmptyRows { count: self.empty_rows, first: self.first_empty });
        }
        if self.beyond > 0 {
            structure
                .push(StructureWarning::CellsBeyondHeader { rows: self.beyond, first: self.first_beyond });
        }
        let mut piece = self.nik_numbers.settle(self.piece);
        piece.close();
        let records = Records {
            cells: Cells::from_pieces(vec![piece]),
            problems: Vec::new(),
            encoding: Vec::new(),
            structure,
        };
        Ok((header, records, Format::Sheet { kind, header_row: row + 1 }))
    }
}

/// How many required fields a row names.
fn required_named(cells: &[String]) -> usize {
    let names: Vec<String> = cells.iter().map(|c| normalise_header(c)).collect();
    Field::REQUIRED.len() - Field::missing(&names).len()
}

fn names_every_required_column(cells: &[String]) -> bool {
    required_named(cells) == Field::REQUIRED.len()
}

/// `0` → `A`, `27` → `AB`.
fn column_letters(mut i: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// Reads sheet `wanted` (or the first visible worksheet) of a workbook.
pub(super) fn read_sheet(
    label: &str,
    bytes: &[u8],
    kind: SheetKind,
    wanted: Option<&str>,
) -> Result<(Vec<String>, Records, Format), RegistryError> {
    let bad = |reason: String| RegistryError::Sheet { path: label.to_owned(), reason };
    if kind != SheetKind::Xls {
        check_unpacked_size(bytes).map_err(bad)?;
    }
    let cursor = Cursor::new(bytes);
    match kind {
        SheetKind::Xlsx => {
            let mut book = calamine::open_workbook_from_rs::<calamine::Xlsx<_>, _>(cursor)
                .map_err(|e| bad(e.to_string()))?;
            let (sheet, others) = choose(label, book.sheets_metadata(), wanted)?;
            let mut cells = book.worksheet_cells_reader(&sheet).map_err(|e| bad(e.to_string()))?;
            // the sheet's XML is unpacked and read on this thread while the cells read are
            // put in rows on another, a batch at a time
            let builder = std::thread::scope(|scope| {
                let (full, batches) = std::sync::mpsc::sync_channel::<Batch>(2);
                let (give_back, emptied) = std::sync::mpsc::channel::<Batch>();
                let sheet = sheet.as_str();
                let building = scope.spawn(move || -> Result<Builder<'_>, RegistryError> {
                    let mut builder = Builder::new(label, sheet);
                    for mut batch in batches {
                        for (row, column, cell) in &batch.cells {
                            builder.cell(*row, *column, &cell.value(&batch.text))?;
                        }
                        batch.text.clear();
                        batch.cells.clear();
                        let _ = give_back.send(batch);
                    }
                    Ok(builder)
                });
                let mut batch = Batch::default();
                let read = loop {
                    let cell = match cells.next_cell() {
                        Ok(Some(cell)) => cell,
                        Ok(None) => break Ok(()),
                        Err(e) => break Err(bad(e.to_string())),
                    };
                    let (row, column) = cell.get_position();
                    batch.push(row, column, cell.get_value());
                    if batch.cells.len() == BATCH {
                        let next = emptied.try_recv().unwrap_or_default();
                        // (refused: the rows stopped at a cell before this one, and say why)
                        if full.send(std::mem::replace(&mut batch, next)).is_err() {
                            break Ok(());
                        }
                    }
                };
                // the cells before one calamine cannot read are put in rows first: a row's
                // refusal among them comes first, as it would read one cell at a time
                let _ = full.send(batch);
                drop(full);
                let built = building.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
                read.map(|()| built)
            })?;
            drop(cells);
            builder.finish(kind, &sheet, others)
        }
        SheetKind::Xlsb => {
            let mut book = calamine::open_workbook_from_rs::<calamine::Xlsb<_>, _>(cursor)
                .map_err(|e| bad(e.to_string()))?;
            let (sheet, others) = choose(label, book.sheets_metadata(), wanted)?;
            let range = book.worksheet_range(&sheet).map_err(|e| bad(e.to_string()))?;
            from_range(label, &range, kind, &sheet, others)
        }
        SheetKind::Xls => {
            let mut book = calamine::open_workbook_from_rs::<calamine::Xls<_>, _>(cursor)
                .map_err(|e| bad(e.to_string()))?;
            let (sheet, others) = choose(label, book.sheets_metadata(), wanted)?;
            let range = book.worksheet_range(&sheet).map_err(|e| bad(e.to_string()))?;
            from_range(label, &range, kind, &sheet, others)
        }
        SheetKind::Ods => {
            let mut book = calamine::open_workbook_from_rs::<calamine::Ods<_>, _>(cursor)
                .map_err(|e| bad(e.to_string()))?;
            let (sheet, others) = choose(label, book.sheets_metadata(), wanted)?;
            let range = book.worksheet_range(&sheet).map_err(|e| bad(e.to_string()))?;
            from_range(label, &range, kind, &sheet, others)
        }
    }
}

/// Cells handed from the thread reading a sheet to the one putting them in rows at a time.
const BATCH: usize = 1 << 16;

/// Cells read from a sheet, their texts in one buffer.
#[derive(Default)]
struct Batch {
    text: String,
    cells: Vec<(u32, u32, Held)>,
}

/// A cell's value in a [`Batch`] (a text as where it is in the batch's buffer).
enum Held {
    Text(u32, u32),
    Int(i64),
    Float(f64),
    Bool(bool),
    Date(ExcelDateTime),
    Iso(u32, u32),
    Error(String),
    Empty,
}

impl Batch {
    fn push(&mut self, row: u32, column: u32, data: &DataRef<'_>) {
        let mut text = |s: &str| {
            let start = self.text.len() as u32;
            self.text.push_str(s);
            (start, self.text.len() as u32)
        };
        let held = match data {
            DataRef::String(s) => {
                let (a, b) = text(s);
                Held::Text(a, b)
            }
            DataRef::SharedString(s) => {
                let (a, b) = text(s);
                Held::Text(a, b)
            }
            DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
                let (a, b) = text(s);
                Held::Iso(a, b)
            }
            DataRef::Int(i) => Held::Int(*i),
            DataRef::Float(f) => Held::Float(*f),
            DataRef::Bool(b) => Held::Bool(*b),
            DataRef::DateTime(d) => Held::Date(*d),
            DataRef::Error(e) => Held::Error(e.to_string()),
            DataRef::Empty => Held::Empty,
        };
        self.cells.push((row, column, held));
    }
}

impl Held {
    /// The value, its text in `text`.
    fn value<'t>(&'t self, text: &'t str) -> Value<'t> {
        let at = |a: u32, b: u32| text.get(a as usize..b as usize).unwrap_or("");
        match self {
            Held::Text(a, b) => Value::Text(at(*a, *b)),
            Held::Iso(a, b) => Value::Iso(at(*a, *b)),
            Held::Int(i) => Value::Int(*i),
            Held::Float(f) => Value::Float(*f),
            Held::Bool(b) => Value::Bool(*b),
            Held::Date(d) => Value::Date(*d),
            Held::Error(e) => Value::Error(e.clone()),
            Held::Empty => Value::Empty,
        }
    }
}

fn from_range(
    label: &str,
    range: &calamine::Range<Data>,
    kind: SheetKind,
    sheet: &str,
    others: Vec<String>,
) -> Result<(Vec<String>, Records, Format), RegistryError> {
    let mut builder = Builder::new(label, sheet);
    for (row, column, data) in range.used_cells() {
        let (r0, c0) = range.start().unwrap_or((0, 0));
        builder.cell(r0 + row as u32, c0 + column as u32, &Value::of(data))?;
    }
    builder.finish(kind, sheet, others)
}

/// The sheet to read, and the workbook's other worksheets.
fn choose(
    label: &str,
    sheets: &[calamine::Sheet],
    wanted: Option<&str>,
) -> Result<(String, Vec<String>), RegistryError> {
    let worksheets: Vec<&calamine::Sheet> = sheets.iter().filter(|s| s.typ == SheetType::WorkSheet).collect();
    let chosen = match wanted {
        Some(name) => worksheets
            .iter()
            .find(|s| s.name == name)
            .or_else(|| worksheets.iter().find(|s| s.name.trim().eq_ignore_ascii_case(name.trim())))
            .ok_or_else(|| RegistryError::NoSheet {
                path: label.to_owned(),
                sheet: name.to_owned(),
                sheets: worksheets.iter().map(|s| s.name.clone()).collect(),
            })?,
        None => worksheets
            .iter()
            .find(|s| s.visible == SheetVisible::Visible)
            .or(worksheets.first())
            .ok_or_else(|| RegistryError::Empty(label.to_owned()))?,
    };
    let others = worksheets.iter().filter(|s| s.name != chosen.name).map(|s| s.name.clone()).collect();
    Ok((chosen.name.clone(), others))
}

/// A workbook is a zip: what its parts claim to unpack to is checked before any is read.
fn check_unpacked_size(bytes: &[u8]) -> Result<(), String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| e.to_string())?;
        total = total.saturating_add(entry.size());
    }
    if total > MAX_UNPACKED {
        return Err(format!("it unpacks to {total} bytes, more than the {MAX_UNPACKED} a registry may"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(v: Value, role: Role) -> String {
        let mut s = String::new();
        v.write(role, &mut s);
        s
    }

    #[test]
    fn cells_are_written_as_a_person_reads_them() {
        assert_eq!(written(Value::Float(3.0), Role::Other), "3");
        assert_eq!(written(Value::Float(0.25), Role::Other), "0.25");
        assert_eq!(written(Value::Int(7), Role::Other), "7");
        assert_eq!(written(Value::Bool(true), Role::Other), "TRUE");
        assert_eq!(written(Value::Iso("2022-10-01T00:00:00"), Role::Other), "2022-10-01");
        // 1980-03-12 is serial 29292 in the 1900 system
        let d = ExcelDateTime::new(29292.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(written(Value::Date(d), Role::BirthDate), "1980-03-12");
        assert_eq!(written(Value::Int(29292), Role::BirthDate), "1980-03-12");
        assert_eq!(written(Value::Float(29292.5), Role::Other), "29292.5");
        // a NIK number of 16 digits is written whole (the sheet decides about a final 0)
        assert_eq!(written(Value::Float(6409041911842725.0), Role::Nik), "6409041911842725");
        assert_eq!(written(Value::Float(6.4081e15), Role::Nik), "6408100000000000");
        assert_eq!(written(Value::Float(640904191184272.0), Role::Nik), "6.40904191184272E14");
        assert!(super::super::nik::parse("6.40904191184272E15").is_err());
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(27), "AB");
    }

    fn piece(niks: &[&str]) -> Piece {
        let mut p = Piece::default();
        for n in niks {
            p.push_row([*n, "x"]);
        }
        p
    }

    #[test]
    fn nik_numbers_ending_in_zero_are_trusted_only_when_the_sheet_shows_all_digits_kept() {
        let niks = ["6409041911842720", "6409041911842730"];
        let cut = |exact: Option<f64>| {
            let mut seen = NikNumbers::default();
            for (r, n) in niks.iter().enumerate() {
                seen.saw(&Value::Float(n.parse().expect("digits")), r, 0);
            }
            if let Some(f) = exact {
                seen.saw(&Value::Float(f), 2, 0);
            }
            let mut p = seen.settle(piece(&niks));
            p.close();
            (0..2).map(|r| p.get(r, 0).expect("cell").to_owned()).collect::<Vec<_>>()
        };
        // every NIK number ends in 0: cut by a spreadsheet, written so it reads as invalid
        assert_eq!(cut(None), ["6.40904191184272E15", "6.40904191184273E15"]);
        // one ends in 5: this writer kept all 16 digits, so the zeros are real
        assert_eq!(cut(Some(6409041911842745.0)), niks);
        // text is no evidence either way
        let mut seen = NikNumbers::default();
        seen.saw(&Value::Text("6409041911842745"), 0, 0);
        assert!(!seen.exact && seen.ending_in_zero.is_empty());
    }
}
