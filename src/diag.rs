//! Diagnostics: what is wrong, where, and how to fix it — as plain data.
//!
//! Every front end (policy parser, checker, catalog and rate-table loaders) reports
//! problems as [`Diagnostic`] values and keeps going; nothing here stops at the first error.
//! A diagnostic is rendered in exactly one place, [`render_human`] or [`render_json`], so
//! the terminal text and the JSON a tool reads always say the same thing.
//!
//! Messages are [`Msg`]s (`i18n`): rendered in the user's language only here. Style:
//! lowercase, no trailing period, user input in backticks, advice in a separate `help` line.

use std::fmt::Write as _;

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::{self, Files};
use codespan_reporting::term;
use serde::Serialize;

use crate::i18n::{Lang, Msg};

/// A byte range in one source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// Index of a file in [`Sources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(usize);

impl FileId {
    /// For text that is parsed but never reported on (the formatter's self-check).
    pub const DETACHED: FileId = FileId(usize::MAX);
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    /// Worth knowing, not a problem: it does not count as a warning.
    Note,
}

/// A secondary location that explains the primary one ("first declared here").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub file: FileId,
    pub span: Span,
    pub message: Msg,
}

/// One problem found in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable, kebab-case identifier such as `unknown-occupation`; tools match on it.
    pub code: &'static str,
    pub message: Msg,
    pub file: FileId,
    /// Where the problem is; `None` for problems of the file as a whole.
    pub span: Option<Span>,
    /// Short text under the underlined source.
    pub label: Option<Msg>,
    pub secondary: Vec<Label>,
    pub help: Option<Msg>,
}

impl Diagnostic {
    pub fn error(code: &'static str, file: FileId, span: Span, message: Msg) -> Self {
        Diagnostic::new(Severity::Error, code, file, Some(span), message)
    }

    pub fn warning(code: &'static str, file: FileId, span: Span, message: Msg) -> Self {
        Diagnostic::new(Severity::Warning, code, file, Some(span), message)
    }

    pub fn note(code: &'static str, file: FileId, span: Span, message: Msg) -> Self {
        Diagnostic::new(Severity::Note, code, file, Some(span), message)
    }

    /// A problem of a whole file (unreadable, empty, ...).
    pub fn file_error(code: &'static str, file: FileId, message: Msg) -> Self {
        Diagnostic::new(Severity::Error, code, file, None, message)
    }

    fn new(severity: Severity, code: &'static str, file: FileId, span: Option<Span>, message: Msg) -> Self {
        Diagnostic { severity, code, message, file, span, label: None, secondary: Vec::new(), help: None }
    }

    pub fn with_label(mut self, label: Msg) -> Self {
        self.label = Some(label);
        self
    }

    pub fn with_help(mut self, help: Msg) -> Self {
        self.help = Some(help);
        self
    }

    pub fn with_secondary(mut self, span: Span, message: Msg) -> Self {
        self.secondary.push(Label { file: self.file, span, message });
        self
    }

    /// Sets the label of a diagnostic already stored (see [`Diagnostic::with_label`]).
    pub fn label(&mut self, label: Msg) -> &mut Self {
        self.label = Some(label);
        self
    }

    /// Adds a secondary label to a diagnostic already stored.
    pub fn secondary(&mut self, span: Span, message: Msg) -> &mut Self {
        self.secondary.push(Label { file: self.file, span, message });
        self
    }

    /// Sets the help line of a diagnostic already stored.
    pub fn help(&mut self, help: Msg) -> &mut Self {
        self.help = Some(help);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Problems found in some files, with the files' text: what `check` shows, carried by an
/// error (a run refused for its policies) and rendered by whoever shows it.
#[derive(Default)]
pub struct Report {
    pub sources: Sources,
    pub diagnostics: Vec<Diagnostic>,
}

impl std::fmt::Debug for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Report").field("diagnostics", &self.diagnostics.len()).finish()
    }
}

impl Report {
    /// The errors of a workspace's diagnostics, with its sources.
    pub fn errors(sources: Sources, diagnostics: &[Diagnostic]) -> Report {
        Report { sources, diagnostics: diagnostics.iter().filter(|d| d.is_error()).cloned().collect() }
    }

