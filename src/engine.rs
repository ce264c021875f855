//! Deciding: policy rules, ranking, and allocation of quota and money. No IO, no clock.
//!
//! The engine is a set of pure functions over a checked [`Program`] and read registry
//! rows. `run` feeds it and calls plugins in between; everything here can be replayed from
//! the same inputs to the same answer.
//!
//! Ranking is by the plugin's priority (higher first; 0 for everyone when a program has no
//! plugin), then by a tie-break that nobody can game by reordering the file: the first eight
//! bytes of `sha256("<program id>:<NIK>")`, smallest first. Allocation walks the ranking
//! once: a candidate is enrolled if the total quota, every sub-quota and group quota they
//! fall under have room and a funding source (in draw order) can still pay the premium for
//! the whole period; otherwise they join the waiting list, in ranking order, with the reason.

use sha2::{Digest as _, Sha256};

use crate::catalog::Catalog;
use crate::decision::{Code, Failures, WaitReason, exclusion_words, not_excluded_words};
use crate::i18n::{Arg, Msg};
use crate::money::Rupiah;
use crate::msg;
use crate::policy::Program;
use crate::policy::program::{Exclusion, RuleKind};
use crate::region;
use crate::registry::values::age_on;
use crate::registry::{Field, Nik, NikStatus, Person};

/// Which optional registry columns exist, for rules that depend on them.
#[derive(Clone, Copy, Debug, Default)]
pub struct Presence {
    pub poverty_decile: bool,
    pub already_covered: bool,
    pub civil_servant: bool,
    pub student: bool,
    pub nik_status: bool,
}

/// The verdict of one rule on one person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleCheck {
    pub passed: bool,
    /// The reason if it fails.
    pub code: Code,
    pub detail: Detail,
}

impl RuleCheck {
    /// The check in words.
    pub fn message(&self) -> Msg {
        self.detail.message(self.passed)
    }
}

/// Applies every rule of the program; returns the failed ones as a bit set.
pub fn failures(program: &Program, person: &Person) -> Failures {
    Rules::new(program).failures(person)
}

/// A program's rules, prepared to be applied to many people. Each rule is folded into plain
/// lookups and comparisons: one table gives, per catalog occupation, every rule the
/// occupation alone fails (occupation lists and the exclusions an occupation implies); birth
/// dates are compared as `YYYYMMDD` numbers; residence is a range of region-table positions;
/// each exclusion flag carries the rules it fails. Evaluating all rules, with the result of
/// each, then costs about what a hand-written test costs. `passes` is the readable
/// definition; a test holds the two equal.
pub struct Rules<'a> {
    program: &'a Program,
    /// Per catalog occupation: the rules that occupation fails.
    by_occupation: Vec<Failures>,
    /// What an occupation outside the catalog fails (never read: rows name catalog entries).
    unknown_occupation: Failures,
    /// Age windows as birth dates: rule, born after, born by (`YYYYMMDD`). The first is kept
    /// apart (rule 0 when there is none, which fails nobody) so that the usual program, with
    /// one age window and one region, is evaluated without a loop.
    born: (Failures, i32, i32),
    more_born: Vec<(Failures, i32, i32)>,
    /// Residence: the rules, and each run of region-table positions with the rule it is in
    /// (the first kept apart, likewise).
    residence: Failures,
    within: (Failures, std::ops::Range<u32>),
    more_within: Vec<(Failures, std::ops::Range<u32>)>,
    /// Poverty decile: rule, the highest decile allowed.
    deciles: Vec<(Failures, u8)>,
    /// The rules failed by a person marked so.
    civil_servant: Failures,
    student: Failures,
    already_covered: Failures,
    inactive: Failures,
    deceased: Failures,
}

/// `1980-01-05` → `19800105`: numbers that compare like the dates, and whose difference
/// divided by 10 000 is the age in whole years (exactly as `age_on` counts it).
#[inline]
fn packed(d: jiff::civil::Date) -> i32 {
    i32::from(d.year()) * 10_000 + i32::from(d.month()) * 100 + i32::from(d.day())
}

/// `mask` if `yes`, else nothing (without a branch).
#[inline]
fn when(yes: bool, mask: Failures) -> Failures {
    mask & Failures::from(yes).wrapping_neg()
}

