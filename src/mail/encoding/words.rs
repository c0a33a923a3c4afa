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
pub fn decode_header_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = String::new();
    // Bytes of consecutive encoded-words, with their charset, waiting to be decoded together.
    let mut pending: Option<(String, Vec<u8>)> = None;
    let mut after_word = false;
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        if let Some((charset, bytes, len)) = parse_encoded_word(rest) {
            if !after_word {
                // The space before the first word of a run is text; between words it is not.
                flush(&mut pending, &mut out);
                out.push_str(&pending_space);
            }
            pending_space.clear();
            match &mut pending {
                Some((cs, buf)) if cs.eq_ignore_ascii_case(&charset) => {
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

fn flush(pending: &mut Option<(String, Vec<u8>)>, out: &mut String) {
    if let Some((charset, bytes)) = pending.take() {
        out.push_str(&decode_charset(&charset, &bytes));
    }
}

/// Parses `=?charset?enc?text?=` at the start of `s`: (charset, decoded bytes, length).
fn parse_encoded_word(s: &str) -> Option<(String, Vec<u8>, usize)> {
    let body = s.strip_prefix("=?")?;
    let q1 = body.find('?')?;
    // RFC 2231 §5 allows a language after the charset: `utf-8*en`.
    let charset = body[..q1].split('*').next().unwrap_or("");
    let after_charset = &body[q1 + 1..];
    let mut chars = after_charset.chars();
    let encoding = chars.next()?;
    if chars.next()? != '?' || charset.is_empty() || charset.contains(char::is_whitespace) {
        return None;
    }
    let encoded_start = &after_charset[2..];
    let end = encoded_start.find("?=")?;
    let encoded = &encoded_start[..end];
    if encoded.contains(char::is_whitespace) {
        return None;
    }
    let bytes = match encoding {
        'B' | 'b' => decode_base64(encoded.as_bytes()),
        'Q' | 'q' => decode_q(encoded.as_bytes()),
        _ => return None,
    };
    let len = 2 + q1 + 1 + 2 + end + 2;
    Some((charset.to_string(), bytes, len))
}

fn decode_q(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        match text[i] {
            b'_' => out.push(b' '),
            b'=' => {
                let digit = |j: usize| text.get(j).and_then(|&c| (c as char).to_digit(16));
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
