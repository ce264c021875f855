//! An enrollment run: policies and a registry in; every row decided; outputs written
//! atomically.
//!
//! For each program, in precedence order: the policy's rules (pure, [`engine`]), then the
//! plugin's proposals (validated by the host), then allocation of quota and money (pure).
//! A person enrolled by one program is not funded again by a later one for any of the same
//! months: the later program rejects them, naming the program that covers them.

mod answers;
pub mod output;
pub mod ranked;
pub mod ranking;
pub mod reasons;
pub mod record;
pub mod staging;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::calendar::Month;
use crate::decision::{Decision, Decisions, Placements, PluginRejection, Rejection, RowOutcome, WaitReason};
use crate::engine::{self, Candidate, Placement, Presence};
use crate::files::column;
use crate::i18n::{Lang, Msg};
use crate::plugin::{self, CallStats, Limits, PluginError, PluginHost, contract};
use crate::policy::program::YieldsTo;
use crate::policy::{Program, Workspace};
use crate::region::{self, Level};
use crate::registry::{self, Field, Nik, Person, Registry, RegistryError};
use answers::{Answers, Kept};

/// What the plugin proposed for one applicant (the verdict is in the [`Decision`]), as
/// [`ProgramRun::answer`] gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Answer {
    pub priority: i32,
    /// Index into [`ProgramRun::groups`].
    pub group: Option<u16>,
    /// The call (index into [`ProgramRun::plugin_calls`]) that assessed it.
    pub call: u32,
}

/// A plugin's answer as a run keeps it between the plugin's call and the decisions: eight
/// bytes (a province's applicants are millions), the group a number into [`GroupNames`], the
/// rejection or notes, which few answers carry, kept apart ([`Asides`]).
#[derive(Clone, Copy)]
struct Proposal {
    priority: i32,
    /// The group's number in [`GroupNames`]; [`NO_GROUP`]: none.
    group: u32,
}

const _: () = assert!(std::mem::size_of::<Proposal>() <= 8);

impl column::Fixed for Proposal {
    const BYTES: usize = 8;

    fn put(self, out: &mut [u8]) {
        out[..4].copy_from_slice(&self.priority.to_le_bytes());
        out[4..8].copy_from_slice(&self.group.to_le_bytes());
    }

    fn take(b: &[u8]) -> Option<Proposal> {
        let word = |k: usize| b.get(k..k + 4)?.try_into().ok();
        Some(Proposal { priority: i32::from_le_bytes(word(0)?), group: u32::from_le_bytes(word(4)?) })
    }
}

/// [`Proposal::group`] of an answer that names no group.
const NO_GROUP: u32 = u32::MAX;

/// What few answers carry: a rejection, notes.
type Unusual = (Option<contract::Rejection>, Box<[String]>);

/// The groups a plugin named while its batches were answered, numbered as the workers first
/// met them (an order that varies from run to run: the run numbers them again in row order,
/// [`ProgramRun::groups`]).
#[derive(Default)]
struct GroupNames {
    numbers: rustc_hash::FxHashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
}

impl GroupNames {
    fn number(&mut self, name: String) -> u32 {
        if let Some(&n) = self.numbers.get(name.as_str()) {
            return n;
        }
        let n = u32::try_from(self.names.len()).unwrap_or(NO_GROUP - 1);
        let name: Box<str> = name.into();
        self.names.push(name.clone());
        self.numbers.insert(name, n);
        n
    }

    fn name(&self, n: u32) -> Option<&str> {
        self.names.get(n as usize).map(|name| &name[..])
    }
}

/// What the answers name beside their priority, gathered while the batches are answered: the
/// groups, and the rejections and notes by applicant id (sorted by id once every batch is in,
/// [`Asides::sorted`]).
#[derive(Default)]
struct Asides {
    groups: GroupNames,
    unusual: Vec<(u32, Unusual)>,
}

impl Asides {
    fn sorted(mut self) -> Asides {
        // (ids are unique: the host refuses an answer that repeats one)
        self.unusual.sort_unstable_by_key(|(id, _)| *id);
        self
    }

    /// The rejection and notes the plugin gave applicant `id` (once sorted).
    fn unusual(&self, id: u32) -> Option<&Unusual> {
        self.unusual.binary_search_by_key(&id, |(i, _)| *i).ok().map(|k| &self.unusual[k].1)
    }
}

impl Proposal {
    fn keep(a: contract::Assessment, asides: &std::sync::Mutex<Asides>) -> Proposal {
        let rejection = match a.verdict {
            contract::Verdict::Accept => None,
            contract::Verdict::Reject(r) => Some(r),
        };
        if a.group.is_none() && rejection.is_none() && a.notes.is_empty() {
            return Proposal { priority: a.priority, group: NO_GROUP };
        }
        let mut asides = asides.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let group = a.group.map_or(NO_GROUP, |g| asides.groups.number(g));
        if rejection.is_some() || !a.notes.is_empty() {
            asides.unusual.push((a.id, (rejection, a.notes.into_boxed_slice())));
        }
        Proposal { priority: a.priority, group }
    }

    /// The answer as the plugin gave it to applicant `id`.
    fn assessment(&self, id: u32, asides: &Asides) -> contract::Assessment {
        let (rejection, notes) = asides.unusual(id).map_or((None, &[][..]), |(r, n)| (r.as_ref(), &n[..]));
        contract::Assessment {
            id,
            verdict: match rejection {
                None => contract::Verdict::Accept,
                Some(r) => contract::Verdict::Reject(r.clone()),
            },
            priority: self.priority,
            group: asides.groups.name(self.group).map(str::to_owned),
            notes: notes.to_vec(),
        }
    }
}

/// One program's decisions over the registry.
#[derive(Clone, Debug)]
pub struct ProgramRun {
    /// Indexed like `Registry::rows`; `None` for rows that never reached the program
    /// (invalid rows, repeated NIKs). A streamed registry's are in a spill file beside its
    /// rows, loaded a window at a time with them ([`Outcome::load`]).
    pub decisions: Decisions,
    /// How many wait, and for which reasons (each once), counted once every program decided.
    pub waiting: Waiting,
    /// The plugin's answer for each row it assessed (same indexing); empty when the program
    /// has no plugin (read it with [`ProgramRun::answer`]).
    answers: Answers,
    /// The row (index) of the first applicant of each batch the plugin was called with, in
    /// call order: rows ascending, as the batches are.
    first_rows: Vec<u32>,
    /// The groups the plugin named, in order of first appearance.
    pub groups: Vec<String>,
    /// The plugin's rejections, numbered by [`Rejection::Plugin`].
    pub rejections: Vec<PluginRejection>,
    /// The notes of the answers that carry some, by row index, ascending
    /// ([`ProgramRun::notes`]).
    notes: Vec<(u32, Box<[String]>)>,
    /// One entry per plugin call (batches, then the apportionment).
    pub plugin_calls: Vec<CallStats>,
    pub plugin: Option<PluginRef>,
    /// The plugin's apportionment: group → places.
    pub group_caps: Option<Vec<(String, u32)>>,
    /// How the waiting line was ordered.
    pub order: crate::log::Order,
}

