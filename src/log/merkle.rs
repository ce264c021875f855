//! The decision log as a Merkle tree (RFC 6962 / 9162 hashing): a leaf is
//! `SHA-256(0x00 ‖ record line)`, a node `SHA-256(0x01 ‖ left ‖ right)`; a tree of `n`
//! leaves splits at the largest power of two below `n`. Each record line carries a salt
//! (schema 4) that only the holder of the whole registry can know, so a published leaf hash
//! or proof says nothing about the record — a NIK's 16 structured digits could otherwise be
//! guessed and checked against it.
//!
//! `root` builds the tree bottom-up on all cores; `proof` gives the audit path of one leaf
//! (bottom-up), [`Paths`] those of a few as the leaves go by, without holding the tree;
//! `verify` folds a path back to a root (RFC 9162 §2.1.3.2).

use sha2::{Digest, Sha256};

pub type Hash = [u8; 32];

/// The leaf hash of a record line (without its newline).
pub fn leaf(line: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update([0u8]);
    h.update(line);
    h.finalize().into()
}

/// What a record line ends with: `,"prev":"<64 hex>"}`.
const PREV_TAIL: usize = ",\"prev\":\"".len() + 64 + "\"}".len();

/// The leaf hash of a record line as the log writes it. A schema 4 or 5 line is hashed with
/// the 64 hex digits of its `prev` written as zeros (the tree did not depend on the chain, so
/// leaves were hashed on all cores before the chain was known); a line without a `prev`
/// (schema 6) is hashed as it is.
pub fn record_leaf(line: &[u8]) -> Hash {
    let n = line.len();
    let has_prev =
        n >= PREV_TAIL && line[n - PREV_TAIL..].starts_with(b",\"prev\":\"") && line.ends_with(b"\"}");
    if !has_prev {
        return leaf(line);
    }
    let at = n - 2 - 64;
    let mut h = Sha256::new();
    h.update([0u8]);
    h.update(&line[..at]);
    h.update([b'0'; 64]);
    h.update(&line[at + 64..]);
    h.finalize().into()
}

/// The bytes a record's leaf is the hash of (see [`record_leaf`]).
pub fn leaf_bytes(line: &[u8]) -> Vec<u8> {
    let mut bytes = line.to_vec();
    let n = bytes.len();
    if n >= PREV_TAIL && bytes[n - PREV_TAIL..].starts_with(b",\"prev\":\"") && bytes.ends_with(b"\"}") {
        bytes[n - 66..n - 2].fill(b'0');
    }
    bytes
}

fn node(left: &Hash, right: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update([1u8]);
    h.update(left);
    h.update(right);
    h.finalize().into()
}

/// The log's head (schema 4): what the minutes record, committing to the header (by its
/// SHA-256), the number of records and every record (by the root):
/// `SHA-256("jaring log head 4\n" ‖ header SHA-256 ‖ size as 8 bytes big-endian ‖ root)`.
/// Anyone holding a receipt (its origin names the header's hash) can compute it.
pub fn head(header_sha256: &Hash, size: u64, root: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update(b"jaring log head 4\n");
    h.update(header_sha256);
    h.update(size.to_be_bytes());
    h.update(root);
    h.finalize().into()
}

/// The hash of the empty tree.
pub fn empty() -> Hash {
    Sha256::digest([]).into()
}

/// One level up: pairs hashed, an odd last node carried up as it is (which gives exactly
/// RFC 6962's split at the largest power of two).
fn up(level: &[Hash]) -> Vec<Hash> {
    let pairs = level.len() / 2;
    let hash = |range: std::ops::Range<usize>| {
        range.map(|k| node(&level[2 * k], &level[2 * k + 1])).collect::<Vec<_>>()
    };
    // small levels are not worth a thread
    let mut next: Vec<Hash> = if pairs < 1 << 12 { hash(0..pairs) } else { crate::par::chunks(pairs, hash) };
    if level.len() % 2 == 1 {
        next.push(level[level.len() - 1]);
    }
    next
}

/// The root of the tree over `leaves`.
pub fn root(leaves: &[Hash]) -> Hash {
    if leaves.is_empty() {
        return empty();
    }
    let mut level = leaves.to_vec();
    while level.len() > 1 {
        level = up(&level);
    }
    level[0]
}

/// The root built as leaves arrive, holding one hash per level: the perfect subtrees so far,
/// largest first, merged as soon as two are the same size. Folding them right to left at
/// the end gives RFC 6962's root (the split at the largest power of two).
#[derive(Default)]
pub struct Stream {
    /// (subtree hash, number of leaves under it), sizes strictly decreasing
    subtrees: Vec<(Hash, u64)>,
}

