//! Text that came from outside jaring (a plugin, a registry cell, a run folder someone
//! handed over) made safe to show: bounded in length and with every character that could
//! steer a terminal, a spreadsheet or a reader's eye written out visibly.
//!
//! Escaped: C0 controls and DEL (`\n`, `\r`, `\t`, ESC…), C1 controls (U+0080–U+009F),
//! line and paragraph separators (U+2028, U+2029) and the bidirectional controls
//! (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) that can make text display in
//! another order than it is stored. Each becomes `\n`, `\r`, `\t` or `\u{…}`, so an
//! untrusted line can never start a new line, move the cursor or reorder what follows.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` must not reach a terminal or document as itself.
pub fn is_control(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{2028}' | '\u{2029}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every control character written out (`\n`, `\u{1b}`); borrowed when there
/// is none.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_control(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// At most `max` bytes of `text`, cut at a character boundary; a cut is marked with `…`
/// and the full length, so a reader knows something was left out.
pub fn clip(text: &str, max: usize) -> Cow<'_, str> {
    if text.len() <= max {
        return Cow::Borrowed(text);
    }
    let mut cut = max;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    Cow::Owned(format!("{}… ({} bytes in all)", &text[..cut], text.len()))
}

/// Untrusted text for a message: escaped, and at most `max` bytes of it (escapes included)
/// plus a note of the full length when anything was left out.
pub fn shown(text: &str, max: usize) -> String {
    let escaped = escape(prefix(text, max));
    let kept = prefix(&escaped, max);
    if text.len() <= max && kept.len() == escaped.len() {
        kept.to_owned()
    } else {
        format!("{kept}… ({} bytes in all)", text.len())
    }
}

/// The first `max` bytes of `text` (cut at a character boundary), for keeping a bounded
/// copy of something much longer.
pub fn prefix(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut cut = max;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    &text[..cut]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_written_out_and_plain_text_is_borrowed() {
        assert!(matches!(escape("Siti Rahmawati — désa"), Cow::Borrowed(_)));
        assert_eq!(escape("a\nHasil: terdaftar"), "a\\nHasil: terdaftar");
        assert_eq!(escape("\u{1b}[31mred\r"), "\\u{1b}[31mred\\r");
        assert_eq!(escape("\u{9b}2J"), "\\u{9b}2J");
        assert_eq!(escape("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(escape("x\u{2028}y\u{7f}"), "x\\u{2028}y\\u{7f}");
        assert!(!escape("\u{1b}]0;title\u{7}").chars().any(is_control));
    }

    #[test]
    fn clipping_keeps_whole_characters_and_says_how_long_the_text_was() {
        assert_eq!(clip("pendek", 10), "pendek");
        assert_eq!(clip("éééé", 3), "é… (8 bytes in all)");
        assert_eq!(prefix("éééé", 3), "é");
        assert_eq!(shown("a\nb\nc\nd", 4), "a\\nb… (7 bytes in all)");
        assert_eq!(shown("a\nb", 10), "a\\nb");
        assert_eq!(
            shown(&"\u{1b}".repeat(1000), 20).len(),
            "\\u{1b}\\u{1b}\\u{1b}\\u… (1000 bytes in all)".len()
        );
    }
}
