//! jaring in Bahasa Indonesia, end to end: a run with two programs (a province yielding to a
//! regency, a plugin, a waiting list, invalid rows), then every auditor's command on its
//! folder, every `--help` and a few mistakes — all read for English left in them. And the
//! language changes only words: the decisions, codes and columns are those of the same run
//! in English.

use std::path::{Path, PathBuf};
use std::process::Output;

use jaring::i18n::english_words;

use super::cli::jaring;
use super::root;

fn case() -> PathBuf {
    root().join("tests/audit/province-and-regency")
}

fn run(lang: &str, out: &Path) -> Output {
    let case = case();
    let (province, regency, registry) =
        (case.join("province.policy"), case.join("regency.policy"), case.join("registry.csv"));
    jaring(
        &[
            "run",
            &province.display().to_string(),
            &regency.display().to_string(),
            "--registry",
            &registry.display().to_string(),
            "--out",
            &out.display().to_string(),
            "--lang",
            lang,
        ],
        &root(),
    )
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Fails with the lines of `said` that hold English words.
fn no_english(what: &str, said: &str) {
    assert!(!said.contains('⟦'), "{what}: a message id is missing:\n{said}");
    let lines: Vec<String> = said
        .lines()
        .filter(|l| !english_words(l).is_empty())
        .map(|l| format!("{:?} in {l}", english_words(l)))
        .collect();
    assert!(lines.is_empty(), "{what} has English:\n{}\n--- all of it:\n{said}", lines.join("\n"));
}

/// The values of `column` in a CSV file.
fn column(file: &Path, column: &str) -> Vec<String> {
    let mut reader = csv::Reader::from_path(file).expect("csv");
    let at = reader.headers().expect("header").iter().position(|h| h == column).expect("column");
    reader.records().map(|r| r.expect("record")[at].to_owned()).collect()
}

/// A CSV's lines with `column` blanked: what must not depend on the language.
fn without(file: &Path, column: &str) -> Vec<Vec<String>> {
    let mut reader = csv::Reader::from_path(file).expect("csv");
    let at = reader.headers().expect("header").iter().position(|h| h == column).expect("column");
    let mut lines = vec![reader.headers().expect("header").iter().map(str::to_owned).collect()];
    for r in reader.records() {
        let mut fields: Vec<String> = r.expect("record").iter().map(str::to_owned).collect();
        fields[at].clear();
        lines.push(fields);
    }
    lines
}

#[test]
fn a_run_and_every_command_on_it_speak_indonesian() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("hasil");
    let ran = run("id", &out);
    assert_eq!(ran.status.code(), Some(0), "{}", text(&ran.stderr));
    let summary = text(&ran.stdout);
    assert!(summary.contains(" peserta + ") && summary.contains("kepala rantai"), "{summary}");
    no_english("the run's summary", &summary);

    // the texts of the CSVs: every reason a person reads
    let mut reasons = column(&out.join("rejections.csv"), "reason_text");
    reasons.extend(column(&out.join("waiting_list.csv"), "reason_text"));
    let codes = column(&out.join("rejections.csv"), "reason");
    assert!(codes.iter().any(|c| c == "invalid-value"), "the case has invalid rows");
    assert!(!column(&out.join("waiting_list.csv"), "reason").is_empty(), "the case has a waiting list");
    let mut distinct = reasons.clone();
    distinct.sort();
    distinct.dedup();
    for reason in &distinct {
        no_english("a reason_text", reason);
    }
    let log = std::fs::read_to_string(out.join("decisions.jsonl")).expect("log");
    assert!(
        log.lines().next().is_some_and(|h| h.contains("\"lang\":\"id\"")),
        "the header records the language"
    );
    // and the texts of the log (some decisions, like a rejection because another program
    // pays, are only there when the row is enrolled elsewhere)
    let mut texts: Vec<String> = Vec::new();
    let mut covered_row = None;
    for line in log.lines().skip(1) {
        let record: serde_json::Value = serde_json::from_str(line).expect("json");
        for d in record["programs"].as_array().into_iter().flatten() {
            texts.extend(d["message"].as_str().map(str::to_owned));
            if d["reason"] == "covered-by-other-program" {
                covered_row = record["row"].as_u64();
            }
        }
        texts.extend(record["invalid"]["reason"].as_str().map(str::to_owned));
    }
    texts.sort();
    texts.dedup();
    assert!(texts.len() > 20, "{texts:?}");
    for t in &texts {
        no_english("a text of the log", t);
    }

    let folder = out.display().to_string();
    let verified = jaring(&["verify", &folder, "--lang", "id"], &root());
    assert_eq!(verified.status.code(), Some(0), "{}", text(&verified.stdout));
    assert!(text(&verified.stdout).starts_with("utuh"), "{}", text(&verified.stdout));
    no_english("verify", &text(&verified.stdout));

    let replayed = jaring(&["replay", &folder, "--lang", "id"], &root());
    assert_eq!(replayed.status.code(), Some(0), "{}{}", text(&replayed.stdout), text(&replayed.stderr));
    no_english("replay", &text(&replayed.stdout));

    // a change and its impact report
    let raised = dir.path().join("regency.policy");
    let policy = std::fs::read_to_string(case().join("regency.policy")).expect("policy");
    std::fs::write(&raised, policy.replace("quota 300 cite", "quota 290 cite")).expect("write");
    let impact =
        jaring(&["replay", &folder, "--policy", &raised.display().to_string(), "--lang", "id"], &root());
    assert_eq!(impact.status.code(), Some(1), "{}{}", text(&impact.stdout), text(&impact.stderr));
    assert!(text(&impact.stdout).contains("tidak lagi menjadi peserta"), "{}", text(&impact.stdout));
    no_english("the impact report", &text(&impact.stdout));

    // one explanation of each kind of decision
    let outcomes = column(&out.join("rejections.csv"), "outcome");
    let rows = column(&out.join("rejections.csv"), "row");
    let mut asked: Vec<String> = Vec::new();
    for kind in ["invalid", "rejected"] {
        asked.extend(outcomes.iter().zip(&rows).find(|(o, _)| *o == kind).map(|(_, r)| r.clone()));
    }
    asked.extend(column(&out.join("waiting_list.csv"), "row").into_iter().take(1));
    asked.extend(column(&out.join("enrollments.csv"), "row").into_iter().take(1));
    asked.push(covered_row.expect("a rejection because another program pays").to_string());
    for row in &asked {
        let explained = jaring(&["explain", &folder, "--row", row, "--lang", "id"], &root());
        assert_eq!(explained.status.code(), Some(0), "{}", text(&explained.stderr));
        no_english(&format!("explain --row {row}"), &text(&explained.stdout));
    }

    let copy = dir.path().join("salinan");
    let exported = jaring(
        &["export", &folder, "--redact", "--out", &copy.display().to_string(), "--lang", "id"],
        &root(),
    );
    assert_eq!(exported.status.code(), Some(0), "{}", text(&exported.stderr));
    no_english("export", &text(&exported.stdout));

    // the same run in English decides the same, in the same columns and codes
    let english = dir.path().join("english");
    assert_eq!(run("en", &english).status.code(), Some(0));
    let same = |file: &str| {
        std::fs::read(out.join(file)).expect("file") == std::fs::read(english.join(file)).expect("file")
    };
    assert!(same("enrollments.csv"));
    for file in ["rejections.csv", "waiting_list.csv"] {
        assert_eq!(
            without(&out.join(file), "reason_text"),
            without(&english.join(file), "reason_text"),
            "{file}"
        );
    }
    assert_ne!(
        column(&out.join("rejections.csv"), "reason_text"),
        column(&english.join("rejections.csv"), "reason_text")
    );
}

