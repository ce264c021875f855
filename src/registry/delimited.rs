//! Reading a CSV registry, in pieces parsed on all cores — and identically on any number of
//! them.
//!
//! A piece may start only where the reader, reading the whole file front to back, would
//! start a record. Pieces are first cut at the line end after each share of the file and
//! parsed on all cores; each parse then checks, with csv-core (the state machine the `csv`
//! reader runs on, with the same settings), that its piece ended between records — its last
//! record closed and nothing after it but line ends. Piece 0 starts at a record, so by
//! induction every piece does when every check passes. When one fails (a quoted field runs
//! over a cut: a line break inside quotes, or a `"` never closed), the cuts are found again by
//! running csv-core over the file itself and the pieces are parsed again. Either way a
//! registry reads the same on any number of cores.
//!
//! A piece with no quote, no carriage return, no byte-order mark and nothing that is not
//! UTF-8 — nearly every window of a real registry — is split at its line feeds and
//! delimiters without the reader ([`parse_plain`]), which reads it the same (a property test
//! holds the two to it); the parse of a 1M-row registry, read twice by a run, took about 10%
//! of the run's CPU through the reader and takes about 4% split.
//!
//! The parse also notes what looks wrong in the file's structure: a record spanning many
//! lines (a quote opened and never closed swallows the lines after it) and a row count far
//! from the line count.

use super::{Cells, Format, Invalid, MAX_ROW_BYTES, Piece, Records, RegistryError, StructureWarning};

use super::structure::LONG_RECORD_LINES;
/// At most this many long records are named one by one.
const NAMED_LONG_RECORDS: usize = 3;

/// How much of a streamed CSV is read at a time.
pub const WINDOW: usize = 64 << 20;

/// The bytes of the record in `text` (from a record's start, the `blank` bytes of blank
/// lines before it not counted, nor its line end and blank lines after it).
fn record_bytes(text: &[u8], blank: usize) -> usize {
    let end = text.len() - text.iter().rev().take_while(|&&b| b == b'\n' || b == b'\r').count();
    end.saturating_sub(blank)
}

/// How many blank lines (`\n`) `bytes` starts with, and how many bytes they take.
fn leading_blank(bytes: &[u8]) -> (u64, usize) {
    let len = bytes.iter().take_while(|&&b| b == b'\n' || b == b'\r').count();
    (newlines(&bytes[..len]), len)
}

/// How many pieces a registry is cut into on this machine.
pub fn pieces() -> usize {
    crate::par::threads()
}

pub(super) fn read_csv(
    label: &str,
    body: &[u8],
    parts: usize,
) -> Result<(Vec<String>, Records, Format), RegistryError> {
    let (header, delimiter, start) = read_header(label, body)?;
    let header_lines = newlines(&body[..start]);
    let pieces = parse_body(label, &body[start..], delimiter, header.len(), parts)?;
    let records = merge(label, pieces, header_lines, header.len())?;
    Ok((header, records, Format::Csv { delimiter }))
}

/// The column names, the delimiter (`;` when the first line has more of them than `,`) and
/// where the rows begin.
fn read_header(label: &str, body: &[u8]) -> Result<(Vec<String>, u8, usize), RegistryError> {
    let first_line = body.split(|b| *b == b'\n').next().unwrap_or(&[]);
    if first_line.len() > MAX_ROW_BYTES {
        return Err(RegistryError::HeaderTooLong { path: label.to_owned() });
    }
    let count = |c: u8| first_line.iter().filter(|b| **b == c).count();
    let delimiter = if count(b';') > count(b',') { b';' } else { b',' };
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).has_headers(true).from_reader(body);
    let header: Vec<String> = match reader.byte_headers() {
        Ok(h) if !(h.is_empty() || h.len() == 1 && h[0].is_empty()) => {
            let mut names: Vec<String> =
                h.iter().map(|f| String::from_utf8_lossy(f).trim().to_owned()).collect();
            // a delimiter at the end of the header line names no column
            while names.len() > 1 && names.last().is_some_and(String::is_empty) {
                names.pop();
            }
            super::check_width(label, names.len())?;
            names
        }
        Ok(_) => return Err(RegistryError::Empty(label.to_owned())),
        Err(e) => return Err(RegistryError::Csv { path: label.to_owned(), reason: e.to_string() }),
    };
    let start = usize::try_from(reader.position().byte()).unwrap_or(body.len()).min(body.len());
    Ok((header, delimiter, start))
}

