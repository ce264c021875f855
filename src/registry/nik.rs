//! The NIK (Nomor Induk Kependudukan): 16 digits `PP KK CC DDMMYY SSSS`.
//!
//! Province, regency and district where the NIK was *first issued* (it never changes when a
//! person moves), the date of birth (women: day + 40) and a serial from 0001. Validating the
//! structure catches typing and spreadsheet accidents; comparing the embedded date and sex
//! with the registry's own columns catches mix-ups, which are flagged, not rejected (a
//! corrected birth date legitimately differs from the NIK).

use std::fmt;

use crate::region::regions;

/// A structurally valid NIK, as a number (16 digits fit a `u64`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Nik(u64);

impl fmt::Display for Nik {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016}", self.0)
    }
}

impl Nik {
    /// The NIK as a number (below 10¹⁶).
    pub(crate) fn number(self) -> u64 {
        self.0
    }

    /// The NIK of a number [`Nik::number`] gave.
    pub(crate) fn of_number(n: u64) -> Nik {
        Nik(n)
    }

    /// The 16 digits as bytes, for hashing.
    pub fn digits(self) -> [u8; 16] {
        let mut out = [b'0'; 16];
        let mut n = self.0;
        for slot in out.iter_mut().rev() {
            *slot = b'0' + u8::try_from(n % 10).unwrap_or(0);
            n /= 10;
        }
        out
    }

    /// The regency/city where it was issued, `64.09`.
    pub fn regency(self) -> String {
        let d = self.digits();
        format!("{}{}.{}{}", d[0] as char, d[1] as char, d[2] as char, d[3] as char)
    }

    /// Day, month and two-digit year of birth, and whether the NIK marks a woman.
    pub fn birth(self) -> (u8, u8, u8, bool) {
        let d = self.digits();
        let two = |i: usize| (d[i] - b'0') * 10 + (d[i + 1] - b'0');
        let day = two(6);
        let female = day > 40;
        (if female { day - 40 } else { day }, two(8), two(10), female)
    }
}

/// Why a text is not a NIK.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NikError {
    Empty,
    /// `6.40901E+15`: a spreadsheet turned the NIK into a number and lost digits.
    Spreadsheet,
    NotDigits,
    Length(usize),
    UnknownProvince(String),
    /// The regency part is neither a current code nor a known former one.
    UnknownRegency(String),
    /// The date part (`DDMMYY`) is not a date, even allowing for women's day + 40.
    Date(String),
    ZeroSerial,
}

impl NikError {
    /// The problem in words.
    pub fn message(&self) -> crate::i18n::Msg {
        use crate::msg;
        match self {
            NikError::Empty => msg!("invalid-nik-empty"),
            NikError::Spreadsheet => msg!("invalid-nik-spreadsheet"),
            NikError::NotDigits => msg!("invalid-nik-digits"),
            NikError::Length(n) => msg!("invalid-nik-length", digits = n),
            NikError::UnknownProvince(p) => msg!("invalid-nik-province", province = p),
            NikError::UnknownRegency(r) => msg!("invalid-nik-regency", regency = r),
            NikError::Date(d) => msg!("invalid-nik-date", date = d),
            NikError::ZeroSerial => msg!("invalid-nik-serial"),
        }
    }
}

impl fmt::Display for NikError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().text(crate::i18n::Lang::En))
    }
}

/// Parses and validates a NIK's structure.
pub fn parse(text: &str) -> Result<Nik, NikError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(NikError::Empty);
    }
    if text.contains(['E', 'e']) && text.contains('.') {
        return Err(NikError::Spreadsheet);
    }
    // spaces or dots typed between digit groups are harmless
    let cleaned: String;
    let digits = if text.bytes().all(|b| b.is_ascii_digit()) {
        text
    } else {
        cleaned = text.chars().filter(|c| !matches!(c, ' ' | '.' | '-')).collect();
        if !cleaned.bytes().all(|b| b.is_ascii_digit()) {
            return Err(NikError::NotDigits);
        }
        &cleaned
    };
    if digits.len() != 16 {
        return Err(NikError::Length(digits.len()));
    }
    let province = &digits[..2];
    if !regions().contains(province) {
        return Err(NikError::UnknownProvince(province.to_owned()));
    }
    let nik = Nik(digits.parse().map_err(|_| NikError::NotDigits)?);
    if !regency_is_current(nik) {
        let regency = nik.regency();
        if !FORMER_REGENCIES.iter().any(|(old, _, _)| *old == regency) {
            return Err(NikError::UnknownRegency(regency));
        }
    }
    let (day, month, yy, _) = nik.birth();
    if !date_exists(day, month, yy) {
        return Err(NikError::Date(digits[6..12].to_owned()));
    }
    if &digits[12..] == "0000" {
        return Err(NikError::ZeroSerial);
    }
    Ok(nik)
}

