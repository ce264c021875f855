//! The log as a Merkle tree and the receipts made from it (issue 16), checked with a verifier
//! written here from RFC 6962's definition — not with the production code.

use std::path::Path;

use base64::Engine as _;
use jaring::log::merkle;
use sha2::{Digest, Sha256};

use super::cli::jaring;
use super::root;

type H = [u8; 32];

fn leaf_hash(bytes: &[u8]) -> H {
    let mut h = Sha256::new();
    h.update([0u8]);
    h.update(bytes);
    h.finalize().into()
}

fn node_hash(l: &H, r: &H) -> H {
    let mut h = Sha256::new();
    h.update([1u8]);
    h.update(l);
    h.update(r);
    h.finalize().into()
}

/// The largest power of two smaller than `n` (n > 1).
fn split(n: usize) -> usize {
    let mut k = 1;
    while k * 2 < n {
        k *= 2;
    }
    k
}

/// MTH(D[n]) of RFC 6962 §2.1, recursively.
fn mth(leaves: &[H]) -> H {
    match leaves.len() {
        0 => Sha256::digest([]).into(),
        1 => leaves[0],
        n => node_hash(&mth(&leaves[..split(n)]), &mth(&leaves[split(n)..])),
    }
}

/// The root a bottom-up audit path leads to, by the recursive definition: the last hash of
/// the path is the sibling at the top.
fn root_from(leaf: H, index: usize, size: usize, path: &[H]) -> Option<H> {
    if size == 1 {
        return path.is_empty().then_some(leaf);
    }
    let (&top, below) = path.split_last()?;
    let k = split(size);
    if index < k {
        Some(node_hash(&root_from(leaf, index, k, below)?, &top))
    } else {
        Some(node_hash(&top, &root_from(leaf, index - k, size - k, below)?))
    }
}

fn unhex(s: &str) -> H {
    let mut out = [0u8; 32];
    for (i, c) in s.as_bytes().chunks(2).enumerate() {
        out[i] = u8::from_str_radix(std::str::from_utf8(c).expect("ascii"), 16).expect("hex");
    }
    out
}

#[test]
fn every_leaf_of_every_tree_up_to_300_is_proven_by_an_independent_verifier() {
    for size in 1..=300usize {
        let leaves: Vec<H> = (0..size).map(|i| leaf_hash(format!("{{\"row\":{i}}}").as_bytes())).collect();
        let root = merkle::root(&leaves);
        assert_eq!(root, mth(&leaves), "root of {size}");
        for (i, leaf) in leaves.iter().enumerate() {
            let path = merkle::proof(&leaves, i).expect("a proof");
            assert_eq!(root_from(*leaf, i, size, &path), Some(root), "leaf {i} of {size}");
        }
    }
}

