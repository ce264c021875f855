//! One program's decisions over a registry, eight bytes a row: a province's rows are tens of
//! millions. Held in memory, or — for a registry whose rows are spilled — in an unnamed file
//! beside them, a window of which is held at a time ([`Decisions::load`]), as the registry's
//! rows are ([`crate::registry::Rows`]). Read and written as [`Decision`]s; packed here only.

use super::{Decision, Rejection, WaitReason};
use crate::calendar::Month;
use crate::files::column::{self, Column};

/// Every row's decision by one program (`None`: a row the program never saw), by row index:
/// every row held, or the window loaded last of those in a file.
#[derive(Clone, Default)]
pub struct Decisions {
    /// The rows held: every row (`first` 0), or, when in a file, the window loaded last.
    first: usize,
    held: Vec<Packed>,
    /// Every row, in a file (shared by clones: a window stored by one is read by the others),
    /// read a block at a time by [`Decisions::reader`] and the passes.
    file: Option<Column<Packed>>,
}

/// A decision in two words: the first says which (its low four bits) with its small values
/// above them, the second holds a rank, a rule mask, a number or two years.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Packed([u32; 2]);

const _: () = assert!(std::mem::size_of::<Packed>() == 8);

const NONE: u32 = 0;
const ENROLLED: u32 = 1;
const WAITING: u32 = 2;
const RULES: u32 = 3;
const PLUGIN: u32 = 4;
const COVERED: u32 = 5;

// a waiting place's reason, in bits 4–5 of the first word (its number in bits 8–23)
const QUOTA_FULL: u32 = 0;
const SUB_QUOTA_FULL: u32 = 1;
const GROUP_QUOTA_FULL: u32 = 2;
const FUNDING_EXHAUSTED: u32 = 3;

impl Packed {
    pub(super) fn of(d: Option<Decision>) -> Packed {
        let words = match d {
            None => [NONE, 0],
            Some(Decision::Enrolled { funding }) => [ENROLLED, funding],
            Some(Decision::Waiting { rank, reason }) => {
                let (kind, n) = match reason {
                    WaitReason::QuotaFull => (QUOTA_FULL, 0),
                    WaitReason::SubQuotaFull(n) => (SUB_QUOTA_FULL, n),
                    WaitReason::GroupQuotaFull(n) => (GROUP_QUOTA_FULL, n),
                    WaitReason::FundingExhausted => (FUNDING_EXHAUSTED, 0),
                };
                [WAITING | kind << 4 | u32::from(n) << 8, rank]
            }
            Some(Decision::Rejected(Rejection::Rules(failed))) => [RULES, failed],
            Some(Decision::Rejected(Rejection::Plugin(n))) => [PLUGIN, n],
            Some(Decision::Rejected(Rejection::CoveredBy { program, first, last })) => {
                // program in bits 8–23, the months (1–12) in bits 24–27 and 28–31; the years
                // (16 bits each) in the second word
                let month = |m: Month| u32::from(m.month() as u8 & 0xf);
                let year = |m: Month| u32::from(m.year() as u16);
                [
                    COVERED | u32::from(program) << 8 | month(first) << 24 | month(last) << 28,
                    year(first) | year(last) << 16,
                ]
            }
        };
        Packed(words)
    }

    pub(super) fn decision(self) -> Option<Decision> {
        let [a, b] = self.0;
        let n16 = (a >> 8) as u16;
        Some(match a & 0xf {
            ENROLLED => Decision::Enrolled { funding: b },
            WAITING => Decision::Waiting {
                rank: b,
                reason: match (a >> 4) & 0x3 {
                    QUOTA_FULL => WaitReason::QuotaFull,
                    SUB_QUOTA_FULL => WaitReason::SubQuotaFull(n16),
                    GROUP_QUOTA_FULL => WaitReason::GroupQuotaFull(n16),
                    _ => WaitReason::FundingExhausted,
                },
            },
            RULES => Decision::Rejected(Rejection::Rules(b)),
            PLUGIN => Decision::Rejected(Rejection::Plugin(b)),
            COVERED => {
                // (packed from months that exist: they unpack to the same months)
                let month = |year: u32, month: u32| Month::new(year as u16 as i16, month as i8);
                let first = month(b & 0xffff, (a >> 24) & 0xf)?;
                let last = month(b >> 16, a >> 28)?;
                Decision::Rejected(Rejection::CoveredBy { program: n16, first, last })
            }
            _ => return None,
        })
    }
}

