//! `jaring export --redact`: a copy of a run folder that can be shared.
//!
//! NIKs keep their first six digits (the district where they were issued, which identifies
//! no one) and lose the rest; names keep their initials. Columns holding other personal data
//! (`registry::personal`: family-card and phone numbers, addresses, parents' names, …, and
//! the catalog's own `personal-data`) are blanked to `***`. Whatever text is left — other
//! cells, reasons, plugin notes and log lines — has every run of 16 or more digits masked
//! like a NIK, and the row's own name masked wherever it appears, so no full NIK or name
//! survives whoever wrote it. Everything else is kept. The copy
//! has its own hash chain; its header names the original's chain head and header hash.
//! Exporting is deterministic, so whoever holds the original shows the copy comes from it
//! by exporting again and comparing byte for byte. (The copy carries no per-record hash of
//! the original lines: with the birth date and region kept, such a hash could be brute-forced
//! back to the NIK.) A folder that does not verify is not exported: a fresh chain over a
//! tampered log would launder the tampering.
//!
//! On the copy, `jaring verify` still checks the chain, the counts, the artifacts and that
//! the CSVs agree with the log. It cannot be replayed: duplicates and tie-breaks depend on
//! the NIKs.

use std::io::Write as _;
use std::path::Path;

use crate::digest::sha256_hex;
use crate::log::view::Text;
use crate::log::{self, Counts, Header, LogError, Record, Redaction, Trailer, header_digest, with_prev};
use crate::registry::Field;
use crate::registry::personal::{self, Withheld};
use crate::run::RunError;
use crate::run::staging::Staging;

/// `6409014501800001` → `640901**********`.
pub fn mask_nik(nik: &str) -> String {
    let t = nik.trim();
    let keep: String = t.chars().take(6).collect();
    format!("{keep}{}", "*".repeat(t.chars().count().saturating_sub(6)))
}

