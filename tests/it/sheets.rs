//! Registries as offices keep them: workbooks, written here by another library than the one
//! jaring reads with (rust_xlsxwriter writes, calamine reads), with what offices put in them —
//! a title and a date above the table, date cells, NIKs typed as numbers, empty rows, other
//! sheets (issue 14).

use std::path::{Path, PathBuf};

use jaring::decision::Decision;
use jaring::registry::{self, StructureWarning};
use jaring::run;
use jaring::synth::{self, SynthFormat};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use super::cli::jaring;
use super::{host, root};

fn paser() -> Vec<jaring::policy::Program> {
    run::load_programs(&[root().join("policies/paser-2022.policy")]).expect("policy loads")
}

/// The rows of a CSV registry: header, then records.
fn csv_rows(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let header = reader.headers().expect("header").iter().map(str::to_owned).collect();
    let rows = reader.records().map(|r| r.expect("record").iter().map(str::to_owned).collect()).collect();
    (header, rows)
}

/// A workbook as an office makes one: a merged title, a date line, an empty line, then the
/// table; ISO birth dates as date cells shown day first, deciles as numbers, everything else
/// as text; an empty row every `gap` rows; a second sheet of totals.
fn office_workbook(header: &[String], rows: &[Vec<String>], gap: usize) -> Vec<u8> {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let sheet = book.add_worksheet();
    sheet.set_name("Data Calon Peserta").expect("name");
    sheet
        .merge_range(
            0,
            0,
            0,
            6,
            "DAFTAR CALON PESERTA PERLINDUNGAN PEKERJA RENTAN 2022",
            &Format::new().set_bold(),
        )
        .expect("title");
    sheet.write_string(1, 0, "Keadaan per 1 Oktober 2022").expect("date line");
    let top = 3;
    for (c, name) in header.iter().enumerate() {
        sheet.write_string(top, c as u16, name).expect("header");
    }
    let mut r = top + 1;
    for (i, row) in rows.iter().enumerate() {
        if i > 0 && i % gap == 0 {
            r += 1;
        }
        for (c, cell) in row.iter().enumerate() {
            let (col, name) = (c as u16, header[c].as_str());
            let iso = jiff::civil::Date::strptime("%Y-%m-%d", cell).ok().filter(|_| cell.len() == 10);
            match (name, iso) {
                ("tanggal_lahir", Some(d)) => {
                    let when = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
                        .expect("date");
                    sheet.write_datetime_with_format(r, col, when, &date).expect("date cell");
                }
                ("desil", _) if !cell.is_empty() && cell.bytes().all(|b| b.is_ascii_digit()) => {
                    sheet.write_number(r, col, cell.parse::<f64>().expect("digits")).expect("number");
                }
                _ if cell.is_empty() => {}
                _ => {
                    sheet.write_string(r, col, cell).expect("text");
                }
            }
        }
        r += 1;
    }
    let totals = book.add_worksheet();
    totals.set_name("Rekap").expect("name");
    totals.write_string(0, 0, "Jumlah").expect("text");
    totals.write_number(0, 1, rows.len() as f64).expect("number");
    book.save_to_buffer().expect("workbook")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

#[test]
fn a_workbook_decides_exactly_like_its_csv() {
    let dir = tempfile::tempdir().expect("temp dir");
    let programs = paser();
    // (more cells than one batch the sheet's reading hands over: 65.536)
    let bytes = synth::registry(&programs[0], 6_000, 14, true, SynthFormat::Csv).expect("synthetic registry");
    let (header, rows) = csv_rows(&bytes);
    let csv = write(dir.path(), "registry.csv", &bytes);
    let xlsx = write(dir.path(), "registry.xlsx", &office_workbook(&header, &rows, 700));
    let from_csv = run::read_registry(&csv, &programs).expect("csv reads");
    let from_xlsx = run::read_registry(&xlsx, &programs).expect("xlsx reads");
    assert_eq!(from_xlsx.header, from_csv.header);
    assert_eq!(from_xlsx.rows.len(), 6_000);
    // the same text, cell by cell: dates written as ISO dates, deciles as their digits
    for i in 0..6_000 {
        let a: Vec<&str> = from_csv.cells.row(i).collect();
        let mut b: Vec<&str> = from_xlsx.cells.row(i).collect();
        b.resize(a.len(), "");
        assert_eq!(a, b, "row {}", i + 1);
    }
    assert!(
        from_xlsx.structure.contains(&StructureWarning::HeaderBelow { row: 4 }),
        "{:?}",
        from_xlsx.structure
    );
    assert!(
        from_xlsx.structure.iter().any(|w| matches!(w, StructureWarning::EmptyRows { count: 8, .. })),
        "{:?}",
        from_xlsx.structure
    );
    assert!(
        from_xlsx
            .structure
            .iter()
            .any(|w| matches!(w, StructureWarning::SheetChosen { sheet, others } if sheet == "Data Calon Peserta" && others == &["Rekap"])),
        "{:?}",
        from_xlsx.structure
    );
    let a = run::decide(paser(), from_csv, host(), &()).expect("decides");
    let b = run::decide(paser(), from_xlsx, host(), &()).expect("decides");
    assert_eq!(a.runs[0].decisions, b.runs[0].decisions);
    assert!(a.runs[0].decisions.iter().any(|d| matches!(d, Some(Decision::Enrolled { .. }))));
}

/// One person per row, for the small workbooks below.
fn person(nik: &str) -> [String; 6] {
    [nik, "Sri Lubis", "1981-01-22", "P", "nelayan", "64.01.09.2004"].map(str::to_owned)
}

#[test]
fn cells_are_read_as_a_person_reads_the_sheet() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, name) in
        ["NIK", "Nama", "Tanggal Lahir", "JK", "Pekerjaan", "Kode Wilayah", "", "Desil"].iter().enumerate()
    {
        if !name.is_empty() {
            sheet.write_string(0, c as u16, *name).expect("header");
        }
    }
    // 1 and 2: NIKs typed as numbers, as Excel keeps them: 15 digits, then 0
    sheet.write_number(1, 0, 6401096201815690.0).expect("nik");
    sheet.write_number(2, 0, 6401096201815680.0).expect("nik");
    // 3: birth date as a plain serial number; a value in the untitled column; a decile
    sheet.write_string(3, 0, "6401096201815695").expect("nik");
    sheet.write_number(3, 2, 29608.0).expect("serial");
    sheet.write_string(3, 6, "catatan").expect("untitled");
    sheet.write_number(3, 7, 3.0).expect("decile");
    // a value beyond the last titled column
    sheet.write_string(3, 12, "stray").expect("stray");
    for r in 1..=3u32 {
        let p = person("");
        for (c, v) in p.iter().enumerate().skip(1) {
            if !(r == 3 && c == 2) {
                sheet.write_string(r, c as u16, v).expect("cell");
            }
        }
    }
    let path = write(dir.path(), "small.xlsx", &book.save_to_buffer().expect("book"));
    let programs = paser();
    let reg = run::read_registry(&path, &programs).expect("reads");
    assert_eq!(reg.header[6], "kolom_G");
    assert_eq!(reg.cells.get(0, 0), Some("6.40109620181569E15"));
    assert_eq!(reg.cells.get(1, 0), Some("6.40109620181568E15"));
    for r in 0..2 {
        let invalid = reg.rows[r].read.as_ref().expect_err("a NIK that lost a digit");
        assert_eq!(invalid.field, "nik");
        assert!(invalid.reason.text(jaring::i18n::Lang::Id).contains("lembar kerja"), "{:?}", invalid.reason);
    }
    // 29608 is 1981-01-22 in the 1900 date system
    assert_eq!(reg.cells.get(2, 2), Some("1981-01-22"));
    assert_eq!(reg.cells.get(2, 7), Some("3"));
    assert!(reg.rows[2].read.as_ref().is_ok_and(|p| p.poverty_decile() == Some(3)));
    assert!(
        reg.structure.contains(&StructureWarning::CellsBeyondHeader { rows: 1, first: 4 }),
        "{:?}",
        reg.structure
    );
    // a sheet that is not there is named with the ones that are
    let err =
        registry::read_sheet_of(&path, Some("Data"), &programs[0].catalog, &[]).expect_err("no such sheet");
    let said = err.message().text(jaring::i18n::Lang::Id);
    assert!(said.contains("`Data`") && said.contains("Sheet1"), "{said}");
}