impl column::Fixed for Packed {
    const BYTES: usize = 8;

    fn put(self, out: &mut [u8]) {
        out[..4].copy_from_slice(&self.0[0].to_le_bytes());
        out[4..8].copy_from_slice(&self.0[1].to_le_bytes());
    }

    /// `None` for a word that names no decision (the bytes are not what was written).
    fn take(b: &[u8]) -> Option<Packed> {
        let word = |k: usize| Some(u32::from_le_bytes(b.get(k..k + 4)?.try_into().ok()?));
        let p = Packed([word(0)?, word(4)?]);
        (p.0[0] & 0xF <= COVERED).then_some(p)
    }
}

impl Decisions {
    /// `n` rows, none decided.
    pub fn new(n: usize) -> Decisions {
        Decisions { first: 0, held: vec![Packed::default(); n], file: None }
    }

    /// None yet: those [`Decisions::append`] is given go to an unnamed file in `dir` (read
    /// back `block` rows at a time, a window held at a time), or are held without.
    pub fn spilled_in(dir: Option<&std::path::Path>, block: usize) -> std::io::Result<Decisions> {
        let file = dir.map(|dir| Column::new(Some(dir), block)).transpose()?;
        Ok(Decisions { first: 0, held: Vec::new(), file })
    }

    /// `n` rows, row `i` decided by `decide(i)`, on all cores.
    pub fn filled(n: usize, decide: impl Fn(usize) -> Option<Decision> + Sync) -> Decisions {
        let mut d = Decisions::new(n);
        crate::par::fill(&mut d.held, |i| Packed::of(decide(i)));
        d
    }

    /// Whether the decisions are in a file (a window at a time held) rather than all held.
    pub fn is_spilled(&self) -> bool {
        self.file.is_some()
    }

    /// Decides held rows `rows` by `decide(i)`, on all cores.
    pub fn fill(&mut self, rows: std::ops::Range<usize>, decide: impl Fn(usize) -> Option<Decision> + Sync) {
        let start = rows.start;
        let window = rows.start.saturating_sub(self.first)..rows.end.saturating_sub(self.first);
        if rows.start >= self.first
            && let Some(slots) = self.held.get_mut(window)
        {
            crate::par::fill(slots, |k| Packed::of(decide(start + k)));
        }
    }

    /// Adds `more`'s rows (held) after these: into the file, when in one ([`Decisions::flush`]
    /// before reading any back).
    pub fn append(&mut self, mut more: Decisions) -> std::io::Result<()> {
        match &mut self.file {
            Some(file) => more.held.into_iter().try_for_each(|p| file.push(p)),
            None if self.held.is_empty() => {
                *self = more;
                Ok(())
            }
            None => {
                self.held.append(&mut more.held);
                Ok(())
            }
        }
    }

    /// Writes the rows appended and not yet written to the file (nothing to do when held).
    pub fn flush(&mut self) -> std::io::Result<()> {
        self.file.as_mut().map_or(Ok(()), Column::flush)
    }

    pub fn len(&self) -> usize {
        self.file.as_ref().map_or(self.held.len(), Column::len)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Row `i`'s decision, if held (every row is, unless in a file: then the window loaded
    /// last); `None` past the last row too.
    pub fn get(&self, i: usize) -> Option<Decision> {
        self.held.get(i.checked_sub(self.first)?).and_then(|p| p.decision())
    }

    /// Decides row `i`, if held (a row past the last, or outside the window, is ignored; a
    /// window's changes reach the file when it is [`Decisions::store`]d).
    pub fn set(&mut self, i: usize, d: Option<Decision>) {
        if let Some(slot) = i.checked_sub(self.first).and_then(|k| self.held.get_mut(k)) {
            *slot = Packed::of(d);
        }
    }

    /// The decisions held (every row's, unless in a file: then the window's), in row order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = Option<Decision>> + ExactSizeIterator + '_ {
        self.held.iter().map(|p| p.decision())
    }

