//! The hostile-plugin suite, run as a region would run it: `jaring run` on the PPU 2025
//! sample with the plugin pinned in its policy, in a process of its own whose exit, output,
//! peak memory and time are measured.
//!
//! Cases are data: every `tests/plugins/hostile/*.wat` is a hand-written core module (made a
//! component with `jaring plugin build`'s `componentize`) whose header says what must
//! happen:
//!
//! ```text
//! ;; expect: <error kind>      (or `runs`)
//! ;; says: <words the error must contain>
//! ;; limit: <policy limit line, e.g. `batch-size 100`>
//! ```
//!
//! Every hostile case must end with exit 1 or 2 (never a signal), publish no output folder,
//! print one bounded error (at most [`MAX_STDERR`] bytes, no control characters but line
//! ends) naming the plugin file, stay under [`MAX_RSS_KIB`] of memory and [`MAX_SECONDS`];
//! the message is kept as a snapshot.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::root;

/// Bytes of stderr a contained plugin may cause.
const MAX_STDERR: usize = 4096;
/// Peak resident memory of the whole `jaring run` process.
const MAX_RSS_KIB: i64 = 1 << 20;
/// Wall time of one case (a debug build; the release build is several times faster).
const MAX_SECONDS: u64 = 60;

/// What a finished `jaring run` left behind.
pub struct Ran {
    pub exit: Option<i32>,
    pub signal: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub max_rss_kib: i64,
    pub elapsed: Duration,
    pub out: PathBuf,
}

/// The expectations in a `.wat` case's header.
struct Expect {
    kind: String,
    says: Vec<String>,
    limits: Vec<String>,
}

fn expectations(text: &str) -> Expect {
    let mut expect = Expect { kind: String::new(), says: Vec::new(), limits: Vec::new() };
    for line in text.lines().take_while(|l| l.starts_with(";;")) {
        let line = line.trim_start_matches(";;").trim();
        if let Some(k) = line.strip_prefix("expect:") {
            expect.kind = k.trim().to_owned();
        } else if let Some(s) = line.strip_prefix("says:") {
            expect.says.push(s.trim().to_owned());
        } else if let Some(l) = line.strip_prefix("limit:") {
            expect.limits.push(l.trim().to_owned());
        }
    }
    assert!(!expect.kind.is_empty(), "a case says what it expects: `;; expect: <kind>`");
    expect
}

/// The PPU 2025 policy with its plugin block replaced by `plugin` (pinned) and `limits`.
pub fn policy_with_plugin(plugin: &Path, sha256: &str, limits: &[String]) -> String {
    let text = std::fs::read_to_string(root().join("policies/ppu-2025.policy")).expect("ppu policy");
    let start = text.find("    plugin \"").expect("a plugin block");
    let end = start + text[start..].find('}').expect("its end") + 1;
    let limits: String = limits.iter().map(|l| format!("        limit {l}\n")).collect();
    format!(
        "{}    plugin \"{}\" {{\n        sha256 \"{sha256}\"\n{limits}    }}{}",
        &text[..start],
        plugin.display(),
        &text[end..]
    )
}

/// Runs `jaring run <policy> --registry <registry>` in `dir`, measuring it.
pub fn run_measured(dir: &Path, policy: &Path, registry: &Path, cache: &Path) -> Ran {
    run_measured_in(dir, policy, registry, cache, "en")
}

/// [`run_measured`] with the messages in `lang`.
#[expect(
    clippy::zombie_processes,
    reason = "the child is reaped by wait4, which also reports its peak memory"
)]
pub fn run_measured_in(dir: &Path, policy: &Path, registry: &Path, cache: &Path, lang: &str) -> Ran {
    let out = dir.join("out");
    let stdout = dir.join("stdout");
    let stderr = dir.join("stderr");
    let started = Instant::now();
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_jaring"))
        .args(["run", &policy.display().to_string(), "--registry", &registry.display().to_string()])
        .args(["--out", &out.display().to_string(), "--quiet"])
        .current_dir(dir)
        .env("JARING_CACHE_DIR", cache)
        .env("JARING_LANG", lang)
        .stdout(std::fs::File::create(&stdout).expect("stdout file"))
        .stderr(std::fs::File::create(&stderr).expect("stderr file"))
        .spawn()
        .expect("jaring starts");
    let pid = i32::try_from(child.id()).expect("a pid");
    let (status, usage) = wait_measured(pid, Duration::from_secs(MAX_SECONDS));
    let elapsed = started.elapsed();
    let read = |p: &Path| String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned();
    Ran {
        exit: libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status)),
        signal: libc::WIFSIGNALED(status).then(|| libc::WTERMSIG(status)),
        stdout: read(&stdout),
        stderr: read(&stderr),
        max_rss_kib: usage.ru_maxrss,
        elapsed,
        out,
    }
}

