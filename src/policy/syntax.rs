//! Policy text → concrete syntax tree. The only module that knows about pest.
//!
//! [`parse`] never fails: braces are matched (and repaired) first by [`braces`], then the
//! pest grammar (`grammar/policy.pest`) parses the text, turning any line it cannot read
//! into a [`Kind::Bad`] node with a diagnostic that says what was expected there. The tree
//! keeps every token and comment with its span, so the formatter can print it back and the
//! lowering can build the typed AST from it.

use pest::Parser as _;
use pest::iterators::Pair;

use super::braces;
use crate::diag::{Diagnostic, FileId, Span, closest};
use crate::i18n::{Arg, Msg};
use crate::msg;

#[derive(pest_derive::Parser)]
#[grammar = "grammar/policy.pest"]
struct PolicyParser;

/// What a syntax node is: a statement (by its keyword), a clause, or a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    File,
    Program,
    Title,
    Region,
    Regulation,
    Benefits,
    DeclaredWage,
    Rates,
    Catalog,
    Period,
    Funding,
    FundingKind,
    Budget,
    FundingOrder,
    Quota,
    QuotaOccupation,
    QuotaRegion,
    Reserve,
    ReleaseUnused,
    Rank,
    RankKey,
    Occupations,
    Age,
    Residence,
    Exclude,
    Poverty,
    Plugin,
    Sha256,
    Param,
    Limit,
    YieldsTo,
    Cite,
    /// A line no statement matched (already reported).
    Bad,
    /// A program or funding name that is not a valid name (reported by lowering).
    BadName,
    // tokens
    Keyword,
    Ident,
    Str,
    Number,
    Code,
    Month,
    Date,
    Money,
    Range,
    Comma,
    LBrace,
    RBrace,
    Comment,
}

impl Kind {
    /// Leaves of the tree: they carry text.
    pub fn is_token(self) -> bool {
        matches!(
            self,
            Kind::Keyword
                | Kind::Ident
                | Kind::Str
                | Kind::Number
                | Kind::Code
                | Kind::Month
                | Kind::Date
                | Kind::Money
                | Kind::Range
                | Kind::Comma
                | Kind::LBrace
                | Kind::RBrace
                | Kind::Comment
                | Kind::Bad
                | Kind::BadName
        )
    }
}

/// A node of the concrete syntax tree.
#[derive(Clone, Debug)]
pub struct Node {
    pub kind: Kind,
    /// Position in the original text (before any brace repair).
    pub span: Span,
    /// The source text of a token; empty for inner nodes.
    pub text: String,
    pub children: Vec<Node>,
}

impl Node {
    pub fn child(&self, kind: Kind) -> Option<&Node> {
        self.children.iter().find(|c| c.kind == kind)
    }

    pub fn children_of(&self, kind: Kind) -> impl Iterator<Item = &Node> {
        self.children.iter().filter(move |c| c.kind == kind)
    }

    /// The first keyword of a statement (`period`, `funding`, ...).
    pub fn keyword(&self) -> Option<&Node> {
        self.child(Kind::Keyword)
    }

    /// Every token below this node, in order, comments included.
    pub fn tokens(&self) -> Vec<&Node> {
        let mut out = Vec::new();
        collect_tokens(self, &mut out);
        out
    }
}

fn collect_tokens<'a>(node: &'a Node, out: &mut Vec<&'a Node>) {
    if node.kind.is_token() {
        out.push(node);
    }
    for child in &node.children {
        collect_tokens(child, out);
    }
}

/// The result of parsing one file.
pub struct Parse {
    pub root: Node,
    pub diagnostics: Vec<Diagnostic>,
    /// Braces had to be repaired: the tree is a best guess, not the text as written.
    pub repaired: bool,
}

