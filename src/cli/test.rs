//! `jaring test`: the cases written beside each policy, decided and compared.

use std::path::PathBuf;

use super::{Exit, Format, said, walk_for};
use crate::cases::{self, Expect, Got, Outcome};
use crate::i18n::{Lang, Msg, plural};
use crate::msg;
use crate::plugin::PluginHost;

/// The test files `paths` name: `*.tests.toml` as given, a policy's own test file, every
/// test file under a folder.
fn test_files(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let before = files.len();
            walk_for(path, ".tests.toml", &mut files)
                .map_err(|e| said(msg!("cli-unreadable-folder", folder = path.display(), error => &e)))?;
            if files.len() == before {
                return Err(said(msg!("test-none-in", folder = path.display())));
            }
        } else if path.to_string_lossy().ends_with(".tests.toml") {
            files.push(path.clone());
        } else if path.extension().is_some_and(|e| e == "policy") {
            let tests = cases::tests_of(path);
            if !tests.is_file() {
                return Err(said(msg!("test-no-file", policy = path.display(), tests = tests.display())));
            }
            files.push(tests);
        } else {
            return Err(said(msg!("cli-no-such-path", path = path.display())));
        }
    }
    Ok(files)
}

pub fn run(paths: &[PathBuf], coverage: bool, format: Format, lang: Lang) -> anyhow::Result<Exit> {
    let files = test_files(paths)?;
    let host = PluginHost::new()?;
    let mut outcomes = Vec::new();
    for file in &files {
        outcomes.push(cases::run_file(file, &host, lang)?);
    }
    let failed: usize = outcomes.iter().map(Outcome::failed).sum();
    match format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&json(&outcomes, lang))?),
        Format::Human => print!("{}", human(&outcomes, coverage, lang)),
    }
    Ok(if failed > 0 { Exit::Problems } else { Exit::Ok })
}

fn expected(expect: &Expect) -> Msg {
    match expect {
        Expect::Eligible => msg!("test-eligible"),
        Expect::Rejected(None) => msg!("test-rejected"),
        Expect::Rejected(Some(code)) => msg!("test-rejected-for", code = code),
        Expect::Invalid => msg!("test-invalid"),
    }
}

fn got(got: &Got) -> Msg {
    match got {
        Got::Eligible => msg!("test-eligible"),
        Got::Rejected { code, text } => msg!("test-got-rejected", code = code, text = text),
        Got::Invalid { field, text } => msg!("test-got-invalid", field = field, text = text),
    }
}

fn human(outcomes: &[Outcome], coverage: bool, lang: Lang) -> String {
    let mut out = String::new();
    let mut line = |indent: usize, m: Msg| out.push_str(&format!("{:indent$}{}\n", "", m.text(lang)));
    let (mut total, mut failed) = (0, 0);
    for o in outcomes {
        line(0, msg!("test-file", tests = o.tests.display(), program = &o.program));
        for c in &o.checked {
            total += 1;
            let name = crate::text::escape(&c.case.name).into_owned();
            if c.passed {
                line(2, msg!("test-passed", name = name));
            } else {
                failed += 1;
                line(
                    2,
                    msg!("test-failed", name = name, expected => expected(&c.case.expect), got => got(&c.got)),
                );
            }
        }
        if coverage {
            line(2, msg!("test-coverage"));
            for r in &o.coverage {
                let mark = if r.passed_by.is_empty() || r.failed_by.is_empty() { "✗" } else { "✓" };
                line(
                    4,
                    msg!("test-rule", mark = mark, rule => r.rule.clone(), passed = r.passed_by.len(), failed = r.failed_by.len()),
                );
            }
        }
        line(0, Msg::new("verbatim").arg("text", ""));
    }
    let summary = if failed == 0 {
        msg!(
            "test-all-passed",
            total = total,
            total_plural = plural(total as u64),
            files = outcomes.len(),
            files_plural = plural(outcomes.len() as u64)
        )
    } else {
        msg!(
            "test-some-failed",
            total = total,
            total_plural = plural(total as u64),
            failed = failed,
            files = outcomes.len(),
            files_plural = plural(outcomes.len() as u64)
        )
    };
    line(0, summary);
    out
}

fn json(outcomes: &[Outcome], lang: Lang) -> serde_json::Value {
    let files: Vec<serde_json::Value> = outcomes
        .iter()
        .map(|o| {
            serde_json::json!({
                "tests": o.tests.display().to_string(),
                "policy": o.policy.display().to_string(),
                "program": o.program,
                "cases": o.checked.iter().map(|c| serde_json::json!({
                    "name": c.case.name,
                    "passed": c.passed,
                    "expected": expected(&c.case.expect).text(lang),
                    "got": got(&c.got).text(lang),
                    "reason": match &c.got { Got::Rejected { code, .. } => Some(code.as_str()), _ => None },
                })).collect::<Vec<_>>(),
                "coverage": o.coverage.iter().map(|r| serde_json::json!({
                    "rule": r.rule.text(lang),
                    "passed_by": r.passed_by.len(),
                    "failed_by": r.failed_by.len(),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::json!(files)
}