/// The rows of `rest` (whole records), parsed in about `parts` pieces on as many threads.
fn parse_body(
    label: &str,
    rest: &[u8],
    delimiter: u8,
    header_len: usize,
    parts: usize,
) -> Result<Vec<ParsedPiece>, RegistryError> {
    let parse_all = |cuts: &[usize]| -> Vec<Result<ParsedPiece, RegistryError>> {
        std::thread::scope(|scope| {
            let handles: Vec<_> = cuts
                .windows(2)
                .map(|w| {
                    let piece = &rest[w[0]..w[1]];
                    scope.spawn(move || parse_piece(label, piece, delimiter, header_len))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join().unwrap_or_else(|_| {
                        Err(RegistryError::Csv {
                            path: label.to_owned(),
                            reason: "a reader failed".to_owned(),
                        })
                    })
                })
                .collect()
        })
    };
    let mut pieces = parse_all(&line_cuts(rest, parts));
    let count = pieces.len();
    let misplaced =
        pieces.iter().take(count.saturating_sub(1)).any(|p| p.as_ref().is_ok_and(|p| !p.clean_end));
    if misplaced {
        pieces = parse_all(&record_cuts(rest, delimiter, parts));
    }
    pieces.into_iter().collect()
}

/// Pieces read in order, as one registry's rows.
fn merge(
    label: &str,
    pieces: Vec<ParsedPiece>,
    header_lines: u64,
    columns: usize,
) -> Result<Records, RegistryError> {
    let mut merger = Merger::new(label, header_lines);
    let mut parts = Vec::with_capacity(pieces.len());
    let (mut problems, mut encoding) = (Vec::new(), Vec::new());
    for piece in pieces {
        let (cells, p, e) = merger.add(piece)?;
        parts.push(cells);
        problems.extend(p);
        encoding.extend(e);
    }
    Ok(Records { cells: Cells::from_pieces(parts), problems, encoding, structure: merger.finish(columns) })
}

/// Pieces taken in order: where each starts among the rows and the lines, and what the
/// file's structure looks like so far.
pub(super) struct Merger {
    label: String,
    structure: Structure,
    rows: usize,
    line: u64,
}

/// A piece's rows, its rows broken as a whole and its rows with a field that is not UTF-8
/// (row indices among all rows).
pub(super) type Taken = (Piece, super::Problems, Vec<(usize, usize)>);

impl Merger {
    pub(super) fn new(label: &str, header_lines: u64) -> Merger {
        Merger { label: label.to_owned(), structure: Structure::default(), rows: 0, line: header_lines + 1 }
    }

    /// The rows taken so far.
    pub(super) fn rows(&self) -> usize {
        self.rows
    }

    /// Takes the next piece; a row in it longer than [`MAX_ROW_BYTES`] refuses the registry.
    pub(super) fn add(&mut self, piece: ParsedPiece) -> Result<Taken, RegistryError> {
        let rows = self.rows;
        if let Some((row, line)) = piece.structure.too_long {
            return Err(self.too_long(rows as u64 + row + 1, self.line + line));
        }
        let problems = piece.problems.into_iter().map(|(i, p)| (i + rows, p)).collect();
        let encoding = piece.encoding.into_iter().map(|(i, c)| (i + rows, c)).collect();
        self.structure.add(&piece.structure, rows as u64, self.line);
        self.rows += piece.cells.len();
        self.line += piece.structure.newlines;
        Ok((piece.cells, problems, encoding))
    }

    /// Row `row`, from line `line`, is longer than [`MAX_ROW_BYTES`].
    fn too_long(&self, row: u64, line: u64) -> RegistryError {
        RegistryError::RowTooLong { path: self.label.clone(), row, line, json_lines: false }
    }

    /// What looked wrong in the file's structure (`columns`: the header's).
    pub(super) fn finish(self, columns: usize) -> Vec<StructureWarning> {
        self.structure.warnings(self.rows as u64, columns)
    }
}

/// A CSV read from a source a window of about `window` bytes at a time (a file, a database's
/// COPY output): only the window is held, never the whole text. Each window is cut where
/// csv-core ends a record, so the rows, problems and structure are those [`read_csv`] finds
/// in the same bytes, whatever the window. Every byte read is hashed (SHA-256).
pub(super) struct Windows<R> {
    label: String,
    source: super::hashed::Hashed<R>,
    /// The rows not yet parsed, from a record's start.
    carry: Vec<u8>,
    /// Whether the source may have more.
    more: bool,
    done: bool,
    window: usize,
    parts: usize,
    pub(super) header: Vec<String>,
    pub(super) delimiter: u8,
    /// Lines the header took (blank lines before it included).
    pub(super) header_lines: u64,
    /// Bytes read into windows so far (the header's included).
    pub(super) consumed: u64,
}

