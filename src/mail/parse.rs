//! Reading a message back into a [`Draft`], to reopen a Gmail draft in the compose form.
//!
//! Gmail returns a draft's message with `format=raw` (base64url: see [`decode_gmail_raw`]).
//! Handled: folded headers, RFC 2047 words in the subject and display names, nested
//! multiparts (mixed, alternative, related), quoted-printable, base64, 7bit and 8bit, the
//! charsets of [`decode_charset`], `format=flowed`, HTML-only bodies (as text) and filenames
//! in every form (RFC 2231 with continuations, plain, RFC 2047). Malformed input is read as
//! far as it makes sense; parsing never fails.

use super::address::{display_name, split_list, Mailbox};
use super::builder::{Attachment, Draft};
use super::encoding::{
    decode_base64, decode_charset, decode_gmail_raw, decode_header_text, decode_quoted_printable,
    param_value, split_params, RawDecodeError,
};
use super::html_text::html_to_text;
use super::mime_type::mime_type_for;
use super::sanitize::clean_display_name;

/// Multiparts nested deeper than this are ignored, so hostile input cannot exhaust the stack.
const MAX_DEPTH: usize = 32;

/// A draft from Gmail's `raw` field.
pub fn parse_gmail_raw_draft(raw: &str) -> Result<Draft, RawDecodeError> {
    Ok(parse_draft(&decode_gmail_raw(raw)?))
}

/// A draft from the bytes of a message. The body uses LF line endings (as a textarea does);
/// an attachment's `content_type` is `None` when it is what its extension suggests.
pub fn parse_draft(message: &[u8]) -> Draft {
    let (head, body) = split_head_body(message);
    let headers = parse_headers(head);
    let get = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let mut found = Found::default();
    walk(&headers, body, 0, &mut found);
    let text = match (found.plain, found.html) {
        (Some(plain), _) => plain,
        (None, Some(html)) => html_to_text(&html),
        (None, None) => String::new(),
    };
    Draft {
        from: get("from")
            .map(mailboxes)
            .and_then(|list| list.into_iter().next()),
        to: get("to").map(mailboxes).unwrap_or_default(),
        cc: get("cc").map(mailboxes).unwrap_or_default(),
        bcc: get("bcc").map(mailboxes).unwrap_or_default(),
        subject: get("subject")
            .map(|s| decode_header_text(s.trim()))
            .unwrap_or_default(),
        body: lf(&text),
        attachments: found.attachments,
        in_reply_to: get("in-reply-to").and_then(first_message_id),
        references: get("references")
            .map(super::message::ids_in)
            .unwrap_or_default(),
        satchel_id: get("x-satchel-id").map(|s| s.trim().to_string()),
    }
}

/// What the walk over the MIME tree collects.
#[derive(Default)]
struct Found {
    plain: Option<String>,
    html: Option<String>,
    attachments: Vec<Attachment>,
}

/// Header section and body: split at the first empty line (CRLF or bare LF endings).
fn split_head_body(message: &[u8]) -> (&[u8], &[u8]) {
    if let Some(rest) = message
        .strip_prefix(b"\r\n")
        .or_else(|| message.strip_prefix(b"\n"))
    {
        return (&[], rest);
    }
    let mut i = 0;
    while let Some(nl) = message
        .get(i..)
        .and_then(|r| r.iter().position(|&b| b == b'\n'))
    {
        let next = i + nl + 1;
        let head = message.get(..next).unwrap_or(message);
        match message.get(next..) {
            Some([b'\r', b'\n', body @ ..]) | Some([b'\n', body @ ..]) => return (head, body),
            _ => i = next,
        }
    }
    (message, &[])
}

/// Unfolded header fields: (lowercased name, value without the space after the colon).
fn parse_headers(head: &[u8]) -> Vec<(String, String)> {
    let text = String::from_utf8_lossy(head);
    let mut fields: Vec<(String, String)> = Vec::new();
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.starts_with([' ', '\t']) {
            // Unfolding removes the line break and keeps the whitespace (RFC 5322 §2.2.3).
            if let Some((_, value)) = fields.last_mut() {
                value.push_str(line);
            }
        } else if let Some((name, value)) = line.split_once(':') {
            fields.push((
                name.trim().to_ascii_lowercase(),
                value.trim_start().to_string(),
            ));
        }
    }
    fields
}

