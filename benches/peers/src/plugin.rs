//! The plugin boundary: what crossing into a plugin costs per applicant, measured with a
//! plugin that does nothing (`plugins/hostile`: accepts everyone, no logic), by jaring's own
//! plugin benchmark (`cargo bench --bench plugin -- "floor 0.2.0"`, a million applicants,
//! two threads, the best of three per batch size). That benchmark links the host the
//! `jaring` command uses, so it runs in jaring's workspace, not in this harness.

use std::process::Command;

use anyhow::{Context as _, bail};

use crate::pipeline::met;

/// The batch size a run uses unless its policy says otherwise.
const BATCH: u32 = 4096;
/// Issue 18's target for the do-nothing plugin, µs per applicant.
const TARGET: f64 = 0.15;

/// One run of the benchmark: µs per applicant for each batch size it measured.
fn once(root: &std::path::Path) -> anyhow::Result<Vec<(u32, f64)>> {
    let out = Command::new("cargo")
        .args(["bench", "--quiet", "--bench", "plugin", "--", "floor 0.2.0"])
        .current_dir(root)
        .output()
        .context("running `cargo bench --bench plugin`")?;
    if !out.status.success() {
        bail!("`cargo bench --bench plugin` failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    // lines such as `no-logic floor   94ms   0.094   (accepts everyone; …; batches of 4096)`
    let text = String::from_utf8_lossy(&out.stdout);
    let mut found = Vec::new();
    for line in text.lines().filter(|l| l.starts_with("no-logic floor")) {
        let per = line.split_whitespace().nth(3).and_then(|w| w.parse::<f64>().ok());
        let batch = line
            .rsplit_once("batches of ")
            .and_then(|(_, b)| b.trim_end_matches(')').trim().parse::<u32>().ok());
        if let (Some(per), Some(batch)) = (per, batch) {
            found.push((batch, per));
        }
    }
    if found.is_empty() {
        bail!("`cargo bench --bench plugin` printed no floor:\n{text}");
    }
    Ok(found)
}

/// Runs the benchmark `repeat` times and prints the median per batch size and the target.
pub fn run(root: &std::path::Path, repeat: usize) -> anyhow::Result<()> {
    eprintln!("building and running the plugin benchmark ({repeat} times)");
    let mut runs = Vec::new();
    for k in 0..repeat.max(1) {
        eprintln!("plugin benchmark {} of {}", k + 1, repeat.max(1));
        runs.push(once(root)?);
    }
    println!("## The plugin boundary: a plugin with no logic over 1.000.000 applicants\n");
    println!(
        "`cargo bench --bench plugin -- \"floor 0.2.0\"` run {} times: `plugins/hostile` (contract 0.2.0, accepts everyone without looking), a million applicants, two threads, fuel metered; each run prints the best of three per batch size. Median of the runs, with the fastest and slowest beside it.\n",
        runs.len()
    );
    println!("| batch size | µs per applicant (median) | fastest–slowest |");
    println!("|---:|---:|---:|");
    let mut batches: Vec<u32> = runs.iter().flatten().map(|(b, _)| *b).collect();
    batches.sort_unstable();
    batches.dedup();
    let mut at_default = None;
    for batch in batches {
        let mut times: Vec<f64> =
            runs.iter().flatten().filter(|(b, _)| *b == batch).map(|(_, t)| *t).collect();
        times.sort_by(f64::total_cmp);
        let median = times[times.len() / 2];
        println!(
            "| {} | {median:.3} | {:.3}–{:.3} |",
            crate::system::grouped(u64::from(batch)),
            times[0],
            times[times.len() - 1]
        );
        if batch == BATCH {
            at_default = Some(median);
        }
    }
    println!("\nTarget (issue 18):");
    match at_default {
        Some(median) => println!(
            "- a do-nothing plugin ≤ {TARGET} µs per applicant at the default batch size ({}): {median:.3} µs ({})",
            crate::system::grouped(u64::from(BATCH)),
            met(median <= TARGET)
        ),
        None => {
            println!("- a do-nothing plugin ≤ {TARGET} µs per applicant: not measured (no batch of {BATCH})")
        }
    }
    println!();
    Ok(())
}
