//! A plugin's answers as a run keeps them from its call until the outputs are written: one
//! per row of the registry (`None` for the rows it did not assess). A plugin gives few
//! distinct priorities and groups to many applicants (a province's are millions), so each
//! distinct answer is kept once and a row holds its number, in two bytes; a plugin whose
//! answers are more varied than two bytes can number has them kept whole, eight bytes a row.
//! A streamed registry's go, eight bytes a row, to an unnamed file beside its rows, and a
//! window of them is held at a time ([`Answers::load`]), as its rows and decisions are.

use std::os::unix::fs::FileExt as _;
use std::sync::Arc;

/// What a run keeps of one answer (the call that gave it is found from its row; the notes,
/// which few answers carry, are kept apart by row).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) struct Kept {
    pub priority: i32,
    pub group: Option<u16>,
}

const _: () = assert!(std::mem::size_of::<Option<Kept>>() <= 8);

/// Every row's answer, filled in row order ([`Answers::put`], then [`Answers::finish`]).
#[derive(Clone, Debug)]
pub(super) enum Answers {
    /// Per row: 0 for no answer, else one plus the answer's place in `distinct`.
    Numbered { rows: Vec<u16>, distinct: Vec<Kept>, lookup: rustc_hash::FxHashMap<Kept, u16> },
    /// Per row, the answer itself.
    Whole(Vec<Option<Kept>>),
    /// In a file, eight bytes a row: the rows of the window held (from `first`), or, while
    /// they are put, those not yet written (`len` rows put in all); `block` rows are written
    /// together, and read back together by a [`Reader`].
    Spilled { file: Arc<std::fs::File>, len: usize, first: usize, held: Vec<Option<Kept>>, block: usize },
}

/// An answer as the file holds it: priority, group, and whether each is there.
fn bytes_of(answer: Option<Kept>) -> [u8; 8] {
    let mut b = [0u8; 8];
    if let Some(a) = answer {
        b[..4].copy_from_slice(&a.priority.to_le_bytes());
        b[4..6].copy_from_slice(&a.group.unwrap_or(0).to_le_bytes());
        b[6] = 1 | u8::from(a.group.is_some()) << 1;
    }
    b
}

/// The answer [`bytes_of`] wrote; an error for bytes it cannot have written.
fn answer_of(b: &[u8]) -> std::io::Result<Option<Kept>> {
    let damaged = || std::io::Error::other("the plugin's answers set aside are damaged");
    let b: [u8; 8] = b.try_into().map_err(|_| damaged())?;
    match b[6] {
        0 if b == [0; 8] => Ok(None),
        1 | 3 if b[7] == 0 => Ok(Some(Kept {
            priority: i32::from_le_bytes([b[0], b[1], b[2], b[3]]),
            group: (b[6] == 3).then(|| u16::from_le_bytes([b[4], b[5]])),
        })),
        _ => Err(damaged()),
    }
}

impl Default for Answers {
    fn default() -> Answers {
        Answers::Numbered { rows: Vec::new(), distinct: Vec::new(), lookup: Default::default() }
    }
}

impl Answers {
    /// None yet, to be put into an unnamed file in `dir`, `block` rows at a time.
    pub fn spilled_in(dir: &std::path::Path, block: usize) -> std::io::Result<Answers> {
        let file = Arc::new(tempfile::tempfile_in(dir)?);
        Ok(Answers::Spilled { file, len: 0, first: 0, held: Vec::new(), block: block.max(1) })
    }

    /// Room for `rows` rows (none needed when spilled).
    pub fn reserve(&mut self, rows: usize) {
        match self {
            Answers::Numbered { rows: r, .. } => r.reserve_exact(rows),
            Answers::Whole(r) => r.reserve_exact(rows),
            Answers::Spilled { .. } => {}
        }
    }

    fn len(&self) -> usize {
        match self {
            Answers::Numbered { rows, .. } => rows.len(),
            Answers::Whole(rows) => rows.len(),
            Answers::Spilled { len, .. } => *len,
        }
    }

