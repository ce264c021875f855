//! One program's decisions over a registry, eight bytes a row: a province's rows are tens of
//! millions. Held in memory, or — for a registry whose rows are spilled — in an unnamed file
//! beside them, a window of which is held at a time ([`Decisions::load`]), as the registry's
//! rows are ([`crate::registry::Rows`]). Read and written as [`Decision`]s; packed here only.

use std::os::unix::fs::FileExt as _;
use std::sync::Arc;

use super::{Decision, Rejection, WaitReason};
use crate::calendar::Month;

/// Every row's decision by one program (`None`: a row the program never saw), by row index:
/// every row held, or the window loaded last of those in a file.
#[derive(Clone, Default)]
pub struct Decisions {
    len: usize,
    /// The rows held: every row (`first` 0), or, when in a file, the window loaded last.
    first: usize,
    held: Vec<Packed>,
    /// (Shared by clones: a window stored by one is read by the others.)
    file: Option<Arc<std::fs::File>>,
    /// Decisions read from the file at a time, by [`Decisions::reader`] and the passes.
    block: usize,
}

/// A decision in two words: the first says which (its low four bits) with its small values
/// above them, the second holds a rank, a rule mask, a number or two years.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
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

impl Packed {
    pub(super) fn to_bytes(self) -> [u8; 8] {
        let [a, b] = self.0;
        let mut out = [0u8; 8];
        out[..4].copy_from_slice(&a.to_le_bytes());
        out[4..].copy_from_slice(&b.to_le_bytes());
        out
    }

    /// The decision in `bytes` as [`Packed::to_bytes`] wrote it; `None` for a word that names
    /// no decision (the bytes are not what was written).
    pub(super) fn from_bytes(b: &[u8]) -> Option<Packed> {
        let word = |k: usize| Some(u32::from_le_bytes(b.get(k..k + 4)?.try_into().ok()?));
        let p = Packed([word(0)?, word(4)?]);
        (p.0[0] & 0xF <= COVERED).then_some(p)
    }
}

/// Decisions read from a file at a time (512 KiB).
const BLOCK: usize = 1 << 16;

fn damaged() -> std::io::Error {
    std::io::Error::other("decisions set aside are damaged")
}

impl Decisions {
    /// `n` rows, none decided.
    pub fn new(n: usize) -> Decisions {
        Decisions { len: n, first: 0, held: vec![Packed::default(); n], file: None, block: BLOCK }
    }

    /// `n` rows, row `i` decided by `decide(i)`, on all cores.
    pub fn filled(n: usize, decide: impl Fn(usize) -> Option<Decision> + Sync) -> Decisions {
        let mut d = Decisions::new(n);
        crate::par::fill(&mut d.held, |i| Packed::of(decide(i)));
        d
    }

    /// The `n` decisions [`Decisions::write_to`] wrote to `file` (from its start), left in it:
    /// a window at a time is held ([`Decisions::load`]), and read `block` rows at a time by
    /// the passes over all of them.
    pub fn in_file(file: std::fs::File, n: usize, block: usize) -> std::io::Result<Decisions> {
        if file.metadata()?.len() != (n as u64).saturating_mul(8) {
            return Err(damaged());
        }
        Ok(Decisions { len: n, first: 0, held: Vec::new(), file: Some(Arc::new(file)), block: block.max(1) })
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

    /// Adds `more`'s rows after these (both held).
    pub fn append(&mut self, mut more: Decisions) {
        if self.held.is_empty() {
            *self = more;
        } else {
            self.len += more.len;
            self.held.append(&mut more.held);
        }
    }

    /// Writes the decisions held to `out`, eight bytes each ([`Decisions::read_from`] and
    /// [`Decisions::in_file`] read them back).
    pub fn write_to(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        let bytes: Vec<u8> = self.held.iter().flat_map(|p| p.to_bytes()).collect();
        out.write_all(&bytes)
    }

    /// `n` decisions as [`Decisions::write_to`] wrote them, read from `input`; a word that
    /// names no decision is refused (the bytes are not what was written).
    pub fn read_from(input: &mut impl std::io::Read, n: usize) -> std::io::Result<Decisions> {
        let mut out = Vec::with_capacity(n);
        let mut bytes = vec![0u8; 8 << 16];
        let mut left = n;
        while left > 0 {
            let take = left.min(1 << 16);
            let part = &mut bytes[..take * 8];
            input.read_exact(part)?;
            for b in part.chunks_exact(8) {
                out.push(Packed::from_bytes(b).ok_or_else(damaged)?);
            }
            left -= take;
        }
        Ok(Decisions { len: n, first: 0, held: out, file: None, block: BLOCK })
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
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
            self.len = self.len.min(n);
        }
    }

