//! Registries of candidate workers: reading them as regions export them, and validating
//! every row.
//!
//! CSV (UTF-8 with or without BOM, `,` or `;` separated, CRLF or LF) and JSON Lines. Column
//! names are matched case-insensitively, with Indonesian aliases (`nama`, `tanggal_lahir`,
//! `jenis_kelamin`, `pekerjaan`, `kode_wilayah`, ...); every other column is kept as an
//! attribute. A missing required column refuses the whole registry. A bad *value* never
//! drops a row: the row becomes [`Invalid`], naming the field and the reason.

mod delimited;
pub mod gather;
mod hashed;
mod jsonl;
mod kept;
pub mod nik;
mod person;
pub mod personal;
pub mod postgres;
pub mod rows;
pub mod salt;
mod sheet;
mod structure;
pub mod values;

use std::path::Path;

use crate::catalog::Catalog;
use crate::digest::sha256_hex;
pub use nik::Nik;
pub use person::{Person, PersonFields};
pub use rows::Rows;
pub use sheet::SheetKind;
pub use structure::StructureWarning;
pub use values::{NikStatus, Sex};

/// A column jaring interprets, with the names regions give it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Nik,
    Name,
    BirthDate,
    Sex,
    Occupation,
    Domicile,
    PovertyDecile,
    AlreadyCovered,
    CivilServant,
    Student,
    NikStatus,
    DecreeNumber,
    Proposer,
    /// The *kecamatan* by name, where no domicile code is given.
    District,
    /// The *kelurahan/desa* by name, where no domicile code is given.
    Village,
}

impl Field {
    pub const REQUIRED: [Field; 6] =
        [Field::Nik, Field::Name, Field::BirthDate, Field::Sex, Field::Occupation, Field::Domicile];
    pub const OPTIONAL: [Field; 9] = [
        Field::PovertyDecile,
        Field::AlreadyCovered,
        Field::CivilServant,
        Field::Student,
        Field::NikStatus,
        Field::DecreeNumber,
        Field::Proposer,
        Field::District,
        Field::Village,
    ];

    /// The required fields `names` (normalised column names) lack. A domicile may be given
    /// as a code or as a district and/or village by name.
    pub fn missing(names: &[String]) -> Vec<Field> {
        let has = |f: Field| names.iter().any(|n| f.aliases().contains(&n.as_str()));
        Field::REQUIRED
            .into_iter()
            .filter(|f| !has(*f) && !(*f == Field::Domicile && (has(Field::District) || has(Field::Village))))
            .collect()
    }

    /// The field jaring writes as `name` in its outputs.
    pub fn by_name(name: &str) -> Option<Field> {
        Field::REQUIRED.into_iter().chain(Field::OPTIONAL).find(|f| f.name() == name)
    }

    /// The name jaring uses (and writes in outputs).
    pub fn name(self) -> &'static str {
        self.aliases()[0]
    }

    /// The field in words (`birth date` / `tanggal lahir`).
    pub fn words(self) -> crate::i18n::Msg {
        crate::i18n::Msg::new(match self {
            Field::Nik => "field-nik",
            Field::Name => "field-name",
            Field::BirthDate => "field-birth-date",
            Field::Sex => "field-sex",
            Field::Occupation => "field-occupation",
            Field::Domicile => "field-domicile",
            Field::PovertyDecile => "field-poverty-decile",
            Field::AlreadyCovered => "field-already-covered",
            Field::CivilServant => "field-civil-servant",
            Field::Student => "field-student",
            Field::NikStatus => "field-nik-status",
            Field::DecreeNumber => "field-decree-number",
            Field::Proposer => "field-proposer",
            Field::District => "field-district",
            Field::Village => "field-village",
        })
    }

    /// The applicant attribute a plugin receives this field as, if it receives it.
    pub fn plugin_attribute(self) -> Option<&'static str> {
        match self {
            Field::Occupation => Some("applicant.occupation"),
            Field::Domicile => Some("applicant.domicile"),
            Field::PovertyDecile => Some("applicant.poverty-decile"),
            Field::DecreeNumber => Some("applicant.decree-number"),
            Field::Proposer => Some("applicant.proposer"),
            Field::BirthDate => Some("applicant.birth-date"),
            Field::Sex => Some("applicant.sex"),
            Field::Nik
            | Field::Name
            | Field::AlreadyCovered
            | Field::CivilServant
            | Field::Student
            | Field::NikStatus
            | Field::District
            | Field::Village => None,
        }
    }

    /// Accepted column names, normalised (lowercase, `_` for spaces, dashes and dots).
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Nik => &["nik", "no_nik", "nomor_nik", "nomor_induk_kependudukan", "no_ktp", "nomor_ktp"],
            Field::Name => &["name", "nama", "nama_lengkap", "full_name"],
            Field::BirthDate => {
                &["birth_date", "tanggal_lahir", "tgl_lahir", "date_of_birth", "tanggal_lahir_ktp"]
            }
            Field::Sex => &["sex", "jenis_kelamin", "jk", "gender", "kelamin"],
            Field::Occupation => &["occupation", "pekerjaan", "jenis_pekerjaan", "profesi"],
            Field::Domicile => &[
                "domicile",
                "kode_wilayah",
                "domisili",
                "kode_domisili",
                "kode_desa",
                "kode_kelurahan",
                "kode_desa_kelurahan",
            ],
            Field::PovertyDecile => &["poverty_decile", "desil", "desil_kesejahteraan", "decile"],
            Field::AlreadyCovered => &[
                "already_covered",
                "sudah_terdaftar_bpjs",
                "peserta_bpjs",
                "terdaftar_bpjs",
                "status_bpjs",
                "bpjs_tk",
            ],
            Field::CivilServant => &["civil_servant", "asn", "pns", "status_asn"],
            Field::Student => &["student", "pelajar", "status_pelajar", "pelajar_mahasiswa"],
            Field::NikStatus => &["nik_status", "status_nik", "status_kependudukan"],
            Field::DecreeNumber => &["decree_number", "nomor_sk", "no_sk", "nomor_surat", "sk"],
            Field::Proposer => &["proposer", "pengusul", "diusulkan_oleh"],
            Field::District => &["district", "kecamatan", "nama_kecamatan", "kec"],
            Field::Village => &[
                "village",
                "desa_kelurahan",
                "kelurahan_desa",
                "desa/kelurahan",
                "kelurahan/desa",
                "desa",
                "kelurahan",
                "nama_desa",
                "nama_kelurahan",
            ],
        }
    }
}

/// `Tanggal Lahir` → `tanggal_lahir`; byte-order marks, wherever a spreadsheet left them,
/// are dropped. The one way a column name is compared (the log's readers use it too).
pub fn normalise_header(name: &str) -> String {
    let spaced = name.replace('\u{feff}', "").trim().to_lowercase().replace([' ', '-', '.'], "_");
    // `Desa / Kelurahan`, `Tanggal  Lahir`: one `_` between words, none around a `/`
    let mut out = String::with_capacity(spaced.len());
    for c in spaced.chars() {
        if c == '_' && (out.ends_with('_') || out.ends_with('/') || out.is_empty()) {
            continue;
        }
        if c == '/' && out.ends_with('_') {
            out.pop();
        }
        out.push(c);
    }
    while out.ends_with('_') {
        out.pop();
    }
    out
}

/// Where each interpreted field is, and which columns are attributes.
#[derive(Clone, Debug)]
pub struct Columns {
    /// Column index of each field present.
    index: Vec<(Field, usize)>,
    /// Other columns: (index, name as written).
    pub attributes: Vec<(usize, String)>,
}

impl Columns {
    pub fn get(&self, field: Field) -> Option<usize> {
        self.index.iter().find(|(f, _)| *f == field).map(|(_, i)| *i)
    }

    pub fn has(&self, field: Field) -> bool {
        self.get(field).is_some()
    }
}

/// A row that could not be read, and why.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Invalid {
    /// The field's name (`nik`, `birth_date`, ...) or `row` for the row as a whole.
    pub field: &'static str,
    pub reason: crate::i18n::Msg,
}

/// Something suspicious about a valid row, recorded but not held against it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowWarning {
    /// The NIK's date part differs from the birth date column.
    NikBirthDate,
    /// The NIK says woman (day + 40) but the sex column says otherwise, or the reverse.
    NikSex,
    /// The NIK's regency is not a current code.
    NikRegency,
    /// The domicile code was written without dots and was read as dotted.
    DomicileWithoutDots,
}

impl RowWarning {
    pub fn code(self) -> &'static str {
        match self {
            RowWarning::NikBirthDate => "nik-birth-date-mismatch",
            RowWarning::NikSex => "nik-sex-mismatch",
            RowWarning::NikRegency => "nik-former-region",
            RowWarning::DomicileWithoutDots => "domicile-without-dots",
        }
    }

    pub const ALL: [RowWarning; 4] = [
        RowWarning::NikBirthDate,
        RowWarning::NikSex,
        RowWarning::NikRegency,
        RowWarning::DomicileWithoutDots,
    ];

    pub fn parse(code: &str) -> Option<RowWarning> {
        RowWarning::ALL.into_iter().find(|w| w.code() == code)
    }

    /// The warning in words.
    pub fn words(self) -> crate::i18n::Msg {
        match self {
            RowWarning::NikBirthDate => crate::msg!("row-warning-nik-birth-date"),
            RowWarning::NikSex => crate::msg!("row-warning-nik-sex"),
            RowWarning::NikRegency => crate::msg!("row-warning-nik-regency"),
            RowWarning::DomicileWithoutDots => crate::msg!("row-warning-domicile-without-dots"),
        }
    }
}

