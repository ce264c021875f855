//! `jaring plugin new NAME`: a plugin crate that builds, tests and pins on the first try —
//! its folder in the plugin workspace, a first plugin with a unit test, a README of its own,
//! and the workspace's lock file brought up to date (the reproducible build is `--locked`).

use std::path::{Path, PathBuf};

use crate::i18n::Msg;
use crate::msg;

const CARGO_TOML: &str = include_str!("template/Cargo.toml.tmpl");
const LIB_RS: &str = include_str!("template/lib.rs.tmpl");
const README: &str = include_str!("template/README.md.tmpl");
const PLUGIN_JS: &str = include_str!("template/plugin.js.tmpl");
const README_JS: &str = include_str!("template/README.js.md.tmpl");

/// Folders of the workspace that are not plugins.
const RESERVED: [&str; 4] = ["sdk", "wit", "target", "src"];

/// A plugin name: a lowercase letter, then lowercase letters, digits and single hyphens, at
/// most 40 characters (it names the folder, the crate and the `.wasm`).
pub fn valid_name(name: &str) -> bool {
    let b = name.as_bytes();
    !b.is_empty()
        && b.len() <= 40
        && b[0].is_ascii_lowercase()
        && !name.ends_with('-')
        && !name.contains("--")
        && b.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
}

/// `my-region` → `MyRegion`.
fn type_name(name: &str) -> String {
    name.split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        })
        .collect()
}

/// What `new` made, and whether the lock file could be brought up to date.
pub struct Made {
    pub dir: PathBuf,
    pub lock_updated: bool,
}

/// Makes `<workspace>/<name>/`; never writes over anything.
pub fn new(workspace: &Path, name: &str) -> Result<Made, Msg> {
    if !valid_name(name) || RESERVED.contains(&name) {
        return Err(msg!("plugin-new-name", name = crate::text::shown(name, 60)));
    }
    let manifest = std::fs::read_to_string(workspace.join("Cargo.toml")).unwrap_or_default();
    if !manifest.lines().any(|l| l.trim() == "[workspace]") {
        return Err(msg!("plugin-new-no-workspace", dir = workspace.display()));
    }
    let dir = workspace.join(name);
    if dir.exists() {
        return Err(msg!("plugin-new-exists", dir = dir.display()));
    }
    let fill = |template: &str| template.replace("{name}", name).replace("{type_name}", &type_name(name));
    let write = || -> std::io::Result<()> {
        std::fs::create_dir_all(dir.join("src"))?;
        std::fs::write(dir.join("Cargo.toml"), fill(CARGO_TOML))?;
        std::fs::write(dir.join("src/lib.rs"), fill(LIB_RS))?;
        std::fs::write(dir.join("README.md"), fill(README))
    };
    if let Err(e) = write() {
        // nothing half-made is left behind
        let _ = std::fs::remove_dir_all(&dir);
        return Err(msg!("plugin-new-cannot-write", dir = dir.display(), error => &e));
    }
    Ok(Made { lock_updated: record_in_lock(workspace), dir })
}

/// Makes `<js>/<name>/` (`js` being `plugins/js`, which holds the SDK and the build): a
/// first plugin in `plugin.js` and a README; never writes over anything.
pub fn new_js(js: &Path, name: &str) -> Result<PathBuf, Msg> {
    if !valid_name(name) || RESERVED.contains(&name) || name == "node_modules" {
        return Err(msg!("plugin-new-name", name = crate::text::shown(name, 60)));
    }
    if !js.join("build.mjs").is_file() || !js.join("sdk/jaring-plugin.js").is_file() {
        return Err(msg!("plugin-new-no-js", dir = js.display()));
    }
    let dir = js.join(name);
    if dir.exists() {
        return Err(msg!("plugin-new-exists", dir = dir.display()));
    }
    let write = || -> std::io::Result<()> {
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join("plugin.js"), PLUGIN_JS.replace("{name}", name))?;
        std::fs::write(dir.join("README.md"), README_JS.replace("{name}", name))
    };
    if let Err(e) = write() {
        let _ = std::fs::remove_dir_all(&dir);
        return Err(msg!("plugin-new-cannot-write", dir = dir.display(), error => &e));
    }
    Ok(dir)
}

/// Records the workspace's members in its `Cargo.lock` without touching any dependency's
/// version (`cargo update --workspace --offline`): what a new plugin needs before the
/// `--locked` build. Whether it worked.
pub fn record_in_lock(workspace: &Path) -> bool {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    std::process::Command::new(cargo)
        .args(["update", "--workspace", "--offline", "--quiet"])
        .current_dir(workspace)
        .env_remove("CARGO_TARGET_DIR")
        .stdin(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_folder_crate_and_file_names() {
        for good in ["my-region", "paser2", "a", "kab-paser-2026"] {
            assert!(valid_name(good), "{good}");
        }
        for bad in ["", "My", "1st", "a--b", "end-", "a_b", "../x", "a b", &"x".repeat(41)] {
            assert!(!valid_name(bad), "{bad}");
        }
        assert_eq!(type_name("kab-paser-2026"), "KabPaser2026");
    }
}
