//! The `jaring` binary as users run it: exit codes, output streams, JSON.

use std::path::Path;
use std::process::{Command, Output};

use super::root;

pub fn jaring(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jaring"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        // English unless a test asks for another language (`--lang` wins over it)
        .env("JARING_LANG", "en")
        .output()
        .expect("jaring runs")
}

/// `jaring run POLICY --registry REGISTRY --out OUT`, from the repository root.
fn run_into(policy: &Path, registry: &Path, out: &Path) -> Output {
    let (policy, registry, out) =
        (policy.display().to_string(), registry.display().to_string(), out.display().to_string());
    jaring(&["run", &policy, "--registry", &registry, "--out", &out], &root())
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exited")
}

/// A seed policy copied into a temporary folder, changed by `edit`; returns the folder and
/// the copy's full path. Run from the repository root, the copy finds its plugin there.
fn edited_seed(name: &str, edit: impl Fn(&str) -> String) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string(root().join("policies").join(name)).expect("seed");
    let edited = edit(&text);
    assert_ne!(edited, text, "the edit must change the file");
    let path = dir.path().join(name);
    std::fs::write(&path, &edited).expect("write");
    (dir, path.display().to_string())
}

/// (line, column, code) of each diagnostic in `jaring check --format json`, run from the
/// repository root.
fn json_problems(_dir: &Path, name: &str) -> (i32, Vec<(u64, u64, String, String)>) {
    let out = jaring(&["check", "--format", "json", name], &root());
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    // notes say what is worth knowing, not what is wrong
    let items = value.as_array().expect("an array").iter().filter(|d| d["severity"] != "note").map(|d| {
        (
            d["line"].as_u64().unwrap_or(0),
            d["column"].as_u64().unwrap_or(0),
            d["code"].as_str().unwrap_or("").to_owned(),
            d["message"].as_str().unwrap_or("").to_owned(),
        )
    });
    (code(&out), items.collect())
}

#[test]
fn the_seed_policies_check_and_are_formatted() {
    let out = jaring(&["check", "policies/"], &root());
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("checked 4 policy files: no problems"));
    let out = jaring(&["fmt", "--check", "policies/"], &root());
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stdout));
    let out = jaring(&["check", "--format", "json", "policies/"], &root());
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let problems: Vec<&serde_json::Value> =
        value.as_array().expect("an array").iter().filter(|d| d["severity"] != "note").collect();
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn a_misspelled_occupation_is_named_with_its_line_and_column() {
    let (dir, name) = edited_seed("ppu-2025.policy", |t| {
        t.replacen("        motoris-speedboat\n", "        motoris-spedboat\n", 1)
    });
    let (exit, problems) = json_problems(dir.path(), &name);
    assert_eq!(exit, 1);
    assert_eq!(problems.len(), 1, "{problems:?}");
    let (line, column, code, message) = &problems[0];
    assert_eq!((*line, *column, code.as_str()), (53, 9, "unknown-occupation"));
    assert!(message.contains("motoris-spedboat"));
    let out = jaring(&["check", &name], &root());
    let human = String::from_utf8_lossy(&out.stderr);
    assert!(human.contains("did you mean `motoris-speedboat`?"), "{human}");
    assert!(human.contains(&format!("{name}:53:9")), "{human}");
}

#[test]
fn a_removed_brace_is_named_with_its_line_and_column() {
    // the closing brace of the first funding block (line 29)
    let (dir, name) = edited_seed("ppu-2025.policy", |t| {
        let mut lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[28], "    }");
        lines.remove(28);
        lines.join("\n") + "\n"
    });
    let (exit, problems) = json_problems(dir.path(), &name);
    assert_eq!(exit, 1);
    assert_eq!(problems.iter().map(|p| (p.0, p.2.as_str())).collect::<Vec<_>>(), [(29, "unclosed-block")]);
    // an opening brace (the occupations block, line 42)
    let (dir, name) =
        edited_seed("ppu-2025.policy", |t| t.replacen("    occupations {\n", "    occupations\n", 1));
    let (exit, problems) = json_problems(dir.path(), &name);
    assert_eq!(exit, 1);
    assert_eq!(
        problems.iter().map(|p| (p.0, p.1, p.2.as_str())).collect::<Vec<_>>(),
        [(42, 16, "missing-open-brace")]
    );
}

#[test]
fn a_reversed_period_is_named_with_its_line_and_column() {
    let (dir, name) = edited_seed("kaltara-2023-12.policy", |t| {
        t.replacen("period 2023-12 .. 2024-01", "period 2024-01 .. 2023-12", 1)
    });
    let (exit, problems) = json_problems(dir.path(), &name);
    assert_eq!(exit, 1);
    assert_eq!(
        problems.iter().map(|p| (p.0, p.1, p.2.as_str())).collect::<Vec<_>>(),
        [(24, 12, "reversed-period")]
    );
}

