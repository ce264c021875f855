//! Reading a JSON Lines registry: one object per line, its keys the columns (in the order
//! they first appear, each line's keys taken in serde_json's order: sorted), in windows cut
//! after a line feed ([`LineWindows`]: a file is never held whole), each window in pieces of
//! lines parsed on all cores — the same rows, columns and refusals in any window and on any
//! number of cores. A piece keeps its values in one text and each field as eight bytes (its
//! column, where it ends), not a string apiece: a million rows of fourteen fields held half a
//! gigabyte of small strings before they became cells. Most lines are read straight into
//! the piece, their strings borrowed from the line; a line with a key new to its piece, a
//! key repeated, or no object at all is read as serde_json's `Map` holds it.

use super::{
    Cells, Format, Invalid, MAX_COLUMNS, MAX_ROW_BYTES, Piece, Records, RegistryError, check_width, delimited,
};
use crate::i18n::Msg;

/// One field of a line: its column among the piece's keys, and where its value ends in the
/// piece's text (from its line's start; a line is at most [`MAX_ROW_BYTES`]). A line's
/// fields are in the order written, or by key; no key is among them twice.
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
pub(super) struct Parsed {
    /// The keys in the order the piece first met them (all of them from rows before a line
    /// too long: the piece is read no further).
    keys: Vec<String>,
    numbers: rustc_hash::FxHashMap<String, u16>,
    /// The line each key was last met on (to tell a key repeated in a line).
    seen: Vec<u32>,
    /// The number of the line being read (from 1).
    line: u32,
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
    let parsed = parse_window(body, parts);
    let mut keys = Keys::default();
    let Some(maps) = keys.meet(label, &parsed)? else {
        unreachable!("a header still growing takes every key")
    };
    if keys.header.is_empty() {
        return Err(RegistryError::Empty(label.to_owned()));
    }
    // (read whole from bytes in memory: every row's cells are held anyway; each piece let go
    // as soon as its cells are made)
    let (mut pieces, mut problems, mut encoding) = (Vec::new(), Vec::new(), Vec::new());
    let mut first = 0;
    for (piece, map) in parsed.into_iter().zip(&maps) {
        let n = piece.rows.len();
        let one = (std::slice::from_ref(&piece), std::slice::from_ref(map));
        let (p, broken, bad) = cells(one.0, one.1, keys.header.len(), first, 0..n);
        pieces.extend(p);
        problems.extend(broken);
        encoding.extend(bad);
        first += n;
    }
    let records = Records { cells: Cells::from_pieces(pieces), problems, encoding, structure: Vec::new() };
    Ok((keys.header, records, Format::JsonLines))
}

/// Parses a window of lines (whole lines, cut after line feeds) in about `parts` pieces on
/// as many threads.
pub(super) fn parse_window(body: &[u8], parts: usize) -> Vec<Parsed> {
    let cuts = delimited::line_cuts(body, parts);
    std::thread::scope(|scope| {
        let handles: Vec<_> = cuts.windows(2).map(|w| scope.spawn(|| parse(&body[w[0]..w[1]]))).collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    })
}

/// The columns of a JSON Lines file, in the order the file first meets them, as its pieces
/// are met in order; and how many rows and lines came before the next piece.
#[derive(Default)]
pub(super) struct Keys {
    pub(super) header: Vec<String>,
    columns: rustc_hash::FxHashMap<String, u16>,
    /// Whether the header is complete (known from a first pass over the whole file): a key
    /// it does not have means the text is not what that pass read.
    complete: bool,
    pub(super) rows: usize,
    pub(super) lines: u64,
}

impl Keys {
    /// Keys already known to be every one of the file's.
    pub(super) fn complete(header: &[String]) -> Keys {
        let columns = header.iter().enumerate().map(|(i, h)| (h.clone(), i as u16)).collect();
        Keys { header: header.to_vec(), columns, complete: true, rows: 0, lines: 0 }
    }

    /// Takes the keys met so far as every key of the file: a key not among them is no longer
    /// added (see [`Keys::meet`]).
    pub(super) fn take_as_complete(&mut self) {
        self.complete = true;
    }

