//! Syntax tree → AST: reads each token's value and explains values that cannot be read
//! (`Rp1,6 miliar`, `32,268`, `10/2022`), without judging whether they make sense together.

use super::ast::*;
use super::syntax::{Kind, Node};
use crate::calendar::{self, CalendarError, Month};
use crate::diag::{Diagnostic, FileId, Span};
use crate::money::{self, NumberError, Rupiah};
use crate::msg;

/// Lowers a parsed file. Diagnostics for unreadable values go to `diagnostics`; the
/// statement holding them is left out of the AST (but its keyword is recorded as written).
pub fn lower(file: FileId, root: &Node, diagnostics: &mut Vec<Diagnostic>) -> PolicyFile {
    let mut cx = Lower { file, diagnostics };
    let programs = root.children_of(Kind::Program).map(|p| cx.program(p)).collect();
    PolicyFile { programs }
}

struct Lower<'a> {
    file: FileId,
    diagnostics: &'a mut Vec<Diagnostic>,
}

fn tokens(node: &Node, kind: Kind) -> impl Iterator<Item = &Node> {
    node.children.iter().filter(move |c| c.kind == kind)
}

fn spanned_text(node: &Node) -> Spanned<String> {
    Spanned::new(node.text.clone(), node.span)
}

fn unquote(node: &Node) -> Spanned<String> {
    let inner = node.text.strip_prefix('"').and_then(|t| t.strip_suffix('"')).unwrap_or(&node.text);
    Spanned::new(inner.to_owned(), node.span)
}

