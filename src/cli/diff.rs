//! `jaring diff OLD.policy NEW.policy`: who a policy change makes eligible or not, exactly.

use std::path::Path;

use super::{Exit, Format, said};
use crate::diff::{self, Difference};
use crate::i18n::{Lang, Msg};
use crate::msg;
use crate::policy::{Program, Workspace};

fn load(path: &Path) -> anyhow::Result<Program> {
    let mut ws = Workspace::new();
    let program =
        ws.check_file(path).map_err(|e| said(msg!("cli-cannot-read", file = path.display(), error => &e)))?;
    if ws.has_errors() {
        let report = crate::diag::Report::errors(std::mem::take(&mut ws.sources), &ws.diagnostics);
        return Err(anyhow::Error::new(crate::run::RunError::Policies(Box::new(report))));
    }
    program.ok_or_else(|| said(msg!("run-no-program")))
}

pub fn run(old: &Path, new: &Path, format: Format, lang: Lang) -> anyhow::Result<Exit> {
    let (a, b) = (load(old)?, load(new)?);
    if a.catalog_ref.sha256 != b.catalog_ref.sha256 {
        return Err(said(msg!(
            "run-two-catalogs",
            first = &a.id,
            other = &b.id,
            first_catalog = &a.catalog_ref.name,
            other_catalog = &b.catalog_ref.name
        )));
    }
    let d: Difference = diff::diff(&a, &b);
    match format {
        Format::Json => {
            let slices: Vec<serde_json::Value> = d
                .slices
                .iter()
                .map(|s| {
                    let mut v = serde_json::to_value(s).unwrap_or_default();
                    v["words"] = diff::words(s, &a, &b).text(lang).into();
                    v
                })
                .collect();
            let value = serde_json::json!({
                "old": old.display().to_string(),
                "new": new.display().to_string(),
                "program": b.id,
                "slices": slices,
                "figures": d.figures,
                "plugin": d.plugin,
            });
            println!("{}", serde_json::to_string_pretty(&value)?);
        }
        Format::Human => {
            let mut out = String::new();
            let mut line = |indent: usize, m: Msg| out.push_str(&format!("{:indent$}{}\n", "", m.text(lang)));
            line(0, msg!("diff-heading", old = old.display(), new = new.display(), program = &b.id));
            if d.is_empty() {
                line(2, msg!("diff-none"));
            }
            for s in &d.slices {
                line(2, diff::words(s, &a, &b));
            }
            for f in &d.figures {
                line(2, msg!("diff-figure", what => f.what.words(), old = &f.old, new = &f.new));
            }
            match &d.plugin {
                Some((o, n)) if o == n => line(2, msg!("diff-plugin-same")),
                Some(_) => line(2, msg!("diff-plugin-changed")),
                None => {}
            }
            print!("{out}");
        }
    }
    Ok(if d.is_empty() { Exit::Ok } else { Exit::Problems })
}
