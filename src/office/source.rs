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

/// Makes a document from run folder `dir` with `make`, while the folder is verified
/// (against `expect_head` when given) on another thread; what `make` made is handed back
/// only when the folder verifies and its log ends in the chain head the document shows.
/// `make` must not publish anything: it stages (see [`stage`]), the caller publishes.
pub fn with_verified<T: Send>(
    dir: &Path,
    expect_head: Option<&str>,
    make: impl FnOnce(&Folder) -> Result<T, OfficeError> + Send,
) -> Result<T, OfficeError> {
    let log = dir.join(crate::log::LOG_FILE);
    if !log.is_file() {
        return Err(OfficeError::Other(msg!("office-not-a-run", folder = dir.display())));
    }
    let (verified, made) = std::thread::scope(|scope| {
        // the documents read the CSVs and the summary, never hasil.xlsx: that is not checked
        let verifier = scope.spawn(|| verify::verify_with(dir, expect_head, false, &[]));
        let made = (|| {
            let (_, header) = crate::log::read_header(&log)?;
            if header.schema < 2 {
                return Err(OfficeError::Other(msg!("office-old-log", schema = header.schema)));
            }
            let chain_head = crate::log::read_trailer(&log).map(|t| t.chain_head).unwrap_or_default();
            let programs = replay::recorded_programs(dir, &header, &Changes::default())?;
            let folder = Folder { dir: dir.to_path_buf(), header, chain_head, programs };
            make(&folder).map(|made| (made, folder.chain_head))
        })();
        (verifier.join(), made)
    });
    let report = match verified {
        Ok(report) => report?,
        Err(panic) => std::panic::resume_unwind(panic),
    };
    if !report.intact() {
        return Err(OfficeError::NotIntact(report.problems));
    }
    let (made, shown_head) = made?;
    if report.chain_head.as_deref() != Some(shown_head.as_str()) {
        return Err(OfficeError::Other(msg!("office-head-changed")));
    }
    Ok(made)
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

/// A document written beside its final name, not yet there.
pub struct Staged {
    temp: tempfile::NamedTempFile,
    out: PathBuf,
}

impl Staged {
    /// Puts the document in its place.
    pub fn publish(self) -> Result<(), OfficeError> {
        let out = self.out;
        self.temp.persist(&out).map_err(|e| {
            OfficeError::Other(msg!("office-cannot-write", file = out.display(), error = e.error.to_string()))
        })?;
        Ok(())
    }
}

/// Checks that a document may be written to `out` — never over an existing file unless
/// `force`, never into a run folder (it would no longer verify) — before any work is done.
pub fn check_out(out: &Path, force: bool) -> Result<(), OfficeError> {
    if parent(out).join(crate::log::LOG_FILE).exists() {
        return Err(OfficeError::Other(msg!("office-out-in-run", file = out.display())));
    }
    if out.is_dir() {
        return Err(OfficeError::Other(msg!("office-out-is-folder", file = out.display())));
    }
    if out.exists() && !force {
        return Err(OfficeError::Other(msg!("office-out-exists", file = out.display())));
    }
    Ok(())
}

fn parent(out: &Path) -> PathBuf {
    match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Writes a document for `out` into a temporary file beside it (which `write` fills), so
/// that a failure, or a folder that turns out not to verify, leaves nothing behind.
pub fn stage(
    out: &Path,
    force: bool,
    write: impl FnOnce(&Path) -> Result<(), String>,
) -> Result<Staged, OfficeError> {
    check_out(out, force)?;
    let cannot = |e: String| OfficeError::Other(msg!("office-cannot-write", file = out.display(), error = e));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".jaring-");
    // a document for people to open: readable like any file they save (not 0600)
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let temp = builder.tempfile_in(parent(out)).map_err(|e| cannot(e.to_string()))?;
    write(temp.path()).map_err(cannot)?;
    std::fs::File::open(temp.path()).and_then(|f| f.sync_all()).map_err(|e| cannot(e.to_string()))?;
    Ok(Staged { temp, out: out.to_path_buf() })
}