#[test]
fn every_help_and_mistake_is_indonesian() {
    let mut commands: Vec<Vec<&str>> = vec![vec![]];
    for c in ["check", "fmt", "plugin", "run", "verify", "replay", "explain", "export", "synth"] {
        commands.push(vec![c]);
    }
    commands.push(vec!["plugin", "build"]);
    commands.push(vec!["plugin", "inspect"]);
    for command in commands {
        let mut args = command.clone();
        args.extend(["--help", "--lang", "id"]);
        let out = jaring(&args, &root());
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", text(&out.stderr));
        let help = text(&out.stdout);
        assert!(help.contains("Cara pakai:"), "{args:?}: {help}");
        no_english(&format!("{args:?}"), &help);
    }
    // the language also comes from the environment
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jaring"))
        .args(["verify", "--help"])
        .env("LANG", "id_ID.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("JARING_LANG")
        .output()
        .expect("runs");
    assert!(text(&out.stdout).contains("Cara pakai:"), "{}", text(&out.stdout));

    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("tidak-ada");
    let mistakes: Vec<Vec<String>> = vec![
        vec!["runn".into()],
        vec!["run".into(), "--registri".into(), "x".into()],
        vec!["check".into(), "--format".into(), "xml".into()],
        vec!["explain".into(), missing.display().to_string()],
        vec!["verify".into(), missing.display().to_string()],
        vec!["check".into(), missing.display().to_string()],
        vec![
            "run".into(),
            root().join("policies/paser-2022.policy").display().to_string(),
            "--registry".into(),
            missing.display().to_string(),
            "--out".into(),
            dir.path().join("out").display().to_string(),
        ],
        vec!["export".into(), missing.display().to_string(), "--out".into(), "y".into()],
    ];
    for mistake in mistakes {
        let mut args: Vec<&str> = mistake.iter().map(String::as_str).collect();
        args.extend(["--lang", "id"]);
        let out = jaring(&args, dir.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out.stderr));
        let said = text(&out.stderr);
        assert!(said.starts_with("kesalahan: "), "{args:?}: {said}");
        no_english(&format!("{args:?}"), &said);
    }
}
