//! Kemendagri region codes (kode wilayah), compiled into the binary.
//!
//! The table is `data/wilayah.csv` (see `data/README.md` for its source and licence):
//! provinces `64`, regencies and cities `64.09`, districts `64.09.01`, villages
//! `64.09.01.2001`. Policies name their region with these codes and registries give each
//! applicant's domicile with them.

pub mod places;
pub mod search;

use std::fmt;
use std::ops::Range;
use std::sync::OnceLock;

static WILAYAH: &str = include_str!("../data/wilayah.csv");

/// How deep a code is in the hierarchy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Province,
    Regency,
    District,
    Village,
}

impl Level {
    /// The level in words: `district` / `kecamatan`.
    pub fn words(self) -> crate::i18n::Msg {
        match self {
            Level::Province => crate::msg!("level-province"),
            Level::Regency => crate::msg!("level-regency"),
            Level::District => crate::msg!("level-district"),
            Level::Village => crate::msg!("level-village"),
        }
    }
}

/// The level of a well-formed code (`NN`, `NN.NN`, `NN.NN.NN`, `NN.NN.NN.NNNN`), or `None`.
pub fn level(code: &str) -> Option<Level> {
    // the digits each part has, from the province down (no allocation: every output row
    // asks this of its domicile)
    const WIDTHS: [usize; 4] = [2, 2, 2, 4];
    let mut parts = 0;
    for part in code.split('.') {
        let width = WIDTHS.get(parts)?;
        if part.len() != *width || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        parts += 1;
    }
    match parts {
        1 => Some(Level::Province),
        2 => Some(Level::Regency),
        3 => Some(Level::District),
        4 => Some(Level::Village),
        _ => None,
    }
}

/// Rewrites a code that was written without dots (`6401`, `640901`) or with one-digit
/// parts (`64.1`) into the dotted form, when that is unambiguous.
pub fn suggest_well_formed(code: &str) -> Option<String> {
    let digits: String = code.chars().filter(char::is_ascii_digit).collect();
    if !code.contains('.') {
        let cut = |s: &str, at: &[usize]| {
            let mut out = String::new();
            let mut prev = 0;
            for &i in at {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(&s[prev..i]);
                prev = i;
            }
            out
        };
        return match digits.len() {
            4 => Some(cut(&digits, &[2, 4])),
            6 => Some(cut(&digits, &[2, 4, 6])),
            10 => Some(cut(&digits, &[2, 4, 6, 10])),
            _ => None,
        };
    }
    let parts: Vec<String> = code
        .split('.')
        .enumerate()
        .map(|(i, p)| {
            let width = if i == 3 { 4 } else { 2 };
            format!("{p:0>width$}")
        })
        .collect();
    let candidate = parts.join(".");
    level(&candidate).map(|_| candidate)
}

/// `child` is `parent` or lies inside it (`64.09.01` is within `64.09` and `64`).
pub fn within(child: &str, parent: &str) -> bool {
    child == parent
        || (child.len() > parent.len() && child.starts_with(parent) && child.as_bytes()[parent.len()] == b'.')
}

/// The parent code (`64.09.01` → `64.09`), `None` for a province.
pub fn parent(code: &str) -> Option<&str> {
    code.rfind('.').map(|i| &code[..i])
}

/// The embedded table.
pub struct Regions {
    /// Sorted by code.
    entries: Vec<(&'static str, &'static str)>,
    /// Code → position in `entries`, for lookups of every registry row (several per row, so
    /// a fast hash rather than the DoS-resistant default: the keys are our own table's).
    index: rustc_hash::FxHashMap<&'static str, usize>,
}

/// A region of the embedded table, by its position there. The table is sorted by code, so a
/// region and everything inside it are one run of positions ([`Regions::span`]): testing
/// whether a domicile lies in a region is two comparisons.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Region(u32);