impl ProgramRun {
    /// The plugin's answer for row `i`, if it assessed it.
    pub fn answer(&self, i: usize) -> Option<Answer> {
        let kept = self.answers.get(i)?;
        let row = u32::try_from(i).unwrap_or(u32::MAX);
        // (an assessed row is at or after the first batch's first row)
        let call = self.first_rows.partition_point(|&first| first <= row).saturating_sub(1);
        Some(Answer {
            priority: kept.priority,
            group: kept.group,
            call: u32::try_from(call).unwrap_or(u32::MAX),
        })
    }

    /// The notes the plugin wrote with its answer for row `i` (none if it gave none).
    pub fn notes(&self, i: usize) -> &[String] {
        let i = u32::try_from(i).unwrap_or(u32::MAX);
        self.notes.binary_search_by_key(&i, |(row, _)| *row).map_or(&[], |k| &self.notes[k].1[..])
    }

    /// The plugin's rejection `n` ([`Rejection::Plugin`]).
    pub fn rejection(&self, n: u32) -> Option<&PluginRejection> {
        self.rejections.get(n as usize)
    }
}

/// Who waits for a program, counted: the waiting list's length (its ranks run 1 to it) and
/// the reasons they wait for, each once.
#[derive(Clone, Debug, Default)]
pub struct Waiting {
    pub count: usize,
    pub reasons: Vec<WaitReason>,
}

/// The plugin a program ran with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PluginRef {
    pub name: String,
    pub version: String,
    pub sha256: String,
    pub path: PathBuf,
    /// The contract version it was built against (`jaring:plugin@0.2.0`).
    pub contract: &'static str,
}

/// Everything a run decided.
#[derive(Debug)]
pub struct Outcome {
    /// In the order they decided.
    pub programs: Vec<Program>,
    pub registry: Registry,
    pub runs: Vec<ProgramRun>,
    /// How many rows had each overall outcome ([`Outcome::row`]).
    pub counts: crate::log::Counts,
    pub presence: Presence,
    /// Things the user should know that did not stop the run.
    pub warnings: Vec<Msg>,
    /// The language of the texts the outputs state (reasons, warnings); English unless
    /// the run was asked for another.
    pub lang: Lang,
}

/// Why a run could not be done (nothing is written then).
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The policies have errors (all of them, as `check` shows them).
    #[error("{}", crate::msg!("run-policies", report = .0.render(crate::i18n::Lang::En)).text(crate::i18n::Lang::En))]
    Policies(Box<crate::diag::Report>),
    #[error(transparent)]
    Registry(#[from] RegistryError),
    #[error(transparent)]
    Plugin(Box<PluginError>),
    /// The programs cannot run together, or a policy cannot be read.
    #[error("{}", .0.text(crate::i18n::Lang::En))]
    Setup(Msg),
    /// The output folder cannot be used or written.
    #[error("{}", .0.text(crate::i18n::Lang::En))]
    Output(Msg),
}

impl From<PluginError> for RunError {
    fn from(e: PluginError) -> RunError {
        RunError::Plugin(Box::new(e))
    }
}

impl Outcome {
    /// Row `i`'s overall outcome: invalid, or the best any program gave it (rejected when none
    /// decided it). From the row and decisions held: every row's, but for a streamed
    /// registry, whose window [`Outcome::load`] loaded.
    pub fn row(&self, i: usize) -> RowOutcome {
        match self.registry.rows.get(i).map(|r| &r.read) {
            Some(Err(_)) => RowOutcome::Invalid,
            _ => RowOutcome::of(self.runs.iter().filter_map(|r| r.decisions.get(i))),
        }
    }

    /// Holds rows `range` and every program's decisions of them: all are held but for a
    /// streamed registry, whose are in spill files (a window at a time).
    pub fn load(&mut self, range: std::ops::Range<usize>) -> Result<(), RegistryError> {
        let rows = &mut self.registry.rows;
        rows.load(range.clone()).map_err(|e| rows.error(e))?;
        for run in &mut self.runs {
            run.decisions.load(range.clone()).map_err(|e| rows.error(e))?;
            run.answers.load(range.clone()).map_err(|e| rows.error(e))?;
        }
        Ok(())
    }

    /// Lets go of the window loaded last ([`Outcome::load`]).
    pub fn unload(&mut self) {
        self.registry.rows.unload();
        for run in &mut self.runs {
            run.decisions.unload();
            run.answers.unload();
        }
    }
}

impl RunError {
    /// The error in `lang`.
    pub fn render(&self, lang: crate::i18n::Lang) -> String {
        match self {
            RunError::Policies(report) => {
                crate::msg!("run-policies", report = report.render(lang)).text(lang)
            }
            RunError::Registry(e) => e.message().text(lang),
            RunError::Plugin(e) => e.message().text(lang),
            RunError::Setup(m) | RunError::Output(m) => m.text(lang),
        }
    }
}

/// Reports progress of long stages (the CLI draws a bar; tests pass `&()`).
pub trait Progress: Sync {
    fn stage(&self, _message: &Msg, _total: u64) {}
    fn advance(&self, _done: u64) {}
    fn finish(&self) {}
}

impl Progress for () {}

/// Checks the policies (refusing any with errors) and orders them so that programs others
/// yield to decide first.
pub fn load_programs(policies: &[PathBuf]) -> Result<Vec<Program>, RunError> {
    let mut ws = Workspace::new();
    let mut programs = Vec::new();
    for path in policies {
        let program = ws.check_file(path).map_err(|e| {
            RunError::Setup(crate::msg!("run-unreadable-policy", file = path.display(), error => &e))
        })?;
        programs.extend(program);
    }
    if ws.has_errors() {
        let diagnostics = std::mem::take(&mut ws.diagnostics);
        return Err(RunError::Policies(Box::new(crate::diag::Report::errors(ws.sources, &diagnostics))));
    }
    if let Some(first) = programs.first()
        && let Some(other) = programs.iter().find(|p| p.catalog_ref.sha256 != first.catalog_ref.sha256)
    {
        return Err(RunError::Setup(crate::msg!(
            "run-two-catalogs",
            first = &first.id,
            other = &other.id,
            first_catalog = &first.catalog_ref.name,
            other_catalog = &other.catalog_ref.name
        )));
    }
    // a decision names another program of the run by a 16-bit number (`Rejection::CoveredBy`)
    let max = usize::from(u16::MAX);
    if programs.len() > max {
        return Err(RunError::Setup(crate::msg!(
            "run-too-many-programs",
            count = crate::money::grouped(programs.len() as u64),
            max = crate::money::grouped(max as u64)
        )));
    }
    for (i, p) in programs.iter().enumerate() {
        if let Some(q) = programs[..i].iter().find(|q| q.id == p.id) {
            return Err(RunError::Setup(crate::msg!(
                "run-program-twice",
                id = &p.id,
                first = &q.policy.name,
                second = &p.policy.name
            )));
        }
    }
    order_by_precedence(programs)
}