impl<'a> Rules<'a> {
    pub fn new(program: &'a Program) -> Rules<'a> {
        let occupations = program.catalog.occupations();
        let mut rules = Rules {
            program,
            by_occupation: vec![0; occupations.len()],
            unknown_occupation: 0,
            born: (0, i32::MIN, i32::MAX),
            more_born: Vec::new(),
            residence: 0,
            within: (0, 0..0),
            more_within: Vec::new(),
            deciles: Vec::new(),
            civil_servant: 0,
            student: 0,
            already_covered: 0,
            inactive: 0,
            deceased: 0,
        };
        for (i, rule) in program.rules.iter().enumerate().take(Failures::BITS as usize) {
            let bit: Failures = 1 << i;
            match &rule.kind {
                RuleKind::Occupation(codes) => {
                    for (o, occupation) in occupations.iter().enumerate() {
                        rules.by_occupation[o] |= when(!codes.contains(&occupation.code), bit);
                    }
                    rules.unknown_occupation |= bit;
                }
                RuleKind::Age { min, max, at } => {
                    let on = packed(*at);
                    // age >= min  <=>  born <= on - min years;  age <= max  <=>  born > on - (max + 1) years
                    let after = on - (i32::from(*max) + 1) * 10_000;
                    let by = on - i32::from(*min) * 10_000;
                    if rules.born.0 == 0 {
                        rules.born = (bit, after, by);
                    } else {
                        rules.more_born.push((bit, after, by));
                    }
                }
                RuleKind::Residence(codes) => {
                    rules.residence |= bit;
                    for code in codes {
                        let span = (bit, region::regions().span(code));
                        if rules.within.0 == 0 {
                            rules.within = span;
                        } else {
                            rules.more_within.push(span);
                        }
                    }
                }
                RuleKind::Exclude(e) => {
                    let implied = match e {
                        // the catalog's `implies` names the exclusion by its keyword
                        Exclusion::CivilServant | Exclusion::Student => Some(e.name()),
                        _ => None,
                    };
                    for (o, occupation) in occupations.iter().enumerate() {
                        let implies = implied.is_some() && occupation.implies.as_deref() == implied;
                        rules.by_occupation[o] |= when(implies, bit);
                    }
                    *match e {
                        Exclusion::CivilServant => &mut rules.civil_servant,
                        Exclusion::Student => &mut rules.student,
                        Exclusion::AlreadyCovered => &mut rules.already_covered,
                        Exclusion::InactiveNik => &mut rules.inactive,
                        Exclusion::Deceased => &mut rules.deceased,
                    } |= bit;
                }
                RuleKind::PovertyDecile { max } => rules.deciles.push((bit, *max)),
            }
        }
        rules
    }

    /// The failed rules of one person, as a bit set.
    #[inline]
    pub fn failures(&self, person: &Person) -> Failures {
        let mut failed = self
            .by_occupation
            .get(usize::from(person.occupation()))
            .copied()
            .unwrap_or(self.unknown_occupation);
        let born = packed(person.birth_date());
        let (bit, after, by) = self.born;
        failed |= when(born <= after || born > by, bit);
        for &(bit, after, by) in &self.more_born {
            failed |= when(born <= after || born > by, bit);
        }
        let (bit, span) = &self.within;
        let mut inside = when(person.domicile().within(span), *bit);
        for (bit, span) in &self.more_within {
            inside |= when(person.domicile().within(span), *bit);
        }
        failed |= self.residence & !inside;
        for &(bit, max) in &self.deciles {
            failed |= when(person.poverty_decile().is_none_or(|d| d > max), bit);
        }
        failed |= when(person.civil_servant() == Some(true), self.civil_servant)
            | when(person.student() == Some(true), self.student)
            | when(person.already_covered() == Some(true), self.already_covered)
            | when(person.nik_status() == NikStatus::Inactive, self.inactive)
            | when(person.nik_status() == NikStatus::Deceased, self.deceased);
        failed
    }

    pub fn program(&self) -> &Program {
        self.program
    }
}

fn passes(rule: &RuleKind, person: &Person, catalog: &Catalog) -> bool {
    let occupation = &catalog.occupations()[usize::from(person.occupation())];
    match rule {
        RuleKind::Occupation(codes) => codes.contains(&occupation.code),
        RuleKind::Age { min, max, at } => {
            let age = age_on(person.birth_date(), *at);
            i32::from(*min) <= age && age <= i32::from(*max)
        }
        RuleKind::Residence(codes) => codes.iter().any(|c| region::within(person.domicile().code(), c)),
        RuleKind::Exclude(e) => !excluded(*e, person, occupation.implies.as_deref()),
        RuleKind::PovertyDecile { max } => person.poverty_decile().is_some_and(|d| d <= *max),
    }
}

fn excluded(exclusion: Exclusion, person: &Person, implied: Option<&str>) -> bool {
    match exclusion {
        Exclusion::CivilServant => person.civil_servant() == Some(true) || implied == Some(exclusion.name()),
        Exclusion::Student => person.student() == Some(true) || implied == Some(exclusion.name()),
        Exclusion::AlreadyCovered => person.already_covered() == Some(true),
        Exclusion::InactiveNik => person.nik_status() == NikStatus::Inactive,
        Exclusion::Deceased => person.nik_status() == NikStatus::Deceased,
    }
}

/// A rule in words: `age 15 .. 64 on 1 October 2022` / `usia 15 sampai 64 tahun pada …`.
pub fn rule_words(kind: &RuleKind) -> Msg {
    match kind {
        RuleKind::Occupation(codes) => msg!("rule-words-occupation", codes = codes.join(", ")),
        RuleKind::Age { min, max, at } => msg!("rule-words-age", min = min, max = max, at => Arg::Date(*at)),
        RuleKind::Residence(codes) => msg!("rule-words-residence", codes = codes.join(", ")),
        RuleKind::Exclude(e) => not_excluded_words(*e),
        RuleKind::PovertyDecile { max } => msg!("rule-words-decile", max = max),
    }
}

/// The reason code of a failed rule (cheap: no text).
pub fn failure_code(rule: &RuleKind, person: &Person) -> Code {
    match rule {
        RuleKind::Occupation(_) => Code::OccupationNotEligible,
        RuleKind::Age { .. } => Code::AgeOutsideWindow,
        RuleKind::Residence(_) => Code::OutsideResidence,
        RuleKind::Exclude(e) => Code::Excluded(*e),
        RuleKind::PovertyDecile { .. } if person.poverty_decile().is_none() => Code::NoPovertyDecile,
        RuleKind::PovertyDecile { .. } => Code::PovertyDecileAboveLimit,
    }
}

/// Everything of `person` that rule `rule`'s check ([`explain_rule`]) reads, as one number:
/// two persons with the same subject under the same rule get the same check, word for word
/// (whether it passed, its code and its message). What renders reasons keys its words by it.
pub fn rule_subject(rule: &RuleKind, person: &Person) -> u64 {
    match rule {
        RuleKind::Occupation(_) => u64::from(person.occupation()),
        // (the packed date's bits: one number per date, whatever its sign)
        RuleKind::Age { .. } => u64::from(packed(person.birth_date()) as u32),
        RuleKind::Residence(_) => u64::from(person.domicile().position()),
        // the flags and the NIK's status, with the occupation, which may imply an exclusion
        RuleKind::Exclude(_) => u64::from(person.occupation()) << 8 | u64::from(person.marks().bits()),
        RuleKind::PovertyDecile { .. } => person.poverty_decile().map_or(0, |d| u64::from(d) + 1),
    }
}

/// The first failed rule's index.
pub fn first_failure(failed: Failures) -> usize {
    failed.trailing_zeros() as usize
}

/// Explains rule `index` for a person: what was checked and how it came out.
pub fn explain_rule(program: &Program, index: usize, person: &Person, presence: &Presence) -> RuleCheck {
    let rule = &program.rules[index];
    let catalog = &program.catalog;
    let occupation = &catalog.occupations()[usize::from(person.occupation())];
    let passed = passes(&rule.kind, person, catalog);
    let detail = match &rule.kind {
        RuleKind::Occupation(codes) => Detail::Occupation {
            code: occupation.code.clone(),
            label: occupation.label.clone(),
            eligible: codes.len(),
        },
        RuleKind::Age { min, max, at } => Detail::Age {
            age: age_on(person.birth_date(), *at),
            at: *at,
            born: person.birth_date(),
            min: *min,
            max: *max,
        },
        RuleKind::Residence(codes) => Detail::Residence {
            domicile: person.domicile().code(),
            name: person.domicile().name(),
            within: codes.join(", "),
        },
        RuleKind::Exclude(e) => {
            let (field, known) = match e {
                Exclusion::CivilServant => (Field::CivilServant, presence.civil_servant),
                Exclusion::Student => (Field::Student, presence.student),
                Exclusion::AlreadyCovered => (Field::AlreadyCovered, presence.already_covered),
                Exclusion::InactiveNik | Exclusion::Deceased => (Field::NikStatus, presence.nik_status),
            };
            let column = field.name();
            Detail::Exclusion { exclusion: *e, column, known }
        }
        RuleKind::PovertyDecile { max } => Detail::Decile { decile: person.poverty_decile(), max: *max },
    };
    RuleCheck { passed, code: failure_code(&rule.kind, person), detail }
}

/// What a rule looked at, to be put in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Detail {
    Occupation { code: String, label: String, eligible: usize },
    Age { age: i32, at: jiff::civil::Date, born: jiff::civil::Date, min: u8, max: u8 },
    Residence { domicile: &'static str, name: &'static str, within: String },
    Exclusion { exclusion: Exclusion, column: &'static str, known: bool },
    Decile { decile: Option<u8>, max: u8 },
}

impl Detail {
    /// The check in words; `passed` says how it came out.
    pub fn message(&self, passed: bool) -> Msg {
        match self {
            Detail::Occupation { code, label, .. } if passed => {
                msg!("check-occupation-eligible", code = code, label = label)
            }
            Detail::Occupation { code, label, eligible } => {
                msg!("check-occupation-not-eligible", code = code, label = label, eligible = eligible)
            }
            Detail::Age { age, at, born, min, max } => msg!(
                "check-age",
                age = age,
                at => Arg::Date(*at),
                born => Arg::Date(*born),
                min = min,
                max = max
            ),
            Detail::Residence { domicile, name, within } if passed => {
                msg!("check-residence-within", domicile = domicile, name = name, within = within)
            }
            Detail::Residence { domicile, name, within } => {
                msg!("check-residence-outside", domicile = domicile, name = name, within = within)
            }
            Detail::Exclusion { exclusion, column, known } => {
                let code = exclusion.name();
                match (passed, known) {
                    (false, _) => msg!("check-excluded", code = code, what => exclusion_words(*exclusion)),
                    (true, true) => {
                        msg!("check-not-excluded", code = code, what => not_excluded_words(*exclusion))
                    }
                    (true, false) => msg!(
                        "check-not-excluded-unknown",
                        code = code,
                        what => not_excluded_words(*exclusion),
                        column = column
                    ),
                }
            }
            Detail::Decile { decile: Some(d), max } => msg!("check-decile", decile = d, max = max),
            Detail::Decile { decile: None, max } => msg!("check-no-decile", max = max),
        }
    }
}

/// The tie-break between equal priorities: stable, and independent of the file's order.
pub fn tiebreak(program_id: &str, nik: Nik) -> u64 {
    let mut h = Sha256::new();
    h.update(program_id.as_bytes());
    h.update(b":");
    h.update(nik.digits());
    let d = h.finalize();
    u64::from_be_bytes([d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]])
}

