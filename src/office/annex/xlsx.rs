//! The annex as a workbook: one sheet laid out like the paper list (heading, the table
//! under a heading row that repeats on every printed page, group rows, subtotals, the grand
//! total and its words), printed on A4 one page wide with page numbers and the chain head in
//! the footer. Figures are numbers (an office sums them again); NIKs are text.

use std::path::Path;

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::{Annex, Words};
use crate::i18n::Lang;

/// Excel's rows per sheet.
const SHEET_ROWS: u32 = 1_048_576;

pub fn write(annex: &Annex, path: &Path, lang: Lang) -> Result<(), String> {
    // a sheet cannot hold more lines: say so rather than cut a legal list short
    let lines: u64 = 12
        + annex.heading.regulations.len() as u64
        + annex.districts.iter().map(|d| 3 + 2 * d.villages.len() as u64 + d.people).sum::<u64>();
    if lines > u64::from(SHEET_ROWS) {
        return Err(crate::msg!("annex-too-long-for-xlsx", lines = crate::money::grouped(lines)).text(lang));
    }
    fill(annex, path, lang).map_err(|e| e.to_string())
}

/// Escapes `&` for a header or footer, and keeps it within Excel's 255 characters.
fn footer_text(text: &str) -> String {
    text.replace('&', "&&").chars().take(200).collect()
}

/// A line of text across the six columns, wrapped, its row as high as its lines need.
fn wide(sheet: &mut Worksheet, r: u32, text: &str, format: &Format) -> Result<(), XlsxError> {
    let lines = text.chars().count().div_ceil(100).max(1);
    sheet.merge_range(r, 0, r, 5, text, &format.clone().set_text_wrap().set_align(FormatAlign::Top))?;
    if lines > 1 {
        sheet.set_row_height(r, 15.0 * lines as f64)?;
    }
    Ok(())
}

fn fill(annex: &Annex, path: &Path, lang: Lang) -> Result<(), XlsxError> {
    let words = Words { lang };
    let mut book = Workbook::new();
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        book.set_tempdir(dir)?;
    }
    book.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?)
            .set_title(words.title(&annex.heading)),
    );
    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(13);
    let heading = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDDEBF7))
        .set_border(FormatBorder::Thin)
        .set_text_wrap();
    let district = Format::new().set_bold().set_background_color(Color::RGB(0xF2F2F2));
    let village = Format::new().set_bold().set_italic();
    let count = Format::new().set_num_format("#,##0");
    let money = Format::new().set_num_format("#,##0");
    let subtotal = Format::new().set_bold().set_border_top(FormatBorder::Thin);
    let subtotal_money = Format::new().set_bold().set_num_format("#,##0").set_border_top(FormatBorder::Thin);
    let total = Format::new().set_bold().set_border_top(FormatBorder::Double).set_font_size(12);
    let total_money = Format::new()
        .set_bold()
        .set_num_format("#,##0")
        .set_border_top(FormatBorder::Double)
        .set_font_size(12);

    let sheet = book.add_worksheet_with_constant_memory()?;
    sheet.set_name(words.annex().chars().take(31).collect::<String>())?;
    sheet.set_paper_size(9); // A4
    sheet.set_portrait();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_margins(0.5, 0.5, 0.6, 0.7, 0.3, 0.3);
    // `&P` and `&N` are Excel's page number and page count
    let page = crate::msg!("annex-page", page = "&P", pages = "&N").text(lang);
    sheet.set_header(format!("&L&7{}", footer_text(&words.footer(annex))));
    sheet.set_footer(format!("&C&8{page}"));
    for (c, w) in [7.0, 19.0, 34.0, 28.0, 8.0, 14.0].into_iter().enumerate() {
        sheet.set_column_width(c as u16, w)?;
    }
    let mut r = 0u32;
    sheet.write_string_with_format(r, 0, words.annex(), &bold)?;
    r += 1;
    wide(sheet, r, &words.title(&annex.heading), &title)?;
    r += 1;
    wide(sheet, r, &words.facts(&annex.heading), &Format::new())?;
    r += 1;
    if !annex.heading.regulations.is_empty() {
        sheet.write_string_with_format(r, 0, words.legal_basis(), &bold)?;
        r += 1;
        for (i, reg) in annex.heading.regulations.iter().enumerate() {
            wide(sheet, r, &format!("{}. {reg}", i + 1), &Format::new())?;
            r += 1;
        }
    }
    r += 1;
    let header_row = r;
    for (c, text) in words.columns().iter().enumerate() {
        sheet.write_string_with_format(r, c as u16, text, &heading)?;
    }
    sheet.set_repeat_rows(header_row, header_row)?;
    sheet.set_freeze_panes(header_row + 1, 0)?;
    r += 1;
    let mut number = 0u64;
    for d in &annex.districts {
        sheet.write_string_with_format(r, 0, words.district(d), &district)?;
        for c in 1..6 {
            sheet.write_blank(r, c, &district)?;
        }
        r += 1;
        for v in &d.villages {
            sheet.write_string_with_format(r, 0, words.village(v), &village)?;
            r += 1;
            for w in &v.workers {
                number += 1;
                sheet.write_number_with_format(r, 0, number as f64, &count)?;
                sheet.write_string(r, 1, &w.nik)?;
                sheet.write_string(r, 2, &w.name)?;
                sheet.write_string(r, 3, &w.occupation)?;
                sheet.write_number(r, 4, f64::from(w.months))?;
                sheet.write_number_with_format(r, 5, w.premium as f64, &money)?;
                r += 1;
            }
            sheet.write_string_with_format(r, 1, words.village_total(v), &subtotal)?;
            for c in [0, 2, 3, 4] {
                sheet.write_blank(r, c, &subtotal)?;
            }
            sheet.write_number_with_format(r, 5, v.total as f64, &subtotal_money)?;
            r += 1;
        }
        sheet.write_string_with_format(r, 1, words.district_total(d), &subtotal)?;
        for c in [0, 2, 3, 4] {
            sheet.write_blank(r, c, &subtotal)?;
        }
        sheet.write_number_with_format(r, 5, d.total as f64, &subtotal_money)?;
        r += 2;
    }
    if annex.districts.is_empty() {
        sheet.write_string(r, 0, words.nobody())?;
        r += 2;
    }
    sheet.write_string_with_format(r, 1, words.grand_total(annex), &total)?;
    for c in [0, 2, 3, 4] {
        sheet.write_blank(r, c, &total)?;
    }
    sheet.write_number_with_format(r, 5, annex.total as f64, &total_money)?;
    r += 1;
    wide(sheet, r, &words.in_words(annex), &bold)?;
    r += 2;
    wide(sheet, r, &words.footer(annex), &Format::new().set_font_size(8))?;
    sheet.set_print_area(0, 0, r, 5)?;
    book.save(path)?;
    Ok(())
}