impl Lower<'_> {
    fn program(&mut self, node: &Node) -> ProgramDecl {
        let keyword = node.keyword().map_or(node.span, |k| k.span);
        let name = self.name(node);
        let header = name.as_ref().map_or(keyword, |n| keyword.to(n.span));
        let mut statements = Vec::new();
        let mut written = Vec::new();
        for child in &node.children {
            let word = match child.kind {
                // a malformed statement was still written (and is reported already)
                Kind::Bad => super::syntax::leading_keyword(&child.text).unwrap_or(""),
                kind => super::syntax::keyword_of(kind),
            };
            if word.is_empty() {
                continue;
            }
            written.push(word);
            if let Some(statement) = self.statement(child) {
                statements.push(statement);
            }
        }
        ProgramDecl { name, header, statements, written }
    }

    /// The name of a program or funding source (`ident` or a reported `bad_name`).
    fn name(&mut self, node: &Node) -> Option<Spanned<String>> {
        if let Some(ident) = node.child(Kind::Ident) {
            return Some(spanned_text(ident));
        }
        let bad = node.child(Kind::BadName)?;
        let written = bad.text.trim();
        let span = Span::new(bad.span.start, bad.span.start + written.len());
        let suggestion: String = written
            .trim_matches('"')
            .to_lowercase()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        let mut d = Diagnostic::error("bad-name", self.file, span, msg!("bad-name", name = written))
            .with_label(msg!("bad-name.label"));
        d = if suggestion.starts_with(|c: char| c.is_ascii_alphabetic()) {
            d.with_help(msg!("bad-name.help", suggestion = suggestion))
        } else {
            d.with_help(msg!("bad-name.help-example"))
        };
        self.diagnostics.push(d);
        None
    }

    fn statement(&mut self, node: &Node) -> Option<Statement> {
        let keyword = node.keyword().map_or(node.span, |k| k.span);
        let cite = node.child(Kind::Cite).map(lower_cite);
        let body = match node.kind {
            Kind::Title => Body::Title(unquote(node.child(Kind::Str)?)),
            Kind::Region => Body::Region(spanned_text(node.child(Kind::Code)?)),
            Kind::Regulation => Body::Regulation {
                id: spanned_text(node.child(Kind::Ident)?),
                title: unquote(node.child(Kind::Str)?),
            },
            Kind::Benefits => Body::Benefits(tokens(node, Kind::Ident).map(spanned_text).collect()),
            Kind::DeclaredWage => Body::DeclaredWage(self.money(node.child(Kind::Money)?)?),
            Kind::Rates => Body::Rates(unquote(node.child(Kind::Str)?)),
            Kind::Catalog => Body::Catalog(unquote(node.child(Kind::Str)?)),
            Kind::Period => {
                let mut months = tokens(node, Kind::Month);
                let first = self.month(months.next()?);
                let last = self.month(months.next()?);
                Body::Period { first: first?, last: last? }
            }
            Kind::Funding => Body::Funding(self.funding(node)),
            Kind::FundingOrder => Body::FundingOrder(tokens(node, Kind::Ident).map(spanned_text).collect()),
            Kind::Quota => {
                let count = self.count(node.child(Kind::Number)?)?;
                let target = if let Some(t) = node.child(Kind::QuotaOccupation) {
                    QuotaTarget::Occupations(tokens(t, Kind::Ident).map(spanned_text).collect())
                } else if let Some(t) = node.child(Kind::QuotaRegion) {
                    QuotaTarget::Regions(tokens(t, Kind::Code).map(spanned_text).collect())
                } else {
                    QuotaTarget::Total
                };
                Body::Quota { count, target }
            }
            Kind::Rank => Body::Rank(
                node.children_of(Kind::RankKey)
                    .filter_map(|k| {
                        let column = k.children.iter().any(|c| c.kind == Kind::Keyword && c.text == "column");
                        let decile = k.children.iter().find(|c| {
                            c.kind == Kind::Keyword && matches!(c.text.as_str(), "poverty-decile" | "age")
                        });
                        let by = match (k.child(Kind::Str), decile) {
                            (Some(s), _) => unquote(s),
                            (None, Some(d)) => spanned_text(d),
                            (None, None) => spanned_text(k.child(Kind::Ident)?),
                        };
                        let descending =
                            k.children.iter().any(|c| c.kind == Kind::Keyword && c.text == "descending");
                        Some(RankKeyDecl { by, column, descending })
                    })
                    .collect(),
            ),
            Kind::Reserve => {
                let count = self.count(node.child(Kind::Number)?)?;
                let target = if let Some(t) = node.child(Kind::QuotaOccupation) {
                    QuotaTarget::Occupations(tokens(t, Kind::Ident).map(spanned_text).collect())
                } else {
                    QuotaTarget::Regions(
                        tokens(node.child(Kind::QuotaRegion)?, Kind::Code).map(spanned_text).collect(),
                    )
                };
                Body::Reserve { count, target, release_unused: node.child(Kind::ReleaseUnused).is_some() }
            }
            Kind::Occupations => Body::Occupations {
                codes: tokens(node, Kind::Ident).map(spanned_text).collect(),
                cites: node.children_of(Kind::Cite).map(lower_cite).collect(),
            },
            Kind::Age => {
                let mut numbers = tokens(node, Kind::Number);
                let min = self.count(numbers.next()?);
                let max = self.count(numbers.next()?);
                let at = match node.child(Kind::Date) {
                    Some(d) => Some(self.date(d)?),
                    None => None,
                };
                Body::Age { min: min?, max: max?, at }
            }
            Kind::Residence => Body::Residence(tokens(node, Kind::Code).map(spanned_text).collect()),
            Kind::Exclude => Body::Exclude(tokens(node, Kind::Ident).map(spanned_text).collect()),
            Kind::Poverty => Body::Poverty(self.count(node.child(Kind::Number)?)?),
            Kind::Plugin => Body::Plugin(self.plugin(node)?),
            Kind::YieldsTo => {
                if node.children.iter().any(|c| c.kind == Kind::Keyword && c.text == "regencies") {
                    Body::YieldsTo(YieldsTo::Regencies)
                } else {
                    Body::YieldsTo(YieldsTo::Programs(tokens(node, Kind::Ident).map(spanned_text).collect()))
                }
            }
            _ => return None,
        };
        Some(Statement { span: node.span, keyword, cite, body })
    }

    fn funding(&mut self, node: &Node) -> FundingDecl {
        let name = self.name(node);
        let mut decl = FundingDecl {
            name,
            kinds: Vec::new(),
            budgets: Vec::new(),
            quotas: Vec::new(),
            cites: Vec::new(),
            written: Vec::new(),
        };
        for child in &node.children {
            let word = match child.kind {
                Kind::Bad => super::syntax::leading_keyword(&child.text).unwrap_or(""),
                kind => super::syntax::keyword_of(kind),
            };
            if !word.is_empty() {
                decl.written.push(word);
            }
            match child.kind {
                Kind::FundingKind => decl.kinds.extend(child.child(Kind::Ident).map(spanned_text)),
                Kind::Budget => {
                    if let Some(m) = child.child(Kind::Money).and_then(|m| self.money(m)) {
                        decl.budgets.push(m);
                    }
                }
                Kind::Quota => {
                    if let Some(count) = child.child(Kind::Number).and_then(|n| self.count(n)) {
                        let target = child
                            .child(Kind::QuotaOccupation)
                            .or_else(|| child.child(Kind::QuotaRegion))
                            .map(|t| t.span);
                        decl.quotas.push(FundingQuota { count, target });
                    }
                }
                Kind::Cite => decl.cites.push(lower_cite(child)),
                _ => {}
            }
        }
        decl
    }

    fn plugin(&mut self, node: &Node) -> Option<PluginDecl> {
        let path = unquote(node.child(Kind::Str)?);
        let mut decl = PluginDecl { path, sha256: Vec::new(), params: Vec::new(), limits: Vec::new() };
        for child in &node.children {
            match child.kind {
                Kind::Sha256 => decl.sha256.extend(child.child(Kind::Str).map(unquote)),
                Kind::Param => {
                    let mut parts =
                        child.children.iter().filter(|c| c.kind != Kind::Keyword && c.kind != Kind::Comment);
                    let (Some(name), Some(value)) = (parts.next(), parts.next()) else { continue };
                    let parsed = match value.kind {
                        Kind::Str => Some(ParamValue::Text(unquote(value).value)),
                        Kind::Number => self.count(value).map(|c| ParamValue::Integer(c.value)),
                        Kind::Money => self.money(value).map(|m| ParamValue::Money(m.value)),
                        _ => Some(ParamValue::Word(value.text.clone())),
                    };
                    if let Some(v) = parsed {
                        decl.params
                            .push(Param { name: spanned_text(name), value: Spanned::new(v, value.span) });
                    }
                }
                Kind::Limit => {
                    let (Some(name), Some(number)) = (child.child(Kind::Ident), child.child(Kind::Number))
                    else {
                        continue;
                    };
                    if let Some(value) = self.count(number) {
                        decl.limits.push(Limit { name: spanned_text(name), value });
                    }
                }
                _ => {}
            }
        }
        Some(decl)
    }

    fn money(&mut self, node: &Node) -> Option<Spanned<Rupiah>> {
        match money::parse_rupiah(&node.text) {
            Ok(r) => Some(Spanned::new(r, node.span)),
            Err(e) => {
                let text = &node.text;
                let (message, help) = match e {
                    NumberError::Rounded { approximately } => (
                        msg!("money-rounded", text = text),
                        match approximately {
                            Some(n) => msg!("money-rounded.help-exact", amount = Rupiah(n)),
                            None => msg!("money-rounded.help"),
                        },
                    ),
                    NumberError::Decimal => (msg!("money-decimal", text = text), msg!("money-decimal.help")),
                    NumberError::BadGrouping => {
                        (msg!("money-grouping", text = text), msg!("money-grouping.help"))
                    }
                    NumberError::TooLarge => {
                        (msg!("money-too-large", text = text), msg!("money-too-large.help"))
                    }
                    NumberError::NotANumber => {
                        (msg!("money-not-money", text = text), msg!("money-not-money.help"))
                    }
                };
                self.diagnostics.push(
                    Diagnostic::error("malformed-money", self.file, node.span, message)
                        .with_label(msg!("money-not-exact"))
                        .with_help(help),
                );
                None
            }
        }
    }

    fn count(&mut self, node: &Node) -> Option<Spanned<i64>> {
        match money::parse_count(&node.text) {
            Ok(n) => Some(Spanned::new(n, node.span)),
            Err(e) => {
                let text = &node.text;
                let (message, help) = match e {
                    NumberError::Decimal => (
                        msg!("number-not-whole", text = text),
                        msg!("number-comma.help", fixed = text.replace(',', ".")),
                    ),
                    NumberError::BadGrouping => {
                        (msg!("money-grouping", text = text), msg!("number-grouping.help"))
                    }
                    NumberError::Rounded { .. } | NumberError::TooLarge | NumberError::NotANumber => {
                        (msg!("number-not-whole", text = text), msg!("number-not-whole.help"))
                    }
                };
                self.diagnostics.push(
                    Diagnostic::error("malformed-number", self.file, node.span, message)
                        .with_label(msg!("number-not-whole.label"))
                        .with_help(help),
                );
                None
            }
        }
    }

    fn month(&mut self, node: &Node) -> Option<Spanned<Month>> {
        match Month::parse(&node.text) {
            Ok(m) => Some(Spanned::new(m, node.span)),
            Err(e) => {
                let text = &node.text;
                let (message, help) = match e {
                    CalendarError::DateNotMonth => (
                        msg!("month-is-date", text = text),
                        msg!("month-is-date.help", month = &text[..text.rfind('-').unwrap_or(text.len())]),
                    ),
                    CalendarError::NoSuchMonth(m) | CalendarError::NoSuchDay(m) => {
                        (msg!("month-no-such", text = text, month = m), msg!("month-no-such.help"))
                    }
                    CalendarError::Layout => (
                        msg!("month-layout", text = text),
                        match swap_month_year(text) {
                            Some(fixed) => msg!("month-layout.help-fixed", fixed = fixed),
                            None => msg!("month-layout.help"),
                        },
                    ),
                };
                self.diagnostics.push(
                    Diagnostic::error("malformed-month", self.file, node.span, message)
                        .with_label(msg!("month-layout.label"))
                        .with_help(help),
                );
                None
            }
        }
    }

    fn date(&mut self, node: &Node) -> Option<Spanned<jiff::civil::Date>> {
        match calendar::parse_date(&node.text) {
            Ok(d) => Some(Spanned::new(d, node.span)),
            Err(e) => {
                let text = &node.text;
                let (message, help) = match e {
                    CalendarError::NoSuchDay(_) | CalendarError::NoSuchMonth(_) => {
                        (msg!("date-no-such", text = text), msg!("date-no-such.help"))
                    }
                    CalendarError::Layout | CalendarError::DateNotMonth => (
                        msg!("date-layout", text = text),
                        match day_month_year(text) {
                            Some(fixed) => msg!("date-layout.help-fixed", fixed = fixed),
                            None => msg!("date-layout.help"),
                        },
                    ),
                };
                self.diagnostics.push(
                    Diagnostic::error("malformed-date", self.file, node.span, message)
                        .with_label(msg!("date-layout.label"))
                        .with_help(help),
                );
                None
            }
        }
    }
}

fn lower_cite(node: &Node) -> Cite {
    let regulation =
        node.child(Kind::Ident).map_or_else(|| Spanned::new(String::new(), node.span), spanned_text);
    Cite { regulation, article: node.child(Kind::Str).map(unquote), span: node.span }
}

/// `10/2022` or `10-2022` → `2022-10`.
fn swap_month_year(text: &str) -> Option<String> {
    let (m, y) = text.split_once(['/', '-', '.'])?;
    (y.len() == 4 && m.len() <= 2 && m.parse::<u8>().is_ok_and(|m| (1..=12).contains(&m)))
        .then(|| format!("{y}-{m:0>2}"))
}

/// `01/10/2022` or `01-10-2022` → `2022-10-01`.
fn day_month_year(text: &str) -> Option<String> {
    let parts: Vec<&str> = text.split(['/', '-', '.']).collect();
    match parts.as_slice() {
        [d, m, y] if y.len() == 4 && d.len() <= 2 && m.len() <= 2 => Some(format!("{y}-{m:0>2}-{d:0>2}")),
        _ => None,
    }
}
