//! Integer rupiah and Indonesian number notation.
//!
//! Money is always a whole number of rupiah in a `u64`; there is no floating point anywhere
//! in jaring's arithmetic. Amounts are written the Indonesian way, `Rp1.626.307.200`
//! (`.` groups thousands), and counts likewise, `32.268`.

pub mod terbilang;

use std::fmt;

/// A whole amount of rupiah.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Rupiah(pub u64);

impl Rupiah {
    pub const ZERO: Rupiah = Rupiah(0);

    pub fn checked_mul(self, n: u64) -> Option<Rupiah> {
        self.0.checked_mul(n).map(Rupiah)
    }

    pub fn checked_add(self, other: Rupiah) -> Option<Rupiah> {
        self.0.checked_add(other.0).map(Rupiah)
    }

    pub fn saturating_sub(self, other: Rupiah) -> Rupiah {
        Rupiah(self.0.saturating_sub(other.0))
    }
}

impl fmt::Display for Rupiah {
    /// `Rp1.626.307.200`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Rp{}", grouped(self.0))
    }
}

impl std::iter::Sum for Rupiah {
    fn sum<I: Iterator<Item = Rupiah>>(iter: I) -> Rupiah {
        Rupiah(iter.map(|r| r.0).sum())
    }
}

/// `32268` → `32.268`.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Why a written amount or count is not an exact whole number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NumberError {
    /// `Rp1,6 miliar`: a rounded figure with a word; carries the amount it stands for.
    Rounded { approximately: Option<u64> },
    /// `1,5` or `Rp1.000.000,50`: a decimal fraction.
    Decimal,
    /// `1.62.307`: dots not every three digits.
    BadGrouping,
    /// Too large to be real.
    TooLarge,
    /// Nothing a number could be made of.
    NotANumber,
}

/// Parses a count such as `32.268`, `32268` or `-5` (the sign is kept so that the checker
/// can say "a quota must be more than zero" rather than "bad number").
pub fn parse_count(text: &str) -> Result<i64, NumberError> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    if digits.contains(',') {
        return Err(NumberError::Decimal);
    }
    let value = parse_grouped(digits)?;
    let value = i64::try_from(value).map_err(|_| NumberError::TooLarge)?;
    Ok(if negative { -value } else { value })
}

/// Parses rupiah as written in budget documents: `Rp1.626.307.200`, `Rp 1.626.307.200`,
/// `Rp.1.626.307.200,-`, `Rp1.626.307.200,00` or plain `1626307200`.
pub fn parse_rupiah(text: &str) -> Result<Rupiah, NumberError> {
    let mut rest = text.trim();
    if rest.len() >= 2 && rest[..2].eq_ignore_ascii_case("rp") {
        rest = rest[2..].trim_start_matches('.').trim_start();
    }
    let lower = rest.to_lowercase();
    let words = [
        ("triliun", 1_000_000_000_000u64),
        ("miliar", 1_000_000_000),
        ("milyar", 1_000_000_000),
        ("juta", 1_000_000),
        ("ribu", 1_000),
    ];
    for (word, scale) in words {
        if let Some(figure) = lower.strip_suffix(word) {
            return Err(NumberError::Rounded { approximately: scaled(figure.trim(), scale) });
        }
    }
    let rest = rest.strip_suffix(",-").or_else(|| rest.strip_suffix(",00")).unwrap_or(rest);
    if rest.contains(',') {
        return Err(NumberError::Decimal);
    }
    parse_grouped(rest).map(Rupiah)
}

/// `1,6` × 1 000 000 000 → 1 600 000 000 (decimal comma, Indonesian style).
fn scaled(figure: &str, scale: u64) -> Option<u64> {
    let (whole, fraction) = figure.split_once(',').unwrap_or((figure, ""));
    let whole: u64 = parse_grouped(whole).ok()?;
    let mut value = whole.checked_mul(scale)?;
    let mut unit = scale;
    for c in fraction.chars() {
        unit /= 10;
        value = value.checked_add(u64::from(c.to_digit(10)?).checked_mul(unit)?)?;
    }
    Some(value)
}

/// Digits, optionally grouped by `.` every three digits.
fn parse_grouped(text: &str) -> Result<u64, NumberError> {
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return Err(NumberError::NotANumber);
    }
    if text.contains('.') {
        let mut groups = text.split('.');
        let first = groups.next().unwrap_or("");
        if first.is_empty() || first.len() > 3 || groups.any(|g| g.len() != 3) {
            return Err(NumberError::BadGrouping);
        }
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    digits.parse::<u64>().map_err(|_| NumberError::TooLarge)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rupiah_the_way_budgets_write_it() {
        let exact = Ok(Rupiah(1_626_307_200));
        assert_eq!(parse_rupiah("Rp1.626.307.200"), exact);
        assert_eq!(parse_rupiah("Rp 1.626.307.200"), exact);
        assert_eq!(parse_rupiah("Rp.1.626.307.200,-"), exact);
        assert_eq!(parse_rupiah("rp1.626.307.200,00"), exact);
        assert_eq!(parse_rupiah("1626307200"), exact);
        assert_eq!(parse_rupiah("Rp1.62.307"), Err(NumberError::BadGrouping));
        assert_eq!(parse_rupiah("Rp1.626.307,5"), Err(NumberError::Decimal));
        assert_eq!(
            parse_rupiah("Rp1,6 miliar"),
            Err(NumberError::Rounded { approximately: Some(1_600_000_000) })
        );
        assert_eq!(
            parse_rupiah("Rp 235 juta"),
            Err(NumberError::Rounded { approximately: Some(235_000_000) })
        );
    }

    #[test]
    fn counts_group_thousands_with_dots() {
        assert_eq!(parse_count("32.268"), Ok(32_268));
        assert_eq!(parse_count("32268"), Ok(32_268));
        assert_eq!(parse_count("-5"), Ok(-5));
        assert_eq!(parse_count("32,268"), Err(NumberError::Decimal));
        assert_eq!(parse_count("3.2268"), Err(NumberError::BadGrouping));
        assert_eq!(grouped(32_268), "32.268");
        assert_eq!(Rupiah(1_626_307_200).to_string(), "Rp1.626.307.200");
        assert_eq!(Rupiah(0).to_string(), "Rp0");
        assert_eq!(grouped(100), "100");
    }
}
