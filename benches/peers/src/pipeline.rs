//! `jaring run` end to end over growing registries, stage by stage, and the I/O floor.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::Context as _;

use crate::system::{self, grouped, mib, seconds};

const POLICY: &str = "policies/ppu-2025.policy";

/// Generates (once) the synthetic registry of `n` rows.
pub fn registry(
    jaring: &Path,
    work: &Path,
    program: &str,
    n: u64,
    dirty: bool,
) -> anyhow::Result<std::path::PathBuf> {
    let name = Path::new(program).file_stem().and_then(|s| s.to_str()).unwrap_or("registry");
    let path = work.join(format!("{name}-{n}{}.csv", if dirty { "-dirty" } else { "" }));
    if !path.exists() {
        eprintln!("generating {} ({} rows)", path.display(), grouped(n));
        let partial = path.with_extension("partial");
        let mut c = Command::new(jaring);
        c.args(["synth", "--program", program, "--count", &n.to_string(), "--seed", "2025", "--out"])
            .arg(&partial);
        if dirty {
            c.arg("--dirty");
        }
        system::measure(&mut c)?;
        std::fs::rename(&partial, &path)?;
    }
    Ok(path)
}

/// One `jaring run`: its stage timings (ms, by name), wall time, peak memory, output bytes.
struct Run {
    stages: BTreeMap<String, f64>,
    wall: Duration,
    cpu: Duration,
    peak: u64,
    output: u64,
}

fn run_once(jaring: &Path, registry: &Path, out: &Path) -> anyhow::Result<Run> {
    let _ = std::fs::remove_dir_all(out);
    system::settle();
    system::warm(registry)?;
    let m = system::measure(
        Command::new(jaring)
            .args(["run", POLICY, "--quiet", "--registry"])
            .arg(registry)
            .arg("--out")
            .arg(out)
            .env("JARING_TIMINGS", "1"),
    )?;
    let mut stages = BTreeMap::new();
    for line in m.stderr.lines() {
        let Some(rest) = line.strip_prefix("timing ") else { continue };
        let Some(ms) = rest.trim_end().strip_suffix(" ms") else { continue };
        let Some((name, value)) = ms.rsplit_once(' ') else { continue };
        if let Ok(v) = value.trim().parse::<f64>() {
            stages.insert(name.trim().to_owned(), v);
        }
    }
    let output = system::bytes_under(out);
    let _ = std::fs::remove_dir_all(out);
    Ok(Run { stages, wall: m.wall, cpu: m.cpu, peak: m.peak, output })
}

/// Reading the registry and writing `output` bytes, with no logic in between.
fn floor_once(registry: &Path, output: u64, work: &Path) -> anyhow::Result<Duration> {
    let path = work.join("floor.bin");
    let _ = std::fs::remove_file(&path);
    system::settle();
    system::warm(registry)?;
    let start = Instant::now();
    let bytes = std::fs::read(registry)?;
    std::hint::black_box(&bytes);
    let mut file = std::io::BufWriter::with_capacity(4 << 20, std::fs::File::create(&path)?);
    let chunk = vec![b'x'; 4 << 20];
    let mut left = output;
    while left > 0 {
        let n = left.min(chunk.len() as u64) as usize;
        file.write_all(&chunk[..n])?;
        left -= n as u64;
    }
    file.flush()?;
    drop(file);
    let took = start.elapsed();
    drop(bytes);
    std::fs::remove_file(&path)?;
    Ok(took)
}

fn stage_sum(stages: &BTreeMap<String, f64>, pred: impl Fn(&str) -> bool) -> f64 {
    stages.iter().filter(|(k, _)| pred(k)).map(|(_, v)| v).sum()
}

fn ms(v: f64) -> String {
    seconds(Duration::from_secs_f64(v / 1e3))
}

fn median_f(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get((v.len().max(1) - 1) / 2).copied().unwrap_or(0.0)
}

