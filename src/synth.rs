//! `jaring synth`: realistic synthetic registries for demos, tests and benchmarks.
//!
//! People live in real villages of the program's region (a few elsewhere); their NIKs are
//! valid, issued in their district or, for people who moved, in another one (in Kalimantan
//! Utara some still carry the pre-2012 Kalimantan Timur codes); birth dates and sex agree
//! with the NIK; occupations are written the many ways registries write them. `--dirty`
//! adds the errors real data has: broken NIKs, impossible dates, unknown codes, repeated
//! people. The same seed gives the same bytes.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use crate::policy::Program;
use crate::policy::program::RuleKind;
use crate::region::{self, Level, regions};
use crate::registry::nik::FORMER_REGENCIES;

/// How the registry is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SynthFormat {
    /// Comma-separated, LF.
    Csv,
    /// What an Indonesian-locale spreadsheet exports: BOM, `;`, CRLF.
    CsvSemicolon,
    JsonLines,
    /// A workbook as an office keeps one: a title and a date above the table, birth dates
    /// as date cells, deciles as numbers, everything else (the NIK too) as text.
    Xlsx,
}

/// SplitMix64: small, fast, and the same sequence on every machine and version.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap_or(0)
    }

    /// True with probability `per_mille` / 1000.
    fn chance(&mut self, per_mille: u64) -> bool {
        self.next() % 1000 < per_mille
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const MEN: &[&str] = &[
    "Ahmad", "Budi", "Dedi", "Eko", "Fajar", "Hendra", "Irwan", "Joko", "Muhammad", "Rahmat", "Slamet",
    "Suparman", "Taufik", "Wahyu", "Yusuf", "Agus", "Bambang", "Darmawan", "Hasan", "Rudi", "Syamsul",
    "Andi", "Arif", "Hamid",
];
const WOMEN: &[&str] = &[
    "Siti",
    "Nur",
    "Dewi",
    "Sri",
    "Rina",
    "Wati",
    "Aminah",
    "Fitri",
    "Lestari",
    "Yuliani",
    "Rahmawati",
    "Suryani",
    "Halimah",
    "Kartini",
    "Marlina",
    "Nurhayati",
    "Ratna",
    "Sulastri",
    "Indah",
    "Ani",
    "Hartini",
    "Masitah",
];
const FAMILY: &[&str] = &[
    "Saputra",
    "Hidayat",
    "Wijaya",
    "Santoso",
    "Pratama",
    "Kurniawan",
    "Setiawan",
    "Nugroho",
    "Hakim",
    "Rahman",
    "Syahputra",
    "Lubis",
    "Siregar",
    "Harahap",
    "Daeng",
    "Pasaribu",
    "Sinaga",
    "Ramadhan",
    "Gunawan",
    "Firmansyah",
    "Aji",
    "Tanjung",
    "Manurung",
    "Lamba",
];
/// Occupations common in registries that seed programs do not cover.
const OTHER_OCCUPATIONS: &[&str] = &[
    "WIRASWASTA",
    "Karyawan Swasta",
    "MENGURUS RUMAH TANGGA",
    "PELAJAR/MAHASISWA",
    "Pegawai Negeri Sipil",
    "pedagang",
    "Belum/Tidak Bekerja",
    "sopir",
    "tukang batu",
];

/// Why a synthetic registry could not be written.
#[derive(Debug)]
pub enum SynthError {
    /// The rows cannot take this form (a workbook cannot hold them).
    Make(String),
    /// Writing them failed.
    Write(std::io::Error),
}

/// The bytes of a registry of `count` people for `program` (an error only for a workbook
/// that cannot hold the rows).
pub fn registry(
    program: &Program,
    count: u32,
    seed: u64,
    dirty: bool,
    format: SynthFormat,
) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    write_registry(program, count, seed, dirty, format, &mut bytes).map_err(|e| match e {
        SynthError::Make(e) => e,
        SynthError::Write(e) => e.to_string(),
    })?;
    Ok(bytes)
}

/// Between the fields of a row as synth holds it: one string a row (a character no field
/// it writes contains), a seventh of what fourteen strings cost, so 30 million rows fit.
const SEP: char = '\u{1f}';

