//! `jaring plugin build` and `jaring plugin inspect`: from a Rust plugin crate to a pinned
//! component, and what a component file holds.
//!
//! Builds are reproducible: the crate is compiled with the lockfile (`--locked`) for
//! `wasm32-unknown-unknown`, with the plugin workspace and the cargo home remapped to fixed
//! paths (`/jaring/plugins`, `/cargo`) so the bytes do not depend on where the repository is
//! checked out. The same toolchain then gives the same bytes (`plugins/TOOLCHAIN`).

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context as _, bail};
use serde::Deserialize;

use crate::digest::sha256_hex;

/// A built plugin.
#[derive(Debug)]
pub struct Built {
    pub path: PathBuf,
    pub sha256: String,
    pub size: usize,
    /// Set when the toolchain is not the one the committed plugins were built with.
    pub toolchain_warning: Option<String>,
}

#[derive(Deserialize)]
struct Manifest {
    package: Option<Package>,
    workspace: Option<toml::Value>,
}

#[derive(Deserialize)]
struct Package {
    name: String,
}

#[derive(Deserialize)]
struct CargoMessage {
    reason: String,
    #[serde(default)]
    target: Option<Target>,
    #[serde(default)]
    filenames: Vec<PathBuf>,
}

#[derive(Deserialize)]
struct Target {
    name: String,
}

/// The contract, as plugins are built against it.
pub const CONTRACT_WIT: &str = include_str!("../../plugins/wit/plugin.wit");

/// Builds a plugin: a Rust crate (a folder with `Cargo.toml`), or a hand-written core module
/// (`.wat` text or `.wasm` binary) that follows the canonical ABI of the contract.
pub fn build(path: &Path, out: Option<&Path>) -> anyhow::Result<Built> {
    if path.is_file() {
        build_module(path, out)
    } else if path.join(JS_ENTRY).is_file() && !path.join("Cargo.toml").exists() {
        build_js(path, out)
    } else {
        build_crate(path, out)
    }
}

/// The file a JavaScript plugin folder holds its plugin in.
pub const JS_ENTRY: &str = "plugin.js";

/// Builds a JavaScript plugin (a folder with `plugin.js`) with the `build.mjs` of the
/// nearest folder above it that has one (`plugins/js`): ComponentizeJS, at the version its
/// `package-lock.json` pins, installed there with `npm ci` the first time. The bytes are not
/// reproducible (the engine's start-up snapshot differs from build to build); the decisions
/// are, and CI checks them (`.ci/js-plugin`).
fn build_js(dir: &Path, out: Option<&Path>) -> anyhow::Result<Built> {
    let dir = dir.canonicalize().with_context(|| format!("no plugin folder `{}`", dir.display()))?;
    let root = dir
        .ancestors()
        .find(|d| d.join("build.mjs").is_file() && d.join("package.json").is_file())
        .with_context(|| {
            format!("no `build.mjs` beside a `package.json` above `{}` (see plugins/js)", dir.display())
        })?
        .to_path_buf();
    if !root.join("node_modules/@bytecodealliance/componentize-js").is_dir() {
        eprintln!("installing the JavaScript build tools in {} (npm ci)", root.display());
        let installed = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&root)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::inherit())
            .status()
            .context("cannot run npm; is Node.js installed?")?;
        if !installed.success() {
            bail!("`npm ci` failed in {}", root.display());
        }
    }
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let path = out.map_or_else(|| dir.join(format!("{name}.wasm")), Path::to_path_buf);
    let work = tempfile::tempdir().context("cannot make a temporary folder")?;
    let wit = work.path().join("plugin.wit");
    std::fs::write(&wit, CONTRACT_WIT)?;
    let built = work.path().join("plugin.wasm");
    let status = Command::new("node")
        .arg(root.join("build.mjs"))
        .arg(dir.join(JS_ENTRY))
        .arg(&wit)
        .arg(&built)
        .current_dir(&root)
        .stderr(std::process::Stdio::inherit())
        .status()
        .context("cannot run node; is Node.js installed?")?;
    if !status.success() {
        bail!("ComponentizeJS could not build `{}` (see its messages above)", dir.join(JS_ENTRY).display());
    }
    let component = std::fs::read(&built).with_context(|| format!("cannot read `{}`", built.display()))?;
    write_atomically(&path, &component)?;
    Ok(Built { sha256: sha256_hex(&component), size: component.len(), path, toolchain_warning: None })
}

