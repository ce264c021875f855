//! Entries sorted by key in bounded memory: past `run` entries, each run is sorted and
//! written to a temporary file, and the runs are merged when read back (a stable sort:
//! entries of equal key come back in the order they were pushed). `verify` sorts the
//! waiting list's lines into rank order with it, however long the list.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::io::Write as _;

/// One entry: what it is sorted by, and where its data lies (offset, length).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    pub key: u64,
    pub at: u64,
    pub len: u32,
}

/// Bytes of an entry in a run file.
const BYTES: usize = 20;

impl Entry {
    fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.key.to_le_bytes());
        out.extend_from_slice(&self.at.to_le_bytes());
        out.extend_from_slice(&self.len.to_le_bytes());
    }

    fn decode(b: &[u8]) -> Entry {
        let word = |r: std::ops::Range<usize>| {
            let mut w = [0u8; 8];
            w[..r.len()].copy_from_slice(&b[r]);
            u64::from_le_bytes(w)
        };
        Entry { key: word(0..8), at: word(8..16), len: word(16..20) as u32 }
    }
}

/// Entries being gathered.
pub struct SortedRuns {
    run: usize,
    memory: Vec<Entry>,
    /// The runs written so far (start in the file, entries), and the file.
    runs: Vec<(u64, u64)>,
    file: Option<std::io::BufWriter<std::fs::File>>,
    written: u64,
    /// A temporary file could not be made: everything stays in memory.
    no_file: bool,
}

impl SortedRuns {
    /// At most `run` entries held before a run goes to a temporary file.
    pub fn new(run: usize) -> SortedRuns {
        SortedRuns {
            run: run.max(1),
            memory: Vec::new(),
            runs: Vec::new(),
            file: None,
            written: 0,
            no_file: false,
        }
    }

    /// Adds an entry; an error when the temporary file cannot be written.
    pub fn push(&mut self, entry: Entry) -> std::io::Result<()> {
        self.memory.push(entry);
        if self.memory.len() >= self.run && !self.no_file {
            self.spill()?;
        }
        Ok(())
    }

    /// Sorts the entries held and writes them as a run (without a temporary file, keeps
    /// them).
    fn spill(&mut self) -> std::io::Result<()> {
        if self.file.is_none() {
            match tempfile::tempfile() {
                Ok(f) => self.file = Some(std::io::BufWriter::with_capacity(1 << 20, f)),
                Err(_) => {
                    self.no_file = true;
                    return Ok(());
                }
            }
        }
        let Some(file) = self.file.as_mut() else { return Ok(()) };
        self.memory.sort_by_key(|e| e.key);
        // (encoded a few thousand at a time: a run's bytes are not held whole beside it)
        let mut bytes = Vec::with_capacity(4096 * BYTES);
        for entries in self.memory.chunks(4096) {
            bytes.clear();
            for e in entries {
                e.encode(&mut bytes);
            }
            file.write_all(&bytes)?;
        }
        self.runs.push((self.written, self.memory.len() as u64));
        self.written += (self.memory.len() * BYTES) as u64;
        self.memory.clear();
        Ok(())
    }

    /// The entries by key (equal keys in the order pushed).
    pub fn sorted(mut self) -> std::io::Result<Sorted> {
        if self.runs.is_empty() {
            self.memory.sort_by_key(|e| e.key);
            return Ok(Sorted::Held(self.memory.into_iter()));
        }
        // the entries still held are the last run
        if !self.memory.is_empty() {
            self.spill()?;
        }
        let file = match self.file.take() {
            Some(f) => f.into_inner().map_err(|e| e.into_error())?,
            None => return Err(std::io::Error::other("no temporary file")),
        };
        let mut readers: Vec<RunReader> = self
            .runs
            .iter()
            .map(|&(start, count)| RunReader { at: start, left: count, buffer: Vec::new(), pos: 0 })
            .collect();
        let mut heap = BinaryHeap::new();
        for (k, r) in readers.iter_mut().enumerate() {
            if let Some(e) = r.next(&file)? {
                heap.push(Reverse((e.key, k, e)));
            }
        }
        Ok(Sorted::Merged { file, readers, heap })
    }
}

/// A run being read back, a buffer at a time.
pub struct RunReader {
    at: u64,
    left: u64,
    buffer: Vec<u8>,
    pos: usize,
}

impl RunReader {
    fn next(&mut self, file: &std::fs::File) -> std::io::Result<Option<Entry>> {
        if self.pos >= self.buffer.len() {
            if self.left == 0 {
                return Ok(None);
            }
            let count = self.left.min(1 << 14);
            self.buffer.resize(count as usize * BYTES, 0);
            std::os::unix::fs::FileExt::read_exact_at(file, &mut self.buffer, self.at)?;
            self.at += self.buffer.len() as u64;
            self.left -= count;
            self.pos = 0;
        }
        let e = Entry::decode(&self.buffer[self.pos..self.pos + BYTES]);
        self.pos += BYTES;
        Ok(Some(e))
    }
}

/// The entries in order: all held (one run), or the runs in the file merged.
pub enum Sorted {
    Held(std::vec::IntoIter<Entry>),
    Merged {
        file: std::fs::File,
        readers: Vec<RunReader>,
        /// The smallest entry not yet given of each run, with its run (earlier runs first
        /// on equal keys: they were pushed first).
        heap: BinaryHeap<Reverse<(u64, usize, Entry)>>,
    },
}

impl Iterator for Sorted {
    type Item = std::io::Result<Entry>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Sorted::Held(entries) => entries.next().map(Ok),
            Sorted::Merged { file, readers, heap } => {
                let Reverse((_, k, e)) = heap.pop()?;
                match readers[k].next(file) {
                    Ok(Some(n)) => heap.push(Reverse((n.key, k, n))),
                    Ok(None) => {}
                    Err(err) => return Some(Err(err)),
                }
                Some(Ok(e))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whatever the run length, the entries come back as a stable sort by key gives them.
    #[test]
    fn runs_merge_into_a_stable_sort() {
        let entries: Vec<Entry> =
            (0..10_000u64).map(|i| Entry { key: (i * 7919) % 613, at: i, len: (i % 17) as u32 }).collect();
        let mut expected = entries.clone();
        expected.sort_by_key(|e| e.key);
        for run in [1, 2, 7, 1000, 4096, 9999, 10_000, usize::MAX] {
            let mut sorter = SortedRuns::new(run);
            for e in &entries {
                sorter.push(*e).expect("pushed");
            }
            let got: Vec<Entry> = sorter.sorted().expect("sorted").map(|e| e.expect("read")).collect();
            assert_eq!(got, expected, "runs of {run}");
        }
    }
}
