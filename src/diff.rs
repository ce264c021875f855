//! `jaring diff`: what a policy change does for everyone who could apply — not a sample.
//!
//! A program's rules are a conjunction of one condition per attribute of a person: an
//! occupation in a list, a birth date in a window (the age rule), a domicile inside some
//! regions, each flag (civil servant, student, already covered, NIK status) among the
//! values not excluded, a poverty decile up to a bound. So the people a program finds
//! eligible form a *box*: a product of one set per attribute ([`Space`]). The people two
//! versions disagree on are the difference of two boxes, which is a handful of disjoint
//! boxes ([`Slice`]s), each said in words and given as data. Nothing is sampled and no
//! solver is needed; `tests/it/diff.rs` holds the result to the engine person by person.
//!
//! Occupations that imply an exclusion (`implies = "civil-servant"` in the catalog) are
//! left out of the occupation set when the policy has that exclusion, so the box is exact.

use std::collections::BTreeSet;

use jiff::civil::Date;

use crate::i18n::{Arg, Msg};
use crate::money::{Rupiah, grouped};
use crate::msg;
use crate::policy::Program;
use crate::policy::program::{Exclusion, RuleKind};
use crate::region::{self, regions};
use crate::registry::values::age_on;

/// A yes/no flag of the registry: `ya`, `tidak`, or not recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Flag {
    Yes,
    No,
    Unknown,
}

/// The NIK status of the registry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Active,
    Inactive,
    Deceased,
}

/// A set of domiciles: regions, each with the regions inside it that are left out.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Area {
    /// `""` is everywhere.
    pub code: String,
    pub except: Vec<String>,
}

fn inside(child: &str, parent: &str) -> bool {
    parent.is_empty() || region::within(child, parent)
}

impl Area {
    fn whole(code: &str) -> Area {
        Area { code: code.to_owned(), except: Vec::new() }
    }

    pub fn holds(&self, domicile: &str) -> bool {
        inside(domicile, &self.code) && !self.except.iter().any(|e| inside(domicile, e))
    }

    fn is_empty(&self) -> bool {
        self.except.iter().any(|e| inside(&self.code, e))
    }

    /// The part of `self` inside `other`.
    fn intersect(&self, other: &Area) -> Option<Area> {
        let (code, mut except) = if inside(&self.code, &other.code) {
            (self.code.clone(), self.except.clone())
        } else if inside(&other.code, &self.code) {
            (other.code.clone(), other.except.clone())
        } else {
            return None;
        };
        for e in self.except.iter().chain(&other.except) {
            if inside(e, &code) && !except.contains(e) {
                except.push(e.clone());
            }
        }
        let area = normal(Area { code, except });
        (!area.is_empty()).then_some(area)
    }

    /// `self` without `other`: a few areas.
    fn minus(&self, other: &Area) -> Vec<Area> {
        let Some(common) = self.intersect(other) else { return vec![self.clone()] };
        // self without common = self with common's region as a hole, plus common's holes
        // that lie in self
        let mut out = Vec::new();
        let mut first = self.clone();
        if common.code != self.code {
            first.except.push(common.code.clone());
        } else {
            first = Area { code: self.code.clone(), except: vec![self.code.clone()] };
        }
        let first = normal(first);
        if !first.is_empty() {
            out.push(first);
        }
        for hole in &common.except {
            if let Some(part) = self.intersect(&Area::whole(hole)) {
                out.push(part);
            }
        }
        out
    }
}

/// Holes inside other holes dropped, sorted.
fn normal(mut area: Area) -> Area {
    area.except.sort();
    area.except.dedup();
    let holes = area.except.clone();
    area.except.retain(|h| !holes.iter().any(|o| o != h && inside(h, o)));
    area
}

fn areas_minus(a: &[Area], b: &[Area]) -> Vec<Area> {
    let mut left: Vec<Area> = a.to_vec();
    for cut in b {
        left = left.iter().flat_map(|x| x.minus(cut)).collect();
    }
    left
}

