//! Every message the code names exists in every language, and a message left out of a
//! language is caught (the Fluent files are compared in `src/i18n.rs`).

use jaring::i18n::{FILES, Lang, Msg, keys};

use super::root;

/// Message ids written as literals in the source: `msg!("id"` and `Msg::new("id"`.
fn used_keys() -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut stack = vec![root().join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("readable source");
            for opener in ["msg!(\"", "Msg::new(\""] {
                for (at, _) in text.match_indices(opener) {
                    let rest = &text[at + opener.len()..];
                    let key: String = rest.chars().take_while(|c| *c != '"').collect();
                    if !key.is_empty()
                        && key
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-.".contains(c))
                    {
                        found.push((key, path.display().to_string()));
                    }
                }
            }
        }
    }
    found
}

#[test]
fn every_message_the_code_names_exists_in_every_language() {
    let used = used_keys();
    assert!(used.len() > 300, "found only {} message uses in src/", used.len());
    for (lang, text) in FILES {
        let defined = keys(text);
        let missing: Vec<String> = used
            .iter()
            .filter(|(k, _)| !defined.contains(k))
            .map(|(k, file)| format!("{k} ({file})"))
            .collect();
        assert!(missing.is_empty(), "missing in {}.ftl: {missing:#?}", lang.code());
    }
}

#[test]
fn a_message_no_file_has_shows_its_key_instead_of_nothing() {
    assert_eq!(Msg::new("no-such-message").text(Lang::Id), "⟦no-such-message⟧");
    assert_eq!(jaring::msg!("list-or").text(Lang::Id), "atau");
}