    /// Keeps the first `n` rows (held).
    pub fn truncate(&mut self, n: usize) {
        if self.file.is_none() {
            self.held.truncate(n);
        }
    }

    /// Holds rows `range` (and lets go of the window before); nothing to do when every row is
    /// held.
    pub fn load(&mut self, range: std::ops::Range<usize>) -> std::io::Result<()> {
        let Some(file) = &self.file else { return Ok(()) };
        self.held = Vec::new();
        let held = file.read(range.clone())?.into_owned();
        (self.first, self.held) = (range.start, held);
        Ok(())
    }

    /// Writes the window held back to the file (nothing to do when every row is held).
    pub fn store(&self) -> std::io::Result<()> {
        let Some(file) = &self.file else { return Ok(()) };
        file.write_at(self.first, &self.held)
    }

    /// Lets go of the window loaded last (nothing when every row is held).
    pub fn unload(&mut self) {
        if self.file.is_some() {
            self.held = Vec::new();
        }
    }

    /// Calls `f(rows, self)` with rows `rows` held and stores what it decided: every row at
    /// once when held, else a block at a time.
    pub fn blocks_mut(
        &mut self,
        mut f: impl FnMut(std::ops::Range<usize>, &mut Decisions),
    ) -> std::io::Result<()> {
        let (len, block) = match &self.file {
            None => {
                f(0..self.held.len(), self);
                return Ok(());
            }
            Some(file) => (file.len(), file.chunk()),
        };
        for start in (0..len).step_by(block) {
            self.load(start..(start + block).min(len))?;
            f(start..(start + block).min(len), self);
            self.store()?;
        }
        self.unload();
        Ok(())
    }

    /// Decides the rows `changes` names, in ascending row order: when in a file, each block
    /// with some is loaded, changed and stored (the window held before is let go).
    pub fn set_sorted(
        &mut self,
        changes: impl IntoIterator<Item = std::io::Result<(usize, Option<Decision>)>>,
    ) -> std::io::Result<()> {
        let file = self.file.as_ref().map(|f| (f.len(), f.chunk()));
        let mut end = 0;
        for change in changes {
            let (i, d) = change?;
            if let Some((len, block)) = file
                && i >= end
                && i < len
            {
                self.store()?;
                let start = i / block * block;
                end = (start + block).min(len);
                self.load(start..end)?;
            }
            self.set(i, d);
        }
        self.store()?;
        self.unload();
        Ok(())
    }

    /// A reader of decisions in (mostly) ascending row order, whatever is held.
    pub fn reader(&self) -> Reader<'_> {
        Reader { decisions: self, file: self.file.as_ref().map(Column::reader) }
    }

    /// Calls `f(row, decision)` on every row in order (read from the file a block at a time).
    pub fn scan(&self, mut f: impl FnMut(usize, Option<Decision>)) -> std::io::Result<()> {
        let mut reader = self.reader();
        for i in 0..self.len() {
            f(i, reader.get(i));
        }
        reader.finish()
    }
}

/// Reads decisions in (mostly) ascending row order: those held, else a block at a time from
/// the file ([`column::Reader`]: a block that cannot be read reads as undecided, and
/// [`Reader::finish`] says so).
pub struct Reader<'a> {
    decisions: &'a Decisions,
    file: Option<column::Reader<'a, Packed>>,
}

impl Reader<'_> {
    /// Row `i`'s decision.
    pub fn get(&mut self, i: usize) -> Option<Decision> {
        let d = self.decisions;
        match &mut self.file {
            Some(file) if !(d.first..d.first + d.held.len()).contains(&i) => file.get(i)?.decision(),
            _ => d.get(i),
        }
    }

    /// Whether every block read could be.
    pub fn finish(self) -> std::io::Result<()> {
        self.file.map_or(Ok(()), column::Reader::finish)
    }
}

impl PartialEq for Decisions {
    /// The same rows held with the same decisions, and both held or both in a file.
    fn eq(&self, other: &Decisions) -> bool {
        (self.len(), self.first, &self.held, self.file.is_some())
            == (other.len(), other.first, &other.held, other.file.is_some())
    }
}

impl Eq for Decisions {}

