//! The occupation catalog: the codes policies name, and the ways registries spell them.
//!
//! Kept as TOML (`policies/occupations.toml`) so that regional staff can add an occupation
//! or a spelling found in their data without touching code. A registry's `NELAYAN `,
//! `Nelayan tradisional` and `nelayan/perikanan` all normalise to the code `nelayan`.

use std::collections::HashMap;

use serde::Deserialize;

use crate::diag::{Diagnostic, FileId, Span};

/// One occupation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occupation {
    /// Lowercase code used in policies: `guru-ngaji`.
    pub code: String,
    /// Indonesian label for reports: `Guru ngaji`.
    pub label: String,
    /// A broader group (`keagamaan`, `perikanan`, ...), for reports.
    pub group: String,
    /// Other spellings seen in registries.
    pub synonyms: Vec<String>,
    /// An exclusion this occupation implies (`civil-servant` for ASN, `student` for pupils),
    /// applied even when the registry has no column for it.
    pub implies: Option<String>,
}

/// Exclusions an occupation may imply.
const IMPLIABLE: &[&str] = &["civil-servant", "student"];

/// A loaded, validated catalog.
#[derive(Clone, Debug)]
pub struct Catalog {
    occupations: Vec<Occupation>,
    /// Registry columns this region also treats as personal data (never sent to a plugin,
    /// masked in a redacted copy), on top of the built-in list in `registry::personal`.
    personal_data: Vec<String>,
    /// Normalised spelling → index in `occupations`.
    index: HashMap<String, usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalog {
    #[serde(default, rename = "personal-data")]
    personal_data: Vec<String>,
    #[serde(default)]
    occupation: Vec<RawOccupation>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOccupation {
    code: toml::Spanned<String>,
    label: String,
    #[serde(default)]
    group: String,
    #[serde(default)]
    synonyms: Vec<toml::Spanned<String>>,
    #[serde(default)]
    implies: Option<toml::Spanned<String>>,
}

/// Lowercase words separated by single spaces: `" NELAYAN/Perikanan "` → `nelayan perikanan`,
/// `guru-ngaji` → `guru ngaji`.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// The most occupations one catalog may name: a registry row holds its occupation's position
/// in fifteen bits (`registry::Person`).
pub const MOST_OCCUPATIONS: usize = 1 << 15;

impl Catalog {
    /// Parses and validates a catalog file, reporting every problem.
    pub fn parse(file: FileId, text: &str) -> Result<Catalog, Vec<Diagnostic>> {
        let raw: RawCatalog = toml::from_str(text).map_err(|e| vec![toml_error(file, text, &e)])?;
        let mut diagnostics = Vec::new();
        let mut occupations = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut first_seen: HashMap<String, Span> = HashMap::new();
        for raw in raw.occupation {
            let code_span = Span::new(raw.code.span().start, raw.code.span().end);
            if occupations.len() == MOST_OCCUPATIONS {
                // said once, at the first occupation too many
                diagnostics.push(
                    Diagnostic::error(
                        "catalog-too-many",
                        file,
                        code_span,
                        crate::msg!("catalog-too-many", most = MOST_OCCUPATIONS),
                    )
                    .with_help(crate::msg!("catalog-too-many.help")),
                );
                break;
            }
            let code = raw.code.into_inner();
            let valid = code.starts_with(|c: char| c.is_ascii_lowercase())
                && code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !valid {
                diagnostics.push(
                    Diagnostic::error(
                        "catalog-bad-code",
                        file,
                        code_span,
                        crate::msg!("catalog-bad-code", code = &code),
                    )
                    .with_help(crate::msg!("catalog-bad-code.help")),
                );
                continue;
            }
            if let Some(implied) = &raw.implies
                && !IMPLIABLE.contains(&implied.get_ref().as_str())
            {
                diagnostics.push(
                    Diagnostic::error(
                        "catalog-bad-implies",
                        file,
                        Span::new(implied.span().start, implied.span().end),
                        crate::msg!("catalog-bad-implies", implies = implied.get_ref()),
                    )
                    .with_help(crate::msg!(
                        "catalog-bad-implies.help",
                        choices => crate::i18n::Arg::AnyOf(IMPLIABLE.iter().map(|i| crate::i18n::Arg::Text(format!("`{i}`"))).collect())
                    )),
                );
            }
            let position = occupations.len();
            let mut spellings = vec![(normalise(&code), code_span)];
            spellings.push((normalise(&raw.label), code_span));
            for s in &raw.synonyms {
                spellings.push((normalise(s.get_ref()), Span::new(s.span().start, s.span().end)));
            }
            for (key, span) in spellings {
                match index.get(&key) {
                    Some(&other) if other != position => diagnostics.push(
                        Diagnostic::error(
                            "catalog-ambiguous",
                            file,
                            span,
                            crate::msg!(
                                "catalog-ambiguous",
                                spelling = &key,
                                code = occupations_code(&occupations, other)
                            ),
                        )
                        .with_secondary(first_seen[&key], crate::msg!("catalog-ambiguous.first"))
                        .with_help(crate::msg!("catalog-ambiguous.help")),
                    ),
                    Some(_) => {}
                    None => {
                        index.insert(key.clone(), position);
                        first_seen.insert(key, span);
                    }
                }
            }
            occupations.push(Occupation {
                code,
                label: raw.label,
                group: raw.group,
                synonyms: raw.synonyms.into_iter().map(toml::Spanned::into_inner).collect(),
                implies: raw.implies.map(toml::Spanned::into_inner),
            });
        }
        if diagnostics.is_empty() {
            Ok(Catalog { occupations, index, personal_data: raw.personal_data })
        } else {
            Err(diagnostics)
        }
    }

    /// The occupation with exactly this code.
    pub fn get(&self, code: &str) -> Option<&Occupation> {
        self.occupations.iter().find(|o| o.code == code)
    }

    /// The occupation a registry spelling stands for (code, label or synonym; case,
    /// spacing and punctuation ignored).
    pub fn resolve(&self, written: &str) -> Option<&Occupation> {
        self.index.get(&normalise(written)).map(|&i| &self.occupations[i])
    }

    /// What `word` reads as, and every occupation with a spelling that holds one of its
    /// words or is near it (that one first): `jaring occupations` and the workbench.
    pub fn search(&self, word: &str) -> (Option<&Occupation>, Vec<&Occupation>) {
        let wanted = normalise(word);
        let reads_as = self.resolve(word);
        let words: Vec<&str> = wanted.split(' ').filter(|w| w.len() > 1).collect();
        let mut found: Vec<&Occupation> = self
            .occupations
            .iter()
            .filter(|o| {
                let all = spellings(o);
                all.iter().any(|s| s.split(' ').any(|w| words.contains(&w)))
                    || all.iter().any(|s| strsim::jaro_winkler(&wanted, s) >= 0.9)
            })
            .collect();
        if let Some(o) = reads_as {
            found.retain(|f| f.code != o.code);
            found.insert(0, o);
        }
        (reads_as, found)
    }

    pub fn occupations(&self) -> &[Occupation] {
        &self.occupations
    }

    /// Occupations a policy naming `code` may have meant too: those with a spelling that
    /// holds one of `code`'s spellings as whole words (`pedagang` in `pedagang kaki lima`,
    /// the synonym `pengemudi` of `sopir` in `pengemudi ojek`). Listing one does not list
    /// the other, and registries spell both.
    pub fn neighbours(&self, code: &str) -> Vec<&Occupation> {
        let Some(this) = self.get(code) else { return Vec::new() };
        let mine = spellings(this);
        self.occupations
            .iter()
            .filter(|o| o.code != this.code)
            .filter(|o| spellings(o).iter().any(|theirs| mine.iter().any(|m| holds_words(theirs, m))))
            .collect()
    }

    /// The catalog's own personal-data columns (`personal-data = [...]`).
    pub fn personal_data(&self) -> &[String] {
        &self.personal_data
    }
}

/// An occupation's code, label and synonyms, normalised.
pub fn spellings(o: &Occupation) -> Vec<String> {
    let mut all = vec![normalise(&o.code), normalise(&o.label)];
    all.extend(o.synonyms.iter().map(|s| normalise(s)));
    all.sort();
    all.dedup();
    all
}

/// `haystack` holds `needle`'s words, in order, as whole words.
fn holds_words(haystack: &str, needle: &str) -> bool {
    let hay: Vec<&str> = haystack.split(' ').collect();
    let need: Vec<&str> = needle.split(' ').collect();
    !need.is_empty() && hay.windows(need.len()).any(|w| w == need.as_slice())
}

fn occupations_code(occupations: &[Occupation], i: usize) -> &str {
    occupations.get(i).map_or("", |o| o.code.as_str())
}

/// A TOML syntax or shape error as a diagnostic.
pub fn toml_error(file: FileId, text: &str, error: &toml::de::Error) -> Diagnostic {
    let span = error.span().map_or(Span::new(0, 0), |r| Span::new(r.start, r.end.min(text.len())));
    let detail = error.message().trim().to_owned();
    Diagnostic::error("toml", file, span, crate::msg!("toml", detail = detail))
        .with_help(crate::msg!("toml.help"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Sources;

    #[test]
    fn registry_spellings_resolve_to_codes() {
        let text = "[[occupation]]\ncode = \"nelayan\"\nlabel = \"Nelayan\"\nsynonyms = [\"nelayan tradisional\", \"NELAYAN/PERIKANAN\"]\n";
        let mut sources = Sources::new();
        let file = sources.add("c.toml", text);
        let catalog = Catalog::parse(file, text).unwrap();
        for written in ["NELAYAN ", "Nelayan tradisional", "nelayan/perikanan", "nelayan"] {
            assert_eq!(catalog.resolve(written).map(|o| o.code.as_str()), Some("nelayan"), "{written}");
        }
        assert!(catalog.resolve("petani").is_none());
    }

    #[test]
    fn a_spelling_cannot_name_two_occupations() {
        let text = "[[occupation]]\ncode = \"petani\"\nlabel = \"Petani\"\nsynonyms = [\"pekebun\"]\n[[occupation]]\ncode = \"pekebun\"\nlabel = \"Pekebun\"\n";
        let mut sources = Sources::new();
        let file = sources.add("c.toml", text);
        let errors = Catalog::parse(file, text).unwrap_err();
        assert_eq!(errors[0].code, "catalog-ambiguous");
    }

    #[test]
    fn a_catalog_names_at_most_as_many_occupations_as_a_row_holds() {
        let catalog = |count: usize| {
            let mut text = String::new();
            for i in 0..count {
                text.push_str(&format!("[[occupation]]\ncode = \"kerja-{i}\"\nlabel = \"Kerja {i}\"\n"));
            }
            let mut sources = Sources::new();
            let file = sources.add("c.toml", &text);
            (Catalog::parse(file, &text), text)
        };
        assert_eq!(catalog(MOST_OCCUPATIONS).0.unwrap().occupations().len(), MOST_OCCUPATIONS);
        let (parsed, text) = catalog(MOST_OCCUPATIONS + 2);
        let errors = parsed.unwrap_err();
        assert_eq!(errors.iter().map(|e| e.code).collect::<Vec<_>>(), ["catalog-too-many"]);
        // pointed at the first occupation too many
        let at = text.find(&format!("\"kerja-{MOST_OCCUPATIONS}\"")).unwrap();
        assert_eq!(errors[0].span.map(|s| s.start), Some(at));
    }
}
