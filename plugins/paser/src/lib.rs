//! Paser 2022: village proposals in order. Each village (desa/kelurahan) proposes a ranked
//! list of its vulnerable workers; the plugin serves every village's first name before any
//! village's second, and so on, so that no village is crowded out by a larger one.
//!
//! The rank is the registry column `urutan_usulan` (the position on the village's list).
//!
//! Priority = 100.000 − rank (rank 1 → 99.999); applicants without a rank get 0 and a note.
//! Grouped by district.

use jaring_plugin::*;

struct Paser;

/// The registry column with the rank on the village's list.
const RANK: &str = "urutan_usulan";

impl RegionPlugin for Paser {
    const NAME: &'static str = "paser-2022";
    const VERSION: &'static str = "1.0.0";
    const ATTRIBUTES: &'static [&'static str] = &[RANK];

    fn assess(_program: &Program, applicant: &Applicant) -> Result<Assessment, String> {
        let rank = applicant.attribute(RANK).and_then(|r| r.trim().parse::<i32>().ok()).filter(|r| *r >= 1);
        let assessment = match rank {
            Some(rank) => Assessment::accept(applicant, 100_000 - rank.min(99_999)),
            None => Assessment::accept(applicant, 0).note(format!("no village proposal rank in `{RANK}`")),
        };
        Ok(match applicant.district() {
            Some(district) => assessment.in_group(district),
            None => assessment,
        })
    }
}

export_plugin!(Paser);
