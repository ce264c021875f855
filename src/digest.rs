//! Content hashes: how policies pin plugins and how runs name their inputs.

use sha2::{Digest, Sha256};

/// Lowercase hex sha256 of `bytes`, as `sha256sum` prints it.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Lowercase hex sha256 of a file's contents, read in pieces (memory stays small however
/// large the file).
pub fn sha256_file(path: &std::path::Path) -> std::io::Result<String> {
    use std::io::Read as _;
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; 1 << 16];
    loop {
        match file.read(&mut buffer)? {
            0 => return Ok(hex(&hasher.finalize())),
            n => hasher.update(&buffer[..n]),
        }
    }
}

/// Writes the hex digits of `bytes` (lower case) into `out`, which holds twice as many.
pub fn hex_into(bytes: &[u8], out: &mut [u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for (b, pair) in bytes.iter().zip(out.chunks_exact_mut(2)) {
        pair[0] = DIGITS[usize::from(b >> 4)];
        pair[1] = DIGITS[usize::from(b & 0xf)];
    }
}

/// The 32 bytes of 64 lowercase hex digits (a sha256 as jaring writes it), or `None`.
pub fn unhex32(text: &str) -> Option<[u8; 32]> {
    let bytes = text.as_bytes();
    if bytes.len() != 64 {
        return None;
    }
    // (looked up and checked once at the end, without a branch per digit: `verify` reads a
    // digest or two of every record)
    let mut out = [0u8; 32];
    let mut wrong = 0u8;
    for (byte, pair) in out.iter_mut().zip(bytes.chunks_exact(2)) {
        let (high, low) = (NIBBLES[usize::from(pair[0])], NIBBLES[usize::from(pair[1])]);
        wrong |= high | low;
        *byte = (high << 4) | (low & 0x0f);
    }
    (wrong & 0xf0 == 0).then_some(out)
}

/// The value of each lowercase hex digit; 0xff for every other byte.
static NIBBLES: [u8; 256] = {
    let mut table = [0xffu8; 256];
    let mut d = 0;
    while d < 16 {
        table[b"0123456789abcdef"[d] as usize] = d as u8;
        d += 1;
    }
    table
};

/// Lowercase hex of raw bytes.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn matches_sha256sum() {
        assert_eq!(
            super::sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn hex_reads_back_and_nothing_else_does() {
        let bytes: [u8; 32] = std::array::from_fn(|i| (i as u8).wrapping_mul(37).wrapping_add(201));
        let text = super::hex(&bytes);
        assert_eq!(super::unhex32(&text), Some(bytes));
        assert_eq!(super::unhex32(&text[..62]), None);
        assert_eq!(super::unhex32(&format!("{text}0")), None);
        for at in [0, 1, 31, 62, 63] {
            for b in (0u8..=127).filter(|b| !b"0123456789abcdef".contains(b)) {
                let mut wrong = text.clone().into_bytes();
                wrong[at] = b;
                let wrong = String::from_utf8(wrong).expect("ascii");
                assert_eq!(super::unhex32(&wrong), None, "{b:#x} at {at}");
            }
        }
    }

    #[test]
    fn a_file_read_in_pieces_hashes_like_its_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        let bytes: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(super::sha256_file(&path).unwrap(), super::sha256_hex(&bytes));
    }
}
