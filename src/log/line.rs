//! A [`Record`] as its line of the log, encoded by hand: the very bytes `serde_json` writes
//! for it (the tests hold the two together, record by record), without serde's calls per
//! field and with strings that need no escape (nearly all of a registry's) copied whole.
//! A run writes every record through here; [`Record`] stays the one definition of what a
//! record holds. [`read`] reads such a line back by hand; any other (an escape in a string,
//! an older schema, a line changed by hand) is read by `serde_json`.

use super::compact::ReadValues;
use super::view::Text;
use super::{InvalidInfo, PluginAnswer, ProgramDecision, READ_AS, Record};

/// Appends `record` to `out` as `serde_json::to_writer` would (no line end).
pub fn write(record: &Record<'_>, out: &mut Vec<u8>) {
    // (destructured whole: a field added to `Record` does not compile here until written)
    let Record { row, outcome, input, read, invalid, duplicate_of, warnings, programs, salt, leaf, prev } =
        record;
    out.extend_from_slice(b"{\"row\":");
    number(out, u64::from(*row));
    out.extend_from_slice(b",\"outcome\":");
    string(out, outcome.as_str());
    out.extend_from_slice(b",\"input\":");
    strings(out, input);
    if let Some(read) = read {
        out.extend_from_slice(b",\"read\":");
        match read {
            ReadValues::All(values) => strings(out, values),
            ReadValues::Changed(values) => {
                out.push(b'{');
                for (k, (field, value)) in values.iter().enumerate() {
                    if k > 0 {
                        out.push(b',');
                    }
                    string(out, READ_AS[usize::from(*field)].name());
                    out.push(b':');
                    string(out, value.as_str());
                }
                out.push(b'}');
            }
        }
    }
    if let Some(InvalidInfo { field, reason }) = invalid {
        out.extend_from_slice(b",\"invalid\":{\"field\":");
        string(out, field.as_str());
        out.extend_from_slice(b",\"reason\":");
        string(out, reason.as_str());
        out.push(b'}');
    }
    if let Some(first) = duplicate_of {
        out.extend_from_slice(b",\"duplicate_of\":");
        number(out, u64::from(*first));
    }
    if !warnings.is_empty() {
        out.extend_from_slice(b",\"warnings\":");
        strings(out, warnings);
    }
    if !programs.is_empty() {
        out.extend_from_slice(b",\"programs\":[");
        for (k, d) in programs.iter().enumerate() {
            if k > 0 {
                out.push(b',');
            }
            program(d, out);
        }
        out.push(b']');
    }
    for (key, value) in [(&b",\"salt\":"[..], salt), (b",\"leaf\":", leaf), (b",\"prev\":", prev)] {
        if !value.is_empty() {
            out.extend_from_slice(key);
            string(out, value.as_str());
        }
    }
    out.push(b'}');
}

fn program(d: &ProgramDecision<'_>, out: &mut Vec<u8>) {
    let ProgramDecision {
        program,
        decision,
        rules,
        reason,
        message,
        cite,
        funding,
        months,
        premium,
        rank,
        priority,
        plugin,
    } = d;
    out.push(b'{');
    // (schema 6 leaves out the first three where the header and the outcome give them, when
    // they are empty: the first key written has no comma before it)
    let mut first = true;
    for (k, value) in [(&b"\"program\":"[..], program), (b"\"decision\":", decision), (b"\"rules\":", rules)]
    {
        if !value.is_empty() {
            key(out, &mut first, k);
            string(out, value.as_str());
        }
    }
    for (k, value) in [
        (&b"\"reason\":"[..], reason),
        (b"\"message\":", message),
        (b"\"cite\":", cite),
        (b"\"funding\":", funding),
    ] {
        if let Some(value) = value {
            key(out, &mut first, k);
            string(out, value.as_str());
        }
    }
    for (k, value) in [
        (&b"\"months\":"[..], months.map(u64::from)),
        (b"\"premium\":", *premium),
        (b"\"rank\":", rank.map(u64::from)),
    ] {
        if let Some(value) = value {
            key(out, &mut first, k);
            number(out, value);
        }
    }
    if let Some(priority) = priority {
        key(out, &mut first, b"\"priority\":");
        signed(out, i64::from(*priority));
    }
    if let Some(PluginAnswer { verdict, priority, group, notes, call }) = plugin {
        key(out, &mut first, b"\"plugin\":{\"verdict\":");
        string(out, verdict.as_str());
        out.extend_from_slice(b",\"priority\":");
        signed(out, i64::from(*priority));
        if let Some(group) = group {
            out.extend_from_slice(b",\"group\":");
            string(out, group.as_str());
        }
        if !notes.is_empty() {
            out.extend_from_slice(b",\"notes\":");
            strings(out, notes);
        }
        out.extend_from_slice(b",\"call\":");
        number(out, u64::from(*call));
        out.push(b'}');
    }
    out.push(b'}');
}

