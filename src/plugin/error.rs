//! Everything that can go wrong with a plugin, as plain, typed errors.
//!
//! Every error names the plugin file and the rule it broke. Text that came from the plugin
//! (a refusal, a panic message, function names in a backtrace) is clipped and escaped when
//! the error is made (`crate::text`), so printing an error can never flood a terminal or
//! steer it.

use super::contract;
use crate::i18n::{Arg, Msg};
use crate::money::grouped;
use crate::msg;
use crate::registry::personal::Withheld;

/// Which applicants a failed call was assessing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Batch {
    /// Position of the batch in the run (0-based).
    pub index: usize,
    /// Applicant ids of the first and last applicant in it.
    pub first_id: u32,
    pub last_id: u32,
    pub size: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message().text(crate::i18n::Lang::En))]
pub enum PluginError {
    Load { plugin: String, reason: Msg },

    HashMismatch { plugin: String, pinned: String, actual: String },

    ForbiddenImport { plugin: String, import: String },

    OutOfFuel { plugin: String, fuel: u64, fuel_per_applicant: u64, log_fuel: u64, batch: Option<Batch> },

    MemoryLimit { plugin: String, limit_bytes: usize, batch: Option<Batch> },

    StackOverflow { plugin: String, batch: Option<Batch> },

    Panic { plugin: String, message: String, batch: Option<Batch> },

    Trap { plugin: String, trap: String, backtrace: Vec<String>, batch: Option<Batch> },

    ContractViolation { plugin: String, problem: Msg },

    Refused { plugin: String, message: String },

    Refuse { plugin: String, rule: &'static str, detail: Msg },

    BadInfo { plugin: String, problem: Msg },

    IdentityColumn { plugin: String, column: String, why: Withheld },

    TooMuchData { plugin: String, limit_bytes: usize, batch: Option<Batch> },

    BatchDependent { plugin: String, row: u32, first: Box<Msg>, second: Box<Msg>, context: Box<Msg> },

    Instantiate { plugin: String, reason: String },

    Host(String),
}

fn backtrace_text(frames: &[String]) -> Arg {
    if frames.is_empty() {
        return Arg::Text(String::new());
    }
    let lines: Vec<String> = frames.iter().enumerate().map(|(i, f)| format!("\n  {i}: {f}")).collect();
    msg!("plugin-backtrace", frames = lines.concat()).into()
}

impl Batch {
    fn msg(&self) -> Msg {
        msg!(
            "plugin-batch",
            number = self.index + 1,
            first = self.first_id,
            last = self.last_id,
            size = grouped(self.size as u64)
        )
    }
}

fn at_msg(batch: &Option<Batch>) -> Arg {
    match batch {
        Some(b) => msg!("plugin-in-batch", batch => b.msg()).into(),
        None => Arg::Text(String::new()),
    }
}

impl PluginError {
    /// What went wrong, in words of either language.
    pub fn message(&self) -> Msg {
        match self {
            PluginError::Load { plugin, reason } => {
                msg!("plugin-load", plugin = plugin, reason => reason.clone())
            }
            PluginError::HashMismatch { plugin, pinned, actual } => {
                msg!("plugin-hash-mismatch", plugin = plugin, pinned = pinned, actual = actual)
            }
            PluginError::ForbiddenImport { plugin, import } => {
                msg!("plugin-forbidden-import", plugin = plugin, import = import)
            }
            PluginError::OutOfFuel { plugin, fuel, fuel_per_applicant, log_fuel, batch } => msg!(
                "plugin-out-of-fuel",
                plugin = plugin,
                at => at_msg(batch),
                fuel = grouped(*fuel),
                per_applicant = grouped(*fuel_per_applicant),
                log => if *log_fuel == 0 {
                    Arg::Text(String::new())
                } else {
                    msg!("plugin-log-fuel", fuel = grouped(*log_fuel)).into()
                }
            ),
            PluginError::MemoryLimit { plugin, limit_bytes, batch } => {
                msg!("plugin-memory-limit", plugin = plugin, mib = limit_bytes >> 20, at => at_msg(batch))
            }
            PluginError::StackOverflow { plugin, batch } => {
                msg!("plugin-stack-overflow", plugin = plugin, at => at_msg(batch))
            }
            PluginError::Panic { plugin, message, batch } => {
                msg!("plugin-panic", plugin = plugin, message = message, at => at_msg(batch))
            }
            PluginError::Trap { plugin, trap, backtrace, batch } => msg!(
                "plugin-trap",
                plugin = plugin,
                trap = trap,
                at => at_msg(batch),
                backtrace => backtrace_text(backtrace)
            ),
            PluginError::ContractViolation { plugin, problem } => {
                msg!("plugin-contract", plugin = plugin, problem => problem.clone())
            }
            PluginError::Refused { plugin, message } => {
                msg!("plugin-refused", plugin = plugin, message = message)
            }
            PluginError::Refuse { plugin, rule, detail } => {
                msg!("plugin-refuse", plugin = plugin, rule = rule, detail => detail.clone())
            }
            PluginError::BadInfo { plugin, problem } => {
                msg!("plugin-bad-info", plugin = plugin, problem => problem.clone())
            }
            PluginError::IdentityColumn { plugin, column, why } => msg!(
                "plugin-identity-column",
                plugin = plugin,
                column = column,
                why => super::info::withheld_msg(*why)
            ),
            PluginError::TooMuchData { plugin, limit_bytes, batch } => msg!(
                "plugin-too-much-data",
                plugin = plugin,
                bytes = grouped(*limit_bytes as u64),
                at => at_msg(batch)
            ),
            PluginError::BatchDependent { plugin, row, first, second, context } => msg!(
                "plugin-batch-dependent",
                plugin = plugin,
                row = row,
                first => (**first).clone(),
                second => (**second).clone(),
                context => (**context).clone()
            ),
            PluginError::Instantiate { plugin, reason } => {
                msg!("plugin-instantiate", plugin = plugin, reason = reason)
            }
            PluginError::Host(reason) => msg!("plugin-host", reason = reason),
        }
    }

