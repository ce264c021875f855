//! Enrollment runs: the seed scenarios with their exact figures, every row accounted for on
//! clean and dirty registries, no double funding, determinism, and outputs that appear
//! whole or not at all.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use jaring::decision::{Decision, Rejection, RowOutcome};
use jaring::registry::{self, Registry};
use jaring::run::{self, Outcome};
use jaring::synth::{self, SynthFormat};

use super::cli::jaring;
use super::{host, root};

fn policy(name: &str) -> PathBuf {
    let seed = root().join("policies").join(format!("{name}.policy"));
    if seed.exists() { seed } else { root().join("tests/runs").join(format!("{name}.policy")) }
}

/// A synthetic registry for `program` (its first policy), read back.
fn registry_for(
    program: &str,
    count: u32,
    seed: u64,
    dirty: bool,
    format: SynthFormat,
) -> (Vec<u8>, Registry) {
    let programs = run::load_programs(&[policy(program)]).expect("policy loads");
    let bytes = synth::registry(&programs[0], count, seed, dirty, format).expect("synthetic registry");
    let registry =
        registry::read_bytes("synthetic", &bytes, format == SynthFormat::JsonLines, &programs[0].catalog)
            .expect("registry reads");
    (bytes, registry)
}

fn decide(programs: &[&str], registry: Registry) -> Outcome {
    let paths: Vec<PathBuf> = programs.iter().map(|p| policy(p)).collect();
    let programs = run::load_programs(&paths).expect("policies load");
    run::decide(programs, registry, host(), &()).expect("run completes")
}

fn enrolled(outcome: &Outcome, program: usize) -> usize {
    outcome.runs[program].decisions.iter().filter(|d| matches!(d, Some(Decision::Enrolled { .. }))).count()
}

fn summary(outcome: &Outcome) -> serde_json::Value {
    run::output::summary_json(outcome).expect("the rows are read")
}

fn every_row_has_one_outcome(outcome: &Outcome) {
    let s = summary(outcome);
    let o = &s["outcomes"];
    let total: u64 =
        ["enrolled", "waiting", "rejected", "invalid"].iter().map(|k| o[*k].as_u64().unwrap_or(0)).sum();
    assert_eq!(total, outcome.registry.rows.len() as u64);
    // the counts the log's checkpoint states are the summary's, and every row's outcome's
    let c = outcome.counts;
    assert_eq!(
        [c.enrolled, c.waiting, c.rejected, c.invalid].map(Some),
        ["enrolled", "waiting", "rejected", "invalid"].map(|k| o[k].as_u64())
    );
    let mut by_row = [0u64; 4];
    for i in 0..outcome.registry.rows.len() {
        by_row[outcome.row(i) as usize] += 1;
    }
    assert_eq!(by_row, [c.enrolled, c.waiting, c.rejected, c.invalid]);
}

#[test]
fn paser_enrolls_exactly_its_quota_and_spends_its_budget() {
    let (_, registry) = registry_for("paser-2022", 56_000, 11, false, SynthFormat::Csv);
    let outcome = decide(&["paser-2022"], registry);
    assert_eq!(enrolled(&outcome, 0), 32_268);
    let s = summary(&outcome);
    assert_eq!(s["programs"][0]["money_used"], 1_626_307_200u64);
    assert_eq!(s["programs"][0]["months"], 3);
    assert!(s["outcomes"]["waiting"].as_u64().unwrap_or(0) > 0, "a larger registry leaves people waiting");
    every_row_has_one_outcome(&outcome);
}

#[test]
fn ppu_enrolls_fifteen_thousand_over_its_two_tranches() {
    let (_, registry) = registry_for("ppu-2025", 45_000, 12, false, SynthFormat::Csv);
    let outcome = decide(&["ppu-2025"], registry);
    assert_eq!(enrolled(&outcome, 0), 15_000);
    let funding = &summary(&outcome)["programs"][0]["funding"];
    assert_eq!((&funding[0]["enrolled"], &funding[0]["used"]), (&10_000.into(), &2_016_000_000u64.into()));
    assert_eq!((&funding[1]["enrolled"], &funding[1]["used"]), (&5_000.into(), &1_008_000_000u64.into()));
    every_row_has_one_outcome(&outcome);
}

#[test]
fn kaltara_enrolls_seven_thousand_spread_over_its_regencies() {
    let (_, registry) = registry_for("kaltara-2023-12", 30_000, 13, false, SynthFormat::Csv);
    let outcome = decide(&["kaltara-2023-12"], registry);
    assert_eq!(enrolled(&outcome, 0), 7_000);
    let s = summary(&outcome);
    assert_eq!(s["programs"][0]["money_used"], 235_200_000u64);
    let caps: BTreeMap<String, u64> = s["programs"][0]["group_quotas"]
        .as_array()
        .expect("the plugin apportioned the quota")
        .iter()
        .map(|g| (g["group"].as_str().unwrap_or("").to_owned(), g["quota"].as_u64().unwrap_or(0)))
        .collect();
    assert_eq!(
        caps.keys().map(String::as_str).collect::<Vec<_>>(),
        ["65.01", "65.02", "65.03", "65.04", "65.71"]
    );
    assert_eq!(caps.values().sum::<u64>(), 7_000);
    // every regency got exactly its share
    let mut by_regency: BTreeMap<String, u64> = BTreeMap::new();
    for (i, d) in outcome.runs[0].decisions.iter().enumerate() {
        if let (Some(Decision::Enrolled { .. }), Ok(p)) = (d, &outcome.registry.rows[i].read) {
            *by_regency.entry(p.domicile().code()[..5].to_owned()).or_default() += 1;
        }
    }
    assert_eq!(by_regency, caps);
}

#[test]
fn kubu_raya_rejects_decree_categories_without_a_decree_number() {
    let (_, registry) = registry_for("kubu-raya-2025", 20_000, 14, false, SynthFormat::Csv);
    let outcome = decide(&["kubu-raya-2025"], registry);
    let mut rejected = 0;
    for (i, d) in outcome.runs[0].decisions.iter().enumerate() {
        let row = &outcome.registry.rows[i];
        let Ok(person) = &row.read else { continue };
        let code = &outcome.programs[0].catalog.occupations()[usize::from(person.occupation())].code;
        let decree = outcome.registry.text(i, registry::Field::DecreeNumber);
        if let Some(Decision::Rejected(Rejection::Plugin(n))) = d {
            let r = outcome.runs[0].rejection(n).expect("the rejection is kept");
            let (reason, citation) = (&r.reason, &r.citation);
            assert_eq!(reason, "missing-decree-number");
            assert!(["tenaga-honorer", "ketua-rt", "ketua-rw"].contains(&code.as_str()));
            assert!(decree.is_none());
            assert_eq!(citation.as_ref().map(|c| c.regulation.as_str()), Some("sk-bupati-kkr"));
            rejected += 1;
        }
        if matches!(d, Some(Decision::Enrolled { .. }))
            && ["tenaga-honorer", "ketua-rt", "ketua-rw"].contains(&code.as_str())
        {
            assert!(decree.is_some(), "row {} enrolled without a decree number", i + 1);
        }
    }
    assert!(rejected > 50, "the registry has decree categories without numbers ({rejected})");
}