impl std::fmt::Debug for Decisions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_decision_reads_back_as_it_was_written() {
        let month = |y, m| Month::new(y, m).unwrap();
        let mut all = vec![
            None,
            Some(Decision::Enrolled { funding: 0 }),
            Some(Decision::Enrolled { funding: u32::MAX }),
            Some(Decision::Rejected(Rejection::Rules(0))),
            Some(Decision::Rejected(Rejection::Rules(u32::MAX))),
            Some(Decision::Rejected(Rejection::Rules(0b1010_0001))),
            Some(Decision::Rejected(Rejection::Plugin(0))),
            Some(Decision::Rejected(Rejection::Plugin(u32::MAX))),
        ];
        for rank in [0, 1, 77, u32::MAX] {
            for reason in [
                WaitReason::QuotaFull,
                WaitReason::FundingExhausted,
                WaitReason::SubQuotaFull(0),
                WaitReason::SubQuotaFull(u16::MAX),
                WaitReason::GroupQuotaFull(3),
                WaitReason::GroupQuotaFull(u16::MAX),
            ] {
                all.push(Some(Decision::Waiting { rank, reason }));
            }
        }
        for program in [0, 1, u16::MAX] {
            for (first, last) in [
                (month(1900, 1), month(2200, 12)),
                (month(2025, 1), month(2025, 12)),
                (month(2023, 12), month(2024, 1)),
            ] {
                all.push(Some(Decision::Rejected(Rejection::CoveredBy { program, first, last })));
            }
        }
        let mut d = Decisions::new(all.len() + 1);
        for (i, x) in all.iter().enumerate() {
            d.set(i, *x);
        }
        for (i, x) in all.iter().enumerate() {
            assert_eq!(d.get(i), *x, "row {i}");
        }
        assert_eq!(d.get(all.len()), None, "never decided");
        assert_eq!(d.get(all.len() + 5), None, "past the last row");
        assert_eq!(d.iter().collect::<Vec<_>>()[..all.len()], all[..]);
        // and each one overwrites whatever the row held before
        let mut e = Decisions::new(1);
        for x in all.iter().chain(all.iter().rev()) {
            e.set(0, *x);
            assert_eq!(e.get(0), *x);
        }
        let filled = Decisions::filled(all.len(), |i| all[i]);
        assert_eq!(filled.iter().collect::<Vec<_>>(), all);
    }

    /// Decisions appended in blocks read back as they were, held or from a file (in order, a
    /// window loaded, changed and stored); a word that names no decision is refused.
    #[test]
    fn decisions_appended_read_back_held_or_from_a_file() {
        use column::Fixed as _;
        let dir = tempfile::tempdir().expect("temp dir");
        let decided = |i: usize| match i % 4 {
            0 => None,
            1 => Some(Decision::Rejected(Rejection::Rules(i as u32 & 0xff))),
            2 => Some(Decision::Waiting { rank: i as u32, reason: WaitReason::SubQuotaFull(7) }),
            _ => Some(Decision::Enrolled { funding: 2 }),
        };
        let n = 10_000;
        for folder in [None, Some(dir.path())] {
            let mut d = Decisions::spilled_in(folder, 777).expect("decisions");
            for start in (0..n).step_by(999) {
                let end = (start + 999).min(n);
                d.append(Decisions::filled(end - start, |k| decided(start + k))).expect("appended");
            }
            d.flush().expect("flushed");
            assert_eq!((d.is_spilled(), d.len()), (folder.is_some(), n));
            let mut back = Vec::new();
            d.scan(|_, x| back.push(x)).expect("read");
            assert_eq!(back, (0..n).map(decided).collect::<Vec<_>>());
            d.load(5_000..5_010).expect("loaded");
            d.set(5_003, Some(Decision::Enrolled { funding: 9 }));
            d.store().expect("stored");
            d.unload();
            let mut reader = d.reader();
            assert_eq!(reader.get(5_003), Some(Decision::Enrolled { funding: 9 }));
            assert_eq!(reader.get(5_004), decided(5_004));
            reader.finish().expect("read");
        }
        assert_eq!(Packed::take(&[9, 0, 0, 0, 0, 0, 0, 0]), None, "kind 9 is no decision");
    }
}
