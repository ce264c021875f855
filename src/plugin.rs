//! The plugin host: loads region plugins (WebAssembly components) and runs them sandboxed,
//! bounded and deterministic.
//!
//! - **Sandboxed**: a plugin can import only `jaring:plugin/host` (a bounded `log`); no WASI,
//!   so no clock, randomness, files, network or environment. Anything else is refused at load.
//! - **Bounded**: fuel per applicant (scaled to the batch), a memory cap per instance, a fixed
//!   wasm stack; each failure is a typed [`PluginError`] and the host never crashes.
//! - **Deterministic**: fuel (not wall-clock epochs), NaN canonicalization, no SIMD, no
//!   threads (wasmtime is built without them), and a fresh instance per batch so no state leaks between calls.
//! - **Proposes, never decides**: every answer is validated against the contract
//!   ([`validate`]) before the engine sees it.
//!
//! wasmtime is pinned (`Cargo.toml`, version in [`WASMTIME_VERSION`]): fuel units change
//! between versions, so a recorded fuel figure is only comparable under the same version.

pub mod build;
mod cache;
mod error;
pub mod fixture;
mod independence;
pub mod info;
mod sandbox;
pub mod scaffold;
pub mod scan;
mod v2;
pub mod validate;

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use wasmtime::component::{Component, Linker};
use wasmtime::{Config, Engine, OptLevel, ResourceLimiter, Store, Trap, WasmBacktrace};

pub use error::PluginError;
pub use independence::SAMPLE as INDEPENDENCE_SAMPLE;
pub use sandbox::{LOG_CALL_FUEL, MAX_LOG_BYTES, MAX_LOG_LINES};
pub use scan::CodeLimits;

use crate::digest::{hex, sha256_hex};
use crate::money::grouped;
pub use crate::policy::program::PluginLimit;
use crate::text;
use sandbox::State;

/// The Rust side of `plugins/wit/plugin.wit`.
pub mod contract {
    wasmtime::component::bindgen!({
        path: "plugins/wit",
        world: "region-plugin",
        additional_derives: [PartialEq, Eq],
    });
    pub use jaring::plugin::types::*;
}

/// The contract version plugins are built against today (the Rust SDK's, `plugins/wit/v0.2`).
pub const CONTRACT: &str = "jaring:plugin@0.2.0";
/// Every contract version jaring runs plugins of, oldest first: a plugin built against any
/// of them keeps working (0.1.0 is `plugins/wit/plugin.wit`, which JavaScript plugins and
/// hand-written modules use).
pub const CONTRACTS: &[&str] = &["jaring:plugin@0.1.0", "jaring:plugin@0.2.0"];
/// The imports a plugin may have.
pub const ALLOWED_IMPORTS: &[&str] = &[
    "jaring:plugin/host@0.1.0",
    "jaring:plugin/types@0.1.0",
    "jaring:plugin/host@0.2.0",
    "jaring:plugin/types@0.2.0",
];
/// The wasmtime version jaring is built with; fuel figures are only comparable under it.
pub const WASMTIME_VERSION: &str = "48.0.8";
/// The wasm stack available to a plugin (engine-wide).
pub const MAX_WASM_STACK: usize = 512 * 1024;
/// The most memory a policy may allow a plugin (`limit memory-mib`).
pub const MAX_MEMORY_MIB: usize = 1024;
const _: () = assert!(PluginLimit::MemoryMib.max() as usize == MAX_MEMORY_MIB);
/// Fuel for instantiating a plugin and entering a call, on top of the per-applicant fuel.
pub const BASE_FUEL: u64 = 20_000_000;
/// Bytes a plugin may hand the host per applicant of a call (its answer, lifted into host
/// memory: at most 8 notes of 500 bytes, a 500-byte message and a few short codes fit).
pub const ANSWER_BYTES_PER_APPLICANT: usize = 8 << 10;
/// Bytes a plugin may hand the host in one go however small the call (a log line, `info()`).
pub const MIN_HANDED_BYTES: usize = 1 << 20;
/// And however large the call.
pub const MAX_HANDED_BYTES: usize = 64 << 20;

/// Resource limits for one program's plugin; defaults can be overridden in the policy's
/// plugin block (`limit <name> <value>`, [`PluginLimit`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub fuel_per_applicant: u64,
    pub memory_bytes: usize,
    pub batch_size: usize,
    pub code: CodeLimits,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            fuel_per_applicant: 200_000,
            memory_bytes: 64 << 20,
            batch_size: 4096,
            code: CodeLimits::default(),
        }
    }
}

