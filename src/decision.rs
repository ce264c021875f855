//! The decision vocabulary: what can happen to a registry row, and every reason jaring gives
//! for it.
//!
//! Each reason has a stable code — the same in every language, written in the `reason`
//! columns of the CSVs, in the log and in `summary.json` — and its words in each language
//! (message ids of `i18n/*.ftl`, built here). No other module spells a code or matches one
//! as a string: they go through [`Code`], [`Verdict`] and [`RowOutcome`]. The codes of the
//! exclusions are the exclusion keywords of the policy language ([`Exclusion::ALL`]).

mod decisions;
mod placements;

pub use decisions::{Decisions, Reader as DecisionReader};
pub use placements::Placements;

use crate::calendar::Month;
use crate::i18n::{Arg, Msg};
use crate::msg;
use crate::plugin::contract;
use crate::policy::Program;
use crate::policy::program::{Exclusion, SubQuotaTarget};

/// What happened to one row in one program: what is long or shared — a plugin's rejection,
/// a group's name — is kept once by the program's run and named here by number, and a run
/// holds its decisions packed in eight bytes a row ([`Decisions`]). The priority a
/// candidate was ranked by is the plugin's answer (0 without a plugin), kept with the answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Paid by funding source `funding` (index in the program's draw order).
    Enrolled {
        funding: u32,
    },
    Waiting {
        rank: u32,
        reason: WaitReason,
    },
    Rejected(Rejection),
}

impl Decision {
    pub fn verdict(&self) -> Verdict {
        match self {
            Decision::Enrolled { .. } => Verdict::Enrolled,
            Decision::Waiting { .. } => Verdict::Waiting,
            Decision::Rejected(_) => Verdict::Rejected,
        }
    }
}

/// Bit `i` set: rule `i` of the program failed.
pub type Failures = u32;

/// Why a program did not take someone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rejection {
    /// These policy rules failed (bit set over `program.rules`).
    Rules(Failures),
    /// The plugin rejected them: its rejection number `n` in the program's run
    /// (`ProgramRun::rejection(n)`).
    Plugin(u32),
    /// Another program in the run (its index in the run's order) already pays for them in
    /// some of the same months.
    CoveredBy { program: u16, first: Month, last: Month },
}

/// A plugin's rejection, as it gave it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PluginRejection {
    pub reason: String,
    pub message: String,
    pub citation: Option<contract::Citation>,
}

/// Why someone eligible is on the waiting list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WaitReason {
    /// The program's quota is filled.
    QuotaFull,
    /// Sub-quota `i` of the program is filled.
    SubQuotaFull(u16),
    /// The group's share of the quota (from the plugin's apportionment) is filled: group `g`
    /// of the program's run (`ProgramRun::groups[g]`).
    GroupQuotaFull(u16),
    /// No funding source can pay for one more person.
    FundingExhausted,
}

impl WaitReason {
    pub fn code(&self) -> Code {
        match self {
            WaitReason::QuotaFull => Code::QuotaFull,
            WaitReason::SubQuotaFull(_) => Code::SubQuotaFull,
            WaitReason::GroupQuotaFull(_) => Code::GroupQuotaFull,
            WaitReason::FundingExhausted => Code::FundingExhausted,
        }
    }

    /// The reason in words (the `reason_text` of `waiting_list.csv`); `groups` are the
    /// groups the program's plugin named.
    pub fn message(&self, program: &Program, groups: &[String]) -> Msg {
        match self {
            WaitReason::QuotaFull => {
                let quota = program.quota.as_ref().map_or(0, |q| q.count);
                msg!("reason-quota-full", quota = quota, grouped = crate::money::grouped(quota.into()))
            }
            WaitReason::SubQuotaFull(i) => {
                let s = &program.sub_quotas[usize::from(*i)];
                let (what, list) = match &s.target {
                    SubQuotaTarget::Occupations(o) => (msg!("reason-sub-quota-occupations"), o.join(", ")),
                    SubQuotaTarget::Regions(r) => (msg!("reason-sub-quota-regions"), r.join(", ")),
                };
                msg!("reason-sub-quota-full", count = s.count, grouped = crate::money::grouped(s.count.into()), what => what, list = list)
            }
            WaitReason::GroupQuotaFull(g) => {
                msg!(
                    "reason-group-quota-full",
                    group = groups.get(usize::from(*g)).map_or("", String::as_str)
                )
            }
            WaitReason::FundingExhausted => msg!("reason-funding-exhausted"),
        }
    }
}

