//! A registry's rows: held in memory, or — for a registry read in windows to be decided and
//! written — written to a spill file as each window is read, 16 bytes a row, and read back a
//! block at a time by each pass over them (the rules, the plugin's view, the candidates, the
//! outputs). A province's rows are tens of millions: held, they were the largest part of a
//! run's memory through every stage.
//!
//! A spilled row is its person's two words, or, for an invalid row, a zero word and the
//! number of its reason in a table held beside (the rows of one window that have the same
//! reason share it, as held rows do).

use std::borrow::Cow;
use std::io::Write as _;
use std::os::unix::fs::FileExt as _;
use std::path::Path;
use std::sync::Arc;

use super::{Invalid, Nik, Person, Row};

/// Bytes a spilled row takes.
const BYTES: usize = 16;

/// Rows read from the spill at a time (1 MiB), unless [`Rows::set_block`] says otherwise.
const BLOCK: usize = 1 << 16;

/// The rows of a registry.
#[derive(Clone, Debug)]
pub struct Rows {
    len: usize,
    /// Rows read from the spill at a time.
    block: usize,
    /// The rows held: every row (`first` 0), or, when spilled, the window last loaded.
    first: usize,
    held: Vec<Row>,
    spill: Option<Spill>,
}

impl Default for Rows {
    fn default() -> Rows {
        Rows::held(Vec::new())
    }
}

/// (Shared by a registry's clones: written only while the registry is read.)
#[derive(Clone, Debug)]
struct Spill {
    file: Arc<std::fs::File>,
    /// The folder it is in (to name in a message).
    dir: std::path::PathBuf,
    /// The invalid rows' reasons, by the number a spilled row gives.
    reasons: Vec<Arc<Invalid>>,
}

fn damaged() -> std::io::Error {
    std::io::Error::other("the registry's spill of rows is damaged")
}

impl Rows {
    /// Every row, held.
    pub fn held(rows: Vec<Row>) -> Rows {
        Rows { len: rows.len(), block: BLOCK, first: 0, held: rows, spill: None }
    }

    /// No rows yet; those [`Rows::push`] is given are written to an unnamed file in `dir`
    /// (gone with the process, however it ends).
    pub fn spilled_in(dir: &Path) -> std::io::Result<Rows> {
        let file = Arc::new(tempfile::tempfile_in(dir)?);
        let spill = Spill { file, dir: dir.to_path_buf(), reasons: Vec::new() };
        Ok(Rows { len: 0, block: BLOCK, first: 0, held: Vec::new(), spill: Some(spill) })
    }

    /// Adds `rows` after the others.
    pub fn push(&mut self, rows: Vec<Row>) -> std::io::Result<()> {
        let Some(spill) = &mut self.spill else {
            self.len += rows.len();
            if self.held.is_empty() {
                self.held = rows;
            } else {
                self.held.extend(rows);
            }
            return Ok(());
        };
        let mut bytes = Vec::with_capacity(rows.len() * BYTES);
        // (a window's rows with one reason share it: numbered once)
        let mut numbered: rustc_hash::FxHashMap<*const Invalid, u64> = Default::default();
        for row in &rows {
            let (a, b) = match &row.read {
                Ok(p) => p.words(),
                Err(reason) => {
                    let n = *numbered.entry(Arc::as_ptr(reason)).or_insert_with(|| {
                        spill.reasons.push(reason.clone());
                        spill.reasons.len() as u64 - 1
                    });
                    (0, n)
                }
            };
            bytes.extend_from_slice(&a.to_le_bytes());
            bytes.extend_from_slice(&b.to_le_bytes());
        }
        (&*spill.file).write_all(&bytes)?;
        self.len += rows.len();
        Ok(())
    }

    /// Room for `rows` more rows held (reserved exactly: a province's rows held are hundreds
    /// of megabytes, and growing by doubling would copy them and hold them twice for a
    /// moment); none needed when spilled.
    pub fn reserve(&mut self, rows: usize) {
        if self.spill.is_none() {
            self.held.reserve_exact(rows);
        }
    }

    /// The folder of the spill file, if spilled.
    pub fn spill_folder(&self) -> Option<&Path> {
        self.spill.as_ref().map(|s| s.dir.as_path())
    }

    /// Rows read from the spill at a time: 65.536 (1 MiB) unless set (a test sets a few, so
    /// that a small registry's rows are read in many blocks, and its candidates sorted in
    /// many runs: `run::decide` sorts sixteen blocks' worth at a time).
    pub fn set_block(&mut self, rows: usize) {
        self.block = rows.max(1);
    }

