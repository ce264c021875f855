//! A receipt as a one-page letter for the person it is about (`jaring receipt … --out
//! FILE.html`): their decision in words, and how anyone can check, offline, that it is the
//! record in the published log — the receipt itself is inside the page.

use std::fmt::Write as _;

use crate::audit::receipt::Receipt;
use crate::i18n::Lang;
use crate::msg;

const STYLE: &str = "body{font-family:'DejaVu Sans',Arial,sans-serif;max-width:720px;margin:32px auto;padding:0 16px;font-size:14px;line-height:1.5;color:#1a202c}h1{font-size:20px}table{border-collapse:collapse}td{padding:3px 10px 3px 0;vertical-align:top}code,pre{font-size:11px;word-break:break-all;white-space:pre-wrap}.box{border:1px solid #cbd5e0;padding:10px 14px;margin:14px 0}@page{size:A4;margin:18mm}";

fn esc(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The letter for `receipt`, whose leaf is `record`; `name` as the registry wrote it.
pub fn html(receipt: &Receipt, record: &serde_json::Value, name: &str, lang: Lang) -> String {
    let t = |m: crate::i18n::Msg| esc(&m.text(lang));
    let nik = record["read"][0].as_str().unwrap_or("");
    let outcome = record["outcome"].as_str().unwrap_or("");
    let words = crate::decision::RowOutcome::parse(outcome)
        .map_or_else(|| outcome.to_owned(), |o| o.words().text(lang));
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>",
        lang.code(),
        t(msg!("letter-title")),
    );
    let _ = write!(h, "<h1>{}</h1>", t(msg!("letter-title")));
    let _ = write!(
        h,
        "<table><tr><td>{}</td><td><b>{}</b></td></tr><tr><td>NIK</td><td>{}</td></tr><tr><td>{}</td><td>{}</td></tr><tr><td>{}</td><td><b>{}</b></td></tr></table>",
        t(msg!("letter-name")),
        esc(name),
        esc(nik),
        t(msg!("letter-row")),
        receipt.row,
        t(msg!("letter-outcome")),
        esc(&words)
    );
    for p in record["programs"].as_array().into_iter().flatten() {
        let program = p["program"].as_str().unwrap_or("");
        let decision = p["decision"].as_str().unwrap_or("");
        let decision = crate::decision::Verdict::parse(decision)
            .map_or_else(|| decision.to_owned(), |v| v.outcome().words().text(lang));
        let _ = write!(h, "<div class=\"box\"><b>{}</b>: {}", esc(program), esc(&decision));
        if let Some(m) = p["message"].as_str() {
            let _ = write!(h, "<br>{}", esc(m));
        }
        if let Some(c) = p["cite"].as_str() {
            let _ = write!(h, "<br><i>{}</i>", esc(c));
        }
        if let Some(r) = p["rank"].as_u64() {
            let _ = write!(h, "<br>{}", t(msg!("letter-rank", rank = crate::money::grouped(r))));
        }
        h.push_str("</div>");
    }
    if let Some(reason) = record["invalid"]["reason"].as_str() {
        let _ = write!(h, "<div class=\"box\">{}</div>", esc(reason));
    }
    let _ = write!(
        h,
        "<h2>{}</h2><p>{}</p><p>{}<br><code>{}</code></p>",
        t(msg!("letter-check-title")),
        t(msg!(
            "letter-check",
            index = receipt.leaf_index + 1,
            size = crate::money::grouped(receipt.tree_size)
        )),
        t(msg!("letter-root")),
        esc(&receipt.root)
    );
    let json = serde_json::to_string_pretty(receipt).unwrap_or_default();
    let _ = writeln!(h, "<pre>{}</pre></body></html>", esc(&json));
    h
}
