//! Registries in PostgreSQL (issue 18), against a real server: `.ci/run` starts one and sets
//! `JARING_TEST_POSTGRES` to a database the tests may create tables in.

use super::cli::jaring;
use super::root;

/// The test database; the suite needs one (there is no mock).
fn database() -> String {
    std::env::var("JARING_TEST_POSTGRES").expect(
        "set JARING_TEST_POSTGRES=postgresql://user:password@localhost/database (a database the tests may create tables in; .ci/run starts one)",
    )
}

fn rows_in(client: &mut postgres::Client, table: &str) -> i64 {
    client.query_one(&format!("SELECT count(*) FROM {table}"), &[]).expect("count").get(0)
}

/// A table `table` of text columns named as `csv`'s header, holding its rows (made afresh);
/// its columns as created.
fn table_of_csv(client: &mut postgres::Client, table: &str, csv: &[u8]) -> Vec<String> {
    use std::io::Write as _;
    let header = String::from_utf8_lossy(csv).lines().next().expect("header").to_owned();
    let columns: Vec<String> = header.split(',').map(|c| format!("\"{c}\" text")).collect();
    client
        .batch_execute(&format!(
            "DROP TABLE IF EXISTS {table}; CREATE TABLE {table} ({})",
            columns.join(", ")
        ))
        .expect("table");
    let mut w =
        client.copy_in(&format!("COPY {table} FROM STDIN WITH (FORMAT csv, HEADER true)")).expect("copy in");
    w.write_all(csv).expect("rows");
    w.finish().expect("copied");
    columns
}

/// What a test starts with: the test database's URL, a folder for its runs, a table name of
/// its own (`name` and the process) and a connection.
fn start(name: &str) -> (String, tempfile::TempDir, String, postgres::Client) {
    let url = database();
    let dir = tempfile::tempdir().expect("temp dir");
    let table = format!("jaring_it_{name}{}", std::process::id());
    let client = postgres::Client::connect(&url, postgres::NoTls).expect("the test database");
    (url, dir, table, client)
}

/// `url` with the server settings `options` (URL-encoded `-c name=value`s) for its sessions.
fn with_options(url: &str, options: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, None), |(b, q)| (b, Some(q)));
    format!("{base}?{}options={options}", query.map(|q| format!("{q}&")).unwrap_or_default())
}

