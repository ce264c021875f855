//! The readable report (`jaring report`): one self-contained HTML file for the head of the
//! office — no script, no font or image from the network, charts as inline SVG bars — that
//! prints on A4. Made only from a folder that verifies, from its `summary.json` (and, for
//! the waiting list by kecamatan, `waiting_list.csv`), both checked against the log.
//!
//! It shows: every row of the registry counted once (enrolled, waiting, rejected with the
//! repeated NIKs among them, invalid); per program the money used against the budget of
//! each funding source, how full the quota, each sub-quota and reserve got, enrolled and
//! waiting per kecamatan, why people wait and why they were rejected; invalid rows by
//! field; the run's warnings; the chain head that ties the page to its log.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;

use super::source::{Folder, OfficeError};
use crate::decision::Code;
use crate::i18n::{Lang, Msg};
use crate::money::{Rupiah, grouped};
use crate::msg;
use crate::registry::Field;

/// Writes the report of run folder `dir` to `out`, in `lang`, once the folder verifies.
pub fn write(
    dir: &Path,
    expect_head: Option<&str>,
    out: &Path,
    force: bool,
    lang: Lang,
) -> Result<(), OfficeError> {
    super::source::check_out(out, force)?;
    let staged = super::source::with_verified(dir, expect_head, |folder| {
        let html = render(folder, lang)?;
        super::source::stage(out, force, |path| {
            std::fs::write(path, html.as_bytes()).map_err(|e| e.to_string())
        })
    })?;
    staged.publish()
}

/// Text made safe inside HTML.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// One bar of a chart: its label and its values (drawn one after another, each in its own
/// colour), with the text shown after the bar.
struct Bar {
    label: String,
    values: Vec<u64>,
    shown: String,
}

impl Bar {
    /// `part` of `whole` (people, or rupiah when `money`): the filled and the open share, and
    /// the figures with the percentage beside the bar.
    fn filled(label: String, part: u64, whole: u64, money: bool, lang: Lang) -> Bar {
        let (p, w) = if money {
            (Rupiah(part).to_string(), Rupiah(whole).to_string())
        } else {
            (grouped(part), grouped(whole))
        };
        Bar {
            label,
            values: vec![part.min(whole), whole.saturating_sub(part)],
            shown: msg!("report-of", part = p, whole = w, percent = percent(part, whole)).text(lang),
        }
    }
}

const COLOURS: [&str; 3] = ["#2b6cb0", "#dd8a1e", "#9aa5b1"];

/// A horizontal bar chart as inline SVG; bars are scaled to `max` (the largest total when
/// `None`).
fn chart(bars: &[Bar], max: Option<u64>, legend: &[String]) -> String {
    if bars.is_empty() {
        return String::new();
    }
    // each bar under its label (labels are long: reasons in words), its figure beside it
    const AREA: f64 = 360.0;
    const ROW: f64 = 36.0;
    let max =
        max.unwrap_or_else(|| bars.iter().map(|b| b.values.iter().sum::<u64>()).max().unwrap_or(0)).max(1);
    let height = ROW * bars.len() as f64 + 4.0;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" role="img" viewBox="0 0 720 {height}" width="720" height="{height}" xmlns="http://www.w3.org/2000/svg">"#
    );
    for (i, bar) in bars.iter().enumerate() {
        let y = i as f64 * ROW;
        let label: String = bar.label.chars().take(100).collect();
        let _ = write!(svg, r#"<text x="0" y="{}" class="label">{}</text>"#, y + 13.0, esc(&label));
        let top = y + 18.0;
        let _ = write!(svg, r##"<rect x="0" y="{top}" width="{AREA}" height="13" fill="#eef1f4"/>"##);
        let mut x = 0.0;
        for (k, v) in bar.values.iter().enumerate() {
            let w = (*v as f64 / max as f64 * AREA).min(AREA - x);
            if w > 0.0 {
                let _ = write!(
                    svg,
                    r#"<rect x="{x:.1}" y="{top}" width="{w:.1}" height="13" fill="{}"/>"#,
                    COLOURS[k % COLOURS.len()]
                );
            }
            x += w;
        }
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}" class="value">{}</text>"#,
            AREA + 8.0,
            top + 11.0,
            esc(&bar.shown)
        );
    }
    svg.push_str("</svg>");
    if legend.len() > 1 {
        svg.push_str(r#"<p class="legend">"#);
        for (k, l) in legend.iter().enumerate() {
            let _ = write!(
                svg,
                r#"<span class="key" style="background:{}"></span>{} "#,
                COLOURS[k % COLOURS.len()],
                esc(l)
            );
        }
        svg.push_str("</p>");
    }
    svg
}

fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        return "-".to_owned();
    }
    // one decimal, computed in integers
    let tenths = (u128::from(part) * 1000 + u128::from(whole) / 2) / u128::from(whole);
    format!("{},{}%", tenths / 10, tenths % 10)
}

fn n(v: &Value) -> u64 {
    v.as_u64().unwrap_or(0)
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

fn reason_words(code: &str, lang: Lang) -> String {
    match Code::parse(code) {
        Some(c) => c.words().text(lang),
        None => code.to_owned(),
    }
}

fn field_words(name: &str, lang: Lang) -> String {
    match Field::by_name(name) {
        Some(f) => f.words().text(lang),
        None => name.to_owned(),
    }
}

/// Counts of a `{key: count}` object, most first.
fn counts(v: &Value) -> Vec<(String, u64)> {
    let mut pairs: Vec<(String, u64)> =
        v.as_object().into_iter().flatten().map(|(k, c)| (k.clone(), n(c))).collect();
    pairs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    pairs
}

/// Waiting places per program and kecamatan, from `waiting_list.csv`.
fn waiting_by_district(folder: &Folder) -> Result<BTreeMap<(String, String), u64>, OfficeError> {
    let file = "waiting_list.csv";
    let bad = |e: csv::Error| OfficeError::Other(msg!("office-unreadable", file = file, error = e));
    let mut reader = csv::Reader::from_path(folder.dir.join(file)).map_err(bad)?;
    let header = reader.headers().map_err(bad)?.clone();
    let (Some(p), Some(d)) =
        (header.iter().position(|h| h == "program"), header.iter().position(|h| h == "domicile"))
    else {
        return Ok(BTreeMap::new());
    };
    let mut out = BTreeMap::new();
    let mut record = csv::StringRecord::new();
    while reader.read_record(&mut record).map_err(bad)? {
        let district = crate::log::summary::district_of(record.get(d).unwrap_or(""));
        *out.entry((record.get(p).unwrap_or("").to_owned(), district)).or_insert(0) += 1;
    }
    Ok(out)
}

/// The whole page.
fn render(folder: &Folder, lang: Lang) -> Result<String, OfficeError> {
    let text =
        crate::files::read_text_at_most(&folder.dir.join("summary.json"), crate::log::summary::MAX_BYTES)
            .map_err(|e| OfficeError::Other(msg!("office-unreadable", file = "summary.json", error = e)))?;
    let summary: Value = serde_json::from_str(&text)
        .map_err(|e| OfficeError::Other(msg!("office-unreadable", file = "summary.json", error = e)))?;
    let waiting = waiting_by_district(folder)?;
    let t = |m: Msg| esc(&m.text(lang));
    let mut h = String::new();
    let title = t(msg!("report-title"));
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{title}</title><style>{}</style></head><body>",
        lang.code(),
        STYLE
    );
    let _ = write!(h, "<h1>{title}</h1>");
    // the run
    let header = &folder.header;
    let _ = write!(h, "<table class=\"facts\">");
    let mut fact = |k: Msg, v: String| {
        let _ = write!(h, "<tr><th>{}</th><td>{}</td></tr>", t(k), v);
    };
    fact(
        msg!("report-registry"),
        format!("{} · {} ", esc(&header.registry.name), esc(&header.registry.format)),
    );
    fact(msg!("report-registry-sha256"), format!("<code>{}</code>", esc(&header.registry.sha256)));
    if let Some(at) = &header.started_at {
        fact(msg!("report-started"), esc(at));
    }
    fact(msg!("report-chain-head"), format!("<code>{}</code>", esc(&folder.chain_head)));
    fact(msg!("report-made-by"), format!("jaring {}", esc(&header.jaring)));
    h.push_str("</table>");
    // every row once
    let o = &summary["outcomes"];
    let rows = n(&summary["registry"]["rows"]);
    let (enrolled, wait, rejected, invalid) =
        (n(&o["enrolled"]), n(&o["waiting"]), n(&o["rejected"]), n(&o["invalid"]));
    let duplicates = n(&summary["duplicate_niks"]);
    let _ = write!(h, "<h2>{}</h2>", t(msg!("report-rows")));
    let _ = write!(
        h,
        "<p class=\"big\">{}</p>",
        t(msg!(
            "report-rows-reconciled",
            rows = grouped(rows),
            enrolled = grouped(enrolled),
            waiting = grouped(wait),
            rejected = grouped(rejected),
            duplicates = grouped(duplicates),
            invalid = grouped(invalid)
        ))
    );
    let outcome_bars = [
        (msg!("report-enrolled"), enrolled),
        (msg!("report-waiting"), wait),
        (msg!("report-rejected"), rejected),
        (msg!("report-invalid"), invalid),
    ]
    .into_iter()
    .map(|(m, v)| Bar {
        label: m.text(lang),
        values: vec![v],
        shown: format!("{} ({})", grouped(v), percent(v, rows)),
    })
    .collect::<Vec<_>>();
    h.push_str(&chart(&outcome_bars, Some(rows), &[]));
    for p in summary["programs"].as_array().into_iter().flatten() {
        program(&mut h, p, &waiting, lang);
    }
    // invalid rows and warnings
    let _ = write!(h, "<h2>{}</h2>", t(msg!("report-invalid-rows")));
    let by_field = counts(&summary["invalid_by_field"]);
    if by_field.is_empty() {
        let _ = write!(h, "<p>{}</p>", t(msg!("report-none")));
    } else {
        let bars: Vec<Bar> = by_field
            .iter()
            .map(|(f, c)| Bar { label: field_words(f, lang), values: vec![*c], shown: grouped(*c) })
            .collect();
        h.push_str(&chart(&bars, None, &[]));
    }
    let _ = write!(h, "<p>{}</p>", t(msg!("report-duplicates", count = grouped(duplicates))));
    let _ = write!(h, "<h2>{}</h2>", t(msg!("report-warnings")));
    let warnings: Vec<&str> =
        summary["warnings"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
    if warnings.is_empty() {
        let _ = write!(h, "<p>{}</p>", t(msg!("report-none")));
    } else {
        h.push_str("<ul>");
        for w in warnings {
            let _ = write!(h, "<li>{}</li>", esc(w));
        }
        h.push_str("</ul>");
    }
    let _ = writeln!(
        h,
        "<p class=\"foot\">{}</p></body></html>",
        t(msg!("report-foot", head = folder.chain_head.as_str()))
    );
    Ok(h)
}

/// A program's section.
fn program(h: &mut String, p: &Value, waiting: &BTreeMap<(String, String), u64>, lang: Lang) {
    let t = |m: Msg| esc(&m.text(lang));
    let id = s(&p["id"]);
    let _ = write!(h, "<section><h2>{}</h2>", esc(s(&p["title"])));
    let _ = write!(
        h,
        "<p>{}</p>",
        t(msg!(
            "report-program-facts",
            id = id,
            region = s(&p["region_name"]),
            first = s(&p["first_month"]),
            last = s(&p["last_month"]),
            premium = Rupiah(n(&p["premium_per_worker"]))
        ))
    );
    let (enrolled, budget, used) = (n(&p["enrolled"]), n(&p["budget"]), n(&p["money_used"]));
    let _ = write!(h, "<table class=\"figures\"><tr>");
    for (label, value) in [
        (msg!("report-enrolled"), grouped(enrolled)),
        (msg!("report-waiting"), grouped(n(&p["waiting"]))),
        (msg!("report-rejected"), grouped(n(&p["rejected"]))),
        (msg!("report-used"), Rupiah(used).to_string()),
        (msg!("report-left"), Rupiah(n(&p["money_left"])).to_string()),
    ] {
        let _ = write!(h, "<td><div class=\"n\">{}</div><div>{}</div></td>", esc(&value), t(label));
    }
    h.push_str("</tr></table>");
    // money against budget, per funding source
    let _ = write!(h, "<h3>{}</h3>", t(msg!("report-money")));
    let mut bars: Vec<Bar> = p["funding"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            let (used, budget) = (n(&f["used"]), n(&f["budget"]));
            Bar::filled(format!("{} ({})", s(&f["id"]), s(&f["kind"])), used, budget, true, lang)
        })
        .collect();
    bars.push(Bar::filled(msg!("report-all-sources").text(lang), used, budget, true, lang));
    h.push_str(&chart(&bars, None, &[msg!("report-used").text(lang), msg!("report-left").text(lang)]));
    // quota, sub-quotas, reserves
    let _ = write!(h, "<h3>{}</h3>", t(msg!("report-quota")));
    let mut bars = Vec::new();
    let capacity = p["quota"].as_u64().or(p["capacity"].as_u64());
    match capacity {
        Some(q) => bars.push(Bar::filled(msg!("report-quota").text(lang), enrolled, q, false, lang)),
        None => {
            let _ = write!(h, "<p>{}</p>", t(msg!("report-no-quota")));
        }
    }
    let group = |g: &Value| {
        let list = |v: &Value| {
            v.as_array().into_iter().flatten().filter_map(Value::as_str).collect::<Vec<_>>().join(", ")
        };
        let (o, r) = (list(&g["occupations"]), list(&g["regions"]));
        if o.is_empty() { r } else { o }
    };
    for g in p["sub_quotas"].as_array().into_iter().flatten() {
        let (got, count) = (n(&g["enrolled"]), n(&g["count"]));
        bars.push(Bar::filled(
            msg!("report-sub-quota", group = group(g)).text(lang),
            got,
            count,
            false,
            lang,
        ));
    }
    for g in p["reserves"].as_array().into_iter().flatten() {
        let (got, count) = (n(&g["filled"]), n(&g["count"]));
        bars.push(Bar::filled(msg!("report-reserve", group = group(g)).text(lang), got, count, false, lang));
    }
    h.push_str(&chart(&bars, None, &[msg!("report-filled").text(lang), msg!("report-open").text(lang)]));
    // per kecamatan
    let _ = write!(h, "<h3>{}</h3>", t(msg!("report-by-district")));
    let mut districts: BTreeMap<String, (String, u64, u64)> = BTreeMap::new();
    for d in p["enrolled_by_district"].as_array().into_iter().flatten() {
        let e = districts.entry(s(&d["code"]).to_owned()).or_insert_with(|| (s(&d["name"]).to_owned(), 0, 0));
        e.1 += n(&d["enrolled"]);
    }
    for ((program, code), count) in waiting {
        if program == id {
            let e = districts
                .entry(code.clone())
                .or_insert_with(|| (crate::region::regions().name(code).unwrap_or("").to_owned(), 0, 0));
            e.2 += count;
        }
    }
    let bars: Vec<Bar> = districts
        .iter()
        .map(|(code, (name, e, w))| Bar {
            label: if name.is_empty() { code.clone() } else { name.clone() },
            values: vec![*e, *w],
            shown: msg!("report-enrolled-waiting", enrolled = grouped(*e), waiting = grouped(*w)).text(lang),
        })
        .collect();
    if bars.is_empty() {
        let _ = write!(h, "<p>{}</p>", t(msg!("report-none")));
    }
    h.push_str(&chart(&bars, None, &[msg!("report-enrolled").text(lang), msg!("report-waiting").text(lang)]));
    // why people wait, why they were rejected
    for (key, heading) in [
        ("waiting_by_reason", msg!("report-waiting-reasons")),
        ("rejected_by_reason", msg!("report-rejected-reasons")),
    ] {
        let _ = write!(h, "<h3>{}</h3>", t(heading));
        let reasons = counts(&p[key]);
        if reasons.is_empty() {
            let _ = write!(h, "<p>{}</p>", t(msg!("report-none")));
            continue;
        }
        let bars: Vec<Bar> = reasons
            .iter()
            .map(|(code, c)| Bar { label: reason_words(code, lang), values: vec![*c], shown: grouped(*c) })
            .collect();
        h.push_str(&chart(&bars, None, &[]));
    }
    h.push_str("</section>");
}

