//! Text from the bytes of a declared charset: UTF-8 (and US-ASCII as its subset), ISO-8859-1,
//! ISO-8859-15 and Windows-1252. Anything else is read as UTF-8, replacing invalid bytes.

/// Decodes `bytes` in the charset named by `label` (case-insensitive, quotes tolerated).
pub fn decode_charset(label: &str, bytes: &[u8]) -> String {
    let label = label.trim().trim_matches('"').to_ascii_lowercase();
    match label.as_str() {
        "iso-8859-1" | "iso8859-1" | "iso_8859-1" | "latin1" | "latin-1" | "l1" | "cp819" => {
            bytes.iter().map(|&b| char::from(b)).collect()
        }
        "windows-1252" | "cp1252" | "x-cp1252" => bytes.iter().map(|&b| windows_1252(b)).collect(),
        "iso-8859-15" | "iso8859-15" | "iso_8859-15" | "latin-9" | "latin9" => {
            bytes.iter().map(|&b| latin9(b)).collect()
        }
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// Windows-1252 differs from ISO-8859-1 only in 0x80–0x9F.
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// ISO-8859-15 differs from ISO-8859-1 in eight places.
fn latin9(b: u8) -> char {
    match b {
        0xa4 => '€',
        0xa6 => 'Š',
        0xa8 => 'š',
        0xb4 => 'Ž',
        0xb8 => 'ž',
        0xbc => 'Œ',
        0xbd => 'œ',
        0xbe => 'Ÿ',
        _ => char::from(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charsets() {
        assert_eq!(decode_charset("UTF-8", "καλημέρα".as_bytes()), "καλημέρα");
        assert_eq!(decode_charset("us-ascii", b"plain"), "plain");
        assert_eq!(decode_charset("ISO-8859-1", b"caf\xe9"), "café");
        assert_eq!(decode_charset("\"latin1\"", b"\xfc"), "ü");
        assert_eq!(decode_charset("windows-1252", b"\x93hi\x94 \x80"), "“hi” €");
        assert_eq!(decode_charset("iso-8859-15", b"\xa4"), "€");
        assert_eq!(decode_charset("x-unknown", b"ok\xff"), "ok\u{fffd}");
    }
}