/// The warnings of a row: a set of [`RowWarning`]s, listed in the order of
/// [`RowWarning::ALL`] (one byte, where a list would cost a pointer and an allocation on
/// every row of a million).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RowWarnings(u8);

impl RowWarnings {
    /// How many bits the warnings take ([`Person`] packs them).
    pub const BITS: usize = RowWarning::ALL.len();

    pub fn insert(&mut self, w: RowWarning) {
        self.0 |= 1 << (w as u8);
    }

    /// The set as bits, to be packed.
    pub(crate) fn bits(self) -> u8 {
        self.0
    }

    /// The set of bits [`RowWarnings::bits`] gave.
    pub(crate) fn of_bits(bits: u8) -> RowWarnings {
        RowWarnings(bits)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The warnings, in the order of [`RowWarning::ALL`].
    pub fn iter(self) -> impl Iterator<Item = RowWarning> {
        RowWarning::ALL.into_iter().filter(move |w| self.0 & (1 << (*w as u8)) != 0)
    }
}

/// The yes/no columns of a row (each yes, no or not said) and the NIK's status, in one byte:
/// two bits each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Marks(u8);

impl Marks {
    pub fn new(
        already_covered: Option<bool>,
        civil_servant: Option<bool>,
        student: Option<bool>,
        nik_status: NikStatus,
    ) -> Marks {
        let said = |b: Option<bool>| match b {
            None => 0u8,
            Some(false) => 1,
            Some(true) => 2,
        };
        let status = match nik_status {
            NikStatus::Active => 0u8,
            NikStatus::Inactive => 1,
            NikStatus::Deceased => 2,
        };
        Marks(said(already_covered) | said(civil_servant) << 2 | said(student) << 4 | status << 6)
    }

    /// The byte, to be packed ([`Person`]).
    pub(crate) fn bits(self) -> u8 {
        self.0
    }

    /// The marks of a byte [`Marks::bits`] gave.
    pub(crate) fn of_bits(bits: u8) -> Marks {
        Marks(bits)
    }

    fn said(self, at: u8) -> Option<bool> {
        match (self.0 >> at) & 0b11 {
            0 => None,
            1 => Some(false),
            _ => Some(true),
        }
    }

    pub fn already_covered(self) -> Option<bool> {
        self.said(0)
    }

    pub fn civil_servant(self) -> Option<bool> {
        self.said(2)
    }

    pub fn student(self) -> Option<bool> {
        self.said(4)
    }

    pub fn nik_status(self) -> NikStatus {
        match self.0 >> 6 {
            0 => NikStatus::Active,
            1 => NikStatus::Inactive,
            _ => NikStatus::Deceased,
        }
    }
}

/// One registry row, as read. What was written is in [`Registry::cells`].
#[derive(Clone, Debug)]
pub struct Row {
    /// (An invalid row's reason is held apart, and shared by the rows of one window read on
    /// one thread that have the same reason: valid rows are most, and a row costs 16 bytes
    /// less for it; the error case takes the room a person never leaves zero.) A row's
    /// number is its index in `Registry::rows` plus one ([`number`]): 16 bytes a row, not 40.
    pub read: Result<Person, std::sync::Arc<Invalid>>,
}

const _: () = assert!(std::mem::size_of::<Row>() <= 16);

/// The 1-based number of row `i` among the data rows (the header is not counted).
pub fn number(i: usize) -> u32 {
    // (a registry has fewer than 2³² rows: the reader refuses more)
    u32::try_from(i + 1).unwrap_or(u32::MAX)
}

/// The registry's text, as written, in the pieces it was read in: every row's, a window of
/// rows (`first` onwards), or of every row only the columns a decision reads
/// (a streamed run re-reads the rest when it writes).
#[derive(Clone, Debug, Default)]
pub struct Cells {
    pieces: Vec<Piece>,
    /// Index of the first row of each piece.
    first_row: Vec<usize>,
    /// Index of the first row.
    first: usize,
    rows: usize,
    /// When not every column is held: the columns that are (and no pieces).
    kept: Option<Box<kept::Kept>>,
}

impl Cells {
    fn from_pieces(pieces: Vec<Piece>) -> Cells {
        Cells::from_pieces_at(pieces, 0)
    }

    /// Rows `first..` in `pieces`.
    pub fn from_pieces_at(pieces: Vec<Piece>, first: usize) -> Cells {
        let mut first_row = Vec::with_capacity(pieces.len());
        let mut rows = 0;
        for p in &pieces {
            first_row.push(first + rows);
            rows += p.len();
        }
        Cells { pieces, first_row, first, rows, kept: None }
    }

    /// `rows` rows of which only some columns are held, in `kept`.
    fn projected(kept: kept::Kept, rows: usize) -> Cells {
        Cells { rows, kept: Some(Box::new(kept)), ..Cells::default() }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.rows
    }

    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// Index of the first row.
    pub fn first(&self) -> usize {
        self.first
    }

    /// Whether every column of the rows is held.
    pub fn whole(&self) -> bool {
        self.kept.is_none()
    }

    /// Whether column `column` of the rows is held.
    pub fn holds(&self, column: usize) -> bool {
        self.kept.as_ref().is_none_or(|kept| kept.holds(column))
    }

    fn locate(&self, row: usize) -> Option<(&Piece, usize)> {
        let piece = self.first_row.partition_point(|f| *f <= row).checked_sub(1)?;
        Some((&self.pieces[piece], row - self.first_row[piece]))
    }

    /// Field `column` of row `row` (0-based), or `None` if the row is shorter (or the column
    /// is not held).
    pub fn get(&self, row: usize, column: usize) -> Option<&str> {
        if let Some(kept) = &self.kept {
            return kept.get(row.checked_sub(self.first)?, column);
        }
        let (piece, row) = self.locate(row)?;
        piece.get(row, column)
    }

    /// The cells of rows `rows` (ascending), as [`Picked::get`] reads them: a streamed
    /// registry's kept values are read from their spill for them.
    pub fn pick(&self, rows: &[u32]) -> std::io::Result<Picked<'_>> {
        match &self.kept {
            Some(kept) if self.first == 0 => Ok(Picked::Kept(kept.pick(rows)?)),
            _ => Ok(Picked::Whole(self, rows.to_vec())),
        }
    }

    /// A reader of rows' cells in (mostly) ascending order (a streamed registry's kept
    /// values read from their spill a block at a time).
    pub fn reader(&self) -> CellReader<'_> {
        match &self.kept {
            Some(kept) if self.first == 0 => CellReader::Kept(kept.reader()),
            _ => CellReader::Whole(self),
        }
    }

    /// Row `row`'s cells, its place found once for the many columns read of it.
    pub fn at(&self, row: usize) -> RowCells<'_> {
        let piece = if self.kept.is_none() { self.locate(row) } else { None };
        RowCells { cells: self, piece, row }
    }

    /// Every field of a row (of a whole registry or window).
    pub fn row(&self, row: usize) -> impl Iterator<Item = &str> {
        debug_assert!(self.kept.is_none(), "a projection has not every field of a row");
        self.locate(row).into_iter().flat_map(|(piece, row)| piece.row(row))
    }
}

/// Some rows' cells ([`Cells::pick`]).
pub enum Picked<'a> {
    Whole(&'a Cells, Vec<u32>),
    Kept(kept::Picked<'a>),
}

impl<'a> Picked<'a> {
    /// Column `column` of the `k`th row picked.
    pub fn get(&self, k: usize, column: usize) -> Option<&'a str> {
        match self {
            Picked::Whole(cells, rows) => cells.get(*rows.get(k)? as usize, column),
            Picked::Kept(kept) => kept.get(k, column),
        }
    }
}

/// Reads rows' cells in (mostly) ascending order ([`Cells::reader`]).
pub enum CellReader<'a> {
    Whole(&'a Cells),
    Kept(kept::Reader<'a>),
}

impl<'a> CellReader<'a> {
    /// Column `column` of row `row`.
    pub fn get(&mut self, row: usize, column: usize) -> Option<&'a str> {
        match self {
            CellReader::Whole(cells) => cells.get(row, column),
            CellReader::Kept(kept) => kept.get(row, column),
        }
    }

    /// Whether every spilled block read could be.
    pub fn finish(self) -> std::io::Result<()> {
        match self {
            CellReader::Whole(_) => Ok(()),
            CellReader::Kept(kept) => kept.finish(),
        }
    }
}

/// One row of [`Cells`] ([`Cells::at`]).
pub struct RowCells<'a> {
    cells: &'a Cells,
    /// The piece holding the row and the row's place in it, when every column is held.
    piece: Option<(&'a Piece, usize)>,
    row: usize,
}

