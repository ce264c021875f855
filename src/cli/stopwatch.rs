//! Stage timings of a command, for benchmarks.

/// Stage timings on stderr when `JARING_TIMINGS` is set (for benchmarks). Stages inside
/// `decide` are timed from the progress reports it gives; nothing here reaches a decision.
pub(super) struct Stopwatch {
    /// Whether `JARING_TIMINGS` asks for them (otherwise nothing is measured).
    on: bool,
    start: std::time::Instant,
    /// When the current stage started, its name if known, and the process's CPU time then.
    last: std::sync::Mutex<(std::time::Instant, Option<String>, Option<std::time::Duration>)>,
    /// Each lap's name, length and memory when it ended (resident, peak so far; MiB).
    laps: std::sync::Mutex<Vec<Lap>>,
}

/// A stage's name, how long it took, the memory when it ended (resident, peak; MiB) and the
/// CPU time all threads spent in it.
type Lap = (String, std::time::Duration, Option<(u64, u64)>, Option<std::time::Duration>);

/// The CPU time (user and system) of every thread of this process so far (Unix).
fn cpu() -> Option<std::time::Duration> {
    #[cfg(unix)]
    {
        let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
        // SAFETY: `getrusage` fills the struct it is given and reads nothing else
        if unsafe { libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr()) } != 0 {
            return None;
        }
        // SAFETY: filled by the call that succeeded (and zeroed before)
        let usage = unsafe { usage.assume_init() };
        let time = |t: libc::timeval| {
            std::time::Duration::from_secs(u64::try_from(t.tv_sec).ok()?)
                .checked_add(std::time::Duration::from_micros(u64::try_from(t.tv_usec).ok()?))
        };
        time(usage.ru_utime)?.checked_add(time(usage.ru_stime)?)
    }
    #[cfg(not(unix))]
    None
}

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
            on: std::env::var_os("JARING_TIMINGS").is_some(),
            start: now,
            last: std::sync::Mutex::new((now, None, cpu())),
            laps: std::sync::Mutex::new(Vec::new()),
        }
    }

    /// Ends the current stage (naming it `name` unless a progress report named it) and
    /// starts the next, named `next` if known.
    pub(super) fn lap_to(&self, name: &str, next: Option<&str>) {
        if !self.on {
            return;
        }
        let now = std::time::Instant::now();
        let Ok(mut last) = self.last.lock() else { return };
        let label = last.1.take().unwrap_or_else(|| name.to_owned());
        let busy = cpu();
        let spent = busy.zip(last.2).and_then(|(now, before)| now.checked_sub(before));
        if let Ok(mut laps) = self.laps.lock() {
            laps.push((label, now - last.0, memory(), spent));
        }
        *last = (now, next.map(str::to_owned), busy);
    }

    pub(super) fn lap(&self, name: &str) {
        self.lap_to(name, None);
    }

    pub(super) fn add(&self, name: &str, d: std::time::Duration) {
        if self.on
            && let Ok(mut laps) = self.laps.lock()
        {
            laps.push((name.to_owned(), d, None, None));
        }
    }

    pub(super) fn report(&self) {
        if self.on
            && let Ok(laps) = self.laps.lock()
        {
            // (the CPU time last: the harness reads the first number on a line as the wall)
            let busy = |spent: Option<std::time::Duration>| {
                spent.map(|c| format!(", {:>8.1} ms CPU", c.as_secs_f64() * 1e3)).unwrap_or_default()
            };
            for (name, d, memory, spent) in laps.iter() {
                let memory = memory
                    .map(|(now, peak)| format!("  {now:>6} MiB resident, {peak:>6} MiB peak"))
                    .unwrap_or_default();
                eprintln!("timing {name:<40} {:>8.1} ms{memory}{}", d.as_secs_f64() * 1e3, busy(*spent));
            }
            // (the process's whole CPU time, its start included)
            let total = cpu();
            eprintln!(
                "timing {:<40} {:>8.1} ms{}",
                "total",
                self.start.elapsed().as_secs_f64() * 1e3,
                busy(total)
            );
        }
    }
}