/// Programs a program yields to go first; otherwise the order given is kept.
pub fn order_by_precedence(programs: Vec<Program>) -> Result<Vec<Program>, RunError> {
    let yields_to = |a: &Program, b: &Program| match &a.yields_to {
        Some((YieldsTo::Regencies, _)) => {
            b.region != a.region
                && region::within(&b.region, &a.region)
                && region::level(&b.region) == Some(Level::Regency)
        }
        Some((YieldsTo::Programs(ids), _)) => ids.contains(&b.id),
        None => false,
    };
    let mut left: Vec<Program> = programs;
    let mut ordered = Vec::with_capacity(left.len());
    while !left.is_empty() {
        let Some(next) = (0..left.len())
            .find(|&i| !left.iter().enumerate().any(|(j, b)| j != i && yields_to(&left[i], b)))
        else {
            let names: Vec<&str> = left.iter().map(|p| p.id.as_str()).collect();
            return Err(RunError::Setup(crate::msg!("run-yield-circle", programs = names.join(", "))));
        };
        ordered.push(left.remove(next));
    }
    Ok(ordered)
}

/// Decides every row of `registry` for `programs` (already ordered by precedence).
pub fn decide(
    programs: Vec<Program>,
    mut registry: Registry,
    host: &PluginHost,
    progress: &dyn Progress,
) -> Result<Outcome, RunError> {
    let presence = Presence {
        poverty_decile: registry.columns.has(Field::PovertyDecile),
        already_covered: registry.columns.has(Field::AlreadyCovered),
        civil_servant: registry.columns.has(Field::CivilServant),
        student: registry.columns.has(Field::Student),
        nik_status: registry.columns.has(Field::NikStatus),
    };
    let mut warnings: Vec<Msg> = programs.iter().flat_map(|p| p.warnings.iter().cloned()).collect();
    warnings
        .extend(registry.structure.iter().map(|w| crate::msg!("warning-registry", warning => w.message())));
    warnings.extend(missing_column_warnings(&programs, &presence));
    // a `rank by column …` the registry does not have ranks no one: say so
    for p in &programs {
        for key in p.ranking.iter().flat_map(|r| r.keys.iter()) {
            if let crate::policy::program::RankBy::Column(name) = &key.by {
                let wanted = registry::normalise_header(name);
                if !registry.header.iter().any(|h| registry::normalise_header(h) == wanted) {
                    warnings.push(crate::msg!("warning-rank-column", program = &p.id, column = name));
                }
            }
        }
    }
    let mut covered: HashMap<Nik, Vec<usize>> = HashMap::new();
    let mut runs = Vec::with_capacity(programs.len());
    for (index, program) in programs.iter().enumerate() {
        let run = decide_program(
            index,
            program,
            &programs,
            &mut registry,
            host,
            &mut covered,
            &mut warnings,
            progress,
        )?;
        runs.push(run);
    }
    drop_covered_from_waiting_lists(&programs, &registry, &mut runs, &covered)?;
    for p in &programs {
        if let Some((YieldsTo::Programs(ids), _)) = &p.yields_to {
            for id in ids.iter().filter(|id| !programs.iter().any(|q| q.id == **id)) {
                warnings.push(crate::msg!("warning-yields-to-absent", program = &p.id, other = id));
            }
        }
    }
    // each row's outcome counted, and who waits for each program (the decisions of a
    // streamed registry read from their spill files a block at a time)
    let mut counts = crate::log::Counts::default();
    let mut waiting = vec![Waiting::default(); runs.len()];
    // (the reasons met, looked up: a plugin may name thousands of groups, each a reason)
    let mut met: Vec<rustc_hash::FxHashSet<WaitReason>> = vec![Default::default(); runs.len()];
    let mut readers: Vec<_> = runs.iter().map(|r| r.decisions.reader()).collect();
    let mut decided: Vec<Decision> = Vec::with_capacity(runs.len());
    registry
        .rows
        .each(|i, row| {
            decided.clear();
            for ((reader, waiting), met) in readers.iter_mut().zip(&mut waiting).zip(&mut met) {
                let Some(d) = reader.get(i) else { continue };
                if let Decision::Waiting { reason, .. } = d {
                    waiting.count += 1;
                    if met.insert(reason) {
                        waiting.reasons.push(reason);
                    }
                }
                decided.push(d);
            }
            let outcome = match &row.read {
                Err(_) => RowOutcome::Invalid,
                Ok(_) => RowOutcome::of(decided.iter().copied()),
            };
            counts.add(outcome.word());
        })
        .map_err(|e| registry.rows.error(e))?;
    for reader in readers {
        reader.finish().map_err(|e| registry.rows.error(e))?;
    }
    for (run, waiting) in runs.iter_mut().zip(waiting) {
        run.waiting = waiting;
    }
    Ok(Outcome { programs, registry, runs, counts, presence, warnings, lang: Lang::En })
}

/// Someone another program enrolled (for some of the same months) is not waiting for this
/// one: their waiting entry becomes a rejection naming that program, and the remaining
/// waiting list is renumbered without gaps.
fn drop_covered_from_waiting_lists(
    programs: &[Program],
    registry: &Registry,
    runs: &mut [ProgramRun],
    covered: &HashMap<Nik, Vec<usize>>,
) -> Result<(), RunError> {
    if covered.is_empty() {
        return Ok(());
    }
    for (index, run) in runs.iter_mut().enumerate() {
        // the ranks of those dropped, then those of the rest closed up (a block of rows at a
        // time: a streamed registry's decisions are in a spill file)
        let mut dropped: Vec<u32> = Vec::new();
        let mut failed: std::io::Result<()> = Ok(());
        let decisions = &mut run.decisions;
        registry
            .rows
            .blocks(|start, block| {
                if failed.is_err() {
                    return;
                }
                if let Err(e) = decisions.load(start..start + block.len()) {
                    failed = Err(e);
                    return;
                }
                let mut changed = false;
                for (k, row) in block.iter().enumerate() {
                    let i = start + k;
                    let Some(Decision::Waiting { rank, .. }) = decisions.get(i) else { continue };
                    let Ok(person) = &row.read else { continue };
                    let Some(programs_of) = covered.get(&person.nik()) else { continue };
                    let others: Vec<usize> = programs_of.iter().copied().filter(|p| *p != index).collect();
                    if let Some(rejection) = covering(&programs[index], programs, Some(&others)) {
                        decisions.set(i, Some(Decision::Rejected(rejection)));
                        dropped.push(rank);
                        changed = true;
                    }
                }
                if changed {
                    failed = decisions.store();
                }
            })
            .map_err(|e| registry.rows.error(e))?;
        failed.map_err(|e| registry.rows.error(e))?;
        decisions.unload();
        if dropped.is_empty() {
            // the ranks already run 1, 2, 3, … without gaps
            continue;
        }
        // the ranks ran 1, 2, 3, … without gaps: each moves up by as many as were dropped
        // before it
        dropped.sort_unstable();
        decisions
            .blocks_mut(|rows, d| {
                for i in rows {
                    if let Some(Decision::Waiting { rank, reason }) = d.get(i) {
                        let before = u32::try_from(dropped.partition_point(|&r| r < rank)).unwrap_or(0);
                        d.set(i, Some(Decision::Waiting { rank: rank - before, reason }));
                    }
                }
            })
            .map_err(|e| registry.rows.error(e))?;
    }
    Ok(())
}

