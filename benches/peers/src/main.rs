//! `jaring-bench`: the numbers of BENCHMARKS.md.
//!
//! Three parts, printed as Markdown tables:
//! - the pipeline: `jaring run` of PPU 2025 over synthetic registries of 10k to 10M rows,
//!   stage by stage, against the I/O floor of the same bytes read and written;
//! - the peers: the Paser 2022 eligibility rule over the same 1M applicants in jaring, a
//!   hand-written Rust loop, regorus (Rego), Cedar, zen-engine and OpenFisca;
//! - the plugin boundary: a plugin with no logic over a million applicants.
//!
//! Run it with `benches/run` from the repository root, which builds jaring, prepares the
//! Python environment and passes the paths.

mod peers;
mod pipeline;
mod plugin;
mod system;

use std::path::PathBuf;

use anyhow::{Context as _, bail};

/// Options, as `--name value` pairs.
struct Options {
    jaring: PathBuf,
    python: Option<PathBuf>,
    work: PathBuf,
    sizes: Vec<u64>,
    /// The policy the pipeline runs (its registries are generated for it).
    policy: String,
    repeat: usize,
    peers_size: u64,
    pipeline: bool,
    peers: bool,
    plugin: bool,
}

fn parse_count(text: &str) -> anyhow::Result<u64> {
    let t = text.trim().to_ascii_lowercase();
    let (digits, scale) = if let Some(d) = t.strip_suffix('m') {
        (d, 1_000_000)
    } else if let Some(d) = t.strip_suffix('k') {
        (d, 1_000)
    } else {
        (t.as_str(), 1)
    };
    let n: u64 =
        digits.replace(['_', '.'], "").parse().with_context(|| format!("`{text}` is not a count"))?;
    Ok(n * scale)
}

fn options() -> anyhow::Result<Options> {
    let mut o = Options {
        jaring: PathBuf::from("target/release/jaring"),
        python: None,
        work: PathBuf::from("target/bench"),
        sizes: vec![10_000, 100_000, 1_000_000, 10_000_000, 30_000_000],
        policy: pipeline::POLICY.to_owned(),
        repeat: 5,
        peers_size: 1_000_000,
        pipeline: true,
        peers: true,
        plugin: true,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().with_context(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--jaring" => o.jaring = value()?.into(),
            "--python" => o.python = Some(value()?.into()),
            "--work" => o.work = value()?.into(),
            "--sizes" => o.sizes = value()?.split(',').map(parse_count).collect::<anyhow::Result<_>>()?,
            "--repeat" => o.repeat = value()?.parse()?,
            "--policy" => o.policy = value()?,
            "--peers-size" => o.peers_size = parse_count(&value()?)?,
            "--only" => {
                let part = value()?;
                if !["pipeline", "peers", "plugin"].contains(&part.as_str()) {
                    bail!("--only pipeline|peers|plugin, not `{part}`");
                }
                o.pipeline = part == "pipeline";
                o.peers = part == "peers";
                o.plugin = part == "plugin";
            }
            "-h" | "--help" => {
                println!(
                    "jaring-bench [--sizes 10k,100k,1M,10M,30M] [--repeat 5] [--policy policies/ppu-2025.policy] [--peers-size 1M]\n             [--only pipeline|peers|plugin] [--jaring target/release/jaring] [--python PYTHON] [--work target/bench]"
                );
                std::process::exit(0);
            }
            other => bail!("unknown option `{other}` (see --help)"),
        }
    }
    Ok(o)
}

fn main() -> anyhow::Result<()> {
    let o = options()?;
    std::fs::create_dir_all(&o.work)?;
    println!("{}", system::describe());
    if o.pipeline {
        pipeline::run(&o.jaring, &o.work, &o.policy, &o.sizes, o.repeat)?;
    }
    if o.peers {
        peers::run(&o.jaring, o.python.as_deref(), &o.work, o.peers_size)?;
    }
    if o.plugin {
        // `benches/run` starts the harness from the repository's root
        plugin::run(&std::env::current_dir()?, o.repeat)?;
    }
    Ok(())
}
