//! `jaring check`: every problem in every policy, at once.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::Context as _;

use super::{Exit, Format, policy_files};
use crate::diag::{self, Diagnostic, Severity};
use crate::policy::Workspace;

pub fn run(paths: &[PathBuf], format: Format, color: bool) -> anyhow::Result<Exit> {
    let files = policy_files(paths)?;
    let mut ws = Workspace::new();
    let mut programs: BTreeMap<String, PathBuf> = BTreeMap::new();
    for path in &files {
        let program = ws.check_file(path).with_context(|| format!("cannot read `{}`", path.display()))?;
        if let Some(program) = program {
            if let Some(first) = programs.get(&program.id) {
                let file = ws.sources.add(path.display().to_string(), String::new());
                ws.diagnostics.push(Diagnostic::file_error(
                    "duplicate-program",
                    file,
                    format!("program `{}` is also defined in `{}`", program.id, first.display()),
                ));
            } else {
                programs.insert(program.id.clone(), path.clone());
            }
        }
    }
    let errors = ws.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = ws.diagnostics.len() - errors;
    match format {
        Format::Json => println!("{}", diag::render_json(&ws.sources, &ws.diagnostics)),
        Format::Human => {
            eprint!("{}", diag::render_human(&ws.sources, &ws.diagnostics, color));
            eprintln!("{}", summary(files.len(), errors, warnings));
        }
    }
    Ok(if errors > 0 { Exit::Problems } else { Exit::Ok })
}

fn summary(files: usize, errors: usize, warnings: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let checked = plural(files, "policy file");
    match (errors, warnings) {
        (0, 0) => format!("checked {checked}: no problems"),
        (0, w) => format!("checked {checked}: no errors, {}", plural(w, "warning")),
        (e, w) => format!("checked {checked}: {}, {}", plural(e, "error"), plural(w, "warning")),
    }
}
