//! A file written once from start to end whose written part is handed to the disk as it
//! goes and then let go of by the page cache: a run's outputs (gigabytes from a province's
//! registry) neither pile up as dirty pages for one long `fsync` at the end nor push the
//! registry and everything else out of the cache.
//!
//! Every [`STRIDE`] bytes the writer starts the write-back of the stride just written
//! (`sync_file_range`), waits for the one before it (already on its way, so seldom a wait)
//! and tells the kernel it will not read it again (`posix_fadvise(DONTNEED)`). The file is
//! still made durable by the caller's `sync_all`; the advice changes only when pages reach
//! the disk and how long they stay cached, never what the file holds. Where the system
//! cannot (another OS, a file system that refuses), the writer is a plain file.

use std::io::Write;

/// How many bytes go out between two pieces of advice.
pub const STRIDE: u64 = 32 << 20;

/// A file written from start to end, its written strides sent to disk and let go of.
pub struct Behind {
    file: std::fs::File,
    /// Bytes written so far.
    written: u64,
    /// Where the stride whose write-back was last started begins: everything before it has
    /// been let go of.
    started: u64,
    /// Where the write-back started last ends.
    sent: u64,
    /// How many bytes go out between two pieces of advice.
    stride: u64,
}

impl Behind {
    /// Writes from the start of `file` (a file just created: the offsets are the file's).
    pub fn new(file: std::fs::File) -> Behind {
        Behind::with_stride(file, STRIDE)
    }

    /// The same, advised every `stride` bytes.
    pub fn with_stride(file: std::fs::File, stride: u64) -> Behind {
        Behind { file, written: 0, started: 0, sent: 0, stride: stride.max(1) }
    }

    /// The file.
    pub fn get_ref(&self) -> &std::fs::File {
        &self.file
    }

    /// Makes the file durable (what is still in the cache and the metadata).
    pub fn sync_all(&self) -> std::io::Result<()> {
        self.file.sync_all()
    }

    /// Starts the write-back of what was written since the last time, and lets go of the
    /// stride before it once that is on disk.
    fn advance(&mut self) {
        let (previous, start, end) = (self.started, self.sent, self.written);
        start_writeback(&self.file, start, end - start);
        if start > previous {
            drop_written(&self.file, previous, start - previous);
        }
        (self.started, self.sent) = (start, end);
    }
}

impl Write for Behind {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.file.write(buf)?;
        self.written += n as u64;
        if self.written - self.sent >= self.stride {
            self.advance();
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

/// Asks the kernel to start writing `len` bytes from `offset` to disk, without waiting.
#[cfg(target_os = "linux")]
fn start_writeback(file: &std::fs::File, offset: u64, len: u64) {
    use std::os::unix::io::AsRawFd as _;
    let (Ok(offset), Ok(len)) = (i64::try_from(offset), i64::try_from(len)) else { return };
    // SAFETY: the descriptor is open while `file` is borrowed; the call only reads its
    // arguments. Advice that fails changes nothing the file holds, so its result is ignored.
    unsafe {
        libc::sync_file_range(file.as_raw_fd(), offset, len, libc::SYNC_FILE_RANGE_WRITE);
    }
}

/// Waits until `len` bytes from `offset` are on disk, then drops them from the page cache.
#[cfg(target_os = "linux")]
fn drop_written(file: &std::fs::File, offset: u64, len: u64) {
    use std::os::unix::io::AsRawFd as _;
    let (Ok(offset), Ok(len)) = (i64::try_from(offset), i64::try_from(len)) else { return };
    let all =
        libc::SYNC_FILE_RANGE_WAIT_BEFORE | libc::SYNC_FILE_RANGE_WRITE | libc::SYNC_FILE_RANGE_WAIT_AFTER;
    // SAFETY: as in `start_writeback`. Dirty pages are never dropped by the advice: only
    // pages already written, which the wait above makes these.
    unsafe {
        if libc::sync_file_range(file.as_raw_fd(), offset, len, all) == 0 {
            libc::posix_fadvise(file.as_raw_fd(), offset, len, libc::POSIX_FADV_DONTNEED);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn start_writeback(_: &std::fs::File, _: u64, _: u64) {}

#[cfg(not(target_os = "linux"))]
fn drop_written(_: &std::fs::File, _: u64, _: u64) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_written_is_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out");
        let stride = 1 << 20;
        let file = std::fs::File::create(&path).unwrap();
        let mut w = std::io::BufWriter::with_capacity(1 << 16, Behind::with_stride(file, stride));
        // several strides, in pieces that do not divide them
        let piece: Vec<u8> = (0..7919u32).map(|i| (i % 251) as u8).collect();
        let mut expected = Vec::new();
        while (expected.len() as u64) < 3 * stride + 12345 {
            w.write_all(&piece).unwrap();
            expected.extend_from_slice(&piece);
        }
        w.flush().unwrap();
        let behind = w.into_inner().map_err(|e| e.into_error()).unwrap();
        assert!(behind.started > 0, "the strides before the last were let go of");
        behind.get_ref().sync_all().unwrap();
        drop(behind);
        assert!(std::fs::read(&path).unwrap() == expected);
    }
}
