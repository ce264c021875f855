//! A row that was read: the person it describes, in sixteen bytes. A province's rows are tens
//! of millions and a run holds one person for each until its outputs are written; laid out
//! as fields they took 24 bytes, and a row 24 with its error case.
//!
//! The values are packed in two words and read through methods; [`PersonFields`] is the same
//! person laid out as fields, to build one or to read all at once. Packing loses nothing
//! that validation lets through (a NIK below 10¹⁶, a decile from 1 to 10, a region of the
//! embedded table, any calendar date, fewer than 32.768 occupations).

use jiff::civil::Date;

use super::{Marks, Nik, NikStatus, RowWarnings, Sex};
use crate::region::Region;

/// A person as fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PersonFields {
    pub nik: Nik,
    pub birth_date: Date,
    /// The Kemendagri region of the domicile (`domicile.code()` is the dotted code).
    pub domicile: Region,
    /// Index into the catalog's occupations (below [`Person::OCCUPATIONS`]).
    pub occupation: u16,
    pub poverty_decile: Option<u8>,
    pub sex: Sex,
    /// Already covered, civil servant, student, and the NIK's status.
    pub marks: Marks,
    pub warnings: RowWarnings,
    /// This row repeats the NIK of an earlier row (which one: [`super::Registry::duplicate_of`]).
    pub repeats: bool,
}

impl PersonFields {
    /// A person no registry describes, for a slot about to be filled.
    pub(super) fn placeholder() -> PersonFields {
        PersonFields {
            nik: Nik::default(),
            birth_date: Date::MIN,
            domicile: Region::default(),
            occupation: 0,
            poverty_decile: None,
            sex: Sex::Male,
            marks: Marks::new(None, None, None, NikStatus::Active),
            warnings: RowWarnings::default(),
            repeats: false,
        }
    }
}

/// A person in two words.
///
/// The first: the NIK plus one (bits 0–53, so that the word is never zero and a row's error
/// case needs no room of its own), the sex (54), whether the NIK repeats (55), the warnings
/// (56–59), the poverty decile plus one, 0 for none (60–63). The second: the birth date
/// (year + 9.999 in bits 0–14, month 15–18, day 19–23), the domicile's position in the
/// region table (24–40), the occupation (41–55), the marks (56–63).
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Person {
    first: std::num::NonZeroU64,
    second: u64,
}

const _: () = assert!(std::mem::size_of::<Person>() == 16);
const _: () = assert!(std::mem::size_of::<Result<Person, std::sync::Arc<super::Invalid>>>() == 16);
const _: () = assert!(RowWarnings::BITS <= 4);
const _: () = assert!(Person::OCCUPATIONS <= 1 << (MARKS - OCCUPATION));

const NIK_BITS: u32 = 54;
const SEX: u32 = 54;
const REPEATS: u32 = 55;
const WARNINGS: u32 = 56;
const DECILE: u32 = 60;

const YEAR_BITS: u32 = 15;
const MONTH: u32 = 15;
const DAY: u32 = 19;
const REGION: u32 = 24;
const REGION_BITS: u32 = 17;
const OCCUPATION: u32 = 41;
const MARKS: u32 = 56;
/// Added to a year (jiff's years run from -9.999) so that it is never negative.
const YEAR_FROM: i32 = 9_999;

fn bits(word: u64, at: u32, count: u32) -> u64 {
    (word >> at) & ((1 << count) - 1)
}

impl Person {
    /// How many occupations a catalog may name for its persons to be packed (fifteen bits).
    pub const OCCUPATIONS: usize = crate::catalog::MOST_OCCUPATIONS;

    /// How many regions the region table may hold (seventeen bits).
    pub const REGIONS: usize = 1 << REGION_BITS;

    /// A person no registry describes, for a slot about to be filled.
    pub(super) fn placeholder() -> Person {
        Person::new(PersonFields::placeholder())
    }

    /// A person no registry describes, where a row could not be read back.
    pub(super) const PLACEHOLDER: Person = Person { first: std::num::NonZeroU64::MIN, second: 0 };

    /// The two words the person is packed in (the first never zero), to be kept apart
    /// ([`super::rows`]) and made again with [`Person::of_words`].
    pub(super) fn words(self) -> (u64, u64) {
        (self.first.get(), self.second)
    }

    /// The person [`Person::words`] gave.
    pub(super) fn of_words(first: std::num::NonZeroU64, second: u64) -> Person {
        Person { first, second }
    }

    pub fn new(f: PersonFields) -> Person {
        let nik = (f.nik.number() + 1) & ((1 << NIK_BITS) - 1);
        // (a decile above 14 does not pass validation; it would read back as 14)
        let decile = f.poverty_decile.map_or(0, |d| u64::from(d.min(14)) + 1);
        let first = nik
            | u64::from(f.sex == Sex::Female) << SEX
            | u64::from(f.repeats) << REPEATS
            | u64::from(f.warnings.bits()) << WARNINGS
            | decile << DECILE;
        let year = (i32::from(f.birth_date.year()) + YEAR_FROM) as u64;
        let second = year
            | (f.birth_date.month() as u64) << MONTH
            | (f.birth_date.day() as u64) << DAY
            | (u64::from(f.domicile.position()) & ((1 << REGION_BITS) - 1)) << REGION
            | (u64::from(f.occupation) & (Person::OCCUPATIONS as u64 - 1)) << OCCUPATION
            | u64::from(f.marks.bits()) << MARKS;
        // (the NIK plus one is never zero, nor is the sum with the bits above it)
        let first = std::num::NonZeroU64::new(first).unwrap_or(std::num::NonZeroU64::MIN);
        Person { first, second }
    }

