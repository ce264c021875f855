//! `jaring test`: what a policy must do, written down by the people who wrote the policy and
//! checked by deciding it.
//!
//! Beside `paser-2022.policy` lives `paser-2022.tests.toml`:
//!
//! ```toml
//! [[case]]
//! name = "nelayan 30 tahun di Tanah Grogot"
//! person = { occupation = "nelayan", birth_date = "1992-05-01", sex = "L", domicile = "64.01.04.1001" }
//! expect = "eligible"          # or: expect = "rejected", reason = "age-outside-window"
//! ```
//!
//! A person takes any registry column (the names jaring reads, their Indonesian aliases, and
//! the extra columns a plugin asks for); a NIK and a name are made up when not given. Every
//! case is one row of a registry decided by the policy, its pinned plugin included, exactly
//! as a run would decide it; "eligible" means enrolled or on the waiting list.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::decision::{Code, Decision};
use crate::diag::Report;
use crate::engine::{self, Presence};
use crate::i18n::Msg;
use crate::msg;
use crate::plugin::PluginHost;
use crate::policy::{Program, Workspace};
use crate::registry::{self, Field, Format};
use crate::run::{self, RunError};

/// The test file of a policy: `x.policy` → `x.tests.toml`.
pub fn tests_of(policy: &Path) -> PathBuf {
    let stem = policy.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    policy.with_file_name(format!("{stem}.tests.toml"))
}

/// The policy of a test file: `x.tests.toml` → `x.policy`.
pub fn policy_of(tests: &Path) -> PathBuf {
    let name = tests.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let stem = name.strip_suffix(".tests.toml").unwrap_or(&name);
    tests.with_file_name(format!("{stem}.policy"))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    case: Vec<RawCase>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCase {
    name: String,
    person: BTreeMap<String, toml::Value>,
    expect: String,
    #[serde(default)]
    reason: Option<String>,
}

/// What a case expects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expect {
    /// Enrolled or on the waiting list.
    Eligible,
    /// Rejected, for this reason code if one is given.
    Rejected(Option<String>),
    /// The row cannot be read (invalid data).
    Invalid,
}

/// One case, as written.
#[derive(Clone, Debug)]
pub struct Case {
    pub name: String,
    pub person: Vec<(String, String)>,
    pub expect: Expect,
}

/// What the policy decided for a case.
#[derive(Clone, Debug, PartialEq)]
pub enum Got {
    Eligible,
    Rejected { code: String, text: String },
    Invalid { field: String, text: String },
}

/// A case and what came of it.
#[derive(Clone, Debug)]
pub struct Checked {
    pub case: Case,
    pub got: Got,
    pub passed: bool,
}

/// For each rule of the program: which cases pass it and which fail it.
#[derive(Clone, Debug)]
pub struct RuleCoverage {
    /// The rule in words.
    pub rule: Msg,
    pub passed_by: Vec<usize>,
    pub failed_by: Vec<usize>,
}

/// A test file's outcome.
#[derive(Clone, Debug)]
pub struct Outcome {
    pub tests: PathBuf,
    pub policy: PathBuf,
    pub program: String,
    pub checked: Vec<Checked>,
    pub coverage: Vec<RuleCoverage>,
}

impl Outcome {
    pub fn failed(&self) -> usize {
        self.checked.iter().filter(|c| !c.passed).count()
    }
}