fn areas_intersect(a: &[Area], b: &[Area]) -> Vec<Area> {
    a.iter().flat_map(|x| b.iter().filter_map(move |y| x.intersect(y))).collect()
}

/// Birth dates: inclusive windows, sorted and apart.
type Windows = Vec<(Date, Date)>;

fn windows_minus(a: &Windows, b: &Windows) -> Windows {
    let mut left = a.clone();
    for &(lo, hi) in b {
        left = left
            .into_iter()
            .flat_map(|(x, y)| {
                let mut parts = Vec::new();
                if x < lo {
                    parts.push((x, y.min(lo.yesterday().unwrap_or(lo))));
                }
                if y > hi {
                    parts.push((x.max(hi.tomorrow().unwrap_or(hi)), y));
                }
                if hi < x || lo > y {
                    parts = vec![(x, y)];
                }
                parts
            })
            .filter(|(x, y)| x <= y)
            .collect();
    }
    left
}

fn windows_intersect(a: &Windows, b: &Windows) -> Windows {
    let mut out = Vec::new();
    for &(x, y) in a {
        for &(lo, hi) in b {
            let (l, h) = (x.max(lo), y.min(hi));
            if l <= h {
                out.push((l, h));
            }
        }
    }
    out.sort();
    out
}

/// The earliest and latest birth dates jaring reads.
fn birth_range() -> (Date, Date) {
    (jiff::civil::date(1900, 1, 1), jiff::civil::date(2100, 12, 31))
}

/// The birth dates of people aged `min` to `max` on `at`.
fn born_between(min: u8, max: u8, at: Date) -> Windows {
    let (first, last) = birth_range();
    let clamp = |y: i32| -> Date {
        let y = i16::try_from(y).unwrap_or(1900).clamp(1900, 2100);
        Date::new(y, at.month(), 1).map_or(first, |d| {
            d.last_of_month().min(Date::new(y, at.month(), at.day()).unwrap_or(d.last_of_month()))
        })
    };
    // the latest birth date with age ≥ min, the earliest with age ≤ max
    let mut latest = clamp(i32::from(at.year()) - i32::from(min));
    while latest > first && age_on(latest, at) < i32::from(min) {
        latest = latest.yesterday().unwrap_or(first);
    }
    while latest < last && latest.tomorrow().is_ok_and(|t| age_on(t, at) >= i32::from(min)) {
        latest = latest.tomorrow().unwrap_or(last);
    }
    let mut earliest = clamp(i32::from(at.year()) - i32::from(max) - 1);
    while earliest < last && age_on(earliest, at) > i32::from(max) {
        earliest = earliest.tomorrow().unwrap_or(last);
    }
    while earliest > first && earliest.yesterday().is_ok_and(|y| age_on(y, at) <= i32::from(max)) {
        earliest = earliest.yesterday().unwrap_or(first);
    }
    let (earliest, latest) = (earliest.max(first), latest.min(last));
    if earliest <= latest { vec![(earliest, latest)] } else { Vec::new() }
}

/// The people a program finds eligible by its rules: one set per attribute.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Space {
    pub occupations: BTreeSet<String>,
    pub born: Windows,
    pub domicile: Vec<Area>,
    pub civil_servant: BTreeSet<Flag>,
    pub student: BTreeSet<Flag>,
    pub already_covered: BTreeSet<Flag>,
    pub nik_status: BTreeSet<Status>,
    /// `None` is "no decile in the registry".
    pub decile: BTreeSet<Option<u8>>,
}

/// Every flag value but `Yes` when `excluded`.
fn flags(excluded: bool) -> BTreeSet<Flag> {
    [Flag::Yes, Flag::No, Flag::Unknown].into_iter().filter(|f| !(excluded && *f == Flag::Yes)).collect()
}

