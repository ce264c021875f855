//! The allocator's one setting, shared by the `jaring` command and the benchmarks that
//! measure what it does (each binary declares mimalloc as its global allocator itself).

/// `mi_option_purge_delay` in mimalloc's `mimalloc.h` (v3), which `libmimalloc-sys` does not
/// name.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Keeps memory the program frees instead of handing it back to the kernel.
///
/// A run allocates its big buffers in waves (registry, decisions, then every output at
/// once). By default mimalloc hands freed memory back to the kernel after 10 ms, and the
/// next wave faults it in again, zeroed; keeping it costs no more peak memory and saved
/// about 12% of a million-row run's CPU time on the benchmark machine. The command exits
/// when done, so nothing is held longer than the run. Call it before any thread starts.
pub fn keep_freed_memory() {
    // SAFETY: setting an option is allowed at any time; callers do it before threads start.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
}