    /// Meets the next pieces of the file: each piece's keys as columns, or the first refusal
    /// in the file's order (a line too long, a key past the most columns a registry may
    /// have); `None` when a complete header lacks one of the pieces' keys.
    pub(super) fn meet(
        &mut self,
        label: &str,
        parsed: &[Parsed],
    ) -> Result<Option<Vec<Vec<u16>>>, RegistryError> {
        let mut maps = Vec::with_capacity(parsed.len());
        for piece in parsed {
            let mut map = Vec::with_capacity(piece.keys.len());
            for key in &piece.keys {
                let column = match self.columns.get(key.as_str()) {
                    Some(&c) => c,
                    None if self.complete => return Ok(None),
                    None => {
                        if self.header.len() == MAX_COLUMNS {
                            check_width(label, self.header.len() + 1)?;
                        }
                        self.header.push(key.clone());
                        let c = (self.header.len() - 1) as u16;
                        self.columns.insert(key.clone(), c);
                        c
                    }
                };
                map.push(column);
            }
            if let Some((long, line)) = piece.too_long {
                return Err(too_long(label, self.rows + long, self.lines + line));
            }
            maps.push(map);
            self.rows += piece.rows.len();
            self.lines += piece.lines;
        }
        Ok(Some(maps))
    }

    /// The row after those met, from the line after them, is longer than a row may be.
    pub(super) fn too_long_next(&self, label: &str) -> RegistryError {
        too_long(label, self.rows, self.lines)
    }
}

/// The most cells a window's rows are made into at a time. A JSON Lines row names only the
/// keys it has, so a line of a few bytes under a header of a thousand columns is a thousand
/// cells: an 8 MiB window of `{}` lines would be gigabytes of them at once. Windows are taken
/// in runs of rows within this ([`runs`]).
pub(super) const CELLS: usize = 1 << 22;

/// The rows `0..rows` of a window cut in runs of at most [`CELLS`] cells of `width` columns
/// (one empty run for a window without rows).
pub(super) fn runs(rows: usize, width: usize) -> Vec<std::ops::Range<usize>> {
    let step = (CELLS / width.max(1)).max(1);
    let mut runs: Vec<_> = (0..rows).step_by(step).map(|s| s..(s + step).min(rows)).collect();
    if runs.is_empty() {
        runs.push(0..0);
    }
    runs
}

/// The rows `run` of the window `parsed` (its rows numbered from `first`) as cells of
/// `width` columns; the rows among them broken as a whole; and the (row, column) of their
/// values that are not UTF-8.
pub(super) fn cells(
    parsed: &[Parsed],
    maps: &[Vec<u16>],
    width: usize,
    first: usize,
    run: std::ops::Range<usize>,
) -> (Vec<Piece>, super::Problems, Vec<(usize, usize)>) {
    let (mut pieces, mut problems, mut encoding) = (Vec::new(), Vec::new(), Vec::new());
    let mut before = 0;
    for (piece, map) in parsed.iter().zip(maps) {
        let n = piece.rows.len();
        // (the piece's rows within the run)
        let rows = run.start.max(before) - before..run.end.min(before + n).max(before) - before;
        let at = first + before;
        before += n;
        if rows.is_empty() {
            continue;
        }
        let mut cells = Piece {
            text: String::new(),
            row_start: Vec::with_capacity(rows.len()),
            row_fields: Vec::with_capacity(rows.len() + 1),
            ends: Vec::with_capacity(rows.len() * width),
        };
        let mut row: Vec<&str> = vec![""; width];
        for index in rows.clone() {
            let line = &piece.rows[index];
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
                    at + index,
                    std::sync::Arc::new(Invalid { field: "row", reason: reason.clone() }),
                ));
            }
            cells.push_row(row.iter().copied());
        }
        cells.close();
        encoding.extend(
            piece
                .not_utf8
                .iter()
                .filter(|(r, _)| rows.contains(r))
                .map(|&(r, key)| (at + r, usize::from(map[usize::from(key)]))),
        );
        pieces.push(cells);
    }
    (pieces, problems, encoding)
}

