//! `jaring diff` held to the engine: over random edits of a seed policy, a person's
//! eligibility by the rules changes exactly when they lie in a reported slice, and every
//! reported slice has a member the engine treats differently (issue 13).

use jaring::diff::{self, Flag, Space, Status};
use jaring::engine;
use jaring::policy::{Program, Workspace};
use jaring::registry::{NikStatus, Person, PersonFields};
use jaring::synth::{self, SynthFormat};
use proptest::prelude::*;

use super::root;

/// A paser-2022 variant: its age window, residence, occupations, exclusions and decile bound
/// replaced, checked from the repository's policies folder (its catalog and rates).
#[derive(Clone, Debug)]
struct Variant {
    min: u8,
    max: u8,
    at: (i16, i8, i8),
    residence: Vec<&'static str>,
    occupations: Vec<&'static str>,
    exclusions: Vec<&'static str>,
    decile: Option<u8>,
}

const DISTRICTS: [&str; 6] = ["64.01", "64.01.01", "64.01.04", "64.01.04.1001", "64.01.09", "64.02"];
const OCCUPATIONS: [&str; 8] =
    ["nelayan", "petani", "imam", "marbot", "pedagang", "pns", "pelajar-mahasiswa", "sopir"];
const EXCLUSIONS: [&str; 5] = ["civil-servant", "student", "already-covered", "inactive-nik", "deceased"];

fn variant() -> impl Strategy<Value = Variant> {
    (
        (10u8..30, 40u8..70),
        (2020i16..2024, 1i8..=12, prop::sample::select(vec![1i8, 15, 28, 29, 31])),
        prop::sample::subsequence(DISTRICTS.to_vec(), 1..3),
        prop::sample::subsequence(OCCUPATIONS.to_vec(), 1..6),
        prop::sample::subsequence(EXCLUSIONS.to_vec(), 0..5),
        prop::option::of(1u8..=10),
    )
        .prop_map(|((min, max), at, residence, occupations, exclusions, decile)| Variant {
            min,
            max,
            at,
            residence,
            occupations,
            exclusions,
            decile,
        })
}

fn policy_text(v: &Variant) -> String {
    // a day that exists in that month
    let day = (1..=v.at.2).rev().find(|d| jiff::civil::Date::new(v.at.0, v.at.1, *d).is_ok()).unwrap_or(1);
    let mut text = format!(
        "program diff-test {{\n    title \"Uji diff\"\n    region 64\n    regulation perbup \"Peraturan Bupati\"\n    benefits JKK, JKM cite perbup\n    declared-wage Rp1.000.000 cite perbup\n    period 2022-10 .. 2022-12 cite perbup\n    funding apbd {{\n        kind APBD\n        budget Rp50.400.000\n        cite perbup\n    }}\n    quota 1.000 cite perbup\n    occupations {{\n        cite perbup\n        {}\n    }}\n    age {} .. {} at {:04}-{:02}-{:02} cite perbup\n    residence within {} cite perbup\n",
        v.occupations.join("\n        "),
        v.min,
        v.max,
        v.at.0,
        v.at.1,
        day,
        v.residence.join(", "),
    );
    if !v.exclusions.is_empty() {
        text.push_str(&format!("    exclude {} cite perbup\n", v.exclusions.join(", ")));
    }
    if let Some(d) = v.decile {
        text.push_str(&format!("    poverty-decile at-most {d} cite perbup\n"));
    }
    text.push_str("}\n");
    text
}

fn program(v: &Variant) -> Program {
    let mut ws = Workspace::new();
    let text = policy_text(v);
    let program = ws.check_text("diff-test.policy", &root().join("policies"), text.clone());
    let errors: Vec<_> = ws.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.code).collect();
    program.unwrap_or_else(|| panic!("the variant checks: {errors:?}\n{text}"))
}

fn flag(f: Option<bool>) -> Flag {
    match f {
        Some(true) => Flag::Yes,
        Some(false) => Flag::No,
        None => Flag::Unknown,
    }
}

fn in_space(space: &Space, p: &Program, person: &Person) -> bool {
    space.holds(
        &p.catalog.occupations()[usize::from(person.occupation())].code,
        person.birth_date(),
        person.domicile().code(),
        flag(person.civil_servant()),
        flag(person.student()),
        flag(person.already_covered()),
        match person.nik_status() {
            NikStatus::Active => Status::Active,
            NikStatus::Inactive => Status::Inactive,
            NikStatus::Deceased => Status::Deceased,
        },
        person.poverty_decile(),
    )
}

fn eligible(p: &Program, person: &Person) -> bool {
    engine::failures(p, person) == 0
}