/// The overall outcome of a row across all programs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RowOutcome {
    Enrolled,
    Waiting,
    Rejected,
    Invalid,
}

impl RowOutcome {
    /// The outcome of a valid row the programs decided `decisions`: the best of them
    /// (rejected when none decided it).
    pub fn of(decisions: impl IntoIterator<Item = Decision>) -> RowOutcome {
        decisions
            .into_iter()
            .map(|d| match d {
                Decision::Enrolled { .. } => RowOutcome::Enrolled,
                Decision::Waiting { .. } => RowOutcome::Waiting,
                Decision::Rejected(_) => RowOutcome::Rejected,
            })
            .min()
            .unwrap_or(RowOutcome::Rejected)
    }

    pub const ALL: [RowOutcome; 4] =
        [RowOutcome::Enrolled, RowOutcome::Waiting, RowOutcome::Rejected, RowOutcome::Invalid];

    /// The word in data (the log, the `outcome` column, `summary.json`).
    pub fn word(self) -> &'static str {
        match self {
            RowOutcome::Enrolled => "enrolled",
            RowOutcome::Waiting => "waiting",
            RowOutcome::Rejected => "rejected",
            RowOutcome::Invalid => "invalid",
        }
    }

    pub fn parse(word: &str) -> Option<RowOutcome> {
        RowOutcome::ALL.into_iter().find(|o| o.word() == word)
    }

    /// The outcome in words: `enrolled` / `ditetapkan sebagai peserta`.
    pub fn words(self) -> Msg {
        match self {
            RowOutcome::Enrolled => msg!("outcome-enrolled"),
            RowOutcome::Waiting => msg!("outcome-waiting"),
            RowOutcome::Rejected => msg!("outcome-rejected"),
            RowOutcome::Invalid => msg!("outcome-invalid"),
        }
    }
}

/// What one program decided for one person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    Enrolled,
    Waiting,
    Rejected,
}

impl Verdict {
    pub const ALL: [Verdict; 3] = [Verdict::Enrolled, Verdict::Waiting, Verdict::Rejected];

    pub fn word(self) -> &'static str {
        self.outcome().word()
    }

    pub fn parse(word: &str) -> Option<Verdict> {
        Verdict::ALL.into_iter().find(|v| v.word() == word)
    }

    /// The same word as a row's outcome.
    pub fn outcome(self) -> RowOutcome {
        match self {
            Verdict::Enrolled => RowOutcome::Enrolled,
            Verdict::Waiting => RowOutcome::Waiting,
            Verdict::Rejected => RowOutcome::Rejected,
        }
    }
}

/// Every reason jaring itself gives. A plugin's rejections carry codes of its own, which
/// are shown with the plugin's message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    OccupationNotEligible,
    AgeOutsideWindow,
    OutsideResidence,
    /// Excluded by the policy: the code is the exclusion's keyword.
    Excluded(Exclusion),
    NoPovertyDecile,
    PovertyDecileAboveLimit,
    QuotaFull,
    SubQuotaFull,
    GroupQuotaFull,
    FundingExhausted,
    CoveredByOtherProgram,
    DuplicateNik,
    InvalidValue,
}

impl Code {
    /// The codes that are not exclusions.
    const PLAIN: [Code; 12] = [
        Code::OccupationNotEligible,
        Code::AgeOutsideWindow,
        Code::OutsideResidence,
        Code::NoPovertyDecile,
        Code::PovertyDecileAboveLimit,
        Code::QuotaFull,
        Code::SubQuotaFull,
        Code::GroupQuotaFull,
        Code::FundingExhausted,
        Code::CoveredByOtherProgram,
        Code::DuplicateNik,
        Code::InvalidValue,
    ];

