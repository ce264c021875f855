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
    for (i, row) in registry.rows.all().expect("rows").iter().enumerate() {
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

/// A source of `head`, then the byte `fill` without end, counting what it handed over.
struct Endless<'a> {
    head: &'a [u8],
    fill: u8,
    handed: usize,
}

impl std::io::Read for Endless<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = if self.head.is_empty() {
            buf.fill(self.fill);
            buf.len()
        } else {
            let n = self.head.len().min(buf.len());
            buf[..n].copy_from_slice(&self.head[..n]);
            self.head = &self.head[n..];
            n
        };
        self.handed += n;
        Ok(n)
    }
}

/// A registry whose row is longer than any applicant's (most often a quote never closed,
/// swallowing the rest of the file) is refused, naming the row and the line it starts on —
/// read whole in any number of pieces, or as a stream in any window — and a row of exactly
/// the limit is read. Read from a source without end, the refusal comes after about a window
/// and the limit: nothing is held without bound.
#[test]
fn a_row_longer_than_any_applicant_s_is_refused_naming_where_it_starts() {
    use registry::{MAX_ROW_BYTES, RegistryError};
    let catalog = catalog();
    let header = "nik,nama,tanggal_lahir,jenis_kelamin,pekerjaan,domisili\n";
    let row = |nik: u32| format!("64090119019000{nik:02},Budi,1990-01-01,L,nelayan,64.09.01\n");
    // row 3 (line 5: a blank line before it) with a quoted name of `name` bytes, closed or not
    let body = |name: usize, closed: bool, after: u32| {
        let mut b = format!("{header}{}{}\n", row(1), row(2));
        b.push_str("6409011901900003,\"");
        b.push_str(&"x".repeat(name));
        b.push_str(if closed {
            "\",1990-01-01,L,nelayan,64.09.01\n"
        } else {
            ",1990-01-01,L,nelayan,64.09.01\n"
        });
        for nik in 4..4 + after {
            b.push_str(&row(nik % 100));
        }
        b.into_bytes()
    };
    let fixed = "6409011901900003,\"\",1990-01-01,L,nelayan,64.09.01".len();
    let whole =
        |bytes: &[u8], pieces: usize| registry::read_bytes_in_pieces("r", bytes, false, &catalog, pieces);
    let streamed = |bytes: &[u8], window: usize, step: usize| {
        registry::read_csv_stream_in("r", &mut Trickle { bytes, step }, &catalog, &[], window)
    };
    // (a quote never closed, with more than the limit after it)
    let cases = [(MAX_ROW_BYTES - fixed + 1, true, 36), (3 * MAX_ROW_BYTES, true, 36), (10, false, 30_000)];
    for (name, closed, after) in cases {
        let bytes = body(name, closed, after);
        let mut reads: Vec<Result<registry::Registry, RegistryError>> =
            [1, 2, 3, 7].iter().map(|&p| whole(&bytes, p)).collect();
        for (window, step) in [(64 << 20, 1 << 16), (1 << 20, 4096), (5000, 777)] {
            reads.push(streamed(&bytes, window, step));
        }
        for read in reads {
            match read {
                Err(RegistryError::RowTooLong { row: 3, line: 5, .. }) => {}
                Err(other) => panic!("{name} bytes, closed {closed}: {other}"),
                Ok(_) => panic!("{name} bytes, closed {closed}: read"),
            }
        }
    }
    // a quote never closed in a file smaller than the limit is read, as before (one long
    // row, with its warning)
    let short = body(10, false, 36);
    assert!(whole(&short, 2).is_ok_and(|r| !r.structure.is_empty()));
    // exactly the limit is still a row
    let bytes = body(MAX_ROW_BYTES - fixed, true, 36);
    assert_eq!(whole(&bytes, 3).expect("read").rows.len(), 39);
    assert_eq!(streamed(&bytes, 5000, 777).expect("read").rows.len(), 39);

    // without end: a row, then a quote never closed; a header line never ended
    let head = format!("{header}{}6409011901900003,\"", row(1));
    for (head, window, in_header) in
        [(head.as_str(), 64 << 20, false), (head.as_str(), 4096, false), ("nik,nama,", 1 << 20, true)]
    {
        let mut source = Endless { head: head.as_bytes(), fill: b'x', handed: 0 };
        let read = registry::read_csv_stream_in("r", &mut source, &catalog, &[], window);
        match (read, in_header) {
            (Err(RegistryError::RowTooLong { row: 2, line: 3, .. }), false)
            | (Err(RegistryError::HeaderTooLong { .. }), true) => {}
            (Err(other), _) => panic!("{head:?}: {other}"),
            (Ok(_), _) => panic!("{head:?}: read"),
        }
        assert!(source.handed <= window + 2 * MAX_ROW_BYTES + (1 << 17), "{} bytes read", source.handed);
    }

    // JSON Lines: a line longer than the limit
    let mut jsonl = br#"{"nik":"6409011901900001","nama":"Budi"}"#.to_vec();
    jsonl.extend_from_slice(b"\n\n{\"nik\":\"6409011901900002\",\"nama\":\"");
    jsonl.extend(std::iter::repeat_n(b'x', MAX_ROW_BYTES));
    jsonl.extend_from_slice(b"\"}\n");
    jsonl.extend_from_slice(b"{\"nik\":\"6409011901900003\"}\n");
    for pieces in [1, 2, 3, 7] {
        let read = registry::read_bytes_in_pieces("r.jsonl", &jsonl, true, &catalog, pieces);
        assert!(matches!(read, Err(RegistryError::RowTooLong { row: 2, line: 3, .. })), "{pieces}: {read:?}");
        // (no quote runs over lines in JSON Lines: the message does not send the reader
        // looking for one)
        let said = read.err().map(|e| e.message().text(jaring::i18n::Lang::Id)).unwrap_or_default();
        assert!(said.starts_with("baris 3 daftar pendaftar") && !said.contains("tanda kutip"), "{said}");
    }
}

