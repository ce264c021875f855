//! Plugin host benchmark: seed plugins assessing 1 million applicants, the cost of fuel
//! metering, and loading a plugin whose compiled code is cached on disk.
//!
//! `cargo bench --bench plugin` (numbers go to the README's performance section);
//! `cargo bench --bench plugin -- floor` runs only the parts whose name holds `floor`
//! (`seed`, `0.1.0`, `floor`, `load`).

use std::time::{Duration, Instant};

use jaring::plugin::contract::{Applicant, Attribute, Date, Sex};
use jaring::plugin::{HostOptions, Limits, Metering, PluginHost, program_view};
use jaring::policy::Workspace;
use jaring::region::{Level, level, regions};

const APPLICANTS: u32 = 1_000_000;

/// The allocator the `jaring` command runs with (`src/main.rs`), so that the host's side of
/// every call is measured as a run does it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn applicants(region: &str, occupations: &[String], n: u32) -> Vec<Applicant> {
    let places: Vec<&str> =
        regions().descendants(region).map(|(c, _)| c).filter(|c| level(c) == Some(Level::Village)).collect();
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |m: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        usize::try_from(state % m).unwrap_or(0)
    };
    (0..n)
        .map(|id| Applicant {
            id,
            birth_date: Date { year: 1960 + u16::try_from(next(45)).unwrap_or(0), month: 3, day: 9 },
            sex: if next(2) == 0 { Sex::Male } else { Sex::Female },
            occupation: occupations[next(occupations.len() as u64)].clone(),
            domicile: places[next(places.len() as u64)].to_owned(),
            poverty_decile: u8::try_from(next(11)).ok().filter(|d| *d > 0),
            decree_number: (next(4) > 0).then(|| "800/1/2025".to_owned()),
            proposer: None,
            attributes: vec![Attribute { name: "urutan_usulan".to_owned(), value: next(200).to_string() }],
        })
        .collect()
}

