//! Everything that can go wrong with a plugin, as plain, typed errors.

use super::contract;

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
        "plugin `{plugin}` ran out of fuel{}: it had {fuel} units ({fuel_per_applicant} per applicant); if the plugin is right to need more, raise `limit fuel-per-applicant` in the policy's plugin block",
        at(batch)
    )]
    OutOfFuel { plugin: String, fuel: u64, fuel_per_applicant: u64, batch: Option<Batch> },

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

    #[error("the plugin host failed: {0}")]
    Host(String),
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
            | PluginError::Trap { batch, .. } => *batch = Some(info),
            _ => {}
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
            PluginError::Host(_) => "host",
        }
    }
}
