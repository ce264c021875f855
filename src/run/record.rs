//! Writing a run's decision log (`decisions.jsonl`, see [`crate::log`] for what it holds) and
//! its artifacts, from the run's outcome.

use std::io::Write as _;
use std::path::Path;

use super::reasons::Texts;
use crate::decision::{Decision, Rejection};
use crate::digest::sha256_hex;
use crate::engine;
use crate::log::compact::{self, Shared};
use crate::log::view::Text;
use crate::log::*;
use crate::policy::Program;
use crate::policy::program::RuleKind;
use crate::registry::{RowWarning, Sex};
use crate::run::Outcome;

fn artifact(sha256: &str, ext: &str, name: &str) -> Artifact {
    Artifact { name: name.to_owned(), sha256: sha256.to_owned(), file: format!("{ARTIFACTS}/{sha256}.{ext}") }
}

/// Describes a rule in words for the header.
pub fn rule_name(kind: &RuleKind) -> String {
    match kind {
        RuleKind::Occupation(codes) => format!("occupation is one of {}", codes.join(", ")),
        RuleKind::Age { min, max, at } => format!("age {min} .. {max} on {at}"),
        RuleKind::Residence(codes) => format!("domicile within {}", codes.join(", ")),
        RuleKind::Exclude(e) => format!("not {}", e.name()),
        RuleKind::PovertyDecile { max } => format!("poverty decile at most {max}"),
    }
}

/// The header of a run's log (without the time).
pub fn header(outcome: &Outcome, registry_name: &str) -> Header {
    let first = outcome.programs.first();
    let catalog = first.map(|p| artifact(&p.catalog_ref.sha256, "toml", &p.catalog_ref.name));
    let rates = first.map(|p| artifact(&p.rates_ref.sha256, "toml", &p.rates_ref.name));
    let empty = Artifact { name: String::new(), sha256: String::new(), file: String::new() };
    Header {
        kind: "header".to_owned(),
        schema: SCHEMA,
        jaring: env!("CARGO_PKG_VERSION").to_owned(),
        wasmtime: crate::plugin::WASMTIME_VERSION.to_owned(),
        contract: crate::plugin::CONTRACTS.join(", "),
        tiebreak: TIEBREAK.to_owned(),
        registry: RegistryInfo {
            name: registry_name.to_owned(),
            sha256: outcome.registry.sha256.clone(),
            rows: outcome.registry.rows.len() as u64,
            format: outcome.registry.format.name(),
            columns: outcome.registry.header.clone(),
        },
        catalog: catalog.unwrap_or_else(|| empty.clone()),
        rates: rates.unwrap_or(empty),
        programs: outcome
            .programs
            .iter()
            .zip(&outcome.runs)
            .map(|(p, run)| ProgramInfo {
                id: p.id.clone(),
                title: p.title.clone(),
                region: p.region.clone(),
                region_name: p.region_name.clone(),
                policy: artifact(&p.policy.sha256, "policy", &p.policy.name),
                first_month: p.months.first().map(ToString::to_string).unwrap_or_default(),
                last_month: p.months.last().map(ToString::to_string).unwrap_or_default(),
                months: p.months.len() as u32,
                premium_per_worker: p.premium_per_worker.0,
                monthly_premium: engine::monthly_premium(p).map(|m| m.0),
                quota: p.quota.as_ref().map(|q| q.count),
                capacity: engine::capacity(p),
                funding: p
                    .funding
                    .iter()
                    .map(|f| FundingInfo {
                        id: f.id.clone(),
                        kind: f.kind.name().to_owned(),
                        budget: f.budget.0,
                        quota: f.quota,
                    })
                    .collect(),
                rules: p
                    .rules
                    .iter()
                    .map(|r| RuleInfo {
                        rule: rule_name(&r.kind),
                        cite: r.cite.as_ref().map(ToString::to_string),
                    })
                    .collect(),
                plugin: run.plugin.as_ref().map(|r| PluginInfo {
                    name: r.name.clone(),
                    version: r.version.clone(),
                    artifact: artifact(&r.sha256, "wasm", &r.path.display().to_string()),
                    contract: Some(r.contract.to_owned()),
                    calls: run
                        .plugin_calls
                        .iter()
                        .map(|c| CallInfo {
                            fuel: c.fuel,
                            logs: c.logs.iter().map(|l| format!("{}: {}", l.level, l.message)).collect(),
                            dropped_logs: c.dropped_logs,
                        })
                        .collect(),
                }),
                waiting_texts: waiting_texts(outcome, p, run),
                order: Some(run.order.clone()),
                sub_quotas: p.sub_quotas.iter().map(|s| group_info(&s.target, s.count, false)).collect(),
                reserves: p
                    .reserves
                    .iter()
                    .map(|r| group_info(&r.target, r.count, r.release_unused))
                    .collect(),
                group_quotas: run.group_caps.as_ref().map(|g| {
                    g.iter()
                        .map(|(group, quota)| GroupQuota { group: group.clone(), quota: *quota })
                        .collect()
                }),
            })
            .collect(),
        read_fields: READ_AS.iter().map(|f| f.name().to_owned()).collect(),
        warnings: outcome.warnings.iter().map(|w| w.text(outcome.lang)).collect(),
        lang: outcome.lang,
        redacted: None,
        started_at: None,
    }
}

