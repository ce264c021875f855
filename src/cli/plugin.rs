//! `jaring plugin build` and `jaring plugin inspect`.

use std::path::Path;

use super::{Exit, Format};
use crate::plugin::{PluginHost, build};

/// Builds the plugin crate in `dir` and prints the component's path and sha256.
pub fn build(dir: &Path, out: Option<&Path>) -> anyhow::Result<Exit> {
    let built = build::build(dir, out)?;
    if let Some(warning) = &built.toolchain_warning {
        eprintln!("warning: {warning}");
    }
    eprintln!("built {} ({} bytes)", built.path.display(), built.size);
    println!("{}  {}", built.sha256, built.path.display());
    eprintln!("pin it in the policy's plugin block:  sha256 \"{}\"", built.sha256);
    Ok(Exit::Ok)
}

/// Prints what a component holds, and whether jaring would load it.
pub fn inspect(file: &Path, format: Format) -> anyhow::Result<Exit> {
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
                    value["refused"] = e.to_string().into();
                }
            }
            println!("{}", serde_json::to_string_pretty(&value)?);
        }
        Format::Human => {
            println!("file      {}", inspection.file);
            println!("sha256    {}", inspection.sha256);
            println!("size      {} bytes", inspection.size);
            println!("contract  {}", inspection.contract.as_deref().unwrap_or("none (not a jaring plugin)"));
            if let Ok(p) = &loaded {
                println!(
                    "plugin    {} {}{}",
                    p.info.name,
                    p.info.version,
                    if p.info.apportions { " (apportions quotas)" } else { "" }
                );
            }
            println!("imports   {}", list(&inspection.imports));
            println!("exports   {}", list(&inspection.exports));
            match &loaded {
                Ok(_) => println!("loads     yes"),
                Err(e) => println!("loads     no: {e}"),
            }
        }
    }
    Ok(if loaded.is_ok() { Exit::Ok } else { Exit::Problems })
}

fn list(items: &[String]) -> String {
    if items.is_empty() { "none".to_owned() } else { items.join(", ") }
}
