//! Builds seed messages as real mail does: RFC 2047 encoded words for non-ASCII headers,
//! base64 bodies for non-ASCII text, multipart/alternative for HTML and multipart/mixed
//! for attachments, CRLF line ends.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chrono::{DateTime, Utc};

pub struct Attachment {
    pub filename: &'static str,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

pub struct Mail {
    pub from: (String, String),
    pub to: Vec<(String, String)>,
    pub cc: Vec<(String, String)>,
    pub subject: String,
    pub date: DateTime<Utc>,
    pub message_id: String,
    pub in_reply_to: Option<String>,
    pub text: String,
    pub html: Option<String>,
    pub attachment: Option<Attachment>,
    /// An image the HTML shows as `cid:<id>`, in a `multipart/related` around the body.
    pub inline_image: Option<(String, Attachment)>,
    pub list_unsubscribe: bool,
    /// Subject and From lines written exactly as given (hostile mail: malformed encoded
    /// words, raw 8-bit text, unfolded giants), instead of from `subject` and `from`.
    pub raw_subject: Option<String>,
    pub raw_from: Option<String>,
}

/// `=?UTF-8?B?…?=` words of at most 45 bytes each (75-character limit), folded.
pub fn encode_words(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in text.chars() {
        if chunk.len() + c.len_utf8() > 45 {
            words.push(format!("=?UTF-8?B?{}?=", STANDARD.encode(chunk.as_bytes())));
            chunk.clear();
        }
        chunk.push(c);
    }
    if !chunk.is_empty() {
        words.push(format!("=?UTF-8?B?{}?=", STANDARD.encode(chunk.as_bytes())));
    }
    words.join("\r\n ")
}

fn address((name, email): &(String, String)) -> String {
    if name.is_empty() {
        email.clone()
    } else if !name.is_ascii() {
        format!("{} <{email}>", encode_words(name))
    } else if name.contains([',', '.', '"', '(', ')']) {
        format!("\"{}\" <{email}>", name.replace('"', "\\\""))
    } else {
        format!("{name} <{email}>")
    }
}

fn wrap76(data: &str) -> String {
    data.as_bytes()
        .chunks(76)
        .map(|c| String::from_utf8_lossy(c).to_string())
        .collect::<Vec<_>>()
        .join("\r\n")
}

fn text_part(subtype: &str, text: &str) -> String {
    if text.is_ascii() {
        format!("Content-Type: text/{subtype}; charset=\"UTF-8\"\r\nContent-Transfer-Encoding: 7bit\r\n\r\n{}\r\n", text.replace('\n', "\r\n"))
    } else {
        format!(
            "Content-Type: text/{subtype}; charset=\"UTF-8\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n",
            wrap76(&STANDARD.encode(text.replace('\n', "\r\n").as_bytes()))
        )
    }
}

pub fn build(m: &Mail, boundary_seed: &str) -> Vec<u8> {
    let mut head = String::new();
    head.push_str("MIME-Version: 1.0\r\n");
    head.push_str(&format!("Date: {}\r\n", m.date.to_rfc2822()));
    head.push_str(&format!("Message-ID: {}\r\n", m.message_id));
    if let Some(r) = &m.in_reply_to {
        head.push_str(&format!("In-Reply-To: {r}\r\nReferences: {r}\r\n"));
    }
    let subject = m
        .raw_subject
        .clone()
        .unwrap_or_else(|| encode_words(&m.subject));
    head.push_str(&format!("Subject: {subject}\r\n"));
    let from = m.raw_from.clone().unwrap_or_else(|| address(&m.from));
    head.push_str(&format!("From: {from}\r\n"));
    head.push_str(&format!(
        "To: {}\r\n",
        m.to.iter().map(address).collect::<Vec<_>>().join(", ")
    ));
    if !m.cc.is_empty() {
        head.push_str(&format!(
            "Cc: {}\r\n",
            m.cc.iter().map(address).collect::<Vec<_>>().join(", ")
        ));
    }
    if m.list_unsubscribe {
        head.push_str(&format!(
            "List-Unsubscribe: <mailto:unsubscribe@{}>\r\n",
            m.from.1.split('@').nth(1).unwrap_or("example.com")
        ));
    }
    let body = match &m.html {
        Some(html) => {
            let b = format!("alt_{boundary_seed}");
            format!(
                "Content-Type: multipart/alternative; boundary=\"{b}\"\r\n\r\n--{b}\r\n{}--{b}\r\n{}--{b}--\r\n",
                text_part("plain", &m.text),
                text_part("html", html)
            )
        }
        None => text_part("plain", &m.text),
    };
    let body = match &m.inline_image {
        Some((cid, a)) => with_file(
            "related",
            &format!("rel_{boundary_seed}"),
            &body,
            a,
            &format!("inline; filename=\"{}\"\r\nContent-ID: <{cid}>", a.filename),
        ),
        None => body,
    };
    let body = match &m.attachment {
        Some(a) => with_file(
            "mixed",
            &format!("mix_{boundary_seed}"),
            &body,
            a,
            &format!("attachment; filename=\"{}\"", a.filename),
        ),
        None => body,
    };
    // `body` starts with the top-level Content-Type header(s), then the blank line.
    format!("{head}{body}").into_bytes()
}

/// `body` (an entity with its headers) and the file `a` in a `multipart/<kind>`;
/// `disposition` is the file's Content-Disposition value and any headers after it.
fn with_file(kind: &str, b: &str, body: &str, a: &Attachment, disposition: &str) -> String {
    format!(
        "Content-Type: multipart/{kind}; boundary=\"{b}\"\r\n\r\n--{b}\r\n{body}--{b}\r\nContent-Type: {ct}; name=\"{f}\"\r\nContent-Disposition: {disposition}\r\nContent-Transfer-Encoding: base64\r\n\r\n{data}\r\n--{b}--\r\n",
        ct = a.content_type,
        f = a.filename,
        data = wrap76(&STANDARD.encode(&a.bytes)),
    )
}
