//! The canonical layout of a policy file, and the guarantee that formatting changes nothing
//! but layout.
//!
//! The layout is fully decided by the syntax tree — four-space indentation, one statement
//! per line, single spaces between words, `, ` in lists, a blank line between sections and
//! around blocks — so any re-spacing of a file (tabs, stray blank lines, joined lines) comes
//! back byte for byte. Comments are kept: one that ends a line stays at the end of that line;
//! others stay above the statement they precede.
//!
//! [`format()`] re-parses its own output and compares the syntax tree and the comments with
//! the input's before returning it; a file that does not parse cleanly is never formatted.

use super::syntax::{self, Kind, Node, Parse};
use crate::diag::FileId;

/// Why a file was not formatted.
#[derive(Debug, PartialEq, Eq)]
pub enum FmtError {
    /// The file has syntax errors; formatting would guess.
    Unparsable,
    /// The formatted text would not mean the same (a bug in jaring): nothing is written.
    ChangedMeaning,
}

/// Formats policy text. `parse` must be the parse of `text`.
pub fn format(parse: &Parse, text: &str) -> Result<String, FmtError> {
    if parse.has_errors() || parse.repaired || contains_bad(&parse.root) {
        return Err(FmtError::Unparsable);
    }
    let out = print(&parse.root, text);
    let again = syntax::parse(FileId::DETACHED, &out);
    if again.has_errors()
        || shape(&again.root) != shape(&parse.root)
        || comments(&again.root) != comments(&parse.root)
    {
        return Err(FmtError::ChangedMeaning);
    }
    Ok(out)
}

fn contains_bad(node: &Node) -> bool {
    matches!(node.kind, Kind::Bad | Kind::BadName) || node.children.iter().any(contains_bad)
}

/// The tree without positions or comments: what the file means.
fn shape(node: &Node) -> String {
    let mut out = String::new();
    write_shape(node, &mut out);
    out
}

fn write_shape(node: &Node, out: &mut String) {
    if node.kind == Kind::Comment {
        return;
    }
    out.push('(');
    out.push_str(&format!("{:?}", node.kind));
    if node.kind.is_token() {
        out.push(' ');
        out.push_str(&node.text);
    }
    for c in &node.children {
        write_shape(c, out);
    }
    out.push(')');
}

fn comments(node: &Node) -> Vec<String> {
    node.tokens()
        .into_iter()
        .filter(|t| t.kind == Kind::Comment)
        .map(|t| t.text.trim_end().to_owned())
        .collect()
}

struct Printer {
    line_starts: Vec<usize>,
    out: Vec<String>,
}

fn print(root: &Node, text: &str) -> String {
    let line_starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let mut p = Printer { line_starts, out: Vec::new() };
    p.top(root);
    let mut s = p.out.join("\n");
    s.push('\n');
    s
}

/// Sections of a program: a blank line separates statements of different sections.
fn section(kind: Kind) -> u8 {
    match kind {
        Kind::Title | Kind::Region => 0,
        Kind::Regulation => 1,
        Kind::Benefits | Kind::DeclaredWage | Kind::Rates | Kind::Catalog | Kind::Period => 2,
        Kind::Funding | Kind::FundingOrder => 3,
        Kind::Quota | Kind::Reserve => 4,
        Kind::Occupations | Kind::Age | Kind::Residence | Kind::Exclude | Kind::Poverty | Kind::Rank => 5,
        Kind::Plugin => 6,
        Kind::YieldsTo => 7,
        _ => 8,
    }
}

fn is_block(node: &Node) -> bool {
    node.children.iter().any(|c| c.kind == Kind::LBrace)
}

impl Printer {
    fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset)
    }

    fn push(&mut self, depth: usize, line: &str) {
        self.out.push(format!("{}{line}", "    ".repeat(depth)));
    }

    fn blank(&mut self) {
        if self.out.last().is_some_and(|l| !l.is_empty()) {
            self.out.push(String::new());
        }
    }

    /// Appends a comment to the last printed line.
    fn trail(&mut self, comment: &Node) {
        if let Some(last) = self.out.last_mut() {
            last.push_str("  ");
            last.push_str(comment.text.trim_end());
        }
    }

    fn top(&mut self, root: &Node) {
        let mut prev: Option<&Node> = None;
        for item in &root.children {
            if item.kind == Kind::Comment {
                if let Some(p) = prev {
                    if self.line_of(item.span.start) == self.line_of(p.span.end.saturating_sub(1))
                        && p.kind != Kind::Comment
                    {
                        self.trail(item);
                        prev = Some(item);
                        continue;
                    }
                    if p.kind != Kind::Comment {
                        self.blank();
                    }
                }
                self.push(0, item.text.trim_end());
            } else {
                if prev.is_some() {
                    self.blank();
                }
                self.statement(item, 0);
            }
            prev = Some(item);
        }
    }

    /// Prints one statement (and its block) at `depth`.
    fn statement(&mut self, node: &Node, depth: usize) {
        if node.kind.is_token() {
            // an occupation code
            self.push(depth, node.text.trim_end());
            return;
        }
        let brace = node.children.iter().position(|c| c.kind == Kind::LBrace);
        let header_end = brace.unwrap_or(node.children.len());
        // Comments written inside the statement's words move above it.
        let mut header_tokens = Vec::new();
        for child in &node.children[..header_end] {
            collect(child, &mut header_tokens);
        }
        for c in header_tokens.iter().filter(|t| t.kind == Kind::Comment) {
            self.push(depth, c.text.trim_end());
        }
        let words: Vec<&Node> = header_tokens.into_iter().filter(|t| t.kind != Kind::Comment).collect();
        let mut line = join(&words);
        let Some(brace) = brace else {
            self.push(depth, &line);
            return;
        };
        line.push_str(" {");
        self.push(depth, &line);
        let close = node.children.iter().rposition(|c| c.kind == Kind::RBrace).unwrap_or(node.children.len());
        let body = &node.children[brace + 1..close];
        let open_line = self.line_of(node.children[brace].span.start);
        let spaced = node.kind == Kind::Program;
        let mut prev: Option<&Node> = None;
        let mut pending_comments: Vec<&Node> = Vec::new();
        for item in body {
            if item.kind == Kind::Comment {
                let same_line_as_prev = match prev {
                    Some(p) => self.line_of(item.span.start) == self.line_of(p.span.end.saturating_sub(1)),
                    None => self.line_of(item.span.start) == open_line,
                };
                if same_line_as_prev && pending_comments.is_empty() {
                    self.trail(item);
                } else {
                    pending_comments.push(item);
                }
                continue;
            }
            if spaced
                && let Some(p) = prev
                && (is_block(p) || is_block(item) || section(p.kind) != section(item.kind))
            {
                self.blank();
            }
            for c in pending_comments.drain(..) {
                self.push(depth + 1, c.text.trim_end());
            }
            self.statement(item, depth + 1);
            prev = Some(item);
        }
        for c in pending_comments {
            self.push(depth + 1, c.text.trim_end());
        }
        self.push(depth, "}");
    }
}

fn collect<'a>(node: &'a Node, out: &mut Vec<&'a Node>) {
    if node.kind.is_token() {
        out.push(node);
    } else {
        for c in &node.children {
            collect(c, out);
        }
    }
}

/// Words of a statement with single spaces, `,` attached to the word before it.
fn join(words: &[&Node]) -> String {
    let mut line = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 && w.kind != Kind::Comma {
            line.push(' ');
        }
        line.push_str(&w.text);
    }
    line
}
