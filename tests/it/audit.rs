//! The decision log: tamper evidence, replay, impact reports, explanations, redaction — and
//! the auditors' snapshot suite over `tests/audit/*/case.toml`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use jaring::audit::replay::{self, Changes};
use jaring::log::{self, verify};
use jaring::run::{self, output};
use proptest::prelude::*;

use super::cli::jaring;
use super::{host, root};

/// Runs `policies` over `registry` into a new folder `out`, through the library (as `jaring
/// run` does), with a fixed start time.
fn run_into(policies: &[PathBuf], registry: &Path, out: &Path) {
    let programs = run::load_programs(policies).expect("policies");
    let staging = jaring::run::staging::Staging::new(out, true, &[]).expect("staging");
    // (the rows kept in the staging folder while the run decides, as `jaring run` keeps them)
    let reg = run::read_registry_streamed(registry, None, &programs, super::host(), Some(staging.path()))
        .expect("registry");
    let mut outcome = run::decide(programs, reg, host(), &()).expect("decides");
    let options = output::LogOptions { registry_name: "registry.csv", started_at: "2026-11-23T00:00:00Z" };
    output::write_all(&mut outcome, staging.path(), Some(options)).expect("writes");
    staging.publish().expect("publishes");
}

fn seed(name: &str) -> PathBuf {
    root().join("policies").join(format!("{name}.policy"))
}

/// A small run of PPU over its sample registry, made once and copied for each test.
fn small_run() -> &'static Path {
    static RUN: OnceLock<tempfile::TempDir> = OnceLock::new();
    RUN.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        run_into(&[seed("ppu-2025")], &root().join("data/samples/ppu-2025.csv"), &dir.path().join("run"));
        dir
    })
    .path()
}

fn copy_run(to: &Path) -> PathBuf {
    copy_folder(&small_run().join("run"), &to.join("run"))
}

/// A copy of the run folder `from` at `to` (its files and `artifacts/`).
fn copy_folder(from: &Path, to: &Path) -> PathBuf {
    for sub in ["", "artifacts"] {
        std::fs::create_dir_all(to.join(sub)).expect("mkdir");
        for entry in std::fs::read_dir(from.join(sub)).expect("run folder") {
            let entry = entry.expect("entry");
            if entry.path().is_file() {
                std::fs::copy(entry.path(), to.join(sub).join(entry.file_name())).expect("copy");
            }
        }
    }
    to.to_path_buf()
}

#[test]
fn a_seed_run_verifies_and_replays_clean() {
    let run = small_run().join("run");
    let report = verify::verify(&run, None).expect("verifies");
    assert!(report.intact(), "{:?}", report.problems);
    assert_eq!(report.records, 1_500);
    let expected_head = report.chain_head.clone().expect("head");
    assert!(verify::verify(&run, Some(&expected_head)).expect("verifies").intact());
    assert!(!verify::verify(&run, Some(&"0".repeat(64))).expect("verifies").intact());
    let (impact, _) = replay::replay(&run, &Changes::default(), host()).expect("replays");
    assert!(impact.identical(), "{} divergences", impact.divergences());
    // through the CLI: exit codes
    assert_eq!(jaring(&["verify", &run.display().to_string()], &root()).status.code(), Some(0));
    assert_eq!(jaring(&["replay", &run.display().to_string()], &root()).status.code(), Some(0));
}

/// A policy pinning a plugin built against contract 0.1.0 still runs: the same decisions as
/// with the 0.2.0 build, a log naming the contract each plugin followed, and a folder that
/// verifies and replays (with the archived 0.1.0 plugin).
/// `replay` reads the log twice (rows to decide, then records to compare): a log whose
/// records' fields change between the two readings is refused, not compared half old, half
/// new; a changed decision alone is a divergence, as before. Its outcome holds only what a
/// decision reads, and writing outputs from it is refused, not attempted.
#[test]
fn a_log_changed_between_replay_s_two_readings_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = copy_run(dir.path());
    let path = run.join(log::LOG_FILE);
    let original = std::fs::read_to_string(&path).expect("log");
    // a record's field as written, changed (the 8th record's first field gets a letter more)
    let edited_input = |text: &str| -> String {
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        let at = lines[8].find("\"input\":[\"").expect("an input") + "\"input\":[\"".len();
        lines[8].insert(at, 'X');
        lines.join("\n") + "\n"
    };
    // the first line holding `from`, with `from` replaced by `to` there
    let edited = |text: &str, from: &str, to: &str| -> String {
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        let k = lines.iter().position(|l| l.contains(from)).unwrap_or_else(|| panic!("a line with {from}"));
        lines[k] = lines[k].replacen(from, to, 1);
        lines.join("\n") + "\n"
    };
    let mut decided = replay::decide_again(&run, &Changes::default(), host()).expect("decides again");
    assert!(decided.compare().expect("compares").identical());
    std::fs::write(&path, edited_input(&original)).expect("write");
    let refused = decided.compare().expect_err("a changed field is refused");
    assert!(
        refused.render(jaring::i18n::Lang::En).contains("changed while it was being replayed"),
        "{refused}"
    );
    assert!(refused.render(jaring::i18n::Lang::Id).contains("berubah selama replay"));
    // each of these is one record that differs:
    // - a record's decision changed, its fields as they were (one program: its decision is
    //   the record's outcome, schema 6);
    // - a record's line changed after its fields as written (a rejection's message gets a
    //   letter more);
    // - a record whose fields read the same but are not written as the writer writes them (a
    //   digit of the first field as `\u0036`)
    for (from, to) in [
        ("\"outcome\":\"enrolled\"", "\"outcome\":\"waiting\""),
        ("\"message\":\"", "\"message\":\"X"),
        ("\"input\":[\"6", "\"input\":[\"\\u0036"),
    ] {
        std::fs::write(&path, edited(&original, from, to)).expect("write");
        let impact = decided.compare().unwrap_or_else(|e| panic!("{from}: {e}"));
        assert_eq!(impact.divergences(), 1, "{from}");
    }
    // a log cut short, or grown, between the readings is refused too (its last line is the
    // trailer, kept)
    let lines: Vec<&str> = original.lines().collect();
    assert!(lines[lines.len() - 1].contains("\"kind\":\"trailer\""));
    let mut shorter = lines.clone();
    shorter.remove(lines.len() - 2);
    std::fs::write(&path, shorter.join("\n") + "\n").expect("write");
    assert!(decided.compare().is_err());
    let mut longer = lines.clone();
    longer.insert(lines.len() - 1, lines[lines.len() - 2]);
    std::fs::write(&path, longer.join("\n") + "\n").expect("write");
    assert!(decided.compare().is_err());
    // the outcome holds no text to write outputs from
    std::fs::write(&path, &original).expect("write");
    let mut outcome = decided.outcome;
    assert!(matches!(outcome.registry.text, jaring::registry::Text::Log { .. }));
    let out = dir.path().join("again");
    std::fs::create_dir(&out).expect("mkdir");
    let error = output::write_all(&mut outcome, &out, None).expect_err("no outputs from a log's rows");
    assert!(
        error.render(jaring::i18n::Lang::En).contains("read back from the decision log"),
        "{}",
        error.render(jaring::i18n::Lang::En)
    );
    assert_eq!(std::fs::read_dir(&out).expect("folder").count(), 0, "nothing written");
}

