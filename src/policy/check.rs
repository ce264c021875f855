//! AST → checked [`Program`]: does the policy make sense, and can it be paid for?
//!
//! Every problem is reported with the words that cause it underlined and a help line; the
//! checker goes on after each one so a legal officer sees all of them at once. Errors stop
//! a program from running; warnings point at what is legal but suspicious.
//!
//! This file holds the checker's frame (reporting, statements of a kind, citations) and puts
//! a program together; each concern has its own file: `basics` (title, region, reference
//! files, benefits, wage, periods, premiums), `funding` (sources, order, quotas, whether the
//! money pays), `eligibility` (occupations, age, residence, exclusions, poverty),
//! `plugin` and `precedence` (`yields-to`).

mod basics;
mod eligibility;
mod funding;
mod plugin;
mod precedence;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::Workspace;
use super::ast::{Body, Cite, PolicyFile, ProgramDecl, Statement};
use super::program::*;
use crate::diag::{Diagnostic, FileId, Span, closest};
use crate::i18n::{Arg, Msg};
use crate::msg;
use crate::region::regions;

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
                Diagnostic::error("missing-program", file, Span::new(0, 0), msg!("missing-program"))
                    .with_help(msg!("missing-program.help")),
            );
        }
        return None;
    };
    for extra in &input.ast.programs[1..] {
        out.push(
            Diagnostic::error("extra-program", file, extra.header, msg!("extra-program"))
                .with_label(msg!("extra-program.label"))
                .with_secondary(decl.header, msg!("extra-program.first"))
                .with_help(msg!("extra-program.help")),
        );
    }
    let mut checker =
        Checker { ws, file, dir: input.dir, decl, out, regulations: BTreeMap::new(), used: BTreeSet::new() };
    let program = checker.program(input.reference);
    checker.unused_regulations();
    program
}

pub(super) struct Checker<'a> {
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
    fn error(&mut self, code: &'static str, span: Span, message: Msg) -> &mut Diagnostic {
        self.out.push(Diagnostic::error(code, self.file, span, message));
        self.out.last_mut().expect("just pushed")
    }

    fn warning(&mut self, code: &'static str, span: Span, message: Msg) -> &mut Diagnostic {
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
                    msg!("duplicate-statement", keyword = keyword),
                )
                .with_label(msg!("duplicate-statement.label"))
                .with_secondary(first.0.keyword, msg!("duplicate-statement.first"))
                .with_help(msg!("duplicate-statement.help", keyword = keyword, line = line)),
            );
        }
        Some(first)
    }

    /// Reports a statement the program cannot do without.
    fn require<T>(&mut self, keyword: &str, found: Option<T>) -> Option<T> {
        if found.is_none() && !self.written(keyword) {
            let example = super::syntax::example(keyword).unwrap_or(crate::i18n::Arg::Text(String::new()));
            let header = self.decl.header;
            self.error("missing-statement", header, msg!("missing-statement", keyword = keyword))
                .label(msg!("missing-statement.label", keyword = keyword))
                .help(msg!("missing-statement.help", example => example));
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
                self.error("duplicate-name", id.span, msg!("duplicate-regulation", id = &id.value))
                    .secondary(first, msg!("first-declared-here"))
                    .help(msg!("duplicate-regulation.help"));
                continue;
            }
            if title.value.trim().is_empty() {
                self.error("empty-text", s.span, msg!("regulation-without-title"))
                    .help(msg!("regulation-without-title.help"));
            }
            self.regulations.insert(id.value.clone(), (title.value.clone(), id.span));
        }
        if self.regulations.is_empty() && !self.written("regulation") {
            let header = self.decl.header;
            self.warning("no-legal-basis", header, msg!("no-legal-basis")).help(msg!("no-legal-basis.help"));
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
        let reserves = self.reserves(quota.as_ref(), occupations.as_ref().map(|o| &o.0), region.as_deref());
        let ranking = self.ranking(catalog.as_ref().map(|(c, _)| c.personal_data()).unwrap_or(&[]));
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
            reserves,
            ranking,
            rules,
            plugin: plugin?,
            yields_to,
            catalog,
            catalog_ref,
            rates,
            rates_ref,
            warnings: Vec::new(),
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
                    Some(c) => msg!("did-you-mean", word = c),
                    None if declared.is_empty() => msg!("unknown-regulation.help-first", id = id),
                    None => {
                        msg!("unknown-regulation.help", id = id, declared => code_list(declared.iter().copied()))
                    }
                };
                self.error("unknown-regulation", cite.regulation.span, msg!("unknown-regulation", id = id))
                    .label(msg!("unknown-regulation.label"))
                    .help(help);
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
            self.warning("unused-regulation", span, msg!("unused-regulation", id = &id))
                .label(msg!("unused-regulation.label"))
                .help(msg!("unused-regulation.help", id = &id));
        }
    }

    /// Warns about a rule without a citation; `what` names the rule.
    fn uncited(&mut self, statement: &Statement, what: Msg) {
        if statement.cite.is_none() {
            self.warning("uncited-rule", statement.keyword, msg!("uncited-rule", what => what))
                .label(msg!("uncited-rule.label"))
                .help(msg!("uncited-rule.help"));
        }
    }
}

/// `` `a`, `b` or `c` `` (in the message's language).
fn code_list<'s>(codes: impl IntoIterator<Item = &'s str>) -> Arg {
    Arg::AnyOf(codes.into_iter().map(|c| Arg::Text(format!("`{c}`"))).collect())
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
