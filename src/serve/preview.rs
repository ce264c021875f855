//! The effect of an edit before it is adopted: the loaded registry (or a run folder's
//! recorded one) decided under the saved program and under the text being edited — the same
//! `run::decide` a run uses, the program alone — and compared: counts, money per funding
//! source against the budget, quota / sub-quota / reserve fill (the `summary.json` of each),
//! the people who gain or lose a place, and `diff`'s population slices between the two
//! texts. NIKs are masked unless asked for.

use std::path::Path;

use serde_json::{Value, json};

use crate::decision::RowOutcome;
use crate::i18n::Lang;
use crate::msg;
use crate::plugin::PluginHost;
use crate::policy::Program;
use crate::registry::{Field, Registry};
use crate::run::{self, Outcome};

/// The most gains and losses listed (all are counted).
const LISTED: usize = 200;

/// The people the previews decide.
pub struct Population {
    /// How it was named (a file or a run folder).
    pub name: String,
    pub registry: Registry,
}

/// Loads a registry file, or the registry a run folder recorded, read with the catalog and
/// regions of `programs` (the folder's policies).
pub fn load(
    registry: Option<&Path>,
    run_dir: Option<&Path>,
    programs: &[Program],
) -> Result<Option<Population>, String> {
    if let Some(path) = registry {
        let read = run::read_registry(path, programs).map_err(|e| e.render(Lang::En))?;
        return Ok(Some(Population { name: path.display().to_string(), registry: read }));
    }
    if let Some(dir) = run_dir {
        let log = dir.join(crate::log::LOG_FILE);
        let (_, header) = crate::log::read_header(&log).map_err(|e| e.message().text(Lang::En))?;
        let recorded = crate::audit::replay::recorded_programs(dir, &header, &Default::default())
            .map_err(|e| e.render(Lang::En))?;
        let read = crate::audit::replay::recorded_registry(&log, &header, &recorded)
            .map_err(|e| e.render(Lang::En))?;
        return Ok(Some(Population { name: dir.display().to_string(), registry: read }));
    }
    Ok(None)
}

/// Why a preview cannot run.
pub fn refusal(program: &Program) -> Option<crate::i18n::Msg> {
    match &program.plugin {
        Some(spec) if spec.sha256.is_none() => Some(msg!("serve-plugin-not-pinned", path = &spec.written)),
        _ => None,
    }
}

/// Decides the population under `program` alone.
pub fn decide(population: &Population, program: &Program, host: &PluginHost) -> Result<Outcome, String> {
    run::decide(vec![program.clone()], population.registry.clone(), host, &()).map_err(|e| e.render(Lang::En))
}

/// A person as the preview lists them.
fn person(outcome: &Outcome, i: usize, reveal: bool) -> Value {
    let nik = outcome.registry.raw(i, Field::Nik).trim();
    json!({
        "row": crate::registry::number(i),
        "nik": if reveal { nik.to_owned() } else { crate::audit::export::mask_nik(nik) },
        "name": outcome.registry.raw(i, Field::Name).trim(),
    })
}

/// What an edit does: `before` (the saved program, when there is one that checks) against
/// `after`.
pub fn effect(
    before: Option<&(Program, Outcome)>,
    after: &(Program, Outcome),
    reveal: bool,
    lang: Lang,
) -> Value {
    let (new_program, new) = after;
    // (a workbench's registry is held: its rows are read in memory, and cannot fail)
    let summary = |o: &Outcome| {
        run::output::summary_json(o).unwrap_or_else(|e| json!({ "error": e.message().text(lang) }))
    };
    let summary_after = summary(new);
    let mut gains = Vec::new();
    let mut losses = Vec::new();
    let (mut gained, mut lost) = (0u64, 0u64);
    let mut slices = Vec::new();
    let summary_before = before.map(|(old_program, old)| {
        for i in 0..new.registry.rows.len().min(old.registry.rows.len()) {
            let (was, is) = (old.row(i), new.row(i));
            if was == is {
                continue;
            }
            if is == RowOutcome::Enrolled {
                gained += 1;
                if gains.len() < LISTED {
                    let mut p = person(new, i, reveal);
                    p["before"] = json!(was.words().text(lang));
                    gains.push(p);
                }
            } else if was == RowOutcome::Enrolled {
                lost += 1;
                if losses.len() < LISTED {
                    let mut p = person(new, i, reveal);
                    p["now"] = json!(is.words().text(lang));
                    p["why"] = json!(why(new, i, lang));
                    losses.push(p);
                }
            }
        }
        let difference = crate::diff::diff(old_program, new_program);
        for slice in difference.slices.iter().take(20) {
            slices.push(crate::diff::words(slice, old_program, new_program).text(lang));
        }
        summary(old)
    });
    json!({
        "after": summary_after,
        "before": summary_before,
        "gained": gained,
        "lost": lost,
        "gains": gains,
        "losses": losses,
        "slices": slices,
    })
}

