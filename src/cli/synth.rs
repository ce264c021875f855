//! `jaring synth`: a synthetic registry for a program.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::{Exit, said};
use crate::i18n::Lang;
use crate::msg;
use crate::synth::{self, SynthFormat};

pub fn run(
    policy: &Path,
    count: u32,
    seed: u64,
    dirty: bool,
    format: SynthFormat,
    out: Option<&PathBuf>,
    _lang: Lang,
) -> anyhow::Result<Exit> {
    let programs = crate::run::load_programs(&[policy.to_path_buf()])?;
    let program = programs.first().ok_or_else(|| said(msg!("run-no-program")))?;
    if format == SynthFormat::Xlsx && out.is_none() {
        return Err(said(msg!("synth-xlsx-needs-out")));
    }
    let bytes = synth::registry(program, count, seed, dirty, format)
        .map_err(|e| said(msg!("synth-cannot-make", error = e)))?;
    match out {
        Some(path) => std::fs::write(path, &bytes)
            .map_err(|e| said(msg!("cli-cannot-write", file = path.display(), error => &e)))?,
        None => std::io::stdout()
            .write_all(&bytes)
            .map_err(|e| said(msg!("cli-cannot-write-stdout", error => &e)))?,
    }
    Ok(Exit::Ok)
}
