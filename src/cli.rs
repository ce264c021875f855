//! The command line: what the user typed ([`Args`]) and what each command does.
//!
//! Commands report problems as diagnostics and return an [`Exit`]; only failures to run at
//! all (bad arguments, unreadable files) are `Err`, which `main` prints and maps to 2.

mod audit;
mod check;
mod diff;
mod fmt;
mod lookup;
mod office;
mod plugin;
mod run;
mod serve;
mod stopwatch;
mod synth;
mod test;

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::i18n::{Lang, Msg};
use crate::msg;

pub use help::{all_keys as help_keys, command, lang_in, parse};

mod help;

/// How a command ended. `Problems` (a policy has errors, files need formatting) is kept
/// apart from `Failed` (the command could not do its job).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Exit {
    Ok = 0,
    Problems = 1,
    Failed = 2,
}

// The help texts of the commands and options below live in `i18n/*.ftl` (`help-…`), one
// text per language; `help.rs` sets them at run time.
#[derive(Parser, Debug)]
#[command(name = "jaring", version)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
    #[arg(long, value_enum, global = true, default_value_t = Color::Auto)]
    color: Color,
    #[arg(long, value_enum, global = true)]
    lang: Option<Language>,
}

/// How to talk to the person at the terminal.
#[derive(Clone, Copy, Debug)]
pub struct Ui {
    pub color: bool,
    pub lang: Lang,
}

