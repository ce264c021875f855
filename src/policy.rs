//! Policy files: text → syntax tree → AST → checked [`Program`], and back to text.
//!
//! The pipeline is `syntax::parse` (pest, with brace repair and error recovery) →
//! `lower::lower` (values) → `check::check` (meaning, reference data). Each stage reports
//! every problem it finds and passes on what it could read. `fmt` prints a syntax tree in
//! the one canonical layout.
//!
//! [`Workspace`] is the only part that reads files: policies, the occupation catalogs and
//! rate tables they use (each loaded and reported once), and plugin files to hash.

pub mod ast;
pub mod braces;
pub mod check;
pub mod fmt;
pub mod lower;
pub mod program;
pub mod syntax;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use program::Program;

use crate::catalog::Catalog;
use crate::diag::{Diagnostic, FileId, Sources, Span};
use crate::digest::sha256_hex;
use crate::rates::RateTable;
use program::Reference;

/// The catalog shipped in `policies/`, used when a policy names none and none lies beside it.
pub const BUILTIN_CATALOG: &str = include_str!("../policies/occupations.toml");

/// The built-in catalog, read once.
pub fn builtin_catalog() -> Option<&'static Catalog> {
    static CATALOG: std::sync::OnceLock<Option<Catalog>> = std::sync::OnceLock::new();
    CATALOG
        .get_or_init(|| {
            let mut sources = crate::diag::Sources::new();
            let file = sources.add("occupations.toml", BUILTIN_CATALOG);
            Catalog::parse(file, BUILTIN_CATALOG).ok()
        })
        .as_ref()
}
/// The rate table shipped in `policies/`, used likewise.
pub const BUILTIN_RATES: &str = include_str!("../policies/rates.toml");

/// Files to use instead of the ones a policy names: how a recorded run is replayed from its
/// own archived artifacts, wherever the policy once found them.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    pub catalog: Option<PathBuf>,
    pub rates: Option<PathBuf>,
    pub plugin: Option<PathBuf>,
    /// Accept the override plugin whatever the policy pins (to see what a new plugin
    /// would change, before pinning it).
    pub ignore_pin: bool,
}

/// Problems kept per policy file.
pub const MAX_DIAGNOSTICS: usize = 100;

/// Reads policies and the reference files they name; collects every diagnostic.
#[derive(Default)]
pub struct Workspace {
    pub sources: Sources,
    pub diagnostics: Vec<Diagnostic>,
    /// Applied to every policy checked from now on.
    pub overrides: Overrides,
    catalogs: HashMap<PathBuf, Option<(Arc<Catalog>, Reference)>>,
    rates: HashMap<PathBuf, Option<(Arc<RateTable>, Reference)>>,
    hashes: HashMap<PathBuf, Option<String>>,
}

/// Why a reference file is not available: a problem to report at the policy statement
/// naming it, or `None` when the file's own problems were already reported.
pub type LoadError = Option<Box<Diagnostic>>;

/// A loaded reference file and its hash.
pub type Loaded<T> = (Arc<T>, Reference);

/// How a reference file is found and loaded for a policy in a folder.
pub type Loader<T> = fn(&mut Workspace, &Path, Option<Named<'_>>) -> Result<Loaded<T>, LoadError>;

/// A reference file named by a policy statement (`catalog "…"`, `rates "…"`).
pub struct Named<'a> {
    pub written: &'a str,
    pub span: Span,
    pub file: FileId,
}

impl Workspace {
    pub fn new() -> Workspace {
        Workspace::default()
    }