/// An eligible, accepted person waiting to be placed.
#[derive(Clone, Copy, Debug)]
pub struct Candidate {
    pub row: u32,
    pub priority: i32,
    pub tiebreak: u64,
    /// The plugin's group, if any (its index in the program's groups).
    pub group: Option<u16>,
    /// Where its values for the policy's `rank by` keys are in the table [`RankOrder`] is given
    /// (kept apart: most programs rank by no key). Its occupation and domicile, which only
    /// sub-quotas and reserves read, are its row's ([`allocate`] is told how to find them):
    /// a candidate is 24 bytes.
    pub keys: u32,
}

const _: () = assert!(std::mem::size_of::<Candidate>() <= 24);

/// Where a candidate ends up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// Enrolled and paid by funding source `funding` (index in the program's draw order).
    Enrolled { funding: u32 },
    /// On the waiting list: `rank` 1 is next in line.
    Waiting { rank: u32, reason: WaitReason },
}

/// How many people each funding source can pay for: its own quota, and what its budget
/// pays at the program's premium per worker.
pub fn funding_capacity(program: &Program) -> Vec<u64> {
    let per_worker = program.premium_per_worker.0.max(1);
    program
        .funding
        .iter()
        .map(|f| {
            let affordable = f.budget.0 / per_worker;
            f.quota.map_or(affordable, |q| affordable.min(u64::from(q)))
        })
        .collect()
}

