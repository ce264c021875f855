//! What a plugin file may be before jaring spends any effort compiling it.
//!
//! Compiling WebAssembly takes time and memory that grow with the size of each function
//! (a single 1,4 MB function took 1,4 GB and 11 s to compile), and a component can ask the
//! host for more than one plugin instance needs. jaring compiles one function at a time
//! (`parallel_compilation(false)`), so memory depends on the largest function, not on the
//! number of cores. Measured on the 2-core machine of BENCHMARKS.md with the worst shape
//! found (hundreds of values live across thousands of branches): a 1 MiB plugin of 50 KB
//! functions compiles in 6,5 s with a 233 MB peak for the whole run (the defaults); one
//! 246 KB function in 2,5 s and 456 MB (the largest function a policy may allow); at most
//! about 14 ms and 2 MB per KB of such code. So before compiling, the file is read once
//! with `wasmparser` and refused, naming the rule it broke and how to raise the limit where a
//! limit can be raised, when it is too large, holds too large a function, asks for a second
//! linear memory or too many instances, or uses a string encoding other than UTF-8.

use wasmparser::{CanonicalFunction, CanonicalOption, Encoding, Parser, Payload};

use super::{PluginError, PluginLimit};
use crate::i18n::Msg;
use crate::money::grouped;
use crate::msg;

/// Limits on a plugin's code, checked before it is compiled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeLimits {
    /// Bytes of the whole component file (`limit plugin-kib`).
    pub component_bytes: usize,
    /// Bytes of the largest single function body (`limit function-kib`).
    pub function_bytes: usize,
}

/// The default of each code limit, in KiB (the ceilings are `PluginLimit::max`).
pub const DEFAULT_PLUGIN_KIB: u64 = 1024;
pub const DEFAULT_FUNCTION_KIB: u64 = 64;
const MAX_PLUGIN_KIB: u64 = PluginLimit::PluginKib.max();
const MAX_FUNCTION_KIB: u64 = PluginLimit::FunctionKib.max();

impl Default for CodeLimits {
    fn default() -> CodeLimits {
        CodeLimits {
            component_bytes: (DEFAULT_PLUGIN_KIB << 10) as usize,
            function_bytes: (DEFAULT_FUNCTION_KIB << 10) as usize,
        }
    }
}

/// Core module instances a plugin component may create (a built plugin has three or four:
/// its module and the adapter shims `wit-component` adds).
pub const MAX_CORE_INSTANCES: u32 = 16;
/// Entries a plugin's function table may have (a built plugin has a few dozen); the instance
/// pool reserves room for this many.
pub const MAX_TABLE_ELEMENTS: u64 = 20_000;

/// Checks `bytes` against `limits` and the shape every plugin has; `label` names the file.
pub fn scan(label: &str, bytes: &[u8], limits: &CodeLimits) -> Result<(), PluginError> {
    let refuse =
        |rule: &'static str, detail: Msg| PluginError::Refuse { plugin: label.to_owned(), rule, detail };
    if bytes.len() > limits.component_bytes {
        return Err(refuse(
            "plugin-size",
            msg!(
                "scan-plugin-size",
                bytes = grouped(bytes.len() as u64),
                kib = grouped((limits.component_bytes >> 10) as u64),
                max = MAX_PLUGIN_KIB
            ),
        ));
    }
    let not_wasm = |e: wasmparser::BinaryReaderError| PluginError::Load {
        plugin: label.to_owned(),
        reason: msg!("scan-not-wasm", error = e.message()),
    };
    let mut memories_in_component = 0_u32;
    let mut core_instances = 0_u32;
    let mut function_index = 0_u32;
    let mut top = true;
    for payload in Parser::new(0).parse_all(bytes) {
        match payload.map_err(not_wasm)? {
            Payload::Version { encoding, .. } => {
                if top && encoding != Encoding::Component {
                    return Err(PluginError::Load {
                        plugin: label.to_owned(),
                        reason: msg!("scan-core-module"),
                    });
                }
                top = false;
                function_index = 0;
            }
            Payload::MemorySection(reader) => {
                memories_in_component += reader.count();
                if reader.count() > 1 || memories_in_component > 1 {
                    return Err(refuse("one-memory", msg!("scan-one-memory", count = memories_in_component)));
                }
            }
            Payload::TableSection(reader) => {
                for table in reader {
                    let table = table.map_err(not_wasm)?;
                    if table.ty.initial > MAX_TABLE_ELEMENTS {
                        return Err(refuse(
                            "table-size",
                            msg!(
                                "scan-table-size",
                                entries = grouped(table.ty.initial),
                                max = grouped(MAX_TABLE_ELEMENTS)
                            ),
                        ));
                    }
                }
            }
            Payload::CodeSectionEntry(body) => {
                let size = body.range().len();
                if size > limits.function_bytes {
                    return Err(refuse(
                        "function-size",
                        msg!(
                            "scan-function-size",
                            index = function_index,
                            bytes = grouped(size as u64),
                            kib = grouped((limits.function_bytes >> 10) as u64),
                            max = MAX_FUNCTION_KIB
                        ),
                    ));
                }
                function_index += 1;
            }
            Payload::InstanceSection(reader) => {
                core_instances += reader.count();
                if core_instances > MAX_CORE_INSTANCES {
                    return Err(refuse("instances", msg!("scan-instances", max = MAX_CORE_INSTANCES)));
                }
            }
            Payload::ComponentCanonicalSection(reader) => {
                for function in reader {
                    let options = match function.map_err(not_wasm)? {
                        CanonicalFunction::Lift { options, .. }
                        | CanonicalFunction::Lower { options, .. } => options,
                        _ => continue,
                    };
                    if options
                        .iter()
                        .any(|o| matches!(o, CanonicalOption::UTF16 | CanonicalOption::CompactUTF16))
                    {
                        return Err(refuse("utf8-strings", msg!("scan-utf16")));
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}