    /// Adds which batch failed to a runtime error.
    pub(crate) fn in_batch(mut self, index: usize, applicants: &[contract::Applicant]) -> PluginError {
        let info = Batch {
            index,
            first_id: applicants.first().map_or(0, |a| a.id),
            last_id: applicants.last().map_or(0, |a| a.id),
            size: applicants.len(),
        };
        match &mut self {
            PluginError::OutOfFuel { batch, .. }
            | PluginError::MemoryLimit { batch, .. }
            | PluginError::StackOverflow { batch, .. }
            | PluginError::Panic { batch, .. }
            | PluginError::Trap { batch, .. }
            | PluginError::TooMuchData { batch, .. } => *batch = Some(info),
            PluginError::Load { .. }
            | PluginError::HashMismatch { .. }
            | PluginError::ForbiddenImport { .. }
            | PluginError::ContractViolation { .. }
            | PluginError::Refused { .. }
            | PluginError::Refuse { .. }
            | PluginError::BadInfo { .. }
            | PluginError::IdentityColumn { .. }
            | PluginError::BatchDependent { .. }
            | PluginError::Instantiate { .. }
            | PluginError::Host(_) => {}
        }
        self
    }

    /// A stable kebab-case name of the kind of failure, for logs and tests.
    pub fn kind(&self) -> &'static str {
        match self {
            PluginError::Load { .. } => "load",
            PluginError::HashMismatch { .. } => "hash-mismatch",
            PluginError::ForbiddenImport { .. } => "forbidden-import",
            PluginError::OutOfFuel { .. } => "out-of-fuel",
            PluginError::MemoryLimit { .. } => "memory-limit",
            PluginError::StackOverflow { .. } => "stack-overflow",
            PluginError::Panic { .. } => "panic",
            PluginError::Trap { .. } => "trap",
            PluginError::ContractViolation { .. } => "contract-violation",
            PluginError::Refused { .. } => "refused",
            PluginError::Refuse { rule, .. } => rule,
            PluginError::BadInfo { .. } => "info",
            PluginError::IdentityColumn { .. } => "identity-column",
            PluginError::TooMuchData { .. } => "too-much-data",
            PluginError::BatchDependent { .. } => "batch-dependent",
            PluginError::Instantiate { .. } => "instantiate",
            PluginError::Host(_) => "host",
        }
    }
}
