//! Reading a JSON Lines registry: one object per line, its keys the columns (in the order
//! they first appear), in pieces of lines parsed on all cores — the same rows, columns and
//! refusals on any number of them. A piece keeps its values in one text and each field as
//! eight bytes (its column, where it ends), not a string apiece: a million rows of fourteen
//! fields held half a gigabyte of small strings before they became cells.

use super::{
    Cells, Format, Invalid, MAX_COLUMNS, MAX_ROW_BYTES, Piece, Records, RegistryError, check_width, delimited,
};
use crate::i18n::Msg;

/// One field of a line: its column among the piece's keys, and where its value ends in the
/// piece's text (from its line's start; a line is at most [`MAX_ROW_BYTES`]).
#[derive(Clone, Copy)]
struct Field {
    key: u16,
    end: u32,
}

/// A row of a piece: where its values start in the text and its fields in `fields`, or why
/// the line is no row of values.
struct Line {
    text: usize,
    fields: std::ops::Range<usize>,
    broken: Option<Msg>,
}

/// What a piece of lines holds, before the columns of the whole file are known.
#[derive(Default)]
struct Parsed {
    /// The keys in the order the piece first met them (all of them from rows before a line
    /// too long: the piece is read no further).
    keys: Vec<String>,
    numbers: rustc_hash::FxHashMap<String, u16>,
    text: String,
    fields: Vec<Field>,
    rows: Vec<Line>,
    /// (row in the piece, key) of values that were not UTF-8: the same rule as for CSV.
    not_utf8: Vec<(usize, u16)>,
    /// The first line over the length a row may have: (row, line), both in the piece.
    too_long: Option<(usize, u64)>,
    /// Line feeds in the piece.
    lines: u64,
}

/// Reads JSON Lines in about `parts` pieces (cut after line feeds).
pub(super) fn read(
    label: &str,
    body: &[u8],
    parts: usize,
) -> Result<(Vec<String>, Records, Format), RegistryError> {
    let cuts = delimited::line_cuts(body, parts);
    let parsed: Vec<Parsed> = std::thread::scope(|scope| {
        let handles: Vec<_> = cuts.windows(2).map(|w| scope.spawn(|| parse(&body[w[0]..w[1]]))).collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    });
    // the columns in the order the file first meets them, and the first refusal in the file's
    // order: a line too long, or a key past the most columns a registry may have
    let mut header: Vec<String> = Vec::new();
    let mut columns: rustc_hash::FxHashMap<&str, u16> = Default::default();
    let mut maps: Vec<Vec<u16>> = Vec::with_capacity(parsed.len());
    let (mut rows, mut lines) = (0usize, 0u64);
    for piece in &parsed {
        let mut map = Vec::with_capacity(piece.keys.len());
        for key in &piece.keys {
            let column = match columns.get(key.as_str()) {
                Some(&c) => c,
                None => {
                    if header.len() == MAX_COLUMNS {
                        check_width(label, header.len() + 1)?;
                    }
                    header.push(key.clone());
                    (header.len() - 1) as u16
                }
            };
            columns.insert(key.as_str(), column);
            map.push(column);
        }
        if let Some((long, line)) = piece.too_long {
            return Err(too_long(label, rows + long, lines + line));
        }
        maps.push(map);
        rows += piece.rows.len();
        lines += piece.lines;
    }
    drop(columns);
    if header.is_empty() {
        return Err(RegistryError::Empty(label.to_owned()));
    }
    // each piece's rows as cells, the piece let go as soon as they are made
    let (mut pieces, mut problems, mut encoding) = (Vec::with_capacity(parsed.len()), Vec::new(), Vec::new());
    let mut first = 0;
    for (piece, map) in parsed.into_iter().zip(maps) {
        let n = piece.rows.len();
        let mut cells = Piece {
            text: String::with_capacity(piece.text.len()),
            row_start: Vec::with_capacity(n),
            row_fields: Vec::with_capacity(n + 1),
            ends: Vec::with_capacity(n * header.len()),
        };
        let mut row: Vec<&str> = vec![""; header.len()];
        for (index, line) in piece.rows.iter().enumerate() {
            row.fill("");
            let text = &piece.text[line.text..];
            let mut start = 0;
            for field in &piece.fields[line.fields.clone()] {
                let end = field.end as usize;
                row[usize::from(map[usize::from(field.key)])] = text.get(start..end).unwrap_or("");
                start = end;
            }
            if let Some(reason) = &line.broken {
                problems.push((
                    first + index,
                    std::sync::Arc::new(Invalid { field: "row", reason: reason.clone() }),
                ));
            }
            cells.push_row(row.iter().copied());
        }
        cells.close();
        encoding
            .extend(piece.not_utf8.iter().map(|&(r, key)| (first + r, usize::from(map[usize::from(key)]))));
        first += piece.rows.len();
        pieces.push(cells);
    }
    let records = Records { cells: Cells::from_pieces(pieces), problems, encoding, structure: Vec::new() };
    Ok((header, records, Format::JsonLines))
}

fn too_long(label: &str, row: usize, line: u64) -> RegistryError {
    RegistryError::RowTooLong { path: label.to_owned(), row: row as u64 + 1, line: line + 1 }
}

/// Parses a piece's lines.
fn parse(piece: &[u8]) -> Parsed {
    let lines = memchr::memchr_iter(b'\n', piece).count() as u64;
    // (values are about half of a line's bytes; keys, quotes and braces the rest)
    let mut p = Parsed { lines, text: String::with_capacity(piece.len() / 2), ..Parsed::default() };
    for (line, raw) in piece.split(|&b| b == b'\n').enumerate() {
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let row = p.rows.len();
        if raw.len() > MAX_ROW_BYTES {
            // (nothing after it is read: the registry is refused there, or before)
            p.too_long = Some((row, line as u64));
            break;
        }
        let text = p.text.len();
        let first = p.fields.len();
        let broken = fields(&mut p, raw, row, text).err();
        p.rows.push(Line { text, fields: first..p.fields.len(), broken });
    }
    p
}

/// The fields of one line, added to the piece (`row` its row in the piece, its values from
/// `text` in the piece's text on); why it is no object of values, if it is not.
fn fields(p: &mut Parsed, raw: &[u8], row: usize, text: usize) -> Result<(), Msg> {
    let valid = std::str::from_utf8(raw).is_ok();
    let line = String::from_utf8_lossy(raw);
    let object = match serde_json::from_str::<serde_json::Value>(&line) {
        Ok(serde_json::Value::Object(o)) => o,
        Ok(_) => return Err(crate::msg!("invalid-json-not-object")),
        Err(e) => return Err(crate::msg!("invalid-json", error = e)),
    };
    for (key, value) in object {
        let number = match p.numbers.get(&key) {
            Some(&n) => n,
            None => {
                // (past the most columns a registry may have the file is refused when the
                // pieces are put together: the number only has to stay distinct until then)
                let n = u16::try_from(p.keys.len()).unwrap_or(u16::MAX);
                p.keys.push(key.clone());
                p.numbers.insert(key, n);
                n
            }
        };
        if !valid && value.as_str().is_some_and(|v| v.contains('\u{fffd}')) {
            p.not_utf8.push((row, number));
        }
        match value {
            serde_json::Value::String(s) => p.text.push_str(&s),
            serde_json::Value::Null => {}
            serde_json::Value::Bool(b) => p.text.push_str(if b { "ya" } else { "tidak" }),
            other => p.text.push_str(&other.to_string()),
        }
        let end = u32::try_from(p.text.len() - text).unwrap_or(u32::MAX);
        p.fields.push(Field { key: number, end });
    }
    Ok(())
}
