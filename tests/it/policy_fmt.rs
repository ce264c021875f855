//! The formatter: canonical, idempotent, meaning-preserving, and it restores any re-spacing
//! of a policy byte for byte.

use std::path::Path;

use jaring::diag::Sources;
use jaring::policy::fmt::{FmtError, format};
use jaring::policy::{Program, Workspace, syntax};
use proptest::prelude::*;

use super::{file_name, root, seed_policies};

fn fmt(text: &str) -> Result<String, FmtError> {
    let mut sources = Sources::new();
    let file = sources.add("t.policy", text);
    format(&syntax::parse(file, text), text)
}

/// What a program decides, without where it was written.
fn meaning(p: &Program) -> String {
    format!(
        "{} {} {} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
        p.id,
        p.title,
        p.region,
        p.regulations,
        p.benefits,
        p.declared_wage,
        p.months,
        p.monthly_premiums,
        p.funding,
        p.quota,
        p.sub_quotas,
        p.rules,
        p.plugin,
        p.yields_to,
        p.period_cite
    )
}

fn program(name: &str, dir: &Path, text: &str) -> Program {
    let mut ws = Workspace::new();
    ws.check_text(name, dir, text.to_owned()).unwrap_or_else(|| panic!("{name} checks"))
}

#[test]
fn seed_policies_are_in_canonical_layout() {
    insta::glob!("../../policies", "*.policy", |path| {
        let text = std::fs::read_to_string(path).expect("readable");
        let formatted = fmt(&text).expect("formats");
        assert_eq!(formatted, text, "{} is not canonical", path.display());
        insta::assert_snapshot!(formatted);
    });
}

#[test]
fn formatting_keeps_the_meaning_of_every_seed() {
    for path in seed_policies() {
        let text = std::fs::read_to_string(&path).expect("readable");
        let dir = path.parent().expect("folder");
        let mangled = mangle(&text, 7);
        let formatted = fmt(&mangled).expect("formats");
        let name = file_name(&path);
        assert_eq!(meaning(&program(&name, dir, &mangled)), meaning(&program(&name, dir, &text)));
        assert_eq!(meaning(&program(&name, dir, &formatted)), meaning(&program(&name, dir, &text)));
    }
}

#[test]
fn re_spaced_seeds_are_restored_byte_for_byte() {
    for path in seed_policies() {
        let text = std::fs::read_to_string(&path).expect("readable");
        for seed in 0..40 {
            let mangled = mangle(&text, seed);
            assert_ne!(mangled, text);
            let formatted =
                fmt(&mangled).unwrap_or_else(|e| panic!("{} seed {seed}: {e:?}\n{mangled}", path.display()));
            assert_eq!(formatted, text, "{} seed {seed}:\n{mangled}", path.display());
        }
    }
}

#[test]
fn formatter_cases() {
    insta::glob!("../fmt", "*.policy", |path| {
        let text = std::fs::read_to_string(path).expect("readable");
        let formatted = fmt(&text).expect("formats");
        assert_eq!(fmt(&formatted).as_deref(), Ok(formatted.as_str()), "not idempotent");
        insta::assert_snapshot!(formatted);
    });
}

#[test]
fn a_file_that_does_not_parse_is_not_formatted() {
    let seed = std::fs::read_to_string(root().join("policies/paser-2022.policy")).expect("seed");
    let broken = seed.replacen("    }\n", "\n", 1);
    assert_eq!(fmt(&broken), Err(FmtError::Unparsable));
    let bad_line = seed.replacen("region 64.01", "region 64.01 Kabupaten Paser", 1);
    assert_eq!(fmt(&bad_line), Err(FmtError::Unparsable));
}

/// Re-spaces a policy: every run of whitespace becomes another, chosen by a small
/// deterministic generator; comments keep their place at the end of a line or on one.
pub fn mangle(text: &str, seed: u64) -> String {
    let mut state = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
    let mut next = move |n: u64| {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % n
    };
    const SPACES: [&str; 8] = [" ", "  ", "\t", " \t ", "\n", "\n\n\n", "\n\t\t", "   \n  "];
    let mut out = String::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '"' || c == '#' {
            // copy a string or a comment as it is
            let end = if c == '"' { '"' } else { '\n' };
            out.push(c);
            i += 1;
            while i < chars.len() && chars[i] != end && chars[i] != '\n' {
                out.push(chars[i]);
                i += 1;
            }
            if c == '"' && i < chars.len() && chars[i] == '"' {
                out.push('"');
                i += 1;
            }
            continue;
        }
        if c.is_whitespace() {
            let start = i;
            while i < chars.len() && chars[i].is_whitespace() {
                i += 1;
            }
            let had_newline = chars[start..i].contains(&'\n');
            let before_comment = chars.get(i) == Some(&'#');
            let after_comment =
                out.lines().last().is_some_and(|l| l.trim_start().starts_with('#')) && !out.ends_with('\n');
            let mut ws = SPACES[usize::try_from(next(8)).unwrap_or(0)].to_owned();
            if had_newline && !ws.contains('\n') && (before_comment || after_comment || next(2) == 0) {
                ws.push('\n');
            }
            if !had_newline && before_comment {
                ws = " ".repeat(usize::try_from(next(3)).unwrap_or(0) + 1);
            }
            if i < chars.len() || next(2) == 0 {
                out.push_str(&ws);
            }
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Whatever is typed, parsing and checking report problems; they never panic.
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        let mut ws = Workspace::new();
        let _ = ws.check_text("any.policy", Path::new("."), text.clone());
        let _ = fmt(&text);
    }

    /// Seed policies with random edits (characters deleted, inserted or replaced) never
    /// panic the parser, checker or formatter, and whatever formats is idempotent.
    #[test]
    fn edited_seeds_never_panic(which in 0usize..4, edits in proptest::collection::vec((0usize..4000, 0u8..3, proptest::char::any()), 1..6)) {
        let seeds = seed_policies();
        let mut text: Vec<char> = std::fs::read_to_string(&seeds[which % seeds.len()]).expect("seed").chars().collect();
        for (at, op, c) in edits {
            let at = at % (text.len() + 1);
            match op {
                0 if at < text.len() => { text.remove(at); }
                1 => text.insert(at, c),
                _ if at < text.len() => text[at] = ['{', '}', '"', '#', '\n', '.', ',', '-', c][usize::from(u8::try_from(u32::from(c) % 9).unwrap_or(0))],
                _ => {}
            }
        }
        let text: String = text.into_iter().collect();
        let mut ws = Workspace::new();
        let _ = ws.check_text("edited.policy", &root().join("policies"), text.clone());
        if let Ok(formatted) = fmt(&text) {
            prop_assert_eq!(fmt(&formatted), Ok(formatted.clone()));
        }
    }
}