fn missing_column_warnings(programs: &[Program], presence: &Presence) -> Vec<Msg> {
    use crate::policy::program::{Exclusion, RuleKind};
    let mut out = Vec::new();
    for p in programs {
        for rule in &p.rules {
            let missing = match &rule.kind {
                RuleKind::Exclude(Exclusion::AlreadyCovered) if !presence.already_covered => {
                    Some(Field::AlreadyCovered)
                }
                RuleKind::Exclude(Exclusion::CivilServant) if !presence.civil_servant => {
                    Some(Field::CivilServant)
                }
                RuleKind::Exclude(Exclusion::Student) if !presence.student => Some(Field::Student),
                RuleKind::Exclude(Exclusion::InactiveNik | Exclusion::Deceased) if !presence.nik_status => {
                    Some(Field::NikStatus)
                }
                RuleKind::PovertyDecile { .. } if !presence.poverty_decile => Some(Field::PovertyDecile),
                _ => None,
            };
            if let Some(column) = missing {
                let warning = crate::msg!("warning-missing-column", program = &p.id, column = column.name());
                if !out.contains(&warning) {
                    out.push(warning);
                }
            }
        }
    }
    out
}

#[expect(
    clippy::too_many_arguments,
    reason = "one call site; the run state it threads through is all needed"
)]
fn decide_program(
    index: usize,
    program: &Program,
    programs: &[Program],
    registry: &mut Registry,
    host: &PluginHost,
    covered: &mut HashMap<Nik, Vec<usize>>,
    warnings: &mut Vec<Msg>,
    progress: &dyn Progress,
) -> Result<ProgramRun, RunError> {
    let n = registry.rows.len();
    // the last program of a run over a streamed registry lets go of what it no longer
    // reads as soon as it is done with it: the outputs are written from the file read
    // again (a replay compares with the log's own records)
    let letting_go = index + 1 == programs.len()
        && matches!(registry.text, registry::Text::File { .. } | registry::Text::Log { .. });
    // (only a program with a plugin has answers, filled in row order as the plugin's answers
    // are read, so that their pages are touched only then)
    let mut answers = Answers::default();
    let mut first_rows: Vec<u32> = Vec::new();
    progress.stage(&crate::msg!("stage-rules", program = &program.id), n as u64);
    // 1. the policy's rules (in parallel), then funding already given by earlier programs
    let rules = engine::Rules::new(program);
    // (written straight into the decisions: the people a rule rejects are decided)
    let decided = |person: &Person| -> Option<Decision> {
        match rules.failures(person) {
            0 => None,
            failed => Some(Decision::Rejected(Rejection::Rules(failed))),
        }
    };
    // (a block of rows at a time: a streamed registry's rows are in its spill file)
    let spill = |e| RunError::Registry(registry.rows.error(e));
    // the eligible rows, as u32 (rows are numbered by u32): a streamed registry's beside its
    // rows, as the plugin's answers and the rows it accepts (a province's are millions)
    let (beside, block) = (registry.rows.spill_folder(), registry.rows.block());
    let mut eligible: column::Column<u32> = column::Column::new(beside, block).map_err(spill)?;
    // the rules' decisions, a block of rows at a time: nothing reads them until the candidates
    // are found (a streamed registry's go to a file beside its rows, and stay there)
    let mut all = Decisions::spilled_in(beside, block).map_err(spill)?;
    let mut put: std::io::Result<()> = Ok(());
    registry
        .rows
        .blocks(|start, block| {
            let mut decisions = Decisions::new(block.len());
            decisions.fill(0..block.len(), |k| match &block[k].read {
                Ok(person) if !person.repeats() => decided(person),
                _ => None,
            });
            for (k, row) in block.iter().enumerate() {
                let Ok(person) = &row.read else { continue };
                if person.repeats() || decisions.get(k).is_some() {
                    continue;
                }
                let prior = if covered.is_empty() {
                    None
                } else {
                    covering(program, programs, covered.get(&person.nik()))
                };
                match prior {
                    Some(other) => decisions.set(k, Some(Decision::Rejected(other))),
                    None if put.is_ok() => put = eligible.push((start + k) as u32),
                    None => {}
                }
            }
            if put.is_ok() {
                put = all.append(decisions);
            }
        })
        .map_err(spill)?;
    put.and_then(|()| eligible.flush()).and_then(|()| all.flush()).map_err(spill)?;
    progress.advance(n as u64);
    // 2. the plugin's proposals
    let mut plugin_calls = Vec::new();
    let mut plugin_ref = None;
    let mut group_caps = None;
    let mut groups: Vec<String> = Vec::new();
    let mut rejections: Vec<PluginRejection> = Vec::new();
    let mut notes_kept: Vec<(u32, Box<[String]>)> = Vec::new();
    // the rows the plugin rejected, with the number of its rejection (decided once the
    // decisions set aside are back)
    let mut rejected_by_plugin: Vec<(u32, u32)> = Vec::new();
    // the rows of everyone the plugin accepts (their priority and group are in `answers`)
    let mut accepted: column::Column<u32> = column::Column::new(beside, block).map_err(spill)?;
    match &program.plugin {
        None => accepted = std::mem::replace(&mut eligible, column::Column::held(Vec::new())),
        Some(spec) => {
            let limits = Limits::from_policy(&spec.limits);
            let loaded = host.load_limited(&spec.path, spec.sha256.as_deref(), &limits.code)?;
            loaded.check_columns(program.catalog.personal_data())?;
            plugin_ref = Some(PluginRef {
                name: loaded.info.name.clone(),
                version: loaded.info.version.clone(),
                sha256: loaded.sha256.clone(),
                path: spec.path.clone(),
                contract: loaded.contract(),
            });
            let view = plugin::program_view(program);
            let attributes = plugin_attributes(
                &registry.columns,
                &loaded.info.attributes,
                program.catalog.personal_data(),
            );
            // (a streamed registry holds the columns the plugin asked for when it was read: a
            // plugin file changed since, asking for others, is not shown less than it asks)
            if let Some((_, column)) = attributes.iter().find(|(c, _)| !registry.cells.holds(*c)) {
                return Err(RunError::Setup(crate::msg!(
                    "run-plugin-changed",
                    program = &program.id,
                    plugin = spec.path.display(),
                    column = column
                )));
            }
            let masked = std::sync::atomic::AtomicUsize::new(0);
            progress.stage(
                &crate::msg!("stage-plugin", program = &program.id, plugin = &loaded.info.name),
                eligible.len() as u64,
            );
            // (a batch's rows read in one go; a spill that cannot be read is said after the
            // plugin's work, which is not used then)
            let unread: std::sync::Mutex<Option<std::io::Error>> = std::sync::Mutex::new(None);
            let failed = |e| {
                unread.lock().unwrap_or_else(std::sync::PoisonError::into_inner).get_or_insert(e);
            };
            let build = |range: std::ops::Range<usize>| -> std::borrow::Cow<'static, [contract::Applicant]> {
                let Some(ids) = eligible.read(range).map_err(failed).ok() else {
                    return std::borrow::Cow::Owned(Vec::new());
                };
                let ids = &ids[..];
                let rows = registry.rows.pick(ids).unwrap_or_else(|e| {
                    failed(e);
                    Vec::new()
                });
                let Some(cells) = registry.cells.pick(ids).map_err(failed).ok() else {
                    return std::borrow::Cow::Owned(Vec::new());
                };
                std::borrow::Cow::Owned(
                    ids.iter()
                        .zip(&rows)
                        .enumerate()
                        .filter_map(|(k, (&i, row))| {
                            let p = row.read.as_ref().ok()?;
                            let cell = |c: usize| cells.get(k, c);
                            Some(applicant_view(
                                registry,
                                i as usize,
                                p,
                                program,
                                &attributes,
                                &masked,
                                &cell,
                            ))
                        })
                        .collect(),
                )
            };
            let unread = || unread.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take();
            // answers are kept compact from the moment each batch is answered; group names
            // are numbered (a plugin names few groups for many applicants)
            let asides = std::sync::Mutex::new(Asides::default());
            let keep = |a: contract::Assessment| Proposal::keep(a, &asides);
            // each batch's answers as kept go beside the rows for a streamed registry
            let size = limits.batch_size.max(1);
            let mut proposals: column::Column<Proposal> =
                column::Column::new(beside, block).map_err(spill)?;
            let stash = |batch: usize, kept: Vec<Proposal>| -> Vec<Proposal> {
                if !proposals.is_spilled() {
                    return kept;
                }
                if let Err(e) = proposals.write_at(batch * size, &kept) {
                    failed(e);
                }
                Vec::new()
            };
            // in a run an applicant's id is their registry row: say so beside the breach
            let assessed = loaded.assess_kept(&view, eligible.len(), &limits, &build, &keep, &stash);
            if let Some(e) = unread() {
                return Err(spill(e));
            }
            let assessed = assessed.map_err(|e| match e {
                PluginError::ContractViolation { plugin, problem } => PluginError::ContractViolation {
                    plugin,
                    problem: crate::msg!("contract-in-run", problem => problem),
                },
                other => other,
            })?;
            let masked = masked.load(std::sync::atomic::Ordering::Relaxed);
            let asides = asides.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner).sorted();
            let crate::plugin::Assessed { assessments, batches } = assessed;
            if proposals.is_spilled() {
                proposals.set_len(eligible.len());
            } else {
                proposals = column::Column::held(assessments.into_iter().flatten().collect());
            }
            progress.stage(&crate::msg!("stage-independence", program = &program.id), 0);
            let seed = format!("{}:{}", registry.sha256, program.id);
            let independent = loaded.check_independence(
                &view,
                eligible.len(),
                &limits,
                &build,
                &|k| match (proposals.get(k), eligible.get(k)) {
                    (Ok(p), Ok(i)) => p.assessment(registry::number(i as usize), &asides),
                    (Err(e), _) | (_, Err(e)) => {
                        // (said after the check, which is not used then)
                        failed(e);
                        Proposal { priority: 0, group: NO_GROUP }.assessment(0, &Asides::default())
                    }
                },
                seed.as_bytes(),
            );
            if let Some(e) = unread() {
                return Err(spill(e));
            }
            independent?;
            progress.stage(&crate::msg!("stage-answers", program = &program.id), eligible.len() as u64);
            if masked > 0 {
                warnings.push(crate::msg!("warning-masked-cells", program = &program.id, cells = masked));
            }
            let per_call = size;
            let Asides { groups: names, unusual } = asides;
            // (sorted by id, as `eligible` is by row: read alongside)
            let mut unusual = unusual.into_iter().peekable();
            // the groups numbered again in order of first appearance (row order)
            let mut renumbered: Vec<Option<u16>> = vec![None; names.names.len()];
            // (the answers as kept are freed as they are read: handed back, for the last
            // program of a streamed run)
            let giving_back = letting_go.then(crate::allocator::GivingBack::start);
            if let Some(dir) = beside {
                answers = Answers::spilled_in(dir, block).map_err(spill)?;
            }
            answers.reserve(n);
            let mut each = |k: usize, i: u32, answer: Proposal| -> std::io::Result<()> {
                let i = i as usize;
                let group = names.name(answer.group).map(|name| {
                    *renumbered[answer.group as usize].get_or_insert_with(|| {
                        let gi = u16::try_from(groups.len()).unwrap_or(u16::MAX);
                        groups.push(name.to_owned());
                        gi
                    })
                });
                let id = registry::number(i);
                let (rejection, notes) = match unusual.next_if(|(u, _)| *u == id) {
                    Some((_, more)) => more,
                    None => (None, Box::default()),
                };
                match rejection {
                    None => accepted.push(i as u32)?,
                    Some(r) => {
                        let n = u32::try_from(rejections.len()).unwrap_or(u32::MAX);
                        rejections.push(PluginRejection {
                            reason: r.reason,
                            message: r.message,
                            citation: r.citation,
                        });
                        rejected_by_plugin.push((i as u32, n));
                    }
                }
                // (in row order: `eligible` is ascending)
                if !notes.is_empty() {
                    notes_kept.push((i as u32, notes));
                }
                if k.is_multiple_of(per_call) {
                    first_rows.push(i as u32);
                }
                answers.put(i, Kept { priority: answer.priority, group })
            };
            // (a chunk of rows and answers at a time, read back for a streamed registry)
            for start in (0..eligible.len()).step_by(eligible.chunk()) {
                let range = start..(start + eligible.chunk()).min(eligible.len());
                let rows = eligible.read(range.clone()).map_err(spill)?;
                let answered = proposals.read(range).map_err(spill)?;
                for (k, (&i, &answer)) in rows.iter().zip(answered.iter()).enumerate() {
                    each(start + k, i, answer).map_err(spill)?;
                }
            }
            accepted.flush().map_err(spill)?;
            drop(proposals);
            answers.finish(n).map_err(spill)?;
            drop(giving_back);
            plugin_calls.extend(batches);
            progress.advance(eligible.len() as u64);
            // 3. the plugin spreads the places over its groups, when there are fewer places
            //    than candidates
            let places = engine::capacity(program);
            if loaded.info.apportions && places < accepted.len() as u64 {
                let mut counts: BTreeMap<&str, u32> = BTreeMap::new();
                let mut answer = answers.reader();
                accepted
                    .chunks(|_, rows| {
                        for &i in rows {
                            if let Some(g) = answer.get(i as usize).and_then(|a| a.group) {
                                *counts.entry(groups[usize::from(g)].as_str()).or_default() += 1;
                            }
                        }
                    })
                    .map_err(spill)?;
                answer.finish().map_err(spill)?;
                let grouped: u64 = counts.values().map(|v| u64::from(*v)).sum();
                let total = u32::try_from(places.min(grouped)).unwrap_or(u32::MAX);
                let asked: Vec<contract::GroupCount> = counts
                    .iter()
                    .map(|(g, n)| contract::GroupCount { group: (*g).to_owned(), eligible: *n })
                    .collect();
                let (allotments, stats) = loaded.apportion(&view, total, &asked, &limits)?;
                plugin_calls.push(stats);
                group_caps = Some(allotments.into_iter().map(|a| (a.group, a.quota)).collect::<Vec<_>>());
            }
        }
    }
    drop(eligible);
    // 4. ranking and allocation
    progress.stage(&crate::msg!("stage-allocation", program = &program.id), accepted.len() as u64);
    // the policy's `rank by` keys: where each reads from
    let keys: Vec<(&crate::policy::program::RankKey, Option<usize>)> = program
        .ranking
        .iter()
        .flat_map(|r| r.keys.iter())
        .map(|k| {
            let column = match &k.by {
                crate::policy::program::RankBy::Column(name) => {
                    let wanted = registry::normalise_header(name);
                    registry.header.iter().position(|h| registry::normalise_header(h) == wanted)
                }
                _ => None,
            };
            (k, column)
        })
        .collect();
    let day = engine::ranking_day(program);
    // (a streamed registry's kept values read from their spill as the rows are)
    let cells = std::cell::RefCell::new(registry.cells.reader());
    let key_of = |i: usize, p: Person, key: usize| -> engine::KeyValue<'_> {
        use crate::policy::program::RankBy;
        let (k, column) = &keys[key];
        match &k.by {
            RankBy::PovertyDecile => {
                p.poverty_decile().map_or(engine::KeyValue::Missing, |d| engine::KeyValue::Num(d.into()))
            }
            RankBy::Age => day.map_or(engine::KeyValue::Missing, |d| {
                engine::KeyValue::Num(crate::registry::values::age_on(p.birth_date(), d).into())
            }),
            RankBy::Column(_) => column
                .and_then(|c| cells.borrow_mut().get(i, c))
                .map_or(engine::KeyValue::Missing, engine::KeyValue::of_cell),
        }
    };
    // each accepted person's key values, by their place in `accepted` (none without keys)
    let reader = std::cell::RefCell::new(registry.rows.reader());
    let rows_accepted = std::cell::RefCell::new(accepted.reader());
    let sort_keys = engine::RankKeys::build(accepted.len(), keys.len(), |k, key| {
        let Some(i) = rows_accepted.borrow_mut().get(k) else { return engine::KeyValue::Missing };
        let i = i as usize;
        let person = reader.borrow_mut().get(i).read.as_ref().ok().copied();
        person.map_or(engine::KeyValue::Missing, |p| key_of(i, p, key))
    });
    reader.into_inner().finish().map_err(spill)?;
    rows_accepted.into_inner().finish().map_err(spill)?;
    cells.into_inner().finish().map_err(spill)?;
    if letting_go {
        // the kept columns were read for the last time (the plugin's view, the `rank by`
        // keys); a province's are hundreds of megabytes, handed back before the candidates
        crate::allocator::give_back(|| drop(std::mem::take(&mut registry.cells)));
    }
    // The candidates are the accepted rows, in row order: every row read, not repeating a
    // NIK, that the plugin answered (every one, without a plugin) and that nothing decided
    // yet. Found again from the decisions so that the list of them is let go first: a
    // province's are millions, and it was held beside the candidates at the run's peak.
    let count = accepted.len();
    drop(accepted);
    // the rules' decisions, with the plugin's rejections laid in
    let mut decisions = all;
    decisions
        .set_sorted(
            rejected_by_plugin
                .into_iter()
                .map(|(i, n)| Ok((i as usize, Some(Decision::Rejected(Rejection::Plugin(n)))))),
        )
        .map_err(spill)?;
    // (read as the blocks of rows are, when in a file)
    let mut answers = answers;
    // each candidate's occupation and domicile, by its place in row order, when sub-quotas or
    // reserves read them (allocation goes in rank order: the rows are not read again then)
    let grouped = !program.sub_quotas.is_empty() || !program.reserves.is_empty();
    let mut whose_of: Vec<(u16, crate::region::Region)> = Vec::new();
    let descending: Vec<bool> = keys.iter().map(|(k, _)| k.descending).collect();
    let rank_order = engine::RankOrder { keys: &sort_keys, descending: &descending };
    // sorted in one run, held, while they are at most sixteen blocks of rows (a million);
    // more are sorted a run of four blocks (a quarter million) at a time, the runs of a
    // streamed registry spilled beside its rows. (Runs of a million whatever the count: a 10M
    // run's peak at allocation 138 MiB against 99, and `replay`'s, whose peak it is, 170 MiB
    // against 105; runs of a quarter million whatever the count: 1M allocation 35 ms slower.)
    let block = registry.rows.block();
    let run = if count <= block.saturating_mul(16) { count.max(1) } else { block.saturating_mul(4) };
    let mut ranking = ranking::Ranking::new(rank_order, registry.rows.spill_folder(), run);
    let mut pushed: std::io::Result<()> = Ok(());
    registry
        .rows
        .blocks(|start, block| {
            if pushed.is_err() {
                return;
            }
            // (the block's decisions and answers held, for a streamed registry)
            let rows = start..start + block.len();
            if let Err(e) = decisions.load(rows.clone()).and_then(|()| answers.load(rows)) {
                pushed = Err(e);
                return;
            }
            let decisions = &decisions;
            let answers = &answers;
            let answered = |i: usize| program.plugin.is_none() || answers.get(i).is_some();
            // what the plugin proposed for row `i` (nothing without a plugin)
            let proposed = |i: usize| answers.get(i).map_or((0, None), |a| (a.priority, a.group));
            // a block's candidates, their draws made on all cores
            let found: Vec<Candidate> = crate::par::chunks(block.len(), |range| {
                range
                    .filter_map(|o| {
                        let i = start + o;
                        let p = block[o].read.as_ref().ok()?;
                        if p.repeats() || decisions.get(i).is_some() || !answered(i) {
                            return None;
                        }
                        let (priority, group) = proposed(i);
                        let tiebreak = engine::tiebreak(&program.id, p.nik());
                        Some(Candidate { row: registry::number(i), priority, tiebreak, group, keys: 0 })
                    })
                    .collect()
            });
            for mut c in found {
                // (its place in row order: where its `rank by` values are)
                c.keys = u32::try_from(ranking.len()).unwrap_or(u32::MAX);
                if grouped && let Ok(p) = &block[c.row as usize - 1 - start].read {
                    whose_of.push((p.occupation(), p.domicile()));
                }
                if pushed.is_ok() {
                    pushed = ranking.push(c);
                }
            }
        })
        .map_err(spill)?;
    pushed.map_err(spill)?;
    decisions.unload();
    answers.unload();
    ranking.finish();
    debug_assert_eq!(ranking.len(), count, "the accepted rows are found again");
    // the apportionment by group index (a group it does not name has no cap)
    let caps: Vec<Option<u32>> = match &group_caps {
        None => Vec::new(),
        Some(caps) => {
            let by_name: HashMap<&str, u32> = caps.iter().map(|(g, n)| (g.as_str(), *n)).collect();
            groups.iter().map(|g| by_name.get(g.as_str()).copied()).collect()
        }
    };
    // (only sub-quotas and reserves ask)
    let whose = |c: &Candidate| whose_of.get(c.keys as usize).copied().unwrap_or_default();
    // the rows enrolled, whose NIKs later programs (and earlier ones' waiting lists) look up:
    // as many as the places, at most
    let mut enrolled: Vec<u32> = Vec::new();
    // the placements, in rank order, gathered in runs by row and laid into the decisions
    // after (a streamed registry's are in their file)
    let mut placements = Placements::new(registry.rows.spill_folder(), run).map_err(spill)?;
    let mut placed: std::io::Result<()> = Ok(());
    engine::allocate(
        program,
        || ranking.pass(),
        &caps,
        whose,
        |c, placement| {
            let i = c.row as usize - 1;
            let decision = match placement {
                Placement::Enrolled { funding } => {
                    enrolled.push(i as u32);
                    Decision::Enrolled { funding }
                }
                Placement::Waiting { rank, reason } => Decision::Waiting { rank, reason },
            };
            if placed.is_ok() {
                placed = placements.push(i, decision);
            }
        },
    );
    if let Some(e) = ranking.failed() {
        return Err(spill(e));
    }
    placed.map_err(spill)?;
    let order = crate::log::Order {
        plugin_priority: plugin_ref.is_some(),
        keys: keys.iter().map(|(k, _)| k.name()).collect(),
        decided_by_draw: ranking.draws(),
    };
    drop(whose_of);
    if letting_go {
        // (nothing allocated after the candidates would reuse their memory as it is)
        crate::allocator::give_back(|| drop(ranking));
    } else {
        drop(ranking);
    }
    drop(sort_keys);
    decisions.settle(placements).map_err(spill)?;
    if programs.len() > 1 {
        enrolled.sort_unstable();
        let rows = registry.rows.pick(&enrolled).map_err(spill)?;
        for row in &rows {
            if let Ok(p) = &row.read {
                covered.entry(p.nik()).or_default().push(index);
            }
        }
    }
    progress.finish();
    Ok(ProgramRun {
        decisions,
        waiting: Waiting::default(),
        answers,
        first_rows,
        groups,
        rejections,
        notes: notes_kept,
        plugin_calls,
        plugin: plugin_ref,
        group_caps,
        order,
    })
}

