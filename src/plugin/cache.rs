//! The on-disk cache of compiled plugins, and why it cannot change a decision.
//!
//! Compiled code is native machine code: wasmtime runs it as it finds it, so a changed byte
//! in a cached file would change what the plugin does (or crash the process) while the
//! policy's pin on the `.wasm` still matches. The cache is therefore trusted only as far as
//! it can be checked:
//!
//! - the folder must belong to the user running jaring and be writable by no one else (it is
//!   created `0700`); a folder that is not is not used at all;
//! - each entry is one file, `<plugin sha256>-<engine key>.jcwasm`: a line with the sha256 of
//!   the compiled bytes, then the bytes. It is read whole into memory, and the bytes are
//!   deserialized only when their sha256 matches that line; anything else (a flipped bit, a
//!   truncated or foreign file, a file someone else owns or can write) is compiled afresh
//!   and replaced, atomically;
//! - the file is written by this user, through a temporary file renamed into place.
//!
//! What it does not protect against: someone who can write the user's own files can also
//! rewrite the digest line (or the jaring binary itself). That is why `jaring replay`, the
//! auditor's check, compiles every plugin afresh from the archived `.wasm` and never reads
//! this cache.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::digest::sha256_hex;

/// A checked cache folder.
#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// The cache in `dir`, created if missing; `None` when the folder cannot be made or is
    /// not safe to trust (owned by someone else, or writable by group or others).
    pub fn open(dir: &Path) -> Option<Cache> {
        create_private_dir(dir).ok()?;
        safe(dir, true).then(|| Cache { dir: dir.to_path_buf() })
    }

    fn file(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.jcwasm"))
    }

    /// The compiled bytes stored under `key`, when the entry checks out.
    pub fn get(&self, key: &str) -> Option<Vec<u8>> {
        let file = self.file(key);
        if !safe(&file, false) {
            return None;
        }
        let mut bytes = std::fs::read(&file).ok()?;
        let newline = bytes.iter().position(|b| *b == b'\n').filter(|n| *n == 64)?;
        let recorded = std::str::from_utf8(&bytes[..newline]).ok()?.to_owned();
        if sha256_hex(&bytes[newline + 1..]) != recorded {
            return None;
        }
        bytes.drain(..=newline);
        Some(bytes)
    }

    /// Stores `compiled` under `key`. Best effort: a cache that cannot be written only costs
    /// a compilation next time.
    pub fn put(&self, key: &str, compiled: &[u8]) {
        let Ok(mut tmp) = tempfile::NamedTempFile::new_in(&self.dir) else { return };
        let header = format!("{}\n", sha256_hex(compiled));
        if tmp.write_all(header.as_bytes()).is_ok() && tmp.write_all(compiled).is_ok() {
            let _ = tmp.persist(self.file(key));
        }
    }
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt as _;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Whether `path` is a folder (or a plain file) of the current user that no one else may
/// write.
#[cfg(unix)]
fn safe(path: &Path, folder: bool) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    let Ok(meta) = std::fs::symlink_metadata(path) else { return false };
    let kind_ok = if folder { meta.is_dir() } else { meta.is_file() };
    // SAFETY: getuid has no preconditions and cannot fail.
    let uid = unsafe { libc::getuid() };
    kind_ok && meta.uid() == uid && meta.mode() & 0o022 == 0
}

#[cfg(not(unix))]
fn safe(path: &Path, folder: bool) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| if folder { m.is_dir() } else { m.is_file() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_returned_only_while_its_digest_matches() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(&dir.path().join("c")).unwrap();
        cache.put("k", b"compiled code");
        assert_eq!(cache.get("k").as_deref(), Some(&b"compiled code"[..]));
        let file = cache.file("k");
        let mut bytes = std::fs::read(&file).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        std::fs::write(&file, &bytes).unwrap();
        assert_eq!(cache.get("k"), None, "a flipped bit is caught");
        std::fs::write(&file, b"compiled code").unwrap();
        assert_eq!(cache.get("k"), None, "a file without its digest line is not trusted");
        assert_eq!(cache.get("missing"), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_others_can_write_is_not_used() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let open = dir.path().join("open");
        std::fs::create_dir(&open).unwrap();
        std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o777)).unwrap();
        assert!(Cache::open(&open).is_none());
        let cache = Cache::open(&dir.path().join("mine")).unwrap();
        cache.put("k", b"x");
        std::fs::set_permissions(cache.file("k"), std::fs::Permissions::from_mode(0o666)).unwrap();
        assert_eq!(cache.get("k"), None, "an entry others can write is not trusted");
    }
}
