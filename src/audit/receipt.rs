//! A receipt: one person's decision record with the proof that it is in the run's published
//! log — checkable offline, by anyone, without seeing anyone else's record.
//!
//! The format (`jaring-receipt 1`, JSON):
//! - `leaf`: the exact bytes of the record's leaf, base64 — the record line as the log holds
//!   it (in a schema 4 or 5 log, with the 64 hex digits of its `prev` written as zeros:
//!   `log::merkle::record_leaf`); its `salt` makes the hash unguessable to anyone without the
//!   registry;
//! - `leaf_index` (from 0) and `tree_size`;
//! - `proof`: the audit path, hex hashes, bottom-up;
//! - `root`: the tree's root, hex — the value to compare with the one in the minutes;
//! - `origin`: `jaring/<sha256 of the log's header line>`, and `row`, the registry row.
//!
//! To check it in any language: `h = SHA-256(0x00 ‖ leaf)`, then for each proof hash `p`
//! fold as RFC 9162 §2.1.3.2 says (`SHA-256(0x01 ‖ left ‖ right)`), and compare with `root`.

use std::path::Path;

use base64::Engine as _;
use serde::{Deserialize, Serialize};

use crate::digest::hex;
use crate::i18n::Msg;
use crate::log::merkle::{self, Hash};
use crate::log::{self, Record};
use crate::msg;

pub const FORMAT: &str = "jaring-receipt 1";

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Receipt {
    pub format: String,
    pub origin: String,
    pub row: u32,
    pub leaf_index: u64,
    pub tree_size: u64,
    /// The leaf's bytes, base64 (absent in a receipt from a redacted copy, which does not
    /// hold them: it proves only that the record's leaf is in the log).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leaf: Option<String>,
    /// The leaf's hash, hex, when the bytes are not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leaf_hash: Option<String>,
    pub proof: Vec<String>,
    pub root: String,
    /// The run folder's signed checkpoint (C2SP signed note), which binds the tree size and
    /// root and carries the office's and witnesses' signatures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checkpoint: Option<String>,
}

/// The digits of a NIK as someone may type it (`64.01.01 …`, spaces, dots, dashes).
fn digits(nik: &str) -> String {
    nik.chars().filter(char::is_ascii_digit).collect()
}

