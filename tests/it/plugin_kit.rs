//! The plugin developer kit (issue 17): `jaring plugin test` catches each contract breach of
//! the hostile plugin and names the registry row; `jaring plugin new` makes a plugin that
//! builds, pins and passes `plugin test` on the first try.

use std::path::Path;

use super::cli::jaring;
use super::root;

/// Paser 2022 with its plugin block replaced by `plugin_block`, written in `dir` beside
/// copies of the catalog and the rates it reads.
fn policy_with(dir: &Path, name: &str, plugin_block: &str) -> String {
    seed_policy_with("paser-2022", dir, name, plugin_block)
}

/// A seed policy with its plugin block replaced by `plugin_block`.
fn seed_policy_with(seed: &str, dir: &Path, name: &str, plugin_block: &str) -> String {
    let paser = std::fs::read_to_string(root().join(format!("policies/{seed}.policy"))).expect("policy");
    let start = paser.find("    plugin \"").expect("a plugin block");
    let end = start + paser[start..].find("    }\n").expect("its end") + "    }\n".len();
    let text = format!("{}{plugin_block}{}", &paser[..start], &paser[end..]);
    for file in ["occupations.toml", "rates.toml"] {
        std::fs::copy(root().join("policies").join(file), dir.join(file)).expect("copy");
    }
    let path = dir.join(format!("{name}.policy"));
    std::fs::write(&path, text).expect("write policy");
    path.to_str().expect("utf-8").to_owned()
}

/// The limits a JavaScript plugin needs (plugins/README.md).
const JS_LIMITS: [&str; 3] =
    ["limit plugin-kib 16.384", "limit function-kib 256", "limit fuel-per-applicant 2.000.000"];

/// A plugin block pinning `wasm` by its sha256, with `lines` (parameters, limits) in it.
fn pinned(wasm: &Path, lines: &[&str]) -> String {
    let mut block = format!("    plugin \"{}\" {{\n        sha256 \"{}\"\n", wasm.display(), sha256_of(wasm));
    for line in lines {
        block.push_str(&format!("        {line}\n"));
    }
    block + "    }\n"
}