/// Writes a registry of `count` people for `program` to `out`, row by row: only the rows
/// themselves are held (about 150 bytes each), never their text twice.
pub fn write_registry(
    program: &Program,
    count: u32,
    seed: u64,
    dirty: bool,
    format: SynthFormat,
    out: &mut dyn std::io::Write,
) -> Result<(), SynthError> {
    let mut rng = Rng(seed ^ 0x6a61_7269_6e67);
    let villages: Vec<&'static str> = regions()
        .descendants(&program.region)
        .filter(|(c, _)| region::level(c) == Some(Level::Village))
        .map(|(c, _)| c)
        .collect();
    let province = program.region.split('.').next().unwrap_or("64").to_owned();
    let elsewhere: Vec<&'static str> = regions()
        .descendants(&province)
        .filter(|(c, _)| region::level(c) == Some(Level::Village) && !region::within(c, &program.region))
        .map(|(c, _)| c)
        .collect();
    let districts_in_province: Vec<&'static str> = regions()
        .descendants(&province)
        .filter(|(c, _)| region::level(c) == Some(Level::District))
        .map(|(c, _)| c)
        .collect();
    let eligible: Vec<String> = program
        .rules
        .iter()
        .find_map(|r| match &r.kind {
            RuleKind::Occupation(codes) => Some(codes.clone()),
            _ => None,
        })
        .unwrap_or_default();
    let spellings: HashMap<&str, Vec<String>> = program
        .catalog
        .occupations()
        .iter()
        .map(|o| {
            let mut s = vec![o.code.clone(), o.label.clone(), o.label.to_uppercase()];
            s.extend(o.synonyms.iter().map(|x| x.to_uppercase()));
            s.extend(o.synonyms.iter().cloned());
            (o.code.as_str(), s)
        })
        .collect();
    let period_start = program.months.first().map(|m| m.first_day()).unwrap_or(jiff::civil::Date::MIN);
    let decree_categories = ["tenaga-honorer", "ketua-rt", "ketua-rw"];

    let header = [
        "nik",
        "nama",
        "tanggal_lahir",
        "jenis_kelamin",
        "pekerjaan",
        "kode_wilayah",
        "desil",
        "sudah_terdaftar_bpjs",
        "asn",
        "pelajar",
        "status_nik",
        "nomor_sk",
        "pengusul",
        "urutan_usulan",
    ];
    let mut rows: Vec<String> = Vec::with_capacity(count as usize);
    let mut used: HashSet<String> = HashSet::with_capacity(count as usize);
    let mut village_rank: HashMap<&str, u32> = HashMap::new();
    for _ in 0..count {
        let domicile =
            if rng.chance(40) && !elsewhere.is_empty() { rng.pick(&elsewhere) } else { rng.pick(&villages) };
        let female = rng.chance(480);
        let age = 15
            + match rng.below(100) {
                0..=4 => rng.below(5),   // 15..19
                5..=89 => rng.below(47), // 15..61
                _ => 40 + rng.below(25), // 55..79
            };
        let year = period_start.year() - i16::try_from(age).unwrap_or(30) - i16::from(rng.chance(500));
        let month = 1 + rng.below(12);
        let day = 1 + rng.below(28);
        let district = region::parent(domicile).unwrap_or(domicile);
        let issued = if rng.chance(120) { rng.pick(&districts_in_province) } else { &district };
        let mut issued_digits: String = issued.chars().filter(char::is_ascii_digit).collect();
        if province == "65" && rng.chance(80) {
            // registered before Kalimantan Utara split from Kalimantan Timur
            let regency = &issued[..5];
            if let Some((old, _, _)) = FORMER_REGENCIES.iter().find(|(_, new, _)| *new == regency) {
                issued_digits = format!("{}{}", old.replace('.', ""), &issued_digits[4..]);
            }
        }
        let nik_day = if female { day + 40 } else { day };
        let first_serial = 1 + rng.below(9000);
        let mut nik = String::new();
        for serial in first_serial..first_serial + 20 {
            nik = format!("{issued_digits}{nik_day:02}{month:02}{:02}{serial:04}", year.rem_euclid(100));
            if used.insert(nik.clone()) {
                break;
            }
        }
        let first = if female { rng.pick(WOMEN) } else { rng.pick(MEN) };
        let name = format!("{first} {}", rng.pick(FAMILY));
        let occupation = if !eligible.is_empty() && rng.chance(800) {
            let code = rng.pick(&eligible).clone();
            let written = spellings.get(code.as_str()).map_or(code.clone(), |s| rng.pick(s).clone());
            (Some(code), written)
        } else {
            (None, (*rng.pick(OTHER_OCCUPATIONS)).to_owned())
        };
        let decile = if rng.chance(100) {
            String::new()
        } else {
            (1 + (rng.below(10) * rng.below(10)) / 9).to_string()
        };
        let flag = |rng: &mut Rng, per_mille: u64| {
            if rng.chance(per_mille) {
                "ya"
            } else if rng.chance(300) {
                ""
            } else {
                "tidak"
            }
            .to_owned()
        };
        let covered = flag(&mut rng, 40);
        let asn = flag(&mut rng, 15);
        let student = flag(&mut rng, if age < 23 { 300 } else { 5 });
        let status = match rng.below(1000) {
            0..=6 => "tidak aktif",
            7..=11 => "meninggal",
            12..=500 => "aktif",
            _ => "",
        };
        let by_decree = occupation.0.as_deref().is_some_and(|c| decree_categories.contains(&c));
        let decree = if rng.chance(if by_decree { 850 } else { 150 }) {
            format!("800/{}/SK/{}", 1 + rng.below(999), period_start.year())
        } else {
            String::new()
        };
        let village_name = regions().name(domicile).unwrap_or("");
        let rank = village_rank.entry(domicile).or_insert(0);
        *rank += 1;
        let birth = if rng.chance(500) {
            format!("{year:04}-{month:02}-{day:02}")
        } else {
            format!("{day:02}/{month:02}/{year:04}")
        };
        let sex = if female {
            if rng.chance(700) { "P" } else { "Perempuan" }
        } else if rng.chance(700) {
            "L"
        } else {
            "Laki-laki"
        };
        let cells = [
            nik,
            name,
            birth,
            sex.to_owned(),
            occupation.1,
            (*domicile).to_owned(),
            decile,
            covered,
            asn,
            student,
            status.to_owned(),
            decree,
            format!("Desa {village_name}"),
            if rng.chance(30) { String::new() } else { rank.to_string() },
        ];
        rows.push(join(&cells));
    }
    if dirty {
        make_dirty(&mut rows, &mut rng, &province);
    }
    render(&header, &rows, format, out)
}

