//! The auditors' commands: `verify`, `replay`, `explain`, `export`.

use std::path::{Path, PathBuf};

use super::{Exit, ExportFormat, Format, said};
use crate::audit::explain::{self, Query};
use crate::audit::export;
use crate::audit::replay::{self, Changes, Impact};
use crate::i18n::{Arg, Lang, Msg};
use crate::log::verify;
use crate::money::{Rupiah, grouped};
use crate::msg;
use crate::plugin::PluginHost;

pub fn verify(
    dir: &Path,
    expect_head: Option<&str>,
    key_files: &[PathBuf],
    format: Format,
    lang: Lang,
) -> anyhow::Result<Exit> {
    let keys = key_files.iter().map(|f| read_public_key(f)).collect::<anyhow::Result<Vec<_>>>()?;
    if dir.is_file() {
        return verify_receipt(dir, expect_head, &keys, format, lang);
    }
    let report = verify::verify_with(dir, expect_head, true, &keys)?;
    match format {
        Format::Json => {
            let problems: Vec<serde_json::Value> = report
                .problems
                .iter()
                .map(|p| serde_json::json!({"file": p.file, "line": p.line, "problem": p.what.text(lang)}))
                .collect();
            let notes: Vec<String> = report.notes.iter().map(|n| n.text(lang)).collect();
            println!(
                "{}",
                serde_json::to_string_pretty(&serde_json::json!({
                    "intact": report.intact(),
                    "records": report.records,
                    "chain_head": report.chain_head,
                    "root": report.root,
                    "counts": report.counts,
                    "problems": problems,
                    "notes": notes,
                }))?
            );
        }
        Format::Human => {
            if report.intact() {
                let said = msg!(
                    "verify-intact",
                    records = grouped(report.records),
                    counts => verify::counts_words(&report.counts),
                    head = report.chain_head.as_deref().unwrap_or("")
                );
                println!("{}", said.text(lang));
                if let Some(root) = &report.root {
                    println!(
                        "{}",
                        msg!("verify-root", root = root, size = grouped(report.records)).text(lang)
                    );
                }
                if expect_head.is_none() {
                    println!("{}", msg!("verify-give-head").text(lang));
                }
            } else {
                println!("{}", msg!("verify-tampered", count = report.problems.len()).text(lang));
                let mut problems = report.problems.clone();
                problems.sort_by_key(|p| (p.file != crate::log::LOG_FILE, p.line.unwrap_or(u64::MAX)));
                for p in &problems {
                    println!("  {}", p.text(lang));
                }
            }
            for note in &report.notes {
                println!("{}", msg!("verify-note", note => note.clone()).text(lang));
            }
        }
    }
    Ok(if report.intact() { Exit::Ok } else { Exit::Problems })
}

pub fn replay(
    dir: &Path,
    policies: &[PathBuf],
    plugin: Option<&PathBuf>,
    program: Option<&str>,
    format: super::ImpactFormat,
    lang: Lang,
) -> anyhow::Result<Exit> {
    let changes =
        Changes { policies: policies.to_vec(), plugin: plugin.cloned(), program: program.map(str::to_owned) };
    let clock = super::stopwatch::Stopwatch::new();
    // compiled afresh from the archived `.wasm`: an audit never trusts this machine's cache
    let host = PluginHost::uncached()?;
    let mut decided = replay::decide_again(dir, &changes, &host)?;
    clock.lap("read the log, decide again");
    let impact = decided.compare()?;
    clock.lap("read the log again, compare");
    clock.report();
    match format {
        // (written as they are made: a change of quota in a province moves millions)
        super::ImpactFormat::Json => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            serde_json::to_writer_pretty(&mut out, &impact)?;
            std::io::Write::write_all(&mut out, b"\n")?;
            std::io::Write::flush(&mut out)?;
        }
        super::ImpactFormat::Human => print!("{}", impact_text(&impact, &changes, lang)),
        super::ImpactFormat::Csv => impact_csv(&impact, std::io::stdout().lock())?,
    }
    Ok(if impact.identical() { Exit::Ok } else { Exit::Problems })
}

