//! Work spread over the machine's cores, with results in input order: what is decided never
//! depends on how many cores did it.

/// How many cores this process may use, asked once (the standard library reads the
/// process's cgroup files at every asking: hundreds of times in a run, once a block).
pub fn cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |t| t.get()))
}

/// How many threads work is spread over: one per core, at most 16.
pub fn threads() -> usize {
    cores().clamp(1, 16)
}

/// The threads work runs on, started once: threads made for every block of rows and ended
/// after it left each block's memory to be faulted in afresh. `None` when they cannot be
/// started (the system's limit on threads): the work then runs on the caller's thread.
fn pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: std::sync::OnceLock<Option<rayon::ThreadPool>> = std::sync::OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads())
            .thread_name(|k| format!("jaring-par-{k}"))
            .build()
            .ok()
    })
    .as_ref()
}

/// Runs `work` on the pool's threads (in it, rayon's parallel iterators use them).
fn on_pool<R: Send>(work: impl FnOnce() -> R + Send) -> R {
    match pool() {
        Some(pool) => pool.install(work),
        None => work(),
    }
}

/// What one block of work made and the next may use again — buffers grown to a block's
/// size, caches of texts — one for each thread working at a time: made afresh for every
/// block, they would be grown (and their pages faulted in) again every time.
pub struct Spare<T>(std::sync::Mutex<Vec<T>>);

impl<T> Default for Spare<T> {
    fn default() -> Self {
        Spare(std::sync::Mutex::new(Vec::new()))
    }
}

impl<T> Spare<T> {
    /// One that was given back, if any.
    pub fn take(&self) -> Option<T> {
        self.0.lock().ok().and_then(|mut kept| kept.pop())
    }

    /// Gives `value` back for the next block.
    pub fn give(&self, value: T) {
        if let Ok(mut kept) = self.0.lock() {
            kept.push(value);
        }
    }
}

/// Applies `f` to `0..n` in contiguous chunks on all cores; results in order.
pub fn chunks<T: Send>(n: usize, f: impl Fn(std::ops::Range<usize>) -> Vec<T> + Sync) -> Vec<T> {
    chunks_each(n, 1, f)
}

/// [`chunks`], in `per_thread` chunks for each thread: when other threads of the process
/// compete for the cores, a thread held up leaves less undone to the others.
pub fn chunks_each<T: Send>(
    n: usize,
    per_thread: usize,
    f: impl Fn(std::ops::Range<usize>) -> Vec<T> + Sync,
) -> Vec<T> {
    use rayon::prelude::*;
    let chunk = n.div_ceil(threads() * per_thread.max(1)).max(1);
    let starts: Vec<usize> = (0..n).step_by(chunk).collect();
    // (a worker's panic is raised again here)
    let parts: Vec<Vec<T>> =
        on_pool(|| starts.into_par_iter().map(|start| f(start..(start + chunk).min(n))).collect());
    let mut out = Vec::with_capacity(parts.iter().map(Vec::len).sum());
    for part in parts {
        out.extend(part);
    }
    out
}

/// Sorts `items` by `compare` on all cores, in place (no second copy of them). Meant for a
/// total order: items that compare equal may end in either order.
pub fn sort_unstable_by<T: Send>(items: &mut [T], compare: impl Fn(&T, &T) -> std::cmp::Ordering + Sync) {
    use rayon::prelude::*;
    let compare = &compare;
    on_pool(|| items.par_sort_unstable_by(compare));
}

/// Sets every element of `out` to `f(its index)`, in contiguous chunks on all cores: for
/// results too large to build apart and then copy into one vector.
pub fn fill<T: Send>(out: &mut [T], f: impl Fn(usize) -> T + Sync) {
    update(out, |i, slot| *slot = f(i));
}

/// Calls `f(index, element)` on every element of `out`, in contiguous chunks on all cores.
pub fn update<T: Send>(out: &mut [T], f: impl Fn(usize, &mut T) + Sync) {
    use rayon::prelude::*;
    let chunk = out.len().div_ceil(threads()).max(1);
    on_pool(|| {
        out.par_chunks_mut(chunk).enumerate().for_each(|(k, part)| {
            for (offset, slot) in part.iter_mut().enumerate() {
                f(k * chunk + offset, slot);
            }
        });
    });
}

#[cfg(test)]
mod tests {
    /// Results come back in input order, whatever the chunks and however the threads ran;
    /// a chunk of none, of fewer items than threads, and a worker's panic.
    #[test]
    fn results_are_in_order_and_panics_are_raised() {
        for n in [0, 1, 3, 1000, 100_003] {
            let got = super::chunks(n, |range| range.map(|i| i * 7).collect());
            assert_eq!(got, (0..n).map(|i| i * 7).collect::<Vec<_>>(), "n = {n}");
            let mut filled = vec![0u64; n];
            super::fill(&mut filled, |i| i as u64 + 1);
            assert!(filled.iter().enumerate().all(|(i, v)| *v == i as u64 + 1));
            super::update(&mut filled, |i, v| *v += i as u64);
            assert!(filled.iter().enumerate().all(|(i, v)| *v == 2 * i as u64 + 1));
        }
        // nested: a chunk's work spreads its own
        let nested =
            super::chunks(4, |range| range.map(|i| super::chunks(10, |r| r.collect()).len() + i).collect());
        assert_eq!(nested, vec![10, 11, 12, 13]);
        let panicked = std::panic::catch_unwind(|| {
            super::chunks(10, |range| -> Vec<usize> {
                assert!(!range.contains(&9), "a worker failed");
                range.collect()
            })
        });
        assert!(panicked.is_err());
    }
}