impl<R: std::io::Read> Windows<R> {
    /// Reads the header.
    pub(super) fn open(
        label: &str,
        source: R,
        parts: usize,
        window: usize,
    ) -> Result<Windows<R>, RegistryError> {
        let mut w = Windows {
            label: label.to_owned(),
            source: super::hashed::Hashed::new(label, source),
            carry: Vec::with_capacity(window + (1 << 16)),
            more: true,
            done: false,
            window,
            parts,
            header: Vec::new(),
            delimiter: b',',
            header_lines: 0,
            consumed: 0,
        };
        w.more = w.fill(window)?;
        // a header line longer than the window: read on until it ends, as long as a row may be
        while w.more && !w.carry.contains(&b'\n') {
            if w.carry.len() > MAX_ROW_BYTES {
                return Err(RegistryError::HeaderTooLong { path: label.to_owned() });
            }
            let target = (w.carry.len() + window).min(MAX_ROW_BYTES + 1);
            w.more = w.fill(target)?;
        }
        let body_start = if w.carry.starts_with(BOM) { BOM.len() } else { 0 };
        let (header, delimiter, start) = read_header(label, &w.carry[body_start..])?;
        let start = body_start + start;
        w.header_lines = newlines(&w.carry[body_start..start]);
        w.carry.drain(..start);
        w.consumed = start as u64;
        w.header = header;
        w.delimiter = delimiter;
        Ok(w)
    }

    /// Fills the window to at least `target` bytes (or the end); false at the end.
    fn fill(&mut self, target: usize) -> Result<bool, RegistryError> {
        self.source.fill(&mut self.carry, target)
    }

    /// The next window's rows, parsed in pieces; `None` after the last. `merger` has taken
    /// the windows before it (to name a row too long to read).
    pub(super) fn next_window(&mut self, merger: &Merger) -> Result<Option<Vec<ParsedPiece>>, RegistryError> {
        if self.done {
            return Ok(None);
        }
        let header_len = self.header.len();
        let mut target = self.window;
        loop {
            if self.more {
                self.more = self.fill(target)?;
            }
            if !self.more {
                self.done = true;
                let rest = std::mem::take(&mut self.carry);
                self.consumed += rest.len() as u64;
                return parse_body(&self.label, &rest, self.delimiter, header_len, self.parts).map(Some);
            }
            let mut cut = last_record_end(&self.carry, self.delimiter);
            if cut == 0 {
                let (blank_lines, blank) = leading_blank(&self.carry);
                if blank == self.carry.len() && blank > 1 {
                    // a window of blank lines only is taken as it is (no rows, its lines
                    // counted), all but its last byte (a `\r` whose `\n` is still to come):
                    // carried on, it would be parsed again with every window read after it
                    cut = blank - 1;
                } else if record_bytes(&self.carry, blank) > MAX_ROW_BYTES {
                    return Err(merger.too_long(merger.rows as u64 + 1, merger.line + blank_lines));
                } else {
                    // no record ends in the window yet: read on
                    target = self.carry.len() + self.window;
                    continue;
                }
            }
            let pieces = parse_body(&self.label, &self.carry[..cut], self.delimiter, header_len, self.parts)?;
            self.carry.drain(..cut);
            self.consumed += cut as u64;
            return Ok(Some(pieces));
        }
    }

    /// The SHA-256 of every byte read so far (all of them once the last window was read).
    pub(super) fn sha256(&self) -> [u8; 32] {
        self.source.sha256()
    }
}

/// Where the last record csv-core reads in `body` (from a record's start) ends, with its
/// `\n` after a `\r`; 0 when none ends, or when only the end of `body` would be one (the
/// next bytes may still belong to it). Never right before a byte-order mark.
fn last_record_end(body: &[u8], delimiter: u8) -> usize {
    plain_last_record_end(body).unwrap_or_else(|| parsed_last_record_end(body, delimiter))
}

/// [`last_record_end`] without parsing, for the usual window: no quote, no carriage return
/// and no byte-order mark, where every line feed ends a record or a blank line. `None`: the
/// window is not that plain (it is parsed then).
fn plain_last_record_end(body: &[u8]) -> Option<usize> {
    if memchr::memchr2(b'"', b'\r', body).is_some() || memchr::memmem::find(body, BOM).is_some() {
        return None;
    }
    // the last line feed with a byte after it (the last byte may end a record only because
    // the input ends there), back over blank lines before it: a record ends at the first
    let mut feed = memchr::memrchr(b'\n', body.get(..body.len().saturating_sub(1))?)?;
    while feed > 0 && body[feed - 1] == b'\n' {
        feed -= 1;
    }
    (feed > 0).then_some(feed + 1)
}

