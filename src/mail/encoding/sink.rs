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
