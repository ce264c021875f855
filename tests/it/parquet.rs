//! The decision log as Parquet tables (issue 18), read by a real engine: DuckDB from PyPI in
//! the virtual environment `.ci/run` creates, named by `JARING_TEST_DUCKDB` (its `python`).

use std::path::Path;

use super::cli::jaring;
use super::root;

/// The Python that has `duckdb`; the suite needs one (there is no home-made reader).
fn duckdb_python() -> String {
    std::env::var("JARING_TEST_DUCKDB").expect(
        "set JARING_TEST_DUCKDB to a python with duckdb installed (.ci/run makes target/duckdb-venv: python3 -m venv target/duckdb-venv && target/duckdb-venv/bin/pip install duckdb)",
    )
}

/// Runs `script` with DuckDB; its standard output, as JSON.
fn duckdb(script: &str, dir: &Path) -> serde_json::Value {
    let out = std::process::Command::new(duckdb_python())
        .arg("-c")
        .arg(format!("import duckdb, json, re\ncon = duckdb.connect()\n{script}"))
        .current_dir(dir)
        .output()
        .expect("python runs");
    assert!(out.status.success(), "duckdb: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("the script prints JSON")
}

fn run_paser(dir: &Path) {
    let policies = ["policies/paser-2022.policy"];
    let registry = root().join("data/samples/paser-2022.csv");
    let mut args = vec!["run"];
    let policies: Vec<String> = policies.iter().map(|p| root().join(p).display().to_string()).collect();
    args.extend(policies.iter().map(String::as_str));
    let registry = registry.display().to_string();
    args.extend(["--registry", &registry, "--out", "run", "--quiet"]);
    let out = jaring(&args, dir);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn duckdb_counts_from_the_tables_what_the_summary_says() {
    let dir = tempfile::tempdir().expect("temp dir");
    run_paser(dir.path());
    let out = jaring(&["export", "run", "--format", "parquet", "--out", "tables"], dir.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("run/summary.json")).expect("summary"))
            .expect("json");

    let answer = duckdb(
        r#"
by_district = con.sql("""
  SELECT d.program, r.district, count(*) FROM 'tables/decisions.parquet' d
  JOIN 'tables/records.parquet' r USING (row)
  WHERE d.decision = 'enrolled' GROUP BY ALL ORDER BY ALL""").fetchall()
outcomes = con.sql("SELECT outcome, count(*) FROM 'tables/records.parquet' GROUP BY ALL ORDER BY ALL").fetchall()
premium = con.sql("SELECT program, sum(premium) FROM 'tables/decisions.parquet' WHERE decision = 'enrolled' GROUP BY ALL ORDER BY ALL").fetchall()
failed = con.sql("""SELECT count(DISTINCT (row, program)) FROM 'tables/rules.parquet' WHERE NOT passed""").fetchall()
failed_but_not_rejected = con.sql("""SELECT count(*) FROM 'tables/rules.parquet' r
  JOIN 'tables/decisions.parquet' d USING (row, program) WHERE NOT r.passed AND d.decision <> 'rejected'""").fetchall()
meta = con.sql("SELECT decode(key), decode(value) FROM parquet_kv_metadata('tables/records.parquet')").fetchall()
print(json.dumps({"by_district": by_district, "outcomes": outcomes, "premium": premium,
  "failed": failed[0][0], "failed_but_not_rejected": failed_but_not_rejected[0][0], "meta": dict(meta)}))
"#,
        dir.path(),
    );

    // enrolled per program and district, as summary.json states them
    let mut expected = Vec::new();
    for program in summary["programs"].as_array().expect("programs") {
        for d in program["enrolled_by_district"].as_array().expect("districts") {
            expected.push(serde_json::json!([program["id"], d["code"], d["enrolled"]]));
        }
    }
    expected.sort_by_key(|v| v.to_string());
    let mut got = answer["by_district"].as_array().expect("rows").clone();
    got.sort_by_key(|v| v.to_string());
    assert!(expected.len() >= 5, "the run enrolls people in many districts");
    assert_eq!(got, expected, "enrolled per district: DuckDB over the tables against summary.json");

    for pair in answer["outcomes"].as_array().expect("outcomes") {
        let (outcome, n) = (pair[0].as_str().expect("outcome"), &pair[1]);
        assert_eq!(&summary["outcomes"][outcome], n, "{outcome}");
    }
    for pair in answer["premium"].as_array().expect("premium") {
        let program = summary["programs"]
            .as_array()
            .expect("programs")
            .iter()
            .find(|p| p["id"] == pair[0])
            .expect("the program is in the summary");
        assert_eq!(program["money_used"], pair[1], "premiums of the enrolled, in rupiah");
    }
    let rejected: u64 = summary["programs"]
        .as_array()
        .expect("programs")
        .iter()
        .map(|p| p["rejected"].as_u64().expect("n"))
        .sum();
    let failed = answer["failed"].as_u64().expect("n");
    assert!(failed > 100 && failed <= rejected, "{failed} decisions with a failed rule, {rejected} rejected");
    assert_eq!(answer["failed_but_not_rejected"], 0, "a failed rule always rejects");
    let chain_head = &summary["log"]["chain_head"];
    assert_eq!(&answer["meta"]["jaring.chain_head"], chain_head, "the tables name the run they came from");
    assert_eq!(answer["meta"]["jaring.redacted"], "false");

    // deterministic: the same folder gives the same bytes
    let again = jaring(&["export", "run", "--format", "parquet", "--out", "again"], dir.path());
    assert!(again.status.success());
    for table in ["records.parquet", "decisions.parquet", "rules.parquet"] {
        let a = std::fs::read(dir.path().join("tables").join(table)).expect("table");
        let b = std::fs::read(dir.path().join("again").join(table)).expect("table");
        assert!(a == b, "{table} differs between two exports of one folder");
    }
}

#[test]
fn redacted_tables_hold_no_nik_and_no_name_and_a_tampered_folder_gives_none() {
    let dir = tempfile::tempdir().expect("temp dir");
    run_paser(dir.path());
    let out = jaring(&["export", "run", "--format", "parquet", "--redact", "--out", "shared"], dir.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // every text cell of every table
    let answer = duckdb(
        r#"
cells = []
for t in ["records", "decisions", "rules"]:
    rel = con.sql(f"SELECT * FROM 'shared/{t}.parquet'")
    for row in rel.fetchall():
        cells.extend(v for v in row if isinstance(v, str))
print(json.dumps({"cells": cells, "rows": con.sql("SELECT count(*) FROM 'shared/records.parquet'").fetchall()[0][0]}))
"#,
        dir.path(),
    );
    let cells: Vec<&str> =
        answer["cells"].as_array().expect("cells").iter().filter_map(|c| c.as_str()).collect();
    assert!(cells.len() > 10_000, "the tables were read");
    let sample = std::fs::read_to_string(root().join("data/samples/paser-2022.csv")).expect("sample");
    let mut reader = csv::Reader::from_reader(sample.as_bytes());
    let headers = reader.headers().expect("header").clone();
    let name_col = headers.iter().position(|h| h == "nama").expect("a name column");
    let names: Vec<String> = reader
        .records()
        .filter_map(|r| r.ok())
        .filter_map(|r| r.get(name_col).map(|n| n.trim().to_owned()))
        .filter(|n| n.len() >= 6)
        .collect();
    assert!(answer["rows"].as_u64().expect("rows") > 1000);
    for cell in &cells {
        let digits = cell.chars().fold((0, 0), |(run, best), c| {
            if c.is_ascii_digit() { (run + 1, best.max(run + 1)) } else { (0, best) }
        });
        assert!(digits.1 < 16, "a 16-digit run is left in a redacted table: {cell:?}");
    }
    let all = cells.join("\n");
    for name in &names {
        assert!(!all.contains(name.as_str()), "the name {name:?} is left in a redacted table");
    }

    // a redacted copy made into tables: masked already, and said so
    let copy = jaring(&["export", "run", "--redact", "--out", "copy"], dir.path());
    assert!(copy.status.success(), "{}", String::from_utf8_lossy(&copy.stderr));
    let out = jaring(&["export", "copy", "--format", "parquet", "--out", "from-copy"], dir.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("redacted tables"));
    let meta = duckdb(
        r#"print(json.dumps(dict(con.sql("SELECT decode(key), decode(value) FROM parquet_kv_metadata('from-copy/records.parquet')").fetchall())))"#,
        dir.path(),
    );
    assert_eq!(meta["jaring.redacted"], "true");

    // one byte changed in the log: no tables, and the reason in the user's language
    let log = dir.path().join("run/decisions.jsonl");
    let text = std::fs::read_to_string(&log).expect("log");
    std::fs::write(&log, text.replacen("\"enrolled\"", "\"rejected\"", 2)).expect("tamper");
    let out =
        jaring(&["export", "run", "--format", "parquet", "--out", "forged", "--lang", "id"], dir.path());
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("tidak lolos pemeriksaan"));
    assert!(!dir.path().join("forged").exists(), "nothing is written for a folder that does not verify");
    // (the tables are made while the folder is verified: a folder given to be replaced keeps
    // what it holds, and no staging folder is left beside it: only its lock file)
    std::fs::create_dir(dir.path().join("kept")).expect("a folder");
    std::fs::write(dir.path().join("kept/notes.txt"), "mine").expect("a file");
    let out = jaring(&["export", "run", "--format", "parquet", "--out", "kept", "--force"], dir.path());
    assert!(!out.status.success());
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .expect("listed")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".jaring") && !n.starts_with(".jaring-lock-"))
        .collect();
    assert!(left.is_empty(), "left beside the folder: {left:?}");
    let kept: Vec<_> = std::fs::read_dir(dir.path().join("kept")).expect("kept").collect();
    assert_eq!(kept.len(), 1, "the folder keeps what it held");
    assert_eq!(std::fs::read_to_string(dir.path().join("kept/notes.txt")).expect("kept"), "mine");
}