/// [`last_record_end`] as csv-core reads `body`.
fn parsed_last_record_end(body: &[u8], delimiter: u8) -> usize {
    use csv_core::ReadRecordResult;
    let mut core = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
    let mut output = vec![0u8; 1 << 16];
    let mut ends = vec![0usize; 1 << 10];
    let mut pos = 0;
    let mut last = 0;
    while pos < body.len() {
        let (result, read, _, _) = core.read_record(&body[pos..], &mut output, &mut ends);
        pos += read;
        match result {
            ReadRecordResult::Record => {
                let cut = if body[pos - 1] == b'\r' && body.get(pos) == Some(&b'\n') { pos + 1 } else { pos };
                // a record csv-core closed only because the input ended is not known to be whole
                if cut < body.len() && !body[cut..].starts_with(BOM) {
                    last = cut;
                }
            }
            ReadRecordResult::End => break,
            ReadRecordResult::InputEmpty if pos >= body.len() => break,
            ReadRecordResult::InputEmpty
            | ReadRecordResult::OutputFull
            | ReadRecordResult::OutputEndsFull => {}
        }
    }
    last
}

/// Offsets (0, cuts…, the end) at the first line end after each `parts`-th of `body`, never
/// right before a byte-order mark (a reader drops one at the start of its input).
pub(super) fn line_cuts(body: &[u8], parts: usize) -> Vec<usize> {
    let step = body.len() / parts.max(1);
    let mut cuts = vec![0];
    let mut at = step;
    while cuts.len() < parts && step > 0 && at < body.len() {
        let Some(newline) = body[at..].iter().position(|&b| b == b'\n') else { break };
        let cut = at + newline + 1;
        if cut < body.len() && !body[cut..].starts_with(BOM) {
            cuts.push(cut);
        }
        at = cut.max(cuts.last().copied().unwrap_or(0) + step);
    }
    cuts.push(body.len());
    cuts.dedup();
    cuts
}

const BOM: &[u8] = b"\xef\xbb\xbf";

/// Offsets (0, cuts…, the end) where csv-core, reading `body` front to back with the
/// reader's settings, ends a record, about every `parts`-th of it.
fn record_cuts(body: &[u8], delimiter: u8, parts: usize) -> Vec<usize> {
    use csv_core::ReadRecordResult;
    let mut core = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
    // the fields themselves are not kept: the buffers are only somewhere to write them
    let mut output = vec![0u8; 1 << 16];
    let mut ends = vec![0usize; 1 << 10];
    let step = body.len() / parts.max(1);
    let mut cuts = vec![0];
    let mut target = step;
    let mut pos = 0;
    while cuts.len() < parts && step > 0 && pos < body.len() {
        let (result, read, _, _) = core.read_record(&body[pos..], &mut output, &mut ends);
        pos += read;
        match result {
            ReadRecordResult::Record => {
                // after a `\r`, its `\n` stays with this piece
                let cut = if body[pos - 1] == b'\r' && body.get(pos) == Some(&b'\n') { pos + 1 } else { pos };
                if cut >= target && cut < body.len() && !body[cut..].starts_with(BOM) {
                    cuts.push(cut);
                    target = cut + step;
                }
            }
            ReadRecordResult::End => break,
            // the rest of the file is one record: no more cuts
            ReadRecordResult::InputEmpty if pos >= body.len() => break,
            ReadRecordResult::InputEmpty
            | ReadRecordResult::OutputFull
            | ReadRecordResult::OutputEndsFull => {}
        }
    }
    cuts.push(body.len());
    cuts.dedup();
    cuts
}

/// Whether `tail` (the bytes of a piece from its last record's start) ends between
/// records: csv-core closes that record and only line ends follow.
fn ends_between_records(tail: &[u8], delimiter: u8, at_piece_start: bool) -> bool {
    use csv_core::ReadRecordResult;
    let mut core = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
    let mut output = vec![0u8; 1 << 12];
    let mut ends = vec![0usize; 1 << 8];
    // csv-core drops a byte-order mark at the start of its input, as the reader did at the
    // start of the piece; in the middle of a piece the reader took it for data, and a blank
    // line first makes csv-core read it as data too
    if !at_piece_start {
        let _ = core.read_record(b"\n", &mut output, &mut ends);
    }
    let mut pos = 0;
    loop {
        let (result, read, _, _) = core.read_record(&tail[pos..], &mut output, &mut ends);
        pos += read;
        match result {
            ReadRecordResult::Record => {
                return tail[pos..].iter().all(|&b| b == b'\n' || b == b'\r');
            }
            ReadRecordResult::InputEmpty if pos >= tail.len() => {
                // no record closed: only blank lines (or nothing) may be left
                return tail.iter().all(|&b| b == b'\n' || b == b'\r');
            }
            ReadRecordResult::End => return true,
            ReadRecordResult::InputEmpty
            | ReadRecordResult::OutputFull
            | ReadRecordResult::OutputEndsFull => {}
        }
    }
}

