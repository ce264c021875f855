//! The decree annex (*lampiran surat keputusan*): the numbered list of a program's enrolled
//! workers grouped by kecamatan, then desa/kelurahan, with a subtotal under each group and
//! the grand total in figures and in words, under the program's title, legal basis and
//! period; the run's chain head on every page ties it to its log. Made from a folder that
//! verifies (`source::open`), from its `enrollments.csv`; written as a workbook (`xlsx.rs`)
//! or a PDF (`pdf.rs`).
//!
//! Within a desa the workers are listed by name (then NIK), so an office finds a person the
//! way it would in a paper list; districts and desa follow their codes.

mod pdf;
mod xlsx;

use std::path::Path;

use super::source::{Folder, OfficeError};
use crate::calendar::Month;
use crate::i18n::{Arg, Lang, Msg};
use crate::money::{Rupiah, grouped};
use crate::msg;
use crate::policy::Program;

/// One enrolled worker as the annex lists them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Worker {
    pub nik: String,
    pub name: String,
    pub occupation: String,
    pub months: u32,
    pub premium: u64,
}

/// A desa/kelurahan and its workers.
#[derive(Clone, Debug)]
pub struct Village {
    pub code: String,
    pub name: String,
    pub workers: Vec<Worker>,
    pub total: u64,
}

/// A kecamatan and its desa.
#[derive(Clone, Debug)]
pub struct District {
    pub code: String,
    pub name: String,
    pub villages: Vec<Village>,
    pub people: u64,
    pub total: u64,
}

/// What the heading says about the program.
#[derive(Clone, Debug)]
pub struct Heading {
    pub id: String,
    pub title: String,
    pub region: String,
    pub region_name: String,
    pub first: Option<Month>,
    pub last: Option<Month>,
    pub months: usize,
    pub premium_per_worker: u64,
    /// The regulations the policy cites: its legal basis.
    pub regulations: Vec<String>,
}

/// A whole annex.
#[derive(Clone, Debug)]
pub struct Annex {
    pub heading: Heading,
    pub chain_head: String,
    pub districts: Vec<District>,
    pub people: u64,
    pub total: u64,
}

/// The two kinds of file an annex is written as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Xlsx,
    Pdf,
}

impl Kind {
    /// By the file's extension.
    pub fn of(path: &Path) -> Option<Kind> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "xlsx" => Some(Kind::Xlsx),
            "pdf" => Some(Kind::Pdf),
            _ => None,
        }
    }
}

/// Makes the annex of `program` (or the run's only one) of run folder `dir` — made while
/// the folder is verified, written only if it verifies — to `out` (`.xlsx` or `.pdf`), in
/// `lang`. Returns the annex written.
pub fn write(
    dir: &Path,
    expect_head: Option<&str>,
    program: Option<&str>,
    out: &Path,
    force: bool,
    lang: Lang,
) -> Result<Annex, OfficeError> {
    let kind = Kind::of(out).ok_or_else(|| OfficeError::Other(msg!("annex-kind", file = out.display())))?;
    super::source::check_out(out, force)?;
    let (annex, staged) = super::source::with_verified(dir, expect_head, |folder| {
        let program = folder.program(program)?;
        let annex = build(folder, program)?;
        let staged = super::source::stage(out, force, |path| match kind {
            Kind::Xlsx => xlsx::write(&annex, path, lang),
            Kind::Pdf => pdf::render(&annex, lang)
                .and_then(|bytes| std::fs::write(path, bytes).map_err(|e| e.to_string())),
        })?;
        Ok((annex, staged))
    })?;
    staged.publish()?;
    Ok(annex)
}

/// The annex of `program`, from the folder's `enrollments.csv`.
pub fn build(folder: &Folder, program: &Program) -> Result<Annex, OfficeError> {
    let file = "enrollments.csv";
    let unreadable = |e: &dyn std::fmt::Display| {
        OfficeError::Other(msg!("office-unreadable", file = file, error = e.to_string()))
    };
    let mut reader = csv::Reader::from_path(folder.dir.join(file)).map_err(|e| unreadable(&e))?;
    let header = reader.headers().map_err(|e| unreadable(&e))?.clone();
    let at = |name: &str| {
        header.iter().position(|h| h == name).ok_or_else(|| unreadable(&format!("no column `{name}`")))
    };
    let (c_program, c_nik, c_name, c_months, c_premium, c_occupation, c_domicile) = (
        at("program")?,
        at("nik")?,
        at("name")?,
        at("months")?,
        at("total_premium")?,
        at("occupation")?,
        at("domicile")?,
    );
    // (district code, village code, name key, NIK) → worker
    let mut rows: Vec<(String, String, String, Worker)> = Vec::new();
    let mut record = csv::StringRecord::new();
    while reader.read_record(&mut record).map_err(|e| unreadable(&e))? {
        if record.get(c_program) != Some(program.id.as_str()) {
            continue;
        }
        let get = |c: usize| record.get(c).unwrap_or("");
        let domicile = get(c_domicile);
        let (district, village) = split_domicile(domicile);
        let occupation = get(c_occupation);
        let worker = Worker {
            nik: get(c_nik).to_owned(),
            name: get(c_name).to_owned(),
            occupation: program
                .catalog
                .get(occupation)
                .map_or_else(|| occupation.to_owned(), |o| o.label.clone()),
            months: get(c_months).parse().unwrap_or(0),
            premium: get(c_premium).parse().unwrap_or(0),
        };
        rows.push((district, village, worker.name.to_lowercase(), worker));
    }
    rows.sort_by(|a, b| (&a.0, &a.1, &a.2, &a.3.nik).cmp(&(&b.0, &b.1, &b.2, &b.3.nik)));
    let mut districts: Vec<District> = Vec::new();
    let (mut people, mut total) = (0u64, 0u64);
    for (district, village, _, worker) in rows {
        people += 1;
        total += worker.premium;
        if districts.last().is_none_or(|d| d.code != district) {
            let (name, _) = crate::region::place_names(&district);
            districts.push(District {
                name: name.to_owned(),
                code: district,
                villages: Vec::new(),
                people: 0,
                total: 0,
            });
        }
        let Some(d) = districts.last_mut() else { continue };
        d.people += 1;
        d.total += worker.premium;
        if d.villages.last().is_none_or(|v| v.code != village) {
            let (_, name) = crate::region::place_names(&village);
            d.villages.push(Village { name: name.to_owned(), code: village, workers: Vec::new(), total: 0 });
        }
        if let Some(v) = d.villages.last_mut() {
            v.total += worker.premium;
            v.workers.push(worker);
        }
    }
    Ok(Annex {
        heading: Heading {
            id: program.id.clone(),
            title: program.title.clone(),
            region: program.region.clone(),
            region_name: program.region_name.clone(),
            first: program.months.first().copied(),
            last: program.months.last().copied(),
            months: program.months.len(),
            premium_per_worker: program.premium_per_worker.0,
            regulations: program.regulations.iter().map(|r| r.title.clone()).collect(),
        },
        chain_head: folder.chain_head.clone(),
        districts,
        people,
        total,
    })
}

