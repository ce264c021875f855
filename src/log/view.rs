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
/// returned apart. Lines are borrowed from one buffer: no allocation per line. An error `f`
/// returns stops the reading and is returned as it is (the caller's own type, so that a caller
/// may also stop on purpose); an error reading the file comes as `E::from`.
///
/// The next block is read, checked as UTF-8 and cut into lines on a thread of its own while
/// `f` works on the last one (two buffers of about `bytes`, or of the longest line if longer):
/// that was done between the blocks, on one core while the other waited (1M `replay`, which
/// reads its log twice: 1,64-1,67 -> 1,45-1,50 s).
pub fn blocks<E: From<std::io::Error>>(
    path: &Path,
    bytes: usize,
    mut f: impl FnMut(usize, &[&str]) -> Result<(), E>,
) -> Result<Option<String>, E> {
    let file = std::fs::File::open(path)?;
    let (full_in, full_out) = std::sync::mpsc::sync_channel::<std::io::Result<Block>>(1);
    let (empty_in, empty_out) = std::sync::mpsc::channel::<Block>();
    std::thread::scope(|scope| {
        scope.spawn(move || read_ahead(file, bytes, &full_in, &empty_out));
        // (held here, so that a return drops them: a reader waiting to send a block or for
        // a buffer then stops)
        let (full_out, empty_in) = (full_out, empty_in);
        let mut done = 0;
        let mut header_skipped = false;
        // the last complete line seen, held back until we know it is not the trailer
        let mut held: Option<String> = None;
        // (the reader is done when the channel closes: after the end of the file or an error)
        while let Ok(block) = full_out.recv() {
            let block = block?;
            let end_of_file = block.last;
            let text = block.text.as_str();
            let mut lines: Vec<&str> = Vec::with_capacity(block.ends.len() + 1);
            let mut start = 0;
            for &end in &block.ends {
                lines.push(&text[start..end]);
                start = end + 1;
            }
            // what follows the last newline (at the end of a file without one: the last line)
            if start < text.len() {
                lines.push(&text[start..]);
            }
            if !header_skipped && !lines.is_empty() {
                lines.remove(0);
                header_skipped = true;
            }
            let held_now = held.take();
            let mut ready: Vec<&str> = Vec::with_capacity(lines.len() + 1);
            ready.extend(held_now.as_deref());
            if end_of_file {
                ready.extend(lines);
                let trailer = match ready.last() {
                    Some(l) if l.contains("\"kind\":\"trailer\"") => ready.pop().map(str::to_owned),
                    _ => None,
                };
                if !ready.is_empty() {
                    f(done, &ready)?;
                }
                return Ok(trailer);
            }
            if let Some(last) = lines.pop() {
                held = Some(last.to_owned());
            }
            ready.extend(lines);
            if !ready.is_empty() {
                f(done, &ready)?;
                done += ready.len();
            }
            drop(ready);
            // the buffer goes back to the reader (gone if the reader is)
            let _ = empty_in.send(block);
        }
        // the reader stopped without the end of the file: it sent an error, read above
        Err(std::io::Error::other("the log's reader stopped").into())
    })
}

/// A block of a log read ahead: whole lines (the last may lack its newline only at the end
/// of the file), where each newline is, and whether the file ends with it.
struct Block {
    /// The lines; a log that is not UTF-8 was tampered with and is read anyway (so that the
    /// chain shows where), each broken sequence as U+FFFD.
    text: String,
    /// The offsets of the newlines in `text`.
    ends: Vec<usize>,
    last: bool,
}

