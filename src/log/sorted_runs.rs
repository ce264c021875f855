//! Records (a key and some bytes) sorted by key in bounded memory: past a budget of bytes,
//! the records held are sorted and written to a temporary file as one run, and the runs are
//! merged when read back, each read in order a buffer at a time (a stable sort: records of
//! equal key come back in the order they were pushed). `verify` sorts the waiting list's
//! lines into rank order with it, however long the list.
//!
//! (The runs once held only each record's key and place, the records themselves lying in
//! another temporary file in the order found: reading them back was one `pread` a record,
//! in no order, most of what `verify` spent after its reading of the log.)

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::io::Write as _;

/// A record's key and length, before its bytes, in a run.
const HEAD: usize = 12;

/// Bytes read from a run at a time, when merging.
const CHUNK: usize = 1 << 16;

/// Records being gathered.
pub struct SortedRuns {
    /// Bytes of records held before they go to a temporary file as a run.
    budget: usize,
    /// The records held: key, and where their bytes lie in `bytes`, in the order pushed.
    held: Vec<(u64, usize, usize)>,
    bytes: Vec<u8>,
    /// The runs written so far (start in the file, bytes), and the file.
    runs: Vec<(u64, u64)>,
    file: Option<std::io::BufWriter<std::fs::File>>,
    written: u64,
    /// A temporary file could not be made: everything stays in memory.
    no_file: bool,
}

impl SortedRuns {
    /// At most about `budget` bytes of records held before a run goes to a temporary file.
    pub fn new(budget: usize) -> SortedRuns {
        SortedRuns {
            budget,
            held: Vec::new(),
            bytes: Vec::new(),
            runs: Vec::new(),
            file: None,
            written: 0,
            no_file: false,
        }
    }

    /// Adds a record; an error when the temporary file cannot be written.
    pub fn push(&mut self, key: u64, record: &[u8]) -> std::io::Result<()> {
        self.held.push((key, self.bytes.len(), record.len()));
        self.bytes.extend_from_slice(record);
        if self.bytes.len() >= self.budget && !self.no_file {
            self.spill()?;
        }
        Ok(())
    }

    /// Whether a run went to a temporary file.
    #[cfg(test)]
    pub fn spilled(&self) -> bool {
        !self.runs.is_empty()
    }

    /// Sorts the records held and writes them as a run (without a temporary file, keeps
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
        self.held.sort_by_key(|&(key, ..)| key);
        let mut length = 0u64;
        for &(key, start, len) in &self.held {
            let len32 = u32::try_from(len).map_err(|_| std::io::Error::other("a record over 4 GiB"))?;
            file.write_all(&key.to_le_bytes())?;
            file.write_all(&len32.to_le_bytes())?;
            file.write_all(&self.bytes[start..start + len])?;
            length += (HEAD + len) as u64;
        }
        self.runs.push((self.written, length));
        self.written += length;
        self.held.clear();
        self.bytes.clear();
        Ok(())
    }

    /// Hands every record's bytes to `f` in key order (equal keys in the order pushed).
    pub fn sorted(mut self, mut f: impl FnMut(&[u8]) -> std::io::Result<()>) -> std::io::Result<()> {
        if self.runs.is_empty() {
            self.held.sort_by_key(|&(key, ..)| key);
            for &(_, start, len) in &self.held {
                f(&self.bytes[start..start + len])?;
            }
            return Ok(());
        }
        // the records still held are the last run
        if !self.held.is_empty() {
            self.spill()?;
        }
        let file = match self.file.take() {
            Some(f) => f.into_inner().map_err(|e| e.into_error())?,
            None => return Err(std::io::Error::other("no temporary file")),
        };
        let mut readers: Vec<RunReader> = self
            .runs
            .iter()
            .map(|&(at, left)| RunReader { at, left, buffer: Vec::new(), pos: 0, record: 0..0 })
            .collect();
        // the key of each run's next record, with its run (earlier runs first on equal keys:
        // they were pushed first)
        let mut heap = BinaryHeap::with_capacity(readers.len());
        for (k, r) in readers.iter_mut().enumerate() {
            if let Some(key) = r.advance(&file)? {
                heap.push(Reverse((key, k)));
            }
        }
        while let Some(Reverse((_, k))) = heap.pop() {
            f(readers[k].record())?;
            if let Some(key) = readers[k].advance(&file)? {
                heap.push(Reverse((key, k)));
            }
        }
        Ok(())
    }
}

/// A run being read back, a buffer at a time.
struct RunReader {
    /// Where the bytes not yet read begin in the file, and how many are left.
    at: u64,
    left: u64,
    buffer: Vec<u8>,
    /// Where in `buffer` the next record begins.
    pos: usize,
    /// The record last read, in `buffer`.
    record: std::ops::Range<usize>,
}

impl RunReader {
    /// Reads the run's next record: its key, or `None` at the end of the run.
    fn advance(&mut self, file: &std::fs::File) -> std::io::Result<Option<u64>> {
        if self.pos >= self.buffer.len() && self.left == 0 {
            return Ok(None);
        }
        self.fill(file, HEAD)?;
        let head = &self.buffer[self.pos..self.pos + HEAD];
        let key = u64::from_le_bytes(head[..8].try_into().unwrap_or_default());
        let len = u32::from_le_bytes(head[8..].try_into().unwrap_or_default()) as usize;
        self.pos += HEAD;
        self.fill(file, len)?;
        self.record = self.pos..self.pos + len;
        self.pos += len;
        Ok(Some(key))
    }

    fn record(&self) -> &[u8] {
        &self.buffer[self.record.clone()]
    }

    /// Makes sure `n` bytes from `pos` are in the buffer, reading on from the file.
    fn fill(&mut self, file: &std::fs::File, n: usize) -> std::io::Result<()> {
        let have = self.buffer.len() - self.pos;
        if have >= n {
            return Ok(());
        }
        self.buffer.drain(..self.pos);
        self.pos = 0;
        let more = (n - have).max(CHUNK) as u64;
        let more = more.min(self.left) as usize;
        if have + more < n {
            return Err(std::io::Error::other("a temporary file ended inside a record"));
        }
        let start = self.buffer.len();
        self.buffer.resize(start + more, 0);
        std::os::unix::fs::FileExt::read_exact_at(file, &mut self.buffer[start..], self.at)?;
        self.at += more as u64;
        self.left -= more as u64;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whatever the budget, the records come back as a stable sort by key gives them,
    /// records longer than a buffer of the merge included.
    #[test]
    fn runs_merge_into_a_stable_sort() {
        let records: Vec<(u64, Vec<u8>)> = (0..3_000u64)
            .map(|i| {
                let len = if i % 997 == 0 { CHUNK + 333 } else { (i % 41) as usize };
                let bytes = (0..len).map(|j| (i as usize * 31 + j) as u8).collect();
                ((i * 7919) % 613, bytes)
            })
            .collect();
        let mut expected = records.clone();
        expected.sort_by_key(|r| r.0);
        let expected: Vec<Vec<u8>> = expected.into_iter().map(|r| r.1).collect();
        for budget in [0, 1, 7, 1000, 4096, 1 << 16, 1 << 20, usize::MAX] {
            let mut sorter = SortedRuns::new(budget);
            for (key, bytes) in &records {
                sorter.push(*key, bytes).expect("pushed");
            }
            assert_eq!(sorter.spilled(), budget < 1 << 20, "budget {budget}");
            let mut got = Vec::new();
            sorter
                .sorted(|r| {
                    got.push(r.to_vec());
                    Ok(())
                })
                .expect("sorted");
            assert_eq!(got, expected, "budget {budget}");
        }
    }
}
