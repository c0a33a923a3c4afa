//! Base64 for MIME bodies: 76-column lines joined by CRLF (RFC 2045 §6.8), and a lenient decoder.

/// Encoded characters per line.
const LINE: usize = 76;
/// Input bytes per full line (76 / 4 * 3).
const CHUNK: usize = 57;

/// Length of [`encode_base64_lines`] for `n` input bytes (no final CRLF).
pub fn base64_lines_len(n: usize) -> usize {
    if n == 0 {
        return 0;
    }
    let chars = n.div_ceil(3) * 4;
    chars + 2 * (chars.div_ceil(LINE) - 1)
}

/// Base64 in 76-column lines separated by CRLF, without a final CRLF.
pub fn encode_base64_lines(data: &[u8]) -> String {
    let mut out = Vec::with_capacity(base64_lines_len(data.len()));
    base64_lines_into(&mut out, data);
    // Base64 output is ASCII, so this conversion cannot fail; the fallback is never taken.
    String::from_utf8(out).unwrap_or_default()
}

/// Appends the lines straight to `out`, one line at a time, so no second copy of the
/// encoded attachment ever exists.
pub(crate) fn base64_lines_into(out: &mut Vec<u8>, data: &[u8]) {
    for (i, chunk) in data.chunks(CHUNK).enumerate() {
        if i > 0 {
            out.extend_from_slice(b"\r\n");
        }
        encode_into(out, chunk, STANDARD, true);
    }
}

/// The standard alphabet (RFC 4648 §4).
pub(crate) const STANDARD: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
/// The URL- and filename-safe alphabet (RFC 4648 §5).
pub(crate) const URL_SAFE: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Appends the base64 of `data` in `alphabet` to `out`, with `=` padding if `pad`.
///
/// Our own few lines, not the base64 crate (issue 17 measured it, 0.22, in these functions'
/// place): it made the MIME build slower. A 25 MiB attachment as 76-column lines, native,
/// opt-level z, median of 15 (min): 38.5 (37.4) -> 42.8 (41.8) ms, again 41.5 (37.4) -> 43.4
/// (42.2) ms; encoding 64 lines per call of the engine instead of one changed nothing. In
/// Chromium (`cargo xtask bench mail`, medians of 5): ours 37.3-51.8 ms, median 41.1 over 5
/// runs; the crate's 41.4-68.7 ms, median 58.2 over 4, slower in each of the bench's two
/// memory modes. The crate also cost +1.5 KB gzip on the first load (235,684 vs 234,187 B).
pub(crate) fn encode_into(out: &mut Vec<u8>, data: &[u8], alphabet: &[u8; 64], pad: bool) {
    let char_at = |v: u32| alphabet[(v & 63) as usize];
    let mut groups = data.chunks_exact(3);
    // Sized once and written in place: pushing four bytes at a time checks the capacity
    // on every group, which halved the speed on a 25 MB attachment.
    let start = out.len();
    out.resize(start + data.len() / 3 * 4, 0);
    for (dst, g) in out[start..].chunks_exact_mut(4).zip(&mut groups) {
        let v = u32::from(g[0]) << 16 | u32::from(g[1]) << 8 | u32::from(g[2]);
        dst.copy_from_slice(&[
            char_at(v >> 18),
            char_at(v >> 12),
            char_at(v >> 6),
            char_at(v),
        ]);
    }
    match *groups.remainder() {
        [a] => {
            let v = u32::from(a) << 16;
            out.extend_from_slice(&[char_at(v >> 18), char_at(v >> 12)]);
            if pad {
                out.extend_from_slice(b"==");
            }
        }
        [a, b] => {
            let v = u32::from(a) << 16 | u32::from(b) << 8;
            out.extend_from_slice(&[char_at(v >> 18), char_at(v >> 12), char_at(v >> 6)]);
            if pad {
                out.push(b'=');
            }
        }
        _ => {}
    }
}

/// The base64 of `data` as a string.
pub(crate) fn encode(data: &[u8], alphabet: &[u8; 64], pad: bool) -> String {
    let mut out = Vec::with_capacity(data.len().div_ceil(3) * 4);
    encode_into(&mut out, data, alphabet, pad);
    // Base64 output is ASCII, so this conversion cannot fail; the fallback is never taken.
    String::from_utf8(out).unwrap_or_default()
}