/// A run of the Paser sample; returns its folder.
fn paser_run(dir: &Path) -> std::path::PathBuf {
    let out = jaring(
        &[
            "run",
            root().join("policies/paser-2022.policy").to_str().expect("utf-8"),
            "--registry",
            root().join("data/samples/paser-2022.csv").to_str().expect("utf-8"),
            "--out",
            "run",
            "--quiet",
        ],
        dir,
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    dir.join("run")
}

#[derive(serde::Deserialize)]
struct Receipt {
    row: u64,
    leaf_index: usize,
    tree_size: usize,
    leaf: Option<String>,
    leaf_hash: Option<String>,
    proof: Vec<String>,
    root: String,
}

/// The receipt's own claim, checked here: (root it leads to, the record when disclosed).
fn independent(text: &str) -> (H, Option<serde_json::Value>, Receipt) {
    let r: Receipt = serde_json::from_str(text).expect("a receipt");
    let (leaf, record) = match (&r.leaf, &r.leaf_hash) {
        (Some(b64), _) => {
            let bytes = base64::engine::general_purpose::STANDARD.decode(b64).expect("base64");
            (leaf_hash(&bytes), Some(serde_json::from_slice(&bytes).expect("a record")))
        }
        (None, Some(h)) => (unhex(h), None),
        _ => panic!("no leaf"),
    };
    let path: Vec<H> = r.proof.iter().map(|p| unhex(p)).collect();
    let got = root_from(leaf, r.leaf_index, r.tree_size, &path).expect("a path of the right length");
    (got, record, r)
}

#[test]
fn receipts_from_the_run_and_its_redacted_copy_prove_records_against_one_root() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = paser_run(dir.path());
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(run.join("summary.json")).expect("summary"))
            .expect("json");
    let root_hex = summary["log"]["root"].as_str().expect("the root in summary.json").to_owned();
    assert_eq!(summary["log"]["tree_size"], 1500);
    // a person's receipt: the record, its proof, the root — checked here and by jaring
    let rows = std::fs::read_to_string(run.join("enrollments.csv")).expect("csv");
    let nik = rows.lines().nth(1).expect("a line").split(',').nth(1).expect("nik").to_owned();
    let spaced = format!("{} {} {}", &nik[..6], &nik[6..12], &nik[12..]);
    let out = jaring(&["receipt", "run", &spaced, "--out", "receipt.json"], dir.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(dir.path().join("receipt.json")).expect("receipt");
    assert!(text.len() <= 4096, "{} bytes", text.len());
    // the same receipt without the `leaves` file (made from the log's bytes alone)
    let leaves = std::fs::read(run.join("leaves")).expect("the leaves beside the log");
    assert_eq!(leaves.len(), 1500 * 32);
    std::fs::remove_file(run.join("leaves")).expect("remove");
    let out = jaring(&["receipt", "run", &nik, "--out", "receipt-slow.json"], dir.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read_to_string(dir.path().join("receipt-slow.json")).expect("receipt"), text);
    std::fs::write(run.join("leaves"), &leaves).expect("restore");
    // a `leaves` file that is not the records' is named by verify
    let mut wrong = leaves.clone();
    wrong[32 * 700] ^= 1;
    std::fs::write(run.join("leaves"), &wrong).expect("write");
    let out = jaring(&["verify", "run"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("record 701"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    std::fs::write(run.join("leaves"), &leaves).expect("restore");
    let (got, record, r) = independent(&text);
    assert_eq!(hex(&got), root_hex);
    assert_eq!(r.root, root_hex);
    let record = record.expect("disclosed");
    // the NIK as read is its cell as written, which a schema 5 record does not repeat
    assert!(record["input"].as_array().expect("cells").iter().any(|c| c == nik.as_str()), "{record}");
    assert!(record["read"].get("nik").is_none(), "{record}");
    assert_eq!(record["outcome"], "enrolled");
    assert_eq!(record["row"].as_u64(), Some(r.row));
    assert_eq!(record["salt"].as_str().map(str::len), Some(32), "a salted record");
    let verify = |file: &str, head: Option<&str>| {
        let mut args = vec!["verify", file];
        if let Some(h) = head {
            args.extend(["--expect-head", h]);
        }
        jaring(&args, dir.path())
    };
    assert!(verify("receipt.json", None).status.success());
    // the root as minutes write it: upper case, in groups
    let minutes: String = root_hex
        .to_uppercase()
        .chars()
        .collect::<Vec<_>>()
        .chunks(8)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(verify("receipt.json", Some(&minutes)).status.success());
    assert!(verify("run", Some(&minutes)).status.success(), "the folder verifies against its root");
    assert_eq!(verify("receipt.json", Some(&"ab".repeat(32))).status.code(), Some(1));
    // any changed leaf byte, proof hash, root or index fails, here and in jaring
    let value: serde_json::Value = serde_json::from_str(&text).expect("json");
    let bytes =
        base64::engine::general_purpose::STANDARD.decode(value["leaf"].as_str().expect("leaf")).expect("b64");
    let mut tampered = Vec::new();
    for i in (0..bytes.len()).step_by(41) {
        let mut b = bytes.clone();
        b[i] ^= 0x01;
        let mut v = value.clone();
        v["leaf"] = serde_json::json!(base64::engine::general_purpose::STANDARD.encode(&b));
        tampered.push(v);
    }
    for k in 0..value["proof"].as_array().expect("proof").len() {
        let mut v = value.clone();
        let p = v["proof"][k].as_str().expect("hex").to_owned();
        v["proof"][k] =
            serde_json::json!(format!("{}{}", if p.starts_with('0') { "1" } else { "0" }, &p[1..]));
        tampered.push(v);
    }
    let mut v = value.clone();
    v["root"] =
        serde_json::json!(format!("{}{}", if root_hex.starts_with('f') { "e" } else { "f" }, &root_hex[1..]));
    tampered.push(v);
    let mut v = value.clone();
    v["leaf_index"] = serde_json::json!(r.leaf_index + 1);
    tampered.push(v);
    for (k, t) in tampered.iter().enumerate() {
        let text = t.to_string();
        let r2: Receipt = serde_json::from_str(&text).expect("receipt");
        let ours = independent_ok(&text);
        assert!(!ours || hex(&independent(&text).0) != r2.root, "tampered receipt {k} passes our check");
        let file = format!("t{k}.json");
        std::fs::write(dir.path().join(&file), &text).expect("write");
        assert_eq!(verify(&file, None).status.code(), Some(1), "tampered receipt {k} passes jaring verify");
    }
    // the redacted copy keeps the root: the receipt above verifies against it, and its own
    // receipts prove the same leaves without disclosing them
    let out = jaring(&["export", "run", "--redact", "--out", "copy"], dir.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(verify("copy", Some(&root_hex)).status.success(), "the copy verifies against the original root");
    let out =
        jaring(&["receipt", "copy", "--row", &r.row.to_string(), "--out", "copy-receipt.json"], dir.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let copy_text = std::fs::read_to_string(dir.path().join("copy-receipt.json")).expect("receipt");
    let (copy_root, disclosed, copy_r) = independent(&copy_text);
    assert_eq!(hex(&copy_root), root_hex);
    assert!(disclosed.is_none(), "a redacted copy discloses no record");
    assert_eq!(
        copy_r.leaf_hash.as_deref(),
        Some(
            hex(&leaf_hash(
                &base64::engine::general_purpose::STANDARD
                    .decode(r.leaf.as_deref().expect("leaf"))
                    .expect("b64")
            ))
            .as_str()
        )
    );
    assert!(verify("copy-receipt.json", Some(&root_hex)).status.success());
    // a letter for the person
    let out = jaring(&["receipt", "run", &nik, "--out", "surat.html", "--lang", "id"], dir.path());
    assert!(out.status.success());
    let letter = std::fs::read_to_string(dir.path().join("surat.html")).expect("letter");
    assert!(letter.contains("Tanda terima keputusan") && letter.contains(&root_hex) && letter.contains(&nik));
    // a rejection's letter states the reason and the citation, which the record left to the
    // log's header: the letter puts them back
    let log = std::fs::read_to_string(run.join(jaring::log::LOG_FILE)).expect("log");
    let (_, header) = jaring::log::read_header(&run.join(jaring::log::LOG_FILE)).expect("header");
    let line =
        log.lines().find(|l| l.contains("\"reason\":\"age-outside-window\"")).expect("an age rejection");
    assert!(!line.contains("\"cite\""), "the citation is the header's: {line}");
    let rejected = jaring::log::compact::Shared::of(&header).parse(line).expect("a record");
    let cite = rejected.programs[0].cite.as_ref().expect("the rule's citation").to_string();
    let row = rejected.row.to_string();
    let out = jaring(&["receipt", "run", "--row", &row, "--out", "ditolak.html"], dir.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let letter = std::fs::read_to_string(dir.path().join("ditolak.html")).expect("letter");
    let esc =
        |t: &str| t.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    assert!(letter.contains(&esc(&cite)), "{cite} missing from the letter");
    let message = rejected.programs[0].message.as_ref().expect("a message").to_string();
    assert!(letter.contains(&esc(&message)), "{message} missing from the letter");
    // a header changed after the run (a citation rewritten) gives no letter: its words would
    // not be the ones the receipt's origin commits to
    let log_path = run.join(jaring::log::LOG_FILE);
    let forged = log.replacen(&cite, &format!("{cite} (dicabut)"), 1);
    assert_ne!(forged, log, "the citation is in the header");
    std::fs::write(&log_path, &forged).expect("write");
    let out = jaring(&["receipt", "run", "--row", &row, "--out", "palsu.html", "--lang", "id"], dir.path());
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("kepala log keputusan"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!dir.path().join("palsu.html").exists());
    std::fs::write(&log_path, &log).expect("restore");
    // and as a PDF, the receipt attached: what poppler reads back verifies against the root
    let out = jaring(&["receipt", "run", &nik, "--out", "surat.pdf", "--lang", "id"], dir.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = crate::office::pdf_text(&dir.path().join("surat.pdf"));
    assert!(
        text.contains("Tanda terima keputusan") && text.contains(&root_hex) && text.contains(&nik),
        "{text}"
    );
    let detached = std::process::Command::new("pdfdetach")
        .args(["-save", "1", "-o", "attached.json", "surat.pdf"])
        .current_dir(dir.path())
        .output()
        .expect("pdfdetach runs (install poppler-utils)");
    assert!(detached.status.success(), "{}", String::from_utf8_lossy(&detached.stderr));
    let attached = std::fs::read_to_string(dir.path().join("attached.json")).expect("attachment");
    assert!(independent_ok(&attached));
    assert!(verify("attached.json", Some(&root_hex)).status.success());
}

fn independent_ok(text: &str) -> bool {
    std::panic::catch_unwind(|| independent(text)).is_ok()
}

fn hex(h: &H) -> String {
    h.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn a_changed_record_is_named_and_the_root_no_longer_matches() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = paser_run(dir.path());
    let log = run.join("decisions.jsonl");
    let text = std::fs::read_to_string(&log).expect("log");
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    lines[10] = lines[10].replacen("\"enrolled\"", "\"rejected\"", 1);
    std::fs::write(&log, lines.join("\n") + "\n").expect("write");
    let out = jaring(&["verify", "run"], dir.path());
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(said.contains("decisions.jsonl line 11: this line is not the one the run wrote"), "{said}");
    assert!(said.contains("records make root"), "{said}");
}

#[test]
fn checkpoints_are_signed_by_the_office_and_cosigned_by_a_witness() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ok = |args: &[&str]| {
        let out = jaring(args, dir.path());
        assert!(
            out.status.success(),
            "{args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let fails = |args: &[&str]| {
        let out = jaring(args, dir.path());
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", String::from_utf8_lossy(&out.stdout));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    ok(&["key", "new", "--out", "office"]);
    ok(&["key", "new", "--out", "witness"]);
    ok(&["key", "new", "--out", "stranger"]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(dir.path().join("office.key")).expect("key").permissions().mode();
        assert_eq!(mode & 0o077, 0, "a private key is the owner's only");
    }
    // never over an existing key
    assert_eq!(jaring(&["key", "new", "--out", "office"], dir.path()).status.code(), Some(2));
    let policy = root().join("policies/paser-2022.policy");
    let registry = root().join("data/samples/paser-2022.csv");
    ok(&[
        "run",
        policy.to_str().expect("utf-8"),
        "--registry",
        registry.to_str().expect("utf-8"),
        "--out",
        "run",
        "--sign",
        "office.key",
        "--quiet",
    ]);
    ok(&["verify", "run", "--key", "office.pub"]);
    let said = fails(&["verify", "run", "--key", "stranger.pub"]);
    assert!(said.contains("no valid signature by `stranger`"), "{said}");
    ok(&["cosign", "run", "--key", "witness.key"]);
    ok(&["verify", "run", "--key", "office.pub", "--key", "witness.pub"]);
    // the receipt carries the checkpoint: its signatures are checked offline
    ok(&["receipt", "run", "--row", "5", "--out", "r.json"]);
    ok(&["verify", "r.json", "--key", "office.pub", "--key", "witness.pub"]);
    fails(&["verify", "r.json", "--key", "stranger.pub"]);
    // a receipt whose tree size was changed no longer matches its signed checkpoint
    let text = std::fs::read_to_string(dir.path().join("r.json")).expect("receipt");
    let mut v: serde_json::Value = serde_json::from_str(&text).expect("json");
    v["tree_size"] = serde_json::json!(v["tree_size"].as_u64().expect("size") + 1);
    std::fs::write(dir.path().join("r2.json"), v.to_string()).expect("write");
    fails(&["verify", "r2.json", "--key", "office.pub"]);
    // the redacted copy keeps the checkpoint and its signatures
    ok(&["export", "run", "--redact", "--out", "copy"]);
    ok(&["verify", "copy", "--key", "office.pub", "--key", "witness.pub"]);
    // a checkpoint changed after signing
    let cp = dir.path().join("run/checkpoint");
    let text = std::fs::read_to_string(&cp).expect("checkpoint");
    let mut lines: Vec<&str> = text.lines().collect();
    lines[1] = "1499";
    std::fs::write(&cp, lines.join("\n") + "\n").expect("write");
    let said = fails(&["verify", "run", "--key", "office.pub"]);
    assert!(said.contains("checkpoint"), "{said}");
}

#[test]
fn a_policy_taken_from_artifacts_replays_with_the_archived_plugin() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = paser_run(dir.path());
    let policy = std::fs::read_dir(run.join("artifacts"))
        .expect("artifacts")
        .map(|e| e.expect("entry").path())
        .find(|p| p.extension().is_some_and(|e| e == "policy"))
        .expect("the archived policy");
    let text = std::fs::read_to_string(&policy).expect("policy");
    let edited = text.replacen("quota 32.268", "quota 500", 1);
    assert_ne!(edited, text);
    // elsewhere, with no plugin beside it
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).expect("dir");
    std::fs::write(elsewhere.join("changed.policy"), edited).expect("write");
    let out = jaring(&["replay", "run", "--policy", "elsewhere/changed.policy"], dir.path());
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(1), "divergent, not failed: {said}");
    assert!(!said.contains("not found"), "{said}");
}

#[test]
fn the_impact_report_lists_no_change_that_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let _run = paser_run(dir.path());
    let text = std::fs::read_to_string(root().join("policies/paser-2022.policy")).expect("policy");
    let edited = text.replacen("age 15 .. 64", "age 15 .. 40", 1);
    assert_ne!(edited, text);
    // with its plugin where it looks for it (upwards)
    std::fs::create_dir_all(dir.path().join("plugins/paser")).expect("dir");
    std::fs::copy(root().join("plugins/paser/paser.wasm"), dir.path().join("plugins/paser/paser.wasm"))
        .expect("copy");
    let path = dir.path().join("younger.policy");
    std::fs::write(&path, edited).expect("write");
    let out =
        jaring(&["replay", "run", "--policy", path.to_str().expect("utf-8"), "--format", "json"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let impact: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(impact["losses"].as_array().is_some_and(|l| !l.is_empty()));
    for c in impact["other"].as_array().expect("other") {
        assert_ne!(c["before"], c["after"], "a listed change that changes nothing: {c}");
    }
    assert!(impact["details"].as_u64().is_some_and(|d| d > 0), "{}", impact["details"]);
}

#[test]
fn a_csv_line_added_or_removed_in_the_middle_is_named_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = paser_run(dir.path());
    let path = run.join("rejections.csv");
    let original = std::fs::read_to_string(&path).expect("csv");
    let lines: Vec<&str> = original.lines().collect();
    assert!(lines.len() > 300);
    let problems = |text: String| {
        std::fs::write(&path, text).expect("write");
        let report = jaring::log::verify::verify(&run, None).expect("verify runs");
        report
            .problems
            .iter()
            .filter(|p| p.file == "rejections.csv")
            .map(|p| (p.line, p.what.text(jaring::i18n::Lang::En)))
            .collect::<Vec<_>>()
    };
    // removed
    let mut removed = lines.clone();
    removed.remove(100);
    let found = problems(removed.join("\n") + "\n");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.contains("missing before this one"), "{found:?}");
    assert_eq!(found[0].0, Some(101));
    // added
    let mut added = lines.clone();
    added.insert(150, "1,6401010101010101,Nobody,rejected,x,y,z,,,,,,,");
    let found = problems(added.join("\n") + "\n");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.contains("not in the log"), "{found:?}");
    assert_eq!(found[0].0, Some(151));
    // changed
    let mut changed = lines.clone();
    let edited = changed[200].replacen(",rejected,", ",enrolled,", 1);
    changed[200] = &edited;
    let found = problems(changed.join("\n") + "\n");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.contains("outcome is `enrolled`"), "{found:?}");
    std::fs::write(&path, &original).expect("restore");
    assert!(jaring::log::verify::verify(&run, None).expect("verify").intact());
}

#[test]
fn explain_states_the_cut_off_for_a_person_on_the_waiting_list() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = root().join("tests/audit/province-and-regency");
    let arg = |f: &str| case.join(f).display().to_string();
    let out = jaring(
        &[
            "run",
            &arg("province.policy"),
            &arg("regency.policy"),
            "--registry",
            &arg("registry.csv"),
            "--out",
            "run",
            "--quiet",
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let waiting = std::fs::read_to_string(dir.path().join("run/waiting_list.csv")).expect("csv");
    let first = waiting.lines().nth(1).expect("someone waits");
    let fields: Vec<&str> = first.split(',').collect();
    let (rank, row) = (fields[1], fields[2]);
    let out = jaring(&["explain", "run", "--row", row], dir.path());
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said}");
    assert!(said.contains(&format!("{rank} more places")), "{said}");
}

#[test]
fn the_impact_report_comes_as_csv_and_counts_losses_by_reason() {
    let dir = tempfile::tempdir().expect("temp dir");
    let _run = paser_run(dir.path());
    let text = std::fs::read_to_string(root().join("policies/paser-2022.policy")).expect("policy");
    std::fs::create_dir_all(dir.path().join("plugins/paser")).expect("dir");
    std::fs::copy(root().join("plugins/paser/paser.wasm"), dir.path().join("plugins/paser/paser.wasm"))
        .expect("copy");
    let path = dir.path().join("smaller.policy");
    std::fs::write(&path, text.replacen("quota 32.268", "quota 800", 1)).expect("write");
    let out =
        jaring(&["replay", "run", "--policy", path.to_str().expect("utf-8"), "--format", "csv"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let csv = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("change,row,nik,name,district,program,before,after"));
    let losses: Vec<&str> = lines.filter(|l| l.starts_with("loss,")).collect();
    assert_eq!(losses.len(), 102, "902 enrolled before, 800 now");
    assert!(losses.iter().all(|l| l.ends_with("waiting, rank 1 (quota-full)") || l.contains("(quota-full)")));
    let out = jaring(&["replay", "run", "--policy", path.to_str().expect("utf-8")], dir.path());
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("102 lose their place: the quota is full (quota-full)")
            || said.contains("102 lose their place"),
        "{said}"
    );
}

#[test]
fn explain_says_whether_a_person_excluded_by_one_rule_alone_would_be_eligible() {
    let dir = tempfile::tempdir().expect("temp dir");
    let _run = paser_run(dir.path());
    let rejections = std::fs::read_to_string(dir.path().join("run/rejections.csv")).expect("csv");
    let rows: Vec<&str> = rejections
        .lines()
        .filter(|l| {
            l.contains(",already-covered,") || l.contains(",inactive-nik,") || l.contains(",civil-servant,")
        })
        .filter_map(|l| l.split(',').next())
        .take(12)
        .collect();
    assert!(!rows.is_empty());
    let mut told = 0;
    for row in rows {
        let out = jaring(&["explain", "run", "--row", row], dir.path());
        let said = String::from_utf8_lossy(&out.stdout);
        if said.contains("this person would be eligible (decided again") {
            told += 1;
        }
    }
    assert!(told > 0, "no counterfactual was stated");
}

/// For a person turned away by one rule alone — an occupation, an age, a domicile — explain
/// states the change that would have made them eligible; the test makes that change in the
/// registry row itself and runs the policy again on it: the person is no longer rejected.
#[test]
fn explain_names_the_one_change_that_would_have_made_a_rejected_person_eligible() {
    let dir = tempfile::tempdir().expect("temp dir");
    let _run = paser_run(dir.path());
    let registry = root().join("data/samples/paser-2022.csv");
    let mut reader = csv::Reader::from_path(&registry).expect("sample");
    let header = reader.headers().expect("header").clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let rejections = std::fs::read_to_string(dir.path().join("run/rejections.csv")).expect("csv");
    let column = |field: &str| match field {
        "birth_date" => "tanggal_lahir",
        "occupation" => "pekerjaan",
        "domicile" => "kode_wilayah",
        other => panic!("explain changed an unexpected field: {other}"),
    };
    for reason in ["occupation-not-eligible", "age-outside-window", "outside-residence"] {
        let candidates: Vec<&str> = rejections
            .lines()
            .filter(|l| l.contains(&format!(",{reason},")))
            .filter_map(|l| l.split(',').next())
            .take(40)
            .collect();
        let mut checked = 0;
        for row in candidates {
            let out = jaring(&["explain", "run", "--row", row, "--lang", "en"], dir.path());
            let said = String::from_utf8_lossy(&out.stdout).into_owned();
            let Some(at) = said.find("decided again with ") else { continue };
            assert!(said.contains("this person would be eligible"), "{said}");
            let change = &said[at + "decided again with ".len()..];
            let change = &change[..change.find(',').expect("a comma after the change")];
            let (field, value) = change.split_once(" = ").expect("field = value");
            let k: usize = row.parse().expect("row number");
            let mut changed = rows[k - 1].clone();
            let c = header.iter().position(|h| h == column(field)).expect("column");
            changed = changed.iter().enumerate().map(|(i, v)| if i == c { value } else { v }).collect();
            let one = dir.path().join(format!("one-{reason}.csv"));
            let mut w = csv::Writer::from_path(&one).expect("write");
            w.write_record(&header).expect("header");
            w.write_record(&changed).expect("row");
            w.flush().expect("flush");
            let out_dir = format!("again-{reason}");
            let out = jaring(
                &[
                    "run",
                    root().join("policies/paser-2022.policy").to_str().expect("utf-8"),
                    "--registry",
                    one.to_str().expect("utf-8"),
                    "--out",
                    &out_dir,
                    "--quiet",
                ],
                dir.path(),
            );
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            let again =
                std::fs::read_to_string(dir.path().join(&out_dir).join("rejections.csv")).expect("csv");
            assert_eq!(
                again.lines().count(),
                1,
                "{reason}: row {row} with {change} is still rejected:\n{again}"
            );
            checked += 1;
            break;
        }
        assert_eq!(checked, 1, "no row rejected for {reason} alone was explained with a change");
    }
}

/// `tests/receipt_check.py`, a verifier written apart from jaring in another language with
/// its standard library only, accepts receipts of the first, last and middle records (from
/// the run and from its redacted copy) and refuses each receipt with a record, proof, root,
/// size or checkpoint changed.
#[test]
fn receipts_hold_for_a_verifier_in_another_language_and_tampered_ones_do_not() {
    let dir = tempfile::tempdir().expect("temp dir");
    let _run = paser_run(dir.path());
    let out = jaring(&["export", "run", "--redact", "--out", "copy"], dir.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // the copy verifies against the head the minutes hold for the original
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("run/summary.json")).expect("summary"))
            .expect("json");
    let head = summary["log"]["chain_head"].as_str().expect("head");
    let out = jaring(&["verify", "copy", "--expect-head", &head.to_uppercase(), "--lang", "en"], dir.path());
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && said.contains("the head given is the original run's"), "{said}");
    let script = root().join("tests/receipt_check.py");
    let python = |file: &str| {
        std::process::Command::new("python3")
            .arg(&script)
            .arg(file)
            .arg(head)
            .current_dir(dir.path())
            .output()
            .expect("python3 runs (.ci/run installs it)")
    };
    let rows = 1500u32;
    for (k, row) in [1, 2, 3, 750, 1024, 1025, rows - 1, rows].into_iter().enumerate() {
        for folder in ["run", "copy"] {
            let file = format!("r-{folder}-{k}.json");
            let out = jaring(&["receipt", folder, "--row", &row.to_string(), "--out", &file], dir.path());
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            let checked = python(&file);
            assert!(
                checked.status.success(),
                "{folder} row {row}: {}",
                String::from_utf8_lossy(&checked.stdout)
            );
            assert!(String::from_utf8_lossy(&checked.stdout).contains(&format!("row {row},")));
        }
    }
    let original = std::fs::read_to_string(dir.path().join("r-run-3.json")).expect("receipt");
    let receipt: serde_json::Value = serde_json::from_str(&original).expect("json");
    let mut tampered: Vec<serde_json::Value> = Vec::new();
    let mut with = |key: &str, value: serde_json::Value| {
        let mut r = receipt.clone();
        r[key] = value;
        tampered.push(r);
    };
    let leaf = receipt["leaf"].as_str().expect("leaf");
    let mut bytes = base64::engine::general_purpose::STANDARD.decode(leaf).expect("b64");
    let at = bytes.len() / 2;
    bytes[at] ^= 1;
    with("leaf", base64::engine::general_purpose::STANDARD.encode(&bytes).into());
    let mut proof: Vec<String> = receipt["proof"]
        .as_array()
        .expect("proof")
        .iter()
        .map(|p| p.as_str().expect("hex").to_owned())
        .collect();
    proof[0] = proof[0].replacen(&proof[0][..1], if proof[0].starts_with('0') { "1" } else { "0" }, 1);
    with("proof", proof.into());
    with("root", "00".repeat(32).into());
    with("tree_size", (u64::from(rows) + 1).into());
    with("leaf_index", 750u32.into());
    let note = receipt["checkpoint"].as_str().expect("checkpoint").replacen("\n1500\n", "\n1501\n", 1);
    with("checkpoint", note.into());
    for (k, r) in tampered.iter().enumerate() {
        let file = format!("bad-{k}.json");
        std::fs::write(dir.path().join(&file), serde_json::to_string_pretty(r).expect("json"))
            .expect("write");
        let python_says = python(&file);
        assert!(!python_says.status.success(), "tampered receipt {k} passed the Python check");
        assert!(!verify_in(dir.path(), &file).status.success(), "tampered receipt {k} passed jaring verify");
    }
}

