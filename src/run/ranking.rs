//! A program's candidates in rank order, sorted a run at a time (one run of them all up to a
//! million, else runs of a quarter million: `run::decide_program`): each run is sorted on all
//! cores and, for a streamed run, written to a spill file beside
//! the registry's rows once the next run starts (the last run stays held); allocation reads
//! them back merged into one line, as often as it passes over it. A province's candidates are
//! millions: held and sorted at once they were a run's largest block of memory.
//!
//! The order is total ([`RankOrder::compare`]: the row breaks every tie), so runs merged give
//! the line one sort of all the candidates gives.

use std::cell::{Cell, RefCell};
use std::io::Write as _;
use std::os::unix::fs::FileExt as _;
use std::path::Path;

use crate::engine::{Candidate, RankOrder};

/// Candidates held at most while a run is filled (24 MiB).
const RUN: usize = 1 << 20;

/// Bytes a spilled candidate takes.
const BYTES: usize = 24;

/// Candidates read back from a spilled run at a time (about 64 KiB).
const READ: usize = 2_730;

/// The candidates of one program, in runs.
pub struct Ranking<'a> {
    order: RankOrder<'a>,
    /// Where runs go once a later one starts; held when none.
    dir: Option<&'a Path>,
    run: usize,
    runs: Vec<Run>,
    /// The run being filled.
    filling: Vec<Candidate>,
    count: usize,
    /// What a pass could not read back (the pass ended early: its line is not to be used).
    failed: RefCell<Option<std::io::Error>>,
    /// How many candidates the draw placed behind an equal one, counted by a whole pass.
    draws: Cell<u64>,
}

enum Run {
    Held(Vec<Candidate>),
    Spilled { file: std::fs::File, len: usize },
}

fn encode(c: &Candidate, out: &mut Vec<u8>) {
    out.extend_from_slice(&c.row.to_le_bytes());
    out.extend_from_slice(&c.priority.to_le_bytes());
    out.extend_from_slice(&c.tiebreak.to_le_bytes());
    out.extend_from_slice(&c.group.map_or(0, |g| u32::from(g) + 1).to_le_bytes());
    out.extend_from_slice(&c.keys.to_le_bytes());
}

fn decode(b: &[u8]) -> Candidate {
    let u32_at = |at: usize| u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]);
    let mut tiebreak = [0u8; 8];
    tiebreak.copy_from_slice(&b[8..16]);
    Candidate {
        row: u32_at(0),
        priority: u32_at(4) as i32,
        tiebreak: u64::from_le_bytes(tiebreak),
        group: u32_at(16).checked_sub(1).map(|g| g as u16),
        keys: u32_at(20),
    }
}

impl<'a> Ranking<'a> {
    /// No candidates yet, to be put in `order` sorted `run` at a time; runs spilled into files
    /// in `dir` if given.
    pub fn new(order: RankOrder<'a>, dir: Option<&'a Path>, run: usize) -> Ranking<'a> {
        Ranking {
            order,
            dir,
            run: run.max(1),
            runs: Vec::new(),
            filling: Vec::new(),
            count: 0,
            failed: RefCell::new(None),
            draws: Cell::new(0),
        }
    }

    /// Adds a candidate.
    pub fn push(&mut self, c: Candidate) -> std::io::Result<()> {
        if self.filling.len() >= self.run {
            self.close_run()?;
        }
        if self.filling.capacity() == 0 {
            self.filling.reserve_exact(self.run.min(RUN));
        }
        self.filling.push(c);
        self.count += 1;
        Ok(())
    }

    /// Sorts the run being filled and keeps it: spilled if there is a folder for it.
    fn close_run(&mut self) -> std::io::Result<()> {
        let mut run = std::mem::take(&mut self.filling);
        sort(self.order, &mut run);
        match self.dir {
            None => self.runs.push(Run::Held(run)),
            Some(dir) => {
                let mut file = tempfile::tempfile_in(dir)?;
                let mut bytes = Vec::with_capacity(READ * BYTES);
                for part in run.chunks(READ) {
                    bytes.clear();
                    part.iter().for_each(|c| encode(c, &mut bytes));
                    file.write_all(&bytes)?;
                }
                self.runs.push(Run::Spilled { file, len: run.len() });
            }
        }
        Ok(())
    }

    /// Every candidate is in: the last run is sorted and held.
    pub fn finish(&mut self) {
        let mut run = std::mem::take(&mut self.filling);
        sort(self.order, &mut run);
        if !run.is_empty() {
            self.runs.push(Run::Held(run));
        }
    }

    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The candidates in rank order (after [`Ranking::finish`]).
    pub fn pass(&self) -> Merge<'_, 'a> {
        let mut merge = Merge { ranking: self, sources: Vec::new(), heap: Vec::new(), prev: None, draws: 0 };
        for run in &self.runs {
            let source = match run {
                Run::Held(candidates) => Source::Held(candidates.iter()),
                Run::Spilled { file, len } => {
                    Source::Spilled { file, len: *len, next: 0, read: Vec::new(), at: 0, bytes: Vec::new() }
                }
            };
            merge.sources.push(source);
        }
        for k in 0..merge.sources.len() {
            if let Some(c) = merge.next_of(k) {
                merge.push((RankOrder::packed(&c), c, k));
            }
        }
        merge
    }

    /// How many candidates the draw placed behind an equal one (counted by the last whole
    /// pass).
    pub fn draws(&self) -> u64 {
        self.draws.get()
    }

    /// What a pass could not read back, if anything.
    pub fn failed(&self) -> Option<std::io::Error> {
        self.failed.borrow_mut().take()
    }
}