impl Region {
    /// The dotted code, `64.09.01.2001`.
    pub fn code(self) -> &'static str {
        regions().entries[self.0 as usize].0
    }

    /// The official name, `Kabupaten Paser`.
    pub fn name(self) -> &'static str {
        regions().entries[self.0 as usize].1
    }

    /// The names of the kecamatan and of the desa/kelurahan this region is or lies in
    /// ([`place_names`] of its code), found by position (every output row asks this of its
    /// domicile).
    pub fn place_names(self) -> (&'static str, &'static str) {
        let table = regions();
        let (code, name) = table.entries[self.0 as usize];
        match level(code) {
            Some(Level::Village) => {
                let district = districts().get(self.0 as usize).copied().unwrap_or(NO_DISTRICT);
                (table.entries.get(district as usize).map_or("", |(_, name)| name), name)
            }
            Some(Level::District) => (name, ""),
            _ => ("", ""),
        }
    }

    /// The position in the table.
    #[inline]
    pub fn position(self) -> u32 {
        self.0
    }

    /// The region at a position [`Region::position`] gave.
    pub(crate) fn at(position: u32) -> Region {
        Region(position)
    }

    /// This region is inside `span` (or is it).
    #[inline]
    pub fn within(self, span: &Range<u32>) -> bool {
        span.contains(&self.0)
    }
}

impl fmt::Debug for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.code(), f)
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The table, parsed on first use.
pub fn regions() -> &'static Regions {
    static REGIONS: OnceLock<Regions> = OnceLock::new();
    REGIONS.get_or_init(|| {
        let mut entries: Vec<(&str, &str)> = WILAYAH
            .lines()
            .skip(1)
            .filter_map(|line| line.split_once(','))
            .map(|(code, name)| (code, name.trim_matches('"')))
            .collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let index = entries.iter().enumerate().map(|(i, (code, _))| (*code, i)).collect();
        Regions { entries, index }
    })
}

/// [`districts`] of a region that is no village, or whose kecamatan is not in the table.
const NO_DISTRICT: u32 = u32::MAX;

/// For each region of the table, where its kecamatan is (a village's; [`NO_DISTRICT`] for
/// every other): made once, when a run first names a domicile's places.
fn districts() -> &'static [u32] {
    static DISTRICTS: OnceLock<Vec<u32>> = OnceLock::new();
    DISTRICTS.get_or_init(|| {
        let table = regions();
        table
            .entries
            .iter()
            .map(|(code, _)| match level(code) {
                Some(Level::Village) => code
                    .get(..8)
                    .and_then(|d| table.index.get(d))
                    .and_then(|&i| u32::try_from(i).ok())
                    .unwrap_or(NO_DISTRICT),
                _ => NO_DISTRICT,
            })
            .collect()
    })
}

/// The names of the kecamatan and of the desa/kelurahan a domicile code lies in, as the
/// outputs show them beside the code; empty where the code does not go that deep or is not
/// in the table.
pub fn place_names(code: &str) -> (&'static str, &'static str) {
    let table = regions();
    if let Some(region) = table.get(code) {
        return region.place_names();
    }
    // a village not in the table may still lie in a kecamatan that is
    match level(code) {
        Some(Level::Village) => (code.get(..8).and_then(|d| table.name(d)).unwrap_or(""), ""),
        _ => ("", ""),
    }
}

