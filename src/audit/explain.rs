//! `jaring explain`: one decision in plain words — each rule with its legal citation, the
//! plugin's answer, the rank and the cut-off, the funding source and the money — in English
//! or Bahasa Indonesia.

use std::fmt::Write as _;
use std::path::Path;

use super::replay::{Changes, ReplayError, recorded_programs};
use crate::decision::{self, Code, RowOutcome, Verdict};
use crate::engine::{self, Presence};
use crate::i18n::{Arg, Lang, Msg};
use crate::log::{self, Header, LogError, Record};
use crate::money::{Rupiah, grouped};
use crate::msg;
use crate::policy::Program;
use crate::region::regions;
use crate::registry::{self, Field, Format, Invalid, RowWarning};

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

/// What is done with every block of a log's record lines.
type EveryBlock<'a> = dyn FnMut(&[&str]) + 'a;

/// The record lines `query` may name, copied out of the log as it is read (a province's log
/// is gigabytes, and was held whole — each line a string: 670 MB for a million rows — to
/// explain one of them), each block also handed to `every` when given. A row is found by its
/// place, the reading stopped there unless `every` needs the rest; a NIK by every line that
/// holds it.
fn named_lines(
    path: &Path,
    query: &Query,
    block_bytes: usize,
    mut every: Option<&mut EveryBlock<'_>>,
) -> Result<Vec<String>, ReplayError> {
    /// Why the reading stopped before the end.
    enum Stop {
        Found,
        Failed(std::io::Error),
    }
    impl From<std::io::Error> for Stop {
        fn from(e: std::io::Error) -> Stop {
            Stop::Failed(e)
        }
    }
    let row = match query {
        Query::Row(row) => match (*row as usize).checked_sub(1) {
            Some(k) => Some(k),
            None if every.is_none() => return Ok(Vec::new()),
            None => None,
        },
        Query::Nik(_) => None,
    };
    let mut lines = Vec::new();
    let read = log::view::blocks(path, block_bytes, |done, block| {
        if let Some(every) = every.as_mut() {
            every(block);
        }
        match query {
            Query::Row(_) => {
                if let Some(line) = row.and_then(|k| k.checked_sub(done)).and_then(|k| block.get(k)) {
                    lines.push((*line).to_owned());
                    if every.is_none() {
                        return Err(Stop::Found);
                    }
                }
            }
            Query::Nik(nik) => {
                lines.extend(block.iter().filter(|l| l.contains(nik.as_str())).map(|l| (*l).to_owned()));
            }
        }
        Ok(())
    });
    match read {
        Ok(_) | Err(Stop::Found) => Ok(lines),
        Err(Stop::Failed(e)) => Err(LogError::Io(path.display().to_string(), e).into()),
    }
}

