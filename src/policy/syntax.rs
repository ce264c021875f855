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
use crate::diag::{Diagnostic, FileId, Span, closest, one_of};

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
    let brace_check = braces::check(file, text);
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
                Diagnostic::error("too-complex", file, Span::new(at, at), "this text is too tangled to read")
                    .with_help("look for quotes and braces that are never closed, and fix those first")
            } else {
                Diagnostic::error("syntax", file, Span::new(at, at), "this text cannot be read")
                    .with_help("check the line for a stray character")
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

/// A statement keyword: its grammar rule and an example of a correct line.
struct Statement {
    keyword: &'static str,
    rule: Rule,
    example: &'static str,
}

const TOP: &[Statement] =
    &[Statement { keyword: "program", rule: Rule::program, example: "program paser-2022 { … }" }];

const PROGRAM: &[Statement] = &[
    Statement {
        keyword: "title",
        rule: Rule::title,
        example: "title \"Perlindungan Pekerja Rentan Kabupaten Paser 2022\"",
    },
    Statement { keyword: "region", rule: Rule::region, example: "region 64.01" },
    Statement {
        keyword: "regulation",
        rule: Rule::regulation,
        example: "regulation perbup-paser \"Peraturan Bupati Paser Nomor … Tahun 2022\"",
    },
    Statement { keyword: "benefits", rule: Rule::benefits, example: "benefits JKK, JKM" },
    Statement { keyword: "declared-wage", rule: Rule::declared_wage, example: "declared-wage Rp1.000.000" },
    Statement { keyword: "rates", rule: Rule::rates, example: "rates \"rates.toml\"" },
    Statement { keyword: "catalog", rule: Rule::catalog, example: "catalog \"occupations.toml\"" },
    Statement { keyword: "period", rule: Rule::period, example: "period 2022-10 .. 2022-12" },
    Statement {
        keyword: "funding",
        rule: Rule::funding,
        example: "funding apbd-2022 { kind APBD  budget Rp1.626.307.200 }",
    },
    Statement {
        keyword: "funding-order",
        rule: Rule::funding_order,
        example: "funding-order apbd-2025, csr-2025",
    },
    Statement {
        keyword: "quota",
        rule: Rule::quota,
        example: "quota 32.268  or  quota 4.000 for region 64.09.01",
    },
    Statement { keyword: "occupations", rule: Rule::occupations, example: "occupations { nelayan  petani }" },
    Statement { keyword: "age", rule: Rule::age, example: "age 15 .. 64 at 2022-10-01" },
    Statement { keyword: "residence", rule: Rule::residence, example: "residence within 64.01" },
    Statement { keyword: "exclude", rule: Rule::exclude, example: "exclude civil-servant, student" },
    Statement { keyword: "poverty-decile", rule: Rule::poverty, example: "poverty-decile at-most 4" },
    Statement {
        keyword: "plugin",
        rule: Rule::plugin,
        example: "plugin \"plugins/paser.wasm\" { sha256 \"…\" }",
    },
    Statement { keyword: "yields-to", rule: Rule::yields_to, example: "yields-to regencies" },
];

const FUNDING: &[Statement] = &[
    Statement { keyword: "kind", rule: Rule::funding_kind, example: "kind APBD" },
    Statement { keyword: "budget", rule: Rule::budget, example: "budget Rp1.626.307.200" },
    Statement { keyword: "quota", rule: Rule::funding_quota, example: "quota 10.000" },
    Statement { keyword: "cite", rule: Rule::cite, example: "cite perbup-paser \"Pasal 5\"" },
];

const OCCUPATIONS: &[Statement] =
    &[Statement { keyword: "cite", rule: Rule::cite, example: "cite perbup-paser \"Pasal 3\"" }];

const PLUGIN: &[Statement] = &[
    Statement { keyword: "sha256", rule: Rule::sha256, example: "sha256 \"9f86d081884c7d65…\"" },
    Statement { keyword: "param", rule: Rule::param, example: "param priority-occupation nelayan" },
    Statement { keyword: "limit", rule: Rule::limit, example: "limit fuel-per-applicant 200.000" },
];

impl Context {
    fn statements(self) -> &'static [Statement] {
        match self {
            Context::Top => TOP,
            Context::Program => PROGRAM,
            Context::Funding => FUNDING,
            Context::Occupations => OCCUPATIONS,
            Context::Plugin => PLUGIN,
        }
    }

    fn place(self) -> &'static str {
        match self {
            Context::Top => "at the top of the file",
            Context::Program => "inside `program { … }`",
            Context::Funding => "inside a `funding` block",
            Context::Occupations => "inside `occupations { … }`",
            Context::Plugin => "inside a `plugin` block",
        }
    }
}

