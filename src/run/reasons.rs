//! A decision's reason as the outputs state it — its code, its text in the run's language
//! and its legal citation — the same for the CSVs and the decision log.

use crate::decision::{self, Rejection};
use crate::engine::{self, RuleCheck};
use crate::run::Outcome;

/// A reason as written: `reason`, `reason_text` and `citation` of the CSVs; `reason`,
/// `message` and `cite` of the log.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stated {
    pub code: String,
    pub text: String,
    pub cite: String,
}

/// Why program `program` rejected row `i`, stated.
pub fn rejection(outcome: &Outcome, program: usize, i: usize, rejection: &Rejection) -> Stated {
    let p = &outcome.programs[program];
    let lang = outcome.lang;
    match rejection {
        Rejection::Rules(failed) => {
            let Ok(person) = &outcome.registry.rows[i].read else { return Stated::default() };
            let checks: Vec<(usize, RuleCheck)> = (0..p.rules.len())
                .filter(|r| failed & (1 << r) != 0)
                .map(|r| (r, engine::explain_rule(p, r, person, &outcome.presence)))
                .collect();
            let code = checks.first().map_or("", |(_, c)| c.code.code()).to_owned();
            let text = checks.iter().map(|(_, c)| c.message().text(lang)).collect::<Vec<_>>().join("; ");
            let cite = checks
                .first()
                .and_then(|(r, _)| p.rules[*r].cite.as_ref())
                .map(|c| c.to_string())
                .unwrap_or_default();
            Stated { code, text, cite }
        }
        Rejection::Plugin(r) => {
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
                text: decision::covered_message(&outcome.programs[*other], *first, *last).text(lang),
                cite,
            }
        }
    }
}