#[test]
fn a_province_and_its_regency_never_fund_the_same_person_twice() {
    let (_, registry) = registry_for("ppu-2025", 40_000, 15, false, SynthFormat::Csv);
    // the command line order does not matter: the province yields to the regency
    let outcome = decide(&["kaltim-ppu-2025", "ppu-2025"], registry);
    assert_eq!(
        outcome.programs.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
        ["ppu-2025", "kaltim-ppu-2025"]
    );
    assert_eq!((enrolled(&outcome, 0), enrolled(&outcome, 1)), (15_000, 5_600));
    let mut seen = HashSet::new();
    for (i, row) in outcome.registry.rows.all().expect("rows").iter().enumerate() {
        let times = outcome
            .runs
            .iter()
            .filter(|r| matches!(r.decisions.get(i), Some(Decision::Enrolled { .. })))
            .count();
        assert!(times <= 1, "row {} is funded twice", i + 1);
        if times == 1
            && let Ok(p) = &row.read
        {
            assert!(seen.insert(p.nik()), "NIK {} is funded twice", p.nik());
        }
        // whoever the regency pays is told so by the province
        if matches!(outcome.runs[0].decisions.get(i), Some(Decision::Enrolled { .. })) {
            match outcome.runs[1].decisions.get(i) {
                Some(Decision::Rejected(Rejection::CoveredBy { program: 0, .. }))
                | Some(Decision::Rejected(Rejection::Rules(_))) => {}
                other => panic!("row {}: the province decided {other:?}", i + 1),
            }
        }
    }
    every_row_has_one_outcome(&outcome);
}

#[test]
fn dirty_registries_are_decided_to_the_last_row() {
    for (seed, format) in
        [(21, SynthFormat::Csv), (22, SynthFormat::CsvSemicolon), (23, SynthFormat::JsonLines)]
    {
        let (_, registry) = registry_for("ppu-2025", 8_000, seed, true, format);
        let invalid = registry.rows.all().expect("rows").iter().filter(|r| r.read.is_err()).count();
        assert!(invalid > 100, "a dirty registry has invalid rows ({invalid})");
        let duplicates = registry
            .rows
            .all()
            .expect("rows")
            .iter()
            .filter(|r| r.read.as_ref().is_ok_and(|p| p.repeats()))
            .count();
        assert!(duplicates > 0);
        assert_eq!(duplicates, registry.repeated.len(), "every repeat says which row it repeats");
        let outcome = decide(&["ppu-2025"], registry);
        every_row_has_one_outcome(&outcome);
        let rows = 0..outcome.registry.rows.len();
        assert_eq!(rows.filter(|i| outcome.row(*i) == RowOutcome::Invalid).count(), invalid);
        assert_eq!(outcome.counts.invalid, invalid as u64);
    }
}

#[test]
fn the_layout_of_the_file_does_not_change_any_decision() {
    let (_, a) = registry_for("paser-2022", 3_000, 31, true, SynthFormat::Csv);
    let (_, b) = registry_for("paser-2022", 3_000, 31, true, SynthFormat::CsvSemicolon);
    let (_, c) = registry_for("paser-2022", 3_000, 31, true, SynthFormat::JsonLines);
    let decisions = |r: Registry| decide(&["paser-2022"], r).runs.remove(0).decisions;
    let da = decisions(a);
    assert_eq!(da, decisions(b));
    assert_eq!(da, decisions(c));
}

/// NIKs enrolled by a run over `bytes`.
fn enrolled_niks(bytes: &[u8]) -> BTreeSet<String> {
    let programs = run::load_programs(&[policy("ppu-2025")]).expect("policy");
    let registry = registry::read_bytes("r", bytes, false, &programs[0].catalog).expect("reads");
    let outcome = run::decide(programs, registry, host(), &()).expect("decides");
    outcome
        .registry
        .rows
        .all()
        .expect("rows")
        .iter()
        .enumerate()
        .filter(|(i, _)| matches!(outcome.runs[0].decisions.get(*i), Some(Decision::Enrolled { .. })))
        .filter_map(|(_, r)| r.read.as_ref().ok().map(|p| p.nik().to_string()))
        .collect()
}

#[test]
fn reordering_the_registry_changes_nobody_s_fate() {
    let (bytes, _) = registry_for("ppu-2025", 40_000, 41, false, SynthFormat::Csv);
    let text = String::from_utf8(bytes).expect("utf-8");
    let mut lines: Vec<&str> = text.lines().collect();
    let header = lines.remove(0);
    lines.reverse();
    let reversed = format!("{header}\n{}\n", lines.join("\n"));
    assert_eq!(enrolled_niks(text.as_bytes()), enrolled_niks(reversed.as_bytes()));
}

/// Every file of a run folder as text (the log without its header and trailer, which hold
/// or hash the time).
fn read_dir_bytes(dir: &Path) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    for sub in ["", "artifacts"] {
        for e in std::fs::read_dir(dir.join(sub)).expect("output folder") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                continue;
            }
            let bytes = std::fs::read(&p).expect("file");
            let mut text = String::from_utf8_lossy(&bytes).into_owned();
            // the chain starts from the header, whose time differs from run to run: compare
            // the records without their links, and the summary without the chain head
            if p.file_name().is_some_and(|n| n == "decisions.jsonl") {
                let lines: Vec<&str> = text.lines().collect();
                text = lines[1..lines.len() - 1]
                    .iter()
                    .map(|l| l.split(",\"prev\":").next().unwrap_or(l))
                    .collect::<Vec<_>>()
                    .join("\n");
            }
            // the checkpoint's origin names the header, time included
            if p.file_name().is_some_and(|n| n == "checkpoint") {
                text = text.lines().skip(1).collect::<Vec<_>>().join("\n");
            }
            if p.file_name().is_some_and(|n| n == "summary.json") {
                text = text.lines().filter(|l| !l.contains("\"chain_head\"")).collect::<Vec<_>>().join("\n");
            }
            let name = p.strip_prefix(dir).expect("inside").display().to_string();
            files.insert(name, text);
        }
    }
    files
}