/// Whether day `day` of month `month` exists in 19`yy` or 20`yy` (the NIK does not say which
/// century): 31 April never does, 29 February only in a leap year (`00` counts as 2000).
fn date_exists(day: u8, month: u8, yy: u8) -> bool {
    let leap = |year: u32| year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap(1900 + u32::from(yy)) || leap(2000 + u32::from(yy)) => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// Regency codes no longer in use that NIKs still carry (NIKs never change): Kalimantan Utara
/// was split from Kalimantan Timur in 2012, and NIKs issued before keep the old codes. Other
/// renumberings (Papua's 2022 provinces, for one) must be added here before registries from
/// those regions are read: until then their NIKs are refused as having an unknown regency.
pub const FORMER_REGENCIES: &[(&str, &str, &str)] = &[
    ("64.04", "65.01", "Bulungan"),
    ("64.05", "65.02", "Malinau"),
    ("64.06", "65.03", "Nunukan"),
    ("64.10", "65.04", "Tana Tidung"),
    ("64.73", "65.71", "Tarakan"),
];

/// Whether the NIK's regency is a current code (no allocation: runs for every row).
pub fn regency_is_current(nik: Nik) -> bool {
    let d = nik.digits();
    let code = [d[0], d[1], b'.', d[2], d[3]];
    std::str::from_utf8(&code).is_ok_and(|c| regions().contains(c))
}

/// A note when the NIK's regency is not a current code (not an error: NIKs never change).
pub fn regency_note(nik: Nik) -> Option<String> {
    let regency = nik.regency();
    if regions().contains(&regency) {
        return None;
    }
    Some(match FORMER_REGENCIES.iter().find(|(old, _, _)| *old == regency) {
        Some((old, new, name)) => format!("NIK issued under the former code {old} ({name}, now {new})"),
        None => format!("NIK issued in regency {regency}, which is not a current Kemendagri code"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_parts() {
        let nik = parse("6409014501800001").unwrap();
        assert_eq!(nik.regency(), "64.09");
        assert_eq!(nik.birth(), (5, 1, 80, true));
        assert_eq!(nik.to_string(), "6409014501800001");
        assert_eq!(parse("6409 0145 0180 0001"), Ok(nik));
    }

    #[test]
    fn refuses_what_is_not_a_nik() {
        assert_eq!(parse("6.40901E+15"), Err(NikError::Spreadsheet));
        assert_eq!(parse("640901450180001"), Err(NikError::Length(15)));
        assert_eq!(parse("64090145018000A1"), Err(NikError::NotDigits));
        assert_eq!(parse("9909014501800001"), Err(NikError::UnknownProvince("99".into())));
        assert_eq!(parse("6499014501800001"), Err(NikError::UnknownRegency("64.99".into())));
        assert_eq!(parse("6409017201800001"), Err(NikError::Date("720180".into())));
        assert_eq!(parse("6409011513800001"), Err(NikError::Date("151380".into())));
        // dates that do not exist: 30 February, 31 April, 29 February of a common year
        assert_eq!(parse("6409013002800001"), Err(NikError::Date("300280".into())));
        assert_eq!(parse("6409013104800001"), Err(NikError::Date("310480".into())));
        assert_eq!(parse("6409016902010001"), Err(NikError::Date("690201".into())));
        // 29 February of a leap year (1980, 2000), for a woman too
        assert!(parse("6409012902800001").is_ok());
        assert!(parse("6409016902000001").is_ok());
        assert_eq!(parse("6409014501800000"), Err(NikError::ZeroSerial));
    }

    #[test]
    fn old_kaltara_codes_are_explained() {
        let tarakan = parse("6473011201900003").unwrap();
        assert!(regency_note(tarakan).unwrap().contains("Tarakan, now 65.71"));
        assert_eq!(regency_note(parse("6409011201900003").unwrap()), None);
    }
}