/// The earlier program that already pays for this person in one of `program`'s months.
fn covering(program: &Program, programs: &[Program], enrolled_in: Option<&Vec<usize>>) -> Option<Rejection> {
    for &other in enrolled_in? {
        let months = &programs[other].months;
        let shared: Vec<Month> = program.months.iter().filter(|m| months.contains(m)).copied().collect();
        if let (Some(first), Some(last)) = (shared.first(), shared.last()) {
            // (`load_programs` allows no more programs than a u16 numbers)
            let program = u16::try_from(other).unwrap_or(u16::MAX);
            return Some(Rejection::CoveredBy { program, first: *first, last: *last });
        }
    }
    None
}

/// Registry columns a plugin asked for and may have: (column index, name as the plugin
/// wrote it). Only columns jaring does not read itself, and never personal data
/// (`registry::personal`), even if a check before this one was skipped.
fn plugin_attributes(
    columns: &registry::Columns,
    wanted: &[String],
    extra_personal: &[String],
) -> Vec<(usize, String)> {
    use crate::registry::personal::{compact, withheld};
    wanted
        .iter()
        .filter(|w| withheld(w, extra_personal).is_none())
        .filter_map(|w| {
            columns
                .attributes
                .iter()
                .find(|(_, h)| compact(h) == compact(w) && withheld(h, extra_personal).is_none())
                .map(|(i, _)| (*i, w.clone()))
        })
        .collect()
}

