//! What a streamed registry holds of its text while a run decides: of every row, only the
//! columns a decision reads, each value as a number into its column's table of values
//! (registries repeat the same decree numbers, proposers and ranks row after row): two bytes
//! a row and column while the column has fewer than 65.535 values, four after.

/// At most this many values are looked up to be shared (all columns together); later new
/// values are stored each time they occur (a column of values all different would otherwise
/// fill the lookup with every one of them: at most about 50 MB). A province's proposal ranks
/// run to hundreds of thousands of values (178.733 in a synthetic 10M registry); with a
/// lookup of 65.536 the rest were stored row after row, 82 MB at 10M.
const SHARED: usize = 1 << 20;

/// One kept column's value numbers, one per row: two bytes each while the column has fewer
/// than 65.535 values (decree numbers, proposers and ranks mostly do), four once it has more.
#[derive(Clone, Debug)]
enum Ids {
    Narrow(Vec<u16>),
    Wide(Vec<u32>),
}

impl Ids {
    /// The number that says "the row is shorter than this column".
    const NARROW_ABSENT: u16 = u16::MAX;
    const WIDE_ABSENT: u32 = u32::MAX;

    fn get(&self, row: usize) -> Option<usize> {
        match self {
            Ids::Narrow(ids) => {
                ids.get(row).filter(|id| **id != Ids::NARROW_ABSENT).map(|id| usize::from(*id))
            }
            Ids::Wide(ids) => ids.get(row).filter(|id| **id != Ids::WIDE_ABSENT).map(|id| *id as usize),
        }
    }

    fn reserve(&mut self, rows: usize) {
        match self {
            Ids::Narrow(ids) => ids.reserve_exact(rows),
            Ids::Wide(ids) => ids.reserve_exact(rows),
        }
    }

    /// Adds a row's number (`None`: absent), widening the column first when it needs to.
    fn push(&mut self, id: Option<u32>) {
        if let (Ids::Narrow(narrow), Some(id)) = (&*self, id)
            && id >= u32::from(Ids::NARROW_ABSENT)
        {
            // (once, for a column whose values outgrow two bytes; its rows so far are copied)
            let mut wide = Vec::with_capacity(narrow.capacity().max(narrow.len() + 1));
            wide.extend(
                narrow
                    .iter()
                    .map(|&id| if id == Ids::NARROW_ABSENT { Ids::WIDE_ABSENT } else { u32::from(id) }),
            );
            *self = Ids::Wide(wide);
        }
        match self {
            // (a narrow column's numbers are below NARROW_ABSENT: checked above)
            Ids::Narrow(ids) => ids.push(id.map_or(Ids::NARROW_ABSENT, |id| id as u16)),
            // (a registry has fewer than 2³² rows, so fewer values than that: the last number
            // is never reached)
            Ids::Wide(ids) => ids.push(id.unwrap_or(Ids::WIDE_ABSENT).min(Ids::WIDE_ABSENT - 1)),
        }
    }

    fn shrink_to_fit(&mut self) {
        match self {
            Ids::Narrow(ids) => ids.shrink_to_fit(),
            Ids::Wide(ids) => ids.shrink_to_fit(),
        }
    }
}

/// One kept column: its values, one after the other, where each ends, and each row's.
#[derive(Clone, Debug)]
struct Column {
    ids: Ids,
    text: String,
    ends: Vec<usize>,
}

impl Column {
    fn value(&self, id: usize) -> Option<&str> {
        let start = if id == 0 { 0 } else { *self.ends.get(id - 1)? };
        self.text.get(start..*self.ends.get(id)?)
    }
}

/// The kept columns of every row.
#[derive(Clone, Debug, Default)]
pub struct Kept {
    /// The columns' numbers in the registry, ascending.
    columns: Box<[usize]>,
    /// Each, in the same order.
    kept: Vec<Column>,
}