    /// Every code jaring gives.
    pub fn all() -> impl Iterator<Item = Code> {
        Code::PLAIN.into_iter().chain(Exclusion::ALL.iter().map(|(_, e)| Code::Excluded(*e)))
    }

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Code::OccupationNotEligible => "occupation-not-eligible",
            Code::AgeOutsideWindow => "age-outside-window",
            Code::OutsideResidence => "outside-residence",
            Code::Excluded(e) => e.name(),
            Code::NoPovertyDecile => "no-poverty-decile",
            Code::PovertyDecileAboveLimit => "poverty-decile-above-limit",
            Code::QuotaFull => "quota-full",
            Code::SubQuotaFull => "sub-quota-full",
            Code::GroupQuotaFull => "group-quota-full",
            Code::FundingExhausted => "funding-exhausted",
            Code::CoveredByOtherProgram => "covered-by-other-program",
            Code::DuplicateNik => "duplicate-nik",
            Code::InvalidValue => "invalid-value",
        }
    }

    /// The code jaring gives under this name; `None` for a plugin's own code.
    pub fn parse(code: &str) -> Option<Code> {
        Code::all().find(|c| c.code() == code)
    }

    /// The reason in a few words: `the quota is full` / `kuota sudah penuh`.
    pub fn words(self) -> Msg {
        match self {
            Code::OccupationNotEligible => msg!("why-occupation-not-eligible"),
            Code::AgeOutsideWindow => msg!("why-age-outside-window"),
            Code::OutsideResidence => msg!("why-outside-residence"),
            Code::Excluded(e) => msg!("why-excluded", what => exclusion_words(e)),
            Code::NoPovertyDecile => msg!("why-no-poverty-decile"),
            Code::PovertyDecileAboveLimit => msg!("why-poverty-decile-above-limit"),
            Code::QuotaFull => msg!("why-quota-full"),
            Code::SubQuotaFull => msg!("why-sub-quota-full"),
            Code::GroupQuotaFull => msg!("why-group-quota-full"),
            Code::FundingExhausted => msg!("why-funding-exhausted"),
            Code::CoveredByOtherProgram => msg!("why-covered-by-other-program"),
            Code::DuplicateNik => msg!("why-duplicate-nik"),
            Code::InvalidValue => msg!("why-invalid-value"),
        }
    }
}

/// A recorded reason code in words, as `explain` and the impact report show it: jaring's own
/// codes in words with the code after them; a plugin's code as it gave it.
pub fn reason_words(code: &str) -> Arg {
    match Code::parse(code) {
        Some(c) => msg!("why-with-code", words => c.words(), code = code).into(),
        None => Arg::Text(crate::text::escape(code).into_owned()),
    }
}

/// Who an exclusion leaves out: `civil servants (ASN)` / `ASN`; its `.not` attribute says
/// the person is not one.
pub fn exclusion_words(e: Exclusion) -> Msg {
    match e {
        Exclusion::CivilServant => msg!("exclusion-civil-servant"),
        Exclusion::Student => msg!("exclusion-student"),
        Exclusion::AlreadyCovered => msg!("exclusion-already-covered"),
        Exclusion::InactiveNik => msg!("exclusion-inactive-nik"),
        Exclusion::Deceased => msg!("exclusion-deceased"),
    }
}

/// That a person is not in an excluded group: `belum terdaftar di BPJS Ketenagakerjaan`.
pub fn not_excluded_words(e: Exclusion) -> Msg {
    match e {
        Exclusion::CivilServant => msg!("exclusion-civil-servant.not"),
        Exclusion::Student => msg!("exclusion-student.not"),
        Exclusion::AlreadyCovered => msg!("exclusion-already-covered.not"),
        Exclusion::InactiveNik => msg!("exclusion-inactive-nik.not"),
        Exclusion::Deceased => msg!("exclusion-deceased.not"),
    }
}

/// The text of a repeated NIK's rejection.
pub fn duplicate_message(first: u32) -> Msg {
    msg!("reason-duplicate-nik", first = first)
}

/// The text of a rejection because another program of the run pays.
pub fn covered_message(other: &Program, first: Month, last: Month) -> Msg {
    msg!(
        "reason-covered-by-other-program",
        program = &other.id,
        title = &other.title,
        first => Arg::Month(first),
        last => Arg::Month(last)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_reads_back_and_no_two_share_a_spelling() {
        let codes: Vec<Code> = Code::all().collect();
        for c in &codes {
            assert_eq!(Code::parse(c.code()), Some(*c));
        }
        let mut spelled: Vec<&str> = codes.iter().map(|c| c.code()).collect();
        spelled.sort_unstable();
        spelled.dedup();
        assert_eq!(spelled.len(), codes.len());
        for o in RowOutcome::ALL {
            assert_eq!(RowOutcome::parse(o.word()), Some(o));
        }
        for v in Verdict::ALL {
            assert_eq!(Verdict::parse(v.word()), Some(v));
        }
    }
}
