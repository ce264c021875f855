//! `check` for the editor: the policy text as the user has it (not as saved), its
//! diagnostics with positions in the editor's units (UTF-16 code units from the start), and
//! the quick fixes their labels and help lines suggest ("write `64.72.03`", "did you mean
//! `motoris-speedboat`?"). A file the text names (`catalog`, `rates`, `plugin`) must be a
//! relative path without `..`: the workbench never reads outside its folder for a request.

use std::path::Path;

use serde::Serialize;

use crate::diag::{Diagnostic, Severity, Sources};
use crate::i18n::Lang;
use crate::msg;
use crate::policy::{Program, Workspace};

/// A diagnostic as the editor shows it.
#[derive(Clone, Debug, Serialize)]
pub struct Shown {
    pub from: usize,
    pub to: usize,
    pub line: Option<usize>,
    pub severity: &'static str,
    pub code: &'static str,
    pub message: String,
    pub help: Option<String>,
    pub fixes: Vec<Fix>,
}

/// A replacement the editor can apply.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Fix {
    pub label: String,
    pub from: usize,
    pub to: usize,
    pub insert: String,
}

/// The UTF-16 offset of byte offset `at` in `text`.
fn utf16(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    let mut end = at;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].encode_utf16().count()
}

/// Words in backticks.
fn quoted(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

/// Files a policy names must stay inside the workbench's folder: the spans of any that
/// would not (an absolute path, a `..`).
fn outside_paths(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let keyword = ["catalog", "rates", "plugin"]
            .into_iter()
            .find(|k| trimmed.starts_with(k) && trimmed[k.len()..].starts_with(|c: char| c.is_whitespace()));
        if keyword.is_some()
            && let Some(open) = line.find('"')
            && let Some(len) = line[open + 1..].find('"')
        {
            let path = &line[open + 1..open + 1 + len];
            let p = Path::new(path);
            if p.is_absolute()
                || p.components().any(|c| matches!(c, std::path::Component::ParentDir))
                || path.contains('\\')
            {
                out.push((offset + open, offset + open + len + 2, path.to_owned()));
            }
        }
        offset += line.len();
    }
    out
}

/// Checks `text` as the file `name` in `dir`; the diagnostics in `lang` and the program
/// when there are no errors.
pub fn check(dir: &Path, name: &str, text: &str, lang: Lang) -> (Vec<Shown>, Option<Program>) {
    let outside = outside_paths(text);
    if !outside.is_empty() {
        let shown = outside
            .into_iter()
            .map(|(from, to, path)| Shown {
                from: utf16(text, from),
                to: utf16(text, to),
                line: Some(text[..from].matches('\n').count() + 1),
                severity: "error",
                code: "serve-path-outside",
                message: msg!("serve-path-outside", path = crate::text::shown(&path, 120)).text(lang),
                help: Some(msg!("serve-path-outside.help").text(lang)),
                fixes: Vec::new(),
            })
            .collect();
        return (shown, None);
    }
    let mut ws = Workspace::new();
    let program = ws.check_text(name, dir, text.to_owned());
    let file = ws.sources.find(name);
    let shown = ws.diagnostics.iter().map(|d| show(&ws.sources, file, d, text, lang)).collect();
    (shown, program)
}

fn show(
    sources: &Sources,
    file: Option<crate::diag::FileId>,
    d: &Diagnostic,
    text: &str,
    lang: Lang,
) -> Shown {
    let severity = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    };
    let message = d.message.text(lang);
    let help = d.help.as_ref().map(|h| h.text(lang));
    // a problem in another file (the catalog) is shown at the top, naming the file
    let (from, to, message) = match d.span {
        Some(span) if Some(d.file) == file => (span.start, span.end, message),
        _ if Some(d.file) == file => (0, 0, message),
        _ => (0, 0, format!("{}: {message}", sources.name(d.file))),
    };
    let mut fixes = Vec::new();
    let written = text.get(from..to).unwrap_or("");
    if !written.is_empty() && !written.contains('\n') && to > from {
        let said = [d.label.as_ref().map(|l| l.text(lang)), help.clone()];
        // a word the message itself shows is an example of the form, not a suggestion
        let examples = quoted(&message);
        for candidate in
            said.iter().flatten().flat_map(|s| quoted(s).into_iter().map(str::to_owned).collect::<Vec<_>>())
        {
            let plain = !candidate.is_empty()
                && !examples.contains(&candidate.as_str())
                && candidate != written
                && !candidate.contains(char::is_whitespace)
                && !candidate.starts_with("jaring");
            // a replacement of the same kind of word: a code for a code, a name for a name
            let alike = candidate.chars().next().map(|c| c.is_ascii_digit())
                == written.chars().next().map(|c| c.is_ascii_digit());
            if plain && alike && !fixes.iter().any(|f: &Fix| f.insert == candidate) && fixes.len() < 3 {
                fixes.push(Fix {
                    label: msg!("serve-fix-replace", written = written, with = candidate.as_str()).text(lang),
                    from: utf16(text, from),
                    to: utf16(text, to),
                    insert: candidate,
                });
            }
        }
    }
    Shown {
        from: utf16(text, from),
        to: utf16(text, to),
        line: d.span.filter(|_| Some(d.file) == file).map(|s| sources.line_col(d.file, s.start).0),
        severity,
        code: d.code,
        message,
        help,
        fixes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_in_utf16_units_and_paths_stay_inside() {
        assert_eq!(utf16("aé😀b", 1), 1);
        assert_eq!(utf16("aé😀b", 3), 2);
        assert_eq!(utf16("aé😀b", 7), 4);
        let text = "program x {\n    catalog \"../../etc/passwd\"\n    plugin \"/tmp/x.wasm\" {\n    rates \"rates.toml\"\n}\n";
        let found = outside_paths(text);
        assert_eq!(found.len(), 2);
        assert_eq!(&text[found[0].0..found[0].1], "\"../../etc/passwd\"");
        assert_eq!(found[1].2, "/tmp/x.wasm");
    }
}