/// Turns a core module (WebAssembly text or binary) into a plugin component: the contract's
/// WIT is embedded unless the module carries its own, then `wit-component` wraps it.
pub fn componentize(core: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut module = wat::parse_bytes(core).map_err(|e| anyhow::anyhow!("{e}"))?.into_owned();
    let has_metadata = wasmparser::Parser::new(0).parse_all(&module).any(
        |p| matches!(p, Ok(wasmparser::Payload::CustomSection(c)) if c.name().starts_with("component-type")),
    );
    if !has_metadata {
        let mut resolve = wit_parser::Resolve::default();
        let package = resolve.push_str("plugin.wit", CONTRACT_WIT)?;
        let world = resolve.select_world(&[package], Some("region-plugin"))?;
        wit_component::embed_component_metadata(
            &mut module,
            &resolve,
            world,
            wit_component::StringEncoding::UTF8,
        )?;
    }
    wit_component::ComponentEncoder::default()
        .module(&module)
        .and_then(|e| e.validate(true).encode())
        .map_err(|e| anyhow::anyhow!("it cannot be made a component: {e:#}"))
}

fn build_module(file: &Path, out: Option<&Path>) -> anyhow::Result<Built> {
    let core = std::fs::read(file).with_context(|| format!("cannot read `{}`", file.display()))?;
    let component = componentize(&core).with_context(|| format!("`{}`", file.display()))?;
    let path = out.map_or_else(|| file.with_extension("component.wasm"), Path::to_path_buf);
    write_atomically(&path, &component)?;
    Ok(Built { sha256: sha256_hex(&component), size: component.len(), path, toolchain_warning: None })
}

/// Builds the plugin crate in `dir` into a component at `out` (default `<dir>/<name>.wasm`).
fn build_crate(dir: &Path, out: Option<&Path>) -> anyhow::Result<Built> {
    let dir = dir.canonicalize().with_context(|| format!("no plugin folder `{}`", dir.display()))?;
    let manifest_path = dir.join("Cargo.toml");
    let manifest: Manifest = toml::from_str(
        &std::fs::read_to_string(&manifest_path)
            .with_context(|| format!("no `{}`", manifest_path.display()))?,
    )
    .with_context(|| format!("cannot read `{}`", manifest_path.display()))?;
    let Some(package) = manifest.package else { bail!("`{}` is not a package", manifest_path.display()) };
    let workspace = dir
        .ancestors()
        .find(|d| {
            std::fs::read_to_string(d.join("Cargo.toml"))
                .ok()
                .and_then(|t| toml::from_str::<Manifest>(&t).ok())
                .is_some_and(|m| m.workspace.is_some())
        })
        .unwrap_or(&dir)
        .to_path_buf();
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from("/nonexistent"));
    let rustflags = format!(
        "--remap-path-prefix={}=/jaring/plugins --remap-path-prefix={}=/cargo",
        workspace.display(),
        cargo_home.display()
    );
    // a plugin made since the lock file was written is recorded in it first (its members
    // only: no dependency's version moves), or the `--locked` build would refuse
    let lock = std::fs::read_to_string(workspace.join("Cargo.lock")).unwrap_or_default();
    if !lock.is_empty() && !lock.contains(&format!("name = \"{}\"\n", package.name)) {
        if !super::scaffold::record_in_lock(&workspace) {
            bail!(
                "`{}` is not in {}; record it with `cargo update --workspace` in that folder",
                package.name,
                workspace.join("Cargo.lock").display()
            );
        }
        eprintln!("recorded `{}` in {}", package.name, workspace.join("Cargo.lock").display());
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(&cargo)
        .args(["build", "--release", "--locked", "--target", "wasm32-unknown-unknown"])
        .args(["--message-format", "json-render-diagnostics", "-p", &package.name])
        .current_dir(&dir)
        .env("RUSTFLAGS", rustflags)
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("CARGO_TARGET_DIR")
        .stderr(std::process::Stdio::inherit())
        .output()
        .context("cannot run cargo; is Rust installed?")?;
    if !output.status.success() {
        bail!(
            "cargo could not build `{}` (see its messages above; install the target with `rustup target add wasm32-unknown-unknown`; a new plugin or dependency is recorded in plugins/Cargo.lock by running `cargo update -w` in plugins/)",
            package.name
        );
    }
    let lib_name = package.name.replace('-', "_");
    let module = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<CargoMessage>(l).ok())
        .filter(|m| m.reason == "compiler-artifact" && m.target.as_ref().is_some_and(|t| t.name == lib_name))
        .flat_map(|m| m.filenames)
        .find(|f| f.extension().is_some_and(|e| e == "wasm"))
        .with_context(|| format!("cargo built no `.wasm` for `{}`; is it a `cdylib`?", package.name))?;
    let core = std::fs::read(&module).with_context(|| format!("cannot read `{}`", module.display()))?;
    let component = wit_component::ComponentEncoder::default()
        .module(&core)
        .and_then(|e| e.validate(true).encode())
        .map_err(|e| anyhow::anyhow!("`{}` cannot be made a component: {e:#}", package.name))?;
    let path = out.map_or_else(|| dir.join(format!("{}.wasm", package.name)), Path::to_path_buf);
    write_atomically(&path, &component)?;
    Ok(Built {
        sha256: sha256_hex(&component),
        size: component.len(),
        path,
        toolchain_warning: toolchain_warning(&workspace),
    })
}