fn impact_text(impact: &Impact, changes: &Changes, lang: Lang) -> String {
    let mut out = String::new();
    let mut line = |indent: usize, m: Msg| out.push_str(&format!("{:indent$}{}\n", "", m.text(lang)));
    let records = grouped(impact.records);
    if changes.is_empty() {
        if impact.identical() {
            line(0, msg!("replay-identical", records = records));
            return out;
        }
        line(0, msg!("replay-diverges", records = records, count = grouped(impact.divergences() as u64)));
    } else {
        line(0, msg!("impact-heading", records = records));
        line(
            2,
            msg!(
                "impact-counts",
                gains = grouped(impact.gains.len() as u64),
                losses = grouped(impact.losses.len() as u64),
                moves = grouped(impact.moves.len() as u64),
                other = grouped(impact.other.len() as u64)
            ),
        );
    }
    if impact.details > 0 {
        line(2, msg!("impact-details", count = grouped(impact.details)));
    }
    // why people lose their place, and which funding source pays for those who gain one
    let mut lost_because: std::collections::BTreeMap<String, u64> = std::collections::BTreeMap::new();
    for c in &impact.losses {
        let reason = match &c.after {
            replay::Brief::Waiting { reason, .. } | replay::Brief::Rejected { reason } => reason.clone(),
            other => other.to_string(),
        };
        *lost_because.entry(reason).or_default() += 1;
    }
    let mut gained_from: std::collections::BTreeMap<String, u64> = std::collections::BTreeMap::new();
    for c in &impact.gains {
        if let replay::Brief::Enrolled { funding } = &c.after {
            *gained_from.entry(format!("{} / {funding}", c.program)).or_default() += 1;
        }
    }
    for (reason, count) in &lost_because {
        let words = crate::decision::reason_words(reason);
        line(2, msg!("impact-lost-because", count = grouped(*count), reason => words));
    }
    for (source, count) in &gained_from {
        line(2, msg!("impact-gained-from", count = grouped(*count), source = source.as_str()));
    }
    // and where: gains and losses per kecamatan
    let mut by_district: std::collections::BTreeMap<&str, (u64, u64)> = std::collections::BTreeMap::new();
    for c in &impact.gains {
        by_district.entry(c.district.as_str()).or_default().0 += 1;
    }
    for c in &impact.losses {
        by_district.entry(c.district.as_str()).or_default().1 += 1;
    }
    for (code, (gains, losses)) in by_district.iter().filter(|(code, _)| !code.is_empty()) {
        let name = crate::region::regions().name(code).unwrap_or("");
        line(
            2,
            msg!(
                "impact-district",
                name = name,
                code = *code,
                gains = grouped(*gains),
                losses = grouped(*losses)
            ),
        );
    }
    for m in &impact.money {
        let delta = i128::from(m.after) - i128::from(m.before);
        let change = format!(
            "{}{}",
            if delta < 0 { "-" } else { "+" },
            Rupiah(u64::try_from(delta.unsigned_abs()).unwrap_or(u64::MAX))
        );
        line(
            2,
            msg!(
                "impact-money",
                program = &m.program,
                funding = &m.funding,
                before = Rupiah(m.before),
                after = Rupiah(m.after),
                change = change
            ),
        );
    }
    let lists = [
        (msg!("impact-gains"), &impact.gains),
        (msg!("impact-losses"), &impact.losses),
        (msg!("impact-moves"), &impact.moves),
        (msg!("impact-other"), &impact.other),
    ];
    for (title, list) in lists {
        if list.is_empty() {
            continue;
        }
        line(0, msg!("impact-list", title => title, count = grouped(list.len() as u64)));
        for c in list.iter().take(50) {
            line(
                2,
                msg!(
                    "impact-change",
                    row = c.row,
                    nik => shown(&c.nik),
                    name => shown(&c.name),
                    program => shown(&c.program),
                    before => c.before.words(),
                    after => c.after.words()
                ),
            );
        }
        if list.len() > 50 {
            line(2, msg!("impact-more", count = grouped((list.len() - 50) as u64)));
        }
    }
    out
}

