//! A decision's reason as the outputs state it — its code, its text in the run's language
//! and its legal citation — the same for the CSVs and the decision log.

use crate::decision::{self, Rejection};
use crate::engine;
use crate::registry::Person;
use crate::run::Outcome;

/// Reasons already put in words by one writer: most repeat (the same occupation, the same
/// quota, the same birth date), and rendering a message costs more than finding it. (Fx: the
/// keys are the run's own, and these lookups are on every record's path.)
#[derive(Default)]
pub struct Texts {
    /// The words of a failed rule by (program, rule, what the rule read of the person:
    /// [`engine::rule_subject`]): found without building the check's message at all.
    rules: rustc_hash::FxHashMap<(usize, usize, u64), Box<str>>,
    /// The citation of a rule by (program, rule).
    cites: rustc_hash::FxHashMap<(usize, usize), Box<str>>,
    /// Why someone waits, in words, by (program, reason): a program has few reasons.
    waits: rustc_hash::FxHashMap<(usize, decision::WaitReason), Box<str>>,
}

/// Entries one map of a [`Texts`] may hold before it starts again: a registry has only so
/// many birth dates, villages and occupations, so this is reached by hostile registries only.
const MOST_KEPT: usize = 1 << 18;

/// [`Texts`] kept from one block of rows to the next: a block alone (a few thousand rows)
/// meets most birth dates once.
pub type SpareTexts = crate::par::Spare<Texts>;

impl Texts {
    /// Why someone waits for program `program` (`reason`), in the run's language.
    pub fn waiting(&mut self, outcome: &Outcome, program: usize, reason: decision::WaitReason) -> &str {
        // (bounded by the program's reasons: one per sub-quota and group, and two more)
        self.waits.entry((program, reason)).or_insert_with(|| {
            reason
                .message(&outcome.programs[program], &outcome.runs[program].groups)
                .text(outcome.lang)
                .into()
        })
    }

    /// Why row `person` failed rule `rule` of program `program`, in the run's language.
    fn failed_rule(&mut self, outcome: &Outcome, program: usize, rule: usize, person: &Person) -> &str {
        let p = &outcome.programs[program];
        let subject = engine::rule_subject(&p.rules[rule].kind, person);
        if self.rules.len() >= MOST_KEPT {
            self.rules.clear();
        }
        self.rules.entry((program, rule, subject)).or_insert_with(|| {
            engine::explain_rule(p, rule, person, &outcome.presence).message().text(outcome.lang).into()
        })
    }

    /// Rule `rule`'s citation in words (empty: none).
    fn cite(&mut self, outcome: &Outcome, program: usize, rule: usize) -> &str {
        self.cites.entry((program, rule)).or_insert_with(|| {
            outcome.programs[program].rules[rule]
                .cite
                .as_ref()
                .map(|c| c.to_string())
                .unwrap_or_default()
                .into()
        })
    }
}

/// A reason as written: `reason`, `reason_text` and `citation` of the CSVs; `reason`,
/// `message` and `cite` of the log.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stated {
    pub code: String,
    pub text: String,
    pub cite: String,
}

/// Why program `program` rejected row `i`, stated.
pub fn rejection(
    outcome: &Outcome,
    program: usize,
    i: usize,
    rejection: &Rejection,
    texts: &mut Texts,
) -> Stated {
    let p = &outcome.programs[program];
    match rejection {
        Rejection::Rules(failed) => {
            let Ok(person) = &outcome.registry.rows[i].read else { return Stated::default() };
            let mut failing = (0..p.rules.len()).filter(|r| failed & (1 << r) != 0);
            let Some(first) = failing.next() else { return Stated::default() };
            let mut text = texts.failed_rule(outcome, program, first, person).to_owned();
            for r in failing {
                text.push_str("; ");
                text.push_str(texts.failed_rule(outcome, program, r, person));
            }
            let code = engine::failure_code(&p.rules[first].kind, person).code().to_owned();
            let cite = texts.cite(outcome, program, first).to_owned();
            Stated { code, text, cite }
        }
        Rejection::Plugin(n) => {
            let Some(r) = outcome.runs[program].rejection(*n) else { return Stated::default() };
            let cite = r
                .citation
                .as_ref()
                .map(|c| {
                    let title = p
                        .regulations
                        .iter()
                        .find(|r| r.id == c.regulation)
                        .map_or(c.regulation.as_str(), |r| r.title.as_str());
                    match &c.article {
                        Some(a) => format!("{title}, {a}"),
                        None => title.to_owned(),
                    }
                })
                .unwrap_or_default();
            Stated { code: r.reason.clone(), text: r.message.clone(), cite }
        }
        Rejection::CoveredBy { program: other, first, last } => {
            let cite =
                p.yields_to.as_ref().and_then(|(_, c)| c.as_ref()).map(|c| c.to_string()).unwrap_or_default();
            Stated {
                code: decision::Code::CoveredByOtherProgram.code().to_owned(),
                // (few rows: put in words each time)
                text: decision::covered_message(&outcome.programs[usize::from(*other)], *first, *last)
                    .text(outcome.lang),
                cite,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use crate::engine::{self, Presence};
    use crate::policy::Workspace;

    /// Two persons with the same subject under a rule get the same check, for every rule of
    /// every shipped policy over a dirty synthetic registry (what lets the words be found
    /// by the subject instead of being made for each row).
    #[test]
    fn persons_of_one_subject_get_one_check() {
        let mut checked = 0;
        for name in ["paser-2022", "ppu-2025", "kubu-raya-2025", "kaltara-2023-12"] {
            let path = std::path::PathBuf::from(format!("policies/{name}.policy"));
            let program = Workspace::new().check_file(&path).expect("readable").expect("a valid policy");
            let bytes = crate::synth::registry(&program, 4_000, 7, true, crate::synth::SynthFormat::Csv)
                .expect("a registry");
            let registry =
                crate::registry::read_bytes("synth.csv", &bytes, false, &program.catalog).expect("read");
            let rows = registry.rows.read(0..registry.rows.len()).expect("held");
            for presence in [Presence::default(), Presence { poverty_decile: true, ..Presence::default() }] {
                for rule in 0..program.rules.len() {
                    let mut first = HashMap::new();
                    for person in rows.iter().filter_map(|r| r.read.as_ref().ok()) {
                        let subject = engine::rule_subject(&program.rules[rule].kind, person);
                        let check = engine::explain_rule(&program, rule, person, &presence);
                        let seen = first.entry(subject).or_insert_with(|| check.clone());
                        assert_eq!(*seen, check, "{name}, rule {rule}, subject {subject}");
                        checked += 1;
                    }
                    // (the subject tells persons apart: a rule's checks are not all one)
                    assert!(first.len() > 1, "{name}, rule {rule}: one subject for everyone");
                }
            }
        }
        assert!(checked > 50_000);
    }
}