impl Stream {
    pub fn push(&mut self, leaf: Hash) {
        let mut top = (leaf, 1u64);
        while let Some(&(left, size)) = self.subtrees.last() {
            if size != top.1 {
                break;
            }
            self.subtrees.pop();
            top = (node(&left, &top.0), size * 2);
        }
        self.subtrees.push(top);
    }

    pub fn root(&self) -> Hash {
        let mut right: Option<Hash> = None;
        for (left, _) in self.subtrees.iter().rev() {
            right = Some(match right {
                None => *left,
                Some(r) => node(left, &r),
            });
        }
        right.unwrap_or_else(empty)
    }
}

/// The audit path of leaf `index` (bottom-up), or `None` if there is no such leaf.
pub fn proof(leaves: &[Hash], index: usize) -> Option<Vec<Hash>> {
    if index >= leaves.len() {
        return None;
    }
    let mut path = Vec::new();
    let mut level = leaves.to_vec();
    let mut i = index;
    while level.len() > 1 {
        let sibling = i ^ 1;
        if sibling < level.len() {
            path.push(level[sibling]);
        }
        level = up(&level);
        i /= 2;
    }
    Some(path)
}

/// A leaf and its audit path (bottom-up).
pub type Proven = (Hash, Vec<Hash>);

/// The audit paths of a few leaves, built as every leaf goes by in order (one pass, about
/// one hash per level for each leaf asked for): a province's tree has tens of millions of
/// leaves, and its levels held whole are 64 bytes a leaf. The sibling at level `h` of
/// leaf `k` is the subtree over the leaves `[s·2^h, min((s+1)·2^h, size))`, `s = (k >> h) ^ 1`
/// (an odd last node carried up is the root of its shorter range): each is hashed by a
/// [`Stream`] of its own while its leaves go by.
pub struct Paths {
    size: u64,
    seen: u64,
    asked: Vec<Asked>,
}

/// One leaf asked for, and its path being built.
struct Asked {
    index: u64,
    leaf: Option<Hash>,
    /// (first leaf, end, place in the path) of each sibling, by first leaf
    siblings: Vec<(u64, u64, usize)>,
    /// the next sibling to hash, and its subtree so far
    next: usize,
    open: Stream,
    path: Vec<Hash>,
}

impl Paths {
    /// The paths of leaves `indices` of a tree of `size` leaves.
    pub fn new(size: u64, indices: &[u64]) -> Paths {
        let asked = indices
            .iter()
            .map(|&index| {
                let mut siblings = Vec::new();
                let (mut h, mut width) = (0u32, size);
                // (one level up at a time while a level has more than one node)
                while width > 1 && h < u64::BITS {
                    let first = ((index >> h) ^ 1) << h;
                    if first < size {
                        let end = first.saturating_add(1u64 << h).min(size);
                        siblings.push((first, end, siblings.len()));
                    }
                    h += 1;
                    width = width.div_ceil(2);
                }
                let path = vec![[0u8; 32]; siblings.len()];
                siblings.sort_unstable();
                Asked { index, leaf: None, siblings, next: 0, open: Stream::default(), path }
            })
            .collect();
        Paths { size, seen: 0, asked }
    }

    /// The next leaf.
    pub fn push(&mut self, leaf: Hash) {
        let i = self.seen;
        self.seen += 1;
        for a in &mut self.asked {
            if i == a.index {
                a.leaf = Some(leaf);
            }
            let Some(&(first, end, at)) = a.siblings.get(a.next) else { continue };
            if i < first {
                continue;
            }
            a.open.push(leaf);
            if i + 1 == end {
                a.path[at] = std::mem::take(&mut a.open).root();
                a.next += 1;
            }
        }
    }

    /// For each leaf asked for, in order: the leaf and its audit path (bottom-up); `None`
    /// when the leaves pushed were not `size` (or the index not below it).
    pub fn finish(self) -> Vec<Option<Proven>> {
        let whole = self.seen == self.size;
        self.asked
            .into_iter()
            .map(|a| match a.leaf {
                Some(leaf) if whole && a.next == a.siblings.len() => Some((leaf, a.path)),
                _ => None,
            })
            .collect()
    }
}

