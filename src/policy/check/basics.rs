//! What every program states once: its title and region, the reference files it reads, the
//! benefits and declared wage its premium follows from, its periods, and the premium itself.

use super::Checker;
use crate::calendar::Month;
use crate::diag::closest;
use crate::money::Rupiah;
use crate::msg;
use crate::policy::ast::{Body, Spanned, Statement};
use crate::policy::program::Citation;
use crate::policy::{Loaded, Loader, Named};
use crate::rates::{Benefit, RateTable};
use crate::region::{self, Level, regions};

impl Checker<'_> {
    pub(super) fn title(&mut self) -> Option<String> {
        let found = self.statements(|b| match b {
            Body::Title(t) => Some(t),
            _ => None,
        });
        let (s, title) = {
            let s = self.single("title", found);
            self.require("title", s)?
        };
        if title.value.trim().is_empty() {
            self.error("empty-text", s.span, msg!("empty-title")).help(msg!("empty-title.help"));
            return None;
        }
        Some(title.value.clone())
    }

    /// Checks a region code's form and existence; `Some(code)` when it is a real region.
    pub(super) fn region_code(&mut self, code: &Spanned<String>) -> Option<String> {
        let text = &code.value;
        if text.chars().any(char::is_alphabetic) {
            self.region_name(code);
            return None;
        }
        if region::level(text).is_none() {
            let help = match region::suggest_well_formed(text) {
                Some(fixed) if regions().contains(&fixed) => {
                    msg!(
                        "malformed-region.help-fixed",
                        code = &fixed,
                        name = regions().name(&fixed).unwrap_or("")
                    )
                }
                _ => msg!("malformed-region.help"),
            };
            self.error("malformed-region", code.span, msg!("malformed-region", text = text))
                .label(msg!("malformed-region.label"))
                .help(help);
            return None;
        }
        if !regions().contains(text) {
            let parent = region::parent(text);
            let help = match parent.and_then(|p| regions().name(p).map(|n| (p, n))) {
                Some((p, name)) => {
                    let siblings: Vec<String> =
                        regions().children(p).take(12).map(|(c, n)| format!("{c} {n}")).collect();
                    msg!("unknown-region.help-siblings", name = name, code = p, codes = siblings.join(", "))
                }
                None => msg!("unknown-region.help"),
            };
            self.error("unknown-region", code.span, msg!("unknown-region", text = text))
                .label(msg!("unknown-region.label"))
                .help(help);
            return None;
        }
        Some(text.clone())
    }

    /// A region written by its name: which code it has (the program's own region first).
    fn region_name(&mut self, written: &Spanned<String>) {
        let home = self.decl.statements.iter().find_map(|s| match &s.body {
            Body::Region(c) if regions().contains(&c.value) => Some(c.value.clone()),
            _ => None,
        });
        let mut found = region::search::search(&written.value, None, 12);
        if let Some(home) = &home {
            // a region inside the program's own (or holding it) is the one meant, if any is
            let near =
                |f: &region::search::Found| region::within(f.code, home) || region::within(home, f.code);
            if found.iter().any(near) {
                found.retain(near);
            }
        }
        let help = match (region::search::unique(&found), found.as_slice()) {
            (Some(f), _) => msg!("region-by-name.help-one", code = f.code, path = f.path()),
            (None, []) => msg!("region-by-name.help-none", name = &written.value),
            (None, many) => msg!(
                "region-by-name.help-many",
                candidates => crate::i18n::Arg::AnyOf(
                    many.iter()
                        .take(6)
                        .map(|f| crate::i18n::Arg::Text(format!("`{}` ({})", f.code, f.path())))
                        .collect()
                ),
                name = &written.value
            ),
        };
        self.error("region-name", written.span, msg!("region-by-name", name = &written.value))
            .label(msg!("region-by-name.label"))
            .help(help);
    }

    pub(super) fn region(&mut self) -> Option<String> {
        let found = self.statements(|b| match b {
            Body::Region(c) => Some(c),
            _ => None,
        });
        let (_, code) = {
            let s = self.single("region", found);
            self.require("region", s)?
        };
        let valid = self.region_code(code)?;
        if region::level(&valid) > Some(Level::Regency) {
            self.error("region-level", code.span, msg!("region-level", code = &valid))
                .label(msg!("region-name", name = regions().name(&valid).unwrap_or("")))
                .help(msg!("region-level.help", code = &valid));
            return None;
        }
        Some(valid)
    }

    pub(super) fn reference_file<T>(&mut self, keyword: &str, load: Loader<T>) -> Option<Loaded<T>> {
        let found = self.statements(|b| match (b, keyword) {
            (Body::Catalog(p), "catalog") | (Body::Rates(p), "rates") => Some(p),
            _ => None,
        });
        let named = self.single(keyword, found).map(|(_, p)| Named {
            written: &p.value,
            span: p.span,
            file: self.file,
        });
        match load(self.ws, self.dir, named) {
            Ok(found) => Some(found),
            Err(Some(d)) => {
                self.out.push(*d);
                None
            }
            Err(None) => None,
        }
    }

    pub(super) fn benefits(&mut self) -> Option<Vec<Benefit>> {
        let found = self.statements(|b| match b {
            Body::Benefits(names) => Some(names),
            _ => None,
        });
        let (s, names) = {
            let s = self.single("benefits", found);
            self.require("benefits", s)?
        };
        self.cite(s.cite.as_ref());
        let mut benefits = Vec::new();
        let mut ok = true;
        for name in names {
            match Benefit::parse(&name.value) {
                Some(b) if benefits.contains(&b) => {
                    self.error("duplicate-name", name.span, msg!("listed-twice", name = &name.value))
                        .help(msg!("duplicate-benefit.help"));
                }
                Some(b) => benefits.push(b),
                None => {
                    ok = false;
                    let help = match closest(&name.value, Benefit::ALL.iter().map(|b| b.name())) {
                        Some(c) => msg!("did-you-mean", word = c),
                        None => msg!("unknown-benefit.help"),
                    };
                    self.error("unknown-benefit", name.span, msg!("unknown-benefit", name = &name.value))
                        .label(msg!("unknown-benefit.label"))
                        .help(help);
                }
            }
        }
        if ok {
            let missing: Vec<&str> = [Benefit::Jkk, Benefit::Jkm]
                .into_iter()
                .filter(|b| !benefits.contains(b))
                .map(Benefit::name)
                .collect();
            if !missing.is_empty() {
                let missing = crate::i18n::Arg::AllOf(
                    missing.iter().map(|m| crate::i18n::Arg::Text((*m).to_owned())).collect(),
                );
                self.error("missing-benefit", s.span, msg!("missing-benefit", missing => missing))
                    .label(msg!("missing-benefit.label"))
                    .help(msg!("missing-benefit.help"));
                return None;
            }
        }
        benefits.sort();
        ok.then_some(benefits)
    }

    pub(super) fn declared_wage(&mut self, rates: Option<&RateTable>) -> Option<Rupiah> {
        let found = self.statements(|b| match b {
            Body::DeclaredWage(w) => Some(w),
            _ => None,
        });
        let (s, wage) = {
            let s = self.single("declared-wage", found);
            self.require("declared-wage", s)?
        };
        self.cite(s.cite.as_ref());
        if let Some(rates) = rates
            && wage.value < rates.minimum_declared_wage
        {
            let minimum = rates.minimum_declared_wage;
            self.error(
                "wage-below-minimum",
                wage.span,
                msg!("wage-below-minimum", wage = wage.value, minimum = minimum),
            )
            .label(msg!("wage-below-minimum.label"))
            .help(msg!(
                "wage-below-minimum.help",
                source = &rates.minimum_declared_wage_source,
                minimum = minimum
            ));
            return None;
        }
        Some(wage.value)
    }

    pub(super) fn periods(&mut self) -> (Option<Vec<Month>>, Option<Citation>) {
        let found = self.statements(|b| match b {
            Body::Period { first, last } => Some((first, last)),
            _ => None,
        });
        if self.require("period", (!found.is_empty()).then_some(())).is_none() || found.is_empty() {
            return (None, None);
        }
        let mut ok = true;
        let mut taken: Vec<(Month, Month, &Statement)> = Vec::new();
        let mut cite = None;
        for (s, (first, last)) in &found {
            if cite.is_none() {
                cite = self.cite(s.cite.as_ref());
            } else {
                self.cite(s.cite.as_ref());
            }
            if last.value < first.value {
                ok = false;
                self.error(
                    "reversed-period",
                    first.span.to(last.span),
                    msg!("reversed-period", last = last.value, first = first.value),
                )
                .label(msg!("reversed-period.label"))
                .help(msg!("reversed-period.help", first = last.value, last = first.value));
                continue;
            }
            if let Some((f, l, other)) = taken.iter().find(|(f, l, _)| first.value <= *l && *f <= last.value)
            {
                ok = false;
                let shared = first.value.max(*f);
                let (f, l, other_span) = (*f, *l, other.span);
                self.error(
                    "overlapping-periods",
                    first.span.to(last.span),
                    msg!("overlapping-periods", first = f, last = l, shared = shared),
                )
                .label(msg!("overlapping-periods.label"))
                .secondary(other_span, msg!("overlapping-periods.other"))
                .help(msg!("overlapping-periods.help"));
                continue;
            }
            taken.push((first.value, last.value, s));
        }
        if !ok {
            return (None, cite);
        }
        let mut months: Vec<Month> = taken.iter().flat_map(|(f, l, _)| f.through(*l)).collect();
        months.sort();
        if months.len() > 12 {
            let span = found[0].0.span;
            self.warning("long-period", span, msg!("long-period", months = months.len()))
                .help(msg!("long-period.help"));
        }
        (Some(months), cite)
    }

    /// Premium per worker for each month, and the total.
    pub(super) fn premiums(
        &mut self,
        rates: &RateTable,
        benefits: &[Benefit],
        wage: Rupiah,
        months: &[Month],
    ) -> Option<(Vec<Rupiah>, Rupiah)> {
        let mut monthly = Vec::with_capacity(months.len());
        for &month in months {
            let mut sum = Rupiah::ZERO;
            for &b in benefits {
                match rates.premium(b, month, wage) {
                    Some(p) => sum = sum.checked_add(p)?,
                    None => {
                        let span = self
                            .decl
                            .statements
                            .iter()
                            .find(|s| matches!(&s.body, Body::Period { first, last } if first.value <= month && month <= last.value))
                            .map_or(self.decl.header, |s| s.span);
                        self.error("no-rate", span, msg!("no-rate", benefit = b.name(), month = month))
                            .help(msg!("no-rate.help"));
                        return None;
                    }
                }
            }
            monthly.push(sum);
        }
        let total = monthly.iter().copied().sum();
        Some((monthly, total))
    }
}
