//! What a streamed registry holds of its text while a run decides: of every row, only the
//! columns a decision reads, each value as a number into its column's table of values
//! (registries repeat the same decree numbers, proposers and ranks row after row): two bytes
//! a row and column while the column has fewer than 65.535 values, four after. When the
//! registry's rows are spilled ([`super::Rows::spilled_in`]), the rows' numbers are too, four
//! bytes a row and column in an unnamed file beside them, and read back for the rows asked
//! about ([`Kept::pick`], [`Reader`]); only the tables of values are held.

use crate::files::column;

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
    /// Each, in the same order (without their rows' numbers when those are in `spill`).
    kept: Vec<Column>,
    /// The rows' numbers in a file: every row's, a row after another, a column after another.
    spill: Option<column::Column<u32>>,
}

/// A spilled row's number for a column it is too short to have.
const ABSENT: u32 = u32::MAX;

/// Rows whose numbers are written to the spill together, and read back together by a
/// [`Reader`] and [`Kept::pick`].
const BLOCK: usize = 1 << 16;

fn damaged() -> std::io::Error {
    std::io::Error::other("the registry's spill of kept columns is damaged")
}

impl Kept {
    /// Whether column `column` is kept.
    pub fn holds(&self, column: usize) -> bool {
        self.columns.binary_search(&column).is_ok()
    }

    /// Column `column` of row `row` (counted from the first row kept), `None` if the row is
    /// shorter or the column is not kept — or the rows' numbers are spilled ([`Kept::pick`]).
    pub fn get(&self, row: usize, column: usize) -> Option<&str> {
        let k = self.columns.binary_search(&column).ok()?;
        let kept = &self.kept[k];
        kept.value(kept.ids.get(row)?)
    }

    /// Whether the rows' numbers are in a spill file.
    #[cfg(test)]
    fn is_spilled(&self) -> bool {
        self.spill.is_some()
    }

    /// Column `column` of the row whose numbers are `ids`.
    fn value_of(&self, ids: &[u32], column: usize) -> Option<&str> {
        let k = self.columns.binary_search(&column).ok()?;
        self.spilled_value(k, *ids.get(k)?)
    }

    /// Kept column `k`'s value numbered `id` as spilled (none for [`ABSENT`]).
    fn spilled_value(&self, k: usize, id: u32) -> Option<&str> {
        (id != ABSENT).then(|| self.kept[k].value(id as usize)).flatten()
    }

    /// Rows `start..end`'s numbers, read from the spill.
    fn read(&self, start: usize, end: usize) -> std::io::Result<Vec<u32>> {
        let Some(ids) = &self.spill else { return Err(damaged()) };
        let per = self.columns.len();
        Ok(ids.read(start * per..end * per)?.into_owned())
    }

    /// The kept values of rows `rows` (ascending): read from the spill in runs of rows close
    /// together, or looked up when held.
    pub fn pick<'a>(&'a self, rows: &[u32]) -> std::io::Result<Picked<'a>> {
        let per = self.columns.len();
        if self.spill.is_none() || per == 0 {
            return Ok(Picked { kept: self, rows: rows.to_vec(), ids: Vec::new() });
        }
        let mut ids = Vec::with_capacity(rows.len() * per);
        for (start, end, rows) in super::rows::nearby(rows, BLOCK) {
            let run = self.read(start, end)?;
            for &i in rows {
                let at = (i as usize - start) * per;
                ids.extend_from_slice(run.get(at..at + per).ok_or_else(damaged)?);
            }
        }
        Ok(Picked { kept: self, rows: Vec::new(), ids })
    }

    /// A reader of rows' values in (mostly) ascending order.
    pub fn reader(&self) -> Reader<'_> {
        Reader { kept: self, ids: self.spill.as_ref().map(column::Column::reader) }
    }
}

/// Some rows' kept values ([`Kept::pick`]).
pub struct Picked<'a> {
    kept: &'a Kept,
    /// The rows, when their numbers are held by `kept`.
    rows: Vec<u32>,
    /// The rows' numbers, read from the spill.
    ids: Vec<u32>,
}

impl<'a> Picked<'a> {
    /// Column `column` of the `k`th row picked.
    pub fn get(&self, k: usize, column: usize) -> Option<&'a str> {
        if self.kept.spill.is_none() {
            return self.kept.get(*self.rows.get(k)? as usize, column);
        }
        let per = self.kept.columns.len();
        self.kept.value_of(self.ids.get(k * per..(k + 1) * per)?, column)
    }
}

/// Reads rows' kept values in (mostly) ascending order: looked up when held, else a block of
/// rows' numbers at a time from the spill ([`column::Reader`]: a block that cannot be read
/// reads as empty, and [`Reader::finish`] says so).
pub struct Reader<'a> {
    kept: &'a Kept,
    ids: Option<column::Reader<'a, u32>>,
}

impl<'a> Reader<'a> {
    /// Column `column` of row `row`.
    pub fn get(&mut self, row: usize, column: usize) -> Option<&'a str> {
        let kept = self.kept;
        let Some(ids) = &mut self.ids else { return kept.get(row, column) };
        let k = kept.columns.binary_search(&column).ok()?;
        kept.spilled_value(k, ids.get(row * kept.columns.len() + k)?)
    }

    /// Whether every block read could be.
    pub fn finish(self) -> std::io::Result<()> {
        self.ids.map_or(Ok(()), column::Reader::finish)
    }
}