impl Parse {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Rule calls one parse may make. The grammar reads any text in time linear in its length;
/// this bound only keeps a mistake in it from hanging `check` (about half a second of
/// parsing on the benchmark machine, ample for a 1 MB policy).
pub const PARSER_CALL_LIMIT: usize = 40_000_000;

fn limit_parser_calls() {
    static SET: std::sync::Once = std::sync::Once::new();
    SET.call_once(|| pest::set_call_limit(std::num::NonZeroUsize::new(PARSER_CALL_LIMIT)));
}

/// Parses policy text. Never fails: problems become diagnostics.
pub fn parse(file: FileId, text: &str) -> Parse {
    let statements = braces::Statements { leading_keyword, belongs_in };
    let brace_check = braces::check(file, text, &statements);
    let mut diagnostics = brace_check.diagnostics;
    let repaired = !brace_check.edits.is_empty();
    let (text_used, inserted) =
        if repaired { braces::apply(text, &brace_check.edits) } else { (text.to_owned(), Vec::new()) };
    let map = OffsetMap { inserted };
    limit_parser_calls();
    let root = match PolicyParser::parse(Rule::file, &text_used) {
        Ok(mut pairs) => match pairs.next() {
            Some(pair) => {
                let mut cx = Convert { file, text: &text_used, map: &map, diagnostics: &mut diagnostics };
                cx.node(pair, Context::Top)
            }
            None => empty_file(text),
        },
        Err(error) => {
            // The recovery rules accept any text with matched braces, and the grammar reads
            // in linear time; still, a text that makes the parser work past its call limit
            // (or a bug) is reported as a syntax error rather than hanging or crashing.
            let pos = error_position(&error);
            let at = map.original(pos);
            let limit = matches!(&error.variant, pest::error::ErrorVariant::CustomError { message } if message.contains("call limit"));
            diagnostics.push(if limit {
                Diagnostic::error("too-complex", file, Span::new(at, at), msg!("too-complex"))
                    .with_help(msg!("too-complex.help"))
            } else {
                Diagnostic::error("syntax", file, Span::new(at, at), msg!("syntax"))
                    .with_help(msg!("syntax.help"))
            });
            empty_file(text)
        }
    };
    Parse { root, diagnostics, repaired }
}

fn empty_file(text: &str) -> Node {
    Node { kind: Kind::File, span: Span::new(0, text.len()), text: String::new(), children: Vec::new() }
}

/// Maps offsets in the repaired text back to the original.
struct OffsetMap {
    /// Offsets, in the repaired text, of inserted characters (sorted).
    inserted: Vec<usize>,
}

impl OffsetMap {
    fn original(&self, pos: usize) -> usize {
        pos - self.inserted.partition_point(|&i| i < pos)
    }

    fn span(&self, start: usize, end: usize) -> Span {
        let s = self.original(start);
        Span::new(s, self.original(end).max(s))
    }
}

/// Where a statement stands, which decides what may be written there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Context {
    Top,
    Program,
    Funding,
    Occupations,
    Plugin,
}

/// A statement: its keyword, the tree node it becomes, its grammar rule, where it may be
/// written and an example of a correct line. The one table of statements: the grammar's
/// `keyword` rule must know every keyword here (a test checks), and `Kind` ↔ keyword,
/// `Rule` → `Kind` and the statements allowed in each block all come from it.
pub struct Statement {
    pub keyword: &'static str,
    pub kind: Kind,
    rule: Rule,
    context: Context,
    /// Correct lines, `|` between them when the statement has more than one form.
    example: &'static str,
}

const fn statement(
    keyword: &'static str,
    kind: Kind,
    rule: Rule,
    context: Context,
    example: &'static str,
) -> Statement {
    Statement { keyword, kind, rule, context, example }
}

impl Statement {
    /// The example lines, each in backticks: `` `quota 32.268` or `quota 4.000 for …` ``.
    pub fn example(&self) -> Arg {
        Arg::AnyOf(self.example.split(" | ").map(|e| Arg::Text(format!("`{e}`"))).collect())
    }
}