#[test]
fn two_runs_write_the_same_bytes_and_refuse_a_used_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let registry = dir.path().join("registry.csv");
    let (bytes, _) = registry_for("kaltara-2023-12", 5_000, 51, true, SynthFormat::Csv);
    std::fs::write(&registry, bytes).expect("write");
    let run = |out: &Path, extra: &[&str]| {
        let mut args = vec!["run", "policies/kaltara-2023-12.policy", "--registry"];
        let registry = registry.display().to_string();
        let out = out.display().to_string();
        args.extend([registry.as_str(), "--out", out.as_str(), "--quiet"]);
        args.extend(extra);
        jaring(&args, &root())
    };
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    assert_eq!(run(&a, &[]).status.code(), Some(0));
    assert_eq!(run(&b, &[]).status.code(), Some(0));
    let files = read_dir_bytes(&a);
    let names: Vec<&str> =
        files.keys().map(String::as_str).filter(|n| !n.starts_with("artifacts/")).collect();
    assert_eq!(
        names,
        [
            "checkpoint",
            "decisions.jsonl",
            "enrollments.csv",
            "leaves",
            "rejections.csv",
            "summary.json",
            "waiting_list.csv"
        ]
    );
    assert_eq!(
        files.keys().filter(|n| n.starts_with("artifacts/")).count(),
        4,
        "policy, catalog, rates, plugin"
    );
    let other = read_dir_bytes(&b);
    let differing: Vec<&String> = files.keys().filter(|k| files.get(*k) != other.get(*k)).collect();
    assert!(differing.is_empty(), "these differ between two runs: {differing:?}");
    // a used folder is refused, and left as it was
    let again = run(&a, &[]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    assert!(read_dir_bytes(&a) == files, "a refused run changed the folder");
    assert_eq!(run(&a, &["--force"]).status.code(), Some(0));
    assert!(read_dir_bytes(&a) == files, "a forced run wrote something else");
    // the folder is for its owner only
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        assert_eq!(std::fs::metadata(&a).expect("meta").permissions().mode() & 0o077, 0);
        // and so is every file in it, should one be copied out
        for file in ["decisions.jsonl", "enrollments.csv", "rejections.csv", "summary.json", "artifacts"] {
            let mode = std::fs::metadata(a.join(file)).expect("meta").permissions().mode();
            assert_eq!(mode & 0o077, 0, "{file} is {mode:o}");
        }
    }
}

#[test]
fn a_registry_without_the_nik_column_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let registry = dir.path().join("no-nik.csv");
    std::fs::write(
        &registry,
        "nama,tanggal_lahir,jenis_kelamin,pekerjaan,kode_wilayah\nSiti,1980-01-05,P,nelayan,64.09.01.1001\n",
    )
    .expect("write");
    let out = dir.path().join("out");
    let result = jaring(
        &[
            "run",
            "policies/ppu-2025.policy",
            "--registry",
            &registry.display().to_string(),
            "--out",
            &out.display().to_string(),
        ],
        &root(),
    );
    assert_eq!(result.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("lacks the column nik"), "{stderr}");
    assert!(stderr.contains("columns found: nama, tanggal_lahir"), "{stderr}");
    assert!(!out.exists());
    // the output folder's lock file stays (empty); nothing else is left
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with(".jaring-lock-"))
        .collect();
    assert_eq!(leftovers.len(), 1, "no staging folder is left behind: {leftovers:?}");
}

#[test]
fn the_outputs_agree_with_the_summary() {
    let dir = tempfile::tempdir().expect("temp dir");
    let registry = dir.path().join("r.csv");
    let (bytes, _) = registry_for("paser-2022", 4_000, 61, true, SynthFormat::Csv);
    std::fs::write(&registry, bytes).expect("write");
    let out = dir.path().join("out");
    let result = jaring(
        &[
            "run",
            "policies/paser-2022.policy",
            "--registry",
            &registry.display().to_string(),
            "--out",
            &out.display().to_string(),
        ],
        &root(),
    );
    assert_eq!(result.status.code(), Some(0), "{}", String::from_utf8_lossy(&result.stderr));
    let lines = |f: &str| std::fs::read_to_string(out.join(f)).expect("file").lines().count() - 1;
    let s: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).expect("summary"))
            .expect("json");
    let o = &s["outcomes"];
    let n = |k: &str| usize::try_from(o[k].as_u64().unwrap_or(0)).unwrap_or(0);
    assert_eq!(lines("enrollments.csv"), n("enrolled"));
    assert_eq!(lines("waiting_list.csv"), n("waiting"));
    assert_eq!(lines("rejections.csv"), n("rejected") + n("invalid"));
    assert_eq!(n("enrolled") + n("waiting") + n("rejected") + n("invalid"), 4_000);
    // the terminal counts every row once, in the same figures
    let stdout = String::from_utf8_lossy(&result.stdout);
    let g = |k: &str| jaring::money::grouped(o[k].as_u64().unwrap_or(0));
    let said = format!(
        "4.000 rows = {} enrolled + {} waiting + {} rejected + {} invalid",
        g("enrolled"),
        g("waiting"),
        g("rejected"),
        g("invalid")
    );
    assert!(stdout.contains(&said), "{stdout}");
    // the repeated NIKs and the invalid rows are named
    if s["duplicate_niks"].as_u64().unwrap_or(0) > 0 {
        assert!(stdout.contains("repeat") && stdout.contains("(as row "), "{stdout}");
    }
    if n("invalid") > 0 {
        assert!(stdout.contains("  invalid: "), "{stdout}");
    }
}