impl Limits {
    /// Defaults, with the policy's `limit` lines applied (each capped at its ceiling).
    pub fn from_policy(limits: &[(PluginLimit, u64)]) -> Limits {
        let mut out = Limits::default();
        for &(limit, value) in limits {
            let value = value.clamp(1, limit.max());
            let size = usize::try_from(value).unwrap_or(usize::MAX);
            match limit {
                PluginLimit::FuelPerApplicant => out.fuel_per_applicant = value,
                PluginLimit::MemoryMib => out.memory_bytes = size.saturating_mul(1 << 20),
                PluginLimit::BatchSize => out.batch_size = size,
                PluginLimit::PluginKib => out.code.component_bytes = size.saturating_mul(1 << 10),
                PluginLimit::FunctionKib => out.code.function_bytes = size.saturating_mul(1 << 10),
            }
        }
        out
    }

    /// Bytes a call over `items` applicants (or groups) may hand the host.
    fn handed_bytes(items: usize) -> usize {
        items.saturating_mul(ANSWER_BYTES_PER_APPLICANT).clamp(MIN_HANDED_BYTES, MAX_HANDED_BYTES)
    }
}

/// What happened inside one call, for the decision log.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CallStats {
    /// Fuel consumed (instantiation and log lines included).
    pub fuel: u64,
    pub logs: Vec<LogLine>,
    /// Log lines dropped past [`MAX_LOG_LINES`].
    pub dropped_logs: u32,
    /// The largest linear memory the plugin asked for (bytes; not in the decision log).
    pub memory_peak: u64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogLine {
    pub level: &'static str,
    /// As the plugin wrote it, cut to [`MAX_LOG_BYTES`]; escape it before printing.
    pub message: String,
}

/// The result of assessing applicants: one assessment per applicant, in input order (as
/// the caller chose to keep it: the whole [`contract::Assessment`] unless it said otherwise).
#[derive(Clone, Debug)]
pub struct Assessed<T = contract::Assessment> {
    pub assessments: Vec<T>,
    /// One entry per batch, in order; batch `i` holds applicants
    /// `i * batch_size .. (i + 1) * batch_size`.
    pub batches: Vec<CallStats>,
}

/// How a host bounds plugin execution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metering {
    /// Fuel: deterministic, the only mode used for decisions.
    Fuel,
    /// No bound at all — only for measuring what fuel metering costs (`benches/plugin.rs`).
    UnmeteredForBenchmarks,
}

/// Options of a [`PluginHost`].
#[derive(Clone, Debug)]
pub struct HostOptions {
    /// Where compiled plugins are cached (`None`: in memory only). A folder that is not the
    /// user's own, or that others can write, is not used (see `cache`).
    pub cache_dir: Option<PathBuf>,
    pub metering: Metering,
}

/// Loads and runs plugins; compiled components are cached in memory and on disk, keyed by
/// the plugin's sha256 and the engine's configuration.
pub struct PluginHost {
    engine: Engine,
    metered: bool,
    linker: Linker<State>,
    compiled: Mutex<HashMap<String, Component>>,
    cache: Option<cache::Cache>,
    engine_key: String,
}