#[test]
fn a_policy_pinning_a_contract_0_1_0_plugin_decides_as_before_and_replays() {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["paser-2022", "ppu-2025", "kubu-raya-2025", "kaltara-2023-12"] {
        let text = std::fs::read_to_string(seed(name)).expect("policy");
        let programs = run::load_programs(&[seed(name)]).expect("policy");
        let spec = programs[0].plugin.as_ref().expect("a plugin");
        let old = root().join("tests/plugins/contract-0.1.0").join(spec.path.file_name().expect("file"));
        let old_sha = jaring::digest::sha256_hex(&std::fs::read(&old).expect("0.1.0 build"));
        let pinned = spec.sha256.clone().expect("pinned");
        let relative = text
            .lines()
            .find_map(|l| l.trim().strip_prefix("plugin \"").and_then(|r| r.split('"').next()))
            .expect("a plugin line");
        let edited = text.replace(relative, &old.display().to_string()).replace(&pinned, &old_sha);
        assert_ne!(edited, text);
        // with the same reference files beside it as the seed policies have
        for entry in std::fs::read_dir(root().join("policies")).expect("policies") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "toml")
                && !path.to_string_lossy().ends_with(".tests.toml")
            {
                std::fs::copy(&path, dir.path().join(path.file_name().expect("name"))).expect("copy");
            }
        }
        let policy = dir.path().join(format!("{name}.policy"));
        std::fs::write(&policy, &edited).expect("write");
        let registry = root().join(format!("data/samples/{name}.csv"));
        let (now, before) =
            (dir.path().join(format!("{name}-now")), dir.path().join(format!("{name}-0.1.0")));
        run_into(&[seed(name)], &registry, &now);
        run_into(std::slice::from_ref(&policy), &registry, &before);
        for file in ["enrollments.csv", "waiting_list.csv", "rejections.csv"] {
            let a = std::fs::read(now.join(file)).expect("read");
            let b = std::fs::read(before.join(file)).expect("read");
            assert!(a == b, "{name}: {file} differs between the 0.2.0 and 0.1.0 builds");
        }
        let contract = |run: &Path| -> Option<String> {
            let (_, header) = log::read_header(&run.join(log::LOG_FILE)).expect("header");
            header.programs[0].plugin.as_ref().and_then(|p| p.contract.clone())
        };
        assert_eq!(contract(&now).as_deref(), Some(jaring::plugin::CONTRACTS[1]), "{name}");
        assert_eq!(contract(&before).as_deref(), Some(jaring::plugin::CONTRACTS[0]), "{name}");
        let report = verify::verify(&before, None).expect("verifies");
        assert!(report.intact(), "{name}: {:?}", report.problems);
        let (impact, _) = replay::replay(&before, &Changes::default(), host()).expect("replays");
        assert!(impact.identical(), "{name}: {} divergences", impact.divergences());
    }
}

/// Every record reads back as it was written; and the line a run writes for it by hand
/// (`log::line`) is the one serde writes, whole and left short (`compact`), and reads back by
/// hand (`log::line::read`) as serde reads it, over the seed
/// programs' samples and a dirty synthetic registry of each (invalid rows, repeated NIKs,
/// quotes and odd spellings).
#[test]
fn every_record_reads_back_as_it_was_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["paser-2022", "ppu-2025", "kubu-raya-2025", "kaltara-2023-12"] {
        let programs = run::load_programs(&[seed(name)]).expect("policy");
        let dirty = dir.path().join(format!("{name}-dirty.csv"));
        let bytes = jaring::synth::registry(&programs[0], 3_000, 11, true, jaring::synth::SynthFormat::Csv)
            .expect("synthetic registry");
        std::fs::write(&dirty, bytes).expect("write");
        for path in [root().join(format!("data/samples/{name}.csv")), dirty] {
            let programs = run::load_programs(&[seed(name)]).expect("policy");
            let registry = run::read_registry(&path, &programs).expect("registry");
            let outcome = run::decide(programs, registry, host(), &()).expect("decides");
            let shared = log::compact::Shared::of(&jaring::run::record::header(&outcome, "r.csv"));
            let mut by_hand = Vec::new();
            for i in 0..outcome.registry.rows.len() {
                let mut written = jaring::run::record::record(&outcome, i);
                let line = serde_json::to_string(&written).expect("serializes");
                let read: log::Record<'_> = serde_json::from_str(&line).expect("reads back");
                assert_eq!(read, written, "{name} row {}", i + 1);
                for _ in 0..2 {
                    by_hand.clear();
                    log::line::write(&written, &mut by_hand);
                    let serde = serde_json::to_string(&written).expect("serializes");
                    assert_eq!(String::from_utf8_lossy(&by_hand), serde, "{name} row {}", i + 1);
                    // and read back by hand as serde reads it (a line with an escape by serde)
                    match log::line::read(&serde) {
                        Some(back) => assert_eq!(back, written, "{name} row {}", i + 1),
                        None => assert!(serde.contains('\\'), "{name} row {}: {serde}", i + 1),
                    }
                    shared.compact(&mut written);
                }
            }
        }
    }
}

#[test]
fn two_runs_write_the_same_records() {
    let dir = tempfile::tempdir().expect("temp dir");
    let registry = root().join("data/samples/kubu-raya-2025.csv");
    run_into(&[seed("kubu-raya-2025")], &registry, &dir.path().join("a"));
    run_into(&[seed("kubu-raya-2025")], &registry, &dir.path().join("b"));
    let a = std::fs::read_to_string(dir.path().join("a/decisions.jsonl")).expect("log");
    let b = std::fs::read_to_string(dir.path().join("b/decisions.jsonl")).expect("log");
    assert_eq!(a, b);
}

