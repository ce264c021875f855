//! `jaring plugin fixture POLICY [--registry FILE --row N…]`: Rust source a plugin's unit
//! tests include, building the SDK's `Program` exactly as the host sends it for the real
//! policy (regulations, funding, quotas, sub-quotas, parameters) and `Applicant`s from
//! registry rows exactly as a run shows them to the plugin (ids are the rows). Generated
//! rather than parsed at test time, so the SDK needs nothing more and the fixture reads as
//! plain Rust.

use std::fmt::Write as _;

use super::contract::{Applicant, ParamValue, Program, Sex};

/// A Rust string literal.
fn lit(text: &str) -> String {
    format!("{text:?}.to_owned()")
}

fn opt<T>(value: &Option<T>, show: impl Fn(&T) -> String) -> String {
    value.as_ref().map_or_else(|| "None".to_owned(), |v| format!("Some({})", show(v)))
}

fn list(items: &[String]) -> String {
    format!("vec![{}]", items.iter().map(|i| lit(i)).collect::<Vec<_>>().join(", "))
}

/// The source of `pub fn program() -> Program`.
pub fn program(p: &Program) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "/// The program `{}` as the host sends it to the plugin.", p.id.replace('\n', " "));
    let _ = writeln!(s, "pub fn program() -> Program {{\n    Program {{");
    let _ = writeln!(
        s,
        "        id: {},\n        title: {},\n        region: {},",
        lit(&p.id),
        lit(&p.title),
        lit(&p.region)
    );
    let months: Vec<String> =
        p.months.iter().map(|m| format!("Month {{ year: {}, month: {} }}", m.year, m.month)).collect();
    let _ = writeln!(s, "        months: vec![{}],", months.join(", "));
    let _ = writeln!(s, "        premium_per_worker: {},", p.premium_per_worker);
    let _ = writeln!(s, "        occupations: {},", list(&p.occupations));
    let regulations: Vec<String> = p
        .regulations
        .iter()
        .map(|r| format!("Regulation {{ id: {}, title: {} }}", lit(&r.id), lit(&r.title)))
        .collect();
    let _ = writeln!(s, "        regulations: vec![{}],", regulations.join(", "));
    let funding: Vec<String> = p
        .funding
        .iter()
        .map(|f| {
            format!(
                "FundingSource {{ id: {}, kind: {}, budget: {}, quota: {} }}",
                lit(&f.id),
                lit(&f.kind),
                f.budget,
                opt(&f.quota, u32::to_string)
            )
        })
        .collect();
    let _ = writeln!(s, "        funding: vec![{}],", funding.join(", "));
    let _ = writeln!(s, "        quota: {},", opt(&p.quota, u32::to_string));
    let subs: Vec<String> = p
        .sub_quotas
        .iter()
        .map(|q| {
            format!(
                "SubQuota {{ count: {}, occupations: {}, regions: {} }}",
                q.count,
                list(&q.occupations),
                list(&q.regions)
            )
        })
        .collect();
    let _ = writeln!(s, "        sub_quotas: vec![{}],", subs.join(", "));
    let params: Vec<String> = p
        .params
        .iter()
        .map(|param| {
            let value = match &param.value {
                ParamValue::Text(t) => format!("ParamValue::Text({})", lit(t)),
                ParamValue::Integer(i) => format!("ParamValue::Integer({i})"),
                ParamValue::Money(m) => format!("ParamValue::Money({m})"),
                ParamValue::Word(w) => format!("ParamValue::Word({})", lit(w)),
            };
            format!("Param {{ name: {}, value: {value} }}", lit(&param.name))
        })
        .collect();
    let _ = writeln!(s, "        params: vec![{}],", params.join(", "));
    let _ = writeln!(s, "    }}\n}}");
    s
}

/// The source of `pub fn row_<n>() -> Applicant<'static>` for one applicant (its id is its
/// row): texts as string literals, as the SDK's `Applicant` borrows them.
pub fn applicant(a: &Applicant) -> String {
    let text = |t: &str| format!("{t:?}");
    let attributes: Vec<String> =
        a.attributes.iter().map(|at| format!("({}, {})", text(&at.name), text(&at.value))).collect();
    format!(
        "/// Registry row {id}, as a run shows it to the plugin.\npub fn row_{id}() -> Applicant<'static> {{\n    Applicant {{\n        id: {id},\n        birth_date: Date {{ year: {y}, month: {m}, day: {d} }},\n        sex: Sex::{sex},\n        occupation: {occupation},\n        domicile: {domicile},\n        poverty_decile: {decile},\n        decree_number: {decree},\n        proposer: {proposer},\n        attributes: Attributes::listed(&[{attributes}]),\n    }}\n}}\n",
        id = a.id,
        y = a.birth_date.year,
        m = a.birth_date.month,
        d = a.birth_date.day,
        sex = match a.sex {
            Sex::Male => "Male",
            Sex::Female => "Female",
        },
        occupation = text(&a.occupation),
        domicile = text(&a.domicile),
        decile = opt(&a.poverty_decile, u8::to_string),
        decree = opt(&a.decree_number, |t| text(t)),
        proposer = opt(&a.proposer, |t| text(t)),
        attributes = attributes.join(", "),
    )
}

/// A whole fixture file.
pub fn file(source: &str, program: &Program, applicants: &[Applicant]) -> String {
    let mut s = format!(
        "// Generated by `jaring plugin fixture` from {source}; make it again rather than edit it.\n// In a test module: `#[path = \"fixture.rs\"] mod fixture;`, then `fixture::program()`.\n#![allow(dead_code)]\n\nuse jaring_plugin::*;\n\n"
    );
    s.push_str(&self::program(program));
    for a in applicants {
        s.push('\n');
        s.push_str(&applicant(a));
    }
    s
}
