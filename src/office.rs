//! The documents made from a run folder for people who do not read CSVs: the decree annex
//! (`jaring annex`, `.xlsx` or `.pdf`) and the readable report (`jaring report`, one HTML
//! file). Both are made only from a folder that verifies, from its verified files.
//! (`hasil.xlsx`, which sits inside the run folder, is `log::workbook`.)

pub mod annex;
pub mod letter;
pub mod pdf;
pub mod report;
pub mod source;