/// The text of each reason someone waits for in this program that reads the same for
/// everyone waiting for it: a full quota, the funds run out, the one sub-quota filled.
fn waiting_texts(
    outcome: &Outcome,
    program: &Program,
    run: &crate::run::ProgramRun,
) -> std::collections::BTreeMap<String, String> {
    use crate::decision::WaitReason;
    let mut texts = std::collections::BTreeMap::new();
    for &reason in &run.waiting.reasons {
        let same_for_all = match reason {
            WaitReason::QuotaFull | WaitReason::FundingExhausted => true,
            WaitReason::SubQuotaFull(_) => program.sub_quotas.len() == 1,
            WaitReason::GroupQuotaFull(_) => false,
        };
        let code = reason.code().code();
        if same_for_all && !texts.contains_key(code) {
            texts.insert(code.to_owned(), reason.message(program, &run.groups).text(outcome.lang));
        }
    }
    texts
}

fn group_info(
    target: &crate::policy::program::SubQuotaTarget,
    count: u32,
    release_unused: bool,
) -> GroupInfo {
    use crate::policy::program::SubQuotaTarget;
    let (occupations, regions) = match target {
        SubQuotaTarget::Occupations(o) => (o.clone(), Vec::new()),
        SubQuotaTarget::Regions(r) => (Vec::new(), r.clone()),
    };
    GroupInfo { count, occupations, regions, release_unused }
}

fn flag(b: Option<bool>) -> &'static str {
    match b {
        Some(true) => "ya",
        Some(false) => "tidak",
        None => "",
    }
}

/// The record of row `i`.
pub fn record(outcome: &Outcome, i: usize) -> Record<'_> {
    record_as(outcome, i, SCHEMA, &mut Texts::default())
}

/// The record of row `i` as a log of `schema` holds it (schema 1 records carry no reason
/// text for waiting places and rule rejections): what `replay` compares an older log with.
pub fn record_as<'a>(outcome: &'a Outcome, i: usize, schema: u32, texts: &mut Texts) -> Record<'a> {
    record_with(outcome, i, schema, texts, outcome.registry.cells.row(i).map(Text::from).collect())
}