impl Regions {
    /// How many regions the table holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The official name, e.g. `Kabupaten Paser` for `64.01`.
    pub fn name(&self, code: &str) -> Option<&'static str> {
        self.index.get(code).map(|&i| self.entries[i].1)
    }

    /// The region with this code.
    pub fn get(&self, code: &str) -> Option<Region> {
        self.index.get(code).map(|&i| Region(i as u32))
    }

    /// The positions of `code` and of everything inside it (empty if the table has none).
    pub fn span(&self, code: &str) -> Range<u32> {
        let start = self.entries.partition_point(|(c, _)| *c < code);
        let len = self.entries[start..].iter().take_while(|(c, _)| within(c, code)).count();
        start as u32..(start + len) as u32
    }

    pub fn contains(&self, code: &str) -> bool {
        self.name(code).is_some()
    }

    /// The codes directly below `code` (regencies of a province, districts of a regency...).
    pub fn children<'a>(&'a self, code: &'a str) -> impl Iterator<Item = (&'static str, &'static str)> + 'a {
        let start = self.entries.partition_point(|(c, _)| *c <= code);
        self.entries[start..]
            .iter()
            .take_while(move |(c, _)| within(c, code))
            .filter(move |(c, _)| parent(c) == Some(code))
            .copied()
    }

    /// Every code inside `code` at any depth, in order.
    pub fn descendants<'a>(
        &'a self,
        code: &'a str,
    ) -> impl Iterator<Item = (&'static str, &'static str)> + 'a {
        let start = self.entries.partition_point(|(c, _)| *c <= code);
        self.entries[start..].iter().take_while(move |(c, _)| within(c, code)).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A village names its own kecamatan (the region its first eight characters name) and
    /// itself; a kecamatan itself and no village; anything else nothing. For every region of
    /// the table, and for codes that are not in it.
    #[test]
    fn a_region_names_its_kecamatan_and_desa() {
        let r = regions();
        let mut villages = 0;
        for position in 0..r.len() as u32 {
            let region = Region::at(position);
            let code = region.code();
            let want = match level(code) {
                Some(Level::Village) => (r.name(&code[..8]).unwrap_or(""), region.name()),
                Some(Level::District) => (region.name(), ""),
                _ => ("", ""),
            };
            assert_eq!(region.place_names(), want, "{code}");
            assert_eq!(place_names(code), want, "{code}");
            villages += usize::from(!want.1.is_empty() && !want.0.is_empty());
        }
        assert!(villages > 80_000, "{villages}");
        assert_eq!(place_names("64.09.01.9999"), (r.name("64.09.01").unwrap_or("?"), ""));
        for unknown in ["64.09.99", "64.09.99.2001", "99.99.99.9999", "", "6409012001", "64.09"] {
            assert_eq!(place_names(unknown).1, "", "{unknown}");
        }
        assert_eq!(place_names("64.09.99.2001"), ("", ""));
    }

    #[test]
    fn a_span_is_exactly_the_region_and_what_lies_inside_it() {
        let r = regions();
        for code in ["64", "64.01", "64.09.01", "64.09.01.2001", "65.02", "64.99", "11"] {
            let span = r.span(code);
            let inside: Vec<u32> =
                (0..r.entries.len() as u32).filter(|&i| within(r.entries[i as usize].0, code)).collect();
            assert_eq!(inside, span.clone().collect::<Vec<_>>(), "{code}");
            if let Some(region) = r.get(code) {
                assert!(region.within(&span));
                assert_eq!(region.code(), code);
            }
        }
        assert!(r.span("64.99").is_empty());
    }

    #[test]
    fn knows_the_seed_regions() {
        let r = regions();
        assert_eq!(r.name("64.01"), Some("Kabupaten Paser"));
        assert_eq!(r.name("64.09"), Some("Kabupaten Penajam Paser Utara"));
        assert_eq!(r.name("61.12"), Some("Kabupaten Kubu Raya"));
        assert_eq!(r.name("65"), Some("Kalimantan Utara"));
        assert_eq!(r.name("64.99"), None);
        let ppu: Vec<_> = r.children("64.09").map(|(c, _)| c).collect();
        assert_eq!(ppu, ["64.09.01", "64.09.02", "64.09.03", "64.09.04"]);
        let kaltara: Vec<_> = r.children("65").map(|(c, _)| c).collect();
        assert_eq!(kaltara, ["65.01", "65.02", "65.03", "65.04", "65.71"]);
    }

    #[test]
    fn codes_have_one_written_form() {
        assert_eq!(level("64.01"), Some(Level::Regency));
        assert_eq!(level("64.09.01.2001"), Some(Level::Village));
        assert_eq!(level("6401"), None);
        assert_eq!(level("64"), Some(Level::Province));
        assert_eq!(level("64.09.01"), Some(Level::District));
        for wrong in
            ["", ".", "64.", ".64", "64..01", "64.09.01.2001.1", "64.09.01.201", "64.09.0a", "６４.01"]
        {
            assert_eq!(level(wrong), None, "{wrong:?}");
        }
        assert_eq!(suggest_well_formed("6401").as_deref(), Some("64.01"));
        assert_eq!(suggest_well_formed("64.1").as_deref(), Some("64.01"));
        assert!(within("64.09.01", "64.09"));
        assert!(!within("64.091", "64.09"));
        assert!(!within("64.09", "64.09.01"));
    }
}
