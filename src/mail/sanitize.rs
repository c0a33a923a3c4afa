//! What may reach a header: the cleaning applied to every caller-supplied value.
//!
//! Control characters (CR and LF above all) are replaced before anything is written, so no
//! subject, name, filename, address or id can ever start a header line of its own. These
//! functions are public so callers (and tests) can tell what a value will look like once sent.

use super::address::validate_addr_spec;

/// Free header text (the subject): every control character becomes a space; nothing else
/// changes, spaces included.
pub fn clean_header_text(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// A display name: control characters and runs of ASCII whitespace become one space, ends
/// trimmed; `None` when nothing is left.
pub fn clean_display_name(name: &str) -> Option<String> {
    let cleaned = name
        .split(|c: char| c.is_ascii_whitespace() || c.is_control())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    (!cleaned.is_empty()).then_some(cleaned)
}

/// An attachment's filename: control characters become `_`; an empty name becomes `attachment`.
pub fn clean_filename(name: &str) -> String {
    if name.is_empty() {
        return "attachment".to_string();
    }
    name.chars()
        .map(|c| if c.is_control() { '_' } else { c })
        .collect()
}

/// An address as it goes into a header: unchanged when valid (callers validate with
/// `parse_recipients`); otherwise without whitespace, controls or any of `<>()[],;:"\`, so
/// it can neither break the header nor add a recipient. May come back empty.
pub fn clean_email(email: &str) -> String {
    let email = email.trim();
    if validate_addr_spec(email).is_ok() {
        return email.to_string();
    }
    email
        .chars()
        .filter(|&c| !(c.is_whitespace() || c.is_control() || "<>()[],;:\"\\".contains(c)))
        .collect()
}

/// A message id as `<left@right>`, from an id with or without angle brackets; characters
/// outside RFC 5322 `atext`, `.` and `@` are dropped, a missing right side becomes
/// `satchel.local`. `None` when nothing usable is left.
pub fn clean_message_id(id: &str) -> Option<String> {
    let keep = |c: &char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.@".contains(*c);
    let inner: String = id.chars().filter(keep).collect();
    let (left, right) = match inner.rsplit_once('@') {
        Some((left, right)) => (left.replace('@', ""), right.to_string()),
        None => (inner, String::new()),
    };
    let left = left.trim_matches('.');
    let right = right.trim_matches('.');
    if left.is_empty() {
        return None;
    }
    let right = if right.is_empty() {
        "satchel.local"
    } else {
        right
    };
    Some(format!("<{left}@{right}>"))
}

/// A caller-supplied MIME type when it is a plain `type/subtype` of token characters
/// (lowercased); anything else, parameters included, is refused so it cannot smuggle text
/// into the header.
pub fn clean_mime_type(mime: &str) -> Option<String> {
    let token = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$&-^_.+".contains(&b))
    };
    let (kind, sub) = mime.trim().split_once('/')?;
    (token(kind) && token(sub)).then(|| mime.trim().to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_text() {
        assert_eq!(clean_header_text("a\r\nBcc: x\u{0}\u{85}b"), "a  Bcc: x  b");
        assert_eq!(clean_header_text("  keep  spaces "), "  keep  spaces ");
    }

    #[test]
    fn display_names() {
        assert_eq!(
            clean_display_name(" Jane \r\n\t Doe ").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(clean_display_name("\r\n "), None);
        assert_eq!(
            clean_display_name("山田\u{3000}太郎").as_deref(),
            Some("山田\u{3000}太郎")
        );
    }

    #[test]
    fn filenames() {
        assert_eq!(clean_filename("a\r\nb.txt"), "a__b.txt");
        assert_eq!(clean_filename(""), "attachment");
        assert_eq!(clean_filename(" \"x\".pdf"), " \"x\".pdf");
    }

    #[test]
    fn emails() {
        assert_eq!(clean_email(" jane@x.org "), "jane@x.org");
        assert_eq!(
            clean_email("x@y.com\r\nBcc: evil@z.com"),
            "x@y.comBccevil@z.com"
        );
        assert_eq!(clean_email("a@b.co>, c@d.co"), "a@b.coc@d.co");
    }

    #[test]
    fn message_ids() {
        assert_eq!(
            clean_message_id("<abc@x.org>").as_deref(),
            Some("<abc@x.org>")
        );
        assert_eq!(
            clean_message_id("abc").as_deref(),
            Some("<abc@satchel.local>")
        );
        assert_eq!(
            clean_message_id("a\r\nBcc: b@c").as_deref(),
            Some("<aBccb@c>")
        );
        assert_eq!(clean_message_id("<>"), None);
    }

    #[test]
    fn mime_types() {
        assert_eq!(clean_mime_type("Image/PNG").as_deref(), Some("image/png"));
        assert_eq!(clean_mime_type("text/plain; charset=utf-8"), None);
        assert_eq!(clean_mime_type("text/plain\r\nBcc: x"), None);
        assert_eq!(clean_mime_type("nonsense"), None);
    }
}
