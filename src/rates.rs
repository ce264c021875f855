//! The dated premium-rate table (JKK, JKM, JHT for *Bukan Penerima Upah* participants).
//!
//! Rates are legal parameters with effective dates, so they live in TOML
//! (`policies/rates.toml`), each row valid for a range of months, each with its source.
//! The monthly premium of a worker is computed per month, which is how the PP 49/2020 cut
//! (Aug 2020 – Jan 2021) is honoured by any period that overlaps it.

use serde::Deserialize;

use crate::calendar::Month;
use crate::catalog::toml_error;
use crate::diag::{Diagnostic, FileId, Span};
use crate::money::Rupiah;

/// The three BPU programs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Benefit {
    /// Jaminan Kecelakaan Kerja — work accident.
    Jkk,
    /// Jaminan Kematian — death.
    Jkm,
    /// Jaminan Hari Tua — old age (optional for BPU).
    Jht,
}

impl Benefit {
    pub const ALL: [Benefit; 3] = [Benefit::Jkk, Benefit::Jkm, Benefit::Jht];

    pub fn parse(name: &str) -> Option<Benefit> {
        match name {
            "JKK" => Some(Benefit::Jkk),
            "JKM" => Some(Benefit::Jkm),
            "JHT" => Some(Benefit::Jht),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Benefit::Jkk => "JKK",
            Benefit::Jkm => "JKM",
            Benefit::Jht => "JHT",
        }
    }
}

/// How one benefit's premium is computed during a range of months.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rate {
    pub benefit: Benefit,
    pub from: Month,
    /// Last month included; `None` while the rate is in force.
    pub until: Option<Month>,
    pub formula: Formula,
    /// The regulation that sets it.
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Formula {
    /// A fixed amount per month.
    Flat(Rupiah),
    /// A share of the declared wage in basis points (100 bp = 1%), rounded down to whole
    /// rupiah, then kept within `floor..=ceiling`.
    Share { basis_points: u64, floor: Rupiah, ceiling: Rupiah },
}

