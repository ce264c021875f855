//! The plugin host: seed plugins are pinned, reproducible in shape and independent of how
//! applicants are batched; hostile plugins are each contained with their own error, and the
//! host goes on to run the next program normally.

use jaring::plugin::contract::{self, Applicant, Verdict};
use jaring::plugin::{Limits, Plugin, PluginError, program_view};
use jaring::policy::{Program, Workspace};
use jaring::region::{Level, level, regions};

use super::{host, root, seed_policies};

fn seed_programs() -> Vec<Program> {
    let mut ws = Workspace::new();
    seed_policies().iter().map(|p| ws.check_file(p).expect("readable").expect("seed checks")).collect()
}

fn load(program: &Program) -> Plugin {
    let spec = program.plugin.as_ref().expect("seed programs have plugins");
    host().load(&spec.path, spec.sha256.as_deref()).expect("seed plugin loads")
}

/// `n` varied applicants living in `region`, deterministically.
pub fn applicants(region: &str, occupations: &[String], n: u32) -> Vec<Applicant> {
    let places: Vec<&str> = regions()
        .descendants(region)
        .map(|(code, _)| code)
        .filter(|c| level(c) >= Some(Level::District))
        .collect();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |m: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % m
    };
    (0..n)
        .map(|id| {
            let occupation =
                occupations[usize::try_from(next(occupations.len() as u64)).unwrap_or(0)].clone();
            let domicile = places[usize::try_from(next(places.len() as u64)).unwrap_or(0)].to_owned();
            let decile = u8::try_from(next(12)).unwrap_or(0);
            Applicant {
                id,
                birth_date: contract::Date {
                    year: 1970 + u16::try_from(next(40)).unwrap_or(0),
                    month: 5,
                    day: 17,
                },
                sex: if next(2) == 0 { contract::Sex::Male } else { contract::Sex::Female },
                occupation,
                domicile,
                poverty_decile: (1..=10).contains(&decile).then_some(decile),
                decree_number: (next(3) > 0).then(|| format!("800/{}/2025", next(999))),
                proposer: Some("desa".to_owned()),
                attributes: vec![contract::Attribute {
                    name: "urutan_usulan".to_owned(),
                    value: if next(10) == 0 { String::new() } else { next(300).to_string() },
                }],
            }
        })
        .collect()
}

fn occupations(program: &contract::Program) -> Vec<String> {
    program.occupations.clone()
}

/// The answer for every applicant is the same alone, in one batch, in small batches and in
/// reverse order.
fn batch_independent(
    plugin: &Plugin,
    program: &contract::Program,
    people: &[Applicant],
) -> Result<(), String> {
    let whole = Limits { batch_size: people.len(), ..Limits::default() };
    let reference = plugin.assess(program, people, &whole).map_err(|e| e.to_string())?.assessments;
    let small = Limits { batch_size: 7, ..Limits::default() };
    let batched = plugin.assess(program, people, &small).map_err(|e| e.to_string())?.assessments;
    if batched != reference {
        return Err("batches of 7 answer differently from one batch".to_owned());
    }
    let mut reversed: Vec<Applicant> = people.to_vec();
    reversed.reverse();
    let mut answer = plugin.assess(program, &reversed, &whole).map_err(|e| e.to_string())?.assessments;
    answer.reverse();
    if answer != reference {
        return Err("reversing the applicants changes the answers".to_owned());
    }
    let single = Limits { batch_size: 1, ..Limits::default() };
    for (i, person) in people.iter().enumerate().step_by(17) {
        let alone =
            plugin.assess(program, std::slice::from_ref(person), &single).map_err(|e| e.to_string())?;
        if alone.assessments[0] != reference[i] {
            return Err(format!("applicant {} alone is answered differently", person.id));
        }
    }
    Ok(())
}

#[test]
fn every_seed_plugin_answers_each_applicant_independently_of_the_batch() {
    for program in seed_programs() {
        let plugin = load(&program);
        let view = program_view(&program);
        let people = applicants(&program.region, &occupations(&view), 400);
        batch_independent(&plugin, &view, &people).unwrap_or_else(|e| panic!("{}: {e}", program.id));
    }
}

#[test]
fn the_independence_check_catches_a_batch_dependent_plugin() {
    let (plugin, program) = hostile("batch-dependent");
    let people = applicants("64.09", &program.occupations, 50);
    assert!(batch_independent(&plugin, &program, &people).is_err());
}