    /// Rows up to `n` (not included) have no answer, where none was put.
    fn pad(&mut self, n: usize) -> std::io::Result<()> {
        if n <= self.len() {
            return Ok(());
        }
        match self {
            Answers::Numbered { rows, .. } => rows.resize(n, 0),
            Answers::Whole(rows) => rows.resize(n, None),
            Answers::Spilled { .. } => {
                while self.len() < n {
                    self.push_spilled(None)?;
                }
            }
        }
        Ok(())
    }

    /// Puts the next row's answer into the file (a block at a time).
    fn push_spilled(&mut self, answer: Option<Kept>) -> std::io::Result<()> {
        let Answers::Spilled { file, len, held, block, .. } = self else { return Ok(()) };
        held.push(answer);
        *len += 1;
        if held.len() >= *block {
            let bytes: Vec<u8> = held.iter().flat_map(|a| bytes_of(*a)).collect();
            file.write_all_at(&bytes, ((*len - held.len()) * 8) as u64)?;
            held.clear();
        }
        Ok(())
    }

    /// Row `i`'s answer; rows are put in ascending order.
    pub fn put(&mut self, i: usize, kept: Kept) -> std::io::Result<()> {
        debug_assert!(i >= self.len(), "answers are put in row order");
        self.pad(i)?;
        if let Answers::Spilled { .. } = self {
            return self.push_spilled(Some(kept));
        }
        if let Answers::Numbered { rows, distinct, lookup } = self {
            let next = distinct.len() + 1;
            let number = match lookup.get(&kept) {
                Some(n) => Some(*n),
                None => u16::try_from(next).ok().inspect(|n| {
                    distinct.push(kept);
                    lookup.insert(kept, *n);
                }),
            };
            match number {
                Some(n) => {
                    rows.push(n);
                    return Ok(());
                }
                None => {
                    // more distinct answers than two bytes number: kept whole from here on
                    let mut whole = Vec::with_capacity(rows.capacity().max(rows.len() + 1));
                    whole.extend(rows.iter().map(|&n| (n > 0).then(|| distinct[usize::from(n) - 1])));
                    *self = Answers::Whole(whole);
                }
            }
        }
        if let Answers::Whole(rows) = self {
            rows.push(Some(kept));
        }
        Ok(())
    }

    /// Every row of `n` has its place; the lookup of distinct answers is let go (the rows
    /// put into a file are all written).
    pub fn finish(&mut self, n: usize) -> std::io::Result<()> {
        self.pad(n)?;
        match self {
            Answers::Numbered { lookup, .. } => *lookup = Default::default(),
            Answers::Spilled { file, len, first, held, .. } => {
                let bytes: Vec<u8> = held.iter().flat_map(|a| bytes_of(*a)).collect();
                file.write_all_at(&bytes, ((*len - held.len()) * 8) as u64)?;
                *held = Vec::new();
                *first = *len;
            }
            Answers::Whole(_) => {}
        }
        Ok(())
    }

    /// Row `i`'s answer, if it has one (and is held: in a file, the window loaded last).
    pub fn get(&self, i: usize) -> Option<Kept> {
        match self {
            Answers::Numbered { rows, distinct, .. } => {
                let n = *rows.get(i)?;
                n.checked_sub(1).map(|n| distinct[usize::from(n)])
            }
            Answers::Whole(rows) => rows.get(i).copied().flatten(),
            Answers::Spilled { first, held, .. } => held.get(i.checked_sub(*first)?).copied().flatten(),
        }
    }

    /// Rows `range`'s answers, from the file.
    fn read(
        file: &std::fs::File,
        len: usize,
        range: std::ops::Range<usize>,
    ) -> std::io::Result<Vec<Option<Kept>>> {
        let range = range.start.min(len)..range.end.min(len);
        let mut bytes = vec![0u8; range.len() * 8];
        file.read_exact_at(&mut bytes, (range.start * 8) as u64)?;
        bytes.chunks_exact(8).map(answer_of).collect()
    }

    /// Holds rows `range`'s answers (nothing to do unless in a file).
    pub fn load(&mut self, range: std::ops::Range<usize>) -> std::io::Result<()> {
        if let Answers::Spilled { file, len, first, held, .. } = self {
            *held = Vec::new();
            *held = Answers::read(file, *len, range.clone())?;
            *first = range.start;
        }
        Ok(())
    }

