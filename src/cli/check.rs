//! `jaring check`: every problem in every policy, at once.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::{Exit, Format, Ui, policy_files};
use crate::diag::{self, Diagnostic, Severity};
use crate::i18n::plural;
use crate::msg;
use crate::policy::Workspace;

/// How many synthetic rows a pinned plugin is run over.
const QUICK_ROWS: u32 = 200;

pub fn run(paths: &[PathBuf], format: Format, ui: Ui) -> anyhow::Result<Exit> {
    let files = policy_files(paths)?;
    let mut ws = Workspace::new();
    let mut programs: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut checked: Vec<(PathBuf, crate::policy::Program)> = Vec::new();
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
                checked.push((path.clone(), program));
            }
        }
    }
    // a pinned plugin of a policy without errors is run over synthetic applicants: a breach
    // of the contract (an undeclared regulation cited, a group outside the program) is found
    // here rather than in the middle of a run
    let clean = !ws.diagnostics.iter().any(|d| d.severity == Severity::Error);
    if clean && checked.iter().any(|(_, p)| p.plugin.is_some()) {
        let host = crate::plugin::PluginHost::new()?;
        for (path, program) in &checked {
            if let Err(why) = crate::conformance::quick(program, &host, QUICK_ROWS) {
                let file = ws.sources.add(path.display().to_string(), String::new());
                ws.diagnostics.push(Diagnostic::file_error(
                    "plugin-breach",
                    file,
                    msg!("plugin-breach", why => why, policy = path.display()),
                ));
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
