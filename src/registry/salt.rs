//! The key the decision log's record salts are derived from: a digest of every cell of every
//! row, taken while the rows are read (a streamed registry's text is not held until the log
//! is written).
//!
//! Rows are hashed in blocks of 4.096, each block on its own (on all cores when a window
//! holds many), then the blocks' digests together: the key is the same however the rows came
//! in windows and on however many cores. Written nowhere; known only to whoever holds the
//! complete registry — who knows every record anyway — so a published leaf hash or proof
//! tells anyone else nothing, while the same registry gives the same salts (and the same log
//! bytes).

use sha2::Digest as _;

use super::Cells;

/// Rows per block.
const ROWS: usize = 1 << 12;

/// The key, built window by window.
#[derive(Clone, Default)]
pub struct SaltKey {
    /// Digests of the blocks finished so far.
    blocks: Vec<[u8; 32]>,
    /// The block being hashed, and how many of its rows it has.
    open: Option<(sha2::Sha256, usize)>,
}

/// One row as the key hashes it: each cell and a unit separator, then a record separator.
fn row_bytes<'a>(cells: impl Iterator<Item = &'a str>, bytes: &mut Vec<u8>) {
    bytes.clear();
    for cell in cells {
        bytes.extend_from_slice(cell.as_bytes());
        bytes.push(0x1f);
    }
    bytes.push(0x1e);
}

impl SaltKey {
    /// Adds the rows of `cells` (every column; the rows after those already added).
    pub fn add(&mut self, cells: &Cells) {
        let (first, n) = (cells.first(), cells.len());
        let mut bytes = Vec::with_capacity(1 << 12);
        let mut at = 0;
        // the rest of the open block, row by row
        if let Some((mut h, mut count)) = self.open.take() {
            while count < ROWS && at < n {
                row_bytes(cells.row(first + at), &mut bytes);
                h.update(&bytes);
                count += 1;
                at += 1;
            }
            if count == ROWS {
                self.blocks.push(h.finalize().into());
            } else {
                self.open = Some((h, count));
                return;
            }
        }
        // whole blocks on all cores; the last, unless whole, stays open
        let blocks = (n - at).div_ceil(ROWS);
        let hashed: Vec<(sha2::Sha256, usize)> = crate::par::chunks(blocks, |range| {
            let mut bytes = Vec::with_capacity(1 << 16);
            range
                .map(|b| {
                    let mut h = sha2::Sha256::new();
                    let start = at + b * ROWS;
                    let end = (start + ROWS).min(n);
                    for i in start..end {
                        row_bytes(cells.row(first + i), &mut bytes);
                        h.update(&bytes);
                    }
                    (h, end - start)
                })
                .collect()
        });
        for (h, count) in hashed {
            if count == ROWS {
                self.blocks.push(h.finalize().into());
            } else {
                self.open = Some((h, count));
            }
        }
    }

    /// The key.
    pub fn finish(mut self) -> [u8; 32] {
        if let Some((h, _)) = self.open.take() {
            self.blocks.push(h.finalize().into());
        }
        let mut h = sha2::Sha256::new();
        h.update(b"jaring record salt 2\0");
        for d in &self.blocks {
            h.update(d);
        }
        h.finalize().into()
    }

    /// The key of rows held whole.
    pub fn of(cells: &Cells) -> [u8; 32] {
        let mut key = SaltKey::default();
        key.add(cells);
        key.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::Piece;

    fn piece(rows: std::ops::Range<usize>) -> Piece {
        let mut p = Piece::default();
        for i in rows {
            let a = format!("r{i}");
            p.push_row([a.as_str(), "x", if i % 3 == 0 { "" } else { "y" }]);
        }
        p.close();
        p
    }

    /// The key of rows added in windows of any size is the key of the rows held whole.
    #[test]
    fn windows_of_any_size_give_the_key_of_the_whole() {
        let n = 3 * ROWS + 17;
        let whole = SaltKey::of(&Cells::from_pieces(vec![piece(0..n)]));
        for window in [1, 7, ROWS - 1, ROWS, ROWS + 1, 2 * ROWS + 5, n] {
            let mut key = SaltKey::default();
            let mut start = 0;
            while start < n {
                let end = (start + window).min(n);
                key.add(&Cells::from_pieces_at(vec![piece(start..end)], start));
                start = end;
            }
            assert_eq!(key.finish(), whole, "windows of {window} rows");
        }
        // and a different cell gives a different key
        let mut other = piece(0..n);
        other.text.replace_range(0..2, "s0");
        assert_ne!(SaltKey::of(&Cells::from_pieces(vec![other])), whole);
    }
}
