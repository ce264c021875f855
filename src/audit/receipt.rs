//! A receipt: one person's decision record with the proof that it is in the run's published
//! log — checkable offline, by anyone, without seeing anyone else's record.
//!
//! The format (`jaring-receipt 1`, JSON):
//! - `leaf`: the exact bytes of the record's leaf, base64 — the record line as the log holds
//!   it, with the 64 hex digits of its `prev` written as zeros (`log::merkle::record_leaf`);
//!   its `salt` makes the hash unguessable to anyone without the registry;
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
use crate::log::{self, Record, Trailer};
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

/// The receipts of the records of `dir` whose NIK is `nik` (or of row `row`). The log is
/// read once, a block at a time: leaves hashed and candidate lines found on all cores, the
/// tree's levels built once for the root and every path.
pub fn make(dir: &Path, nik: Option<&str>, row: Option<u32>) -> Result<Vec<Receipt>, Msg> {
    let path = dir.join(log::LOG_FILE);
    let (_, header) = log::read_header(&path).map_err(|e| e.message())?;
    if header.schema < 4 {
        return Err(msg!("receipt-old-log", schema = header.schema));
    }
    if let Some(found) = from_sidecar(dir, &header, nik, row)? {
        return Ok(found);
    }
    let redacted = header.redacted.is_some();
    let nik_column = log::column_of(&header, crate::registry::Field::Nik);
    let wanted = nik.map(digits);
    let row_text = row.map(|r| format!("{{\"row\":{r},"));
    // (leaf, and the line when it may be the person's)
    let mut leaves: Vec<Hash> = Vec::with_capacity(usize::try_from(header.registry.rows).unwrap_or(0));
    let mut candidates: Vec<(usize, String)> = Vec::new();
    let trailer_line = crate::log::view::blocks(&path, 32 << 20, |done, lines| {
        let parts = crate::par::chunks(lines.len(), |range| {
            let mut out = Vec::with_capacity(range.len());
            for k in range {
                let line = lines[k];
                let leaf = if redacted {
                    serde_json::from_str::<Record<'_>>(line)
                        .ok()
                        .and_then(|r| unhex(r.leaf.as_str()))
                        .unwrap_or_else(|| merkle::record_leaf(line.as_bytes()))
                } else {
                    merkle::record_leaf(line.as_bytes())
                };
                let candidate = match (&wanted, &row_text) {
                    (_, Some(r)) => line.starts_with(r.as_str()),
                    (Some(w), None) => line.contains(w.as_str()),
                    (None, None) => false,
                };
                out.push((leaf, candidate.then(|| (done + k, line.to_owned()))));
            }
            out
        });
        for (leaf, candidate) in parts {
            leaves.push(leaf);
            candidates.extend(candidate);
        }
        Ok(())
    })
    .map_err(|e| msg!("log-unreadable", path = path.display(), error => &e))?;
    let trailer: Trailer = trailer_line
        .as_deref()
        .and_then(|l| serde_json::from_str(l).ok())
        .ok_or_else(|| msg!("receipt-no-trailer"))?;
    let size = leaves.len();
    let levels = merkle::levels(leaves);
    let root = levels.last().map_or_else(merkle::empty, |l| l[0]);
    if trailer.root.as_deref() != Some(hex(&root).as_str()) {
        return Err(msg!("receipt-root-differs"));
    }
    let checkpoint = std::fs::read_to_string(dir.join(log::checkpoint::FILE)).ok();
    // a redacted copy keeps the original's tree, so its origin too
    let origin = log::origin(
        header
            .redacted
            .as_ref()
            .map_or(trailer.header_sha256.as_str(), |r| r.original_header_sha256.as_str()),
    );
    let mut found = Vec::new();
    for (k, line) in candidates {
        let Ok(record) = serde_json::from_str::<Record<'_>>(&line) else { continue };
        let matches = match (&wanted, row) {
            (_, Some(r)) => record.row == r,
            (Some(w), None) => {
                let read = record.read.as_ref().and_then(|r| r.first()).map(|t| digits(t.as_str()));
                let written = nik_column.and_then(|c| record.input.get(c)).map(|t| digits(t.as_str()));
                read.as_deref() == Some(w.as_str()) || written.as_deref() == Some(w.as_str())
            }
            (None, None) => false,
        };
        if !matches {
            continue;
        }
        found.push(Receipt {
            format: FORMAT.to_owned(),
            origin: origin.clone(),
            row: record.row,
            leaf_index: k as u64,
            tree_size: size as u64,
            leaf: (!redacted).then(|| {
                base64::engine::general_purpose::STANDARD.encode(merkle::leaf_bytes(line.as_bytes()))
            }),
            leaf_hash: redacted.then(|| hex(&levels[0][k])),
            proof: merkle::path(&levels, k).iter().map(|h| hex(h)).collect(),
            root: hex(&root),
            checkpoint: checkpoint.clone(),
        });
    }
    Ok(found)
}

