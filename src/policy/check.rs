//! AST → checked [`Program`]: does the policy make sense, and can it be paid for?
//!
//! Every problem is reported with the words that cause it underlined and a help line; the
//! checker goes on after each one so a legal officer sees all of them at once. Errors stop
//! a program from running; warnings point at what is legal but suspicious.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::ast::{self, Body, Cite, FundingDecl, PolicyFile, ProgramDecl, QuotaTarget, Spanned, Statement};
use super::program::*;
use super::{Loaded, Loader, Named, Workspace};
use crate::calendar::Month;
use crate::catalog::Catalog;
use crate::diag::{Diagnostic, FileId, Span, closest, one_of};
use crate::money::{Rupiah, grouped};
use crate::rates::{Benefit, RateTable};
use crate::region::{self, Level, regions};

/// What the checker needs to know about the file.
pub struct Input<'a> {
    pub file: FileId,
    pub text: &'a str,
    /// The policy's folder: relative paths start here.
    pub dir: &'a Path,
    pub ast: &'a PolicyFile,
    pub reference: Reference,
}

/// Checks one policy file. Returns the program if it could be built (callers must also
/// look at the diagnostics for errors).
pub fn check(ws: &mut Workspace, input: Input<'_>, out: &mut Vec<Diagnostic>) -> Option<Program> {
    let file = input.file;
    let Some(decl) = input.ast.programs.first() else {
        if !out.iter().any(Diagnostic::is_error) {
            out.push(
                Diagnostic::error("missing-program", file, Span::new(0, 0), "this file has no program")
                    .with_help("a policy starts with `program <name> {` and ends with `}`"),
            );
        }
        return None;
    };
    for extra in &input.ast.programs[1..] {
        out.push(
            Diagnostic::error("extra-program", file, extra.header, "a policy file holds one program")
                .with_label("second program")
                .with_secondary(decl.header, "first program")
                .with_help("move this program into a file of its own"),
        );
    }
    let mut checker =
        Checker { ws, file, dir: input.dir, decl, out, regulations: BTreeMap::new(), used: BTreeSet::new() };
    let program = checker.program(input.reference);
    checker.unused_regulations();
    program
}

struct Checker<'a> {
    ws: &'a mut Workspace,
    file: FileId,
    dir: &'a Path,
    decl: &'a ProgramDecl,
    out: &'a mut Vec<Diagnostic>,
    /// id → (title, span of the id)
    regulations: BTreeMap<String, (String, Span)>,
    used: BTreeSet<String>,
}

/// Statements of one kind.
type Of<'a, T> = Vec<(&'a Statement, T)>;

impl<'a> Checker<'a> {
    fn error(&mut self, code: &'static str, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        self.out.push(Diagnostic::error(code, self.file, span, message));
        self.out.last_mut().expect("just pushed")
    }

    fn warning(&mut self, code: &'static str, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        self.out.push(Diagnostic::warning(code, self.file, span, message));
        self.out.last_mut().expect("just pushed")
    }

