//! The CSV columns as a workbook shows them: a heading in the reader's language and how the
//! value is kept (text, a count, an amount of rupiah).

use crate::i18n::Msg;
use crate::msg;

/// How a column's values are kept in a workbook.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// As text (a NIK too: a number would lose its last digit).
    Text,
    /// A whole number.
    Count,
    /// Whole rupiah.
    Money,
}

/// How the values of `column` (a name from `log::*_COLUMNS`) are kept.
pub fn kind(column: &str) -> Kind {
    match column {
        "row" | "months" | "rank" | "priority" => Kind::Count,
        "monthly_premium" | "total_premium" => Kind::Money,
        _ => Kind::Text,
    }
}

/// The heading of `column`.
pub fn heading(column: &str) -> Msg {
    match column {
        "row" => msg!("col-row"),
        "nik" => msg!("col-nik"),
        "name" => msg!("col-name"),
        "program" => msg!("col-program"),
        "funding_source" => msg!("col-funding-source"),
        "first_month" => msg!("col-first-month"),
        "last_month" => msg!("col-last-month"),
        "months" => msg!("col-months"),
        "monthly_premium" => msg!("col-monthly-premium"),
        "total_premium" => msg!("col-total-premium"),
        "occupation" => msg!("col-occupation"),
        "occupation_name" => msg!("col-occupation-name"),
        "domicile" => msg!("col-domicile"),
        "district_name" => msg!("col-district-name"),
        "village_name" => msg!("col-village-name"),
        "rank" => msg!("col-rank"),
        "priority" => msg!("col-priority"),
        "reason" => msg!("col-reason"),
        "reason_text" => msg!("col-reason-text"),
        "citation" => msg!("col-citation"),
        "field" => msg!("col-field"),
        "outcome" => msg!("col-outcome"),
        other => msg!("col-other", name = other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::log::{ENROLLMENT_COLUMNS, REJECTION_COLUMNS, WAITING_COLUMNS};

    #[test]
    fn every_csv_column_has_its_own_heading() {
        for c in ENROLLMENT_COLUMNS.iter().chain(&WAITING_COLUMNS).chain(&REJECTION_COLUMNS) {
            assert_ne!(heading(c).key, "col-other", "{c}");
        }
    }
}
