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
    // the redacted copy has its own workbook, masked like its CSVs, and verifies
    let out = jaring(&["export", "run", "--redact", "--out", "copy"], dir.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let copy = dir.path().join("copy");
    assert!(verify(&copy).status.success(), "{}", String::from_utf8_lossy(&verify(&copy).stdout));
    let mut masked: calamine::Xlsx<_> = calamine::open_workbook(copy.join("hasil.xlsx")).expect("opens");
    let masked = masked.worksheet_range("Peserta").expect("sheet");
    assert_ne!(masked.get((1, 1)), enrolled.get((1, 1)), "the NIK is masked");
    assert_ne!(masked.get((1, 2)), enrolled.get((1, 2)), "the name is masked");
    assert_eq!(masked.get((1, 13)), enrolled.get((1, 13)), "the kecamatan is not personal");
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
fn hasil_xlsx_is_the_same_bytes_for_the_same_files() {
    // (two runs differ in their start time, hence in their chain head, which the summary
    // sheet shows: the workbook is a function of the folder's files, not of the clock)
    let dir = tempfile::tempdir().expect("temp dir");
    let run = xlsx_run(dir.path(), "300", "en");
    let one = std::fs::read(run.join("hasil.xlsx")).expect("read");
    std::fs::remove_file(run.join("hasil.xlsx")).expect("remove");
    jaring::log::workbook::write(&run, jaring::i18n::Lang::En).expect("written again");
    let two = std::fs::read(run.join("hasil.xlsx")).expect("read");
    assert!(one == two, "the same files gave different workbooks");
    // and nothing was left behind beside it
    let names: Vec<String> = std::fs::read_dir(&run)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.starts_with('.') && !n.starts_with("tmp")), "{names:?}");
}

/// `pdftotext -layout` of a PDF (poppler-utils, which `.ci/run` installs).
pub(crate) fn pdf_text(pdf: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", pdf.to_str().expect("utf-8"), "-"])
        .output()
        .expect("pdftotext runs (install poppler-utils)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8 text")
}

const PASER_WORDS: &str = "satu miliar enam ratus dua puluh enam juta tiga ratus tujuh ribu dua ratus rupiah";

