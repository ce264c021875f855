//! What a running plugin can reach: its memory (capped by the limiter) and the one host
//! function, `log`, which it pays for in fuel.
//!
//! `log` is lifted lazily (`WasmStr`): the host looks at the text where it lies in the
//! plugin's memory, charges [`LOG_CALL_FUEL`] plus one unit per byte handed over, and copies
//! at most what it keeps ([`MAX_LOG_BYTES`] of at most [`MAX_LOG_LINES`] lines per call).
//! A plugin that logs in an endless loop runs out of fuel like any other endless loop.

use wasmtime::component::{Linker, WasmStr};
use wasmtime::{ResourceLimiter, StoreContextMut, Trap};

use super::contract;
use crate::text;

/// At most this many log lines are kept per call.
pub const MAX_LOG_LINES: usize = 64;
/// Log text past this many bytes is cut.
pub const MAX_LOG_BYTES: usize = 500;
/// A panic message past this many bytes is cut.
pub const MAX_PANIC_BYTES: usize = 2000;
/// Fuel every `log` call costs, on top of one unit per byte of text handed over.
pub const LOG_CALL_FUEL: u64 = 1_000;

/// Per-store state: the memory limiter and what the plugin logged.
pub(super) struct State {
    pub memory_limit: usize,
    pub memory_exceeded: bool,
    /// The largest linear memory the plugin asked for in this call.
    pub memory_peak: usize,
    pub metered: bool,
    pub stats: super::CallStats,
    /// Fuel charged for `log` calls in this call.
    pub log_fuel: u64,
    pub panic: Option<String>,
}

impl State {
    pub fn new(memory_limit: usize, metered: bool) -> State {
        State {
            memory_limit,
            memory_exceeded: false,
            memory_peak: 0,
            metered,
            stats: super::CallStats::default(),
            log_fuel: 0,
            panic: None,
        }
    }
}

impl ResourceLimiter for State {
    fn memory_growing(
        &mut self,
        _current: usize,
        desired: usize,
        _maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        self.memory_peak = self.memory_peak.max(desired);
        if desired > self.memory_limit {
            self.memory_exceeded = true;
            return Err(wasmtime::Error::msg("plugin memory limit reached"));
        }
        Ok(true)
    }

    fn table_growing(
        &mut self,
        _current: usize,
        desired: usize,
        _maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        Ok(desired as u64 <= super::scan::MAX_TABLE_ELEMENTS)
    }
}

/// Defines the contract's imports: `jaring:plugin/types` (types only) and
/// `jaring:plugin/host` with its `log`.
pub(super) fn add_to_linker(linker: &mut Linker<State>) -> wasmtime::Result<()> {
    // the same `log` under every contract version (its level enum is the same in each)
    linker.instance("jaring:plugin/types@0.1.0")?;
    linker.instance("jaring:plugin/host@0.1.0")?.func_wrap("log", log)?;
    linker.instance("jaring:plugin/types@0.2.0")?;
    linker.instance("jaring:plugin/host@0.2.0")?.func_wrap("log", log)?;
    Ok(())
}

fn log(
    mut cx: StoreContextMut<'_, State>,
    (level, message): (contract::LogLevel, WasmStr),
) -> wasmtime::Result<()> {
    let (kept, handed) = {
        let text = message.to_str(&cx)?;
        let state = cx.data();
        let keep = match level {
            contract::LogLevel::Panic if state.panic.is_none() => MAX_PANIC_BYTES,
            contract::LogLevel::Panic => 0,
            _ if state.stats.logs.len() >= MAX_LOG_LINES => 0,
            _ => MAX_LOG_BYTES,
        };
        let kept = (keep > 0).then(|| text::prefix(&text, keep).to_owned());
        (kept, text.len())
    };
    charge(&mut cx, LOG_CALL_FUEL.saturating_add(handed as u64))?;
    let state = cx.data_mut();
    let Some(mut line) = kept else {
        if level != contract::LogLevel::Panic {
            state.stats.dropped_logs = state.stats.dropped_logs.saturating_add(1);
        }
        return Ok(());
    };
    if line.len() < handed {
        line.push('…');
    }
    let level = match level {
        contract::LogLevel::Panic => {
            state.panic = Some(line);
            return Ok(());
        }
        contract::LogLevel::Info => "info",
        contract::LogLevel::Warning => "warning",
    };
    state.stats.logs.push(super::LogLine { level, message: line });
    Ok(())
}

/// Takes `cost` units of fuel from the running plugin; when it has fewer, it is out of fuel.
fn charge(cx: &mut StoreContextMut<'_, State>, cost: u64) -> wasmtime::Result<()> {
    if !cx.data().metered {
        return Ok(());
    }
    cx.data_mut().log_fuel = cx.data().log_fuel.saturating_add(cost);
    let left = cx.get_fuel()?;
    if left < cost {
        cx.set_fuel(0)?;
        return Err(Trap::OutOfFuel.into());
    }
    cx.set_fuel(left - cost)?;
    Ok(())
}