/// Reads `file` in blocks of about `bytes` bytes cut after a newline, each checked and cut
/// into lines, and sends them to `full` until the end of the file or an error (sent too);
/// stops early when no one receives. Buffers sent back on `empty` are used again.
fn read_ahead(
    mut file: std::fs::File,
    bytes: usize,
    full: &std::sync::mpsc::SyncSender<std::io::Result<Block>>,
    empty: &std::sync::mpsc::Receiver<Block>,
) {
    use std::io::Read as _;
    let mut carry: Vec<u8> = Vec::new();
    let mut made = 0;
    loop {
        // two buffers, no more, used in turn: one being read into while the other is worked on
        let (mut buffer, mut ends) = if made < 2 {
            made += 1;
            (Vec::with_capacity(bytes + (1 << 16)), Vec::new())
        } else {
            match empty.recv() {
                Ok(b) => (b.text.into_bytes(), b.ends),
                // no one is reading any more
                Err(_) => return,
            }
        };
        buffer.clear();
        ends.clear();
        buffer.extend_from_slice(&carry);
        carry.clear();
        // read on until the buffer holds a newline: a line longer than a block (a forged log
        // may hold one of any length) is read into one buffer as it grows, not carried over
        // and copied again block after block (which took time in the square of its length)
        let mut searched = buffer.len();
        let last = loop {
            match (&mut file).take(bytes.max(1) as u64).read_to_end(&mut buffer) {
                Ok(0) => break true,
                Ok(_) => {}
                Err(e) => {
                    let _ = full.send(Err(e));
                    return;
                }
            }
            if memchr::memchr(b'\n', &buffer[searched..]).is_some() {
                break false;
            }
            searched = buffer.len();
        };
        let cut = if last { buffer.len() } else { memchr::memrchr(b'\n', &buffer).map_or(0, |i| i + 1) };
        carry.extend_from_slice(&buffer[cut..]);
        buffer.truncate(cut);
        let text = match String::from_utf8(buffer) {
            Ok(text) => text,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        };
        ends.extend(memchr::memchr_iter(b'\n', text.as_bytes()));
        if full.send(Ok(Block { text, ends, last })).is_err() || last {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `blocks` hands over: every record line once, in order, numbered by the lines
    /// before its block; and the trailer apart.
    fn read(path: &Path, bytes: usize) -> (Vec<String>, Option<String>) {
        let mut got = Vec::new();
        let trailer = blocks::<std::io::Error>(path, bytes, |done, lines| {
            assert_eq!(done, got.len(), "blocks come in order, numbered");
            got.extend(lines.iter().map(|l| (*l).to_owned()));
            Ok(())
        })
        .expect("read");
        (got, trailer)
    }

    /// Whatever the block size — none, smaller than a line, or the whole file — the same
    /// lines and trailer, with or without a last newline, lines longer than many blocks
    /// included; bytes that are not UTF-8 read as U+FFFD.
    #[test]
    fn blocks_hand_over_every_line_once_whatever_their_size() {
        let dir = tempfile::tempdir().expect("a folder");
        let records: Vec<String> =
            (0..500).map(|i| format!("{{\"row\":{i},\"x\":\"{}\"}}", "é".repeat(i % 37))).collect();
        let trailer = "{\"kind\":\"trailer\",\"records\":500}".to_owned();
        let mut text = String::from("{\"kind\":\"header\"}\n");
        for r in &records {
            text.push_str(r);
            text.push('\n');
        }
        let with = dir.path().join("with.jsonl");
        std::fs::write(&with, format!("{text}{trailer}\n")).expect("written");
        let without_newline = dir.path().join("bare.jsonl");
        std::fs::write(&without_newline, format!("{text}{trailer}")).expect("written");
        let no_trailer = dir.path().join("cut.jsonl");
        std::fs::write(&no_trailer, &text).expect("written");
        for bytes in [3, 7, 64, 1000, 1 << 20] {
            assert_eq!(read(&with, bytes), (records.clone(), Some(trailer.clone())), "blocks of {bytes}");
            assert_eq!(read(&without_newline, bytes), (records.clone(), Some(trailer.clone())), "{bytes}");
            assert_eq!(read(&no_trailer, bytes), (records.clone(), None), "blocks of {bytes}");
        }
        // lines far longer than a block, among short ones
        let long: Vec<String> = (0..6)
            .map(|i| if i % 2 == 0 { "x".repeat(300_000 + i) } else { format!("{{\"row\":{i}}}") })
            .collect();
        let long_path = dir.path().join("long.jsonl");
        std::fs::write(&long_path, format!("{{}}\n{}\n", long.join("\n"))).expect("written");
        for bytes in [0, 64, 4096, 1 << 20] {
            assert_eq!(read(&long_path, bytes), (long.clone(), None), "blocks of {bytes}");
        }
        let broken = dir.path().join("broken.jsonl");
        std::fs::write(&broken, b"{\"kind\":\"header\"}\n{\"a\":\"\xff\"}\n{\"b\":1}\n").expect("written");
        for bytes in [1, 5, 1 << 20] {
            let expected = vec!["{\"a\":\"\u{fffd}\"}".to_owned(), "{\"b\":1}".to_owned()];
            assert_eq!(read(&broken, bytes), (expected, None), "blocks of {bytes}");
        }
    }

    /// An error from `f` stops the reading and is returned (the reader thread stops too).
    #[test]
    fn an_error_stops_the_reading() {
        let dir = tempfile::tempdir().expect("a folder");
        let path = dir.path().join("log.jsonl");
        let text: String = (0..10_000).map(|i| format!("{{\"row\":{i}}}\n")).collect();
        std::fs::write(&path, format!("{{}}\n{text}")).expect("written");
        let mut calls = 0;
        let result = blocks(&path, 64, |_, _| {
            calls += 1;
            if calls == 3 { Err(std::io::Error::other("stop")) } else { Ok(()) }
        });
        assert_eq!(result.expect_err("stopped").to_string(), "stop");
        assert_eq!(calls, 3);
        assert!(blocks::<std::io::Error>(&dir.path().join("missing"), 64, |_, _| Ok(())).is_err());
    }
}