#[test]
fn fmt_restores_a_re_spaced_seed_and_check_lists_nothing_after() {
    let (dir, name) = edited_seed("kubu-raya-2025.policy", |t| super::policy_fmt::mangle(t, 3));
    let out = jaring(&["fmt", "--check", &name], dir.path());
    assert_eq!(code(&out), 1);
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), name);
    let out = jaring(&["fmt", &name], dir.path());
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let restored = std::fs::read(dir.path().join(&name)).expect("read");
    assert_eq!(restored, std::fs::read(root().join("policies/kubu-raya-2025.policy")).expect("seed"));
}

#[test]
fn fmt_never_touches_a_file_it_cannot_parse() {
    let (dir, name) = edited_seed("paser-2022.policy", |t| t.replacen("    }\n", "\n", 1));
    let before = std::fs::read(dir.path().join(&name)).expect("read");
    let out = jaring(&["fmt", &name], dir.path());
    assert_eq!(code(&out), 1);
    assert!(String::from_utf8_lossy(&out.stderr).contains("not formatted"));
    assert_eq!(std::fs::read(dir.path().join(&name)).expect("read"), before);
}

#[test]
fn could_not_run_is_exit_2() {
    let out = jaring(&["check", "no-such-file.policy"], &root());
    assert_eq!(code(&out), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not exist"));
    let out = jaring(&["check", "--format", "yaml", "policies/"], &root());
    assert_eq!(code(&out), 2);
}

#[test]
fn output_to_a_pipe_has_no_colour_unless_asked() {
    let (dir, name) = edited_seed("paser-2022.policy", |t| t.replacen("region 64.01\n", "region 64.99\n", 1));
    let plain = jaring(&["check", &name], dir.path());
    assert!(!plain.stderr.contains(&0x1b));
    let coloured = jaring(&["check", "--color", "always", &name], dir.path());
    assert!(coloured.stderr.contains(&0x1b));
}

#[test]
fn a_policy_not_in_utf8_is_reported_with_its_position_in_json_too() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("latin1.policy");
    let mut bytes = std::fs::read(root().join("policies/paser-2022.policy")).expect("seed");
    let at = bytes.windows(5).position(|w| w == b"title").expect("a title") + 7;
    bytes.insert(at, 0xe9); // `é` in Latin-1
    std::fs::write(&path, &bytes).expect("write");
    let out = jaring(&["check", "--format", "json", path.to_str().expect("utf-8")], dir.path());
    assert_eq!(code(&out), 1);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    let first = &value.as_array().expect("an array")[0];
    assert_eq!(first["code"], "not-utf8");
    assert!(first["line"].as_u64().is_some_and(|l| l > 1), "{first}");
    assert!(first["column"].as_u64().is_some(), "{first}");
}

#[test]
fn a_policy_finds_its_plugin_however_its_path_is_written() {
    let policies = root().join("policies");
    for (name, cwd) in [
        ("paser-2022.policy".to_owned(), policies.clone()),
        ("policies/paser-2022.policy".to_owned(), root()),
        (policies.join("paser-2022.policy").display().to_string(), std::env::temp_dir()),
    ] {
        let out = jaring(&["check", &name], &cwd);
        assert_eq!(code(&out), 0, "{name} from {}: {}", cwd.display(), String::from_utf8_lossy(&out.stderr));
    }
}

/// A policy's warnings do not stop a run, and the run does not hide them: they are on the
/// terminal, in `summary.json` and in the log's header (issue 13).
#[test]
fn a_run_shows_and_records_the_policy_s_warnings() {
    let dir = tempfile::tempdir().expect("temp dir");
    let policy = root().join("tests/policies/suspicious/budget-left-unused.policy");
    let out = dir.path().join("run");
    let ran = run_into(&policy, &root().join("data/samples/paser-2022.csv"), &out);
    assert_eq!(code(&ran), 0, "{}", String::from_utf8_lossy(&ran.stderr));
    let said = String::from_utf8_lossy(&ran.stdout);
    assert!(said.contains("warning: ") && said.contains("[budget-unused]"), "{said}");
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).expect("summary")).expect("json");
    let warnings = summary["warnings"].as_array().expect("warnings");
    assert!(warnings.iter().any(|w| w.as_str().is_some_and(|w| w.contains("budget-unused"))), "{summary}");
    let log = std::fs::read_to_string(out.join("decisions.jsonl")).expect("log");
    assert!(log.lines().next().is_some_and(|h| h.contains("budget-unused")));
    let verified = jaring(&["verify", &out.display().to_string()], &root());
    assert_eq!(code(&verified), 0, "{}", String::from_utf8_lossy(&verified.stdout));
}

