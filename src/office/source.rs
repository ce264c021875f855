//! A run folder that verifies, opened for the documents made from it: its header, the
//! programs as recorded (from the archived policies) and its chain head. A folder that does
//! not verify opens to nothing — a decree annex or a report must never show what the log
//! does not.

use std::path::{Path, PathBuf};

use crate::audit::replay::{self, Changes, ReplayError};
use crate::i18n::{Lang, Msg};
use crate::log::verify::{self, Problem};
use crate::log::{Header, LogError};
use crate::msg;
use crate::policy::Program;

/// A verified run folder.
pub struct Folder {
    pub dir: PathBuf,
    pub header: Header,
    pub chain_head: String,
    /// The programs as the run decided them, in the header's order.
    pub programs: Vec<Program>,
}

/// Why a document cannot be made from a folder.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.render(Lang::En))]
pub enum OfficeError {
    Log(#[from] LogError),
    Replay(#[from] ReplayError),
    /// The folder does not verify: what is wrong with it.
    NotIntact(Vec<Problem>),
    Other(Msg),
}

impl OfficeError {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            OfficeError::Log(e) => e.message().text(lang),
            OfficeError::Replay(e) => e.render(lang),
            OfficeError::NotIntact(problems) => {
                let mut text = msg!("office-not-intact", count = problems.len()).text(lang);
                for p in problems.iter().take(10) {
                    text.push_str("\n  ");
                    text.push_str(&p.text(lang));
                }
                text
            }
            OfficeError::Other(m) => m.text(lang),
        }
    }
}

/// Opens `dir` once it verifies (against `expect_head` when given).
pub fn open(dir: &Path, expect_head: Option<&str>) -> Result<Folder, OfficeError> {
    if !dir.join(crate::log::LOG_FILE).is_file() {
        return Err(OfficeError::Other(msg!("office-not-a-run", folder = dir.display())));
    }
    let report = verify::verify(dir, expect_head)?;
    if !report.intact() {
        return Err(OfficeError::NotIntact(report.problems));
    }
    let (_, header) = crate::log::read_header(&dir.join(crate::log::LOG_FILE))?;
    if header.schema < 2 {
        return Err(OfficeError::Other(msg!("office-old-log", schema = header.schema)));
    }
    let programs = replay::recorded_programs(dir, &header, &Changes::default())?;
    Ok(Folder { dir: dir.to_path_buf(), header, chain_head: report.chain_head.unwrap_or_default(), programs })
}

impl Folder {
    /// The program named `id`, or the only one.
    pub fn program(&self, id: Option<&str>) -> Result<&Program, OfficeError> {
        let ids = || self.programs.iter().map(|p| format!("`{}`", p.id)).collect::<Vec<_>>().join(", ");
        match id {
            Some(id) => self.programs.iter().find(|p| p.id == id).ok_or_else(|| {
                OfficeError::Other(msg!("office-no-program", id = crate::text::shown(id, 60), ids = ids()))
            }),
            None if self.programs.len() == 1 => Ok(&self.programs[0]),
            None => Err(OfficeError::Other(msg!("office-which-program", ids = ids()))),
        }
    }
}

/// Writes a document to `out` for a person to open: never over an existing file unless
/// `force`, never into a run folder (it would no longer verify), through a temporary file
/// beside it (which `write` fills) so that a failure leaves nothing half-written.
pub fn write_document(
    out: &Path,
    force: bool,
    write: impl FnOnce(&Path) -> Result<(), String>,
) -> Result<(), OfficeError> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if parent.join(crate::log::LOG_FILE).exists() {
        return Err(OfficeError::Other(msg!("office-out-in-run", file = out.display())));
    }
    if out.is_dir() {
        return Err(OfficeError::Other(msg!("office-out-is-folder", file = out.display())));
    }
    if out.exists() && !force {
        return Err(OfficeError::Other(msg!("office-out-exists", file = out.display())));
    }
    let cannot = |e: String| OfficeError::Other(msg!("office-cannot-write", file = out.display(), error = e));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".jaring-");
    // a document for people to open: readable like any file they save (not 0600)
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let temp = builder.tempfile_in(&parent).map_err(|e| cannot(e.to_string()))?;
    write(temp.path()).map_err(cannot)?;
    std::fs::File::open(temp.path()).and_then(|f| f.sync_all()).map_err(|e| cannot(e.to_string()))?;
    temp.persist(out).map_err(|e| cannot(e.error.to_string()))?;
    Ok(())
}