/// How many people the program can enroll at most.
pub fn capacity(program: &Program) -> u64 {
    let money: u64 = funding_capacity(program).iter().sum();
    program.quota.as_ref().map_or(money, |q| money.min(u64::from(q.count)))
}

/// How a waiting line is ordered: the plugin's priority (high first), then the policy's
/// `rank by` keys (`descending` gives each key's direction; a missing value goes last either
/// way), then the draw (the tiebreak, low first), then the row. `keys` holds each candidate's
/// values (at `Candidate::keys`); it may have none when `descending` is empty.
#[derive(Clone, Copy)]
pub struct RankOrder<'a> {
    pub keys: &'a RankKeys,
    pub descending: &'a [bool],
}

impl RankOrder<'_> {
    /// The order before the draw: equal here, the draw decides.
    pub fn by_keys(&self, a: &Candidate, b: &Candidate) -> std::cmp::Ordering {
        b.priority.cmp(&a.priority).then_with(|| {
            self.keys
                .of(a.keys)
                .iter()
                .zip(self.keys.of(b.keys))
                .zip(self.descending)
                .map(|((x, y), down)| RankKeys::compare(*x, *y, *down))
                .find(|o| o.is_ne())
                .unwrap_or(std::cmp::Ordering::Equal)
        })
    }

    /// Whether the order is the plugin's priority and the draw alone (no `rank by` key): then
    /// [`RankOrder::packed`] orders candidates as [`RankOrder::compare`] does.
    pub fn is_plain(&self) -> bool {
        self.descending.is_empty()
    }

    /// A candidate as one number that orders like [`RankOrder::compare`] when the order is
    /// plain: the priority (high first), the draw, the row.
    pub fn packed(c: &Candidate) -> u128 {
        let priority = !((c.priority as u32) ^ 0x8000_0000);
        (u128::from(priority) << 96) | (u128::from(c.tiebreak) << 32) | u128::from(c.row)
    }

    /// The whole order: a total one (the row breaks every tie), so the line is the same on
    /// any number of cores, sorted whole or in runs merged.
    pub fn compare(&self, a: &Candidate, b: &Candidate) -> std::cmp::Ordering {
        self.by_keys(a, b).then(a.tiebreak.cmp(&b.tiebreak)).then(a.row.cmp(&b.row))
    }
}

