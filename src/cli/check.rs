//! `jaring check`: every problem in every policy, at once.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::{Exit, Format, Ui, policy_files};
use crate::diag::{self, Diagnostic, Severity};
use crate::i18n::plural;
use crate::msg;
use crate::policy::Workspace;

pub fn run(paths: &[PathBuf], format: Format, ui: Ui) -> anyhow::Result<Exit> {
    let files = policy_files(paths)?;
    let mut ws = Workspace::new();
    let mut programs: BTreeMap<String, PathBuf> = BTreeMap::new();
    for path in &files {
        let program = ws
            .check_file(path)
            .map_err(|e| super::said(crate::msg!("cli-cannot-read", file = path.display(), error => &e)))?;
        if let Some(program) = program {
            if let Some(first) = programs.get(&program.id) {
                let file = ws.sources.add(path.display().to_string(), String::new());
                ws.diagnostics.push(Diagnostic::file_error(
                    "duplicate-program",
                    file,
                    msg!("duplicate-program", id = &program.id, file = first.display()),
                ));
            } else {
                programs.insert(program.id.clone(), path.clone());
            }
        }
    }
    let errors = ws.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = ws.diagnostics.iter().filter(|d| d.severity == Severity::Warning).count();
    match format {
        Format::Json => println!("{}", diag::render_json(&ws.sources, &ws.diagnostics, ui.lang)),
        Format::Human => {
            eprint!("{}", diag::render_human(&ws.sources, &ws.diagnostics, ui.color, ui.lang));
            eprintln!("{}", summary(files.len(), errors, warnings).text(ui.lang));
        }
    }
    Ok(if errors > 0 { Exit::Problems } else { Exit::Ok })
}

fn summary(files: usize, errors: usize, warnings: usize) -> crate::i18n::Msg {
    let n = |x: usize| (x, plural(x as u64));
    let ((f, fp), (e, ep), (w, wp)) = (n(files), n(errors), n(warnings));
    match (errors, warnings) {
        (0, 0) => msg!("checked-clean", files = f, files_plural = fp),
        (0, _) => msg!("checked-warnings", files = f, files_plural = fp, warnings = w, warnings_plural = wp),
        _ => msg!(
            "checked-problems",
            files = f,
            files_plural = fp,
            errors = e,
            errors_plural = ep,
            warnings = w,
            warnings_plural = wp
        ),
    }
}
