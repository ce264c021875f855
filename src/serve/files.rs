//! The one folder the workbench may touch. Every path a request names is relative to it,
//! made only of plain names (no `..`, no root, no `.`), ends in `.policy` or `.tests.toml`,
//! and — symbolic links followed — stays inside it; anything else is refused before the file
//! system is asked anything else. Saving is atomic (a temporary file beside the target,
//! renamed over it) and refuses a file that changed on disk since it was read.

use std::path::{Component, Path, PathBuf};

use crate::digest::sha256_hex;
use crate::i18n::Msg;
use crate::msg;

/// The policy folder, as its canonical path.
#[derive(Clone, Debug)]
pub struct PolicyDir {
    root: PathBuf,
}

/// The kinds of file the workbench reads and writes.
const EXTENSIONS: [&str; 2] = [".policy", ".tests.toml"];

impl PolicyDir {
    pub fn new(dir: &Path) -> std::io::Result<PolicyDir> {
        let root = dir.canonicalize()?;
        if !root.is_dir() {
            return Err(std::io::Error::other("not a folder"));
        }
        Ok(PolicyDir { root })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The file `relative` names inside the folder, or why it may not be touched.
    pub fn resolve(&self, relative: &str) -> Result<PathBuf, Msg> {
        let refused = || msg!("serve-path-refused", path = crate::text::shown(relative, 120));
        if relative.is_empty() || relative.len() > 1024 || relative.contains('\0') || relative.contains('\\')
        {
            return Err(refused());
        }
        if !EXTENSIONS.iter().any(|e| relative.ends_with(e)) {
            return Err(refused());
        }
        let path = Path::new(relative);
        if !path.components().all(|c| matches!(c, Component::Normal(_))) {
            return Err(refused());
        }
        let full = self.root.join(path);
        // the folder it would be in must be inside the root, links followed
        let parent = full.parent().ok_or_else(refused)?;
        let parent = parent.canonicalize().map_err(|_| refused())?;
        if !parent.starts_with(&self.root) {
            return Err(refused());
        }
        let full = parent.join(full.file_name().ok_or_else(refused)?);
        match std::fs::symlink_metadata(&full) {
            // a link, even one pointing inside, is never written through
            Ok(meta) if meta.file_type().is_symlink() => Err(refused()),
            Ok(meta) if !meta.is_file() => Err(refused()),
            _ => Ok(full),
        }
    }

    /// The policy files in the folder (relative, sorted), not following links, skipping
    /// hidden folders and `target`.
    pub fn policies(&self) -> Vec<String> {
        let mut out = Vec::new();
        walk(&self.root, &self.root, &mut out, 0);
        out.sort();
        out
    }

    /// A file's text and its version (the sha256 of its bytes).
    pub fn read(&self, relative: &str) -> Result<(String, String), Msg> {
        let path = self.resolve(relative)?;
        let bytes =
            std::fs::read(&path).map_err(|e| msg!("serve-unreadable", path = relative, error => &e))?;
        let version = sha256_hex(&bytes);
        let text = String::from_utf8(bytes).map_err(|_| msg!("serve-not-utf8", path = relative))?;
        Ok((text, version))
    }

    /// Writes `text` to `relative` if the file on disk is still at `version` (`None`: it
    /// must not exist yet); returns the new version.
    pub fn save(&self, relative: &str, text: &str, version: Option<&str>) -> Result<String, Msg> {
        let path = self.resolve(relative)?;
        let on_disk = std::fs::read(&path).ok().map(|b| sha256_hex(&b));
        if on_disk.as_deref() != version {
            return Err(msg!("serve-changed-on-disk", path = relative));
        }
        let dir = path.parent().unwrap_or(&self.root);
        let cannot = |e: std::io::Error| msg!("serve-cannot-save", path = relative, error => &e);
        let mut temp = tempfile::Builder::new().prefix(".jaring-").tempfile_in(dir).map_err(cannot)?;
        std::io::Write::write_all(&mut temp, text.as_bytes()).map_err(cannot)?;
        temp.as_file().sync_all().map_err(cannot)?;
        if let Ok(meta) = std::fs::metadata(&path) {
            // keep the file's permissions
            let _ = std::fs::set_permissions(temp.path(), meta.permissions());
        } else {
            #[cfg(unix)]
            let _ =
                std::fs::set_permissions(temp.path(), std::os::unix::fs::PermissionsExt::from_mode(0o644));
        }
        temp.persist(&path).map_err(|e| cannot(e.error))?;
        Ok(sha256_hex(text.as_bytes()))
    }
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<String>, depth: usize) {
    if depth > 8 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() && !name.starts_with('.') && name != "target" {
            walk(root, &entry.path(), out, depth + 1);
        } else if kind.is_file()
            && name.ends_with(".policy")
            && let Ok(relative) = entry.path().strip_prefix(root)
            && let Some(relative) = relative.to_str()
        {
            out.push(relative.to_owned());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_names_inside_the_folder_are_files() {
        let outer = tempfile::tempdir().expect("temp dir");
        let dir = outer.path().join("policies");
        std::fs::create_dir(&dir).expect("dir");
        std::fs::write(dir.join("a.policy"), "x").expect("write");
        std::fs::write(outer.path().join("secret.policy"), "secret").expect("write");
        let root = PolicyDir::new(&dir).expect("root");
        assert!(root.resolve("a.policy").is_ok());
        assert!(root.resolve("new.policy").is_ok());
        assert!(root.resolve("a.tests.toml").is_ok());
        for bad in [
            "../secret.policy",
            "/etc/passwd",
            "./a.policy",
            "sub/../../secret.policy",
            "a.txt",
            "",
            "a\\..\\b.policy",
            "nosuchdir/x.policy",
        ] {
            assert!(root.resolve(bad).is_err(), "{bad}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(outer.path().join("secret.policy"), dir.join("link.policy"))
                .expect("link");
            std::os::unix::fs::symlink(outer.path(), dir.join("up")).expect("link");
            assert!(root.resolve("link.policy").is_err());
            assert!(root.resolve("up/secret.policy").is_err());
            assert!(!root.policies().iter().any(|p| p.contains("secret") || p.contains("link")));
        }
        // saving: only over the version read
        let (_, v) = root.read("a.policy").expect("read");
        assert!(root.save("a.policy", "y", Some("0")).is_err());
        let v2 = root.save("a.policy", "y", Some(&v)).expect("saved");
        assert_eq!(std::fs::read_to_string(dir.join("a.policy")).expect("read"), "y");
        assert!(root.save("a.policy", "z", Some(&v)).is_err(), "a stale version");
        assert!(root.save("a.policy", "z", Some(&v2)).is_ok());
        assert!(root.save("fresh.policy", "n", Some("x")).is_err());
        assert!(root.save("fresh.policy", "n", None).is_ok());
    }
}