#[test]
fn the_paser_annex_lists_its_quota_by_kecamatan_with_the_total_in_words() {
    let dir = tempfile::tempdir().expect("temp dir");
    let registry = dir.path().join("paser.csv");
    let policy = root().join("policies/paser-2022.policy");
    let policy = policy.to_str().expect("utf-8");
    let out = jaring(
        &["synth", "--program", policy, "--count", "60000", "--out", registry.to_str().expect("utf-8")],
        dir.path(),
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = jaring(&["run", policy, "--registry", "paser.csv", "--out", "run", "--quiet"], dir.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let head = jaring::log::read_header(&dir.path().join("run/decisions.jsonl")).expect("log").1;
    assert_eq!(head.programs[0].id, "paser-2022");
    let chain_head = jaring::log::verify::verify(&dir.path().join("run"), None)
        .expect("verifies")
        .chain_head
        .expect("a head");

    // the workbook: every enrolled worker numbered once, ten kecamatan, subtotals that add up
    let out = jaring(&["annex", "run", "--out", "lampiran.xlsx", "--lang", "id"], dir.path());
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said}{}", String::from_utf8_lossy(&out.stderr));
    assert!(said.contains("32.268 orang di 10 kecamatan") && said.contains(PASER_WORDS), "{said}");
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook(dir.path().join("lampiran.xlsx")).expect("opens");
    let sheet = book.worksheet_range("LAMPIRAN").expect("the annex sheet");
    let text = |r: &[Data], c: usize| match r.get(c) {
        Some(Data::String(s)) => s.clone(),
        _ => String::new(),
    };
    let number = |r: &[Data], c: usize| match r.get(c) {
        Some(Data::Float(f)) => *f as u64,
        _ => 0,
    };
    let mut numbered = Vec::new();
    let (mut districts, mut district_sum, mut village_sum, mut grand) = (0, 0u64, 0u64, 0u64);
    let mut words = false;
    for r in sheet.rows() {
        if let Some(Data::Float(n)) = r.first() {
            numbered.push(*n as u64);
            assert_eq!(text(r, 1).len(), 16, "a NIK as text: {r:?}");
            assert_eq!(number(r, 5), 50_400);
        }
        if text(r, 0).starts_with("Kecamatan ") {
            districts += 1;
        }
        if text(r, 1).starts_with("Jumlah Kecamatan ") {
            district_sum += number(r, 5);
        } else if text(r, 1).starts_with("Jumlah ") {
            village_sum += number(r, 5);
        }
        if text(r, 1).starts_with("JUMLAH SELURUHNYA: 32.268 orang") {
            grand = number(r, 5);
        }
        words |= text(r, 0) == format!("Terbilang: {PASER_WORDS}");
    }
    assert_eq!(numbered, (1..=32_268).collect::<Vec<u64>>());
    assert_eq!(districts, 10);
    assert_eq!((district_sum, village_sum, grand), (1_626_307_200, 1_626_307_200, 1_626_307_200));
    assert!(words);
    assert!(sheet.rows().any(|r| text(r, 0).contains(&chain_head)), "the chain head is on the sheet");

    // the PDF: the same list, on numbered pages that each repeat the table heading
    let out = jaring(&["annex", "run", "--out", "lampiran.pdf", "--lang", "id"], dir.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let pdf = dir.path().join("lampiran.pdf");
    let text = pdf_text(&pdf);
    let pages = text.split('\u{c}').filter(|p| !p.trim().is_empty()).count();
    assert!(pages > 300, "{pages} pages");
    assert!(
        text.contains(&format!("Halaman 1 dari {pages}"))
            && text.contains(&format!("Halaman {pages} dari {pages}"))
    );
    assert_eq!(text.matches("Iuran (Rp)").count(), pages, "the table heading on every page");
    assert_eq!(text.matches(&chain_head).count(), 2 * pages, "the chain head in every footer");
    assert!(text.contains("JUMLAH SELURUHNYA: 32.268 orang") && text.contains("Rp1.626.307.200"));
    assert!(text.replace('\n', " ").split_whitespace().collect::<Vec<_>>().join(" ").contains(PASER_WORDS));
    assert_eq!(text.matches("Jumlah Kecamatan ").count(), 10);
    assert!(text.contains("Dasar hukum:") && text.contains("Instruksi Presiden Nomor 2 Tahun 2021"));
    // and it renders: the first page as an image a person would see
    let png = dir.path().join("page");
    let out = std::process::Command::new("pdftoppm")
        .args([
            "-r",
            "40",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            pdf.to_str().expect("utf-8"),
            png.to_str().expect("utf-8"),
        ])
        .output()
        .expect("pdftoppm runs (install poppler-utils)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let rendered = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .find(|e| {
            e.file_name().to_string_lossy().starts_with("page")
                && e.file_name().to_string_lossy().ends_with(".png")
        })
        .expect("a page image");
    assert!(rendered.metadata().expect("size").len() > 5_000);
    // the same annex twice is the same bytes
    let out = jaring(&["annex", "run", "--out", "again.pdf", "--lang", "id"], dir.path());
    assert!(out.status.success());
    assert!(std::fs::read(&pdf).expect("pdf") == std::fs::read(dir.path().join("again.pdf")).expect("pdf"));
}

#[test]
fn documents_are_made_only_from_a_folder_that_verifies_and_never_over_anything() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = root().join("tests/audit/province-and-regency");
    let arg = |p: PathBuf| p.display().to_string();
    let out = jaring(
        &[
            "run",
            &arg(case.join("province.policy")),
            &arg(case.join("regency.policy")),
            "--registry",
            &arg(case.join("registry.csv")),
            "--out",
            "run",
            "--quiet",
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said = |out: &std::process::Output| {
        format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
    };
    // two programs: which one?
    let out = jaring(&["annex", "run", "--out", "a.pdf", "--lang", "id"], dir.path());
    assert_eq!(out.status.code(), Some(2), "{}", said(&out));
    assert!(said(&out).contains("--program"), "{}", said(&out));
    let header = jaring::log::read_header(&dir.path().join("run/decisions.jsonl")).expect("log").1;
    let id = header.programs[0].id.clone();
    let out = jaring(&["annex", "run", "--out", "a.pdf", "--program", "nope"], dir.path());
    assert!(out.status.code() == Some(2) && said(&out).contains(&id), "{}", said(&out));
    let out = jaring(&["annex", "run", "--out", "a.pdf", "--program", &id], dir.path());
    assert!(out.status.success(), "{}", said(&out));
    // never over a file, never into the run folder, never in a kind it cannot write
    std::fs::write(dir.path().join("keep.pdf"), "mine").expect("write");
    let out = jaring(&["annex", "run", "--out", "keep.pdf", "--program", &id], dir.path());
    assert_eq!(out.status.code(), Some(2), "{}", said(&out));
    assert_eq!(std::fs::read_to_string(dir.path().join("keep.pdf")).expect("kept"), "mine");
    for target in ["run/annex.pdf", "annex.docx"] {
        let out = jaring(&["annex", "run", "--out", target, "--program", &id], dir.path());
        assert_eq!(out.status.code(), Some(2), "{target}: {}", said(&out));
    }
    assert!(!dir.path().join("run/annex.pdf").exists());
    let out = jaring(&["verify", "run"], dir.path());
    assert!(out.status.success(), "{}", said(&out));
    // a folder changed after the run: nothing is made from it
    let enrollments = dir.path().join("run/enrollments.csv");
    let text = std::fs::read_to_string(&enrollments).expect("csv");
    let mut lines: Vec<&str> = text.lines().collect();
    lines.truncate(lines.len() - 1);
    std::fs::write(&enrollments, lines.join("\n") + "\n").expect("write");
    let annex = ["annex", "run", "--out", "x.pdf", "--program", &id, "--lang", "id"];
    let report = ["report", "run", "--out", "x.html", "--lang", "id"];
    for command in [&annex[..], &report[..]] {
        let out = jaring(command, dir.path());
        let words = said(&out);
        assert_eq!(out.status.code(), Some(2), "{words}");
        assert!(words.contains("tidak lolos pemeriksaan") && words.contains("enrollments.csv"), "{words}");
    }
    // a head that is not the run's
    std::fs::write(&enrollments, text).expect("restore");
    let out = jaring(&["report", "run", "--out", "r.html", "--expect-head", &"0".repeat(64)], dir.path());
    assert_eq!(out.status.code(), Some(2), "{}", said(&out));
    assert!(!dir.path().join("r.html").exists());
}

#[test]
fn the_report_is_one_offline_page_that_a_browser_shows_with_the_totals() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = xlsx_run(dir.path(), "3000", "id");
    let out = jaring(
        &["report", run.to_str().expect("utf-8"), "--out", "laporan.html", "--lang", "id"],
        dir.path(),
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let html = std::fs::read_to_string(dir.path().join("laporan.html")).expect("html");
    // self-contained: nothing fetched, nothing run
    for forbidden in ["<script", "src=", "<link", "@import", "url("] {
        assert!(!html.contains(forbidden), "{forbidden}");
    }
    assert!(html.matches("<svg").count() >= 6, "charts");
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(run.join("summary.json")).expect("summary"))
            .expect("json");
    let g = |v: &serde_json::Value| jaring::money::grouped(v.as_u64().expect("a count"));
    let o = &summary["outcomes"];
    let reconciled = format!(
        "{} baris = {} peserta + {} daftar tunggu + {} ditolak (termasuk {} yang mengulang NIK sebelumnya) + {} tidak valid",
        g(&summary["registry"]["rows"]),
        g(&o["enrolled"]),
        g(&o["waiting"]),
        g(&o["rejected"]),
        g(&summary["duplicate_niks"]),
        g(&o["invalid"])
    );
    assert!(html.contains(&reconciled), "{reconciled}");
    // a real browser, offline, shows it
    let browser = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| std::process::Command::new(b).arg("--version").output().is_ok_and(|o| o.status.success()))
        .expect("a headless Chromium (install chromium)");
    let shown = std::process::Command::new(browser)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom"])
        .arg(format!("file://{}", dir.path().join("laporan.html").display()))
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&shown.stdout);
    assert!(dom.contains(&reconciled), "{}", &dom[..dom.len().min(400)]);
    let money =
        jaring::money::Rupiah(summary["programs"][0]["money_used"].as_u64().expect("money")).to_string();
    assert!(dom.contains(&money), "{money}");
    let png = dir.path().join("laporan.png");
    let shot = std::process::Command::new(browser)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--window-size=900,1800"])
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", dir.path().join("laporan.html").display()))
        .output()
        .expect("chromium runs");
    assert!(shot.status.success() && png.metadata().is_ok_and(|m| m.len() > 20_000), "a screenshot");
}
