//! Reading records back without copying them: `verify` and `replay` read a million
//! records, so a [`super::Record`] borrows the text of its line ([`Text`]) instead of owning
//! it, and lines are read in blocks ([`blocks`]).

use std::borrow::Cow;
use std::path::Path;

use serde::de::{Deserialize, Deserializer, Visitor};

/// A string of a record: borrowed from the run while it is written, from the line when it
/// is read back and has no escapes; owned otherwise.
#[derive(Clone, Debug, PartialEq, Eq, Default, PartialOrd, Ord, Hash)]
pub struct Text<'a>(pub Cow<'a, str>);

impl Text<'_> {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// For `skip_serializing_if`.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl PartialEq<str> for Text<'_> {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Text<'_> {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<String> for Text<'_> {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Text<'_>> for String {
    fn eq(&self, other: &Text<'_>) -> bool {
        **self == *other.0
    }
}

impl Text<'_> {
    /// The text, owned.
    pub fn into_owned(self) -> String {
        self.0.into_owned()
    }
}

impl std::ops::Deref for Text<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // as `str` does: widths and padding apply
        std::fmt::Display::fmt(&*self.0, f)
    }
}

impl<'a> From<&'a str> for Text<'a> {
    fn from(s: &'a str) -> Text<'a> {
        Text(Cow::Borrowed(s))
    }
}

impl From<String> for Text<'_> {
    fn from(s: String) -> Self {
        Text(Cow::Owned(s))
    }
}

impl serde::Serialize for Text<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
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
