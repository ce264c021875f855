//! What auditors do with a run folder after the run: replay it (and measure a policy
//! change against it), explain one decision, export a copy to hand over. Verification of the
//! folder itself is in [`crate::log::verify`]; this module re-decides, so it builds on
//! [`crate::run`] as well as [`crate::log`].

pub mod explain;
pub mod export;
pub mod receipt;
pub mod replay;
pub mod tables;
