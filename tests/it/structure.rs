//! The shape of the code the README's Architecture section promises: no module imports one
//! that imports it back, and every reason code is spelled in one place.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use jaring::decision::Code;

use super::root;

/// Every `.rs` file under `dir`.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for entry in entries {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// A file's text without its comments (`//` to the end of the line; string literals are
/// left, which is all this needs) and without its unit tests.
fn code_of(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("readable source");
    // unit tests may use what they like: they are not part of the build
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// Which module a file belongs to: its folder under `src/`, or its own name (`src/run.rs`,
/// `src/run/output.rs` → `run`), and its submodule (`output`, or `run` for the module file).
fn module_of(path: &Path) -> (String, String) {
    let rel = path.strip_prefix(root().join("src")).expect("under src");
    let parts: Vec<String> =
        rel.iter().map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned()).collect();
    let top = parts[0].clone();
    let sub = parts.get(1).cloned().unwrap_or_else(|| top.clone());
    (top, sub)
}

/// Finds a cycle in `graph`, if there is one.
fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == node) {
            let mut found = path[at..].to_vec();
            found.push(node.to_owned());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, graph, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let mut top: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut inner: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in sources(&root().join("src")) {
        let (module, sub) = module_of(&path);
        if module == "lib" || module == "main" {
            continue;
        }
        let code = code_of(&path);
        for (at, _) in code.match_indices("crate::") {
            let name: String =
                code[at + 7..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            // `crate::msg!` is the message macro, not a module
            if name != module && name != "msg" && !name.is_empty() {
                top.entry(module.clone()).or_default().insert(name);
            }
        }
        // within a module: `super::x` from a submodule file, `x::` from the module file
        let siblings: Vec<String> =
            sources(&root().join("src").join(&module)).iter().map(|p| module_of(p).1).collect();
        for sibling in siblings.iter().filter(|s| **s != sub) {
            let named = code.contains(&format!("super::{sibling}")) && sub != module
                || code.contains(&format!("{sibling}::")) && sub == module
                || code.contains(&format!("crate::{module}::{sibling}"));
            if named {
                inner.entry(format!("{module}::{sub}")).or_default().insert(format!("{module}::{sibling}"));
            }
        }
    }
    assert!(top.len() > 10, "found the modules: {top:?}");
    assert_eq!(cycle(&top), None, "modules that import each other: {top:#?}");
    assert_eq!(cycle(&inner), None, "submodules that import each other: {inner:#?}");
    // the promises the issue named: the log does not know the run, the policy not the plugin
    for (from, to) in
        [("log", "run"), ("log", "audit"), ("policy", "plugin"), ("run", "audit"), ("decision", "run")]
    {
        assert!(!top.get(from).is_some_and(|d| d.contains(to)), "`{from}` imports `{to}`");
    }
}

#[test]
fn every_reason_code_is_spelled_in_one_place() {
    let files: Vec<(PathBuf, String)> = sources(&root().join("src"))
        .into_iter()
        .map(|p| {
            let code = code_of(&p);
            (p, code)
        })
        .collect();
    for code in Code::all() {
        let literal = format!("\"{}\"", code.code());
        let places: Vec<String> = files
            .iter()
            .filter(|(p, _)| {
                // the exclusions' codes are their policy keywords; the catalog's `implies`,
                // the registry's column names and spellings, and the log's list of them are
                // other vocabularies that share a spelling
                !matches!(code, Code::Excluded(_))
                    || !["catalog.rs", "registry.rs", "values.rs", "log.rs"].iter().any(|f| p.ends_with(f))
            })
            .flat_map(|(p, text)| {
                std::iter::repeat_n(p.display().to_string(), text.matches(&literal).count())
            })
            .collect();
        assert_eq!(places.len(), 1, "{} is spelled in {places:?}", code.code());
    }
}