#[derive(Subcommand, Debug)]
enum Command {
    Check {
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    Fmt {
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        #[arg(long)]
        check: bool,
    },
    #[command(subcommand)]
    Plugin(PluginCommand),
    Run {
        #[arg(required = true)]
        policies: Vec<PathBuf>,
        #[arg(long)]
        registry: PathBuf,
        #[arg(long)]
        sheet: Option<String>,
        #[arg(long)]
        table: Option<String>,
        #[arg(long)]
        query: Option<String>,
        #[arg(long)]
        time_zone: Option<String>,
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        force: bool,
        #[arg(long)]
        xlsx: bool,
        #[arg(long)]
        sign: Option<PathBuf>,
        #[arg(long, short)]
        quiet: bool,
    },
    Verify {
        dir: PathBuf,
        #[arg(long)]
        expect_head: Option<String>,
        #[arg(long = "key")]
        keys: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    Replay {
        dir: PathBuf,
        #[arg(long)]
        policy: Vec<PathBuf>,
        #[arg(long)]
        plugin: Option<PathBuf>,
        #[arg(long)]
        program: Option<String>,
        #[arg(long, value_enum, default_value_t = ImpactFormat::Human)]
        format: ImpactFormat,
    },
    Explain {
        dir: PathBuf,
        nik: Option<String>,
        #[arg(long)]
        row: Option<u32>,
        #[arg(long)]
        detail: bool,
    },
    Export {
        dir: PathBuf,
        #[arg(long, value_enum, default_value = "folder")]
        format: ExportFormat,
        #[arg(long)]
        redact: bool,
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        force: bool,
    },
    #[command(subcommand)]
    Key(KeyCommand),
    Cosign {
        dir: PathBuf,
        #[arg(long)]
        key: PathBuf,
    },
    Receipt {
        dir: PathBuf,
        nik: Option<String>,
        #[arg(long)]
        row: Option<u32>,
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        force: bool,
    },
    Annex {
        dir: PathBuf,
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        program: Option<String>,
        #[arg(long)]
        expect_head: Option<String>,
        #[arg(long)]
        force: bool,
    },
    Report {
        dir: PathBuf,
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        expect_head: Option<String>,
        #[arg(long)]
        force: bool,
    },
    Serve {
        #[arg(default_value = ".")]
        dir: PathBuf,
        #[arg(long, conflicts_with = "run")]
        registry: Option<PathBuf>,
        #[arg(long)]
        run: Option<PathBuf>,
        #[arg(long, default_value_t = 7878)]
        port: u16,
        #[arg(long)]
        listen: Option<std::net::IpAddr>,
        #[arg(long)]
        token: Option<String>,
        #[arg(long)]
        no_browser: bool,
    },
    Test {
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        #[arg(long)]
        coverage: bool,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    Diff {
        old: PathBuf,
        new: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    Regions {
        #[arg(required = true)]
        query: Vec<String>,
        #[arg(long)]
        within: Option<String>,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    Occupations {
        #[arg(required = true)]
        word: Vec<String>,
        #[arg(long)]
        catalog: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    Synth {
        #[arg(long)]
        program: PathBuf,
        #[arg(long)]
        count: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        dirty: bool,
        #[arg(long, value_enum, default_value_t = SynthLayout::Csv)]
        format: SynthLayout,
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Language {
    En,
    Id,
}

/// What `export` writes: a redacted copy of the run folder, or the log as Parquet tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Folder,
    Parquet,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum SynthLayout {
    Csv,
    CsvSemicolon,
    Jsonl,
    Xlsx,
}

#[derive(Subcommand, Debug)]
enum KeyCommand {
    New {
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
enum PluginCommand {
    New {
        name: String,
        #[arg(long, value_enum, default_value_t = PluginLang::Rust)]
        language: PluginLang,
        #[arg(long, default_value = "plugins")]
        workspace: PathBuf,
    },
    Build {
        dir: PathBuf,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    Test {
        #[arg(required = true)]
        policies: Vec<PathBuf>,
        #[arg(long)]
        registry: Option<PathBuf>,
        #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
        count: u32,
    },
    Fixture {
        policy: PathBuf,
        #[arg(long)]
        registry: Option<PathBuf>,
        #[arg(long)]
        row: Vec<u32>,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    Inspect {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
}

/// The language a new plugin is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PluginLang {
    Rust,
    Js,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

/// How `replay` gives its impact report: words, JSON, or one CSV line per change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ImpactFormat {
    Human,
    Json,
    Csv,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

/// A failure of the command line itself, in words of either language.
#[derive(Debug, thiserror::Error)]
#[error("{}", .0.text(Lang::En))]
pub struct Said(pub Msg);

/// An error that says `message`.
pub fn said(message: Msg) -> anyhow::Error {
    anyhow::Error::new(Said(message))
}

/// An error in `lang`: the library's errors know their words; anything else (which should
/// not happen) is shown as it is.
pub fn error_text(error: &anyhow::Error, lang: Lang) -> String {
    use crate::audit::{export::ExportError, replay::ReplayError};
    for cause in error.chain() {
        if let Some(e) = cause.downcast_ref::<Said>() {
            return e.0.text(lang);
        } else if let Some(e) = cause.downcast_ref::<crate::run::RunError>() {
            return e.render(lang);
        } else if let Some(e) = cause.downcast_ref::<ReplayError>() {
            return e.render(lang);
        } else if let Some(e) = cause.downcast_ref::<ExportError>() {
            return e.render(lang);
        } else if let Some(e) = cause.downcast_ref::<crate::plugin::PluginError>() {
            return e.message().text(lang);
        } else if let Some(e) = cause.downcast_ref::<crate::registry::RegistryError>() {
            return e.message().text(lang);
        } else if let Some(e) = cause.downcast_ref::<crate::log::LogError>() {
            return e.message().text(lang);
        } else if let Some(e) = cause.downcast_ref::<crate::cases::CasesError>() {
            return e.render(lang);
        } else if let Some(e) = cause.downcast_ref::<crate::office::source::OfficeError>() {
            return e.render(lang);
        } else if let Some(e) = cause.downcast_ref::<crate::serve::ServeError>() {
            return e.0.text(lang);
        }
    }
    format!("{error:#}")
}

/// Runs a command.
pub fn run(args: Args) -> anyhow::Result<Exit> {
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let lang = Lang::choose(args.lang.map(|l| match l {
        Language::En => Lang::En,
        Language::Id => Lang::Id,
    }));
    let ui = Ui { color, lang };
    match args.command {
        Command::Check { paths, format } => check::run(&paths, format, ui),
        Command::Fmt { paths, check } => fmt::run(&paths, check, ui),
        Command::Plugin(PluginCommand::New { name, language, workspace }) => {
            plugin::new(&workspace, &name, language, lang)
        }
        Command::Plugin(PluginCommand::Build { dir, out }) => plugin::build(&dir, out.as_deref(), lang),
        Command::Plugin(PluginCommand::Fixture { policy, registry, row, out }) => {
            plugin::fixture(&policy, registry.as_deref(), &row, out.as_deref(), lang)
        }
        Command::Plugin(PluginCommand::Test { policies, registry, count }) => {
            plugin::test(&policies, registry.as_deref(), count, lang)
        }
        Command::Plugin(PluginCommand::Inspect { file, format }) => plugin::inspect(&file, format, lang),
        Command::Run {
            policies,
            registry,
            sheet,
            table,
            query,
            time_zone,
            out,
            force,
            xlsx,
            sign,
            quiet,
        } => run::run(run::RunArgs {
            policies: &policies,
            registry: &registry,
            sheet: sheet.as_deref(),
            table: table.as_deref(),
            query: query.as_deref(),
            time_zone: time_zone.as_deref(),
            out: &out,
            force,
            xlsx,
            sign: sign.as_deref(),
            quiet,
            lang,
        }),
        Command::Verify { dir, expect_head, keys, format } => {
            audit::verify(&dir, expect_head.as_deref(), &keys, format, lang)
        }
        Command::Key(KeyCommand::New { out }) => audit::key_new(&out, lang),
        Command::Cosign { dir, key } => audit::cosign(&dir, &key, lang),
        Command::Replay { dir, policy, plugin, program, format } => {
            audit::replay(&dir, &policy, plugin.as_ref(), program.as_deref(), format, lang)
        }
        Command::Explain { dir, nik, row, detail } => audit::explain(&dir, nik.as_deref(), row, detail, lang),
        Command::Export { dir, format, redact, out, force } => {
            audit::export(&dir, &out, format, redact, force, lang)
        }
        Command::Receipt { dir, nik, row, out, force } => {
            office::receipt(&dir, nik.as_deref(), row, &out, force, lang)
        }
        Command::Annex { dir, out, program, expect_head, force } => {
            office::annex(&dir, &out, program.as_deref(), expect_head.as_deref(), force, lang)
        }
        Command::Report { dir, out, expect_head, force } => {
            office::report(&dir, &out, expect_head.as_deref(), force, lang)
        }
        Command::Serve { dir, registry, run, port, listen, token, no_browser } => {
            // the workbench is for legal staff: Bahasa Indonesia unless asked otherwise
            let asked = args.lang.is_some() || std::env::var_os("JARING_LANG").is_some_and(|v| !v.is_empty());
            let lang = if asked { lang } else { Lang::Id };
            serve::run(serve::ServeArgs { dir, registry, run, port, listen, token, no_browser, lang })
        }
        Command::Test { paths, coverage, format } => test::run(&paths, coverage, format, lang),
        Command::Diff { old, new, format } => diff::run(&old, &new, format, lang),
        Command::Regions { query, within, limit, format } => {
            lookup::regions(&query.join(" "), within.as_deref(), limit, format, lang)
        }
        Command::Occupations { word, catalog, format } => {
            lookup::occupations(&word.join(" "), catalog.as_deref(), format, lang)
        }
        Command::Synth { program, count, seed, dirty, format, out } => {
            let format = match format {
                SynthLayout::Csv => crate::synth::SynthFormat::Csv,
                SynthLayout::CsvSemicolon => crate::synth::SynthFormat::CsvSemicolon,
                SynthLayout::Jsonl => crate::synth::SynthFormat::JsonLines,
                SynthLayout::Xlsx => crate::synth::SynthFormat::Xlsx,
            };
            synth::run(&program, count, seed, dirty, format, out.as_ref(), lang)
        }
    }
}

/// The policy files named by `paths`: files as given, folders searched (sorted, skipping
/// hidden folders and `target`).
pub fn policy_files(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let before = files.len();
            walk(path, &mut files)
                .map_err(|e| said(msg!("cli-unreadable-folder", folder = path.display(), error => &e)))?;
            if files.len() == before {
                return Err(said(msg!("cli-no-policies", folder = path.display())));
            }
        } else if path.exists() || path.as_os_str() == "-" {
            files.push(path.clone());
        } else {
            return Err(said(msg!("cli-no-such-path", path = path.display())));
        }
    }
    Ok(files)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    walk_for(dir, ".policy", out)
}

/// Files under `dir` whose name ends with `suffix`, sorted, skipping hidden folders and
/// `target`.
pub(crate) fn walk_for(dir: &Path, suffix: &str, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(dir)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_dir() {
            if !name.starts_with('.') && name != "target" {
                walk_for(&path, suffix, out)?;
            }
        } else if name.ends_with(suffix) {
            out.push(path);
        }
    }
    Ok(())
}
