//! The allocator's settings, shared by the `jaring` command and the benchmarks that
//! measure what they do (each binary declares mimalloc as its global allocator itself).

/// `mi_option_purge_delay` and `mi_option_allow_thp` in mimalloc's `mimalloc.h` (v3),
/// which `libmimalloc-sys` does not name.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
const MI_OPTION_ALLOW_THP: libmimalloc_sys::mi_option_t = 43;

/// Keeps memory the program frees instead of handing it back to the kernel, and in pages
/// of the kernel's ordinary size.
///
/// A run allocates its big buffers in waves (registry, decisions, then every output at
/// once). By default mimalloc hands freed memory back to the kernel after 10 ms, and the
/// next wave faults it in again, zeroed; keeping it costs no more peak memory and saved
/// about 12% of a million-row run's CPU time on the benchmark machine. The command exits
/// when done, so nothing is held longer than the run.
///
/// mimalloc also asks for transparent huge pages (2 MiB) for the memory it maps; each is
/// zeroed and counted whole on its first touch, and a million-row run peaked 60–70 MiB
/// higher with them (480–496 against 418–440 MiB, no faster). Turned off for this process
/// only (`PR_SET_THP_DISABLE`), whatever the system's setting. Call it before any thread
/// starts.
pub fn keep_freed_memory() {
    // SAFETY: setting an option is allowed at any time; callers do it before threads start.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1);
        libmimalloc_sys::mi_option_set(MI_OPTION_ALLOW_THP, 0);
    }
    // mimalloc read its options when it first allocated, before `main`: the memory it has
    // mapped since may already be marked for huge pages, which this flag overrides.
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes one integer argument and touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
