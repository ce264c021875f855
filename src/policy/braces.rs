//! Brace matching before parsing, using indentation to say *where* a brace is missing.
//!
//! A missing `}` makes a PEG parser fail far from the mistake (usually at the end of the
//! file). This pass runs first: when the braces do not match, it reads the indentation the
//! way a person would ("this block must end before the next line that is not indented
//! deeper than its opening line") to name the exact line, and it returns edits that repair
//! the text so that the parser can go on and report every *other* problem too.

use crate::diag::{Diagnostic, FileId, Span};

/// A repair of the text: insert `{`/`}` at an offset, or blank out a stray `}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    Insert { offset: usize, brace: char },
    Blank { offset: usize },
}

/// The outcome of the brace pass: problems found and edits that make the braces match.
pub struct BraceCheck {
    pub diagnostics: Vec<Diagnostic>,
    pub edits: Vec<Edit>,
}

struct Line {
    start: usize,
    end: usize,
    indent: usize,
    /// Offset of the first character that is not a space, if the line is not blank.
    first: Option<usize>,
    /// The line holds only a comment.
    comment_only: bool,
    /// End of the code part (before a comment), trailing spaces removed.
    code_end: usize,
    braces: Vec<(usize, char)>,
}

/// What the brace pass needs to know of the language: which statement a line starts with,
/// and which statements stand in which block (given by the parser, which owns the table).
pub struct Statements {
    /// The statement keyword a line starts with.
    pub leading_keyword: fn(&str) -> Option<&'static str>,
    /// Whether a statement (by keyword) stands directly in a block (by the keyword of the
    /// statement that opened it; `""` for the top of the file).
    pub belongs_in: fn(&str, &str) -> bool,
}

/// Checks that braces match; when they do not, explains where and how to fix it.
pub fn check(file: FileId, text: &str, statements: &Statements) -> BraceCheck {
    let lines = scan(text);
    if simple_match(&lines).is_ok() {
        return BraceCheck { diagnostics: Vec::new(), edits: Vec::new() };
    }
    let mut pass = Pass { file, text, lines: &lines, statements, diagnostics: Vec::new(), edits: Vec::new() };
    // indentation says where a block ends only where there is some: a file pasted flat is
    // read by what each statement is (a `kind` line belongs in a funding block, an `age`
    // line cannot)
    if lines.iter().any(|l| l.first.is_some() && l.indent > 0) {
        pass.run();
    } else {
        pass.run_by_statements();
    }
    let mut edits = pass.edits;
    let mut diagnostics = pass.diagnostics;
    if diagnostics.is_empty() || !balanced_after(text, &edits) {
        // Indentation could not explain it: fall back to plain matching.
        let (d, e) = fallback(file, text, &lines);
        diagnostics = d;
        edits = e;
    }
    edits.sort_by_key(|e| match e {
        Edit::Insert { offset, .. } | Edit::Blank { offset } => *offset,
    });
    BraceCheck { diagnostics, edits }
}

/// Applies edits; returns the new text and, for each inserted character, its offset in the
/// new text (so that positions can be mapped back to the original).
pub fn apply(text: &str, edits: &[Edit]) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len() + edits.len());
    let mut inserted = Vec::new();
    let mut pos = 0;
    for edit in edits {
        match *edit {
            Edit::Insert { offset, brace } => {
                out.push_str(&text[pos..offset]);
                inserted.push(out.len());
                out.push(brace);
                pos = offset;
            }
            Edit::Blank { offset } => {
                out.push_str(&text[pos..offset]);
                out.push(' ');
                pos = offset + 1;
            }
        }
    }
    out.push_str(&text[pos..]);
    (out, inserted)
}