/// People of every kind: a synthetic registry of the region and its neighbours, dirty.
fn people(p: &Program) -> Vec<Person> {
    static PEOPLE: std::sync::OnceLock<Vec<Person>> = std::sync::OnceLock::new();
    PEOPLE
        .get_or_init(|| {
            let bytes = synth::registry(p, 4_000, 11, true, SynthFormat::Csv).expect("synthetic registry");
            let registry =
                jaring::registry::read_bytes("synthetic", &bytes, false, &p.catalog).expect("reads");
            registry.rows.all().expect("rows").iter().cloned().filter_map(|r| r.read.ok()).collect()
        })
        .clone()
}

/// A person the slice holds, built from its sets.
fn member(slice: &diff::Slice, p: &Program) -> Option<Person> {
    let s = &slice.people;
    let occupation = s.occupations.iter().next()?;
    let occupation =
        u16::try_from(p.catalog.occupations().iter().position(|o| &o.code == occupation)?).ok()?;
    let (lo, hi) = *s.born.first()?;
    let born = if lo == hi { lo } else { lo.tomorrow().ok().filter(|d| *d <= hi).unwrap_or(lo) };
    let area = s.domicile.first()?;
    let code = if area.code.is_empty() { "64.01" } else { area.code.as_str() };
    let domicile = jaring::region::regions().get(code)?;
    let unflag = |set: &std::collections::BTreeSet<Flag>| match set.iter().next()? {
        Flag::Yes => Some(Some(true)),
        Flag::No => Some(Some(false)),
        Flag::Unknown => Some(None),
    };
    let status = match s.nik_status.iter().next()? {
        Status::Active => NikStatus::Active,
        Status::Inactive => NikStatus::Inactive,
        Status::Deceased => NikStatus::Deceased,
    };
    let nik = jaring::registry::nik::parse("6401041905900001").ok()?;
    Some(Person::new(PersonFields {
        nik,
        birth_date: born,
        domicile,
        occupation,
        poverty_decile: *s.decile.iter().next()?,
        sex: jaring::registry::Sex::Male,
        marks: jaring::registry::Marks::new(
            unflag(&s.already_covered)?,
            unflag(&s.civil_servant)?,
            unflag(&s.student)?,
            status,
        ),
        warnings: jaring::registry::RowWarnings::default(),
        repeats: false,
    }))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn the_difference_is_exactly_who_the_engine_treats_differently(a in variant(), b in variant()) {
        let (old, new) = (program(&a), program(&b));
        let d = diff::diff(&old, &new);
        let mut checked = 0;
        for person in people(&old) {
            let (was, is) = (eligible(&old, &person), eligible(&new, &person));
            let slice = d.slices.iter().find(|s| in_space(&s.people, &old, &person));
            match slice {
                Some(s) => prop_assert!(was != is && s.gains == is, "in a slice but {was} → {is}: {s:?}"),
                None => prop_assert_eq!(was, is, "changed but in no slice"),
            }
            checked += 1;
        }
        prop_assert!(checked > 1_000);
        for s in &d.slices {
            let m = member(s, &old);
            prop_assert!(m.is_some(), "no member could be built for {:?}", s);
            let m = m.expect("checked");
            prop_assert!(in_space(&s.people, &old, &m), "the built member is in its slice");
            prop_assert_eq!(eligible(&old, &m), !s.gains, "old eligibility of a member of {:?}", s);
            prop_assert_eq!(eligible(&new, &m), s.gains, "new eligibility of a member of {:?}", s);
        }
        // the slices are apart: no person in two
        for person in people(&old).iter().take(500) {
            let n = d.slices.iter().filter(|s| in_space(&s.people, &old, person)).count();
            prop_assert!(n <= 1);
        }
    }
}

/// `jaring diff` of two seed-sized policies is fast: measured in BENCHMARKS.md; here only
/// that the command works from the command line and exits 1 on a difference, 0 on none.
#[test]
fn jaring_diff_says_what_changes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let old = root().join("policies/paser-2022.policy");
    let text = std::fs::read_to_string(&old).expect("seed").replace("age 15 .. 64", "age 18 .. 64");
    let new = dir.path().join("paser-2022.policy");
    std::fs::write(&new, text).expect("write");
    let out = super::cli::jaring(&["diff", &old.display().to_string(), &new.display().to_string()], &root());
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("no longer eligible") && said.contains("2004-10-02 … 2007-10-01"), "{said}");
    let same = super::cli::jaring(&["diff", &old.display().to_string(), &old.display().to_string()], &root());
    assert_eq!(same.status.code(), Some(0));
}
