//! Work spread over the machine's cores, with results in input order: what is decided never
//! depends on how many cores did it.

/// How many threads work is spread over: one per core, at most 16.
fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |t| t.get()).clamp(1, 16)
}

/// Applies `f` to `0..n` in contiguous chunks on all cores; results in order.
pub fn chunks<T: Send>(n: usize, f: impl Fn(std::ops::Range<usize>) -> Vec<T> + Sync) -> Vec<T> {
    let threads = threads();
    let chunk = n.div_ceil(threads).max(1);
    let mut out = Vec::with_capacity(n);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..n)
            .step_by(chunk)
            .map(|start| {
                let f = &f;
                scope.spawn(move || f(start..(start + chunk).min(n)))
            })
            .collect();
        for h in handles {
            // a panicking worker must not lose its part silently
            out.extend(h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        }
    });
    out
}

/// Sets every element of `out` to `f(its index)`, in contiguous chunks on all cores: for
/// results too large to build apart and then copy into one vector.
pub fn fill<T: Send>(out: &mut [T], f: impl Fn(usize) -> T + Sync) {
    let chunk = out.len().div_ceil(threads()).max(1);
    std::thread::scope(|scope| {
        for (k, part) in out.chunks_mut(chunk).enumerate() {
            let f = &f;
            scope.spawn(move || {
                for (offset, slot) in part.iter_mut().enumerate() {
                    *slot = f(k * chunk + offset);
                }
            });
        }
    });
}