/// The compiled rules (`Rules::failures`, what runs use) say exactly what the readable
/// definition (`explain_rule`, what explanations use) says, rule by rule, for every person of
/// every seed program's dirty sample and for birth dates all over the calendar (leap days,
/// the days around each age boundary).
#[test]
fn compiled_rules_agree_with_their_definition() {
    use jaring::engine::{self, Presence};
    let presence = Presence {
        poverty_decile: true,
        already_covered: true,
        civil_servant: true,
        student: true,
        nik_status: true,
    };
    let mut checked = 0u64;
    for name in
        ["paser-2022", "ppu-2025", "kubu-raya-2025", "kaltara-2023-12", "kaltim-ppu-2025", "every-rule"]
    {
        let programs = run::load_programs(&[policy(name)]).expect("policy loads");
        let program = &programs[0];
        let rules = engine::Rules::new(program);
        let sample = root().join("data/samples").join(format!("{name}.csv"));
        let (_, registry) = if sample.exists() {
            (Vec::new(), run::read_registry(&sample, &programs).expect("sample reads"))
        } else {
            registry_for(name, 1500, 7, true, SynthFormat::Csv)
        };
        let rows = registry.rows.all().expect("rows");
        let persons: Vec<&registry::Person> = rows.iter().filter_map(|r| r.read.as_ref().ok()).collect();
        let at = program
            .rules
            .iter()
            .find_map(|r| match r.kind {
                jaring::policy::program::RuleKind::Age { at, .. } => Some(at),
                _ => None,
            })
            .expect("an age rule");
        for (k, person) in persons.iter().enumerate() {
            let mut f = person.fields();
            // every person once as read, then with birth dates around the age boundaries
            for variant in 0..4 {
                if variant > 0 {
                    let years = [14, 15, 17, 18, 55, 60, 64, 65, 66][k % 9] as i16;
                    let days = [-1i64, 0, 1, -366, 366, 59][(k + variant) % 6];
                    let base = jiff::civil::Date::new(at.year() - years, at.month(), at.day().min(28))
                        .expect("date");
                    f.birth_date = base.checked_add(jiff::Span::new().days(days)).unwrap_or(base);
                    if variant == 3 {
                        f.birth_date =
                            jiff::civil::Date::new(at.year() - years - (at.year() - years) % 4, 2, 29)
                                .unwrap_or(f.birth_date);
                    }
                    // and with every marking an exclusion or a decile rule reads, in turn
                    let flag = |j: usize| [None, Some(false), Some(true)][(k / 3 + j + variant) % 3];
                    let status = [
                        registry::NikStatus::Active,
                        registry::NikStatus::Inactive,
                        registry::NikStatus::Deceased,
                    ][(k / 7 + variant) % 3];
                    f.marks = registry::Marks::new(flag(2), flag(0), flag(1), status);
                    f.poverty_decile = [None, Some(1), Some(4), Some(5), Some(10)][(k + variant) % 5];
                }
                let p = registry::Person::new(f);
                let failed = rules.failures(&p);
                for i in 0..program.rules.len() {
                    let check = engine::explain_rule(program, i, &p, &presence);
                    assert_eq!(
                        failed & (1 << i) == 0,
                        check.passed,
                        "{name}: rule {i} on {:?} born {}",
                        program.rules[i].kind,
                        p.birth_date()
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 50_000, "only {checked} checks");
}

#[test]
fn rows_broken_as_a_whole_stay_in_their_place_with_their_reason() {
    // rows with a field too few, a field too many and bytes that are not UTF-8, spread over
    // a registry large enough to be read in several pieces at once
    let (bytes, _) = registry_for("ppu-2025", 20_000, 53, false, SynthFormat::Csv);
    let text = String::from_utf8(bytes).expect("utf-8");
    let mut lines: Vec<Vec<u8>> = text.lines().map(|l| l.as_bytes().to_vec()).collect();
    let broken: BTreeMap<usize, &str> =
        [(1, "short"), (7_777, "long"), (12_345, "bytes"), (20_000, "short")].into();
    for (&row, &how) in &broken {
        let line = &mut lines[row];
        match how {
            "short" => {
                let cut = line.iter().rposition(|&b| b == b',').expect("a comma");
                line.truncate(cut);
            }
            "long" => line.extend_from_slice(b",extra"),
            _ => line.splice(0..0, [0xff, 0xfe]).for_each(drop),
        }
    }
    let bytes: Vec<u8> = lines.join(&b'\n').into_iter().chain([b'\n']).collect();
    let programs = run::load_programs(&[policy("ppu-2025")]).expect("policy");
    let registry = registry::read_bytes("r", &bytes, false, &programs[0].catalog).expect("reads");
    assert_eq!(registry.rows.len(), 20_000);
    for (i, row) in registry.rows.all().expect("rows").iter().enumerate() {
        match (broken.get(&(i + 1)), &row.read) {
            (Some(&"bytes"), Err(e)) => {
                assert!(
                    e.reason.text(jaring::i18n::Lang::En).contains("not UTF-8"),
                    "row {}: {}",
                    i + 1,
                    e.reason.text(jaring::i18n::Lang::En)
                )
            }
            (Some(_), Err(e)) => assert!(
                e.reason.text(jaring::i18n::Lang::En).starts_with("the row has"),
                "row {}: {}",
                i + 1,
                e.reason.text(jaring::i18n::Lang::En)
            ),
            (Some(_), Ok(_)) => panic!("row {} is broken but was read", i + 1),
            (None, Err(e)) if e.field == "row" => {
                panic!("row {} is whole but was refused: {}", i + 1, e.reason.text(jaring::i18n::Lang::En))
            }
            _ => {}
        }
    }
}

/// `jaring run` of PPU 2025 over its sample, from `cwd`, into `out`.
fn run_ppu(cwd: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    let policy = root().join("policies/ppu-2025.policy").display().to_string();
    let registry = root().join("data/samples/ppu-2025.csv").display().to_string();
    let out = out.display().to_string();
    let mut args =
        vec!["run", policy.as_str(), "--registry", registry.as_str(), "--out", out.as_str(), "--quiet"];
    args.extend(extra);
    jaring(&args, cwd)
}

#[test]
fn no_output_folder_can_replace_an_input_or_the_current_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    std::fs::create_dir(&data).expect("mkdir");
    let registry = data.join("registry.csv");
    std::fs::copy(root().join("data/samples/ppu-2025.csv"), &registry).expect("copy");
    let run_in = |out: &Path, cwd: &Path| {
        let out_text = out.display().to_string();
        let args = [
            "run",
            "policies/ppu-2025.policy",
            "--registry",
            registry.to_str().expect("utf-8"),
            "--out",
            out_text.as_str(),
            "--force",
            "--quiet",
        ];
        jaring(&args, cwd)
    };
    // the registry's folder, the current folder, and a folder above it
    for (out, cwd) in [(data.clone(), root()), (dir.path().to_path_buf(), root())] {
        let result = run_in(&out, &cwd);
        assert_eq!(result.status.code(), Some(2), "{}", String::from_utf8_lossy(&result.stderr));
        assert!(String::from_utf8_lossy(&result.stderr).contains("an input of this run"));
        assert!(registry.is_file(), "the registry is still there");
    }
    let result = jaring(
        &[
            "run",
            &root().join("policies/ppu-2025.policy").display().to_string(),
            "--registry",
            registry.to_str().expect("utf-8"),
            "--out",
            ".",
            "--force",
        ],
        &data,
    );
    assert_eq!(result.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&result.stderr).contains("current folder"),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    assert!(registry.is_file(), "the registry is still there");
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_as_output_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("target");
    std::fs::create_dir(&target).expect("mkdir");
    std::fs::write(target.join("keep.txt"), "x").expect("write");
    let link = dir.path().join("link");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    let result = run_ppu(dir.path(), &link, &["--force"]);
    assert_eq!(result.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&result.stderr).contains("symbolic link"));
    assert!(std::fs::symlink_metadata(&link).expect("link").file_type().is_symlink());
    assert!(target.join("keep.txt").is_file());
}

#[test]
fn a_second_run_to_the_same_folder_is_refused_while_the_first_holds_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let lock =
        jaring::files::Lock::try_take(&jaring::run::staging::lock_file(&out)).expect("lock").expect("free");
    let result = run_ppu(dir.path(), &out, &[]);
    assert_eq!(result.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&result.stderr).contains("another jaring run"));
    assert!(!out.exists());
    drop(lock);
    assert_eq!(run_ppu(dir.path(), &out, &[]).status.code(), Some(0));
}

