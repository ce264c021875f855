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
/// next wave faults it in again, zeroed; keeping it saved about 12% of a million-row run's
/// CPU time on the benchmark machine. The command exits when done, so nothing is held
/// longer than the run. Where freed memory is not reused, a run hands it back for a while
/// ([`GivingBack`]).
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

/// While one lives, what the program frees goes back to the kernel at once, whatever
/// [`keep_freed_memory`] set (which holds again when the last is dropped). For the big
/// blocks a run is done with early — a province's kept columns, its plugin's answers, its
/// candidates — which the allocator would otherwise keep and nothing after would reuse, and
/// for `replay`'s comparing. (The writers keep what they free for their next window, and
/// hand it back once at the end: [`hand_back_free`].)
pub struct GivingBack(());

/// How many [`GivingBack`] live, and the purge delay to restore when none does (runs of
/// the workbench's server may overlap).
static GIVING_BACK: std::sync::Mutex<(usize, std::ffi::c_long)> = std::sync::Mutex::new((0, 0));

impl GivingBack {
    pub fn start() -> GivingBack {
        let mut state = GIVING_BACK.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if state.0 == 0 {
            // SAFETY: reading and setting options is allowed at any time, from any thread; a
            // process whose allocator is not mimalloc only touches mimalloc's own state.
            state.1 = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
            // SAFETY: as above
            unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
        }
        state.0 += 1;
        GivingBack(())
    }
}

impl Drop for GivingBack {
    fn drop(&mut self) {
        let mut state = GIVING_BACK.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        state.0 = state.0.saturating_sub(1);
        // SAFETY: collecting and setting options are allowed at any time, from any thread.
        unsafe {
            libmimalloc_sys::mi_collect(true);
            if state.0 == 0 {
                libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, state.1);
            }
        }
    }
}

/// Hands back to the kernel the free memory the allocator reaches from the calling thread
/// (mimalloc's `mi_collect(true)`), whatever the purge delay.
pub fn hand_back_free() {
    // SAFETY: collecting is allowed at any time, from any thread.
    unsafe { libmimalloc_sys::mi_collect(true) };
}

/// Runs `free`, which frees memory, handing what it frees back to the kernel ([`GivingBack`]).
pub fn give_back(free: impl FnOnce()) {
    let _giving = GivingBack::start();
    free();
}
