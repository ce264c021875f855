//! Reading records back without copying them: `verify` and `replay` read a million
//! records, so they borrow the text of each line instead of building owned [`super::Record`]s.

use std::borrow::Cow;
use std::path::Path;

use serde::de::{Deserialize, Deserializer, Visitor};

/// A JSON string, borrowed from the line when it has no escapes.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Text<'a>(pub Cow<'a, str>);

impl Text<'_> {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Cow<'de, str>;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }

            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Cow::Borrowed(v))
            }

            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Cow::Owned(v.to_owned()))
            }

            fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
                Ok(Cow::Owned(v))
            }
        }
        deserializer.deserialize_str(V).map(Text)
    }
}

/// The parts of a record `verify` and `replay` need.
#[derive(Debug, serde::Deserialize)]
pub struct View<'a> {
    pub row: u32,
    #[serde(borrow)]
    pub outcome: Text<'a>,
    #[serde(borrow)]
    pub input: Vec<Text<'a>>,
    #[serde(borrow, default)]
    pub read: Option<Vec<Text<'a>>>,
    #[serde(borrow, default)]
    pub invalid: Option<InvalidView<'a>>,
    #[serde(default)]
    pub duplicate_of: Option<u32>,
    #[serde(borrow, default)]
    pub programs: Vec<DecisionView<'a>>,
    #[serde(borrow, default)]
    pub prev: Text<'a>,
}

#[derive(Debug, serde::Deserialize)]
pub struct InvalidView<'a> {
    #[serde(borrow)]
    pub field: Text<'a>,
    #[serde(borrow)]
    pub reason: Text<'a>,
}

#[derive(Debug, serde::Deserialize)]
pub struct DecisionView<'a> {
    #[serde(borrow)]
    pub program: Text<'a>,
    #[serde(borrow)]
    pub decision: Text<'a>,
    #[serde(borrow, default)]
    pub reason: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub message: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub cite: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub funding: Option<Text<'a>>,
    #[serde(default)]
    pub months: Option<u32>,
    #[serde(default)]
    pub premium: Option<u64>,
    #[serde(default)]
    pub rank: Option<u32>,
    #[serde(default)]
    pub priority: Option<i32>,
    #[serde(default)]
    pub plugin: Option<PluginView>,
}

#[derive(Debug, serde::Deserialize)]
pub struct PluginView {
    pub priority: i32,
}

impl DecisionView<'_> {
    /// The ranking priority (the plugin's, when there is one).
    pub fn priority(&self) -> Option<i32> {
        self.priority.or(self.plugin.as_ref().map(|p| p.priority))
    }
}

/// Reads the record lines after the header in blocks of about `bytes` bytes, handing each
/// block (and the number of record lines before it) to `f`. The trailer, the last line, is
/// returned apart. Lines are borrowed from one buffer: no allocation per line.
pub fn blocks(
    path: &Path,
    bytes: usize,
    mut f: impl FnMut(usize, &[&str]) -> std::io::Result<()>,
) -> std::io::Result<Option<String>> {
    use std::io::Read as _;
    let mut file = std::fs::File::open(path)?;
    let mut buffer: Vec<u8> = Vec::with_capacity(bytes + (1 << 16));
    let mut carry: Vec<u8> = Vec::new();
    let mut done = 0;
    let mut header_skipped = false;
    // the last complete line seen, held back until we know it is not the trailer
    let mut held: Option<String> = None;
    loop {
        buffer.clear();
        buffer.extend_from_slice(&carry);
        carry.clear();
        let read = (&mut file).take(bytes as u64).read_to_end(&mut buffer)?;
        let end_of_file = read == 0;
        let cut = if end_of_file {
            buffer.len()
        } else {
            buffer.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1)
        };
        carry.extend_from_slice(&buffer[cut..]);
        // a log that is not UTF-8 was tampered with; read it anyway, so the chain shows where
        let text = match std::str::from_utf8(&buffer[..cut]) {
            Ok(t) => Cow::Borrowed(t),
            Err(_) => String::from_utf8_lossy(&buffer[..cut]),
        };
        let mut lines: Vec<&str> = text.split('\n').collect();
        // the piece after the last newline is empty (or, at the end of a file without one,
        // the last line)
        if lines.last().is_some_and(|l| l.is_empty()) {
            lines.pop();
        }
        if !header_skipped && !lines.is_empty() {
            lines.remove(0);
            header_skipped = true;
        }
        let mut block: Vec<&str> = Vec::with_capacity(lines.len() + 1);
        let held_now = held.take();
        if let Some(h) = held_now.as_deref() {
            block.push(h);
        }
        if end_of_file {
            block.extend(lines);
            let trailer = match block.last() {
                Some(l) if l.contains("\"kind\":\"trailer\"") => block.pop().map(str::to_owned),
                _ => None,
            };
            if !block.is_empty() {
                f(done, &block)?;
            }
            return Ok(trailer);
        }
        if let Some(last) = lines.pop() {
            held = Some(last.to_owned());
        }
        block.extend(lines);
        if !block.is_empty() {
            f(done, &block)?;
            done += block.len();
        }
    }
}