#[test]
fn a_registry_in_postgresql_decides_like_the_same_rows_in_a_file() {
    let (url, dir, table, mut client) = start("");
    let sample = std::fs::read(root().join("data/samples/paser-2022.csv")).expect("sample");
    let columns = table_of_csv(&mut client, &table, &sample);
    let policy = root().join("policies/paser-2022.policy");
    let policy = policy.to_str().expect("utf-8");
    let out =
        jaring(&["run", policy, "--registry", &url, "--table", &table, "--out", "db", "--quiet"], dir.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // the same rows in the order jaring reads a table (sorted by every column), as a file
    let mut sorted = Vec::new();
    {
        use std::io::Read as _;
        let order: Vec<String> = (1..=columns.len()).map(|c| c.to_string()).collect();
        client
            .copy_out(&format!(
                "COPY (SELECT * FROM {table} ORDER BY {}) TO STDOUT WITH (FORMAT csv, HEADER true)",
                order.join(", ")
            ))
            .expect("copy out")
            .read_to_end(&mut sorted)
            .expect("rows");
    }
    std::fs::write(dir.path().join("sorted.csv"), &sorted).expect("write");
    let out = jaring(&["run", policy, "--registry", "sorted.csv", "--out", "file", "--quiet"], dir.path());
    assert!(out.status.success());
    for f in ["enrollments.csv", "waiting_list.csv", "rejections.csv"] {
        let read = |d: &str| std::fs::read(dir.path().join(d).join(f)).expect("csv");
        assert!(read("db") == read("file"), "{f} differs between the database and the file");
    }
    // the rows the server sent were kept in a spill file only until the outputs were written
    let names = |d: &str| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir.path().join(d))
            .expect("folder")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(names("db"), names("file"));
    // the log stands alone: verify and replay need no database; it names no password
    assert!(jaring(&["verify", "db"], dir.path()).status.success());
    assert!(jaring(&["replay", "db"], dir.path()).status.success());
    let log = std::fs::read_to_string(dir.path().join("db/decisions.jsonl")).expect("log");
    if let Some(password) = url
        .split("://")
        .nth(1)
        .and_then(|r| r.split('@').next())
        .and_then(|u| u.split_once(':'))
        .map(|(_, p)| p)
    {
        assert!(!log.contains(&format!(":{password}@")), "the password is in the log");
    }
    let query = |sql: &str, out: &str| {
        jaring(&["run", policy, "--registry", &url, "--query", sql, "--out", out, "--quiet"], dir.path())
    };
    // a query reads in a read-only transaction: it cannot write, and nothing is lost
    let out = query(&format!("DELETE FROM {table} RETURNING *"), "bad");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("read-only transaction"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(rows_in(&mut client, &table), 1500);
    assert!(!dir.path().join("bad").exists(), "nothing is left behind");
    // a query chooses rows and order
    let out = query(
        &format!("SELECT * FROM {table} WHERE kode_wilayah LIKE '64.01.01%' ORDER BY nik -- one kecamatan"),
        "some",
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // a table name is an identifier, never SQL
    let out = jaring(
        &[
            "run",
            policy,
            "--registry",
            &url,
            "--table",
            &format!("{table}\"; DROP TABLE {table}; --"),
            "--out",
            "x",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(rows_in(&mut client, &table), 1500);
    client.batch_execute(&format!("DROP TABLE {table}")).expect("drop");
}

#[test]
fn typed_columns_are_read_as_their_values_whatever_the_session_writes_dates_like() {
    let (url, dir, table, mut client) = start("typed_");
    client
        .batch_execute(&format!(
            "DROP TABLE IF EXISTS {table};
             CREATE TABLE {table} (nik bigint, nama text, tanggal_lahir date, jenis_kelamin char(1),
                 pekerjaan varchar(40), kode_wilayah text, desil int, asn boolean, pelajar boolean,
                 sudah_terdaftar_bpjs boolean, status_nik text);
             INSERT INTO {table} VALUES
                 (6401014107900001, 'Siti', '1990-07-01', 'P', 'nelayan', '64.01.01.2009', 1, true, false, false, 'aktif'),
                 (6401010403850002, 'Budi', '1985-03-04', 'L', 'nelayan', '64.01.01.2009', 1, NULL, true, false, 'aktif'),
                 (6401010509800003, 'Ani', '1980-09-05', 'L', 'nelayan', '64.01.01.2009', 1, false, false, false, 'aktif');"
        ))
        .expect("table");
    // a session that writes dates month first (03/04/1985 for 4 March) and booleans t/f
    let mdy = with_options(&url, "-c%20DateStyle%3DSQL%2CMDY");
    let policy = root().join("policies/paser-2022.policy");
    let policy = policy.to_str().expect("utf-8");
    // (a comment at the end of a query comments out nothing jaring adds after it)
    let sql = format!("SELECT * FROM {table} ORDER BY nama DESC -- the office's order");
    let out = jaring(
        &["run", policy, "--registry", &mdy, "--query", &sql, "--out", "typed", "--quiet"],
        dir.path(),
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let records = records(&dir.path().join("typed"));
    let inputs: Vec<Vec<String>> = records
        .iter()
        .map(|r| {
            r["input"]
                .as_array()
                .expect("input")
                .iter()
                .map(|c| c.as_str().expect("text").to_owned())
                .collect()
        })
        .collect();
    // in the query's order; dates as ISO writes them, booleans as true/false, NULL empty
    let names: Vec<&str> = inputs.iter().map(|i| i[1].as_str()).collect();
    assert_eq!(names, ["Siti", "Budi", "Ani"]);
    assert_eq!(inputs[1][2], "1985-03-04");
    assert_eq!(inputs[0][7..10], ["true", "false", "false"]);
    assert_eq!(inputs[1][7..10], ["", "true", "false"]);
    // so the civil servant and the student are excluded as such, and the third is a candidate
    let reasons: Vec<String> = records
        .iter()
        .map(|r| {
            r["programs"][0]["reason"].as_str().unwrap_or(r["outcome"].as_str().expect("outcome")).to_owned()
        })
        .collect();
    assert_eq!(reasons[..2], ["civil-servant", "student"], "{reasons:?}");
    assert_eq!(records[2]["outcome"], "enrolled", "{}", records[2]);
    assert!(jaring(&["replay", "typed"], dir.path()).status.success());
    client.batch_execute(&format!("DROP TABLE {table}")).expect("drop");
}

#[test]
fn an_unordered_query_reads_the_same_rows_in_the_same_order_on_a_server_that_favours_parallel_plans() {
    let (url, dir, table, mut client) = start("parallel_");
    let policy = root().join("policies/ppu-2025.policy");
    let policy = policy.to_str().expect("utf-8");
    // enough rows for several pages, so that parallel workers share the scan
    let made = jaring(
        &["synth", "--program", policy, "--count", "20000", "--seed", "9", "--dirty", "--out", "r.csv"],
        dir.path(),
    );
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let rows = std::fs::read(dir.path().join("r.csv")).expect("registry");
    table_of_csv(&mut client, &table, &rows);
    // a server whose planner always gathers rows from parallel workers (a province's large
    // table gets such plans anyway): gathered rows come in the order the workers finish
    let parallel = with_options(
        &url,
        "-c%20parallel_setup_cost%3D0%20-c%20parallel_tuple_cost%3D0%20-c%20min_parallel_table_scan_size%3D0%20-c%20max_parallel_workers_per_gather%3D4",
    );
    let sql = format!("SELECT * FROM {table}");
    for out in ["a", "b", "c"] {
        let ran = jaring(
            &["run", policy, "--registry", &parallel, "--query", &sql, "--out", out, "--quiet"],
            dir.path(),
        );
        assert!(ran.status.success(), "{}", String::from_utf8_lossy(&ran.stderr));
    }
    let read = |d: &str, f: &str| std::fs::read(dir.path().join(d).join(f)).expect("file");
    for f in ["leaves", "enrollments.csv", "waiting_list.csv", "rejections.csv"] {
        assert!(read("a", f) == read("b", f) && read("a", f) == read("c", f), "{f} differs between runs");
    }
    client.batch_execute(&format!("DROP TABLE {table}")).expect("drop");
}

/// A table holding a value longer than any applicant's row (a field of megabytes) is
/// refused as a file with such a row is, naming the row; nothing is written.
#[test]
fn a_row_longer_than_any_applicant_s_is_refused_from_a_database_too() {
    let (url, dir, table, mut client) = start("long_");
    client
        .batch_execute(&format!(
            "DROP TABLE IF EXISTS {table};
             CREATE TABLE {table} (nik text, nama text, tanggal_lahir text, jenis_kelamin text,
                 pekerjaan text, kode_wilayah text);
             INSERT INTO {table} VALUES
                 ('6401014107900001', 'A Siti', '1990-07-01', 'P', 'nelayan', '64.01.01.2009'),
                 ('6401010403850002', 'B ' || repeat('x', {}), '1985-03-04', 'L', 'nelayan', '64.01.01.2009'),
                 ('6401010509800003', 'C Ani', '1980-09-05', 'L', 'nelayan', '64.01.01.2009');",
            jaring::registry::MAX_ROW_BYTES + 1
        ))
        .expect("table");
    let policy = root().join("policies/paser-2022.policy");
    let policy = policy.to_str().expect("utf-8");
    let sql = format!("SELECT * FROM {table} ORDER BY nama");
    let out =
        jaring(&["run", policy, "--registry", &url, "--query", &sql, "--out", "long", "--quiet"], dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("row 2 of the registry from") && stderr.contains("longer than 1 MiB"),
        "{stderr}"
    );
    assert!(!stderr.contains("starts on line"), "a database's row has no line: {stderr}");
    assert!(!dir.path().join("long").exists(), "nothing is written");
    client.batch_execute(&format!("DROP TABLE {table}")).expect("drop");
}

/// Birth dates a database keeps as timestamps. `timestamp` at midnight is a date. A
/// `timestamptz` is an instant: read in UTC (whatever the session's own zone), one entered at
/// midnight UTC is that date, one entered at midnight in Makassar is 16:00 the day before, a
/// moment and no date — the row is invalid, said as such with the way out, its text shown as
/// the server sent it. Read with `--time-zone WITA`, the Makassar one is its date and the UTC
/// one is the moment; the zone is in the log, which replays without the database; a zone the
/// server does not know, or a zone for a file, is refused before anything is written.
#[test]
fn birth_dates_kept_as_timestamps_are_read_as_dates_in_the_zone_the_run_names() {
    let (url, dir, table, mut client) = start("stamps_");
    client
        .batch_execute(&format!(
            "DROP TABLE IF EXISTS {table};
             CREATE TABLE {table} (nik bigint, nama text, lahir_ts timestamp, tanggal_lahir timestamptz,
                 jenis_kelamin char(1), pekerjaan text, kode_wilayah text);
             SET TimeZone = 'UTC';
             INSERT INTO {table} VALUES
                 (6401014107900001, 'Siti', '1990-07-01', '1990-07-01', 'P', 'nelayan', '64.01.01.2009'),
                 (6401010403850002, 'Budi', '1985-03-04', '1985-03-04', 'L', 'nelayan', '64.01.01.2009');
             SET TimeZone = 'Asia/Makassar';
             INSERT INTO {table} VALUES
                 (6401010509800003, 'Ani', '1980-09-05', '1980-09-05', 'P', 'nelayan', '64.01.01.2009');"
        ))
        .expect("table");
    // a session in Jakarta's zone: the text is still UTC's, or the zone the run names
    let jakarta = with_options(&url, "-c%20TimeZone%3DAsia%2FJakarta");
    let policy = root().join("policies/paser-2022.policy");
    let sql = format!("SELECT * FROM {table} ORDER BY nik");
    let run = |out: &str, more: &[&str]| {
        let mut args = vec![
            "run",
            policy.to_str().expect("utf-8"),
            "--registry",
            &jakarta,
            "--query",
            &sql,
            "--out",
            out,
            "--quiet",
        ];
        args.extend(more);
        jaring(&args, dir.path())
    };
    let by_nik = |records: &[serde_json::Value], nik: &str| {
        records
            .iter()
            .find(|r| r["input"][0] == nik)
            .unwrap_or_else(|| panic!("{nik} in {records:?}"))
            .clone()
    };
    let (ani, budi, siti) = ("6401010509800003", "6401010403850002", "6401014107900001");

    let out = run("stamps", &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let utc = records(&dir.path().join("stamps"));
    assert_eq!(utc.len(), 3);
    let (a, b, s) = (by_nik(&utc, ani), by_nik(&utc, budi), by_nik(&utc, siti));
    assert_eq!(s["input"][2], "1990-07-01 00:00:00");
    assert_eq!(s["input"][3], "1990-07-01 00:00:00+00");
    for person in [&s, &b] {
        assert_ne!(person["outcome"], "invalid", "{person}");
    }
    assert_eq!(b["read"]["birth_date"], "1985-03-04", "{b}");
    assert_eq!(a["input"][3], "1980-09-04 16:00:00+00");
    assert_eq!(a["outcome"], "invalid", "{a}");
    let reason = a["invalid"]["reason"].as_str().unwrap_or_default();
    assert!(reason.contains("1980-09-04 16:00:00+00") && reason.contains("--time-zone"), "{a}");

    let out = run("stamps-wita", &["--time-zone", "wita"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let folder = dir.path().join("stamps-wita");
    let log = std::fs::read_to_string(folder.join("decisions.jsonl")).expect("log");
    let header: serde_json::Value = serde_json::from_str(log.lines().next().expect("header")).expect("json");
    let name = header["registry"]["name"].as_str().unwrap_or_default();
    assert!(name.ends_with(" (time zone Asia/Makassar)"), "{name}");
    let wita = records(&folder);
    let (a, s) = (by_nik(&wita, ani), by_nik(&wita, siti));
    assert_eq!(a["input"][3], "1980-09-05 00:00:00+08");
    assert_ne!(a["outcome"], "invalid", "{a}");
    assert_eq!(a["read"]["birth_date"], "1980-09-05", "{a}");
    // entered at midnight UTC, it is eight in the morning in Makassar
    assert_eq!(s["input"][3], "1990-07-01 08:00:00+08");
    assert_eq!(s["outcome"], "invalid", "{s}");
    for check in ["verify", "replay"] {
        let out = jaring(&[check, "stamps-wita"], dir.path());
        assert!(out.status.success(), "{check}: {}", String::from_utf8_lossy(&out.stdout));
    }

    // a zone the server does not know: said in the user's language, nothing written
    let out = run("stamps-mars", &["--time-zone", "Mars/Olympus", "--lang", "id"]);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("tidak mengenal zona waktu `Mars/Olympus`"), "{said}");
    assert!(!dir.path().join("stamps-mars").exists(), "nothing is written");
    // a hostile name: shown escaped and cut short, never echoed whole to the terminal
    let hostile = format!("\u{1b}[31m{}", "a".repeat(5_000));
    let out = run("stamps-hostile", &["--time-zone", &hostile]);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("does not know the time zone") && !said.contains('\u{1b}'), "{said}");
    assert!(said.len() < 1_000, "{} bytes", said.len());
    assert!(!dir.path().join("stamps-hostile").exists(), "nothing is written");
    // and a time zone for a file says what it is for
    let registry = root().join("tests/registries/byte-order-marks.csv");
    let out = jaring(
        &[
            "run",
            policy.to_str().expect("utf-8"),
            "--registry",
            registry.to_str().expect("utf-8"),
            "--time-zone",
            "WIB",
            "--out",
            "file",
        ],
        dir.path(),
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--time-zone says how a PostgreSQL"));
    assert!(!dir.path().join("file").exists(), "nothing is written");
    client.batch_execute(&format!("DROP TABLE {table}")).expect("drop");
}

/// The records of a run folder's log (its header and trailer left out).
fn records(run: &std::path::Path) -> Vec<serde_json::Value> {
    let log = std::fs::read_to_string(run.join("decisions.jsonl")).expect("log");
    log.lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .filter(|r: &serde_json::Value| r.get("row").is_some())
        .collect()
}
