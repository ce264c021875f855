//! A plugin's answers as a run keeps them from its call until the outputs are written: one
//! per row of the registry (`None` for the rows it did not assess). A plugin gives few
//! distinct priorities and groups to many applicants (a province's are millions), so each
//! distinct answer is kept once and a row holds its number, in two bytes; a plugin whose
//! answers are more varied than two bytes can number has them kept whole, eight bytes a row.

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
}

impl Default for Answers {
    fn default() -> Answers {
        Answers::Numbered { rows: Vec::new(), distinct: Vec::new(), lookup: Default::default() }
    }
}

impl Answers {
    /// Room for `rows` rows.
    pub fn reserve(&mut self, rows: usize) {
        match self {
            Answers::Numbered { rows: r, .. } => r.reserve_exact(rows),
            Answers::Whole(r) => r.reserve_exact(rows),
        }
    }

    fn len(&self) -> usize {
        match self {
            Answers::Numbered { rows, .. } => rows.len(),
            Answers::Whole(rows) => rows.len(),
        }
    }

    /// Rows up to `n` (not included) have no answer, where none was put.
    fn pad(&mut self, n: usize) {
        if n <= self.len() {
            return;
        }
        match self {
            Answers::Numbered { rows, .. } => rows.resize(n, 0),
            Answers::Whole(rows) => rows.resize(n, None),
        }
    }

    /// Row `i`'s answer; rows are put in ascending order.
    pub fn put(&mut self, i: usize, kept: Kept) {
        debug_assert!(i >= self.len(), "answers are put in row order");
        self.pad(i);
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
                    return;
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
    }

    /// Every row of `n` has its place; the lookup of distinct answers is let go.
    pub fn finish(&mut self, n: usize) {
        self.pad(n);
        if let Answers::Numbered { lookup, .. } = self {
            *lookup = Default::default();
        }
    }

    /// Row `i`'s answer, if it has one.
    pub fn get(&self, i: usize) -> Option<Kept> {
        match self {
            Answers::Numbered { rows, distinct, .. } => {
                let n = *rows.get(i)?;
                n.checked_sub(1).map(|n| distinct[usize::from(n)])
            }
            Answers::Whole(rows) => rows.get(i).copied().flatten(),
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
                answers.put(i, answer(i));
            }
            answers.finish(n + 3);
            assert_eq!(matches!(answers, Answers::Numbered { .. }), distinct == 3, "distinct {distinct}");
            for i in 0..n + 5 {
                let expected = (i % 2 == 1 && i < n).then(|| answer(i));
                assert_eq!(answers.get(i), expected, "row {i}, distinct {distinct}");
            }
        }
    }
}