/// Finds the records a query names among `lines` ([`named_lines`]).
fn find<'a>(header: &Header, lines: &'a [String], query: &Query) -> Result<Vec<Record<'a>>, ReplayError> {
    let nik_col = log::column_of(header, Field::Nik);
    let shared = log::compact::Shared::of(header);
    let mut found = Vec::new();
    for line in lines {
        let record: Record = shared
            .parse(line)
            .map_err(|e| ReplayError::Other(crate::msg!("explain-unreadable-record", error = e)))?;
        let matches = match query {
            Query::Row(row) => record.row == *row,
            Query::Nik(nik) => {
                record.read_of(Field::Nik).is_some_and(|n| n == nik)
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

/// Explains the decisions for `query` in a run folder, in `lang`. `detail` adds what only
/// an auditor needs: reason codes, the fuel of the plugin call, the tie-break value.
pub fn explain(dir: &Path, query: &Query, lang: Lang, detail: bool) -> Result<String, ReplayError> {
    let path = dir.join(log::LOG_FILE);
    let (_, header) = log::read_header(&path)?;
    // how full the sub-quotas and reserves got, counted from the log itself in the same
    // reading (a record that cannot be read is left out of the count)
    let grouped = header.programs.iter().any(|p| !p.sub_quotas.is_empty() || !p.reserves.is_empty());
    let mut tally = grouped.then(|| log::summary::Tally::for_header(&header));
    let shared = log::compact::Shared::of(&header);
    let mut count = |block: &[&str]| {
        if let Some(tally) = tally.as_mut() {
            for r in block.iter().filter_map(|line| shared.parse(line).ok()) {
                tally.add_view(&header, &r);
            }
        }
    };
    let every: Option<&mut EveryBlock<'_>> = if grouped { Some(&mut count) } else { None };
    let lines = named_lines(&path, query, 8 << 20, every)?;
    let fill = tally.map(|t| t.json(&header, None));
    let records = find(&header, &lines, query)?;
    let programs = recorded_programs(dir, &header, &Changes::default())?;
    let mut out = Out { text: String::new(), lang };
    for record in &records {
        explain_record(&header, &programs, record, detail, fill.as_ref(), &mut out)?;
    }
    Ok(out.text)
}

/// The explanation being written, in its language.
struct Out {
    text: String,
    lang: Lang,
}

impl Out {
    /// Writes `message` on a line of its own, indented by `indent` spaces.
    fn line(&mut self, indent: usize, message: Msg) {
        let _ = writeln!(self.text, "{:indent$}{}", "", message.text(self.lang));
    }

    fn blank(&mut self) {
        self.text.push('\n');
    }
}

/// Text from the run folder as a message argument.
fn shown(text: &str) -> Arg {
    Arg::Text(e(text).into_owned())
}

fn explain_record(
    header: &Header,
    programs: &[Program],
    record: &Record,
    detail: bool,
    fill: Option<&serde_json::Value>,
    out: &mut Out,
) -> Result<(), ReplayError> {
    let cell = |f: Field| {
        log::column_of(header, f)
            .and_then(|c| record.input.get(c))
            .map(|s| s.trim().to_owned())
            .unwrap_or_default()
    };
    let nik = record.read_of(Field::Nik).map_or_else(|| cell(Field::Nik), ToString::to_string);
    out.line(0, msg!("explain-row", row = record.row, nik => shown(&nik), name => shown(&cell(Field::Name))));
    let outcome = RowOutcome::parse(&record.outcome).unwrap_or(RowOutcome::Invalid);
    out.line(0, msg!("explain-outcome", outcome => outcome.words()));
    if let Some(invalid) = &record.invalid {
        out.line(
            2,
            msg!("explain-invalid", field => shown(&invalid.field), reason => shown(&invalid.reason)),
        );
        return Ok(());
    }
    if let Some(first) = record.duplicate_of {
        out.line(2, decision::duplicate_message(first));
        return Ok(());
    }
    for w in &record.warnings {
        let words = match RowWarning::parse(w) {
            Some(known) => Arg::Msg(Box::new(known.words())),
            None => shown(w),
        };
        out.line(2, msg!("explain-note", note => words));
    }
    // the person, read again from the row as written
    let catalog = programs
        .first()
        .map(|p| p.catalog.clone())
        .ok_or_else(|| ReplayError::Other(crate::msg!("run-no-program")))?;
    let one = registry::from_rows(
        header.registry.columns.clone(),
        &[record.input.iter().map(ToString::to_string).collect::<Vec<String>>()],
        Vec::<(usize, Invalid)>::new(),
        Format::Csv { delimiter: b',' },
        String::new(),
        &catalog,
        &crate::run::within(programs),
    )
    .map_err(|e| ReplayError::Other(e.message()))?;
    let person = one
        .rows
        .get(0)
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
        out.blank();
        out.line(
            0,
            msg!(
                "explain-program",
                id = &program.id,
                title => shown(&program.title),
                region = &program.region_name,
                first => program.months.first().map_or(Arg::Text(String::new()), |m| Arg::Month(*m)),
                last => program.months.last().map_or(Arg::Text(String::new()), |m| Arg::Month(*m))
            ),
        );
        out.line(2, msg!("explain-rules"));
        for (k, rule) in program.rules.iter().enumerate() {
            let check = engine::explain_rule(program, k, person, &presence);
            let mark = if check.passed { "✓" } else { "✗" };
            let cite = match &rule.cite {
                Some(c) => shown(&c.to_string()),
                None => msg!("explain-no-citation").into(),
            };
            out.line(4, msg!("explain-rule", mark = mark, check => check.message(), cite => cite));
        }
        if let Some(p) = &d.plugin {
            let plugin = info.and_then(|i| i.plugin.as_ref());
            let group = match &p.group {
                Some(g) => {
                    let region = regions().name(g).map(|n| format!(" ({n})")).unwrap_or_default();
                    msg!("explain-plugin-group", group => shown(g), region = region).into()
                }
                None => Arg::Text(String::new()),
            };
            let fuel = match plugin.and_then(|pl| pl.calls.get(p.call as usize)) {
                Some(call) if detail => msg!("explain-plugin-fuel", fuel = grouped(call.fuel)).into(),
                _ => Arg::Text(String::new()),
            };
            let verdict = if p.verdict.as_str() == "accept" {
                msg!("explain-plugin-accepted")
            } else {
                msg!("explain-plugin-rejected")
            };
            out.line(
                2,
                msg!(
                    "explain-plugin",
                    name => shown(plugin.map_or("", |pl| pl.name.as_str())),
                    version => shown(plugin.map_or("", |pl| pl.version.as_str())),
                    verdict => verdict,
                    priority = grouped(p.priority.unsigned_abs().into()),
                    group => group,
                    fuel => fuel
                ),
            );
            for n in &p.notes {
                out.line(4, msg!("explain-note", note => shown(n)));
            }
        }
        // the sub-quotas and reserves this person falls in, and how full they got
        if let (Some(info), Some(fill)) = (info, fill) {
            let occupation = record.read_of(Field::Occupation).unwrap_or("");
            let domicile = record.read_of(Field::Domicile).unwrap_or("");
            let at = header.programs.iter().position(|p| p.id == info.id).unwrap_or(0);
            let counted = &fill["programs"][at];
            let n = |v: &serde_json::Value| grouped(v.as_u64().unwrap_or(0));
            for (k, g) in info.sub_quotas.iter().enumerate().filter(|(_, g)| g.holds(occupation, domicile)) {
                let c = &counted["sub_quotas"][k];
                out.line(
                    2,
                    msg!(
                        "explain-sub-quota",
                        group = g.words(),
                        enrolled = n(&c["enrolled"]),
                        count = n(&c["count"]),
                        waiting = n(&c["waiting"])
                    ),
                );
            }
            for (k, g) in info.reserves.iter().enumerate().filter(|(_, g)| g.holds(occupation, domicile)) {
                let c = &counted["reserves"][k];
                out.line(
                    2,
                    msg!(
                        "explain-reserve",
                        group = g.words(),
                        filled = n(&c["filled"]),
                        count = n(&c["count"]),
                        waiting = n(&c["waiting"])
                    ),
                );
            }
        }
        let verdict = Verdict::parse(&d.decision).unwrap_or(Verdict::Rejected);
        let code = d.reason.as_deref().unwrap_or("");
        let reason = match Code::parse(code) {
            Some(c) if detail => msg!("why-with-code", words => c.words(), code = code).into(),
            Some(c) => Arg::Msg(Box::new(c.words())),
            // a plugin's own reason: its message says it; the code is for auditors
            None => {
                let message = shown(d.message.as_deref().unwrap_or(code));
                if detail {
                    msg!("explain-plugin-reason", message => message, code => shown(code)).into()
                } else {
                    message
                }
            }
        };
        match verdict {
            Verdict::Enrolled => {
                let funding = program.funding.iter().find(|f| d.funding.as_deref() == Some(f.id.as_str()));
                let monthly = program.monthly_premiums.first().copied().unwrap_or(Rupiah::ZERO);
                out.line(
                    2,
                    msg!(
                        "explain-enrolled",
                        funding => shown(d.funding.as_deref().unwrap_or("")),
                        kind = funding.map_or("", |f| f.kind.name()),
                        monthly = monthly,
                        months = d.months.unwrap_or(0),
                        total = Rupiah(d.premium.unwrap_or(0))
                    ),
                );
                if let Some(c) = funding.and_then(|f| f.cite.as_ref()) {
                    out.line(4, msg!("explain-funding-cite", cite => shown(&c.to_string())));
                }
            }
            Verdict::Waiting => {
                out.line(
                    2,
                    msg!(
                        "explain-waiting",
                        rank = grouped(d.rank.unwrap_or(0).into()),
                        reason => reason,
                        capacity = grouped(engine::capacity(program))
                    ),
                );
                if let Some(q) = &program.quota {
                    let cite = q.cite.as_ref().map_or(Arg::Text(String::new()), |c| shown(&c.to_string()));
                    out.line(4, msg!("explain-quota", quota = grouped(q.count.into()), cite => cite));
                }
                // the cut-off: the waiting line is served in rank order, so `rank` more places
                // (and their premiums) reach this person — what a replay with a larger quota
                // shows (tested: raising Paser's quota enrolls exactly the next in line)
                let overall = matches!(
                    d.reason.as_deref().and_then(Code::parse),
                    Some(Code::QuotaFull | Code::FundingExhausted)
                );
                if overall && let Some(rank) = d.rank {
                    let money = Rupiah(program.premium_per_worker.0.saturating_mul(u64::from(rank)));
                    out.line(4, msg!("explain-cut-off", places = grouped(rank.into()), money = money));
                }
            }
            Verdict::Rejected => {
                let by_rules = if d.rules.contains('0') {
                    msg!("explain-by-rules").into()
                } else {
                    Arg::Text(String::new())
                };
                // the recorded text adds what the words do not (which program pays instead),
                // when it is in the language asked for
                let recorded = match (Code::parse(code), &d.message) {
                    (Some(Code::CoveredByOtherProgram), Some(m)) if header.lang == out.lang => {
                        msg!("explain-recorded-text", text => shown(m)).into()
                    }
                    _ => Arg::Text(String::new()),
                };
                let cite = match &d.cite {
                    Some(c) => msg!("explain-cite", cite => shown(c)).into(),
                    None => Arg::Text(String::new()),
                };
                out.line(2, msg!("explain-rejected", reason => reason, rules => by_rules, text => recorded, cite => cite));
                for m in counterfactual(program, record, d, out.lang) {
                    out.line(4, m);
                }
            }
        }
        if matches!(verdict, Verdict::Enrolled | Verdict::Waiting) {
            let priority = grouped(
                d.priority.or(d.plugin.as_ref().map(|p| p.priority)).unwrap_or(0).unsigned_abs().into(),
            );
            // the policy's own keys, with this person's values
            let keys: Vec<Arg> = program
                .ranking
                .iter()
                .flat_map(|r| r.keys.iter())
                .map(|k| {
                    use crate::policy::program::RankBy;
                    let value = match &k.by {
                        RankBy::PovertyDecile => person.poverty_decile().map(|d| d.to_string()),
                        RankBy::Age => engine::ranking_day(program)
                            .map(|d| crate::registry::values::age_on(person.birth_date(), d).to_string()),
                        RankBy::Column(name) => {
                            let wanted = registry::normalise_header(name);
                            header
                                .registry
                                .columns
                                .iter()
                                .position(|h| registry::normalise_header(h) == wanted)
                                .and_then(|c| record.input.get(c))
                                .map(|v| e(v.trim()).into_owned())
                                .filter(|v| !v.is_empty())
                        }
                    };
                    let value = value.map_or_else(|| msg!("explain-key-missing").into(), Arg::Text);
                    msg!("explain-key", key = k.name(), value => value).into()
                })
                .collect();
            let keys = if keys.is_empty() {
                Arg::Text(String::new())
            } else {
                msg!("explain-keys", keys => Arg::Joined(keys)).into()
            };
            if detail {
                let tiebreak = crate::digest::hex(&engine::tiebreak(&program.id, person.nik()).to_be_bytes());
                out.line(
                    2,
                    msg!("explain-ranking-detail", priority = priority, keys => keys, tiebreak = tiebreak),
                );
            } else {
                out.line(2, msg!("explain-ranking", priority = priority, keys => keys));
            }
        }
    }
    out.blank();
    Ok(())
}

/// For a person turned away by one rule alone: whether they would have been eligible had
/// that rule been met — decided again, as a one-row case through the program's rules and its
/// plugin, not assumed. The rule is met with the least change to the record: an exclusion
/// lifted, the first occupation the rule lists, a birth date that gives the youngest (or
/// oldest) age allowed, a village inside the first region the rule lists, the highest decile
/// allowed. For an age, the day the person reaches the minimum is said too.
fn counterfactual(program: &Program, record: &Record, d: &log::ProgramDecision, lang: Lang) -> Vec<Msg> {
    counterfactual_of(program, record, d, lang).unwrap_or_default()
}

fn counterfactual_of(
    program: &Program,
    record: &Record,
    d: &log::ProgramDecision,
    lang: Lang,
) -> Option<Vec<Msg>> {
    use crate::policy::program::{Exclusion, RuleKind};
    let failed: Vec<usize> =
        d.rules.as_str().chars().enumerate().filter(|(_, c)| *c == '0').map(|(i, _)| i).collect();
    let [only] = failed.as_slice() else { return None };
    let rule = program.rules.get(*only)?;
    let read = record.read_values()?;
    let mut person: Vec<(String, String)> = log::READ_AS
        .iter()
        .zip(read)
        .filter(|(_, v)| !v.as_str().is_empty())
        .map(|(f, v)| (f.name().to_owned(), v.as_str().to_owned()))
        .collect();
    let value_of = |field: Field| {
        person.iter().find(|(f, _)| f == field.name()).map(|(_, v)| v.clone()).unwrap_or_default()
    };
    // the field changed, its new value, the exclusion lifted (if that is the rule) and what
    // else there is to say
    let (field, value, exclusion, extra): (Field, String, Option<&str>, Option<Msg>) = match &rule.kind {
        RuleKind::Exclude(exclusion) => {
            let (field, value) = match exclusion {
                Exclusion::CivilServant => (Field::CivilServant, "tidak"),
                Exclusion::Student => (Field::Student, "tidak"),
                Exclusion::AlreadyCovered => (Field::AlreadyCovered, "tidak"),
                Exclusion::InactiveNik | Exclusion::Deceased => (Field::NikStatus, "aktif"),
            };
            (field, value.to_owned(), Some(exclusion.name()), None)
        }
        RuleKind::Occupation(codes) => {
            let code = codes.first()?;
            (Field::Occupation, code.clone(), None, None)
        }
        RuleKind::Age { min, max, at } => {
            let birth = crate::calendar::parse_date(&value_of(Field::BirthDate)).ok()?;
            let age = crate::registry::values::age_on(birth, *at);
            let (years, extra) = if age < i32::from(*min) {
                let reaches = birth.checked_add(jiff::Span::new().years(i64::from(*min))).ok()?;
                (*min, Some(msg!("explain-age-reached", age = *min, date => Arg::Date(reaches))))
            } else {
                (*max, None)
            };
            let born = at.checked_sub(jiff::Span::new().years(i64::from(years))).ok()?;
            (Field::BirthDate, born.to_string(), None, extra)
        }
        RuleKind::Residence(codes) => {
            let village = |code: &str| crate::region::level(code) == Some(crate::region::Level::Village);
            let inside: String = codes.iter().find_map(|c| {
                if village(c) {
                    return Some(c.clone());
                }
                let c = c.clone();
                crate::region::regions()
                    .descendants(&c)
                    .map(|(code, _)| code)
                    .find(|code| village(code))
                    .map(str::to_owned)
            })?;
            (Field::Domicile, inside, None, None)
        }
        RuleKind::PovertyDecile { max } => (Field::PovertyDecile, max.to_string(), None, None),
    };
    person.retain(|(f, _)| f != field.name());
    person.push((field.name().to_owned(), value.clone()));
    let case = crate::cases::Case { name: String::new(), person, expect: crate::cases::Expect::Eligible };
    let host = crate::plugin::PluginHost::new().ok()?;
    let (checked, _) = crate::cases::decide_cases(program.clone(), &[case], &host, lang).ok()?;
    let eligible = checked.first()?.got == crate::cases::Got::Eligible;
    let said = match (exclusion, eligible) {
        (Some(e), true) => msg!("explain-would-be-eligible", exclusion = e),
        (Some(e), false) => msg!("explain-would-still-be-refused", exclusion = e),
        (None, true) => msg!(
            "explain-would-be-eligible-if",
            rule => engine::rule_words(&rule.kind),
            field = field.name(),
            value = value
        ),
        (None, false) => msg!(
            "explain-would-still-be-refused-if",
            rule => engine::rule_words(&rule.kind),
            field = field.name(),
            value = value
        ),
    };
    Some(std::iter::once(said).chain(extra).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A row is found in whichever block holds it, a NIK in every block, whatever the block
    /// size; the trailer is never a record; a row past the end is no line.
    #[test]
    fn the_lines_named_are_found_across_blocks() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("decisions.jsonl");
        let mut text = String::from("{\"kind\":\"header\"}\n");
        for row in 1..=40 {
            let nik = if row % 7 == 0 { "6409010101900007" } else { "6409010101900001" };
            text.push_str(&format!("{{\"row\":{row},\"input\":[\"{nik}\",\"{}\"]}}\n", "x".repeat(row)));
        }
        text.push_str("{\"kind\":\"trailer\",\"records\":40}\n");
        std::fs::write(&path, &text).expect("log");
        for bytes in [1, 7, 50, 333, 1 << 20] {
            for row in [1u32, 2, 17, 39, 40] {
                let lines = named_lines(&path, &Query::Row(row), bytes, None).expect("read");
                assert_eq!(lines.len(), 1, "row {row}, blocks of {bytes}");
                assert!(lines[0].starts_with(&format!("{{\"row\":{row},")), "row {row}, blocks of {bytes}");
            }
            for row in [0u32, 41, 1000] {
                assert!(named_lines(&path, &Query::Row(row), bytes, None).expect("read").is_empty());
            }
            let sevens =
                named_lines(&path, &Query::Nik("6409010101900007".into()), bytes, None).expect("read");
            assert_eq!(sevens.len(), 5, "blocks of {bytes}");
            // with every block wanted too, a row found early does not stop the reading
            for row in [0u32, 2] {
                let mut seen = 0;
                let mut every = |block: &[&str]| seen += block.len();
                let lines = named_lines(&path, &Query::Row(row), bytes, Some(&mut every)).expect("read");
                assert_eq!((lines.len(), seen), (usize::from(row > 0), 40), "row {row}, blocks of {bytes}");
            }
        }
    }
}