impl<'a> RowCells<'a> {
    /// Field `column` ([`Cells::get`] of this row).
    pub fn get(&self, column: usize) -> Option<&'a str> {
        match self.piece {
            Some((piece, row)) => piece.get(row, column),
            None => self.cells.get(self.row, column),
        }
    }
}

/// Some rows' text: every field in one buffer.
#[derive(Clone, Debug, Default)]
pub struct Piece {
    text: String,
    /// Byte offset of each row's first field in `text`.
    row_start: Vec<usize>,
    /// Index in `ends` of each row's first field; one extra entry closes the last row.
    row_fields: Vec<usize>,
    /// End of each field, relative to its row's start.
    ends: Vec<u32>,
}

impl Piece {
    /// An empty piece with room for `bytes` of text, `rows` rows and `fields` fields.
    pub fn with_capacity(bytes: usize, rows: usize, fields: usize) -> Piece {
        Piece {
            text: String::with_capacity(bytes),
            row_start: Vec::with_capacity(rows),
            row_fields: Vec::with_capacity(rows + 1),
            ends: Vec::with_capacity(fields),
        }
    }

    pub fn push_row<'a>(&mut self, fields: impl IntoIterator<Item = &'a str>) {
        let start = self.text.len();
        self.row_start.push(start);
        self.row_fields.push(self.ends.len());
        for f in fields {
            self.text.push_str(f);
            self.ends.push(u32::try_from(self.text.len() - start).unwrap_or(u32::MAX));
        }
    }

    /// Adds a row given as its fields written one after the other (`joined`) and where each
    /// field ends in it, ascending: the text is copied once, not field by field.
    pub fn push_joined(&mut self, joined: &str, ends: impl IntoIterator<Item = usize>) {
        let start = self.text.len();
        self.row_start.push(start);
        self.row_fields.push(self.ends.len());
        self.text.push_str(joined);
        let most = joined.len();
        self.ends.extend(ends.into_iter().map(|end| u32::try_from(end.min(most)).unwrap_or(u32::MAX)));
    }

    /// Adds a row given as a line and where each of its fields ends in it, ascending: each
    /// field but the last ends at a one-byte delimiter (an ASCII byte, so the fields are
    /// characters apart), which is not kept.
    pub fn push_split(&mut self, line: &str, bounds: &[usize]) {
        let start = self.text.len();
        self.row_start.push(start);
        self.row_fields.push(self.ends.len());
        let mut from = 0;
        for &end in bounds {
            self.text.push_str(line.get(from..end).unwrap_or(""));
            self.ends.push(u32::try_from(self.text.len() - start).unwrap_or(u32::MAX));
            from = end + 1;
        }
    }

    /// Ends the last row; call once, after the last `push_row`.
    pub fn close(&mut self) {
        self.row_fields.push(self.ends.len());
    }

    pub fn len(&self) -> usize {
        self.row_start.len()
    }

    pub fn is_empty(&self) -> bool {
        self.row_start.is_empty()
    }

    fn get(&self, row: usize, column: usize) -> Option<&str> {
        let first = *self.row_fields.get(row)?;
        let count = self.row_fields.get(row + 1)? - first;
        if column >= count {
            return None;
        }
        let base = self.row_start[row];
        let end = base + self.ends[first + column] as usize;
        let start = if column == 0 { base } else { base + self.ends[first + column - 1] as usize };
        self.text.get(start..end)
    }

    fn row(&self, row: usize) -> impl Iterator<Item = &str> {
        let (first, end) = match (self.row_fields.get(row), self.row_fields.get(row + 1)) {
            (Some(&first), Some(&end)) => (first, end),
            _ => (0, 0),
        };
        let text = self.row_start.get(row).and_then(|&base| self.text.get(base..)).unwrap_or("");
        let mut start = 0;
        self.ends[first..end].iter().filter_map(move |&end| {
            let field = text.get(start..end as usize);
            start = end as usize;
            field
        })
    }
}

/// How the registry was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv {
        delimiter: u8,
    },
    JsonLines,
    /// A workbook; its column titles were on sheet row `header_row` (1-based).
    Sheet {
        kind: SheetKind,
        header_row: u32,
    },
}

impl Format {
    /// How the log names the format: `csv (,)`, `jsonl`, `xlsx (header on row 3)`.
    pub fn name(self) -> String {
        match self {
            Format::Csv { delimiter } => format!("csv ({})", delimiter as char),
            Format::JsonLines => "jsonl".to_owned(),
            Format::Sheet { kind, header_row } => format!("{} (header on row {header_row})", kind.name()),
        }
    }

    /// The format a log names (the inverse of [`Format::name`]).
    pub fn parse(name: &str) -> Format {
        let mut words = name.split(' ');
        let first = words.next().unwrap_or("");
        if first == "jsonl" {
            return Format::JsonLines;
        }
        if let Some(kind) = SheetKind::parse(first) {
            let header_row =
                name.rsplit(' ').next().and_then(|n| n.trim_end_matches(')').parse().ok()).unwrap_or(1);
            return Format::Sheet { kind, header_row };
        }
        let delimiter = name.strip_prefix("csv (").and_then(|r| r.bytes().next()).unwrap_or(b',');
        Format::Csv { delimiter }
    }
}

/// A whole registry.
#[derive(Clone, Debug)]
pub struct Registry {
    /// Column names as written.
    pub header: Vec<String>,
    pub columns: Columns,
    pub rows: Rows,
    /// The rows that repeat an earlier row's NIK (index), with the first row that has it
    /// (number), by row: few, and kept beside the rows, which only say that they repeat
    /// ([`Person::repeats`]).
    pub repeated: Repeated,
    /// The fields as written: every one, or while a streamed run decides only those it
    /// reads (see [`Text`]).
    pub cells: Cells,
    pub format: Format,
    pub sha256: String,
    /// What looked wrong in the file's structure (every row was still read).
    pub structure: Vec<StructureWarning>,
    /// Where to find the text `cells` does not hold.
    pub text: Text,
}

/// Where a registry's text is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Text {
    /// `cells` holds every field.
    Held,
    /// `cells` holds only the columns a decision reads; this file (CSV or JSON Lines) is read again, in
    /// windows of about `window` bytes, to write the outputs ([`Registry::rewind`]). The salt
    /// key was taken while every cell was read.
    File { path: std::path::PathBuf, window: usize, salt_key: [u8; 32] },
    /// `cells` holds only the columns a decision reads; every field of every row is in the
    /// `input` of this decision log's records (`jaring replay` compares block by block).
    /// Outputs are not written from it, and the salt key is not known.
    Log { path: std::path::PathBuf },
}

/// A streamed registry's rows read again, every field, a window at a time
/// ([`Registry::rewind`]).
pub struct Rewound {
    again: Again,
    label: String,
    rows: usize,
    sha256: String,
}

/// The file a [`Rewound`] reads again, as the kind of file it is.
enum Again {
    Csv {
        windows: delimited::Windows<std::fs::File>,
        merger: delimited::Merger,
    },
    /// (`keys`: the header as it was read, complete; `window`: the window read last, and
    /// the runs of its rows not given yet)
    Json {
        windows: jsonl::LineWindows<std::fs::File>,
        keys: jsonl::Keys,
        window: Option<JsonWindow>,
    },
}

/// A JSON Lines window read again: its lines parsed, their keys as columns, its first row,
/// and the runs of its rows still to be made into cells ([`jsonl::runs`]).
struct JsonWindow {
    parsed: Vec<jsonl::Parsed>,
    maps: Vec<Vec<u16>>,
    first: usize,
    runs: std::collections::VecDeque<std::ops::Range<usize>>,
}

impl Rewound {
    /// The next window of rows (numbered as when they were first read); `None` after the
    /// last. The text must be what was decided on: a file that now holds other rows, or
    /// other bytes, is refused.
    pub fn next_window(&mut self) -> Result<Option<Cells>, RegistryError> {
        let changed = || RegistryError::Changed { path: self.label.clone() };
        let (pieces, first, rows, sha256) = match &mut self.again {
            Again::Csv { windows, merger } => match windows.next_window(merger)? {
                None => (None, 0, merger.rows(), windows.sha256()),
                Some(parsed) => {
                    let first = merger.rows();
                    let pieces = parsed
                        .into_iter()
                        .map(|p| merger.add(p).map(|taken| taken.0))
                        .collect::<Result<Vec<Piece>, _>>()?;
                    (Some(pieces), first, merger.rows(), [0; 32])
                }
            },
            Again::Json { windows, keys, window } => {
                if window.as_ref().is_none_or(|w| w.runs.is_empty()) {
                    *window = None;
                    match windows.next_window()? {
                        None => {}
                        Some(jsonl::Window::TooLong) => return Err(changed()),
                        Some(jsonl::Window::Lines(lines)) => {
                            let first = keys.rows;
                            let parsed = jsonl::parse_window(&lines, delimited::pieces());
                            drop(lines);
                            // (a key, or a line too long, that the first reading did not meet)
                            let Ok(Some(maps)) = keys.meet(&self.label, &parsed) else {
                                return Err(changed());
                            };
                            let runs = jsonl::runs(keys.rows - first, keys.header.len()).into();
                            *window = Some(JsonWindow { parsed, maps, first, runs });
                        }
                    }
                }
                match window {
                    None => (None, 0, keys.rows, windows.sha256()),
                    Some(w) => {
                        let run = w.runs.pop_front().unwrap_or(0..0);
                        let start = w.first + run.start;
                        let (pieces, ..) = jsonl::cells(&w.parsed, &w.maps, keys.header.len(), w.first, run);
                        (Some(pieces), start, keys.rows, [0; 32])
                    }
                }
            }
        };
        let Some(pieces) = pieces else {
            if rows != self.rows || crate::digest::hex(&sha256) != self.sha256 {
                return Err(changed());
            }
            return Ok(None);
        };
        if rows > self.rows {
            return Err(changed());
        }
        Ok(Some(Cells::from_pieces_at(pieces, first)))
    }
}