/// A [`Kept`] being filled, row after row.
pub struct Keeper {
    kept: Kept,
    /// The file the rows' numbers go to (none without a file: the columns hold them).
    spill: Option<column::Column<u32>>,
    /// Per column: value → its number.
    shared: Vec<rustc_hash::FxHashMap<Box<str>, u32>>,
    /// How many values the lookups may hold together, and hold.
    cap: usize,
    looked_up: usize,
}

impl Keeper {
    /// Keeps `columns` (in any order, repeats ignored) of the rows it is given; with `dir`,
    /// the rows' numbers go to an unnamed file there (gone with the process).
    pub fn new(columns: Vec<usize>, dir: Option<&std::path::Path>) -> std::io::Result<Keeper> {
        let mut keeper = Keeper::sharing(columns, SHARED);
        if let Some(dir) = dir {
            keeper.spill = Some(column::Column::new(Some(dir), BLOCK * keeper.kept.columns.len().max(1))?);
        }
        Ok(keeper)
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
        Keeper {
            kept: Kept { columns: columns.into_boxed_slice(), kept, spill: None },
            spill: None,
            shared,
            cap,
            looked_up: 0,
        }
    }

    /// Room for `rows` more rows (none needed when spilled).
    pub fn reserve(&mut self, rows: usize) {
        if self.spill.is_some() {
            return;
        }
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

    /// Adds a row, given a way to read its fields (`None` past its end); an error if the
    /// spill cannot be written.
    pub fn push<'a>(&mut self, field: impl Fn(usize) -> Option<&'a str>) -> std::io::Result<()> {
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
            match &mut self.spill {
                // (a registry has fewer than 2³² rows, so fewer values: ABSENT is never a value's)
                Some(ids) => ids.push(id.unwrap_or(ABSENT))?,
                None => self.kept.kept[k].ids.push(id),
            }
        }
        Ok(())
    }

    /// Writes the numbers of the rows pushed and not yet written to the spill (nothing to do
    /// without one).
    pub fn flush(&mut self) -> std::io::Result<()> {
        self.spill.as_mut().map_or(Ok(()), column::Column::flush)
    }

    /// What was kept, of `rows` rows.
    pub fn finish(mut self, rows: usize) -> std::io::Result<Kept> {
        if let Some(mut ids) = self.spill.take() {
            ids.flush()?;
            if ids.len() != rows * self.kept.columns.len() {
                return Err(damaged());
            }
            self.kept.spill = Some(ids);
        }
        for c in &mut self.kept.kept {
            c.ids.shrink_to_fit();
            c.text.shrink_to_fit();
            c.ends.shrink_to_fit();
        }
        Ok(self.kept)
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
            keeper.push(|c| row.get(c).map(String::as_str)).expect("pushed");
        }
        let kept = keeper.finish(rows.len()).expect("kept");
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
        let mut keeper = Keeper::new(vec![1, 0], None).expect("keeper");
        keeper.reserve(n / 2);
        for i in 0..n {
            let r = row(i);
            keeper.push(|c| r.get(c).map(String::as_str)).expect("pushed");
        }
        let kept = keeper.finish(n).expect("kept");
        assert!(matches!(kept.kept[0].ids, Ids::Narrow(_)));
        assert!(matches!(kept.kept[1].ids, Ids::Wide(_)));
        for i in 0..n {
            let r = row(i);
            assert_eq!(kept.get(i, 0), r.first().map(String::as_str), "row {i}");
            assert_eq!(kept.get(i, 1), r.get(1).map(String::as_str), "row {i}");
        }
        assert_eq!(kept.get(n, 0), None);
    }

    /// Spilled, the rows' values read back the same, picked (rows close together and far
    /// apart) or read in order, held or spilled alike; a spill cut short is an error.
    #[test]
    fn spilled_rows_read_back_as_held_ones() {
        let n = 150_000;
        let row = |i: usize| -> Vec<String> {
            let mut row = vec![format!("{}", i % 3), "x".to_owned(), format!("v{i}")];
            if i % 1000 == 7 {
                row.truncate(1);
            }
            row
        };
        let dir = tempfile::tempdir().expect("temp dir");
        let fill = |dir: Option<&std::path::Path>| {
            let mut keeper = Keeper::new(vec![2, 0], dir).expect("keeper");
            for start in (0..n).step_by(40_000) {
                for i in start..(start + 40_000).min(n) {
                    let r = row(i);
                    keeper.push(|c| r.get(c).map(String::as_str)).expect("pushed");
                }
                keeper.flush().expect("flushed");
            }
            keeper.finish(n).expect("kept")
        };
        let (held, spilled) = (fill(None), fill(Some(dir.path())));
        assert!(spilled.is_spilled() && !held.is_spilled());
        let picks: Vec<u32> = (0..n as u32).filter(|i| i % 97 == 0 || (i / 500) % 40 == 3).collect();
        for kept in [&held, &spilled] {
            let picked = kept.pick(&picks).expect("picked");
            let mut reader = kept.reader();
            for (k, &i) in picks.iter().enumerate() {
                let r = row(i as usize);
                for c in 0..4 {
                    let expected = if c == 1 { None } else { r.get(c).map(String::as_str) };
                    assert_eq!(picked.get(k, c), expected, "row {i} column {c}");
                    assert_eq!(reader.get(i as usize, c), expected, "row {i} column {c}");
                }
            }
            reader.finish().expect("read");
        }
        let mut short = Keeper::new(vec![0], Some(dir.path())).expect("keeper");
        short.push(|_| Some("a")).expect("pushed");
        assert!(short.finish(2).is_err(), "a row's numbers missing");
    }
}
