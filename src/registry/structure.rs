//! What a registry's structure showed that is worth a look, though every row was still read.

use crate::i18n::{Arg, Msg, plural};
use crate::msg;

/// A record spanning more lines than this is reported.
pub const LONG_RECORD_LINES: u64 = 3;

/// Something in a registry's structure worth a look, though every row was still read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StructureWarning {
    /// Row `row` starts on line `line` and spans `lines` lines: a quoted field with line
    /// breaks, or a quote opened and never closed.
    LongRecord { row: u64, line: u64, lines: u64 },
    /// More long records than were named.
    MoreLongRecords { count: u64 },
    /// The data lines hold far fewer rows (by more than a tenth) than lines.
    RowsVersusLines { rows: u64, lines: u64 },
    /// Many rows have another number of fields than the header's `columns`.
    FieldCounts { rows: u64, columns: usize },
    /// A workbook with several sheets: `sheet` was read.
    SheetChosen { sheet: String, others: Vec<String> },
    /// The column titles are on sheet row `row`; the rows above were a title, not read.
    HeaderBelow { row: u64 },
    /// Empty rows inside the table were skipped; `first` are the first of them (sheet rows).
    EmptyRows { count: u64, first: Vec<u64> },
    /// Rows with values right of the last titled column (not read); `first` is a sheet row.
    CellsBeyondHeader { rows: u64, first: u64 },
}

impl StructureWarning {
    /// The warning in words.
    pub fn message(&self) -> Msg {
        match self {
            StructureWarning::LongRecord { row, line, lines } => {
                msg!("registry-long-record", row = row, line = line, lines = lines)
            }
            StructureWarning::MoreLongRecords { count } => {
                msg!("registry-more-long-records", count = count, lines = LONG_RECORD_LINES)
            }
            StructureWarning::RowsVersusLines { rows, lines } => {
                msg!("registry-rows-versus-lines", rows = rows, lines = lines)
            }
            StructureWarning::FieldCounts { rows, columns } => {
                msg!("registry-field-counts", rows = rows, columns = columns)
            }
            StructureWarning::SheetChosen { sheet, others } => msg!(
                "registry-sheet-chosen",
                sheet = crate::text::shown(sheet, 80),
                others => Arg::AllOf(others.iter().map(|o| Arg::Text(crate::text::shown(o, 80))).collect())
            ),
            StructureWarning::HeaderBelow { row } => {
                msg!("registry-header-below", row = row, above = row - 1, above_plural = plural(row - 1))
            }
            StructureWarning::EmptyRows { count, first } => msg!(
                "registry-empty-rows",
                count = count,
                count_plural = plural(*count),
                rows => Arg::AllOf(first.iter().map(|r| Arg::Text(r.to_string())).collect())
            ),
            StructureWarning::CellsBeyondHeader { rows, first } => {
                msg!("registry-cells-beyond-header", rows = rows, rows_plural = plural(*rows), first = first)
            }
        }
    }
}
