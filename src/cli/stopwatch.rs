//! Stage timings of a command, for benchmarks.

/// Stage timings on stderr when `JARING_TIMINGS` is set (for benchmarks). Stages inside
/// `decide` are timed from the progress reports it gives; nothing here reaches a decision.
pub(super) struct Stopwatch {
    start: std::time::Instant,
    last: std::sync::Mutex<(std::time::Instant, Option<String>)>,
    /// Each lap's name, length and memory when it ended (resident, peak so far; MiB).
    laps: std::sync::Mutex<Vec<Lap>>,
}

/// A stage's name, how long it took, and the memory when it ended (resident, peak; MiB).
type Lap = (String, std::time::Duration, Option<(u64, u64)>);

/// Resident and peak resident memory of this process in MiB (Linux; `None` elsewhere).
fn memory() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok().map(|kib| kib / 1024))
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

impl Stopwatch {
    pub(super) fn new() -> Stopwatch {
        let now = std::time::Instant::now();
        Stopwatch {
            start: now,
            last: std::sync::Mutex::new((now, None)),
            laps: std::sync::Mutex::new(Vec::new()),
        }
    }

    /// Ends the current stage (naming it `name` unless a progress report named it) and
    /// starts the next, named `next` if known.
    pub(super) fn lap_to(&self, name: &str, next: Option<&str>) {
        let now = std::time::Instant::now();
        let Ok(mut last) = self.last.lock() else { return };
        let label = last.1.take().unwrap_or_else(|| name.to_owned());
        if let Ok(mut laps) = self.laps.lock() {
            laps.push((label, now - last.0, memory()));
        }
        *last = (now, next.map(str::to_owned));
    }

    pub(super) fn lap(&self, name: &str) {
        self.lap_to(name, None);
    }

    pub(super) fn add(&self, name: &str, d: std::time::Duration) {
        if let Ok(mut laps) = self.laps.lock() {
            laps.push((name.to_owned(), d, None));
        }
    }

    pub(super) fn report(&self) {
        if std::env::var_os("JARING_TIMINGS").is_some()
            && let Ok(laps) = self.laps.lock()
        {
            for (name, d, memory) in laps.iter() {
                let memory = memory
                    .map(|(now, peak)| format!("  {now:>6} MiB resident, {peak:>6} MiB peak"))
                    .unwrap_or_default();
                eprintln!("timing {name:<40} {:>8.1} ms{memory}", d.as_secs_f64() * 1e3);
            }
            eprintln!("timing {:<40} {:>8.1} ms", "total", self.start.elapsed().as_secs_f64() * 1e3);
        }
    }
}
