//! `jaring run` end to end over growing registries, stage by stage, and the I/O floor.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::system::{self, grouped, mib, seconds};

/// The policy the pipeline runs unless `--policy` names another.
pub const POLICY: &str = "policies/ppu-2025.policy";

/// Where the synthetic registry of `n` rows for `program` (a policy file) is kept.
fn registry_path(work: &Path, program: &str, n: u64, dirty: bool) -> std::path::PathBuf {
    let name = Path::new(program).file_stem().and_then(|s| s.to_str()).unwrap_or("registry");
    work.join(format!("{name}-{n}{}.csv", if dirty { "-dirty" } else { "" }))
}

/// Generates (once) the synthetic registry of `n` rows.
pub fn registry(
    jaring: &Path,
    work: &Path,
    program: &str,
    n: u64,
    dirty: bool,
) -> anyhow::Result<std::path::PathBuf> {
    let path = registry_path(work, program, n, dirty);
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

/// One run; its folder is removed afterwards unless `keep`.
fn run_once(jaring: &Path, policy: &str, registry: &Path, out: &Path, keep: bool) -> anyhow::Result<Run> {
    let _ = std::fs::remove_dir_all(out);
    system::settle();
    system::warm(registry)?;
    let m = system::measure(
        Command::new(jaring)
            .args(["run", policy, "--quiet", "--registry"])
            .arg(registry)
            .arg("--out")
            .arg(out)
            .env("JARING_TIMINGS", "1"),
    )?;
    let mut stages = BTreeMap::new();
    for line in m.stderr.lines() {
        let Some(rest) = line.strip_prefix("timing ") else { continue };
        // `<stage>   <n> ms`, and after a stage the memory it left (`  <m> MiB resident, …`)
        let Some((ms, _)) = rest.split_once(" ms") else { continue };
        let Some((name, value)) = ms.rsplit_once(' ') else { continue };
        if let Ok(v) = value.trim().parse::<f64>() {
            stages.insert(name.trim().to_owned(), v);
        }
    }
    let output = system::bytes_under(out);
    if !keep {
        let _ = std::fs::remove_dir_all(out);
    }
    Ok(Run { stages, wall: m.wall, cpu: m.cpu, peak: m.peak, output })
}

/// Reading the registry and writing `output` bytes, with no logic in between.
fn floor_once(registry: &Path, output: u64, work: &Path) -> anyhow::Result<Duration> {
    let path = work.join("floor.bin");
    let _ = std::fs::remove_file(&path);
    system::settle();
    system::warm(registry)?;
    let start = Instant::now();
    // read in pieces, not whole: a child's peak memory as `wait4` reports it includes this
    // process's own peak when it was started, so the harness stays small
    let mut input = std::fs::File::open(registry)?;
    let mut buffer = vec![0u8; 4 << 20];
    loop {
        let n = std::io::Read::read(&mut input, &mut buffer)?;
        if n == 0 {
            break;
        }
        std::hint::black_box(&buffer[..n]);
    }
    // written the way a run writes its files: each stride sent to disk and let go of as
    // it goes (`jaring::files::Behind`), so the floor is not slower than the run's way
    let mut file =
        std::io::BufWriter::with_capacity(4 << 20, jaring::files::Behind::new(std::fs::File::create(&path)?));
    let chunk = vec![b'x'; 4 << 20];
    let mut left = output;
    while left > 0 {
        let n = left.min(chunk.len() as u64) as usize;
        file.write_all(&chunk[..n])?;
        left -= n as u64;
    }
    file.flush()?;
    // a run makes its files durable before it publishes the folder: so does the floor
    file.get_ref().sync_all()?;
    drop(file);
    let took = start.elapsed();
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

/// Memory `jaring synth` takes per row it generates (6.533 MiB for 30.000.000 rows,
/// measured 2026-12-02, since it holds each row as one string; 975 MiB for 1M before).
const SYNTH_BYTES_PER_ROW: u64 = 240;

/// What one size gave: measured, or why it was not run.
enum Size {
    Ran { n: u64, wall: Duration, peak: u64, ratio: f64, output: u64 },
    NotRun { n: u64, why: String },
}

/// Bytes of memory the system could still give (`MemAvailable`).
fn memory_available() -> u64 {
    std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|t| {
            t.lines().find_map(|l| {
                l.strip_prefix("MemAvailable:").map(|v| v.trim().trim_end_matches(" kB").trim().to_owned())
            })
        })
        .and_then(|kb| kb.parse::<u64>().ok())
        .map_or(u64::MAX, |kb| kb * 1024)
}

/// Bytes free on the file system of `dir`.
fn disk_free(dir: &Path) -> u64 {
    use std::os::unix::ffi::OsStrExt as _;
    let Ok(path) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else { return u64::MAX };
    // SAFETY: an all-zero statvfs is a valid value for statvfs to fill
    let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: path is a valid C string, st a valid pointer
    if unsafe { libc::statvfs(path.as_ptr(), &mut st) } != 0 {
        return u64::MAX;
    }
    st.f_bavail as u64 * st.f_frsize as u64
}

/// Why size `n` cannot be run here, projected from the largest size run before it (memory
/// and output grow with the rows today): `None` when it fits.
fn too_big(n: u64, before: Option<(u64, u64, u64)>, work: &Path, registry_exists: bool) -> Option<String> {
    let (m, peak, output) = before?;
    let scale = n as f64 / m as f64;
    let memory = (peak as f64 * scale) as u64;
    // the output, and the registry when it is still to be generated (about 120 B a row)
    let disk = (output as f64 * scale) as u64 + if registry_exists { 0 } else { 120 * n };
    let (free_memory, free_disk) = (memory_available(), disk_free(work));
    if memory > free_memory / 10 * 9 {
        return Some(format!(
            "not run: at {} B per row it would need about {} of memory, {} is available",
            grouped(peak / m.max(1)),
            mib(memory),
            mib(free_memory)
        ));
    }
    if disk > free_disk / 10 * 9 {
        return Some(format!("not run: it would write about {}, {} is free", mib(disk), mib(free_disk)));
    }
    None
}

/// One timed `jaring` command over a run folder (verify, replay): wall and peak memory.
fn audit_once(jaring: &Path, args: &[&str], dir: &Path) -> anyhow::Result<(Duration, u64)> {
    system::settle();
    // the log found in the page cache, as the run finds its registry
    system::warm(&dir.join("decisions.jsonl"))?;
    let m = system::measure(Command::new(jaring).args(args).arg(dir))?;
    Ok((m.wall, m.peak))
}

pub fn run(jaring: &Path, work: &Path, policy: &str, sizes: &[u64], repeat: usize) -> anyhow::Result<()> {
    println!("## Pipeline: `jaring run {policy}` over synthetic registries\n");
    println!(
        "Registries from `jaring synth --program {policy} --count N --seed 2025 --dirty`. Median of {repeat} runs \
         (one run from 10 million up), with the slowest and fastest run beside it; CPU is user + system time of all threads. Stage times are jaring's own (`JARING_TIMINGS=1`); the writers run in parallel, so their \
         times overlap inside \"write (wall)\". Floor: reading the registry and writing as many bytes as the run wrote, \
         no logic, written as the run writes (each 32 MiB sent to disk and dropped from the page cache as it goes) and made durable (`fsync`) as the run makes its files. Before every run and every floor the registry is read once, so both find it in the page cache. \
         A size is not run when, projected from the size before it, it would not fit in this machine's memory or disk.\n"
    );
    println!(
        "| applicants | wall | wall (fastest–slowest) | CPU | per applicant | applicants/s | peak memory | memory per applicant | read + validate | rules | plugin | allocation | log: render + hash + write | CSVs | write (wall) | output | I/O floor | × floor |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut summary = Vec::new();
    let mut before: Option<(u64, u64, u64)> = None;
    // run folders kept for verify and replay: (rows, folder)
    let mut kept: Vec<(u64, std::path::PathBuf)> = Vec::new();
    for &n in sizes {
        let exists = registry_path(work, policy, n, true).exists();
        if let Some(why) = too_big(n, before, work, exists) {
            println!("| {} | {why} |", grouped(n));
            summary.push(Size::NotRun { n, why });
            continue;
        }
        // `jaring synth` holds every row until it writes them (about 230 B each, measured
        // 2026-12-02): a registry it cannot make in this machine's memory is not attempted,
        // rather than having the kernel kill it (and perhaps something else) at the limit
        let synth_memory = SYNTH_BYTES_PER_ROW * n;
        if !exists && synth_memory > memory_available() / 10 * 9 {
            let why = format!(
                "not run: generating its registry would need about {} of memory (`jaring synth` holds every row, about {} B each), {} is available",
                mib(synth_memory),
                grouped(SYNTH_BYTES_PER_ROW),
                mib(memory_available())
            );
            println!("| {} | {why} |", grouped(n));
            summary.push(Size::NotRun { n, why });
            continue;
        }
        let registry = match registry(jaring, work, policy, n, true) {
            Ok(r) => r,
            Err(e) => {
                let why = format!(
                    "not run: generating the registry failed: {}",
                    format!("{e:#}").lines().next().unwrap_or("")
                );
                println!("| {} | {why} |", grouped(n));
                summary.push(Size::NotRun { n, why });
                continue;
            }
        };
        let out = work.join(format!("out-{n}"));
        let times = if n >= 10_000_000 { 1 } else { repeat.max(1) };
        let mut runs = Vec::new();
        let mut floors = Vec::new();
        let mut failed = None;
        for k in 0..times {
            eprintln!("run {} of {times} at {} rows", k + 1, grouped(n));
            match run_once(
                jaring,
                policy,
                &registry,
                &out,
                k + 1 == times && (n == 1_000_000 || n == 10_000_000),
            ) {
                Ok(r) => {
                    floors.push(floor_once(&registry, r.output, work)?);
                    runs.push(r);
                }
                Err(e) => {
                    failed = Some(format!("{e:#}").lines().next().unwrap_or("").to_owned());
                    break;
                }
            }
        }
        if let Some(why) = failed {
            let why = format!("failed: {why}");
            println!("| {} | {why} |", grouped(n));
            summary.push(Size::NotRun { n, why });
            continue;
        }
        if out.exists() {
            kept.push((n, out.clone()));
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
        let plugin = stage(&|k| k.contains(": plugin ") && !k.contains("independence"));
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
            "| {} | {} | {}–{} | {} | {:.2} µs | {} | {} | {} B | {} | {} | {} | {} | {} | {} | {} | {} | {} | {ratio:.1}× |",
            grouped(n),
            seconds(wall),
            seconds(fastest),
            seconds(slowest),
            seconds(cpu),
            wall.as_secs_f64() * 1e6 / n as f64,
            grouped((n as f64 / wall.as_secs_f64()) as u64),
            mib(peak),
            grouped(peak / n.max(1)),
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
        before = Some((n, peak, output));
        summary.push(Size::Ran { n, wall, peak, ratio, output });
    }

    // verify and replay of the kept folders, and what an auditor and a citizen ask of one
    // record (explain, receipt), whose memory must not grow with the log either
    let mut audits: Vec<(u64, &str, Duration, u64)> = Vec::new();
    if !kept.is_empty() {
        println!("\n### verify and replay\n");
        println!(
            "`jaring verify` and `jaring replay` of the run folders above (median of {repeat}, one from 10 million up), the log read once before each so that it is in the page cache; then `jaring explain` and `jaring receipt` of the record in the middle of the log.\n"
        );
        println!("| applicants | command | wall | peak memory | log |");
        println!("|---:|---|---:|---:|---:|");
        for (n, dir) in &kept {
            let log = std::fs::metadata(dir.join("decisions.jsonl")).map_or(0, |m| m.len());
            let middle = (n / 2).max(1).to_string();
            let receipt = work.join(format!("receipt-{n}.json"));
            let receipt_out = receipt.display().to_string();
            let commands = [
                ("verify", vec!["verify"]),
                ("replay", vec!["replay"]),
                ("explain", vec!["explain", "--row", middle.as_str()]),
                (
                    "receipt",
                    vec!["receipt", "--row", middle.as_str(), "--force", "--out", receipt_out.as_str()],
                ),
            ];
            for (name, args) in commands {
                let times = if *n >= 10_000_000 { 1 } else { repeat.max(1) };
                let mut walls = Vec::new();
                let mut peak = 0;
                let mut error = None;
                for _ in 0..times {
                    match audit_once(jaring, &args, dir) {
                        Ok((w, p)) => {
                            walls.push(w);
                            peak = peak.max(p);
                        }
                        Err(e) => {
                            error = Some(format!("{e:#}").lines().next().unwrap_or("").to_owned());
                            break;
                        }
                    }
                }
                match error {
                    Some(e) => println!("| {} | {name} | failed: {e} | | |", grouped(*n)),
                    None => {
                        let wall = system::median(walls);
                        println!(
                            "| {} | `jaring {name}` | {} | {} | {} ({} B per record) |",
                            grouped(*n),
                            seconds(wall),
                            mib(peak),
                            mib(log),
                            grouped(log / n.max(&1))
                        );
                        audits.push((*n, name, wall, peak));
                    }
                }
            }
            let _ = std::fs::remove_file(&receipt);
            let _ = std::fs::remove_dir_all(dir);
        }
    }

    println!("\nTargets (issue 18):");
    let ran = |m: u64| {
        summary.iter().find_map(|s| match s {
            Size::Ran { n, wall, peak, ratio, output } if *n == m => Some((*wall, *peak, *ratio, *output)),
            _ => None,
        })
    };
    let not_run = |m: u64| {
        summary.iter().find_map(|s| match s {
            Size::NotRun { n, why } if *n == m => Some(why.clone()),
            _ => None,
        })
    };
    for (n, seconds_target, memory_target, floor_target) in [
        (1_000_000u64, 1.5, 512u64 << 20, Some(4.0)),
        (10_000_000, 15.0, 1 << 30, None),
        (30_000_000, 50.0, 1536 << 20, None),
    ] {
        if let Some((wall, peak, ratio, _)) = ran(n) {
            let floor = floor_target.map_or(String::new(), |f| {
                format!("; within {f}× the I/O floor: {ratio:.1}× ({})", met(ratio <= f))
            });
            println!(
                "- {} end to end ≤ {seconds_target} s: {} ({}); peak memory ≤ {}: {} ({}){floor}",
                grouped(n),
                seconds(wall),
                met(wall.as_secs_f64() <= seconds_target),
                mib(memory_target),
                mib(peak),
                met(peak <= memory_target),
            );
        } else if let Some(why) = not_run(n) {
            println!(
                "- {} end to end ≤ {seconds_target} s, ≤ {}: missed ({why})",
                grouped(n),
                mib(memory_target)
            );
        }
    }
    let peaks: Vec<(u64, u64)> =
        [1_000_000u64, 10_000_000, 30_000_000].iter().filter_map(|&n| ran(n).map(|r| (n, r.1))).collect();
    if let (Some(first), Some(last)) = (peaks.first(), peaks.last())
        && last.0 > first.0
    {
        let growth = last.1 as f64 / first.1 as f64;
        println!(
            "- memory flat from 1 million upward (at most 1.25× the 1-million peak at {}): {growth:.2}× ({})",
            grouped(last.0),
            met(growth <= 1.25)
        );
    }
    for (name, _) in [("verify", ()), ("replay", ())] {
        let at = |m: u64| audits.iter().find(|a| a.0 == m && a.1 == name).map(|a| (a.2, a.3));
        if let Some((wall, peak)) = at(1_000_000) {
            let flat = at(10_000_000).map_or(String::new(), |(_, p10)| {
                let growth = p10 as f64 / peak as f64;
                format!(
                    "; memory flat (10 million at most 1.25× 1 million): {growth:.2}× ({})",
                    met(growth <= 1.25)
                )
            });
            println!(
                "- `{name}` of 1 million ≤ 1.5 s: {} ({}){flat}",
                seconds(wall),
                met(wall.as_secs_f64() <= 1.5)
            );
        }
    }
    // (not targets of the issue: what holds for every command reading a run folder)
    for name in ["explain", "receipt"] {
        let at = |m: u64| audits.iter().find(|a| a.0 == m && a.1 == name).map(|a| a.3);
        if let (Some(p1), Some(p10)) = (at(1_000_000), at(10_000_000)) {
            let growth = p10 as f64 / p1 as f64;
            println!(
                "- `{name}` of one record: memory flat (10 million at most 1.25× 1 million): {growth:.2}× ({})",
                met(growth <= 1.25)
            );
        }
    }
    println!();
    Ok(())
}

pub fn met(ok: bool) -> &'static str {
    if ok { "met" } else { "missed" }
}
