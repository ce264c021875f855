//! The office's documents: `annex` and `report`.

use std::path::Path;

use super::Exit;
use crate::i18n::Lang;
use crate::money::{Rupiah, grouped};
use crate::msg;
use crate::office::{annex as make_annex, report as make_report};

pub fn annex(
    dir: &Path,
    out: &Path,
    program: Option<&str>,
    expect_head: Option<&str>,
    force: bool,
    lang: Lang,
) -> anyhow::Result<Exit> {
    let annex = make_annex::write(dir, expect_head, program, out, force, lang)?;
    let said = msg!(
        "annex-written",
        id = annex.heading.id.as_str(),
        file = out.display(),
        people = grouped(annex.people),
        districts = annex.districts.len(),
        total = Rupiah(annex.total),
        words = crate::money::terbilang::rupiah(annex.total)
    );
    println!("{}", said.text(lang));
    Ok(Exit::Ok)
}

pub fn report(
    dir: &Path,
    out: &Path,
    expect_head: Option<&str>,
    force: bool,
    lang: Lang,
) -> anyhow::Result<Exit> {
    make_report::write(dir, expect_head, out, force, lang)?;
    println!("{}", msg!("office-written", file = out.display()).text(lang));
    Ok(Exit::Ok)
}