fn scan(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    for raw in text.split_inclusive('\n') {
        let end = start + raw.len();
        let body = raw.trim_end_matches(['\n', '\r']);
        let mut indent = 0;
        let mut first = None;
        let mut in_string = false;
        let mut code_end = start;
        let mut braces = Vec::new();
        let mut comment_only = false;
        for (i, c) in body.char_indices() {
            let at = start + i;
            if first.is_none() {
                match c {
                    '\t' => indent += 4,
                    // any other blank (a vertical tab, a no-break space) indents too: the
                    // first character of the line is never a blank
                    c if c.is_whitespace() => indent += 1,
                    _ => first = Some(at),
                }
                if first.is_none() {
                    continue;
                }
            }
            if in_string {
                if c == '"' {
                    in_string = false;
                }
                code_end = at + c.len_utf8();
                continue;
            }
            match c {
                '#' => {
                    comment_only = first == Some(at);
                    break;
                }
                '"' => in_string = true,
                '{' | '}' => braces.push((at, c)),
                _ => {}
            }
            if !c.is_whitespace() {
                code_end = at + c.len_utf8();
            }
        }
        lines.push(Line { start, end, indent, first, comment_only, code_end, braces });
        start = end;
    }
    lines
}

/// Whether a statement starting with `keyword` (the line's code `code`) can stand next in a
/// `block` that already holds the statements `seen`. A funding source has one of each of its
/// statements and none of them ends with a `cite`: a second `quota`, or `quota … cite …`, is
/// the program's.
fn fits(belongs_in: fn(&str, &str) -> bool, block: &str, seen: &[&str], keyword: &str, code: &str) -> bool {
    if !belongs_in(block, keyword) {
        return false;
    }
    if block == "funding" {
        let cited = keyword != "cite" && code.split_whitespace().any(|w| w == "cite");
        return !cited && !seen.contains(&keyword);
    }
    true
}

fn simple_match(lines: &[Line]) -> Result<(), ()> {
    let mut depth = 0usize;
    for (_, c) in lines.iter().flat_map(|l| l.braces.iter()) {
        if *c == '{' {
            depth += 1;
        } else {
            depth = depth.checked_sub(1).ok_or(())?;
        }
    }
    if depth == 0 { Ok(()) } else { Err(()) }
}

fn balanced_after(text: &str, edits: &[Edit]) -> bool {
    let mut sorted = edits.to_vec();
    sorted.sort_by_key(|e| match e {
        Edit::Insert { offset, .. } | Edit::Blank { offset } => *offset,
    });
    let (repaired, _) = apply(text, &sorted);
    simple_match(&scan(&repaired)).is_ok()
}

struct Open {
    offset: usize,
    line: usize,
    indent: usize,
}

struct Pass<'a> {
    file: FileId,
    text: &'a str,
    lines: &'a [Line],
    statements: &'a Statements,
    diagnostics: Vec<Diagnostic>,
    edits: Vec<Edit>,
}