/// What the next window of a JSON Lines source is.
pub(super) enum Window {
    /// Whole lines (the last one without its line feed at the end of the source).
    Lines(Vec<u8>),
    /// The line after those taken is longer than a row may be (and not blank).
    TooLong,
}

/// A JSON Lines source read about `window` bytes at a time, each window cut after its last
/// line feed, so that only the window is held (and a line, as long as a row may be, carried
/// to the next). Every byte read is hashed; a byte-order mark at the start is left out.
pub(super) struct LineWindows<R> {
    source: super::hashed::Hashed<R>,
    carry: Vec<u8>,
    more: bool,
    started: bool,
    /// The line at `carry`'s start began with more blank bytes than a row may have (let go).
    blank_run: bool,
    window: usize,
    /// Bytes handed out in windows so far.
    pub(super) consumed: u64,
}

impl<R: std::io::Read> LineWindows<R> {
    pub(super) fn new(label: &str, source: R, window: usize) -> LineWindows<R> {
        LineWindows {
            source: super::hashed::Hashed::new(label, source),
            carry: Vec::new(),
            more: true,
            started: false,
            blank_run: false,
            window: window.max(1),
            consumed: 0,
        }
    }

    /// Reads until `carry` holds `target` bytes or the source ends (false then).
    fn fill(&mut self, target: usize) -> Result<bool, RegistryError> {
        self.source.fill(&mut self.carry, target)
    }

    /// The next window; `None` after the last.
    pub(super) fn next_window(&mut self) -> Result<Option<Window>, RegistryError> {
        let blank = |bytes: &[u8]| bytes.iter().all(u8::is_ascii_whitespace);
        let mut target = self.window;
        loop {
            if self.more {
                self.more = self.fill(target)?;
            }
            if !self.started {
                self.started = true;
                if self.carry.starts_with(BOM) {
                    self.carry.drain(..BOM.len());
                    self.consumed += BOM.len() as u64;
                }
            }
            if self.blank_run {
                // the rest of a line whose first megabyte and more were blank
                let end = memchr::memchr(b'\n', &self.carry).unwrap_or(self.carry.len());
                if !blank(&self.carry[..end]) {
                    return Ok(Some(Window::TooLong));
                }
                if end == self.carry.len() && self.more {
                    self.consumed += self.carry.len() as u64;
                    self.carry.clear();
                    target = self.window;
                    continue;
                }
                self.blank_run = false;
            }
            if !self.more {
                if self.carry.is_empty() {
                    return Ok(None);
                }
                self.consumed += self.carry.len() as u64;
                return Ok(Some(Window::Lines(std::mem::take(&mut self.carry))));
            }
            match memchr::memrchr(b'\n', &self.carry) {
                Some(at) => {
                    let rest = self.carry.split_off(at + 1);
                    let lines = std::mem::replace(&mut self.carry, rest);
                    self.consumed += lines.len() as u64;
                    return Ok(Some(Window::Lines(lines)));
                }
                // one line, still open, longer than a row may be (its `\r` not counted)
                None if self.carry.len() > MAX_ROW_BYTES + 1 => {
                    if !blank(&self.carry) {
                        return Ok(Some(Window::TooLong));
                    }
                    self.consumed += self.carry.len() as u64;
                    self.carry.clear();
                    self.blank_run = true;
                    target = self.window;
                }
                None => target = self.carry.len() + self.window,
            }
        }
    }

    /// The SHA-256 of every byte read so far (all of them once the last window was read).
    pub(super) fn sha256(&self) -> [u8; 32] {
        self.source.sha256()
    }
}

const BOM: &[u8] = b"\xef\xbb\xbf";

fn too_long(label: &str, row: usize, line: u64) -> RegistryError {
    RegistryError::RowTooLong {
        path: label.to_owned(),
        row: row as u64 + 1,
        line: line + 1,
        json_lines: true,
    }
}

