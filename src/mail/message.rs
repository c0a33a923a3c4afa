//! A message as the message view shows it, from Gmail's `format=full` answer: headers, the
//! text (plain first, else the HTML turned into text), the HTML for "Show formatting", the
//! attachments and the `cid:` images. Pure: the view fetches and renders.
//!
//! Network data: every field is optional, bodies that do not decode are said, nesting is
//! bounded, and text is capped at [`MAX_TEXT_BYTES`].

use serde::Deserialize;

use super::address::Mailbox;
use super::encoding::{decode_charset, decode_gmail_raw, decode_header_text};
use super::html_clean::MAX_CLEAN_BYTES;
use super::html_text::html_to_text_within;
use super::limits::{cut_at, shown};
use super::parse::mailboxes;
use super::sanitize::{clean_filename, clean_message_id, clean_mime_type};
use crate::i18n::{k, t};

/// Parts deeper than this are not read (serde_json already stops at 128 levels).
const MAX_DEPTH: usize = 32;
/// Text shown in the view; a longer body is cut and the cut said.
pub const MAX_TEXT_BYTES: usize = 2 * 1024 * 1024;

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FullMessage {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub thread_id: String,
    #[serde(default)]
    pub label_ids: Vec<String>,
    #[serde(default)]
    pub internal_date: Option<String>,
    #[serde(default)]
    pub payload: Part,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Part {
    #[serde(default)]
    pub part_id: String,
    #[serde(default)]
    pub mime_type: String,
    #[serde(default)]
    pub filename: String,
    #[serde(default)]
    pub headers: Vec<Header>,
    #[serde(default)]
    pub body: Body,
    #[serde(default)]
    pub parts: Vec<Part>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Header {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub value: String,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Body {
    #[serde(default)]
    pub size: u64,
    #[serde(default)]
    pub data: Option<String>,
    #[serde(default)]
    pub attachment_id: Option<String>,
}

/// `threads.get`: the conversation's messages, oldest first.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct FullThread {
    #[serde(default)]
    pub messages: Vec<FullMessage>,
}

/// `messages.attachments.get`.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct AttachmentBody {
    #[serde(default)]
    pub data: String,
}

impl AttachmentBody {
    pub fn bytes(&self) -> Option<Vec<u8>> {
        decode_gmail_raw(&self.data).ok()
    }
}

/// A file in the message: listed with its name, type and size, fetched on demand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileRef {
    pub filename: String,
    pub mime_type: String,
    pub size: u64,
    /// For `messages.attachments.get`; `None` when the bytes came inline.
    pub attachment_id: Option<String>,
    pub data: Option<Vec<u8>>,
    /// Its `Content-ID` without `<>`, when the HTML can show it as `cid:`.
    pub content_id: Option<String>,
}

/// A body part still in its charset.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextPart {
    pub bytes: Vec<u8>,
    pub charset: String,
    /// The body is too big to come inline: fetch it like an attachment.
    pub attachment_id: Option<String>,
}

impl TextPart {
    /// Whether [`decode_charset`] reads this charset (the browser's TextDecoder reads more).
    pub fn charset_known(&self) -> bool {
        let c = self.charset.trim().trim_matches('"').to_ascii_lowercase();
        c.is_empty()
            || [
                "utf-8",
                "utf8",
                "us-ascii",
                "ascii",
                "iso-8859-1",
                "latin1",
                "windows-1252",
                "cp1252",
                "iso-8859-15",
            ]
            .contains(&c.as_str())
    }

    pub fn decode(&self) -> String {
        decode_charset(&self.charset, &self.bytes)
    }
}

/// The message view's model.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Shown {
    pub id: String,
    pub thread_id: String,
    pub labels: Vec<String>,
    pub date_ms: i64,
    pub from: Vec<Mailbox>,
    pub reply_to: Vec<Mailbox>,
    pub to: Vec<Mailbox>,
    pub cc: Vec<Mailbox>,
    pub subject: String,
    /// As Gmail stored it: what a reply's In-Reply-To names.
    pub message_id: Option<String>,
    pub references: Vec<String>,
    pub plain: Option<TextPart>,
    pub html: Option<TextPart>,
    pub files: Vec<FileRef>,
    /// What could not be shown, in sentences.
    pub problems: Vec<String>,
}

