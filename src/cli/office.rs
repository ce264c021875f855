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

/// `jaring receipt`: one person's record with its inclusion proof, as JSON or as a letter.
pub fn receipt(
    dir: &Path,
    nik: Option<&str>,
    row: Option<u32>,
    out: &Path,
    force: bool,
    lang: Lang,
) -> anyhow::Result<Exit> {
    use crate::office::source;
    if nik.is_none() && row.is_none() {
        return Err(super::said(msg!("receipt-which")));
    }
    let receipts = crate::audit::receipt::make(dir, nik, row).map_err(super::said)?;
    let Some(receipt) = receipts.first() else {
        return Err(super::said(msg!("receipt-not-found")));
    };
    let json = serde_json::to_string_pretty(receipt)? + "\n";
    let extension = out.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    let bytes = if extension == "html" || extension == "pdf" {
        // the letter is made from the receipt as checked, never from the folder's word
        let checked = crate::audit::receipt::check(&json).map_err(super::said)?;
        let (header_line, header) = crate::log::read_header(&dir.join(crate::log::LOG_FILE))?;
        // the letter takes from the header what a record left to it: only from the header
        // the receipt names
        let named = crate::log::origin(&crate::digest::sha256_hex(header_line.as_bytes()));
        if !checked.record.is_null() && header.redacted.is_none() && receipt.origin != named {
            return Err(super::said(msg!("receipt-letter-other-header")));
        }
        // what a schema 5 record left to its header (a citation, a waiting text, values
        // read equal to their cells) is put back from the header
        let line = checked.record.to_string();
        let record = crate::log::compact::Shared::of(&header)
            .parse(&line)
            .ok()
            .and_then(|r| serde_json::to_value(&r).ok())
            .unwrap_or_else(|| checked.record.clone());
        let name = crate::log::column_of(&header, crate::registry::Field::Name)
            .and_then(|c| record["input"][c].as_str().map(str::to_owned))
            .unwrap_or_default();
        if extension == "pdf" {
            crate::office::letter::pdf(receipt, &record, &name, lang, header.lang)
                .map_err(|e| super::said(msg!("run-cannot-write", error = e)))?
        } else {
            crate::office::letter::html(receipt, &record, &name, lang, header.lang).into_bytes()
        }
    } else {
        json.into_bytes()
    };
    source::check_out(out, force)?;
    source::stage(out, force, |path| std::fs::write(path, &bytes).map_err(|e| e.to_string()))?.publish()?;
    let said = msg!(
        "receipt-written",
        row = receipt.row,
        file = out.display(),
        root = &receipt.root,
        others => match receipts.len() - 1 {
            0 => crate::i18n::Arg::Text(String::new()),
            n => crate::i18n::Arg::Msg(Box::new(msg!("receipt-others", count = n))),
        }
    );
    println!("{}", said.text(lang));
    Ok(Exit::Ok)
}