#[test]
fn what_killed_runs_left_is_removed_by_the_next_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let key = jaring::run::staging::lock_file(&out)
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_prefix(".jaring-lock-"))
        .expect("a key")
        .to_owned();
    // what a killed run and a failed publish leave, and a folder of another output
    for left in [format!(".jaring-run-{key}-abc123"), format!(".jaring-old-{key}-def456")] {
        std::fs::create_dir_all(dir.path().join(&left).join("artifacts")).expect("mkdir");
        std::fs::write(dir.path().join(&left).join("decisions.jsonl"), "NIK 6409…").expect("write");
    }
    std::fs::create_dir(dir.path().join(".jaring-run-0000000000000000-other")).expect("mkdir");
    // a real killed run too: stopped as soon as it has started writing
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_jaring"))
        .args(["run", "policies/ppu-2025.policy", "--registry", "data/samples/ppu-2025.csv", "--quiet"])
        .arg("--out")
        .arg(&out)
        .current_dir(root())
        .spawn()
        .expect("starts");
    std::thread::sleep(std::time::Duration::from_millis(30));
    let _ = child.kill();
    let _ = child.wait();
    let result = run_ppu(dir.path(), &out, &["--force"]);
    assert_eq!(result.status.code(), Some(0), "{}", String::from_utf8_lossy(&result.stderr));
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".jaring-run-") || n.starts_with(".jaring-old-"))
        .collect();
    assert_eq!(left, [".jaring-run-0000000000000000-other"], "only another output's folder is left");
}

#[test]
fn force_replaces_the_old_folder_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("mkdir");
    std::fs::write(out.join("old-file.txt"), "old").expect("write");
    assert_eq!(run_ppu(dir.path(), &out, &["--force"]).status.code(), Some(0));
    assert!(!out.join("old-file.txt").exists());
    assert!(out.join("decisions.jsonl").is_file());
    assert!(jaring::log::verify::verify(&out, None).expect("verifies").intact());
}

/// A paser-2022 variant with a quota of 1.000 and `extra` lines after it, in a temporary
/// folder (the plugin is found from the repository root).
fn reserving(dir: &Path, extra: &str) -> Vec<jaring::policy::Program> {
    let text = std::fs::read_to_string(root().join("policies/paser-2022.policy")).expect("seed");
    let text = text.replace(
        "    quota 32.268 cite kebijakan-paser\n",
        &format!("    quota 1.000 cite kebijakan-paser\n{extra}"),
    );
    let path = root()
        .join("target")
        .join(format!("reserve-{}.policy", dir.file_name().and_then(|n| n.to_str()).unwrap_or("x")));
    std::fs::write(&path, text).expect("write");
    let programs = run::load_programs(std::slice::from_ref(&path)).expect("policy loads");
    let _ = std::fs::remove_file(&path);
    programs
}

/// Places reserved for a district go to its people first, in rank order; places a reserve
/// cannot fill stay empty unless the policy releases them (issue 13).
#[test]
fn a_reserve_is_filled_first_and_its_unused_places_follow_the_policy() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_, registry) = registry_for("paser-2022", 20_000, 3, false, SynthFormat::Csv);
    let in_district = |o: &Outcome, code: &str| {
        o.runs[0]
            .decisions
            .iter()
            .enumerate()
            .filter(|(i, d)| {
                matches!(d, Some(Decision::Enrolled { .. }))
                    && o.registry.rows[*i].read.as_ref().is_ok_and(|p| p.domicile().code().starts_with(code))
            })
            .count()
    };
    // without a reserve, the district gets what its ranks give it
    let plain = run::decide(reserving(dir.path(), ""), registry.clone(), host(), &()).expect("runs");
    let before = in_district(&plain, "64.01.09");
    assert!(before < 300, "the test needs a district that gets fewer than the reserve: {before}");
    let held = run::decide(
        reserving(dir.path(), "    reserve 300 for region 64.01.09 cite kebijakan-paser\n"),
        registry.clone(),
        host(),
        &(),
    )
    .expect("runs");
    assert_eq!(enrolled(&held, 0), 1_000);
    assert_eq!(in_district(&held, "64.01.09"), 300);
    // a village with fewer eligible people than its reserve: the rest is kept empty…
    let village = held
        .registry
        .rows
        .all()
        .expect("rows")
        .iter()
        .filter_map(|r| r.read.as_ref().ok())
        .map(|p| p.domicile().code())
        .find(|c| c.starts_with("64.01.09."))
        .expect("a village")
        .to_owned();
    let eligible_there = plain.runs[0]
        .decisions
        .iter()
        .enumerate()
        .filter(|(i, d)| {
            !matches!(d, Some(Decision::Rejected(_)) | None)
                && plain.registry.rows[*i].read.as_ref().is_ok_and(|p| p.domicile().code() == village)
        })
        .count();
    assert!(eligible_there < 900, "{eligible_there}");
    let kept = run::decide(
        reserving(dir.path(), &format!("    reserve 900 for region {village} cite kebijakan-paser\n")),
        registry.clone(),
        host(),
        &(),
    )
    .expect("runs");
    assert_eq!(enrolled(&kept, 0), 1_000 - (900 - eligible_there));
    // …or given to everyone else
    let released = run::decide(
        reserving(
            dir.path(),
            &format!("    reserve 900 for region {village} release unused cite kebijakan-paser\n"),
        ),
        registry,
        host(),
        &(),
    )
    .expect("runs");
    assert_eq!(enrolled(&released, 0), 1_000);
    let s = summary(&released);
    let reserve = &s["programs"][0]["reserves"][0];
    assert_eq!(reserve["filled"], eligible_there as u64, "{reserve}");
    assert_eq!(reserve["release_unused"], true);
}