/// Compares `rustc --version` with `<workspace>/TOOLCHAIN`.
fn toolchain_warning(workspace: &Path) -> Option<String> {
    let pinned = std::fs::read_to_string(workspace.join("TOOLCHAIN")).ok()?;
    let pinned = pinned.trim();
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let version = Command::new(rustc).arg("--version").output().ok()?;
    let version = String::from_utf8_lossy(&version.stdout);
    let actual = version.split_whitespace().nth(1)?;
    (actual != pinned).then(|| {
        format!("the committed plugins were built with rustc {pinned}; this is rustc {actual}, so the bytes will differ")
    })
}

fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    crate::files::write_atomically(path, bytes)
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644));
    }
    Ok(())
}

/// What a component file holds.
#[derive(Debug, serde::Serialize)]
pub struct Inspection {
    pub file: String,
    pub sha256: String,
    pub size: usize,
    /// `jaring:plugin@0.1.0`, from the interfaces it uses.
    pub contract: Option<String>,
    pub imports: Vec<String>,
    pub exports: Vec<String>,
}

/// Reads a component's imports and exports without running it (files larger than any policy
/// may allow a plugin are not read).
pub fn inspect(path: &Path) -> anyhow::Result<Inspection> {
    let ceiling = crate::policy::program::PluginLimit::PluginKib.max() << 10;
    let bytes = super::read_bounded(path, ceiling as usize)
        .with_context(|| format!("cannot read `{}`", path.display()))?;
    if bytes.len() as u64 > ceiling {
        bail!(
            "`{}` is larger than any policy may allow a plugin ({} KiB)",
            path.display(),
            crate::money::grouped(ceiling >> 10)
        );
    }
    let decoded = wit_component::decode(&bytes)
        .map_err(|e| anyhow::anyhow!("`{}` is not a WebAssembly component: {e:#}", path.display()))?;
    let wit_component::DecodedWasm::Component(resolve, world) = decoded else {
        bail!("`{}` holds WIT definitions, not a plugin", path.display());
    };
    let world = &resolve.worlds[world];
    // types a world `use`s show up as imports of their own; only interfaces and functions count
    let named =
        |items: &mut dyn Iterator<Item = (&wit_parser::WorldKey, &wit_parser::WorldItem)>| -> Vec<String> {
            items
                .filter(|(_, item)| !matches!(item, wit_parser::WorldItem::Type { .. }))
                .map(|(k, _)| resolve.name_world_key(k))
                .collect()
        };
    let imports = named(&mut world.imports.iter());
    let exports = named(&mut world.exports.iter());
    let contract = imports
        .iter()
        .chain(&exports)
        .find_map(|n| n.strip_prefix("jaring:plugin/"))
        .and_then(|rest| rest.split_once('@'))
        .map(|(_, version)| format!("jaring:plugin@{version}"));
    Ok(Inspection {
        file: path.display().to_string(),
        sha256: sha256_hex(&bytes),
        size: bytes.len(),
        contract,
        imports,
        exports,
    })
}
