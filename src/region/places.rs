//! Domiciles written as villages fill them in: a *kecamatan* and a *kelurahan/desa* by name,
//! found within the program's region. Case, accents, punctuation, spacing and the level
//! words in front (*Kec.*, *Desa*, *Kel.*) do not matter; a name that means no region, or
//! more than one, is said with the candidates.

use std::collections::HashMap;

use super::search::{compact, search};
use super::{Level, Region, level, parent, regions};
use crate::i18n::{Arg, Msg};
use crate::msg;

/// The districts and villages of some regions, by their names.
pub struct Places {
    /// The regions searched (codes); empty: the whole country.
    within: Vec<String>,
    districts: HashMap<String, Vec<Region>>,
    villages: HashMap<String, Vec<Region>>,
}

impl Places {
    /// The places inside `within` (every region when empty).
    pub fn new(within: &[String]) -> Places {
        let table = regions();
        let spans: Vec<std::ops::Range<u32>> = if within.is_empty() {
            std::iter::once(0..table.entries.len() as u32).collect()
        } else {
            within.iter().map(|c| table.span(c)).collect()
        };
        let mut districts: HashMap<String, Vec<Region>> = HashMap::new();
        let mut villages: HashMap<String, Vec<Region>> = HashMap::new();
        for span in spans {
            for i in span {
                let (code, name) = table.entries[i as usize];
                let into = match level(code) {
                    Some(Level::District) => &mut districts,
                    Some(Level::Village) => &mut villages,
                    _ => continue,
                };
                let list = into.entry(compact(name)).or_default();
                if !list.contains(&Region(i)) {
                    list.push(Region(i));
                }
            }
        }
        Places { within: within.to_vec(), districts, villages }
    }

    /// The region a district name and a village name (either may be blank) mean: looked for
    /// within the regions first; a name found nowhere there that means exactly one place
    /// elsewhere in the country is that place (the policy's residence rule then decides).
    pub fn resolve(&self, district: &str, village: &str) -> Result<Region, Msg> {
        match self.resolve_here(district, village) {
            Err(e) if e.key == "invalid-domicile-name" && !self.within.is_empty() => {
                country().resolve_here(district, village).map_err(|_| e)
            }
            found => found,
        }
    }

    fn resolve_here(&self, district: &str, village: &str) -> Result<Region, Msg> {
        let (district, village) = (district.trim(), village.trim());
        if district.is_empty() && village.is_empty() {
            return Err(msg!("invalid-domicile-empty"));
        }
        let districts: Option<&[Region]> = if district.is_empty() {
            None
        } else {
            match self.districts.get(&compact(district)) {
                Some(found) => Some(found),
                None => return Err(self.unknown(Level::District, district, None)),
            }
        };
        if village.is_empty() {
            return match districts {
                Some([one]) => Ok(*one),
                Some(many) => Err(ambiguous(district, many)),
                None => Err(msg!("invalid-domicile-empty")),
            };
        }
        let found: Vec<Region> = self
            .villages
            .get(&compact(village))
            .map(|all| {
                all.iter()
                    .copied()
                    .filter(|v| {
                        districts.is_none_or(|ds| ds.iter().any(|d| parent(v.code()) == Some(d.code())))
                    })
                    .collect()
            })
            .unwrap_or_default();
        match found.as_slice() {
            [one] => Ok(*one),
            [] => Err(self.unknown(Level::Village, village, districts.and_then(|d| d.first().copied()))),
            many => Err(ambiguous(village, many)),
        }
    }

    /// A name found nowhere it should be: the nearest names, if any.
    fn unknown(&self, wanted: Level, name: &str, inside: Option<Region>) -> Msg {
        let areas: Vec<&str> = match inside {
            Some(d) => vec![d.code()],
            None => self.within.iter().map(String::as_str).collect(),
        };
        let mut near: Vec<String> = Vec::new();
        for area in if areas.is_empty() { vec![None] } else { areas.iter().map(|a| Some(*a)).collect() } {
            for f in search(name, area, 20) {
                if f.level == wanted && near.len() < 3 {
                    near.push(format!("{} ({})", f.name, f.code));
                }
            }
        }
        let place = match inside {
            Some(d) => d.name().to_owned(),
            None => self.within.iter().filter_map(|c| regions().name(c)).collect::<Vec<_>>().join(", "),
        };
        let level = match wanted {
            Level::District => msg!("place-district"),
            _ => msg!("place-village"),
        };
        let place: Arg =
            if place.is_empty() { Arg::Text(String::new()) } else { msg!("place-in", place = place).into() };
        let near: Arg = if near.is_empty() {
            Arg::Text(String::new())
        } else {
            msg!("place-near", near => Arg::AnyOf(near.into_iter().map(Arg::Text).collect())).into()
        };
        msg!("invalid-domicile-name", level => level, name = crate::text::shown(name, 60), place => place, near => near)
    }
}

/// Every district and village of the country.
fn country() -> &'static Places {
    static COUNTRY: std::sync::OnceLock<Places> = std::sync::OnceLock::new();
    COUNTRY.get_or_init(|| Places::new(&[]))
}

/// A name several regions share: each with its code and where it lies.
fn ambiguous(name: &str, regions_named: &[Region]) -> Msg {
    let listed: Vec<Arg> = regions_named
        .iter()
        .take(5)
        .map(|r| {
            // the place and the two regions above it: enough to tell them apart
            let mut names = vec![r.name()];
            let mut code = r.code();
            while let Some(up) = parent(code).filter(|_| names.len() < 3) {
                names.extend(regions().name(up));
                code = up;
            }
            Arg::Text(format!("{} ({})", r.code(), names.join(", ")))
        })
        .collect();
    msg!("invalid-domicile-ambiguous", name = crate::text::shown(name, 60), candidates => Arg::AnyOf(listed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_found_within_the_region_as_villages_write_them() {
        let paser = Places::new(&["64.01".to_owned()]);
        let found = |d: &str, v: &str| paser.resolve(d, v).map(|r| r.code());
        assert_eq!(found("Batu Engau", "Mengkudu"), Ok("64.01.09.2004"));
        assert_eq!(found("KEC. BATU ENGAU", "desa mengkudu"), Ok("64.01.09.2004"));
        assert_eq!(found("batu  engau", ""), Ok("64.01.09"));
        assert_eq!(found("", "Mengkudu"), Ok("64.01.09.2004"));
        // a place outside the region is found when its name is the country's only one
        assert_eq!(found("Samarinda Ulu", ""), Ok("64.72.03"));
        assert!(found("", "Sumber Sari").is_err(), "many villages of the country have that name");
        assert!(found("Batu Engau", "Mengkudu Raya").is_err());
        // a village name two districts share needs its district
        let kukar = Places::new(&["64.02".to_owned()]);
        let said = kukar.resolve("", "Sumber Sari").expect_err("ambiguous").text(crate::i18n::Lang::En);
        assert!(said.contains("64.02.02.2014") && said.contains("64.02.07.2007"), "{said}");
        let district = regions().name("64.02.07").expect("district");
        assert_eq!(kukar.resolve(district, "sumber  sari").map(|r| r.code()), Ok("64.02.07.2007"));
        let said =
            paser.resolve("Batu Engau", "Mengkudu Raya").expect_err("unknown").text(crate::i18n::Lang::Id);
        assert!(said.contains("Mengkudu (64.01.09.2004)"), "{said}");
    }
}