impl PluginHost {
    /// A host with the deterministic configuration and the on-disk cache in
    /// `$JARING_CACHE_DIR`, else `$XDG_CACHE_HOME/jaring`, else `~/.cache/jaring`.
    pub fn new() -> Result<PluginHost, PluginError> {
        let dir = std::env::var_os("JARING_CACHE_DIR")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("XDG_CACHE_HOME").map(|d| PathBuf::from(d).join("jaring")))
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache").join("jaring")));
        PluginHost::with_cache(dir)
    }

    /// A host that compiles every plugin afresh and keeps it in memory only (what
    /// `jaring replay` uses, so an audit never depends on a machine's cache).
    pub fn uncached() -> Result<PluginHost, PluginError> {
        PluginHost::with_cache(None)
    }

    /// A host caching compiled plugins in `cache_dir` (`None`: memory only).
    pub fn with_cache(cache_dir: Option<PathBuf>) -> Result<PluginHost, PluginError> {
        PluginHost::with_options(HostOptions { cache_dir, metering: Metering::Fuel })
    }

    /// A host with explicit options.
    pub fn with_options(options: HostOptions) -> Result<PluginHost, PluginError> {
        let HostOptions { cache_dir, metering } = options;
        let mut config = Config::new();
        config
            .wasm_component_model(true)
            .consume_fuel(metering == Metering::Fuel)
            .cranelift_nan_canonicalization(true)
            .cranelift_opt_level(OptLevel::Speed)
            .wasm_simd(false)
            .wasm_relaxed_simd(false)
            .wasm_multi_memory(false)
            .wasm_memory64(false)
            .max_wasm_stack(MAX_WASM_STACK)
            // one function at a time: compiling memory then depends on the largest function
            // (bounded by `scan`), not on the number of cores
            .parallel_compilation(false);
        // Instances come from a pool of reused slots (a fresh instance per batch would
        // otherwise pay for new memory mappings each time); a slot's memory is zeroed before
        // reuse, so nothing leaks from one batch to the next. A plugin instance has one
        // memory and at most `scan::MAX_CORE_INSTANCES` core instances; the pool holds
        // enough for every worker thread several times over.
        let slots = (4 * workers() as u32).max(64);
        let mut pool = wasmtime::PoolingAllocationConfig::default();
        pool.total_component_instances(slots)
            .total_core_instances(slots * scan::MAX_CORE_INSTANCES)
            .max_core_instances_per_component(scan::MAX_CORE_INSTANCES)
            .total_memories(slots)
            .max_memories_per_component(1)
            .max_memories_per_module(1)
            .total_tables(slots * 4)
            .max_tables_per_component(4)
            .table_elements(scan::MAX_TABLE_ELEMENTS as usize)
            .max_memory_size(MAX_MEMORY_MIB << 20)
            .linear_memory_keep_resident(16 << 20)
            .table_keep_resident(1 << 20);
        config.allocation_strategy(wasmtime::InstanceAllocationStrategy::Pooling(pool));
        let engine = Engine::new(&config).map_err(|e| PluginError::Host(e.to_string()))?;
        let mut linker = Linker::new(&engine);
        sandbox::add_to_linker(&mut linker).map_err(|e| PluginError::Host(e.to_string()))?;
        let mut hasher = Sha256Hasher::default();
        engine.precompile_compatibility_hash().hash(&mut hasher);
        let engine_key = hex(&hasher.finish_bytes()[..8]);
        Ok(PluginHost {
            engine,
            metered: metering == Metering::Fuel,
            linker,
            compiled: Mutex::new(HashMap::new()),
            cache: cache_dir.as_deref().and_then(cache::Cache::open),
            engine_key,
        })
    }

    /// Loads a plugin file under the default code limits; see [`PluginHost::load_limited`].
    pub fn load(&self, path: &Path, pin: Option<&str>) -> Result<Plugin, PluginError> {
        self.load_limited(path, pin, &CodeLimits::default())
    }

    /// Loads a plugin file, refusing it if its sha256 is not `pin`, if it is larger than
    /// `code` allows, if it imports anything but the host interface, or if it does not
    /// follow the contract (its `info()` included).
    pub fn load_limited(
        &self,
        path: &Path,
        pin: Option<&str>,
        code: &CodeLimits,
    ) -> Result<Plugin, PluginError> {
        let label = text::escape(&path.display().to_string()).into_owned();
        let too_large = |size: u64| PluginError::Refuse {
            plugin: label.clone(),
            rule: "plugin-size",
            detail: crate::msg!(
                "scan-plugin-size",
                bytes = grouped(size),
                kib = grouped((code.component_bytes >> 10) as u64),
                max = PluginLimit::PluginKib.max()
            ),
        };
        let cannot_read = |e: std::io::Error| PluginError::Load {
            plugin: label.clone(),
            reason: crate::msg!("plugin-cannot-read", error => &e),
        };
        let bytes = read_bounded(path, code.component_bytes).map_err(cannot_read)?;
        if bytes.len() > code.component_bytes {
            let size = std::fs::metadata(path).map_or(bytes.len() as u64, |m| m.len());
            return Err(too_large(size));
        }
        self.load_bytes_limited(&label, &bytes, pin, code)
    }

    /// Like [`PluginHost::load`], for bytes in memory.
    pub fn load_bytes(&self, label: &str, bytes: &[u8], pin: Option<&str>) -> Result<Plugin, PluginError> {
        self.load_bytes_limited(&text::escape(label), bytes, pin, &CodeLimits::default())
    }

    fn load_bytes_limited(
        &self,
        label: &str,
        bytes: &[u8],
        pin: Option<&str>,
        code: &CodeLimits,
    ) -> Result<Plugin, PluginError> {
        let sha256 = sha256_hex(bytes);
        if let Some(pin) = pin
            && !pin.eq_ignore_ascii_case(&sha256)
        {
            return Err(PluginError::HashMismatch {
                plugin: label.to_owned(),
                pinned: text::shown(pin, 80),
                actual: sha256,
            });
        }
        scan::scan(label, bytes, code)?;
        let component = self.compile(label, &sha256, bytes)?;
        for (name, _) in component.component_type().imports(&self.engine) {
            if !ALLOWED_IMPORTS.contains(&name) {
                return Err(PluginError::ForbiddenImport {
                    plugin: label.to_owned(),
                    import: text::shown(name, 200),
                });
            }
        }
        let not_contract = |e: wasmtime::Error| PluginError::Load {
            plugin: label.to_owned(),
            reason: crate::msg!(
                "plugin-not-contract",
                contract = CONTRACTS.join(", "),
                error = text::shown(&format!("{e:#}"), 1000)
            ),
        };
        let pre = self.linker.instantiate_pre(&component).map_err(not_contract)?;
        // the exports' types say which contract the plugin was built against
        let pre = match v2::contract::RegionPluginPre::new(pre.clone()) {
            Ok(pre) => Pre::V2(pre),
            Err(_) => Pre::V1(contract::RegionPluginPre::new(pre).map_err(not_contract)?),
        };
        let mut plugin = Plugin {
            engine: self.engine.clone(),
            metered: self.metered,
            pre,
            sha256,
            label: label.to_owned(),
            info: contract::PluginInfo {
                name: String::new(),
                version: String::new(),
                apportions: false,
                attributes: Vec::new(),
            },
        };
        let (info, _) = plugin.call(&Limits::default(), 0, |bindings, store| match bindings {
            Bindings::V1(b) => b.call_info(store),
            Bindings::V2(b) => b.call_info(store).map(v2::info),
        })?;
        info::check(label, &info, &[])?;
        plugin.info = info;
        Ok(plugin)
    }

    /// Compiles a component, or takes it from the memory or disk cache.
    fn compile(&self, label: &str, sha256: &str, bytes: &[u8]) -> Result<Component, PluginError> {
        if let Some(c) = self.compiled.lock().ok().and_then(|m| m.get(sha256).cloned()) {
            return Ok(c);
        }
        let key = format!("{sha256}-{}", self.engine_key);
        // SAFETY: `Cache::get` returns bytes only when their sha256 matches the digest written
        // with them by `Engine::precompile_component` for this engine configuration (the key
        // carries the compatibility hash), in a folder only this user can write; they are
        // read into memory before the check, so the file cannot change in between.
        let cached = self
            .cache
            .as_ref()
            .and_then(|c| c.get(&key))
            .and_then(|compiled| unsafe { Component::deserialize(&self.engine, &compiled) }.ok());
        let component = match cached {
            Some(c) => c,
            None => {
                let compiled = self.engine.precompile_component(bytes).map_err(|e| PluginError::Load {
                    plugin: label.to_owned(),
                    reason: crate::msg!("scan-not-wasm", error = text::shown(&format!("{e:#}"), 1000)),
                })?;
                if let Some(cache) = &self.cache {
                    cache.put(&key, &compiled);
                }
                // SAFETY: the bytes were produced just now by this engine.
                unsafe { Component::deserialize(&self.engine, &compiled) }.map_err(|e| PluginError::Load {
                    plugin: label.to_owned(),
                    reason: crate::msg!("plugin-too-demanding", error = text::shown(&format!("{e:#}"), 1000)),
                })?
            }
        };
        if let Ok(mut m) = self.compiled.lock() {
            m.insert(sha256.to_owned(), component.clone());
        }
        Ok(component)
    }

    pub fn engine(&self) -> &Engine {
        &self.engine
    }
}