pub fn run(jaring: &Path, work: &Path, sizes: &[u64], repeat: usize) -> anyhow::Result<()> {
    println!("## Pipeline: `jaring run {POLICY}` (with its plugin) over synthetic registries\n");
    println!(
        "Registries from `jaring synth --program {POLICY} --count N --seed 2025 --dirty`. Median of {repeat} runs \
         (one run at 10 million), with the slowest and fastest run beside it; CPU is user + system time of all threads. Stage times are jaring's own (`JARING_TIMINGS=1`); the writers run in parallel, so their \
         times overlap inside \"write (wall)\". Floor: reading the registry and writing as many bytes as the run wrote, \
         no logic. Before every run and every floor the registry is read once, so both find it in the page cache.\n"
    );
    println!(
        "| applicants | wall | wall (fastest–slowest) | CPU | per applicant | applicants/s | peak memory | read + validate | rules | plugin | allocation | log: render + hash + write | CSVs | write (wall) | output | I/O floor | × floor |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut summary = Vec::new();
    for &n in sizes {
        let registry = registry(jaring, work, POLICY, n, true)?;
        let out = work.join(format!("out-{n}"));
        let times = if n >= 10_000_000 { 1 } else { repeat.max(1) };
        let mut runs = Vec::new();
        let mut floors = Vec::new();
        for k in 0..times {
            eprintln!("run {} of {times} at {} rows", k + 1, grouped(n));
            let r = run_once(jaring, &registry, &out).with_context(|| format!("jaring run at {n} rows"))?;
            floors.push(floor_once(&registry, r.output, work)?);
            runs.push(r);
        }
        let wall = system::median(runs.iter().map(|r| r.wall).collect());
        let fastest = runs.iter().map(|r| r.wall).min().unwrap_or_default();
        let slowest = runs.iter().map(|r| r.wall).max().unwrap_or_default();
        let cpu = system::median(runs.iter().map(|r| r.cpu).collect());
        let peak = runs.iter().map(|r| r.peak).max().unwrap_or(0);
        let output = runs.last().map_or(0, |r| r.output);
        let stage =
            |pred: &dyn Fn(&str) -> bool| median_f(runs.iter().map(|r| stage_sum(&r.stages, pred)).collect());
        let read = stage(&|k| k == "read + validate registry");
        let rules = stage(&|k| k.ends_with(": rules"));
        let plugin = stage(&|k| k.contains(": plugin "));
        let allocation = stage(&|k| k.ends_with(": allocation"));
        let log = stage(&|k| k.contains("decisions.jsonl"));
        let csvs = median_f(
            runs.iter()
                .map(|r| {
                    r.stages
                        .iter()
                        .filter(|(k, _)| k.contains("of which") && k.contains(".csv"))
                        .map(|(_, v)| *v)
                        .fold(0.0, f64::max)
                })
                .collect(),
        );
        let write = stage(&|k| k.starts_with("write outputs"));
        let floor = system::median(floors);
        let ratio = wall.as_secs_f64() / floor.as_secs_f64().max(1e-9);
        println!(
            "| {} | {} | {}–{} | {} | {:.2} µs | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {ratio:.1}× |",
            grouped(n),
            seconds(wall),
            seconds(fastest),
            seconds(slowest),
            seconds(cpu),
            wall.as_secs_f64() * 1e6 / n as f64,
            grouped((n as f64 / wall.as_secs_f64()) as u64),
            mib(peak),
            ms(read),
            ms(rules),
            ms(plugin),
            ms(allocation),
            ms(log),
            ms(csvs),
            ms(write),
            mib(output),
            seconds(floor),
        );
        summary.push((n, wall, peak, ratio));
    }
    println!("\nTargets:");
    for (n, wall, peak, ratio) in summary {
        match n {
            1_000_000 => {
                println!(
                    "- 1 million end to end ≤ 2 s: {} ({}); peak memory ≤ 1 GiB: {} ({}); within 3× the I/O floor: {ratio:.1}× ({})",
                    seconds(wall),
                    met(wall.as_secs_f64() <= 2.0),
                    mib(peak),
                    met(peak <= 1 << 30),
                    met(ratio <= 3.0)
                );
            }
            10_000_000 => {
                println!("- 10 million ≤ 20 s: {} ({})", seconds(wall), met(wall.as_secs_f64() <= 20.0))
            }
            _ => {}
        }
    }
    println!();
    Ok(())
}

pub fn met(ok: bool) -> &'static str {
    if ok { "met" } else { "missed" }
}
