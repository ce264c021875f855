//! A program's decisions set aside between its rules and its candidates: the rules decide
//! most rows, and nothing in between — the plugin's stage, the peak of a run — reads them. A
//! province's are eight bytes a row: for a streamed run they wait in an unnamed file beside
//! the registry's rows, and are read back whole once the plugin's work is let go.

use std::io::{Read as _, Seek as _};
use std::path::Path;

use crate::decision::Decisions;

/// Decisions of rows in order, put a block at a time.
pub struct Aside {
    file: Option<std::io::BufWriter<std::fs::File>>,
    /// Without a file, the decisions themselves.
    held: Decisions,
    rows: usize,
}

impl Aside {
    /// Nothing set aside yet: into a file in `dir`, or held without.
    pub fn new(dir: Option<&Path>) -> std::io::Result<Aside> {
        let file = match dir {
            Some(dir) => Some(std::io::BufWriter::with_capacity(1 << 20, tempfile::tempfile_in(dir)?)),
            None => None,
        };
        Ok(Aside { file, held: Decisions::default(), rows: 0 })
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

    /// Every decision put, in row order.
    pub fn take(self) -> std::io::Result<Decisions> {
        match self.file {
            Some(file) => {
                let mut file = file.into_inner().map_err(std::io::IntoInnerError::into_error)?;
                file.rewind()?;
                let decisions = Decisions::read_from(&mut std::io::BufReader::new(&mut file), self.rows)?;
                // (nothing more than was put)
                if file.read(&mut [0u8])? != 0 {
                    return Err(std::io::Error::other("decisions set aside are damaged"));
                }
                Ok(decisions)
            }
            None => Ok(self.held),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decision::{Decision, Rejection, WaitReason};

    /// Decisions put in blocks come back as they were, held or through a file; a file cut
    /// short is an error.
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
            let mut aside = Aside::new(dir).expect("aside");
            for start in (0..10_000).step_by(999) {
                let end = (start + 999).min(10_000);
                aside.put(Decisions::filled(end - start, |k| all.get(start + k))).expect("put");
            }
            assert_eq!(aside.take().expect("taken"), all);
        }
        let mut aside = Aside::new(Some(dir.path())).expect("aside");
        aside.put(all).expect("put");
        aside.rows += 1;
        assert!(aside.take().is_err());
    }
}