fn main() {
    // `cargo bench` passes `--bench`; anything else names the parts to run
    jaring::allocator::keep_freed_memory();
    let only: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let runs = |part: &str| only.is_empty() || only.iter().any(|o| part.contains(o.as_str()));
    let mut ws = Workspace::new();
    let mut programs = Vec::new();
    for name in ["paser-2022", "ppu-2025", "kubu-raya-2025", "kaltara-2023-12"] {
        let path = std::path::PathBuf::from(format!("policies/{name}.policy"));
        programs.push(ws.check_file(&path).expect("readable").expect("seed policy checks"));
    }
    let cache = tempfile::tempdir().expect("temp dir");
    let metered = PluginHost::with_options(HostOptions {
        cache_dir: Some(cache.path().to_path_buf()),
        metering: Metering::Fuel,
    })
    .expect("host");
    let free =
        PluginHost::with_options(HostOptions { cache_dir: None, metering: Metering::UnmeteredForBenchmarks })
            .expect("host");
    println!(
        "plugin assessment, {APPLICANTS} applicants, batches of {}, {} threads",
        Limits::default().batch_size,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!(
        "{:<18} {:>10} {:>12} {:>12} {:>10} {:>14}",
        "plugin", "metered", "µs/applicant", "unmetered", "fuel cost", "fuel/applicant"
    );
    for program in programs.iter().filter(|_| runs("seed")) {
        let spec = program.plugin.as_ref().expect("plugin");
        let view = program_view(program);
        let people = applicants(&program.region, &view.occupations, APPLICANTS);
        let limits = Limits::default();
        let plugin = metered.load(&spec.path, spec.sha256.as_deref()).expect("loads");
        let unmetered = free.load(&spec.path, spec.sha256.as_deref()).expect("loads");
        let _ = plugin.assess(&view, &people[..10_000], &limits).expect("warm-up");
        let (t_metered, out) = best_of(3, || plugin.assess(&view, &people, &limits).expect("assesses"));
        let (t_free, _) = best_of(3, || unmetered.assess(&view, &people, &limits).expect("assesses"));
        let fuel: u64 = out.batches.iter().map(|b| b.fuel).sum();
        println!(
            "{:<18} {:>8.0}ms {:>12.3} {:>10.0}ms {:>9.0}% {:>14}",
            program.id,
            ms(t_metered),
            t_metered.as_secs_f64() * 1e6 / f64::from(APPLICANTS),
            ms(t_free),
            (t_metered.as_secs_f64() / t_free.as_secs_f64() - 1.0) * 100.0,
            fuel / u64::from(APPLICANTS),
        );
    }
    // the same seed plugins as built against contract 0.1.0 (each applicant's texts as
    // strings of their own), beside their 0.2.0 builds above
    for program in programs.iter().filter(|_| runs("seed 0.1.0")) {
        let spec = program.plugin.as_ref().expect("plugin");
        let old =
            std::path::Path::new("tests/plugins/contract-0.1.0").join(spec.path.file_name().expect("file"));
        let view = program_view(program);
        let people = applicants(&program.region, &view.occupations, APPLICANTS);
        let limits = Limits::default();
        let plugin = metered.load(&old, None).expect("loads");
        let _ = plugin.assess(&view, &people[..10_000], &limits).expect("warm-up");
        let (t, _) = best_of(3, || plugin.assess(&view, &people, &limits).expect("assesses"));
        println!(
            "{:<18} {:>8.0}ms {:>12.3}   ({}, contract 0.1.0 build)",
            program.id,
            ms(t),
            t.as_secs_f64() * 1e6 / f64::from(APPLICANTS),
            plugin.contract()
        );
    }
    // the floor: a plugin that accepts everyone with no logic at all, built against each
    // contract
    let floors = [
        ("floor 0.2.0", "plugins/hostile/hostile.wasm"),
        ("floor 0.1.0", "tests/plugins/contract-0.1.0/hostile.wasm"),
    ];
    for (_, path) in floors.into_iter().filter(|(part, _)| runs(part)) {
        let mut view = program_view(&programs[1]);
        view.params.clear();
        let people = applicants(&programs[1].region, &view.occupations, APPLICANTS);
        let plugin = metered.load(std::path::Path::new(path), None).expect("loads");
        for batch_size in [1024, 4096, 16384] {
            let limits = Limits { batch_size, ..Limits::default() };
            let (t, _) = best_of(3, || plugin.assess(&view, &people, &limits).expect("assesses"));
            println!(
                "{:<18} {:>8.0}ms {:>12.3}   (accepts everyone; {}; batches of {batch_size})",
                "no-logic floor",
                ms(t),
                t.as_secs_f64() * 1e6 / f64::from(APPLICANTS),
                plugin.contract()
            );
        }
    }
    if !runs("load") {
        return;
    }
    // loading a plugin whose compiled code is in the disk cache: a fresh host each time
    let path = &programs[1].plugin.as_ref().expect("plugin").path;
    let mut times = Vec::new();
    for _ in 0..20 {
        let host = PluginHost::with_cache(Some(cache.path().to_path_buf())).expect("host");
        let start = Instant::now();
        host.load(path, None).expect("loads");
        times.push(start.elapsed());
    }
    times.sort();
    let cold = {
        let dir = tempfile::tempdir().expect("temp dir");
        let host = PluginHost::with_cache(Some(dir.path().to_path_buf())).expect("host");
        let start = Instant::now();
        host.load(path, None).expect("loads");
        start.elapsed()
    };
    println!(
        "load ppu plugin: cached on disk {:.1} ms median of 20 (min {:.1} ms); compiling {:.0} ms",
        ms(times[10]),
        ms(times[0]),
        ms(cold)
    );
}

fn best_of<T>(n: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = None;
    let mut last = None;
    for _ in 0..n {
        let start = Instant::now();
        let out = f();
        let t = start.elapsed();
        best = Some(best.map_or(t, |b: Duration| b.min(t)));
        last = Some(out);
    }
    (best.unwrap_or_default(), last.expect("ran at least once"))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
