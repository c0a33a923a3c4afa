//! Reading and preparing RFC 5322 messages with `mail-parser`: what a message says
//! (addresses, subject, text, attachments), Gmail's checks on outgoing mail, and the
//! headers Gmail adds or removes (From, Date, Message-ID; Bcc stripped).

use mail_parser::{Address, HeaderValue, MessageParser, MimeHeaders};
use serde_json::{json, Value};

use crate::errors::ApiError;
use crate::util::{hex, html_escape, sha256};

#[derive(Clone, Debug, Default)]
pub struct Addr {
    pub name: Option<String>,
    pub email: String,
}

impl Addr {
    pub fn display(&self) -> String {
        match &self.name {
            Some(n) if !n.is_empty() => {
                if n.contains([',', '"', '<', '>', '@', ';', ':']) {
                    format!("\"{}\" <{}>", n.replace('"', "\\\""), self.email)
                } else {
                    format!("{n} <{}>", self.email)
                }
            }
            _ => self.email.clone(),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Attachment {
    pub filename: String,
    pub content_type: String,
    pub size: usize,
    pub sha256: String,
}

/// What Gmail needs to know about a message, read once when it is stored.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    pub from: Vec<Addr>,
    pub to: Vec<Addr>,
    pub cc: Vec<Addr>,
    pub bcc: Vec<Addr>,
    /// Whether To/From headers exist (even if they hold no valid address).
    pub has_to: bool,
    pub has_from: bool,
    pub subject: String,
    pub message_id: Option<String>,
    /// Message-IDs named by In-Reply-To and References.
    pub refs: Vec<String>,
    pub date_text: Option<String>,
    pub text: String,
    pub snippet: String,
    pub attachments: Vec<Attachment>,
}

impl Addr {
    /// One address as mail-parser read it.
    pub fn of(x: &mail_parser::Addr<'_>) -> Addr {
        Addr {
            name: x.name.as_ref().map(|n| n.to_string()),
            email: x
                .address
                .as_ref()
                .map(|e| e.to_string())
                .unwrap_or_default(),
        }
    }
}

fn addrs(address: Option<&Address>) -> Vec<Addr> {
    address
        .map(|a| a.iter().map(Addr::of).collect())
        .unwrap_or_default()
}

fn id_list(value: &HeaderValue) -> Vec<String> {
    match value {
        HeaderValue::Text(t) => vec![t.to_string()],
        HeaderValue::TextList(l) => l.iter().map(|t| t.to_string()).collect(),
        _ => Vec::new(),
    }
}

/// Parses a message; `None` when it has no header at all (not a message).
pub fn summarize(raw: &[u8]) -> Option<Summary> {
    let message = MessageParser::default().parse(raw)?;
    let header_count = message.headers().len();
    if header_count == 0 {
        return None;
    }
    let has = |name: &str| {
        message
            .headers()
            .iter()
            .any(|h| h.name().eq_ignore_ascii_case(name))
    };
    let text = message
        .body_text(0)
        .map(|t| t.to_string())
        .unwrap_or_default();
    let mut attachments = Vec::new();
    for part in message.attachments() {
        let contents = part.contents();
        let content_type = part
            .content_type()
            .map(|c| match &c.c_subtype {
                Some(sub) => format!("{}/{}", c.c_type, sub),
                None => c.c_type.to_string(),
            })
            .unwrap_or_else(|| "application/octet-stream".into())
            .to_ascii_lowercase();
        attachments.push(Attachment {
            filename: part.attachment_name().unwrap_or_default().to_string(),
            content_type,
            size: contents.len(),
            sha256: hex(&sha256(contents)),
        });
    }
    let mut refs = id_list(message.in_reply_to());
    refs.extend(id_list(message.references()));
    Some(Summary {
        from: addrs(message.from()),
        to: addrs(message.to()),
        cc: addrs(message.cc()),
        bcc: addrs(message.bcc()),
        has_to: has("to"),
        has_from: has("from"),
        subject: message.subject().unwrap_or_default().to_string(),
        message_id: message.message_id().map(String::from),
        refs,
        date_text: message.date().map(|d| d.to_rfc3339()),
        snippet: snippet(&text),
        text,
        attachments,
    })
}

/// Gmail's snippet: the start of the text, whitespace collapsed, HTML-escaped.
pub fn snippet(text: &str) -> String {
    let collapsed: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let short: String = collapsed.chars().take(200).collect();
    html_escape(&short)
}

/// Gmail's checks on a message before it is stored or sent: `From` must be the account
/// (or absent), and for sending there must be a valid recipient.
pub fn check(summary: &Summary, account_email: &str, sending: bool) -> Result<(), ApiError> {
    if summary.has_from
        && (summary.from.is_empty()
            || summary
                .from
                .iter()
                .any(|a| !a.email.eq_ignore_ascii_case(account_email)))
    {
        return Err(ApiError::invalid_argument(format!(
            "Invalid From header: mail can only be sent as {account_email}"
        )));
    }
    let bad = |list: &[Addr]| list.iter().any(|a| !valid_email(&a.email));
    if summary.has_to && (summary.to.is_empty() || bad(&summary.to)) {
        return Err(ApiError::invalid_argument("Invalid To header"));
    }
    if bad(&summary.cc) {
        return Err(ApiError::invalid_argument("Invalid Cc header"));
    }
    if bad(&summary.bcc) {
        return Err(ApiError::invalid_argument("Invalid Bcc header"));
    }
    if sending && summary.to.is_empty() && summary.cc.is_empty() && summary.bcc.is_empty() {
        return Err(ApiError::invalid_argument("Recipient address required"));
    }
    Ok(())
}

fn valid_email(email: &str) -> bool {
    match email.rsplit_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.is_empty()
                && !email.contains(char::is_whitespace)
                && !domain.starts_with('.')
        }
        None => false,
    }
}