/// [`record_as`] with the row's fields as written given (`input`): what `replay` compares a
/// record with when the registry's text is the log's ([`crate::registry::Text::Log`]).
pub fn record_with<'a>(
    outcome: &'a Outcome,
    i: usize,
    schema: u32,
    texts: &mut Texts,
    input: Vec<Text<'a>>,
) -> Record<'a> {
    let row = &outcome.registry.rows[i];
    let mut record = Record {
        row: crate::registry::number(i),
        outcome: outcome.row(i).word().into(),
        input,
        read: None,
        invalid: None,
        duplicate_of: None,
        warnings: Vec::new(),
        programs: Vec::new(),
        salt: Text::default(),
        leaf: Text::default(),
        prev: Text::default(),
    };
    let person = match &row.read {
        Err(invalid) => {
            record.invalid = Some(InvalidInfo {
                field: invalid.field.into(),
                reason: invalid.reason.text(outcome.lang).into(),
            });
            return record;
        }
        Ok(p) => p,
    };
    let catalog = outcome.programs.first().map(|p| &p.catalog);
    record.read = Some(compact::ReadValues::All(vec![
        person.nik().to_string().into(),
        person.birth_date().to_string().into(),
        match person.sex() {
            Sex::Male => "L",
            Sex::Female => "P",
        }
        .into(),
        catalog.map_or("", |c| c.occupations()[usize::from(person.occupation())].code.as_str()).into(),
        person.domicile().code().into(),
        person.poverty_decile().map_or_else(Text::default, |d| d.to_string().into()),
        flag(person.already_covered()).into(),
        flag(person.civil_servant()).into(),
        flag(person.student()).into(),
        match person.nik_status() {
            crate::registry::NikStatus::Active => "aktif",
            crate::registry::NikStatus::Inactive => "tidak aktif",
            crate::registry::NikStatus::Deceased => "meninggal",
        }
        .into(),
    ]));
    record.warnings = person.warnings().iter().map(|w: RowWarning| w.code().into()).collect();
    record.duplicate_of =
        person.repeats().then(|| outcome.registry.duplicate_of(i)).flatten().map(std::num::NonZeroU32::get);
    for (pi, (program, run)) in outcome.programs.iter().zip(&outcome.runs).enumerate() {
        let Some(decision) = run.decisions.get(i) else { continue };
        let mut d = program_decision(outcome, pi, program, run, i, decision, texts);
        if schema < 2
            && matches!(decision, Decision::Waiting { .. } | Decision::Rejected(Rejection::Rules(_)))
        {
            d.message = None;
            d.cite = None;
        }
        record.programs.push(d);
    }
    record
}

fn program_decision<'a>(
    outcome: &'a Outcome,
    pi: usize,
    program: &'a Program,
    run: &'a crate::run::ProgramRun,
    i: usize,
    decision: Decision,
    texts: &mut Texts,
) -> ProgramDecision<'a> {
    let failed = match decision {
        Decision::Rejected(Rejection::Rules(f)) => f,
        _ => 0,
    };
    let rules: String =
        (0..program.rules.len()).map(|r| if failed & (1 << r) != 0 { '0' } else { '1' }).collect();
    let answer = run.answer(i);
    let mut d = ProgramDecision {
        program: program.id.as_str().into(),
        decision: decision.verdict().word().into(),
        rules: rules.into(),
        reason: None,
        message: None,
        cite: None,
        funding: None,
        months: None,
        premium: None,
        rank: None,
        priority: None,
        plugin: answer.map(|a| PluginAnswer {
            verdict: match decision {
                Decision::Rejected(Rejection::Plugin(_)) => "reject",
                _ => "accept",
            }
            .into(),
            priority: a.priority,
            group: a.group.map(|g| run.groups[usize::from(g)].as_str().into()),
            notes: run.notes(i).iter().map(|n| n.as_str().into()).collect(),
            call: a.call,
        }),
    };
    // a program without a plugin gives its candidates' priority here: all 0
    let priority = if answer.is_none() { Some(0) } else { None };
    match decision {
        Decision::Enrolled { funding } => {
            d.funding = Some(program.funding[funding as usize].id.as_str().into());
            d.months = Some(program.months.len() as u32);
            d.premium = Some(engine::cost(program).0);
            d.priority = priority;
        }
        Decision::Waiting { rank, reason } => {
            d.rank = Some(rank);
            d.reason = Some(reason.code().code().into());
            d.message = Some(texts.waiting(outcome, pi, reason).to_owned().into());
            d.priority = priority;
        }
        Decision::Rejected(r) => {
            let stated = super::reasons::rejection(outcome, pi, i, &r, texts);
            d.reason = Some(stated.code.into());
            d.message = Some(stated.text.into());
            d.cite = Some(stated.cite).filter(|c| !c.is_empty()).map(Text::from);
        }
    }
    d
}

