//! Decisions made in another order than the rows': allocation places the candidates in rank
//! order, and a province's are millions. Gathered in runs sorted by row — held up to a run's
//! length, then written to an unnamed file — and laid into the program's [`Decisions`] in row
//! order, the runs merged, a block of rows at a time.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::io::Write as _;
use std::os::unix::fs::FileExt as _;
use std::path::{Path, PathBuf};

use super::Decision;
use super::decisions::{Decisions, Packed};

/// Bytes a placement takes in a run: its row, then its decision.
const BYTES: usize = 12;

/// Placements read back from a run at a time.
const CHUNK: usize = 1 << 13;

/// Decisions of rows in any order, on their way to [`Decisions::settle`].
pub struct Placements {
    /// Where runs go (none: every placement is held).
    dir: Option<PathBuf>,
    /// Placements held before they are sorted and written as a run.
    run: usize,
    held: Vec<(u32, Packed)>,
    file: Option<std::io::BufWriter<std::fs::File>>,
    /// Each run written: its first placement's number in the file, and how many.
    runs: Vec<(u64, usize)>,
    written: u64,
}

fn damaged() -> std::io::Error {
    std::io::Error::other("the placements set aside are damaged")
}

impl Placements {
    /// None yet; runs of `run` placements, written to `dir` (held, without).
    pub fn new(dir: Option<&Path>, run: usize) -> Placements {
        Placements {
            dir: dir.map(Path::to_path_buf),
            run: run.max(1),
            held: Vec::new(),
            file: None,
            runs: Vec::new(),
            written: 0,
        }
    }

    /// Row `row` is decided `d` (a row is placed once).
    pub fn push(&mut self, row: usize, d: Decision) -> std::io::Result<()> {
        let row = u32::try_from(row).map_err(|_| damaged())?;
        self.held.push((row, Packed::of(Some(d))));
        if self.held.len() >= self.run
            && let Some(dir) = &self.dir
        {
            let file = match &mut self.file {
                Some(file) => file,
                None => {
                    self.file.insert(std::io::BufWriter::with_capacity(1 << 20, tempfile::tempfile_in(dir)?))
                }
            };
            crate::par::sort_unstable_by(&mut self.held, |a, b| a.0.cmp(&b.0));
            for (row, p) in &self.held {
                file.write_all(&row.to_le_bytes())?;
                file.write_all(&p.to_bytes())?;
            }
            self.runs.push((self.written, self.held.len()));
            self.written += self.held.len() as u64;
            self.held.clear();
        }
        Ok(())
    }
}

/// A run being read back, a chunk at a time.
struct Run {
    /// The next placement's number in the file, and how many are left after the chunk.
    at: u64,
    left: usize,
    chunk: Vec<(u32, Packed)>,
    next: usize,
}

impl Run {
    /// The run's next placement, reading on when its chunk is done.
    fn peek(&mut self, file: &std::fs::File) -> std::io::Result<Option<(u32, Packed)>> {
        if self.next >= self.chunk.len() {
            if self.left == 0 {
                return Ok(None);
            }
            let take = self.left.min(CHUNK);
            let mut bytes = vec![0u8; take * BYTES];
            file.read_exact_at(&mut bytes, self.at * BYTES as u64)?;
            self.chunk = bytes
                .chunks_exact(BYTES)
                .map(|b| {
                    let row = u32::from_le_bytes(b[..4].try_into().map_err(|_| damaged())?);
                    Ok((row, Packed::from_bytes(&b[4..]).ok_or_else(damaged)?))
                })
                .collect::<std::io::Result<_>>()?;
            (self.at, self.left, self.next) = (self.at + take as u64, self.left - take, 0);
        }
        Ok(self.chunk.get(self.next).copied())
    }
}

impl Decisions {
    /// Lays `placements` into these decisions, in row order.
    pub fn settle(&mut self, placements: Placements) -> std::io::Result<()> {
        let Placements { mut held, file, runs, .. } = placements;
        crate::par::sort_unstable_by(&mut held, |a, b| a.0.cmp(&b.0));
        let file = file.map(|f| f.into_inner().map_err(std::io::IntoInnerError::into_error)).transpose()?;
        let mut runs: Vec<Run> =
            runs.into_iter().map(|(at, left)| Run { at, left, chunk: Vec::new(), next: 0 }).collect();
        let mut held = held.into_iter().peekable();
        // each run's next row, with the run (the rows held are the last "run")
        let mut heap = BinaryHeap::with_capacity(runs.len() + 1);
        let Some(file) = &file else {
            return self.set_sorted(held.map(|(row, p)| Ok((row as usize, p.decision()))));
        };
        for (k, run) in runs.iter_mut().enumerate() {
            if let Some((row, _)) = run.peek(file)? {
                heap.push(Reverse((row, k)));
            }
        }
        let merged = std::iter::from_fn(|| -> Option<std::io::Result<(usize, Option<Decision>)>> {
            let next_run = heap.peek().map(|Reverse((row, k))| (*row, *k));
            let next_held = held.peek().map(|(row, _)| *row);
            match (next_run, next_held) {
                (None, None) => None,
                (Some((row, k)), h) if h.is_none_or(|h| row < h) => {
                    heap.pop();
                    let run = &mut runs[k];
                    let p = run.chunk[run.next].1;
                    run.next += 1;
                    match run.peek(file) {
                        Ok(Some((row, _))) => heap.push(Reverse((row, k))),
                        Ok(None) => {}
                        Err(e) => return Some(Err(e)),
                    }
                    Some(Ok((row as usize, p.decision())))
                }
                _ => held.next().map(|(row, p)| Ok((row as usize, p.decision()))),
            }
        });
        self.set_sorted(merged)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decision::{Rejection, WaitReason};

    /// Placements pushed in any order are laid into the decisions of their rows, held or in
    /// a file, whatever the run's length and the decisions' block; the rows not placed keep
    /// theirs.
    #[test]
    fn placements_land_on_their_rows() {
        let n = 5_000;
        let before = |i: usize| i.is_multiple_of(3).then_some(Decision::Rejected(Rejection::Rules(i as u32)));
        // every row not rejected placed, in a scrambled order
        let mut placed: Vec<usize> = (0..n).filter(|i| i % 3 != 0).collect();
        placed.sort_by_key(|i| (i * 7919) % n);
        let decided = |i: usize| match i % 5 {
            0 => Decision::Enrolled { funding: (i % 2) as u32 },
            _ => Decision::Waiting { rank: i as u32, reason: WaitReason::SubQuotaFull((i % 9) as u16) },
        };
        let expected = Decisions::filled(n, |i| if i % 3 == 0 { before(i) } else { Some(decided(i)) });
        let dir = tempfile::tempdir().expect("temp dir");
        for (run, block) in [(1, 1), (7, 64), (999, 333), (n, 5_000), (n + 1, 7)] {
            for folder in [None, Some(dir.path())] {
                let mut d = Decisions::filled(n, before);
                if folder.is_some() {
                    let mut file = tempfile::tempfile_in(dir.path()).expect("file");
                    d.write_to(&mut file).expect("written");
                    d = Decisions::in_file(file, n, block).expect("in a file");
                }
                let mut p = Placements::new(folder, run);
                for &i in &placed {
                    p.push(i, decided(i)).expect("pushed");
                }
                d.settle(p).expect("settled");
                let mut got = Vec::new();
                d.scan(|_, x| got.push(x)).expect("read");
                assert_eq!(got, expected.iter().collect::<Vec<_>>(), "runs of {run}, blocks of {block}");
            }
        }
    }
}