fn problems_after(edit: impl Fn(&mut Vec<u8>)) -> verify::Report {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = copy_run(dir.path());
    let path = run.join(log::LOG_FILE);
    let mut bytes = std::fs::read(&path).expect("log");
    edit(&mut bytes);
    std::fs::write(&path, bytes).expect("write");
    verify::verify(&run, None).expect("verify runs")
}

fn lines(bytes: &[u8]) -> Vec<Vec<u8>> {
    bytes.split(|b| *b == b'\n').filter(|l| !l.is_empty()).map(<[u8]>::to_vec).collect()
}

fn join(lines: &[Vec<u8>]) -> Vec<u8> {
    let mut out = lines.join(&b'\n');
    out.push(b'\n');
    out
}

#[test]
fn a_one_byte_edit_is_found_on_its_line() {
    // change the outcome of row 700 (line 701): an auditor sees exactly that line
    let report = problems_after(|bytes| {
        let mut ls = lines(bytes);
        let line = String::from_utf8(ls[700].clone()).expect("utf-8");
        let edited = line.replacen("\"row\":700", "\"row\":701", 1);
        assert_ne!(line, edited);
        ls[700] = edited.into_bytes();
        *bytes = join(&ls);
    });
    assert!(!report.intact());
    assert_eq!(report.first_bad_line(), Some(701), "{:?}", report.problems);
    // and through the CLI: exit 1, the line named
    let dir = tempfile::tempdir().expect("temp dir");
    let run = copy_run(dir.path());
    let path = run.join(log::LOG_FILE);
    let text = std::fs::read_to_string(&path).expect("log").replacen(
        "\"outcome\":\"rejected\"",
        "\"outcome\":\"enrolled\"",
        1,
    );
    std::fs::write(&path, text).expect("write");
    let out = jaring(&["verify", &run.display().to_string()], &root());
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("decisions.jsonl line"), "{stdout}");
}

#[test]
fn removed_reordered_and_repeated_records_are_found() {
    let removed = problems_after(|bytes| {
        let mut ls = lines(bytes);
        ls.remove(300);
        *bytes = join(&ls);
    });
    assert!(
        removed.problems.iter().any(|p| p.what.text(jaring::i18n::Lang::En).contains("row 300 is missing")),
        "{:?}",
        removed.problems
    );
    let swapped = problems_after(|bytes| {
        let mut ls = lines(bytes);
        ls.swap(100, 101);
        *bytes = join(&ls);
    });
    assert!(!swapped.intact());
    assert!(
        swapped.problems.iter().any(|p| p.what.text(jaring::i18n::Lang::En).contains("out of order")),
        "{:?}",
        swapped.problems
    );
    let repeated = problems_after(|bytes| {
        let mut ls = lines(bytes);
        let copy = ls[50].clone();
        ls.insert(51, copy);
        *bytes = join(&ls);
    });
    assert!(
        repeated
            .problems
            .iter()
            .any(|p| p.what.text(jaring::i18n::Lang::En).contains("again or out of order")),
        "{:?}",
        repeated.problems
    );
    let cut = problems_after(|bytes| {
        let mut ls = lines(bytes);
        ls.pop();
        *bytes = join(&ls);
    });
    assert!(
        cut.problems.iter().any(|p| p.what.text(jaring::i18n::Lang::En).contains("trailer is missing")),
        "{:?}",
        cut.problems
    );
}

#[test]
fn a_changed_artifact_or_csv_is_found() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = copy_run(dir.path());
    let artifact = std::fs::read_dir(run.join("artifacts"))
        .expect("artifacts")
        .next()
        .expect("one")
        .expect("entry")
        .path();
    let mut bytes = std::fs::read(&artifact).expect("artifact");
    bytes[10] ^= 1;
    std::fs::write(&artifact, bytes).expect("write");
    let csv = run.join("enrollments.csv");
    let text =
        std::fs::read_to_string(&csv).expect("csv").replacen("apbd-2025-lanjutan", "apbd-2025-baru", 1);
    std::fs::write(&csv, text).expect("write");
    let report = verify::verify(&run, None).expect("verify runs");
    assert!(report.problems.iter().any(|p| p.file.starts_with("artifacts/")), "{:?}", report.problems);
    assert!(
        report.problems.iter().any(|p| p.file == "enrollments.csv"
            && p.line == Some(2)
            && p.what.text(jaring::i18n::Lang::En).contains("funding_source")),
        "{:?}",
        report.problems
    );
}

#[test]
fn lines_added_to_or_removed_from_the_csvs_are_found() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = copy_run(dir.path());
    // a line of another shape appended at the end must still count as a line too many
    let rejections = run.join("rejections.csv");
    let mut text = std::fs::read_to_string(&rejections).expect("csv");
    text.push_str("9999,x\n");
    std::fs::write(&rejections, text).expect("write");
    // the last enrollment removed
    let enrollments = run.join("enrollments.csv");
    let text = std::fs::read_to_string(&enrollments).expect("csv");
    let mut lines: Vec<&str> = text.lines().collect();
    lines.pop();
    std::fs::write(&enrollments, lines.join("\n") + "\n").expect("write");
    let report = verify::verify(&run, None).expect("verify runs");
    let said = |file: &str, what: &str| {
        report.problems.iter().any(|p| p.file == file && p.what.text(jaring::i18n::Lang::En).contains(what))
    };
    assert!(said("rejections.csv", "1 line(s) more"), "{:?}", report.problems);
    assert!(said("enrollments.csv", "lacks 1 line(s)"), "{:?}", report.problems);
    assert!(report.first_bad_line().is_none(), "the log itself is intact: {:?}", report.problems);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Flipping any single byte of the log, anywhere, is detected.
    #[test]
    fn any_flipped_byte_of_the_log_is_detected(position in 0.0f64..1.0, flip in 1u8..=255) {
        let report = problems_after(|bytes| {
            let at = ((bytes.len() - 1) as f64 * position) as usize;
            bytes[at] ^= flip;
        });
        prop_assert!(!report.intact());
    }

    /// Flipping any byte of any artifact is detected.
    #[test]
    fn any_flipped_byte_of_an_artifact_is_detected(which in 0usize..4, position in 0.0f64..1.0, flip in 1u8..=255) {
        let dir = tempfile::tempdir().expect("temp dir");
        let run = copy_run(dir.path());
        let mut files: Vec<PathBuf> = std::fs::read_dir(run.join("artifacts")).expect("dir").map(|e| e.expect("entry").path()).collect();
        files.sort();
        let file = &files[which % files.len()];
        let mut bytes = std::fs::read(file).expect("read");
        let at = ((bytes.len() - 1) as f64 * position) as usize;
        bytes[at] ^= flip;
        std::fs::write(file, bytes).expect("write");
        prop_assert!(!verify::verify(&run, None).expect("verify runs").intact());
    }
}

