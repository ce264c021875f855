//! Writing a record's JSON straight from a run's outcome, fast.
//!
//! A million records are written per run, so they are not built as [`Record`] values and
//! serialized: this writer produces, byte for byte, what `serde_json` writes for
//! [`super::record::record`] (same field order, same escaping) — which a test checks on every record
//! of the seed runs — without allocating per field.

use super::record::program_decision;
use crate::decision::{Decision, Rejection, Verdict};
use crate::engine;
use crate::log::Record;
use crate::registry::{NikStatus, Person, Sex};
use crate::run::Outcome;
use crate::run::reasons;

/// Appends `s` as a JSON string, escaped as `serde_json` escapes.
pub fn string(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push(b'"');
    let bytes = s.as_bytes();
    // most values need no escape at all: one pass to find out, one copy
    if !bytes.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\') {
        out.extend_from_slice(bytes);
        out.push(b'"');
        return;
    }
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0..=0x1f => b"",
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        if escape.is_empty() {
            out.extend_from_slice(b"\\u00");
            out.push(HEX[usize::from(b >> 4)]);
            out.push(HEX[usize::from(b & 0xf)]);
        } else {
            out.extend_from_slice(escape);
        }
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

fn key(out: &mut Vec<u8>, first: &mut bool, name: &str) {
    if !*first {
        out.push(b',');
    }
    *first = false;
    out.push(b'"');
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(b"\":");
}

fn number(out: &mut Vec<u8>, n: impl std::fmt::Display) {
    // a `Vec<u8>` takes the digits as they are formatted, without a `String` in between
    let _ = std::io::Write::write_fmt(out, format_args!("{n}"));
}

fn string_list<'a>(out: &mut Vec<u8>, items: impl IntoIterator<Item = &'a str>) {
    out.push(b'[');
    for (k, item) in items.into_iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        string(out, item);
    }
    out.push(b']');
}

/// Appends row `i`'s record body (everything but `prev`) as `serde_json` would write it.
pub fn record(out: &mut Vec<u8>, outcome: &Outcome, i: usize) {
    record_as(out, outcome, i, crate::log::SCHEMA);
}

/// [`record`] as a log of `schema` held it (schema 1 records carry no reason text for
/// waiting places and rule rejections): what `replay` compares an older log with.
pub fn record_as(out: &mut Vec<u8>, outcome: &Outcome, i: usize, schema: u32) {
    let row = &outcome.registry.rows[i];
    let mut first = true;
    out.push(b'{');
    key(out, &mut first, "row");
    number(out, row.number);
    key(out, &mut first, "outcome");
    string(out, outcome.rows[i].word());
    key(out, &mut first, "input");
    string_list(out, outcome.registry.cells.row(i));
    let person = match &row.read {
        Err(invalid) => {
            key(out, &mut first, "invalid");
            out.extend_from_slice(b"{\"field\":");
            string(out, invalid.field);
            out.extend_from_slice(b",\"reason\":");
            string(out, &invalid.reason.text(outcome.lang));
            out.push(b'}');
            out.push(b'}');
            return;
        }
        Ok(p) => p,
    };
    key(out, &mut first, "read");
    read(out, outcome, person);
    if let Some(d) = person.duplicate_of {
        key(out, &mut first, "duplicate_of");
        number(out, d);
    }
    if !person.warnings.is_empty() {
        key(out, &mut first, "warnings");
        string_list(out, person.warnings.iter().map(|w| w.code()));
    }
    let decided = |p: &usize| outcome.runs[*p].decisions[i].is_some();
    if (0..outcome.runs.len()).any(|p| decided(&p)) {
        key(out, &mut first, "programs");
        out.push(b'[');
        for (k, p) in (0..outcome.runs.len()).filter(decided).enumerate() {
            if k > 0 {
                out.push(b',');
            }
            program(out, outcome, p, i, person, schema);
        }
        out.push(b']');
    }
    out.push(b'}');
}