/// Writes an object's key `k` (`"name":`), after a comma unless it is the first.
fn key(out: &mut Vec<u8>, first: &mut bool, k: &[u8]) {
    if !std::mem::take(first) {
        out.push(b',');
    }
    out.extend_from_slice(k);
}

fn number(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

fn signed(out: &mut Vec<u8>, n: i64) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

fn strings(out: &mut Vec<u8>, values: &[Text<'_>]) {
    out.push(b'[');
    for (k, value) in values.iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        string(out, value.as_str());
    }
    out.push(b']');
}

/// Whether `byte` is written escaped in a JSON string (as `serde_json` does: the quote, the
/// backslash and the control characters; nothing else).
fn escaped(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
}

/// Whether any byte of `bytes` is one a JSON string escapes (a control byte, a quote, a
/// backslash).
fn any_escaped(bytes: &[u8]) -> bool {
    first_escaped(bytes) < bytes.len()
}

/// Where the first byte of `bytes` that a JSON string escapes is (a control byte, a quote, a
/// backslash); `bytes.len()` when there is none. Sixteen bytes at a time where the processor
/// has SSE2 (every x86-64 does), the rest as `first_escaped_in_words` finds it. Readers call
/// it on the rest of a line, so most strings end in the first sixteen bytes looked at.
pub fn first_escaped(bytes: &[u8]) -> usize {
    #[cfg(target_arch = "x86_64")]
    {
        if bytes.len() >= 16 {
            return sixteen::first_escaped(bytes);
        }
    }
    first_escaped_in_words(bytes)
}

/// [`first_escaped`] for x86-64, a block of sixteen bytes at a time.
#[cfg(target_arch = "x86_64")]
mod sixteen {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8,
    };

    /// The bytes of the block at `at` to escape, one bit each (lowest: first).
    fn marks(bytes: &[u8], at: usize) -> u32 {
        let block = &bytes[at..at + 16];
        // SAFETY: SSE2 is part of x86-64; the load reads the sixteen bytes of `block`, which
        // the slice above holds (it panics otherwise), unaligned as `loadu` allows.
        unsafe {
            let v = _mm_loadu_si128(block.as_ptr().cast::<__m128i>());
            // a control byte is one the unsigned minimum with 0x1f leaves as it is
            let control = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1f)), v);
            let quote = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'"' as i8));
            let backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\\' as i8));
            _mm_movemask_epi8(_mm_or_si128(control, _mm_or_si128(quote, backslash))) as u32
        }
    }

    /// `bytes` holds at least sixteen.
    pub(super) fn first_escaped(bytes: &[u8]) -> usize {
        let mut at = 0;
        while at + 16 <= bytes.len() {
            let m = marks(bytes, at);
            if m != 0 {
                return at + m.trailing_zeros() as usize;
            }
            at += 16;
        }
        if at == bytes.len() {
            return at;
        }
        // the last sixteen bytes, some looked at already (and found plain)
        let last = bytes.len() - 16;
        match marks(bytes, last) {
            0 => bytes.len(),
            m => last + m.trailing_zeros() as usize,
        }
    }
}

