//! Publishing a folder all or nothing, without ever destroying what was there by mistake.
//!
//! - Everything is written into a hidden staging folder beside the output folder
//!   (`.jaring-run-<key>-…`, owner-only, as is every file the process creates), made durable
//!   (`fsync` of every file and folder) and then renamed into place. A run that fails removes
//!   its staging folder; one that was killed leaves it, and the next run for the same output
//!   folder removes it.
//! - One run at a time per output folder: a lock file beside it (`.jaring-lock-<key>`,
//!   `flock`) is held from the start; a second run is refused at once.
//! - `--force` replaces an existing folder in one step (`renameat2` with `RENAME_EXCHANGE`),
//!   then removes the old contents; where the system cannot exchange, the old folder is moved
//!   aside and put back if the new one cannot be moved in.
//! - Refused outright: an output folder that is a symbolic link, that is or holds the current
//!   folder, or that is, holds or sits inside one of the run's inputs (registry, policies,
//!   plugins, catalog, rate table, a run folder being exported).
//!
//! `<key>` is the first 16 hex digits of the sha256 of the output folder's name, so that
//! staging and lock files of different output folders in one parent never meet.

use std::path::{Path, PathBuf};

use super::RunError;
use crate::files::{self, Lock, parent_of};

/// A staging folder that becomes the output folder when [`Staging::publish`] is called, and
/// is removed if it never does.
pub struct Staging {
    staged: Option<PathBuf>,
    out: PathBuf,
    replace: bool,
    _lock: Lock,
}

/// An I/O failure on `out` while doing `what` (a message id: `out-cannot-publish`, …).
fn fail(out: &Path, what: &'static str) -> impl Fn(std::io::Error) -> RunError {
    let out = out.display().to_string();
    move |e| RunError::Output(crate::i18n::Msg::new(what).arg("folder", &out).with("error", &e))
}

/// The folder as the file system names it, when it exists.
fn canonical(path: &Path) -> Option<PathBuf> {
    std::fs::canonicalize(path).ok()
}

impl Staging {
    /// Checks that `out` may be written (absent, empty, or `force`) and is none of `inputs`
    /// (nor holds or sits inside one), takes its lock, removes what killed runs left, and
    /// creates the staging folder beside it.
    pub fn new(out: &Path, force: bool, inputs: &[PathBuf]) -> Result<Staging, RunError> {
        if std::fs::symlink_metadata(out).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(RunError::Output(crate::msg!("out-symlink", folder = out.display())));
        }
        let replace = match std::fs::read_dir(out) {
            Ok(mut entries) => {
                if entries.next().is_some() && !force {
                    return Err(RunError::Output(crate::msg!("out-not-empty", folder = out.display())));
                }
                true
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
            Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => {
                return Err(RunError::Output(crate::msg!("out-is-file", folder = out.display())));
            }
            Err(e) => {
                return Err(RunError::Output(crate::msg!(
                    "out-cannot-use",
                    folder = out.display(),
                    error => &e
                )));
            }
        };
        if let (Some(out_real), Ok(here)) = (canonical(out), std::env::current_dir()) {
            let here = canonical(&here).unwrap_or(here);
            if here.starts_with(&out_real) {
                return Err(RunError::Output(crate::msg!("out-holds-current", folder = out.display())));
            }
        }
        refuse_inputs(out, inputs)?;
        let parent = parent_of(out);
        std::fs::create_dir_all(parent).map_err(fail(parent, "out-cannot-create"))?;
        let key = key(out);
        let lock = Lock::try_take(&lock_file(out))
            .map_err(fail(parent, "out-cannot-write-in"))?
            .ok_or_else(|| RunError::Output(crate::msg!("out-locked", folder = out.display())))?;
        // with the lock held, any staging folder of this output is left from a killed run
        remove_leftovers(parent, &key);
        owner_only_from_now_on();
        let staged = tempfile::Builder::new()
            .prefix(&format!(".jaring-run-{key}-"))
            .tempdir_in(parent)
            .map_err(fail(parent, "out-cannot-write-in"))?
            .keep();
        Ok(Staging { staged: Some(staged), out: out.to_path_buf(), replace, _lock: lock })
    }

    /// Refuses the run if `out` is, holds or sits inside any of `inputs` (checked again
    /// once the policies have named their plugins and reference files).
    pub fn refuse_inputs(&self, inputs: &[PathBuf]) -> Result<(), RunError> {
        refuse_inputs(&self.out, inputs)
    }