/// A candidate's value for one `rank by` key, borrowed from where it was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyValue<'a> {
    Num(i64),
    Text(&'a str),
    Missing,
}

impl<'a> KeyValue<'a> {
    /// The ascending order of two values: numbers before text, then text as written, a
    /// missing value after both ([`RankKeys::compare`] keeps it last in either direction).
    fn ascending(&self, other: &KeyValue<'_>) -> std::cmp::Ordering {
        use std::cmp::Ordering;
        match (self, other) {
            (KeyValue::Missing, KeyValue::Missing) => Ordering::Equal,
            (KeyValue::Missing, _) => Ordering::Greater,
            (_, KeyValue::Missing) => Ordering::Less,
            (KeyValue::Num(a), KeyValue::Num(b)) => a.cmp(b),
            (KeyValue::Num(_), KeyValue::Text(_)) => Ordering::Less,
            (KeyValue::Text(_), KeyValue::Num(_)) => Ordering::Greater,
            (KeyValue::Text(a), KeyValue::Text(b)) => a.cmp(b),
        }
    }

    /// A registry cell as a key: a whole number when it reads as one (`12`, `1.200`), else
    /// its text; nothing when blank.
    pub fn of_cell(cell: &'a str) -> KeyValue<'a> {
        let t = cell.trim();
        if t.is_empty() {
            return KeyValue::Missing;
        }
        let digits: std::borrow::Cow<'_, str> =
            if t.contains('.') { t.replace('.', "").into() } else { t.into() };
        match digits.parse::<i64>() {
            Ok(n) if !digits.is_empty() => KeyValue::Num(n),
            _ => KeyValue::Text(t),
        }
    }
}

/// The candidates' `rank by` values, each kept as its place among the distinct values of its
/// key: four bytes a value, whatever its text (a province's candidates are millions; a text
/// per candidate and key cost more than the rest of a candidate).
#[derive(Debug, Default)]
pub struct RankKeys {
    /// Values per candidate.
    per: usize,
    /// Candidate `k`'s places at `k * per ..`; [`RankKeys::MISSING`] where it has no value.
    places: Vec<u32>,
}

impl RankKeys {
    const MISSING: u32 = u32::MAX;

