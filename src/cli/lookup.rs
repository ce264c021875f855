//! `jaring regions` and `jaring occupations`: the codes a policy needs, found by the names
//! and spellings people use.

use std::path::Path;

use super::{Exit, Format, said};
use crate::catalog::{Catalog, spellings};
use crate::i18n::{Arg, Lang};
use crate::msg;
use crate::region::search::search;

pub fn regions(
    query: &str,
    within: Option<&str>,
    limit: usize,
    format: Format,
    lang: Lang,
) -> anyhow::Result<Exit> {
    if let Some(w) = within
        && !crate::region::regions().contains(w)
    {
        return Err(said(msg!("lookup-no-region", code = w)));
    }
    let found = search(query, within, limit.max(1));
    match format {
        Format::Json => {
            let items: Vec<serde_json::Value> = found
                .iter()
                .map(|f| {
                    serde_json::json!({
                        "code": f.code,
                        "name": f.name,
                        "level": f.level.words().text(Lang::En),
                        "path": f.path(),
                    })
                })
                .collect();
            println!("{}", serde_json::to_string_pretty(&items)?);
        }
        Format::Human => {
            if found.is_empty() {
                eprintln!(
                    "{}",
                    msg!("lookup-no-region-named", name = crate::text::shown(query, 80)).text(lang)
                );
            }
            for f in &found {
                println!("{:<14} {} ({}) — {}", f.code, f.name, f.level.words().text(lang), f.path());
            }
        }
    }
    Ok(if found.is_empty() { Exit::Problems } else { Exit::Ok })
}

/// The catalog given, else `occupations.toml` here or in `policies/`, else the built-in one.
fn load_catalog(path: Option<&Path>) -> anyhow::Result<Catalog> {
    let here = [Path::new("occupations.toml"), Path::new("policies/occupations.toml")];
    let path =
        path.map(Path::to_path_buf).or_else(|| here.iter().find(|p| p.is_file()).map(|p| p.to_path_buf()));
    let (name, text) = match &path {
        Some(p) => (
            p.display().to_string(),
            std::fs::read_to_string(p)
                .map_err(|e| said(msg!("cli-cannot-read", file = p.display(), error => &e)))?,
        ),
        None => ("occupations.toml".to_owned(), crate::policy::BUILTIN_CATALOG.to_owned()),
    };
    let mut sources = crate::diag::Sources::new();
    let file = sources.add(&name, &text);
    Catalog::parse(file, &text).map_err(|diagnostics| {
        let report = crate::diag::Report::errors(sources, &diagnostics);
        said(msg!("lookup-bad-catalog", report = report.render(Lang::En)))
    })
}

pub fn occupations(word: &str, catalog: Option<&Path>, format: Format, lang: Lang) -> anyhow::Result<Exit> {
    let catalog = load_catalog(catalog)?;
    let (reads_as, found) = catalog.search(word);
    match format {
        Format::Json => {
            let items: Vec<serde_json::Value> = found
                .iter()
                .map(|o| {
                    serde_json::json!({
                        "code": o.code,
                        "label": o.label,
                        "group": o.group,
                        "spellings": spellings(o),
                        "neighbours": catalog.neighbours(&o.code).iter().map(|n| n.code.as_str()).collect::<Vec<_>>(),
                    })
                })
                .collect();
            let value =
                serde_json::json!({ "reads_as": reads_as.map(|o| o.code.as_str()), "occupations": items });
            println!("{}", serde_json::to_string_pretty(&value)?);
        }
        Format::Human => {
            let shown = crate::text::shown(word, 80);
            match reads_as {
                Some(o) => println!(
                    "{}",
                    msg!("lookup-reads-as", written = shown, code = &o.code, label = &o.label).text(lang)
                ),
                None => println!("{}", msg!("lookup-reads-as-nothing", written = shown).text(lang)),
            }
            for o in &found {
                println!("\n{} — {} [{}]", o.code, o.label, o.group);
                let spelled: Vec<Arg> = spellings(o).into_iter().map(Arg::Text).collect();
                println!("  {}", msg!("lookup-spellings", spellings => Arg::AllOf(spelled)).text(lang));
                let near: Vec<Arg> =
                    catalog.neighbours(&o.code).iter().map(|n| Arg::Text(format!("`{}`", n.code))).collect();
                if !near.is_empty() {
                    println!(
                        "  {}",
                        msg!("lookup-neighbours", code = &o.code, others => Arg::AllOf(near)).text(lang)
                    );
                }
            }
        }
    }
    Ok(if found.is_empty() { Exit::Problems } else { Exit::Ok })
}