/// Records rendered into one buffer: (whole lines, each line's leaf hash).
pub type Block = (Vec<u8>, Vec<crate::log::merkle::Hash>);

/// Buffers blocks go back to once written: fresh multi-megabyte buffers for every block would
/// cost more in page faults than rendering.
pub type Pool = crate::par::Spare<Block>;

/// Rows per block of records.
const BLOCK: usize = 1 << 12;

/// `decisions.jsonl` being written: [`Log::open`] writes the artifacts and decides the
/// header; [`Render::window`] renders records on all cores, a window of rows at a time and
/// in row order, while [`Writer::write`] (on a thread of its own) grows the Merkle tree over
/// them and writes them.
pub struct Log {
    pub render: Render,
    pub writer: Writer,
}

/// What renders the records.
pub struct Render {
    secret: [u8; 32],
    shared: Shared,
}

/// What grows the Merkle tree over the records and writes them and their leaves.
pub struct Writer {
    file: std::fs::File,
    leaves: std::fs::File,
    header_line: String,
    header_hash: crate::log::merkle::Hash,
    records: u64,
    counts: Counts,
}

impl Log {
    /// Writes the artifacts into `dir` and starts `decisions.jsonl` there.
    pub fn open(
        outcome: &Outcome,
        dir: &Path,
        registry_name: &str,
        started_at: &str,
    ) -> std::io::Result<Log> {
        // (a registry read back from a log is refused before: `Registry::rewind`)
        let secret = outcome.registry.salt_key().ok_or_else(|| {
            std::io::Error::other(crate::msg!("registry-in-log", file = registry_name).text(outcome.lang))
        })?;
        write_artifacts(outcome, dir)?;
        let mut header = header(outcome, registry_name);
        header.started_at = Some(started_at.to_owned());
        let header_line = serde_json::to_string(&header).map_err(std::io::Error::other)?;
        let header_hash: crate::log::merkle::Hash = {
            use sha2::Digest as _;
            sha2::Sha256::digest(header_line.as_bytes()).into()
        };
        let writer = Writer {
            file: std::fs::File::create(dir.join(LOG_FILE))?,
            leaves: std::fs::File::create(dir.join(LEAVES))?,
            header_line,
            header_hash,
            records: outcome.registry.rows.len() as u64,
            counts: outcome.counts,
        };
        Ok(Log { render: Render { secret, shared: Shared::of(&header) }, writer })
    }
}

impl Render {
    /// Renders the records of rows `rows` (every field of them in `outcome.registry.cells`)
    /// in blocks, on all cores, and hands each block to `send` in row order: each line
    /// complete, with its leaf hash. A block goes to the file in one piece.
    /// Reasons are put in words through `kept` (shared with `rejections.csv`).
    pub fn window(
        &self,
        outcome: &Outcome,
        rows: std::ops::Range<usize>,
        pool: &Pool,
        kept: &super::reasons::SpareTexts,
        send: &std::sync::mpsc::SyncSender<Block>,
    ) {
        for start in rows.clone().step_by(BLOCK) {
            let end = (start + BLOCK).min(rows.end);
            let parts: Vec<Block> = crate::par::chunks(end - start, |range| {
                let (mut buffer, mut leaves) = pool.take().unwrap_or_else(|| {
                    (Vec::with_capacity(range.len() * 600), Vec::with_capacity(range.len()))
                });
                buffer.clear();
                leaves.clear();
                let mut texts = kept.take().unwrap_or_default();
                for k in range {
                    let mut record = record_as(outcome, start + k, SCHEMA, &mut texts);
                    self.shared.compact(&mut record);
                    record.salt = salt(&self.secret, start + k).into();
                    let line_start = buffer.len();
                    crate::log::line::write(&record, &mut buffer);
                    leaves.push(crate::log::merkle::leaf(&buffer[line_start..]));
                    buffer.push(b'\n');
                }
                kept.give(texts);
                vec![(buffer, leaves)]
            });
            for part in parts {
                if send.send(part).is_err() {
                    return;
                }
            }
        }
    }
}

