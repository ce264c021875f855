//! The command line: what the user typed ([`Args`]) and what each command does.
//!
//! Commands report problems as diagnostics and return an [`Exit`]; only failures to run at
//! all (bad arguments, unreadable files) are `Err`, which `main` prints and maps to 2.

mod audit;
mod check;
mod fmt;
mod plugin;
mod run;
mod synth;

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use clap::{Parser, Subcommand, ValueEnum};

use crate::i18n::Lang;

/// How a command ended. `Problems` (a policy has errors, files need formatting) is kept
/// apart from `Failed` (the command could not do its job).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Exit {
    Ok = 0,
    Problems = 1,
    Failed = 2,
}

#[derive(Parser, Debug)]
#[command(
    name = "jaring",
    version,
    about = "Auditable enrollment of vulnerable workers in BPJS Ketenagakerjaan, by regional policy"
)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
    /// When to colour human output.
    #[arg(long, value_enum, global = true, default_value_t = Color::Auto)]
    color: Color,
    /// The language of messages: `en`, or `id` (Bahasa Indonesia). Default: `JARING_LANG`,
    /// else `LC_ALL`/`LANG` when they name Indonesian, else English.
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
    /// Check policy files (or folders of `.policy` files) and report every problem.
    Check {
        /// Files or folders; folders are searched for `*.policy`.
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        /// `human` (on stderr) or `json` (an array on stdout).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Rewrite policy files in the canonical layout (`-` reads stdin, writes stdout).
    Fmt {
        /// Files or folders; folders are searched for `*.policy`.
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        /// Change nothing; list the files that are not formatted and exit 1 if any.
        #[arg(long)]
        check: bool,
    },
    /// Build and inspect region plugins.
    #[command(subcommand)]
    Plugin(PluginCommand),
    /// Decide a registry under one or more policies and write the results.
    Run {
        /// Policy files; programs others yield to are decided first.
        #[arg(required = true)]
        policies: Vec<PathBuf>,
        /// The registry of candidates (CSV with `,` or `;`, or JSON Lines).
        #[arg(long)]
        registry: PathBuf,
        /// A new (or empty) folder for the results.
        #[arg(long)]
        out: PathBuf,
        /// Replace the folder's contents if it is not empty.
        #[arg(long)]
        force: bool,
        /// No progress bar and no summary on the terminal.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Check a run folder: hash chain, counts, artifacts, and that the CSVs agree with the log.
    Verify {
        /// The run folder (as `jaring run --out` wrote it, or a copy).
        dir: PathBuf,
        /// The chain head recorded when the run was made (in the decree or its minutes).
        #[arg(long)]
        expect_head: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Decide a recorded run again from its own inputs; with --policy/--plugin, show who a
    /// change would affect.
    Replay {
        /// The run folder (as `jaring run --out` wrote it, or a copy).
        dir: PathBuf,
        /// A new policy replacing the recorded program with the same id.
        #[arg(long)]
        policy: Vec<PathBuf>,
        /// A new plugin for the program (given by --program when the run has several).
        #[arg(long)]
        plugin: Option<PathBuf>,
        /// The program --plugin is for, by id.
        #[arg(long)]
        program: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Explain one decision in plain words, with the legal basis of each rule.
    Explain {
        /// The run folder (as `jaring run --out` wrote it, or a copy).
        dir: PathBuf,
        /// The NIK of the person.
        nik: Option<String>,
        /// Or the registry row.
        #[arg(long)]
        row: Option<u32>,
    },
    /// Write a shareable copy of a run folder with NIKs and names masked.
    Export {
        /// The run folder (as `jaring run --out` wrote it, or a copy).
        dir: PathBuf,
        /// Mask NIKs and names (required).
        #[arg(long)]
        redact: bool,
        /// The folder to create for the copy (must not exist or be empty).
        #[arg(long)]
        out: PathBuf,
        /// Replace the contents of --out if it is not empty.
        #[arg(long)]
        force: bool,
    },
    /// Write a realistic synthetic registry for a program.
    Synth {
        /// The program's policy file.
        #[arg(long)]
        program: PathBuf,
        /// How many rows.
        #[arg(long)]
        count: u32,
        /// The same seed gives the same registry.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Add the errors real registries have (broken NIKs, bad dates, unknown codes, repeats).
        #[arg(long)]
        dirty: bool,
        /// `csv`, `csv-semicolon` (BOM, `;`, CRLF, as spreadsheets export) or `jsonl`.
        #[arg(long, value_enum, default_value_t = SynthLayout::Csv)]
        format: SynthLayout,
        /// Where to write (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Language {
    En,
    Id,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum SynthLayout {
    Csv,
    CsvSemicolon,
    Jsonl,
}

#[derive(Subcommand, Debug)]
enum PluginCommand {
    /// Build a plugin crate into a component and print its sha256.
    Build {
        /// The plugin's folder (its Cargo.toml), or a hand-written core module (`.wat` or
        /// `.wasm`) following the contract's canonical ABI.
        dir: PathBuf,
        /// Where to write the component (default: `<dir>/<name>.wasm`, or
        /// `<file>.component.wasm` for a module).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Show a plugin's contract version, imports, exports, size and sha256.
    Inspect {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
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
        Command::Plugin(PluginCommand::Build { dir, out }) => plugin::build(&dir, out.as_deref()),
        Command::Plugin(PluginCommand::Inspect { file, format }) => plugin::inspect(&file, format),
        Command::Run { policies, registry, out, force, quiet } => {
            run::run(run::RunArgs { policies: &policies, registry: &registry, out: &out, force, quiet })
        }
        Command::Verify { dir, expect_head, format } => audit::verify(&dir, expect_head.as_deref(), format),
        Command::Replay { dir, policy, plugin, program, format } => {
            audit::replay(&dir, &policy, plugin.as_ref(), program.as_deref(), format)
        }
        Command::Explain { dir, nik, row } => audit::explain(&dir, nik.as_deref(), row, lang),
        Command::Export { dir, redact, out, force } => audit::export(&dir, &out, redact, force),
        Command::Synth { program, count, seed, dirty, format, out } => {
            let format = match format {
                SynthLayout::Csv => crate::synth::SynthFormat::Csv,
                SynthLayout::CsvSemicolon => crate::synth::SynthFormat::CsvSemicolon,
                SynthLayout::Jsonl => crate::synth::SynthFormat::JsonLines,
            };
            synth::run(&program, count, seed, dirty, format, out.as_ref())
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
            walk(path, &mut files).with_context(|| format!("cannot read folder `{}`", path.display()))?;
            if files.len() == before {
                bail!("no `.policy` files in `{}`", path.display());
            }
        } else if path.exists() || path.as_os_str() == "-" {
            files.push(path.clone());
        } else {
            bail!("`{}` does not exist", path.display());
        }
    }
    Ok(files)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(dir)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_dir() {
            if !name.starts_with('.') && name != "target" {
                walk(&path, out)?;
            }
        } else if path.extension().is_some_and(|e| e == "policy") {
            out.push(path);
        }
    }
    Ok(())
}