/// The recorded folders of schema 4 and 5 (`tests/audit/recorded-schema-4`, `-5`) and the
/// same run written today (schema 6: records left short, and without links): the same CSVs,
/// the same explanations, the same Parquet tables — readers cannot tell the schemas apart,
/// though each log is smaller than the one before.
#[test]
fn logs_of_schema_4_and_5_and_the_same_run_today_read_alike() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = root().join("tests/audit/province-and-regency");
    let recorded = [4, 5].map(|schema| root().join(format!("tests/audit/recorded-schema-{schema}/run")));
    // the recorded run's registry, made again (the same seed gives the same bytes)
    let registry = dir.path().join("rec.csv");
    let synth = [
        "synth",
        "--program",
        &case.join("regency.policy").display().to_string(),
        "--count",
        "1000",
        "--dirty",
        "--seed",
        "5",
        "--out",
        &registry.display().to_string(),
    ]
    .map(|s| s.to_owned());
    let out = jaring(&synth.iter().map(String::as_str).collect::<Vec<_>>(), dir.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let policies = ["province.policy", "regency.policy"].map(|p| case.join(p).display().to_string());
    let registry = registry.display().to_string();
    let out = jaring(
        &["run", &policies[0], &policies[1], "--registry", &registry, "--out", "run", "--quiet"],
        dir.path(),
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let run = dir.path().join("run");
    let log = |d: &Path| std::fs::read_to_string(d.join("decisions.jsonl")).expect("log");
    // each schema's log at least a tenth smaller than the one before
    let mut before: Option<usize> = None;
    for (schema, d) in [(4, &recorded[0]), (5, &recorded[1]), (jaring::log::SCHEMA, &run)] {
        let text = log(d);
        let header = text.lines().next().expect("header");
        assert!(header.contains(&format!("\"schema\":{schema},")), "{header}");
        if let Some(before) = before {
            assert!(text.len() * 100 < before * 90, "schema {schema}: {} bytes against {before}", text.len());
        }
        before = Some(text.len());
    }
    assert_eq!(jaring::log::SCHEMA, 6);
    for file in ["enrollments.csv", "waiting_list.csv", "rejections.csv"] {
        let read = |d: &Path| std::fs::read(d.join(file)).expect("csv");
        for old in &recorded {
            assert!(read(old) == read(&run), "{file} differs from {}", old.display());
        }
    }
    // a row of every kind, explained in both languages with every detail
    let rows = ["1", "2", "3", "4", "5", "6", "13", "14", "50", "500", "1000"];
    for row in rows {
        for lang in ["en", "id"] {
            let explain = |d: &Path| {
                let d = d.display().to_string();
                let out = jaring(&["explain", &d, "--row", row, "--lang", lang, "--detail"], dir.path());
                assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
                out.stdout
            };
            let b = explain(&run);
            for old in &recorded {
                let a = explain(old);
                assert!(
                    a == b,
                    "row {row} ({lang}), {}:\n{}\n---\n{}",
                    old.display(),
                    String::from_utf8_lossy(&a),
                    String::from_utf8_lossy(&b)
                );
            }
        }
    }
    // the tables as they are, and redacted (a schema 5 record masks what it left out as its cell)
    for (from, to) in
        [(recorded[0].as_path(), "old4"), (recorded[1].as_path(), "old5"), (run.as_path(), "new")]
    {
        let from = from.display().to_string();
        let out = jaring(&["export", &from, "--format", "parquet", "--out", to], dir.path());
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let redacted = format!("{to}-redacted");
        let out =
            jaring(&["export", &from, "--format", "parquet", "--redact", "--out", &redacted], dir.path());
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let answer = duckdb(
        r#"
differ = {}
for schema in ["4", "5"]:
    for t in ["records", "decisions", "rules", "records-redacted", "decisions-redacted"]:
        t, redacted = (t.split("-")[0], "-redacted") if "-" in t else (t, "")
        old, new = f"old{schema}{redacted}/{t}", f"new{redacted}/{t}"
        t = schema + ":" + t + redacted
        one = con.execute(f"SELECT count(*) FROM (SELECT * FROM '{old}.parquet' EXCEPT ALL SELECT * FROM '{new}.parquet')").fetchone()[0]
        other = con.execute(f"SELECT count(*) FROM (SELECT * FROM '{new}.parquet' EXCEPT ALL SELECT * FROM '{old}.parquet')").fetchone()[0]
        rows = con.execute(f"SELECT count(*) FROM '{new}.parquet'").fetchone()[0]
        differ[t] = [one, other, rows]
print(json.dumps(differ))
"#,
        dir.path(),
    );
    for t in ["records", "decisions", "rules", "records-redacted", "decisions-redacted"]
        .into_iter()
        .flat_map(|t| [format!("4:{t}"), format!("5:{t}")])
    {
        let t = t.as_str();
        assert_eq!(answer[t][0], 0, "{t}: {answer}");
        assert_eq!(answer[t][1], 0, "{t}: {answer}");
        assert!(answer[t][2].as_u64() >= Some(1000), "{t}: {answer}");
    }
}