impl Registry {
    /// The number of the first row with row `i`'s NIK, if row `i` repeats it.
    pub fn duplicate_of(&self, i: usize) -> Option<std::num::NonZeroU32> {
        self.repeated.first_of(i)
    }

    /// The key of the decision log's record salts ([`salt`]): of the cells held, or taken
    /// while a streamed registry was read; not known of a registry read back from a log.
    pub fn salt_key(&self) -> Option<[u8; 32]> {
        match &self.text {
            Text::Held => Some(salt::SaltKey::of(&self.cells)),
            Text::File { salt_key, .. } => Some(*salt_key),
            Text::Log { .. } => None,
        }
    }

    /// The rows again, every field, a window at a time, when `cells` does not hold them all
    /// (`None` when it does).
    pub fn rewind(&self) -> Result<Option<Rewound>, RegistryError> {
        let (path, window) = match &self.text {
            Text::Held => return Ok(None),
            Text::File { path, window, .. } => (path, window),
            Text::Log { path } => return Err(RegistryError::InLog { path: path.display().to_string() }),
        };
        let label = path.display().to_string();
        // only a regular file is read again (a pipe put in its place would never end)
        if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
            return Err(RegistryError::Changed { path: label });
        }
        let file =
            std::fs::File::open(path).map_err(|error| RegistryError::Io { path: label.clone(), error })?;
        let again = if self.format == Format::JsonLines {
            let windows = jsonl::LineWindows::new(&label, file, *window);
            Again::Json { windows, keys: jsonl::Keys::complete(&self.header), window: None }
        } else {
            let windows = delimited::Windows::open(&label, file, delimited::pieces(), *window)?;
            if windows.header != self.header {
                return Err(RegistryError::Changed { path: label });
            }
            let merger = delimited::Merger::new(&label, windows.header_lines);
            Again::Csv { windows, merger }
        };
        Ok(Some(Rewound { again, label, rows: self.rows.len(), sha256: self.sha256.clone() }))
    }

    /// A field of row `i` as written (empty when the column is absent).
    pub fn raw(&self, i: usize, field: Field) -> &str {
        self.columns.get(field).and_then(|c| self.cell(i, c)).unwrap_or("")
    }

    /// Column `column` of row `i` as written.
    pub fn cell(&self, i: usize, column: usize) -> Option<&str> {
        self.cells.get(i, column)
    }

    /// A text field of row `i`, `None` when absent or blank.
    pub fn text(&self, i: usize, field: Field) -> Option<&str> {
        Some(self.raw(i, field).trim()).filter(|s| !s.is_empty())
    }
}

/// Why a registry cannot be used at all.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.message().text(crate::i18n::Lang::En))]
pub enum RegistryError {
    Io {
        path: String,
        error: std::io::Error,
    },
    /// The rows read could not be kept in their spill file in `folder` ([`Rows::spilled_in`]).
    Spill {
        folder: String,
        error: std::io::Error,
    },
    Empty(String),
    MissingColumns {
        path: String,
        missing: Vec<String>,
        found: Vec<String>,
        expected: String,
    },
    DuplicateColumn {
        path: String,
        column: String,
    },
    Csv {
        path: String,
        reason: String,
    },
    /// A workbook that cannot be read.
    Sheet {
        path: String,
        reason: String,
    },
    /// Binary data that is no workbook either (`what` it looks like, if known).
    NotText {
        path: String,
        what: &'static str,
    },
    /// The file was read again to write the outputs and no longer holds what was decided on.
    Changed {
        path: String,
    },
    /// The registry was read back from a decision log, holding only what a decision reads:
    /// outputs cannot be written from it.
    InLog {
        path: String,
    },
    /// `--sheet` names no worksheet of the workbook.
    NoSheet {
        path: String,
        sheet: String,
        sheets: Vec<String>,
    },
    /// Row `row` (from line `line` of the file) is longer than [`MAX_ROW_BYTES`]; `json_lines`:
    /// the file is JSON Lines (where no quote runs over lines).
    RowTooLong {
        path: String,
        row: u64,
        line: u64,
        json_lines: bool,
    },
    /// Row `row` of a workbook's sheet (as the spreadsheet numbers it) holds more than
    /// [`MAX_ROW_BYTES`] of text.
    SheetRowTooLong {
        path: String,
        sheet: String,
        row: u64,
    },
    /// The header line is longer than [`MAX_ROW_BYTES`].
    HeaderTooLong {
        path: String,
    },
    /// More than [`MAX_COLUMNS`] columns (at least `columns`).
    TooManyColumns {
        path: String,
        columns: usize,
    },
}

impl RegistryError {
    /// The error in words.
    pub fn message(&self) -> crate::i18n::Msg {
        use crate::i18n::{Arg, Msg};
        match self {
            RegistryError::Io { path, error } => {
                crate::msg!("registry-unreadable", file = path, error => error)
            }
            RegistryError::Spill { folder, error } => {
                // (freeing space is the fix unless the error says its own)
                let hint = if crate::i18n::says_its_fix(error) {
                    Arg::Text(String::new())
                } else {
                    Msg::new("registry-spill-space").into()
                };
                crate::msg!("registry-spill", folder = folder, error => error).with("hint", hint)
            }
            RegistryError::Empty(path) => crate::msg!("registry-empty", file = path),
            RegistryError::MissingColumns { path, missing, found, expected } => {
                Msg::new("registry-missing-columns")
                    .arg("file", path)
                    .arg("plural", crate::i18n::plural(missing.len() as u64))
                    .with("missing", Arg::AllOf(missing.iter().map(|m| Arg::Text(m.clone())).collect()))
                    .arg("found", crate::text::shown(&found.join(", "), 300))
                    .arg("expected", expected)
            }
            RegistryError::DuplicateColumn { path, column } => {
                crate::msg!("registry-duplicate-column", file = path, column = crate::text::shown(column, 80))
            }
            RegistryError::Csv { path, reason } => {
                crate::msg!("registry-not-csv", file = path, reason = reason)
            }
            RegistryError::NotText { path, what } => {
                crate::msg!("registry-not-text", file = path, what = *what)
            }
            RegistryError::Sheet { path, reason } => {
                crate::msg!("registry-not-sheet", file = path, reason = crate::text::shown(reason, 300))
            }
            RegistryError::Changed { path } => crate::msg!("registry-changed", file = path),
            RegistryError::InLog { path } => crate::msg!("registry-in-log", file = path),
            RegistryError::NoSheet { path, sheet, sheets } => crate::msg!(
                "registry-no-sheet",
                file = path,
                sheet = crate::text::shown(sheet, 80),
                sheets => Arg::AllOf(sheets.iter().map(|s| Arg::Text(crate::text::shown(s, 80))).collect())
            ),
            RegistryError::RowTooLong { path, row, line, json_lines: true } => crate::msg!(
                "registry-line-too-long",
                file = path,
                row = row,
                line = line,
                limit = max_row_shown()
            ),
            RegistryError::RowTooLong { path, row, line, json_lines: false } => crate::msg!(
                "registry-row-too-long",
                file = path,
                row = row,
                line = line,
                limit = max_row_shown()
            ),
            RegistryError::SheetRowTooLong { path, sheet, row } => crate::msg!(
                "registry-sheet-row-too-long",
                file = path,
                sheet = crate::text::shown(sheet, 80),
                row = row,
                limit = max_row_shown()
            ),
            RegistryError::HeaderTooLong { path } => {
                crate::msg!("registry-header-too-long", file = path, limit = max_row_shown())
            }
            RegistryError::TooManyColumns { path, columns } => crate::msg!(
                "registry-too-many-columns",
                file = path,
                columns = crate::money::grouped(*columns as u64),
                max = crate::money::grouped(MAX_COLUMNS as u64)
            ),
        }
    }
}

/// The longest row a registry may have, in bytes (a CSV record, a JSON Lines line, a
/// database's row as CSV, a header line, a workbook's cells in a row): an applicant's row is
/// some hundreds. A longer one is almost always a `"` opened and never closed, which makes
/// the rest of the file one field; held and copied whole (into the log, the rejections), a
/// hostile file's row of gigabytes would take the machine's memory. The registry is refused,
/// naming the row.
pub const MAX_ROW_BYTES: usize = 1 << 20;

/// [`MAX_ROW_BYTES`] as messages state it.
fn max_row_shown() -> String {
    format!("{} MiB", MAX_ROW_BYTES >> 20)
}