/// Parses a piece's lines.
fn parse(piece: &[u8]) -> Parsed {
    let lines = memchr::memchr_iter(b'\n', piece).count() as u64;
    // (values are about half of a line's bytes; keys, quotes and braces the rest)
    let mut p = Parsed { lines, text: String::with_capacity(piece.len() / 2), ..Parsed::default() };
    let mut start = 0;
    for line in 0..=lines {
        let end = memchr::memchr(b'\n', &piece[start..]).map_or(piece.len(), |at| start + at);
        let raw = &piece[start..end];
        start = end + 1;
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let row = p.rows.len();
        if raw.len() > MAX_ROW_BYTES {
            // (nothing after it is read: the registry is refused there, or before)
            p.too_long = Some((row, line));
            break;
        }
        let text = p.text.len();
        let first = p.fields.len();
        let broken = fields(&mut p, raw, row, text).err();
        p.rows.push(Line { text, fields: first..p.fields.len(), broken });
    }
    p
}

impl Parsed {
    /// The number of `key` in the piece.
    fn number(&mut self, key: Cow<'_, str>) -> u16 {
        if let Some(&n) = self.numbers.get(key.as_ref()) {
            return n;
        }
        // (past the most columns a registry may have the file is refused when the pieces
        // are put together: the number only has to stay distinct until then)
        let n = u16::try_from(self.keys.len()).unwrap_or(u16::MAX);
        let key = key.into_owned();
        self.keys.push(key.clone());
        self.numbers.insert(key, n);
        if self.seen.len() <= usize::from(n) {
            self.seen.resize(usize::from(n) + 1, 0);
        }
        n
    }

    /// Adds a value's text, and where it ends, as the field of key number `key`.
    fn push(&mut self, key: u16, value: Value<'_>, valid: bool, row: usize, text: usize) {
        match value {
            Value::Text(s) => {
                if !valid && s.contains('\u{fffd}') {
                    self.not_utf8.push((row, key));
                }
                self.text.push_str(&s);
            }
            Value::Null => {}
            Value::Bool(b) => self.text.push_str(if b { "ya" } else { "tidak" }),
            Value::Other(other) => self.text.push_str(&other.to_string()),
        }
        let end = u32::try_from(self.text.len() - text).unwrap_or(u32::MAX);
        self.fields.push(Field { key, end });
    }
}

/// The fields of one line, added to the piece (`row` its row in the piece, its values from
/// `text` in the piece's text on); why it is no object of values, if it is not.
fn fields(p: &mut Parsed, raw: &[u8], row: usize, text: usize) -> Result<(), Msg> {
    let (line, valid) = match std::str::from_utf8(raw) {
        Ok(line) => (Cow::Borrowed(line), true),
        Err(_) => (String::from_utf8_lossy(raw), false),
    };
    // most lines: an object of keys the piece has met, none repeated, read straight into
    // the piece in the order written (a row's cells are placed by key)
    let (texts, fields, broken) = (p.text.len(), p.fields.len(), p.not_utf8.len());
    p.line = p.line.wrapping_add(1);
    let mut de = serde_json::Deserializer::from_str(&line);
    let straight = Straight { p: &mut *p, valid, row, text };
    if serde::de::DeserializeSeed::deserialize(straight, &mut de).and_then(|()| de.end()).is_ok() {
        return Ok(());
    }
    p.text.truncate(texts);
    p.fields.truncate(fields);
    p.not_utf8.truncate(broken);
    // else as serde_json's `Map` holds the object: by key, the last of a key repeated kept,
    // and new keys numbered in that order; a line that is no object read as a `Value`, to
    // say why in serde_json's words
    let mut object = match serde_json::from_str::<Object<'_>>(&line) {
        Ok(Object(fields)) => fields,
        Err(_) => match serde_json::from_str::<serde_json::Value>(&line) {
            Ok(serde_json::Value::Object(o)) => {
                o.into_iter().map(|(k, v)| (Cow::Owned(k), Value::of(v))).collect()
            }
            Ok(_) => return Err(crate::msg!("invalid-json-not-object")),
            Err(e) => return Err(crate::msg!("invalid-json", error = e)),
        },
    };
    // (stable: of a key repeated, the last is the one kept)
    object.sort_by(|a, b| a.0.cmp(&b.0));
    let mut kept: Vec<(Cow<'_, str>, Value<'_>)> = Vec::with_capacity(object.len());
    for field in object {
        match kept.last_mut() {
            Some(last) if last.0 == field.0 => *last = field,
            _ => kept.push(field),
        }
    }
    for (key, value) in kept {
        let number = p.number(key);
        p.push(number, value, valid, row, text);
    }
    Ok(())
}