    pub fn render(&self, lang: Lang) -> String {
        render_human(&self.sources, &self.diagnostics, false, lang)
    }
}

/// The text of every file diagnostics can point into.
#[derive(Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

struct SourceFile {
    name: String,
    text: String,
    line_starts: Vec<usize>,
}

impl Sources {
    pub fn new() -> Sources {
        Sources::default()
    }

    /// Registers a file; `name` is how it is shown to the user (usually its path).
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> FileId {
        let text = text.into();
        let line_starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        self.files.push(SourceFile { name: name.into(), text, line_starts });
        FileId(self.files.len() - 1)
    }

    pub fn name(&self, file: FileId) -> &str {
        &self.files[file.0].name
    }

    /// The first file registered as `name`.
    pub fn find(&self, name: &str) -> Option<FileId> {
        self.files.iter().position(|f| f.name == name).map(FileId)
    }

    pub fn text(&self, file: FileId) -> &str {
        &self.files[file.0].text
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, file: FileId, offset: usize) -> (usize, usize) {
        let f = &self.files[file.0];
        let offset = offset.min(f.text.len());
        let line = f.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = f.line_starts[line];
        let column = f.text.get(start..offset).map_or(offset - start, |s| s.chars().count());
        (line + 1, column + 1)
    }
}

impl<'a> Files<'a> for Sources {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, files::Error> {
        self.files.get(id.0).map(|f| f.name.as_str()).ok_or(files::Error::FileMissing)
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, files::Error> {
        self.files.get(id.0).map(|f| f.text.as_str()).ok_or(files::Error::FileMissing)
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, files::Error> {
        let f = self.files.get(id.0).ok_or(files::Error::FileMissing)?;
        Ok(f.line_starts.partition_point(|&s| s <= byte_index) - 1)
    }

    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<std::ops::Range<usize>, files::Error> {
        let f = self.files.get(id.0).ok_or(files::Error::FileMissing)?;
        let start = *f
            .line_starts
            .get(line_index)
            .ok_or(files::Error::LineTooLarge { given: line_index, max: f.line_starts.len() })?;
        let end = f.line_starts.get(line_index + 1).copied().unwrap_or(f.text.len());
        Ok(start..end)
    }
}

/// Diagnostics as a person reads them: the source line, underlined, with the help below.
/// `color` adds ANSI colours (the caller decides: terminal and no `NO_COLOR`).
pub fn render_human(sources: &Sources, diagnostics: &[Diagnostic], color: bool, lang: Lang) -> String {
    let config = term::Config::default();
    let mut out = String::new();
    for d in diagnostics {
        let cs_diag = to_codespan(sources, d, lang);
        let rendered = if color {
            let mut buffer = term::termcolor::Buffer::ansi();
            term::emit_to_write_style(&mut buffer, &config, sources, &cs_diag)
                .map(|()| String::from_utf8_lossy(buffer.as_slice()).into_owned())
        } else {
            term::emit_into_string(&config, sources, &cs_diag)
        };
        match rendered {
            Ok(text) => out.push_str(&severity_in(&text, d.severity, lang)),
            // A span outside its file is a bug in jaring; still show the message.
            Err(_) => {
                let _ = writeln!(
                    out,
                    "{}: {}: {}",
                    severity_word(d.severity, lang),
                    d.code,
                    d.message.text(lang)
                );
            }
        }
    }
    out
}

/// codespan writes `error[…]`/`warning[…]` in English: the word in the user's language.
fn severity_in(text: &str, severity: Severity, lang: Lang) -> String {
    let english = match severity {
        Severity::Error => "error[",
        Severity::Warning => "warning[",
        Severity::Note => "note[",
    };
    match text.find(english) {
        Some(at) if lang != Lang::En => {
            format!("{}{}[{}", &text[..at], severity_word(severity, lang), &text[at + english.len()..])
        }
        _ => text.to_owned(),
    }
}

fn severity_word(severity: Severity, lang: Lang) -> String {
    match severity {
        Severity::Error => Msg::new("severity-error").text(lang),
        Severity::Warning => Msg::new("severity-warning").text(lang),
        Severity::Note => Msg::new("severity-note").text(lang),
    }
}

fn to_codespan(sources: &Sources, d: &Diagnostic, lang: Lang) -> cs::Diagnostic<FileId> {
    let base = match d.severity {
        Severity::Error => cs::Diagnostic::error(),
        Severity::Warning => cs::Diagnostic::warning(),
        Severity::Note => cs::Diagnostic::note(),
    };
    let mut labels = Vec::new();
    let mut notes = Vec::new();
    // a line too long to show whole (a file on one line) is named, not printed: printing it
    // under each of a hundred problems would take longer than checking the file
    let shown = |file: FileId, span: Span, notes: &mut Vec<String>| -> Option<Span> {
        let span = clamp(sources, file, span);
        let (line, column) = sources.line_col(file, span.start);
        let range = sources.line_range(file, line - 1).unwrap_or(span.start..span.end);
        if range.len() <= MAX_SHOWN_LINE {
            return Some(span);
        }
        notes.push(
            crate::msg!(
                "diag-line-too-long",
                place = format!("{}:{line}:{column}", sources.name(file)),
                bytes = crate::money::grouped(range.len() as u64)
            )
            .text(lang),
        );
        None
    };
    if let Some(span) = d.span
        && let Some(span) = shown(d.file, span, &mut notes)
    {
        labels.push(
            cs::Label::primary(d.file, span.start..span.end)
                .with_message(d.label.as_ref().map(|l| l.text(lang)).unwrap_or_default()),
        );
    }
    for l in &d.secondary {
        if let Some(span) = shown(l.file, l.span, &mut notes) {
            labels
                .push(cs::Label::secondary(l.file, span.start..span.end).with_message(l.message.text(lang)));
        }
    }
    if d.span.is_none() {
        notes.push(crate::msg!("diag-in-file", file = sources.name(d.file)).text(lang));
    }
    if let Some(help) = &d.help {
        notes.push(crate::msg!("diag-help", help => help.clone()).text(lang));
    }
    base.with_code(d.code).with_message(d.message.text(lang)).with_labels(labels).with_notes(notes)
}

/// Source lines longer than this are not printed under a diagnostic.
pub const MAX_SHOWN_LINE: usize = 400;

fn clamp(sources: &Sources, file: FileId, span: Span) -> Span {
    let len = sources.text(file).len();
    let start = span.start.min(len);
    Span::new(start, span.end.clamp(start, len))
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    severity: Severity,
    code: &'a str,
    message: String,
    help: Option<String>,
    labels: Vec<JsonLabel<'a>>,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    message: String,
}

/// Diagnostics as a JSON array, for editors and CI.
pub fn render_json(sources: &Sources, diagnostics: &[Diagnostic], lang: Lang) -> String {
    let items: Vec<JsonDiagnostic> = diagnostics
        .iter()
        .map(|d| {
            let (start, end) = match d.span {
                Some(span) => {
                    let span = clamp(sources, d.file, span);
                    (Some(sources.line_col(d.file, span.start)), Some(sources.line_col(d.file, span.end)))
                }
                None => (None, None),
            };
            JsonDiagnostic {
                file: sources.name(d.file),
                line: start.map(|p| p.0),
                column: start.map(|p| p.1),
                end_line: end.map(|p| p.0),
                end_column: end.map(|p| p.1),
                severity: d.severity,
                code: d.code,
                message: d.message.text(lang),
                help: d.help.as_ref().map(|h| h.text(lang)),
                labels: d
                    .secondary
                    .iter()
                    .map(|l| {
                        let (line, column) = sources.line_col(l.file, l.span.start);
                        JsonLabel { file: sources.name(l.file), line, column, message: l.message.text(lang) }
                    })
                    .collect(),
            }
        })
        .collect();
    // Serializing plain strings and numbers cannot fail.
    serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".to_owned())
}

/// "did you mean `x`?" — the closest candidate, if any is close enough to be a typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word_lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&word_lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.82)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}
