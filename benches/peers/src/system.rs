//! The machine, and running a command with its wall time and peak memory.

use std::io::Read as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};

/// One line per fact about the machine and the software measured.
pub fn describe() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("MemTotal"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|k| k.parse::<u64>().ok()))
        })
        .map_or_else(|| "?".to_owned(), |kb| format!("{:.0} GiB", kb as f64 / 1048576.0));
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    let rustc = Command::new("rustc")
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    let versions: Vec<String> = ["regorus", "cedar-policy", "zen-engine", "wasmtime"]
        .iter()
        .map(|c| format!("{c} {}", locked_version(c).unwrap_or("?")))
        .collect();
    format!(
        "## Machine\n\n- {cpu}, {cores} cores available, {memory} memory, Linux {}\n- {rustc}; {}\n",
        kernel.trim(),
        versions.join(", ")
    )
}

/// The version of a crate in this harness's `Cargo.lock`.
fn locked_version(name: &str) -> Option<&'static str> {
    const LOCK: &str = include_str!("../Cargo.lock");
    let needle = format!("name = \"{name}\"\nversion = \"");
    let at = LOCK.find(&needle)? + needle.len();
    LOCK[at..].split('"').next()
}

/// What running a command took.
pub struct Measured {
    pub wall: Duration,
    /// Peak resident memory of the process, in bytes.
    pub peak: u64,
    /// CPU time of the process, user and system, all threads.
    pub cpu: Duration,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `command` to its end, timing it and reading its peak memory (from `wait4`).
pub fn measure(command: &mut Command) -> anyhow::Result<Measured> {
    let start = Instant::now();
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot start {command:?}"))?;
    // read both pipes while the child runs, so it never blocks on a full pipe
    let mut out = child.stdout.take().context("stdout")?;
    let mut err = child.stderr.take().context("stderr")?;
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let mut stderr = String::new();
    let _ = err.read_to_string(&mut stderr);
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our own child, not yet waited for; both pointers are valid
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    if waited != pid {
        bail!("waiting for {command:?} failed: {}", std::io::Error::last_os_error());
    }
    let stdout = reader.join().unwrap_or_default();
    if !(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0) {
        bail!("{command:?} failed ({status}):\n{stderr}");
    }
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    let cpu = time(usage.ru_utime) + time(usage.ru_stime);
    Ok(Measured { wall, peak: usage.ru_maxrss as u64 * 1024, cpu, stdout, stderr })
}

/// Reads `path` once and throws the bytes away, so that a measurement that reads it finds it
/// in the page cache (as the I/O floor does), not on disk.
pub fn warm(path: &std::path::Path) -> anyhow::Result<()> {
    let mut file = std::fs::File::open(path)?;
    std::io::copy(&mut file, &mut std::io::sink())?;
    Ok(())
}

/// Flushes written files to disk, so one measurement does not pay for the last one's writes.
pub fn settle() {
    // SAFETY: sync has no preconditions
    unsafe { libc::sync() };
}

/// Total size of the files under `dir`.
pub fn bytes_under(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    entries
        .flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => bytes_under(&e.path()),
            _ => e.metadata().map_or(0, |m| m.len()),
        })
        .sum()
}

/// `1.234.567` (Indonesian grouping, as the rest of jaring writes numbers).
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

pub fn seconds(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s < 0.001 {
        format!("{:.0} µs", s * 1e6)
    } else if s < 0.1 {
        format!("{:.1} ms", s * 1e3)
    } else {
        format!("{s:.2} s")
    }
}

pub fn mib(bytes: u64) -> String {
    format!("{:.0} MiB", bytes as f64 / 1048576.0)
}

/// The median of some durations (the lower middle one for an even count).
pub fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get((v.len().max(1) - 1) / 2).copied().unwrap_or_default()
}