/// A copy of a seed policy with `edit` applied, written into `dir`.
fn edited_policy(dir: &Path, name: &str, edit: impl Fn(&str) -> String) -> PathBuf {
    let text = std::fs::read_to_string(seed(name)).expect("seed");
    let edited = edit(&text);
    assert_ne!(edited, text);
    let path = dir.join(format!("{name}.policy"));
    std::fs::write(&path, edited).expect("write");
    path
}

#[test]
fn raising_paser_s_quota_enrolls_exactly_the_next_on_the_waiting_list() {
    let dir = tempfile::tempdir().expect("temp dir");
    let programs = run::load_programs(&[seed("paser-2022")]).expect("policy");
    let bytes = jaring::synth::registry(&programs[0], 56_000, 5, false, jaring::synth::SynthFormat::Csv)
        .expect("synthetic registry");
    let registry = dir.path().join("registry.csv");
    std::fs::write(&registry, bytes).expect("write");
    let run = dir.path().join("run");
    run_into(&[seed("paser-2022")], &registry, &run);
    // the next 732 places: quota 33.000 and the budget to pay them (33.000 × Rp50.400)
    let new = edited_policy(dir.path(), "paser-2022", |t| {
        t.replace("quota 32.268", "quota 33.000").replace("budget Rp1.626.307.200", "budget Rp1.663.200.000")
    });
    let changes = Changes { policies: vec![new], ..Changes::default() };
    let (impact, _) = replay::replay(&run, &changes, host()).expect("replays");
    assert_eq!(impact.gains.len(), 732);
    assert!(impact.losses.is_empty());
    // they are exactly ranks 1..=732 of the recorded waiting list
    let waiting = std::fs::read_to_string(run.join("waiting_list.csv")).expect("waiting list");
    let first: std::collections::BTreeSet<u32> = waiting
        .lines()
        .skip(1)
        .take(732)
        .map(|l| l.split(',').nth(2).expect("row").parse().expect("number"))
        .collect();
    let gained: std::collections::BTreeSet<u32> = impact.gains.iter().map(|c| c.row).collect();
    assert_eq!(gained, first);
    let money = impact.money.iter().find(|m| m.funding == "apbd-p-2022").expect("funding");
    assert_eq!((money.before, money.after), (1_626_307_200, 1_663_200_000));
    // the others move up the waiting list
    assert!(!impact.moves.is_empty());
    // through the CLI: exit 1 (divergent), JSON parses
    let out = jaring(
        &[
            "replay",
            &run.display().to_string(),
            "--policy",
            &changes.policies[0].display().to_string(),
            "--format",
            "json",
        ],
        &root(),
    );
    assert_eq!(out.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(value["gains"].as_array().map(Vec::len), Some(732));
}

#[test]
fn narrowing_ppu_s_age_window_drops_exactly_those_outside_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = copy_run(dir.path());
    let new = edited_policy(dir.path(), "ppu-2025", |t| t.replace("age 18 .. 65", "age 25 .. 60"));
    let changes = Changes { policies: vec![new], ..Changes::default() };
    let (impact, outcome) = replay::replay(&run, &changes, host()).expect("replays");
    assert!(impact.gains.is_empty());
    let on = jiff::civil::date(2025, 1, 1);
    let mut expected: Vec<u32> = Vec::new();
    let recorded = std::fs::read_to_string(run.join("enrollments.csv")).expect("csv");
    let enrolled: std::collections::BTreeSet<u32> = recorded
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().expect("row").parse().expect("number"))
        .collect();
    for (i, row) in outcome.registry.rows.all().expect("rows").iter().enumerate() {
        let Ok(p) = &row.read else { continue };
        let age = jaring::registry::values::age_on(p.birth_date(), on);
        let number = jaring::registry::number(i);
        if enrolled.contains(&number) && !(25..=60).contains(&age) {
            expected.push(number);
        }
    }
    let lost: Vec<u32> = impact.losses.iter().map(|c| c.row).collect();
    assert_eq!(lost, expected);
    assert!(!lost.is_empty());
}

#[test]
fn explain_names_the_rules_and_their_legal_basis() {
    let run = small_run().join("run");
    let log = std::fs::read_to_string(run.join(log::LOG_FILE)).expect("log");
    // an applicant rejected for age, and one enrolled
    let rejected =
        log.lines().find(|l| l.contains("\"reason\":\"age-outside-window\"")).expect("an age rejection");
    let enrolled = log.lines().find(|l| l.contains("\"outcome\":\"enrolled\"")).expect("an enrollment");
    let row = |l: &str| l.split("\"row\":").nth(1).and_then(|r| r.split(',').next()).expect("row").to_owned();
    let out = jaring(&["explain", &run.display().to_string(), "--row", &row(rejected)], &root());
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("✗ age"), "{text}");
    assert!(text.contains("Kebijakan Bupati Penajam Paser Utara"), "{text}");
    let nik = {
        let (_, header) = log::read_header(&run.join(log::LOG_FILE)).expect("header");
        let record = log::compact::Shared::of(&header).parse(enrolled).expect("a record");
        record.read_of(jaring::registry::Field::Nik).expect("read").to_owned()
    };
    let out = jaring(&["explain", &run.display().to_string(), &nik, "--lang", "id"], &root());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Hasil: ditetapkan sebagai peserta"), "{text}");
    assert!(text.contains("Ditetapkan sebagai peserta, iurannya dibayar dari apbd-2025"), "{text}");
    assert!(text.contains("Instruksi Presiden Nomor 2 Tahun 2021"), "{text}");
    let missing = jaring(&["explain", &run.display().to_string(), "9999999999999999"], &root());
    assert_eq!(missing.status.code(), Some(2));
}

