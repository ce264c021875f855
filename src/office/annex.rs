//! The decree annex.
