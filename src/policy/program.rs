//! A checked program: the policy as the engine applies it.
//!
//! Everything here has been validated — codes exist, months have rates, budgets pay the
//! quota, citations name declared regulations — so the engine never has to ask "what if".

use std::path::PathBuf;
use std::sync::Arc;

use jiff::civil::Date;

use crate::calendar::Month;
use crate::catalog::Catalog;
use crate::money::Rupiah;
use crate::rates::{Benefit, RateTable};

/// A reference to the regulation behind a rule: what every decision cites.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    /// The id declared with `regulation <id> "<title>"`.
    pub regulation: String,
    pub title: String,
    /// Article, paragraph, annex: `Pasal 3 ayat (1)`.
    pub article: Option<String>,
}

impl std::fmt::Display for Citation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.article {
            Some(article) => write!(f, "{}, {article}", self.title),
            None => f.write_str(&self.title),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Regulation {
    pub id: String,
    pub title: String,
}

/// Where the money comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FundingKind {
    /// Regional budget (APBD).
    Apbd,
    /// Revised regional budget (APBD-Perubahan).
    ApbdP,
    /// A province's budget.
    ApbdProvinsi,
    /// Company social-responsibility money.
    Csr,
    /// Village fund (Dana Desa).
    DanaDesa,
    Other,
}

impl FundingKind {
    pub const ALL: [(&'static str, FundingKind); 6] = [
        ("APBD", FundingKind::Apbd),
        ("APBD-P", FundingKind::ApbdP),
        ("APBD-PROVINSI", FundingKind::ApbdProvinsi),
        ("CSR", FundingKind::Csr),
        ("DANA-DESA", FundingKind::DanaDesa),
        ("OTHER", FundingKind::Other),
    ];

    pub fn parse(name: &str) -> Option<FundingKind> {
        FundingKind::ALL.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, k)| *k)
    }

    pub fn name(self) -> &'static str {
        FundingKind::ALL.iter().find(|(_, k)| *k == self).map_or("OTHER", |(n, _)| n)
    }
}

/// A budget line that pays premiums.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FundingSource {
    pub id: String,
    pub kind: FundingKind,
    pub budget: Rupiah,
    /// The most people this source may pay for, if its decree says so.
    pub quota: Option<u32>,
    pub cite: Option<Citation>,
}

/// A cap on how many people are enrolled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quota {
    pub count: u32,
    pub cite: Option<Citation>,
}

/// A cap on a group within the program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubQuota {
    pub count: u32,
    pub target: SubQuotaTarget,
    pub cite: Option<Citation>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SubQuotaTarget {
    /// Applicants with one of these occupation codes.
    Occupations(Vec<String>),
    /// Applicants living in one of these regions (districts, or regencies of a province).
    Regions(Vec<String>),
}

/// What the waiting line is ordered by, before the draw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RankBy {
    PovertyDecile,
    /// Age on the day the age rule names (else the first day of the period).
    Age,
    /// A registry column, compared as numbers when both cells are, else as text.
    Column(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RankKey {
    pub by: RankBy,
    pub descending: bool,
}

impl RankKey {
    /// The key as the log and the summary name it: `poverty-decile ascending`.
    pub fn name(&self) -> String {
        let by = match &self.by {
            RankBy::PovertyDecile => "poverty-decile".to_owned(),
            RankBy::Age => "age".to_owned(),
            RankBy::Column(c) => format!("column {c}"),
        };
        format!("{by} {}", if self.descending { "descending" } else { "ascending" })
    }
}

/// The policy's own order of the waiting line (`rank by …`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ranking {
    pub keys: Vec<RankKey>,
    pub cite: Option<Citation>,
}

/// Places held for a group: filled first, in rank order, by its members.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reserve {
    pub count: u32,
    pub target: SubQuotaTarget,
    /// Places the group does not fill go to everyone else; otherwise they stay empty.
    pub release_unused: bool,
    pub cite: Option<Citation>,
}

impl SubQuotaTarget {
    /// Whether an applicant with this occupation code and domicile belongs to the group.
    pub fn holds(&self, occupation: &str, domicile: &str) -> bool {
        match self {
            SubQuotaTarget::Occupations(o) => o.iter().any(|x| x == occupation),
            SubQuotaTarget::Regions(r) => r.iter().any(|x| crate::region::within(domicile, x)),
        }
    }
}

/// Who is excluded, whatever else they satisfy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Exclusion {
    /// Civil servants (ASN) — their employer covers them.
    CivilServant,
    /// Pupils and students.
    Student,
    /// Already a BPJS Ketenagakerjaan participant.
    AlreadyCovered,
    /// The NIK is inactive in the population register.
    InactiveNik,
    /// The person has died.
    Deceased,
}

impl Exclusion {
    pub const ALL: [(&'static str, Exclusion); 5] = [
        ("civil-servant", Exclusion::CivilServant),
        ("student", Exclusion::Student),
        ("already-covered", Exclusion::AlreadyCovered),
        ("inactive-nik", Exclusion::InactiveNik),
        ("deceased", Exclusion::Deceased),
    ];

    pub fn parse(name: &str) -> Option<Exclusion> {
        Exclusion::ALL.iter().find(|(n, _)| *n == name).map(|(_, e)| *e)
    }

    pub fn name(self) -> &'static str {
        Exclusion::ALL.iter().find(|(_, e)| *e == self).map_or("", |(n, _)| n)
    }
}