/// The applicants a program's plugin is asked about in a run — everyone the policy's rules
/// leave eligible, as the contract shows them (ids are registry rows) — and how many
/// attribute cells were masked. For `jaring plugin test`.
pub fn plugin_applicants(
    program: &Program,
    registry: &Registry,
    wanted: &[String],
) -> Result<(Vec<contract::Applicant>, usize), RegistryError> {
    let rules = engine::Rules::new(program);
    let attributes = plugin_attributes(&registry.columns, wanted, program.catalog.personal_data());
    let masked = std::sync::atomic::AtomicUsize::new(0);
    let mut applicants = Vec::new();
    registry
        .rows
        .each(|i, row| {
            if let Ok(person) = &row.read
                && !person.repeats()
                && rules.failures(person) == 0
            {
                let cell = |c: usize| registry.cell(i, c);
                applicants.push(applicant_view(registry, i, person, program, &attributes, &masked, &cell));
            }
        })
        .map_err(|e| registry.rows.error(e))?;
    Ok((applicants, masked.into_inner()))
}

/// The applicant as the contract shows it to plugins (no name, no NIK); `cell(column)` gives
/// the row's cells as written.
fn applicant_view<'a>(
    registry: &Registry,
    i: usize,
    person: &Person,
    program: &Program,
    attributes: &[(usize, String)],
    masked: &std::sync::atomic::AtomicUsize,
    cell: &dyn Fn(usize) -> Option<&'a str>,
) -> contract::Applicant {
    let text = |field: Field| {
        registry.columns.get(field).and_then(cell).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned)
    };
    let d = person.birth_date();
    contract::Applicant {
        id: registry::number(i),
        birth_date: contract::Date {
            year: u16::try_from(d.year()).unwrap_or(0),
            month: u8::try_from(d.month()).unwrap_or(0),
            day: u8::try_from(d.day()).unwrap_or(0),
        },
        sex: match person.sex() {
            registry::Sex::Male => contract::Sex::Male,
            registry::Sex::Female => contract::Sex::Female,
        },
        occupation: program.catalog.occupations()[usize::from(person.occupation())].code.clone(),
        domicile: person.domicile().code().to_owned(),
        poverty_decile: person.poverty_decile(),
        decree_number: text(Field::DecreeNumber),
        proposer: text(Field::Proposer),
        attributes: attributes
            .iter()
            .filter_map(|(column, name)| {
                cell(*column).map(|v| {
                    let value = crate::registry::personal::mask_digit_runs(v);
                    if matches!(value, std::borrow::Cow::Owned(_)) {
                        masked.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    }
                    contract::Attribute { name: name.clone(), value: value.into_owned() }
                })
            })
            .collect(),
    }
}