/// Sorts candidates in `order`, on all cores (a plain order by the number it packs them in).
fn sort(order: RankOrder<'_>, run: &mut [Candidate]) {
    if order.is_plain() {
        crate::par::sort_unstable_by(run, |a, b| RankOrder::packed(a).cmp(&RankOrder::packed(b)));
    } else {
        crate::par::sort_unstable_by(run, |a, b| order.compare(a, b));
    }
}

/// Where a pass takes a run's candidates from.
enum Source<'r> {
    Held(std::slice::Iter<'r, Candidate>),
    Spilled {
        file: &'r std::fs::File,
        len: usize,
        /// The first candidate not read yet.
        next: usize,
        read: Vec<Candidate>,
        at: usize,
        bytes: Vec<u8>,
    },
}

/// The runs merged: the candidates in rank order.
pub struct Merge<'r, 'a> {
    ranking: &'r Ranking<'a>,
    sources: Vec<Source<'r>>,
    /// Each run's next candidate, least first (a binary heap in the rank order), with the
    /// number it packs into when the order is plain.
    heap: Vec<(u128, Candidate, usize)>,
    prev: Option<Candidate>,
    draws: u64,
}

impl Merge<'_, '_> {
    /// Run `k`'s next candidate.
    fn next_of(&mut self, k: usize) -> Option<Candidate> {
        match &mut self.sources[k] {
            Source::Held(candidates) => candidates.next().copied(),
            Source::Spilled { file, len, next, read, at, bytes } => {
                if *at == read.len() {
                    let n = READ.min(*len - *next);
                    if n == 0 {
                        return None;
                    }
                    bytes.resize(n * BYTES, 0);
                    if let Err(e) = file.read_exact_at(bytes, (*next * BYTES) as u64) {
                        self.ranking.failed.borrow_mut().get_or_insert(e);
                        *next = *len;
                        return None;
                    }
                    read.clear();
                    read.extend(bytes.chunks_exact(BYTES).map(decode));
                    *next += n;
                    *at = 0;
                }
                let c = read[*at];
                *at += 1;
                Some(c)
            }
        }
    }

    fn less(&self, a: usize, b: usize) -> bool {
        let (a, b) = (&self.heap[a], &self.heap[b]);
        if self.ranking.order.is_plain() { a.0 < b.0 } else { self.ranking.order.compare(&a.1, &b.1).is_lt() }
    }

    fn push(&mut self, entry: (u128, Candidate, usize)) {
        self.heap.push(entry);
        let mut at = self.heap.len() - 1;
        while at > 0 {
            let parent = (at - 1) / 2;
            if !self.less(at, parent) {
                break;
            }
            self.heap.swap(at, parent);
            at = parent;
        }
    }