fn read(out: &mut Vec<u8>, outcome: &Outcome, p: &Person) {
    let flag = |b: Option<bool>| match b {
        Some(true) => "ya",
        Some(false) => "tidak",
        None => "",
    };
    let digits = p.nik.digits();
    let occupation = outcome
        .programs
        .first()
        .map_or("", |prog| prog.catalog.occupations()[usize::from(p.occupation)].code.as_str());
    out.extend_from_slice(b"[\"");
    out.extend_from_slice(&digits);
    out.extend_from_slice(b"\",");
    date(out, p.birth_date);
    out.push(b',');
    string(
        out,
        match p.sex {
            Sex::Male => "L",
            Sex::Female => "P",
        },
    );
    out.push(b',');
    string(out, occupation);
    out.push(b',');
    string(out, p.domicile.code());
    out.push(b',');
    match p.poverty_decile {
        Some(d) => {
            out.push(b'"');
            number(out, d);
            out.push(b'"');
        }
        None => out.extend_from_slice(b"\"\""),
    }
    for f in [p.already_covered, p.civil_servant, p.student] {
        out.push(b',');
        string(out, flag(f));
    }
    out.push(b',');
    string(
        out,
        match p.nik_status {
            NikStatus::Active => "aktif",
            NikStatus::Inactive => "tidak aktif",
            NikStatus::Deceased => "meninggal",
        },
    );
    out.push(b']');
}

/// A date as `"YYYY-MM-DD"`, as jiff displays it.
fn date(out: &mut Vec<u8>, d: jiff::civil::Date) {
    let (y, m, day) = (d.year(), d.month(), d.day());
    if (1000..=9999).contains(&y) {
        let digits = [
            b'"',
            b'0' + (y / 1000) as u8,
            b'0' + (y / 100 % 10) as u8,
            b'0' + (y / 10 % 10) as u8,
            b'0' + (y % 10) as u8,
            b'-',
            b'0' + (m / 10) as u8,
            b'0' + (m % 10) as u8,
            b'-',
            b'0' + (day / 10) as u8,
            b'0' + (day % 10) as u8,
            b'"',
        ];
        out.extend_from_slice(&digits);
    } else {
        string(out, &d.to_string());
    }
}

/// One program's decision on a row. Enrolments, waiting places and rule rejections — nearly
/// every record — are written straight from the decision; the rest go through
/// [`program_decision`], which defines the structure (a test holds both to what
/// `serde_json` writes).
fn program(out: &mut Vec<u8>, outcome: &Outcome, pi: usize, i: usize, person: &Person, schema: u32) {
    let program = &outcome.programs[pi];
    let run = &outcome.runs[pi];
    let (word, failed) = match &run.decisions[i] {
        Some(Decision::Enrolled { .. }) => (Verdict::Enrolled.word(), 0),
        Some(Decision::Waiting { .. }) => (Verdict::Waiting.word(), 0),
        Some(Decision::Rejected(Rejection::Rules(f))) => (Verdict::Rejected.word(), *f),
        Some(_) => return program_from_decision(out, outcome, pi, i, person),
        None => return,
    };
    out.extend_from_slice(b"{\"program\":");
    string(out, &program.id);
    out.extend_from_slice(b",\"decision\":\"");
    out.extend_from_slice(word.as_bytes());
    out.extend_from_slice(b"\",\"rules\":\"");
    for r in 0..program.rules.len() {
        out.push(if failed & (1 << r) != 0 { b'0' } else { b'1' });
    }
    out.push(b'"');
    let answer = run.answers[i].as_ref();
    let priority = |out: &mut Vec<u8>, p: i32| {
        // a program without a plugin gives its candidates' priority here
        if answer.is_none() {
            out.extend_from_slice(b",\"priority\":");
            number(out, p);
        }
    };
    match &run.decisions[i] {
        Some(Decision::Enrolled { funding, priority: p }) => {
            out.extend_from_slice(b",\"funding\":");
            string(out, &program.funding[*funding].id);
            out.extend_from_slice(b",\"months\":");
            number(out, program.months.len());
            out.extend_from_slice(b",\"premium\":");
            number(out, engine::cost(program).0);
            priority(out, *p);
        }
        Some(Decision::Waiting { rank, reason, priority: p }) => {
            out.extend_from_slice(b",\"reason\":");
            string(out, reason.code().code());
            if schema >= 2 {
                out.extend_from_slice(b",\"message\":");
                string(out, &reason.message(program).text(outcome.lang));
            }
            out.extend_from_slice(b",\"rank\":");
            number(out, rank);
            priority(out, *p);
        }
        _ => {
            out.extend_from_slice(b",\"reason\":");
            let first = engine::first_failure(failed);
            string(out, engine::failure_code(&program.rules[first].kind, person).code());
            if schema >= 2 {
                let stated = reasons::rejection(outcome, pi, i, &Rejection::Rules(failed));
                out.extend_from_slice(b",\"message\":");
                string(out, &stated.text);
                if !stated.cite.is_empty() {
                    out.extend_from_slice(b",\"cite\":");
                    string(out, &stated.cite);
                }
            }
        }
    }
    if let Some(a) = answer {
        out.extend_from_slice(b",\"plugin\":");
        let group = a.group.map(|g| run.groups[usize::from(g)].as_str());
        plugin(out, "accept", a.priority, group, &a.notes, a.call);
    }
    out.push(b'}');
}