/// The page's style: readable on screen, printable on A4 (no section split across pages
/// when it fits on one).
const STYLE: &str = "
body { font-family: 'DejaVu Sans', 'Segoe UI', Arial, sans-serif; color: #1a202c; max-width: 760px; margin: 24px auto; padding: 0 16px; font-size: 14px; line-height: 1.45; }
h1 { font-size: 22px; margin-bottom: 4px; }
h2 { font-size: 18px; border-bottom: 2px solid #2b6cb0; padding-bottom: 3px; margin-top: 28px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
table.facts th { text-align: left; padding-right: 12px; font-weight: 600; vertical-align: top; }
table.facts td, table.facts th { font-size: 12px; padding: 2px 0; }
code { font-size: 11px; word-break: break-all; }
table.figures { width: 100%; border-collapse: collapse; margin: 8px 0; }
table.figures td { border: 1px solid #cbd5e0; padding: 6px 8px; width: 20%; vertical-align: top; font-size: 12px; }
table.figures .n { font-size: 16px; font-weight: 700; }
p.big { font-size: 15px; }
svg.chart { display: block; max-width: 100%; height: auto; }
svg.chart text { font-size: 12px; font-family: inherit; fill: #1a202c; }
p.legend { font-size: 12px; margin: 2px 0 0 0; }
span.key { display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 10px; vertical-align: middle; }
p.foot { margin-top: 32px; font-size: 11px; color: #4a5568; border-top: 1px solid #cbd5e0; padding-top: 6px; word-break: break-all; }
section { page-break-inside: auto; }
@media print { body { margin: 0; max-width: none; font-size: 11pt; } h2 { page-break-after: avoid; } svg.chart, table { page-break-inside: avoid; } }
@page { size: A4; margin: 16mm; }
";