#[test]
fn seed_plugins_say_who_they_are_and_use_only_the_host_log() {
    for program in seed_programs() {
        let spec = program.plugin.as_ref().expect("plugin");
        let inspection = jaring::plugin::build::inspect(&spec.path).expect("inspects");
        assert_eq!(Some(inspection.sha256.as_str()), spec.sha256.as_deref());
        assert_eq!(inspection.contract.as_deref(), Some(jaring::plugin::CONTRACT));
        assert!(inspection.imports.iter().all(|i| jaring::plugin::ALLOWED_IMPORTS.contains(&i.as_str())));
        assert_eq!(inspection.exports, ["info", "assess", "apportion"]);
        assert_eq!(load(&program).info.name, program.id);
    }
}

/// Contract 0.1.0 plugins keep working: the seed plugins as they were built before 0.2.0
/// (`tests/plugins/contract-0.1.0/`) answer every applicant exactly as their 0.2.0 builds do,
/// attributes, decree numbers, notes and groups included, in batches of any size.
#[test]
fn a_plugin_built_against_contract_0_1_0_answers_as_its_0_2_0_build() {
    for program in seed_programs() {
        let current = load(&program);
        let spec = program.plugin.as_ref().expect("plugin");
        let name = spec.path.file_name().expect("a file");
        let old = root().join("tests/plugins/contract-0.1.0").join(name);
        let old = host().load(&old, None).expect("the 0.1.0 build loads");
        assert_eq!(current.contract(), jaring::plugin::CONTRACT, "{}", program.id);
        assert_eq!(old.contract(), jaring::plugin::CONTRACTS[0], "{}", program.id);
        assert_eq!((&old.info.name, &old.info.attributes), (&current.info.name, &current.info.attributes));
        let view = program_view(&program);
        let mut people = applicants(&program.region, &occupations(&view), 600);
        // texts a batch carries end to end: empty, multi-byte, and missing cells
        people[1].attributes.clear();
        people[2].decree_number = Some(String::new());
        people[3].attributes[0].value = "  12 ".to_owned();
        people[4].proposer = Some("Kepala Desa Sepaku — ✓".to_owned());
        for batch_size in [1, 7, 600] {
            let limits = Limits { batch_size, ..Limits::default() };
            let before = old.assess(&view, &people, &limits).expect("0.1.0 assesses").assessments;
            let after = current.assess(&view, &people, &limits).expect("0.2.0 assesses").assessments;
            assert_eq!(before, after, "{} in batches of {batch_size}", program.id);
        }
    }
}

#[test]
fn ppu_serves_the_poorest_first_then_fishermen_and_groups_by_district() {
    let program = seed_programs().into_iter().find(|p| p.id == "ppu-2025").expect("ppu");
    let plugin = load(&program);
    let view = program_view(&program);
    let mut people = applicants("64.09", &["nelayan".to_owned(), "petani".to_owned()], 4);
    let deciles = [(Some(1), "petani"), (Some(1), "nelayan"), (Some(2), "nelayan"), (None, "nelayan")];
    for (p, (decile, occupation)) in people.iter_mut().zip(deciles) {
        p.poverty_decile = decile;
        p.occupation = occupation.to_owned();
    }
    let answer = plugin.assess(&view, &people, &Limits::default()).expect("assesses").assessments;
    let priorities: Vec<i32> = answer.iter().map(|a| a.priority).collect();
    assert_eq!(priorities, [100_000, 105_000, 95_000, 5_000]);
    for (a, p) in answer.iter().zip(&people) {
        assert_eq!(a.group.as_deref(), Some(&p.domicile[..8]));
    }
}

#[test]
fn kubu_raya_rejects_decree_categories_without_a_decree_number() {
    let program = seed_programs().into_iter().find(|p| p.id == "kubu-raya-2025").expect("kubu raya");
    let plugin = load(&program);
    let view = program_view(&program);
    let mut people = applicants("61.12", &["tenaga-honorer".to_owned()], 3);
    people[0].decree_number = None;
    people[1].decree_number = Some("  ".to_owned());
    people[2].decree_number = Some("800/12/2025".to_owned());
    let answer = plugin.assess(&view, &people, &Limits::default()).expect("assesses").assessments;
    for rejected in &answer[..2] {
        let Verdict::Reject(r) = &rejected.verdict else { panic!("{rejected:?} should be rejected") };
        assert_eq!(r.reason, "missing-decree-number");
        assert_eq!(r.citation.as_ref().map(|c| c.regulation.as_str()), Some("sk-bupati-kkr"));
    }
    assert_eq!(answer[2].verdict, Verdict::Accept);
    people[0].occupation = "guru-ngaji".to_owned();
    let answer = plugin.assess(&view, &people[..1], &Limits::default()).expect("assesses").assessments;
    assert_eq!(answer[0].verdict, Verdict::Accept, "guru ngaji needs no decree");
}