/// A row's fields as one string.
fn join(fields: &[String]) -> String {
    let mut row = String::with_capacity(fields.iter().map(|f| f.len() + 1).sum());
    for (k, f) in fields.iter().enumerate() {
        if k > 0 {
            row.push(SEP);
        }
        row.push_str(f);
    }
    row
}

/// A row's fields.
fn fields(row: &str) -> std::str::Split<'_, char> {
    row.split(SEP)
}

/// The mistakes of real registries, in about 6% of rows.
fn make_dirty(rows: &mut [String], rng: &mut Rng, province: &str) {
    let n = rows.len();
    for i in 0..n {
        if !rng.chance(60) {
            continue;
        }
        let kind = rng.below(16);
        if kind == 13 && i > 0 {
            // the same person twice
            let j = rng.below(i);
            let copy = rows[j].clone();
            rows[i] = copy;
            continue;
        }
        let mut row: Vec<String> = fields(&rows[i]).map(str::to_owned).collect();
        match kind {
            0 => row[0].truncate(15),                                        // a digit lost
            1 => row[0].replace_range(3..4, "O"),                            // letter O for zero
            2 => row[0] = format!("{}.{}E+15", &row[0][..1], &row[0][1..6]), // spreadsheet number
            3 => row[0].replace_range(12..16, "0000"),                       // serial 0000
            4 => row[2] = "31/02/1980".to_owned(),                           // impossible date
            5 => row[2] = "1980/13/01".to_owned(),                           // month 13
            6 => row[1] = String::new(),                                     // no name
            7 => row[3] = "X".to_owned(),                                    // sex unknown
            8 => row[4] = if rng.chance(500) { "astronot".to_owned() } else { String::new() },
            9 => row[5] = format!("{province}.99.01"), // no such region
            10 => row[5] = row[5].replace('.', ""),    // code without dots (still valid)
            11 => row[6] = "11".to_owned(),            // decile 11
            12 => row[7] = "mungkin".to_owned(),       // not yes or no
            14 => {
                // NIK date and birth date disagree (a warning, not an error)
                let d: u32 = row[0][6..8].parse().unwrap_or(1);
                let shifted = if d == 28 || d == 68 { d - 1 } else { d + 1 };
                row[0].replace_range(6..8, &format!("{shifted:02}"));
            }
            _ => row[8] = if rng.chance(500) { "aktif".to_owned() } else { "100".to_owned() }, // asn column garbage
        }
        rows[i] = join(&row);
    }
}