/// A regular file's bytes, reading at most `max + 1` of them (so a file that grows, or a
/// device that never ends, cannot make jaring read without end).
pub fn read_bounded(path: &Path, max: usize) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let not_a_file = || std::io::Error::other("it is not a regular file");
    // before opening: opening a named pipe would wait for a writer
    if !std::fs::metadata(path)?.is_file() {
        return Err(not_a_file());
    }
    let file = std::fs::File::open(path)?;
    if !file.metadata()?.is_file() {
        return Err(not_a_file());
    }
    let mut bytes = Vec::new();
    file.take(max as u64 + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Threads that assess batches at once.
fn workers() -> usize {
    crate::par::cores()
}

/// One batch's validated answer, or why it failed.
type BatchResult<T = contract::Assessment> = Result<(Vec<T>, CallStats), PluginError>;

/// What every batch of one call is asked with: the program, the rules its answers are held
/// to, and the program as contract 0.2.0 states it (converted once, for the first batch that
/// needs it, not once per batch).
struct Asking<'a> {
    program: &'a contract::Program,
    rules: validate::Rules,
    program_v2: std::sync::OnceLock<v2::contract::Program>,
}

impl<'a> Asking<'a> {
    fn new(program: &'a contract::Program) -> Asking<'a> {
        Asking { program, rules: validate::Rules::new(program), program_v2: std::sync::OnceLock::new() }
    }

    fn program_v2(&self) -> &v2::contract::Program {
        self.program_v2.get_or_init(|| v2::program(self.program))
    }
}

/// A plugin ready to be instantiated, by the contract it was built against.
enum Pre {
    V1(contract::RegionPluginPre<State>),
    V2(v2::contract::RegionPluginPre<State>),
}

/// An instance's exports, by contract.
enum Bindings {
    V1(contract::RegionPlugin),
    V2(v2::contract::RegionPlugin),
}

/// A loaded plugin, ready to be called. Every call runs in a fresh instance.
pub struct Plugin {
    engine: Engine,
    metered: bool,
    pre: Pre,
    pub sha256: String,
    /// How the plugin is named in errors (its path, escaped).
    pub label: String,
    /// What `info()` answered, checked.
    pub info: contract::PluginInfo,
}

impl Plugin {
    /// The contract version the plugin was built against (one of [`CONTRACTS`]).
    pub fn contract(&self) -> &'static str {
        match self.pre {
            Pre::V1(_) => CONTRACTS[0],
            Pre::V2(_) => CONTRACTS[1],
        }
    }