/// A line read straight into a piece: an object whose keys the piece has all met, none
/// twice (anything else is an error, and the line is read the other way).
struct Straight<'p> {
    p: &'p mut Parsed,
    valid: bool,
    row: usize,
    text: usize,
}

impl<'de> serde::de::DeserializeSeed<'de> for Straight<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Straight<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an object of known keys")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        use serde::de::Error as _;
        let Straight { p, valid, row, text } = self;
        while let Some(Text(key)) = map.next_key::<Text<'de>>()? {
            let Some(&n) = p.numbers.get(key.as_ref()) else { return Err(A::Error::custom("a new key")) };
            let seen = &mut p.seen[usize::from(n)];
            if *seen == p.line {
                return Err(A::Error::custom("a key repeated"));
            }
            *seen = p.line;
            let value = map.next_value::<Value<'de>>()?;
            p.push(n, value, valid, row, text);
        }
        Ok(())
    }
}

use std::borrow::Cow;

/// A line read as an object's fields, in the order written.
struct Object<'a>(Vec<(Cow<'a, str>, Value<'a>)>);

/// A field's value as a cell takes it.
enum Value<'a> {
    Text(Cow<'a, str>),
    Null,
    Bool(bool),
    /// A number, a list or an object: written as serde_json writes it.
    Other(serde_json::Value),
}

impl Value<'_> {
    fn of(v: serde_json::Value) -> Value<'static> {
        match v {
            serde_json::Value::String(s) => Value::Text(Cow::Owned(s)),
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(b),
            other => Value::Other(other),
        }
    }
}

/// A string, borrowed from the line when it holds no escape.
struct Text<'a>(Cow<'a, str>);

impl<'de> serde::Deserialize<'de> for Text<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        d.deserialize_str(Visit)
    }
}

impl<'de> serde::Deserialize<'de> for Value<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Value<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a value")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Value<'de>, E> {
                Ok(Value::Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Value<'de>, E> {
                Ok(Value::Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Value<'de>, E> {
                Ok(Value::Text(Cow::Owned(v)))
            }
            fn visit_unit<E>(self) -> Result<Value<'de>, E> {
                Ok(Value::Null)
            }
            fn visit_none<E>(self) -> Result<Value<'de>, E> {
                Ok(Value::Null)
            }
            fn visit_bool<E>(self, v: bool) -> Result<Value<'de>, E> {
                Ok(Value::Bool(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Value<'de>, E> {
                Ok(Value::Other(v.into()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Value<'de>, E> {
                Ok(Value::Other(v.into()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Value<'de>, E> {
                Ok(Value::Other(v.into()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Value<'de>, A::Error> {
                use serde::Deserialize as _;
                serde_json::Value::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))
                    .map(Value::Other)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Value<'de>, A::Error> {
                use serde::Deserialize as _;
                serde_json::Value::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(Value::Other)
            }
        }
        d.deserialize_any(Visit)
    }
}

impl<'de> serde::Deserialize<'de> for Object<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Object<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Object<'de>, A::Error> {
                let mut fields = Vec::with_capacity(map.size_hint().unwrap_or(16));
                while let Some((Text(key), value)) = map.next_entry::<Text<'de>, Value<'de>>()? {
                    fields.push((key, value));
                }
                Ok(Object(fields))
            }
        }
        // (anything but an object is an error here, read again as a `Value`)
        d.deserialize_map(Visit)
    }
}