/// `jaring run` over a registry with a quote never closed in a file larger than a row may
/// be: refused in the user's language, naming the row and its line; nothing written.
#[test]
fn a_run_over_a_quote_never_closed_says_where_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let registry = dir.path().join("registry.csv");
    let mut text = String::from("nik,nama,tanggal_lahir,jenis_kelamin,pekerjaan,domisili\n");
    for i in 0..40_000u32 {
        let quote = if i == 1233 { "\"" } else { "" };
        text.push_str(&format!("64090119019{i:05},{quote}Nama {i},1990-01-01,L,nelayan,64.09.01\n"));
    }
    std::fs::write(&registry, text).expect("written");
    let out = dir.path().join("run");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_jaring"))
        .args(["--lang", "id", "run", "policies/ppu-2025.policy", "--quiet", "--registry"])
        .arg(&registry)
        .arg("--out")
        .arg(&out)
        .current_dir(root())
        .output()
        .expect("jaring runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.contains("baris data 1234") && stderr.contains("dimulai di baris 1235"), "{stderr}");
    assert!(stderr.contains("tanda `\"`"), "{stderr}");
    assert!(!out.exists(), "nothing is written");
}

/// A registry of more columns than any office's export (a hostile file of a few megabytes
/// and thousands of column titles: every row's `input` in the log has every column) is
/// refused with how many it has — a CSV read whole or as a stream, JSON Lines whose keys add
/// up to too many, a workbook with a cell that far right; exactly the limit is read.
#[test]
fn a_registry_of_more_columns_than_the_limit_is_refused() {
    use registry::{MAX_COLUMNS, MAX_ROW_BYTES, RegistryError};
    let catalog = catalog();
    let csv = |columns: usize| {
        let extra: Vec<String> = (6..columns).map(|i| format!("kolom_{i}")).collect();
        let mut b = format!("nik,nama,tanggal_lahir,jenis_kelamin,pekerjaan,domisili,{}\n", extra.join(","));
        for i in 0..300 {
            b.push_str(&format!("64090119019000{:02},Budi,1990-01-01,L,nelayan,64.09.01\n", i % 100));
        }
        b.into_bytes()
    };
    let too_many = |read: Result<registry::Registry, RegistryError>, columns: usize| match read {
        Err(RegistryError::TooManyColumns { columns: c, .. }) => assert_eq!(c, columns),
        Err(other) => panic!("{other}"),
        Ok(_) => panic!("{columns} columns read"),
    };
    let bytes = csv(MAX_COLUMNS + 1);
    too_many(registry::read_bytes_in_pieces("r", &bytes, false, &catalog, 3), MAX_COLUMNS + 1);
    too_many(registry::read_csv_stream_in("r", &mut &bytes[..], &catalog, &[], 4096), MAX_COLUMNS + 1);
    let bytes = csv(MAX_COLUMNS);
    assert_eq!(
        registry::read_bytes_in_pieces("r", &bytes, false, &catalog, 3).expect("read").rows.len(),
        300
    );

    // JSON Lines: each line adds keys
    let mut jsonl = String::new();
    for line in 0..=MAX_COLUMNS / 100 {
        let keys: Vec<String> = (0..100).map(|k| format!("\"k{}\":\"x\"", line * 100 + k)).collect();
        jsonl.push_str(&format!("{{\"nik\":\"6409011901900001\",{}}}\n", keys.join(",")));
    }
    for pieces in [1, 2, 3, 7] {
        too_many(
            registry::read_bytes_in_pieces("r.jsonl", jsonl.as_bytes(), true, &catalog, pieces),
            MAX_COLUMNS + 1,
        );
    }
    // the first refusal in the file's order, however it is cut: a line too long after the
    // key too many, or before it
    let long = format!("{{\"nik\":\"{}\"}}\n", "1".repeat(MAX_ROW_BYTES));
    for (text, columns_first) in [(format!("{jsonl}{long}"), true), (format!("{long}{jsonl}"), false)] {
        for pieces in [1, 2, 3, 7] {
            match registry::read_bytes_in_pieces("r.jsonl", text.as_bytes(), true, &catalog, pieces) {
                Err(RegistryError::TooManyColumns { .. }) if columns_first => {}
                Err(RegistryError::RowTooLong { row: 1, line: 1, .. }) if !columns_first => {}
                other => panic!("{pieces} pieces, columns first {columns_first}: {:?}", other.err()),
            }
        }
    }

    // a workbook with a value in the column after the last one a registry may have
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("lebar.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, name) in
        ["nik", "nama", "tanggal_lahir", "jenis_kelamin", "pekerjaan", "domisili"].iter().enumerate()
    {
        sheet.write_string(0, c as u16, *name).expect("header");
    }
    sheet.write_string(0, MAX_COLUMNS as u16, "catatan").expect("far right");
    book.save(&path).expect("saved");
    too_many(registry::read_sheet_of(&path, None, &catalog, &[]), MAX_COLUMNS + 1);
}

/// Megabytes of blank lines (a file padded by a broken export) read as the file read whole —
/// the same rows, problems and lines named — in windows far smaller than them, and in time
/// that does not grow with their square (they were parsed again with every window after).
#[test]
fn blank_lines_by_the_megabyte_read_as_the_file_read_whole() {
    let catalog = catalog();
    let mut text = String::from("nik,nama,tanggal_lahir,jenis_kelamin,pekerjaan,domisili\n");
    text.push_str("6409011901900001,Budi,1990-01-01,L,nelayan,64.09.01.1015\n");
    text.push_str(&"\n".repeat(3 << 20));
    text.push_str(&"\r\n".repeat(1 << 20));
    text.push_str("6409011901900002,\"Siti\nAminah\nbinti\nAli\",1990-01-01,P,nelayan,64.09.01.1015\n");
    text.push_str(&"\r".repeat(1 << 20));
    text.push_str("6409011901900003,Ani,1990-13-01,P,nelayan,64.09.01.1015\n\n\n");
    let bytes = text.into_bytes();
    let whole = describe_registry(registry::read_bytes_in_pieces("registry", &bytes, false, &catalog, 2));
    assert!(
        whole.contains("row 3: ") && whole.contains("structure: row 2 runs over 4 lines (from line"),
        "{whole}"
    );
    for window in [4096, 1 << 20, 64 << 20] {
        let read = registry::read_csv_stream_in(
            "registry",
            &mut Trickle { bytes: &bytes, step: 1 << 16 },
            &catalog,
            &[],
            window,
        );
        assert_eq!(describe_registry(read), whole, "windows of {window} bytes");
    }
}

/// JSON Lines at their worst, built here: keys in every order and repeated (the last one
/// counts), escapes, nested values, numbers of every shape, lines that are no object, bytes
/// that are not UTF-8, blank lines, CRLF and a byte-order mark; a key first met far into
/// the file, a required column missing from the first lines, a line over 1 MiB after
/// thousands of rows, blank lines of megabytes, more keys than a registry may have columns.
fn hostile_json_lines() -> Vec<(&'static str, Vec<u8>)> {
    let row = |i: u32| {
        format!(
            r#"{{"nik": "64090119019{i:05}", "nama": "Nama {i}", "tanggal_lahir": "1990-01-01", "jenis_kelamin": "L", "pekerjaan": "nelayan", "kode_wilayah": "64.09.01.1015", "desil": {}}}"#,
            1 + i % 10
        )
    };
    let rows = |from: u32, to: u32| -> String { (from..to).map(|i| row(i) + "\n").collect() };
    let values = [
        "3",
        "3.0",
        "-0",
        "1e1",
        "-7",
        "null",
        "true",
        "false",
        "[1,{\"b\":2,\"a\":1}]",
        "{\"z\":1,\"a\":[]}",
        "\"4\"",
    ];
    let mut mixed = String::new();
    for i in 0..400u32 {
        let line = match i % 9 {
            0 => format!(
                r#"{{"pekerjaan": "nelayan", "nik": "64090119019{i:05}", "kode_wilayah": "64.09.01.1015", "jenis_kelamin": "P", "tanggal_lahir": "1991-02-03", "nama": "Esc\"ape \u00e9\n{i}", "nik": "64090119018{i:05}"}}"#
            ),
            1 => row(i)
                .replace(&format!("{}}}", 1 + i % 10), &format!("{}}}", values[i as usize % values.len()])),
            2 => ["[1,2]", "\"text\"", "{\"a\":1} x", "{broken", "null", "{}", "  ", ""]
                [(i / 9) as usize % 8]
                .to_owned(),
            3 => row(i).replace("{\"nik\"", "{\"asn\": \"ya\", \"nik\""),
            _ => row(i),
        };
        mixed.push_str(&line);
        mixed.push_str(if i % 5 == 0 { "\r\n" } else { "\n" });
    }
    let mut latin = rows(0, 50).into_bytes();
    latin.extend_from_slice(b"{\"nik\": \"6409011901999999\", \"nama\": \"Jos\xe9\", \"tanggal_lahir\": \"1990-01-01\", \"jenis_kelamin\": \"L\", \"pekerjaan\": \"nelayan\", \"kode_wilayah\": \"64.09.01.1015\"}\n");
    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend_from_slice(rows(0, 30).replace('\n', "\r\n").trim_end().as_bytes());
    let late_key = rows(0, 3000)
        + &row(3000).replace("{\"nik\"", "{\"kolom_baru\": \"x\", \"nik\"")
        + "\n"
        + &rows(3001, 3010);
    let late_required = rows(0, 3000).replace("\"tanggal_lahir\": \"1990-01-01\", ", "") + &rows(3000, 3010);
    let long = format!(
        "{}\n{}{}",
        rows(0, 3000),
        row(3000).replace("Nama 3000", &"x".repeat(registry::MAX_ROW_BYTES)),
        "\n".to_owned() + &rows(3001, 3010)
    );
    let blank_run =
        rows(0, 10) + &" ".repeat(3 << 20) + "\n" + &"\t".repeat(1 << 20) + "\r\n" + &rows(10, 20);
    let blank_then_not = rows(0, 10) + &" ".repeat(3 << 20) + "x\n" + &rows(10, 20);
    // a header of the most columns a registry may have, then thousands of lines of no key:
    // more cells than a window's rows are made into at once
    let all_keys: String = (6..registry::MAX_COLUMNS).map(|k| format!(", \"k{k}\": \"\"")).collect();
    let wide_short =
        row(0).replace(", \"desil\": 1}", &format!("{all_keys}}}")) + "\n" + &"{}\n".repeat(4_500);
    let wide_keys: String = (0..=registry::MAX_COLUMNS).map(|k| format!(", \"k{k}\": 1")).collect();
    let wide =
        rows(0, 3000) + &row(3000).replace("{\"nik\"", &format!("{{\"k\": 0{wide_keys}, \"nik\"")) + "\n";
    vec![
        ("mixed", mixed.into_bytes()),
        ("latin", latin),
        ("bom", bom),
        ("late-key", late_key.into_bytes()),
        ("late-required", late_required.into_bytes()),
        ("long", long.into_bytes()),
        ("blank-run", blank_run.into_bytes()),
        ("blank-then-not", blank_then_not.into_bytes()),
        ("wide", wide.into_bytes()),
        ("wide-short", wide_short.into_bytes()),
        ("empty", Vec::new()),
        ("blank", b"\n  \r\n\n".to_vec()),
        ("no-object", b"[1]\n\"x\"\n{bad\n".to_vec()),
    ]
}

/// A JSON Lines file is read a window at a time, never whole: every shipped and hostile one
/// reads, in windows from a few lines to the whole file, exactly as its bytes read whole —
/// columns, rows, problems, refusals and hash.
#[test]
fn json_lines_read_in_windows_as_read_whole() {
    let catalog = catalog();
    let dir = tempfile::tempdir().expect("temp dir");
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for entry in std::fs::read_dir(root().join("tests/registries")).expect("registries") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "jsonl") {
            files.push(path);
        }
    }
    for (name, bytes) in hostile_json_lines() {
        let path = dir.path().join(format!("{name}.jsonl"));
        std::fs::write(&path, bytes).expect("written");
        files.push(path);
    }
    let mut refused = 0;
    for path in files {
        let label = path.display().to_string();
        let bytes = std::fs::read(&path).expect("readable");
        let whole = registry::read_bytes_in_pieces(&label, &bytes, true, &catalog, 1);
        let sha = whole.as_ref().ok().map(|r| r.sha256.clone());
        let whole = describe_registry(whole);
        refused += usize::from(whole.starts_with("refused"));
        for window in [64, 1000, 1 << 16, 8 << 20] {
            let read = registry::read_sheet_keeping(&path, None, &catalog, &[], None, window);
            assert_eq!(read.as_ref().ok().map(|r| r.sha256.clone()), sha, "{label}, windows of {window}");
            assert_eq!(describe_registry(read), whole, "{label}, windows of {window}");
        }
    }
    // (the empty ones, the line too long, the blank line that is not, the keys too many)
    assert_eq!(refused, 6, "the refusals are among them");
    // a text file has no sheets: said as such, for JSON Lines and CSV alike
    for name in ["keys-late-and-out-of-order.jsonl", "byte-order-marks.csv"] {
        let path = root().join("tests/registries").join(name);
        match registry::read_sheet_of(&path, Some("Sheet1"), &catalog, &[]) {
            Err(registry::RegistryError::NoSheet { sheet, sheets, .. }) => {
                assert_eq!((sheet.as_str(), sheets.len()), ("Sheet1", 0), "{name}");
            }
            other => panic!("{name}: {:?}", other.map(|r| r.rows.len())),
        }
    }
}