/// Without a plugin, `rank by` decides who comes first; the draw only breaks what it leaves
/// equal (issue 13).
#[test]
fn the_policy_s_own_ranking_orders_the_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_, registry) = registry_for("paser-2022", 20_000, 5, false, SynthFormat::Csv);
    let seed = std::fs::read_to_string(root().join("policies/paser-2022.policy")).expect("seed");
    let start = seed.find("    plugin \"").expect("a plugin block");
    let end = start + seed[start..].find("\n    }\n").expect("its end") + "\n    }\n".len();
    let text = format!("{}{}", &seed[..start], &seed[end..]).replace(
        "    quota 32.268 cite kebijakan-paser\n",
        "    quota 1.000 cite kebijakan-paser\n    rank by poverty-decile, age descending cite kebijakan-paser\n",
    );
    let path = dir.path().join("ranked.policy");
    std::fs::write(&path, text).expect("write");
    let programs = run::load_programs(std::slice::from_ref(&path)).expect("policy loads");
    let outcome = run::decide(programs, registry, host(), &()).expect("runs");
    assert_eq!(enrolled(&outcome, 0), 1_000);
    let decile =
        |i: usize| outcome.registry.rows[i].read.as_ref().ok().and_then(|p| p.poverty_decile()).unwrap_or(11);
    let (mut worst_in, mut best_out) = (0u8, 11u8);
    for (i, d) in outcome.runs[0].decisions.iter().enumerate() {
        match d {
            Some(Decision::Enrolled { .. }) => worst_in = worst_in.max(decile(i)),
            Some(Decision::Waiting { .. }) => best_out = best_out.min(decile(i)),
            _ => {}
        }
    }
    assert!(worst_in <= best_out, "enrolled up to decile {worst_in}, waiting from decile {best_out}");
    let order = &summary(&outcome)["programs"][0]["order"];
    assert_eq!(order["plugin_priority"], false);
    assert_eq!(order["keys"], serde_json::json!(["poverty-decile ascending", "age descending"]));
    assert!(!outcome.warnings.iter().any(|w| w.key == "warning-rank-column"), "{:?}", outcome.warnings);
    // a column the registry does not have ranks no one: the run says so
    let text = std::fs::read_to_string(&path)
        .expect("policy")
        .replace("rank by poverty-decile", "rank by column skor_dtks");
    std::fs::write(&path, text).expect("write");
    let programs = run::load_programs(std::slice::from_ref(&path)).expect("policy loads");
    let (_, registry) = registry_for("paser-2022", 2_000, 5, false, SynthFormat::Csv);
    let outcome = run::decide(programs, registry, host(), &()).expect("runs");
    let said: Vec<String> = outcome.warnings.iter().map(|w| w.text(jaring::i18n::Lang::Id)).collect();
    assert!(said.iter().any(|w| w.contains("tidak memiliki kolom `skor_dtks`")), "{said:?}");
}

/// `jaring synth` writes a registry row by row: to a file (replacing what was there only
/// once the whole registry is written) and to standard output, the same bytes as the
/// library gives, in every format (a workbook too: its creation time is fixed).
#[test]
fn synth_writes_the_same_bytes_to_a_file_and_to_standard_output() {
    let dir = tempfile::tempdir().expect("temp dir");
    let programs = run::load_programs(&[policy("kaltara-2023-12")]).expect("policy loads");
    let policy = policy("kaltara-2023-12");
    let policy = policy.to_str().expect("utf-8");
    for (format, name) in [
        (SynthFormat::Csv, "csv"),
        (SynthFormat::CsvSemicolon, "csv-semicolon"),
        (SynthFormat::JsonLines, "jsonl"),
        (SynthFormat::Xlsx, "xlsx"),
    ] {
        let expected = synth::registry(&programs[0], 4_000, 9, true, format).expect("synthetic registry");
        let file = dir.path().join(format!("registry.{name}"));
        std::fs::write(&file, b"an older registry, longer than nothing").expect("written");
        let args =
            ["synth", "--program", policy, "--count", "4000", "--seed", "9", "--dirty", "--format", name];
        let out = jaring(&[&args[..], &["--out", file.to_str().expect("utf-8")]].concat(), dir.path());
        assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        let written = std::fs::read(&file).expect("written");
        assert!(written == expected, "{name}: the file is the library's bytes");
        if format != SynthFormat::Xlsx {
            let out = jaring(&args, dir.path());
            assert!(out.status.success(), "{name}");
            assert!(out.stdout == expected, "{name}: standard output is the library's bytes");
        }
    }
    // nothing left behind beside the files
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("listed")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 4, "{names:?}");
}

/// Every file of a run folder, by name, with its bytes.
fn folder_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut left = vec![dir.to_path_buf()];
    while let Some(d) = left.pop() {
        for entry in std::fs::read_dir(&d).expect("listed") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                left.push(path);
            } else {
                let name = path.strip_prefix(dir).expect("inside").to_string_lossy().into_owned();
                files.insert(name, std::fs::read(&path).expect("read"));
            }
        }
    }
    files
}

/// Writes the outcome's run folder into `out` (a fixed start time, as `jaring run` would).
fn write_folder(outcome: &mut Outcome, out: &Path) -> Result<(), run::RunError> {
    let staging = jaring::run::staging::Staging::new(out, false, &[]).expect("staging");
    let options =
        run::output::LogOptions { registry_name: "registry.csv", started_at: "2026-12-02T00:00:00Z" };
    run::output::write_all(outcome, staging.path(), Some(options))?;
    staging.publish().expect("publishes");
    Ok(())
}

