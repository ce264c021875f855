//! A registry's source read a little at a time into a window, every byte hashed on the way:
//! what a CSV's windows and a JSON Lines file's windows are filled from.

use super::RegistryError;

/// A source of registry bytes and the SHA-256 of all it handed over so far.
pub(super) struct Hashed<R> {
    label: String,
    source: R,
    hasher: sha2::Sha256,
    scratch: Vec<u8>,
}

impl<R: std::io::Read> Hashed<R> {
    /// `label` names the source in an error.
    pub(super) fn new(label: &str, source: R) -> Hashed<R> {
        use sha2::Digest as _;
        Hashed { label: label.to_owned(), source, hasher: sha2::Sha256::new(), scratch: vec![0u8; 1 << 16] }
    }

    /// Reads until `window` holds `target` bytes or the source ends (false then). A source
    /// may hand over little at a time (a database sends a row per message): reads go through
    /// one scratch buffer, and the window only grows by what came.
    pub(super) fn fill(&mut self, window: &mut Vec<u8>, target: usize) -> Result<bool, RegistryError> {
        use sha2::Digest as _;
        while window.len() < target {
            let n = loop {
                match self.source.read(&mut self.scratch) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(error) => return Err(RegistryError::Io { path: self.label.clone(), error }),
                }
            };
            if n == 0 {
                return Ok(false);
            }
            self.hasher.update(&self.scratch[..n]);
            window.extend_from_slice(&self.scratch[..n]);
        }
        Ok(true)
    }

    /// The SHA-256 of every byte read so far.
    pub(super) fn sha256(&self) -> [u8; 32] {
        use sha2::Digest as _;
        self.hasher.clone().finalize().into()
    }
}