/// An eligibility rule, applied to every applicant, with its legal source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    pub kind: RuleKind,
    pub cite: Option<Citation>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleKind {
    /// The occupation is one of these catalog codes.
    Occupation(Vec<String>),
    /// Age in whole years on `at`, both ends included.
    Age {
        min: u8,
        max: u8,
        at: Date,
    },
    /// Domicile within one of these region codes.
    Residence(Vec<String>),
    Exclude(Exclusion),
    /// Poverty decile (1 = poorest) at most this.
    PovertyDecile {
        max: u8,
    },
}

/// The region plugin and how it is run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PluginSpec {
    /// As written in the policy.
    pub written: String,
    /// The file found.
    pub path: PathBuf,
    /// The pin (checked against the file).
    pub sha256: Option<String>,
    pub params: Vec<(String, ParamValue)>,
    pub limits: Vec<(PluginLimit, u64)>,
}

/// A limit a policy may set in its plugin block: `limit <name> <value>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PluginLimit {
    FuelPerApplicant,
    MemoryMib,
    BatchSize,
    PluginKib,
    FunctionKib,
}

impl PluginLimit {
    pub const ALL: [PluginLimit; 5] = [
        PluginLimit::FuelPerApplicant,
        PluginLimit::MemoryMib,
        PluginLimit::BatchSize,
        PluginLimit::PluginKib,
        PluginLimit::FunctionKib,
    ];

    /// As written in a policy.
    pub fn name(self) -> &'static str {
        match self {
            PluginLimit::FuelPerApplicant => "fuel-per-applicant",
            PluginLimit::MemoryMib => "memory-mib",
            PluginLimit::BatchSize => "batch-size",
            PluginLimit::PluginKib => "plugin-kib",
            PluginLimit::FunctionKib => "function-kib",
        }
    }

    pub fn from_name(name: &str) -> Option<PluginLimit> {
        PluginLimit::ALL.into_iter().find(|l| l.name() == name)
    }

    /// The largest value a policy may write. Each ceiling keeps one plugin call within what
    /// the host can give it: about a second of fuel per applicant, 1 GiB of memory, and code
    /// that compiles within the bounds measured in the README.
    pub const fn max(self) -> u64 {
        match self {
            PluginLimit::FuelPerApplicant => 1_000_000_000,
            PluginLimit::MemoryMib => 1024,
            PluginLimit::BatchSize => 65_536,
            PluginLimit::PluginKib => 16 * 1024,
            PluginLimit::FunctionKib => 256,
        }
    }

    /// What the value counts, in words.
    pub fn unit(self) -> crate::i18n::Msg {
        match self {
            PluginLimit::FuelPerApplicant => crate::msg!("limit-unit-fuel"),
            PluginLimit::MemoryMib => crate::msg!("limit-unit-memory"),
            PluginLimit::BatchSize => crate::msg!("limit-unit-batch"),
            PluginLimit::PluginKib => crate::msg!("limit-unit-plugin"),
            PluginLimit::FunctionKib => crate::msg!("limit-unit-function"),
        }
    }
}

pub use super::ast::ParamValue;

/// Which other programs go first for the same people.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum YieldsTo {
    /// Programs of regencies and cities inside this program's region.
    Regencies,
    Programs(Vec<String>),
}

/// A reference file a program was checked against, by content hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// How it is shown (a path, or `built-in occupations.toml`).
    pub name: String,
    pub sha256: String,
    /// The exact text that was checked (kept so a run can archive it).
    pub text: Arc<str>,
}

/// A checked program.
#[derive(Clone, Debug)]
pub struct Program {
    pub id: String,
    pub title: String,
    pub region: String,
    pub region_name: String,
    pub policy: Reference,
    pub regulations: Vec<Regulation>,
    pub benefits: Vec<Benefit>,
    pub declared_wage: Rupiah,
    /// Covered months, in order.
    pub months: Vec<Month>,
    pub period_cite: Option<Citation>,
    /// Premium per worker for each month in `months`.
    pub monthly_premiums: Vec<Rupiah>,
    /// Premium per worker for the whole period.
    pub premium_per_worker: Rupiah,
    /// In the order they are drawn on.
    pub funding: Vec<FundingSource>,
    pub quota: Option<Quota>,
    pub sub_quotas: Vec<SubQuota>,
    /// Places held for groups, in the order written.
    pub reserves: Vec<Reserve>,
    /// The order before the draw, when the policy gives one.
    pub ranking: Option<Ranking>,
    /// Eligibility rules, in the order they are written.
    pub rules: Vec<Rule>,
    pub plugin: Option<PluginSpec>,
    pub yields_to: Option<(YieldsTo, Option<Citation>)>,
    pub catalog: Arc<Catalog>,
    pub catalog_ref: Reference,
    pub rates: Arc<RateTable>,
    pub rates_ref: Reference,
    /// What `check` warned about in the policy (a run shows them and records them).
    pub warnings: Vec<crate::i18n::Msg>,
}

impl Program {
    /// Total budget of all sources.
    pub fn total_budget(&self) -> Rupiah {
        self.funding.iter().map(|f| f.budget).sum()
    }
}
