//! A decision's reason as the outputs state it — its code, its text in the run's language
//! and its legal citation — the same for the CSVs and the decision log.

use crate::decision::{self, Rejection};
use crate::engine::{self, RuleCheck};
use crate::i18n::Msg;
use crate::run::Outcome;

/// Messages already put in words by one writer: most reasons repeat (the same occupation,
/// the same quota, the same village), and rendering a message costs more than finding it.
#[derive(Default)]
pub struct Texts {
    /// (Fx: the keys are the run's own messages, and this lookup is on every record's path.)
    rendered: rustc_hash::FxHashMap<Msg, String>,
}

impl Texts {
    /// `message` in the run's language.
    pub fn text(&mut self, outcome: &Outcome, message: Msg) -> &str {
        self.rendered.entry(message).or_insert_with_key(|m| m.text(outcome.lang))
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
            let checks: Vec<(usize, RuleCheck)> = (0..p.rules.len())
                .filter(|r| failed & (1 << r) != 0)
                .map(|r| (r, engine::explain_rule(p, r, person, &outcome.presence)))
                .collect();
            let code = checks.first().map_or("", |(_, c)| c.code.code()).to_owned();
            let mut text = String::new();
            for (k, (_, check)) in checks.iter().enumerate() {
                if k > 0 {
                    text.push_str("; ");
                }
                text.push_str(texts.text(outcome, check.message()));
            }
            let cite = checks
                .first()
                .and_then(|(r, _)| p.rules[*r].cite.as_ref())
                .map(|c| c.to_string())
                .unwrap_or_default();
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
                text: texts
                    .text(
                        outcome,
                        decision::covered_message(&outcome.programs[usize::from(*other)], *first, *last),
                    )
                    .to_owned(),
                cite,
            }
        }
    }
}