const ALL_CONTEXTS: [Context; 5] =
    [Context::Top, Context::Program, Context::Funding, Context::Occupations, Context::Plugin];

/// The statement keyword a line starts with, if it starts with one.
pub fn leading_keyword(line: &str) -> Option<&'static str> {
    let word: String = line.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    ALL_CONTEXTS.iter().flat_map(|c| c.statements()).map(|s| s.keyword).find(|k| *k == word)
}

/// The example line of a statement keyword, for help texts elsewhere.
pub fn example(keyword: &str) -> Option<&'static str> {
    ALL_CONTEXTS.iter().flat_map(|c| c.statements()).find(|s| s.keyword == keyword).map(|s| s.example)
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
                "this `{` opens a block, but no statement comes before it",
            )
            .with_label("block without a statement")
            .with_help("a block follows `funding <name>`, `occupations` or `plugin \"…\"` on the same line");
        }
        if first_line.matches('"').count() % 2 == 1 {
            let quote = first_line.rfind('"').unwrap_or(0);
            return Diagnostic::error(
                "unclosed-text",
                self.file,
                span_of(quote, first_line.len() - quote),
                "this text in quotes is not closed",
            )
            .with_label("no closing `\"`")
            .with_help("add `\"` at the end of the text; quoted text cannot continue on the next line");
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
                format!("unexpected `{shown}` {}", context.place()),
            )
            .with_label("not a statement")
            .with_help("each statement starts with a keyword; to add a note, start the line with `#`");
        }
        if let Some(previous) = after.filter(|k| !matches!(k, Kind::LBrace | Kind::Keyword | Kind::Ident))
            && !context.statements().iter().any(|s| s.keyword == word)
        {
            let keyword = super::lower::keyword_of(previous);
            let shown: String = first_line.chars().take(60).collect();
            return Diagnostic::error(
                "unexpected-text",
                self.file,
                whole,
                format!("unexpected `{shown}` after the `{keyword}` statement"),
            )
            .with_label("not part of the statement")
            .with_help(match example(keyword) {
                Some(e) => format!("`{keyword}` is written like `{e}`; to add a note, start it with `#`"),
                None => "to add a note, start it with `#`".to_owned(),
            });
        }
        if let Some(statement) = context.statements().iter().find(|s| s.keyword == word) {
            return self.malformed(statement, text, start);
        }
        if let Some(home) =
            ALL_CONTEXTS.iter().find(|c| **c != context && c.statements().iter().any(|s| s.keyword == word))
        {
            return Diagnostic::error(
                "misplaced-statement",
                self.file,
                span_of(0, word.len()),
                format!("`{word}` cannot be written {}", context.place()),
            )
            .with_label("not allowed here")
            .with_help(format!("`{word}` belongs {}", home.place()));
        }
        let candidates: Vec<&str> = context.statements().iter().map(|s| s.keyword).collect();
        let help = match closest(&word, candidates.iter().copied()) {
            Some(k) => format!("did you mean `{k}`?"),
            None => format!(
                "the statements {} are: {}; to add a note, start the line with `#`",
                context.place(),
                one_of(&candidates.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>())
            ),
        };
        Diagnostic::error(
            "unknown-statement",
            self.file,
            span_of(0, word.len()),
            format!("`{word}` is not a statement"),
        )
        .with_label("unknown statement")
        .with_help(help)
    }

    /// A line that starts with a known keyword but does not follow its grammar: parse it
    /// alone to find the first token that is wrong.
    fn malformed(&self, statement: &Statement, text: &str, start: usize) -> Diagnostic {
        let keyword = statement.keyword;
        let help = format!("write it like `{}`", statement.example);
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
                    format!("unexpected `{extra}` after the `{keyword}` statement"),
                )
                .with_label("not part of the statement")
                .with_help(help)
            }
            Err(error) => {
                let pos = error_position(&error).min(text.len());
                let expected = match &error.variant {
                    pest::error::ErrorVariant::ParsingError { positives, .. } => {
                        let mut seen: Vec<String> = Vec::new();
                        for d in positives.iter().filter_map(|r| describe(*r)) {
                            if !seen.iter().any(|s| s == d) {
                                seen.push(d.to_owned());
                            }
                        }
                        seen
                    }
                    pest::error::ErrorVariant::CustomError { .. } => Vec::new(),
                };
                let rest = &text[pos..];
                let found: String = rest.chars().take_while(|c| !c.is_whitespace()).take(40).collect();
                let (found_text, len) = if found.is_empty() {
                    ("the end of the line".to_owned(), 0)
                } else {
                    (format!("`{found}`"), found.len())
                };
                let expected_text =
                    if expected.is_empty() { "something else".to_owned() } else { one_of(&expected) };
                Diagnostic::error(
                    "malformed-statement",
                    self.file,
                    self.map.span(start + pos, start + pos + len),
                    format!("malformed `{keyword}`: expected {expected_text}, found {found_text}"),
                )
                .with_label(format!("expected {expected_text}"))
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
        return Diagnostic::error(
            "occupation-list-commas",
            file,
            span,
            "occupations are listed one per line, without commas",
        )
        .with_label("commas are not used here")
        .with_help("remove the commas and put each occupation on a line of its own");
    }
    if line.starts_with('"') {
        return Diagnostic::error(
            "occupation-in-quotes",
            file,
            span,
            "occupations are written as catalog codes, without quotes",
        )
        .with_label("quoted text")
        .with_help(format!("write `{}`", as_code(line)));
    }
    Diagnostic::error("unexpected-text", file, span, format!("`{line}` is not an occupation code"))
        .with_label("expected an occupation code")
        .with_help("occupation codes start with a letter, like `nelayan` or `guru-ngaji`")
}