/// The receipts made with the `leaves` file: the tree from it (checked against the
/// trailer's root), the person's line found by searching the log's bytes for their NIK (or
/// row). `None` when the folder has no usable `leaves` file.
fn from_sidecar(
    dir: &Path,
    header: &log::Header,
    nik: Option<&str>,
    row: Option<u32>,
) -> Result<Option<Vec<Receipt>>, Msg> {
    let path = dir.join(log::LOG_FILE);
    let Some(trailer) = log::read_trailer(&path) else { return Ok(None) };
    let size = usize::try_from(trailer.tree_size.unwrap_or(u64::MAX)).unwrap_or(usize::MAX);
    // never read a file of another length than the trailer says (it could be anything)
    let expected = size.saturating_mul(32) as u64;
    let leaves_path = dir.join(log::LEAVES);
    if std::fs::metadata(&leaves_path).map(|m| m.len()).ok() != Some(expected) {
        return Ok(None);
    }
    let Ok(bytes) = std::fs::read(&leaves_path) else { return Ok(None) };
    if bytes.len() as u64 != expected {
        return Ok(None);
    }
    let leaves: Vec<Hash> = bytes.chunks_exact(32).map(|c| c.try_into().unwrap_or([0; 32])).collect();
    let levels = merkle::levels(leaves);
    let root = levels.last().map_or_else(merkle::empty, |l| l[0]);
    if trailer.root.as_deref() != Some(hex(&root).as_str()) {
        return Ok(None);
    }
    let redacted = header.redacted.is_some();
    let wanted = nik.map(digits);
    let needle = match (&wanted, row) {
        (_, Some(r)) => format!("{{\"row\":{r},"),
        (Some(w), None) => w.clone(),
        (None, None) => return Ok(Some(Vec::new())),
    };
    let nik_column = log::column_of(header, crate::registry::Field::Nik);
    let checkpoint = std::fs::read_to_string(dir.join(log::checkpoint::FILE)).ok();
    let origin = log::origin(
        header
            .redacted
            .as_ref()
            .map_or(trailer.header_sha256.as_str(), |r| r.original_header_sha256.as_str()),
    );
    let mut found = Vec::new();
    for (k, line) in find_lines(&path, needle.as_bytes())
        .map_err(|e| msg!("log-unreadable", path = path.display(), error => &e))?
    {
        let Ok(record) = serde_json::from_str::<Record<'_>>(&line) else { continue };
        let matches = match (&wanted, row) {
            (_, Some(r)) => record.row == r,
            (Some(w), None) => {
                let read = record.read.as_ref().and_then(|r| r.first()).map(|t| digits(t.as_str()));
                let written = nik_column.and_then(|c| record.input.get(c)).map(|t| digits(t.as_str()));
                read.as_deref() == Some(w.as_str()) || written.as_deref() == Some(w.as_str())
            }
            (None, None) => false,
        };
        // the line found must be the record the leaves say (a log out of step is refused)
        let own =
            if redacted { unhex(record.leaf.as_str()) } else { Some(merkle::record_leaf(line.as_bytes())) };
        if !matches || k >= size || own != Some(levels[0][k]) {
            continue;
        }
        found.push(Receipt {
            format: FORMAT.to_owned(),
            origin: origin.clone(),
            row: record.row,
            leaf_index: k as u64,
            tree_size: size as u64,
            leaf: (!redacted).then(|| {
                base64::engine::general_purpose::STANDARD.encode(merkle::leaf_bytes(line.as_bytes()))
            }),
            leaf_hash: redacted.then(|| hex(&levels[0][k])),
            proof: merkle::path(&levels, k).iter().map(|h| hex(h)).collect(),
            root: hex(&root),
            checkpoint: checkpoint.clone(),
        });
    }
    Ok(Some(found))
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

fn unhex(text: &str) -> Option<Hash> {
    if text.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, pair) in text.as_bytes().chunks_exact(2).enumerate() {
        let s = std::str::from_utf8(pair).ok()?;
        out[i] = u8::from_str_radix(s, 16).ok()?;
    }
    Some(out)
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
        (None, Some(h)) => unhex(h).ok_or_else(|| msg!("receipt-not-hex"))?,
        _ => return Err(msg!("receipt-unreadable", error = "one of `leaf` and `leaf_hash`")),
    };
    let proof: Option<Vec<Hash>> = receipt.proof.iter().map(|h| unhex(h)).collect();
    let (Some(proof), Some(root)) = (proof, unhex(&receipt.root)) else {
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