/// Waits for `pid` (killing it after `limit`) and returns its status and resource usage.
fn wait_measured(pid: i32, limit: Duration) -> (i32, libc::rusage) {
    let started = Instant::now();
    loop {
        let mut status = 0;
        // SAFETY: a zeroed rusage is a valid value for wait4 to fill in.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: `pid` is our own child; status and usage point to live locals.
        let done = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if done == pid {
            return (status, usage);
        }
        assert!(done == 0, "wait4 failed");
        if started.elapsed() > limit {
            // SAFETY: signalling our own child.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            panic!("jaring ran longer than {} s", limit.as_secs());
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Builds `core` (a `.wat` text) into a component in `dir`; returns its path and sha256.
pub fn component(dir: &Path, name: &str, core: &[u8]) -> (PathBuf, String) {
    let bytes = jaring::plugin::build::componentize(core).unwrap_or_else(|e| panic!("{name}: {e:#}"));
    let path = dir.join(format!("{name}.wasm"));
    std::fs::write(&path, &bytes).expect("write the component");
    (path, jaring::digest::sha256_hex(&bytes))
}

/// Runs the plugin `core` on the PPU sample with `limits`; the run folder is in `dir`.
pub fn run_plugin(dir: &Path, name: &str, core: &[u8], limits: &[String]) -> Ran {
    let (plugin, sha256) = component(dir, name, core);
    let policy = dir.join("case.policy");
    std::fs::write(&policy, policy_with_plugin(&plugin, &sha256, limits)).expect("write the policy");
    run_measured(dir, &policy, &root().join("data/samples/ppu-2025.csv"), &dir.join("cache"))
}

/// The checks every hostile case must pass; returns the message as a user sees it, with
/// the temporary folder written as `<case>`.
pub fn contained(name: &str, dir: &Path, ran: &Ran) -> String {
    assert_eq!(ran.signal, None, "{name}: killed by a signal\n{}", ran.stderr);
    assert!(matches!(ran.exit, Some(1 | 2)), "{name}: exit {:?}\n{}", ran.exit, ran.stderr);
    assert!(!ran.out.exists(), "{name}: an output folder was published");
    assert!(ran.stderr.len() <= MAX_STDERR, "{name}: {} bytes of stderr", ran.stderr.len());
    assert!(
        !ran.stderr.chars().any(|c| c != '\n' && jaring::text::is_control(c)),
        "{name}: control characters reached the terminal: {:?}",
        ran.stderr
    );
    assert_eq!(ran.stderr.matches("error:").count(), 1, "{name}: one error, printed once:\n{}", ran.stderr);
    assert!(ran.stderr.contains(&format!("{name}.wasm")), "{name}: the error names the plugin file");
    assert!(ran.max_rss_kib <= MAX_RSS_KIB, "{name}: peak memory {} KiB", ran.max_rss_kib);
    assert!(ran.elapsed < Duration::from_secs(MAX_SECONDS), "{name}: took {:?}", ran.elapsed);
    ran.stderr.replace(&dir.display().to_string(), "<case>")
}

#[test]
fn every_hostile_plugin_is_contained() {
    insta::glob!("../plugins/hostile", "*.wat", |path| {
        let name = path.file_stem().and_then(|s| s.to_str()).expect("a name").to_owned();
        let text = std::fs::read_to_string(path).expect("readable case");
        let expect = expectations(&text);
        let dir = tempfile::tempdir().expect("temp dir");
        let ran = run_plugin(dir.path(), &name, text.as_bytes(), &expect.limits);
        let shown = contained(&name, dir.path(), &ran);
        assert!(
            shown.contains(&format!("({})", expect.kind))
                || kind_words(&expect.kind).iter().any(|w| shown.contains(w)),
            "{name}: expected a `{}` error, got:\n{shown}",
            expect.kind
        );
        for words in &expect.says {
            assert!(shown.contains(words.as_str()), "{name}: the error should say `{words}`:\n{shown}");
        }
        insta::assert_snapshot!(shown);
        // and in Bahasa Indonesia, contained the same way, with no English sentence left
        // (what came from the plugin or wasmtime is quoted as code)
        let id = dir.path().join("id");
        std::fs::create_dir_all(&id).expect("mkdir");
        let ran = run_measured_in(
            &id,
            &dir.path().join("case.policy"),
            &root().join("data/samples/ppu-2025.csv"),
            &dir.path().join("cache"),
            "id",
        );
        let shown = ran.stderr.clone();
        assert!(shown.starts_with("kesalahan: "), "{name}: {shown}");
        let english: Vec<String> = shown.lines().flat_map(jaring::i18n::english_words).collect();
        assert!(english.is_empty(), "{name}: English {english:?} in:\n{shown}");
    });
}

/// How each kind of error reads (refusals of a scan rule name the rule in brackets).
fn kind_words(kind: &str) -> &'static [&'static str] {
    match kind {
        "out-of-fuel" => &["ran out of fuel"],
        "too-much-data" => &["handed the host more than"],
        "identity-column" => &["which is never sent to a plugin"],
        "info" => &["has a bad `info()`"],
        "refused" => &["refused to run"],
        "batch-dependent" => &["answers differently depending on the batch"],
        "contract-violation" => &["broke the contract"],
        "memory-limit" => &["tried to use more than"],
        "trap" => &["trapped"],
        "panic" => &["panicked"],
        "instantiate" => &["cannot be started"],
        _ => &[],
    }
}

#[test]
fn the_hand_written_honest_plugin_runs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string(root().join("tests/plugins/honest.wat")).expect("honest.wat");
    let ran = run_plugin(dir.path(), "honest", text.as_bytes(), &[]);
    assert_eq!(ran.exit, Some(0), "{}", ran.stderr);
    assert!(ran.out.join("enrollments.csv").is_file());
}

/// `honest.wat` with `extra` added inside the module.
fn honest_with(extra: &str) -> String {
    let text = std::fs::read_to_string(root().join("tests/plugins/honest.wat")).expect("honest.wat");
    let end = text.rfind(')').expect("the module's end");
    format!("{}{extra}\n)", &text[..end])
}

#[test]
fn plugins_too_large_to_compile_safely_are_refused_before_compiling() {
    // 70 KiB of straight-line code in one function (the default allows 64 KiB)
    let unit = "(local.set 0 (i32.add (local.get 0) (i32.const 1)))\n";
    let big = format!("(func $big (param i32) (result i32)\n{}(local.get 0))", unit.repeat(70 * 1024 / 7));
    let dir = tempfile::tempdir().expect("temp dir");
    let ran = run_plugin(dir.path(), "huge-function", honest_with(&big).as_bytes(), &[]);
    let shown = contained("huge-function", dir.path(), &ran);
    assert!(shown.contains("(function-size)") && shown.contains("raise `limit function-kib`"), "{shown}");
    // the same plugin loads when the policy raises the limit
    let dir = tempfile::tempdir().expect("temp dir");
    let ran = run_plugin(
        dir.path(),
        "huge-function",
        honest_with(&big).as_bytes(),
        &["function-kib 128".to_owned()],
    );
    assert_eq!(ran.exit, Some(0), "{}", ran.stderr);

    // a 1,1 MiB file (the default allows 1 MiB)
    let data = format!("(data (i32.const 200000) \"{}\")", "\\00".repeat(1_150_000));
    let dir = tempfile::tempdir().expect("temp dir");
    let ran = run_plugin(dir.path(), "huge-file", honest_with(&data).as_bytes(), &[]);
    let shown = contained("huge-file", dir.path(), &ran);
    assert!(shown.contains("(plugin-size)") && shown.contains("raise `limit plugin-kib`"), "{shown}");
}

/// Everything a run decided: the CSVs and the decision records (without their chain links,
/// which follow from the clock reading in the header).
fn decisions(out: &Path) -> String {
    let mut all = String::new();
    for file in ["enrollments.csv", "waiting_list.csv", "rejections.csv"] {
        all.push_str(&std::fs::read_to_string(out.join(file)).expect("a CSV"));
    }
    let log = std::fs::read_to_string(out.join("decisions.jsonl")).expect("the log");
    for line in log.lines().filter(|l| l.starts_with("{\"row\"")) {
        all.push_str(line.split(",\"prev\"").next().unwrap_or(line));
        all.push('\n');
    }
    assert!(all.len() > 100_000, "the run decided something");
    all
}

/// The one compiled-plugin file in a cache folder other than `except`.
fn cached_entry(cache: &Path, except: Option<&Path>) -> PathBuf {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(cache)
        .expect("the cache folder exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "jcwasm") && Some(p.as_path()) != except)
        .collect();
    assert_eq!(entries.len(), 1, "one compiled plugin in {entries:?}");
    entries.remove(0)
}

#[test]
fn a_tampered_compile_cache_never_changes_a_decision() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cache = dir.path().join("cache");
    // Kubu Raya's plugin rejects and ranks: its answers show in the decisions
    let policy = root().join("policies/kubu-raya-2025.policy");
    let registry = root().join("data/samples/kubu-raya-2025.csv");
    let run_in = |name: &str| {
        let folder = dir.path().join(name);
        std::fs::create_dir(&folder).expect("case folder");
        let ran = run_measured(&folder, &policy, &registry, &cache);
        assert_eq!(ran.exit, Some(0), "{name}: {}", ran.stderr);
        let decided = decisions(&ran.out);
        (ran.out, decided)
    };
    let (_, reference) = run_in("first");
    let entry = cached_entry(&cache, None);
    let good = std::fs::read(&entry).expect("the entry");

    // one flipped byte in every 4 KiB of the compiled code: recompiled, same decisions, the
    // entry replaced by a good one
    let mut flipped = good.clone();
    for i in (100..flipped.len()).step_by(4096) {
        flipped[i] ^= 0x01;
    }
    std::fs::write(&entry, &flipped).expect("tamper");
    let (_, again) = run_in("flipped");
    assert!(again == reference, "a flipped cache entry changed a decision");
    assert_eq!(std::fs::read(&entry).expect("the entry"), good, "the bad entry is replaced");

    // truncated, or without its digest line
    for (name, bytes) in [("truncated", good[..good.len() / 2].to_vec()), ("bare", good[65..].to_vec())] {
        std::fs::write(&entry, &bytes).expect("tamper");
        assert!(run_in(name).1 == reference, "{name}: a decision changed");
    }

    // someone who can rewrite the digest too (here: another plugin's compiled code under the
    // Paser plugin's name) is outside what a cache can check; `jaring replay` compiles
    // afresh and shows every changed decision
    let honest = std::fs::read_to_string(root().join("tests/plugins/honest.wat")).expect("honest.wat");
    let other = dir.path().join("other");
    std::fs::create_dir(&other).expect("folder");
    let _ = run_plugin(&other, "honest", honest.as_bytes(), &[]);
    let honest_entry = cached_entry(&other.join("cache"), None);
    std::fs::copy(&honest_entry, &entry).expect("swap");
    let (swapped_out, swapped) = run_in("swapped");
    assert!(swapped != reference, "the swapped code decides differently");
    let replay = std::process::Command::new(env!("CARGO_BIN_EXE_jaring"))
        .args(["replay", &swapped_out.display().to_string()])
        .env("JARING_CACHE_DIR", &cache)
        .output()
        .expect("replay runs");
    assert_eq!(
        replay.status.code(),
        Some(1),
        "{}{}",
        String::from_utf8_lossy(&replay.stdout),
        String::from_utf8_lossy(&replay.stderr)
    );
}