#[test]
fn a_sheet_without_the_columns_or_not_a_workbook_is_refused_in_words() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Daftar").expect("title");
    for (c, name) in ["NIK", "Nama", "Alamat"].iter().enumerate() {
        sheet.write_string(2, c as u16, *name).expect("header");
    }
    let path = write(dir.path(), "cols.xlsx", &book.save_to_buffer().expect("book"));
    let err = run::read_registry(&path, &paser()).expect_err("missing columns");
    let said = err.render(jaring::i18n::Lang::En);
    assert!(said.contains("birth_date") && said.contains("Alamat"), "{said}");
    // a zip that is no workbook, and a truncated workbook
    let bytes = std::fs::read(&path).expect("read");
    let cut = write(dir.path(), "cut.xlsx", &bytes[..bytes.len() / 2]);
    let out = jaring(
        &[
            "run",
            "policies/paser-2022.policy",
            "--registry",
            &cut.display().to_string(),
            "--out",
            &dir.path().join("o").display().to_string(),
        ],
        &root(),
    );
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("PK\u{3}\u{4}") && stderr.lines().count() < 6, "{stderr}");
    assert!(!dir.path().join("o").exists());
}

/// A workbook's row holding more text than any applicant's row (cells of 32.767 characters,
/// the most a cell holds, across dozens of columns) refuses the registry, naming the sheet and
/// the row as the spreadsheet numbers it, in Bahasa Indonesia too; a row just under the limit
/// reads, in every kind of workbook jaring reads this way.
#[test]
fn a_workbook_row_longer_than_any_applicant_s_is_refused_naming_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let book_with = |long_cells: usize, rows: u32, long_row: u32| {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet().set_name("Pendaftar").expect("named");
        sheet.write_string(0, 0, "Daftar pekerja rentan").expect("title");
        let mut header: Vec<String> =
            ["NIK", "Nama", "Tanggal Lahir", "Jenis Kelamin", "Pekerjaan", "Kode Wilayah"]
                .map(String::from)
                .into();
        header.extend((1..=40).map(|k| format!("catatan_{k}")));
        for (c, name) in header.iter().enumerate() {
            sheet.write_string(2, c as u16, name).expect("header");
        }
        for r in 3..3 + rows {
            let cells = [
                format!("64090119019000{r:02}"),
                "Budi".into(),
                "1990-01-01".into(),
                "L".into(),
                "nelayan".into(),
                "64.09.01.1015".into(),
            ];
            for (c, v) in cells.iter().enumerate() {
                sheet.write_string(r, c as u16, v).expect("cell");
            }
        }
        // its notes, each a full cell
        for k in 0..long_cells {
            sheet.write_string(long_row, 6 + k as u16, "x".repeat(32_767)).expect("a full cell");
        }
        book.save_to_buffer().expect("book")
    };
    let catalog = paser()[0].catalog.clone();
    // 31 full cells: 1.015.777 bytes and the row's other cells, under 1 MiB (33: over)
    let under = write(dir.path(), "under.xlsx", &book_with(31, 6, 5));
    let read = jaring::registry::read_sheet_of(&under, None, &catalog, &[]).expect("read");
    assert_eq!(read.rows.len(), 6);
    // (row 6 of the sheet, index 5; and far down a sheet of more cells than one batch of its
    // reading holds)
    for (rows, long_row) in [(6, 5), (14_000, 12_000)] {
        let over = write(dir.path(), "over.xlsx", &book_with(33, rows, long_row));
        match jaring::registry::read_sheet_of(&over, None, &catalog, &[]) {
            Err(jaring::registry::RegistryError::SheetRowTooLong { sheet, row, .. }) => {
                assert_eq!((sheet.as_str(), row), ("Pendaftar", u64::from(long_row) + 1));
            }
            other => panic!("{:?}", other.map(|r| r.rows.len())),
        }
    }
    let over = write(dir.path(), "over.xlsx", &book_with(33, 6, 5));
    let out = jaring(
        &[
            "run",
            "policies/paser-2022.policy",
            "--registry",
            &over.display().to_string(),
            "--out",
            &dir.path().join("o").display().to_string(),
            "--lang",
            "id",
        ],
        &root(),
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("baris 6 lembar `Pendaftar`") && stderr.contains("1 MiB"), "{stderr}");
    assert!(stderr.len() < 1000, "the row is not shown: {} bytes", stderr.len());
    assert!(!dir.path().join("o").exists());
}