/// A loaded, validated rate table.
#[derive(Clone, Debug)]
pub struct RateTable {
    pub minimum_declared_wage: Rupiah,
    pub minimum_declared_wage_source: String,
    rates: Vec<Rate>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    declared_wage: RawWage,
    #[serde(default)]
    rate: Vec<toml::Spanned<RawRate>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWage {
    minimum: u64,
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRate {
    benefit: String,
    from: String,
    until: Option<String>,
    flat: Option<u64>,
    basis_points: Option<u64>,
    floor: Option<u64>,
    ceiling: Option<u64>,
    source: String,
}

impl RateTable {
    /// Parses and validates a rate table: known benefits, one formula per row, ranges in
    /// order and, per benefit, no two rows covering the same month.
    pub fn parse(file: FileId, text: &str) -> Result<RateTable, Vec<Diagnostic>> {
        let raw: RawTable = toml::from_str(text).map_err(|e| vec![toml_error(file, text, &e)])?;
        let mut diagnostics = Vec::new();
        let mut rates: Vec<(Rate, Span)> = Vec::new();
        for spanned in raw.rate {
            let span = Span::new(spanned.span().start, spanned.span().end);
            let r = spanned.into_inner();
            let mut problem = |message: crate::i18n::Msg, help: crate::i18n::Msg| {
                diagnostics.push(Diagnostic::error("rate-table", file, span, message).with_help(help));
            };
            let Some(benefit) = Benefit::parse(&r.benefit) else {
                problem(
                    crate::msg!("rate-unknown-benefit", benefit = &r.benefit),
                    crate::msg!("rate-unknown-benefit.help"),
                );
                continue;
            };
            let (Ok(from), until) = (Month::parse(&r.from), r.until.as_deref().map(Month::parse)) else {
                problem(crate::msg!("rate-not-month", text = &r.from), crate::msg!("rate-not-month.help"));
                continue;
            };
            let until = match until {
                None => None,
                Some(Ok(m)) => Some(m),
                Some(Err(_)) => {
                    problem(crate::msg!("rate-until-not-month"), crate::msg!("rate-not-month.help"));
                    continue;
                }
            };
            if until.is_some_and(|u| u < from) {
                problem(crate::msg!("rate-ends-early", from = from), crate::msg!("rate-ends-early.help"));
                continue;
            }
            let formula = match (r.flat, r.basis_points, r.floor, r.ceiling) {
                (Some(flat), None, None, None) => Formula::Flat(Rupiah(flat)),
                (None, Some(bp), floor, ceiling) => {
                    let floor = Rupiah(floor.unwrap_or(0));
                    let ceiling = Rupiah(ceiling.unwrap_or(u64::MAX));
                    if floor > ceiling {
                        problem(
                            crate::msg!("rate-floor-above-ceiling"),
                            crate::msg!("rate-floor-above-ceiling.help"),
                        );
                        continue;
                    }
                    Formula::Share { basis_points: bp, floor, ceiling }
                }
                _ => {
                    problem(crate::msg!("rate-formula"), crate::msg!("rate-formula.help"));
                    continue;
                }
            };
            if let Some((other, other_span)) =
                rates.iter().find(|(o, _)| o.benefit == benefit && overlaps(o, from, until))
            {
                diagnostics.push(
                    Diagnostic::error(
                        "rate-table",
                        file,
                        span,
                        crate::msg!("rate-overlap", benefit = benefit.name(), from = other.from),
                    )
                    .with_secondary(*other_span, crate::msg!("rate-overlap.other"))
                    .with_help(crate::msg!("rate-overlap.help")),
                );
                continue;
            }
            rates.push((Rate { benefit, from, until, formula, source: r.source }, span));
        }
        if !diagnostics.is_empty() {
            return Err(diagnostics);
        }
        Ok(RateTable {
            minimum_declared_wage: Rupiah(raw.declared_wage.minimum),
            minimum_declared_wage_source: raw.declared_wage.source,
            rates: rates.into_iter().map(|(r, _)| r).collect(),
        })
    }

    /// The rate of `benefit` in force in `month`.
    pub fn rate(&self, benefit: Benefit, month: Month) -> Option<&Rate> {
        self.rates
            .iter()
            .find(|r| r.benefit == benefit && r.from <= month && r.until.is_none_or(|u| month <= u))
    }

    /// One worker's premium for one benefit in one month, or `None` when the table has no
    /// rate for that month.
    pub fn premium(&self, benefit: Benefit, month: Month, declared_wage: Rupiah) -> Option<Rupiah> {
        Some(match &self.rate(benefit, month)?.formula {
            Formula::Flat(amount) => *amount,
            Formula::Share { basis_points, floor, ceiling } => {
                let share = u128::from(declared_wage.0) * u128::from(*basis_points) / 10_000;
                Rupiah(u64::try_from(share).unwrap_or(u64::MAX)).clamp(*floor, *ceiling)
            }
        })
    }

    pub fn rates(&self) -> &[Rate] {
        &self.rates
    }
}

fn overlaps(rate: &Rate, from: Month, until: Option<Month>) -> bool {
    let starts_before_other_ends = rate.until.is_none_or(|u| from <= u);
    let other_starts_before_this_ends = until.is_none_or(|u| rate.from <= u);
    starts_before_other_ends && other_starts_before_this_ends
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Sources;

    fn table(text: &str) -> Result<RateTable, Vec<Diagnostic>> {
        let mut sources = Sources::new();
        let file = sources.add("r.toml", text);
        RateTable::parse(file, text)
    }

    #[test]
    fn the_shipped_table_gives_the_known_premiums() {
        let t = table(include_str!("../policies/rates.toml")).unwrap();
        let wage = Rupiah(1_000_000);
        let month = |s| Month::parse(s).unwrap();
        let both =
            |m| t.premium(Benefit::Jkk, m, wage).unwrap().0 + t.premium(Benefit::Jkm, m, wage).unwrap().0;
        assert_eq!(both(month("2022-10")), 16_800);
        assert_eq!(both(month("2025-01")), 16_800);
        // PP 49/2020: 99% off JKK and JKM from August 2020 to January 2021
        assert_eq!(t.premium(Benefit::Jkm, month("2020-08"), wage), Some(Rupiah(68)));
        assert_eq!(t.premium(Benefit::Jkk, month("2021-01"), wage), Some(Rupiah(100)));
        assert_eq!(both(month("2021-02")), 16_800);
        assert_eq!(t.premium(Benefit::Jht, month("2022-10"), wage), Some(Rupiah(20_000)));
        // the JKK ceiling
        assert_eq!(t.premium(Benefit::Jkk, month("2022-10"), Rupiah(50_000_000)), Some(Rupiah(207_000)));
    }

    #[test]
    fn overlapping_rates_are_refused() {
        let text = "[declared_wage]\nminimum = 1\nsource = \"x\"\n[[rate]]\nbenefit = \"JKM\"\nfrom = \"2020-01\"\nflat = 1\nsource = \"a\"\n[[rate]]\nbenefit = \"JKM\"\nfrom = \"2021-01\"\nflat = 2\nsource = \"b\"\n";
        let errors = table(text).unwrap_err();
        let text = errors[0].message.text(crate::i18n::Lang::En);
        assert!(text.contains("two JKM rates"), "{text}");
    }
}
