//! Lines that are made in one order and leave in another: a run renders its rows in row
//! order, a waiting list is in rank order. Each line goes, with its rank, to the spill file of
//! its block of ranks; at the end each block's file is read whole, its lines put in rank order
//! and copied out. Memory: one block; reads and writes: sequential.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Ranked lines of several lists (a waiting list per program), spilled in blocks.
pub struct RankedSpill {
    dir: PathBuf,
    name: String,
    /// Ranks per block.
    block: usize,
    /// How many lines each list has (ranks `1..=count`).
    counts: Vec<usize>,
    /// Per list, one spill file per block (opened when first needed).
    files: Vec<Vec<Option<std::io::BufWriter<std::fs::File>>>>,
}

fn damaged() -> std::io::Error {
    std::io::Error::other("a spill of ranked lines is damaged")
}

impl RankedSpill {
    /// Lists of `counts` lines each, spilled into files named after `name` in `dir`, in
    /// blocks of `block` ranks.
    pub fn new(dir: &Path, name: &str, counts: Vec<usize>, block: usize) -> RankedSpill {
        let block = block.max(1);
        let files = counts.iter().map(|c| (0..c.div_ceil(block)).map(|_| None).collect()).collect();
        RankedSpill { dir: dir.to_path_buf(), name: name.to_owned(), block, counts, files }
    }

    fn path(&self, list: usize, block: usize) -> PathBuf {
        self.dir.join(format!(".{}.{list}.{block}.spill", self.name))
    }

    /// Line `rank` (from 1) of list `list`.
    pub fn push(&mut self, list: usize, rank: u32, line: &[u8]) -> std::io::Result<()> {
        let block = (rank as usize).wrapping_sub(1) / self.block;
        let path = self.path(list, block);
        let slot = self
            .files
            .get_mut(list)
            .and_then(|f| f.get_mut(block))
            .ok_or_else(|| std::io::Error::other(format!("rank {rank} is beyond list {list}")))?;
        let file = match slot {
            Some(file) => file,
            // (16 KiB each: a province's waiting list is hundreds of blocks)
            None => slot.insert(std::io::BufWriter::with_capacity(1 << 14, std::fs::File::create(path)?)),
        };
        let len = u32::try_from(line.len()).map_err(|_| std::io::Error::other("a line over 4 GiB"))?;
        file.write_all(&rank.to_le_bytes())?;
        file.write_all(&len.to_le_bytes())?;
        file.write_all(line)
    }

    /// Writes every list's lines to `out` in rank order, the lists one after the other, and
    /// removes the spill files. Every rank of every list must have come exactly once.
    pub fn copy_out(mut self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        let mut text = Vec::new();
        let mut lines: Vec<Option<(usize, usize)>> = Vec::new();
        for (list, files) in std::mem::take(&mut self.files).into_iter().enumerate() {
            for (b, file) in files.into_iter().enumerate() {
                let path = self.path(list, b);
                // a block no line came to: ranks are missing
                file.ok_or_else(damaged)?.into_inner().map_err(|e| e.into_error())?;
                text.clear();
                std::io::Read::read_to_end(&mut std::fs::File::open(&path)?, &mut text)?;
                let first = b * self.block;
                let expected = self.block.min(self.counts[list] - first);
                lines.clear();
                lines.resize(expected, None);
                let mut at = 0;
                while at < text.len() {
                    let word = |i: usize| -> Option<usize> {
                        Some(u32::from_le_bytes(text.get(i..i + 4)?.try_into().ok()?) as usize)
                    };
                    let (Some(rank), Some(len)) = (word(at), word(at + 4)) else { return Err(damaged()) };
                    let end = at + 8 + len;
                    let slot = rank.checked_sub(1 + first).and_then(|i| lines.get_mut(i));
                    match slot {
                        Some(slot @ None) if end <= text.len() => *slot = Some((at + 8, end)),
                        _ => return Err(damaged()),
                    }
                    at = end;
                }
                for line in &lines {
                    let (start, end) = line.ok_or_else(damaged)?;
                    out.write_all(&text[start..end])?;
                }
                std::fs::remove_file(&path)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines pushed in any order leave in rank order, list after list, whatever the block
    /// size; a rank that never came, or came twice, is an error; nothing is left behind.
    #[test]
    fn lines_leave_in_rank_order() {
        let counts = vec![10, 0, 4, 7];
        for block in [1, 3, 4, 10, 64] {
            let dir = tempfile::tempdir().expect("temp dir");
            let mut spill = RankedSpill::new(dir.path(), "t", counts.clone(), block);
            let mut pushes: Vec<(usize, u32)> =
                counts.iter().enumerate().flat_map(|(l, &c)| (1..=c as u32).map(move |r| (l, r))).collect();
            // a fixed shuffle: reversed, then odd positions first
            pushes.reverse();
            let (odd, even): (Vec<_>, Vec<_>) = pushes.iter().enumerate().partition(|(i, _)| i % 2 == 1);
            for (_, &(list, rank)) in odd.into_iter().chain(even) {
                let line = format!("{list}:{rank}{}\n", "x".repeat(rank as usize % 5));
                spill.push(list, rank, line.as_bytes()).expect("pushed");
            }
            let mut out = Vec::new();
            spill.copy_out(&mut out).expect("copied");
            let expected: String = counts
                .iter()
                .enumerate()
                .flat_map(|(l, &c)| (1..=c).map(move |r| format!("{l}:{r}{}\n", "x".repeat(r % 5))))
                .collect();
            assert_eq!(String::from_utf8(out).expect("text"), expected, "blocks of {block}");
            assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0, "spills removed");
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let mut missing = RankedSpill::new(dir.path(), "t", vec![3], 2);
        for rank in [1, 3] {
            missing.push(0, rank, b"l\n").expect("pushed");
        }
        assert!(missing.copy_out(&mut Vec::new()).is_err(), "rank 2 never came");
        let mut twice = RankedSpill::new(dir.path(), "u", vec![2], 2);
        for rank in [1, 1, 2] {
            twice.push(0, rank, b"l\n").expect("pushed");
        }
        assert!(twice.copy_out(&mut Vec::new()).is_err(), "rank 1 came twice");
        let mut beyond = RankedSpill::new(dir.path(), "v", vec![2], 2);
        assert!(beyond.push(0, 3, b"l\n").is_err());
        assert!(beyond.push(0, 0, b"l\n").is_err());
    }
}
