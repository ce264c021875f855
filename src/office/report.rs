//! The readable report.
