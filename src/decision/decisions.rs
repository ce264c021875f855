//! One program's decisions over a registry, eight bytes a row: a province's rows are tens of
//! millions, and the run holds one decision per row and program from the rules until the
//! outputs are written. Read and written as [`Decision`]s; packed here only.

use super::{Decision, Rejection, WaitReason};
use crate::calendar::Month;

/// Every row's decision by one program (`None`: a row the program never saw), by row index.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Decisions(Vec<Packed>);

/// A decision in two words: the first says which (its low four bits) with its small values
/// above them, the second holds a rank, a rule mask, a number or two years.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
struct Packed([u32; 2]);

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
    fn of(d: Option<Decision>) -> Packed {
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

    fn decision(self) -> Option<Decision> {
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

impl Decisions {
    /// `n` rows, none decided.
    pub fn new(n: usize) -> Decisions {
        Decisions(vec![Packed::default(); n])
    }

    /// `n` rows, row `i` decided by `decide(i)`, on all cores.
    pub fn filled(n: usize, decide: impl Fn(usize) -> Option<Decision> + Sync) -> Decisions {
        let mut d = Decisions::new(n);
        crate::par::fill(&mut d.0, |i| Packed::of(decide(i)));
        d
    }

    /// Decides rows `rows` by `decide(i)`, on all cores.
    pub fn fill(&mut self, rows: std::ops::Range<usize>, decide: impl Fn(usize) -> Option<Decision> + Sync) {
        let start = rows.start;
        if let Some(slots) = self.0.get_mut(rows) {
            crate::par::fill(slots, |k| Packed::of(decide(start + k)));
        }
    }

    /// Adds `more`'s rows after these.
    pub fn append(&mut self, mut more: Decisions) {
        if self.0.is_empty() {
            *self = more;
        } else {
            self.0.append(&mut more.0);
        }
    }

    /// Writes the decisions to `out`, eight bytes each ([`Decisions::read_from`] reads them
    /// back).
    pub fn write_to(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        let mut bytes = Vec::with_capacity(self.0.len() * 8);
        for p in &self.0 {
            bytes.extend_from_slice(&p.0[0].to_le_bytes());
            bytes.extend_from_slice(&p.0[1].to_le_bytes());
        }
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
                let p = Packed([
                    u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
                    u32::from_le_bytes([b[4], b[5], b[6], b[7]]),
                ]);
                if p.0[0] & 0xF > COVERED {
                    return Err(std::io::Error::other("decisions read back are damaged"));
                }
                out.push(p);
            }
            left -= take;
        }
        Ok(Decisions(out))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Row `i`'s decision (`None` past the last row too).
    pub fn get(&self, i: usize) -> Option<Decision> {
        self.0.get(i).and_then(|p| p.decision())
    }

    /// Decides row `i` (a row past the last is ignored).
    pub fn set(&mut self, i: usize, d: Option<Decision>) {
        if let Some(slot) = self.0.get_mut(i) {
            *slot = Packed::of(d);
        }
    }

    /// Every row's decision, in row order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = Option<Decision>> + ExactSizeIterator + '_ {
        self.0.iter().map(|p| p.decision())
    }

    /// Keeps the first `n` rows.
    pub fn truncate(&mut self, n: usize) {
        self.0.truncate(n);
    }
}

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