/// The receipts of the records of `dir` whose NIK is `nik` (or of row `row`). The tree comes
/// from the `leaves` file beside the log when it is the log's, else from hashing the log once
/// on all cores; the person's lines are found by searching the log's bytes.
pub fn make(dir: &Path, nik: Option<&str>, row: Option<u32>) -> Result<Vec<Receipt>, Msg> {
    let path = dir.join(log::LOG_FILE);
    let (_, header) = log::read_header(&path).map_err(|e| e.message())?;
    if header.schema < 4 {
        return Err(msg!("receipt-old-log", schema = header.schema));
    }
    let wanted = nik.map(digits);
    let needle = match (&wanted, row) {
        (_, Some(r)) => format!("{{\"row\":{r},"),
        (Some(w), None) if !w.is_empty() => w.clone(),
        _ => return Ok(Vec::new()),
    };
    let redacted = header.redacted.is_some();
    let trailer = log::read_trailer(&path).ok_or_else(|| msg!("receipt-no-trailer"))?;
    let (Some(size), Some(root)) =
        (trailer.tree_size, trailer.root.as_deref().and_then(crate::digest::unhex32))
    else {
        return Err(msg!("receipt-no-trailer"));
    };
    let nik_column = log::column_of(&header, crate::registry::Field::Nik);
    let shared = log::compact::Shared::of(&header);
    // the records asked for: their place in the tree and their line
    let mut asked: Vec<(u64, u32, String)> = Vec::new();
    for (k, line) in find_lines(&path, needle.as_bytes())
        .map_err(|e| msg!("log-unreadable", path = path.display(), error => &e))?
    {
        let Ok(record) = shared.parse(&line) else { continue };
        let matches = match (&wanted, row) {
            (_, Some(r)) => record.row == r,
            (Some(w), None) => {
                let read = record.read_of(crate::registry::Field::Nik).map(digits);
                let written = nik_column.and_then(|c| record.input.get(c)).map(|t| digits(t.as_str()));
                read.as_deref() == Some(w.as_str()) || written.as_deref() == Some(w.as_str())
            }
            (None, None) => false,
        };
        if matches && (k as u64) < size {
            asked.push((k as u64, record.row, line));
        }
    }
    if asked.is_empty() {
        return Ok(Vec::new());
    }
    let indices: Vec<u64> = asked.iter().map(|(k, _, _)| *k).collect();
    let proven = paths(dir, &path, size, &indices, redacted)?;
    let checkpoint = std::fs::read_to_string(dir.join(log::checkpoint::FILE)).ok();
    // a redacted copy keeps the original's tree, so its origin too
    let origin = log::origin(
        header
            .redacted
            .as_ref()
            .map_or(trailer.header_sha256.as_str(), |r| r.original_header_sha256.as_str()),
    );
    let mut found = Vec::new();
    for ((k, row, line), proven) in asked.into_iter().zip(proven) {
        // the tree's leaves are not the trailer's tree: no receipt can be trusted
        let Some((leaf, path)) = proven.filter(|(leaf, path)| merkle::verify(leaf, k, size, path, &root))
        else {
            return Err(msg!("receipt-root-differs"));
        };
        // the line found must be the record the tree says (a log out of step is refused)
        if leaf_of(&line, redacted) != leaf {
            continue;
        }
        found.push(Receipt {
            format: FORMAT.to_owned(),
            origin: origin.clone(),
            row,
            leaf_index: k,
            tree_size: size,
            leaf: (!redacted).then(|| {
                base64::engine::general_purpose::STANDARD.encode(merkle::leaf_bytes(line.as_bytes()))
            }),
            leaf_hash: redacted.then(|| hex(&leaf)),
            proof: path.iter().map(|h| hex(h)).collect(),
            root: hex(&root),
            checkpoint: checkpoint.clone(),
        });
    }
    Ok(found)
}