    /// Refuses the plugin if it asks for a column the catalog lists as personal data.
    pub fn check_columns(&self, extra_personal: &[String]) -> Result<(), PluginError> {
        info::check(&self.label, &self.info, extra_personal)
    }

    /// Assesses applicants in batches of `limits.batch_size`, batches spread over the
    /// machine's cores; the answer for each applicant is validated and returned in input
    /// order. Any failure of any batch fails the whole call.
    pub fn assess(
        &self,
        program: &contract::Program,
        applicants: &[contract::Applicant],
        limits: &Limits,
    ) -> Result<Assessed, PluginError> {
        self.assess_with(program, applicants.len(), limits, &|range| Cow::Borrowed(&applicants[range]))
    }

    /// Like [`Plugin::assess`], for `count` applicants that `batch` builds a range at a
    /// time (in the worker threads, so a large registry is never held twice in memory).
    pub fn assess_with<'a>(
        &self,
        program: &contract::Program,
        count: usize,
        limits: &Limits,
        batch: &(dyn Fn(std::ops::Range<usize>) -> Cow<'a, [contract::Applicant]> + Sync),
    ) -> Result<Assessed, PluginError> {
        let kept = self.assess_kept(program, count, limits, batch, &|a| a, &|_, kept| kept)?;
        // (sized once: collected from a flattening, the vector grew by doubling, copying the
        // answers already in it each time)
        let mut assessments = Vec::with_capacity(kept.assessments.iter().map(Vec::len).sum());
        for answers in kept.assessments {
            assessments.extend(answers);
        }
        Ok(Assessed { assessments, batches: kept.batches })
    }

