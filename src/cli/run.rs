//! `jaring run`: the main job.

use super::stopwatch::Stopwatch;
use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};

use super::Exit;
use crate::i18n::Lang;
use crate::plugin::PluginHost;
use crate::run::staging::Staging;
use crate::run::{self, Progress, output};

/// Where a run keeps the rows a database sent until its outputs are written (in the staging
/// folder: never published).
const SPILL: &str = ".registry.spill";

/// Options of `jaring run` as typed.
pub struct RunArgs<'a> {
    pub policies: &'a [PathBuf],
    pub registry: &'a Path,
    /// The sheet of a workbook registry to read.
    pub sheet: Option<&'a str>,
    /// For a registry in PostgreSQL: the table, or the query.
    pub table: Option<&'a str>,
    pub query: Option<&'a str>,
    /// For a registry in PostgreSQL: the time zone its `timestamptz` values are read in.
    pub time_zone: Option<&'a str>,
    pub out: &'a Path,
    pub force: bool,
    /// Also write `hasil.xlsx`.
    pub xlsx: bool,
    /// Sign the checkpoint with this key file.
    pub sign: Option<&'a Path>,
    pub quiet: bool,
    /// The language of the terminal summary and of the texts the run writes.
    pub lang: Lang,
}

pub fn run(args: RunArgs<'_>) -> anyhow::Result<Exit> {
    // refuse a used output folder, or one that would replace an input, before any work
    let mut inputs: Vec<PathBuf> = args.policies.to_vec();
    let url = args.registry.to_str().filter(|r| crate::registry::postgres::is_url(r));
    let source = match (url, args.table, args.query) {
        (Some(_), Some(t), None) => Some(crate::registry::postgres::Source::Table(t)),
        (Some(_), None, Some(q)) => Some(crate::registry::postgres::Source::Query(q)),
        (Some(_), _, _) => return Err(super::said(crate::msg!("run-postgres-source"))),
        (None, None, None) => None,
        (None, _, _) => return Err(super::said(crate::msg!("run-table-without-database"))),
    };
    if url.is_none() && args.time_zone.is_some() {
        return Err(super::said(crate::msg!("run-time-zone-without-database")));
    }
    if url.is_none() {
        inputs.push(args.registry.to_path_buf());
    }
    let staging = Staging::new(args.out, args.force, &inputs)?;
    // the signing key is read before any work: a wrong key file stops the run at once
    let key = args.sign.map(super::audit::read_private_key).transpose()?;
    // the run's only clock reading, kept in the decision log's header
    let started = jiff::Timestamp::now();
    let bar = Bar::new(!args.quiet && std::io::stderr().is_terminal());
    let clock = Stopwatch::new();
    bar.stage(&crate::msg!("stage-check").text(args.lang), 0);
    let programs = run::load_programs(args.policies)?;
    // the plugins and reference files the policies name are inputs too
    for p in &programs {
        inputs.extend(p.plugin.as_ref().map(|spec| spec.path.clone()));
        inputs.extend(
            [&p.catalog_ref.name, &p.rates_ref.name].map(PathBuf::from).into_iter().filter(|f| f.is_file()),
        );
    }
    staging.refuse_inputs(&inputs)?;
    clock.lap("check policies");
    bar.stage(&crate::msg!("stage-read").text(args.lang), 0);
    // how the registry is named in the log and on the screen: a database without its password
    // (and the time zone its moments were read in, when the run named one)
    let registry_name = match (url, &source) {
        (Some(u), Some(crate::registry::postgres::Source::Table(t))) => {
            format!("{} table {t}", crate::registry::postgres::shown(u))
        }
        (Some(u), Some(crate::registry::postgres::Source::Query(q))) => {
            format!("{} query {q}", crate::registry::postgres::shown(u))
        }
        _ => args.registry.display().to_string(),
    };
    let server = url.map(|url| crate::registry::postgres::Server::new(url, args.time_zone));
    let registry_name = match server.and_then(|s| s.zone) {
        Some(zone) => format!("{registry_name} (time zone {zone})"),
        None => registry_name,
    };
    // (the plugins are loaded as the registry's header is read: they say which of its
    // columns they are to be shown, and only those are held)
    let host = PluginHost::new()?;
    clock.lap("start the plugin host");
    let registry = match (server, &source) {
        (Some(server), Some(s)) => run::read_registry_from_database(
            server,
            s,
            &registry_name,
            &programs,
            &host,
            Some(&staging.path().join(SPILL)),
        )?,
        _ => run::read_registry_streamed(args.registry, args.sheet, &programs, &host, Some(staging.path()))?,
    };
    clock.lap("read + validate registry");
    let mut outcome =
        run::decide(programs, registry, &host, &Timed { bar: &bar, clock: &clock, lang: args.lang })?;
    outcome.lang = args.lang;
    bar.stage(&crate::msg!("stage-write").text(args.lang), 0);
    // whole seconds, so the log always has the same length for the same inputs
    let started_at = started.strftime("%Y-%m-%dT%H:%M:%SZ").to_string();
    let log = output::LogOptions { registry_name: &registry_name, started_at: &started_at };
    let (written, times) = output::write_all_timed(&mut outcome, staging.path(), Some(log))?;
    clock.lap("write outputs and log (wall)");
    for (name, d) in times {
        clock.add(&format!("  of which {name}"), d);
    }
    if let Some(w) = &written {
        crate::log::checkpoint::write(staging.path(), w, key.as_ref())
            .map_err(|e| run::RunError::Output(crate::msg!("run-cannot-write", error => &e)))?;
    }
    if args.xlsx {
        crate::log::workbook::write(staging.path(), args.lang)
            .map_err(|e| run::RunError::Output(crate::msg!("run-cannot-write-workbook", error = e)))?;
        clock.lap("write hasil.xlsx");
    }
    // the rows a database sent, kept only to write the outputs from
    if let crate::registry::Text::File { path, .. } = &outcome.registry.text
        && path.starts_with(staging.path())
    {
        std::fs::remove_file(path)
            .map_err(|e| run::RunError::Output(crate::msg!("run-cannot-write", error => &e)))?;
    }
    let published = staging.publish()?;
    clock.lap("publish");
    bar.finish();
    clock.report();
    if !args.quiet {
        print!("{}", output::summary_text(&outcome, &published, args.lang).map_err(run::RunError::from)?);
        if let Some(w) = &written {
            let said = crate::msg!(
                "summary-chain-head",
                records = crate::money::grouped(w.records),
                head = &w.chain_head,
                folder = published.display()
            );
            println!("{}", said.text(args.lang));
            let root = crate::msg!("verify-root", root = &w.root, size = crate::money::grouped(w.records));
            println!("{}", root.text(args.lang));
        }
    }
    Ok(Exit::Ok)
}

/// The progress bar, with each stage `decide` reports timed.
struct Timed<'a> {
    bar: &'a Bar,
    clock: &'a Stopwatch,
    lang: Lang,
}

impl Progress for Timed<'_> {
    fn stage(&self, message: &crate::i18n::Msg, total: u64) {
        // timings are named in English, the one language of BENCHMARKS.md
        self.clock.lap_to("prepare", Some(&message.text(Lang::En)));
        self.bar.stage(&message.text(self.lang), total);
    }

    fn advance(&self, done: u64) {
        self.bar.advance(done);
    }

    fn finish(&self) {
        self.clock.lap("finish deciding");
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

impl Bar {
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