/// The most columns a registry may have: an office's export has tens, a national data set's
/// a few hundred. Each column is written for every row in the log's `input`, so a hostile
/// file of a few megabytes and a hundred thousand column titles would make a log of
/// terabytes (and a run that held them, every byte of memory).
pub const MAX_COLUMNS: usize = 1_000;

/// Refuses a registry of more than [`MAX_COLUMNS`] columns.
fn check_width(label: &str, columns: usize) -> Result<(), RegistryError> {
    if columns > MAX_COLUMNS {
        return Err(RegistryError::TooManyColumns { path: label.to_owned(), columns });
    }
    Ok(())
}

/// How much of a registry file is read to tell what kind of file it is (at least the 8 KiB
/// [`sheet::binary`] looks at).
const SNIFF: usize = 64 << 10;

/// How much of a CSV registry file is read at a time.
pub const FILE_WINDOW: usize = 8 << 20;

/// Reads and validates a registry file. Occupations are read through `catalog`.
pub fn read(path: &Path, catalog: &Catalog) -> Result<Registry, RegistryError> {
    read_sheet_of(path, None, catalog, &[])
}

/// [`read`], naming the sheet of a workbook to read (else its first visible worksheet);
/// domiciles written by name are looked for `within` these regions (anywhere when empty).
pub fn read_sheet_of(
    path: &Path,
    sheet: Option<&str>,
    catalog: &Catalog,
    within: &[String],
) -> Result<Registry, RegistryError> {
    read_sheet_keeping(path, sheet, catalog, within, None, FILE_WINDOW)
}

/// [`read_sheet_of`], holding of a CSV or JSON Lines file only the columns `keep` names once
/// its rows are read ([`Text::File`]: the outputs are written from the file read again),
/// reading it in windows of about `window` bytes. A workbook is held whole.
pub fn read_sheet_keeping(
    path: &Path,
    sheet: Option<&str>,
    catalog: &Catalog,
    within: &[String],
    keep: Option<Keep<'_>>,
    window: usize,
) -> Result<Registry, RegistryError> {
    let label = path.display().to_string();
    let io = |error| RegistryError::Io { path: label.clone(), error };
    // a pipe or a device could be read without end: only a regular file is a registry
    if !std::fs::metadata(path).map_err(io)?.is_file() {
        return Err(io(std::io::Error::other("it is not a regular file")));
    }
    // a CSV or JSON Lines file is read a window at a time, as a database's rows are: only
    // the rows read are held, never the whole text. What kind of file it is shows in its
    // first bytes; a workbook is read whole.
    let mut file = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::with_capacity(SNIFF);
    std::io::Read::read_to_end(&mut std::io::Read::take(&mut file, SNIFF as u64), &mut bytes).map_err(io)?;
    let json_named = path.extension().is_some_and(|e| e == "jsonl" || e == "ndjson");
    let first_text = bytes.iter().find(|b| !b.is_ascii_whitespace());
    // (`binary` also names a workbook's zip or Excel 97 signature)
    let csv = !json_named && first_text.is_some_and(|b| *b != b'{') && sheet::binary(&bytes).is_none();
    if csv && sheet.is_none() {
        let source = std::io::Read::chain(std::io::Cursor::new(bytes), file);
        let size = std::fs::metadata(path).ok().map(|m| m.len());
        let (mut registry, salt_key) =
            read_windows(&label, Box::new(source), catalog, within, window, keep, size)?;
        if let Some(salt_key) = salt_key {
            registry.text = Text::File { path: path.to_path_buf(), window, salt_key };
        }
        return Ok(registry);
    }
    let text = SheetKind::of(&bytes).is_none() && sheet::binary(&bytes).is_none();
    if let (Some(name), true) = (sheet, text) {
        // (a text file has no sheets: said before a byte more of it is read)
        return Err(RegistryError::NoSheet { path: label, sheet: name.to_owned(), sheets: Vec::new() });
    }
    let json = json_named || first_text == Some(&b'{');
    if json && text {
        let size = std::fs::metadata(path).ok().map(|m| m.len());
        let how = JsonReading { catalog, within, window, keep, size };
        let (mut registry, salt_key) = read_json_windows(&label, path, &how)?;
        if let Some(salt_key) = salt_key {
            registry.text = Text::File { path: path.to_path_buf(), window, salt_key };
        }
        return Ok(registry);
    }
    std::io::Read::read_to_end(&mut file, &mut bytes).map_err(io)?;
    if let Some(kind) = SheetKind::of(&bytes) {
        return read_workbook(&label, &bytes, kind, sheet, catalog, within);
    }
    if let Some(what) = sheet::binary(&bytes) {
        return Err(RegistryError::NotText { path: label, what });
    }
    if let Some(name) = sheet {
        return Err(RegistryError::NoSheet { path: label, sheet: name.to_owned(), sheets: Vec::new() });
    }
    let json = path.extension().is_some_and(|e| e == "jsonl" || e == "ndjson")
        || bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    read_text(&label, &bytes, json, catalog, delimited::pieces(), within)
}

/// Reads and validates a workbook's sheet (cell spellings: `registry/sheet.rs`).
pub fn read_workbook(
    label: &str,
    bytes: &[u8],
    kind: SheetKind,
    sheet: Option<&str>,
    catalog: &Catalog,
    within: &[String],
) -> Result<Registry, RegistryError> {
    let sha256 = sha256_hex(bytes);
    let (header, records, format) = sheet::read_sheet(label, bytes, kind, sheet)?;
    let columns = map_columns(label, &header)?;
    let Records { cells, problems, structure, .. } = records;
    let (rows, repeated) = validate_rows(&cells, problems, &columns, catalog, within);
    Ok(Registry { header, columns, rows, repeated, cells, format, sha256, structure, text: Text::Held })
}

/// Reads and validates registry bytes.
pub fn read_bytes(
    label: &str,
    bytes: &[u8],
    json: bool,
    catalog: &Catalog,
) -> Result<Registry, RegistryError> {
    read_bytes_in_pieces(label, bytes, json, catalog, delimited::pieces())
}

/// [`read_bytes`], cutting a CSV into `pieces` pieces (one per core by default): the rows
/// read are the same whatever the number.
pub fn read_bytes_in_pieces(
    label: &str,
    bytes: &[u8],
    json: bool,
    catalog: &Catalog,
    pieces: usize,
) -> Result<Registry, RegistryError> {
    read_text(label, bytes, json, catalog, pieces, &[])
}

/// Reads and validates CSV text from `source` (a database's COPY output) as
/// [`read_sheet_of`] reads a CSV file, a window at a time: the text is never held whole,
/// only the rows read from it. Domiciles written by name are looked for `within` these
/// regions.
pub fn read_csv_stream(
    label: &str,
    source: &mut dyn std::io::Read,
    catalog: &Catalog,
    within: &[String],
) -> Result<Registry, RegistryError> {
    read_csv_stream_in(label, source, catalog, within, delimited::WINDOW)
}

/// [`read_csv_stream`] with windows of about `window` bytes.
pub fn read_csv_stream_in(
    label: &str,
    source: &mut dyn std::io::Read,
    catalog: &Catalog,
    within: &[String],
    window: usize,
) -> Result<Registry, RegistryError> {
    read_windows(label, Box::new(source), catalog, within, window, None, None).map(|(registry, _)| registry)
}

/// What a registry read to be decided holds: of its text only the columns a run needs while it
/// decides (given the header and where the fields are; the text is read again to write the
/// outputs), and its rows in a spill file in `spill` when named.
#[derive(Clone, Copy)]
pub struct Keep<'a> {
    pub columns: &'a dyn Fn(&[String], &Columns) -> Vec<usize>,
    /// The folder of the rows' spill file ([`Rows::spilled_in`]); held without.
    pub spill: Option<&'a Path>,
}

/// Reads and validates a CSV a window at a time: each window's rows are read and checked;
/// with `keep`, each window is also hashed for the salt key (returned: the text is not held
/// to hash later) and only the columns `keep` names are held (every column without `keep`).
fn read_windows(
    label: &str,
    source: Box<dyn std::io::Read + '_>,
    catalog: &Catalog,
    within: &[String],
    window: usize,
    keep: Option<Keep<'_>>,
    size: Option<u64>,
) -> Result<(Registry, Option<[u8; 32]>), RegistryError> {
    let mut windows = delimited::Windows::open(label, source, delimited::pieces(), window)?;
    let header = windows.header.clone();
    let salted = keep.is_some();
    let mut gather = gather::Gather::new(label, header.clone(), catalog, within, keep)?;
    let mut merger = delimited::Merger::new(label, windows.header_lines);
    let mut salt = salt::SaltKey::default();
    let mut next = windows.next_window(&merger)?;
    while let Some(parsed) = next {
        let first = merger.rows();
        let mut pieces = Vec::with_capacity(parsed.len());
        let mut problems = Vec::new();
        for piece in parsed {
            let (cells, broken, encoding) = merger.add(piece)?;
            pieces.push(cells);
            problems.extend(broken);
            problems.extend(not_utf8_rows(&header, gather.columns(), encoding));
        }
        let cells = Cells::from_pieces_at(pieces, first);
        gather.size_from_first(size, windows.consumed, cells.len());
        // the salt key is folded (all cores) while the kept columns are taken (one thread),
        // and meanwhile the next window is read, hashed and parsed
        let salt = salted.then_some(&mut salt);
        next = gather.add_while(cells, problems, salt, || windows.next_window(&merger))??;
    }
    let structure = merger.finish(header.len());
    let format = Format::Csv { delimiter: windows.delimiter };
    let sha256 = crate::digest::hex(&windows.sha256());
    let registry = gather.finish()?.registry(format, sha256, structure, Text::Held);
    Ok((registry, salted.then(|| salt.finish())))
}