impl Space {
    /// The people `program` finds eligible by its rules.
    pub fn of(program: &Program) -> Space {
        let excludes = |e: Exclusion| program.rules.iter().any(|r| r.kind == RuleKind::Exclude(e));
        let catalog = &program.catalog;
        let listed: Vec<String> = program
            .rules
            .iter()
            .find_map(|r| match &r.kind {
                RuleKind::Occupation(codes) => Some(codes.clone()),
                _ => None,
            })
            .unwrap_or_else(|| catalog.occupations().iter().map(|o| o.code.clone()).collect());
        let occupations = listed
            .into_iter()
            .filter(|code| {
                let implies = catalog.get(code).and_then(|o| o.implies.as_deref());
                !matches!(implies, Some(e) if Exclusion::parse(e).is_some_and(excludes))
            })
            .collect();
        let (first, last) = birth_range();
        let born = program
            .rules
            .iter()
            .find_map(|r| match r.kind {
                RuleKind::Age { min, max, at } => Some(born_between(min, max, at)),
                _ => None,
            })
            .unwrap_or_else(|| vec![(first, last)]);
        let domicile = program
            .rules
            .iter()
            .find_map(|r| match &r.kind {
                RuleKind::Residence(codes) => Some(codes.iter().map(|c| Area::whole(c)).collect()),
                _ => None,
            })
            .unwrap_or_else(|| vec![Area::whole("")]);
        let nik_status = [Status::Active, Status::Inactive, Status::Deceased]
            .into_iter()
            .filter(|s| match s {
                Status::Inactive => !excludes(Exclusion::InactiveNik),
                Status::Deceased => !excludes(Exclusion::Deceased),
                Status::Active => true,
            })
            .collect();
        let decile = match program.rules.iter().find_map(|r| match r.kind {
            RuleKind::PovertyDecile { max } => Some(max),
            _ => None,
        }) {
            Some(max) => (1..=max.min(10)).map(Some).collect(),
            None => std::iter::once(None).chain((1..=10).map(Some)).collect(),
        };
        Space {
            occupations,
            born,
            domicile,
            civil_servant: flags(excludes(Exclusion::CivilServant)),
            student: flags(excludes(Exclusion::Student)),
            already_covered: flags(excludes(Exclusion::AlreadyCovered)),
            nik_status,
            decile,
        }
    }

    fn is_empty(&self) -> bool {
        self.occupations.is_empty()
            || self.born.is_empty()
            || self.domicile.is_empty()
            || self.civil_servant.is_empty()
            || self.student.is_empty()
            || self.already_covered.is_empty()
            || self.nik_status.is_empty()
            || self.decile.is_empty()
    }

    /// Whether a person with these attributes is in the space.
    #[expect(clippy::too_many_arguments, reason = "one argument per attribute the rules read")]
    pub fn holds(
        &self,
        occupation: &str,
        born: Date,
        domicile: &str,
        civil_servant: Flag,
        student: Flag,
        already_covered: Flag,
        nik_status: Status,
        decile: Option<u8>,
    ) -> bool {
        self.occupations.contains(occupation)
            && self.born.iter().any(|(lo, hi)| *lo <= born && born <= *hi)
            && self.domicile.iter().any(|a| a.holds(domicile))
            && self.civil_servant.contains(&civil_servant)
            && self.student.contains(&student)
            && self.already_covered.contains(&already_covered)
            && self.nik_status.contains(&nik_status)
            && self.decile.contains(&decile)
    }

    /// `self` without `other`, as disjoint spaces: on the first attribute where it differs,
    /// `self`'s values `other` lacks; on the attributes before it, the values both share.
    fn minus(&self, other: &Space) -> Vec<(Attribute, Space)> {
        let mut out = Vec::new();
        let mut shared = self.clone();
        macro_rules! step {
            ($field:ident, $attribute:expr, $minus:expr, $intersect:expr) => {
                let only = $minus(&self.$field, &other.$field);
                let mut slice = shared.clone();
                slice.$field = only;
                if !slice.is_empty() {
                    out.push(($attribute, slice));
                }
                shared.$field = $intersect(&shared.$field, &other.$field);
            };
        }
        let set_minus =
            |a: &BTreeSet<String>, b: &BTreeSet<String>| a.difference(b).cloned().collect::<BTreeSet<_>>();
        let set_and =
            |a: &BTreeSet<String>, b: &BTreeSet<String>| a.intersection(b).cloned().collect::<BTreeSet<_>>();
        step!(occupations, Attribute::Occupation, set_minus, set_and);
        step!(born, Attribute::Born, windows_minus, windows_intersect);
        step!(domicile, Attribute::Domicile, areas_minus, areas_intersect);
        fn fm<T: Ord + Clone>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> BTreeSet<T> {
            a.difference(b).cloned().collect()
        }
        fn fi<T: Ord + Clone>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> BTreeSet<T> {
            a.intersection(b).cloned().collect()
        }
        step!(civil_servant, Attribute::CivilServant, fm, fi);
        step!(student, Attribute::Student, fm, fi);
        step!(already_covered, Attribute::AlreadyCovered, fm, fi);
        step!(nik_status, Attribute::NikStatus, fm, fi);
        step!(decile, Attribute::Decile, fm, fi);
        out
    }
}