    /// Rows read from the spill at a time.
    pub fn block(&self) -> usize {
        self.block
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether the rows are in a spill file (read a window at a time) rather than held.
    pub fn is_spilled(&self) -> bool {
        self.spill.is_some()
    }

    /// Row `i`, if held (every row is, unless spilled: then the window loaded last).
    pub fn get(&self, i: usize) -> Option<&Row> {
        self.held.get(i.checked_sub(self.first)?)
    }

    /// Rows `range`, read from the spill unless held (any thread may read).
    pub fn read(&self, range: std::ops::Range<usize>) -> std::io::Result<Cow<'_, [Row]>> {
        let range = range.start.min(self.len)..range.end.min(self.len);
        if range.start >= self.first && range.end <= self.first + self.held.len() {
            return Ok(Cow::Borrowed(&self.held[range.start - self.first..range.end - self.first]));
        }
        let Some(spill) = &self.spill else { return Err(damaged()) };
        let mut bytes = vec![0u8; range.len() * BYTES];
        spill.file.read_exact_at(&mut bytes, (range.start * BYTES) as u64)?;
        let word = |b: &[u8]| u64::from_le_bytes(b.try_into().unwrap_or([0; 8]));
        bytes
            .chunks_exact(BYTES)
            .map(|b| {
                let (a, b) = (word(&b[..8]), word(&b[8..]));
                match std::num::NonZeroU64::new(a) {
                    Some(a) => Ok(Row { read: Ok(Person::of_words(a, b)) }),
                    None => {
                        let reason = spill.reasons.get(b as usize).ok_or_else(damaged)?;
                        Ok(Row { read: Err(reason.clone()) })
                    }
                }
            })
            .collect::<std::io::Result<Vec<Row>>>()
            .map(Cow::Owned)
    }

    /// Every row (read from the spill when spilled: for a registry of a few rows).
    pub fn all(&self) -> std::io::Result<Cow<'_, [Row]>> {
        self.read(0..self.len)
    }

    /// Holds rows `range` (and lets go of the window before); nothing to do when every row is
    /// held.
    pub fn load(&mut self, range: std::ops::Range<usize>) -> std::io::Result<()> {
        if self.spill.is_none() {
            return Ok(());
        }
        self.held = Vec::new();
        let rows = self.read(range.clone())?.into_owned();
        (self.first, self.held) = (range.start, rows);
        Ok(())
    }

    /// Lets go of the window loaded last (nothing when every row is held).
    pub fn unload(&mut self) {
        if self.spill.is_some() {
            self.held = Vec::new();
        }
    }

    /// A reader of rows in (mostly) ascending order.
    pub fn reader(&self) -> Reader<'_> {
        Reader { rows: self, first: 0, block: Cow::Borrowed(&[]), failed: None }
    }

    /// Marks the rows `repeating` (ascending) as repeating an earlier row's NIK.
    pub fn mark_repeats(&mut self, repeating: &[u32]) -> std::io::Result<()> {
        let Some(spill) = &self.spill else {
            for &i in repeating {
                if let Some(Row { read: Ok(p) }) = self.held.get_mut(i as usize) {
                    p.set_repeats();
                }
            }
            return Ok(());
        };
        // a block at a time, written back only where it has some
        let mut bytes = Vec::new();
        let mut next = 0;
        while let Some(&first) = repeating.get(next) {
            let start = first as usize / self.block * self.block;
            let end = (start + self.block).min(self.len);
            bytes.resize((end - start) * BYTES, 0);
            spill.file.read_exact_at(&mut bytes, (start * BYTES) as u64)?;
            while let Some(&i) = repeating.get(next).filter(|i| (**i as usize) < end) {
                let at = (i as usize - start) * BYTES;
                let word = u64::from_le_bytes(bytes[at..at + 8].try_into().map_err(|_| damaged())?);
                let Some(word) = std::num::NonZeroU64::new(word) else { return Err(damaged()) };
                let mut p = Person::of_words(word, 0);
                p.set_repeats();
                bytes[at..at + 8].copy_from_slice(&p.words().0.to_le_bytes());
                next += 1;
            }
            spill.file.write_all_at(&bytes, (start * BYTES) as u64)?;
        }
        Ok(())
    }

    /// The rows `ids` (ascending), read from the spill in runs of rows close together.
    pub fn pick(&self, ids: &[u32]) -> std::io::Result<Vec<Row>> {
        let mut out = Vec::with_capacity(ids.len());
        for (start, end, ids) in nearby(ids, self.block) {
            let run = self.read(start..end)?;
            for &i in ids {
                out.push(run.get(i as usize - start).ok_or_else(damaged)?.clone());
            }
        }
        Ok(out)
    }

    /// Calls `f(first row, rows)` on every row in order, a block at a time (all at once when
    /// held). A spill's next block is read on a thread of its own while `f` works on the
    /// last: the passes over a spill alternated a block read on one core with `f`'s work on
    /// both.
    pub fn blocks(&self, mut f: impl FnMut(usize, &[Row])) -> std::io::Result<()> {
        let step = if self.spill.is_some() { self.block } else { self.len.max(1) };
        if self.len <= step {
            // held, or a single block: nothing to read ahead
            if self.len > 0 {
                f(0, &self.read(0..self.len)?);
            }
            return Ok(());
        }
        std::thread::scope(|scope| {
            let (send, receive) = std::sync::mpsc::sync_channel::<std::io::Result<(usize, Vec<Row>)>>(1);
            scope.spawn(move || {
                for start in (0..self.len).step_by(step) {
                    let block =
                        self.read(start..(start + step).min(self.len)).map(|b| (start, b.into_owned()));
                    let failed = block.is_err();
                    // (stops after sending an error, or when no one listens: the pass ended
                    // early, by a panic in `f`)
                    if send.send(block).is_err() || failed {
                        return;
                    }
                }
            });
            for block in receive {
                let (start, rows) = block?;
                f(start, &rows);
            }
            Ok(())
        })
    }

    /// The error of a spill that could not be written or read back.
    pub fn error(&self, error: std::io::Error) -> super::RegistryError {
        let folder = self.spill_folder().map_or_else(String::new, |d| d.display().to_string());
        super::RegistryError::Spill { folder, error }
    }

    /// Every row, in order (read from the spill a block at a time).
    pub fn each(&self, mut f: impl FnMut(usize, &Row)) -> std::io::Result<()> {
        self.blocks(|start, block| {
            for (k, row) in block.iter().enumerate() {
                f(start + k, row);
            }
        })
    }

    /// Every valid row's NIK, in row order.
    pub fn each_nik(&self, mut f: impl FnMut(usize, Nik)) -> std::io::Result<()> {
        self.each(|i, row| {
            if let Ok(p) = &row.read {
                f(i, p.nik());
            }
        })
    }
}