    pub fn path(&self) -> &Path {
        self.staged.as_deref().unwrap_or(&self.out)
    }

    /// Moves the staged files into place, durably.
    pub fn publish(mut self) -> Result<PathBuf, RunError> {
        let Some(staged) = self.staged.clone() else { return Ok(self.out.clone()) };
        let parent = parent_of(&self.out).to_path_buf();
        owner_only(&staged).map_err(fail(&self.out, "out-cannot-publish"))?;
        files::sync_tree(&staged).map_err(fail(&self.out, "out-cannot-publish"))?;
        if self.replace && self.out.exists() {
            if files::exchange(&staged, &self.out).map_err(fail(&self.out, "out-cannot-publish"))? {
                // the old contents are now at the staging name
                files::sync_dir(&parent).map_err(fail(&self.out, "out-cannot-publish"))?;
                self.staged = None;
                let _ = std::fs::remove_dir_all(&staged);
                return Ok(self.out.clone());
            }
            let old = tempfile::Builder::new()
                .prefix(&format!(".jaring-old-{}-", key(&self.out)))
                .tempdir_in(&parent)
                .map_err(fail(&self.out, "out-cannot-publish"))?
                .keep();
            let aside = old.join("previous");
            std::fs::rename(&self.out, &aside).map_err(fail(&self.out, "out-cannot-move-aside"))?;
            if let Err(e) = std::fs::rename(&staged, &self.out) {
                // put the old folder back: a failed publish changes nothing
                let _ = std::fs::rename(&aside, &self.out);
                let _ = std::fs::remove_dir_all(&old);
                return Err(fail(&self.out, "out-cannot-publish")(e));
            }
            self.staged = None;
            files::sync_dir(&parent).map_err(fail(&self.out, "out-cannot-publish"))?;
            let _ = std::fs::remove_dir_all(&old);
        } else {
            std::fs::rename(&staged, &self.out).map_err(fail(&self.out, "out-cannot-publish"))?;
            self.staged = None;
            files::sync_dir(&parent).map_err(fail(&self.out, "out-cannot-publish"))?;
        }
        Ok(self.out.clone())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if let Some(staged) = self.staged.take() {
            let _ = std::fs::remove_dir_all(staged);
        }
    }
}

/// The lock file of an output folder: held by the run writing it.
pub fn lock_file(out: &Path) -> PathBuf {
    parent_of(out).join(format!(".jaring-lock-{}", key(out)))
}

/// What names this output folder's lock, staging and old folders.
fn key(out: &Path) -> String {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    crate::digest::sha256_hex(name.as_bytes())[..16].to_owned()
}

fn refuse_inputs(out: &Path, inputs: &[PathBuf]) -> Result<(), RunError> {
    // an output folder that does not exist yet can hold nothing; one inside an input
    // folder is found through its parent
    let out_real = canonical(out)
        .or_else(|| canonical(parent_of(out)).map(|p| p.join(out.file_name().unwrap_or_default())));
    let Some(out_real) = out_real else { return Ok(()) };
    for input in inputs {
        let Some(input_real) = canonical(input) else { continue };
        if input_real.starts_with(&out_real) || out_real.starts_with(&input_real) {
            return Err(RunError::Output(crate::msg!(
                "out-is-input",
                folder = out.display(),
                input = input.display()
            )));
        }
    }
    Ok(())
}

/// Removes the staging and old folders of this output (by `key`) that killed runs left.
fn remove_leftovers(parent: &Path, key: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = name.starts_with(&format!(".jaring-run-{key}-"))
            || name.starts_with(&format!(".jaring-old-{key}-"));
        if ours && entry.file_type().is_ok_and(|t| t.is_dir()) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Every file and folder this process creates from now on is for its owner only: a run's
/// files hold NIKs and names, also while they are being written.
fn owner_only_from_now_on() {
    #[cfg(unix)]
    // SAFETY: umask only sets the process's file-creation mask.
    unsafe {
        libc::umask(0o077);
    }
}

/// Makes everything under `dir` readable by its owner only (files 0600, folders 0700), so
/// a file copied or moved out of the folder keeps that protection. Does nothing off Unix.
fn owner_only(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                owner_only(&path)?;
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o700))?;
            } else {
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))?;
            }
        }
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}
