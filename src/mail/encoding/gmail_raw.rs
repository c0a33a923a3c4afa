//! Gmail's `raw` field: the whole RFC 5322 message as base64url.
//!
//! We send it without padding (`URL_SAFE_NO_PAD`). Gmail accepts it with or without `=`;
//! leaving the padding out keeps the text URL-safe everywhere and the length a simple formula.
//! Reading accepts padded and unpadded text, either alphabet and line breaks.

use super::base64_lines::{decode_base64, encode, sextet, URL_SAFE};
use std::fmt;

/// The `raw` text for a message.
pub fn encode_gmail_raw(message: &[u8]) -> String {
    encode(message, URL_SAFE, false)
}

/// Input bytes per piece when the `raw` text is written piece by piece (the shell's JSON
/// body as a Blob): a multiple of 3, so no piece but the last ends in a partial group and
/// the pieces' texts join into the whole's.
pub const RAW_PIECE: usize = 3 * 256 * 1024;

/// Length of [`encode_gmail_raw`] for a message of `message_len` bytes.
pub fn gmail_raw_len(message_len: usize) -> usize {
    // Written without `4 * n` so it cannot overflow a 32-bit usize on wasm32.
    message_len / 3 * 4 + [0, 2, 3][message_len % 3]
}

/// The `raw` text was not base64.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawDecodeError {
    /// Byte offset of the first offending character, or the text length when it was cut short.
    pub position: usize,
}

impl fmt::Display for RawDecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "The message from Gmail could not be read (bad base64 at byte {}).",
            self.position
        )
    }
}

impl std::error::Error for RawDecodeError {}

/// Decodes a `raw` field as Gmail returns it (`format=raw`).
pub fn decode_gmail_raw(raw: &str) -> Result<Vec<u8>, RawDecodeError> {
    let mut count = 0usize;
    for (position, b) in raw.bytes().enumerate() {
        if sextet(b).is_some() {
            count += 1;
        } else if !(b == b'=' || b.is_ascii_whitespace()) {
            return Err(RawDecodeError { position });
        }
    }
    // One character left over carries fewer than 8 bits: the text was truncated.
    if count % 4 == 1 {
        return Err(RawDecodeError {
            position: raw.len(),
        });
    }
    Ok(decode_base64(raw.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_length() {
        for n in 0..50 {
            let message: Vec<u8> = (0..n).map(|i| (i * 37 + 250) as u8).collect();
            let raw = encode_gmail_raw(&message);
            assert_eq!(raw.len(), gmail_raw_len(n));
            assert!(!raw.contains(['=', '+', '/']));
            assert_eq!(decode_gmail_raw(&raw), Ok(message));
        }
    }

    #[test]
    fn accepts_padding_and_standard_alphabet() {
        assert_eq!(decode_gmail_raw("-_8=").unwrap(), vec![0xfb, 0xff]);
        assert_eq!(decode_gmail_raw("+/8=\r\n").unwrap(), vec![0xfb, 0xff]);
        assert_eq!(decode_gmail_raw("aGk").unwrap(), b"hi");
    }

    #[test]
    fn pieces_cut_at_multiples_of_three_join_into_the_whole() {
        assert_eq!(RAW_PIECE % 3, 0);
        let message: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 256) as u8).collect();
        for piece in [3, 6, 300, 999, 3000] {
            let joined: String = message.chunks(piece).map(encode_gmail_raw).collect();
            assert_eq!(joined, encode_gmail_raw(&message), "piece {piece}");
        }
    }

    #[test]
    fn rejects_garbage() {
        assert_eq!(
            decode_gmail_raw("aGk*"),
            Err(RawDecodeError { position: 3 })
        );
        assert_eq!(
            decode_gmail_raw("aGkhZ"),
            Err(RawDecodeError { position: 5 })
        );
    }
}
