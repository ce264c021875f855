//! `jaring plugin build` and `jaring plugin inspect`.

use std::path::Path;

use super::{Exit, Format};
use crate::i18n::{Lang, Msg};
use crate::msg;
use crate::plugin::{PluginHost, build};

/// Makes a new plugin crate in the plugin workspace and says what to do next.
pub fn new(workspace: &Path, name: &str, plugin_lang: super::PluginLang, lang: Lang) -> anyhow::Result<Exit> {
    if plugin_lang == super::PluginLang::Js {
        let dir = crate::plugin::scaffold::new_js(&workspace.join("js"), name).map_err(super::said)?;
        println!("{}", msg!("plugin-new-made-js", dir = dir.display()).text(lang));
        return Ok(Exit::Ok);
    }
    let made = crate::plugin::scaffold::new(workspace, name).map_err(super::said)?;
    if !made.lock_updated {
        eprintln!(
            "{}: {}",
            Msg::new("severity-warning").text(lang),
            msg!("plugin-new-lock", workspace = workspace.display()).text(lang)
        );
    }
    println!("{}", msg!("plugin-new-made", dir = made.dir.display(), name = name).text(lang));
    Ok(Exit::Ok)
}

/// Builds the plugin crate in `dir` and prints the component's path and sha256.
pub fn build(dir: &Path, out: Option<&Path>, lang: Lang) -> anyhow::Result<Exit> {
    let built = build::build(dir, out)?;
    if let Some(warning) = &built.toolchain_warning {
        eprintln!("{}: {warning}", Msg::new("severity-warning").text(lang));
    }
    eprintln!("{}", msg!("plugin-built", file = built.path.display(), bytes = built.size).text(lang));
    println!("{}  {}", built.sha256, built.path.display());
    eprintln!("{}", msg!("plugin-pin-it", sha256 = &built.sha256).text(lang));
    Ok(Exit::Ok)
}

/// Runs the conformance checks on every pinned plugin of the policies.
pub fn test(
    policies: &[std::path::PathBuf],
    registry: Option<&Path>,
    count: u32,
    lang: Lang,
) -> anyhow::Result<Exit> {
    let reports = crate::conformance::run(policies, &crate::conformance::Options { registry, count })?;
    for r in &reports {
        println!(
            "{}",
            msg!("plugin-test-head", program = &r.program, plugin = r.plugin.display(), source => r.source.clone())
                .text(lang)
        );
        for c in &r.checks {
            let mark = if c.passed { msg!("plugin-test-pass") } else { msg!("plugin-test-fail") };
            println!("  {:<6}{}", mark.text(lang), c.what.text(lang));
        }
    }
    Ok(if reports.iter().all(crate::conformance::Report::passed) { Exit::Ok } else { Exit::Problems })
}

/// Writes the Rust fixture of a policy's program and registry rows for a plugin's tests.
pub fn fixture(
    policy: &Path,
    registry: Option<&Path>,
    rows: &[u32],
    out: Option<&Path>,
    lang: Lang,
) -> anyhow::Result<Exit> {
    let programs = crate::run::load_programs(&[policy.to_path_buf()])?;
    let Some(program) = programs.first() else { return Err(super::said(msg!("run-no-program"))) };
    let mut applicants = Vec::new();
    if !rows.is_empty() {
        let Some(registry) = registry else { return Err(super::said(msg!("plugin-fixture-registry"))) };
        let registry = crate::run::read_registry(registry, &programs)?;
        // the columns the plugin declares, when it is there to ask
        let wanted = program
            .plugin
            .as_ref()
            .and_then(|s| PluginHost::new().ok()?.load(&s.path, None).ok())
            .map(|p| p.info.attributes)
            .unwrap_or_default();
        let (asked, _) = crate::run::plugin_applicants(program, &registry, &wanted)?;
        for row in rows {
            match asked.iter().find(|a| a.id == *row) {
                Some(a) => applicants.push(a.clone()),
                None => return Err(super::said(msg!("plugin-fixture-row", row = *row))),
            }
        }
    }
    let text = crate::plugin::fixture::file(
        &policy.display().to_string(),
        &crate::plugin::program_view(program),
        &applicants,
    );
    match out {
        Some(path) => {
            crate::files::write_atomically(path, text.as_bytes())
                .map_err(|e| super::said(msg!("run-cannot-write", error => &e)))?;
            eprintln!("{}", msg!("office-written", file = path.display()).text(lang));
        }
        None => print!("{text}"),
    }
    Ok(Exit::Ok)
}

/// Prints what a component holds, and whether jaring would load it.
pub fn inspect(file: &Path, format: Format, lang: Lang) -> anyhow::Result<Exit> {
    let inspection = build::inspect(file)?;
    let host = PluginHost::new()?;
    let loaded = host.load(file, None);
    match format {
        Format::Json => {
            let mut value = serde_json::to_value(&inspection)?;
            match &loaded {
                Ok(p) => {
                    value["name"] = p.info.name.clone().into();
                    value["version"] = p.info.version.clone().into();
                    value["apportions"] = p.info.apportions.into();
                    value["loads"] = true.into();
                }
                Err(e) => {
                    value["loads"] = false.into();
                    value["refused"] = e.message().text(lang).into();
                }
            }
            println!("{}", serde_json::to_string_pretty(&value)?);
        }
        Format::Human => {
            let row = |label: Msg, value: String| println!("{:<10}{value}", label.text(lang));
            let none = || msg!("plugin-inspect-none").text(lang);
            let list = |items: &[String]| if items.is_empty() { none() } else { items.join(", ") };
            row(msg!("plugin-inspect-file"), inspection.file.clone());
            row(msg!("plugin-inspect-sha256"), inspection.sha256.clone());
            row(
                msg!("plugin-inspect-size"),
                msg!("plugin-inspect-bytes", bytes = inspection.size).text(lang),
            );
            row(
                msg!("plugin-inspect-contract"),
                inspection.contract.clone().unwrap_or_else(|| msg!("plugin-inspect-no-contract").text(lang)),
            );
            if let Ok(p) = &loaded {
                let apportions = if p.info.apportions {
                    msg!("plugin-inspect-apportions").text(lang)
                } else {
                    String::new()
                };
                row(msg!("plugin-inspect-plugin"), format!("{} {}{apportions}", p.info.name, p.info.version));
            }
            row(msg!("plugin-inspect-imports"), list(&inspection.imports));
            row(msg!("plugin-inspect-exports"), list(&inspection.exports));
            match &loaded {
                Ok(_) => row(msg!("plugin-inspect-loads"), msg!("plugin-inspect-yes").text(lang)),
                Err(e) => row(
                    msg!("plugin-inspect-loads"),
                    msg!("plugin-inspect-no", why => e.message()).text(lang),
                ),
            }
        }
    }
    Ok(if loaded.is_ok() { Exit::Ok } else { Exit::Problems })
}
