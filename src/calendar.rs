//! Months and dates as the programs use them.
//!
//! Coverage is bought by whole calendar months (no pro-rating by days), so [`Month`] is the
//! unit of every period and premium. Dates (birth dates, the day an age is measured) are
//! `jiff::civil::Date`.

use std::fmt;

use jiff::civil::Date;

/// A calendar month, `2023-12`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    year: i16,
    /// 1..=12
    month: i8,
}

/// Why a written month or date is not valid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CalendarError {
    /// `10/2022`, `2022/10`: not the `YYYY-MM` layout.
    Layout,
    /// A full date where a month was expected.
    DateNotMonth,
    /// Month 13, or a year out of range: the month as written.
    NoSuchMonth(String),
    /// 31 February, day 0, ...: the date as written.
    NoSuchDay(String),
}

impl Month {
    pub fn new(year: i16, month: i8) -> Option<Month> {
        ((1..=12).contains(&month) && (1900..=2200).contains(&year)).then_some(Month { year, month })
    }

    pub fn year(self) -> i16 {
        self.year
    }

    pub fn month(self) -> i8 {
        self.month
    }

    /// Parses `YYYY-MM`.
    pub fn parse(text: &str) -> Result<Month, CalendarError> {
        let parts: Vec<&str> = text.split('-').collect();
        match parts.as_slice() {
            [y, m] if y.len() == 4 && (1..=2).contains(&m.len()) => {
                let year: i16 = y.parse().map_err(|_| CalendarError::Layout)?;
                let month: i8 = m.parse().map_err(|_| CalendarError::Layout)?;
                Month::new(year, month).ok_or_else(|| CalendarError::NoSuchMonth((*m).to_owned()))
            }
            [y, _, _] if y.len() == 4 => Err(CalendarError::DateNotMonth),
            _ => Err(CalendarError::Layout),
        }
    }

    /// The month after this one.
    pub fn succ(self) -> Month {
        if self.month == 12 {
            Month { year: self.year + 1, month: 1 }
        } else {
            Month { year: self.year, month: self.month + 1 }
        }
    }

    /// Every month from `self` to `last`, both included (empty when `last` is earlier).
    pub fn through(self, last: Month) -> impl Iterator<Item = Month> {
        std::iter::successors(Some(self), move |m| Some(m.succ()).filter(|n| *n <= last))
            .take_while(move |m| *m <= last)
    }

    /// The first day of the month.
    pub fn first_day(self) -> Date {
        // year and month are range-checked on construction
        Date::new(self.year, self.month, 1).unwrap_or(Date::MIN)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Parses a date written `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Result<Date, CalendarError> {
    let parts: Vec<&str> = text.split('-').collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => {
            let year: i16 = y.parse().map_err(|_| CalendarError::Layout)?;
            let month: i8 = m.parse().map_err(|_| CalendarError::Layout)?;
            let day: i8 = d.parse().map_err(|_| CalendarError::Layout)?;
            Date::new(year, month, day).map_err(|_| CalendarError::NoSuchDay(text.to_owned()))
        }
        _ => Err(CalendarError::Layout),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_cross_years() {
        let dec = Month::parse("2023-12").unwrap();
        let jan = Month::parse("2024-01").unwrap();
        assert_eq!(dec.succ(), jan);
        assert_eq!(dec.through(jan).count(), 2);
        assert_eq!(jan.through(dec).count(), 0);
        assert_eq!(Month::parse("2022-13"), Err(CalendarError::NoSuchMonth("13".into())));
        assert_eq!(Month::parse("2022-10-01"), Err(CalendarError::DateNotMonth));
        assert_eq!(Month::parse("10/2022"), Err(CalendarError::Layout));
        assert_eq!(jan.to_string(), "2024-01");
    }

    #[test]
    fn dates_must_exist() {
        assert!(parse_date("2024-02-29").is_ok());
        assert!(parse_date("2023-02-29").is_err());
        assert_eq!(parse_date("01/10/2022"), Err(CalendarError::Layout));
    }
}
