//! What a streamed registry holds of its text while a run decides: of every row, only the
//! columns a decision reads, each value as a 4-byte number into one table of the values
//! (registries repeat the same decree numbers, proposers and ranks row after row).

/// Where a row is shorter than a kept column.
const ABSENT: u32 = u32::MAX;

/// At most this many values are looked up to be shared; later new values are stored each
/// time they occur (a column of values all different would otherwise fill the lookup with
/// every one of them: at most about 50 MB). A province's proposal ranks run to hundreds of
/// thousands of values (178.733 in a synthetic 10M registry); with a lookup of 65.536 the
/// rest were stored row after row, 82 MB at 10M.
const SHARED: usize = 1 << 20;

/// The kept columns of every row.
#[derive(Clone, Debug, Default)]
pub struct Kept {
    /// The columns, ascending.
    columns: Box<[usize]>,
    /// Per row, per kept column: the value's number, or [`ABSENT`].
    ids: Vec<u32>,
    /// The values, one after the other, and where each ends.
    text: String,
    ends: Vec<usize>,
}

impl Kept {
    /// Column `column` of row `row` (counted from the first row kept), `None` if the row is
    /// shorter or the column is not kept.
    pub fn get(&self, row: usize, column: usize) -> Option<&str> {
        let k = self.columns.binary_search(&column).ok()?;
        let id = *self.ids.get(row * self.columns.len() + k)?;
        if id == ABSENT {
            return None;
        }
        let id = id as usize;
        let start = if id == 0 { 0 } else { self.ends[id - 1] };
        self.text.get(start..self.ends[id])
    }
}

/// A [`Kept`] being filled, row after row.
pub struct Keeper {
    kept: Kept,
    shared: rustc_hash::FxHashMap<Box<str>, u32>,
    /// How many values `shared` may hold.
    cap: usize,
}

impl Keeper {
    /// Keeps `columns` (in any order, repeats ignored) of the rows it is given.
    pub fn new(columns: Vec<usize>) -> Keeper {
        Keeper::sharing(columns, SHARED)
    }

    /// [`Keeper::new`], sharing at most `cap` values.
    fn sharing(mut columns: Vec<usize>, cap: usize) -> Keeper {
        columns.sort_unstable();
        columns.dedup();
        Keeper {
            kept: Kept { columns: columns.into_boxed_slice(), ..Kept::default() },
            shared: Default::default(),
            cap,
        }
    }

    /// Room for `rows` more rows.
    pub fn reserve(&mut self, rows: usize) {
        self.kept.ids.reserve_exact(rows.saturating_mul(self.kept.columns.len()));
    }

    fn id(&mut self, value: &str) -> u32 {
        if let Some(&id) = self.shared.get(value) {
            return id;
        }
        self.kept.text.push_str(value);
        self.kept.ends.push(self.kept.text.len());
        // (a registry has fewer than 2³² rows: row numbers are 32 bits)
        let id = u32::try_from(self.kept.ends.len() - 1).unwrap_or(ABSENT - 1);
        if self.shared.len() < self.cap {
            self.shared.insert(value.into(), id);
        }
        id
    }

    /// Adds a row, given a way to read its fields (`None` past its end).
    pub fn push<'a>(&mut self, field: impl Fn(usize) -> Option<&'a str>) {
        let mut ended = false;
        for k in 0..self.kept.columns.len() {
            let value = if ended { None } else { field(self.kept.columns[k]) };
            let id = match value {
                Some(v) => self.id(v),
                None => {
                    ended = true;
                    ABSENT
                }
            };
            self.kept.ids.push(id);
        }
    }

    /// What was kept.
    pub fn finish(mut self) -> Kept {
        self.kept.ids.shrink_to_fit();
        self.kept.text.shrink_to_fit();
        self.kept.ends.shrink_to_fit();
        self.kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kept field reads back as it was written; a short row has nothing from its end on;
    /// columns not kept read as nothing; values beyond the shared lookup are still right.
    #[test]
    fn kept_fields_read_back_as_written() {
        let cap = 1 << 12;
        let rows: Vec<Vec<String>> = (0..cap + 500)
            .map(|i| {
                let mut row = vec![format!("id{i}"), "a".to_owned(), format!("{}", i % 7), format!("u{i}")];
                if i % 11 == 0 {
                    row.truncate(2);
                }
                row
            })
            .collect();
        let mut keeper = Keeper::sharing(vec![0, 2, 3], cap);
        keeper.reserve(rows.len());
        for row in &rows {
            keeper.push(|c| row.get(c).map(String::as_str));
        }
        let kept = keeper.finish();
        for (i, row) in rows.iter().enumerate() {
            for c in 0..5 {
                let expected = if c == 1 { None } else { row.get(c).map(String::as_str) };
                assert_eq!(kept.get(i, c), expected, "row {i} column {c}");
            }
        }
        // shared values are stored once
        assert!(kept.ends.len() < 3 * rows.len());
    }
}
