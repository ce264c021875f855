//! Signed checkpoints: a run folder's `checkpoint` states the log's origin, tree size and
//! root, and carries the signatures of the office that ran it and of any witness (an
//! Inspektorat) who checked it — the C2SP `signed-note` / `tlog-checkpoint` formats:
//!
//! ```text
//! jaring/<sha256 of the log's header line>
//! <tree size>
//! <root, base64>
//!
//! — <key name> <base64(key id ‖ Ed25519 signature of the three lines above)>
//! ```
//!
//! A key id is the first 4 bytes of SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key). Key files:
//! `NAME.key` (owner-only) `PRIVATE+KEY+<name>+<id hex>+<base64(0x01 ‖ seed)>` and `NAME.pub`
//! `<name>+<id hex>+<base64(0x01 ‖ public key)>`, as the Go note package writes them.

use base64::Engine as _;
use ed25519_dalek::{Signer as _, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

use crate::i18n::Msg;
use crate::msg;

/// The file in a run folder.
pub const FILE: &str = "checkpoint";
const ED25519: u8 = 0x01;
const DASH: &str = "\u{2014} ";

fn b64() -> base64::engine::GeneralPurpose {
    base64::engine::general_purpose::STANDARD
}

/// A name a key may have: what a note line can carry.
fn valid_name(name: &str) -> bool {
    !name.is_empty() && name.len() <= 64 && name.chars().all(|c| c.is_ascii_graphic() && c != '+')
}

fn key_id(name: &str, public: &[u8; 32]) -> [u8; 4] {
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    h.update(b"\n");
    h.update([ED25519]);
    h.update(public);
    let d = h.finalize();
    [d[0], d[1], d[2], d[3]]
}

/// A signer's key.
pub struct PrivateKey {
    pub name: String,
    key: SigningKey,
}

/// A verifier's key.
#[derive(Clone, Debug)]
pub struct PublicKey {
    pub name: String,
    pub id: [u8; 4],
    key: VerifyingKey,
}

impl PrivateKey {
    /// A new key named `name` (from the OS's randomness).
    pub fn generate(name: &str) -> Result<PrivateKey, Msg> {
        if !valid_name(name) {
            return Err(msg!("key-bad-name", name = crate::text::shown(name, 80)));
        }
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(|e| msg!("key-no-randomness", error = e.to_string()))?;
        Ok(PrivateKey { name: name.to_owned(), key: SigningKey::from_bytes(&seed) })
    }

    pub fn public(&self) -> PublicKey {
        let key = self.key.verifying_key();
        PublicKey { name: self.name.clone(), id: key_id(&self.name, key.as_bytes()), key }
    }

    /// The key file's text.
    pub fn encode(&self) -> String {
        let public = self.public();
        let mut bytes = vec![ED25519];
        bytes.extend_from_slice(self.key.as_bytes());
        format!("PRIVATE+KEY+{}+{}+{}\n", self.name, crate::digest::hex(&public.id), b64().encode(bytes))
    }

    pub fn parse(text: &str) -> Result<PrivateKey, Msg> {
        let bad = || msg!("key-unreadable");
        let rest = text.trim().strip_prefix("PRIVATE+KEY+").ok_or_else(bad)?;
        // the key's base64 may itself hold `+`: name and id are the first two fields
        let mut parts = rest.splitn(3, '+');
        let (Some(name), Some(_), Some(key)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad());
        };
        let bytes = b64().decode(key).map_err(|_| bad())?;
        let seed: [u8; 32] = match bytes.split_first() {
            Some((&ED25519, seed)) => seed.try_into().map_err(|_| bad())?,
            _ => return Err(bad()),
        };
        if !valid_name(name) {
            return Err(bad());
        }
        Ok(PrivateKey { name: name.to_owned(), key: SigningKey::from_bytes(&seed) })
    }

    /// The signature line of `body`.
    fn sign(&self, body: &str) -> String {
        let signature = self.key.sign(body.as_bytes());
        let mut bytes = self.public().id.to_vec();
        bytes.extend_from_slice(&signature.to_bytes());
        format!("{DASH}{} {}\n", self.name, b64().encode(bytes))
    }
}

impl PublicKey {
    pub fn encode(&self) -> String {
        let mut bytes = vec![ED25519];
        bytes.extend_from_slice(self.key.as_bytes());
        format!("{}+{}+{}\n", self.name, crate::digest::hex(&self.id), b64().encode(bytes))
    }

    pub fn parse(text: &str) -> Result<PublicKey, Msg> {
        let bad = || msg!("key-unreadable");
        let mut parts = text.trim().splitn(3, '+');
        let (Some(name), Some(_), Some(key)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad());
        };
        let bytes = b64().decode(key).map_err(|_| bad())?;
        let public: [u8; 32] = match bytes.split_first() {
            Some((&ED25519, k)) => k.try_into().map_err(|_| bad())?,
            _ => return Err(bad()),
        };
        let key = VerifyingKey::from_bytes(&public).map_err(|_| bad())?;
        if !valid_name(name) {
            return Err(bad());
        }
        Ok(PublicKey { name: name.to_owned(), id: key_id(name, &public), key })
    }
}

/// A checkpoint's body: origin, size, root.
pub fn body(origin: &str, size: u64, root: &[u8; 32]) -> String {
    format!("{origin}\n{size}\n{}\n", b64().encode(root))
}

/// A checkpoint read: its body and its signature lines (name, key id, signature).
pub struct Note {
    pub body: String,
    pub signatures: Vec<(String, [u8; 4], [u8; 64])>,
}

