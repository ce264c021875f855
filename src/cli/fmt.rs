//! `jaring fmt`: the canonical layout, written atomically, never on a file that does not parse.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

use super::{Exit, policy_files};
use crate::diag::{self, Diagnostic, Sources};
use crate::policy::fmt::{FmtError, format};
use crate::policy::syntax;

pub fn run(paths: &[PathBuf], check: bool, ui: super::Ui) -> anyhow::Result<Exit> {
    let files = policy_files(paths)?;
    let mut sources = Sources::new();
    let mut problems: Vec<Diagnostic> = Vec::new();
    let mut unformatted = 0;
    let mut changed = 0;
    for path in &files {
        let stdin = path.as_os_str() == "-";
        let text = if stdin {
            let mut t = String::new();
            std::io::stdin()
                .read_to_string(&mut t)
                .map_err(|e| super::said(crate::msg!("cli-cannot-read-stdin", error => &e)))?;
            t
        } else {
            std::fs::read_to_string(path).map_err(|e| {
                super::said(crate::msg!("cli-cannot-read", file = path.display(), error => &e))
            })?
        };
        let name = if stdin { "<stdin>".to_owned() } else { path.display().to_string() };
        let file = sources.add(name, text.clone());
        let parsed = syntax::parse(file, &text);
        match format(&parsed, &text) {
            Ok(formatted) if stdin => {
                std::io::stdout()
                    .write_all(formatted.as_bytes())
                    .map_err(|e| super::said(crate::msg!("cli-cannot-write-stdout", error => &e)))?;
            }
            Ok(formatted) if formatted == text => {}
            Ok(formatted) => {
                changed += 1;
                if check {
                    println!("{}", path.display());
                } else {
                    write_atomically(path, &formatted)?;
                }
            }
            Err(FmtError::Unparsable) => {
                unformatted += 1;
                let mut ds = parsed.diagnostics;
                if ds.is_empty() {
                    // malformed names are only found when lowering
                    crate::policy::lower::lower(file, &parsed.root, &mut ds);
                }
                problems.extend(ds);
                eprintln!("{}", crate::msg!("fmt-unparsable", file = path.display()).text(ui.lang));
            }
            Err(FmtError::ChangedMeaning) => {
                unformatted += 1;
                eprintln!("{}", crate::msg!("fmt-changed-meaning", file = path.display()).text(ui.lang));
            }
        }
    }
    eprint!("{}", diag::render_human(&sources, &problems, ui.color, ui.lang));
    if !check && changed > 0 {
        eprintln!("{}", crate::msg!("fmt-formatted", changed = changed, files = files.len()).text(ui.lang));
    }
    Ok(if unformatted > 0 || (check && changed > 0) { Exit::Problems } else { Exit::Ok })
}

/// Writes a file so that it is either fully replaced or untouched, durably; a symbolic link
/// is followed (its target is formatted, the link kept).
fn write_atomically(path: &Path, text: &str) -> anyhow::Result<()> {
    crate::files::write_atomically(path, text.as_bytes())
        .map_err(|e| super::said(crate::msg!("cli-cannot-replace", file = path.display(), error => &e)))?;
    Ok(())
}