/// A record line's leaf: its own hash, or in a redacted copy the original leaf it carries.
fn leaf_of(line: &str, redacted: bool) -> Hash {
    let carried = redacted
        .then(|| serde_json::from_str::<Record<'_>>(line).ok())
        .flatten()
        .and_then(|r| crate::digest::unhex32(r.leaf.as_str()));
    carried.unwrap_or_else(|| merkle::record_leaf(line.as_bytes()))
}

/// The leaves at `indices` of the log's tree of `size` leaves with their audit paths, built
/// in one pass over the `leaves` file when it is exactly as long as that tree (a file of
/// another length is never read), else over the log's records, hashed on all cores; `None`
/// for each when the leaves are not `size`. Only a few hashes a level are held: a province's
/// tree is tens of millions of leaves.
fn paths(
    dir: &Path,
    log_path: &Path,
    size: u64,
    indices: &[u64],
    redacted: bool,
) -> Result<Vec<Option<merkle::Proven>>, Msg> {
    use std::io::Read as _;
    let mut paths = merkle::Paths::new(size, indices);
    let leaves = dir.join(log::LEAVES);
    let unreadable = |p: &Path, e: &std::io::Error| msg!("log-unreadable", path = p.display(), error => e);
    let fits =
        size.checked_mul(32).is_some_and(|bytes| std::fs::metadata(&leaves).is_ok_and(|m| m.len() == bytes));
    if fits {
        let file = std::fs::File::open(&leaves).map_err(|e| unreadable(&leaves, &e))?;
        let mut file = std::io::BufReader::with_capacity(1 << 20, file);
        let mut leaf = [0u8; 32];
        // (as long as the tree, checked above: a shorter file leaves the paths unfinished)
        for _ in 0..size {
            file.read_exact(&mut leaf).map_err(|e| unreadable(&leaves, &e))?;
            paths.push(leaf);
        }
    } else {
        crate::log::view::blocks(log_path, 16 << 20, |_, lines| {
            let part: Vec<Hash> =
                crate::par::chunks(lines.len(), |range| range.map(|k| leaf_of(lines[k], redacted)).collect());
            part.into_iter().for_each(|leaf| paths.push(leaf));
            Ok(())
        })
        .map_err(|e| unreadable(log_path, &e))?;
    }
    Ok(paths.finish())
}

/// The record lines of a log (index from 0, the header not counted) that hold `needle`.
fn find_lines(path: &Path, needle: &[u8]) -> std::io::Result<Vec<(usize, String)>> {
    use std::io::Read as _;
    let finder = memchr::memmem::Finder::new(needle);
    let mut file = std::fs::File::open(path)?;
    let mut buffer: Vec<u8> = Vec::with_capacity(32 << 20);
    let mut carry: Vec<u8> = Vec::new();
    // lines seen before the buffer's start (the header is line 0)
    let mut lines_before = 0usize;
    let mut out = Vec::new();
    loop {
        buffer.clear();
        buffer.extend_from_slice(&carry);
        carry.clear();
        let read = (&mut file).take(32 << 20).read_to_end(&mut buffer)?;
        let cut = if read == 0 { buffer.len() } else { memchr::memrchr(b'\n', &buffer).map_or(0, |i| i + 1) };
        carry.extend_from_slice(&buffer[cut..]);
        let block = &buffer[..cut];
        let mut counted_to = 0;
        let mut line_no = lines_before;
        let mut last_start = usize::MAX;
        for at in finder.find_iter(block) {
            let start = memchr::memrchr(b'\n', &block[..at]).map_or(0, |i| i + 1);
            if start == last_start {
                continue;
            }
            last_start = start;
            line_no += memchr::memchr_iter(b'\n', &block[counted_to..start]).count();
            counted_to = start;
            let end = memchr::memchr(b'\n', &block[at..]).map_or(block.len(), |i| at + i);
            if line_no >= 1 {
                out.push((line_no - 1, String::from_utf8_lossy(&block[start..end]).into_owned()));
            }
        }
        lines_before += memchr::memchr_iter(b'\n', block).count();
        if read == 0 {
            break;
        }
    }
    Ok(out)
}

/// What a receipt proves, once checked.
pub struct Checked {
    pub receipt: Receipt,
    /// The record, as the log holds it (`Null` for a receipt that does not disclose it).
    pub record: serde_json::Value,
}

/// Checks a receipt's text: its leaf and proof lead to its root.
pub fn check(text: &str) -> Result<Checked, Msg> {
    let receipt: Receipt = serde_json::from_str(text).map_err(|e| msg!("receipt-unreadable", error = e))?;
    if receipt.format != FORMAT {
        return Err(msg!("receipt-format", format = crate::text::shown(&receipt.format, 60)));
    }
    let bytes = match &receipt.leaf {
        Some(b64) => Some(
            base64::engine::general_purpose::STANDARD
                .decode(b64.as_bytes())
                .map_err(|e| msg!("receipt-unreadable", error = e))?,
        ),
        None => None,
    };
    let leaf = match (&bytes, &receipt.leaf_hash) {
        (Some(b), None) => merkle::leaf(b),
        (None, Some(h)) => crate::digest::unhex32(h).ok_or_else(|| msg!("receipt-not-hex"))?,
        _ => return Err(msg!("receipt-unreadable", error = "one of `leaf` and `leaf_hash`")),
    };
    let proof: Option<Vec<Hash>> = receipt.proof.iter().map(|h| crate::digest::unhex32(h)).collect();
    let (Some(proof), Some(root)) = (proof, crate::digest::unhex32(&receipt.root)) else {
        return Err(msg!("receipt-not-hex"));
    };
    if !merkle::verify(&leaf, receipt.leaf_index, receipt.tree_size, &proof, &root) {
        return Err(msg!("receipt-proof-fails"));
    }
    let record: serde_json::Value = match &bytes {
        Some(b) => serde_json::from_slice(b).map_err(|e| msg!("receipt-unreadable", error = e))?,
        None => serde_json::Value::Null,
    };
    if bytes.is_some() && record["row"].as_u64() != Some(u64::from(receipt.row)) {
        return Err(msg!("receipt-row-differs"));
    }
    Ok(Checked { receipt, record })
}
