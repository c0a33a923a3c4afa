//! Where the builder writes: a byte buffer, or a counter that only adds up lengths.
//!
//! Building and measuring share one code path, so `encoded_len` is exact by construction and
//! costs no attachment encoding (base64 lengths are computed, not produced).

use super::base64_lines::{base64_lines_into, base64_lines_len};
use super::quoted_printable::qp_into;

pub(crate) trait Sink {
    fn put(&mut self, bytes: &[u8]);
    /// `data` as base64 in 76-column CRLF lines, without a final CRLF.
    fn put_base64_lines(&mut self, data: &[u8]);
    /// `data` as quoted-printable, without a final CRLF unless `data` ends with CRLF.
    fn put_quoted_printable(&mut self, data: &[u8]) {
        qp_into(data, |chunk| self.put(chunk));
    }
}

impl Sink for Vec<u8> {
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }

    fn put_base64_lines(&mut self, data: &[u8]) {
        base64_lines_into(self, data);
    }
}

/// Counts the bytes a `Vec<u8>` sink would receive.
#[derive(Default)]
pub(crate) struct Counter(pub usize);

impl Sink for Counter {
    fn put(&mut self, bytes: &[u8]) {
        self.0 += bytes.len();
    }

    fn put_base64_lines(&mut self, data: &[u8]) {
        self.0 += base64_lines_len(data.len());
    }
}

/// Hands the output to `flush` in pieces of about `size` bytes (at most about twice that)
/// instead of collecting it: a 25 MB attachment never has a whole encoded copy in WASM
/// memory, only one piece at a time (the shell turns each into a Blob part).
pub(crate) struct Chunks<F: FnMut(&[u8])> {
    buf: Vec<u8>,
    size: usize,
    flush: F,
}

impl<F: FnMut(&[u8])> Chunks<F> {
    pub(crate) fn new(size: usize, flush: F) -> Self {
        let size = size.max(1);
        Chunks {
            buf: Vec::with_capacity(size.saturating_mul(2)),
            size,
            flush,
        }
    }

    fn flush_if_full(&mut self) {
        if self.buf.len() >= self.size {
            (self.flush)(&self.buf);
            // Keeps the capacity: the next piece is written in the same memory.
            self.buf.clear();
        }
    }

    /// Hands over what is left.
    pub(crate) fn finish(mut self) {
        if !self.buf.is_empty() {
            (self.flush)(&self.buf);
        }
    }
}

impl<F: FnMut(&[u8])> Sink for Chunks<F> {
    fn put(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
        self.flush_if_full();
    }

    fn put_base64_lines(&mut self, data: &[u8]) {
        // Whole lines per piece (57 input bytes make one 76-column line and its CRLF, 78
        // bytes), so encoding piece by piece writes exactly the lines of the whole.
        let piece = (self.size / 78).max(1) * 57;
        for (i, part) in data.chunks(piece).enumerate() {
            if i > 0 {
                self.buf.extend_from_slice(b"\r\n");
            }
            base64_lines_into(&mut self.buf, part);
            self.flush_if_full();
        }
    }
}
