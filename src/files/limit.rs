//! How many files a process may hold open at once.
//!
//! A run of tens of millions of rows holds a few hundred spill files open at the end (the
//! waiting list's blocks, the sorted runs of the ranking), and some systems start a process
//! with room for only 256 (macOS) or fewer (a service's own setting). The soft limit is the
//! one a process may raise up to the hard limit the administrator set, as build tools and
//! language runtimes do: [`allow_enough`] raises it before anything is opened. (A limit
//! reached anyway is put in words with its fix by `i18n`, as every file error is.)

/// Open files a run is allowed, where the hard limit lets it: above what the largest runs
/// need (about 520 at 30M rows), far below what any system allows.
const WANTED: u64 = 4096;

/// Raises this process's soft limit on open files to 4.096 (`WANTED`), or to the hard limit when
/// that is lower. Never lowers it; does nothing where the system refuses.
pub fn allow_enough() {
    #[cfg(unix)]
    {
        let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        // SAFETY: getrlimit writes one `rlimit` we own, and setrlimit reads it.
        unsafe {
            if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) != 0 {
                return;
            }
            let wanted = (WANTED as libc::rlim_t).min(limit.rlim_max);
            if limit.rlim_cur < wanted {
                limit.rlim_cur = wanted;
                libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
            }
        }
    }
}
