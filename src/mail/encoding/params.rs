//! MIME header parameters: writing `filename` (RFC 2231 `filename*=utf-8''…`, with `*0*`
//! continuations when long) and `name` (RFC 2047 words in quotes, for older clients), and
//! reading parameters back in all these forms.

use super::charset::decode_charset;
use super::fold::{Folder, FRESH_ROOM};
use super::words::decode_header_text;
use crate::mail::quoted::unquoted_positions;

/// RFC 2231 `attribute-char`: token characters except `*`, `'` and `%`.
fn attr_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b)
}

/// Whether a value can be sent as a plain quoted string that every client reads the same way.
fn quotable(value: &str) -> bool {
    !value.is_empty()
        && !value.starts_with(' ')
        && !value.ends_with(' ')
        && !value.contains("=?")
        && value
            .bytes()
            .all(|b| (0x20..=0x7e).contains(&b) && b != b'"' && b != b'\\')
}

fn percent_encode_into(c: char, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut buf = [0u8; 4];
    for &b in c.encode_utf8(&mut buf).as_bytes() {
        if attr_char(b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
}

/// The RFC 2231 extended value of `value`: `utf-8''` and the percent-encoded UTF-8.
pub fn encode_rfc2231(value: &str) -> String {
    let mut out = String::from("utf-8''");
    value.chars().for_each(|c| percent_encode_into(c, &mut out));
    out
}

/// Writes `attr="value"`, `attr*=utf-8''…` or `attr*0*=utf-8''…; attr*1*=…` as the last
/// parameter of the field. Continuations never split a character, so even decoders that
/// decode each section on its own get whole characters.
pub(crate) fn fold_filename_param(folder: &mut Folder, attr: &str, value: &str) {
    if quotable(value) {
        let token = format!("{attr}=\"{value}\"");
        if token.len() <= folder.max_token() {
            folder.word(&token);
            return;
        }
    }
    let single = format!("{attr}*={}", encode_rfc2231(value));
    if single.len() <= folder.max_token() {
        folder.word(&single);
        return;
    }
    let mut rest = value;
    let mut section = 0usize;
    while !rest.is_empty() {
        let mut token = if section == 0 {
            format!("{attr}*0*=utf-8''")
        } else {
            format!("{attr}*{section}*=")
        };
        // Room for the `;` that follows every section but the last.
        let budget = FRESH_ROOM.saturating_sub(1);
        let mut used = 0;
        for (i, c) in rest.char_indices() {
            let before = token.len();
            percent_encode_into(c, &mut token);
            if token.len() > budget && used > 0 {
                token.truncate(before);
                break;
            }
            used = i + c.len_utf8();
        }
        rest = &rest[used..];
        if !rest.is_empty() {
            token.push(';');
        }
        folder.word(&token);
        section += 1;
    }
}

/// Writes `name="value"` as the last parameter, with RFC 2047 words inside the quotes when
/// the value is not plain ASCII (what Gmail and Outlook do, and older clients understand).
pub(crate) fn fold_name_param(folder: &mut Folder, value: &str) {
    if quotable(value) {
        let token = format!("name=\"{value}\"");
        if token.len() <= folder.max_token() {
            folder.word(&token);
            return;
        }
    }
    folder.encoded(value, "name=\"", "\"");
}

/// Splits `type/subtype; a=1; b="x;y"` into the lowercased first value and the parameters
/// (attribute lowercased, value unquoted).
pub(crate) fn split_params(value: &str) -> (String, Vec<(String, String)>) {
    let mut segments = Vec::new();
    let mut start = 0;
    for i in unquoted_positions(value, ';') {
        segments.push(value.get(start..i).unwrap_or(""));
        start = i + 1;
    }
    segments.push(value.get(start..).unwrap_or(""));
    let main = segments
        .first()
        .map_or(String::new(), |s| s.trim().to_ascii_lowercase());
    let params = segments
        .iter()
        .skip(1)
        .filter_map(|segment| {
            let (attr, raw) = segment.split_once('=')?;
            Some((attr.trim().to_ascii_lowercase(), unquote(raw.trim())))
        })
        .collect();
    (main, params)
}

/// The content of a quoted string (backslash escapes removed), or the text itself.
fn unquote(raw: &str) -> String {
    let Some(inner) = raw.strip_prefix('"') else {
        return raw.to_string();
    };
    let mut out = String::with_capacity(inner.len());
    let mut escaped = false;
    for c in inner.chars() {
        if escaped {
            out.push(c);
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == '"' {
            break;
        } else {
            out.push(c);
        }
    }
    out
}

/// The value of parameter `name`: RFC 2231 `name*`, then sections `name*0`, `name*1*`, …,
/// then plain `name` (with any RFC 2047 words in it decoded, as many mailers send them).
pub(crate) fn param_value(params: &[(String, String)], name: &str) -> Option<String> {
    let extended = format!("{name}*");
    if let Some((_, v)) = params.iter().find(|(a, _)| *a == extended) {
        return Some(decode_rfc2231(v));
    }
    let mut sections: Vec<(u32, bool, &str)> = params
        .iter()
        .filter_map(|(attr, v)| {
            let rest = attr.strip_prefix(&extended)?;
            let (number, encoded) = match rest.strip_suffix('*') {
                Some(number) => (number, true),
                None => (rest, false),
            };
            Some((number.parse().ok()?, encoded, v.as_str()))
        })
        .collect();
    if !sections.is_empty() {
        sections.sort_by_key(|(n, _, _)| *n);
        let mut charset = "utf-8";
        let mut bytes = Vec::new();
        for (i, (_, encoded, v)) in sections.iter().enumerate() {
            if !encoded {
                bytes.extend_from_slice(v.as_bytes());
                continue;
            }
            let mut text = *v;
            if i == 0 {
                if let Some((cs, _lang, rest)) = split_extended(v) {
                    charset = cs;
                    text = rest;
                }
            }
            bytes.extend_from_slice(&percent_decode(text));
        }
        return Some(decode_charset(charset, &bytes));
    }
    params
        .iter()
        .find(|(a, _)| a == name)
        .map(|(_, v)| decode_header_text(v))
}

/// `charset'language'text` split in three.
fn split_extended(value: &str) -> Option<(&str, &str, &str)> {
    let (charset, rest) = value.split_once('\'')?;
    let (language, text) = rest.split_once('\'')?;
    Some((charset, language, text))
}

/// Decodes an RFC 2231 extended value `charset'language'percent-encoded`.
pub fn decode_rfc2231(value: &str) -> String {
    match split_extended(value) {
        Some((charset, _, text)) => decode_charset(
            if charset.is_empty() { "utf-8" } else { charset },
            &percent_decode(text),
        ),
        None => decode_charset("utf-8", &percent_decode(value)),
    }
}

fn percent_decode(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |j: usize| bytes.get(j).and_then(|&c| (c as char).to_digit(16));
        if bytes[i] == b'%' {
            if let (Some(h), Some(l)) = (hex(i + 1), hex(i + 2)) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mail::encoding::MAX_LINE;

    fn disposition(filename: &str) -> String {
        let mut folder = Folder::new("Content-Disposition");
        folder.word("attachment;");
        fold_filename_param(&mut folder, "filename", filename);
        folder.finish()
    }

    /// Reads the filename back from a folded header, as a parser would.
    fn read_back(header: &str) -> Option<String> {
        let unfolded = header.replace("\r\n", "");
        let value = unfolded.split_once(':').map_or("", |(_, v)| v);
        let (_, params) = split_params(value);
        param_value(&params, "filename")
    }

    #[test]
    fn plain_ascii_filename_is_quoted() {
        assert_eq!(
            disposition("report 2024.pdf"),
            "Content-Disposition: attachment; filename=\"report 2024.pdf\"\r\n"
        );
    }

    #[test]
    fn greek_filename_uses_rfc2231() {
        let header = disposition("Έκθεση.pdf");
        assert_eq!(
            header,
            "Content-Disposition: attachment;\r\n filename*=utf-8''%CE%88%CE%BA%CE%B8%CE%B5%CF%83%CE%B7.pdf\r\n"
        );
        assert_eq!(read_back(&header).as_deref(), Some("Έκθεση.pdf"));
    }

    #[test]
    fn long_greek_filename_uses_continuations() {
        let name = "Ετήσια οικονομική έκθεση του τμήματος πωλήσεων για το έτος 2024.pdf";
        let header = disposition(name);
        assert!(header.contains("filename*0*=utf-8''"), "{header}");
        assert!(header.contains("filename*1*="), "{header}");
        for line in header.trim_end().split("\r\n") {
            assert!(line.len() <= MAX_LINE, "{line}");
        }
        assert_eq!(read_back(&header).as_deref(), Some(name));
    }

    #[test]
    fn quotes_and_backslashes_are_percent_encoded() {
        let header = disposition("a \"b\" \\c.txt");
        assert!(
            header.contains("filename*=utf-8''a%20%22b%22%20%5Cc.txt"),
            "{header}"
        );
        assert_eq!(read_back(&header).as_deref(), Some("a \"b\" \\c.txt"));
    }

    #[test]
    fn name_param_uses_rfc2047() {
        let mut folder = Folder::new("Content-Type");
        folder.word("application/pdf;");
        fold_name_param(&mut folder, "Έκθεση.pdf");
        let header = folder.finish();
        assert_eq!(
            header,
            "Content-Type: application/pdf; name=\"=?utf-8?B?zojOus64zrXPg863LnBkZg==?=\"\r\n"
        );
        let (main, params) = split_params(header.split_once(':').map_or("", |(_, v)| v));
        assert_eq!(main, "application/pdf");
        assert_eq!(param_value(&params, "name").as_deref(), Some("Έκθεση.pdf"));
    }

    #[test]
    fn reading_parameters() {
        let (main, params) = split_params(
            " Text/Plain; charset=\"UTF-8\"; format=flowed; x=\"a;b\\\"c\"; title*=iso-8859-1'en'%A3%20rates",
        );
        assert_eq!(main, "text/plain");
        assert_eq!(param_value(&params, "charset").as_deref(), Some("UTF-8"));
        assert_eq!(param_value(&params, "x").as_deref(), Some("a;b\"c"));
        assert_eq!(param_value(&params, "title").as_deref(), Some("£ rates"));
        assert_eq!(param_value(&params, "missing"), None);
        // RFC 2231 §3 example: unencoded and encoded sections mixed, out of order.
        let (_, params) = split_params(
            "x; URL*1=\"cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar\"; URL*0=\"ftp://\"",
        );
        assert_eq!(
            param_value(&params, "url").as_deref(),
            Some("ftp://cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar")
        );
        let (_, params) = split_params("x; name*0*=utf-8''%CE%B1; name*1*=%CE%B2; name*2=\" c\"");
        assert_eq!(param_value(&params, "name").as_deref(), Some("αβ c"));
    }
}