/// [`first_escaped`] eight bytes at a time: a control byte is one below 0x20, a quote or
/// backslash one that equals its own after an exclusive or (the word tests of "Bit Twiddling
/// Hacks"). A test may also mark a byte after a marked one, never one before it, so the
/// lowest mark of a word is exact.
fn first_escaped_in_words(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let below = |w: u64, n: u8| w.wrapping_sub(ONES * u64::from(n)) & !w & HIGHS;
    let marks = |w: u64| {
        below(w, 0x20) | below(w ^ (ONES * u64::from(b'"')), 1) | below(w ^ (ONES * u64::from(b'\\')), 1)
    };
    let first = |at: usize, marks: u64| at + (marks.trailing_zeros() / 8) as usize;
    let load = |w: &[u8]| u64::from_le_bytes(w.try_into().unwrap_or([b' '; 8]));
    let mut at = 0;
    while let Some(word) = bytes.get(at..at + 8) {
        let m = marks(load(word));
        if m != 0 {
            return first(at, m);
        }
        at += 8;
    }
    let rest = &bytes[at..];
    if rest.is_empty() {
        return bytes.len();
    }
    let m = if bytes.len() >= 8 {
        // the last eight bytes, some looked at already (and found plain)
        at = bytes.len() - 8;
        marks(load(&bytes[at..]))
    } else {
        // (put together in a register: a word stored byte by byte and read whole stalls)
        let tail = rest.iter().rev().fold(0u64, |w, &b| (w << 8) | u64::from(b));
        marks(tail | (ONES * u64::from(b' ')) << (8 * rest.len()))
    };
    if m == 0 { bytes.len() } else { first(at, m) }
}

/// `s` as a JSON string; one with nothing to escape is copied whole.
fn string(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.push(b'"');
    if !any_escaped(bytes) {
        out.extend_from_slice(bytes);
    } else {
        let mut start = 0;
        for (at, &b) in bytes.iter().enumerate() {
            if !escaped(b) {
                continue;
            }
            out.extend_from_slice(&bytes[start..at]);
            match b {
                b'"' => out.extend_from_slice(b"\\\""),
                b'\\' => out.extend_from_slice(b"\\\\"),
                b'\n' => out.extend_from_slice(b"\\n"),
                b'\r' => out.extend_from_slice(b"\\r"),
                b'\t' => out.extend_from_slice(b"\\t"),
                0x08 => out.extend_from_slice(b"\\b"),
                0x0c => out.extend_from_slice(b"\\f"),
                _ => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    out.extend_from_slice(b"\\u00");
                    out.push(HEX[usize::from(b >> 4)]);
                    out.push(HEX[usize::from(b & 0xf)]);
                }
            }
            start = at + 1;
        }
        out.extend_from_slice(&bytes[start..]);
    }
    out.push(b'"');
}

/// The outcome of a record line that begins as [`write()`] begins every record — its row,
/// then its outcome written plainly, with no escape —; `None` for any other line. (What
/// follows is not looked at.)
pub fn outcome_of(line: &str) -> Option<&str> {
    let (_, outcome) = Cursor { line, at: 0 }.row_and_outcome()?;
    match outcome.0 {
        std::borrow::Cow::Borrowed(word) => Some(word),
        std::borrow::Cow::Owned(_) => None,
    }
}

