//! Values of a fixed size that a run keeps per row or per applicant — decisions, a plugin's
//! answers, the eligible rows, the rows a plugin accepts. A province's are millions: a
//! streamed registry's go to an unnamed file beside its rows (appended, or written in place
//! a range at a time) and are read back a range at a time; a registry held in memory has them
//! held.

use std::borrow::Cow;
use std::os::unix::fs::FileExt as _;
use std::path::Path;
use std::sync::Arc;

/// A value of a fixed number of bytes.
pub trait Fixed: Copy + Send + Sync {
    const BYTES: usize;
    fn put(self, out: &mut [u8]);
    /// The value `put` wrote; `None` for bytes it cannot have written.
    fn take(bytes: &[u8]) -> Option<Self>;
}

impl Fixed for u32 {
    const BYTES: usize = 4;

    fn put(self, out: &mut [u8]) {
        out.copy_from_slice(&self.to_le_bytes());
    }

    fn take(bytes: &[u8]) -> Option<u32> {
        Some(u32::from_le_bytes(bytes.try_into().ok()?))
    }
}

/// Values in order: held, or in a file (shared by clones).
#[derive(Clone, Debug)]
pub struct Column<T> {
    len: usize,
    /// Values written to the file together, and read back together by the passes.
    chunk: usize,
    /// Every value (without a file), or those pushed and not yet written.
    held: Vec<T>,
    file: Option<Arc<std::fs::File>>,
}

fn damaged() -> std::io::Error {
    std::io::Error::other("values a run set aside in a file are damaged")
}

fn bytes_of<T: Fixed>(values: &[T]) -> Vec<u8> {
    let mut bytes = vec![0u8; values.len() * T::BYTES];
    for (v, out) in values.iter().zip(bytes.chunks_exact_mut(T::BYTES)) {
        v.put(out);
    }
    bytes
}

impl<T: Fixed> Column<T> {
    /// No values yet: into a file in `dir`, written and read back `chunk` at a time, or held
    /// without.
    pub fn new(dir: Option<&Path>, chunk: usize) -> std::io::Result<Column<T>> {
        let file = dir.map(tempfile::tempfile_in).transpose()?.map(Arc::new);
        Ok(Column { len: 0, chunk: chunk.max(1), held: Vec::new(), file })
    }

    /// `values`, held.
    pub fn held(values: Vec<T>) -> Column<T> {
        Column { len: values.len(), chunk: values.len().max(1), held: values, file: None }
    }

    /// Values read back together by the passes over them.
    pub fn chunk(&self) -> usize {
        self.chunk
    }

