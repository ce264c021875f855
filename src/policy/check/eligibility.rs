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

/// The occupations near `code` (see [`Catalog::neighbours`]) with the spellings registries
/// use for them, or `None` when it has none.
fn neighbour_spellings(catalog: &Catalog, code: &str) -> Option<crate::i18n::Arg> {
    spellings_of(&catalog.neighbours(code))
}

/// The code whose spelling is nearest to `written`, when one is near.
fn nearest_spelling<'c>(catalog: &'c Catalog, written: &str) -> Option<&'c str> {
    let written = crate::catalog::normalise(written);
    let written = written.as_str();
    catalog
        .occupations()
        .iter()
        .flat_map(|o| {
            crate::catalog::spellings(o).into_iter().map(move |s| (strsim::jaro_winkler(written, &s), o))
        })
        .filter(|(score, _)| *score >= 0.9)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.code.cmp(&a.1.code)))
        .map(|(_, o)| o.code.as_str())
}

/// `` `pedagang-keliling` (pedagang asongan, pedagang kaki lima, pkl…) ``, for each.
fn spellings_of(occupations: &[&crate::catalog::Occupation]) -> Option<crate::i18n::Arg> {
    use crate::i18n::Arg;
    if occupations.is_empty() {
        return None;
    }
    Some(Arg::AllOf(
        occupations
            .iter()
            .map(|o| {
                let mut spelled: Vec<&str> = o.synonyms.iter().map(String::as_str).take(5).collect();
                if o.synonyms.len() > 5 {
                    spelled.push("…");
                }
                Arg::Text(format!("`{}` ({})", o.code, spelled.join(", ")))
            })
            .collect(),
    ))
}

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
        // codes whose neighbours a warning already named
        let mut told: Vec<String> = Vec::new();
        let mut ok = true;
        let lines: Vec<usize> =
            codes.iter().map(|c| self.ws.sources.line_col(self.file, c.span.start).0).collect();
        let mut i = 0;
        while i < codes.len() {
            let code = &codes[i];
            // an occupation written in words (`guru ngaji`, `pedagang kaki lima`): the words
            // after this one on its line that are no code, or a run of words no code at all
            // (`fmt` may have put them on lines of their own)
            let unknown = |c: &crate::policy::ast::Spanned<String>| catalog.get(&c.value).is_none();
            let run = codes[i + 1..]
                .iter()
                .enumerate()
                .take_while(|(k, c)| unknown(c) && (lines[i + 1 + k] == lines[i] || unknown(code)))
                .take(4)
                .count();
            if run > 0 {
                // the longest part of the run that a registry spelling names, else all of it
                let named = (1..=run).rev().find_map(|k| {
                    let words: Vec<&str> = codes[i..=i + k].iter().map(|c| c.value.as_str()).collect();
                    catalog.resolve(&words.join(" ")).map(|o| (k, o.code.clone()))
                });
                let same_line = (1..=run).all(|k| lines[i + k] == lines[i]);
                if named.is_some() || same_line {
                    let k = named.as_ref().map_or(run, |(k, _)| *k);
                    let written: Vec<&str> = codes[i..=i + k].iter().map(|c| c.value.as_str()).collect();
                    let written = written.join(" ");
                    let help = match &named {
                        Some((_, found)) => msg!("did-you-mean", word = found),
                        None => match nearest_spelling(catalog, &written) {
                            Some(c) => msg!("did-you-mean", word = c),
                            None => msg!("unknown-occupation.help"),
                        },
                    };
                    ok = false;
                    self.error(
                        "unknown-occupation",
                        code.span.to(codes[i + k].span),
                        msg!("occupation-with-space", written = written),
                    )
                    .label(msg!("occupation-with-space.label"))
                    .help(help);
                    i += k + 1;
                    continue;
                }
            }
            let resolved = match catalog.get(&code.value) {
                Some(o) => Some(o.code.clone()),
                None => match catalog.resolve(&code.value) {
                    Some(o) => {
                        let c = o.code.clone();
                        let help = match neighbour_spellings(catalog, &c) {
                            Some(others) => {
                                told.push(c.clone());
                                msg!("occupation-synonym.help-neighbours", code = &c, others => others)
                            }
                            None => msg!("occupation-synonym.help", code = &c),
                        };
                        self.warning(
                            "occupation-synonym",
                            code.span,
                            msg!("occupation-synonym", written = &code.value, code = &c),
                        )
                        .label(msg!("occupation-synonym.label", code = &c))
                        .help(help);
                        Some(c)
                    }
                    None => {
                        ok = false;
                        let help =
                            match closest(&code.value, catalog.occupations().iter().map(|o| o.code.as_str()))
                            {
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
                },
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
        // occupations whose registry spellings overlap one listed, and that are not listed:
        // said once for the list, so that leaving them out is a choice
        let pairs: Vec<crate::i18n::Arg> = first_span
            .keys()
            .filter(|c| !told.contains(c))
            .filter_map(|code| {
                let left_out: Vec<&crate::catalog::Occupation> = catalog
                    .neighbours(code)
                    .into_iter()
                    .filter(|n| !first_span.contains_key(&n.code))
                    .collect();
                spellings_of(&left_out)
                    .map(|others| msg!("occupation-neighbour", code = code, others => others).into())
            })
            .collect();
        if !pairs.is_empty() {
            self.out.push(
                crate::diag::Diagnostic::note(
                    "occupation-neighbours",
                    self.file,
                    s.keyword,
                    msg!("occupation-neighbours", pairs => crate::i18n::Arg::Joined(pairs)),
                )
                .with_help(msg!("occupation-neighbours.help")),
            );
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

impl Checker<'_> {
    /// `rank by …`: keys jaring can read, no identity or personal column, each once.
    pub(super) fn ranking(&mut self, personal: &[String]) -> Option<crate::policy::program::Ranking> {
        use crate::policy::program::{RankBy, RankKey, Ranking};
        use crate::registry::personal::{Withheld, withheld};
        let found = self.statements(|b| match b {
            Body::Rank(keys) => Some(keys),
            _ => None,
        });
        let (s, keys) = self.single("rank", found)?;
        self.uncited(s, msg!("rule-rank"));
        let cite = s.cite.as_ref().and_then(|c| self.cite(Some(c)));
        let mut out: Vec<RankKey> = Vec::new();
        for key in keys {
            let by = if key.column {
                match withheld(&key.by.value, personal) {
                    Some(Withheld::Personal)
                    | Some(Withheld::Interpreted(
                        crate::registry::Field::Nik | crate::registry::Field::Name,
                    )) => {
                        self.error(
                            "rank-personal",
                            key.by.span,
                            msg!("rank-personal", column = &key.by.value),
                        )
                        .help(msg!("rank-personal.help"));
                        continue;
                    }
                    _ => RankBy::Column(key.by.value.clone()),
                }
            } else {
                match key.by.value.as_str() {
                    "poverty-decile" => RankBy::PovertyDecile,
                    "age" => RankBy::Age,
                    other => {
                        let help = match closest(other, ["poverty-decile", "age"]) {
                            Some(c) => msg!("did-you-mean", word = c),
                            None => msg!("unknown-rank-key.help", key = other),
                        };
                        self.error("unknown-rank-key", key.by.span, msg!("unknown-rank-key", key = other))
                            .help(help);
                        continue;
                    }
                }
            };
            if out.iter().any(|k| k.by == by) {
                self.error("duplicate-name", key.by.span, msg!("listed-twice", name = &key.by.value))
                    .help(msg!("rank-key-twice.help"));
                continue;
            }
            out.push(RankKey { by, descending: key.descending });
        }
        Some(Ranking { keys: out, cite })
    }
}