/// The seed policies ship with cases covering every rule both ways, and they all pass.
#[test]
fn the_seed_policies_pass_their_cases_and_cover_every_rule() {
    let out = jaring(&["test", "policies/", "--format", "json"], &root());
    assert_eq!(
        code(&out),
        0,
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let files: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let files = files.as_array().expect("an array");
    assert_eq!(files.len(), 4);
    for file in files {
        for case in file["cases"].as_array().expect("cases") {
            assert_eq!(case["passed"], true, "{case}");
        }
        for rule in file["coverage"].as_array().expect("coverage") {
            assert!(
                rule["passed_by"].as_u64() > Some(0) && rule["failed_by"].as_u64() > Some(0),
                "{file}: {rule}"
            );
        }
    }
}

/// A case that does not come out as written fails (exit 1) and says what came instead; a
/// file that cannot be read is exit 2.
#[test]
fn a_case_that_fails_says_what_was_decided() {
    let dir = tempfile::tempdir().expect("temp dir");
    let policy = dir.path().join("p.policy");
    std::fs::copy(root().join("policies/paser-2022.policy"), &policy).expect("copy");
    let tests = dir.path().join("p.tests.toml");
    std::fs::write(
        &tests,
        "[[case]]\nname = \"sopir\"\nperson = { occupation = \"sopir\", birth_date = \"1990-01-01\", sex = \"L\", domicile = \"64.01.04.1001\" }\nexpect = \"eligible\"\n",
    )
    .expect("write");
    let out = jaring(&["test", &policy.display().to_string()], &root());
    assert_eq!(code(&out), 1, "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("✗ sopir") && said.contains("occupation-not-eligible"), "{said}");
    // in Indonesian, what was decided is said in Indonesian too
    let out = jaring(&["test", &policy.display().to_string(), "--lang", "id", "--coverage"], &root());
    assert_eq!(code(&out), 1);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("ditolak dengan alasan `occupation-not-eligible`"), "{said}");
    assert_eq!(jaring::i18n::english_words(&said), Vec::<String>::new(), "{said}");
    std::fs::write(&tests, "[[case]]\nname = \"x\"\nexpect = \"maybe\"\nperson = {}\n").expect("write");
    let out = jaring(&["test", &tests.display().to_string(), "--lang", "id"], &root());
    assert_eq!(code(&out), 2);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("`expect` diisi"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::remove_file(&tests).expect("rm");
    let out = jaring(&["test", &policy.display().to_string()], &root());
    assert_eq!(code(&out), 2);
}

/// `jaring replay` keeps the rows and candidates it decides again in a folder of `TMPDIR`,
/// never in the run folder: it leaves nothing there once done, and a `TMPDIR` it cannot use
/// is said in the user's language, naming the folder, with nothing changed.
#[test]
fn replay_keeps_its_spill_in_tmpdir_and_says_when_it_cannot() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("run");
    let ran = run_into(
        &root().join("policies/paser-2022.policy"),
        &root().join("data/samples/paser-2022.csv"),
        &out,
    );
    assert_eq!(code(&ran), 0, "{}", String::from_utf8_lossy(&ran.stderr));
    let listing = |folder: &Path| {
        let mut names: Vec<String> = std::fs::read_dir(folder)
            .expect("a folder")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let before = listing(&out);
    let tmp = dir.path().join("tmp");
    std::fs::create_dir(&tmp).expect("tmp");
    let replay = |tmpdir: &Path, lang: &str| {
        Command::new(env!("CARGO_BIN_EXE_jaring"))
            .args(["replay", &out.display().to_string(), "--lang", lang])
            .current_dir(root())
            .env("TMPDIR", tmpdir)
            .output()
            .expect("jaring runs")
    };
    let replayed = replay(&tmp, "en");
    assert_eq!(code(&replayed), 0, "{}", String::from_utf8_lossy(&replayed.stderr));
    assert!(listing(&tmp).is_empty(), "left in TMPDIR: {:?}", listing(&tmp));
    assert_eq!(listing(&out), before, "the run folder is evidence: replay writes nothing there");
    let missing = dir.path().join("no such folder");
    for (lang, words) in [("en", "could not be kept"), ("id", "tidak dapat disimpan sementara")] {
        let refused = replay(&missing, lang);
        assert_eq!(code(&refused), 2, "{lang}");
        let said = String::from_utf8_lossy(&refused.stderr);
        assert!(said.contains(words) && said.contains("no such folder"), "{lang}: {said}");
    }
    assert_eq!(listing(&out), before);
}