/// Decodes base64 leniently, as mail readers do: line breaks, padding and any other character
/// outside the alphabet are skipped. Both alphabets are accepted (`+/` and `-_`).
///
/// Ours too: the crate's decoder rejects what RFC 2045 §6.8 says to skip and takes one
/// alphabet at a time, so the sifting would stay ours anyway. (Measured for issue 17: this
/// sifting feeding the crate's decoder in 1 KB blocks, `DecodePaddingMode::Indifferent` and
/// `with_decode_allow_trailing_bits(true)`, decoded 25 MiB natively in 134 ms against 248 ms
/// for this loop: not taken with the encoder dropped, as it alone would add the crate.)
pub fn decode_base64(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    let mut acc: u32 = 0;
    let mut n = 0;
    for &c in text {
        let Some(v) = sextet(c) else { continue };
        acc = (acc << 6) | u32::from(v);
        n += 1;
        if n == 4 {
            out.extend_from_slice(&[(acc >> 16) as u8, (acc >> 8) as u8, acc as u8]);
            acc = 0;
            n = 0;
        }
    }
    // A final group of 2 or 3 characters holds 1 or 2 bytes; a lone character holds none.
    match n {
        2 => out.push((acc >> 4) as u8),
        3 => out.extend_from_slice(&[(acc >> 10) as u8, (acc >> 2) as u8]),
        _ => {}
    }
    out
}

/// The 6-bit value of a base64 character, either alphabet.
pub(crate) fn sextet(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' | b'-' => Some(62),
        b'/' | b'_' => Some(63),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_76_columns_with_crlf() {
        let data: Vec<u8> = (0..=255u8).cycle().take(1000).collect();
        let text = encode_base64_lines(&data);
        assert_eq!(text.len(), base64_lines_len(data.len()));
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert!(lines[..lines.len() - 1].iter().all(|l| l.len() == 76));
        assert!(lines.last().is_some_and(|l| l.len() <= 76 && !l.is_empty()));
        assert_eq!(decode_base64(text.as_bytes()), data);
    }

    #[test]
    fn lengths() {
        for n in 0..400 {
            let data = vec![7u8; n];
            assert_eq!(encode_base64_lines(&data).len(), base64_lines_len(n), "{n}");
        }
    }

    #[test]
    fn encoder_matches_rfc4648_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, coded) in cases {
            assert_eq!(encode(plain.as_bytes(), STANDARD, true), coded);
            assert_eq!(
                encode(plain.as_bytes(), URL_SAFE, false),
                coded.trim_end_matches('=')
            );
        }
        assert_eq!(encode(&[0xfb, 0xff, 0xbf], STANDARD, true), "+/+/");
        assert_eq!(encode(&[0xfb, 0xff, 0xbf], URL_SAFE, false), "-_-_");
    }

    // The base64 crate is a native-only dev-dependency.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn encoder_matches_the_base64_crate() {
        use base64::engine::general_purpose::{STANDARD as CRATE_STANDARD, URL_SAFE_NO_PAD};
        use base64::Engine;
        let data: Vec<u8> = (0..=255u8)
            .cycle()
            .take(1200)
            .map(|b| b.wrapping_mul(167))
            .collect();
        for n in 0..data.len() {
            let d = &data[..n];
            assert_eq!(encode(d, STANDARD, true), CRATE_STANDARD.encode(d), "{n}");
            assert_eq!(encode(d, URL_SAFE, false), URL_SAFE_NO_PAD.encode(d), "{n}");
        }
    }

    // The base64 crate is a native-only dev-dependency.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn decoder_matches_the_base64_crate() {
        use base64::engine::general_purpose::STANDARD as CRATE_STANDARD;
        use base64::Engine;
        let data: Vec<u8> = (0..3000u32).map(|i| (i * 131 + 7) as u8).collect();
        for n in (0..data.len()).step_by(7) {
            let d = &data[..n];
            assert_eq!(decode_base64(encode_base64_lines(d).as_bytes()), d, "{n}");
            assert_eq!(decode_base64(CRATE_STANDARD.encode(d).as_bytes()), d, "{n}");
        }
    }

    #[test]
    fn decoder_ignores_trailing_bits_and_a_lone_character() {
        // "Zh" sets bits below the one byte it holds, which a strict decoder refuses.
        assert_eq!(decode_base64(b"Zh=="), b"f");
        assert_eq!(decode_base64(b"Zm9vY"), b"foo");
        assert_eq!(decode_base64(b"Zm9v\r\nYg=\r\n="), b"foob");
    }

    #[test]
    fn decoder_is_lenient() {
        assert_eq!(decode_base64(b"aGVs\r\nbG8=\r\n"), b"hello");
        assert_eq!(decode_base64(b"aGVsbG8"), b"hello");
        assert_eq!(decode_base64(b" a G V s b G 8 = = "), b"hello");
        assert_eq!(decode_base64(b"-_-_"), [0xfb, 0xff, 0xbf]);
        assert_eq!(decode_base64(b""), b"");
    }
}
