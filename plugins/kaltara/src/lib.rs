//! Kalimantan Utara, Dec 2023 – Jan 2024: the province spreads its quota over its five
//! regencies and cities in proportion to their eligible applicants (largest-remainder
//! method), and within each the poorest come first.
//!
//! Priority = (11 − decile) × 10.000; applicants without a decile come last. Grouped by
//! regency/city (`65.01`).

use jaring_plugin::*;

struct Kaltara;

impl RegionPlugin for Kaltara {
    const NAME: &'static str = "kaltara-2023-12";
    const VERSION: &'static str = "1.0.0";
    const APPORTIONS: bool = true;

    fn assess(_program: &Program, applicant: &Applicant) -> Result<Assessment, String> {
        let decile = applicant.poverty_decile.map_or(11, i32::from).clamp(1, 11);
        let assessment = Assessment::accept(applicant, (11 - decile) * 10_000);
        Ok(match applicant.regency() {
            Some(regency) => assessment.in_group(regency),
            None => assessment,
        })
    }

    /// Largest remainder (Hamilton): each group gets ⌊total × eligible / all⌋, and the places
    /// left go one each to the largest remainders (ties: more eligible, then lower code).
    fn apportion(_program: &Program, total: u32, groups: &[GroupCount]) -> Result<Vec<Allotment>, String> {
        let all: u64 = groups.iter().map(|g| u64::from(g.eligible)).sum();
        if u64::from(total) > all {
            return Err(format!("cannot spread {total} places over {all} eligible applicants"));
        }
        if all == 0 {
            return Ok(groups.iter().map(|g| Allotment { group: g.group.clone(), quota: 0 }).collect());
        }
        let mut shares: Vec<(usize, u64, u64)> = groups
            .iter()
            .enumerate()
            .map(|(i, g)| {
                let exact = u64::from(total) * u64::from(g.eligible);
                (i, exact / all, exact % all)
            })
            .collect();
        let given: u64 = shares.iter().map(|s| s.1).sum();
        let mut order: Vec<usize> = (0..shares.len()).collect();
        order.sort_by(|&a, &b| {
            shares[b]
                .2
                .cmp(&shares[a].2)
                .then(groups[b].eligible.cmp(&groups[a].eligible))
                .then(groups[a].group.cmp(&groups[b].group))
        });
        for &i in order.iter().take(usize::try_from(u64::from(total) - given).unwrap_or(0)) {
            shares[i].1 += 1;
        }
        Ok(shares
            .into_iter()
            .map(|(i, quota, _)| Allotment {
                group: groups[i].group.clone(),
                quota: u32::try_from(quota).unwrap_or(u32::MAX),
            })
            .collect())
    }
}

export_plugin!(Kaltara);