/// Explain says which sub-quota and reserve a person falls in and how full each got, counted
/// from the log (issue 13).
#[test]
fn explain_shows_how_full_the_person_s_sub_quota_and_reserve_got() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string(seed("ppu-2025")).expect("seed");
    let text = text.replace(
        "    quota 15.000 cite kebijakan-ppu\n",
        "    quota 300 cite kebijakan-ppu\n    quota 200 for region 64.09.01 cite kebijakan-ppu\n    \
         reserve 40 for region 64.09.04 release unused cite kebijakan-ppu\n",
    );
    let policy = root().join("target").join(format!(
        "explain-groups-{}.policy",
        dir.path().file_name().and_then(|n| n.to_str()).unwrap_or("x")
    ));
    std::fs::write(&policy, text).expect("write");
    let run = dir.path().join("run");
    run_into(std::slice::from_ref(&policy), &root().join("data/samples/ppu-2025.csv"), &run);
    let _ = std::fs::remove_file(&policy);
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(run.join("summary.json")).expect("summary"))
            .expect("json");
    let reserve = &summary["programs"][0]["reserves"][0];
    let sub = &summary["programs"][0]["sub_quotas"][0];
    let log = std::fs::read_to_string(run.join(log::LOG_FILE)).expect("log");
    let (_, header) = log::read_header(&run.join(log::LOG_FILE)).expect("header");
    let shared = log::compact::Shared::of(&header);
    let nik_in = |area: &str| {
        log.lines()
            .skip(1)
            .filter_map(|l| shared.parse(l).ok())
            .filter(|r| r.programs.iter().any(|d| d.decision == "enrolled"))
            .find(|r| {
                r.read_of(jaring::registry::Field::Domicile)
                    .is_some_and(|d| d.starts_with(&format!("{area}.")))
            })
            .and_then(|r| r.read_of(jaring::registry::Field::Nik).map(str::to_owned))
            .expect("an enrolled person in the area")
    };
    let out = jaring(&["explain", &run.display().to_string(), &nik_in("64.09.04")], &root());
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let filled = format!("{} of 40 filled", reserve["filled"]);
    assert!(text.contains(&filled), "{filled}\n{text}\n{reserve}");
    assert!(!text.contains("sub-quota"), "{text}");
    let out = jaring(&["explain", &run.display().to_string(), &nik_in("64.09.01"), "--lang", "id"], &root());
    let text = String::from_utf8_lossy(&out.stdout);
    let enrolled = format!("{} dari 200", sub["enrolled"]);
    assert!(text.contains(&enrolled), "{enrolled}\n{text}\n{sub}");
    assert!(!text.contains("alokasi khusus"), "{text}");
}

#[test]
fn a_redacted_export_hides_identities_and_still_verifies() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = copy_run(dir.path());
    let out = dir.path().join("shared");
    let result = jaring(
        &["export", &run.display().to_string(), "--redact", "--out", &out.display().to_string()],
        &root(),
    );
    assert_eq!(result.status.code(), Some(0), "{}", String::from_utf8_lossy(&result.stderr));
    let original = std::fs::read_to_string(run.join("enrollments.csv")).expect("csv");
    let nik = original.lines().nth(1).and_then(|l| l.split(',').nth(1)).expect("a NIK").to_owned();
    let name = original.lines().nth(1).and_then(|l| l.split(',').nth(2)).expect("a name").to_owned();
    for file in ["decisions.jsonl", "enrollments.csv", "waiting_list.csv", "rejections.csv"] {
        let text = std::fs::read_to_string(out.join(file)).expect("file");
        assert!(!text.contains(&nik), "{file} still holds a NIK");
        assert!(!text.contains(&name), "{file} still holds a name");
    }
    assert!(verify::verify(&out, None).expect("verifies").intact());
    assert!(replay::replay(&out, &Changes::default(), host()).is_err(), "a redacted copy cannot be replayed");
    // the copy names the run it comes from, and exporting again gives it byte for byte
    let head = verify::verify(&run, None).expect("verifies").chain_head.expect("a head");
    let (_, header) = log::read_header(&out.join(log::LOG_FILE)).expect("header");
    assert_eq!(header.redacted.expect("marked as redacted").original_chain_head, head);
    let again = dir.path().join("again");
    let result = jaring(
        &["export", &run.display().to_string(), "--redact", "--out", &again.display().to_string()],
        &root(),
    );
    assert_eq!(result.status.code(), Some(0));
    for file in ["decisions.jsonl", "enrollments.csv", "waiting_list.csv", "rejections.csv", "summary.json"] {
        assert_eq!(std::fs::read(out.join(file)).ok(), std::fs::read(again.join(file)).ok(), "{file}");
    }
}

#[test]
fn a_tampered_run_is_not_exported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = copy_run(dir.path());
    let csv = run.join("enrollments.csv");
    let text = std::fs::read_to_string(&csv).expect("csv").replacen(",201600,", ",301600,", 1);
    std::fs::write(&csv, text).expect("write");
    let out = dir.path().join("shared");
    let result = jaring(
        &["export", &run.display().to_string(), "--redact", "--out", &out.display().to_string()],
        &root(),
    );
    assert_eq!(result.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&result.stderr).contains("does not verify"));
    assert!(!out.exists(), "nothing is written");
}

/// One line per row: who, and what happened to them in each program.
fn decisions_table(run: &Path) -> String {
    let text = std::fs::read_to_string(run.join(log::LOG_FILE)).expect("log");
    let mut lines = text.lines();
    let header: log::Header = serde_json::from_str(lines.next().expect("header")).expect("header");
    let nik_col = log::column_of(&header, jaring::registry::Field::Nik);
    let name_col = log::column_of(&header, jaring::registry::Field::Name);
    let shared = log::compact::Shared::of(&header);
    let mut out = String::new();
    for line in lines {
        let Ok(r) = shared.parse(line) else { continue };
        let nik = r
            .read_of(jaring::registry::Field::Nik)
            .map(Into::into)
            .or_else(|| nik_col.and_then(|c| r.input.get(c).cloned()))
            .unwrap_or_default();
        let name = name_col.and_then(|c| r.input.get(c).cloned()).unwrap_or_default();
        let mut what: Vec<String> = r
            .programs
            .iter()
            .map(|d| {
                let detail = match d.decision.as_str() {
                    "enrolled" => d.funding.as_deref().unwrap_or_default().to_owned(),
                    "waiting" => {
                        format!("#{} {}", d.rank.unwrap_or(0), d.reason.as_deref().unwrap_or_default())
                    }
                    _ => d.reason.as_deref().unwrap_or_default().to_owned(),
                };
                format!("{} {} {detail}", d.program, d.decision)
            })
            .collect();
        if let Some(i) = &r.invalid {
            what.push(format!("invalid {}: {}", i.field, i.reason));
        }
        if let Some(first) = r.duplicate_of {
            what.push(format!("duplicate of row {first}"));
        }
        out.push_str(&format!("{:>5} {} {:<24} {:<9} {}\n", r.row, nik, name, r.outcome, what.join(" | ")));
    }
    out
}

