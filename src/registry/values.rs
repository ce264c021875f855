//! Reading one registry value the ways regions write it.

use jiff::civil::Date;

use crate::i18n::Msg;
use crate::msg;
use crate::region::{self, Region, regions};

/// Male or female, as the registry (and the NIK) say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    pub fn word(self) -> &'static str {
        match self {
            Sex::Male => "male",
            Sex::Female => "female",
        }
    }
}

/// The NIK's status in the population register.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NikStatus {
    Active,
    Inactive,
    Deceased,
}

/// `YYYY-MM-DD`, `DD/MM/YYYY` or `DD-MM-YYYY`.
pub fn birth_date(text: &str) -> Result<Date, Msg> {
    let t = text.trim();
    if t.is_empty() {
        return Err(msg!("invalid-birth-date-empty"));
    }
    // a date-time at midnight is a date: what a database, pandas or a spreadsheet writes for a
    // date kept as a timestamp (1990-07-01 00:00:00, 1990-07-01T00:00:00.000, and with the
    // zone it was written in, 1990-07-01 00:00:00+08); any other time of day is a moment,
    // whose day depends on where it is read
    let t = match t.split_once([' ', 'T']) {
        Some((date, time)) => match time_of_day(time) {
            Some(true) => date,
            Some(false) => return Err(msg!("invalid-birth-date-time", text = t)),
            None => t,
        },
        None => t,
    };
    let mut parts = t.split(['-', '/']);
    let (Some(a), Some(b), Some(c), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return Err(msg!("invalid-birth-date", text = t));
    };
    let (y, m, d) = if a.len() == 4 {
        (a, b, c)
    } else if c.len() == 4 {
        (c, b, a)
    } else {
        return Err(msg!("invalid-birth-date", text = t));
    };
    let (Ok(year), Ok(month), Ok(day)) = (y.parse::<i16>(), m.parse::<i8>(), d.parse::<i8>()) else {
        return Err(msg!("invalid-birth-date", text = t));
    };
    if !(1900..=2100).contains(&year) {
        return Err(msg!("invalid-birth-year", text = t, year = year));
    }
    Date::new(year, month, day).map_err(|_| msg!("invalid-birth-day", text = t))
}

/// Whether `time` is midnight, or `None` when it is not a time of day: `00:00`, `0:00`,
/// `00:00:00`, `00:00:00.000`, each with or without a `Z` or a UTC offset (`+00`, `+08:00`,
/// `-0300`: PostgreSQL writes a `timestamptz` so, in the session's time zone). A birth date
/// is a day on the calendar, not an instant: midnight at an offset is the day written before
/// it, the day it was where it was written.
fn time_of_day(time: &str) -> Option<bool> {
    let time = time.trim();
    let time = time.strip_suffix('Z').unwrap_or_else(|| without_offset(time)).trim_end();
    let (clock, fraction) = time.split_once('.').unwrap_or((time, "0"));
    let digits = |s: &str, most: usize| -> Option<u32> {
        let plain = (1..=most).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
        if plain { s.parse().ok() } else { None }
    };
    let mut parts = clock.split(':');
    let (Some(h), Some(m), s, None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return None;
    };
    let (h, m) = (digits(h, 2)?, digits(m, 2).filter(|_| m.len() == 2)?);
    let s = match s {
        Some(s) => digits(s, 2).filter(|_| s.len() == 2)?,
        None => 0,
    };
    let fraction = digits(fraction, 9)?;
    (h < 24 && m < 60 && s < 60).then_some(h == 0 && m == 0 && s == 0 && fraction == 0)
}

/// `time` without its UTC offset (`+08`, `+08:00`, `+0800`, `-03`), if it ends in one.
fn without_offset(time: &str) -> &str {
    let Some(at) = time.rfind(['+', '-']) else { return time };
    let (hours, minutes) = match time[at + 1..].split_once(':') {
        Some((h, m)) => (h, m),
        None if time.len() - at == 5 => time[at + 1..].split_at(2),
        None => (&time[at + 1..], "00"),
    };
    let two = |s: &str, below: u32| {
        s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()) && s.parse::<u32>().is_ok_and(|n| n < below)
    };
    if two(hours, 15) && two(minutes, 60) { &time[..at] } else { time }
}

/// Whether `text` (trimmed) is one of `words`, ignoring ASCII case. No allocation: this
/// runs for every field of every row.
fn one_of(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| w.eq_ignore_ascii_case(text))
}

/// `L`/`P`, `laki-laki`/`perempuan`, `M`/`F`, `male`/`female`, `pria`/`wanita`.
pub fn sex(text: &str) -> Result<Sex, Msg> {
    let t = text.trim();
    if one_of(t, &["l", "lk", "laki-laki", "laki laki", "lakilaki", "pria", "m", "male", "1"]) {
        Ok(Sex::Male)
    } else if one_of(t, &["p", "pr", "perempuan", "wanita", "f", "female", "2"]) {
        Ok(Sex::Female)
    } else if t.is_empty() {
        Err(msg!("invalid-sex-empty"))
    } else {
        Err(msg!("invalid-sex", text = t))
    }
}

/// 1 (poorest) to 10; empty is unknown.
pub fn decile(text: &str) -> Result<Option<u8>, Msg> {
    let t = text.trim();
    if t.is_empty() || t == "-" {
        return Ok(None);
    }
    // a whole number written as a decimal (`3.0`: a column of numbers with gaps, as pandas
    // writes it; `3,0` with a decimal comma) is that number
    let whole = match t.split_once(['.', ',']) {
        Some((n, zeros)) if !zeros.is_empty() && zeros.bytes().all(|b| b == b'0') => n,
        _ => t,
    };
    match whole.parse::<u8>() {
        Ok(d @ 1..=10) => Ok(Some(d)),
        _ => Err(msg!("invalid-decile", text = t)),
    }
}

