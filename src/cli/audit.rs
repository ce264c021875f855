//! The auditors' commands: `verify`, `replay`, `explain`, `export`.

use std::path::{Path, PathBuf};

use super::{Exit, Format};
use crate::engine::Lang;
use crate::log::explain::{self, Query};
use crate::log::replay::{self, Changes, Impact};
use crate::log::{export, verify};
use crate::money::{Rupiah, grouped};
use crate::plugin::PluginHost;

pub fn verify(dir: &Path, expect_head: Option<&str>, format: Format) -> anyhow::Result<Exit> {
    let report = verify::verify(dir, expect_head)?;
    match format {
        Format::Json => {
            let problems: Vec<serde_json::Value> = report
                .problems
                .iter()
                .map(|p| serde_json::json!({"file": p.file, "line": p.line, "problem": p.what}))
                .collect();
            println!(
                "{}",
                serde_json::to_string_pretty(&serde_json::json!({
                    "intact": report.intact(),
                    "records": report.records,
                    "chain_head": report.chain_head,
                    "counts": report.counts,
                    "problems": problems,
                    "notes": report.notes,
                }))?
            );
        }
        Format::Human => {
            if report.intact() {
                println!(
                    "intact: {} records ({} enrolled, {} waiting, {} rejected, {} invalid); artifacts, CSVs and summary agree\nchain head {}",
                    grouped(report.records),
                    grouped(report.counts.enrolled),
                    grouped(report.counts.waiting),
                    grouped(report.counts.rejected),
                    grouped(report.counts.invalid),
                    report.chain_head.as_deref().unwrap_or("")
                );
                if expect_head.is_none() {
                    println!(
                        "(give --expect-head with the chain head recorded at the run to rule out a rewritten log)"
                    );
                }
            } else {
                println!("TAMPERED OR INCONSISTENT: {} problem(s)", report.problems.len());
                let mut problems = report.problems.clone();
                problems.sort_by_key(|p| (p.file != crate::log::LOG_FILE, p.line.unwrap_or(u64::MAX)));
                for p in &problems {
                    println!("  {p}");
                }
            }
        }
    }
    if format == Format::Human {
        for note in &report.notes {
            println!("note: {note}");
        }
    }
    Ok(if report.intact() { Exit::Ok } else { Exit::Problems })
}

pub fn replay(
    dir: &Path,
    policies: &[PathBuf],
    plugin: Option<&PathBuf>,
    program: Option<&str>,
    format: Format,
) -> anyhow::Result<Exit> {
    let changes =
        Changes { policies: policies.to_vec(), plugin: plugin.cloned(), program: program.map(str::to_owned) };
    // compiled afresh from the archived `.wasm`: an audit never trusts this machine's cache
    let host = PluginHost::uncached()?;
    let (impact, _) = replay::replay(dir, &changes, &host)?;
    match format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&impact)?),
        Format::Human => print!("{}", impact_text(&impact, &changes)),
    }
    Ok(if impact.identical() { Exit::Ok } else { Exit::Problems })
}

fn impact_text(impact: &Impact, changes: &Changes) -> String {
    let mut out = String::new();
    if changes.is_empty() {
        if impact.identical() {
            out.push_str(&format!("replayed {} records: 0 divergences\n", grouped(impact.records)));
            return out;
        }
        out.push_str(&format!(
            "replayed {} records: {} DIVERGE from the log\n",
            grouped(impact.records),
            impact.divergences()
        ));
    } else {
        out.push_str(&format!("impact of the change on {} records:\n", grouped(impact.records)));
        out.push_str(&format!(
            "  {} gain (enrolled now), {} lose (no longer enrolled), {} move on the waiting list, {} other changes\n",
            grouped(impact.gains.len() as u64),
            grouped(impact.losses.len() as u64),
            grouped(impact.moves.len() as u64),
            grouped(impact.other.len() as u64)
        ));
    }
    for m in &impact.money {
        let delta = i128::from(m.after) - i128::from(m.before);
        out.push_str(&format!(
            "  money {} / {}: {} → {} ({}{})\n",
            m.program,
            m.funding,
            Rupiah(m.before),
            Rupiah(m.after),
            if delta < 0 { "-" } else { "+" },
            Rupiah(u64::try_from(delta.unsigned_abs()).unwrap_or(u64::MAX))
        ));
    }
    for (title, list) in
        [("gain", &impact.gains), ("lose", &impact.losses), ("move", &impact.moves), ("other", &impact.other)]
    {
        if list.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{title} ({}):\n", list.len()));
        for c in list.iter().take(50) {
            out.push_str(&format!(
                "  row {} {} {} [{}]: {} → {}\n",
                c.row, c.nik, c.name, c.program, c.before, c.after
            ));
        }
        if list.len() > 50 {
            out.push_str(&format!("  … {} more (--format json lists all)\n", list.len() - 50));
        }
    }
    out
}

pub fn explain(dir: &Path, nik: Option<&str>, row: Option<u32>, lang: Lang) -> anyhow::Result<Exit> {
    let query = match (nik, row) {
        (_, Some(row)) => Query::Row(row),
        (Some(nik), None) => Query::Nik(nik.to_owned()),
        (None, None) => anyhow::bail!("give a NIK or --row N"),
    };
    print!("{}", explain::explain(dir, &query, lang)?);
    Ok(Exit::Ok)
}

pub fn export(dir: &Path, out: &Path, redact: bool, force: bool) -> anyhow::Result<Exit> {
    if !redact {
        anyhow::bail!(
            "only redacted exports are supported: pass --redact (a full copy is a plain copy of the folder)"
        );
    }
    export::export_redacted(dir, out, force)?;
    println!("redacted copy written to {}", out.display());
    Ok(Exit::Ok)
}