impl Pass<'_> {
    fn run(&mut self) {
        let mut stack: Vec<Open> = Vec::new();
        for (li, line) in self.lines.iter().enumerate() {
            let Some(first) = line.first else { continue };
            let starts_with_close = self.text[first..].starts_with('}');
            if !starts_with_close {
                // A line not indented deeper than an open block's first line ends that block.
                while let Some(top) = stack.last() {
                    if top.line < li && line.indent <= top.indent {
                        let top = stack.pop().expect("just looked at it");
                        self.unclosed(&top, li);
                    } else {
                        break;
                    }
                }
            }
            for &(offset, c) in &line.braces {
                if c == '{' {
                    stack.push(Open { offset, line: li, indent: line.indent });
                    continue;
                }
                if offset != first {
                    // `}` after other text on its line, as in `{ x }`: match plainly.
                    if stack.pop().is_none() {
                        self.stray(offset);
                    }
                    continue;
                }
                while let Some(top) = stack.last() {
                    if top.line < li && line.indent < top.indent {
                        let top = stack.pop().expect("just looked at it");
                        self.unclosed(&top, li);
                    } else {
                        break;
                    }
                }
                let lower = stack.last().map_or(0, |t| t.line + 1);
                let deeper = stack.last().is_none_or(|t| t.line < li && line.indent > t.indent);
                if deeper {
                    match self.header_line(lower, li, line.indent) {
                        Some(header) => self.missing_open(header, offset),
                        None => self.stray(offset),
                    }
                } else {
                    stack.pop();
                }
            }
        }
        while let Some(top) = stack.pop() {
            self.unclosed(&top, self.lines.len());
        }
    }

    /// Like [`Pass::run`], for a file without indentation: an open block ends before the first
    /// line whose statement cannot stand in it but can stand in a block around it.
    fn run_by_statements(&mut self) {
        let (belongs_in, leading_keyword) = (self.statements.belongs_in, self.statements.leading_keyword);
        struct Block {
            open: Open,
            /// The keyword of the statement that opened it.
            keyword: &'static str,
            /// The statements seen in it.
            seen: Vec<&'static str>,
            /// Its `{` is missing: `open.line` is the line that should end with one.
            unopened: bool,
        }
        let mut stack: Vec<Block> = Vec::new();
        // a `plugin "…"` line without a block, which the next line may show needed one
        let mut bare_plugin: Option<(usize, &Line)> = None;
        for (li, line) in self.lines.iter().enumerate() {
            let Some(first) = line.first else { continue };
            if line.comment_only {
                continue;
            }
            let code = &self.text[first..line.code_end.max(first)];
            let keyword = leading_keyword(code);
            if let Some(k) = keyword
                && let Some((header, header_line)) = bare_plugin.take()
                && belongs_in("plugin", k)
                && stack.last().is_none_or(|b| b.keyword != "plugin")
            {
                let open = Open { offset: header_line.code_end, line: header, indent: header_line.indent };
                stack.push(Block { open, keyword: "plugin", seen: Vec::new(), unopened: true });
            }
            if keyword == Some("plugin") && !line.braces.iter().any(|(_, c)| *c == '{') {
                bare_plugin = Some((li, line));
            }
            if let Some(keyword) = keyword {
                while let Some(top) = stack.last() {
                    let outer_takes_it =
                        stack[..stack.len() - 1].iter().any(|b| belongs_in(b.keyword, keyword))
                            || belongs_in("", keyword);
                    if fits(belongs_in, top.keyword, &top.seen, keyword, code) || !outer_takes_it {
                        break;
                    }
                    let top = stack.pop().expect("just looked at it");
                    if top.unopened {
                        // a header without its block after all: say so where the block would start
                        self.missing_open(top.open.line, top.open.offset);
                    }
                    self.unclosed(&top.open, li);
                }
                if let Some(top) = stack.last_mut() {
                    top.seen.push(keyword);
                }
            }
            // `program x`, `funding x` and `occupations` always open a block
            let opens = keyword.filter(|k| matches!(*k, "program" | "funding" | "occupations"));
            if let Some(k) = opens
                && !line.braces.iter().any(|(_, c)| *c == '{')
            {
                let open = Open { offset: line.code_end, line: li, indent: line.indent };
                stack.push(Block { open, keyword: k, seen: Vec::new(), unopened: true });
            }
            for &(offset, c) in &line.braces {
                if c == '{' {
                    let keyword = leading_keyword(&self.text[first..offset]).unwrap_or("");
                    let open = Open { offset, line: li, indent: line.indent };
                    stack.push(Block { open, keyword, seen: Vec::new(), unopened: false });
                } else {
                    match stack.pop() {
                        Some(b) if b.unopened => self.missing_open(b.open.line, offset),
                        Some(_) => {}
                        None => self.stray(offset),
                    }
                }
            }
        }
        while let Some(top) = stack.pop() {
            if top.unopened {
                self.missing_open(top.open.line, top.open.offset);
            }
            self.unclosed(&top.open, self.lines.len());
        }
    }

    /// The line that should have opened a block closed by a `}` at `indent` on line `close`:
    /// the nearest earlier code line not indented deeper, if it is at the same indentation,
    /// has no brace, and every line between it and the `}` is indented deeper (a block body).
    fn header_line(&self, lower: usize, close: usize, indent: usize) -> Option<usize> {
        let header = (lower..close).rev().find(|&l| {
            let line = &self.lines[l];
            line.first.is_some() && !line.comment_only && line.indent <= indent
        })?;
        let line = &self.lines[header];
        let has_body = (header + 1..close).any(|l| self.lines[l].first.is_some());
        (line.indent == indent && line.braces.is_empty() && has_body).then_some(header)
    }

    fn line_no(&self, li: usize) -> usize {
        li + 1
    }

    fn header_word(&self, li: usize) -> String {
        let line = &self.lines[li];
        let first = line.first.unwrap_or(line.start).min(line.code_end);
        self.text[first..line.code_end]
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_end_matches('{')
            .to_owned()
    }

    /// The block opened at `top` should have ended before line `before`.
    fn unclosed(&mut self, top: &Open, before: usize) {
        // The `}` belongs right after the block's last non-blank line.
        let last = (top.line..before).rev().find(|&l| self.lines[l].first.is_some()).unwrap_or(top.line);
        let at_line = last + 1;
        let (insert_at, point) = match self.lines.get(at_line) {
            Some(line) => {
                // point where the `}` belongs, within the line's leading blanks
                let blanks = self.text[line.start..line.end].len()
                    - self.text[line.start..line.end].trim_start_matches([' ', '\t']).len();
                (line.start, line.start + top.indent.min(blanks))
            }
            None => (self.text.len(), self.text.len()),
        };
        self.edits.push(Edit::Insert { offset: insert_at, brace: '}' });
        let word = self.header_word(top.line);
        let opened = self.line_no(top.line);
        let message = if word.is_empty() {
            crate::msg!("unclosed-block", line = opened)
        } else {
            crate::msg!("unclosed-block-named", word = word, line = opened)
        };
        let help = if at_line < self.lines.len() {
            crate::msg!("unclosed-block.help-line", line = self.line_no(at_line))
        } else {
            crate::msg!("unclosed-block.help-end")
        };
        self.diagnostics.push(
            Diagnostic::error("unclosed-block", self.file, Span::new(point, point), message)
                .with_label(crate::msg!("unclosed-block.label"))
                .with_secondary(Span::new(top.offset, top.offset + 1), crate::msg!("unclosed-block.open"))
                .with_help(help),
        );
    }

    /// Line `header` should end with `{`; the `}` at `close` closes its block.
    fn missing_open(&mut self, header: usize, close: usize) {
        let line = &self.lines[header];
        // Where `{` stood: one space after the last word, if the line still has that space.
        let body_end = line.start + self.text[line.start..line.end].trim_end_matches(['\n', '\r']).len();
        let point = if body_end > line.code_end { line.code_end + 1 } else { line.code_end };
        self.edits.push(Edit::Insert { offset: line.code_end, brace: '{' });
        let code = self.text[line.first.unwrap_or(line.start).min(line.code_end)..line.code_end].to_owned();
        self.diagnostics.push(
            Diagnostic::error(
                "missing-open-brace",
                self.file,
                Span::new(point, point),
                crate::msg!("missing-open-brace", code = code),
            )
            .with_label(crate::msg!("missing-open-brace.label"))
            .with_secondary(Span::new(close, close + 1), crate::msg!("missing-open-brace.close"))
            .with_help(crate::msg!("missing-open-brace.help", line = self.line_no(header))),
        );
    }

    fn stray(&mut self, offset: usize) {
        self.edits.push(Edit::Blank { offset });
        self.diagnostics.push(stray_diagnostic(self.file, offset));
    }
}

