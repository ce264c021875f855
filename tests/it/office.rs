//! The files offices open (issue 14): `hasil.xlsx` beside the CSVs, read back with another
//! library than the one that wrote it and checked by `verify`; the decree annex; the report.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

use calamine::{Data, Reader};

use super::cli::jaring;
use super::root;

/// A run of a synthetic Paser registry of `count` rows with `--xlsx`, in `lang`.
fn xlsx_run(dir: &Path, count: &str, lang: &str) -> PathBuf {
    let registry = dir.join("registry.csv");
    let policy = root().join("policies/paser-2022.policy");
    let policy = policy.to_str().expect("utf-8");
    let out = jaring(
        &[
            "synth",
            "--program",
            policy,
            "--count",
            count,
            "--dirty",
            "--out",
            registry.to_str().expect("utf-8"),
        ],
        dir,
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let run = dir.join("run");
    let out = jaring(
        &["run", policy, "--registry", "registry.csv", "--out", "run", "--xlsx", "--quiet", "--lang", lang],
        dir,
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    run
}

fn csv_lines(path: &Path) -> Vec<csv::StringRecord> {
    csv::Reader::from_path(path).expect("csv").records().map(|r| r.expect("line")).collect()
}

/// Rewrites one member of a zip file (a workbook) with `edit`.
fn edit_zip(path: &Path, member: &str, edit: impl Fn(&str) -> String) {
    let bytes = std::fs::read(path).expect("read");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("member");
        let name = f.name().expect("member name").into_owned();
        let mut text = Vec::new();
        f.read_to_end(&mut text).expect("member reads");
        if name == member {
            let edited = edit(&String::from_utf8(text).expect("xml"));
            text = edited.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).expect("start");
        out.write_all(&text).expect("write");
    }
    std::fs::write(path, out.finish().expect("finish").into_inner()).expect("write zip");
}

#[test]
fn hasil_xlsx_shows_every_csv_line_and_verify_holds_it_to_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = xlsx_run(dir.path(), "2000", "id");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(run.join("hasil.xlsx")).expect("opens");
    assert_eq!(book.sheet_names(), ["Peserta", "Daftar tunggu", "Ditolak", "Tidak valid", "Ringkasan"]);
    let enrolled = book.worksheet_range("Peserta").expect("sheet");
    let lines = csv_lines(&run.join("enrollments.csv"));
    assert_eq!(enrolled.height(), lines.len() + 1);
    assert_eq!(enrolled.get((0, 1)), Some(&Data::String("NIK".into())));
    assert_eq!(enrolled.get((0, 14)), Some(&Data::String("Desa/kelurahan".into())));
    // the NIK is text (all 16 digits), the premium a number, the names beside the codes
    assert_eq!(enrolled.get((1, 1)), Some(&Data::String(lines[0][1].to_owned())));
    assert_eq!(enrolled.get((1, 9)), Some(&Data::Float(lines[0][9].parse().expect("premium"))));
    assert_eq!(enrolled.get((1, 13)), Some(&Data::String(lines[0][13].to_owned())));
    assert!(!lines[0][13].is_empty() && !lines[0][11].is_empty(), "{:?}", lines[0]);
    // rejections.csv split by outcome
    let rejections = csv_lines(&run.join("rejections.csv"));
    let invalid = rejections.iter().filter(|l| &l[3] == "invalid").count();
    assert!(invalid > 0);
    assert_eq!(book.worksheet_range("Tidak valid").expect("sheet").height(), invalid + 1);
    assert_eq!(book.worksheet_range("Ditolak").expect("sheet").height(), rejections.len() - invalid + 1);
    let summary = book.worksheet_range("Ringkasan").expect("sheet");
    assert!(summary.rows().any(|r| r[0] == Data::String("Iuran yang dibayar".into())));
    // frozen heading, filters
    let mut sheet1 = String::new();
    zip::ZipArchive::new(std::fs::File::open(run.join("hasil.xlsx")).expect("file"))
        .expect("zip")
        .by_name("xl/worksheets/sheet1.xml")
        .expect("sheet1")
        .read_to_string(&mut sheet1)
        .expect("xml");
    assert!(sheet1.contains("<autoFilter") && sheet1.contains("ySplit=\"1\""), "{}", &sheet1[..600]);
    let verify = |run: &Path| jaring(&["verify", run.to_str().expect("utf-8"), "--lang", "id"], dir.path());
    let out = verify(&run);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    // one cell changed: verify names the sheet, the row and the column
    let name = lines[0][2].to_owned();
    let changed = run.join("hasil.xlsx");
    edit_zip(&changed, "xl/worksheets/sheet1.xml", |x| x.replacen(&name, "Orang Lain", 1));
    let out = verify(&run);
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(said.contains("lembar `Peserta`") && said.contains("`Nama` berisi `Orang Lain`"), "{said}");
    // a sheet that should not be there
    edit_zip(&changed, "xl/workbook.xml", |x| x.replace("name=\"Ringkasan\"", "name=\"Catatan\""));
    let said = String::from_utf8_lossy(&verify(&run).stdout).into_owned();
    assert!(said.contains("`Catatan`"), "{said}");
}

#[test]
fn hasil_xlsx_is_the_same_bytes_for_the_same_run() {
    let a = tempfile::tempdir().expect("temp dir");
    let b = tempfile::tempdir().expect("temp dir");
    let one = std::fs::read(xlsx_run(a.path(), "300", "en").join("hasil.xlsx")).expect("read");
    let two = std::fs::read(xlsx_run(b.path(), "300", "en").join("hasil.xlsx")).expect("read");
    assert!(one == two, "two runs wrote different workbooks");
}