/// What a piece's records say about the file's structure.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct PieceStructure {
    /// The first few long records: (row in the piece, line in the piece, lines).
    long: Vec<(u64, u64, u64)>,
    /// Rows whose number of fields is not the header's.
    field_counts: u64,
    long_count: u64,
    newlines: u64,
    nonblank_lines: u64,
    /// The first row longer than [`MAX_ROW_BYTES`]: (row in the piece, line in the piece).
    too_long: Option<(u64, u64)>,
}

/// The structure of the whole file, gathered piece by piece.
#[derive(Default)]
struct Structure {
    long: Vec<StructureWarning>,
    long_count: u64,
    nonblank_lines: u64,
    field_counts: u64,
}

impl Structure {
    fn add(&mut self, piece: &PieceStructure, first_row: u64, first_line: u64) {
        for &(row, line, lines) in &piece.long {
            if self.long.len() < NAMED_LONG_RECORDS {
                self.long.push(StructureWarning::LongRecord {
                    row: first_row + row + 1,
                    line: first_line + line,
                    lines,
                });
            }
        }
        self.long_count += piece.long_count;
        self.nonblank_lines += piece.nonblank_lines;
        self.field_counts += piece.field_counts;
    }

    fn warnings(self, rows: u64, columns: usize) -> Vec<StructureWarning> {
        let mut warnings = self.long;
        if self.field_counts > 0 && self.field_counts * 10 >= rows {
            warnings.push(StructureWarning::FieldCounts { rows: self.field_counts, columns });
        }
        if self.long_count > NAMED_LONG_RECORDS as u64 {
            warnings.push(StructureWarning::MoreLongRecords {
                count: self.long_count - NAMED_LONG_RECORDS as u64,
            });
        }
        let lines = self.nonblank_lines;
        if lines > rows + (rows / 10).max(LONG_RECORD_LINES) {
            warnings.push(StructureWarning::RowsVersusLines { rows, lines });
        }
        warnings
    }
}

/// How many line feeds `bytes` has (searched for, not compared byte by byte: a registry's
/// pieces are counted whole, and again record by record).
fn newlines(bytes: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', bytes).count() as u64
}

/// Counts the lines of one record (`text`, from its start to the next record's) and notes
/// it when it spans too many; `line` (0-based in the piece) moves on past it.
fn note(text: &[u8], row: u64, line: &mut u64, structure: &mut PieceStructure) {
    let breaks = newlines(text);
    // blank lines before the record are skipped by the reader and are not part of it, nor
    // are its line end and blank lines after it (wherever a window was cut among them)
    let (blank, blank_bytes) = leading_blank(text);
    let bytes = record_bytes(text, blank_bytes);
    if bytes > MAX_ROW_BYTES && structure.too_long.is_none() {
        structure.too_long = Some((row, *line + blank));
    }
    let after = newlines(&text[(blank_bytes + bytes).min(text.len())..]);
    let spans = breaks.saturating_sub(blank + after) + 1;
    if spans > LONG_RECORD_LINES {
        structure.long_count += 1;
        if structure.long.len() < NAMED_LONG_RECORDS {
            structure.long.push((row, *line + blank, spans));
        }
    }
    structure.nonblank_lines += spans;
    *line += breaks;
}

/// A piece's rows, the rows broken as a whole (index within the piece, problem), what its
/// structure looks like, and whether it ended between records.
pub(super) struct ParsedPiece {
    cells: Piece,
    problems: super::Problems,
    /// Rows with a field that is not UTF-8: (index within the piece, column).
    encoding: Vec<(usize, usize)>,
    structure: PieceStructure,
    clean_end: bool,
}

/// Parses a piece of CSV (no header): split at its line feeds and delimiters when it is
/// plain ([`parse_plain`]), read with the `csv` reader otherwise.
fn parse_piece(
    label: &str,
    piece: &[u8],
    delimiter: u8,
    header_len: usize,
) -> Result<ParsedPiece, RegistryError> {
    match parse_plain(piece, delimiter, header_len) {
        Some(parsed) => Ok(parsed),
        None => parse_quoted(label, piece, delimiter, header_len),
    }
}