impl Writer {
    /// Writes the header, then every block `receive` brings (all the records, in order),
    /// then the trailer; makes the log and the leaves file durable.
    pub fn write(self, receive: std::sync::mpsc::Receiver<Block>, pool: &Pool) -> std::io::Result<Written> {
        let Writer { file, leaves, header_line, header_hash, records, counts } = self;
        // (the log and the leaves go to disk as they are written: `files::Behind`)
        let mut out = crate::files::Behind::new(file);
        out.write_all(format!("{header_line}\n").as_bytes())?;
        let mut bytes = header_line.len() as u64 + 1;
        // (the trailer's `prev`: the last leaf, or the header's digest if there is none)
        let mut last: Option<crate::log::merkle::Hash> = None;
        // the tree and the leaves file grow while the renderers work: nothing is left
        // for after the last record but folding a few subtrees
        let mut tree = crate::log::merkle::Stream::default();
        let mut sidecar = std::io::BufWriter::with_capacity(1 << 20, crate::files::Behind::new(leaves));
        let mut written = 0u64;
        for (buffer, block_leaves) in receive {
            for leaf in &block_leaves {
                tree.push(*leaf);
                sidecar.write_all(leaf)?;
            }
            written += block_leaves.len() as u64;
            last = block_leaves.last().copied().or(last);
            out.write_all(&buffer)?;
            bytes += buffer.len() as u64;
            pool.give((buffer, block_leaves));
        }
        if written != records {
            // the renderers stopped early: the run has failed, and this log is never published
            return Err(std::io::Error::other(format!("{written} of {records} records were written")));
        }
        let prev = last.map_or_else(|| header_digest(&header_line, SCHEMA), |l| crate::digest::hex(&l));
        let root_hash = tree.root();
        let root = crate::digest::hex(&root_hash);
        // the chain's links only name each record's neighbour; the head commits to the
        // header, the size and every record
        let head = crate::digest::hex(&crate::log::merkle::head(&header_hash, records, &root_hash));
        sidecar.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        let header_sha256 = sha256_hex(header_line.as_bytes());
        let trailer = Trailer {
            kind: "trailer".to_owned(),
            records,
            counts,
            chain_head: head.clone(),
            header_sha256: header_sha256.clone(),
            prev,
            tree_size: Some(records),
            root: Some(root.clone()),
        };
        let trailer_line = serde_json::to_string(&trailer).map_err(std::io::Error::other)?;
        out.write_all(format!("{trailer_line}\n").as_bytes())?;
        out.sync_all()?;
        let bytes = bytes + trailer_line.len() as u64 + 1;
        Ok(Written { records, chain_head: head, bytes, root, header_sha256 })
    }
}

/// Row `i`'s salt: 16 bytes of SHA-256(key ‖ i), in hex.
fn salt(secret: &[u8; 32], i: usize) -> String {
    use sha2::Digest as _;
    let mut h = sha2::Sha256::new();
    h.update(secret);
    h.update((i as u64).to_le_bytes());
    crate::digest::hex(&h.finalize()[..16])
}

fn write_artifacts(outcome: &Outcome, dir: &Path) -> std::io::Result<()> {
    let folder = dir.join(ARTIFACTS);
    std::fs::create_dir_all(&folder)?;
    let put = |sha256: &str, ext: &str, bytes: &[u8]| -> std::io::Result<()> {
        if sha256_hex(bytes) != sha256 {
            return Err(std::io::Error::other(format!(
                "a file changed during the run (expected sha256 {sha256})"
            )));
        }
        std::fs::write(folder.join(format!("{sha256}.{ext}")), bytes)
    };
    for (p, run) in outcome.programs.iter().zip(&outcome.runs) {
        put(&p.policy.sha256, "policy", p.policy.text.as_bytes())?;
        put(&p.catalog_ref.sha256, "toml", p.catalog_ref.text.as_bytes())?;
        put(&p.rates_ref.sha256, "toml", p.rates_ref.text.as_bytes())?;
        if let Some(plugin) = &run.plugin {
            put(&plugin.sha256, "wasm", &std::fs::read(&plugin.path)?)?;
        }
    }
    Ok(())
}