/// Reads back a line exactly as [`write()`] writes it: every field in its place, no space, no
/// escape in any string, numbers as `itoa` writes them. `None` for anything else — a line of
/// another shape, an older schema's, a string with an escape, a forged line —, which serde
/// then reads as before: what this accepts, serde reads the same (the tests hold them
/// together, over written records and over every one-byte change of rich ones). Strings are
/// borrowed from the line. (`verify` spent a quarter of its CPU in serde reading records.)
pub fn read(line: &str) -> Option<Record<'_>> {
    let mut c = Cursor { line, at: 0 };
    let (row, outcome) = c.row_and_outcome()?;
    let row = u32::try_from(row).ok()?;
    c.expect(b",\"input\":")?;
    let input = c.strings()?;
    let read = if c.take(b",\"read\":") {
        Some(if c.peek() == Some(b'[') {
            ReadValues::All(c.strings()?)
        } else {
            ReadValues::Changed(c.changed()?)
        })
    } else {
        None
    };
    let invalid = if c.take(b",\"invalid\":{\"field\":") {
        let field = c.string()?;
        c.expect(b",\"reason\":")?;
        let reason = c.string()?;
        c.expect(b"}")?;
        Some(InvalidInfo { field, reason })
    } else {
        None
    };
    let duplicate_of =
        if c.take(b",\"duplicate_of\":") { Some(u32::try_from(c.unsigned()?).ok()?) } else { None };
    let warnings = if c.take(b",\"warnings\":") { c.strings()? } else { Vec::new() };
    let mut programs = Vec::new();
    if c.take(b",\"programs\":[") && !c.take(b"]") {
        loop {
            programs.push(c.program()?);
            if c.take(b"]") {
                break;
            }
            c.expect(b",")?;
        }
    }
    let mut last = |key: &[u8]| if c.take(key) { c.string() } else { Some(Text::default()) };
    let salt = last(b",\"salt\":")?;
    let leaf = last(b",\"leaf\":")?;
    let prev = last(b",\"prev\":")?;
    c.expect(b"}")?;
    (c.at == line.len()).then_some(Record {
        row,
        outcome,
        input,
        read,
        invalid,
        duplicate_of,
        warnings,
        programs,
        salt,
        leaf,
        prev,
    })
}

