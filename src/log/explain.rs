//! `jaring explain`: one decision in plain words — each rule with its legal citation, the
//! plugin's answer, the rank and the cut-off, the funding source and the money — in English
//! or Bahasa Indonesia.

use std::fmt::Write as _;
use std::path::Path;

use super::replay::{Changes, ReplayError, recorded_programs};
use super::{LogFile, Record};
use crate::engine::{self, Lang, Presence};
use crate::money::{Rupiah, grouped};
use crate::policy::Program;
use crate::region::regions;
use crate::registry::{self, Field, Format, Invalid};

/// Text from the run folder (a cell, a plugin's message, a title) as it may be printed: a
/// run folder is handed over and may hold anything, so nothing in it reaches the terminal
/// unescaped.
fn e(text: &str) -> std::borrow::Cow<'_, str> {
    crate::text::escape(text)
}

/// Which decision to explain.
#[derive(Clone, Debug)]
pub enum Query {
    Nik(String),
    Row(u32),
}

fn t(lang: Lang, en: &'static str, id: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Id => id,
    }
}

/// A reason code in words, for the codes jaring itself gives (a plugin's own codes are
/// shown as they are, with its message).
fn reason_words(code: &str, lang: Lang) -> Option<&'static str> {
    Some(match code {
        "occupation-not-eligible" => {
            t(lang, "the occupation is not eligible", "pekerjaan tidak termasuk yang berhak")
        }
        "age-outside-window" => t(lang, "the age is outside the window", "umur di luar batas"),
        "outside-residence" => t(lang, "the domicile is outside the region", "domisili di luar wilayah"),
        "civil-servant" | "student" | "already-covered" | "inactive-nik" | "deceased" => {
            t(lang, "excluded by the policy", "dikecualikan oleh kebijakan")
        }
        "poverty-decile-above-limit" => {
            t(lang, "the poverty decile is above the limit", "desil kemiskinan di atas batas")
        }
        "no-poverty-decile" => t(lang, "no poverty decile is known", "desil kemiskinan tidak diketahui"),
        "quota-full" => t(lang, "the quota is full", "kuota sudah penuh"),
        "sub-quota-full" => t(lang, "a sub-quota is full", "sub-kuota sudah penuh"),
        "group-quota-full" => t(lang, "the group's share is full", "jatah kelompok sudah penuh"),
        "funding-exhausted" => t(lang, "the funding is used up", "dana sudah habis"),
        "covered-by-other-program" => t(lang, "another program already pays", "sudah dibiayai program lain"),
        _ => return None,
    })
}

/// `the quota is full (quota-full)`, or the code alone when it has no words.
fn reason(code: &str, lang: Lang) -> String {
    match reason_words(code, lang) {
        Some(words) => format!("{words} ({code})"),
        None => e(code).into_owned(),
    }
}

/// Finds the records a query names.
fn find(log: &LogFile, query: &Query) -> Result<Vec<Record>, ReplayError> {
    let candidates: Vec<&String> = match query {
        Query::Row(row) => log.lines.get(*row as usize - 1).into_iter().collect(),
        Query::Nik(nik) => log.lines.iter().filter(|l| l.contains(nik.as_str())).collect(),
    };
    let nik_col = super::column_of(&log.header, Field::Nik);
    let mut found = Vec::new();
    for line in candidates {
        let record: Record = serde_json::from_str(line)
            .map_err(|e| ReplayError::Other(crate::msg!("explain-unreadable-record", error = e)))?;
        let matches = match query {
            Query::Row(row) => record.row == *row,
            Query::Nik(nik) => {
                record.read.as_ref().and_then(|r| r.first()).is_some_and(|n| n == nik)
                    || nik_col.and_then(|c| record.input.get(c)).is_some_and(|n| n.trim() == nik)
            }
        };
        if matches {
            found.push(record);
        }
    }
    if found.is_empty() {
        return Err(ReplayError::Other(match query {
            Query::Row(row) => crate::msg!("explain-no-row", row = row),
            Query::Nik(nik) => crate::msg!("explain-no-nik", nik = crate::text::shown(nik, 40)),
        }));
    }
    Ok(found)
}

/// Explains the decisions for `query` in a run folder.
pub fn explain(dir: &Path, query: &Query, lang: Lang) -> Result<String, ReplayError> {
    let log = super::read(dir)?;
    let records = find(&log, query)?;
    let programs = recorded_programs(dir, &log.header, &Changes::default())?;
    let mut out = String::new();
    for record in &records {
        explain_record(&log, &programs, record, lang, &mut out)?;
    }
    Ok(out)
}