/// Why row `i` is not enrolled now, in words.
fn why(outcome: &Outcome, i: usize, lang: Lang) -> String {
    let Some(run) = outcome.runs.first() else { return String::new() };
    let Some(program) = outcome.programs.first() else { return String::new() };
    match run.decisions.get(i) {
        Some(crate::decision::Decision::Waiting { reason, .. }) => {
            reason.message(program, &run.groups).text(lang)
        }
        Some(crate::decision::Decision::Rejected(r)) => {
            let mut texts = crate::run::reasons::Texts::default();
            crate::run::reasons::rejection(outcome, 0, i, &r, &mut texts).text
        }
        _ => match &outcome.registry.rows[i].read {
            Err(invalid) => invalid.reason.text(lang),
            Ok(_) => String::new(),
        },
    }
}

/// A case for the policy's tests from row `i` of a preview: the person's fields as read
/// and what the program decided for them, as TOML to append to `x.tests.toml`.
pub fn case_toml(outcome: &Outcome, i: usize, name: &str) -> Option<String> {
    let row = outcome.registry.rows.get(i)?;
    let person = row.read.as_ref().ok()?;
    let program = outcome.programs.first()?;
    let occupation = &program.catalog.occupations()[usize::from(person.occupation())].code;
    let mut fields = vec![
        (Field::Occupation.name(), occupation.clone()),
        (Field::BirthDate.name(), person.birth_date().to_string()),
        (
            Field::Sex.name(),
            match person.sex() {
                crate::registry::Sex::Male => "L",
                crate::registry::Sex::Female => "P",
            }
            .to_owned(),
        ),
        (Field::Domicile.name(), person.domicile().code().to_owned()),
    ];
    let flag = |b: bool| if b { "ya" } else { "tidak" }.to_owned();
    if let Some(d) = person.poverty_decile() {
        fields.push((Field::PovertyDecile.name(), d.to_string()));
    }
    if let Some(b) = person.already_covered() {
        fields.push((Field::AlreadyCovered.name(), flag(b)));
    }
    if let Some(b) = person.civil_servant() {
        fields.push((Field::CivilServant.name(), flag(b)));
    }
    if let Some(b) = person.student() {
        fields.push((Field::Student.name(), flag(b)));
    }
    let person_toml: Vec<String> =
        fields.iter().map(|(k, v)| format!("{k} = {}", toml::Value::String(v.clone()))).collect();
    let decision = outcome.runs.first()?.decisions.get(i)?;
    let (expect, reason) = match decision {
        crate::decision::Decision::Enrolled { .. } | crate::decision::Decision::Waiting { .. } => {
            ("eligible", None)
        }
        crate::decision::Decision::Rejected(r) => {
            let mut texts = crate::run::reasons::Texts::default();
            let stated = crate::run::reasons::rejection(outcome, 0, i, &r, &mut texts);
            ("rejected", Some(stated.code))
        }
    };
    let mut text = format!(
        "\n[[case]]\nname = {}\nperson = {{ {} }}\nexpect = \"{expect}\"\n",
        toml::Value::String(name.to_owned()),
        person_toml.join(", ")
    );
    if let Some(code) = reason {
        text.push_str(&format!("reason = {}\n", toml::Value::String(code.to_string())));
    }
    Some(text)
}
