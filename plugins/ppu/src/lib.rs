//! Penajam Paser Utara 2025: the poorest first, the regency's priority occupation first
//! within a poverty decile, everyone grouped by district (kecamatan).
//!
//! Policy parameters:
//! - `priority-occupation` — the occupation served first within a decile (`nelayan`: the
//!   regency's stated priority for fishermen).
//!
//! Priority = (11 − decile) × 10.000, plus 5.000 for the priority occupation. Applicants
//! without a decile come after every decile. Ties are broken by the host.

use jaring_plugin::*;

struct Ppu;

impl RegionPlugin for Ppu {
    const NAME: &'static str = "ppu-2025";
    const VERSION: &'static str = "1.0.0";

    fn assess(program: &Program, applicant: &Applicant) -> Result<Assessment, String> {
        let first = program.require_text("priority-occupation")?;
        let decile = applicant.poverty_decile.map_or(11, i32::from).clamp(1, 11);
        let mut priority = (11 - decile) * 10_000;
        if applicant.occupation == first {
            priority += 5_000;
        }
        let assessment = Assessment::accept(applicant, priority);
        Ok(match applicant.district() {
            Some(district) => assessment.in_group(district),
            None => assessment.note("domicile gives no district"),
        })
    }
}

export_plugin!(Ppu);

#[cfg(test)]
mod tests {
    use super::*;
    use jaring_plugin::testing::{applicant, program, text_param};

    #[test]
    fn the_poorest_fisherman_comes_first() {
        let mut program = program("64.09");
        program.params.push(text_param("priority-occupation", "nelayan"));
        let mut fisherman = applicant(1, "64.09.01.2001", "nelayan");
        fisherman.poverty_decile = Some(1);
        let mut farmer = applicant(2, "64.09.02.2001", "petani");
        farmer.poverty_decile = Some(1);
        let a = Ppu::assess(&program, &fisherman).unwrap();
        let b = Ppu::assess(&program, &farmer).unwrap();
        assert!(a.priority > b.priority);
        assert_eq!(a.group.as_deref(), Some("64.09.01"));
    }

    #[test]
    fn a_missing_parameter_is_an_error() {
        assert!(Ppu::assess(&program("64.09"), &applicant(1, "64.09.01", "nelayan")).is_err());
    }
}