pub const STATEMENTS: &[Statement] = &[
    statement("program", Kind::Program, Rule::program, Context::Top, "program paser-2022 { … }"),
    statement(
        "title",
        Kind::Title,
        Rule::title,
        Context::Program,
        "title \"Perlindungan Pekerja Rentan Kabupaten Paser 2022\"",
    ),
    statement("region", Kind::Region, Rule::region, Context::Program, "region 64.01"),
    statement(
        "regulation",
        Kind::Regulation,
        Rule::regulation,
        Context::Program,
        "regulation perbup-paser \"Peraturan Bupati Paser Nomor … Tahun 2022\"",
    ),
    statement("benefits", Kind::Benefits, Rule::benefits, Context::Program, "benefits JKK, JKM"),
    statement(
        "declared-wage",
        Kind::DeclaredWage,
        Rule::declared_wage,
        Context::Program,
        "declared-wage Rp1.000.000",
    ),
    statement("rates", Kind::Rates, Rule::rates, Context::Program, "rates \"rates.toml\""),
    statement("catalog", Kind::Catalog, Rule::catalog, Context::Program, "catalog \"occupations.toml\""),
    statement("period", Kind::Period, Rule::period, Context::Program, "period 2022-10 .. 2022-12"),
    statement(
        "funding",
        Kind::Funding,
        Rule::funding,
        Context::Program,
        "funding apbd-2022 { kind APBD  budget Rp1.626.307.200 }",
    ),
    statement(
        "funding-order",
        Kind::FundingOrder,
        Rule::funding_order,
        Context::Program,
        "funding-order apbd-2025, csr-2025",
    ),
    statement(
        "quota",
        Kind::Quota,
        Rule::quota,
        Context::Program,
        "quota 32.268 | quota 4.000 for region 64.09.01",
    ),
    statement(
        "occupations",
        Kind::Occupations,
        Rule::occupations,
        Context::Program,
        "occupations { nelayan  petani }",
    ),
    statement(
        "reserve",
        Kind::Reserve,
        Rule::reserve,
        Context::Program,
        "reserve 1.000 for region 64.72.03 | reserve 500 for occupation nelayan release unused",
    ),
    statement(
        "rank",
        Kind::Rank,
        Rule::rank,
        Context::Program,
        "rank by poverty-decile, age descending | rank by column urutan_usulan cite perbup \"Pasal 4\"",
    ),
    statement("age", Kind::Age, Rule::age, Context::Program, "age 15 .. 64 at 2022-10-01"),
    statement("residence", Kind::Residence, Rule::residence, Context::Program, "residence within 64.01"),
    statement("exclude", Kind::Exclude, Rule::exclude, Context::Program, "exclude civil-servant, student"),
    statement("poverty-decile", Kind::Poverty, Rule::poverty, Context::Program, "poverty-decile at-most 4"),
    statement(
        "plugin",
        Kind::Plugin,
        Rule::plugin,
        Context::Program,
        "plugin \"plugins/paser.wasm\" { sha256 \"…\" }",
    ),
    statement("yields-to", Kind::YieldsTo, Rule::yields_to, Context::Program, "yields-to regencies"),
    statement("kind", Kind::FundingKind, Rule::funding_kind, Context::Funding, "kind APBD"),
    statement("budget", Kind::Budget, Rule::budget, Context::Funding, "budget Rp1.626.307.200"),
    statement("quota", Kind::Quota, Rule::funding_quota, Context::Funding, "quota 10.000"),
    statement("cite", Kind::Cite, Rule::cite, Context::Funding, "cite perbup-paser \"Pasal 5\""),
    statement("cite", Kind::Cite, Rule::cite, Context::Occupations, "cite perbup-paser \"Pasal 3\""),
    statement("sha256", Kind::Sha256, Rule::sha256, Context::Plugin, "sha256 \"9f86d081884c7d65…\""),
    statement("param", Kind::Param, Rule::param, Context::Plugin, "param priority-occupation nelayan"),
    statement("limit", Kind::Limit, Rule::limit, Context::Plugin, "limit fuel-per-applicant 200.000"),
];

impl Context {
    fn statements(self) -> impl Iterator<Item = &'static Statement> {
        STATEMENTS.iter().filter(move |s| s.context == self)
    }

    /// Where the context is, in words.
    fn place(self) -> Msg {
        match self {
            Context::Top => msg!("place-top"),
            Context::Program => msg!("place-program"),
            Context::Funding => msg!("place-funding"),
            Context::Occupations => msg!("place-occupations"),
            Context::Plugin => msg!("place-plugin"),
        }
    }
}

const ALL_CONTEXTS: [Context; 5] =
    [Context::Top, Context::Program, Context::Funding, Context::Occupations, Context::Plugin];

/// Whether a statement starting with `keyword` stands directly inside the block opened by a
/// `block` statement (`""` for the top of the file).
pub fn belongs_in(block: &str, keyword: &str) -> bool {
    let context = match block {
        "" => Context::Top,
        "program" => Context::Program,
        "funding" => Context::Funding,
        "occupations" => Context::Occupations,
        "plugin" => Context::Plugin,
        _ => return false,
    };
    STATEMENTS.iter().any(|s| s.keyword == keyword && s.context == context)
}

