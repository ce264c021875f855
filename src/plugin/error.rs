//! Everything that can go wrong with a plugin, as plain, typed errors.
//!
//! Every error names the plugin file and the rule it broke. Text that came from the plugin
//! (a refusal, a panic message, function names in a backtrace) is clipped and escaped when
//! the error is made (`crate::text`), so printing an error can never flood a terminal or
//! steer it.

use super::contract;
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

impl std::fmt::Display for Batch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "batch {} (applicants {}..={}, {} in all)",
            self.index + 1,
            self.first_id,
            self.last_id,
            self.size
        )
    }
}

fn at(batch: &Option<Batch>) -> String {
    batch.as_ref().map_or_else(String::new, |b| format!(" in {b}"))
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PluginError {
    #[error("plugin `{plugin}` cannot be loaded: {reason}")]
    Load { plugin: String, reason: String },

    #[error("plugin `{plugin}` is not the one pinned: its sha256 is {actual}, the policy pins {pinned}")]
    HashMismatch { plugin: String, pinned: String, actual: String },

    #[error(
        "plugin `{plugin}` imports `{import}`, which jaring does not provide: plugins may import only the `jaring:plugin/host` log (no clock, randomness, files, network or environment)"
    )]
    ForbiddenImport { plugin: String, import: String },

    #[error(
        "plugin `{plugin}` ran out of fuel{}: it had {} units ({} per applicant){}; if the plugin is right to need more, raise `limit fuel-per-applicant` in the policy's plugin block",
        at(batch),
        crate::money::grouped(*fuel),
        crate::money::grouped(*fuel_per_applicant),
        log_share(*log_fuel)
    )]
    OutOfFuel { plugin: String, fuel: u64, fuel_per_applicant: u64, log_fuel: u64, batch: Option<Batch> },

    #[error(
        "plugin `{plugin}` tried to use more than {} MiB of memory{}; raise `limit memory-mib` in the policy's plugin block if it is right to need more",
        limit_bytes >> 20,
        at(batch)
    )]
    MemoryLimit { plugin: String, limit_bytes: usize, batch: Option<Batch> },

    #[error("plugin `{plugin}` overflowed its stack{} (too deep a recursion)", at(batch))]
    StackOverflow { plugin: String, batch: Option<Batch> },

    #[error("plugin `{plugin}` panicked{}: {message}", at(batch))]
    Panic { plugin: String, message: String, batch: Option<Batch> },

    #[error("plugin `{plugin}` trapped{}: {trap}{}", at(batch), backtrace_text(backtrace))]
    Trap { plugin: String, trap: String, backtrace: Vec<String>, batch: Option<Batch> },

    #[error("plugin `{plugin}` broke the contract: {problem}")]
    ContractViolation { plugin: String, problem: String },

    #[error("plugin `{plugin}` refused to run: {message}")]
    Refused { plugin: String, message: String },

    #[error("plugin `{plugin}` is refused ({rule}): {detail}")]
    Refuse { plugin: String, rule: &'static str, detail: String },

    #[error("plugin `{plugin}` has a bad `info()`: {problem}")]
    BadInfo { plugin: String, problem: String },

    #[error(
        "plugin `{plugin}` asks for the registry column `{column}`, which is never sent to a plugin: {}; remove it from the plugin's attributes",
        super::info::withheld_words(*why)
    )]
    IdentityColumn { plugin: String, column: String, why: Withheld },

    #[error(
        "plugin `{plugin}` handed the host more than {} bytes in one go{} (a log line or its answer); lower `limit batch-size` if its answers are right to be this long",
        crate::money::grouped(*limit_bytes as u64),
        at(batch)
    )]
    TooMuchData { plugin: String, limit_bytes: usize, batch: Option<Batch> },

    #[error(
        "plugin `{plugin}` answers differently depending on the batch: for registry row {row} it answered {first} among the applicants of its batch, and {second} {context}; an answer may depend only on the program and the applicant"
    )]
    BatchDependent { plugin: String, row: u32, first: String, second: String, context: &'static str },

    #[error("plugin `{plugin}` cannot be started: {reason}")]
    Instantiate { plugin: String, reason: String },

    #[error("the plugin host failed: {0}")]
    Host(String),
}

fn log_share(log_fuel: u64) -> String {
    if log_fuel == 0 {
        return String::new();
    }
    format!(", {} of them spent on log lines", crate::money::grouped(log_fuel))
}

fn backtrace_text(frames: &[String]) -> String {
    if frames.is_empty() {
        return String::new();
    }
    let lines: Vec<String> = frames.iter().enumerate().map(|(i, f)| format!("\n  {i}: {f}")).collect();
    format!("\nwasm backtrace:{}", lines.concat())
}

impl PluginError {
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
