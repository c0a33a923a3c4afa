//! RFC 2047 encoded-words (`=?utf-8?B?…?=`, `=?utf-8?Q?…?=`) for non-ASCII header text, and
//! the decoder for header text containing them.

use super::base64_lines::decode_base64;
use super::base64_lines::{encode, STANDARD};
use super::charset::decode_charset;

/// An encoded-word is at most 75 characters long (RFC 2047 §2).
pub(crate) const MAX_WORD: usize = 75;
/// Length of `=?utf-8?B?` plus `?=`.
const OVERHEAD: usize = 12;

/// B is base64; Q is quoted-printable-like, more readable for mostly-ASCII text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WordEncoding {
    B,
    Q,
}

/// Bytes that stand for themselves in a Q word wherever it appears, display names included
/// (RFC 2047 §5 rule 3); a space becomes `_`, everything else `=XX`.
fn q_literal(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'!' | b'*' | b'+' | b'-' | b'/')
}

fn q_cost(b: u8) -> usize {
    if q_literal(b) || b == b' ' {
        1
    } else {
        3
    }
}

/// The shorter encoding of `text` (Q on a tie, as it stays readable).
pub(crate) fn choose_encoding(text: &str) -> WordEncoding {
    let q: usize = text.bytes().map(q_cost).sum();
    let b = text.len().div_ceil(3) * 4;
    if q <= b {
        WordEncoding::Q
    } else {
        WordEncoding::B
    }
}

/// Encodes the longest prefix of `text` made of whole characters (at least one) whose word
/// is at most `cap` columns; returns the word and the number of bytes of `text` used.
/// Keeping characters whole means no decoder ever sees half a UTF-8 sequence.
pub(crate) fn next_word(text: &str, encoding: WordEncoding, cap: usize) -> (String, usize) {
    let budget = cap.min(MAX_WORD).saturating_sub(OVERHEAD);
    let mut used = 0;
    let mut q_total = 0;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        let cost = match encoding {
            WordEncoding::B => end.div_ceil(3) * 4,
            WordEncoding::Q => q_total + text[i..end].bytes().map(q_cost).sum::<usize>(),
        };
        if cost > budget && used > 0 {
            break;
        }
        q_total = cost;
        used = end;
    }
    (encode_as(&text[..used], encoding), used)
}

/// One encoded-word for `text` in the shorter encoding, however long it gets (callers split).
pub fn encode_word(text: &str) -> String {
    encode_as(text, choose_encoding(text))
}

fn encode_as(text: &str, encoding: WordEncoding) -> String {
    match encoding {
        WordEncoding::B => format!("=?utf-8?B?{}?=", encode(text.as_bytes(), STANDARD, true)),
        WordEncoding::Q => {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            let mut word = String::with_capacity(OVERHEAD + text.len() * 3);
            word.push_str("=?utf-8?Q?");
            for b in text.bytes() {
                if q_literal(b) {
                    word.push(char::from(b));
                } else if b == b' ' {
                    word.push('_');
                } else {
                    word.push('=');
                    word.push(char::from(HEX[usize::from(b >> 4)]));
                    word.push(char::from(HEX[usize::from(b & 15)]));
                }
            }
            word.push_str("?=");
            word
        }
    }
}