/// How a pass over a JSON Lines file ended.
enum JsonPass {
    Read(Box<Registry>, Option<[u8; 32]>),
    /// The columns met first were not all of them: read the keys of the whole file first.
    Again,
}

/// Reads and validates a JSON Lines file a window at a time, as [`read_windows`] reads a CSV:
/// the same rows, columns and refusals as reading it whole. The columns are the keys of the
/// whole file, so they are taken from the first window, and the file read again when a
/// later line brings another key (the keys of every line read first, then the rows).
fn read_json_windows(
    label: &str,
    path: &Path,
    how: &JsonReading<'_>,
) -> Result<(Registry, Option<[u8; 32]>), RegistryError> {
    let window = how.window;
    let open =
        || std::fs::File::open(path).map_err(|error| RegistryError::Io { path: label.to_owned(), error });
    match json_pass(label, open()?, None, how)? {
        JsonPass::Read(registry, salt) => return Ok((*registry, salt)),
        JsonPass::Again => {}
    }
    // every key first: the first refusal in the file's order, or the whole header
    let mut windows = jsonl::LineWindows::new(label, open()?, window);
    let mut keys = jsonl::Keys::default();
    while let Some(next) = windows.next_window()? {
        match next {
            jsonl::Window::TooLong => return Err(keys.too_long_next(label)),
            jsonl::Window::Lines(lines) => {
                let parsed = jsonl::parse_window(&lines, delimited::pieces());
                drop(lines);
                keys.meet(label, &parsed)?;
            }
        }
    }
    if keys.header.is_empty() {
        return Err(RegistryError::Empty(label.to_owned()));
    }
    match json_pass(label, open()?, Some(&keys.header), how)? {
        JsonPass::Read(registry, salt) => Ok((*registry, salt)),
        // (a key the pass over every key did not meet: the file changed meanwhile)
        JsonPass::Again => Err(RegistryError::Changed { path: label.to_owned() }),
    }
}

/// How a JSON Lines file is read: with what its rows are checked (`catalog`, `within`), in
/// windows of about `window` bytes, holding the columns `keep` names (all without), its size
/// (to reserve room for its rows).
struct JsonReading<'a> {
    catalog: &'a Catalog,
    within: &'a [String],
    window: usize,
    keep: Option<Keep<'a>>,
    size: Option<u64>,
}

/// One pass over a JSON Lines file: its rows under `header` (the whole file's keys), or, when
/// `None`, under the keys of its first window — [`JsonPass::Again`] when those are not all.
fn json_pass(
    label: &str,
    file: std::fs::File,
    header: Option<&[String]>,
    how: &JsonReading<'_>,
) -> Result<JsonPass, RegistryError> {
    let JsonReading { catalog, within, window, keep, size } = *how;
    let mut windows = jsonl::LineWindows::new(label, file, window);
    let mut keys = header.map_or_else(jsonl::Keys::default, jsonl::Keys::complete);
    let salted = keep.is_some();
    let mut salt = salt::SaltKey::default();
    let mut gather: Option<gather::Gather<'_>> = None;
    let parse = |next: Option<jsonl::Window>| {
        next.map(|w| match w {
            jsonl::Window::TooLong => None,
            jsonl::Window::Lines(lines) => Some(jsonl::parse_window(&lines, delimited::pieces())),
        })
    };
    let mut next = parse(windows.next_window()?);
    while let Some(parsed) = next {
        let Some(parsed) = parsed else { return Err(keys.too_long_next(label)) };
        let first = keys.rows;
        let Some(maps) = keys.meet(label, &parsed)? else { return Ok(JsonPass::Again) };
        let gather = match &mut gather {
            Some(g) => g,
            None => {
                if keys.header.is_empty() && header.is_none() {
                    return Ok(JsonPass::Again);
                }
                // (the columns met first may lack one a later line has: from here on, a
                // key not met yet sends the file to be read whole first)
                keys.take_as_complete();
                match gather::Gather::new(label, keys.header.clone(), catalog, within, keep) {
                    Ok(g) => gather.insert(g),
                    Err(_) if header.is_none() => return Ok(JsonPass::Again),
                    Err(e) => return Err(e),
                }
            }
        };
        // a run of rows at a time (a short line can be many cells); with the last, the next
        // window is read and parsed while the rows are read and kept
        let runs = jsonl::runs(keys.rows - first, keys.header.len());
        let last = runs.len() - 1;
        let mut read = None;
        for (k, run) in runs.into_iter().enumerate() {
            let start = first + run.start;
            let (pieces, mut problems, encoding) =
                jsonl::cells(&parsed, &maps, keys.header.len(), first, run);
            problems.extend(not_utf8_rows(&keys.header, gather.columns(), encoding));
            let cells = Cells::from_pieces_at(pieces, start);
            gather.size_from_first(size, windows.consumed, cells.len());
            let salt = salted.then_some(&mut salt);
            if k == last {
                read = Some(gather.add_while(cells, problems, salt, || windows.next_window().map(parse))?);
            } else {
                gather.add_while(cells, problems, salt, || ())?;
            }
        }
        next = read.unwrap_or(Ok(None))?;
    }
    let Some(gather) = gather else { return Ok(JsonPass::Again) };
    let sha256 = crate::digest::hex(&windows.sha256());
    let registry = gather.finish()?.registry(Format::JsonLines, sha256, Vec::new(), Text::Held);
    Ok(JsonPass::Read(Box::new(registry), salted.then(|| salt.finish())))
}

fn read_text(
    label: &str,
    bytes: &[u8],
    json: bool,
    catalog: &Catalog,
    pieces: usize,
    within: &[String],
) -> Result<Registry, RegistryError> {
    let sha256 = sha256_hex(bytes);
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let (header, records, format) =
        if json { jsonl::read(label, body, pieces)? } else { delimited::read_csv(label, body, pieces)? };
    let columns = map_columns(label, &header)?;
    let Records { cells, mut problems, encoding, structure } = records;
    problems.extend(not_utf8_rows(&header, &columns, encoding));
    let (rows, repeated) = validate_rows(&cells, problems, &columns, catalog, within);
    Ok(Registry { header, columns, rows, repeated, cells, format, sha256, structure, text: Text::Held })
}

/// The name of the field called `name` (as `Invalid::field` holds it), `row` for any other.
pub fn field_name(name: &str) -> &'static str {
    Field::REQUIRED
        .iter()
        .chain(Field::OPTIONAL.iter())
        .map(|f| f.name())
        .find(|f| *f == name)
        .unwrap_or("row")
}

/// The rows with a field that is not UTF-8 text (row, column), as problems.
fn not_utf8_rows<'a>(
    header: &'a [String],
    columns: &'a Columns,
    encoding: Vec<(usize, usize)>,
) -> impl Iterator<Item = (usize, std::sync::Arc<Invalid>)> + 'a {
    encoding.into_iter().map(|(row, column)| (row, std::sync::Arc::new(not_utf8(header, columns, column))))
}

/// A row with a field that is not UTF-8 text: invalid, naming the field (or the column).
fn not_utf8(header: &[String], columns: &Columns, column: usize) -> Invalid {
    let name = header.get(column).map_or("?", String::as_str);
    let field =
        Field::REQUIRED.iter().chain(Field::OPTIONAL.iter()).find(|f| columns.get(**f) == Some(column));
    Invalid {
        field: field.map_or("row", |f| f.name()),
        reason: crate::msg!("invalid-not-utf8", column = name),
    }
}

/// Rebuilds a registry from rows as written (a decision log's inputs): the same validation
/// as reading the file. `broken` marks rows the original reading found broken as a whole
/// (not UTF-8, wrong field count), which text alone cannot show again. `within`: the
/// programs' regions, where domiciles written by name are found.
pub fn from_rows(
    header: Vec<String>,
    rows: &[Vec<String>],
    broken: Vec<(usize, Invalid)>,
    format: Format,
    sha256: String,
    catalog: &Catalog,
    within: &[String],
) -> Result<Registry, RegistryError> {
    let mut piece = Piece::default();
    for row in rows {
        piece.push_row(row.iter().map(String::as_str));
    }
    piece.close();
    let mut gather = gather::Gather::new("log", header, catalog, within, None)?;
    let broken = broken.into_iter().map(|(i, p)| (i, std::sync::Arc::new(p))).collect();
    gather.add(Cells::from_pieces(vec![piece]), broken, |_| {})?;
    Ok(gather.finish()?.registry(format, sha256, Vec::new(), Text::Held))
}

/// The rows broken as a whole: (row index, why), the reason shared by the rows of a piece
/// that have the same one (a file of bad rows has millions of them, and few reasons).
pub(crate) type Problems = Vec<(usize, std::sync::Arc<Invalid>)>;

