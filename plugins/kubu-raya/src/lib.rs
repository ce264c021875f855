//! Kubu Raya 2025: some categories are fixed by a decree of the Bupati (SK Bupati) — their
//! members must carry the number of the decree or letter that names them; the others are
//! served by category, poorest first. Grouped by district.
//!
//! Policy parameters:
//! - `decree-categories` — comma-separated occupation codes whose members need a decree
//!   number (`"tenaga-honorer, ketua-rt, ketua-rw"`);
//! - `decree-regulation` — the regulation (declared in the policy) that rejections cite.
//!
//! Priority = 20.000 for decree categories, 10.000 for the others, plus (11 − decile) × 100.

use jaring_plugin::*;

struct KubuRaya;

impl RegionPlugin for KubuRaya {
    const NAME: &'static str = "kubu-raya-2025";
    const VERSION: &'static str = "1.0.0";

    fn assess(program: &Program, applicant: &Applicant) -> Result<Assessment, String> {
        let categories = program
            .param_list("decree-categories")
            .ok_or("the policy must give `param decree-categories \"…\"` to this plugin")?;
        let regulation = program.require_text("decree-regulation")?;
        let by_decree = categories.contains(&applicant.occupation);
        let decree = applicant.decree_number.map(str::trim).filter(|d| !d.is_empty());
        if by_decree && decree.is_none() {
            return Ok(Assessment::reject(
                applicant,
                "missing-decree-number",
                &format!(
                    "`{}` is a category whose members are named by decree, and no decree or letter number was given",
                    applicant.occupation
                ),
            )
            .citing(regulation, Some("lampiran: daftar nama")));
        }
        let decile = applicant.poverty_decile.map_or(11, i32::from).clamp(1, 11);
        let base = if by_decree { 20_000 } else { 10_000 };
        let assessment = Assessment::accept(applicant, base + (11 - decile) * 100);
        Ok(match applicant.district() {
            Some(district) => assessment.in_group(district),
            None => assessment,
        })
    }
}

export_plugin!(KubuRaya);
