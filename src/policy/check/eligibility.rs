//! Who may be enrolled: the eligible occupations, the age window, residence, exclusions and
//! the poverty decile.

use std::collections::BTreeMap;

use super::{Checker, code_list};
use crate::calendar::Month;
use crate::catalog::Catalog;
use crate::diag::{Span, closest};
use crate::i18n::Msg;
use crate::msg;
use crate::policy::ast::Body;
use crate::policy::program::{Citation, Exclusion, Rule, RuleKind};
use crate::region::{self, regions};

impl Checker<'_> {
    pub(super) fn occupations(&mut self, catalog: &Catalog) -> Option<(Vec<String>, Option<Citation>)> {
        let found = self.statements(|b| match b {
            Body::Occupations { codes, cites } => Some((codes, cites)),
            _ => None,
        });
        let (s, (codes, cites)) = {
            let s = self.single("occupations", found);
            self.require("occupations", s)?
        };
        let cite = match cites.as_slice() {
            [] => {
                self.uncited(s, msg!("rule-occupations"));
                None
            }
            [c, rest @ ..] => {
                for extra in rest {
                    self.error("duplicate-statement", extra.span, msg!("occupations-cite-twice"))
                        .help(msg!("occupations-cite-twice.help"));
                }
                self.cite(Some(c))
            }
        };
        if codes.is_empty() {
            self.error("empty-occupations", s.keyword, msg!("empty-occupations"))
                .help(msg!("empty-occupations.help"));
            return None;
        }
        let mut valid: Vec<String> = Vec::new();
        let mut first_span: BTreeMap<String, Span> = BTreeMap::new();
        let mut ok = true;
        let mut i = 0;
        while i < codes.len() {
            let code = &codes[i];
            let resolved = match catalog.get(&code.value) {
                Some(o) => Some(o.code.clone()),
                None => {
                    // `guru ngaji` written as two words (on one line, or split over two by `fmt`)
                    let next = codes.get(i + 1).filter(|n| catalog.get(&n.value).is_none());
                    let joined = next.and_then(|n| {
                        let joined = format!("{}-{}", code.value, n.value);
                        catalog.resolve(&joined).map(|o| (o.code.clone(), n.span, n.value.clone()))
                    });
                    if let Some((found, next_span, next_word)) = joined {
                        ok = false;
                        let span = code.span.to(next_span);
                        let written = format!("{} {next_word}", code.value);
                        self.error(
                            "unknown-occupation",
                            span,
                            msg!("occupation-with-space", written = written),
                        )
                        .label(msg!("occupation-with-space.label"))
                        .help(msg!("did-you-mean", word = found));
                        i += 2;
                        continue;
                    }
                    match catalog.resolve(&code.value) {
                        Some(o) => {
                            let c = o.code.clone();
                            self.warning(
                                "occupation-synonym",
                                code.span,
                                msg!("occupation-synonym", written = &code.value, code = &c),
                            )
                            .label(msg!("occupation-synonym.label", code = &c))
                            .help(msg!("occupation-synonym.help", code = &c));
                            Some(c)
                        }
                        None => {
                            ok = false;
                            let help = match closest(
                                &code.value,
                                catalog.occupations().iter().map(|o| o.code.as_str()),
                            ) {
                                Some(c) => msg!("did-you-mean", word = c),
                                None => msg!("unknown-occupation.help"),
                            };
                            self.error(
                                "unknown-occupation",
                                code.span,
                                msg!("unknown-occupation", code = &code.value),
                            )
                            .label(msg!("unknown-occupation.label"))
                            .help(help);
                            None
                        }
                    }
                }
            };
            if let Some(c) = resolved {
                match first_span.get(&c) {
                    Some(first) => {
                        let first = *first;
                        self.error("duplicate-name", code.span, msg!("listed-twice", name = &c))
                            .secondary(first, msg!("first-listed-here"))
                            .help(msg!("duplicate-occupation.help"));
                    }
                    None => {
                        first_span.insert(c.clone(), code.span);
                        valid.push(c);
                    }
                }
            }
            i += 1;
        }
        ok.then_some((valid, cite))
    }

    pub(super) fn age(
        &mut self,
        first_day: Option<jiff::civil::Date>,
        months: Option<&Vec<Month>>,
    ) -> Option<Rule> {
        let found = self.statements(|b| match b {
            Body::Age { min, max, at } => Some((min, max, at)),
            _ => None,
        });
        let Some((s, (min, max, at))) = self.single("age", found) else {
            if !self.written("age") {
                let header = self.decl.header;
                self.warning("no-age-rule", header, msg!("no-age-rule")).help(msg!("no-age-rule.help"));
            }
            return None;
        };
        let cite = self.cite(s.cite.as_ref());
        self.uncited(s, msg!("rule-age"));
        let mut ok = true;
        for bound in [min, max] {
            if !(0..=120).contains(&bound.value) {
                ok = false;
                self.error("implausible-age", bound.span, msg!("implausible-age", age = bound.value))
                    .help(msg!("implausible-age.help"));
            }
        }
        if ok && min.value > max.value {
            self.error(
                "reversed-age",
                min.span.to(max.span),
                msg!("reversed-age", min = min.value, max = max.value),
            )
            .label(msg!("reversed-age.label"))
            .help(msg!("reversed-age.help", min = max.value, max = min.value));
            return None;
        }
        let at_date = match at {
            Some(d) => d.value,
            None => first_day?,
        };
        if let (Some(d), Some(months)) = (at, months)
            && let (Some(first), Some(last)) = (months.first(), months.last())
        {
            let start = first.first_day();
            let end = last.succ().first_day();
            if d.value >= end || d.value < start.saturating_sub(jiff::Span::new().years(1)) {
                self.warning(
                    "age-date-outside-period",
                    d.span,
                    msg!("age-date-outside-period", date = d.value, first = first, last = last),
                )
                .help(msg!("age-date-outside-period.help"));
            }
        }
        if !ok {
            return None;
        }
        Some(Rule {
            kind: RuleKind::Age {
                min: u8::try_from(min.value).ok()?,
                max: u8::try_from(max.value).ok()?,
                at: at_date,
            },
            cite,
        })
    }

    pub(super) fn residence(&mut self, program_region: Option<&str>) -> Option<Rule> {
        let found = self.statements(|b| match b {
            Body::Residence(codes) => Some(codes),
            _ => None,
        });
        let Some((s, codes)) = self.single("residence", found) else {
            if !self.written("residence") {
                let header = self.decl.header;
                let example = program_region.unwrap_or("64.01");
                self.warning("no-residence-rule", header, msg!("no-residence-rule"))
                    .help(msg!("no-residence-rule.help", region = example));
            }
            return None;
        };
        let cite = self.cite(s.cite.as_ref());
        self.uncited(s, msg!("rule-residence"));
        let mut valid = Vec::new();
        for code in codes {
            let Some(c) = self.region_code(code) else { continue };
            if let Some(program) = program_region
                && !region::within(&c, program)
            {
                self.error(
                    "region-outside-program",
                    code.span,
                    msg!(
                        "region-outside-program",
                        code = &c,
                        name = regions().name(&c).unwrap_or(""),
                        program = program
                    ),
                )
                .label(msg!("region-outside-program.label"))
                .help(msg!("region-outside-program.help", program = program));
                continue;
            }
            valid.push(c);
        }
        (valid.len() == codes.len()).then_some(Rule { kind: RuleKind::Residence(valid), cite })
    }

    pub(super) fn exclusions(&mut self) -> Vec<Rule> {
        let found = self.statements(|b| match b {
            Body::Exclude(names) => Some(names),
            _ => None,
        });
        let mut rules: Vec<Rule> = Vec::new();
        for (s, names) in found {
            let cite = self.cite(s.cite.as_ref());
            self.uncited(s, msg!("rule-exclusion"));
            for name in names {
                match Exclusion::parse(&name.value) {
                    Some(e) if rules.iter().any(|r| r.kind == RuleKind::Exclude(e)) => {
                        self.error("duplicate-name", name.span, msg!("excluded-twice", name = &name.value))
                            .help(msg!("excluded-twice.help"));
                    }
                    Some(e) => rules.push(Rule { kind: RuleKind::Exclude(e), cite: cite.clone() }),
                    None => {
                        let names: Vec<&str> = Exclusion::ALL.iter().map(|(n, _)| *n).collect();
                        let help = match closest(&name.value, names.iter().copied()) {
                            Some(c) => msg!("did-you-mean", word = c),
                            None => {
                                msg!("unknown-exclusion.help", exclusions => code_list(names.iter().copied()))
                            }
                        };
                        self.error(
                            "unknown-exclusion",
                            name.span,
                            msg!("unknown-exclusion", name = &name.value),
                        )
                        .label(msg!("unknown-exclusion.label"))
                        .help(help);
                    }
                }
            }
        }
        rules
    }

    pub(super) fn poverty(&mut self) -> Option<Rule> {
        let found = self.statements(|b| match b {
            Body::Poverty(n) => Some(n),
            _ => None,
        });
        let (s, n) = self.single("poverty-decile", found)?;
        let cite = self.cite(s.cite.as_ref());
        self.uncited(s, msg!("rule-poverty"));
        match u8::try_from(n.value) {
            Ok(max @ 1..=10) => Some(Rule { kind: RuleKind::PovertyDecile { max }, cite }),
            _ => {
                self.error("decile-out-of-range", n.span, msg!("decile-out-of-range", decile = n.value))
                    .label(msg!("decile-out-of-range.label"))
                    .help(msg!("decile-out-of-range.help"));
                None
            }
        }
    }
}

/// The regions inside a program's region, for a help line.
pub(super) fn children_help(program: &str) -> Msg {
    let children: Vec<String> =
        regions().children(program).take(12).map(|(c, n)| format!("{c} {n}")).collect();
    if children.is_empty() {
        msg!("children.help-none")
    } else {
        msg!("children.help", program = program, children = children.join(", "))
    }
}