/// The statement keyword a line starts with, if it starts with one.
pub fn leading_keyword(line: &str) -> Option<&'static str> {
    let word: String = line.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    STATEMENTS.iter().map(|s| s.keyword).find(|k| *k == word)
}

/// The keyword of a statement node (`""` for anything that is not a statement).
pub fn keyword_of(kind: Kind) -> &'static str {
    STATEMENTS.iter().find(|s| s.kind == kind).map_or("", |s| s.keyword)
}

/// The example line of a statement keyword, for help texts elsewhere.
pub fn example(keyword: &str) -> Option<Arg> {
    STATEMENTS.iter().find(|s| s.keyword == keyword).map(Statement::example)
}

struct Convert<'a> {
    file: FileId,
    /// The text parsed (after brace repair).
    text: &'a str,
    map: &'a OffsetMap,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Convert<'_> {
    fn node(&mut self, pair: Pair<'_, Rule>, context: Context) -> Node {
        let kind = kind_of(pair.as_rule());
        let span = self.map.span(pair.as_span().start(), pair.as_span().end());
        let inner_context = match kind {
            Kind::File => Context::Top,
            Kind::Program => Context::Program,
            Kind::Funding => Context::Funding,
            Kind::Occupations => Context::Occupations,
            Kind::Plugin => Context::Plugin,
            _ => context,
        };
        if kind.is_token() {
            return Node { kind, span, text: pair.as_str().to_owned(), children: Vec::new() };
        }
        let mut children: Vec<Node> = Vec::new();
        let mut previous: Option<(Kind, usize)> = None;
        for inner in pair.into_inner() {
            if inner.as_rule() == Rule::EOI {
                continue;
            }
            let (start, end) = (inner.as_span().start(), inner.as_span().end());
            let child = if inner.as_rule() == Rule::bad {
                let after = previous
                    .filter(|(_, prev_end)| !self.text[*prev_end..start].contains('\n'))
                    .map(|(k, _)| k);
                let d = self.diagnose_bad(inner.as_str(), start, inner_context, after);
                self.diagnostics.push(d);
                Node {
                    kind: Kind::Bad,
                    span: self.map.span(start, end),
                    text: inner.as_str().to_owned(),
                    children: Vec::new(),
                }
            } else {
                self.node(inner, inner_context)
            };
            if child.kind != Kind::Comment {
                previous = Some((child.kind, end));
            }
            children.push(child);
            // pest keeps a comment skipped before an optional part that was not there
            // (`cite x` then `# note`) inside the statement; it belongs after it.
            if let Some(last) = children.last_mut()
                && !last.kind.is_token()
            {
                let keep = last.children.iter().rposition(|c| c.kind != Kind::Comment).map_or(0, |i| i + 1);
                let trailing: Vec<Node> = last.children.drain(keep..).collect();
                if let Some(end) = last.children.last().map(|c| c.span.end) {
                    last.span.end = end;
                }
                children.extend(trailing);
            }
        }
        Node { kind, span, text: String::new(), children }
    }

    /// Explains a line that matched no statement.
    fn diagnose_bad(&self, text: &str, start: usize, context: Context, after: Option<Kind>) -> Diagnostic {
        let first_line = text.lines().next().unwrap_or("").trim_end();
        let span_of = |from: usize, len: usize| self.map.span(start + from, start + from + len);
        let whole = span_of(0, first_line.len());
        if text.starts_with('{') {
            return Diagnostic::error(
                "block-without-statement",
                self.file,
                span_of(0, 1),
                msg!("block-without-statement"),
            )
            .with_label(msg!("block-without-statement.label"))
            .with_help(msg!("block-without-statement.help"));
        }
        if first_line.matches('"').count() % 2 == 1 {
            let quote = first_line.rfind('"').unwrap_or(0);
            return Diagnostic::error(
                "unclosed-text",
                self.file,
                span_of(quote, first_line.len() - quote),
                msg!("unclosed-text"),
            )
            .with_label(msg!("unclosed-text.label"))
            .with_help(msg!("unclosed-text.help"));
        }
        let word: String =
            first_line.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
        if context == Context::Occupations && word != "cite" {
            return occupation_item(self.file, first_line, whole);
        }
        if word.is_empty() {
            let shown: String = first_line.chars().take(40).collect();
            return Diagnostic::error(
                "unexpected-text",
                self.file,
                whole,
                msg!("unexpected-text-here", text = shown, place => context.place()),
            )
            .with_label(msg!("unexpected-text-here.label"))
            .with_help(msg!("unexpected-text-here.help"));
        }
        if let Some(previous) = after.filter(|k| !matches!(k, Kind::LBrace | Kind::Keyword | Kind::Ident))
            && !context.statements().any(|s| s.keyword == word)
        {
            let keyword = keyword_of(previous);
            let shown: String = first_line.chars().take(60).collect();
            return Diagnostic::error(
                "unexpected-text",
                self.file,
                whole,
                msg!("unexpected-text-after", text = shown, keyword = keyword),
            )
            .with_label(msg!("unexpected-text-after.label"))
            .with_help(match example(keyword) {
                Some(e) => msg!("unexpected-text-after.help", keyword = keyword, example => e),
                None => msg!("unexpected-text-after.help-note"),
            });
        }
        if let Some(statement) = context.statements().find(|s| s.keyword == word) {
            return self.malformed(statement, text, start);
        }
        if let Some(home) =
            ALL_CONTEXTS.iter().find(|c| **c != context && c.statements().any(|s| s.keyword == word))
        {
            return Diagnostic::error(
                "misplaced-statement",
                self.file,
                span_of(0, word.len()),
                msg!("misplaced-statement", word = &word, place => context.place()),
            )
            .with_label(msg!("misplaced-statement.label"))
            .with_help(msg!("misplaced-statement.help", word = &word, place => home.place()));
        }
        let candidates: Vec<&str> = context.statements().map(|s| s.keyword).collect();
        let help = match closest(&word, candidates.iter().copied()) {
            Some(k) => msg!("did-you-mean", word = k),
            None => msg!(
                "unknown-statement.help",
                place => context.place(),
                statements => Arg::AllOf(candidates.iter().map(|k| Arg::Text(format!("`{k}`"))).collect())
            ),
        };
        Diagnostic::error(
            "unknown-statement",
            self.file,
            span_of(0, word.len()),
            msg!("unknown-statement", word = &word),
        )
        .with_label(msg!("unknown-statement.label"))
        .with_help(help)
    }

    /// A line that starts with a known keyword but does not follow its grammar: parse it
    /// alone to find the first token that is wrong.
    fn malformed(&self, statement: &Statement, text: &str, start: usize) -> Diagnostic {
        let keyword = statement.keyword;
        let help = msg!("write-it-like", example => statement.example());
        match PolicyParser::parse(statement.rule, text) {
            Ok(pairs) => {
                let consumed = pairs.last().map_or(0, |p| p.as_span().end());
                let rest = &text[consumed..];
                let skipped = rest.len() - rest.trim_start().len();
                let extra = rest.trim_start().lines().next().unwrap_or("").trim_end();
                let at = consumed + skipped;
                Diagnostic::error(
                    "unexpected-text",
                    self.file,
                    self.map.span(start + at, start + at + extra.len()),
                    msg!("unexpected-text-after", text = extra, keyword = keyword),
                )
                .with_label(msg!("unexpected-text-after.label"))
                .with_help(help)
            }
            Err(error) => {
                let pos = error_position(&error).min(text.len());
                let expected = match &error.variant {
                    pest::error::ErrorVariant::ParsingError { positives, .. } => {
                        let mut seen: Vec<Msg> = Vec::new();
                        for d in positives.iter().filter_map(|r| describe(*r)) {
                            if !seen.contains(&d) {
                                seen.push(d);
                            }
                        }
                        seen
                    }
                    pest::error::ErrorVariant::CustomError { .. } => Vec::new(),
                };
                let rest = &text[pos..];
                let found: String = rest.chars().take_while(|c| !c.is_whitespace()).take(40).collect();
                let (found_text, len) = if found.is_empty() {
                    (msg!("found-end-of-line"), 0)
                } else {
                    (msg!("found-text", text = &found), found.len())
                };
                let expected_text = if expected.is_empty() {
                    Arg::from(msg!("expected-something-else"))
                } else {
                    Arg::AnyOf(expected.into_iter().map(Arg::from).collect())
                };
                Diagnostic::error(
                    "malformed-statement",
                    self.file,
                    self.map.span(start + pos, start + pos + len),
                    msg!("malformed-statement", keyword = keyword, expected => expected_text.clone(), found => found_text),
                )
                .with_label(msg!("malformed-statement.label", expected => expected_text))
                .with_help(help)
            }
        }
    }
}