/// The rows `ids` (ascending) in runs read together from a spill — rows fewer than 256
/// apart, the rows between them read with them, and no run longer than `most` rows: each
/// run's first row, the row after its last, and its rows.
pub(super) fn nearby(ids: &[u32], most: usize) -> impl Iterator<Item = (usize, usize, &[u32])> {
    const GAP: usize = 256;
    let mut k = 0;
    std::iter::from_fn(move || {
        let start = *ids.get(k)? as usize;
        let mut j = k + 1;
        while let Some(&next) = ids.get(j)
            && (next as usize) < ids[j - 1] as usize + GAP
            && (next as usize) < start + most
        {
            j += 1;
        }
        let run = &ids[k..j];
        k = j;
        Some((start, ids[j - 1] as usize + 1, run))
    })
}

impl std::ops::Index<usize> for Rows {
    type Output = Row;

    /// Row `i`, which must be held ([`Rows::get`]).
    fn index(&self, i: usize) -> &Row {
        &self.held[i - self.first]
    }
}

/// Reads rows a block at a time, in (mostly) ascending order; a failure to read the spill is
/// kept for [`Reader::finish`] (the rows given meanwhile are placeholders, and the pass's
/// result must not be used).
pub struct Reader<'a> {
    rows: &'a Rows,
    first: usize,
    block: Cow<'a, [Row]>,
    failed: Option<std::io::Error>,
}

impl<'a> Reader<'a> {
    /// Row `i` (`i` below the rows' count).
    pub fn get(&mut self, i: usize) -> &Row {
        if let Some(row) = self.rows.get(i) {
            return row;
        }
        if !(self.first..self.first + self.block.len()).contains(&i) {
            let range = i..(i + self.rows.block).min(self.rows.len);
            match self.rows.read(range) {
                Ok(block) if !block.is_empty() => (self.first, self.block) = (i, block),
                Ok(_) => {
                    self.failed.get_or_insert_with(damaged);
                    (self.first, self.block) = (i, Cow::Owned(vec![PLACEHOLDER]));
                }
                Err(e) => {
                    self.failed.get_or_insert(e);
                    (self.first, self.block) = (i, Cow::Owned(vec![PLACEHOLDER]));
                }
            }
        }
        &self.block[i - self.first]
    }