impl Note {
    pub fn parse(text: &str) -> Result<Note, Msg> {
        let bad = || msg!("checkpoint-unreadable");
        let (body, signatures) = match text.split_once("\n\n") {
            Some((b, s)) => (format!("{b}\n"), s),
            None => (text.to_owned(), ""),
        };
        let mut out = Vec::new();
        for line in signatures.lines().filter(|l| !l.is_empty()) {
            let rest = line.strip_prefix(DASH).ok_or_else(bad)?;
            let (name, sig) = rest.split_once(' ').ok_or_else(bad)?;
            let bytes = b64().decode(sig).map_err(|_| bad())?;
            if bytes.len() != 68 {
                return Err(bad());
            }
            let id: [u8; 4] = bytes[..4].try_into().map_err(|_| bad())?;
            let s: [u8; 64] = bytes[4..].try_into().map_err(|_| bad())?;
            out.push((name.to_owned(), id, s));
        }
        Ok(Note { body, signatures: out })
    }

    /// The note's text (body, a blank line, one line per signature when there are any).
    pub fn text(&self) -> String {
        let mut t = self.body.clone();
        if !self.signatures.is_empty() {
            t.push('\n');
            for (name, id, s) in &self.signatures {
                let mut bytes = id.to_vec();
                bytes.extend_from_slice(s);
                t.push_str(&format!("{DASH}{name} {}\n", b64().encode(bytes)));
            }
        }
        t
    }

    /// Adds (or replaces) `key`'s signature.
    pub fn sign(&mut self, key: &PrivateKey) {
        let id = key.public().id;
        self.signatures.retain(|(n, i, _)| !(n == &key.name && *i == id));
        let line = key.sign(&self.body);
        if let Ok(parsed) = Note::parse(&format!("{}\n{line}", self.body)) {
            self.signatures.extend(parsed.signatures);
        }
    }

    /// Whether `key` signed this body.
    pub fn signed_by(&self, key: &PublicKey) -> bool {
        self.signatures.iter().any(|(name, id, s)| {
            *name == key.name
                && *id == key.id
                && key
                    .key
                    .verify_strict(self.body.as_bytes(), &ed25519_dalek::Signature::from_bytes(s))
                    .is_ok()
        })
    }

    /// The origin, size and root the body states.
    pub fn claims(&self) -> Option<(String, u64, [u8; 32])> {
        let mut lines = self.body.lines();
        let origin = lines.next()?.to_owned();
        let size = lines.next()?.parse().ok()?;
        let root: [u8; 32] = b64().decode(lines.next()?).ok()?.try_into().ok()?;
        Some((origin, size, root))
    }
}

/// Writes the checkpoint of a log into run folder `dir`, signed with `key` when given.
pub fn write(
    dir: &std::path::Path,
    written: &super::Written,
    key: Option<&PrivateKey>,
) -> std::io::Result<()> {
    let root: [u8; 32] = crate::digest::unhex32(&written.root).unwrap_or([0; 32]);
    let mut note = Note {
        body: body(&super::origin(&written.header_sha256), written.records, &root),
        signatures: Vec::new(),
    };
    if let Some(k) = key {
        note.sign(k);
    }
    std::fs::write(dir.join(FILE), note.text())
}

/// What is wrong with a folder's checkpoint, against the log's origin, size and root as
/// recomputed, and the keys that must have signed it; and the signers not checked.
pub fn check(
    text: &str,
    origin: &str,
    size: u64,
    root_hex: &str,
    keys: &[PublicKey],
) -> (Vec<Msg>, Vec<String>) {
    let mut problems = Vec::new();
    let note = match Note::parse(text) {
        Ok(n) => n,
        Err(m) => return (vec![m], Vec::new()),
    };
    let root = crate::digest::unhex32(root_hex).unwrap_or([0; 32]);
    match note.claims() {
        Some((o, s, r)) if o == origin && s == size && r == root => {}
        _ => problems.push(msg!("checkpoint-differs")),
    }
    for key in keys {
        if !note.signed_by(key) {
            problems.push(msg!("checkpoint-not-signed", name = &key.name, id = crate::digest::hex(&key.id)));
        }
    }
    let unchecked = note
        .signatures
        .iter()
        .filter(|(name, id, _)| !keys.iter().any(|k| k.name == *name && k.id == *id))
        .map(|(name, _, _)| name.clone())
        .collect();
    (problems, unchecked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_signed_checked_and_refused_when_changed() {
        let office = PrivateKey::generate("bpbd-paser").expect("key");
        let witness = PrivateKey::generate("inspektorat-paser").expect("key");
        let stranger = PrivateKey::generate("bpbd-paser").expect("key");
        let office_pub = PublicKey::parse(&office.public().encode()).expect("reads back");
        let office = PrivateKey::parse(&office.encode()).expect("reads back");
        let mut note = Note::parse(&body("jaring/abc", 300, &[7u8; 32])).expect("a body");
        note.sign(&office);
        note.sign(&witness);
        let text = note.text();
        let read = Note::parse(&text).expect("reads");
        assert!(read.signed_by(&office_pub));
        assert!(read.signed_by(&witness.public()));
        assert!(!read.signed_by(&stranger.public()), "same name, other key");
        assert_eq!(read.claims(), Some(("jaring/abc".to_owned(), 300, [7u8; 32])));
        let changed = Note::parse(&text.replacen("300", "301", 1)).expect("reads");
        assert!(!changed.signed_by(&office_pub));
        assert!(PrivateKey::generate("with space").is_err());
    }
}