#[test]
fn kaltara_spreads_its_quota_by_largest_remainder() {
    let program = seed_programs().into_iter().find(|p| p.id == "kaltara-2023-12").expect("kaltara");
    let plugin = load(&program);
    let view = program_view(&program);
    let groups: Vec<contract::GroupCount> =
        [("65.01", 3_000), ("65.02", 1_000), ("65.03", 2_500), ("65.04", 500), ("65.71", 2_001)]
            .into_iter()
            .map(|(g, e)| contract::GroupCount { group: g.to_owned(), eligible: e })
            .collect();
    let (allotments, _) = plugin.apportion(&view, 7_000, &groups, &Limits::default()).expect("apportions");
    let quotas: Vec<(String, u32)> = allotments.into_iter().map(|a| (a.group, a.quota)).collect();
    // 7.000 × eligible / 9.001: 2332.9, 777.7, 1944.2, 388.8, 1556.2 → floors 6.997, +1 to the
    // three largest remainders (65.01 .9, 65.04 .8, 65.02 .7)
    let expected = [("65.01", 2_333), ("65.02", 778), ("65.03", 1_944), ("65.04", 389), ("65.71", 1_556)];
    assert_eq!(quotas, expected.map(|(g, q)| (g.to_owned(), q)));
}

#[test]
fn fuel_use_is_the_same_every_time() {
    let program = seed_programs().into_iter().find(|p| p.id == "paser-2022").expect("paser");
    let plugin = load(&program);
    let view = program_view(&program);
    let people = applicants("64.01", &view.occupations, 1000);
    let limits = Limits { batch_size: 250, ..Limits::default() };
    let a = plugin.assess(&view, &people, &limits).expect("assesses");
    let b = plugin.assess(&view, &people, &limits).expect("assesses");
    let fuel = |x: &jaring::plugin::Assessed| x.batches.iter().map(|s| s.fuel).collect::<Vec<_>>();
    assert_eq!(fuel(&a), fuel(&b));
    assert_eq!(a.batches.len(), 4);
    assert!(fuel(&a).iter().all(|f| *f > 0));
}

/// The hostile plugin with `param behaviour "<behaviour>"`, and a program for it in PPU.
fn hostile(behaviour: &str) -> (Plugin, contract::Program) {
    let plugin =
        host().load(&root().join("plugins/hostile/hostile.wasm"), None).expect("hostile plugin loads");
    let mut program = program_view(&seed_programs().into_iter().find(|p| p.id == "ppu-2025").expect("ppu"));
    program.params = vec![contract::Param {
        name: "behaviour".to_owned(),
        value: contract::ParamValue::Text(behaviour.to_owned()),
    }];
    (plugin, program)
}

fn hostile_error(behaviour: &str, limits: &Limits) -> PluginError {
    let (plugin, program) = hostile(behaviour);
    let people = applicants("64.09", &program.occupations, 10);
    match plugin.assess(&program, &people, limits) {
        Ok(_) => panic!("`{behaviour}` should fail"),
        Err(e) => e,
    }
}

/// After any failure, an honest plugin on the same host still runs.
fn next_program_runs() {
    let program = seed_programs().into_iter().find(|p| p.id == "ppu-2025").expect("ppu");
    let view = program_view(&program);
    let people = applicants("64.09", &view.occupations, 20);
    let answer = load(&program).assess(&view, &people, &Limits::default()).expect("the next program runs");
    assert_eq!(answer.assessments.len(), 20);
}