    /// [`Plugin::assess_with`], keeping of each (validated) answer only what `keep` makes of
    /// it, in the worker thread as soon as its batch is answered: a run over millions of
    /// applicants never holds every answer as the contract types it. Each batch's kept
    /// answers are then handed to `stash(batch, answers)` (which may set them aside), and what
    /// it gives back stays in its batch (`assessments[b]` for batch `b`), never copied into
    /// one vector.
    pub fn assess_kept<'a, T: Send>(
        &self,
        program: &contract::Program,
        count: usize,
        limits: &Limits,
        batch: &(dyn Fn(std::ops::Range<usize>) -> Cow<'a, [contract::Applicant]> + Sync),
        keep: &(dyn Fn(contract::Assessment) -> T + Sync),
        stash: &(dyn Fn(usize, Vec<T>) -> Vec<T> + Sync),
    ) -> Result<Assessed<Vec<T>>, PluginError> {
        let asking = Asking::new(program);
        let size = limits.batch_size.max(1);
        let batches = count.div_ceil(size);
        let workers = workers().min(batches).max(1);
        let next = std::sync::atomic::AtomicUsize::new(0);
        let failed = std::sync::atomic::AtomicBool::new(false);
        // (each batch's answers as `stash` gave them back, and how many it answered)
        type Stashed<T> = Result<(Vec<T>, usize, CallStats), PluginError>;
        let results: Vec<Mutex<Option<Stashed<T>>>> = (0..batches).map(|_| Mutex::new(None)).collect();
        std::thread::scope(|scope| {
            for _ in 0..workers {
                scope.spawn(|| {
                    use std::sync::atomic::Ordering::Relaxed;
                    loop {
                        let index = next.fetch_add(1, Relaxed);
                        if index >= batches || failed.load(Relaxed) {
                            break;
                        }
                        let applicants = batch(index * size..((index + 1) * size).min(count));
                        let result =
                            self.assess_batch(&asking, &applicants, index, limits).map(|(answers, stats)| {
                                // what is kept much smaller than the contract's type goes into
                                // a new vector: collecting `answers.into_iter()` would reuse
                                // its buffer, sized for the larger type, and keep it for the
                                // whole call; what is about as large is kept in that buffer
                                // (copied, it was a fifth of a do-nothing plugin's time)
                                let kept: Vec<T> = if 2 * std::mem::size_of::<T>()
                                    >= std::mem::size_of::<contract::Assessment>()
                                {
                                    answers.into_iter().map(keep).collect()
                                } else {
                                    let mut kept = Vec::with_capacity(answers.len());
                                    kept.extend(answers.into_iter().map(keep));
                                    kept
                                };
                                let answered = kept.len();
                                (stash(index, kept), answered, stats)
                            });
                        if result.is_err() {
                            failed.store(true, Relaxed);
                        }
                        if let Ok(mut slot) = results[index].lock() {
                            *slot = Some(result);
                        }
                    }
                });
            }
        });
        let mut assessments = Vec::with_capacity(batches);
        let mut answered = 0;
        let mut stats = Vec::with_capacity(batches);
        let mut first_error = None;
        for slot in results {
            match slot.into_inner().ok().flatten() {
                Some(Ok((a, n, s))) => {
                    answered += n;
                    assessments.push(a);
                    stats.push(s);
                }
                // the earliest failed batch is the one reported
                Some(Err(e)) => {
                    first_error.get_or_insert(e);
                }
                None => {}
            }
        }
        match first_error {
            Some(e) => Err(e),
            None if answered == count => Ok(Assessed { assessments, batches: stats }),
            None => Err(PluginError::Host("a batch was not assessed".to_owned())),
        }
    }

    fn assess_batch(
        &self,
        asking: &Asking<'_>,
        batch: &[contract::Applicant],
        index: usize,
        limits: &Limits,
    ) -> BatchResult {
        let (answer, stats) = self
            .call(limits, batch.len(), |bindings, store| match bindings {
                Bindings::V1(b) => b.call_assess(store, asking.program, batch),
                Bindings::V2(b) => {
                    let Some(columns) = v2::batch(batch) else {
                        return Err(wasmtime::Error::msg("the batch's texts are larger than 4 GiB"));
                    };
                    let answer = b.call_assess(store, asking.program_v2(), &columns)?;
                    Ok(answer.map(|list| list.into_iter().map(v2::assessment).collect()))
                }
            })
            .map_err(|e| e.in_batch(index, batch))?;
        let answer = answer.map_err(|message| PluginError::Refused {
            plugin: self.label.clone(),
            message: text::shown(&message, validate::MAX_TEXT),
        })?;
        let ordered = asking
            .rules
            .assessments(batch, answer)
            .map_err(|problem| PluginError::ContractViolation { plugin: self.label.clone(), problem })?;
        Ok((ordered, stats))
    }