#[derive(serde::Deserialize)]
struct Case {
    /// Policies, relative to the case folder.
    #[serde(default)]
    policies: Vec<String>,
    /// The registry, relative to the case folder.
    registry: Option<String>,
    /// Or a recorded run folder, relative to the case folder.
    run: Option<String>,
}

#[test]
fn auditors_cases_replay_clean_and_keep_their_decisions() {
    insta::glob!("../audit", "*/case.toml", |path| {
        let case_dir = path.parent().expect("case folder");
        let case: Case = toml::from_str(&std::fs::read_to_string(path).expect("case")).expect("case.toml");
        let work = tempfile::tempdir().expect("temp dir");
        let run = match (&case.run, &case.registry) {
            (Some(recorded), _) => case_dir.join(recorded),
            (None, Some(registry)) => {
                let run = work.path().join("run");
                let policies: Vec<PathBuf> = case.policies.iter().map(|p| case_dir.join(p)).collect();
                run_into(&policies, &case_dir.join(registry), &run);
                run
            }
            (None, None) => panic!("{}: give `registry` (with `policies`) or `run`", path.display()),
        };
        let report = verify::verify(&run, None).expect("verifies");
        assert!(report.intact(), "{}: {:?}", path.display(), report.problems);
        let (impact, _) = replay::replay(&run, &Changes::default(), host()).expect("replays");
        assert!(impact.identical(), "{}: {} divergences", path.display(), impact.divergences());
        insta::assert_snapshot!(decisions_table(&run));
    });
}

/// A registry with personal data the office left in: family-card numbers, mothers' names,
/// and a remarks column repeating the row's NIK and name.
fn registry_with_personal_data(path: &Path) -> Vec<(String, String, String)> {
    let mut reader = csv::Reader::from_path(root().join("data/samples/ppu-2025.csv")).expect("sample");
    let header = reader.headers().expect("header").clone();
    let mut writer = csv::Writer::from_path(path).expect("registry");
    let mut columns: Vec<&str> = header.iter().collect();
    columns.extend(["No. KK", "nama_ibu_kandung", "keterangan"]);
    writer.write_record(&columns).expect("header");
    let mut people = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.expect("row");
        let (nik, name) = (record[0].to_owned(), record[1].to_owned());
        let kk = format!("64090{:011}", 10_000_000_000_u64 + i as u64);
        let mother = format!("Ibu Kandung Nomor {i}");
        let mut row: Vec<String> = record.iter().map(str::to_owned).collect();
        row.extend([kk, mother.clone(), format!("diusulkan: {} NIK {nik}", name.to_uppercase())]);
        writer.write_record(&row).expect("row");
        people.push((nik, name, mother));
    }
    writer.flush().expect("flush");
    people
}

#[test]
fn a_redacted_export_holds_no_full_nik_or_name_whatever_the_registry_held() {
    let dir = tempfile::tempdir().expect("temp dir");
    let registry = dir.path().join("registry.csv");
    let people = registry_with_personal_data(&registry);
    let run = dir.path().join("run");
    run_into(&[seed("ppu-2025")], &registry, &run);
    let out = dir.path().join("shared");
    let result = jaring(
        &["export", &run.display().to_string(), "--redact", "--out", &out.display().to_string()],
        &root(),
    );
    assert_eq!(result.status.code(), Some(0), "{}", String::from_utf8_lossy(&result.stderr));
    let original = std::fs::read_to_string(run.join(log::LOG_FILE)).expect("log");
    for file in ["decisions.jsonl", "enrollments.csv", "waiting_list.csv", "rejections.csv", "summary.json"] {
        let text = std::fs::read_to_string(out.join(file)).expect("file");
        let lower = text.to_lowercase();
        // 16 digits in a row that are not part of a hash (hex)
        let hex = |i: Option<&u8>| i.is_some_and(u8::is_ascii_hexdigit);
        let digits = jaring::registry::personal::long_digit_runs(&text).find(|r| {
            !hex(r.start.checked_sub(1).and_then(|i| text.as_bytes().get(i)))
                && !hex(text.as_bytes().get(r.end))
        });
        assert!(digits.is_none(), "{file} holds 16 digits in a row: {:?}", digits.map(|r| &text[r]));
        for (_, name, mother) in people.iter().filter(|(_, n, _)| n.trim().len() >= 3).step_by(15) {
            assert!(!lower.contains(&name.to_lowercase()), "{file} still holds the name {name}");
            assert!(!text.contains(mother.as_str()), "{file} still holds {mother}");
        }
    }
    // the original kept them: the check above could have failed
    assert!(original.contains(&people[0].0) && original.contains(&people[0].2));
    assert!(verify::verify(&out, None).expect("verifies").intact());
}

#[test]
fn explain_prints_what_a_forged_folder_holds_escaped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = copy_run(dir.path());
    let path = run.join(log::LOG_FILE);
    let text = std::fs::read_to_string(&path).expect("log");
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let (_, header) = log::read_header(&path).expect("header");
    let name_col = log::column_of(&header, jaring::registry::Field::Name).expect("a name column");
    let mut record: serde_json::Value = serde_json::from_str(&lines[1]).expect("a record");
    record["input"][name_col] = "Budi\u{1b}[2J\r\nHasil: didaftarkan\u{202e}".into();
    if let Some(warnings) = record.get_mut("warnings") {
        *warnings = serde_json::json!(["\u{1b}]0;judul\u{7}"]);
    }
    lines[1] = serde_json::to_string(&record).expect("json");
    std::fs::write(&path, lines.join("\n") + "\n").expect("write");
    let out = jaring(&["explain", &run.display().to_string(), "--row", "1", "--lang", "id"], &root());
    let shown = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(shown.contains("Budi\\u{1b}[2J\\r\\nHasil: didaftarkan\\u{202e}"), "{shown}");
    assert_eq!(shown.lines().filter(|l| l.starts_with("Hasil:")).count(), 1, "one outcome line:\n{shown}");
    assert!(!shown.chars().any(|c| c != '\n' && jaring::text::is_control(c)), "{shown:?}");
}

