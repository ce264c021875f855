//! A plugin that misbehaves on purpose — for the host's tests only, never for a policy.
//!
//! The misbehaviour is chosen by the policy parameter `behaviour`: `infinite-loop`,
//! `memory-bomb`, `deep-recursion`, `panic`, `trap`, `huge-output`, `forged-ids`,
//! `extra-answers`, `missing-answers`, `duplicate-answers`, `bad-priority`, `unknown-group`,
//! `unknown-citation`, `refuse`, `log-flood`, `batch-dependent` (answers that depend on the
//! batch, which the determinism tests must catch) and `bad-apportion`. Anything else behaves.
//! It implements the raw bindings instead of `RegionPlugin`, so it can break the contract.

use jaring_plugin::bindings::Guest;
use jaring_plugin::*;

struct Hostile;

fn behaviour(program: &Program) -> &str {
    program.param_text("behaviour").unwrap_or("")
}

/// Recursion that cannot be turned into a loop.
#[inline(never)]
fn depth(n: u32) -> u32 {
    if n == 0 { 0 } else { depth(n - 1).wrapping_mul(3).wrapping_add(n) }
}

/// The `unreachable` instruction (a plain abort when built natively for tests).
fn trap() -> ! {
    #[cfg(target_arch = "wasm32")]
    core::arch::wasm32::unreachable();
    #[cfg(not(target_arch = "wasm32"))]
    std::process::abort();
}

impl Guest for Hostile {
    fn info() -> PluginInfo {
        PluginInfo {
            name: "hostile".to_owned(),
            version: "1.0.0".to_owned(),
            apportions: true,
            attributes: Vec::new(),
        }
    }

    fn assess(program: Program, batch: Batch) -> Result<Vec<Assessment>, String> {
        report_panics();
        let applicants: Vec<Applicant> = jaring_plugin::applicants(&batch).collect();
        let honest: Vec<Assessment> = applicants.iter().map(|a| Assessment::accept(a, 1)).collect();
        let asked = u32::try_from(applicants.len()).unwrap_or(u32::MAX);
        Ok(match behaviour(&program) {
            "infinite-loop" => {
                let mut n: u64 = 0;
                loop {
                    n = std::hint::black_box(n.wrapping_add(1));
                }
            }
            "memory-bomb" => {
                let mut hoard: Vec<Vec<u8>> = Vec::new();
                loop {
                    hoard.push(Vec::<u8>::with_capacity(8 << 20));
                    std::hint::black_box(&hoard);
                }
            }
            "deep-recursion" => {
                let d = depth(std::hint::black_box(asked.saturating_mul(1_000_000)));
                honest.into_iter().map(|a| Assessment { priority: i32::from(d == 7), ..a }).collect()
            }
            "panic" => panic!("the hostile plugin panics on purpose"),
            "trap" => trap(),
            "huge-output" => {
                honest.into_iter().map(|a| Assessment { notes: vec!["x".repeat(1000); 50], ..a }).collect()
            }
            "forged-ids" => honest.into_iter().map(|a| Assessment { id: a.id + 1_000_000, ..a }).collect(),
            "extra-answers" => {
                let mut more = honest.clone();
                more.extend(honest.into_iter().map(|a| Assessment { id: a.id + 7_000_000, ..a }));
                more
            }
            "missing-answers" => honest.into_iter().skip(1).collect(),
            "duplicate-answers" => {
                let mut more = honest.clone();
                more.extend(honest.into_iter().take(1));
                more
            }
            "bad-priority" => honest.into_iter().map(|a| Assessment { priority: 2_000_000, ..a }).collect(),
            "unknown-group" => honest.into_iter().map(|a| a.in_group("99.99")).collect(),
            "unknown-citation" => applicants
                .iter()
                .map(|a| Assessment::reject(a, "no-reason", "rejected").citing("not-declared", None))
                .collect(),
            "refuse" => return Err("this plugin refuses on purpose".to_owned()),
            "log-flood" => {
                for i in 0..10_000 {
                    log::info(&format!("line {i} {}", "y".repeat(2000)));
                }
                honest
            }
            "batch-dependent" => honest
                .into_iter()
                .map(|a| Assessment { priority: i32::try_from(asked).unwrap_or(0), ..a })
                .collect(),
            _ => honest,
        })
    }

    fn apportion(program: Program, total: u32, groups: Vec<GroupCount>) -> Result<Vec<Allotment>, String> {
        report_panics();
        let mut out: Vec<Allotment> =
            groups.iter().map(|g| Allotment { group: g.group.clone(), quota: 0 }).collect();
        if let Some(first) = out.first_mut() {
            first.quota = if behaviour(&program) == "bad-apportion" { total + 1 } else { total };
        }
        Ok(out)
    }
}

jaring_plugin::bindings::export_region_plugin!(Hostile with_types_in jaring_plugin::bindings);
