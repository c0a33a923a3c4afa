//! Recipient fields as typed in the compose form: splitting, display names and address checks.
//!
//! The checks follow RFC 5322's addr-spec (dot-atom or quoted local part, domain with a dot or an
//! IP literal), widened to the UTF-8 letters of RFC 6531/6532 that Gmail accepts.

use std::fmt;

use super::quoted::unquoted_positions;
use crate::i18n::{k, tf, Key};

/// Gmail refuses a message addressed to more people than this (To, Cc and Bcc together).
pub const MAX_RECIPIENTS: usize = 500;

/// One recipient: an optional display name and the address itself.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Mailbox {
    pub name: Option<String>,
    pub email: String,
}

impl Mailbox {
    /// A mailbox without a display name.
    pub fn new(email: impl Into<String>) -> Self {
        Mailbox {
            name: None,
            email: email.into(),
        }
    }

    /// A mailbox with a display name.
    pub fn named(name: impl Into<String>, email: impl Into<String>) -> Self {
        Mailbox {
            name: Some(name.into()),
            email: email.into(),
        }
    }
}

/// A recipient entry that is not an email address; `Display` is the message for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddressError {
    /// The entry as the user typed it (trimmed).
    pub entry: String,
    /// Why it was refused.
    pub reason: Reason,
}

/// Why an entry is not an address: the check's message (one whole sentence naming the
/// entry, so each language words it its own way) and the character it is about, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    pub message: Key,
    pub character: String,
}

impl Reason {
    fn new(message: Key) -> Reason {
        Reason {
            message,
            character: String::new(),
        }
    }

    fn about(message: Key, character: impl fmt::Display) -> Reason {
        Reason {
            message,
            character: character.to_string(),
        }
    }
}

impl fmt::Display for AddressError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Control characters are shown escaped, so a pasted line break stays visible.
        let shown: String = self
            .entry
            .chars()
            .flat_map(|c| {
                let escaped: Vec<char> = if c.is_control() {
                    c.escape_default().collect()
                } else {
                    vec![c]
                };
                escaped
            })
            .collect();
        f.write_str(&tf(
            self.reason.message,
            &[("entry", &shown), ("char", &self.reason.character)],
        ))
    }
}

impl std::error::Error for AddressError {}

/// More recipients than Gmail delivers to in one message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooManyRecipients {
    pub count: usize,
}

impl fmt::Display for TooManyRecipients {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&tf(
            k::MAIL_TOO_MANY_RECIPIENTS,
            &[
                ("max", &MAX_RECIPIENTS.to_string()),
                ("count", &self.count.to_string()),
            ],
        ))
    }
}

impl std::error::Error for TooManyRecipients {}

/// Checks the total number of recipients across To, Cc and Bcc against [`MAX_RECIPIENTS`].
pub fn check_recipient_count(
    to: &[Mailbox],
    cc: &[Mailbox],
    bcc: &[Mailbox],
) -> Result<(), TooManyRecipients> {
    let count = to.len() + cc.len() + bcc.len();
    if count > MAX_RECIPIENTS {
        return Err(TooManyRecipients { count });
    }
    Ok(())
}

/// Parses a To/Cc/Bcc field: entries `Name <addr>` or `addr`, separated by `,` or `;`.
///
/// Separators inside quotes (`"Doe, Jane" <jane@x.org>`) or angle brackets do not split;
/// empty entries are skipped; the first invalid entry is reported.
pub fn parse_recipients(field: &str) -> Result<Vec<Mailbox>, AddressError> {
    let mut out = Vec::new();
    for entry in split_list(field, false) {
        let entry = entry.trim();
        if entry.is_empty() {
            continue;
        }
        let mailbox = parse_entry(entry).map_err(|reason| AddressError {
            entry: entry.to_string(),
            reason,
        })?;
        out.push(mailbox);
    }
    Ok(out)
}