/// The attribute on which a slice differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Attribute {
    Occupation,
    Born,
    Domicile,
    CivilServant,
    Student,
    AlreadyCovered,
    NikStatus,
    Decile,
}

/// People whose eligibility by the rules changes: who they are, and which way.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Slice {
    /// `true`: eligible under the new policy only; `false`: under the old one only.
    pub gains: bool,
    /// The attribute the two policies treat differently for these people.
    pub differs_on: Attribute,
    pub people: Space,
}

/// A program-level figure that changed.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Figure {
    pub what: Measure,
    pub old: String,
    pub new: String,
}

/// The program-level figures `diff` compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Measure {
    Quota,
    Period,
    Benefits,
    DeclaredWage,
    PremiumPerWorker,
    Budget,
    Funding,
    SubQuotasAndReserves,
    RankBy,
}

impl Measure {
    pub fn words(self) -> Msg {
        match self {
            Measure::Quota => msg!("diff-figure-quota"),
            Measure::Period => msg!("diff-figure-period"),
            Measure::Benefits => msg!("diff-figure-benefits"),
            Measure::DeclaredWage => msg!("diff-figure-wage"),
            Measure::PremiumPerWorker => msg!("diff-figure-premium"),
            Measure::Budget => msg!("diff-figure-budget"),
            Measure::Funding => msg!("diff-figure-funding"),
            Measure::SubQuotasAndReserves => msg!("diff-figure-groups"),
            Measure::RankBy => msg!("diff-figure-rank"),
        }
    }
}

/// The difference between two versions of a program.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Difference {
    pub slices: Vec<Slice>,
    pub figures: Vec<Figure>,
    /// A plugin decides among the rule-eligible (`old`, `new` sha256).
    pub plugin: Option<(Option<String>, Option<String>)>,
}

impl Difference {
    pub fn is_empty(&self) -> bool {
        self.slices.is_empty() && self.figures.is_empty() && self.plugin.as_ref().is_none_or(|(a, b)| a == b)
    }
}