#[test]
fn hostile_plugins_are_contained_each_with_its_own_error() {
    let limits =
        Limits { fuel_per_applicant: 100_000, memory_bytes: 32 << 20, batch_size: 5, ..Limits::default() };
    let cases: &[(&str, &str, &str)] = &[
        ("infinite-loop", "out-of-fuel", "limit fuel-per-applicant"),
        ("memory-bomb", "memory-limit", "32 MiB"),
        ("deep-recursion", "stack-overflow", "stack"),
        ("panic", "panic", "the hostile plugin panics on purpose"),
        ("trap", "trap", "wasm backtrace"),
        ("huge-output", "contract-violation", "50 notes for applicant id 0"),
        ("forged-ids", "contract-violation", "applicant id 1000000, who was not asked about"),
        ("extra-answers", "contract-violation", "applicant id 7000000, who was not asked about"),
        ("missing-answers", "contract-violation", "no answer for applicant id 0"),
        ("duplicate-answers", "contract-violation", "answered twice for applicant id 0"),
        ("bad-priority", "contract-violation", "priority 2000000 for applicant id 0"),
        ("unknown-group", "contract-violation", "group `99.99`"),
        ("unknown-citation", "contract-violation", "cites `not-declared`"),
        ("refuse", "refused", "refuses on purpose"),
    ];
    for (behaviour, kind, words) in cases {
        let error = hostile_error(behaviour, &limits);
        let text = error.to_string();
        assert_eq!(error.kind(), *kind, "{behaviour}: {text}");
        assert!(text.contains(words), "{behaviour}: `{text}` should mention `{words}`");
        assert!(text.contains("plugins/hostile/hostile.wasm"), "{behaviour}: the error names the plugin");
        next_program_runs();
    }
}

#[test]
fn runtime_failures_name_the_batch() {
    let limits = Limits { batch_size: 4, ..Limits::default() };
    let text = hostile_error("infinite-loop", &limits).to_string();
    assert!(text.contains("in batch 1 (applicants 0..=3, 4 in all)"), "{text}");
}

#[test]
fn a_log_flood_is_cut_to_the_bound() {
    let (plugin, program) = hostile("log-flood");
    let people = applicants("64.09", &program.occupations, 3);
    let limits = Limits { fuel_per_applicant: 50_000_000, ..Limits::default() };
    let answer = plugin.assess(&program, &people, &limits).expect("runs");
    let stats = &answer.batches[0];
    assert_eq!(stats.logs.len(), jaring::plugin::MAX_LOG_LINES);
    assert_eq!(stats.dropped_logs, 10_000 - 64);
    assert!(stats.logs.iter().all(|l| l.message.len() <= jaring::plugin::MAX_LOG_BYTES + '…'.len_utf8()));
}

#[test]
fn a_bad_apportionment_is_a_contract_violation() {
    let (plugin, program) = hostile("bad-apportion");
    let groups = vec![
        contract::GroupCount { group: "64.09.01".to_owned(), eligible: 100 },
        contract::GroupCount { group: "64.09.02".to_owned(), eligible: 100 },
    ];
    let error = plugin.apportion(&program, 50, &groups, &Limits::default()).expect_err("must fail");
    assert_eq!(error.kind(), "contract-violation");
    assert!(error.to_string().contains("add up to 51, not to the 50 places"), "{error}");
}

#[test]
fn a_plugin_importing_a_clock_is_refused_at_load_naming_the_import() {
    let error = match host().load(&root().join("plugins/hostile-clock/hostile-clock.wasm"), None) {
        Ok(_) => panic!("must be refused"),
        Err(e) => e,
    };
    assert_eq!(error.kind(), "forbidden-import");
    assert!(error.to_string().contains("`wasi:clocks/wall-clock@0.2.0`"), "{error}");
    next_program_runs();
}

#[test]
fn files_that_are_not_plugins_are_refused() {
    let error = host().load_bytes("empty-module.wasm", b"\0asm\x01\0\0\0", None).err().expect("refused");
    assert_eq!(error.kind(), "load");
    let error = host().load_bytes("text.wasm", b"not wasm at all", None).err().expect("refused");
    assert_eq!(error.kind(), "load");
    let path = root().join("plugins/ppu/ppu.wasm");
    let error = host().load(&path, Some(&"0".repeat(64))).err().expect("refused");
    assert_eq!(error.kind(), "hash-mismatch");
}

#[test]
fn a_trap_shows_the_plugins_own_function_names() {
    let text = hostile_error("trap", &Limits::default()).to_string();
    assert!(text.contains("wasm backtrace:\n  0: assess"), "{text}");
}