/// Splits a list at top-level `,` and `;`: not inside quotes, angle brackets or, when
/// `comments` is set (header fields), parentheses.
pub(crate) fn split_list(field: &str, comments: bool) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut in_quotes = false;
    let mut escaped = false;
    let mut angle = 0usize;
    let mut paren = 0usize;
    for (i, c) in field.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' if in_quotes || paren > 0 => escaped = true,
            '"' if paren == 0 => in_quotes = !in_quotes,
            '(' if comments && !in_quotes => paren += 1,
            ')' if comments && !in_quotes => paren = paren.saturating_sub(1),
            '<' if !in_quotes && paren == 0 => angle += 1,
            '>' if !in_quotes && paren == 0 => angle = angle.saturating_sub(1),
            ',' | ';' if !in_quotes && angle == 0 && paren == 0 => {
                parts.push(field.get(start..i).unwrap_or(""));
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(field.get(start..).unwrap_or(""));
    parts
}

/// One trimmed, non-empty entry: `Name <addr>`, `<addr>` or `addr`.
fn parse_entry(entry: &str) -> Result<Mailbox, Reason> {
    if entry.contains(['\r', '\n']) {
        return Err(Reason::new(k::MAIL_ADDRESS_LINE_BREAK));
    }
    if let Some(c) = entry.chars().find(|c| c.is_control()) {
        return Err(Reason::about(k::MAIL_ADDRESS_CONTROL, c.escape_default()));
    }
    let Some(open) = unquoted_positions(entry, '<').next() else {
        if entry.contains('>') {
            return Err(Reason::new(k::MAIL_ADDRESS_STRAY_CLOSE));
        }
        validate_addr_spec(entry)?;
        return Ok(Mailbox::new(entry));
    };
    let after = entry.get(open + 1..).unwrap_or("");
    let Some(close) = after.find('>') else {
        return Err(Reason::new(k::MAIL_ADDRESS_UNCLOSED));
    };
    if !after.get(close + 1..).unwrap_or("").trim().is_empty() {
        return Err(Reason::new(k::MAIL_ADDRESS_TEXT_AFTER));
    }
    let email = after.get(..close).unwrap_or("").trim();
    if email.is_empty() {
        return Err(Reason::new(k::MAIL_ADDRESS_EMPTY_ANGLE));
    }
    if email.contains('<') {
        return Err(Reason::new(k::MAIL_ADDRESS_TWO_OPEN));
    }
    validate_addr_spec(email)?;
    Ok(Mailbox {
        name: display_name(entry.get(..open).unwrap_or("")),
        email: email.to_string(),
    })
}

/// The phrase before `<`: quotes removed (with their backslash escapes), whitespace collapsed.
pub(crate) fn display_name(phrase: &str) -> Option<String> {
    let mut raw = String::with_capacity(phrase.len());
    let mut in_quotes = false;
    let mut escaped = false;
    for c in phrase.chars() {
        if escaped {
            raw.push(c);
            escaped = false;
        } else if in_quotes && c == '\\' {
            escaped = true;
        } else if c == '"' {
            in_quotes = !in_quotes;
        } else {
            raw.push(c);
        }
    }
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    (!name.is_empty()).then_some(name)
}

/// Characters of RFC 5322 `atext` (ASCII) or non-ASCII letters, digits and marks (RFC 6532).
fn is_atext(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c)
    } else {
        c.is_alphanumeric() || is_mark(c)
    }
}

/// Combining marks (as in Indic scripts) are part of letters in internationalised addresses.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{0900}'..='\u{0DFF}' | '\u{200C}' | '\u{200D}')
}

/// Checks an addr-spec (`local@domain`); `Err` says why, for the user.
pub fn validate_addr_spec(addr: &str) -> Result<(), Reason> {
    if addr.chars().any(|c| c == '\r' || c == '\n') {
        return Err(Reason::new(k::MAIL_ADDRESS_LINE_BREAK));
    }
    let (local, domain) = split_at_sign(addr)?;
    if local.is_empty() {
        return Err(Reason::new(k::MAIL_ADDRESS_NO_LOCAL));
    }
    if domain.is_empty() {
        return Err(Reason::new(k::MAIL_ADDRESS_NO_DOMAIN));
    }
    if local.starts_with('"') {
        check_quoted_local(local)?;
    } else {
        check_dot_atom(local)?;
    }
    if local.chars().count() > 64 {
        return Err(Reason::new(k::MAIL_ADDRESS_LOCAL_TOO_LONG));
    }
    check_domain(domain)?;
    if addr.chars().count() > 254 {
        return Err(Reason::new(k::MAIL_ADDRESS_TOO_LONG));
    }
    Ok(())
}