fn sha256_of(path: &Path) -> String {
    use sha2::Digest as _;
    let bytes = std::fs::read(path).expect("plugin");
    sha2::Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn plugin_test_catches_each_breach_and_names_the_registry_row() {
    let dir = tempfile::tempdir().expect("temp dir");
    let hostile = root().join("plugins/hostile/hostile.wasm");
    // (behaviour, what the failing line says)
    let cases = [
        ("infinite-loop", "registry row"),
        ("panic", "registry row"),
        ("trap", "registry row"),
        ("huge-output", "registry row"),
        ("forged-ids", "registry row"),
        ("missing-answers", "registry row"),
        ("duplicate-answers", "registry row"),
        ("bad-priority", "registry row"),
        ("unknown-group", "registry row"),
        ("unknown-citation", "registry row"),
        ("refuse", "registry row"),
        ("batch-dependent", "batch independence: registry row"),
    ];
    for (behaviour, says) in cases {
        let behaviour_line = format!("param behaviour \"{behaviour}\"");
        let block = pinned(&hostile, &[&behaviour_line, "limit fuel-per-applicant 100.000"]);
        let policy = policy_with(dir.path(), &format!("kit-{behaviour}"), &block);
        let out = jaring(&["plugin", "test", &policy, "--count", "200"], dir.path());
        let _ = std::fs::remove_file(&policy);
        let said = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{behaviour}: {said}{}", String::from_utf8_lossy(&out.stderr));
        let failed: Vec<&str> = said.lines().filter(|l| l.trim_start().starts_with("FAIL")).collect();
        assert_eq!(failed.len(), 1, "{behaviour}: one check fails:\n{said}");
        assert!(failed[0].contains(says), "{behaviour}: `{}` should say `{says}`", failed[0]);
    }
    // and the seed plugin passes every check
    let out = jaring(
        &["plugin", "test", root().join("policies/paser-2022.policy").to_str().expect("utf-8")],
        dir.path(),
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said}");
    assert!(!said.contains("FAIL") && said.matches("PASS").count() >= 8, "{said}");
}

/// A named registry row: the breach is pinned to the row of the registry given.
#[test]
fn plugin_test_over_a_registry_names_its_row() {
    let dir = tempfile::tempdir().expect("temp dir");
    let hostile = root().join("plugins/hostile/hostile.wasm");
    let block = pinned(&hostile, &["param behaviour \"unknown-citation\""]);
    let policy = policy_with(dir.path(), "kit-registry", &block);
    let registry = root().join("data/samples/paser-2022.csv");
    let out =
        jaring(&["plugin", "test", &policy, "--registry", registry.to_str().expect("utf-8")], dir.path());
    let _ = std::fs::remove_file(&policy);
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{said}");
    // the first row of the sample the policy's rules leave eligible
    let run = jaring(
        &[
            "run",
            root().join("policies/paser-2022.policy").to_str().expect("utf-8"),
            "--registry",
            registry.to_str().expect("utf-8"),
            "--out",
            "run",
            "--quiet",
        ],
        dir.path(),
    );
    assert!(run.status.success());
    let rejected: std::collections::HashSet<String> =
        std::fs::read_to_string(dir.path().join("run/rejections.csv"))
            .expect("csv")
            .lines()
            .skip(1)
            .filter_map(|l| l.split(',').next().map(str::to_owned))
            .collect();
    let first_eligible = (1..=1500).find(|r| !rejected.contains(&r.to_string())).expect("someone eligible");
    assert!(said.contains(&format!("registry row {first_eligible}: ")), "row {first_eligible}: {said}");
    assert!(said.contains("not-declared"), "{said}");
}

/// `plugin new` in a copy of the plugin workspace: the crate builds (the lock file handled),
/// its unit test passes, and pinned in a policy it passes `plugin test`.
#[test]
fn a_new_plugin_builds_pins_and_passes_plugin_test() {
    let dir = tempfile::tempdir().expect("temp dir");
    let workspace = dir.path().join("plugins");
    std::fs::create_dir_all(&workspace).expect("dir");
    for file in ["Cargo.toml", "Cargo.lock", "TOOLCHAIN"] {
        std::fs::copy(root().join("plugins").join(file), workspace.join(file)).expect("copy");
    }
    for folder in ["sdk", "wit"] {
        copy_dir(&root().join("plugins").join(folder), &workspace.join(folder));
    }
    let out = jaring(&["plugin", "new", "Bad_Name", "--workspace", "plugins"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let out = jaring(&["plugin", "new", "my-region", "--workspace", "plugins"], dir.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let again = jaring(&["plugin", "new", "my-region", "--workspace", "plugins"], dir.path());
    assert_eq!(again.status.code(), Some(2), "never over an existing folder");
    assert!(
        std::fs::read_to_string(workspace.join("Cargo.lock")).expect("lock").contains("name = \"my-region\"")
    );
    // a unit test on the real program and a real registry row, from `plugin fixture`
    let fixture = jaring(
        &[
            "plugin",
            "fixture",
            root().join("policies/paser-2022.policy").to_str().expect("utf-8"),
            "--registry",
            root().join("data/samples/paser-2022.csv").to_str().expect("utf-8"),
            "--row",
            "1",
            "--out",
            "plugins/my-region/src/fixture.rs",
        ],
        dir.path(),
    );
    assert!(fixture.status.success(), "{}", String::from_utf8_lossy(&fixture.stderr));
    let lib = workspace.join("my-region/src/lib.rs");
    let mut source = std::fs::read_to_string(&lib).expect("lib.rs");
    source.push_str(
        "\n#[cfg(test)]\n#[path = \"fixture.rs\"]\nmod fixture;\n\n#[test]\nfn the_real_program_and_row_1() {\n    let program = fixture::program();\n    assert_eq!(program.id, \"paser-2022\");\n    assert!(program.regulations.iter().any(|r| r.id == \"kebijakan-paser\"));\n    let answer = MyRegion::assess(&program, &fixture::row_1()).unwrap();\n    assert_eq!(answer.id, 1);\n}\n",
    );
    std::fs::write(&lib, source).expect("write");
    let tested = std::process::Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args(["test", "--quiet", "-p", "my-region"])
        .current_dir(&workspace)
        .env_remove("CARGO_TARGET_DIR")
        .output()
        .expect("cargo");
    assert!(tested.status.success(), "{}", String::from_utf8_lossy(&tested.stderr));
    assert!(
        String::from_utf8_lossy(&tested.stdout).contains("2 passed"),
        "{}",
        String::from_utf8_lossy(&tested.stdout)
    );
    let built = jaring(&["plugin", "build", "plugins/my-region"], dir.path());
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let wasm = workspace.join("my-region/my-region.wasm");
    let block = pinned(&wasm, &[]);
    let policy = policy_with(dir.path(), "kit-new", &block);
    let out = jaring(&["plugin", "test", &policy, "--count", "300"], dir.path());
    let _ = std::fs::remove_file(&policy);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && !said.contains("FAIL"), "{said}{}", String::from_utf8_lossy(&out.stderr));
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("dir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            if entry.file_name() != "target" {
                copy_dir(&entry.path(), &target);
            }
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// `jaring check` runs a pinned plugin over synthetic applicants: citing an undeclared
/// regulation is a check error, not a run failure.
#[test]
fn check_reports_a_plugin_citing_an_undeclared_regulation() {
    let dir = tempfile::tempdir().expect("temp dir");
    let hostile = root().join("plugins/hostile/hostile.wasm");
    let block = pinned(&hostile, &["param behaviour \"unknown-citation\""]);
    let policy = policy_with(dir.path(), "kit-check", &block);
    let out = jaring(&["check", &policy], dir.path());
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(said.contains("error[plugin-breach]") && said.contains("not-declared"), "{said}");
    // a behaving plugin passes
    let block = pinned(&hostile, &[]);
    let policy = policy_with(dir.path(), "kit-check-ok", &block);
    let out = jaring(&["check", &policy], dir.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// The JavaScript port of the PPU plugin (`plugins/js/ppu`, built with ComponentizeJS and
/// committed) decides exactly like its Rust original, over every seed registry and a
/// synthetic PPU registry with the errors real ones have; and it passes `plugin test` with
/// the limits a JavaScript plugin needs.
#[test]
fn the_javascript_port_decides_exactly_like_the_rust_plugin() {
    let dir = tempfile::tempdir().expect("temp dir");
    let wasm = root().join("plugins/js/ppu/ppu.wasm");
    let block =
        pinned(&wasm, &["param priority-occupation nelayan", JS_LIMITS[0], JS_LIMITS[1], JS_LIMITS[2]]);
    let js = seed_policy_with("ppu-2025", dir.path(), "ppu-js", &block);
    let rust = root().join("policies/ppu-2025.policy");
    let synth = jaring(
        &[
            "synth",
            "--program",
            rust.to_str().expect("utf-8"),
            "--count",
            "3000",
            "--dirty",
            "--out",
            "synth.csv",
        ],
        dir.path(),
    );
    assert!(synth.status.success());
    let mut registries: Vec<String> = ["ppu-2025", "paser-2022", "kaltara-2023-12", "kubu-raya-2025"]
        .iter()
        .map(|r| root().join(format!("data/samples/{r}.csv")).to_str().expect("utf-8").to_owned())
        .collect();
    registries.push(dir.path().join("synth.csv").to_str().expect("utf-8").to_owned());
    for (k, registry) in registries.iter().enumerate() {
        for (policy, out) in
            [(js.as_str(), format!("js-{k}")), (rust.to_str().expect("utf-8"), format!("rust-{k}"))]
        {
            let ran = jaring(&["run", policy, "--registry", registry, "--out", &out, "--quiet"], dir.path());
            assert!(ran.status.success(), "{registry}: {}", String::from_utf8_lossy(&ran.stderr));
        }
        for file in ["enrollments.csv", "waiting_list.csv", "rejections.csv"] {
            let read =
                |side: &str| std::fs::read(dir.path().join(format!("{side}-{k}")).join(file)).expect("csv");
            assert!(
                read("js") == read("rust"),
                "{registry}: {file} differs between the JavaScript and Rust plugins"
            );
        }
    }
    let out = jaring(&["plugin", "test", &js, "--count", "300"], dir.path());
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && !said.contains("FAIL"), "{said}");
}

/// `plugin new --language js` in a copy of `plugins/js`: the plugin builds (ComponentizeJS
/// installed by `npm ci` the first time) and, pinned with the limits a JavaScript plugin
/// needs, passes `plugin test`.
#[test]
fn a_new_javascript_plugin_builds_and_passes_plugin_test() {
    let dir = tempfile::tempdir().expect("temp dir");
    let js = dir.path().join("plugins/js");
    std::fs::create_dir_all(&js).expect("dir");
    for file in ["package.json", "package-lock.json", "build.mjs"] {
        std::fs::copy(root().join("plugins/js").join(file), js.join(file)).expect("copy");
    }
    copy_dir(&root().join("plugins/js/sdk"), &js.join("sdk"));
    std::fs::copy(root().join("plugins/Cargo.toml"), dir.path().join("plugins/Cargo.toml")).expect("copy");
    let out = jaring(&["plugin", "new", "my-js", "--language", "js", "--workspace", "plugins"], dir.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let again = jaring(&["plugin", "new", "my-js", "--language", "js", "--workspace", "plugins"], dir.path());
    assert_eq!(again.status.code(), Some(2), "never over an existing folder");
    let built = jaring(&["plugin", "build", "plugins/js/my-js"], dir.path());
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let wasm = js.join("my-js/my-js.wasm");
    let block = pinned(&wasm, &JS_LIMITS);
    let policy = seed_policy_with("ppu-2025", dir.path(), "my-js", &block);
    let out = jaring(&["plugin", "test", &policy, "--count", "200"], dir.path());
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && !said.contains("FAIL"), "{said}{}", String::from_utf8_lossy(&out.stderr));
}
