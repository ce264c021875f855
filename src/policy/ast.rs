//! The policy as written, typed: statements with their values and positions.
//!
//! Produced by [`super::lower`] from the syntax tree. Values are parsed (money, months,
//! counts) but not yet checked against each other or against reference data — that is
//! [`super::check`]'s job. Spans point into the original text so every later diagnostic
//! can underline the right words.

use jiff::civil::Date;

use crate::calendar::Month;
use crate::diag::Span;
use crate::money::Rupiah;

/// A value and where it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

/// A whole policy file.
#[derive(Clone, Debug, Default)]
pub struct PolicyFile {
    pub programs: Vec<ProgramDecl>,
}

/// `program <name> { … }`
#[derive(Clone, Debug)]
pub struct ProgramDecl {
    /// `None` when the name was malformed (already reported).
    pub name: Option<Spanned<String>>,
    /// `program <name>`: where "missing statement" problems are shown.
    pub header: Span,
    pub statements: Vec<Statement>,
    /// Keywords of every statement written, including those whose values were invalid,
    /// so that a malformed `period` is not also reported as a missing one.
    pub written: Vec<&'static str>,
}

/// One statement, with the citation of the regulation it comes from.
#[derive(Clone, Debug)]
pub struct Statement {
    pub span: Span,
    pub keyword: Span,
    pub cite: Option<Cite>,
    pub body: Body,
}

/// `cite <regulation> "<article>"`
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cite {
    pub regulation: Spanned<String>,
    pub article: Option<Spanned<String>>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum Body {
    Title(Spanned<String>),
    Region(Spanned<String>),
    Regulation {
        id: Spanned<String>,
        title: Spanned<String>,
    },
    Benefits(Vec<Spanned<String>>),
    DeclaredWage(Spanned<Rupiah>),
    Rates(Spanned<String>),
    Catalog(Spanned<String>),
    Period {
        first: Spanned<Month>,
        last: Spanned<Month>,
    },
    Funding(FundingDecl),
    FundingOrder(Vec<Spanned<String>>),
    Quota {
        count: Spanned<i64>,
        target: QuotaTarget,
    },
    /// `rank by poverty-decile, age descending, column urutan_usulan`
    Rank(Vec<RankKeyDecl>),
    /// `reserve 1.000 for region 64.72.03 [release unused]`
    Reserve {
        count: Spanned<i64>,
        target: QuotaTarget,
        release_unused: bool,
    },
    Occupations {
        codes: Vec<Spanned<String>>,
        cites: Vec<Cite>,
    },
    Age {
        min: Spanned<i64>,
        max: Spanned<i64>,
        at: Option<Spanned<Date>>,
    },
    Residence(Vec<Spanned<String>>),
    Exclude(Vec<Spanned<String>>),
    Poverty(Spanned<i64>),
    Plugin(PluginDecl),
    YieldsTo(YieldsTo),
}

/// One key of `rank by`.
#[derive(Clone, Debug)]
pub struct RankKeyDecl {
    /// `poverty-decile`, `age`, or a column's name (`column` true).
    pub by: Spanned<String>,
    pub column: bool,
    pub descending: bool,
}

/// What a `quota` line limits.
#[derive(Clone, Debug)]
pub enum QuotaTarget {
    /// `quota 32.268`: everyone in the program (or in a funding source).
    Total,
    /// `quota 2.000 for occupation nelayan, petani`
    Occupations(Vec<Spanned<String>>),
    /// `quota 4.000 for region 64.09.01`
    Regions(Vec<Spanned<String>>),
}

/// `funding <name> { kind …  budget …  quota …  cite … }`; repeated lines are kept so the
/// checker can report them.
#[derive(Clone, Debug)]
pub struct FundingDecl {
    pub name: Option<Spanned<String>>,
    pub kinds: Vec<Spanned<String>>,
    pub budgets: Vec<Spanned<Rupiah>>,
    pub quotas: Vec<FundingQuota>,
    pub cites: Vec<Cite>,
    pub written: Vec<&'static str>,
}

#[derive(Clone, Debug)]
pub struct FundingQuota {
    pub count: Spanned<i64>,
    /// A `for …` clause, which a funding source's own quota cannot have.
    pub target: Option<Span>,
}

/// `plugin "<file>" { sha256 …  param …  limit … }`
#[derive(Clone, Debug)]
pub struct PluginDecl {
    pub path: Spanned<String>,
    pub sha256: Vec<Spanned<String>>,
    pub params: Vec<Param>,
    pub limits: Vec<Limit>,
}

#[derive(Clone, Debug)]
pub struct Param {
    pub name: Spanned<String>,
    pub value: Spanned<ParamValue>,
}

/// A value handed to the plugin as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParamValue {
    Text(String),
    Integer(i64),
    Money(Rupiah),
    Word(String),
}

#[derive(Clone, Debug)]
pub struct Limit {
    pub name: Spanned<String>,
    pub value: Spanned<i64>,
}

/// `yields-to regencies` or `yields-to paser-2022, ppu-2025`
#[derive(Clone, Debug)]
pub enum YieldsTo {
    Regencies,
    Programs(Vec<Spanned<String>>),
}