    fn statements<T>(&self, pick: impl Fn(&'a Body) -> Option<T>) -> Of<'a, T> {
        self.decl.statements.iter().filter_map(|s| pick(&s.body).map(|t| (s, t))).collect()
    }

    fn written(&self, keyword: &str) -> bool {
        self.decl.written.contains(&keyword)
    }

    /// At most one statement of a kind: reports the others, returns the first.
    fn single<T>(&mut self, keyword: &str, found: Of<'a, T>) -> Option<(&'a Statement, T)> {
        let mut found = found.into_iter();
        let first = found.next()?;
        for (again, _) in found {
            let (line, _) = self.ws.sources.line_col(self.file, first.0.span.start);
            self.out.push(
                Diagnostic::error(
                    "duplicate-statement",
                    self.file,
                    again.keyword,
                    format!("`{keyword}` is written twice"),
                )
                .with_label("second one")
                .with_secondary(first.0.keyword, "first one")
                .with_help(format!("keep one `{keyword}` line (the first is on line {line})")),
            );
        }
        Some(first)
    }

    /// Reports a statement the program cannot do without.
    fn require<T>(&mut self, keyword: &str, found: Option<T>) -> Option<T> {
        if found.is_none() && !self.written(keyword) {
            let example = super::syntax::example(keyword).unwrap_or("");
            let header = self.decl.header;
            self.error("missing-statement", header, format!("the program has no `{keyword}`"))
                .label(format!("`{keyword}` missing in this program"))
                .help = Some(format!("add a line like `{example}`"));
        }
        found
    }

    fn program(&mut self, reference: Reference) -> Option<Program> {
        // Regulations first: every rule's citation refers to them.
        for (s, (id, title)) in self.statements(|b| match b {
            Body::Regulation { id, title } => Some((id, title)),
            _ => None,
        }) {
            if let Some((_, first)) = self.regulations.get(&id.value) {
                let first = *first;
                self.error(
                    "duplicate-name",
                    id.span,
                    format!("regulation `{}` is declared twice", id.value),
                )
                .secondary(first, "first declared here")
                .help = Some("give each regulation its own name".to_owned());
                continue;
            }
            if title.value.trim().is_empty() {
                self.error("empty-text", s.span, "the regulation has no title").help = Some(
                    "write its full name, like `\"Peraturan Bupati Paser Nomor 12 Tahun 2022\"`".to_owned(),
                );
            }
            self.regulations.insert(id.value.clone(), (title.value.clone(), id.span));
        }
        if self.regulations.is_empty() && !self.written("regulation") {
            let header = self.decl.header;
            self.warning("no-legal-basis", header, "the program names no regulation").help = Some(
                "declare its legal basis with `regulation <name> \"<title>\"` and cite it on each rule"
                    .to_owned(),
            );
        }

        let id = self.decl.name.as_ref().map(|n| n.value.clone());
        let title = self.title();
        let region = self.region();
        let catalog = self.reference_file("catalog", Workspace::catalog);
        let rates = self.reference_file("rates", Workspace::rates);
        let benefits = self.benefits();
        let wage = self.declared_wage(rates.as_ref().map(|r| &*r.0));
        let (months, period_cite) = self.periods();
        let premiums = match (&rates, &benefits, wage, &months) {
            (Some((rates, _)), Some(benefits), Some(wage), Some(months)) => {
                self.premiums(rates, benefits, wage, months)
            }
            _ => None,
        };
        let occupations = catalog.as_ref().and_then(|(c, _)| self.occupations(c));
        let funding = self.funding(premiums.as_ref());
        let quota = self.total_quota();
        let sub_quotas =
            self.sub_quotas(quota.as_ref(), occupations.as_ref().map(|o| &o.0), region.as_deref());
        if let (Some(funding), Some(premiums)) = (&funding, &premiums) {
            self.budget_covers_quota(funding, quota.as_ref(), premiums);
        }
        let mut rules = Vec::new();
        if let Some((codes, cite)) = occupations {
            rules.push(Rule { kind: RuleKind::Occupation(codes), cite });
        }
        let first_day = months.as_ref().and_then(|m| m.first()).map(|m| m.first_day());
        rules.extend(self.age(first_day, months.as_ref()));
        rules.extend(self.residence(region.as_deref()));
        rules.extend(self.exclusions());
        rules.extend(self.poverty());
        let plugin = self.plugin();
        let yields_to = self.yields_to(id.as_deref(), region.as_deref());

        let (catalog, catalog_ref) = catalog?;
        let (rates, rates_ref) = rates?;
        let (monthly_premiums, premium_per_worker) = premiums?;
        let region = region?;
        Some(Program {
            id: id?,
            title: title?,
            region_name: regions().name(&region).unwrap_or("").to_owned(),
            region,
            policy: reference,
            regulations: self
                .regulations
                .iter()
                .map(|(id, (title, _))| Regulation { id: id.clone(), title: title.clone() })
                .collect(),
            benefits: benefits?,
            declared_wage: wage?,
            months: months?,
            period_cite,
            monthly_premiums,
            premium_per_worker,
            funding: funding?,
            quota,
            sub_quotas,
            rules,
            plugin: plugin?,
            yields_to,
            catalog,
            catalog_ref,
            rates,
            rates_ref,
        })
    }

    /// Resolves a citation, reporting an undeclared regulation.
    fn cite(&mut self, cite: Option<&Cite>) -> Option<Citation> {
        let cite = cite?;
        let id = &cite.regulation.value;
        match self.regulations.get(id) {
            Some((title, _)) => {
                self.used.insert(id.clone());
                Some(Citation {
                    regulation: id.clone(),
                    title: title.clone(),
                    article: cite.article.as_ref().map(|a| a.value.clone()),
                })
            }
            None => {
                let declared: Vec<&str> = self.regulations.keys().map(String::as_str).collect();
                let help = match closest(id, declared.iter().copied()) {
                    Some(c) => format!("did you mean `{c}`?"),
                    None if declared.is_empty() => {
                        format!("declare it first: `regulation {id} \"<full title of the regulation>\"`")
                    }
                    None => format!(
                        "declare it with `regulation {id} \"…\"`, or cite one of {}",
                        one_of(&declared.iter().map(|d| format!("`{d}`")).collect::<Vec<_>>())
                    ),
                };
                self.error(
                    "unknown-regulation",
                    cite.regulation.span,
                    format!("regulation `{id}` is not declared"),
                )
                .label("not declared in this program")
                .help = Some(help);
                None
            }
        }
    }

    fn unused_regulations(&mut self) {
        let unused: Vec<(String, Span)> = self
            .regulations
            .iter()
            .filter(|(id, _)| !self.used.contains(*id))
            .map(|(id, (_, span))| (id.clone(), *span))
            .collect();
        for (id, span) in unused {
            self.warning("unused-regulation", span, format!("regulation `{id}` is never cited"))
                .label("declared but not cited")
                .help =
                Some(format!("cite it on the rules it sets, like `cite {id} \"Pasal 3\"`, or remove it"));
        }
    }

    fn uncited(&mut self, statement: &Statement, what: &str) {
        if statement.cite.is_none() {
            self.warning("uncited-rule", statement.keyword, format!("{what} cites no regulation"))
                .label("no `cite`")
                .help = Some(
                "end the line with `cite <regulation> \"<article>\"` so decisions can name their legal basis"
                    .to_owned(),
            );
        }
    }

    fn title(&mut self) -> Option<String> {
        let found = self.statements(|b| match b {
            Body::Title(t) => Some(t),
            _ => None,
        });
        let (s, title) = {
            let s = self.single("title", found);
            self.require("title", s)?
        };
        if title.value.trim().is_empty() {
            self.error("empty-text", s.span, "the title is empty").help =
                Some("write the program's name as the decree calls it".to_owned());
            return None;
        }
        Some(title.value.clone())
    }

    /// Checks a region code's form and existence; `Some(code)` when it is a real region.
    fn region_code(&mut self, code: &Spanned<String>) -> Option<String> {
        let text = &code.value;
        if region::level(text).is_none() {
            let help = match region::suggest_well_formed(text) {
                Some(fixed) if regions().contains(&fixed) => {
                    format!("write `{fixed}` ({})", regions().name(&fixed).unwrap_or(""))
                }
                _ => "region codes are written with dots: `64` (province), `64.01` (regency/city), `64.01.01` (district)".to_owned(),
            };
            self.error("malformed-region", code.span, format!("`{text}` is not written as a region code"))
                .label("not a region code")
                .help = Some(help);
            return None;
        }
        if !regions().contains(text) {
            let parent = region::parent(text);
            let help = match parent.and_then(|p| regions().name(p).map(|n| (p, n))) {
                Some((p, name)) => {
                    let siblings: Vec<String> =
                        regions().children(p).take(12).map(|(c, n)| format!("{c} {n}")).collect();
                    format!("the codes in {name} ({p}) are: {}", siblings.join(", "))
                }
                None => "check the code against the Kemendagri list (data/wilayah.csv)".to_owned(),
            };
            self.error("unknown-region", code.span, format!("there is no region `{text}`"))
                .label("not in the Kemendagri list")
                .help = Some(help);
            return None;
        }
        Some(text.clone())
    }

    fn region(&mut self) -> Option<String> {
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
            self.error(
                "region-level",
                code.span,
                format!("`{valid}` is a district or village, not a province or regency"),
            )
            .label(regions().name(&valid).unwrap_or("").to_owned())
            .help = Some(format!(
                "a program belongs to the province or regency that pays for it; limit who may join with `residence within {valid}`"
            ));
            return None;
        }
        Some(valid)
    }

    fn reference_file<T>(&mut self, keyword: &str, load: Loader<T>) -> Option<Loaded<T>> {
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

    fn benefits(&mut self) -> Option<Vec<Benefit>> {
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
                    self.error("duplicate-name", name.span, format!("`{}` is listed twice", name.value))
                        .help = Some("list each benefit once".to_owned());
                }
                Some(b) => benefits.push(b),
                None => {
                    ok = false;
                    let help = match closest(&name.value, Benefit::ALL.iter().map(|b| b.name())) {
                        Some(c) => format!("did you mean `{c}`?"),
                        None => "the benefits are `JKK` (work accident), `JKM` (death) and `JHT` (old age)"
                            .to_owned(),
                    };
                    self.error("unknown-benefit", name.span, format!("`{}` is not a benefit", name.value))
                        .label("unknown benefit")
                        .help = Some(help);
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
                self.error(
                    "missing-benefit",
                    s.span,
                    format!("the program does not pay {}", missing.join(" and ")),
                )
                .label("JKK and JKM are the minimum")
                .help =
                    Some("BPU participants join at least JKK and JKM: write `benefits JKK, JKM`".to_owned());
                return None;
            }
        }
        benefits.sort();
        ok.then_some(benefits)
    }