fn error_position(error: &pest::error::Error<Rule>) -> usize {
    match error.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    }
}

/// What a grammar rule stands for, in the words of the people writing policies.
fn describe(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::ident | Rule::name => "a name (letters, digits and `-`, starting with a letter)",
        Rule::string => "text in double quotes",
        Rule::number => "a whole number",
        Rule::code => "a region code like `64.01`",
        Rule::month => "a month like `2022-10`",
        Rule::date => "a date like `2022-10-01`",
        Rule::money => "an amount in rupiah like `Rp1.626.307.200`",
        Rule::range => "`..`",
        Rule::comma => "`,`",
        Rule::lbrace => "`{`",
        Rule::rbrace => "`}`",
        Rule::cite | Rule::kw_cite => "`cite`",
        Rule::kw_for => "`for`",
        Rule::kw_at => "`at`",
        Rule::kw_within => "`within`",
        Rule::kw_at_most => "`at-most`",
        Rule::kw_occupation | Rule::quota_occupation => "`occupation`",
        Rule::kw_region | Rule::quota_region => "`region`",
        Rule::kw_regencies => "`regencies`",
        Rule::EOI => "the end of the file",
        _ => return None,
    })
}

fn kind_of(rule: Rule) -> Kind {
    match rule {
        Rule::file => Kind::File,
        Rule::program => Kind::Program,
        Rule::title => Kind::Title,
        Rule::region => Kind::Region,
        Rule::regulation => Kind::Regulation,
        Rule::benefits => Kind::Benefits,
        Rule::declared_wage => Kind::DeclaredWage,
        Rule::rates => Kind::Rates,
        Rule::catalog => Kind::Catalog,
        Rule::period => Kind::Period,
        Rule::funding => Kind::Funding,
        Rule::funding_kind => Kind::FundingKind,
        Rule::budget => Kind::Budget,
        Rule::funding_order => Kind::FundingOrder,
        Rule::quota | Rule::funding_quota => Kind::Quota,
        Rule::quota_occupation => Kind::QuotaOccupation,
        Rule::quota_region => Kind::QuotaRegion,
        Rule::occupations => Kind::Occupations,
        Rule::age => Kind::Age,
        Rule::residence => Kind::Residence,
        Rule::exclude => Kind::Exclude,
        Rule::poverty => Kind::Poverty,
        Rule::plugin => Kind::Plugin,
        Rule::sha256 => Kind::Sha256,
        Rule::param => Kind::Param,
        Rule::limit => Kind::Limit,
        Rule::yields_to => Kind::YieldsTo,
        Rule::cite => Kind::Cite,
        Rule::bad => Kind::Bad,
        Rule::bad_name => Kind::BadName,
        Rule::ident => Kind::Ident,
        Rule::string => Kind::Str,
        Rule::number => Kind::Number,
        Rule::code => Kind::Code,
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