/// The usual piece parsed without the `csv` reader: one with no quote, no carriage return,
/// no byte-order mark and nothing that is not UTF-8, where every line feed ends a record or a
/// blank line and every delimiter ends a field. It reads as [`parse_quoted`] reads it (a
/// property test holds them to it); `None` for any other piece.
fn parse_plain(piece: &[u8], delimiter: u8, header_len: usize) -> Option<ParsedPiece> {
    if delimiter == b'"'
        || delimiter == b'\r'
        || delimiter == b'\n'
        || memchr::memchr2(b'"', b'\r', piece).is_some()
        || memchr::memmem::find(piece, BOM).is_some()
    {
        return None;
    }
    let text = std::str::from_utf8(piece).ok()?;
    let (newlines, mut cells) = sized_for(piece, header_len);
    let mut problems = Vec::new();
    let mut field_counts: rustc_hash::FxHashMap<usize, std::sync::Arc<Invalid>> = Default::default();
    let mut structure = PieceStructure::default();
    let mut bounds: Vec<usize> = Vec::with_capacity(header_len + 1);
    // `at`: where the line being read starts; `line`: the line feeds before it; `start`:
    // where the next record starts as the reader counts it, right after the last record's
    // line feed (the blank lines it skips lie within the record that follows them)
    let (mut at, mut line, mut start) = (0, 0u64, 0);
    let mut last_start: Option<usize> = None;
    // every delimiter and line feed in order, then the end of the piece
    for p in memchr::memchr2_iter(delimiter, b'\n', piece).chain([piece.len()]) {
        if p < piece.len() && piece[p] == delimiter {
            bounds.push(p - at);
            continue;
        }
        if p > at {
            let index = cells.len();
            bounds.push(p - at);
            // empty fields past the header's columns are trailing delimiters, not data
            let mut fields = bounds.len();
            while fields > header_len && fields >= 2 && bounds[fields - 1] == bounds[fields - 2] + 1 {
                fields -= 1;
            }
            cells.push_split(&text[at..p], &bounds[..fields]);
            bounds.clear();
            if fields != header_len {
                structure.field_counts += 1;
                // (one reason for every row of the piece with as many fields)
                let reason =
                    field_counts.entry(fields).or_insert_with(|| field_count_problem(fields, header_len));
                problems.push((index, reason.clone()));
            }
            // (what `note` finds of a record on one line)
            if p - at > MAX_ROW_BYTES && structure.too_long.is_none() {
                structure.too_long = Some((index as u64, line));
            }
            structure.nonblank_lines += 1;
            last_start = Some(start);
            start = (p + 1).min(piece.len());
        }
        // (a blank line: skipped)
        if p < piece.len() {
            line += 1;
        }
        at = p + 1;
    }
    cells.close();
    let tail = &piece[last_start.unwrap_or(0).min(piece.len())..];
    structure.newlines = newlines;
    let clean_end = ends_between_records(tail, delimiter, last_start.unwrap_or(0) == 0);
    Some(ParsedPiece { cells, problems, encoding: Vec::new(), structure, clean_end })
}

/// The line feeds of `piece`, and an empty [`Piece`] sized for its rows. Sized once from the
/// line count: growing by doubling would copy the buffers and touch about twice their memory
/// (a quoted line break only makes the estimate generous; a field takes at least its
/// delimiter or line end, so rows shorter than the header do not reserve its width).
fn sized_for(piece: &[u8], header_len: usize) -> (u64, Piece) {
    let newlines = newlines(piece);
    let lines = newlines as usize + 1;
    (newlines, Piece::with_capacity(piece.len(), lines, (lines * header_len).min(piece.len() + lines)))
}

/// Why a row with `fields` fields, against a header of `header` columns, is broken.
fn field_count_problem(fields: usize, header: usize) -> std::sync::Arc<Invalid> {
    std::sync::Arc::new(Invalid {
        field: "row",
        reason: crate::msg!("invalid-field-count", fields = fields, header = header),
    })
}