    /// Rows `range`'s decisions as packed, from the file.
    fn read(&self, range: std::ops::Range<usize>) -> std::io::Result<Vec<Packed>> {
        let Some(file) = &self.file else { return Err(damaged()) };
        let range = range.start.min(self.len)..range.end.min(self.len);
        let mut bytes = vec![0u8; range.len() * 8];
        file.read_exact_at(&mut bytes, range.start as u64 * 8)?;
        bytes.chunks_exact(8).map(|b| Packed::from_bytes(b).ok_or_else(damaged)).collect()
    }

    /// Holds rows `range` (and lets go of the window before); nothing to do when every row is
    /// held.
    pub fn load(&mut self, range: std::ops::Range<usize>) -> std::io::Result<()> {
        if self.file.is_none() {
            return Ok(());
        }
        self.held = Vec::new();
        let held = self.read(range.clone())?;
        (self.first, self.held) = (range.start, held);
        Ok(())
    }

    /// Writes the window held back to the file (nothing to do when every row is held).
    pub fn store(&self) -> std::io::Result<()> {
        let Some(file) = &self.file else { return Ok(()) };
        let bytes: Vec<u8> = self.held.iter().flat_map(|p| p.to_bytes()).collect();
        file.write_all_at(&bytes, self.first as u64 * 8)
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
        if self.file.is_none() {
            f(0..self.len, self);
            return Ok(());
        }
        for start in (0..self.len).step_by(self.block) {
            self.load(start..(start + self.block).min(self.len))?;
            f(start..(start + self.block).min(self.len), self);
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
        let spilled = self.file.is_some();
        let mut end = 0;
        for change in changes {
            let (i, d) = change?;
            if spilled && i >= end && i < self.len {
                self.store()?;
                let start = i / self.block * self.block;
                end = (start + self.block).min(self.len);
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
        Reader { decisions: self, first: 0, block: Vec::new(), failed: None }
    }

    /// Calls `f(row, decision)` on every row in order (read from the file a block at a time).
    pub fn scan(&self, mut f: impl FnMut(usize, Option<Decision>)) -> std::io::Result<()> {
        let mut reader = self.reader();
        for i in 0..self.len {
            f(i, reader.get(i));
        }
        reader.finish()
    }
}

/// Reads decisions in (mostly) ascending row order: those held, else a block at a time from
/// the file. A block that cannot be read reads as undecided, and [`Reader::finish`] says so.
pub struct Reader<'a> {
    decisions: &'a Decisions,
    first: usize,
    block: Vec<Packed>,
    failed: Option<std::io::Error>,
}

impl Reader<'_> {
    /// Row `i`'s decision.
    pub fn get(&mut self, i: usize) -> Option<Decision> {
        let d = self.decisions;
        if d.file.is_none() || (i >= d.first && i < d.first + d.held.len()) {
            return d.get(i);
        }
        if i < self.first || i >= self.first + self.block.len() {
            let start = i / d.block * d.block;
            self.block = match d.read(start..start + d.block) {
                Ok(block) => block,
                Err(e) => {
                    self.failed.get_or_insert(e);
                    Vec::new()
                }
            };
            self.first = start;
        }
        self.block.get(i.wrapping_sub(self.first)).and_then(|p| p.decision())
    }

    /// Whether every block read could be.
    pub fn finish(self) -> std::io::Result<()> {
        self.failed.map_or(Ok(()), Err)
    }
}

impl PartialEq for Decisions {
    /// The same rows held with the same decisions, and both held or both in a file.
    fn eq(&self, other: &Decisions) -> bool {
        (self.len, self.first, &self.held, self.file.is_some())
            == (other.len, other.first, &other.held, other.file.is_some())
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
}
