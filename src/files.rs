//! Writing files so that a crash, a power cut or a second process never leaves half of one:
//! atomic replacement, `fsync` of what was written and of the folder that names it, and the
//! exchange of two folders in one step.

use std::io::Write as _;
use std::path::{Path, PathBuf};

mod behind;
pub mod column;
pub mod limit;
pub use behind::Behind;

/// The folder a path is in (`.` for a bare name).
pub fn parent_of(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// A small text file of a run folder read whole, refused (`InvalidData`) when it holds more
/// than `max` bytes: a folder handed over may hold anything, and a forged `summary.json` of
/// gigabytes would otherwise be read into memory.
pub fn read_text_at_most(path: &Path, max: u64) -> std::io::Result<String> {
    use std::io::Read as _;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        let what = format!("{} holds more than {max} bytes", path.display());
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, what));
    }
    String::from_utf8(bytes).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
}

/// Makes a folder's entries (names, renames) durable.
pub fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        std::fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// Makes every file and folder under `dir` (and `dir` itself) durable.
pub fn sync_tree(dir: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            sync_tree(&path)?;
        } else {
            std::fs::File::open(&path)?.sync_all()?;
        }
    }
    sync_dir(dir)
}

/// Replaces the file at `path` with `bytes`, all or nothing, and durably. A symbolic link is
/// followed: its target is rewritten and the link kept. The file keeps its permissions.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let target = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => std::fs::canonicalize(path)?,
        _ => path.to_path_buf(),
    };
    let dir = parent_of(&target);
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    if let Ok(meta) = std::fs::metadata(&target) {
        std::fs::set_permissions(tmp.path(), meta.permissions())?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(&target).map_err(|e| e.error)?;
    sync_dir(dir)?;
    Ok(target)
}

/// Swaps two paths in one step (`renameat2` with `RENAME_EXCHANGE`). `Ok(false)` when the
/// system or the file system cannot, and nothing was changed.
pub fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::ffi::OsStrExt as _;
        let c = |p: &Path| std::ffi::CString::new(p.as_os_str().as_bytes()).map_err(std::io::Error::other);
        let (a, b) = (c(a)?, c(b)?);
        // SAFETY: both are valid NUL-terminated paths; AT_FDCWD resolves them as given.
        let done = unsafe {
            libc::renameat2(libc::AT_FDCWD, a.as_ptr(), libc::AT_FDCWD, b.as_ptr(), libc::RENAME_EXCHANGE)
        };
        if done == 0 {
            return Ok(true);
        }
        let error = std::io::Error::last_os_error();
        match error.raw_os_error() {
            Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP) => Ok(false),
            _ => Err(error),
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (a, b);
        Ok(false)
    }
}

/// An advisory lock held while the value lives (`flock`), or refused at once when another
/// process holds it.
pub struct Lock {
    _file: std::fs::File,
}

impl Lock {
    /// Takes the lock on the file at `path` (created if missing). `Ok(None)` when another
    /// process holds it.
    pub fn try_take(path: &Path) -> std::io::Result<Option<Lock>> {
        let file = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(path)?;
        #[cfg(unix)]
        {
            use std::os::unix::io::AsRawFd as _;
            // SAFETY: the descriptor is open for as long as `file` lives.
            if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
                let error = std::io::Error::last_os_error();
                return if error.raw_os_error() == Some(libc::EWOULDBLOCK) { Ok(None) } else { Err(error) };
            }
        }
        Ok(Some(Lock { _file: file }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_is_followed_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.policy");
        std::fs::write(&target, "old").unwrap();
        #[cfg(unix)]
        {
            let link = dir.path().join("link.policy");
            std::os::unix::fs::symlink(&target, &link).unwrap();
            write_atomically(&link, b"new").unwrap();
            assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
            assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        }
    }

    #[test]
    fn two_folders_swap_in_one_step() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::create_dir(&a).unwrap();
        std::fs::create_dir(&b).unwrap();
        std::fs::write(a.join("x"), "a").unwrap();
        if exchange(&a, &b).unwrap() {
            assert!(b.join("x").is_file() && !a.join("x").exists());
        }
    }

    #[test]
    fn a_held_lock_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".lock");
        let held = Lock::try_take(&path).unwrap();
        assert!(held.is_some());
        // flock locks belong to open file descriptions: a second open is a second holder
        assert!(Lock::try_take(&path).unwrap().is_none());
        drop(held);
        assert!(Lock::try_take(&path).unwrap().is_some());
    }
}