fn stray_diagnostic(file: FileId, offset: usize) -> Diagnostic {
    Diagnostic::error(
        "unexpected-close-brace",
        file,
        Span::new(offset, offset + 1),
        crate::msg!("unexpected-close-brace"),
    )
    .with_label(crate::msg!("unexpected-close-brace.label"))
    .with_help(crate::msg!("unexpected-close-brace.help"))
}

/// Plain matching, for text whose indentation says nothing useful.
fn fallback(file: FileId, text: &str, lines: &[Line]) -> (Vec<Diagnostic>, Vec<Edit>) {
    let mut diagnostics = Vec::new();
    let mut edits = Vec::new();
    let mut stack = Vec::new();
    for &(offset, c) in lines.iter().flat_map(|l| l.braces.iter()) {
        if c == '{' {
            stack.push(offset);
        } else if stack.pop().is_none() {
            edits.push(Edit::Blank { offset });
            diagnostics.push(stray_diagnostic(file, offset));
        }
    }
    // the closing braces go on a line of their own at the end, so that a comment or an
    // unterminated string on the last line cannot swallow them
    if !stack.is_empty() && !text.ends_with('\n') {
        edits.push(Edit::Insert { offset: text.len(), brace: '\n' });
    }
    for offset in stack.into_iter().rev() {
        edits.push(Edit::Insert { offset: text.len(), brace: '}' });
        diagnostics.push(
            Diagnostic::error(
                "unclosed-block",
                file,
                Span::new(offset, offset + 1),
                crate::msg!("unclosed-block-never"),
            )
            .with_label(crate::msg!("unclosed-block.open"))
            .with_help(crate::msg!("unclosed-block-never.help")),
        );
    }
    (diagnostics, edits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Sources;

    fn problems(text: &str) -> Vec<(String, usize, usize)> {
        let mut sources = Sources::new();
        let file = sources.add("t", text);
        let statements = Statements {
            leading_keyword: crate::policy::syntax::leading_keyword,
            belongs_in: crate::policy::syntax::belongs_in,
        };
        let result = check(file, text, &statements);
        let (repaired, _) = apply(text, &result.edits);
        assert!(simple_match(&scan(&repaired)).is_ok(), "repair must balance:\n{repaired}");
        result
            .diagnostics
            .iter()
            .map(|d| {
                let (line, col) = sources.line_col(file, d.span.unwrap().start);
                (d.code.to_owned(), line, col)
            })
            .collect()
    }

    #[test]
    fn balanced_text_has_no_problems() {
        assert!(problems("program a {\n  funding b {\n  }\n}\n").is_empty());
        assert!(problems("a { \"}\" # }\n}").is_empty());
    }

    #[test]
    fn a_removed_closing_brace_is_found_by_indentation() {
        let text = "program a {\n    funding b {\n        kind APBD\n\n    funding c {\n    }\n}\n";
        assert_eq!(problems(text), [("unclosed-block".to_owned(), 4, 1)]);
        let kept_indent =
            "program a {\n    funding b {\n        kind APBD\n    \n    funding c {\n    }\n}\n";
        assert_eq!(problems(kept_indent), [("unclosed-block".to_owned(), 4, 5)]);
        let at_end = "program a {\n    title \"x\"\n";
        assert_eq!(problems(at_end), [("unclosed-block".to_owned(), 3, 1)]);
    }

    #[test]
    fn a_removed_opening_brace_is_found_by_indentation() {
        let text = "program a {\n    funding b\n        kind APBD\n    }\n}\n";
        assert_eq!(problems(text), [("missing-open-brace".to_owned(), 2, 14)]);
        let program = "program a\n    title \"x\"\n}\n";
        assert_eq!(problems(program), [("missing-open-brace".to_owned(), 1, 10)]);
        let stray = "program a {\n    quota 5\n    }\n}\n";
        assert_eq!(problems(stray), [("unexpected-close-brace".to_owned(), 3, 5)]);
    }

    #[test]
    fn a_stray_brace_is_reported() {
        assert_eq!(problems("}\n"), [("unexpected-close-brace".to_owned(), 1, 1)]);
    }
}