fn shown(text: &str) -> Arg {
    Arg::Text(crate::text::escape(text).into_owned())
}

pub fn explain(
    dir: &Path,
    nik: Option<&str>,
    row: Option<u32>,
    detail: bool,
    lang: Lang,
) -> anyhow::Result<Exit> {
    let query = match (nik, row) {
        (_, Some(row)) => Query::Row(row),
        (Some(nik), None) => Query::Nik(nik.to_owned()),
        (None, None) => return Err(said(msg!("explain-what"))),
    };
    print!("{}", explain::explain(dir, &query, lang, detail)?);
    Ok(Exit::Ok)
}

pub fn export(
    dir: &Path,
    out: &Path,
    format: ExportFormat,
    redact: bool,
    force: bool,
    lang: Lang,
) -> anyhow::Result<Exit> {
    match format {
        ExportFormat::Folder => {
            if !redact {
                return Err(said(msg!("export-needs-redact")));
            }
            export::export_redacted(dir, out, force)?;
            println!("{}", msg!("export-written", folder = out.display()).text(lang));
        }
        ExportFormat::Parquet => {
            let masked = crate::audit::tables::export_parquet(dir, out, redact, force)?;
            let written = if masked {
                msg!("export-parquet-written-redacted", folder = out.display())
            } else {
                msg!("export-parquet-written", folder = out.display())
            };
            println!("{}", written.text(lang));
        }
    }
    Ok(Exit::Ok)
}

/// `jaring verify RECEIPT.json`: the receipt's proof leads from its record to its root (and,
/// with `--expect-head`, that root is the one given).
fn verify_receipt(
    file: &Path,
    expect_head: Option<&str>,
    keys: &[crate::log::checkpoint::PublicKey],
    format: Format,
    lang: Lang,
) -> anyhow::Result<Exit> {
    // a receipt is a few kilobytes: a file far larger is not one, and is not read into memory
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    if size > 1 << 20 {
        return Err(said(msg!("receipt-too-large", file = file.display())));
    }
    let text = std::fs::read_to_string(file)
        .map_err(|e| said(msg!("cli-unreadable-file", file = file.display(), error => &e)))?;
    let checked = crate::audit::receipt::check(&text);
    let expected: Option<String> =
        expect_head.map(|h| h.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase());
    // a checkpoint in the receipt binds its size and root, and carries the signatures
    let signed = checked.as_ref().ok().map(|c| match &c.receipt.checkpoint {
        Some(text) => {
            crate::log::checkpoint::check(text, &c.receipt.origin, c.receipt.tree_size, &c.receipt.root, keys)
                .0
        }
        None if keys.is_empty() => Vec::new(),
        None => vec![msg!("checkpoint-none")],
    });
    let (ok, what) = match &checked {
        Ok(c) if expected.as_ref().is_some_and(|e| *e != c.receipt.root) => {
            (false, msg!("receipt-other-root", root = &c.receipt.root))
        }
        Ok(_) if signed.as_ref().is_some_and(|p| !p.is_empty()) => {
            (false, signed.unwrap_or_default().remove(0))
        }
        Ok(c) => (
            true,
            msg!(
                "receipt-valid",
                row = c.receipt.row,
                index = c.receipt.leaf_index,
                size = grouped(c.receipt.tree_size),
                root = &c.receipt.root,
                outcome = c.record["outcome"].as_str().unwrap_or("-")
            ),
        ),
        Err(m) => (false, m.clone()),
    };
    match format {
        Format::Json => println!("{}", serde_json::json!({ "valid": ok, "said": what.text(lang) })),
        Format::Human => println!("{}", what.text(lang)),
    }
    Ok(if ok { Exit::Ok } else { Exit::Problems })
}

/// A private key file (`jaring key new`).
pub fn read_private_key(path: &Path) -> anyhow::Result<crate::log::checkpoint::PrivateKey> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| said(msg!("cli-unreadable-file", file = path.display(), error => &e)))?;
    crate::log::checkpoint::PrivateKey::parse(&text).map_err(said)
}