/// Reads the registry from a PostgreSQL database (`server`, a table or a query), validated as
/// a CSV file is; `label` names it in messages and the log. With `spill` (a file the caller
/// removes once the outputs are written), the rows are kept there as the server sent them and
/// only the columns [`decision_columns`] names are held, as for a CSV file.
pub fn read_registry_from_database(
    server: registry::postgres::Server<'_>,
    source: &registry::postgres::Source<'_>,
    label: &str,
    programs: &[Program],
    host: &PluginHost,
    spill: Option<&Path>,
) -> Result<Registry, RunError> {
    let catalog = catalog_of(programs)?;
    let keep =
        |header: &[String], columns: &registry::Columns| decision_columns(programs, header, columns, host);
    // (the rows go beside the rows as sent)
    let spill = spill.map(|path| registry::postgres::Spill {
        path,
        keep: registry::Keep { columns: &keep, spill: path.parent() },
    });
    registry::postgres::read(
        server,
        source,
        label,
        &catalog,
        &within(programs),
        registry::postgres::MAX_BYTES,
        spill,
    )
    .map_err(RunError::Setup)
}

/// The catalog the programs read occupations through (the first program's: a run's programs
/// share one).
fn catalog_of(programs: &[Program]) -> Result<std::sync::Arc<crate::catalog::Catalog>, RunError> {
    programs.first().map(|p| p.catalog.clone()).ok_or_else(|| RunError::Setup(crate::msg!("run-no-program")))
}

