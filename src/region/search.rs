//! Finding a region by the name people write: `Samarinda Ulu`, `Kota Samarinda`,
//! `Kab. Penajam Paser Utara`, `kec sepaku`. Case, accents, punctuation and the level words
//! offices put in front (*Provinsi, Kabupaten/Kab., Kota, Kecamatan/Kec., Desa, Kelurahan/Kel.*)
//! are ignored; a level word that is given still prefers regions of that level.

use std::sync::OnceLock;

use super::{Level, level, parent, regions, suggest_well_formed};

/// A region found for a query.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub code: &'static str,
    pub name: &'static str,
    pub level: Level,
    /// 0 the name as written; 1 the name starts with the query; 2 it holds the query's
    /// words; 3 a near spelling. Lower is better.
    pub tier: u8,
    pub similarity: f64,
}

impl Found {
    /// The region and the ones it lies in: `Samarinda Ulu, Kota Samarinda, Kalimantan Timur`.
    pub fn path(&self) -> String {
        let mut names = vec![self.name];
        let mut code = self.code;
        while let Some(up) = parent(code) {
            names.extend(regions().name(up));
            code = up;
        }
        names.join(", ")
    }
}

/// Level words in front of a name, and the level each points to.
const LEVEL_WORDS: [(&str, Level); 11] = [
    ("provinsi", Level::Province),
    ("prov", Level::Province),
    ("kabupaten", Level::Regency),
    ("kab", Level::Regency),
    ("kota", Level::Regency),
    ("kecamatan", Level::District),
    ("kec", Level::District),
    ("desa", Level::Village),
    ("kelurahan", Level::Village),
    ("kel", Level::Village),
    ("adm", Level::Regency),
];

/// Lowercase ASCII words: accents dropped, punctuation a space.
fn words(text: &str) -> Vec<String> {
    let folded: String = text
        .chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'Á' | 'À' | 'Â' | 'Ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'Í' | 'Ì' | 'Î' | 'Ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'Ó' | 'Ò' | 'Ô' | 'Ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ù' | 'Û' | 'Ü' => 'u',
            '\'' | '’' | '`' => '\0',
            c if c.is_alphanumeric() => c.to_ascii_lowercase(),
            _ => ' ',
        })
        .filter(|c| *c != '\0')
        .collect();
    folded.split_whitespace().map(str::to_owned).collect()
}

/// A name without its level words, and the level they named (the first one).
fn key(text: &str) -> (String, Option<Level>) {
    let mut hint = None;
    let kept: Vec<String> = words(text)
        .into_iter()
        .filter(|w| match LEVEL_WORDS.iter().find(|(word, _)| word == w) {
            Some((_, l)) => {
                hint.get_or_insert(*l);
                false
            }
            None => true,
        })
        .collect();
    (kept.join(" "), hint)
}

/// A name as compared when it must match exactly: its key without spaces
/// (`Kec. Tanah  Grogot` → `tanahgrogot`).
pub fn compact(text: &str) -> String {
    key(text).0.replace(' ', "")
}

/// Every region's key, computed once.
fn keys() -> &'static [(String, Option<Level>)] {
    static KEYS: OnceLock<Vec<(String, Option<Level>)>> = OnceLock::new();
    KEYS.get_or_init(|| regions().entries.iter().map(|(_, name)| key(name)).collect())
}

/// The regions a query may mean, best first, at most `limit`; `within` narrows the search to
/// a region and what lies inside it. A code (`64.72`, `6472`) finds that region.
pub fn search(query: &str, within: Option<&str>, limit: usize) -> Vec<Found> {
    let table = regions();
    let trimmed = query.trim();
    let as_code =
        if level(trimmed).is_some() { Some(trimmed.to_owned()) } else { suggest_well_formed(trimmed) };
    if let Some(code) = as_code.filter(|c| table.contains(c)) {
        let region = table.get(&code);
        return region
            .into_iter()
            .map(|r| Found {
                code: r.code(),
                name: r.name(),
                level: level_of(r.code()),
                tier: 0,
                similarity: 1.0,
            })
            .collect();
    }
    let (wanted, hint) = key(trimmed);
    if wanted.is_empty() {
        return Vec::new();
    }
    let span = within.map(|w| table.span(w));
    let mut found: Vec<Found> = Vec::new();
    for (i, ((code, name), (k, _))) in table.entries.iter().zip(keys()).enumerate() {
        if span.as_ref().is_some_and(|s| !s.contains(&(i as u32))) {
            continue;
        }
        let tier = if *k == wanted {
            0
        } else if k.starts_with(&wanted) && k[wanted.len()..].starts_with(' ') {
            1
        } else if contains_words(k, &wanted) {
            2
        } else {
            3
        };
        let similarity = strsim::jaro_winkler(&wanted, k);
        if tier == 3 && similarity < 0.9 {
            continue;
        }
        found.push(Found { code, name, level: level_of(code), tier, similarity });
    }
    found.sort_by(|a, b| {
        let hinted = |f: &Found| hint.is_some_and(|h| h != f.level);
        let near = |f: &Found| if f.tier == 3 { f.similarity } else { 1.0 };
        (a.tier, hinted(a))
            .cmp(&(b.tier, hinted(b)))
            .then(near(b).total_cmp(&near(a)))
            .then(a.level.cmp(&b.level))
            .then(b.similarity.total_cmp(&a.similarity))
            .then(a.code.cmp(b.code))
    });
    // a near spelling is shown only when nothing closer is found
    if found.first().is_some_and(|f| f.tier < 3) {
        found.retain(|f| f.tier < 3);
    }
    found.truncate(limit);
    found
}

/// `haystack` holds all of `needle`'s words, in order, as whole words.
fn contains_words(haystack: &str, needle: &str) -> bool {
    let hay: Vec<&str> = haystack.split(' ').collect();
    let need: Vec<&str> = needle.split(' ').collect();
    hay.windows(need.len()).any(|w| w == need.as_slice())
}

fn level_of(code: &str) -> Level {
    level(code).unwrap_or(Level::Village)
}

/// The one region a name surely means, when it means one: written in full (tier 0) and
/// no other region of the best level has that name.
pub fn unique(found: &[Found]) -> Option<&Found> {
    let first = found.first()?;
    let rivals = found.iter().skip(1).filter(|f| f.tier == first.tier && f.level == first.level).count();
    (first.tier == 0 && rivals == 0).then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_found_however_offices_write_them() {
        let code = |q: &str, within: Option<&str>| search(q, within, 5).first().map(|f| f.code);
        assert_eq!(code("Samarinda Ulu", None), Some("64.72.03"));
        assert_eq!(code("Kota Samarinda", None), Some("64.72"));
        assert_eq!(code("kab. penajam paser utara", None), Some("64.09"));
        assert_eq!(code("KEC SEPAKU", None), Some("64.09.04"));
        assert_eq!(code("6472", None), Some("64.72"));
        assert_eq!(code("Samarinda Uli", None), Some("64.72.03"));
        assert_eq!(search("xyzzy plugh", None, 5), Vec::new());
        // a name many villages share is narrowed by where it lies
        let sungai = search("Sungai Kapih", Some("64.72"), 5);
        assert!(sungai.iter().all(|f| f.code.starts_with("64.72")), "{sungai:?}");
    }
}