    fn declared_wage(&mut self, rates: Option<&RateTable>) -> Option<Rupiah> {
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
                format!("{} is below the lowest declared wage, {minimum}", wage.value),
            )
            .label("too low")
            .help = Some(format!("{}; write `declared-wage {minimum}`", rates.minimum_declared_wage_source));
            return None;
        }
        Some(wage.value)
    }

    fn periods(&mut self) -> (Option<Vec<Month>>, Option<Citation>) {
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
                    format!("the period ends ({}) before it starts ({})", last.value, first.value),
                )
                .label("ends before it starts")
                .help =
                    Some(format!("write the first month first: `period {} .. {}`", last.value, first.value));
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
                    format!("this period overlaps {f} .. {l}: both include {shared}"),
                )
                .label("overlaps another period")
                .secondary(other_span, "the other period")
                .help = Some("a month can be paid for once; make the periods follow each other".to_owned());
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
            self.warning("long-period", span, format!("the program covers {} months", months.len()))
                .help = Some("a regional budget usually pays for one budget year (12 months) at most; check the months".to_owned());
        }
        (Some(months), cite)
    }

    /// Premium per worker for each month, and the total.
    fn premiums(
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
                        self.error(
                            "no-rate",
                            span,
                            format!("the rate table has no {} rate for {month}", b.name()),
                        )
                        .help = Some(
                            "add the rate in force that month to the rate table (rates.toml)".to_owned(),
                        );
                        return None;
                    }
                }
            }
            monthly.push(sum);
        }
        let total = monthly.iter().copied().sum();
        Some((monthly, total))
    }

    fn funding(&mut self, premiums: Option<&(Vec<Rupiah>, Rupiah)>) -> Option<Vec<FundingSource>> {
        let found = self.statements(|b| match b {
            Body::Funding(f) => Some(f),
            _ => None,
        });
        self.require("funding", (!found.is_empty()).then_some(()))?;
        let mut sources: Vec<(FundingSource, Span)> = Vec::new();
        let mut ok = true;
        for (s, decl) in &found {
            match self.funding_source(s, decl, premiums) {
                Some(source) => {
                    let name_span = decl.name.as_ref().map_or(s.keyword, |n| n.span);
                    if let Some((_, first)) = sources.iter().find(|(f, _)| f.id == source.id) {
                        let first = *first;
                        ok = false;
                        self.error(
                            "duplicate-name",
                            name_span,
                            format!("funding source `{}` is declared twice", source.id),
                        )
                        .secondary(first, "first declared here")
                        .help = Some("give each funding source its own name".to_owned());
                        continue;
                    }
                    sources.push((source, name_span));
                }
                None => ok = false,
            }
        }
        let order = self.statements(|b| match b {
            Body::FundingOrder(names) => Some(names),
            _ => None,
        });
        let ordered = match self.single("funding-order", order) {
            Some((s, names)) => self.funding_order(s, names, &sources),
            None => Some(sources.iter().map(|(f, _)| f.clone()).collect()),
        };
        if ok { ordered } else { None }
    }

    fn funding_source(
        &mut self,
        s: &Statement,
        decl: &FundingDecl,
        premiums: Option<&(Vec<Rupiah>, Rupiah)>,
    ) -> Option<FundingSource> {
        let id = decl.name.as_ref()?.value.clone();
        let name_span = decl.name.as_ref().map_or(s.keyword, |n| n.span);
        let mut ok = true;
        let kind = match decl.kinds.as_slice() {
            [] => {
                if !decl.written.contains(&"kind") {
                    self.error(
                        "missing-funding-kind",
                        name_span,
                        format!("funding source `{id}` has no `kind`"),
                    )
                    .help = Some(format!("add `kind APBD` (or one of {})", kinds_list()));
                }
                None
            }
            [kind, rest @ ..] => {
                for extra in rest {
                    self.error(
                        "duplicate-statement",
                        extra.span,
                        "`kind` is written twice in this funding source",
                    )
                    .help = Some("a funding source has one kind".to_owned());
                }
                let parsed = FundingKind::parse(&kind.value);
                if parsed.is_none() {
                    let help = match closest(&kind.value, FundingKind::ALL.iter().map(|(n, _)| *n)) {
                        Some(c) => format!("did you mean `{c}`?"),
                        None => format!("the kinds are {}", kinds_list()),
                    };
                    self.error(
                        "unknown-funding-kind",
                        kind.span,
                        format!("`{}` is not a kind of funding", kind.value),
                    )
                    .label("unknown kind")
                    .help = Some(help);
                }
                parsed
            }
        };
        let budget = match decl.budgets.as_slice() {
            [] => {
                if !decl.written.contains(&"budget") {
                    self.error(
                        "missing-budget",
                        name_span,
                        format!("funding source `{id}` has no `budget`"),
                    )
                    .help = Some(
                        "add the amount from the budget document, like `budget Rp1.626.307.200`".to_owned(),
                    );
                }
                None
            }
            [budget, rest @ ..] => {
                for extra in rest {
                    self.error(
                        "duplicate-statement",
                        extra.span,
                        "`budget` is written twice in this funding source",
                    )
                    .help = Some(
                        "a funding source has one budget; declare another funding source for more money"
                            .to_owned(),
                    );
                }
                if budget.value == Rupiah::ZERO {
                    ok = false;
                    self.error("zero-budget", budget.span, "the budget is zero").help =
                        Some("write the amount from the budget document".to_owned());
                }
                Some(budget)
            }
        };
        let quota = match decl.quotas.as_slice() {
            [] => None,
            [q, rest @ ..] => {
                for extra in rest {
                    self.error(
                        "duplicate-statement",
                        extra.count.span,
                        "`quota` is written twice in this funding source",
                    )
                    .help = Some("a funding source has one quota of its own".to_owned());
                }
                if let Some(target) = q.target {
                    ok = false;
                    self.error("funding-quota-target", target, "a funding source's quota counts everyone it pays")
                        .label("sub-quotas are not allowed here")
                        .help = Some("write sub-quotas for occupations or regions at program level, outside the funding block".to_owned());
                }
                match self.positive_count(&q.count, "quota") {
                    Some(n) => Some((n, q.count.span)),
                    None => {
                        ok = false;
                        None
                    }
                }
            }
        };
        let cite = match decl.cites.as_slice() {
            [] => None,
            [c, rest @ ..] => {
                for extra in rest {
                    self.error(
                        "duplicate-statement",
                        extra.span,
                        "`cite` is written twice in this funding source",
                    )
                    .help = Some("cite the one regulation that allocates this money".to_owned());
                }
                self.cite(Some(c))
            }
        };
        if let (Some(budget), Some((q, q_span)), Some((monthly, per_worker))) = (budget, quota, premiums) {
            let need = per_worker.checked_mul(u64::from(q));
            if need.is_none_or(|need| need > budget.value) {
                ok = false;
                let arithmetic = cost_text(q, monthly, *per_worker);
                let affordable = budget.value.0 / per_worker.0.max(1);
                self.error(
                    "budget-short",
                    budget.span,
                    format!("funding `{id}` cannot pay its quota: {arithmetic} > budget {}", budget.value),
                )
                .label("budget too small")
                .secondary(q_span, "the quota")
                .help = Some(format!(
                    "raise the budget to {} or lower the quota to {}",
                    need.map_or_else(|| "a larger amount".to_owned(), |n| n.to_string()),
                    grouped(affordable)
                ));
            }
        }
        if let (Some(budget), Some((monthly, _))) = (budget, premiums) {
            let month_premium = monthly.first().copied().unwrap_or(Rupiah::ZERO);
            if monthly.iter().all(|m| *m == month_premium)
                && month_premium.0 > 0
                && budget.value.0 % month_premium.0 != 0
            {
                self.warning(
                    "budget-not-whole-months",
                    budget.span,
                    format!("{} is not a whole number of worker-months at {month_premium}", budget.value),
                )
                .label(format!("{} left over", Rupiah(budget.value.0 % month_premium.0)))
                .help = Some("budgets for premiums are usually workers × months × the monthly premium; check the figure".to_owned());
            }
        }
        if !ok {
            return None;
        }
        Some(FundingSource { id, kind: kind?, budget: budget?.value, quota: quota.map(|(n, _)| n), cite })
    }

    fn funding_order(
        &mut self,
        s: &Statement,
        names: &[Spanned<String>],
        sources: &[(FundingSource, Span)],
    ) -> Option<Vec<FundingSource>> {
        let mut ordered: Vec<FundingSource> = Vec::new();
        let mut ok = true;
        for name in names {
            match sources.iter().find(|(f, _)| f.id == name.value) {
                Some((f, _)) if ordered.iter().any(|o| o.id == f.id) => {
                    ok = false;
                    self.error("duplicate-name", name.span, format!("`{}` is listed twice", name.value))
                        .help =
                        Some("list each funding source once, in the order the money is used".to_owned());
                }
                Some((f, _)) => ordered.push(f.clone()),
                None => {
                    ok = false;
                    let declared: Vec<&str> = sources.iter().map(|(f, _)| f.id.as_str()).collect();
                    let help = match closest(&name.value, declared.iter().copied()) {
                        Some(c) => format!("did you mean `{c}`?"),
                        None => format!("declare it with `funding {} {{ … }}`", name.value),
                    };
                    self.error(
                        "undeclared-funding",
                        name.span,
                        format!("there is no funding source `{}`", name.value),
                    )
                    .label("not declared")
                    .help = Some(help);
                }
            }
        }
        let missing: Vec<String> = sources
            .iter()
            .filter(|(f, _)| !names.iter().any(|n| n.value == f.id))
            .map(|(f, _)| format!("`{}`", f.id))
            .collect();
        if !missing.is_empty() && ok {
            ok = false;
            self.error(
                "funding-order-incomplete",
                s.span,
                format!("`funding-order` leaves out {}", one_of(&missing)),
            )
            .help = Some("list every funding source, in the order the money is used".to_owned());
        }
        ok.then_some(ordered)
    }

    fn positive_count(&mut self, count: &Spanned<i64>, what: &str) -> Option<u32> {
        match u32::try_from(count.value) {
            Ok(n) if n > 0 => Some(n),
            Ok(_) | Err(_) if count.value <= 0 => {
                self.error("non-positive-quota", count.span, format!("a {what} must be more than zero"))
                    .label(format!("{} people", count.value))
                    .help = Some(format!(
                    "write how many people the {what} allows; remove the line if there is no limit"
                ));
                None
            }
            _ => {
                self.error(
                    "non-positive-quota",
                    count.span,
                    format!("`{}` is too large for a {what}", count.value),
                );
                None
            }
        }
    }

    fn total_quota(&mut self) -> Option<Quota> {
        let found = self.statements(|b| match b {
            Body::Quota { count, target: QuotaTarget::Total } => Some(count),
            _ => None,
        });
        let (s, count) = self.single("quota", found)?;
        let cite = self.cite(s.cite.as_ref());
        self.uncited(s, "the quota");
        let n = self.positive_count(count, "quota")?;
        Some(Quota { count: n, cite })
    }

    fn sub_quotas(
        &mut self,
        total: Option<&Quota>,
        eligible: Option<&Vec<String>>,
        program_region: Option<&str>,
    ) -> Vec<SubQuota> {
        let found = self.statements(|b| match b {
            Body::Quota { count, target } if !matches!(target, QuotaTarget::Total) => Some((count, target)),
            _ => None,
        });
        let mut out = Vec::new();
        let mut seen: BTreeMap<String, Span> = BTreeMap::new();
        let mut sums: [(u64, Vec<u32>); 2] = [(0, Vec::new()), (0, Vec::new())];
        for (s, (count, target)) in found {
            let cite = self.cite(s.cite.as_ref());
            let n = self.positive_count(count, "sub-quota");
            if let (Some(n), Some(total)) = (n, total)
                && n > total.count
            {
                self.error(
                    "sub-quota-above-total",
                    count.span,
                    format!(
                        "this sub-quota ({}) is larger than the program's quota ({})",
                        grouped(n.into()),
                        grouped(total.count.into())
                    ),
                )
                .label("above the total")
                .help = Some("a sub-quota limits part of the program and cannot exceed the whole".to_owned());
            }
            let (target, kind) = match target {
                QuotaTarget::Occupations(codes) => {
                    let mut valid = Vec::new();
                    for code in codes {
                        if eligible.is_some_and(|e| !e.contains(&code.value)) {
                            self.error(
                                "sub-quota-not-eligible",
                                code.span,
                                format!("`{}` is not one of the program's occupations", code.value),
                            )
                            .label("not eligible")
                            .help = Some(
                                "add it to `occupations { … }` or remove it from the sub-quota".to_owned(),
                            );
                            continue;
                        }
                        if self.seen_once(&mut seen, &code.value, code.span) {
                            valid.push(code.value.clone());
                        }
                    }
                    (SubQuotaTarget::Occupations(valid), 0)
                }
                QuotaTarget::Regions(codes) => {
                    let mut valid = Vec::new();
                    for code in codes {
                        let Some(c) = self.region_code(code) else { continue };
                        if let Some(program) = program_region
                            && (!region::within(&c, program) || c == program)
                        {
                            self.error(
                                "region-outside-program",
                                code.span,
                                format!(
                                    "`{c}` ({}) is not inside the program's region {program}",
                                    regions().name(&c).unwrap_or("")
                                ),
                            )
                            .label("outside the program")
                            .help = Some(children_help(program));
                            continue;
                        }
                        if let Some((other, span)) =
                            seen.iter().find(|(o, _)| region::within(&c, o) || region::within(o, &c))
                        {
                            let span = *span;
                            let other = other.clone();
                            self.error(
                                "duplicate-name",
                                code.span,
                                format!("`{c}` is already counted in the sub-quota of `{other}`"),
                            )
                            .secondary(span, "already here")
                            .help = Some("each person must fall in at most one region sub-quota".to_owned());
                            continue;
                        }
                        seen.insert(c.clone(), code.span);
                        valid.push(c);
                    }
                    (SubQuotaTarget::Regions(valid), 1)
                }
                QuotaTarget::Total => continue,
            };
            if let Some(n) = n {
                sums[kind].0 += u64::from(n);
                sums[kind].1.push(n);
                out.push(SubQuota { count: n, target, cite });
            }
        }
        if let Some(total) = total {
            for (kind, (sum, parts)) in sums.iter().enumerate() {
                if *sum > u64::from(total.count) && parts.len() > 1 {
                    let what = if kind == 0 { "occupation" } else { "region" };
                    let header = self.decl.header;
                    let terms: Vec<String> = parts.iter().map(|p| grouped((*p).into())).collect();
                    self.error(
                        "sub-quotas-exceed-total",
                        header,
                        format!(
                            "the {what} sub-quotas add up to more than the quota: {} = {} > {}",
                            terms.join(" + "),
                            grouped(*sum),
                            grouped(total.count.into())
                        ),
                    )
                    .help = Some(format!("lower the {what} sub-quotas or raise the quota"));
                }
            }
        }
        out
    }

    /// Records a name; reports it if already seen. `true` when new.
    fn seen_once(&mut self, seen: &mut BTreeMap<String, Span>, name: &str, span: Span) -> bool {
        if let Some(first) = seen.get(name) {
            let first = *first;
            self.error("duplicate-name", span, format!("`{name}` is already in another sub-quota"))
                .secondary(first, "already here")
                .help = Some("each occupation may be in one sub-quota".to_owned());
            return false;
        }
        seen.insert(name.to_owned(), span);
        true
    }

    /// Can the money pay for the quota? Shows the arithmetic when it cannot.
    fn budget_covers_quota(
        &mut self,
        funding: &[FundingSource],
        quota: Option<&Quota>,
        premiums: &(Vec<Rupiah>, Rupiah),
    ) {
        let (monthly, per_worker) = premiums;
        if per_worker.0 == 0 {
            return;
        }
        let total_budget: Rupiah = funding.iter().map(|f| f.budget).sum();
        let capacity: u64 = funding
            .iter()
            .map(|f| {
                let affordable = f.budget.0 / per_worker.0;
                f.quota.map_or(affordable, |q| affordable.min(u64::from(q)))
            })
            .sum();
        let Some(quota) = quota else { return };
        let span = self
            .decl
            .statements
            .iter()
            .find(|s| matches!(s.body, Body::Quota { target: QuotaTarget::Total, .. }))
            .map_or(self.decl.header, |s| s.span);
        let q = quota.count;
        let need = per_worker.checked_mul(u64::from(q)).unwrap_or(Rupiah(u64::MAX));
        let names: Vec<&str> = funding.iter().map(|f| f.id.as_str()).collect();
        let budget_text = if funding.len() == 1 {
            format!("budget {total_budget}")
        } else {
            format!("total budget {total_budget} ({})", names.join(" + "))
        };
        if need > total_budget {
            self.error(
                "budget-short",
                span,
                format!(
                    "the funding cannot pay the quota: {} > {budget_text}",
                    cost_text(q, monthly, *per_worker)
                ),
            )
            .label("quota too large for the budget")
            .help = Some(format!(
                "raise the budget to at least {need}, or lower the quota to {} (what {total_budget} pays for)",
                grouped(total_budget.0 / per_worker.0)
            ));
            return;
        }
        if capacity < u64::from(q) {
            self.error(
                "budget-short",
                span,
                format!(
                    "the funding sources' own quotas and budgets pay for {} people, fewer than the quota of {}",
                    grouped(capacity),
                    grouped(q.into())
                ),
            )
            .help = Some("raise a funding source's quota, or lower the program's quota".to_owned());
            return;
        }
        let spare = total_budget.saturating_sub(need);
        if spare >= *per_worker {
            self.warning(
                "budget-unused",
                span,
                format!(
                    "the quota uses {need} of {budget_text}: {spare} would be left unused (enough for {} more people)",
                    grouped(spare.0 / per_worker.0)
                ),
            )
            .help = Some("check the quota and the budget against the decree; unused money means eligible people left waiting".to_owned());
        }
    }

    fn occupations(&mut self, catalog: &Catalog) -> Option<(Vec<String>, Option<Citation>)> {
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
                self.uncited(s, "the list of occupations");
                None
            }
            [c, rest @ ..] => {
                for extra in rest {
                    self.error(
                        "duplicate-statement",
                        extra.span,
                        "`cite` is written twice in `occupations`",
                    )
                    .help = Some("cite the article that lists the occupations once".to_owned());
                }
                self.cite(Some(c))
            }
        };
        if codes.is_empty() {
            self.error("empty-occupations", s.keyword, "no occupation is listed").help =
                Some("list the eligible occupations, one per line, like `nelayan`".to_owned());
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
                        self.error(
                            "unknown-occupation",
                            span,
                            format!("`{} {next_word}` is not an occupation code", code.value),
                        )
                        .label("codes have no spaces")
                        .help = Some(format!("did you mean `{found}`?"));
                        i += 2;
                        continue;
                    }
                    match catalog.resolve(&code.value) {
                        Some(o) => {
                            let c = o.code.clone();
                            self.warning(
                                "occupation-synonym",
                                code.span,
                                format!("`{}` is another spelling of `{c}`", code.value),
                            )
                            .label(format!("read as `{c}`"))
                            .help = Some(format!("write the catalog code `{c}`"));
                            Some(c)
                        }
                        None => {
                            ok = false;
                            let help = match closest(&code.value, catalog.occupations().iter().map(|o| o.code.as_str())) {
                                Some(c) => format!("did you mean `{c}`?"),
                                None => "use a code from the occupation catalog (policies/occupations.toml), or add the occupation there".to_owned(),
                            };
                            self.error(
                                "unknown-occupation",
                                code.span,
                                format!("`{}` is not in the occupation catalog", code.value),
                            )
                            .label("unknown occupation")
                            .help = Some(help);
                            None
                        }
                    }
                }
            };
            if let Some(c) = resolved {
                match first_span.get(&c) {
                    Some(first) => {
                        let first = *first;
                        self.error("duplicate-name", code.span, format!("`{c}` is listed twice"))
                            .secondary(first, "first listed here")
                            .help = Some("list each occupation once".to_owned());
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

    fn age(&mut self, first_day: Option<jiff::civil::Date>, months: Option<&Vec<Month>>) -> Option<Rule> {
        let found = self.statements(|b| match b {
            Body::Age { min, max, at } => Some((min, max, at)),
            _ => None,
        });
        let Some((s, (min, max, at))) = self.single("age", found) else {
            if !self.written("age") {
                let header = self.decl.header;
                self.warning("no-age-rule", header, "the program has no age window").help = Some(
                    "add the age window from the regulation, like `age 18 .. 65 at 2025-01-01`".to_owned(),
                );
            }
            return None;
        };
        let cite = self.cite(s.cite.as_ref());
        self.uncited(s, "the age window");
        let mut ok = true;
        for bound in [min, max] {
            if !(0..=120).contains(&bound.value) {
                ok = false;
                self.error(
                    "implausible-age",
                    bound.span,
                    format!("`{}` is not a plausible age", bound.value),
                )
                .help = Some("ages are whole years, like `age 18 .. 65`".to_owned());
            }
        }
        if ok && min.value > max.value {
            self.error(
                "reversed-age",
                min.span.to(max.span),
                format!("the age window is reversed: {} is above {}", min.value, max.value),
            )
            .label("youngest age must come first")
            .help = Some(format!("write `age {} .. {}`", max.value, min.value));
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
                self.warning("age-date-outside-period", d.span, format!("ages are measured on {}, outside the period {first} .. {last}", d.value))
                    .help = Some("ages are usually measured when the period starts or when data is collected; check the date".to_owned());
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

    fn residence(&mut self, program_region: Option<&str>) -> Option<Rule> {
        let found = self.statements(|b| match b {
            Body::Residence(codes) => Some(codes),
            _ => None,
        });
        let Some((s, codes)) = self.single("residence", found) else {
            if !self.written("residence") {
                let header = self.decl.header;
                let example = program_region.unwrap_or("64.01");
                self.warning(
                    "no-residence-rule",
                    header,
                    "the program has no residence rule: people living anywhere can be enrolled",
                )
                .help = Some(format!("add `residence within {example}` to enroll residents only"));
            }
            return None;
        };
        let cite = self.cite(s.cite.as_ref());
        self.uncited(s, "the residence rule");
        let mut valid = Vec::new();
        for code in codes {
            let Some(c) = self.region_code(code) else { continue };
            if let Some(program) = program_region
                && !region::within(&c, program)
            {
                self.error(
                    "region-outside-program",
                    code.span,
                    format!(
                        "`{c}` ({}) is outside the program's region {program}",
                        regions().name(&c).unwrap_or("")
                    ),
                )
                .label("outside the program")
                .help =
                    Some(format!("a region pays for its own residents; use `{program}` or a code inside it"));
                continue;
            }
            valid.push(c);
        }
        (valid.len() == codes.len()).then_some(Rule { kind: RuleKind::Residence(valid), cite })
    }

    fn exclusions(&mut self) -> Vec<Rule> {
        let found = self.statements(|b| match b {
            Body::Exclude(names) => Some(names),
            _ => None,
        });
        let mut rules: Vec<Rule> = Vec::new();
        for (s, names) in found {
            let cite = self.cite(s.cite.as_ref());
            self.uncited(s, "the exclusion");
            for name in names {
                match Exclusion::parse(&name.value) {
                    Some(e) if rules.iter().any(|r| r.kind == RuleKind::Exclude(e)) => {
                        self.error(
                            "duplicate-name",
                            name.span,
                            format!("`{}` is excluded twice", name.value),
                        )
                        .help = Some("exclude each group once".to_owned());
                    }
                    Some(e) => rules.push(Rule { kind: RuleKind::Exclude(e), cite: cite.clone() }),
                    None => {
                        let names: Vec<&str> = Exclusion::ALL.iter().map(|(n, _)| *n).collect();
                        let help = match closest(&name.value, names.iter().copied()) {
                            Some(c) => format!("did you mean `{c}`?"),
                            None => format!(
                                "the exclusions are {}",
                                one_of(&names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>())
                            ),
                        };
                        self.error(
                            "unknown-exclusion",
                            name.span,
                            format!("`{}` is not an exclusion jaring knows", name.value),
                        )
                        .label("unknown exclusion")
                        .help = Some(help);
                    }
                }
            }
        }
        rules
    }

    fn poverty(&mut self) -> Option<Rule> {
        let found = self.statements(|b| match b {
            Body::Poverty(n) => Some(n),
            _ => None,
        });
        let (s, n) = self.single("poverty-decile", found)?;
        let cite = self.cite(s.cite.as_ref());
        self.uncited(s, "the poverty rule");
        match u8::try_from(n.value) {
            Ok(max @ 1..=10) => Some(Rule { kind: RuleKind::PovertyDecile { max }, cite }),
            _ => {
                self.error("decile-out-of-range", n.span, format!("`{}` is not a decile", n.value))
                    .label("deciles run from 1 (poorest) to 10")
                    .help = Some(
                    "write the highest decile the program accepts, like `poverty-decile at-most 4`"
                        .to_owned(),
                );
                None
            }
        }
    }

    /// `Some(None)`: no plugin; `None`: the plugin line has errors.
    fn plugin(&mut self) -> Option<Option<PluginSpec>> {
        let found = self.statements(|b| match b {
            Body::Plugin(p) => Some(p),
            _ => None,
        });
        let Some((s, decl)) = self.single("plugin", found) else {
            return if self.written("plugin") { None } else { Some(None) };
        };
        let mut ok = true;
        let found = self.ws.overrides.plugin.clone().or_else(|| find_upward(self.dir, &decl.path.value));
        let path = match found {
            Some(p) => Some(p),
            None => {
                ok = false;
                self.error("plugin-not-found", decl.path.span, format!("plugin file `{}` not found", decl.path.value))
                    .label("no such file")
                    .help = Some("the path is looked up from the policy's folder, then each folder above it, then the current folder; build the plugin with `jaring plugin build`".to_owned());
                None
            }
        };
        let pin = match decl.sha256.as_slice() {
            [] => {
                self.warning("plugin-not-pinned", s.keyword, "the plugin is not pinned by its sha256")
                    .help = Some("add `sha256 \"…\"` inside the plugin block (`jaring plugin inspect <file>` prints it) so a changed plugin cannot run unnoticed".to_owned());
                None
            }
            [pin, rest @ ..] => {
                for extra in rest {
                    ok = false;
                    self.error("duplicate-statement", extra.span, "`sha256` is written twice").help =
                        Some("a plugin has one pin".to_owned());
                }
                let value = pin.value.to_ascii_lowercase();
                if value.len() != 64 || !value.bytes().all(|b| b.is_ascii_hexdigit()) {
                    ok = false;
                    self.error("malformed-sha256", pin.span, "a sha256 is 64 hexadecimal characters")
                        .label(format!("{} characters", pin.value.chars().count()))
                        .help =
                        Some("copy the hash `jaring plugin inspect` or `sha256sum` prints".to_owned());
                    None
                } else {
                    let mut value = value;
                    if let Some(path) = &path {
                        let ignore_pin = self.ws.overrides.ignore_pin;
                        match self.ws.file_sha256(path) {
                            Some(actual) if actual == value => {}
                            Some(actual) if ignore_pin => value = actual,
                            Some(actual) => {
                                ok = false;
                                self.error(
                                    "plugin-sha256-mismatch",
                                    pin.span,
                                    format!("`{}` is not the plugin this policy pins", decl.path.value),
                                )
                                .label("pinned hash")
                                .help = Some(format!(
                                    "the file's sha256 is {actual}; if the plugin was changed on purpose and reviewed, pin the new hash"
                                ));
                            }
                            None => {
                                ok = false;
                                self.error(
                                    "plugin-not-found",
                                    decl.path.span,
                                    format!("cannot read plugin file `{}`", path.display()),
                                );
                            }
                        }
                    }
                    Some(value)
                }
            }
        };
        let mut params: Vec<(String, ParamValue)> = Vec::new();
        for p in &decl.params {
            if params.iter().any(|(n, _)| *n == p.name.value) {
                ok = false;
                self.error(
                    "duplicate-name",
                    p.name.span,
                    format!("parameter `{}` is given twice", p.name.value),
                )
                .help = Some("give each parameter once".to_owned());
                continue;
            }
            params.push((p.name.value.clone(), p.value.value.clone()));
        }
        let mut limits: Vec<(PluginLimit, u64)> = Vec::new();
        for l in &decl.limits {
            let Some(limit) = PluginLimit::from_name(&l.name.value) else {
                ok = false;
                let help = match closest(&l.name.value, PluginLimit::ALL.iter().map(|k| k.name())) {
                    Some(c) => format!("did you mean `{c}`?"),
                    None => format!(
                        "the limits are {}",
                        one_of(
                            &PluginLimit::ALL.iter().map(|k| format!("`{}`", k.name())).collect::<Vec<_>>()
                        )
                    ),
                };
                self.error(
                    "unknown-limit",
                    l.name.span,
                    format!("`{}` is not a plugin limit", l.name.value),
                )
                .help = Some(help);
                continue;
            };
            let max = limit.max();
            match u64::try_from(l.value.value) {
                Ok(v) if v > max => {
                    ok = false;
                    self.error(
                        "limit-too-large",
                        l.value.span,
                        format!("a plugin may use at most {} {}", grouped(max), limit.unit()),
                    )
                    .help = Some(format!("write `limit {} {}` or less", limit.name(), grouped(max)));
                }
                Ok(_) if limits.iter().any(|(k, _)| *k == limit) => {
                    ok = false;
                    self.error(
                        "duplicate-statement",
                        l.name.span,
                        format!("`limit {}` is written twice", limit.name()),
                    )
                    .help = Some("give each limit once".to_owned());
                }
                Ok(v) if v > 0 => limits.push((limit, v)),
                _ => {
                    ok = false;
                    self.error("non-positive-limit", l.value.span, "a limit must be more than zero");
                }
            }
        }
        if !ok {
            return None;
        }
        Some(Some(PluginSpec { written: decl.path.value.clone(), path: path?, sha256: pin, params, limits }))
    }

    fn yields_to(
        &mut self,
        id: Option<&str>,
        program_region: Option<&str>,
    ) -> Option<(YieldsTo, Option<Citation>)> {
        let found = self.statements(|b| match b {
            Body::YieldsTo(y) => Some(y),
            _ => None,
        });
        let (s, target) = self.single("yields-to", found)?;
        let cite = self.cite(s.cite.as_ref());
        match target {
            ast::YieldsTo::Regencies => {
                if let Some(r) = program_region
                    && region::level(r) != Some(Level::Province)
                {
                    self.error(
                        "yields-to-regencies",
                        s.span,
                        "only a province program can yield to regency programs",
                    )
                    .help = Some("name the programs this one gives way to: `yields-to <program>`".to_owned());
                    return None;
                }
                Some((YieldsTo::Regencies, cite))
            }
            ast::YieldsTo::Programs(names) => {
                let mut out: Vec<String> = Vec::new();
                for n in names {
                    if Some(n.value.as_str()) == id {
                        self.error("yields-to-self", n.span, "a program cannot give way to itself").help =
                            Some("name the other program that goes first".to_owned());
                    } else if out.contains(&n.value) {
                        self.error("duplicate-name", n.span, format!("`{}` is listed twice", n.value));
                    } else {
                        out.push(n.value.clone());
                    }
                }
                Some((YieldsTo::Programs(out), cite))
            }
        }
    }
}

/// `32.268 × Rp16.800 × 3 months = Rp1.626.307.200`
fn cost_text(count: u32, monthly: &[Rupiah], per_worker: Rupiah) -> String {
    let total =
        per_worker.checked_mul(u64::from(count)).map_or_else(|| "too much".to_owned(), |t| t.to_string());
    let first = monthly.first().copied().unwrap_or(Rupiah::ZERO);
    let months = monthly.len();
    let unit = if months == 1 { "month" } else { "months" };
    if monthly.iter().all(|m| *m == first) {
        format!("{} × {first} × {months} {unit} = {total}", grouped(count.into()))
    } else {
        format!("{} × {per_worker} (premiums for {months} {unit}) = {total}", grouped(count.into()))
    }
}

fn kinds_list() -> String {
    one_of(&FundingKind::ALL.iter().map(|(n, _)| format!("`{n}`")).collect::<Vec<_>>())
}

fn children_help(program: &str) -> String {
    let children: Vec<String> =
        regions().children(program).take(12).map(|(c, n)| format!("{c} {n}")).collect();
    if children.is_empty() {
        "use a code inside the program's region".to_owned()
    } else {
        format!("the regions inside {program} are: {}", children.join(", "))
    }
}

/// Finds a file relative to `dir`, then each folder above it, then the current folder.
pub fn find_upward(dir: &Path, relative: &str) -> Option<PathBuf> {
    let rel = Path::new(relative);
    if rel.is_absolute() {
        return rel.is_file().then(|| rel.to_path_buf());
    }
    let mut current = Some(dir);
    while let Some(d) = current {
        let candidate = d.join(rel);
        if candidate.is_file() {
            return Some(candidate);
        }
        current = d.parent().filter(|p| !p.as_os_str().is_empty());
    }
    let here = Path::new(".").join(rel);
    if here.is_file() {
        return Some(here);
    }
    // a relative folder stops at its first component: walk up from where it really is, so
    // that `policies/x.policy` and `/full/path/policies/x.policy` find the same files
    if dir.is_relative()
        && let Ok(real) = std::fs::canonicalize(if dir.as_os_str().is_empty() { Path::new(".") } else { dir })
    {
        return find_upward(&real, relative);
    }
    None
}