impl Shown {
    pub fn from_full(m: &FullMessage) -> Shown {
        let p = &m.payload;
        let header = |name: &str| {
            p.headers
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case(name))
                .map(|h| h.value.as_str())
        };
        let addresses = |name: &str| {
            header(name)
                .map(|v| mailboxes(cut_at(v, 64 * 1024).0))
                .unwrap_or_default()
        };
        let mut shown = Shown {
            id: m.id.clone(),
            thread_id: m.thread_id.clone(),
            labels: m.label_ids.clone(),
            date_ms: m
                .internal_date
                .as_deref()
                .and_then(|d| d.parse().ok())
                .unwrap_or(0),
            from: addresses("From"),
            reply_to: addresses("Reply-To"),
            to: addresses("To"),
            cc: addresses("Cc"),
            subject: header("Subject")
                .map(|s| {
                    shown(
                        decode_header_text(cut_at(s.trim(), 64 * 1024).0).trim(),
                        false,
                    )
                })
                .unwrap_or_default(),
            message_id: header("Message-ID").and_then(clean_message_id),
            references: header("References")
                .map(|r| ids_in(cut_at(r, 64 * 1024).0))
                .unwrap_or_default(),
            ..Shown::default()
        };
        walk(p, 0, &mut shown);
        shown
    }

    pub fn unread(&self) -> bool {
        self.labels.iter().any(|l| l == "UNREAD")
    }

    pub fn starred(&self) -> bool {
        self.labels.iter().any(|l| l == "STARRED")
    }

    /// The text to show (plain first, else the HTML as text), decoded with `decode` (the
    /// shell passes the browser's TextDecoder for charsets [`decode_charset`] lacks).
    pub fn text(&self, decode: &dyn Fn(&TextPart) -> String) -> String {
        let text = match (&self.plain, &self.html) {
            (Some(plain), _) => decode(plain),
            (None, Some(html)) => html_to_text_within(&decode(html), MAX_CLEAN_BYTES),
            (None, None) => String::new(),
        };
        let text = text.replace("\r\n", "\n");
        let (text, cut) = cut_at(&text, MAX_TEXT_BYTES);
        if cut {
            format!("{text}\n\n{}", t(k::MAIL_TOO_LONG))
        } else {
            text.to_string()
        }
    }

    /// The first sender, for "On …, <name> wrote:".
    pub fn sender_name(&self) -> String {
        self.from
            .first()
            .map(|m| m.name.clone().unwrap_or_else(|| m.email.clone()))
            .unwrap_or_default()
    }
}

/// `<id>`s of a References or In-Reply-To field, in order (at most 100).
pub fn ids_in(value: &str) -> Vec<String> {
    value
        .split('<')
        .skip(1)
        .filter_map(|rest| rest.split_once('>').map(|(id, _)| id))
        .filter_map(|id| clean_message_id(&format!("<{id}>")))
        .take(100)
        .collect()
}

fn walk(part: &Part, depth: usize, shown: &mut Shown) {
    if depth > MAX_DEPTH {
        shown.problems.push(t(k::MAIL_NESTED_TOO_DEEPLY).into());
        return;
    }
    let mime = part.mime_type.trim().to_ascii_lowercase();
    if mime.starts_with("multipart/") || !part.parts.is_empty() {
        for child in &part.parts {
            walk(child, depth + 1, shown);
        }
        return;
    }
    let header = |name: &str| {
        part.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| h.value.as_str())
    };
    let disposition = header("Content-Disposition")
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let is_attachment = disposition.starts_with("attachment") || !part.filename.trim().is_empty();
    let data = match part.body.data.as_deref() {
        Some(d) => match decode_gmail_raw(d) {
            Ok(bytes) => Some(bytes),
            Err(_) => {
                shown.problems.push(t(k::MAIL_NOT_DECODED).into());
                None
            }
        },
        None => None,
    };
    if !is_attachment && (mime == "text/plain" || mime == "text/html" || mime.is_empty()) {
        let charset = header("Content-Type")
            .and_then(|ct| {
                ct.split(';').skip(1).find_map(|p| {
                    let (k, v) = p.split_once('=')?;
                    k.trim()
                        .eq_ignore_ascii_case("charset")
                        .then(|| v.trim().trim_matches('"').to_string())
                })
            })
            .unwrap_or_default();
        let text = TextPart {
            bytes: data.unwrap_or_default(),
            charset,
            attachment_id: part.body.attachment_id.clone(),
        };
        let slot = if mime == "text/html" {
            &mut shown.html
        } else {
            &mut shown.plain
        };
        if slot.is_none() {
            *slot = Some(text);
        }
        return;
    }
    let filename = if part.filename.trim().is_empty() {
        "attachment".to_string()
    } else {
        clean_filename(cut_at(&part.filename, 1024).0)
    };
    let content_id = header("Content-ID")
        .map(|c| c.trim().trim_matches(['<', '>']).to_string())
        .filter(|c| !c.is_empty() && c.len() < 1000);
    shown.files.push(FileRef {
        filename,
        mime_type: clean_mime_type(&mime).unwrap_or_else(|| "application/octet-stream".into()),
        size: part.body.size,
        attachment_id: part.body.attachment_id.clone(),
        data,
        content_id,
    });
}

#[cfg(test)]
#[path = "message_tests.rs"]
mod tests;
