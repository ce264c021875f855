//! A verified run folder.