/// A run fed by a workbook verifies and replays like any other: the log keeps each cell
/// as written.
#[test]
fn a_workbook_run_verifies_and_replays() {
    let dir = tempfile::tempdir().expect("temp dir");
    let programs = paser();
    let bytes = synth::registry(&programs[0], 1_500, 15, true, SynthFormat::Csv).expect("synthetic registry");
    let (header, rows) = csv_rows(&bytes);
    let xlsx = write(dir.path(), "registry.xlsx", &office_workbook(&header, &rows, 400));
    let out = dir.path().join("run");
    let (o, d) = (out.display().to_string(), xlsx.display().to_string());
    let ran =
        jaring(&["run", "policies/paser-2022.policy", "--registry", &d, "--out", &o, "--quiet"], &root());
    assert_eq!(ran.status.code(), Some(0), "{}", String::from_utf8_lossy(&ran.stderr));
    let log = std::fs::read_to_string(out.join("decisions.jsonl")).expect("log");
    assert!(log.lines().next().is_some_and(|h| h.contains("\"format\":\"xlsx (header on row 4)\"")));
    let verified = jaring(&["verify", &o], &root());
    assert_eq!(verified.status.code(), Some(0), "{}", String::from_utf8_lossy(&verified.stdout));
    let replayed = jaring(&["replay", &o], &root());
    assert_eq!(replayed.status.code(), Some(0), "{}", String::from_utf8_lossy(&replayed.stdout));
}