    /// Lets go of the window loaded last (nothing to do unless in a file).
    pub fn unload(&mut self) {
        if let Answers::Spilled { held, first, len, .. } = self {
            (*held, *first) = (Vec::new(), *len);
        }
    }

    /// A reader of answers in (mostly) ascending row order, whatever is held.
    pub fn reader(&self) -> Reader<'_> {
        Reader { answers: self, first: 0, block: Vec::new(), failed: None }
    }
}

/// Reads answers in (mostly) ascending row order: those held, else a block at a time from the
/// file. A block that cannot be read reads as no answers, and [`Reader::finish`] says so.
pub(super) struct Reader<'a> {
    answers: &'a Answers,
    first: usize,
    block: Vec<Option<Kept>>,
    failed: Option<std::io::Error>,
}

impl Reader<'_> {
    /// Row `i`'s answer.
    pub fn get(&mut self, i: usize) -> Option<Kept> {
        let Answers::Spilled { file, len, block, .. } = self.answers else { return self.answers.get(i) };
        if i < self.first || i >= self.first + self.block.len() {
            let start = i / block * block;
            self.block = Answers::read(file, *len, start..start + block).unwrap_or_else(|e| {
                self.failed.get_or_insert(e);
                Vec::new()
            });
            self.first = start;
        }
        self.block.get(i - self.first).copied().flatten()
    }

    /// Whether every block read could be.
    pub fn finish(self) -> std::io::Result<()> {
        self.failed.map_or(Ok(()), Err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Answers read back by row, with the rows between them empty; a plugin of more distinct
    /// answers than two bytes number has them all kept whole, the earlier ones included.
    #[test]
    fn answers_read_back_by_row_however_varied() {
        for distinct in [3_i32, 70_000] {
            let mut answers = Answers::default();
            answers.reserve(10);
            let answer = |i: usize| Kept {
                priority: (i as i32 / 3) % distinct,
                group: (!i.is_multiple_of(5)).then_some((i % 7) as u16),
            };
            let n = 250_000;
            for i in (1..n).step_by(2) {
                answers.put(i, answer(i)).expect("put");
            }
            answers.finish(n + 3).expect("finished");
            assert_eq!(matches!(answers, Answers::Numbered { .. }), distinct == 3, "distinct {distinct}");
            for i in 0..n + 5 {
                let expected = (i % 2 == 1 && i < n).then(|| answer(i));
                assert_eq!(answers.get(i), expected, "row {i}, distinct {distinct}");
            }
        }
    }

    /// Answers put into a file read back the same, a window loaded or in order; bytes not
    /// written by it are refused.
    #[test]
    fn spilled_answers_read_back() {
        let dir = tempfile::tempdir().expect("temp dir");
        let answer = |i: usize| Kept {
            priority: i as i32 - 70_000,
            group: (!i.is_multiple_of(3)).then_some((i % 11) as u16),
        };
        const BLOCK: usize = 1000;
        let n = 3 * BLOCK + 5;
        let mut answers = Answers::spilled_in(dir.path(), BLOCK).expect("answers");
        for i in (2..n).step_by(3) {
            answers.put(i, answer(i)).expect("put");
        }
        answers.finish(n + 2).expect("finished");
        let expected = |i: usize| (i % 3 == 2 && i < n).then(|| answer(i));
        assert_eq!(answers.get(2), None, "nothing held once finished");
        let mut reader = answers.reader();
        for i in 0..n + 2 {
            assert_eq!(reader.get(i), expected(i), "row {i}");
        }
        reader.finish().expect("read");
        answers.load(BLOCK - 4..BLOCK + 9).expect("loaded");
        for i in BLOCK - 4..BLOCK + 9 {
            assert_eq!(answers.get(i), expected(i), "row {i}");
        }
        assert_eq!(answers.get(BLOCK + 9), None, "outside the window");
        assert!(answer_of(&[1, 0, 0, 0, 0, 0, 4, 0]).is_err());
        assert!(answer_of(&[1, 0, 0, 0, 0, 0, 0, 0]).is_err());
    }
}