/// `Siti Rahmawati` → `S*** R***`.
pub fn mask_name(name: &str) -> String {
    name.split_whitespace()
        .map(|w| w.chars().next().map_or_else(String::new, |c| format!("{c}***")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// What stands for a blanked personal-data cell.
pub const BLANKED: &str = "***";

/// Free text of a row made shareable: digit runs of NIK length masked, and the row's own
/// `name` (as written, any case) replaced by its masked form.
pub fn scrub(text: &str, name: &str) -> String {
    let text = personal::mask_digit_runs(text);
    let name = name.trim();
    // (a text shorter than the name cannot hold it, however either is spelled: most cells)
    if name.chars().count() < 3 || text.len() < name.len() {
        return text.into_owned();
    }
    let lower_text = text.to_lowercase();
    let lower_name = name.to_lowercase();
    // lowercasing can change byte lengths outside ASCII; then compare word by word
    if lower_text.len() != text.len() || lower_name.len() != name.len() {
        return text
            .split(' ')
            .map(|w| if w.eq_ignore_ascii_case(name) { mask_name(w) } else { w.to_owned() })
            .collect::<Vec<_>>()
            .join(" ");
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while let Some(found) = lower_text[at..].find(&lower_name) {
        let start = at + found;
        out.push_str(&text[at..start]);
        out.push_str(&mask_name(&text[start..start + name.len()]));
        at = start + name.len();
    }
    out.push_str(&text[at..]);
    out
}

/// How each registry column of a run is treated in a redacted copy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mask {
    Nik,
    Name,
    /// Personal data: blanked.
    Blank,
    /// Anything else: scrubbed.
    Text,
}

/// How a run's records are masked: each registry column's treatment, and where the name is.
pub struct Masks {
    columns: Vec<Mask>,
    name_col: Option<usize>,
}

impl Masks {
    /// The masks of run folder `dir` (its header and archived catalog).
    pub fn of(dir: &Path, header: &Header) -> Masks {
        let columns = column_masks(dir, header);
        let name_col = columns.iter().position(|m| *m == Mask::Name);
        Masks { columns, name_col }
    }

    /// Masks one decision record in place.
    pub fn redact(&self, record: &mut Record<'_>) {
        redact_record(record, &self.columns, self.name_col);
    }
}

fn column_masks(dir: &Path, header: &Header) -> Vec<Mask> {
    let extra = catalog_personal_data(dir, header);
    let nik = log::column_of(header, Field::Nik);
    let name = log::column_of(header, Field::Name);
    header
        .registry
        .columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            if Some(i) == nik {
                Mask::Nik
            } else if Some(i) == name {
                Mask::Name
            } else {
                match personal::withheld(column, &extra) {
                    Some(Withheld::Personal | Withheld::Interpreted(Field::Nik | Field::Name)) => Mask::Blank,
                    Some(Withheld::Interpreted(_)) | None => Mask::Text,
                }
            }
        })
        .collect()
}

/// The archived catalog's own personal-data columns (none if it cannot be read).
fn catalog_personal_data(dir: &Path, header: &Header) -> Vec<String> {
    crate::log::archived_catalog(dir, header).map(|c| c.personal_data().to_vec()).unwrap_or_default()
}

#[derive(Debug, thiserror::Error)]
#[error("{}", self.render(crate::i18n::Lang::En))]
pub enum ExportError {
    Log(#[from] LogError),
    Run(#[from] RunError),
    Io(#[from] std::io::Error),
    /// The folder does not verify: its first problems.
    NotIntact(Vec<crate::log::verify::Problem>),
    Record(String),
}

impl ExportError {
    /// The error in `lang`.
    pub fn render(&self, lang: crate::i18n::Lang) -> String {
        use crate::msg;
        match self {
            ExportError::Log(e) => e.message().text(lang),
            ExportError::Run(e) => e.render(lang),
            ExportError::Io(e) => msg!("export-io", error => e).text(lang),
            ExportError::NotIntact(problems) => {
                let list: Vec<String> = problems.iter().map(|p| format!("  {}", p.text(lang))).collect();
                msg!("export-not-intact", problems = list.join("\n")).text(lang)
            }
            ExportError::Record(e) => msg!("export-bad-record", error = e).text(lang),
        }
    }
}

/// Writes a redacted copy of the run folder `dir` to `out` (atomically).
pub fn export_redacted(dir: &Path, out: &Path, force: bool) -> Result<(), ExportError> {
    let report = log::verify::verify(dir, None)?;
    if !report.intact() {
        return Err(ExportError::NotIntact(report.problems.into_iter().take(5).collect()));
    }
    // (the log is read a block at a time, twice: a province's is gigabytes)
    let log_path = dir.join(log::LOG_FILE);
    let (original_line, original) = log::read_header(&log_path)?;
    let staging = Staging::new(out, force, &[dir.to_path_buf()])?;
    let target = staging.path();
    let masks = Masks::of(dir, &original);

    let mut header = original.clone();
    for program in &mut header.programs {
        for call in program.plugin.iter_mut().flat_map(|p| p.calls.iter_mut()) {
            for line in &mut call.logs {
                *line = scrub(line, "");
            }
        }
    }
    header.redacted = Some(Redaction {
        masked: "NIKs keep their first 6 digits, names their initials, personal-data columns are blanked, and any 16 or more digits in a row or a row's own name elsewhere are masked".to_owned(),
        original_chain_head: report.chain_head.clone().unwrap_or_default(),
        original_header_sha256: sha256_hex(original_line.as_bytes()),
    });
    let header_line = serde_json::to_string(&header).map_err(|e| ExportError::Record(e.to_string()))?;
    let file = std::fs::File::create(target.join(log::LOG_FILE))?;
    let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
    writeln!(w, "{header_line}")?;
    let mut prev = header_digest(&header_line, header.schema);
    let mut counts = Counts::default();
    let mut records = 0u64;
    let schema = header.schema;
    // one record masked: its new body (without `prev`) and its outcome
    let masked = |line: &str| -> Result<(String, String), String> {
        let mut record: Record<'_> = serde_json::from_str(line).map_err(|e| e.to_string())?;
        // the copy's tree is built from the original leaves: it keeps the original root
        if schema >= 4 && record.leaf.is_empty() {
            record.leaf = crate::digest::hex(&log::merkle::record_leaf(line.as_bytes())).into();
        }
        record.salt = Text::default();
        record.prev = Text::default();
        masks.redact(&mut record);
        let body = serde_json::to_string(&record).map_err(|e| e.to_string())?;
        Ok((body, record.outcome.as_str().to_owned()))
    };
    // (a record that cannot be read stops the reading, reported as such)
    let trailer_line = log::view::blocks(&log_path, 8 << 20, |_, lines| -> Result<(), ExportError> {
        // masked on all cores, then chained and written in order
        let bodies =
            crate::par::chunks(lines.len(), |range| lines[range].iter().map(|l| masked(l)).collect());
        for body in bodies {
            let (body, outcome) = body.map_err(ExportError::Record)?;
            counts.add(&outcome);
            let new_line = with_prev(&body, &prev);
            prev = sha256_hex(new_line.as_bytes());
            writeln!(w, "{new_line}")?;
            records += 1;
        }
        Ok(())
    })?;
    let original: Option<Trailer> = trailer_line.as_deref().and_then(|l| serde_json::from_str(l).ok());
    // schema 4: the copy's head commits to its own header, the size and the original root
    let copy_head = match original.as_ref().and_then(|t| t.root.as_deref()).and_then(crate::digest::unhex32) {
        Some(root) if header.schema >= 4 => {
            let header_hash = crate::digest::unhex32(&sha256_hex(header_line.as_bytes())).unwrap_or_default();
            crate::digest::hex(&log::merkle::head(&header_hash, records, &root))
        }
        _ => prev.clone(),
    };
    let trailer = Trailer {
        kind: "trailer".to_owned(),
        records,
        counts,
        chain_head: copy_head.clone(),
        header_sha256: sha256_hex(header_line.as_bytes()),
        prev,
        tree_size: original.as_ref().and_then(|t| t.tree_size),
        root: original.as_ref().and_then(|t| t.root.clone()),
    };
    let original_root = original.and_then(|t| t.root);
    writeln!(w, "{}", serde_json::to_string(&trailer).map_err(|e| ExportError::Record(e.to_string()))?)?;
    w.flush()?;
    drop(w);
    // the three CSVs masked at once, each on a thread of its own
    let masked: Vec<Result<(), ExportError>> = std::thread::scope(|scope| {
        let csvs = ["enrollments.csv", "waiting_list.csv", "rejections.csv"]
            .map(|file| scope.spawn(move || redact_csv(&dir.join(file), &target.join(file), "nik", "name")));
        csvs.into_iter().map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))).collect()
    });
    masked.into_iter().collect::<Result<(), _>>()?;
    // the copy's summary: the same counts, and the copy's own log
    let copy_log = target.join(log::LOG_FILE);
    let tally = log::summary::Tally::of_log(&copy_log, &header)?;
    let facts = log::summary::LogFacts {
        records,
        bytes: std::fs::metadata(&copy_log)?.len(),
        chain_head: copy_head,
        root: original_root,
    };
    std::fs::write(target.join("summary.json"), tally.text(&header, Some(&facts)))?;
    // the office workbook, when the run had one, made again from the masked files
    if dir.join(log::workbook::FILE).exists() {
        log::workbook::write(target, header.lang).map_err(|e| ExportError::Io(std::io::Error::other(e.0)))?;
    }
    // the copy keeps the original leaves (copied, not read whole: 32 bytes a record)
    if dir.join(log::LEAVES).is_file() {
        std::fs::copy(dir.join(log::LEAVES), target.join(log::LEAVES))?;
    }
    // the checkpoint states the original tree, which the copy keeps: its signatures hold
    if let Ok(text) = std::fs::read_to_string(dir.join(log::checkpoint::FILE)) {
        std::fs::write(target.join(log::checkpoint::FILE), text)?;
    }
    let artifacts = dir.join(log::ARTIFACTS);
    std::fs::create_dir_all(target.join(log::ARTIFACTS))?;
    for entry in std::fs::read_dir(&artifacts)? {
        let entry = entry?;
        std::fs::copy(entry.path(), target.join(log::ARTIFACTS).join(entry.file_name()))?;
    }
    staging.publish()?;
    Ok(())
}

/// Masks one decision record in place.
fn redact_record(record: &mut Record<'_>, masks: &[Mask], name_col: Option<usize>) {
    let name = name_col.and_then(|c| record.input.get(c)).map(ToString::to_string).unwrap_or_default();
    for (i, cell) in record.input.iter_mut().enumerate() {
        *cell = match masks.get(i).copied().unwrap_or(Mask::Text) {
            Mask::Nik => mask_nik(cell),
            Mask::Name => mask_name(cell),
            Mask::Blank if cell.trim().is_empty() => String::new(),
            Mask::Blank => BLANKED.to_owned(),
            Mask::Text => scrub(cell, &name),
        }
        .into();
    }
    // a value left out of a compact record is its cell, masked above
    let mask = |field: usize, value: &mut Text<'_>| {
        *value =
            if log::READ_AS.get(field) == Some(&Field::Nik) { mask_nik(value) } else { scrub(value, &name) }
                .into();
    };
    match record.read.as_mut() {
        Some(log::compact::ReadValues::All(values)) => {
            values.iter_mut().enumerate().for_each(|(field, value)| mask(field, value));
        }
        Some(log::compact::ReadValues::Changed(values)) => {
            values.iter_mut().for_each(|(field, value)| mask(usize::from(*field), value));
        }
        None => {}
    }
    if let Some(invalid) = record.invalid.as_mut() {
        invalid.reason = scrub(&invalid.reason, &name).into();
    }
    for warning in &mut record.warnings {
        *warning = scrub(warning, &name).into();
    }
    for decision in &mut record.programs {
        if let Some(message) = decision.message.as_mut() {
            *message = scrub(message, &name).into();
        }
        for note in decision.plugin.iter_mut().flat_map(|p| p.notes.iter_mut()) {
            *note = scrub(note, &name).into();
        }
    }
}

