//! A receipt as a one-page letter for the person it is about (`jaring receipt … --out
//! FILE.pdf` or `FILE.html`): their decision in words, and how anyone can check, offline,
//! that it is the record in the published log — the receipt itself is inside the letter
//! (printed, and in a PDF also attached as `receipt.json`).
//!
//! What the letter says is gathered once (`Letter`); the HTML page and the PDF only lay it
//! out.

use std::fmt::Write as _;

use crate::audit::receipt::Receipt;
use crate::i18n::Lang;
use crate::msg;

/// The letter's content, in the reader's language.
struct Letter {
    title: String,
    /// (label, value, value in bold)
    facts: Vec<(String, String, bool)>,
    /// Per program: its name and decision, then the lines under it.
    programs: Vec<(String, String, Vec<String>)>,
    /// Why the row could not be read, if it could not.
    invalid: Option<String>,
    check_title: String,
    check: String,
    root_label: String,
    root: String,
    /// The receipt as `jaring verify` reads it.
    json: String,
}

impl Letter {
    /// `run_lang`: the language the run wrote its texts in; the reader's may differ.
    fn new(receipt: &Receipt, record: &serde_json::Value, name: &str, lang: Lang, run_lang: Lang) -> Letter {
        let t = |m: crate::i18n::Msg| m.text(lang);
        let nik = record["read"][0].as_str().unwrap_or("");
        let outcome = record["outcome"].as_str().unwrap_or("");
        let words = crate::decision::RowOutcome::parse(outcome)
            .map_or_else(|| outcome.to_owned(), |o| o.words().text(lang));
        let programs = record["programs"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|p| {
                let decision = p["decision"].as_str().unwrap_or("");
                let decision = crate::decision::Verdict::parse(decision)
                    .map_or_else(|| decision.to_owned(), |v| v.outcome().words().text(lang));
                // the recorded reason is in the run's language: a reader of another gets the
                // reason's words in theirs (a plugin's own reason stays as it wrote it)
                let code = p["reason"].as_str().and_then(crate::decision::Code::parse);
                let message = match code {
                    Some(c) if run_lang != lang => Some(c.words().text(lang)),
                    _ => p["message"].as_str().map(str::to_owned),
                };
                let mut lines: Vec<String> =
                    message.into_iter().chain(p["cite"].as_str().map(str::to_owned)).collect();
                if let Some(r) = p["rank"].as_u64() {
                    lines.push(t(msg!("letter-rank", rank = crate::money::grouped(r))));
                }
                (p["program"].as_str().unwrap_or("").to_owned(), decision, lines)
            })
            .collect();
        Letter {
            title: t(msg!("letter-title")),
            facts: vec![
                (t(msg!("letter-name")), name.to_owned(), true),
                ("NIK".to_owned(), nik.to_owned(), false),
                (t(msg!("letter-row")), receipt.row.to_string(), false),
                (t(msg!("letter-outcome")), words, true),
            ],
            programs,
            invalid: record["invalid"]["reason"].as_str().map(str::to_owned),
            check_title: t(msg!("letter-check-title")),
            check: t(msg!(
                "letter-check",
                index = receipt.leaf_index + 1,
                size = crate::money::grouped(receipt.tree_size)
            )),
            root_label: t(msg!("letter-root")),
            root: receipt.root.clone(),
            json: serde_json::to_string_pretty(receipt).unwrap_or_default(),
        }
    }
}

const STYLE: &str = "body{font-family:'DejaVu Sans',Arial,sans-serif;max-width:720px;margin:32px auto;padding:0 16px;font-size:14px;line-height:1.5;color:#1a202c}h1{font-size:20px}table{border-collapse:collapse}td{padding:3px 10px 3px 0;vertical-align:top}code,pre{font-size:11px;word-break:break-all;white-space:pre-wrap}.box{border:1px solid #cbd5e0;padding:10px 14px;margin:14px 0}@page{size:A4;margin:18mm}";

fn esc(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The letter for `receipt`, whose leaf is `record`, as one HTML page; `name` as the
/// registry wrote it.
pub fn html(receipt: &Receipt, record: &serde_json::Value, name: &str, lang: Lang, run_lang: Lang) -> String {
    let l = Letter::new(receipt, record, name, lang, run_lang);
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body><h1>{}</h1><table>",
        lang.code(),
        esc(&l.title),
        esc(&l.title),
    );
    for (label, value, bold) in &l.facts {
        let value = if *bold { format!("<b>{}</b>", esc(value)) } else { esc(value) };
        let _ = write!(h, "<tr><td>{}</td><td>{value}</td></tr>", esc(label));
    }
    h.push_str("</table>");
    for (program, decision, lines) in &l.programs {
        let _ = write!(h, "<div class=\"box\"><b>{}</b>: {}", esc(program), esc(decision));
        for line in lines {
            let _ = write!(h, "<br>{}", esc(line));
        }
        h.push_str("</div>");
    }
    if let Some(reason) = &l.invalid {
        let _ = write!(h, "<div class=\"box\">{}</div>", esc(reason));
    }
    let _ = write!(
        h,
        "<h2>{}</h2><p>{}</p><p>{}<br><code>{}</code></p>",
        esc(&l.check_title),
        esc(&l.check),
        esc(&l.root_label),
        esc(&l.root)
    );
    let _ = writeln!(h, "<pre>{}</pre></body></html>", esc(&l.json));
    h
}