/// The rows as written, and the rows that are broken as a whole (index, problem).
struct Records {
    cells: Cells,
    problems: Problems,
    /// Rows with a field that is not UTF-8: (row index, column).
    encoding: Vec<(usize, usize)>,
    structure: Vec<StructureWarning>,
}

fn map_columns(label: &str, header: &[String]) -> Result<Columns, RegistryError> {
    check_width(label, header.len())?;
    let normalised: Vec<String> = header.iter().map(|h| normalise_header(h)).collect();
    let mut index = Vec::new();
    let mut missing = Vec::new();
    for field in Field::REQUIRED.iter().chain(Field::OPTIONAL.iter()) {
        let found: Vec<usize> = normalised
            .iter()
            .enumerate()
            .filter(|(_, h)| field.aliases().contains(&h.as_str()))
            .map(|(i, _)| i)
            .collect();
        match found.as_slice() {
            [] if Field::missing(&normalised).contains(field) => missing.push(field.name().to_owned()),
            [] => {}
            [i] => index.push((*field, *i)),
            [_, second, ..] => {
                return Err(RegistryError::DuplicateColumn {
                    path: label.to_owned(),
                    column: header[*second].clone(),
                });
            }
        }
    }
    if !missing.is_empty() {
        let expected = Field::REQUIRED
            .iter()
            .map(|f| format!("{} (or {})", f.name(), f.aliases()[1..].join(", ")))
            .collect::<Vec<_>>()
            .join("; ");
        return Err(RegistryError::MissingColumns {
            path: label.to_owned(),
            missing,
            found: header.to_vec(),
            expected,
        });
    }
    let attributes = (0..header.len())
        .filter(|i| !index.iter().any(|(_, j)| j == i))
        .map(|i| (i, header[i].clone()))
        .collect();
    Ok(Columns { index, attributes })
}

/// Reads every row (in parallel chunks), then marks repeated NIKs: the first row with a
/// NIK is kept, later ones point at it.
fn validate_rows(
    cells: &Cells,
    problems: Problems,
    columns: &Columns,
    catalog: &Catalog,
    within: &[String],
) -> (Rows, Repeated) {
    let places = places_for(columns, within);
    let mut rows = Rows::held(read_rows(cells, problems, columns, catalog, places.as_ref()));
    // (rows held are read and marked in memory: nothing to fail)
    let repeated = mark_duplicates(&mut rows).unwrap_or_default();
    (rows, repeated)
}

/// Where domiciles written by name are found: among the places of the programs' regions.
fn places_for(columns: &Columns, within: &[String]) -> Option<crate::region::places::Places> {
    (columns.has(Field::District) || columns.has(Field::Village))
        .then(|| crate::region::places::Places::new(within))
}

/// Reads the rows of `cells` (a whole registry or a window of it; `problems`: the rows
/// broken as a whole, by index among all rows) on all cores.
fn read_rows(
    cells: &Cells,
    problems: Problems,
    columns: &Columns,
    catalog: &Catalog,
    places: Option<&crate::region::places::Places>,
) -> Vec<Row> {
    let (first, n) = (cells.first(), cells.len());
    // rows broken as a whole, by row (the first problem of a row is the one reported)
    let mut problems = problems;
    problems.sort_by_key(|(i, _)| *i);
    let problems = &problems;
    let threads = crate::par::threads();
    let chunk = n.div_ceil(threads).max(1);
    // every row is read straight into its place: no per-thread copies of a million rows
    let placeholder = Row { read: Ok(Person::placeholder()) };
    let mut rows: Vec<Row> = vec![placeholder; n];
    std::thread::scope(|scope| {
        let handles: Vec<_> = rows
            .chunks_mut(chunk)
            .enumerate()
            .map(|(k, part)| {
                let start = first + k * chunk;
                scope.spawn(move || {
                    let mut cache: rustc_hash::FxHashMap<String, Option<u16>> = Default::default();
                    let mut place_cache: PlaceCache = Default::default();
                    // the same reason for many rows is held once (a province's bad rows run
                    // to a million, with a few dozen reasons: 150 bytes each apart)
                    let mut reasons: rustc_hash::FxHashMap<Invalid, std::sync::Arc<Invalid>> =
                        Default::default();
                    let mut once = |invalid: Invalid| {
                        reasons.entry(invalid).or_insert_with_key(|i| std::sync::Arc::new(i.clone())).clone()
                    };
                    let mut next = problems.partition_point(|(i, _)| *i < start);
                    for (offset, row) in part.iter_mut().enumerate() {
                        let i = start + offset;
                        let mut broken = None;
                        while let Some((at, p)) = problems.get(next).filter(|(at, _)| *at <= i) {
                            if *at == i && broken.is_none() {
                                broken = Some(p.clone());
                            }
                            next += 1;
                        }
                        let read = match broken {
                            Some(p) => Err(p),
                            None => {
                                let lookups = Lookups {
                                    catalog,
                                    places,
                                    occupations: &mut cache,
                                    places_seen: &mut place_cache,
                                };
                                read_person(cells, i, columns, lookups).map_err(&mut once)
                            }
                        };
                        *row = Row { read };
                    }
                })
            })
            .collect();
        for h in handles {
            // a panicking reader is a bug: stop the run rather than lose its rows
            if let Err(e) = h.join() {
                std::panic::resume_unwind(e);
            }
        }
    });
    rows
}

/// The rows that repeat an earlier row's NIK: (row index, number of the first row with it),
/// ascending by row.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Repeated(Vec<(u32, std::num::NonZeroU32)>);

impl Repeated {
    /// The number of the first row with row `i`'s NIK, if row `i` repeats it.
    pub fn first_of(&self, i: usize) -> Option<std::num::NonZeroU32> {
        let i = u32::try_from(i).ok()?;
        self.0.binary_search_by_key(&i, |(row, _)| *row).ok().map(|k| self.0[k].1)
    }

    /// How many rows repeat an earlier row's NIK.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Marks every row that repeats an earlier row's NIK (`rows`: all of them, from the first)
/// and says which row each repeats.
fn mark_duplicates(rows: &mut Rows) -> std::io::Result<Repeated> {
    // about a million NIKs a share (8 MB); rows held are read once per share, at most 8
    let per_share = (rows.len() >> 20) as u64;
    mark_duplicates_in(rows, if rows.is_spilled() { per_share.clamp(1, 256) } else { per_share.clamp(1, 8) })
}

/// [`mark_duplicates`], the NIKs sorted in `shares` shares.
fn mark_duplicates_in(rows: &mut Rows, shares: u64) -> std::io::Result<Repeated> {
    // A province's NIKs are tens of millions: they are sorted a share at a time (shares by a
    // hash of the NIK, so every copy of a NIK is in the same share), and only the NIKs that
    // repeat — few — are held together. Holding every NIK with its row at once cost 16 bytes
    // a row, memory the rest of the run never used again.
    let shares = shares.max(1);
    let share_of =
        |nik: &Nik| (std::hash::BuildHasher::hash_one(&rustc_hash::FxBuildHasher, nik) >> 32) % shares;
    // NIK → the first row that has it (number), once found
    let mut repeated: rustc_hash::FxHashMap<Nik, Option<std::num::NonZeroU32>> = Default::default();
    let mut niks: Vec<Nik> = Vec::new();
    let mut found = |niks: &mut Vec<Nik>| {
        niks.sort_unstable();
        for pair in niks.windows(2) {
            if pair[0] == pair[1] {
                repeated.entry(pair[0]).or_insert(None);
            }
        }
    };
    match rows.spill_folder().filter(|_| shares > 1) {
        // spilled rows are read once, each NIK written to its share's file, eight bytes
        // (reading the spill once per share cost ~0,85 s of a 10M run), and each share read
        // back and sorted in turn
        Some(dir) => {
            use std::io::{Read as _, Seek as _, Write as _};
            let mut files = (0..shares)
                .map(|_| tempfile::tempfile_in(dir).map(|f| std::io::BufWriter::with_capacity(1 << 16, f)))
                .collect::<std::io::Result<Vec<_>>>()?;
            let mut written: std::io::Result<()> = Ok(());
            rows.each_nik(|_, nik| {
                if written.is_ok() {
                    written = files[share_of(&nik) as usize].write_all(&nik.number().to_le_bytes());
                }
            })?;
            written?;
            // (read a MiB at a time straight into the share's NIKs)
            let mut bytes = vec![0u8; 1 << 20];
            for file in files {
                let mut file = file.into_inner().map_err(std::io::IntoInnerError::into_error)?;
                file.rewind()?;
                let mut left = usize::try_from(file.metadata()?.len()).unwrap_or(usize::MAX);
                niks.clear();
                niks.reserve_exact(left / 8);
                while left > 0 {
                    let part = &mut bytes[..left.min(1 << 20)];
                    file.read_exact(part)?;
                    left -= part.len();
                    niks.extend(
                        part.chunks_exact(8)
                            .map(|b| Nik::of_number(u64::from_le_bytes(b.try_into().unwrap_or_default()))),
                    );
                }
                found(&mut niks);
            }
        }
        None => {
            for share in 0..shares {
                niks.clear();
                rows.each_nik(|_, nik| {
                    if share_of(&nik) == share {
                        niks.push(nik);
                    }
                })?;
                found(&mut niks);
            }
        }
    }
    drop(niks);
    let mut marked = Vec::new();
    if repeated.is_empty() {
        return Ok(Repeated(marked));
    }
    rows.each_nik(|i, nik| {
        if let Some(first) = repeated.get_mut(&nik) {
            match first {
                None => *first = std::num::NonZeroU32::new(number(i)),
                Some(first) => marked.push((i as u32, *first)),
            }
        }
    })?;
    let repeating: Vec<u32> = marked.iter().map(|(i, _)| *i).collect();
    rows.mark_repeats(&repeating)?;
    Ok(Repeated(marked))
}

/// Domiciles by name already found: (district, village) → the region or why not.
type PlaceCache = rustc_hash::FxHashMap<(String, String), Result<crate::region::Region, crate::i18n::Msg>>;

/// What reading a row looks values up in, and what it remembers between rows.
struct Lookups<'a> {
    catalog: &'a Catalog,
    places: Option<&'a crate::region::places::Places>,
    occupations: &'a mut rustc_hash::FxHashMap<String, Option<u16>>,
    places_seen: &'a mut PlaceCache,
}

