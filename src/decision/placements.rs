//! Decisions made in another order than the rows': allocation places the candidates in rank
//! order, and a province's are millions. Gathered in runs sorted by row — held up to a run's
//! length, then written to an unnamed file — and laid into the program's [`Decisions`] in row
//! order, the runs merged, a block of rows at a time.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::path::Path;

use super::Decision;
use super::decisions::{Decisions, Packed};
use crate::files::column::{self, Column};

/// A row and its decision.
#[derive(Clone, Copy, Debug)]
struct Placed(u32, Packed);

impl column::Fixed for Placed {
    const BYTES: usize = 12;

    fn put(self, out: &mut [u8]) {
        out[..4].copy_from_slice(&self.0.to_le_bytes());
        self.1.put(&mut out[4..]);
    }

    fn take(b: &[u8]) -> Option<Placed> {
        Some(Placed(u32::from_le_bytes(b.get(..4)?.try_into().ok()?), Packed::take(b.get(4..)?)?))
    }
}

/// Placements read back from a run at a time.
const CHUNK: usize = 1 << 13;

/// Decisions of rows in any order, on their way to [`Decisions::settle`].
pub struct Placements {
    /// Placements held before they are sorted and written as a run.
    run: usize,
    held: Vec<Placed>,
    /// The runs written (none without a folder: every placement is held): each run's first
    /// placement's place in the file, and how many.
    file: Option<Column<Placed>>,
    runs: Vec<(usize, usize)>,
}

impl Placements {
    /// None yet; runs of `run` placements, written to an unnamed file in `dir` (held,
    /// without).
    pub fn new(dir: Option<&Path>, run: usize) -> std::io::Result<Placements> {
        let file = dir.map(|dir| Column::new(Some(dir), CHUNK)).transpose()?;
        Ok(Placements { run: run.max(1), held: Vec::new(), file, runs: Vec::new() })
    }

    /// Row `row` is decided `d` (a row is placed once).
    pub fn push(&mut self, row: usize, d: Decision) -> std::io::Result<()> {
        let row = u32::try_from(row).map_err(|_| std::io::Error::other("a row past 2³²"))?;
        self.held.push(Placed(row, Packed::of(Some(d))));
        if self.held.len() >= self.run
            && let Some(file) = &mut self.file
        {
            crate::par::sort_unstable_by(&mut self.held, |a, b| a.0.cmp(&b.0));
            let at = self.runs.last().map_or(0, |(at, n)| at + n);
            file.write_at(at, &self.held)?;
            self.runs.push((at, self.held.len()));
            file.set_len(at + self.held.len());
            self.held.clear();
        }
        Ok(())
    }
}

/// A run being read back, a chunk at a time.
struct Run {
    /// The next placement's place in the file once the chunk is done, and how many are left
    /// after the chunk.
    at: usize,
    left: usize,
    chunk: Vec<Placed>,
    next: usize,
}

impl Run {
    /// The run's next placement, reading on when its chunk is done.
    fn peek(&mut self, file: &Column<Placed>) -> std::io::Result<Option<Placed>> {
        if self.next >= self.chunk.len() {
            if self.left == 0 {
                return Ok(None);
            }
            let take = self.left.min(CHUNK);
            self.chunk = file.read(self.at..self.at + take)?.into_owned();
            (self.at, self.left, self.next) = (self.at + take, self.left - take, 0);
        }
        Ok(self.chunk.get(self.next).copied())
    }
}

impl Decisions {
    /// Lays `placements` into these decisions, in row order.
    pub fn settle(&mut self, placements: Placements) -> std::io::Result<()> {
        let Placements { mut held, file, runs, .. } = placements;
        crate::par::sort_unstable_by(&mut held, |a, b| a.0.cmp(&b.0));
        let mut held = held.into_iter().peekable();
        let Some(file) = &file else {
            return self.set_sorted(held.map(|Placed(row, p)| Ok((row as usize, p.decision()))));
        };
        let mut runs: Vec<Run> =
            runs.into_iter().map(|(at, left)| Run { at, left, chunk: Vec::new(), next: 0 }).collect();
        // each run's next row, with the run (the rows held are the last "run")
        let mut heap = BinaryHeap::with_capacity(runs.len() + 1);
        for (k, run) in runs.iter_mut().enumerate() {
            if let Some(Placed(row, _)) = run.peek(file)? {
                heap.push(Reverse((row, k)));
            }
        }
        let merged = std::iter::from_fn(|| -> Option<std::io::Result<(usize, Option<Decision>)>> {
            let next_run = heap.peek().map(|Reverse((row, k))| (*row, *k));
            let next_held = held.peek().map(|Placed(row, _)| *row);
            match (next_run, next_held) {
                (None, None) => None,
                (Some((row, k)), h) if h.is_none_or(|h| row < h) => {
                    heap.pop();
                    let run = &mut runs[k];
                    let p = run.chunk[run.next].1;
                    run.next += 1;
                    match run.peek(file) {
                        Ok(Some(Placed(row, _))) => heap.push(Reverse((row, k))),
                        Ok(None) => {}
                        Err(e) => return Some(Err(e)),
                    }
                    Some(Ok((row as usize, p.decision())))
                }
                _ => held.next().map(|Placed(row, p)| Ok((row as usize, p.decision()))),
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
                let mut d = Decisions::spilled_in(folder, block).expect("decisions");
                d.append(Decisions::filled(n, before)).expect("appended");
                d.flush().expect("flushed");
                assert_eq!(d.is_spilled(), folder.is_some());
                let mut p = Placements::new(folder, run).expect("placements");
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
