//! The checker, on the corpus of mistakes legal staff make (`tests/policies/broken`) and
//! on policies that are legal but suspicious (`tests/policies/suspicious`). Each snapshot
//! holds the policy and exactly what its author is shown.

use std::path::Path;

use jaring::diag::{Severity, render_human};
use jaring::i18n::Lang;
use jaring::policy::Workspace;

use super::{file_name, root, seed_policies};

/// Checks one file as `jaring check --lang <lang>` would; returns (policy + rendered
/// diagnostics, errors, warnings).
fn check(path: &Path, lang: Lang) -> (String, usize, usize) {
    let text = std::fs::read_to_string(path).expect("readable test policy");
    let mut ws = Workspace::new();
    ws.check_text(&file_name(path), path.parent().expect("in a folder"), text.clone());
    let errors = ws.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = ws.diagnostics.len() - errors;
    let rendered = render_human(&ws.sources, &ws.diagnostics, false, lang);
    assert!(!rendered.contains('⟦'), "a message id is missing:\n{rendered}");
    let command = match lang {
        Lang::En => "jaring check",
        Lang::Id => "jaring check --lang id",
    };
    (format!("{text}\n--- what `{command}` says ---\n{rendered}"), errors, warnings)
}

#[test]
fn every_broken_policy_is_refused_with_its_reason() {
    let mut count = 0;
    insta::glob!("../policies/broken", "*.policy", |path| {
        count += 1;
        let (snapshot, errors, _) = check(path, Lang::En);
        assert!(errors > 0, "{} should have errors:\n{snapshot}", path.display());
        insta::assert_snapshot!(snapshot);
    });
    assert!(count >= 30, "the corpus holds at least 30 mistakes, found {count}");
}

/// The same corpus as legal staff read it in Bahasa Indonesia: every message, label and
/// help in Indonesian (the snapshots are what they see; `i18n.rs` tests catch English left
/// in the Indonesian file).
#[test]
fn every_broken_policy_is_explained_in_indonesian() {
    insta::glob!("../policies/broken", "*.policy", |path| {
        let (snapshot, errors, _) = check(path, Lang::Id);
        assert!(errors > 0, "{} should have errors:\n{snapshot}", path.display());
        let said = snapshot.split("--- what").nth(1).unwrap_or_default();
        assert!(said.contains("kesalahan"), "{}: {said}", path.display());
        insta::assert_snapshot!(snapshot);
    });
}

#[test]
fn suspicious_policies_pass_with_warnings() {
    insta::glob!("../policies/suspicious", "*.policy", |path| {
        let (snapshot, errors, warnings) = check(path, Lang::En);
        assert_eq!(errors, 0, "{}:\n{snapshot}", path.display());
        assert!(warnings > 0, "{} should have warnings", path.display());
        insta::assert_snapshot!(snapshot);
    });
}

#[test]
fn suspicious_policies_warn_in_indonesian() {
    insta::glob!("../policies/suspicious", "*.policy", |path| {
        let (snapshot, errors, warnings) = check(path, Lang::Id);
        assert_eq!(errors, 0, "{}:\n{snapshot}", path.display());
        assert!(warnings > 0, "{} should have warnings", path.display());
        insta::assert_snapshot!(snapshot);
    });
}

#[test]
fn seed_policies_check_clean_and_pay_their_quota() {
    let mut ws = Workspace::new();
    let mut programs = Vec::new();
    for path in seed_policies() {
        let program = ws.check_file(&path).expect("readable");
        programs.push(program.unwrap_or_else(|| panic!("{} has errors", path.display())));
    }
    // notes (occupations the lists leave out on purpose) are not problems
    let problems: Vec<_> = ws.diagnostics.iter().filter(|d| d.severity != Severity::Note).cloned().collect();
    assert!(problems.is_empty(), "{}", render_human(&ws.sources, &problems, false, Lang::En));
    let figures: Vec<(String, Option<u32>, u64, usize, u64)> = programs
        .iter()
        .map(|p| {
            (
                p.id.clone(),
                p.quota.as_ref().map(|q| q.count),
                p.premium_per_worker.0,
                p.months.len(),
                p.total_budget().0,
            )
        })
        .collect();
    assert_eq!(
        figures,
        [
            ("kaltara-2023-12".to_owned(), Some(7_000), 33_600, 2, 235_200_000),
            ("kubu-raya-2025".to_owned(), None, 201_600, 12, 2_217_600_000),
            ("paser-2022".to_owned(), Some(32_268), 50_400, 3, 1_626_307_200),
            ("ppu-2025".to_owned(), Some(15_000), 201_600, 12, 3_024_000_000),
        ]
    );
    // every seed quota costs exactly its budget
    for p in &programs {
        if let Some(q) = &p.quota {
            assert_eq!(u64::from(q.count) * p.premium_per_worker.0, p.total_budget().0, "{}", p.id);
        }
    }
}

#[test]
fn a_reference_file_with_errors_is_reported_in_that_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let seed = std::fs::read_to_string(root().join("policies/paser-2022.policy")).expect("seed");
    std::fs::write(dir.path().join("rates.toml"), "[declared_wage]\nminimum = 1\n").expect("write");
    std::fs::write(dir.path().join("p.policy"), seed).expect("write");
    let mut ws = Workspace::new();
    let program = ws.check_file(&dir.path().join("p.policy")).expect("readable");
    assert!(program.is_none());
    let rendered = render_human(&ws.sources, &ws.diagnostics, false, Lang::En);
    assert!(rendered.contains("rates.toml") && rendered.contains("source"), "{rendered}");
}

/// Texts built to make a parser backtrack or a checker repeat itself: each must be read in
/// one pass (the parser's call limit, `syntax::PARSER_CALL_LIMIT`, would otherwise turn it
/// into a `too-complex` error) and report a bounded number of problems.
#[test]
fn tangled_policies_are_read_in_one_pass_with_bounded_reports() {
    let unterminated: String =
        "program x {\n".to_owned() + &"  title \"judul {\n".repeat(400) + "  occupations { nelayan \"a";
    let motif = ["benefits", "plugin", "{", "age", "for", "\"t", "#", "}"];
    let one_line: String = motif.iter().cycle().take(30_000).copied().collect::<Vec<_>>().join(" ");
    let cases = [
        ("unterminated strings and braces", unterminated),
        ("16.000 unclosed blocks", "program x {\n".to_owned() + &"{\n".repeat(16_000)),
        ("100.000 stray closers", "program x {\n".to_owned() + &"}\n".repeat(100_000)),
        ("one 150 KB line", one_line),
        ("a comment swallowing the closers", "program x {\n  funding a {\n    # tidak ditutup".to_owned()),
    ];
    for (what, text) in cases {
        let mut ws = Workspace::new();
        ws.check_text("tangled.policy", Path::new("."), text);
        let codes: Vec<&str> = ws.diagnostics.iter().map(|d| d.code).collect();
        assert!(!codes.contains(&"too-complex"), "{what}: the parser went past its call limit");
        assert!(!codes.is_empty(), "{what}: problems are reported");
        assert!(codes.len() <= jaring::policy::MAX_DIAGNOSTICS + 1, "{what}: {} diagnostics", codes.len());
        let shown = render_human(&ws.sources, &ws.diagnostics, false, Lang::En);
        assert!(shown.len() < 200_000, "{what}: {} bytes of report", shown.len());
    }
}