/// Yes/no in the usual spellings; empty is unknown.
pub fn flag(text: &str) -> Result<Option<bool>, Msg> {
    let t = text.trim();
    if one_of(t, &["", "-"]) {
        Ok(None)
    } else if one_of(t, &["y", "ya", "yes", "true", "1", "sudah", "terdaftar", "aktif"]) {
        Ok(Some(true))
    } else if one_of(t, &["n", "t", "tidak", "no", "false", "0", "belum", "bukan"]) {
        Ok(Some(false))
    } else {
        Err(msg!("invalid-flag", text = t))
    }
}

/// `aktif`, `tidak aktif`, `meninggal` (and English); empty means active.
pub fn nik_status(text: &str) -> Result<NikStatus, Msg> {
    let t = text.trim();
    if one_of(t, &["", "aktif", "active", "hidup"]) {
        Ok(NikStatus::Active)
    } else if one_of(t, &["tidak aktif", "nonaktif", "non aktif", "non-aktif", "inactive", "tidak_aktif"]) {
        Ok(NikStatus::Inactive)
    } else if one_of(t, &["meninggal", "meninggal dunia", "wafat", "deceased", "dead"]) {
        Ok(NikStatus::Deceased)
    } else {
        Err(msg!("invalid-nik-status", text = t))
    }
}

/// A Kemendagri code at any level, dotted or not (`6409012001` → `64.09.01.2001`), as the
/// embedded table's own copy.
pub fn domicile(text: &str) -> Result<Region, Msg> {
    let t = text.trim();
    if t.is_empty() {
        return Err(msg!("invalid-domicile-empty"));
    }
    if let Some(region) = regions().get(t) {
        return Ok(region);
    }
    if region::level(t).is_some() {
        return Err(msg!("invalid-domicile-unknown", code = t));
    }
    match region::suggest_well_formed(t) {
        Some(code) => regions().get(&code).ok_or_else(|| msg!("invalid-domicile-unknown", code = code)),
        None => Err(msg!("invalid-domicile", text = t)),
    }
}

/// Whole years between `birth` and `on`.
pub fn age_on(birth: Date, on: Date) -> i32 {
    let mut years = i32::from(on.year()) - i32::from(birth.year());
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_three_layouts() {
        let d = Date::new(1980, 1, 5).unwrap();
        for t in ["1980-01-05", "05/01/1980", "05-01-1980", "5/1/1980"] {
            assert_eq!(birth_date(t), Ok(d), "{t}");
        }
        assert!(birth_date("31/02/1980").is_err());
        assert!(birth_date("1980/13/01").is_err());
    }

    #[test]
    fn a_date_time_at_midnight_is_its_date_and_no_other_time_is() {
        let d = Date::new(1980, 1, 5).unwrap();
        for t in [
            "1980-01-05 00:00:00",
            "1980-01-05T00:00:00",
            "1980-01-05T00:00:00.000Z",
            "1980-01-05 00:00",
            "05/01/1980 0:00",
            " 1980-01-05 00:00:00 ",
            "1980-01-05 00:00:00+00",
            "1980-01-05T00:00:00+00:00",
            "1980-01-05 00:00:00.000+0000",
            // midnight where it was written: WIB, WITA, WIT, Jakarta before 1964, and west of UTC
            "1980-01-05 00:00:00+07",
            "1980-01-05T00:00:00+08:00",
            "1980-01-05 00:00:00+0900",
            "1980-01-05 00:00:00+07:30",
            "1980-01-05 00:00:00 +08",
            "1980-01-05 00:00:00-03",
        ] {
            assert_eq!(birth_date(t), Ok(d), "{t}");
        }
        // a time of day that is not midnight is a moment, not a day: said as such
        for t in [
            "1980-01-05 12:00:00",
            "1980-01-05 00:00:01",
            "1980-01-05 00:00:00.5",
            "1980-01-04 17:00:00+00",
            "1980-01-04 16:00:00+00",
            "1980-01-05 00:01+08",
        ] {
            assert_eq!(birth_date(t), Err(msg!("invalid-birth-date-time", text = t)), "{t}");
        }
        // and what is no time at all is no date
        for t in [
            "1980-01-05 00:00:00+00Z",
            "1980-01-05 x",
            "1980-01-05 :00",
            "1980-01-05 24:00",
            "1980-01-05 00:00:00+15",
            "1980-01-05 00:00:00+08:60",
            "1980-01-05 000:00",
            "1980-01-05 00:0",
        ] {
            assert_eq!(birth_date(t), Err(msg!("invalid-birth-date", text = t)), "{t}");
        }
    }

    #[test]
    fn a_decile_written_as_a_whole_decimal_is_that_decile() {
        for (t, d) in [("3", 3), ("3.0", 3), ("10.00", 10), ("1,0", 1)] {
            assert_eq!(decile(t), Ok(Some(d)), "{t}");
        }
        for t in ["3.5", "3.", "0.0", "11.0", ".0", "3.0.0"] {
            assert!(decile(t).is_err(), "{t}");
        }
    }

    #[test]
    fn ages_are_whole_years() {
        let birth = Date::new(2007, 10, 2).unwrap();
        assert_eq!(age_on(birth, Date::new(2022, 10, 1).unwrap()), 14);
        assert_eq!(age_on(birth, Date::new(2022, 10, 2).unwrap()), 15);
    }

    #[test]
    fn codes_without_dots_are_read() {
        assert_eq!(domicile("6409011001").map(Region::code), Ok("64.09.01.1001"));
        assert_eq!(domicile("64.09").map(Region::code), Ok("64.09"));
        assert!(domicile("64.99").is_err());
    }
}
