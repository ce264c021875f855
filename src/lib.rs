//! jaring — decides, auditably, which vulnerable workers a regional government enrolls in
//! BPJS Ketenagakerjaan and pays premiums for, under its own policy.
//!
//! See `README.md` (Architecture) for the map of modules and their invariants.

pub mod allocator;
pub mod audit;
pub mod calendar;
pub mod cases;
pub mod catalog;
pub mod cli;
pub mod conformance;
pub mod decision;
pub mod diag;
pub mod diff;
pub mod digest;
pub mod engine;
pub mod files;
pub mod i18n;
pub mod log;
pub mod money;
pub mod office;
pub mod par;
pub mod plugin;
pub mod policy;
pub mod rates;
pub mod region;
pub mod registry;
pub mod run;
pub mod serve;
pub mod synth;
pub mod text;