/// Villages fill in their *kecamatan* and *desa* by name: found within the program's region
/// however they are written, and the decisions are those of the same registry with codes.
#[test]
fn a_registry_with_place_names_decides_like_one_with_codes() {
    let programs = paser();
    let bytes =
        synth::registry(&programs[0], 2_000, 16, false, SynthFormat::Csv).expect("synthetic registry");
    let (header, rows) = csv_rows(&bytes);
    let at = header.iter().position(|h| h == "kode_wilayah").expect("code column");
    let table = jaring::region::regions();
    let mut named = header.clone();
    named.insert(at + 1, "Kecamatan".to_owned());
    named.insert(at + 2, "Desa / Kelurahan".to_owned());
    let mut text = named.join(",") + "\n";
    for (i, row) in rows.iter().enumerate() {
        let code = row[at].clone();
        let district = table.name(&code[..8]).expect("district");
        let village = table.name(&code).expect("village");
        let (d, v) = match i % 4 {
            0 => (district.to_owned(), village.to_owned()),
            1 => (format!("Kec. {}", district.to_uppercase()), format!("Desa {}", village.to_lowercase())),
            2 => (format!("  {}  ", district.replace(' ', "  ")), village.to_owned()),
            _ => (String::new(), village.to_owned()),
        };
        let mut cells = row.clone();
        // people of the region are written by name only; the others keep their code
        if code.starts_with("64.01.") {
            cells[at] = String::new();
        }
        cells.insert(at + 1, d);
        cells.insert(at + 2, v);
        text.push_str(&cells.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(","));
        text.push('\n');
    }
    // one village nobody can find, in a known district
    let mut unknown = rows[0].clone();
    unknown[0] = "6401096201815694".to_owned();
    unknown[at] = String::new();
    unknown.insert(at + 1, "Batu Engau".to_owned());
    unknown.insert(at + 2, "Mengkudu Raya".to_owned());
    text.push_str(&unknown.join(","));
    text.push('\n');
    let dir = tempfile::tempdir().expect("dir");
    let names = write(dir.path(), "names.csv", text.as_bytes());
    let with_names =
        registry::read_sheet_of(&names, None, &programs[0].catalog, &run::within(&programs)).expect("reads");
    let with_codes = registry::read_bytes("codes", &bytes, false, &programs[0].catalog).expect("reads");
    for i in 0..2_000 {
        let a = with_codes.rows[i].read.as_ref().map(|p| p.domicile());
        let b = with_names.rows[i].read.as_ref().map(|p| p.domicile());
        assert_eq!(a.ok(), b.ok(), "row {}: {:?}", i + 1, with_names.rows[i].read);
    }
    let invalid = with_names.rows[2_000].read.as_ref().expect_err("an unknown village");
    assert_eq!(invalid.field, "domicile");
    let said = invalid.reason.text(jaring::i18n::Lang::Id);
    assert!(said.contains("`Mengkudu Raya`") && said.contains("Mengkudu (64.01.09.2004)"), "{said}");
    let a = run::decide(paser(), with_codes, host(), &()).expect("decides");
    let mut b = run::decide(paser(), with_names, host(), &()).expect("decides");
    b.runs[0].decisions.truncate(2_000);
    assert_eq!(a.runs[0].decisions, b.runs[0].decisions);
}