/// A streamed run — the registry read and checked a window at a time, of its text only the
/// columns decisions read held, the outputs written from the file read again — writes byte
/// for byte the folder a run holding the whole registry writes: two programs with waiting
/// lines and rejections by the other, a plugin shown a registry column, a policy ranking by
/// a column, dirty rows (quotes over line breaks, bad bytes, repeated NIKs), in windows of
/// every size from a few rows to the whole file.
#[test]
fn a_streamed_run_writes_what_a_run_holding_the_registry_writes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let audit = root().join("tests/audit/province-and-regency");
    // a policy ranking by a column of the registry (and no plugin)
    let seed = std::fs::read_to_string(root().join("policies/paser-2022.policy")).expect("seed");
    let start = seed.find("    plugin \"").expect("a plugin block");
    let end = start + seed[start..].find("\n    }\n").expect("block end") + "\n    }\n".len();
    let ranked = format!("{}{}", &seed[..start], &seed[end..])
        .replace("    quota 32.268 cite kebijakan-paser\n", "    quota 700 cite kebijakan-paser\n    rank by column urutan_usulan descending, age cite kebijakan-paser\n");
    assert!(ranked.contains("rank by column"), "the ranking went in");
    let ranked_path = dir.path().join("ranked.policy");
    std::fs::write(&ranked_path, ranked).expect("policy written");
    let paser = policy("paser-2022");
    let programs = run::load_programs(std::slice::from_ref(&paser)).expect("policy");
    let dirty = dir.path().join("dirty.csv");
    std::fs::write(&dirty, synth::registry(&programs[0], 3_000, 11, true, SynthFormat::Csv).expect("synth"))
        .expect("written");
    // the sample with columns the plugin does not ask for (it asks for `urutan_usulan`)
    let sample = std::fs::read_to_string(root().join("data/samples/paser-2022.csv")).expect("sample");
    let wide: String = sample
        .lines()
        .enumerate()
        .map(|(i, line)| {
            if i == 0 {
                format!("{line},luas_lantai,sumber_air\n")
            } else {
                format!("{line},{},sumur\n", 20 + i % 7)
            }
        })
        .collect();
    let wide_path = dir.path().join("wide.csv");
    std::fs::write(&wide_path, wide).expect("written");
    let dirty_json = dir.path().join("dirty.jsonl");
    let json = synth::registry(&programs[0], 3_000, 11, true, SynthFormat::JsonLines).expect("synth");
    std::fs::write(&dirty_json, json).expect("written");
    // sub-quotas and reserves (allocation reads each candidate's occupation and domicile)
    let reserving = root().join("benches/ppu-reserve.policy");
    let ppu = run::load_programs(std::slice::from_ref(&reserving)).expect("policy");
    let ppu_dirty = dir.path().join("ppu-dirty.csv");
    std::fs::write(&ppu_dirty, synth::registry(&ppu[0], 6_000, 5, true, SynthFormat::Csv).expect("synth"))
        .expect("written");
    let cases: [(&str, Vec<PathBuf>, PathBuf); 6] = [
        (
            "province and regency",
            vec![audit.join("province.policy"), audit.join("regency.policy")],
            audit.join("registry.csv"),
        ),
        ("paser's plugin, dirty rows", vec![paser.clone()], dirty.clone()),
        ("ranked by a column", vec![ranked_path.clone()], dirty.clone()),
        ("paser's plugin, columns it does not ask for", vec![paser.clone()], wide_path.clone()),
        ("paser's plugin, dirty JSON Lines", vec![paser.clone()], dirty_json.clone()),
        ("reserves and sub-quotas", vec![reserving.clone()], ppu_dirty.clone()),
    ];
    for (name, policies, registry) in cases {
        let programs = run::load_programs(&policies).expect("policies");
        let held = run::read_registry(&registry, &programs).expect("registry");
        assert!(held.cells.whole());
        let mut outcome = run::decide(programs, held, host(), &()).expect("decides");
        let whole_out = dir.path().join(format!("{name} held"));
        write_folder(&mut outcome, &whole_out).expect("writes");
        let expected = folder_files(&whole_out);
        assert!(
            expected.contains_key("waiting_list.csv") && expected.len() > 6,
            "{name}: {:?}",
            expected.keys()
        );
        let size = std::fs::metadata(&registry).expect("registry").len() as usize;
        // (some with the rows in a spill file, read back a few rows at a time)
        for (window, block) in [(1 << 10, None), (5_000, Some(3)), (1 << 16, Some(64)), (size + 1, None)] {
            let programs = run::load_programs(&policies).expect("policies");
            let spill = block.map(|_| dir.path());
            let mut streamed =
                run::read_registry_streamed_in(&registry, None, &programs, super::host(), window, spill)
                    .expect("registry");
            assert_eq!(streamed.rows.is_spilled(), block.is_some(), "{name}");
            if let Some(rows) = block {
                streamed.rows.set_block(rows);
            }
            assert!(!streamed.cells.whole(), "{name}: only some columns are held");
            // a plugin's columns are held as it asked, a registry's others not at all
            let column = |name: &str| streamed.header.iter().position(|h| h == name);
            if let Some(rank) = column("urutan_usulan") {
                assert_eq!(
                    streamed.cells.holds(rank),
                    name.starts_with("paser") || name.starts_with("ranked"),
                    "{name}"
                );
            }
            for other in ["luas_lantai", "sumber_air"].into_iter().filter_map(column) {
                assert!(!streamed.cells.holds(other), "{name}: column {other} held");
            }
            let mut outcome = run::decide(programs, streamed, host(), &()).expect("decides");
            let out = dir.path().join(format!("{name} {window}"));
            write_folder(&mut outcome, &out).expect("writes");
            let got = folder_files(&out);
            assert_eq!(
                got.keys().collect::<Vec<_>>(),
                expected.keys().collect::<Vec<_>>(),
                "{name}, {window}"
            );
            for (file, bytes) in &expected {
                assert!(got[file] == *bytes, "{name}, windows of {window} bytes: {file} differs");
            }
        }
    }
}

/// A registry file that changes between the reading of its rows and the writing of the
/// outputs (a byte of a name, rows added, rows cut off, a folder in its place) gives no run
/// folder: the run says, in the user's language, that the file changed — a CSV file or JSON
/// Lines (there also a key the first reading did not meet).
#[test]
fn a_registry_changed_before_the_outputs_are_written_gives_no_folder() {
    let programs = run::load_programs(&[policy("paser-2022")]).expect("policy");
    let sample = std::fs::read(root().join("data/samples/paser-2022.csv")).expect("sample");
    let json = synth::registry(&programs[0], 300, 5, false, SynthFormat::JsonLines).expect("synth");
    for (original, name) in [(sample, "registry.csv"), (json, "registry.jsonl")] {
        a_registry_changed(&original, name);
    }
}

