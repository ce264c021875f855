//! A program's decisions set aside between its rules and its candidates: the rules decide
//! most rows, and nothing in between — the plugin's stage — reads them. A province's are
//! eight bytes a row: for a streamed run they are written to an unnamed file beside the
//! registry's rows, and stay there ([`Decisions::in_file`]), a window held at a time, until
//! the outputs are written.

use std::path::Path;

use crate::decision::Decisions;

/// Decisions of rows in order, put a block at a time.
pub struct Aside {
    file: Option<std::io::BufWriter<std::fs::File>>,
    /// Without a file, the decisions themselves.
    held: Decisions,
    rows: usize,
    /// Decisions read from the file at a time, once taken.
    block: usize,
}

impl Aside {
    /// Nothing set aside yet: into a file in `dir` (to be read `block` rows at a time), or
    /// held without.
    pub fn new(dir: Option<&Path>, block: usize) -> std::io::Result<Aside> {
        let file = match dir {
            Some(dir) => Some(std::io::BufWriter::with_capacity(1 << 20, tempfile::tempfile_in(dir)?)),
            None => None,
        };
        Ok(Aside { file, held: Decisions::default(), rows: 0, block })
    }

    /// The decisions of the rows after those put before.
    pub fn put(&mut self, decisions: Decisions) -> std::io::Result<()> {
        self.rows += decisions.len();
        match &mut self.file {
            Some(file) => decisions.write_to(file),
            None => {
                self.held.append(decisions);
                Ok(())
            }
        }
    }

    /// Every decision put, in row order: held, or left in their file.
    pub fn take(self) -> std::io::Result<Decisions> {
        match self.file {
            Some(file) => {
                let file = file.into_inner().map_err(std::io::IntoInnerError::into_error)?;
                Decisions::in_file(file, self.rows, self.block)
            }
            None => Ok(self.held),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decision::{Decision, Rejection, WaitReason};

    /// Decisions put in blocks come back as they were, held or in a file; a file cut short is
    /// an error.
    #[test]
    fn decisions_set_aside_come_back() {
        let dir = tempfile::tempdir().expect("temp dir");
        let all = Decisions::filled(10_000, |i| match i % 4 {
            0 => None,
            1 => Some(Decision::Rejected(Rejection::Rules(i as u32 & 0xff))),
            2 => Some(Decision::Waiting { rank: i as u32, reason: WaitReason::SubQuotaFull(7) }),
            _ => Some(Decision::Enrolled { funding: 2 }),
        });
        for dir in [None, Some(dir.path())] {
            let mut aside = Aside::new(dir, 777).expect("aside");
            for start in (0..10_000).step_by(999) {
                let end = (start + 999).min(10_000);
                aside.put(Decisions::filled(end - start, |k| all.get(start + k))).expect("put");
            }
            let taken = aside.take().expect("taken");
            assert_eq!(taken.is_spilled(), dir.is_some());
            let mut back = Vec::new();
            taken.scan(|_, d| back.push(d)).expect("read");
            assert_eq!(back, all.iter().collect::<Vec<_>>());
        }
        let mut aside = Aside::new(Some(dir.path()), 777).expect("aside");
        aside.put(all).expect("put");
        aside.rows += 1;
        assert!(aside.take().is_err());
    }
}