fn render(
    header: &[&str],
    rows: &[String],
    format: SynthFormat,
    out: &mut dyn std::io::Write,
) -> Result<(), SynthError> {
    match format {
        SynthFormat::JsonLines => {
            let mut line = String::new();
            for row in rows {
                let object: serde_json::Map<String, serde_json::Value> = header
                    .iter()
                    .zip(fields(row))
                    .map(|(h, v)| ((*h).to_owned(), serde_json::Value::String(v.to_owned())))
                    .collect();
                line.clear();
                let _ = writeln!(line, "{}", serde_json::Value::Object(object));
                out.write_all(line.as_bytes()).map_err(SynthError::Write)?;
            }
            Ok(())
        }
        SynthFormat::Xlsx => {
            let bytes = workbook(header, rows).map_err(|e| SynthError::Make(e.to_string()))?;
            out.write_all(&bytes).map_err(SynthError::Write)
        }
        SynthFormat::Csv | SynthFormat::CsvSemicolon => {
            let semicolon = format == SynthFormat::CsvSemicolon;
            if semicolon {
                out.write_all(b"\xef\xbb\xbf").map_err(SynthError::Write)?;
            }
            let mut w = csv::WriterBuilder::new()
                .delimiter(if semicolon { b';' } else { b',' })
                .terminator(if semicolon { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') })
                .from_writer(out);
            let failed = |e: csv::Error| SynthError::Write(std::io::Error::other(e.to_string()));
            w.write_record(header).map_err(failed)?;
            for row in rows {
                w.write_record(fields(row)).map_err(failed)?;
            }
            w.flush().map_err(SynthError::Write)
        }
    }
}

/// The rows as an office workbook (see [`SynthFormat::Xlsx`]).
fn workbook(header: &[&str], rows: &[String]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    // a fixed creation time: the same seed gives the same bytes, a workbook too
    book.set_properties(&DocProperties::new().set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?));
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let sheet = book.add_worksheet_with_constant_memory()?;
    sheet.set_name("Data")?;
    sheet.write_string(0, 0, "DAFTAR CALON PESERTA PERLINDUNGAN PEKERJA RENTAN")?;
    sheet.write_string(1, 0, "Data sintetis (jaring synth)")?;
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(3, c as u16, *h)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 4;
        for (c, cell) in fields(row).enumerate() {
            let col = c as u16;
            if cell.is_empty() {
                continue;
            }
            let iso = (header.get(c) == Some(&"tanggal_lahir") && cell.len() == 10)
                .then(|| jiff::civil::Date::strptime("%Y-%m-%d", cell).ok())
                .flatten()
                .and_then(|d| ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).ok());
            if let Some(when) = iso {
                sheet.write_datetime_with_format(r, col, when, &date)?;
            } else if header.get(c) == Some(&"desil")
                && cell.bytes().all(|b| b.is_ascii_digit())
                && cell.len() < 3
            {
                sheet.write_number(r, col, cell.parse::<f64>().unwrap_or(0.0))?;
            } else {
                sheet.write_string(r, col, cell)?;
            }
        }
    }
    book.save_to_buffer()
}