    /// The places of `count` candidates' values for `keys` keys; `value(k, key)` gives
    /// candidate `k`'s value for key `key` (asked once each).
    pub fn build<'a>(count: usize, keys: usize, value: impl Fn(usize, usize) -> KeyValue<'a>) -> RankKeys {
        let mut places = vec![RankKeys::MISSING; count.saturating_mul(keys)];
        for key in 0..keys {
            // each distinct value numbered as first met; then the numbers replaced by the
            // values' places in ascending order
            let mut numbers: rustc_hash::FxHashMap<KeyValue<'a>, u32> = Default::default();
            let mut distinct: Vec<KeyValue<'a>> = Vec::new();
            for k in 0..count {
                let v = value(k, key);
                if v == KeyValue::Missing {
                    continue;
                }
                let number = *numbers.entry(v).or_insert_with(|| {
                    distinct.push(v);
                    // (no more distinct values than candidates, and candidates are rows: u32)
                    u32::try_from(distinct.len() - 1).unwrap_or(RankKeys::MISSING - 1)
                });
                places[k * keys + key] = number;
            }
            drop(numbers);
            let mut ascending: Vec<u32> = (0..distinct.len()).map(|d| d as u32).collect();
            ascending.sort_unstable_by(|a, b| distinct[*a as usize].ascending(&distinct[*b as usize]));
            let mut place_of = vec![0u32; distinct.len()];
            for (place, number) in ascending.into_iter().enumerate() {
                place_of[number as usize] = place as u32;
            }
            for k in 0..count {
                let slot = &mut places[k * keys + key];
                if *slot != RankKeys::MISSING {
                    *slot = place_of[*slot as usize];
                }
            }
        }
        RankKeys { per: keys, places }
    }

    /// Candidate `k`'s places (none when there are no keys).
    fn of(&self, k: u32) -> &[u32] {
        let start = (k as usize).saturating_mul(self.per);
        self.places.get(start..start + self.per).unwrap_or(&[])
    }

    /// Two places under a key's direction; a missing value is always last.
    fn compare(a: u32, b: u32, descending: bool) -> std::cmp::Ordering {
        use std::cmp::Ordering;
        match (a == RankKeys::MISSING, b == RankKeys::MISSING) {
            (true, true) => Ordering::Equal,
            (true, false) => Ordering::Greater,
            (false, true) => Ordering::Less,
            (false, false) if descending => b.cmp(&a),
            (false, false) => a.cmp(&b),
        }
    }
}

/// The day ages are counted on for ranking: the age rule's day, else the period's first.
pub fn ranking_day(program: &Program) -> Option<jiff::civil::Date> {
    program
        .rules
        .iter()
        .find_map(|r| match r.kind {
            RuleKind::Age { at, .. } => Some(at),
            _ => None,
        })
        .or_else(|| program.months.first().map(|m| m.first_day()))
}