/// Decodes the encoded-words in header text. Whitespace between two encoded-words is dropped
/// (RFC 2047 §6.2); adjacent words in one charset are joined before decoding, so a character
/// split across words by other mailers still decodes. Anything that is not a well-formed
/// encoded-word is kept as it is.
///
/// Total and linear: it reads any text (it is network data) without panicking, and a
/// candidate `=?` that turns out not to start a word costs a binary search, not a scan to
/// the end of the text (which made hostile headers quadratic).
pub fn decode_header_text(text: &str) -> String {
    if !text.contains("=?") {
        return text.to_string();
    }
    let index = Index::new(text);
    let mut out = String::with_capacity(text.len());
    let mut pending_space = String::new();
    // Bytes of consecutive encoded-words, with their charset, waiting to be decoded together.
    let mut pending: Option<(&str, Vec<u8>)> = None;
    let mut after_word = false;
    let mut i = 0;
    while let Some(rest) = text.get(i..).filter(|r| !r.is_empty()) {
        if let Some((charset, bytes, len)) = parse_encoded_word(text, i, &index) {
            if !after_word {
                // The space before the first word of a run is text; between words it is not.
                flush(&mut pending, &mut out);
                out.push_str(&pending_space);
            }
            pending_space.clear();
            match &mut pending {
                Some((cs, buf)) if cs.eq_ignore_ascii_case(charset) => {
                    buf.extend_from_slice(&bytes)
                }
                _ => {
                    flush(&mut pending, &mut out);
                    pending = Some((charset, bytes));
                }
            }
            after_word = true;
            i += len;
            continue;
        }
        let Some(c) = rest.chars().next() else { break };
        if c.is_whitespace() {
            pending_space.push(c);
        } else {
            flush(&mut pending, &mut out);
            out.push_str(&pending_space);
            pending_space.clear();
            out.push(c);
            after_word = false;
        }
        i += c.len_utf8();
    }
    flush(&mut pending, &mut out);
    out.push_str(&pending_space);
    out
}

fn flush(pending: &mut Option<(&str, Vec<u8>)>, out: &mut String) {
    if let Some((charset, bytes)) = pending.take() {
        out.push_str(&decode_charset(charset, &bytes));
    }
}

/// Where each `?=` and each whitespace character is, found once per text.
struct Index {
    closes: Vec<usize>,
    spaces: Vec<usize>,
}

impl Index {
    fn new(text: &str) -> Self {
        let closes = text
            .as_bytes()
            .windows(2)
            .enumerate()
            .filter(|(_, w)| *w == b"?=")
            .map(|(i, _)| i)
            .collect();
        let spaces = text
            .char_indices()
            .filter(|(_, c)| c.is_whitespace())
            .map(|(i, _)| i)
            .collect();
        Index { closes, spaces }
    }
}

/// The first position in the sorted `positions` at or after `from`.
fn first_from(positions: &[usize], from: usize) -> Option<usize> {
    positions
        .get(positions.partition_point(|&p| p < from))
        .copied()
}

/// Parses `=?charset?enc?text?=` at byte `start` of `text`: (charset, decoded bytes, length).
/// Byte-level, so a multibyte character anywhere (`=?x?€?y?=`) is simply not a word.
fn parse_encoded_word<'a>(
    text: &'a str,
    start: usize,
    index: &Index,
) -> Option<(&'a str, Vec<u8>, usize)> {
    let body = text.get(start..)?.strip_prefix("=?")?;
    let q1 = body.find('?')?;
    // RFC 2231 §5 allows a language after the charset: `utf-8*en`.
    let charset = body.get(..q1)?.split('*').next().unwrap_or("");
    if charset.is_empty() || charset.contains(char::is_whitespace) {
        return None;
    }
    let marker = body.as_bytes().get(q1 + 1..q1 + 3)?;
    let decode: fn(&[u8]) -> Vec<u8> = match marker {
        [b'B' | b'b', b'?'] => decode_base64,
        [b'Q' | b'q', b'?'] => decode_q,
        _ => return None,
    };
    // `=?`, the charset, `?`, the letter and `?` are all single bytes.
    let encoded_start = start + 2 + q1 + 3;
    let end = first_from(&index.closes, encoded_start)?;
    if first_from(&index.spaces, encoded_start).is_some_and(|s| s < end) {
        return None;
    }
    let encoded = text.get(encoded_start..end)?;
    Some((charset, decode(encoded.as_bytes()), end + 2 - start))
}