    fn sift_down(&mut self) {
        let mut at = 0;
        loop {
            let (left, right) = (2 * at + 1, 2 * at + 2);
            let mut least = at;
            if left < self.heap.len() && self.less(left, least) {
                least = left;
            }
            if right < self.heap.len() && self.less(right, least) {
                least = right;
            }
            if least == at {
                return;
            }
            self.heap.swap(at, least);
            at = least;
        }
    }
}

impl Iterator for Merge<'_, '_> {
    type Item = Candidate;

    fn next(&mut self) -> Option<Candidate> {
        let Some(&(_, c, k)) = self.heap.first() else {
            self.ranking.draws.set(self.draws);
            return None;
        };
        match self.next_of(k) {
            Some(next) => {
                self.heap[0] = (RankOrder::packed(&next), next, k);
            }
            None => {
                let last = self.heap.len() - 1;
                self.heap.swap(0, last);
                self.heap.pop();
            }
        }
        self.sift_down();
        let order = &self.ranking.order;
        if let Some(prev) = &self.prev
            && (if order.is_plain() { prev.priority == c.priority } else { order.by_keys(prev, &c).is_eq() })
        {
            self.draws += 1;
        }
        self.prev = Some(c);
        Some(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{KeyValue, RankKeys};

    /// Candidates in runs of every size, held or spilled, merge into the line one sort gives,
    /// pass after pass, with the same count of draws.
    #[test]
    fn runs_merged_are_one_sort() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move |m: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % m
        };
        let n = 5_000;
        let candidates: Vec<Candidate> = (0..n)
            .map(|k| Candidate {
                row: k as u32 * 3 + 1,
                priority: next(4) as i32 - 1,
                // (few distinct draws, so that the row breaks ties too)
                tiebreak: next(50),
                group: (next(3) > 0).then(|| next(70_000) as u16),
                keys: k as u32,
            })
            .collect();
        let values: Vec<u64> = (0..n).map(|_| next(20)).collect();
        let keys = RankKeys::build(n, 1, |k, _| {
            if values[k] == 0 { KeyValue::Missing } else { KeyValue::Num(values[k] as i64) }
        });
        for descending in [vec![], vec![true], vec![false]] {
            let order = RankOrder { keys: &keys, descending: &descending };
            let mut sorted = candidates.clone();
            sorted.sort_by(|a, b| order.compare(a, b));
            let draws = sorted.windows(2).filter(|w| order.by_keys(&w[0], &w[1]).is_eq()).count() as u64;
            for (run, spilled) in [(1, true), (7, false), (7, true), (1_000, true), (n, true), (n + 1, false)]
            {
                let mut ranking = Ranking::new(order, spilled.then_some(dir.path()), run);
                for c in &candidates {
                    ranking.push(*c).expect("pushed");
                }
                ranking.finish();
                assert_eq!(ranking.len(), n);
                for _ in 0..2 {
                    let line: Vec<Candidate> = ranking.pass().collect();
                    assert!(
                        line.iter().zip(&sorted).all(|(a, b)| order.compare(a, b).is_eq()) && line.len() == n,
                        "runs of {run}, spilled {spilled}, {descending:?}"
                    );
                    assert!(line.iter().zip(&sorted).all(|(a, b)| a.group == b.group && a.keys == b.keys));
                    assert_eq!(ranking.draws(), draws, "runs of {run}");
                }
                // a pass stopped early (a reserve filled) leaves the count of a whole one
                assert_eq!(ranking.pass().take(3).count(), 3.min(n));
                assert_eq!(ranking.draws(), draws);
                assert!(ranking.failed().is_none());
            }
        }
    }

    /// A spilled run cut short behind the run's back is said after the pass, never taken as
    /// candidates.
    #[test]
    fn a_run_cut_short_is_an_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        let keys = RankKeys::default();
        let order = RankOrder { keys: &keys, descending: &[] };
        let mut ranking = Ranking::new(order, Some(dir.path()), 10);
        for k in 0..100u32 {
            ranking
                .push(Candidate { row: k + 1, priority: 0, tiebreak: u64::from(k), group: None, keys: k })
                .expect("pushed");
        }
        ranking.finish();
        if let Some(Run::Spilled { file, .. }) = ranking.runs.first() {
            file.set_len(5 * BYTES as u64).expect("cut");
        }
        let line: Vec<Candidate> = ranking.pass().collect();
        assert!(line.len() < 100);
        assert!(ranking.failed().is_some());
    }
}
