//! `jaring run`: the main job.

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};

use super::Exit;
use crate::plugin::PluginHost;
use crate::run::{self, Progress, output};

/// Options of `jaring run` as typed.
pub struct RunArgs<'a> {
    pub policies: &'a [PathBuf],
    pub registry: &'a Path,
    pub out: &'a Path,
    pub force: bool,
    pub quiet: bool,
}

pub fn run(args: RunArgs<'_>) -> anyhow::Result<Exit> {
    // refuse a used output folder before doing any work
    let staging = output::Staging::new(args.out, args.force)?;
    // the run's only clock reading, kept in the decision log's header
    let started = jiff::Timestamp::now();
    let bar = Bar::new(!args.quiet && std::io::stderr().is_terminal());
    let mut clock = Stopwatch::new();
    bar.stage("checking policies", 0);
    let programs = run::load_programs(args.policies)?;
    clock.lap("check policies");
    bar.stage("reading the registry", 0);
    let registry = run::read_registry(args.registry, &programs)?;
    clock.lap("read + validate registry");
    let host = PluginHost::new()?;
    let outcome = run::decide(programs, registry, &host, &bar)?;
    clock.lap("decide (rules, plugin, allocation)");
    bar.stage("writing the outputs and the decision log", 0);
    // whole seconds, so the log always has the same length for the same inputs
    let started_at = started.strftime("%Y-%m-%dT%H:%M:%SZ").to_string();
    let registry_name = args.registry.display().to_string();
    let log = output::LogOptions { registry_name: &registry_name, started_at: &started_at };
    let written = output::write_all(&outcome, staging.path(), Some(log))?;
    let published = staging.publish()?;
    clock.lap("write outputs");
    bar.finish();
    clock.report();
    if !args.quiet {
        print!("{}", output::summary_text(&outcome, &published));
        if let Some(w) = &written {
            println!(
                "decision log: {} records, chain head {}\n  keep this chain head outside the folder (in the decree or its minutes); `jaring verify {} --expect-head <it>` proves the log unchanged",
                w.records,
                w.chain_head,
                published.display()
            );
        }
    }
    Ok(Exit::Ok)
}

/// Stage timings on stderr when `JARING_TIMINGS` is set (for benchmarks).
struct Stopwatch {
    start: std::time::Instant,
    last: std::time::Instant,
    laps: Vec<(&'static str, std::time::Duration)>,
}

impl Stopwatch {
    fn new() -> Stopwatch {
        let now = std::time::Instant::now();
        Stopwatch { start: now, last: now, laps: Vec::new() }
    }

    fn lap(&mut self, name: &'static str) {
        let now = std::time::Instant::now();
        self.laps.push((name, now - self.last));
        self.last = now;
    }

    fn report(&self) {
        if std::env::var_os("JARING_TIMINGS").is_some() {
            for (name, d) in &self.laps {
                eprintln!("timing {name:<40} {:>8.1} ms", d.as_secs_f64() * 1e3);
            }
            eprintln!("timing {:<40} {:>8.1} ms", "total", self.start.elapsed().as_secs_f64() * 1e3);
        }
    }
}

/// A progress bar on stderr, or nothing.
struct Bar(Option<ProgressBar>);

impl Bar {
    fn new(visible: bool) -> Bar {
        Bar(visible.then(|| {
            let bar = ProgressBar::new(0);
            bar.set_style(
                ProgressStyle::with_template("{spinner} {msg:40} [{bar:30}] {pos}/{len} ({elapsed})")
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
            );
            bar
        }))
    }
}

impl Progress for Bar {
    fn stage(&self, message: &str, total: u64) {
        if let Some(b) = &self.0 {
            b.set_message(message.to_owned());
            b.set_length(total);
            b.set_position(0);
        }
    }

    fn advance(&self, done: u64) {
        if let Some(b) = &self.0 {
            b.set_position(done);
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}