/// Splits a message into its header fields (each with continuation lines) and the rest.
fn split_headers(raw: &[u8]) -> (Vec<&[u8]>, &[u8]) {
    let mut fields: Vec<(usize, usize)> = Vec::new();
    let mut pos = 0;
    while pos < raw.len() {
        let end = raw[pos..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(raw.len(), |i| pos + i + 1);
        let line = &raw[pos..end];
        if line == b"\r\n" || line == b"\n" {
            break;
        }
        match (line.first(), fields.last_mut()) {
            (Some(b' ') | Some(b'\t'), Some(last)) => last.1 = end,
            _ => fields.push((pos, end)),
        }
        pos = end;
    }
    (
        fields.into_iter().map(|(s, e)| &raw[s..e]).collect(),
        &raw[pos..],
    )
}

fn field_name(field: &[u8]) -> String {
    let end = field.iter().position(|&b| b == b':').unwrap_or(0);
    String::from_utf8_lossy(&field[..end])
        .trim()
        .to_ascii_lowercase()
}

/// What Gmail does to outgoing mail: adds `From`, `Date` and `Message-ID` when missing
/// and removes `Bcc` (recipients keep it secret; the outbox still records it).
pub fn prepare_outgoing(raw: &[u8], from: &str, message_id: &str) -> Vec<u8> {
    let (fields, rest) = split_headers(raw);
    let crlf = fields.first().is_none_or(|f| f.ends_with(b"\r\n"));
    let eol: &[u8] = if crlf { b"\r\n" } else { b"\n" };
    let names: Vec<String> = fields.iter().map(|f| field_name(f)).collect();
    let mut out = Vec::with_capacity(raw.len() + 200);
    let mut add = |name: &str, value: &str| {
        if !names.iter().any(|n| n == &name.to_ascii_lowercase()) {
            out.extend_from_slice(format!("{name}: {value}").as_bytes());
            out.extend_from_slice(eol);
        }
    };
    add("From", from);
    add("Date", &chrono::Utc::now().to_rfc2822());
    // Gmail replaces the Message-ID of mail sent through the API with one of its own
    // (lieer and FlowCrypt report it): the one the client wrote is gone, so a client
    // cannot find its message by it.
    out.extend_from_slice(format!("Message-ID: {message_id}").as_bytes());
    out.extend_from_slice(eol);
    for (field, name) in fields.iter().zip(&names) {
        if name != "bcc" && name != "message-id" {
            out.extend_from_slice(field);
        }
    }
    out.extend_from_slice(rest);
    out
}

/// The outbox record of a sent message (`GET /_sandbox/outbox`).
pub fn outbox_entry(
    id: &str,
    thread: &str,
    via: &str,
    sent: &Summary,
    stored: &Summary,
    raw_size: usize,
) -> Value {
    let emails = |l: &[Addr]| l.iter().map(|a| a.email.clone()).collect::<Vec<_>>();
    json!({
        "id": id,
        "threadId": thread,
        "via": via,
        "message_id": stored.message_id.as_ref().map(|m| format!("<{m}>")),
        "from": stored.from.first().map(|a| a.email.clone()),
        "to": emails(&sent.to),
        "cc": emails(&sent.cc),
        "bcc": emails(&sent.bcc),
        "subject": sent.subject,
        // In-Reply-To and References as written, for threading checks.
        "refs": sent.refs,
        "date": stored.date_text,
        "text": sent.text,
        "attachments": sent.attachments.iter().map(|a| json!({
            "filename": a.filename,
            "content_type": a.content_type,
            "size": a.size,
            "sha256": a.sha256,
        })).collect::<Vec<_>>(),
        "raw_size": raw_size,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prepare_adds_from_and_strips_bcc() {
        let raw = b"To: a@b.c\r\nBcc: hidden@x.y,\r\n other@x.y\r\nSubject: hi\r\n\r\nbody\r\n";
        let out = prepare_outgoing(raw, "Ada <ada@satchel.test>", "<id@x>");
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("From: Ada <ada@satchel.test>\r\n"));
        assert!(!text.contains("hidden") && !text.contains("other@"));
        assert!(text.contains("Subject: hi\r\n\r\nbody"));
        assert!(text.contains("Message-ID: <id@x>"));
    }

    #[test]
    fn prepare_replaces_the_clients_message_id_as_gmail_does() {
        let raw =
            b"To: a@b.c\r\nMessage-ID: <mine@satchel.test>\r\nX-Satchel-Id: s1\r\n\r\nbody\r\n";
        let text = String::from_utf8(prepare_outgoing(
            raw,
            "ada@satchel.test",
            "<CA1@mail.gmail.com>",
        ))
        .unwrap();
        assert!(!text.contains("mine@satchel.test"), "{text}");
        assert_eq!(text.matches("Message-ID:").count(), 1);
        assert!(text.contains("Message-ID: <CA1@mail.gmail.com>\r\n"));
        assert!(
            text.contains("X-Satchel-Id: s1\r\n"),
            "custom headers are kept"
        );
    }

    #[test]
    fn summary_decodes_encoded_subject() {
        let raw = b"From: ada@satchel.test\r\nTo: Bob <bob@example.com>\r\nSubject: =?UTF-8?B?zpPOtc65zrEgz4POv8+F?=\r\n\r\nhello";
        let s = summarize(raw).unwrap();
        assert_eq!(s.subject, "Γεια σου");
        assert_eq!(s.to[0].email, "bob@example.com");
        assert!(check(&s, "ada@satchel.test", true).is_ok());
        assert!(check(&s, "grace@satchel.test", true).is_err());
    }
}