/// The kecamatan and desa codes of a domicile (empty when it does not go that deep).
fn split_domicile(code: &str) -> (String, String) {
    match crate::region::level(code) {
        Some(crate::region::Level::Village) => (code.get(..8).unwrap_or("").to_owned(), code.to_owned()),
        Some(crate::region::Level::District) => (code.to_owned(), String::new()),
        _ => (String::new(), String::new()),
    }
}

/// The texts both renderings share, in one language.
pub(crate) struct Words {
    pub lang: Lang,
}

impl Words {
    fn t(&self, m: Msg) -> String {
        m.text(self.lang)
    }

    pub fn annex(&self) -> String {
        self.t(msg!("annex-annex"))
    }

    pub fn title(&self, h: &Heading) -> String {
        self.t(msg!("annex-title", title = h.title.as_str()))
    }

    pub fn facts(&self, h: &Heading) -> String {
        let period = match (h.first, h.last) {
            (Some(a), Some(b)) => {
                msg!("annex-period", first => Arg::Month(a), last => Arg::Month(b), months = h.months, months_plural = crate::i18n::plural(h.months as u64))
            }
            _ => msg!("annex-no-period"),
        };
        self.t(msg!(
            "annex-facts",
            region = h.region_name.as_str(),
            code = h.region.as_str(),
            period => period,
            premium = Rupiah(h.premium_per_worker)
        ))
    }

    pub fn legal_basis(&self) -> String {
        self.t(msg!("annex-legal-basis"))
    }

    pub fn columns(&self) -> [String; 6] {
        [
            self.t(msg!("annex-col-number")),
            self.t(msg!("col-nik")),
            self.t(msg!("col-name")),
            self.t(msg!("col-occupation-name")),
            self.t(msg!("annex-col-months")),
            self.t(msg!("annex-col-premium")),
        ]
    }

    pub fn district(&self, d: &District) -> String {
        if d.code.is_empty() {
            return self.t(msg!("annex-no-district"));
        }
        self.t(msg!("annex-district", name = d.name.as_str(), code = d.code.as_str()))
    }

    pub fn village(&self, v: &Village) -> String {
        if v.code.is_empty() {
            return self.t(msg!("annex-no-village"));
        }
        self.t(msg!("annex-village", name = v.name.as_str(), code = v.code.as_str()))
    }

    pub fn village_total(&self, v: &Village) -> String {
        let name = if v.code.is_empty() { self.t(msg!("annex-no-village")) } else { v.name.clone() };
        let n = v.workers.len() as u64;
        self.t(msg!("annex-village-total", name = name, people = grouped(n), count = crate::i18n::plural(n)))
    }

    pub fn district_total(&self, d: &District) -> String {
        let name = if d.code.is_empty() { self.t(msg!("annex-no-district")) } else { d.name.clone() };
        self.t(msg!(
            "annex-district-total",
            name = name,
            people = grouped(d.people),
            count = crate::i18n::plural(d.people)
        ))
    }

    pub fn grand_total(&self, a: &Annex) -> String {
        self.t(msg!("annex-grand-total", people = grouped(a.people), count = crate::i18n::plural(a.people)))
    }

    pub fn in_words(&self, a: &Annex) -> String {
        self.t(msg!("annex-in-words", words = crate::money::terbilang::rupiah(a.total)))
    }

    pub fn nobody(&self) -> String {
        self.t(msg!("annex-nobody"))
    }

    pub fn continued(&self, d: &District, v: &Village) -> String {
        self.t(msg!("annex-continued", district = self.district(d), village = self.village(v)))
    }

    pub fn footer(&self, a: &Annex) -> String {
        self.t(msg!("annex-footer", id = a.heading.id.as_str(), head = a.chain_head.as_str()))
    }

    pub fn page(&self, page: usize, pages: usize) -> String {
        self.t(msg!("annex-page", page = page, pages = pages))
    }
}

/// Rupiah as the annex shows them in a cell: `1.626.307.200`.
pub(crate) fn figure(n: u64) -> String {
    grouped(n)
}