/// Reads the registry with the programs' catalog.
pub fn read_registry(path: &Path, programs: &[Program]) -> Result<Registry, RunError> {
    read_registry_sheet(path, None, programs)
}

/// The regions of the programs: where a registry's domiciles written by name are found.
pub fn within(programs: &[Program]) -> Vec<String> {
    let mut codes: Vec<String> = programs.iter().map(|p| p.region.clone()).collect();
    codes.sort();
    codes.dedup();
    codes
}

/// [`read_registry`], naming the sheet of a workbook to read.
pub fn read_registry_sheet(
    path: &Path,
    sheet: Option<&str>,
    programs: &[Program],
) -> Result<Registry, RunError> {
    let catalog = catalog_of(programs)?;
    Ok(registry::read_sheet_of(path, sheet, &catalog, &within(programs))?)
}

/// [`read_registry_sheet`] for a run that writes its outputs with [`output::write_all`]: of
/// a CSV or JSON Lines file only the columns [`decision_columns`] names are held once its
/// rows are read, and with `spill` (a folder) its rows are kept in a file there rather than in
/// memory; the outputs are written from the file read again.
pub fn read_registry_streamed(
    path: &Path,
    sheet: Option<&str>,
    programs: &[Program],
    host: &PluginHost,
    spill: Option<&Path>,
) -> Result<Registry, RunError> {
    read_registry_streamed_in(path, sheet, programs, host, registry::FILE_WINDOW, spill)
}

/// [`read_registry_streamed`] in windows of about `window` bytes.
pub fn read_registry_streamed_in(
    path: &Path,
    sheet: Option<&str>,
    programs: &[Program],
    host: &PluginHost,
    window: usize,
    spill: Option<&Path>,
) -> Result<Registry, RunError> {
    let catalog = catalog_of(programs)?;
    let columns =
        |header: &[String], columns: &registry::Columns| decision_columns(programs, header, columns, host);
    let keep = registry::Keep { columns: &columns, spill };
    Ok(registry::read_sheet_keeping(path, sheet, &catalog, &within(programs), Some(keep), window)?)
}

/// The columns [`decide`] reads as written: the columns programs rank by, and for a program
/// with a plugin the decree number, the proposer and the columns the plugin asks to be shown
/// (loaded into `host` for that, where [`decide`] finds it loaded; a registry's other
/// columns, tens or hundreds in a national data set's export, are not held).
pub fn decision_columns(
    programs: &[Program],
    header: &[String],
    columns: &registry::Columns,
    host: &PluginHost,
) -> Vec<usize> {
    let mut kept = Vec::new();
    for p in programs {
        for key in p.ranking.iter().flat_map(|r| r.keys.iter()) {
            if let crate::policy::program::RankBy::Column(name) = &key.by {
                let wanted = registry::normalise_header(name);
                kept.extend(header.iter().position(|h| registry::normalise_header(h) == wanted));
            }
        }
        if let Some(spec) = &p.plugin {
            kept.extend([Field::DecreeNumber, Field::Proposer].into_iter().filter_map(|f| columns.get(f)));
            // (a plugin that does not load is shown nothing: `decide` stops on it first)
            let limits = Limits::from_policy(&spec.limits);
            if let Ok(loaded) = host.load_limited(&spec.path, spec.sha256.as_deref(), &limits.code) {
                let asked = plugin_attributes(columns, &loaded.info.attributes, p.catalog.personal_data());
                kept.extend(asked.into_iter().map(|(i, _)| i));
            }
        }
    }
    kept.sort_unstable();
    kept.dedup();
    kept
}