fn verify_in(dir: &Path, file: &str) -> std::process::Output {
    jaring(&["verify", file], dir)
}

/// A forger rewrites one record and makes everything derived from it agree: the leaves file, the root in the trailer and the summary, even the head in
/// the trailer and the summary. The head recorded in the minutes — which commits to the
/// header, the size and the root — still catches it; and a trailer that keeps the old head
/// is caught without the minutes.
#[test]
fn a_rewritten_record_with_every_derived_value_made_to_agree_fails_against_the_head() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = paser_run(dir.path());
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(run.join("summary.json")).expect("summary"))
            .expect("json");
    let head = summary["log"]["chain_head"].as_str().expect("head").to_owned();
    let text = std::fs::read_to_string(run.join("decisions.jsonl")).expect("log");
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let records = lines.len() - 2;
    // (schema 6: a record's leaf is the hash of its line, which links to no other)
    assert!(!lines[1].contains("\"prev\""), "{}", lines[1]);
    // row 10's salt changed: its leaf changes, nothing else does
    let k = 10;
    let at = lines[k].find("\"salt\":\"").expect("salt") + "\"salt\":\"".len();
    let flipped = if &lines[k][at..at + 1] == "0" { "1" } else { "0" };
    lines[k].replace_range(at..at + 1, flipped);
    let leaves: Vec<H> = lines[1..=records].iter().map(|l| leaf_hash(l.as_bytes())).collect();
    let new_root = hex(&mth(&leaves));
    let old_root = summary["log"]["root"].as_str().expect("root").to_owned();
    assert_ne!(new_root, old_root);
    let write = |lines: &[String], trailer_head: &str| {
        let mut trailer: serde_json::Value = serde_json::from_str(&lines[records + 1]).expect("trailer");
        trailer["root"] = new_root.clone().into();
        trailer["chain_head"] = trailer_head.into();
        let mut all = lines[..=records].to_vec();
        all.push(serde_json::to_string(&trailer).expect("json"));
        std::fs::write(run.join("decisions.jsonl"), all.join("\n") + "\n").expect("write");
        let leaves_file: Vec<u8> = leaves.iter().flatten().copied().collect();
        std::fs::write(run.join("leaves"), leaves_file).expect("write");
        let summary_text = std::fs::read_to_string(run.join("summary.json"))
            .expect("summary")
            .replace(&old_root, &new_root)
            .replace(&head, trailer_head);
        std::fs::write(run.join("summary.json"), summary_text).expect("write");
        let _ = std::fs::remove_file(run.join("checkpoint"));
    };
    // the trailer keeps the old head: verify alone names it
    write(&lines, &head);
    let out = jaring(&["verify", "run"], dir.path());
    assert!(!out.status.success(), "a trailer head that no longer follows from the root passed");
    // the trailer and summary given the head the forged log computes to: only the minutes tell
    let header_hash: H = Sha256::digest(lines[0].as_bytes()).into();
    let mut h = Sha256::new();
    h.update(b"jaring log head 4\n");
    h.update(header_hash);
    h.update((records as u64).to_be_bytes());
    h.update(unhex(&new_root));
    let forged_head = hex(&h.finalize().into());
    write(&lines, &forged_head);
    let out = jaring(&["verify", "run"], dir.path());
    assert!(out.status.success(), "the forgery is self-consistent: {}", String::from_utf8_lossy(&out.stdout));
    let out = jaring(&["verify", "run", "--expect-head", &head], dir.path());
    assert!(!out.status.success(), "a rewritten record passed against the head in the minutes");
    let out = jaring(&["verify", "run", "--expect-head", &old_root], dir.path());
    assert!(!out.status.success(), "a rewritten record passed against the root in the minutes");
}
