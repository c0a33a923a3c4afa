//! Quoted-printable (RFC 2045 §6.7) for text bodies, and its lenient decoder.
//!
//! Encoder rules: lines split only at CRLF (callers normalise line endings first; a lone CR or
//! LF is encoded as `=0D`/`=0A`), at most 76 columns per line with `=` soft breaks, `=` and
//! bytes outside printable ASCII as `=XX`, a space or tab ending a line as `=20`/`=09`, and a
//! `.` or `From ` starting a line encoded too, so neither SMTP dot handling nor mbox quoting
//! can alter the body.

/// Columns per line, including a soft break's `=`.
const LINE: usize = 76;

/// Encodes `data`; hard line breaks are CRLF, and there is no final CRLF unless `data` ends
/// with one.
pub fn encode_quoted_printable(data: &[u8]) -> String {
    let mut out = Vec::with_capacity(data.len() + data.len() / 8);
    qp_into(data, |chunk| out.extend_from_slice(chunk));
    // Quoted-printable output is ASCII, so this conversion cannot fail.
    String::from_utf8(out).unwrap_or_default()
}

/// Length of [`encode_quoted_printable`] without building it.
pub fn quoted_printable_len(data: &[u8]) -> usize {
    let mut len = 0;
    qp_into(data, |chunk| len += chunk.len());
    len
}

/// The encoder, writing each physical line through `put`.
pub(crate) fn qp_into(data: &[u8], mut put: impl FnMut(&[u8])) {
    let mut line: Vec<u8> = Vec::with_capacity(LINE + 2);
    for (n, hard) in split_crlf(data).enumerate() {
        if n > 0 {
            put(b"\r\n");
        }
        for (i, &byte) in hard.iter().enumerate() {
            let last = i + 1 == hard.len();
            let rest = &hard[i + 1..];
            // The last unit of a hard line may use column 76; others keep it for a soft break.
            let limit = if last { LINE } else { LINE - 1 };
            if line.len() + width(byte, line.is_empty(), last, rest) > limit {
                line.push(b'=');
                line.extend_from_slice(b"\r\n");
                put(&line);
                line.clear();
            }
            if width(byte, line.is_empty(), last, rest) == 1 {
                line.push(byte);
            } else {
                push_escape(&mut line, byte);
            }
        }
        put(&line);
        line.clear();
    }
}

/// 1 when `byte` can stand for itself at this place, 3 when it needs `=XX`.
fn width(byte: u8, line_start: bool, last: bool, rest: &[u8]) -> usize {
    let literal = match byte {
        b'=' => false,
        b' ' | b'\t' => !last,
        b'.' => !line_start,
        b'F' => !(line_start && rest.starts_with(b"rom ")),
        33..=126 => true,
        _ => false,
    };
    if literal {
        1
    } else {
        3
    }
}

fn push_escape(out: &mut Vec<u8>, byte: u8) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.extend_from_slice(&[
        b'=',
        HEX[usize::from(byte >> 4)],
        HEX[usize::from(byte & 15)],
    ]);
}

/// Splits at CRLF only: `"a\r\n"` gives `"a"` and `""`.
fn split_crlf(data: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = Some(data);
    std::iter::from_fn(move || {
        let current = rest?;
        match current.windows(2).position(|w| w == b"\r\n") {
            Some(i) => {
                rest = Some(&current[i + 2..]);
                Some(&current[..i])
            }
            None => {
                rest = None;
                Some(current)
            }
        }
    })
}

/// Decodes quoted-printable leniently: `=XX` in either case, soft breaks before CRLF or LF,
/// transport whitespace at line ends dropped, and a stray `=` kept as it is.
pub fn decode_quoted_printable(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    let mut rest = data;
    while !rest.is_empty() {
        let (line, ending, next) = match rest.iter().position(|&b| b == b'\n') {
            Some(i) if i > 0 && rest[i - 1] == b'\r' => {
                (&rest[..i - 1], &rest[i - 1..=i], &rest[i + 1..])
            }
            Some(i) => (&rest[..i], &rest[i..=i], &rest[i + 1..]),
            None => (rest, &rest[rest.len()..], &rest[rest.len()..]),
        };
        let line = trim_end_whitespace(line);
        let (line, soft) = match line.strip_suffix(b"=") {
            Some(body) => (body, true),
            None => (line, false),
        };
        decode_line(line, &mut out);
        if !soft {
            out.extend_from_slice(ending);
        }
        rest = next;
    }
    out
}