/// A small PPU run with a waiting list (its quota lowered to 300), made once and copied for
/// each test.
fn waiting_run() -> &'static Path {
    static RUN: OnceLock<tempfile::TempDir> = OnceLock::new();
    RUN.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let policy = edited_policy(dir.path(), "ppu-2025", |t| t.replace("quota 15.000", "quota 300"));
        run_into(&[policy], &root().join("data/samples/ppu-2025.csv"), &dir.path().join("run"));
        dir
    })
    .path()
}

/// A copy of [`waiting_run`]'s folder in `to`.
fn copy_waiting_run(to: &Path) -> PathBuf {
    copy_folder(&waiting_run().join("run"), &to.join("run"))
}

#[test]
fn every_column_of_every_csv_is_checked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pristine = copy_waiting_run(dir.path());
    assert!(verify::verify(&pristine, None).expect("verifies").intact());
    for (file, columns) in [
        ("enrollments.csv", &log::ENROLLMENT_COLUMNS[..]),
        ("waiting_list.csv", &log::WAITING_COLUMNS[..]),
        ("rejections.csv", &log::REJECTION_COLUMNS[..]),
    ] {
        for (c, column) in columns.iter().enumerate() {
            let copy = tempfile::tempdir().expect("temp dir");
            let run = copy_waiting_run(copy.path());
            let mut reader = csv::Reader::from_path(run.join(file)).expect("csv");
            let header = reader.headers().expect("header").clone();
            let mut rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
            assert!(!rows.is_empty(), "{file} has lines");
            // the second line's field, changed the way a forger would: a digit or a word more
            let line = rows.len().min(2) - 1;
            let mut fields: Vec<String> = rows[line].iter().map(str::to_owned).collect();
            fields[c] = if fields[c].chars().last().is_some_and(|ch| ch.is_ascii_digit()) {
                format!("{}1", fields[c])
            } else {
                format!("{} diubah", fields[c])
            };
            rows[line] = csv::StringRecord::from(fields);
            let mut writer = csv::Writer::from_path(run.join(file)).expect("write");
            writer.write_record(&header).expect("header");
            for r in &rows {
                writer.write_record(r).expect("row");
            }
            writer.flush().expect("flush");
            let report = verify::verify(&run, None).expect("verify runs");
            assert!(
                report.problems.iter().any(|p| p.file == file
                    && p.what.text(jaring::i18n::Lang::En).contains(&format!("{column} is"))),
                "{file} column {column}: {:?}",
                report.problems
            );
        }
    }
}

#[test]
fn a_forged_summary_is_found_and_not_exported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = copy_waiting_run(dir.path());
    let path = run.join("summary.json");
    let text = std::fs::read_to_string(&path).expect("summary");
    let mut value: serde_json::Value = serde_json::from_str(&text).expect("json");
    let used = value["programs"][0]["money_used"].as_u64().expect("money used");
    value["programs"][0]["money_used"] = (used + 16_800).into();
    value["programs"][0]["funding"][0]["quota"] = 9_999.into();
    std::fs::write(&path, serde_json::to_string_pretty(&value).expect("json") + "\n").expect("write");
    let report = verify::verify(&run, None).expect("verify runs");
    let said = |what: &str| {
        report
            .problems
            .iter()
            .any(|p| p.file == "summary.json" && p.what.text(jaring::i18n::Lang::En).contains(what))
    };
    assert!(said("programs[0].money_used"), "{:?}", report.problems);
    assert!(said("programs[0].funding[0].quota"), "{:?}", report.problems);
    let out = dir.path().join("shared");
    let result = jaring(
        &["export", &run.display().to_string(), "--redact", "--out", &out.display().to_string()],
        &root(),
    );
    assert_eq!(result.status.code(), Some(2), "a forged summary is not exported");
    for forged in ["{}", ""] {
        std::fs::write(&path, forged).expect("write");
        assert!(!verify::verify(&run, None).expect("verify runs").intact(), "summary `{forged}`");
    }
    // one of gigabytes is refused unread (a sparse file: no disk is used), by verify and by
    // the report, which reads it beside verify
    std::fs::File::create(&path).and_then(|f| f.set_len(40 << 30)).expect("a large summary");
    let report = verify::verify(&run, None).expect("verify runs");
    assert!(said_of(&report, "summary.json", "42.949.672.960 bytes"), "{:?}", report.problems);
    let page = dir.path().join("report.html");
    let result =
        jaring(&["report", &run.display().to_string(), "--out", &page.display().to_string()], &root());
    assert_eq!(result.status.code(), Some(2));
    assert!(!page.exists());
    std::fs::remove_file(&path).expect("remove");
    assert!(!verify::verify(&run, None).expect("verify runs").intact(), "no summary");
}

/// Whether `report` names a problem of `file` whose words hold `what` (in English).
fn said_of(report: &verify::Report, file: &str, what: &str) -> bool {
    report.problems.iter().any(|p| p.file == file && p.what.text(jaring::i18n::Lang::En).contains(what))
}

#[test]
fn the_start_time_is_covered_by_the_chain() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = copy_waiting_run(dir.path());
    let head = verify::verify(&run, None).expect("verifies").chain_head.expect("a head");
    let path = run.join(log::LOG_FILE);
    let text = std::fs::read_to_string(&path).expect("log");
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    lines[0] = lines[0].replace("2026-11-23T00:00:00Z", "2026-11-22T23:00:00Z");
    // the trailer's header hash made to match, as a careful forger would
    let new_header_sha = jaring::digest::sha256_hex(lines[0].as_bytes());
    let last = lines.len() - 1;
    let mut trailer: serde_json::Value = serde_json::from_str(&lines[last]).expect("trailer");
    trailer["header_sha256"] = new_header_sha.into();
    lines[last] = serde_json::to_string(&trailer).expect("json");
    std::fs::write(&path, lines.join("\n") + "\n").expect("write");
    let report = verify::verify(&run, Some(&head)).expect("verify runs");
    assert!(report.problems.iter().any(|p| p.line == Some(1)), "{:?}", report.problems);
}