/// Visits one entity (the message or a part) and its children.
fn walk(headers: &[(String, String)], body: &[u8], depth: usize, found: &mut Found) {
    let get = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let (mime, params) = split_params(get("content-type").unwrap_or("text/plain"));
    let mime = if mime.contains('/') {
        mime
    } else {
        "text/plain".to_string()
    };
    if mime.starts_with("multipart/") {
        if let Some(boundary) = param_value(&params, "boundary").filter(|b| !b.is_empty()) {
            if depth < MAX_DEPTH {
                for part in split_multipart(body, &boundary) {
                    let (head, part_body) = split_head_body(part);
                    walk(&parse_headers(head), part_body, depth + 1, found);
                }
            }
            return;
        }
    }
    let (disposition, disposition_params) = split_params(get("content-disposition").unwrap_or(""));
    let filename = param_value(&disposition_params, "filename")
        .or_else(|| param_value(&params, "name"))
        .filter(|f| !f.is_empty());
    let decoded = decode_transfer(get("content-transfer-encoding").unwrap_or(""), body);
    let is_text = mime == "text/plain" || mime == "text/html";
    if disposition != "attachment" && filename.is_none() && is_text {
        let charset = param_value(&params, "charset").unwrap_or_default();
        let mut text = decode_charset(&charset, &decoded);
        if mime == "text/plain" {
            if param_value(&params, "format").is_some_and(|f| f.eq_ignore_ascii_case("flowed")) {
                let delsp =
                    param_value(&params, "delsp").is_some_and(|d| d.eq_ignore_ascii_case("yes"));
                text = unflow(&text, delsp);
            }
            found.plain.get_or_insert(text);
        } else {
            found.html.get_or_insert(text);
        }
        return;
    }
    let filename = filename.unwrap_or_else(|| "attachment".to_string());
    let content_type = (mime_type_for(&filename) != mime).then_some(mime);
    found.attachments.push(Attachment {
        filename,
        content_type,
        data: decoded,
    });
}

/// Undoes a Content-Transfer-Encoding; 7bit, 8bit, binary and unknown ones are taken as is.
fn decode_transfer(encoding: &str, body: &[u8]) -> Vec<u8> {
    match encoding.trim().to_ascii_lowercase().as_str() {
        "base64" => decode_base64(body),
        "quoted-printable" => decode_quoted_printable(body),
        _ => body.to_vec(),
    }
}

/// The bodies of a multipart's parts. A part ends at the line break before the next
/// delimiter line (`--boundary`); the preamble and epilogue are dropped. A missing close
/// delimiter ends the last part at the end of the input.
fn split_multipart<'a>(body: &'a [u8], boundary: &str) -> Vec<&'a [u8]> {
    let delimiter = format!("--{boundary}");
    let delimiter = delimiter.as_bytes();
    let mut parts = Vec::new();
    let mut start: Option<usize> = None;
    let mut line = 0;
    while let Some(rest) = body.get(line..) {
        let next_line = rest.iter().position(|&b| b == b'\n').map(|i| line + i + 1);
        let line_end = next_line.unwrap_or(body.len());
        let after = body.get(line + delimiter.len()..line_end).unwrap_or(&[]);
        // A delimiter line is `--boundary`, then `--` (the last one) or only whitespace.
        let is_delimiter = rest.starts_with(delimiter)
            && (after.starts_with(b"--") || after.iter().all(u8::is_ascii_whitespace));
        if is_delimiter {
            if let Some(part) = start.and_then(|s| body.get(s..line)) {
                // The line break before the delimiter belongs to it.
                let part = part.strip_suffix(b"\n").unwrap_or(part);
                let part = part.strip_suffix(b"\r").unwrap_or(part);
                parts.push(part);
            }
            if after.starts_with(b"--") {
                return parts;
            }
            start = next_line;
        }
        match next_line {
            Some(n) => line = n,
            None => break,
        }
    }
    if let Some(s) = start {
        parts.push(body.get(s..).unwrap_or(&[]));
    }
    parts
}