/// Whether `path` proves that `leaf` is leaf `index` of a tree of `size` leaves with `root`
/// (RFC 9162 §2.1.3.2).
pub fn verify(leaf: &Hash, index: u64, size: u64, path: &[Hash], root: &Hash) -> bool {
    if index >= size {
        return false;
    }
    let (mut f_n, mut s_n) = (index, size - 1);
    let mut r = *leaf;
    for p in path {
        if s_n == 0 {
            return false;
        }
        if f_n & 1 == 1 || f_n == s_n {
            r = node(p, &r);
            if f_n & 1 == 0 {
                while f_n & 1 == 0 && f_n != 0 {
                    f_n >>= 1;
                    s_n >>= 1;
                }
            }
        } else {
            r = node(&r, p);
        }
        f_n >>= 1;
        s_n >>= 1;
    }
    s_n == 0 && r == *root
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every level of the tree, leaves first, root last (one hash).
    fn levels(leaves: Vec<Hash>) -> Vec<Vec<Hash>> {
        let mut all = vec![if leaves.is_empty() { vec![empty()] } else { leaves }];
        while all.last().is_some_and(|l| l.len() > 1) {
            let next = up(all.last().map_or(&[][..], Vec::as_slice));
            all.push(next);
        }
        all
    }

    /// The audit path of leaf `index` from the tree's levels (see [`levels`]).
    fn path_of(levels: &[Vec<Hash>], index: usize) -> Vec<Hash> {
        let mut out = Vec::new();
        let mut i = index;
        for level in &levels[..levels.len().saturating_sub(1)] {
            if let Some(sibling) = level.get(i ^ 1) {
                out.push(*sibling);
            }
            i /= 2;
        }
        out
    }

    /// RFC 6962's definition, recursively: the reference the fast version must equal.
    fn mth(leaves: &[Hash]) -> Hash {
        match leaves.len() {
            0 => empty(),
            1 => leaves[0],
            n => {
                let k = n.next_power_of_two() / 2;
                let k = if k == n { n / 2 } else { k };
                node(&mth(&leaves[..k]), &mth(&leaves[k..]))
            }
        }
    }

    #[test]
    fn paths_of_too_few_or_too_many_leaves_or_of_no_leaf_are_none() {
        let leaves: Vec<Hash> = (0..10).map(|i| leaf(format!("record {i}").as_bytes())).collect();
        for pushed in [9, 11] {
            let mut paths = Paths::new(10, &[3]);
            leaves.iter().cycle().take(pushed).for_each(|l| paths.push(*l));
            assert_eq!(paths.finish(), vec![None], "{pushed} leaves");
        }
        let mut paths = Paths::new(10, &[10, u64::MAX]);
        leaves.iter().for_each(|l| paths.push(*l));
        assert_eq!(paths.finish(), vec![None, None]);
    }

    #[test]
    fn a_record_leaf_does_not_depend_on_its_prev() {
        let a = format!("{{\"row\":1,\"salt\":\"ab\",\"prev\":\"{}\"}}", "1".repeat(64));
        let b = format!("{{\"row\":1,\"salt\":\"ab\",\"prev\":\"{}\"}}", "2".repeat(64));
        assert_eq!(record_leaf(a.as_bytes()), record_leaf(b.as_bytes()));
        assert_eq!(record_leaf(a.as_bytes()), leaf(&leaf_bytes(b.as_bytes())));
        let c = a.replace("\"row\":1", "\"row\":2");
        assert_ne!(record_leaf(a.as_bytes()), record_leaf(c.as_bytes()));
    }

    #[test]
    fn roots_and_proofs_agree_with_the_definition() {
        for n in 0..=130usize {
            let leaves: Vec<Hash> = (0..n).map(|i| leaf(format!("record {i}").as_bytes())).collect();
            let r = root(&leaves);
            assert_eq!(r, mth(&leaves), "size {n}");
            let mut stream = Stream::default();
            leaves.iter().for_each(|l| stream.push(*l));
            assert_eq!(stream.root(), r, "streamed, size {n}");
            for i in 0..n {
                let path = proof(&leaves, i).expect("a path");
                assert!(verify(&leaves[i], i as u64, n as u64, &path, &r), "size {n} leaf {i}");
                let all = levels(leaves.clone());
                assert_eq!(path_of(&all, i), path);
                assert_eq!(all.last().map(|l| l[0]), Some(r));
                // the wrong leaf, index or size fails
                let other = leaf(b"other");
                assert!(!verify(&other, i as u64, n as u64, &path, &r));
                if n > 1 {
                    assert!(!verify(&leaves[i], ((i + 1) % n) as u64, n as u64, &path, &r));
                }
                // built as the leaves go by, with another leaf asked for beside it (every leaf
                // of the small trees, some of the larger: each is a pass over all leaves)
                if n > 64 && i % 5 != 0 {
                    continue;
                }
                let other_index = (i * 7 + 3) % n;
                let mut paths = Paths::new(n as u64, &[i as u64, other_index as u64]);
                leaves.iter().for_each(|l| paths.push(*l));
                let built = paths.finish();
                assert_eq!(built[0], Some((leaves[i], path.clone())), "size {n} leaf {i}");
                assert_eq!(built[1], Some((leaves[other_index], path_of(&all, other_index))));
            }
        }
    }
}