#[test]
fn files_the_log_does_not_name_are_found() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = copy_waiting_run(dir.path());
    std::fs::write(run.join("lampiran.xlsx"), b"x").expect("write");
    std::fs::write(run.join("artifacts/extra.wasm"), b"x").expect("write");
    let report = verify::verify(&run, None).expect("verify runs");
    for name in ["lampiran.xlsx", "artifacts/extra.wasm"] {
        assert!(report.problems.iter().any(|p| p.file == name), "{name}: {:?}", report.problems);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Flipping any byte of any file of a run folder is detected.
    #[test]
    fn any_flipped_byte_of_any_file_is_detected(which in 0usize..16, position in 0.0f64..1.0, flip in 1u8..=255) {
        let dir = tempfile::tempdir().expect("temp dir");
        let run = copy_waiting_run(dir.path());
        let mut files: Vec<PathBuf> = Vec::new();
        for sub in ["", "artifacts"] {
            for e in std::fs::read_dir(run.join(sub)).expect("dir") {
                let p = e.expect("entry").path();
                if p.is_file() {
                    files.push(p);
                }
            }
        }
        files.sort();
        let file = &files[which % files.len()];
        let mut bytes = std::fs::read(file).expect("read");
        let at = ((bytes.len() - 1) as f64 * position) as usize;
        bytes[at] ^= flip;
        std::fs::write(file, bytes).expect("write");
        prop_assert!(!verify::verify(&run, None).expect("verify runs").intact(), "{}", file.display());
    }
}

/// `verify` reads the log once and keeps nothing per record: a changed or shortened
/// `leaves` file, and two waiting-list lines swapped, are still found, each where it is.
#[test]
fn a_changed_leaves_file_or_waiting_order_is_found_while_streaming() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = copy_run(dir.path());
    let problems = |run: &Path| -> Vec<(String, String)> {
        verify::verify(run, None)
            .expect("verifies")
            .problems
            .iter()
            .map(|p| (p.file.clone(), p.text(jaring::i18n::Lang::En)))
            .collect()
    };
    assert!(problems(&run).is_empty(), "the copy is intact");
    let leaves = run.join(log::LEAVES);
    let original = std::fs::read(&leaves).expect("leaves");
    assert!(original.len() >= 32 * 5, "several records");

    // one byte of the third leaf
    let mut changed = original.clone();
    changed[2 * 32 + 7] ^= 1;
    std::fs::write(&leaves, &changed).expect("write");
    let found = problems(&run);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, log::LEAVES);
    assert!(found[0].1.contains('3'), "names the third record: {}", found[0].1);

    // the last leaf missing
    std::fs::write(&leaves, &original[..original.len() - 32]).expect("write");
    let found = problems(&run);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, log::LEAVES);
    std::fs::write(&leaves, &original).expect("write");
    assert!(problems(&run).is_empty());

    // the file gone (schema 6: nothing else could name a changed line)
    std::fs::remove_file(&leaves).expect("remove");
    let found = problems(&run);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, log::LEAVES);
    assert!(found[0].1.contains("missing"), "{}", found[0].1);
    std::fs::write(&leaves, &original).expect("write");

    // a changed record: its own line is named (the records no longer make the trailer's root)
    let path = run.join(log::LOG_FILE);
    let text = std::fs::read_to_string(&path).expect("log");
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let at = lines[4].find("\"salt\":\"").expect("a salt") + "\"salt\":\"".len();
    let flipped = if &lines[4][at..=at] == "0" { "1" } else { "0" };
    lines[4].replace_range(at..=at, flipped);
    std::fs::write(&path, lines.join("\n") + "\n").expect("write");
    let found = problems(&run);
    assert!(
        found.iter().any(|p| p.1.starts_with("decisions.jsonl line 5: this line is not the one")),
        "{found:?}"
    );
    std::fs::write(&path, text).expect("write");
    assert!(problems(&run).is_empty());

    // two waiting-list lines swapped (the log gives them in rank order), in a run with a
    // quota small enough to leave people waiting
    let policy = edited_policy(dir.path(), "paser-2022", |t| t.replace("quota 32.268", "quota 100"));
    let run = dir.path().join("small-quota");
    run_into(&[policy], &root().join("data/samples/paser-2022.csv"), &run);
    assert!(problems(&run).is_empty(), "the run is intact");
    let waiting = run.join("waiting_list.csv");
    let text = std::fs::read_to_string(&waiting).expect("waiting list");
    let mut lines: Vec<&str> = text.lines().collect();
    if lines.len() >= 3 {
        lines.swap(1, 2);
        std::fs::write(&waiting, lines.join("\n") + "\n").expect("write");
        let found = problems(&run);
        assert!(!found.is_empty() && found.iter().all(|p| p.0 == "waiting_list.csv"), "{found:?}");
    } else {
        panic!("the test run must leave people waiting");
    }
}

/// A decision the header does not account for — of a program it does not list, or of none
/// in a log of two programs (schema 6 leaves a program out only when there is one) — is no
/// change for `replay` to report: it is refused, naming the line, in the user's language,
/// and pointing at `verify`.
#[test]
fn replay_refuses_a_decision_of_a_program_the_header_does_not_list() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = root().join("tests/audit/province-and-regency");
    let run = dir.path().join("run");
    run_into(&[case.join("province.policy"), case.join("regency.policy")], &case.join("registry.csv"), &run);
    let log = std::fs::read_to_string(run.join("decisions.jsonl")).expect("log");
    let lines: Vec<&str> = log.lines().collect();
    let named = lines.iter().position(|l| l.contains("{\"program\":\"ppu-mini-2025\",")).expect("a decision");
    assert!(jaring(&["replay", &run.display().to_string()], &root()).status.success());
    for (forged, said_en, said_id) in [
        ("{", "names no program, in a log of several programs", "tidak menyebut program"),
        (
            "{\"program\":\"dki-2025\",",
            "the program `dki-2025`, which its header does not list",
            "program `dki-2025`",
        ),
    ] {
        let mut changed = lines.clone();
        let line = lines[named].replacen("{\"program\":\"ppu-mini-2025\",", forged, 1);
        changed[named] = &line;
        std::fs::write(run.join("decisions.jsonl"), changed.join("\n") + "\n").expect("forged");
        let out = jaring(&["replay", &run.display().to_string()], &root());
        assert!(!out.status.success(), "{forged}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&format!("line {} of the log", named + 1)) && err.contains(said_en), "{err}");
        assert!(err.contains("jaring verify"), "{err}");
        let out = jaring(&["--lang", "id", "replay", &run.display().to_string()], &root());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&format!("baris {} log", named + 1)) && err.contains(said_id), "{err}");
    }
}