/// Splits at the `@` that ends the local part (a quoted local part may contain `@`).
fn split_at_sign(addr: &str) -> Result<(&str, &str), Reason> {
    if addr.starts_with('"') {
        let end = closing_quote(addr).ok_or(Reason::new(k::MAIL_ADDRESS_QUOTE_UNCLOSED))?;
        let rest = addr.get(end + 1..).unwrap_or("");
        return match rest.strip_prefix('@') {
            Some(domain) => Ok((addr.get(..=end).unwrap_or(addr), domain)),
            None if rest.is_empty() => Err(Reason::new(k::MAIL_ADDRESS_NO_AT)),
            None => Err(Reason::new(k::MAIL_ADDRESS_TEXT_AFTER_QUOTE)),
        };
    }
    if addr.chars().any(char::is_whitespace) {
        return Err(Reason::new(k::MAIL_ADDRESS_SPACE));
    }
    match addr.matches('@').count() {
        0 => Err(Reason::new(k::MAIL_ADDRESS_NO_AT)),
        1 => Ok(addr.split_once('@').unwrap_or((addr, ""))),
        _ => Err(Reason::new(k::MAIL_ADDRESS_TWO_AT)),
    }
}

/// Byte index of the quote closing the one at index 0.
fn closing_quote(text: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in text.char_indices().skip(1) {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == '"' {
            return Some(i);
        }
    }
    None
}

fn check_quoted_local(local: &str) -> Result<(), Reason> {
    // Inside the quotes anything printable goes, spaces included; a backslash escapes.
    let inner = local.get(1..local.len().saturating_sub(1)).unwrap_or("");
    if inner.chars().any(|c| c.is_control()) {
        return Err(Reason::new(k::MAIL_ADDRESS_LOCAL_CONTROL));
    }
    Ok(())
}

fn check_dot_atom(local: &str) -> Result<(), Reason> {
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Err(Reason::new(k::MAIL_ADDRESS_LOCAL_DOTS));
    }
    if let Some(c) = local.chars().find(|&c| c != '.' && !is_atext(c)) {
        return Err(Reason::about(k::MAIL_ADDRESS_LOCAL_CHAR, c));
    }
    Ok(())
}

fn check_domain(domain: &str) -> Result<(), Reason> {
    if let Some(literal) = domain.strip_prefix('[') {
        // An address literal such as [192.0.2.1] or [IPv6:2001:db8::1].
        let inner = literal
            .strip_suffix(']')
            .ok_or(Reason::new(k::MAIL_ADDRESS_LITERAL_UNCLOSED))?;
        let ok = !inner.is_empty()
            && inner
                .chars()
                .all(|c| c.is_ascii_hexdigit() || matches!(c, '.' | ':' | 'I' | 'P' | 'v'));
        return if ok {
            Ok(())
        } else {
            Err(Reason::new(k::MAIL_ADDRESS_LITERAL_INVALID))
        };
    }
    if domain.chars().count() > 253 {
        return Err(Reason::new(k::MAIL_ADDRESS_DOMAIN_TOO_LONG));
    }
    if !domain.contains('.') {
        return Err(Reason::new(k::MAIL_ADDRESS_DOMAIN_DOT));
    }
    for label in domain.split('.') {
        if label.is_empty() {
            return Err(Reason::new(k::MAIL_ADDRESS_DOMAIN_DOTS));
        }
        if let Some(c) = label
            .chars()
            .find(|&c| !(c == '-' || c.is_alphanumeric() || is_mark(c)))
        {
            return Err(Reason::about(k::MAIL_ADDRESS_DOMAIN_CHAR, c));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err(Reason::new(k::MAIL_ADDRESS_DOMAIN_HYPHEN));
        }
        if label.len() > 63 {
            return Err(Reason::new(k::MAIL_ADDRESS_LABEL_TOO_LONG));
        }
    }
    Ok(())
}

#[cfg(test)]
#[path = "address_tests.rs"]
mod tests;
