//! `jaring synth`: a synthetic registry for a program.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::Exit;
use crate::synth::{self, SynthFormat};

pub fn run(
    policy: &Path,
    count: u32,
    seed: u64,
    dirty: bool,
    format: SynthFormat,
    out: Option<&PathBuf>,
) -> anyhow::Result<Exit> {
    let programs = crate::run::load_programs(&[policy.to_path_buf()])?;
    let program = programs.first().context("the policy holds no program")?;
    let bytes = synth::registry(program, count, seed, dirty, format);
    match out {
        Some(path) => {
            std::fs::write(path, &bytes).with_context(|| format!("cannot write `{}`", path.display()))?
        }
        None => std::io::stdout().write_all(&bytes).context("cannot write to standard output")?,
    }
    Ok(Exit::Ok)
}