/// Where [`read`] is in its line.
struct Cursor<'a> {
    line: &'a str,
    at: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.line.as_bytes().get(self.at).copied()
    }

    /// Steps over `bytes` if they come next.
    fn take(&mut self, bytes: &[u8]) -> bool {
        let here = self.line.as_bytes().get(self.at..self.at + bytes.len()) == Some(bytes);
        if here {
            self.at += bytes.len();
        }
        here
    }

    fn expect(&mut self, bytes: &[u8]) -> Option<()> {
        self.take(bytes).then_some(())
    }

    /// A string without escapes, borrowed.
    fn string(&mut self) -> Option<Text<'a>> {
        self.expect(b"\"")?;
        let start = self.at;
        let end = start + first_escaped(&self.line.as_bytes()[start..]);
        // (the byte found is a quote, or not a string this reads; both ends are ASCII, so
        // character boundaries)
        (self.line.as_bytes().get(end) == Some(&b'"')).then_some(())?;
        self.at = end + 1;
        Some(Text(std::borrow::Cow::Borrowed(&self.line[start..end])))
    }

    /// What begins every record: `{"row":<digits>,"outcome":"<word>"`.
    fn row_and_outcome(&mut self) -> Option<(u64, Text<'a>)> {
        self.expect(b"{\"row\":")?;
        let row = self.unsigned()?;
        self.expect(b",\"outcome\":")?;
        Some((row, self.string()?))
    }

    fn strings(&mut self) -> Option<Vec<Text<'a>>> {
        self.expect(b"[")?;
        // (a registry's row is rarely wider: one allocation, not four growing ones)
        let mut values = Vec::with_capacity(16);
        if self.take(b"]") {
            return Some(values);
        }
        loop {
            values.push(self.string()?);
            if self.take(b"]") {
                return Some(values);
            }
            self.expect(b",")?;
        }
    }

    /// Digits as `itoa` writes them: no sign, no leading zero, within `u64`.
    fn unsigned(&mut self) -> Option<u64> {
        let digits = self.line.as_bytes()[self.at..].iter().take_while(|b| b.is_ascii_digit()).count();
        let text = &self.line[self.at..self.at + digits];
        if digits == 0 || (digits > 1 && text.starts_with('0')) {
            return None;
        }
        self.at += digits;
        text.parse().ok()
    }

    /// [`Cursor::unsigned`], or a minus and one that is not zero; within `i32`.
    fn signed(&mut self) -> Option<i32> {
        if self.take(b"-") {
            let n = self.unsigned()?;
            (n != 0).then_some(())?;
            i32::try_from(-i64::try_from(n).ok()?).ok()
        } else {
            i32::try_from(self.unsigned()?).ok()
        }
    }

    /// Schema 5's `read` as written: the values that differ from their cells, by name, each
    /// once.
    fn changed(&mut self) -> Option<Vec<(u8, Text<'a>)>> {
        self.expect(b"{")?;
        let mut values: Vec<(u8, Text<'a>)> = Vec::new();
        if self.take(b"}") {
            return Some(values);
        }
        loop {
            let name = self.string()?;
            let field = u8::try_from(READ_AS.iter().position(|f| f.name() == name.as_str())?).ok()?;
            if values.iter().any(|(f, _)| *f == field) {
                return None;
            }
            self.expect(b":")?;
            values.push((field, self.string()?));
            if self.take(b"}") {
                return Some(values);
            }
            self.expect(b",")?;
        }
    }

    fn program(&mut self) -> Option<ProgramDecision<'a>> {
        self.expect(b"{")?;
        // (a struct's fields are evaluated in the order written: the line's; the first key
        // has no comma before it, and schema 6 may leave out any of the first three)
        let mut first = true;
        let decision = ProgramDecision {
            program: self.optional(&mut first, b"\"program\":")?.unwrap_or_default(),
            decision: self.optional(&mut first, b"\"decision\":")?.unwrap_or_default(),
            rules: self.optional(&mut first, b"\"rules\":")?.unwrap_or_default(),
            reason: self.optional(&mut first, b"\"reason\":")?,
            message: self.optional(&mut first, b"\"message\":")?,
            cite: self.optional(&mut first, b"\"cite\":")?,
            funding: self.optional(&mut first, b"\"funding\":")?,
            months: self.number(&mut first, b"\"months\":")?.map(u32::try_from).transpose().ok()?,
            premium: self.number(&mut first, b"\"premium\":")?,
            rank: self.number(&mut first, b"\"rank\":")?.map(u32::try_from).transpose().ok()?,
            priority: if self.key(&mut first, b"\"priority\":") { Some(self.signed()?) } else { None },
            plugin: if self.key(&mut first, b"\"plugin\":{\"verdict\":") {
                Some(self.plugin()?)
            } else {
                None
            },
        };
        self.expect(b"}")?;
        Some(decision)
    }

    /// Steps over an object's key `k` (`"name":`) if it comes next, after a comma unless it
    /// would be the first.
    fn key(&mut self, first: &mut bool, k: &[u8]) -> bool {
        let rest = &self.line.as_bytes()[self.at..];
        let comma = usize::from(!*first);
        let here = (*first || rest.first() == Some(&b',')) && rest.get(comma..comma + k.len()) == Some(k);
        if here {
            self.at += comma + k.len();
            *first = false;
        }
        here
    }

    /// A plugin's answer after its `verdict` key.
    fn plugin(&mut self) -> Option<PluginAnswer<'a>> {
        let answer = PluginAnswer {
            verdict: self.string()?,
            priority: {
                self.expect(b",\"priority\":")?;
                self.signed()?
            },
            group: if self.take(b",\"group\":") { Some(self.string()?) } else { None },
            notes: if self.take(b",\"notes\":") { self.strings()? } else { Vec::new() },
            call: {
                self.expect(b",\"call\":")?;
                u32::try_from(self.unsigned()?).ok()?
            },
        };
        self.expect(b"}")?;
        Some(answer)
    }

    /// The string after key `k` if `k` comes next; `Some(None)` if it does not.
    fn optional(&mut self, first: &mut bool, k: &[u8]) -> Option<Option<Text<'a>>> {
        if self.key(first, k) { self.string().map(Some) } else { Some(None) }
    }

    /// The number after key `k` if `k` comes next; `Some(None)` if it does not.
    fn number(&mut self, first: &mut bool, k: &[u8]) -> Option<Option<u64>> {
        if self.key(first, k) { self.unsigned().map(Some) } else { Some(None) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Text<'_> {
        Text(s.into())
    }

    /// Every byte below 0x80 and some beyond, alone and among others.
    fn awkward() -> Vec<String> {
        let mut all: Vec<String> = (0u8..0x80).map(|b| char::from(b).to_string()).collect();
        all.extend(
            [
                "",
                "Budi \"Kecil\" \\ Santoso",
                "baris\nbaru\r\n\ttab",
                "é ñ 日本 \u{7f} \u{2028}",
                "a\u{1}b\u{1f}",
            ]
            .map(str::to_owned),
        );
        all.push("x".repeat(17) + "\"" + &"y".repeat(40));
        all
    }

    fn same(record: &Record<'_>) {
        let mut ours = Vec::new();
        write(record, &mut ours);
        let theirs = serde_json::to_vec(record).expect("json");
        assert_eq!(String::from_utf8_lossy(&ours), String::from_utf8_lossy(&theirs));
    }

    #[test]
    fn a_byte_to_escape_is_found_wherever_it_is() {
        // (past two blocks of sixteen and a part of one)
        for len in 0..40 {
            for at in 0..len {
                for b in 0u8..=255 {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = b;
                    assert_eq!(any_escaped(&bytes), escaped(b), "{b:#x} at {at} of {len}");
                    assert_eq!(first_escaped(&bytes), if escaped(b) { at } else { len }, "{b:#x} at {at}");
                    // beside bytes that only look near: 0x20, 0x21, 0x23, 0x5b, 0x5d, 0x80, 0xff
                    let mut near = vec![0x20, 0x21, 0x23, 0x5b, 0x5d, 0x80, 0xff, 0x7f, 0x41];
                    near.resize(len.max(1), 0x5d);
                    let k = at.min(near.len() - 1);
                    near[k] = b;
                    let want = near.iter().any(|&c| escaped(c));
                    assert_eq!(any_escaped(&near), want, "{near:x?}");
                    let first = near.iter().position(|&c| escaped(c)).unwrap_or(near.len());
                    assert_eq!(first_escaped(&near), first, "{near:x?}");
                    // two to escape: the first is found, whatever follows it
                    let mut two = near.clone();
                    two.push(b'"');
                    two.extend_from_slice(&near);
                    let first = two.iter().position(|&c| escaped(c)).unwrap_or(two.len());
                    assert_eq!(first_escaped(&two), first, "{two:x?}");
                    assert_eq!(first_escaped_in_words(&two), first, "{two:x?}");
                }
            }
        }
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        for s in awkward() {
            let mut ours = Vec::new();
            string(&mut ours, &s);
            assert_eq!(ours, serde_json::to_vec(&s).expect("json"), "{s:?}");
        }
    }

    #[test]
    fn every_field_present_or_absent_is_written_as_serde_json_writes_it() {
        for record in shapes(false).iter().chain(&shapes(true)) {
            same(record);
        }
    }

    /// Records of every shape [`write`] writes — every optional field present and absent,
    /// numbers at their ends —, their strings `plain` (nothing to escape) or awkward (every
    /// byte below 0x80 and some beyond, see `awkward`).
    fn shapes(plain: bool) -> Vec<Record<'static>> {
        let awkward = awkward();
        let odd = |k: usize, plain_text: &'static str| {
            if plain { text(plain_text) } else { Text(awkward[k % awkward.len()].clone().into()) }
        };
        let plugin = |notes: Vec<Text<'static>>, group: Option<Text<'static>>| PluginAnswer {
            verdict: text("accept"),
            priority: i32::MIN,
            group,
            notes,
            call: u32::MAX,
        };
        let full = ProgramDecision {
            program: text("ppu-2025"),
            decision: text("waiting"),
            rules: text("1101"),
            reason: Some(text("quota-full")),
            message: Some(odd(130, "kuota penuh; é ñ 日本 \u{7f}")),
            cite: Some(text("")),
            funding: Some(text("apbd")),
            months: Some(12),
            premium: Some(u64::MAX),
            rank: Some(0),
            priority: Some(-7),
            plugin: Some(plugin(vec![odd(34, "n1"), text("")], Some(text("64.09")))),
        };
        let mut bare = full.clone();
        (bare.reason, bare.message, bare.cite, bare.funding) = (None, None, None, None);
        (bare.months, bare.premium, bare.rank, bare.priority) = (None, None, None, Some(i32::MAX));
        bare.plugin = Some(plugin(Vec::new(), None));
        let none = ProgramDecision { plugin: None, rules: text(""), priority: Some(0), ..bare.clone() };
        // schema 6: the program, decision and rules left to the header and the outcome
        let lean = ProgramDecision { program: text(""), decision: text(""), rules: text(""), ..full.clone() };
        let only_decision = ProgramDecision { program: text(""), ..bare.clone() };
        let nothing = ProgramDecision {
            program: text(""),
            decision: text(""),
            priority: None,
            plugin: None,
            ..none.clone()
        };
        let input = if plain {
            vec![text("6409041911842725"), text(""), text("Budi Santoso"), text("é")]
        } else {
            awkward.iter().map(|s| Text(s.clone().into())).collect()
        };
        let whole = Record {
            row: u32::MAX,
            outcome: text("rejected"),
            input,
            read: Some(ReadValues::All(vec![text("6409"), odd(0, "")])),
            invalid: Some(InvalidInfo { field: text("nik"), reason: odd(129, "kurang digit") }),
            duplicate_of: Some(3),
            warnings: vec![text("nik-sex"), odd(9, "x y")],
            programs: vec![full, bare, none],
            salt: text("00ff"),
            leaf: text("ab"),
            prev: text("cd"),
        };
        let changed = Record {
            read: Some(ReadValues::Changed(vec![(0, text("1")), (3, odd(10, "tidak aktif"))])),
            ..whole.clone()
        };
        let empty_map = Record { read: Some(ReadValues::Changed(Vec::new())), ..whole.clone() };
        let least = Record {
            row: 0,
            outcome: text(""),
            input: Vec::new(),
            read: None,
            invalid: None,
            duplicate_of: None,
            warnings: Vec::new(),
            programs: Vec::new(),
            salt: text(""),
            leaf: text(""),
            prev: text(""),
        };
        let one = Record { row: 10, programs: whole.programs[..1].to_vec(), ..least.clone() };
        let lean = Record { programs: vec![lean, only_decision, nothing], prev: text(""), ..whole.clone() };
        vec![whole, changed, empty_map, least, one, lean]
    }

    /// What `write` writes (with no escape), `read` reads back as it was.
    #[test]
    fn a_line_as_written_reads_back_by_hand() {
        for record in shapes(true) {
            let mut line = Vec::new();
            write(&record, &mut line);
            let line = String::from_utf8(line).expect("text");
            assert_eq!(read(&line), Some(record.clone()), "{line}");
        }
        // a string with an escape is left to serde
        let mut escaped = Vec::new();
        write(&Record { outcome: text("a\"b"), ..shapes(true)[3].clone() }, &mut escaped);
        assert_eq!(read(std::str::from_utf8(&escaped).expect("text")), None);
    }

    /// Whatever one byte changed, put in or taken out: what `read` accepts, serde reads the
    /// same; what serde would read otherwise or refuse, `read` leaves to it.
    #[test]
    fn what_read_accepts_serde_reads_the_same() {
        let mut accepted = 0;
        for record in shapes(true) {
            let mut line = Vec::new();
            write(&record, &mut line);
            for at in 0..=line.len() {
                for b in b"09-+.e \"\\,:{}[]axn\t\x01\xc3" {
                    let mut changed = Vec::new();
                    for edit in 0..3 {
                        changed.clear();
                        changed.extend_from_slice(&line);
                        match edit {
                            0 if at < line.len() => changed[at] = *b,
                            1 => changed.insert(at, *b),
                            2 if at < line.len() => {
                                changed.remove(at);
                            }
                            _ => continue,
                        }
                        let Ok(text) = std::str::from_utf8(&changed) else { continue };
                        if let Some(ours) = read(text) {
                            accepted += 1;
                            let theirs: Record<'_> = serde_json::from_str(text).expect("serde reads it too");
                            assert_eq!(ours, theirs, "{text}");
                        }
                    }
                }
            }
        }
        // (changes inside strings and numbers are accepted: the test is not empty)
        assert!(accepted > 1000, "{accepted}");
    }
}