    /// Spreads `total` over groups; the answer must give every group a quota (at most its
    /// eligible count) adding up to `total`.
    pub fn apportion(
        &self,
        program: &contract::Program,
        total: u32,
        groups: &[contract::GroupCount],
        limits: &Limits,
    ) -> Result<(Vec<contract::Allotment>, CallStats), PluginError> {
        let (answer, stats) = self.call(limits, groups.len(), |bindings, store| match bindings {
            Bindings::V1(b) => b.call_apportion(store, program, total, groups),
            Bindings::V2(b) => {
                let answer =
                    b.call_apportion(store, &v2::program(program), total, &v2::group_counts(groups))?;
                Ok(answer.map(|list| list.into_iter().map(v2::allotment).collect()))
            }
        })?;
        let answer = answer.map_err(|message| PluginError::Refused {
            plugin: self.label.clone(),
            message: text::shown(&message, validate::MAX_TEXT),
        })?;
        let ordered = validate::allotments(total, groups, answer)
            .map_err(|problem| PluginError::ContractViolation { plugin: self.label.clone(), problem })?;
        Ok((ordered, stats))
    }

    /// Runs `f` in a fresh store with fuel for `items`, the memory cap and a bound on the
    /// bytes the plugin may hand over; turns traps into typed errors.
    fn call<R>(
        &self,
        limits: &Limits,
        items: usize,
        f: impl FnOnce(&Bindings, &mut Store<State>) -> wasmtime::Result<R>,
    ) -> Result<(R, CallStats), PluginError> {
        let mut store = Store::new(&self.engine, State::new(limits.memory_bytes, self.metered));
        store.limiter(|s| s as &mut dyn ResourceLimiter);
        let handed = Limits::handed_bytes(items);
        store.set_hostcall_fuel(handed);
        let fuel = BASE_FUEL.saturating_add(limits.fuel_per_applicant.saturating_mul(items as u64));
        if self.metered {
            store.set_fuel(fuel).map_err(|e| PluginError::Host(e.to_string()))?;
        }
        let instantiated = match &self.pre {
            Pre::V1(pre) => pre.instantiate(&mut store).map(Bindings::V1),
            Pre::V2(pre) => pre.instantiate(&mut store).map(Bindings::V2),
        };
        let bindings = match instantiated {
            Ok(b) => b,
            Err(error) => return Err(self.classify(error, store.data(), fuel, handed, limits, true)),
        };
        let result = f(&bindings, &mut store);
        let used = if self.metered { fuel.saturating_sub(store.get_fuel().unwrap_or(0)) } else { 0 };
        match result {
            Ok(value) => {
                let mut stats = std::mem::take(&mut store.data_mut().stats);
                stats.fuel = used;
                stats.memory_peak = store.data().memory_peak as u64;
                Ok((value, stats))
            }
            Err(error) => Err(self.classify(error, store.data(), fuel, handed, limits, false)),
        }
    }