/// The `plugin` object of a program decision.
fn plugin(out: &mut Vec<u8>, verdict: &str, priority: i32, group: Option<&str>, notes: &[String], call: u32) {
    out.extend_from_slice(b"{\"verdict\":");
    string(out, verdict);
    out.extend_from_slice(b",\"priority\":");
    number(out, priority);
    if let Some(g) = group {
        out.extend_from_slice(b",\"group\":");
        string(out, g);
    }
    if !notes.is_empty() {
        out.extend_from_slice(b",\"notes\":");
        string_list(out, notes.iter().map(String::as_str));
    }
    out.extend_from_slice(b",\"call\":");
    number(out, call);
    out.push(b'}');
}

fn program_from_decision(out: &mut Vec<u8>, outcome: &Outcome, pi: usize, i: usize, _person: &Person) {
    let program = &outcome.programs[pi];
    let run = &outcome.runs[pi];
    let Some(decision) = &run.decisions[i] else { return };
    let d = program_decision(outcome, pi, program, run, i, decision);
    let mut first = true;
    out.push(b'{');
    key(out, &mut first, "program");
    string(out, &d.program);
    key(out, &mut first, "decision");
    string(out, &d.decision);
    key(out, &mut first, "rules");
    string(out, &d.rules);
    for (name, value) in
        [("reason", &d.reason), ("message", &d.message), ("cite", &d.cite), ("funding", &d.funding)]
    {
        if let Some(v) = value {
            key(out, &mut first, name);
            string(out, v);
        }
    }
    let numbers = [
        ("months", d.months.map(i128::from)),
        ("premium", d.premium.map(i128::from)),
        ("rank", d.rank.map(i128::from)),
        ("priority", d.priority.map(i128::from)),
    ];
    for (name, value) in numbers {
        if let Some(v) = value {
            key(out, &mut first, name);
            number(out, v);
        }
    }
    if let Some(a) = &d.plugin {
        key(out, &mut first, "plugin");
        plugin(out, &a.verdict, a.priority, a.group.as_deref(), &a.notes, a.call);
    }
    out.push(b'}');
}

/// What `serde_json` writes for a record, for the test that pins this writer to it.
pub fn serde_body(record: &Record) -> String {
    let mut r = record.clone();
    r.prev = String::new();
    serde_json::to_string(&r).unwrap_or_default()
}