fn read_person(
    cells: &Cells,
    row: usize,
    columns: &Columns,
    lookups: Lookups<'_>,
) -> Result<Person, Invalid> {
    let Lookups { catalog, places, occupations: occupation_cache, places_seen } = lookups;
    let cells = cells.at(row);
    let get = |f: Field| columns.get(f).and_then(|i| cells.get(i)).unwrap_or("");
    let invalid = |field: Field, reason: crate::i18n::Msg| Invalid { field: field.name(), reason };
    let nik = nik::parse(get(Field::Nik)).map_err(|e| invalid(Field::Nik, e.message()))?;
    if get(Field::Name).trim().is_empty() {
        return Err(invalid(Field::Name, crate::msg!("invalid-name-empty")));
    }
    let birth_date = values::birth_date(get(Field::BirthDate)).map_err(|e| invalid(Field::BirthDate, e))?;
    let sex = values::sex(get(Field::Sex)).map_err(|e| invalid(Field::Sex, e))?;
    let raw_occupation = get(Field::Occupation);
    let occupation = match occupation_cache.get(raw_occupation) {
        Some(found) => *found,
        None => {
            let found = catalog
                .resolve(raw_occupation)
                .and_then(|o| catalog.occupations().iter().position(|c| c.code == o.code))
                // (a catalog naming more than a row can hold is refused when it is read)
                .filter(|i| *i < Person::OCCUPATIONS)
                .and_then(|i| u16::try_from(i).ok());
            occupation_cache.insert(raw_occupation.to_owned(), found);
            found
        }
    };
    let Some(occupation) = occupation else {
        let shown = raw_occupation.trim();
        return Err(invalid(
            Field::Occupation,
            if shown.is_empty() {
                crate::msg!("invalid-occupation-empty")
            } else {
                crate::msg!("invalid-occupation", text = shown)
            },
        ));
    };
    let raw_domicile = get(Field::Domicile).trim();
    let domicile = match places {
        // a code, where one is written, is the domicile; else the names are
        Some(places) if raw_domicile.is_empty() => {
            let key = (get(Field::District).to_owned(), get(Field::Village).to_owned());
            let found = match places_seen.get(&key) {
                Some(found) => found.clone(),
                None => {
                    let found = places.resolve(&key.0, &key.1);
                    places_seen.insert(key, found.clone());
                    found
                }
            };
            found.map_err(|e| invalid(Field::Domicile, e))?
        }
        _ => values::domicile(raw_domicile).map_err(|e| invalid(Field::Domicile, e))?,
    };
    let poverty_decile =
        values::decile(get(Field::PovertyDecile)).map_err(|e| invalid(Field::PovertyDecile, e))?;
    let already_covered =
        values::flag(get(Field::AlreadyCovered)).map_err(|e| invalid(Field::AlreadyCovered, e))?;
    let civil_servant =
        values::flag(get(Field::CivilServant)).map_err(|e| invalid(Field::CivilServant, e))?;
    let student = values::flag(get(Field::Student)).map_err(|e| invalid(Field::Student, e))?;
    let nik_status = values::nik_status(get(Field::NikStatus)).map_err(|e| invalid(Field::NikStatus, e))?;

    let mut warnings = RowWarnings::default();
    let (day, month, yy, female) = nik.birth();
    let year_matches = i32::from(birth_date.year()) % 100 == i32::from(yy);
    if i8::try_from(day).ok() != Some(birth_date.day())
        || i8::try_from(month).ok() != Some(birth_date.month())
        || !year_matches
    {
        warnings.insert(RowWarning::NikBirthDate);
    }
    if female != (sex == Sex::Female) {
        warnings.insert(RowWarning::NikSex);
    }
    if !nik::regency_is_current(nik) {
        warnings.insert(RowWarning::NikRegency);
    }
    if !raw_domicile.is_empty() && domicile.code() != raw_domicile {
        warnings.insert(RowWarning::DomicileWithoutDots);
    }
    Ok(Person::new(PersonFields {
        nik,
        birth_date,
        domicile,
        occupation,
        poverty_decile,
        sex,
        marks: Marks::new(already_covered, civil_servant, student, nik_status),
        warnings,
        repeats: false,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows that cannot be kept aside: a full disk is told to free space there, a process out
    /// of file handles only how to raise its limit (freeing space would not help).
    #[cfg(unix)]
    #[test]
    fn a_spill_that_fails_gives_the_fix_that_helps() {
        let spill = |errno| RegistryError::Spill {
            folder: "/tmp/x".to_owned(),
            error: std::io::Error::from_raw_os_error(errno),
        };
        for lang in [crate::i18n::Lang::En, crate::i18n::Lang::Id] {
            let full = spill(libc::ENOSPC).message().text(lang);
            let handles = spill(libc::EMFILE).message().text(lang);
            assert!(full.contains("16"), "{full}");
            assert!(full.lines().count() == 2, "{full}");
            assert!(handles.contains("ulimit -n"), "{handles}");
            assert!(!handles.contains("16") && handles.lines().count() == 1, "{handles}");
        }
    }

    /// Sorting the NIKs in shares finds the same repeats as a plain pass that remembers
    /// every NIK: each later row names the first row with its NIK; invalid rows are skipped.
    #[test]
    fn marks_read_back_as_they_were_given() {
        let said = [None, Some(false), Some(true)];
        let statuses = [NikStatus::Active, NikStatus::Inactive, NikStatus::Deceased];
        let mut seen = std::collections::HashSet::new();
        for covered in said {
            for servant in said {
                for student in said {
                    for status in statuses {
                        let m = Marks::new(covered, servant, student, status);
                        assert_eq!(
                            (m.already_covered(), m.civil_servant(), m.student(), m.nik_status()),
                            (covered, servant, student, status)
                        );
                        assert!(seen.insert(m), "two markings share a byte");
                    }
                }
            }
        }
    }

    #[test]
    fn repeated_niks_are_found_in_any_number_of_shares() {
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move |m: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % m
        };
        let rows: Vec<Row> = (0..6_000)
            .map(|_| {
                if next(10) == 0 {
                    let reason = crate::msg!("invalid-nik-empty");
                    return Row { read: Err(std::sync::Arc::new(Invalid { field: "nik", reason })) };
                }
                // serials from a small range, so that many repeat, some three times or more
                let text = format!("640904191184{:04}", 1 + next(4_000));
                let nik = nik::parse(&text).expect("a valid NIK");
                Row { read: Ok(Person::new(PersonFields { nik, ..PersonFields::placeholder() })) }
            })
            .collect();
        let mut first: std::collections::HashMap<Nik, u32> = std::collections::HashMap::new();
        let expected: Vec<Option<u32>> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let p = r.read.as_ref().ok()?;
                let seen = *first.entry(p.nik()).or_insert(number(i));
                (seen != number(i)).then_some(seen)
            })
            .collect();
        assert!(expected.iter().flatten().count() > 1_000, "the test has repeats to find");
        let dir = tempfile::tempdir().expect("temp dir");
        for shares in [1, 2, 3, 8, 64] {
            // held, and spilled (written in windows of 1.000 rows, read back 7 at a time)
            let mut spilled = Rows::spilled_in(dir.path()).expect("spill");
            for window in rows.chunks(1_000) {
                spilled.push(window.to_vec()).expect("spilled");
            }
            spilled.set_block(7);
            for (how, mut marked) in [("held", Rows::held(rows.clone())), ("spilled", spilled)] {
                let repeated = mark_duplicates_in(&mut marked, shares).expect("marked");
                let got: Vec<Option<u32>> =
                    (0..marked.len()).map(|i| repeated.first_of(i).map(std::num::NonZeroU32::get)).collect();
                assert_eq!(got, expected, "{shares} shares, {how}");
                let mut repeats = Vec::new();
                marked.each(|_, r| repeats.push(r.read.as_ref().is_ok_and(|p| p.repeats()))).expect("read");
                let wanted: Vec<bool> = expected.iter().map(Option::is_some).collect();
                assert_eq!(repeats, wanted, "{shares} shares, {how}");
            }
        }
    }
}