fn redact_csv(from: &Path, to: &Path, nik: &str, name: &str) -> Result<(), ExportError> {
    let mut reader = csv::Reader::from_path(from).map_err(|e| ExportError::Record(e.to_string()))?;
    let header = reader.headers().map_err(|e| ExportError::Record(e.to_string()))?.clone();
    let nik_i = header.iter().position(|h| h == nik);
    let name_i = header.iter().position(|h| h == name);
    let mut writer = csv::Writer::from_path(to).map_err(|e| ExportError::Record(e.to_string()))?;
    writer.write_record(&header).map_err(|e| ExportError::Record(e.to_string()))?;
    for record in reader.records() {
        let record = record.map_err(|e| ExportError::Record(e.to_string()))?;
        let row_name = name_i.and_then(|i| record.get(i)).unwrap_or("");
        let fields: Vec<String> = record
            .iter()
            .enumerate()
            .map(|(i, f)| {
                if Some(i) == nik_i {
                    mask_nik(f)
                } else if Some(i) == name_i {
                    mask_name(f)
                } else {
                    scrub(f, row_name)
                }
            })
            .collect();
        writer.write_record(&fields).map_err(|e| ExportError::Record(e.to_string()))?;
    }
    writer.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keep_only_what_identifies_no_one() {
        assert_eq!(mask_nik("6409014501800001"), "640901**********");
        assert_eq!(mask_name("Siti  Rahmawati"), "S*** R***");
        assert_eq!(mask_name(""), "");
    }

    #[test]
    fn free_text_loses_niks_and_the_rows_own_name() {
        assert_eq!(
            scrub("ditolak: SITI RAHMAWATI (6409014501800001) sudah terdaftar", "Siti Rahmawati"),
            "ditolak: S*** R*** (640901**********) sudah terdaftar"
        );
        assert_eq!(scrub("urutan 12", "Siti Rahmawati"), "urutan 12");
        assert_eq!(scrub("Ani", "Al"), "Ani", "names under three letters are not searched for");
    }
}