fn trim_end_whitespace(mut line: &[u8]) -> &[u8] {
    while let [head @ .., b' ' | b'\t'] = line {
        line = head;
    }
    line
}

fn decode_line(line: &[u8], out: &mut Vec<u8>) {
    let mut i = 0;
    while i < line.len() {
        if line[i] == b'=' {
            if let (Some(h), Some(l)) =
                (line.get(i + 1).and_then(hex), line.get(i + 2).and_then(hex))
            {
                out.push(h << 4 | l);
                i += 3;
                continue;
            }
        }
        out.push(line[i]);
        i += 1;
    }
}

fn hex(c: &u8) -> Option<u8> {
    (*c as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn qp(s: &str) -> String {
        encode_quoted_printable(s.as_bytes())
    }

    #[test]
    fn plain_text_passes_through() {
        assert_eq!(
            qp("Hello, world!\r\nSecond line"),
            "Hello, world!\r\nSecond line"
        );
        assert_eq!(qp("ends with break\r\n"), "ends with break\r\n");
        assert_eq!(qp(""), "");
    }

    #[test]
    fn escapes() {
        assert_eq!(qp("a=b"), "a=3Db");
        assert_eq!(qp("café"), "caf=C3=A9");
        assert_eq!(qp("tab\there"), "tab\there");
        assert_eq!(qp("lone\rcr and\nlf"), "lone=0Dcr and=0Alf");
    }

    #[test]
    fn trailing_whitespace_is_encoded() {
        assert_eq!(qp("trail \r\nnext\t\r\n "), "trail=20\r\nnext=09\r\n=20");
    }

    #[test]
    fn dot_and_from_at_line_start() {
        assert_eq!(qp(".\r\n.hidden\r\na.b"), "=2E\r\n=2Ehidden\r\na.b");
        assert_eq!(
            qp("From here\r\nFrom: x\r\nFromage"),
            "=46rom here\r\nFrom: x\r\nFromage"
        );
    }

    #[test]
    fn soft_breaks_keep_lines_within_76() {
        let long = "x".repeat(200);
        let out = qp(&long);
        let lines: Vec<&str> = out.split("\r\n").collect();
        assert_eq!(lines[0].len(), 76);
        assert!(lines[0].ends_with('='));
        assert!(lines.iter().all(|l| l.len() <= 76));
        assert_eq!(decode_quoted_printable(out.as_bytes()), long.as_bytes());
        // Exactly 76 characters fit without a soft break.
        assert_eq!(qp(&"y".repeat(76)), "y".repeat(76));
        assert_eq!(qp(&"y".repeat(77)), format!("{}=\r\nyy", "y".repeat(75)));
    }

    #[test]
    fn escape_is_never_split_and_dot_after_soft_break() {
        let text = format!("{}é.{}", "a".repeat(74), "b".repeat(3));
        let out = qp(&text);
        for line in out.split("\r\n") {
            assert!(line.len() <= 76, "{line}");
        }
        assert!(
            out.starts_with(&format!("{}=\r\n=C3=A9", "a".repeat(74))),
            "{out}"
        );
        assert_eq!(decode_quoted_printable(out.as_bytes()), text.as_bytes());
        let dot = format!("{}.x", "a".repeat(75));
        assert_eq!(qp(&dot), format!("{}=\r\n=2Ex", "a".repeat(75)));
    }

    #[test]
    fn space_before_soft_break_survives() {
        let text = format!("{} {}", "a".repeat(74), "b".repeat(10));
        let out = qp(&text);
        assert_eq!(decode_quoted_printable(out.as_bytes()), text.as_bytes());
    }

    #[test]
    fn length_matches() {
        for s in ["", "a", "é\r\n.", &"z".repeat(300), "x \r\n"] {
            assert_eq!(quoted_printable_len(s.as_bytes()), qp(s).len());
        }
    }

    #[test]
    fn decoder_is_lenient() {
        assert_eq!(
            decode_quoted_printable(b"caf=c3=a9 =\nok"),
            "café ok".as_bytes()
        );
        assert_eq!(decode_quoted_printable(b"a = b=\r\n"), b"a = b");
        assert_eq!(decode_quoted_printable(b"trail   \r\nx"), b"trail\r\nx");
        assert_eq!(decode_quoted_printable(b"end=  \r\nx"), b"endx");
        assert_eq!(decode_quoted_printable(b"=ZZ="), b"=ZZ");
    }
}