/// Places ranked candidates: `place(candidate, placement)` for every candidate, in rank
/// order (nothing is held per candidate, so a province's millions cost no vector of
/// placements). `ranked()` gives the candidates in rank order, the same each time it is
/// called (reserves pass over them before everyone is placed). `group_caps` are the plugin's apportionment, by group index (`None`: the
/// group has no cap; an empty slice: no apportionment). `whose(c)` gives a candidate's
/// occupation (index in the catalog) and domicile, for sub-quotas and reserves.
pub fn allocate<I: Iterator<Item = Candidate>>(
    program: &Program,
    ranked: impl Fn() -> I,
    group_caps: &[Option<u32>],
    whose: impl Fn(&Candidate) -> (u16, region::Region),
    mut place: impl FnMut(&Candidate, Placement),
) {
    let mut left = Left {
        funding: funding_capacity(program),
        total: program.quota.as_ref().map(|q| u64::from(q.count)),
        sub: program.sub_quotas.iter().map(|s| s.count).collect(),
        group: group_caps.to_vec(),
    };
    // (occupation code, domicile code): what a sub-quota's or a reserve's group is told by
    let codes = |c: &Candidate| {
        let (occupation, domicile) = whose(c);
        let occupation =
            program.catalog.occupations().get(usize::from(occupation)).map_or("", |o| o.code.as_str());
        (occupation, domicile.code())
    };
    let applies = |c: &Candidate| -> Vec<usize> {
        if program.sub_quotas.is_empty() {
            return Vec::new();
        }
        let (occupation, domicile) = codes(c);
        program
            .sub_quotas
            .iter()
            .enumerate()
            .filter(|(_, s)| s.target.holds(occupation, domicile))
            .map(|(i, _)| i)
            .collect()
    };
    // who a reserve placed, and with which funding source (a reserve's places are few)
    let mut reserved: std::collections::BTreeMap<usize, u32> = std::collections::BTreeMap::new();
    // first the reserves, each filled by its group in rank order
    let mut reserve_left: Vec<u32> = program.reserves.iter().map(|r| r.count).collect();
    for (r, reserve) in program.reserves.iter().enumerate() {
        for (k, c) in ranked().enumerate() {
            if reserve_left[r] == 0 {
                break;
            }
            let c = &c;
            if reserved.contains_key(&k)
                || !{
                    let (occupation, domicile) = codes(c);
                    reserve.target.holds(occupation, domicile)
                }
            {
                continue;
            }
            let subs = applies(c);
            let open = left.total != Some(0)
                && subs.iter().all(|i| left.sub[*i] > 0)
                && group_cap(&mut left.group, c).is_none_or(|n| *n > 0)
                && left.funding.iter().any(|f| *f > 0);
            if !open {
                continue;
            }
            reserve_left[r] -= 1;
            reserved.insert(k, left.take(c, subs));
        }
    }
    // places a reserve did not fill stay empty unless it releases them
    let held: u64 = program
        .reserves
        .iter()
        .zip(&reserve_left)
        .filter(|(r, _)| !r.release_unused)
        .map(|(_, left)| u64::from(*left))
        .sum();
    if let Some(t) = &mut left.total {
        *t = t.saturating_sub(held);
    }
    // then everyone, in rank order: those a reserve placed as it placed them
    let mut rank = 0u32;
    for (k, c) in ranked().enumerate() {
        let c = &c;
        if let Some(&funding) = reserved.get(&k) {
            place(c, Placement::Enrolled { funding });
            continue;
        }
        let subs = applies(c);
        let reason = if left.total == Some(0) {
            Some(WaitReason::QuotaFull)
        } else if let Some(i) = subs.iter().find(|i| left.sub[**i] == 0) {
            // (the policy checker allows no more sub-quotas than a u16 numbers)
            Some(WaitReason::SubQuotaFull(u16::try_from(*i).unwrap_or(u16::MAX)))
        } else if let Some(g) = c.group.filter(|_| group_cap(&mut left.group, c) == Some(&mut 0)) {
            Some(WaitReason::GroupQuotaFull(g))
        } else if !left.funding.iter().any(|f| *f > 0) {
            Some(WaitReason::FundingExhausted)
        } else {
            None
        };
        let placement = match reason {
            Some(reason) => {
                rank += 1;
                Placement::Waiting { rank, reason }
            }
            None => Placement::Enrolled { funding: left.take(c, subs) },
        };
        place(c, placement);
    }
}

/// The places left while allocating: per funding source, in all, per sub-quota, per group
/// (`None`: no cap).
struct Left {
    funding: Vec<u64>,
    total: Option<u64>,
    sub: Vec<u32>,
    group: Vec<Option<u32>>,
}

