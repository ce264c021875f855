//! The one integration-test binary. Cases are data: add a file under `tests/policies/` or
//! `tests/fmt/` and the glob tests pick it up.

mod audit;
pub mod cli;
mod diff;
pub mod hostile;
mod i18n;
mod indonesian;
mod office;
mod parquet;
mod plugin_kit;
mod plugins;
mod policy_check;
mod policy_fmt;
mod postgres;
mod receipts;
mod registries;
mod runs;
mod sheets;
mod structure;
mod workbench;

use std::path::{Path, PathBuf};

/// One plugin host for the whole test binary, its compiled plugins cached in a temporary
/// folder.
pub fn host() -> &'static jaring::plugin::PluginHost {
    static HOST: std::sync::OnceLock<(jaring::plugin::PluginHost, tempfile::TempDir)> =
        std::sync::OnceLock::new();
    &HOST
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            (jaring::plugin::PluginHost::with_cache(Some(dir.path().to_path_buf())).expect("host"), dir)
        })
        .0
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed policies shipped in `policies/`, sorted.
pub fn seed_policies() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("policies"))
        .expect("policies/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "policy"))
        .collect();
    files.sort();
    files
}

pub fn file_name(path: &Path) -> String {
    path.file_name().and_then(|n| n.to_str()).unwrap_or("?").to_owned()
}