fn decode_q(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let digit = |j: usize| text.get(j).and_then(|&c| (c as char).to_digit(16));
    let mut i = 0;
    while let Some(&b) = text.get(i) {
        match b {
            b'_' => out.push(b' '),
            b'=' => {
                if let (Some(h), Some(l)) = (digit(i + 1), digit(i + 2)) {
                    out.push((h * 16 + l) as u8);
                    i += 3;
                    continue;
                }
                out.push(b'=');
            }
            b => out.push(b),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc2047_examples() {
        // The examples of RFC 2047 §8.
        assert_eq!(decode_header_text("=?ISO-8859-1?Q?a?="), "a");
        assert_eq!(decode_header_text("=?ISO-8859-1?Q?a?= b"), "a b");
        assert_eq!(
            decode_header_text("=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?="),
            "ab"
        );
        assert_eq!(
            decode_header_text("=?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?="),
            "ab"
        );
        assert_eq!(
            decode_header_text("=?ISO-8859-1?Q?a?=\r\n    =?ISO-8859-1?Q?b?="),
            "ab"
        );
        assert_eq!(decode_header_text("=?ISO-8859-1?Q?a_b?="), "a b");
        assert_eq!(
            decode_header_text("=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?="),
            "a b"
        );
        assert_eq!(
            decode_header_text("=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?= <keld@dkuug.dk>"),
            "Keld Jørn Simonsen <keld@dkuug.dk>"
        );
        assert_eq!(
            decode_header_text("=?ISO-8859-1?B?SWYgeW91IGNhbiByZWFkIHRoaXMgeW8=?="),
            "If you can read this yo"
        );
        assert_eq!(
            decode_header_text("=?US-ASCII*EN?Q?Keith_Moore?="),
            "Keith Moore"
        );
    }

    #[test]
    fn split_character_across_words_decodes() {
        // "é" is C3 A9; another mailer split it between two words.
        assert_eq!(
            decode_header_text("=?utf-8?Q?caf=C3?= =?utf-8?Q?=A9?="),
            "café"
        );
        assert_eq!(decode_header_text("x =?UTF-8?b?zrHOsg==?= y"), "x αβ y");
    }

    #[test]
    fn malformed_words_are_kept() {
        for text in [
            "=?utf-8?X?abc?=",
            "=?utf-8?Q?no end",
            "a =? b ?= c",
            "=??Q?a?=",
        ] {
            assert_eq!(decode_header_text(text), text);
        }
    }

    #[test]
    fn multibyte_after_charset_is_text_not_a_panic() {
        // Issue 12: slicing inside the `€` panicked and took the whole app down.
        assert_eq!(decode_header_text("=?x?€?y?="), "=?x?€?y?=");
        for text in [
            "=?€",
            "=?x?€",
            "=?x?B€?=",
            "=?x?Q?€?=",
            "€=?utf-8?Q?=E2=82?=€",
        ] {
            decode_header_text(text);
        }
        assert_eq!(decode_header_text("=?x?Q?€?="), "€", "UTF-8 read as UTF-8");
        // A word that decodes to that text: decoded once, and the result kept as it is.
        let word = encode_word("=?x?€?y?=");
        assert_eq!(decode_header_text(&word), "=?x?€?y?=");
        let q = "=?utf-8?Q?=3D=3Fx=3F=E2=82=AC=3Fy=3F=3D?=";
        assert_eq!(decode_header_text(q), "=?x?€?y?=");
        assert_eq!(decode_header_text(&decode_header_text(q)), "=?x?€?y?=");
    }

    #[test]
    fn encoding_choice_and_round_trip() {
        assert_eq!(choose_encoding("Café au lait"), WordEncoding::Q);
        assert_eq!(choose_encoding("Καλημέρα κόσμε"), WordEncoding::B);
        assert_eq!(encode_word("a b?"), "=?utf-8?Q?a_b=3F?=");
        for text in ["Café au lait", "Καλημέρα", "שלום עולם", "_=?\"", "😀 emoji"]
        {
            assert_eq!(decode_header_text(&encode_word(text)), text);
        }
    }

    #[test]
    fn next_word_respects_cap_and_char_boundaries() {
        let text = "αβγδεζηθικλμνξοπρστυφχψω".repeat(3);
        for encoding in [WordEncoding::B, WordEncoding::Q] {
            let mut rest = text.as_str();
            let mut words = Vec::new();
            while !rest.is_empty() {
                let (word, used) = next_word(rest, encoding, MAX_WORD);
                assert!(word.len() <= MAX_WORD, "{word}");
                assert!(used > 0);
                words.push(word);
                rest = &rest[used..];
            }
            assert!(words.len() > 1);
            assert_eq!(decode_header_text(&words.join(" ")), text);
        }
    }
}