impl Left {
    /// Takes a place for `c` (in sub-quotas `subs`) from the first funding source that can
    /// still pay, and returns that source.
    fn take(&mut self, c: &Candidate, subs: Vec<usize>) -> u32 {
        let funding = self.funding.iter().position(|f| *f > 0).unwrap_or(0);
        self.funding[funding] -= 1;
        if let Some(t) = &mut self.total {
            *t -= 1;
        }
        for i in subs {
            self.sub[i] -= 1;
        }
        if let Some(n) = group_cap(&mut self.group, c) {
            *n -= 1;
        }
        funding as u32
    }
}

/// The places left to a candidate's group, if the group has a cap.
fn group_cap<'a>(left: &'a mut [Option<u32>], c: &Candidate) -> Option<&'a mut u32> {
    left.get_mut(usize::from(c.group?)).and_then(Option::as_mut)
}

/// The premium of one month, when it is the same in every month of the program.
pub fn monthly_premium(program: &Program) -> Option<Rupiah> {
    let first = *program.monthly_premiums.first()?;
    program.monthly_premiums.iter().all(|m| *m == first).then_some(first)
}

/// Money one enrollment costs (the premium for every month of the period).
pub fn cost(program: &Program) -> Rupiah {
    program.premium_per_worker
}

#[cfg(test)]
mod tests {
    use super::{KeyValue, RankKeys};
    use std::cmp::Ordering;

    /// What a key's order is, said directly on the values: missing last in either direction.
    fn by_values(a: &KeyValue<'_>, b: &KeyValue<'_>, descending: bool) -> Ordering {
        match (a, b) {
            (KeyValue::Missing, KeyValue::Missing) => Ordering::Equal,
            (KeyValue::Missing, _) => Ordering::Greater,
            (_, KeyValue::Missing) => Ordering::Less,
            _ if descending => b.ascending(a),
            _ => a.ascending(b),
        }
    }

    /// Two keys' places order every pair of candidates exactly as their values do, in both
    /// directions: numbers (as cells write them, `1.200`), text, blanks, repeats.
    #[test]
    fn places_order_candidates_as_their_values_do() {
        let cells = [
            "12",
            "1.200",
            "1200",
            " 7 ",
            "-3",
            "",
            "  ",
            "Desa Maridan",
            "desa maridan",
            "B",
            "A",
            "12",
            "0",
            "+5",
            "1.2.3",
            "x",
            "999999999999999999999",
            "Desa Maridan",
            "-",
            ".",
        ];
        let first: Vec<KeyValue<'_>> = cells.iter().map(|c| KeyValue::of_cell(c)).collect();
        let second: Vec<KeyValue<'_>> = cells.iter().rev().map(|c| KeyValue::of_cell(c)).collect();
        assert_eq!(KeyValue::of_cell("1.200"), KeyValue::Num(1200));
        assert_eq!(KeyValue::of_cell(" 7 "), KeyValue::Num(7));
        assert_eq!(KeyValue::of_cell("  "), KeyValue::Missing);
        assert_eq!(KeyValue::of_cell("1.2.3"), KeyValue::Num(123));
        assert_eq!(KeyValue::of_cell("."), KeyValue::Text("."));
        let keys = RankKeys::build(cells.len(), 2, |k, key| if key == 0 { first[k] } else { second[k] });
        for descending in [[false, false], [true, false], [false, true], [true, true]] {
            for a in 0..cells.len() {
                for b in 0..cells.len() {
                    let want = by_values(&first[a], &first[b], descending[0])
                        .then_with(|| by_values(&second[a], &second[b], descending[1]));
                    let got = keys
                        .of(a as u32)
                        .iter()
                        .zip(keys.of(b as u32))
                        .zip(descending)
                        .map(|((x, y), down)| RankKeys::compare(*x, *y, down))
                        .find(|o| o.is_ne())
                        .unwrap_or(Ordering::Equal);
                    assert_eq!(got, want, "{:?} against {:?}, descending {descending:?}", cells[a], cells[b]);
                }
            }
        }
        // no keys: every candidate alike
        assert!(RankKeys::build(3, 0, |_, _| KeyValue::Missing).of(2).is_empty());
    }
}