/// The outcome of each row, with the invalid field when there is one.
fn outcomes(decided: &run::Outcome) -> Vec<(String, Option<&'static str>)> {
    let rows = decided.registry.rows.all().expect("rows");
    rows.iter()
        .enumerate()
        .map(|(i, row)| (format!("{:?}", decided.row(i)), row.read.as_ref().err().map(|i| i.field)))
        .collect()
}

#[test]
fn workbooks_saved_by_libreoffice_decide_like_their_csv() {
    let programs = paser();
    let dir = root().join("tests/sheets");
    let csv = run::read_registry(&dir.join("paser-300.csv"), &programs).expect("csv reads");
    let niks: Vec<String> =
        (0..csv.cells.len()).map(|r| csv.cells.get(r, 0).unwrap_or("").to_owned()).collect();
    let by_csv = run::decide(paser(), csv, host(), &()).expect("decides");
    for name in ["paser-300.ods", "paser-300.xls"] {
        let sheet = run::read_registry(&dir.join(name), &programs).expect("workbook reads");
        assert_eq!(sheet.format.name(), format!("{} (header on row 4)", &name[10..]));
        let by_sheet = run::decide(paser(), sheet, host(), &()).expect("decides");
        assert_eq!(outcomes(&by_sheet), outcomes(&by_csv), "{name}");
        assert_eq!(by_sheet.runs[0].decisions, by_csv.runs[0].decisions, "{name}");
    }
    // saved as .xlsx, LibreOffice keeps 15 digits of a number: no NIK typed as one survives
    let cut = run::read_registry(&dir.join("paser-300-libreoffice.xlsx"), &programs).expect("reads");
    let mut refused = 0;
    for (r, nik) in niks.iter().enumerate() {
        if nik.len() == 16 && nik.bytes().all(|b| b.is_ascii_digit()) {
            let invalid = cut.rows[r].read.as_ref().expect_err("a NIK cut to 15 digits");
            assert_eq!((invalid.field, r), ("nik", r));
            refused += 1;
        }
    }
    assert!(refused > 280, "{refused}");
}
