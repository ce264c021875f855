//! Registries as offices export them, at their worst: every `tests/registries/*` file (CSV or
//! JSON Lines) is read in 1, 2, 3, 7 and 16 pieces — the rows must be the same every time —
//! and what a person is told about each row is kept as a snapshot.

use std::fmt::Write as _;
use std::path::Path;

use jaring::registry;

use super::root;

fn catalog() -> std::sync::Arc<jaring::catalog::Catalog> {
    let programs = jaring::run::load_programs(&[root().join("policies/ppu-2025.policy")]).expect("policy");
    programs[0].catalog.clone()
}

/// Every row as read: its cells, and valid (with warnings) or invalid (field and reason);
/// then what the file's structure looked like.
fn describe(path: &Path, pieces: usize) -> String {
    let bytes = std::fs::read(path).expect("readable");
    let json = path.extension().is_some_and(|e| e == "jsonl");
    let catalog = catalog();
    describe_registry(registry::read_bytes_in_pieces("registry", &bytes, json, &catalog, pieces))
}

/// A reader handing over at most `step` bytes at a time, as a database connection may.
struct Trickle<'a> {
    bytes: &'a [u8],
    step: usize,
}

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.step.min(buf.len()).min(self.bytes.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

/// [`describe`] of the CSV at `path` read as a stream, `window` bytes at a time, the source
/// handing over `step` bytes a read; with the registry's sha256.
fn describe_streamed(path: &Path, window: usize, step: usize) -> (String, Option<String>) {
    let bytes = std::fs::read(path).expect("readable");
    let catalog = catalog();
    let mut source = Trickle { bytes: &bytes, step };
    let read = registry::read_csv_stream_in("registry", &mut source, &catalog, &[], window);
    let sha = read.as_ref().ok().map(|r| r.sha256.clone());
    (describe_registry(read), sha)
}

fn describe_registry(read: Result<registry::Registry, registry::RegistryError>) -> String {
    let registry = match read {
        Ok(r) => r,
        Err(e) => return format!("refused: {e}\n"),
    };
    let mut out = format!("columns: {}\n", registry.header.join(" | "));
    for (i, row) in registry.rows.iter().enumerate() {
        let cells: Vec<&str> = registry.cells.row(i).collect();
        let _ = write!(
            out,
            "row {}: {}",
            registry::number(i),
            cells.join(" | ").replace('\n', "⏎").replace('\r', "␍")
        );
        match &row.read {
            Ok(person) if person.warnings().is_empty() => out.push_str("\n  valid\n"),
            Ok(person) => {
                let codes: Vec<&str> = person.warnings().iter().map(|w| w.code()).collect();
                let _ = writeln!(out, "\n  valid, with warnings: {}", codes.join(", "));
            }
            Err(invalid) => {
                let _ = writeln!(
                    out,
                    "\n  invalid `{}`: {}",
                    invalid.field,
                    invalid.reason.text(jaring::i18n::Lang::En)
                );
            }
        }
    }
    for w in &registry.structure {
        let _ = writeln!(out, "structure: {}", w.message().text(jaring::i18n::Lang::En));
    }
    out
}

#[test]
fn adversarial_registries_read_the_same_in_any_number_of_pieces() {
    insta::glob!("../registries", "*.{csv,jsonl}", |path| {
        let whole = describe(path, 1);
        for pieces in [2, 3, 7, 16] {
            assert_eq!(describe(path, pieces), whole, "{} in {pieces} pieces", path.display());
        }
        insta::assert_snapshot!(whole);
    });
}

/// A CSV read as a stream (a database's COPY output), in windows far smaller than the file
/// and from a source that hands over a few bytes at a time, gives the same rows, problems,
/// structure and hash as the file read whole.
#[test]
fn adversarial_registries_read_the_same_as_a_stream_in_any_window() {
    insta::glob!("../registries", "*.csv", |path| {
        let whole = describe(path, 1);
        let bytes = std::fs::read(path).expect("readable");
        let sha = jaring::digest::sha256_hex(&bytes);
        for (window, step) in [(1 << 20, 1 << 16), (64, 7), (200, 1), (1000, 333)] {
            let (streamed, streamed_sha) = describe_streamed(path, window, step);
            assert_eq!(streamed, whole, "{} in windows of {window} bytes, {step} a read", path.display());
            if !whole.starts_with("refused") {
                assert_eq!(streamed_sha.as_deref(), Some(sha.as_str()), "{}", path.display());
            }
        }
    });
}

/// The same registry decided on one core and on all of them gives the same decisions.
#[test]
fn a_run_decides_the_same_on_one_core_and_on_all() {
    let dir = tempfile::tempdir().expect("temp dir");
    let registry = root().join("tests/registries/stray-quotes-and-quoted-line-breaks.csv");
    let run = |out: &str, one_core: bool| {
        let mut command = if one_core {
            let mut c = std::process::Command::new("taskset");
            c.args(["-c", "0", env!("CARGO_BIN_EXE_jaring")]);
            c
        } else {
            std::process::Command::new(env!("CARGO_BIN_EXE_jaring"))
        };
        let out = dir.path().join(out);
        let status = command
            .args(["run", "policies/ppu-2025.policy", "--registry"])
            .arg(&registry)
            .arg("--out")
            .arg(&out)
            .arg("--quiet")
            .current_dir(root())
            .status()
            .expect("jaring runs (taskset is part of util-linux)");
        assert!(status.success());
        let mut all = String::new();
        for file in ["enrollments.csv", "waiting_list.csv", "rejections.csv"] {
            all.push_str(&std::fs::read_to_string(out.join(file)).expect("csv"));
        }
        all
    };
    assert_eq!(run("one", true), run("all", false));
}

/// Every adversarial registry, run under PPU 2025: the folder verifies and replays clean.
#[test]
fn runs_over_adversarial_registries_verify_and_replay_clean() {
    use jaring::audit::replay;
    use jaring::log::verify;
    use jaring::run::{self, output};
    insta::glob!("../registries", "*.{csv,jsonl}", |path| {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("run");
        let programs = run::load_programs(&[root().join("policies/ppu-2025.policy")]).expect("policy");
        let registry = run::read_registry(path, &programs).expect("registry");
        let mut outcome = run::decide(programs, registry, super::host(), &()).expect("decides");
        let staging = jaring::run::staging::Staging::new(&out, false, &[]).expect("staging");
        let options = output::LogOptions { registry_name: "registry", started_at: "2026-12-01T00:00:00Z" };
        output::write_all(&mut outcome, staging.path(), Some(options)).expect("writes");
        staging.publish().expect("publishes");
        let report = verify::verify(&out, None).expect("verify runs");
        assert!(report.intact(), "{}: {:?}", path.display(), report.problems);
        let (impact, _) = replay::replay(&out, &replay::Changes::default(), super::host()).expect("replays");
        assert!(impact.identical(), "{}: {} divergences", path.display(), impact.divergences());
    });
}

/// A registry file is read in windows, its kind told from its first 64 KiB: every
/// adversarial CSV, and each of them grown past those first bytes (its rows repeated, so a
/// quoted line break or a quote never closed may straddle the cut), reads exactly as its
/// bytes read whole — rows, problems, structure and hash.
#[test]
fn a_registry_file_reads_as_its_bytes_read_whole() {
    let catalog = catalog();
    let dir = tempfile::tempdir().expect("temp dir");
    let mut files = Vec::new();
    for entry in std::fs::read_dir(root().join("tests/registries")).expect("registries") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "csv") {
            continue;
        }
        let bytes = std::fs::read(&path).expect("readable");
        let header_end = bytes.iter().position(|b| *b == b'\n').map_or(bytes.len(), |i| i + 1);
        let mut grown = bytes.clone();
        while grown.len() < 200 << 10 {
            grown.extend_from_slice(&bytes[header_end..]);
            grown.push(b'\n');
        }
        let long = dir.path().join(path.file_name().expect("name"));
        std::fs::write(&long, &grown).expect("written");
        files.push(path);
        files.push(long);
    }
    assert!(files.len() >= 16, "the adversarial registries are there");
    for path in files {
        let label = path.display().to_string();
        let bytes = std::fs::read(&path).expect("readable");
        let whole = registry::read_bytes_in_pieces(&label, &bytes, false, &catalog, 1);
        let sha = whole.as_ref().ok().map(|r| r.sha256.clone());
        let from_file = registry::read_sheet_of(&path, None, &catalog, &[]);
        assert_eq!(from_file.as_ref().ok().map(|r| r.sha256.clone()), sha, "{label}");
        assert_eq!(describe_registry(from_file), describe_registry(whole), "{label}");
    }
}
