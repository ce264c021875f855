//! A plugin's answers as a run keeps them from its call until the outputs are written: one
//! per row of the registry (`None` for the rows it did not assess). A plugin gives few
//! distinct priorities and groups to many applicants (a province's are millions), so each
//! distinct answer is kept once and a row holds its number, in two bytes; a plugin whose
//! answers are more varied than two bytes can number has them kept whole, eight bytes a row.
//! A streamed registry's go, eight bytes a row, to an unnamed file beside its rows, and a
//! window of them is held at a time ([`Answers::load`]), as its rows and decisions are.

use crate::files::column::{self, Column};

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
    /// In a file, eight bytes a row (`rows`), and the window of them held (from `first`).
    Spilled { rows: Column<Option<Kept>>, first: usize, held: Vec<Option<Kept>> },
}

/// An answer as the file holds it: priority, group, and whether each is there.
impl column::Fixed for Option<Kept> {
    const BYTES: usize = 8;

    fn put(self, b: &mut [u8]) {
        b.fill(0);
        if let Some(a) = self {
            b[..4].copy_from_slice(&a.priority.to_le_bytes());
            b[4..6].copy_from_slice(&a.group.unwrap_or(0).to_le_bytes());
            b[6] = 1 | u8::from(a.group.is_some()) << 1;
        }
    }

    fn take(b: &[u8]) -> Option<Option<Kept>> {
        let b: [u8; 8] = b.try_into().ok()?;
        match b[6] {
            0 if b == [0; 8] => Some(None),
            1 | 3 if b[7] == 0 => Some(Some(Kept {
                priority: i32::from_le_bytes([b[0], b[1], b[2], b[3]]),
                group: (b[6] == 3).then(|| u16::from_le_bytes([b[4], b[5]])),
            })),
            _ => None,
        }
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
        Ok(Answers::Spilled { rows: Column::new(Some(dir), block)?, first: 0, held: Vec::new() })
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
            Answers::Spilled { rows, .. } => rows.len(),
        }
    }

    /// Rows up to `n` (not included) have no answer, where none was put.
    fn pad(&mut self, n: usize) -> std::io::Result<()> {
        match self {
            Answers::Numbered { rows, .. } if rows.len() < n => rows.resize(n, 0),
            Answers::Whole(rows) if rows.len() < n => rows.resize(n, None),
            Answers::Spilled { rows, .. } => {
                while rows.len() < n {
                    rows.push(None)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Row `i`'s answer; rows are put in ascending order.
    pub fn put(&mut self, i: usize, kept: Kept) -> std::io::Result<()> {
        debug_assert!(i >= self.len(), "answers are put in row order");
        self.pad(i)?;
        if let Answers::Spilled { rows, .. } = self {
            return rows.push(Some(kept));
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
            Answers::Spilled { rows, first, held } => {
                rows.flush()?;
                (*held, *first) = (Vec::new(), rows.len());
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

    /// Holds rows `range`'s answers (nothing to do unless in a file).
    pub fn load(&mut self, range: std::ops::Range<usize>) -> std::io::Result<()> {
        if let Answers::Spilled { rows, first, held } = self {
            *held = Vec::new();
            *held = rows.read(range.clone())?.into_owned();
            *first = range.start;
        }
        Ok(())
    }

    /// Lets go of the window loaded last (nothing to do unless in a file).
    pub fn unload(&mut self) {
        if let Answers::Spilled { rows, first, held } = self {
            (*held, *first) = (Vec::new(), rows.len());
        }
    }

    /// A reader of answers in (mostly) ascending row order, whatever is held.
    pub fn reader(&self) -> Reader<'_> {
        match self {
            Answers::Spilled { rows, .. } => Reader::Spilled(rows.reader()),
            held => Reader::Held(held),
        }
    }
}

/// Reads answers in (mostly) ascending row order: those held, else a block at a time from the
/// file ([`column::Reader`]).
pub(super) enum Reader<'a> {
    Held(&'a Answers),
    Spilled(column::Reader<'a, Option<Kept>>),
}

impl Reader<'_> {
    /// Row `i`'s answer.
    pub fn get(&mut self, i: usize) -> Option<Kept> {
        match self {
            Reader::Held(answers) => answers.get(i),
            Reader::Spilled(rows) => rows.get(i).flatten(),
        }
    }

    /// Whether every block read could be.
    pub fn finish(self) -> std::io::Result<()> {
        match self {
            Reader::Held(_) => Ok(()),
            Reader::Spilled(rows) => rows.finish(),
        }
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
        assert_eq!(<Option<Kept> as column::Fixed>::take(&[1, 0, 0, 0, 0, 0, 4, 0]), None);
        assert_eq!(<Option<Kept> as column::Fixed>::take(&[1, 0, 0, 0, 0, 0, 0, 0]), None);
    }
}