    /// Whether every row was read.
    pub fn finish(self) -> std::io::Result<()> {
        self.failed.map_or(Ok(()), Err)
    }
}

/// What a reader gives when the spill cannot be read.
const PLACEHOLDER: Row = Row { read: Ok(Person::PLACEHOLDER) };

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::{Person, PersonFields};

    /// Rows of every kind: persons whose fields reach the ends of their ranges, and invalid
    /// rows, some sharing a reason.
    fn rows(n: usize) -> Vec<Row> {
        let shared = Arc::new(Invalid { field: "nik", reason: crate::msg!("invalid-nik-empty") });
        (0..n)
            .map(|i| match i % 5 {
                0 => Row { read: Err(shared.clone()) },
                3 if i % 2 == 0 => Row {
                    read: Err(Arc::new(Invalid { field: "name", reason: crate::msg!("invalid-name-empty") })),
                },
                _ => {
                    let nik = crate::registry::nik::parse(&format!("64090419118{:05}", i)).expect("a NIK");
                    let fields = PersonFields {
                        nik,
                        occupation: (i % 300) as u16,
                        poverty_decile: (i % 3 == 0).then_some((i % 10) as u8 + 1),
                        ..PersonFields::placeholder()
                    };
                    Row { read: Ok(Person::new(fields)) }
                }
            })
            .collect()
    }

    fn same(a: &Row, b: &Row) -> bool {
        match (&a.read, &b.read) {
            (Ok(p), Ok(q)) => p == q,
            (Err(e), Err(f)) => e == f,
            _ => false,
        }
    }

    /// Rows spilled in windows and read back — one by one in any order, picked, in blocks, a
    /// window loaded, cloned — are the rows held, for blocks of one row to more than all.
    #[test]
    fn spilled_rows_read_back_as_held() {
        let dir = tempfile::tempdir().expect("temp dir");
        let all = rows(2_345);
        for block in [1, 7, 64, 5_000] {
            let mut spilled = Rows::spilled_in(dir.path()).expect("spill");
            for window in all.chunks(100) {
                spilled.push(window.to_vec()).expect("pushed");
            }
            spilled.set_block(block);
            assert!(spilled.is_spilled() && spilled.len() == all.len());
            // forwards, backwards, and jumping about
            let order: Vec<usize> = (0..all.len())
                .chain((0..all.len()).rev())
                .chain((0..all.len()).map(|i| i * 7919 % all.len()))
                .collect();
            let mut reader = spilled.reader();
            for &i in &order {
                assert!(same(reader.get(i), &all[i]), "block {block}, row {i}");
            }
            reader.finish().expect("read");
            let ids: Vec<u32> = (0..all.len() as u32).filter(|i| i % 3 == 0 || (i / 300) % 4 == 1).collect();
            let picked = spilled.pick(&ids).expect("picked");
            assert!(
                ids.iter().zip(&picked).all(|(&i, r)| same(r, &all[i as usize])) && picked.len() == ids.len()
            );
            let mut seen = 0;
            spilled
                .blocks(|start, block| {
                    assert_eq!(start, seen);
                    for (k, r) in block.iter().enumerate() {
                        assert!(same(r, &all[start + k]));
                    }
                    seen += block.len();
                })
                .expect("blocks");
            assert_eq!(seen, all.len());
            let copy = spilled.clone();
            spilled.load(1_000..1_200).expect("loaded");
            assert!(same(&spilled[1_100], &all[1_100]) && spilled.get(999).is_none());
            assert!(same(&copy.read(5..6).expect("read")[0], &all[5]));
        }
    }

    /// A spill that lost its rows (cut short behind the run's back) is said, never read as
    /// rows.
    #[test]
    fn a_spill_cut_short_is_an_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut spilled = Rows::spilled_in(dir.path()).expect("spill");
        spilled.push(rows(1_000)).expect("pushed");
        spilled.set_block(10);
        if let Some(spill) = &spilled.spill {
            spill.file.set_len(16 * 500).expect("cut");
        }
        let mut reader = spilled.reader();
        for i in 0..1_000 {
            reader.get(i);
        }
        assert!(reader.finish().is_err());
        assert!(spilled.each(|_, _| {}).is_err());
        assert!(spilled.pick(&[10, 900]).is_err());
        assert!(spilled.blocks(|_, _| {}).is_err());
        assert!(matches!(
            spilled.error(std::io::Error::other("x")),
            super::super::RegistryError::Spill { .. }
        ));
    }
}