fn a_registry_changed(original: &[u8], file: &str) {
    let dir = tempfile::tempdir().expect("temp dir");
    let original = original.to_vec();
    let name_at = match original.windows(9).position(|w| w == b"\"nama\": \"") {
        Some(key) if file.ends_with(".jsonl") => key + 9,
        _ => original.windows(5).position(|w| w == b"Fajar").expect("a name"),
    };
    let mut renamed = original.clone();
    renamed[name_at] = if renamed[name_at] == b'P' { b'Q' } else { b'P' };
    let mut longer = original.clone();
    let first_row_end = original.iter().position(|&b| b == b'\n').expect("header") + 1;
    longer.extend_from_slice(&original[first_row_end..first_row_end + 200]);
    let shorter = original[..original.len() - 300].to_vec();
    let mut changes = vec![
        ("a renamed person", Some(renamed)),
        ("more rows", Some(longer)),
        ("fewer rows", Some(shorter)),
        ("a folder in its place", None),
    ];
    if file.ends_with(".jsonl") {
        // a key of the same length in place of one every row has
        let key = original.windows(6).position(|w| w == b"\"nama\"").expect("a name key");
        let mut other_key = original.clone();
        other_key[key + 1..key + 5].copy_from_slice(b"namx");
        changes.push(("another key", Some(other_key)));
    }
    for (what, changed) in changes {
        let registry = dir.path().join(file);
        std::fs::write(&registry, &original).expect("written");
        let programs = run::load_programs(&[policy("paser-2022")]).expect("policy");
        let read = run::read_registry_streamed_in(
            &registry,
            None,
            &programs,
            super::host(),
            1 << 12,
            Some(dir.path()),
        )
        .expect("registry");
        let mut outcome = run::decide(programs, read, host(), &()).expect("decides");
        match changed {
            Some(bytes) => std::fs::write(&registry, bytes).expect("changed"),
            None => {
                std::fs::remove_file(&registry).expect("removed");
                std::fs::create_dir(&registry).expect("a folder");
            }
        }
        let out = dir.path().join("run");
        let error = write_folder(&mut outcome, &out).expect_err(what);
        let said = error.render(jaring::i18n::Lang::Id);
        assert!(said.contains("berubah selama hasil ditulis"), "{what}: {said}");
        assert!(!out.exists(), "{what}: no folder");
        if registry.is_dir() {
            std::fs::remove_dir(&registry).expect("removed");
        }
    }
}

/// A plugin's notes stay with the applicant it wrote them for: Paser's plugin notes every
/// applicant without a village proposal rank, and only those.
#[test]
fn a_plugin_s_notes_belong_to_the_rows_it_wrote_them_for() {
    let (bytes, _) = registry_for("paser-2022", 3_000, 17, false, SynthFormat::Csv);
    // the rank blanked in every seventh row, spelled out of range in every eleventh
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(&bytes[..]);
    let header = reader.headers().expect("a header").clone();
    let rank = header.iter().position(|h| h == "urutan_usulan").expect("a rank column");
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(&header).expect("header written");
    let mut unranked = HashSet::new();
    for (i, record) in reader.records().enumerate() {
        let mut fields: Vec<String> = record.expect("a record").iter().map(str::to_owned).collect();
        if i % 7 == 3 {
            fields[rank] = String::new();
        } else if i % 11 == 5 {
            fields[rank] = "0".to_owned();
        }
        // (the plugin's own test of a rank; some synthetic rows have none to begin with)
        if fields[rank].trim().parse::<i32>().ok().filter(|r| *r >= 1).is_none() {
            unranked.insert(i);
        }
        out.write_record(&fields).expect("record written");
    }
    let bytes = out.into_inner().expect("csv");
    let programs = run::load_programs(&[policy("paser-2022")]).expect("policy loads");
    let registry = registry::read_bytes("notes", &bytes, false, &programs[0].catalog).expect("reads");
    let outcome = decide(&["paser-2022"], registry);
    let run = &outcome.runs[0];
    let (mut noted, mut plain) = (0, 0);
    for i in 0..outcome.registry.rows.len() {
        let notes = run.notes(i);
        match run.answer(i) {
            None => assert!(notes.is_empty(), "row {i} was not assessed yet has notes"),
            Some(_) if unranked.contains(&i) => {
                assert_eq!(notes, ["no village proposal rank in `urutan_usulan`"], "row {i}");
                noted += 1;
            }
            Some(_) => {
                assert!(notes.is_empty(), "row {i} has a rank yet notes {notes:?}");
                plain += 1;
            }
        }
    }
    assert!(noted > 100 && plain > 1_000, "{noted} noted, {plain} not");
}

/// A process started with room for few open files (some services, macOS's 256): jaring raises
/// its own soft limit as far as the hard one allows; where the hard limit is too low, the run
/// stops with the fix in the user's language, and nothing is written.
#[test]
fn a_low_open_file_limit_is_raised_or_said_with_its_fix() {
    use std::os::unix::process::CommandExt as _;
    let dir = tempfile::tempdir().expect("temp dir");
    let mut hard = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: getrlimit writes the one struct it is given
    assert_eq!(unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut hard) }, 0);
    let run = |soft: libc::rlim_t, hard: libc::rlim_t, out: &Path, lang: &str| {
        let policy = root().join("policies/ppu-2025.policy");
        let registry = root().join("data/samples/ppu-2025.csv");
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_jaring"));
        command.arg("run").arg(policy).arg("--registry").arg(registry).arg("--out").arg(out);
        command.args(["--quiet", "--lang", lang]).current_dir(dir.path());
        // SAFETY: only setrlimit, which is async-signal-safe, runs between fork and exec
        unsafe {
            command.pre_exec(move || {
                let limit = libc::rlimit { rlim_cur: soft, rlim_max: hard };
                match libc::setrlimit(libc::RLIMIT_NOFILE, &limit) {
                    0 => Ok(()),
                    _ => Err(std::io::Error::last_os_error()),
                }
            });
        }
        command.output().expect("jaring runs")
    };
    // (a run of this registry holds more than six files open at once: its spill files, the
    // outputs, the plugin)
    let raised = dir.path().join("raised");
    let result = run(6, hard.rlim_max, &raised, "en");
    assert_eq!(result.status.code(), Some(0), "{}", String::from_utf8_lossy(&result.stderr));
    let normal = dir.path().join("normal");
    assert_eq!(run(hard.rlim_cur, hard.rlim_max, &normal, "en").status.code(), Some(0));
    for file in ["enrollments.csv", "waiting_list.csv", "rejections.csv"] {
        assert_eq!(std::fs::read(raised.join(file)).ok(), std::fs::read(normal.join(file)).ok(), "{file}");
    }
    for (lang, words) in [("en", "too many files are open at once"), ("id", "terlalu banyak berkas terbuka")]
    {
        let out = dir.path().join(format!("cramped-{lang}"));
        let result = run(6, 6, &out, lang);
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert_eq!(result.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(words) && stderr.contains("ulimit -n 4096"), "{stderr}");
        assert!(!stderr.contains("os error") && !stderr.contains("16 b"), "{stderr}");
        assert!(!out.exists());
    }
    // (beside the two folders, only the runs' lock files)
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with(".jaring-lock-"))
        .collect();
    left.sort();
    assert_eq!(left, ["normal", "raised"]);
}