/// Why a test file could not be run.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.render(crate::i18n::Lang::En))]
pub enum CasesError {
    Unreadable { file: PathBuf, error: std::io::Error },
    Toml { file: PathBuf, line: usize, detail: String },
    BadCase { file: PathBuf, case: String, problem: Msg },
    Policy { file: PathBuf, report: Box<Report> },
    NoProgram(PathBuf),
    Run(#[from] RunError),
}

impl CasesError {
    pub fn render(&self, lang: crate::i18n::Lang) -> String {
        match self {
            CasesError::Unreadable { file, error } => {
                msg!("cases-unreadable", file = file.display(), error => error).text(lang)
            }
            CasesError::Toml { file, line, detail } => {
                msg!("cases-toml", file = file.display(), line = line, detail = detail).text(lang)
            }
            CasesError::BadCase { file, case, problem } => {
                msg!("cases-bad-case", file = file.display(), case = case, problem => problem.clone())
                    .text(lang)
            }
            CasesError::Policy { file, report } => {
                msg!("cases-policy", file = file.display(), report = report.render(lang)).text(lang)
            }
            CasesError::NoProgram(file) => msg!("cases-no-program", file = file.display()).text(lang),
            CasesError::Run(e) => e.render(lang),
        }
    }
}

/// Reads a test file.
pub fn read(path: &Path) -> Result<Vec<Case>, CasesError> {
    let text = std::fs::read_to_string(path)
        .map_err(|error| CasesError::Unreadable { file: path.to_path_buf(), error })?;
    let raw: RawFile = toml::from_str(&text).map_err(|e| {
        let line = e.span().map_or(1, |s| text[..s.start.min(text.len())].matches('\n').count() + 1);
        CasesError::Toml { file: path.to_path_buf(), line, detail: e.message().trim().to_owned() }
    })?;
    raw.case
        .into_iter()
        .map(|c| {
            let bad = |problem: Msg| CasesError::BadCase {
                file: path.to_path_buf(),
                case: c.name.clone(),
                problem,
            };
            let expect = match (c.expect.as_str(), &c.reason) {
                ("eligible", None) => Expect::Eligible,
                ("rejected", reason) => Expect::Rejected(reason.clone()),
                ("invalid", None) => Expect::Invalid,
                ("eligible" | "invalid", Some(_)) => return Err(bad(msg!("cases-reason-only-rejected"))),
                (other, _) => {
                    return Err(bad(msg!("cases-bad-expect", expect = crate::text::shown(other, 40))));
                }
            };
            let person = c
                .person
                .iter()
                .map(|(k, v)| {
                    let value = match v {
                        toml::Value::String(s) => s.clone(),
                        toml::Value::Integer(i) => i.to_string(),
                        toml::Value::Boolean(true) => "ya".to_owned(),
                        toml::Value::Boolean(false) => "tidak".to_owned(),
                        toml::Value::Datetime(d) => d.to_string(),
                        other => return Err(bad(msg!("cases-bad-value", column = k, value = other))),
                    };
                    Ok((k.clone(), value))
                })
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Case { name: c.name, person, expect })
        })
        .collect()
}

/// A valid NIK for a made-up person: issued where they live, on their birth date.
fn made_up_nik(domicile: &str, birth_date: &str, sex: &str, serial: usize) -> String {
    let region: String = domicile.split('.').take(3).collect();
    let region = if region.len() == 6 && region.bytes().all(|b| b.is_ascii_digit()) {
        region
    } else {
        "640101".to_owned()
    };
    let (day, month, year) = match registry::values::birth_date(birth_date) {
        Ok(d) => (d.day(), d.month(), d.year()),
        Err(_) => (1, 1, 1990),
    };
    let female = registry::values::sex(sex).is_ok_and(|s| s == registry::Sex::Female);
    let day = if female { day + 40 } else { day };
    format!("{region}{day:02}{month:02}{:02}{:04}", year.rem_euclid(100), serial % 9999 + 1)
}

/// Runs the cases of the test file `tests` against its policy; the reasons are stated in
/// `lang`.
pub fn run_file(tests: &Path, host: &PluginHost, lang: crate::i18n::Lang) -> Result<Outcome, CasesError> {
    let policy = policy_of(tests);
    let cases = read(tests)?;
    let mut ws = Workspace::new();
    let program =
        ws.check_file(&policy).map_err(|error| CasesError::Unreadable { file: policy.clone(), error })?;
    if ws.has_errors() {
        let report = Report::errors(std::mem::take(&mut ws.sources), &ws.diagnostics);
        return Err(CasesError::Policy { file: policy, report: Box::new(report) });
    }
    let program = program.ok_or_else(|| CasesError::NoProgram(policy.clone()))?;
    let (checked, coverage) = decide_cases(program.clone(), &cases, host, lang)?;
    Ok(Outcome { tests: tests.to_path_buf(), policy, program: program.id, checked, coverage })
}