/// A public key file.
pub fn read_public_key(path: &Path) -> anyhow::Result<crate::log::checkpoint::PublicKey> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| said(msg!("cli-unreadable-file", file = path.display(), error => &e)))?;
    crate::log::checkpoint::PublicKey::parse(&text).map_err(said)
}

/// `jaring key new --out NAME`: `NAME.key` (owner-only) and `NAME.pub`; never over a file.
pub fn key_new(out: &Path, lang: Lang) -> anyhow::Result<Exit> {
    let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let key = crate::log::checkpoint::PrivateKey::generate(name).map_err(said)?;
    let private = out.with_file_name(format!("{name}.key"));
    let public = out.with_file_name(format!("{name}.pub"));
    for f in [&private, &public] {
        if f.exists() {
            return Err(said(msg!("office-out-exists", file = f.display())));
        }
    }
    let cannot =
        |f: &Path, e: std::io::Error| said(msg!("cli-cannot-write", file = f.display(), error => &e));
    {
        use std::io::Write as _;
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&private).map_err(|e| cannot(&private, e))?;
        file.write_all(key.encode().as_bytes()).map_err(|e| cannot(&private, e))?;
    }
    std::fs::write(&public, key.public().encode()).map_err(|e| cannot(&public, e))?;
    println!(
        "{}",
        msg!("key-written", private = private.display(), public = public.display(), name = name).text(lang)
    );
    Ok(Exit::Ok)
}

/// `jaring cosign DIR --key KEY`: a witness signs the checkpoint of a folder that verifies.
pub fn cosign(dir: &Path, key_file: &Path, lang: Lang) -> anyhow::Result<Exit> {
    let key = read_private_key(key_file)?;
    let report = verify::verify(dir, None)?;
    if !report.intact() {
        let list: Vec<String> =
            report.problems.iter().take(5).map(|p| format!("  {}", p.text(lang))).collect();
        return Err(said(msg!("cosign-not-intact", problems = list.join("\n"))));
    }
    let path = dir.join(crate::log::checkpoint::FILE);
    let text = std::fs::read_to_string(&path).map_err(|_| said(msg!("checkpoint-none")))?;
    let mut note = crate::log::checkpoint::Note::parse(&text).map_err(said)?;
    note.sign(&key);
    let mut temp = tempfile::Builder::new()
        .prefix(".jaring-")
        .tempfile_in(dir)
        .map_err(|e| said(msg!("cli-cannot-write", file = path.display(), error => &e)))?;
    std::io::Write::write_all(&mut temp, note.text().as_bytes())
        .map_err(|e| said(msg!("cli-cannot-write", file = path.display(), error => &e)))?;
    if let Ok(meta) = std::fs::metadata(&path) {
        let _ = std::fs::set_permissions(temp.path(), meta.permissions());
    }
    temp.persist(&path)
        .map_err(|e| said(msg!("cli-cannot-write", file = path.display(), error => &e.error)))?;
    println!("{}", msg!("cosigned", name = &key.name, folder = dir.display()).text(lang));
    Ok(Exit::Ok)
}

/// The impact report as CSV: one line per change (`change` is `gain`, `loss`, `move` or
/// `other`), the briefs as in JSON; codes and columns the same in every language.
/// The impact as CSV, one line per change, written to `out`.
fn impact_csv(impact: &Impact, out: impl std::io::Write) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["change", "row", "nik", "name", "district", "program", "before", "after"])?;
    let lists = [
        ("gain", &impact.gains),
        ("loss", &impact.losses),
        ("move", &impact.moves),
        ("other", &impact.other),
    ];
    for (kind, list) in lists {
        for c in list.iter() {
            w.write_record([
                kind,
                &c.row.to_string(),
                &c.nik,
                &c.name,
                &c.district,
                &c.program,
                &c.before.to_string(),
                &c.after.to_string(),
            ])?;
        }
    }
    w.flush()?;
    Ok(())
}