impl Kept {
    /// Whether column `column` is kept.
    pub fn holds(&self, column: usize) -> bool {
        self.columns.binary_search(&column).is_ok()
    }

    /// Column `column` of row `row` (counted from the first row kept), `None` if the row is
    /// shorter or the column is not kept.
    pub fn get(&self, row: usize, column: usize) -> Option<&str> {
        let k = self.columns.binary_search(&column).ok()?;
        let kept = &self.kept[k];
        kept.value(kept.ids.get(row)?)
    }
}

/// A [`Kept`] being filled, row after row.
pub struct Keeper {
    kept: Kept,
    /// Per column: value → its number.
    shared: Vec<rustc_hash::FxHashMap<Box<str>, u32>>,
    /// How many values the lookups may hold together, and hold.
    cap: usize,
    looked_up: usize,
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
        let kept = columns
            .iter()
            .map(|_| Column { ids: Ids::Narrow(Vec::new()), text: String::new(), ends: Vec::new() })
            .collect();
        let shared = columns.iter().map(|_| Default::default()).collect();
        Keeper { kept: Kept { columns: columns.into_boxed_slice(), kept }, shared, cap, looked_up: 0 }
    }

    /// Room for `rows` more rows.
    pub fn reserve(&mut self, rows: usize) {
        for c in &mut self.kept.kept {
            c.ids.reserve(rows);
        }
    }

    /// The number of `value` in column `k`, stored if new.
    fn id(&mut self, k: usize, value: &str) -> u32 {
        if let Some(&id) = self.shared[k].get(value) {
            return id;
        }
        let column = &mut self.kept.kept[k];
        column.text.push_str(value);
        column.ends.push(column.text.len());
        let id = u32::try_from(column.ends.len() - 1).unwrap_or(u32::MAX);
        if self.looked_up < self.cap {
            self.shared[k].insert(value.into(), id);
            self.looked_up += 1;
        }
        id
    }

    /// Adds a row, given a way to read its fields (`None` past its end).
    pub fn push<'a>(&mut self, field: impl Fn(usize) -> Option<&'a str>) {
        let mut ended = false;
        for k in 0..self.kept.columns.len() {
            let value = if ended { None } else { field(self.kept.columns[k]) };
            let id = match value {
                Some(v) => Some(self.id(k, v)),
                None => {
                    ended = true;
                    None
                }
            };
            self.kept.kept[k].ids.push(id);
        }
    }

    /// What was kept.
    pub fn finish(mut self) -> Kept {
        for c in &mut self.kept.kept {
            c.ids.shrink_to_fit();
            c.text.shrink_to_fit();
            c.ends.shrink_to_fit();
        }
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
        assert!(kept.kept.iter().map(|c| c.ends.len()).sum::<usize>() < 3 * rows.len());
    }

    /// A column whose values outgrow two-byte numbers is widened, its earlier rows (short
    /// ones included) reading back as before; a column of few values stays at two bytes.
    #[test]
    fn a_column_of_many_values_is_widened_and_reads_back() {
        let n = 70_000;
        let row = |i: usize| -> Vec<String> {
            let mut row = vec![format!("{}", i % 3), format!("v{i}")];
            if i % 1000 == 7 {
                row.truncate(1);
            }
            row
        };
        let mut keeper = Keeper::new(vec![1, 0]);
        keeper.reserve(n / 2);
        for i in 0..n {
            let r = row(i);
            keeper.push(|c| r.get(c).map(String::as_str));
        }
        let kept = keeper.finish();
        assert!(matches!(kept.kept[0].ids, Ids::Narrow(_)));
        assert!(matches!(kept.kept[1].ids, Ids::Wide(_)));
        for i in 0..n {
            let r = row(i);
            assert_eq!(kept.get(i, 0), r.first().map(String::as_str), "row {i}");
            assert_eq!(kept.get(i, 1), r.get(1).map(String::as_str), "row {i}");
        }
        assert_eq!(kept.get(n, 0), None);
    }
}