    /// Reads and checks one policy file. `Err` only when the file cannot be read; policy
    /// problems go to [`Workspace::diagnostics`], and `None` is returned if there were errors.
    pub fn check_file(&mut self, path: &Path) -> std::io::Result<Option<Program>> {
        if !std::fs::metadata(path)?.is_file() {
            return Err(std::io::Error::other("it is not a regular file"));
        }
        let bytes = std::fs::read(path)?;
        let dir = path.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let name = path.display().to_string();
        match String::from_utf8(bytes) {
            Ok(text) => Ok(self.check_text(&name, &dir, text)),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                let file = self.sources.add(name, text);
                let (line, _) = self.sources.line_col(file, at);
                self.diagnostics.push(
                    Diagnostic::error("not-utf8", file, Span::new(at, at + 1), crate::msg!("not-utf8"))
                        .with_label(crate::msg!("not-utf8.label", byte = at, line = line))
                        .with_help(crate::msg!("not-utf8.help")),
                );
                Ok(None)
            }
        }
    }

    /// Checks policy text as if it were a file called `name` in folder `dir`.
    /// Checks a policy's text. At most [`MAX_DIAGNOSTICS`] problems of a file are kept, then
    /// one saying how many more there were.
    pub fn check_text(&mut self, name: &str, dir: &Path, text: String) -> Option<Program> {
        let sha256 = sha256_hex(text.as_bytes());
        let file = self.sources.add(name, text);
        let text = self.sources.text(file).to_owned();
        let parsed = syntax::parse(file, &text);
        let mut diagnostics = parsed.diagnostics;
        let ast = lower::lower(file, &parsed.root, &mut diagnostics);
        let reference = Reference { name: name.to_owned(), sha256, text: Arc::from(text.as_str()) };
        let program = check::check(
            self,
            check::Input { file, text: &text, dir, ast: &ast, reference },
            &mut diagnostics,
        );
        let failed = diagnostics.iter().any(Diagnostic::is_error);
        diagnostics.sort_by_key(|d| (d.file, d.span.map_or(0, |s| s.start)));
        if diagnostics.len() > MAX_DIAGNOSTICS {
            let more = diagnostics.len() - MAX_DIAGNOSTICS;
            let hidden_error = diagnostics[MAX_DIAGNOSTICS..].iter().any(Diagnostic::is_error);
            diagnostics.truncate(MAX_DIAGNOSTICS);
            let mut last = Diagnostic::file_error(
                "too-many-problems",
                file,
                crate::msg!("too-many-problems", more = crate::money::grouped(more as u64)),
            );
            last.help = Some(crate::msg!("too-many-problems.help"));
            if !hidden_error {
                last.severity = crate::diag::Severity::Warning;
            }
            diagnostics.push(last);
        }
        let mut program = program;
        // the policy's warnings travel with its program, to be shown by the run that uses it
        if let Some(p) = program.as_mut() {
            p.warnings = diagnostics
                .iter()
                .filter(|d| d.severity == crate::diag::Severity::Warning && d.file == file)
                .map(|d| match d.span {
                    Some(span) => crate::msg!(
                        "warning-policy-at",
                        file = name,
                        line = self.sources.line_col(file, span.start).0,
                        code = d.code,
                        warning => d.message.clone()
                    ),
                    None => crate::msg!("warning-policy", file = name, code = d.code, warning => d.message.clone()),
                })
                .collect();
        }
        self.diagnostics.extend(diagnostics);
        if failed { None } else { program }
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The occupation catalog for a policy in `dir`: the one it names, else
    /// `occupations.toml` beside it, else the built-in one.
    pub fn catalog(&mut self, dir: &Path, named: Option<Named<'_>>) -> Result<Loaded<Catalog>, LoadError> {
        let located = match self.overrides.catalog.clone() {
            Some(path) => Some(path),
            None => self.locate(dir, named, "occupations.toml", "catalog")?,
        };
        let (key, label) = match located {
            Some(path) => (path.clone(), path.display().to_string()),
            None => (
                PathBuf::from("<built-in>/occupations.toml"),
                "built-in policies/occupations.toml".to_owned(),
            ),
        };
        if let Some(cached) = self.catalogs.get(&key) {
            return cached.clone().ok_or(None);
        }
        let loaded = self.load(&key, &label, BUILTIN_CATALOG, Catalog::parse);
        self.catalogs.insert(key, loaded.clone());
        loaded.ok_or(None)
    }

    /// The rate table for a policy in `dir`, found like [`Workspace::catalog`].
    pub fn rates(&mut self, dir: &Path, named: Option<Named<'_>>) -> Result<Loaded<RateTable>, LoadError> {
        let located = match self.overrides.rates.clone() {
            Some(path) => Some(path),
            None => self.locate(dir, named, "rates.toml", "rates")?,
        };
        let (key, label) = match located {
            Some(path) => (path.clone(), path.display().to_string()),
            None => (PathBuf::from("<built-in>/rates.toml"), "built-in policies/rates.toml".to_owned()),
        };
        if let Some(cached) = self.rates.get(&key) {
            return cached.clone().ok_or(None);
        }
        let loaded = self.load(&key, &label, BUILTIN_RATES, RateTable::parse);
        self.rates.insert(key, loaded.clone());
        loaded.ok_or(None)
    }

    /// `Ok(None)` means "use the built-in file".
    fn locate(
        &self,
        dir: &Path,
        named: Option<Named<'_>>,
        default: &str,
        keyword: &str,
    ) -> Result<Option<PathBuf>, LoadError> {
        match named {
            Some(n) => {
                let path = dir.join(n.written);
                if path.is_file() {
                    Ok(Some(path))
                } else {
                    Err(Some(Box::new(
                        Diagnostic::error(
                            "file-not-found",
                            n.file,
                            n.span,
                            crate::msg!("file-not-found", path = path.display()),
                        )
                        .with_label(crate::msg!("file-not-found.label"))
                        .with_help(crate::msg!(
                            "file-not-found.help",
                            keyword = keyword,
                            default = default
                        )),
                    )))
                }
            }
            None => {
                let beside = dir.join(default);
                Ok(beside.is_file().then_some(beside))
            }
        }
    }

    fn load<T>(
        &mut self,
        key: &Path,
        label: &str,
        builtin: &str,
        parse: fn(FileId, &str) -> Result<T, Vec<Diagnostic>>,
    ) -> Option<(Arc<T>, Reference)> {
        let text = if key.starts_with("<built-in>") {
            builtin.to_owned()
        } else {
            match std::fs::read_to_string(key) {
                Ok(t) => t,
                Err(e) => {
                    let file = self.sources.add(label, String::new());
                    self.diagnostics.push(Diagnostic::file_error(
                        "unreadable-file",
                        file,
                        crate::msg!("unreadable-file", file = label, error => &e),
                    ));
                    return None;
                }
            }
        };
        let sha256 = sha256_hex(text.as_bytes());
        let file = self.sources.add(label, text);
        let text = self.sources.text(file).to_owned();
        match parse(file, &text) {
            Ok(value) => Some((
                Arc::new(value),
                Reference { name: label.to_owned(), sha256, text: Arc::from(text.as_str()) },
            )),
            Err(errors) => {
                self.diagnostics.extend(errors);
                None
            }
        }
    }

    /// The sha256 of a file, computed once per path; `None` if it cannot be read.
    pub fn file_sha256(&mut self, path: &Path) -> Option<String> {
        self.hashes.entry(path.to_path_buf()).or_insert_with(|| crate::digest::sha256_file(path).ok()).clone()
    }
}