fn explain_record(
    log: &LogFile,
    programs: &[Program],
    record: &Record,
    lang: Lang,
    out: &mut String,
) -> Result<(), ReplayError> {
    let header = &log.header;
    let cell = |f: Field| {
        super::column_of(header, f)
            .and_then(|c| record.input.get(c))
            .map(|s| s.trim().to_owned())
            .unwrap_or_default()
    };
    let _ = writeln!(
        out,
        "{} {} — NIK {}, {}",
        t(lang, "Row", "Baris"),
        record.row,
        e(&record.read.as_ref().and_then(|r| r.first().cloned()).unwrap_or_else(|| cell(Field::Nik))),
        e(&cell(Field::Name))
    );
    let outcome = match (record.outcome.as_str(), lang) {
        ("enrolled", Lang::Id) => "didaftarkan",
        ("waiting", Lang::Id) => "daftar tunggu",
        ("rejected", Lang::Id) => "ditolak",
        ("invalid", Lang::Id) => "data tidak sah",
        (o, _) => match o {
            "enrolled" => "enrolled",
            "waiting" => "on the waiting list",
            "rejected" => "rejected",
            _ => "invalid data",
        },
    };
    let _ = writeln!(out, "{}: {outcome}", t(lang, "Outcome", "Hasil"));
    if let Some(invalid) = &record.invalid {
        let _ = writeln!(
            out,
            "  {} `{}`: {}",
            t(lang, "the row could not be read; field", "baris tidak dapat dibaca; kolom"),
            e(&invalid.field),
            e(&invalid.reason)
        );
        return Ok(());
    }
    if let Some(first) = record.duplicate_of {
        let _ = writeln!(
            out,
            "  {} {first}{}",
            t(lang, "the same NIK is on row", "NIK yang sama ada di baris"),
            t(lang, ", which is the one decided", ", dan baris itulah yang diputuskan")
        );
        return Ok(());
    }
    for w in &record.warnings {
        let _ = writeln!(out, "  {}: {}", t(lang, "note", "catatan"), e(w));
    }
    // the person, read again from the row as written
    let catalog = programs
        .first()
        .map(|p| p.catalog.clone())
        .ok_or_else(|| ReplayError::Other(crate::msg!("run-no-program")))?;
    let one = registry::from_rows(
        header.registry.columns.clone(),
        std::slice::from_ref(&record.input),
        Vec::<(usize, Invalid)>::new(),
        Format::Csv { delimiter: b',' },
        String::new(),
        &catalog,
    )
    .map_err(|e| ReplayError::Other(e.message()))?;
    let person = one
        .rows
        .first()
        .and_then(|r| r.read.as_ref().ok())
        .ok_or_else(|| ReplayError::Other(crate::msg!("explain-row-unreadable")))?;
    let presence = Presence {
        poverty_decile: one.columns.has(Field::PovertyDecile),
        already_covered: one.columns.has(Field::AlreadyCovered),
        civil_servant: one.columns.has(Field::CivilServant),
        student: one.columns.has(Field::Student),
        nik_status: one.columns.has(Field::NikStatus),
    };
    for d in &record.programs {
        let Some(program) = programs.iter().find(|p| p.id == d.program) else { continue };
        let info = header.programs.iter().find(|p| p.id == d.program);
        let _ = writeln!(
            out,
            "\n{} {} — {} ({}), {} .. {}",
            t(lang, "Program", "Program"),
            program.id,
            e(&program.title),
            program.region_name,
            program.months.first().map(ToString::to_string).unwrap_or_default(),
            program.months.last().map(ToString::to_string).unwrap_or_default()
        );
        let _ = writeln!(out, "  {}:", t(lang, "Rules", "Aturan"));
        for (k, rule) in program.rules.iter().enumerate() {
            let check = engine::explain_rule(program, k, person, &presence);
            let mark = if check.passed { "✓" } else { "✗" };
            let cite = rule.cite.as_ref().map_or_else(
                || t(lang, "(no citation)", "(tanpa dasar hukum)").to_owned(),
                |c| e(&c.to_string()).into_owned(),
            );
            let _ = writeln!(out, "    {mark} {} — {cite}", check.detail.render(check.passed, lang));
        }
        if let Some(p) = &d.plugin {
            let plugin = info.and_then(|i| i.plugin.as_ref());
            let fuel = plugin.and_then(|pl| pl.calls.get(p.call as usize)).map(|c| c.fuel);
            let _ = write!(
                out,
                "  {} {} {}: {}, {} {}",
                t(lang, "Plugin", "Plugin"),
                e(plugin.map_or("", |pl| pl.name.as_str())),
                e(plugin.map_or("", |pl| pl.version.as_str())),
                if p.verdict == "accept" {
                    t(lang, "accepted", "diterima")
                } else {
                    t(lang, "rejected", "ditolak")
                },
                t(lang, "priority", "prioritas"),
                grouped(p.priority.unsigned_abs().into())
            );
            if let Some(g) = &p.group {
                let _ = write!(
                    out,
                    ", {} {}{}",
                    t(lang, "group", "kelompok"),
                    e(g),
                    regions().name(g).map(|n| format!(" ({n})")).unwrap_or_default()
                );
            }
            if let Some(f) = fuel {
                let _ = write!(out, "; {} {}", t(lang, "fuel of its batch", "fuel batch-nya"), grouped(f));
            }
            let _ = writeln!(out);
            for n in &p.notes {
                let _ = writeln!(out, "    {}: {}", t(lang, "note", "catatan"), e(n));
            }
        }
        match d.decision.as_str() {
            "enrolled" => {
                let funding = program.funding.iter().find(|f| Some(&f.id) == d.funding.as_ref());
                let monthly = program.monthly_premiums.first().copied().unwrap_or(Rupiah::ZERO);
                let _ = writeln!(
                    out,
                    "  {} {} ({}) — {} × {} {} = {}",
                    t(lang, "Enrolled, paid by", "Didaftarkan, dibayar dari"),
                    e(d.funding.as_deref().unwrap_or("")),
                    funding.map_or("", |f| f.kind.name()),
                    monthly,
                    d.months.unwrap_or(0),
                    t(lang, "months", "bulan"),
                    Rupiah(d.premium.unwrap_or(0))
                );
                if let Some(c) = funding.and_then(|f| f.cite.as_ref()) {
                    let _ = writeln!(out, "    {} — {}", t(lang, "funding", "pendanaan"), e(&c.to_string()));
                }
            }
            "waiting" => {
                let capacity = engine::capacity(program);
                let _ = writeln!(
                    out,
                    "  {} {}: {}; {} {}",
                    t(lang, "On the waiting list at rank", "Dalam daftar tunggu di urutan"),
                    grouped(d.rank.unwrap_or(0).into()),
                    reason(d.reason.as_deref().unwrap_or(""), lang),
                    t(lang, "the program pays for at most", "program membiayai paling banyak"),
                    grouped(capacity)
                );
                if let Some(q) = &program.quota {
                    let cite = q.cite.as_ref().map(|c| e(&c.to_string()).into_owned()).unwrap_or_default();
                    let _ = writeln!(
                        out,
                        "    {} {} — {cite}",
                        t(lang, "quota", "kuota"),
                        grouped(q.count.into())
                    );
                }
            }
            _ => {
                let _ = write!(
                    out,
                    "  {}: {}",
                    t(lang, "Rejected", "Ditolak"),
                    reason(d.reason.as_deref().unwrap_or(""), lang)
                );
                if d.rules.contains('0') {
                    let _ = write!(
                        out,
                        " — {}",
                        t(lang, "by the rules marked ✗ above", "karena aturan bertanda ✗ di atas")
                    );
                }
                if let Some(m) = &d.message {
                    let _ = write!(out, " — {}", e(m));
                }
                if let Some(c) = &d.cite {
                    let _ = write!(out, " ({})", e(c));
                }
                let _ = writeln!(out);
            }
        }
        if matches!(d.decision.as_str(), "enrolled" | "waiting") {
            let priority = d.priority.or(d.plugin.as_ref().map(|p| p.priority)).unwrap_or(0);
            let tiebreak = crate::digest::hex(&engine::tiebreak(&program.id, person.nik).to_be_bytes());
            let _ = writeln!(
                out,
                "  {}: {} {}, {} {tiebreak}",
                t(lang, "Ranking", "Peringkat"),
                t(lang, "priority", "prioritas"),
                grouped(priority.unsigned_abs().into()),
                t(lang, "tie-break sha256(program:NIK)", "penentu seri sha256(program:NIK)")
            );
        }
    }
    let _ = writeln!(out);
    Ok(())
}