    /// Whether the values go to a file.
    pub fn is_spilled(&self) -> bool {
        self.file.is_some()
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Adds `value` after the others.
    pub fn push(&mut self, value: T) -> std::io::Result<()> {
        self.held.push(value);
        self.len += 1;
        if self.held.len() >= self.chunk && self.file.is_some() {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes the values pushed and not yet written (call before reading any back).
    pub fn flush(&mut self) -> std::io::Result<()> {
        let Some(file) = &self.file else { return Ok(()) };
        let at = (self.len - self.held.len()) * T::BYTES;
        file.write_all_at(&bytes_of(&self.held), at as u64)?;
        self.held.clear();
        Ok(())
    }

    /// Values `at..` are `values` (written to the file, by any thread; the column is as long
    /// as its furthest value written). Only for a column with a file.
    pub fn write_at(&self, at: usize, values: &[T]) -> std::io::Result<()> {
        let Some(file) = &self.file else { return Err(damaged()) };
        file.write_all_at(&bytes_of(values), (at * T::BYTES) as u64)
    }

    /// A column written with [`Column::write_at`] is `len` values long.
    pub fn set_len(&mut self, len: usize) {
        if self.file.is_some() {
            self.len = len;
        }
    }

    /// Values `range` (read from the file unless held; any thread may read).
    pub fn read(&self, range: std::ops::Range<usize>) -> std::io::Result<Cow<'_, [T]>> {
        let range = range.start.min(self.len)..range.end.min(self.len);
        let Some(file) = &self.file else { return Ok(Cow::Borrowed(&self.held[range])) };
        if !self.held.is_empty() {
            return Err(damaged());
        }
        let mut bytes = vec![0u8; range.len() * T::BYTES];
        file.read_exact_at(&mut bytes, (range.start * T::BYTES) as u64)?;
        let values = bytes.chunks_exact(T::BYTES).map(|b| T::take(b).ok_or_else(damaged));
        Ok(Cow::Owned(values.collect::<std::io::Result<_>>()?))
    }

    /// Value `k`.
    pub fn get(&self, k: usize) -> std::io::Result<T> {
        self.read(k..k + 1)?.first().copied().ok_or_else(damaged)
    }

    /// A reader of values in (mostly) ascending order, a chunk at a time.
    pub fn reader(&self) -> Reader<'_, T> {
        Reader { column: self, first: 0, chunk: Cow::Borrowed(&[]), failed: None }
    }

    /// Calls `f(first, values)` on every value in order, a chunk at a time.
    pub fn chunks(&self, mut f: impl FnMut(usize, &[T])) -> std::io::Result<()> {
        for start in (0..self.len).step_by(self.chunk) {
            f(start, &self.read(start..(start + self.chunk).min(self.len))?);
        }
        Ok(())
    }
}

/// Reads a column's values in (mostly) ascending order. A chunk that cannot be read reads as
/// nothing, and [`Reader::finish`] says so.
pub struct Reader<'a, T: Clone + 'static> {
    column: &'a Column<T>,
    first: usize,
    chunk: Cow<'a, [T]>,
    failed: Option<std::io::Error>,
}

impl<T: Fixed + 'static> Reader<'_, T> {
    /// Value `k`.
    pub fn get(&mut self, k: usize) -> Option<T> {
        if k < self.first || k >= self.first + self.chunk.len() {
            let step = self.column.chunk;
            let start = k / step * step;
            self.chunk = match self.column.read(start..start + step) {
                Ok(chunk) => chunk,
                Err(e) => {
                    self.failed.get_or_insert(e);
                    Cow::Borrowed(&[])
                }
            };
            self.first = start;
        }
        self.chunk.get(k - self.first).copied()
    }

    /// Whether every chunk read could be.
    pub fn finish(self) -> std::io::Result<()> {
        self.failed.map_or(Ok(()), Err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values pushed, or written in place out of order, read back the same held or from a
    /// file, a range or one at a time; a value past the end is an error.
    #[test]
    fn values_read_back_as_they_were_put() {
        let dir = tempfile::tempdir().expect("temp dir");
        const CHUNK: usize = 1000;
        let n = 3 * CHUNK + 17;
        let value = |k: usize| (k as u32).wrapping_mul(2_654_435_761);
        for folder in [None, Some(dir.path())] {
            let mut pushed = Column::<u32>::new(folder, CHUNK).expect("column");
            for k in 0..n {
                pushed.push(value(k)).expect("pushed");
            }
            pushed.flush().expect("flushed");
            assert_eq!(pushed.is_spilled(), folder.is_some());
            assert_eq!(pushed.len(), n);
            let mut all = Vec::new();
            pushed
                .chunks(|start, values| {
                    assert_eq!(start, all.len());
                    all.extend_from_slice(values);
                })
                .expect("read");
            assert_eq!(all, (0..n).map(value).collect::<Vec<_>>());
            assert_eq!(pushed.read(CHUNK - 3..CHUNK + 5).expect("range")[..], all[CHUNK - 3..CHUNK + 5]);
            assert_eq!(pushed.get(n - 1).expect("last"), value(n - 1));
            assert!(pushed.get(n).is_err());
            let mut reader = pushed.reader();
            for k in (0..n).step_by(7).chain([5, n - 1]) {
                assert_eq!(reader.get(k), Some(value(k)));
            }
            assert_eq!(reader.get(n), None);
            reader.finish().expect("read");
        }
        let mut placed = Column::<u32>::new(Some(dir.path()), CHUNK).expect("column");
        for start in (0..n).step_by(1000).rev() {
            let values: Vec<u32> = (start..(start + 1000).min(n)).map(value).collect();
            placed.write_at(start, &values).expect("written");
        }
        placed.set_len(n);
        for k in (0..n).step_by(997) {
            assert_eq!(placed.get(k).expect("value"), value(k));
        }
        assert!(Column::held(vec![1u32]).write_at(0, &[2]).is_err(), "held values are pushed");
    }
}