    /// Every field.
    pub fn fields(self) -> PersonFields {
        PersonFields {
            nik: self.nik(),
            birth_date: self.birth_date(),
            domicile: self.domicile(),
            occupation: self.occupation(),
            poverty_decile: self.poverty_decile(),
            sex: self.sex(),
            marks: self.marks(),
            warnings: self.warnings(),
            repeats: self.repeats(),
        }
    }

    #[inline]
    pub fn nik(self) -> Nik {
        Nik::of_number(bits(self.first.get(), 0, NIK_BITS).saturating_sub(1))
    }

    #[inline]
    pub fn sex(self) -> Sex {
        if bits(self.first.get(), SEX, 1) == 1 { Sex::Female } else { Sex::Male }
    }

    /// This row repeats the NIK of an earlier row (which one: [`super::Registry::duplicate_of`]).
    #[inline]
    pub fn repeats(self) -> bool {
        bits(self.first.get(), REPEATS, 1) == 1
    }

    pub(super) fn set_repeats(&mut self) {
        self.first |= 1 << REPEATS;
    }

    #[inline]
    pub fn warnings(self) -> RowWarnings {
        RowWarnings::of_bits(bits(self.first.get(), WARNINGS, 4) as u8)
    }

    #[inline]
    pub fn poverty_decile(self) -> Option<u8> {
        (bits(self.first.get(), DECILE, 4) as u8).checked_sub(1)
    }

    #[inline]
    pub fn birth_date(self) -> Date {
        let year = bits(self.second, 0, YEAR_BITS) as i32 - YEAR_FROM;
        let month = bits(self.second, MONTH, 4) as i8;
        let day = bits(self.second, DAY, 5) as i8;
        // (packed from a date that exists: it unpacks to the same date)
        Date::new(year as i16, month, day).unwrap_or(Date::MIN)
    }

    /// The Kemendagri region of the domicile (`domicile().code()` is the dotted code).
    #[inline]
    pub fn domicile(self) -> Region {
        Region::at(bits(self.second, REGION, REGION_BITS) as u32)
    }

    /// Index into the catalog's occupations.
    #[inline]
    pub fn occupation(self) -> u16 {
        bits(self.second, OCCUPATION, 15) as u16
    }

    /// Already covered, civil servant, student, and the NIK's status.
    #[inline]
    pub fn marks(self) -> Marks {
        Marks::of_bits((self.second >> MARKS) as u8)
    }

    /// Already covered by BPJS Ketenagakerjaan (`None`: the registry does not say).
    pub fn already_covered(self) -> Option<bool> {
        self.marks().already_covered()
    }

    /// A civil servant (ASN) (`None`: the registry does not say).
    pub fn civil_servant(self) -> Option<bool> {
        self.marks().civil_servant()
    }

    /// A student (`None`: the registry does not say).
    pub fn student(self) -> Option<bool> {
        self.marks().student()
    }

    pub fn nik_status(self) -> NikStatus {
        self.marks().nik_status()
    }
}

impl std::fmt::Debug for Person {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.fields().fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::RowWarning;

    /// Every field reads back as it was given, at the ends of each field's range.
    #[test]
    fn a_person_reads_back_as_given() {
        let regions = crate::region::regions();
        assert!(regions.len() <= Person::REGIONS, "the region table outgrew its bits");
        let last = Region::at(u32::try_from(regions.len() - 1).unwrap_or(0));
        let mut warnings = RowWarnings::default();
        for w in RowWarning::ALL {
            warnings.insert(w);
        }
        let dates = [Date::MIN, Date::MAX, Date::constant(1900, 1, 1), Date::constant(2100, 12, 31)];
        let niks = ["1101010101010001", "9999999999999999", "6409041911840001"];
        for (k, nik) in niks.iter().enumerate() {
            for (d, date) in dates.iter().enumerate() {
                for decile in [None, Some(1), Some(10)] {
                    let given = PersonFields {
                        nik: super::super::nik::parse(nik)
                            .map_or(Nik::of_number(9_999_999_999_999_999), |n| n),
                        birth_date: *date,
                        domicile: if d % 2 == 0 { last } else { Region::default() },
                        occupation: if k == 0 { 0 } else { (Person::OCCUPATIONS - 1) as u16 },
                        poverty_decile: decile,
                        sex: if d % 2 == 0 { Sex::Female } else { Sex::Male },
                        marks: Marks::new(Some(true), None, Some(false), NikStatus::Deceased),
                        warnings: if k == 1 { warnings } else { RowWarnings::default() },
                        repeats: k == 2,
                    };
                    let person = Person::new(given);
                    assert_eq!(person.fields(), given);
                    let mut repeated = person;
                    repeated.set_repeats();
                    assert_eq!(repeated.fields(), PersonFields { repeats: true, ..given });
                }
            }
        }
    }
}