    fn classify(
        &self,
        error: wasmtime::Error,
        state: &State,
        fuel: u64,
        handed: usize,
        limits: &Limits,
        starting: bool,
    ) -> PluginError {
        let plugin = self.label.clone();
        if state.memory_exceeded {
            return PluginError::MemoryLimit { plugin, limit_bytes: limits.memory_bytes, batch: None };
        }
        let trap = error.downcast_ref::<Trap>().copied();
        if trap == Some(Trap::OutOfFuel) {
            return PluginError::OutOfFuel {
                plugin,
                fuel,
                fuel_per_applicant: limits.fuel_per_applicant,
                log_fuel: state.log_fuel,
                batch: None,
            };
        }
        if trap == Some(Trap::StackOverflow) {
            return PluginError::StackOverflow { plugin, batch: None };
        }
        if let Some(message) = &state.panic {
            return PluginError::Panic {
                plugin,
                message: text::shown(message, sandbox::MAX_PANIC_BYTES),
                batch: None,
            };
        }
        // wasmtime's bound on what one call may hand the host (`set_hostcall_fuel`)
        if error.chain().any(|e| e.to_string().contains("fuel allocated for hostcalls has been exhausted")) {
            return PluginError::TooMuchData { plugin, limit_bytes: handed, batch: None };
        }
        if starting && trap.is_none() {
            return PluginError::Instantiate { plugin, reason: text::shown(&format!("{error:#}"), 1000) };
        }
        let backtrace = error
            .downcast_ref::<WasmBacktrace>()
            .map(|bt| {
                bt.frames()
                    .iter()
                    .take(12)
                    .map(|f| {
                        f.func_name().map_or_else(
                            || format!("function #{}", f.func_index()),
                            |name| text::shown(name, 120),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let reason = match trap {
            Some(t) => t.to_string(),
            None => text::shown(&error.root_cause().to_string(), 1000),
        };
        PluginError::Trap { plugin, trap: reason, backtrace, batch: None }
    }
}

/// Feeds `Hash` into sha256, for a stable key of the engine configuration.
#[derive(Default)]
struct Sha256Hasher(Vec<u8>);

impl Hasher for Sha256Hasher {
    fn finish(&self) -> u64 {
        let b = self.finish_bytes();
        u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0.extend_from_slice(bytes);
    }
}

impl Sha256Hasher {
    fn finish_bytes(&self) -> Vec<u8> {
        use sha2::Digest as _;
        sha2::Sha256::digest(&self.0).to_vec()
    }
}

/// The program as the contract shows it to plugins.
pub fn program_view(program: &crate::policy::Program) -> contract::Program {
    use crate::policy::program::{ParamValue, SubQuotaTarget};
    let month = |m: &crate::calendar::Month| contract::Month {
        year: u16::try_from(m.year()).unwrap_or(0),
        month: u8::try_from(m.month()).unwrap_or(0),
    };
    let occupations = program
        .rules
        .iter()
        .find_map(|r| match &r.kind {
            crate::policy::program::RuleKind::Occupation(codes) => Some(codes.clone()),
            _ => None,
        })
        .unwrap_or_default();
    contract::Program {
        id: program.id.clone(),
        title: program.title.clone(),
        region: program.region.clone(),
        months: program.months.iter().map(month).collect(),
        premium_per_worker: program.premium_per_worker.0,
        occupations,
        regulations: program
            .regulations
            .iter()
            .map(|r| contract::Regulation { id: r.id.clone(), title: r.title.clone() })
            .collect(),
        funding: program
            .funding
            .iter()
            .map(|f| contract::FundingSource {
                id: f.id.clone(),
                kind: f.kind.name().to_owned(),
                budget: f.budget.0,
                quota: f.quota,
            })
            .collect(),
        quota: program.quota.as_ref().map(|q| q.count),
        sub_quotas: program
            .sub_quotas
            .iter()
            .map(|s| {
                let (occupations, regions) = match &s.target {
                    SubQuotaTarget::Occupations(o) => (o.clone(), Vec::new()),
                    SubQuotaTarget::Regions(r) => (Vec::new(), r.clone()),
                };
                contract::SubQuota { count: s.count, occupations, regions }
            })
            .collect(),
        params: program
            .plugin
            .as_ref()
            .map(|p| {
                p.params
                    .iter()
                    .map(|(name, value)| contract::Param {
                        name: name.clone(),
                        value: match value {
                            ParamValue::Text(t) => contract::ParamValue::Text(t.clone()),
                            ParamValue::Integer(n) => contract::ParamValue::Integer(*n),
                            ParamValue::Money(m) => contract::ParamValue::Money(m.0),
                            ParamValue::Word(w) => contract::ParamValue::Word(w.clone()),
                        },
                    })
                    .collect()
            })
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_limits_override_the_defaults() {
        let limits = Limits::from_policy(&[
            (PluginLimit::FuelPerApplicant, 500_000),
            (PluginLimit::MemoryMib, 128),
            (PluginLimit::BatchSize, 1024),
            (PluginLimit::FunctionKib, 256),
        ]);
        assert_eq!(
            limits,
            Limits {
                fuel_per_applicant: 500_000,
                memory_bytes: 128 << 20,
                batch_size: 1024,
                code: CodeLimits { function_bytes: 256 << 10, ..CodeLimits::default() }
            }
        );
        assert_eq!(Limits::from_policy(&[]), Limits::default());
        let capped =
            Limits::from_policy(&[(PluginLimit::BatchSize, u64::MAX), (PluginLimit::MemoryMib, 1 << 40)]);
        assert_eq!((capped.batch_size, capped.memory_bytes), (65_536, MAX_MEMORY_MIB << 20));
    }
}