/// A line of the PDF letter: bold, size, x, text, and a vertical measure.
type Placed = (bool, f32, f32, String, f32);

/// The letter as an A4 PDF, the receipt attached as `receipt.json`.
pub fn pdf(
    receipt: &Receipt,
    record: &serde_json::Value,
    name: &str,
    lang: Lang,
    run_lang: Lang,
) -> Result<Vec<u8>, String> {
    use crate::office::pdf::{Align, BOLD, Face, LEFT, PAGE_H, PAGE_W, Pen, REGULAR, RIGHT, TOP, black};
    let l = Letter::new(receipt, record, name, lang, run_lang);
    let (regular, bold) = (Face::new(REGULAR)?, Face::new(BOLD)?);
    let width = RIGHT - LEFT;
    // laid out first (the last number: the space above), then put on pages (the baseline)
    let mut lines: Vec<Placed> = Vec::new();
    let wrap = |lines: &mut Vec<_>, bold_face: bool, size: f32, indent: f32, text: &str, above: f32| {
        let face = if bold_face { &bold } else { &regular };
        for (k, line) in face.wrap(text, size, width - indent).into_iter().enumerate() {
            lines.push((bold_face, size, LEFT + indent, line, if k == 0 { above } else { 0.0 }));
        }
    };
    wrap(&mut lines, true, 16.0, 0.0, &l.title, 0.0);
    let label_width = l.facts.iter().map(|(label, ..)| regular.width(label, 10.5)).fold(0.0, f32::max) + 14.0;
    for (k, (label, value, strong)) in l.facts.iter().enumerate() {
        wrap(&mut lines, false, 10.5, 0.0, label, if k == 0 { 12.0 } else { 3.0 });
        // the value on the label's line
        let face = if *strong { &bold } else { &regular };
        for (j, line) in face.wrap(value, 10.5, width - label_width).into_iter().enumerate() {
            // a step back up to the label's baseline for the first line
            let above = if j == 0 { -(10.5 * 1.35) } else { 0.0 };
            lines.push((*strong, 10.5, LEFT + label_width, line, above));
        }
    }
    let mut wrapped = |bold_face: bool, size: f32, indent: f32, text: &str, above: f32| {
        wrap(&mut lines, bold_face, size, indent, text, above)
    };
    for (program, decision, notes) in &l.programs {
        wrapped(true, 11.0, 0.0, &format!("{program}: {decision}"), 12.0);
        for note in notes {
            wrapped(false, 10.0, 10.0, note, 2.0);
        }
    }
    if let Some(reason) = &l.invalid {
        wrapped(false, 10.0, 0.0, reason, 12.0);
    }
    wrapped(true, 12.5, 0.0, &l.check_title, 16.0);
    wrapped(false, 9.5, 0.0, &l.check, 4.0);
    wrapped(false, 9.5, 0.0, &l.root_label, 6.0);
    wrapped(true, 8.5, 0.0, &l.root, 2.0);
    for (k, line) in l.json.lines().enumerate() {
        wrapped(false, 6.0, 0.0, line, if k == 0 { 10.0 } else { 0.0 });
    }
    // pages: a line goes to the next page when it would pass the foot
    let bottom = PAGE_H - 40.0;
    let mut pages: Vec<Vec<Placed>> = Vec::new();
    let mut y = TOP;
    for (strong, size, x, text, above) in lines {
        let step = size * 1.35 + above;
        if pages.is_empty() || y + step > bottom {
            pages.push(Vec::new());
            y = TOP;
        }
        y += step;
        if let Some(page) = pages.last_mut() {
            page.push((strong, size, x, text, y));
        }
    }
    let mut document = krilla::Document::new();
    document.set_metadata(
        krilla::metadata::Metadata::new()
            .title(l.title.clone())
            .creator(format!("jaring {}", env!("CARGO_PKG_VERSION"))),
    );
    let settings = krilla::page::PageSettings::from_wh(PAGE_W, PAGE_H).ok_or("bad page size")?;
    for page_lines in &pages {
        let mut page = document.start_page_with(settings.clone());
        {
            let mut pen = Pen { surface: page.surface(), regular: &regular, bold: &bold };
            pen.surface.set_fill(Some(black()));
            for (strong, size, x, text, baseline) in page_lines {
                pen.text((*strong, *size), *x, *baseline, RIGHT - x, Align::Left, text);
            }
            let Pen { surface, .. } = pen;
            surface.finish();
        }
        page.finish();
    }
    document.embed_file(krilla::embed::EmbeddedFile {
        path: "receipt.json".to_owned(),
        mime_type: krilla::embed::MimeType::new("application/json"),
        description: Some(l.check_title.clone()),
        association_kind: krilla::embed::AssociationKind::Supplement,
        data: (l.json + "\n").into_bytes().into(),
        modification_date: None,
        compress: None,
        location: None,
    });
    document.finish().map_err(|e| format!("{e:?}"))
}