/// Parses a piece of CSV (no header) with the `csv` reader.
fn parse_quoted(
    label: &str,
    piece: &[u8],
    delimiter: u8,
    header_len: usize,
) -> Result<ParsedPiece, RegistryError> {
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).has_headers(false).from_reader(piece);
    let (newlines, mut cells) = sized_for(piece, header_len);
    let mut problems = Vec::new();
    let mut field_counts: rustc_hash::FxHashMap<usize, std::sync::Arc<Invalid>> = Default::default();
    let mut encoding = Vec::new();
    let mut structure = PieceStructure::default();
    let mut raw = csv::ByteRecord::new();
    let mut last_start: Option<usize> = None;
    let mut line = 0;
    loop {
        match reader.read_byte_record(&mut raw) {
            Ok(false) => break,
            Ok(true) => {
                let index = cells.len();
                let start = raw.position().map_or(0, |p| usize::try_from(p.byte()).unwrap_or(0));
                // empty fields past the header's columns are trailing delimiters, not data
                let mut fields = raw.len();
                while fields > header_len && raw.get(fields - 1).is_some_and(<[u8]>::is_empty) {
                    fields -= 1;
                }
                if let Some(previous) = last_start {
                    note(&piece[previous..start.max(previous)], index as u64 - 1, &mut line, &mut structure);
                }
                last_start = Some(start);
                if let Ok(text) = std::str::from_utf8(raw.as_slice()) {
                    // the fields are written one after the other in `raw`: copied at once, unless
                    // one ends inside a character (two fields' bytes that only together are
                    // UTF-8: each is read as empty, as field by field)
                    let end = |i: usize| raw.range(i).map_or(0, |r| r.end);
                    if (0..fields).all(|i| text.is_char_boundary(end(i))) {
                        let kept = fields.checked_sub(1).map_or(0, end);
                        cells.push_joined(text.get(..kept).unwrap_or(""), (0..fields).map(end));
                    } else {
                        cells.push_row(
                            (0..fields).map(|i| raw.range(i).and_then(|r| text.get(r)).unwrap_or("")),
                        );
                    }
                } else {
                    let lossy: Vec<String> = (0..fields)
                        .map(|i| String::from_utf8_lossy(raw.get(i).unwrap_or(b"")).into_owned())
                        .collect();
                    cells.push_row(lossy.iter().map(String::as_str));
                    let column =
                        (0..fields).find(|&i| std::str::from_utf8(raw.get(i).unwrap_or(b"")).is_err());
                    encoding.push((index, column.unwrap_or(0)));
                    continue;
                }
                if fields != header_len {
                    structure.field_counts += 1;
                    // (one reason for every row of the piece with as many fields)
                    let reason =
                        field_counts.entry(fields).or_insert_with(|| field_count_problem(fields, header_len));
                    problems.push((index, reason.clone()));
                }
            }
            Err(e) => return Err(RegistryError::Csv { path: label.to_owned(), reason: e.to_string() }),
        }
    }
    cells.close();
    let tail = &piece[last_start.unwrap_or(0).min(piece.len())..];
    if last_start.is_some() {
        note(tail, cells.len() as u64 - 1, &mut line, &mut structure);
    }
    structure.newlines = newlines;
    let clean_end = ends_between_records(tail, delimiter, last_start.unwrap_or(0) == 0);
    Ok(ParsedPiece { cells, problems, encoding, structure, clean_end })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The header, every row's fields and every broken row.
    type Read = (Vec<String>, Vec<Vec<String>>, Vec<(usize, String)>);

    /// What a registry reads as in `parts` pieces.
    fn read(body: &[u8], parts: usize) -> Read {
        match read_csv("test", body, parts) {
            Ok((header, records, _)) => {
                let rows = (0..records.cells.len())
                    .map(|i| records.cells.row(i).map(str::to_owned).collect())
                    .collect();
                let problems = records
                    .problems
                    .iter()
                    .map(|(i, p)| (*i, p.reason.text(crate::i18n::Lang::En)))
                    .collect();
                (header, rows, problems)
            }
            Err(e) => (vec![e.to_string()], Vec::new(), Vec::new()),
        }
    }

    /// Pieces of CSV that tempt a naive splitter: quotes everywhere, line breaks inside
    /// quotes, CRLF, lone CR, BOMs, blank lines, non-UTF-8 bytes.
    fn token() -> impl Strategy<Value = &'static [u8]> {
        prop::sample::select(vec![
            &b"nelayan"[..],
            b"64.09.01",
            b",",
            b";",
            b"\"",
            b"\"\"",
            b"\"a\nb\"",
            b"x\"y",
            b"\n",
            b"\r\n",
            b"\r",
            b"\n\n",
            b"\xef\xbb\xbf",
            b"\xff",
            b" ",
            b"Mu\xf1oz",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        #[test]
        fn a_registry_reads_the_same_in_any_number_of_pieces(
            tokens in prop::collection::vec(token(), 0..400)
        ) {
            let mut body = b"nik,nama,pekerjaan\n".to_vec();
            for t in &tokens {
                body.extend_from_slice(t);
            }
            let whole = read(&body, 1);
            for parts in [2, 3, 7, 16] {
                prop_assert_eq!(&read(&body, parts), &whole, "{} pieces", parts);
            }
        }

        /// A window is cut where csv-core ends its last record, whether or not it is parsed
        /// to find out (a plain window, the usual one, is not).
        #[test]
        fn a_plain_window_is_cut_where_csv_core_would_cut_it(
            tokens in prop::collection::vec(
                prop::sample::select(vec![&b"nelayan"[..], b"64.09", b",", b";", b"\n", b"\n\n", b" ", b"\xff"]),
                0..60,
            ),
            quirk in prop::sample::select(vec![&b""[..], b"\"", b"\r", b"\xef\xbb\xbf"]),
            at in any::<prop::sample::Index>(),
        ) {
            let mut body: Vec<u8> = tokens.concat();
            let plain = plain_last_record_end(&body);
            prop_assert!(plain.is_none_or(|cut| cut == parsed_last_record_end(&body, b',')), "{:?}", plain);
            // and a window that is not plain is parsed
            body.splice(at.index(body.len() + 1).., quirk.iter().copied());
            if !quirk.is_empty() {
                prop_assert_eq!(plain_last_record_end(&body), None);
            }
            prop_assert_eq!(last_record_end(&body, b','), parsed_last_record_end(&body, b','));
        }
    }

    /// Everything a parsed piece says, to compare two parses.
    fn said(p: &ParsedPiece) -> impl PartialEq + std::fmt::Debug + use<> {
        let rows: Vec<Vec<String>> =
            (0..p.cells.len()).map(|i| p.cells.row(i).map(str::to_owned).collect()).collect();
        let problems: Vec<(usize, &'static str, String)> =
            p.problems.iter().map(|(i, e)| (*i, e.field, e.reason.text(crate::i18n::Lang::En))).collect();
        (rows, problems, p.encoding.clone(), p.structure.clone(), p.clean_end)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(600))]
        /// A plain piece is split as the `csv` reader reads it: the same fields, the same
        /// broken rows, the same lines counted and long rows found, the same end; a piece
        /// with a quote, a carriage return, a byte-order mark or a byte that is not UTF-8 is
        /// left to the reader.
        #[test]
        fn a_plain_piece_is_split_as_the_reader_reads_it(
            tokens in prop::collection::vec(
                prop::sample::select(vec![
                    &b"nelayan"[..], b"64.09", "Muñoz".as_bytes(), "日".as_bytes(), b",", b";", b",,",
                    b"\n", b"\n\n", b" ", b"\t",
                ]),
                0..80,
            ),
            delimiter in prop::sample::select(vec![b',', b';']),
            header_len in 1usize..5,
            long in any::<bool>(),
            quirk in prop::sample::select(vec![&b""[..], b"\"", b"\r", b"\xef\xbb\xbf", b"\xff", b"\xc3"]),
            at in any::<prop::sample::Index>(),
        ) {
            let mut tokens = tokens;
            let long_row = vec![b'x'; MAX_ROW_BYTES + 1];
            if long {
                // a row longer than a row may be, among others
                tokens.insert(at.index(tokens.len() + 1), &long_row);
            }
            let mut piece: Vec<u8> = tokens.concat();
            let plain = parse_plain(&piece, delimiter, header_len);
            let quoted = parse_quoted("test", &piece, delimiter, header_len).unwrap();
            prop_assert!(plain.is_some());
            prop_assert_eq!(said(&plain.unwrap()), said(&quoted));
            piece.splice(at.index(piece.len() + 1)..at.index(piece.len() + 1), quirk.iter().copied());
            if !quirk.is_empty() {
                prop_assert!(parse_plain(&piece, delimiter, header_len).is_none());
            }
        }
    }

    #[test]
    fn a_stray_quote_is_cut_around_not_through() {
        // a stray quote inside an unquoted field is an ordinary character for the reader;
        // a splitter flipping "inside quotes" at it would cut inside the quoted line break
        let mut body = b"nik,nama\n".to_vec();
        for i in 0..2000 {
            body.extend_from_slice(format!("{i},Ab\"dul\n{i},\"Siti\nRahma\"\n").as_bytes());
        }
        let whole = read(&body, 1);
        assert_eq!(whole.1.len(), 4000);
        for parts in [2, 3, 7, 16] {
            assert_eq!(read(&body, parts), whole, "{parts} pieces");
        }
    }

    #[test]
    fn a_quote_never_closed_is_reported_with_its_row_and_line() {
        let mut body = b"nik,nama\n1,Budi\n2,\"Siti\n".to_vec();
        for i in 3..100 {
            body.extend_from_slice(format!("{i},Nama {i}\n").as_bytes());
        }
        for parts in [1, 2, 5] {
            let (_, records, _) = read_csv("test", &body, parts).unwrap();
            assert_eq!(records.cells.len(), 2);
            assert_eq!(records.structure[0], StructureWarning::LongRecord { row: 2, line: 3, lines: 98 });
            assert!(matches!(records.structure[1], StructureWarning::RowsVersusLines { rows: 2, lines: 99 }));
        }
        let (_, records, _) = read_csv("test", b"nik,alamat\n1,\"Jl. Mawar\nRT 1\"\n2,Budi\n", 1).unwrap();
        assert!(records.structure.is_empty(), "one line break in a field is normal");
    }

    #[test]
    fn long_records_are_counted_past_the_first_few() {
        let mut body = b"nik,catatan\n".to_vec();
        for i in 0..10 {
            body.extend_from_slice(format!("{i},\"a\nb\nc\nd\ne\"\n").as_bytes());
        }
        let (_, records, _) = read_csv("test", &body, 3).unwrap();
        assert_eq!(records.structure[0], StructureWarning::LongRecord { row: 1, line: 2, lines: 5 });
        assert_eq!(records.structure[2], StructureWarning::LongRecord { row: 3, line: 12, lines: 5 });
        assert_eq!(records.structure[3], StructureWarning::MoreLongRecords { count: 7 });
    }
}
