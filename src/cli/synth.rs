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
    let made = |e: synth::SynthError| match e {
        synth::SynthError::Make(e) => said(msg!("synth-cannot-make", error = e)),
        synth::SynthError::Write(e) => match out {
            Some(path) => said(msg!("cli-cannot-write", file = path.display(), error => &e)),
            None => said(msg!("cli-cannot-write-stdout", error => &e)),
        },
    };
    match out {
        // written beside the file it replaces, which stays as it was until the whole
        // registry is written
        Some(path) => {
            let cannot =
                |e: std::io::Error| said(msg!("cli-cannot-write", file = path.display(), error => &e));
            let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            let file = tempfile::NamedTempFile::new_in(folder).map_err(cannot)?;
            let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
            synth::write_registry(program, count, seed, dirty, format, &mut w).map_err(made)?;
            let file = w.into_inner().map_err(|e| cannot(e.into_error()))?;
            // readable by others as a file written in place would be (a temporary file is
            // the owner's alone)
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt as _;
                file.as_file().set_permissions(std::fs::Permissions::from_mode(0o644)).map_err(cannot)?;
            }
            file.persist(path).map_err(|e| cannot(e.error))?;
        }
        None => {
            let mut w = std::io::BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
            synth::write_registry(program, count, seed, dirty, format, &mut w).map_err(made)?;
            w.flush().map_err(|e| said(msg!("cli-cannot-write-stdout", error => &e)))?;
        }
    }
    Ok(Exit::Ok)
}