/// What changes from `old` to `new`.
pub fn diff(old: &Program, new: &Program) -> Difference {
    let (a, b) = (Space::of(old), Space::of(new));
    let mut slices: Vec<Slice> = a
        .minus(&b)
        .into_iter()
        .map(|(differs_on, people)| Slice { gains: false, differs_on, people })
        .collect();
    slices.extend(b.minus(&a).into_iter().map(|(differs_on, people)| Slice {
        gains: true,
        differs_on,
        people,
    }));
    let mut figures = Vec::new();
    let mut figure = |what: Measure, old: String, new: String| {
        if old != new {
            figures.push(Figure { what, old, new });
        }
    };
    let quota = |p: &Program| p.quota.as_ref().map_or_else(|| "-".to_owned(), |q| grouped(q.count.into()));
    figure(Measure::Quota, quota(old), quota(new));
    let months = |p: &Program| match (p.months.first(), p.months.last()) {
        (Some(f), Some(l)) => format!("{f} .. {l} ({})", p.months.len()),
        _ => "-".to_owned(),
    };
    figure(Measure::Period, months(old), months(new));
    let benefits = |p: &Program| p.benefits.iter().map(|b| b.name()).collect::<Vec<_>>().join(", ");
    figure(Measure::Benefits, benefits(old), benefits(new));
    figure(Measure::DeclaredWage, old.declared_wage.to_string(), new.declared_wage.to_string());
    figure(
        Measure::PremiumPerWorker,
        Rupiah(old.premium_per_worker.0).to_string(),
        Rupiah(new.premium_per_worker.0).to_string(),
    );
    figure(Measure::Budget, old.total_budget().to_string(), new.total_budget().to_string());
    let sources =
        |p: &Program| -> Vec<String> { p.funding.iter().map(|f| format!("{} {}", f.id, f.budget)).collect() };
    figure(Measure::Funding, sources(old).join(", "), sources(new).join(", "));
    let groups = |p: &Program| -> String {
        let sub: Vec<String> = p
            .sub_quotas
            .iter()
            .map(|s| format!("quota {} for {}", grouped(s.count.into()), target(&s.target)))
            .collect();
        let res: Vec<String> = p
            .reserves
            .iter()
            .map(|r| {
                format!(
                    "reserve {} for {}{}",
                    grouped(r.count.into()),
                    target(&r.target),
                    if r.release_unused { " release unused" } else { "" }
                )
            })
            .collect();
        [sub, res].concat().join("; ")
    };
    figure(Measure::SubQuotasAndReserves, groups(old), groups(new));
    let ranking = |p: &Program| {
        p.ranking
            .as_ref()
            .map(|r| r.keys.iter().map(|k| k.name()).collect::<Vec<_>>().join(", "))
            .unwrap_or_default()
    };
    figure(Measure::RankBy, ranking(old), ranking(new));
    let plugin = match (&old.plugin, &new.plugin) {
        (None, None) => None,
        (o, n) => {
            Some((o.as_ref().and_then(|p| p.sha256.clone()), n.as_ref().and_then(|p| p.sha256.clone())))
        }
    };
    Difference { slices, figures, plugin }
}

fn target(t: &crate::policy::program::SubQuotaTarget) -> String {
    use crate::policy::program::SubQuotaTarget;
    match t {
        SubQuotaTarget::Occupations(o) => format!("occupation {}", o.join(", ")),
        SubQuotaTarget::Regions(r) => format!("region {}", r.join(", ")),
    }
}

