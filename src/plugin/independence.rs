//! The contract says an applicant's answer depends only on the program and that applicant.
//! After a plugin has assessed everyone, a sample of applicants is assessed again in batches
//! composed differently — other neighbours, another order, other ids, and some alone — and a
//! run whose answers change is refused, naming the registry row and both answers.
//!
//! The sample is drawn from a seed the caller derives from the registry's sha256 and the
//! program (see `run`), so it is the same on every machine and every run of the same inputs,
//! yet a plugin, which never sees the registry's hash, cannot tell which applicants will be
//! asked again.

use std::borrow::Cow;
use std::ops::Range;

use sha2::{Digest as _, Sha256};

use super::contract::{Applicant, Assessment, Verdict};
use super::{Asking, Limits, Plugin, PluginError};
use crate::text;

/// Applicants assessed again, together, in another order and under other ids.
pub const SAMPLE: usize = 64;
/// Of those, how many are also assessed alone.
pub const ALONE: usize = 8;

impl Plugin {
    /// Re-assesses a sample of the `count` applicants (built by `batch`) in differently
    /// composed batches; any answer different from the first, `assessed(i)` for applicant
    /// `i` (restored from however the caller kept it), is an error.
    pub fn check_independence<'a>(
        &self,
        program: &super::contract::Program,
        count: usize,
        limits: &Limits,
        batch: &(dyn Fn(Range<usize>) -> Cow<'a, [Applicant]> + Sync),
        assessed: &dyn Fn(usize) -> Assessment,
        seed: &[u8],
    ) -> Result<(), PluginError> {
        if count == 0 {
            return Ok(());
        }
        let asking = Asking::new(program);
        let picked = sample(count, seed);
        // ids are positions in the check batch, so an answer tied to the id shows too
        let people: Vec<Applicant> = picked
            .iter()
            .enumerate()
            .filter_map(|(k, &i)| {
                let mut a = batch(i..i + 1).first()?.clone();
                a.id = u32::try_from(k).unwrap_or(u32::MAX);
                Some(a)
            })
            .collect();
        let size = limits.batch_size.max(1);
        let mut again: Vec<(usize, Assessment, &'static str)> = Vec::with_capacity(people.len() + ALONE);
        for (c, chunk) in people.chunks(size).enumerate() {
            let answers = self.assess_batch(&asking, chunk, c, limits)?.0;
            let context = if chunk.len() == 1 { "alone" } else { "mixed" };
            again.extend(answers.into_iter().map(|a| (picked[a.id as usize], a, context)));
        }
        for (k, person) in people.iter().take(ALONE).enumerate() {
            let mut alone = person.clone();
            alone.id = 0;
            let answer = self.assess_batch(&asking, std::slice::from_ref(&alone), 0, limits)?.0;
            again.extend(answer.into_iter().map(|a| (picked[k], a, "alone")));
        }
        for (i, answer, context) in again {
            let first = &assessed(i);
            if !same(first, &answer) {
                let row = batch(i..i + 1).first().map_or(0, |a| a.id);
                return Err(PluginError::BatchDependent {
                    plugin: self.label.clone(),
                    row,
                    first: Box::new(describe(first)),
                    second: Box::new(describe(&answer)),
                    context: Box::new(if context == "alone" {
                        crate::msg!("plugin-asked-alone")
                    } else {
                        crate::msg!("plugin-asked-mixed")
                    }),
                });
            }
        }
        Ok(())
    }
}

/// Positions to check: all of them when there are few, else [`SAMPLE`] distinct positions
/// drawn from `seed`.
fn sample(count: usize, seed: &[u8]) -> Vec<usize> {
    if count <= SAMPLE {
        let mut all: Vec<usize> = (0..count).collect();
        all.reverse();
        return all;
    }
    let digest = Sha256::digest(seed);
    let mut state = u64::from_le_bytes([
        digest[0], digest[1], digest[2], digest[3], digest[4], digest[5], digest[6], digest[7],
    ]);
    let mut picked = Vec::with_capacity(SAMPLE);
    while picked.len() < SAMPLE {
        // splitmix64
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        let position = usize::try_from(z % count as u64).unwrap_or(0);
        if !picked.contains(&position) {
            picked.push(position);
        }
    }
    picked
}

fn same(a: &Assessment, b: &Assessment) -> bool {
    a.verdict == b.verdict && a.priority == b.priority && a.group == b.group && a.notes == b.notes
}

/// An answer in words, for the refusal.
fn describe(a: &Assessment) -> crate::i18n::Msg {
    use crate::i18n::Arg;
    use crate::msg;
    let verdict = match &a.verdict {
        Verdict::Accept => msg!("plugin-answer-accept"),
        Verdict::Reject(r) => msg!("plugin-answer-reject", reason = text::shown(&r.reason, 64)),
    };
    let group = match &a.group {
        Some(g) => msg!("plugin-answer-group", group = text::shown(g, 64)).into(),
        None => Arg::Text(String::new()),
    };
    let notes = if a.notes.is_empty() {
        Arg::Text(String::new())
    } else {
        msg!("plugin-answer-notes", notes = text::shown(&a.notes.join(" | "), 120)).into()
    };
    msg!("plugin-answer", verdict => verdict, priority = a.priority, group => group, notes => notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_is_fixed_by_the_seed_and_distinct() {
        let a = sample(1_000_000, b"registry-hash:ppu-2025");
        assert_eq!(a, sample(1_000_000, b"registry-hash:ppu-2025"));
        assert_ne!(a, sample(1_000_000, b"other-registry:ppu-2025"));
        let mut sorted = a.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), SAMPLE);
        assert_eq!(sample(3, b"x"), [2, 1, 0]);
    }
}