/// Joins the soft line breaks of `format=flowed` text (RFC 3676).
fn unflow(text: &str, delsp: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let ending = if line.ends_with("\r\n") {
            "\r\n"
        } else if line.ends_with('\n') {
            "\n"
        } else {
            ""
        };
        let content = &line[..line.len() - ending.len()];
        let content = content.strip_prefix(' ').unwrap_or(content);
        if content.ends_with(' ') && content != "-- " && !ending.is_empty() {
            out.push_str(if delsp {
                &content[..content.len() - 1]
            } else {
                content
            });
        } else {
            out.push_str(content);
            out.push_str(ending);
        }
    }
    out
}

/// Line endings as LF.
fn lf(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// The mailboxes of an address header: groups flattened, comments dropped (a comment stands
/// in for a missing name, as in `jane@x.org (Jane Doe)`), names decoded. Entries without an
/// address are skipped; addresses are not validated here (the compose form does that).
pub(crate) fn mailboxes(value: &str) -> Vec<Mailbox> {
    split_list(value, true)
        .into_iter()
        .filter_map(mailbox)
        .collect()
}

fn mailbox(entry: &str) -> Option<Mailbox> {
    let (entry, comment) = strip_comments(entry);
    // A group ("Friends: a@b.c, d@e.f;") keeps only its members.
    let entry = match unquoted(&entry, ':').and_then(|i| entry.split_at_checked(i)) {
        Some((group, members)) if !group.contains('<') => {
            members.get(1..).unwrap_or("").to_string()
        }
        _ => entry,
    };
    let (phrase, email) = match unquoted(&entry, '<').and_then(|i| entry.split_at_checked(i)) {
        Some((phrase, bracketed)) => {
            let inner = bracketed.get(1..).unwrap_or("");
            (phrase, inner.split('>').next().unwrap_or(inner))
        }
        None => ("", entry.as_str()),
    };
    let email: String = email.chars().filter(|c| !c.is_whitespace()).collect();
    if email.is_empty() {
        return None;
    }
    let name = display_name(phrase)
        .or_else(|| (!comment.trim().is_empty()).then(|| comment.trim().to_string()))
        .and_then(|n| clean_display_name(&decode_header_text(&n)));
    Some(Mailbox { name, email })
}

/// The entry without `( … )` comments outside quotes, and the comments' text.
fn strip_comments(entry: &str) -> (String, String) {
    let mut kept = String::with_capacity(entry.len());
    let mut comment = String::new();
    let mut depth = 0usize;
    let mut in_quotes = false;
    let mut escaped = false;
    for c in entry.chars() {
        if escaped {
            if depth > 0 {
                comment.push(c)
            } else {
                kept.push(c)
            }
            escaped = false;
            continue;
        }
        match c {
            '\\' if in_quotes || depth > 0 => {
                escaped = true;
                if depth == 0 {
                    kept.push(c);
                }
            }
            '"' if depth == 0 => {
                in_quotes = !in_quotes;
                kept.push(c);
            }
            '(' if !in_quotes => {
                if depth > 0 {
                    comment.push(c);
                }
                depth += 1;
            }
            ')' if !in_quotes && depth > 0 => {
                depth -= 1;
                if depth > 0 {
                    comment.push(c);
                }
            }
            c if depth > 0 => comment.push(c),
            c => kept.push(c),
        }
    }
    (kept, comment)
}

/// Byte index of the first `needle` outside double quotes.
fn unquoted(text: &str, needle: char) -> Option<usize> {
    let mut in_quotes = false;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_quotes => escaped = true,
            '"' => in_quotes = !in_quotes,
            c if c == needle && !in_quotes => return Some(i),
            _ => {}
        }
    }
    None
}

/// The first `<id>` of an In-Reply-To field (or the trimmed field when it has no brackets).
fn first_message_id(value: &str) -> Option<String> {
    let value = value.trim();
    let id = match (value.find('<'), value.find('>')) {
        (Some(open), Some(close)) if open < close => &value[open..=close],
        _ => value,
    };
    (!id.is_empty()).then(|| id.to_string())
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