/// A slice in words: who, and which way (`a`, `b` are the old and new spaces, to say "any
/// listed occupation" rather than list them).
pub fn words(slice: &Slice, old: &Program, new: &Program) -> Msg {
    let p = &slice.people;
    let mut parts: Vec<Arg> = Vec::new();
    let (sa, sb) = (Space::of(old), Space::of(new));
    // what both versions say alike goes without saying, except where the slice differs
    let same = |attribute: Attribute, alike: bool| alike && slice.differs_on != attribute;
    let all_occupations: BTreeSet<String> =
        old.catalog.occupations().iter().map(|o| o.code.clone()).collect();
    if p.occupations == all_occupations
        || same(Attribute::Occupation, p.occupations == sa.occupations && p.occupations == sb.occupations)
    {
        // no condition
    } else if p.occupations == sa.occupations || p.occupations == sb.occupations {
        parts.push(msg!("diff-any-listed").into());
    } else {
        let codes: Vec<String> = p.occupations.iter().map(|c| format!("`{c}`")).collect();
        parts.push(msg!("diff-occupations", codes = shorten(&codes, 8)).into());
    }
    let (first, last) = birth_range();
    if p.born != vec![(first, last)] && !same(Attribute::Born, p.born == sa.born && p.born == sb.born) {
        let at = old.rules.iter().chain(&new.rules).find_map(|r| match r.kind {
            RuleKind::Age { at, .. } => Some(at),
            _ => None,
        });
        let windows: Vec<Arg> = p
            .born
            .iter()
            .map(|&(lo, hi)| {
                let ages = at.map(|at| (age_on(hi, at), age_on(lo, at)));
                let lo_arg = if lo == first { msg!("diff-open").into() } else { Arg::Date(lo) };
                let hi_arg = if hi == last { msg!("diff-open").into() } else { Arg::Date(hi) };
                match (ages, at) {
                    (Some((young, old_age)), Some(at)) => msg!(
                        "diff-born-aged",
                        lo => lo_arg,
                        hi => hi_arg,
                        young = young.max(0),
                        old = old_age,
                        at => Arg::Date(at)
                    )
                    .into(),
                    _ => msg!("diff-born", lo => lo_arg, hi => hi_arg).into(),
                }
            })
            .collect();
        parts.push(Arg::AnyOf(windows));
    }
    if p.domicile != vec![Area::whole("")]
        && !same(Attribute::Domicile, p.domicile == sa.domicile && p.domicile == sb.domicile)
    {
        let areas: Vec<Arg> = p
            .domicile
            .iter()
            .map(|a| {
                let name = |c: &str| match regions().name(c) {
                    Some(n) => format!("{c} ({n})"),
                    None if c.is_empty() => "Indonesia".to_owned(),
                    None => c.to_owned(),
                };
                if a.except.is_empty() {
                    msg!("diff-living-in", area = name(&a.code)).into()
                } else {
                    let except: Vec<String> = a.except.iter().map(|e| name(e)).collect();
                    msg!("diff-living-in-except", area = name(&a.code), except = shorten(&except, 6)).into()
                }
            })
            .collect();
        parts.push(Arg::AnyOf(areas));
    }
    let flag_words = |what: Msg,
                      set: &BTreeSet<Flag>,
                      attribute: Attribute,
                      a: &BTreeSet<Flag>,
                      b: &BTreeSet<Flag>|
     -> Option<Arg> {
        if set.len() == 3 || same(attribute, set == a && set == b) {
            return None;
        }
        let values: Vec<Arg> = set
            .iter()
            .map(|f| match f {
                Flag::Yes => msg!("diff-flag-yes").into(),
                Flag::No => msg!("diff-flag-no").into(),
                Flag::Unknown => msg!("diff-flag-unknown").into(),
            })
            .collect();
        Some(msg!("diff-flag", what => what, values => Arg::AnyOf(values)).into())
    };
    parts.extend(flag_words(
        msg!("field-civil-servant"),
        &p.civil_servant,
        Attribute::CivilServant,
        &sa.civil_servant,
        &sb.civil_servant,
    ));
    parts.extend(flag_words(msg!("field-student"), &p.student, Attribute::Student, &sa.student, &sb.student));
    parts.extend(flag_words(
        msg!("field-already-covered"),
        &p.already_covered,
        Attribute::AlreadyCovered,
        &sa.already_covered,
        &sb.already_covered,
    ));
    if p.nik_status.len() < 3
        && !same(Attribute::NikStatus, p.nik_status == sa.nik_status && p.nik_status == sb.nik_status)
    {
        let values: Vec<Arg> = p
            .nik_status
            .iter()
            .map(|s| match s {
                Status::Active => msg!("diff-status-active").into(),
                Status::Inactive => msg!("diff-status-inactive").into(),
                Status::Deceased => msg!("diff-status-deceased").into(),
            })
            .collect();
        parts.push(msg!("diff-nik-status", values => Arg::AnyOf(values)).into());
    }
    if p.decile.len() < 11 && !same(Attribute::Decile, p.decile == sa.decile && p.decile == sb.decile) {
        let values: Vec<Arg> = p
            .decile
            .iter()
            .map(|d| match d {
                Some(d) => Arg::Text(d.to_string()),
                None => msg!("diff-decile-none").into(),
            })
            .collect();
        parts.push(msg!("diff-decile", values => Arg::AnyOf(values)).into());
    }
    let who: Arg = if parts.is_empty() {
        msg!("diff-everyone").into()
    } else {
        msg!("diff-otherwise", who => Arg::Joined(parts)).into()
    };
    if slice.gains { msg!("diff-gains", who => who) } else { msg!("diff-loses", who => who) }
}

fn shorten(items: &[String], max: usize) -> String {
    if items.len() <= max {
        items.join(", ")
    } else {
        format!("{}, … ({} in all)", items[..max].join(", "), items.len())
    }
}
