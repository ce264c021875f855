//! `jaring export --redact`: a copy of a run folder that can be shared.
//!
//! NIKs keep their first six digits (the district where they were issued, which identifies
//! no one) and lose the rest; names keep their initials. Everything else is kept. The copy
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

use super::{Counts, LogError, Record, Redaction, Trailer, header_digest, with_prev};
use crate::digest::sha256_hex;
use crate::registry::Field;
use crate::run::RunError;
use crate::run::output::Staging;

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

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{0}")]
    Log(#[from] LogError),
    #[error("{0}")]
    Run(#[from] RunError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("the run folder does not verify, so it is not exported (run `jaring verify` on it):\n  {0}")]
    NotIntact(String),
    #[error("a record cannot be read: {0}")]
    Record(String),
}

/// Writes a redacted copy of the run folder `dir` to `out` (atomically).
pub fn export_redacted(dir: &Path, out: &Path, force: bool) -> Result<(), ExportError> {
    let report = super::verify::verify(dir, None)?;
    if !report.intact() {
        return Err(ExportError::NotIntact(
            report.problems.iter().take(5).map(ToString::to_string).collect::<Vec<_>>().join("\n  "),
        ));
    }
    let log = super::read(dir)?;
    let staging = Staging::new(out, force)?;
    let target = staging.path();
    let nik_col = super::column_of(&log.header, Field::Nik);
    let name_col = super::column_of(&log.header, Field::Name);

    let mut header = log.header.clone();
    header.redacted = Some(Redaction {
        masked: "NIKs keep their first 6 digits, names their initials".to_owned(),
        original_chain_head: report.chain_head.clone().unwrap_or_default(),
        original_header_sha256: sha256_hex(log.header_line.as_bytes()),
    });
    let header_line = serde_json::to_string(&header).map_err(|e| ExportError::Record(e.to_string()))?;
    let file = std::fs::File::create(target.join(super::LOG_FILE))?;
    let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
    writeln!(w, "{header_line}")?;
    let mut prev = header_digest(&header_line);
    let mut counts = Counts::default();
    for line in &log.lines {
        let mut record: Record =
            serde_json::from_str(line).map_err(|e| ExportError::Record(e.to_string()))?;
        record.prev = String::new();
        for (col, mask) in [(nik_col, mask_nik as fn(&str) -> String), (name_col, mask_name)] {
            if let Some(v) = col.and_then(|c| record.input.get_mut(c)) {
                *v = mask(v);
            }
        }
        if let Some(nik) = record.read.as_mut().and_then(|r| r.first_mut()) {
            *nik = mask_nik(nik);
        }
        counts.add(&record.outcome);
        let body = serde_json::to_string(&record).map_err(|e| ExportError::Record(e.to_string()))?;
        let new_line = with_prev(&body, &prev);
        prev = sha256_hex(new_line.as_bytes());
        writeln!(w, "{new_line}")?;
    }
    let trailer = Trailer {
        kind: "trailer".to_owned(),
        records: log.lines.len() as u64,
        counts,
        chain_head: prev.clone(),
        header_sha256: sha256_hex(header_line.as_bytes()),
        prev,
    };
    writeln!(w, "{}", serde_json::to_string(&trailer).map_err(|e| ExportError::Record(e.to_string()))?)?;
    w.flush()?;
    drop(w);
    for (file, nik, name) in [
        ("enrollments.csv", "nik", "name"),
        ("waiting_list.csv", "nik", "name"),
        ("rejections.csv", "nik", "name"),
    ] {
        redact_csv(&dir.join(file), &target.join(file), nik, name)?;
    }
    std::fs::copy(dir.join("summary.json"), target.join("summary.json"))?;
    let artifacts = dir.join(super::ARTIFACTS);
    std::fs::create_dir_all(target.join(super::ARTIFACTS))?;
    for entry in std::fs::read_dir(&artifacts)? {
        let entry = entry?;
        std::fs::copy(entry.path(), target.join(super::ARTIFACTS).join(entry.file_name()))?;
    }
    staging.publish()?;
    Ok(())
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
        let fields: Vec<String> = record
            .iter()
            .enumerate()
            .map(|(i, f)| {
                if Some(i) == nik_i {
                    mask_nik(f)
                } else if Some(i) == name_i {
                    mask_name(f)
                } else {
                    f.to_owned()
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
}