/// A line inside `occupations { … }` that is not a plain occupation code.
fn occupation_item(file: FileId, line: &str, span: Span) -> Diagnostic {
    let as_code = |s: &str| {
        s.trim_matches(|c: char| c == '"' || c == ',' || c.is_whitespace())
            .to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join("-")
    };
    if line.contains(',') {
        return Diagnostic::error("occupation-list-commas", file, span, msg!("occupation-list-commas"))
            .with_label(msg!("occupation-list-commas.label"))
            .with_help(msg!("occupation-list-commas.help"));
    }
    if line.starts_with('"') {
        return Diagnostic::error("occupation-in-quotes", file, span, msg!("occupation-in-quotes"))
            .with_label(msg!("occupation-in-quotes.label"))
            .with_help(msg!("write-code", code = as_code(line)));
    }
    Diagnostic::error("unexpected-text", file, span, msg!("not-an-occupation-code", text = line))
        .with_label(msg!("not-an-occupation-code.label"))
        .with_help(msg!("not-an-occupation-code.help"))
}

fn error_position(error: &pest::error::Error<Rule>) -> usize {
    match error.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    }
}

/// What a grammar rule stands for, in the words of the people writing policies.
fn describe(rule: Rule) -> Option<Msg> {
    let symbol = |s: &str| msg!("symbol", symbol = s);
    Some(match rule {
        Rule::ident | Rule::name => msg!("expect-name"),
        Rule::string => msg!("expect-string"),
        Rule::number => msg!("expect-number"),
        Rule::code => msg!("expect-code"),
        Rule::month => msg!("expect-month"),
        Rule::date => msg!("expect-date"),
        Rule::money => msg!("expect-money"),
        Rule::range => symbol(".."),
        Rule::comma => symbol(","),
        Rule::lbrace => symbol("{"),
        Rule::rbrace => symbol("}"),
        Rule::cite | Rule::kw_cite => symbol("cite"),
        Rule::kw_at => symbol("at"),
        Rule::kw_within => symbol("within"),
        Rule::kw_for => symbol("for"),
        Rule::kw_release | Rule::release_unused => symbol("release unused"),
        Rule::kw_unused => symbol("unused"),
        Rule::kw_by => symbol("by"),
        Rule::rank_key => msg!("expect-rank-key"),
        Rule::kw_at_most => symbol("at-most"),
        Rule::kw_occupation | Rule::quota_occupation => symbol("occupation"),
        Rule::kw_region | Rule::quota_region => symbol("region"),
        Rule::kw_regencies => symbol("regencies"),
        Rule::EOI => msg!("expect-end-of-file"),
        _ => return None,
    })
}

fn kind_of(rule: Rule) -> Kind {
    if let Some(s) = STATEMENTS.iter().find(|s| s.rule == rule) {
        return s.kind;
    }
    match rule {
        Rule::file => Kind::File,
        Rule::quota_occupation => Kind::QuotaOccupation,
        Rule::quota_region => Kind::QuotaRegion,
        Rule::release_unused => Kind::ReleaseUnused,
        Rule::rank_key => Kind::RankKey,
        Rule::bad => Kind::Bad,
        Rule::bad_name => Kind::BadName,
        Rule::ident => Kind::Ident,
        Rule::string => Kind::Str,
        Rule::number => Kind::Number,
        Rule::code | Rule::region_name => Kind::Code,
        Rule::month => Kind::Month,
        Rule::date => Kind::Date,
        Rule::money => Kind::Money,
        Rule::range => Kind::Range,
        Rule::comma => Kind::Comma,
        Rule::lbrace => Kind::LBrace,
        Rule::rbrace => Kind::RBrace,
        Rule::COMMENT => Kind::Comment,
        // every keyword rule, and the silent helpers that never reach the tree
        _ => Kind::Keyword,
    }
}