/// Decides every case as one row of a registry, and says for each rule which cases pass it.
pub fn decide_cases(
    program: Program,
    cases: &[Case],
    host: &PluginHost,
    lang: crate::i18n::Lang,
) -> Result<(Vec<Checked>, Vec<RuleCoverage>), CasesError> {
    // the columns: every one a case names (a field jaring reads under its own name, whatever
    // alias the case used), plus NIK and name
    let column_of = |name: &str| {
        let normal = registry::normalise_header(name);
        Field::REQUIRED
            .iter()
            .chain(Field::OPTIONAL.iter())
            .find(|f| f.aliases().contains(&normal.as_str()))
            .map_or(normal, |f| f.name().to_owned())
    };
    let mut header: Vec<String> = Vec::new();
    for case in cases {
        for (k, _) in &case.person {
            if !header.iter().any(|h| *h == column_of(k)) {
                header.push(column_of(k));
            }
        }
    }
    let has = |header: &[String], field: Field| {
        header.iter().any(|h| field.aliases().contains(&column_of(h).as_str()))
    };
    for field in [Field::Nik, Field::Name] {
        if !has(&header, field) {
            header.push(field.name().to_owned());
        }
    }
    fn value(case: &Case, field: Field) -> Option<&str> {
        case.person
            .iter()
            .find(|(k, _)| field.aliases().contains(&registry::normalise_header(k).as_str()))
            .map(|(_, v)| v.as_str())
    }
    let rows: Vec<Vec<String>> = cases
        .iter()
        .enumerate()
        .map(|(i, case)| {
            header
                .iter()
                .map(|h| {
                    if let Some((_, v)) = case.person.iter().find(|(k, _)| column_of(k) == column_of(h)) {
                        return v.clone();
                    }
                    if Field::Nik.aliases().contains(&column_of(h).as_str()) {
                        let get = |f| value(case, f).unwrap_or("");
                        return made_up_nik(get(Field::Domicile), get(Field::BirthDate), get(Field::Sex), i);
                    }
                    if Field::Name.aliases().contains(&column_of(h).as_str()) {
                        return format!("Kasus {}", i + 1);
                    }
                    String::new()
                })
                .collect()
        })
        .collect();
    let registry = registry::from_rows(
        header,
        &rows,
        Vec::new(),
        Format::Csv { delimiter: b',' },
        String::new(),
        &program.catalog,
        std::slice::from_ref(&program.region),
    )
    .map_err(|e| CasesError::Run(RunError::Registry(e)))?;
    let presence = Presence {
        poverty_decile: registry.columns.has(Field::PovertyDecile),
        already_covered: registry.columns.has(Field::AlreadyCovered),
        civil_servant: registry.columns.has(Field::CivilServant),
        student: registry.columns.has(Field::Student),
        nik_status: registry.columns.has(Field::NikStatus),
    };
    let mut outcome = run::decide(vec![program], registry, host, &())?;
    outcome.lang = lang;
    let program = &outcome.programs[0];
    let mut texts = run::reasons::Texts::default();
    let mut coverage: Vec<RuleCoverage> = program
        .rules
        .iter()
        .map(|r| RuleCoverage {
            rule: engine::rule_words(&r.kind),
            passed_by: Vec::new(),
            failed_by: Vec::new(),
        })
        .collect();
    let mut checked = Vec::with_capacity(cases.len());
    for (i, case) in cases.iter().enumerate() {
        let row = &outcome.registry.rows[i];
        let got = match (&row.read, outcome.runs[0].decisions.get(i)) {
            (Err(invalid), _) => {
                Got::Invalid { field: invalid.field.to_owned(), text: invalid.reason.text(outcome.lang) }
            }
            (Ok(_), Some(Decision::Enrolled { .. } | Decision::Waiting { .. })) => Got::Eligible,
            (Ok(_), Some(Decision::Rejected(r))) => {
                let stated = run::reasons::rejection(&outcome, 0, i, &r, &mut texts);
                Got::Rejected { code: stated.code, text: stated.text }
            }
            (Ok(_), None) => Got::Rejected {
                code: Code::DuplicateNik.code().to_owned(),
                text: crate::decision::duplicate_message(
                    outcome.registry.duplicate_of(i).map_or(0, std::num::NonZeroU32::get),
                )
                .text(outcome.lang),
            },
        };
        if let Ok(person) = &row.read {
            for (k, rule) in coverage.iter_mut().enumerate() {
                if engine::explain_rule(program, k, person, &presence).passed {
                    rule.passed_by.push(i);
                } else {
                    rule.failed_by.push(i);
                }
            }
        }
        let passed = match (&case.expect, &got) {
            (Expect::Eligible, Got::Eligible) | (Expect::Invalid, Got::Invalid { .. }) => true,
            (Expect::Rejected(None), Got::Rejected { .. }) => true,
            (Expect::Rejected(Some(want)), Got::Rejected { code, .. }) => want == code,
            _ => false,
        };
        checked.push(Checked { case: case.clone(), got, passed });
    }
    Ok((checked, coverage))
}
