//! Rendering a stored message in Gmail's formats: `minimal`, `metadata`, `full` (the MIME
//! tree as `payload` with `partId`s, decoded headers and base64url bodies) and `raw`.

use base64::engine::general_purpose::URL_SAFE;
use base64::Engine;
use mail_parser::{HeaderValue, Message, MessageParser, MimeHeaders, PartType};
use serde_json::{json, Value};

use crate::gmail::store::StoredMessage;
use crate::util::{b64url, b64url_decode};

pub fn message_json(m: &StoredMessage, format: &str, metadata_headers: &[&str]) -> Value {
    let mut v = json!({
        "id": m.id,
        "threadId": m.thread_id,
        "labelIds": m.labels,
        "snippet": m.summary.snippet,
        "sizeEstimate": m.raw.len(),
        "historyId": m.history_id.to_string(),
        "internalDate": m.internal_date.to_string(),
    });
    match format {
        "minimal" => {}
        // Gmail's `raw` and body `data` are URL-safe base64 with padding.
        "raw" => v["raw"] = json!(URL_SAFE.encode(&m.raw)),
        "metadata" => {
            if let Some(message) = MessageParser::default().parse(&m.raw) {
                let mut headers = headers_json(&message, 0, &m.raw);
                if !metadata_headers.is_empty() {
                    headers.retain(|h| {
                        let name = h["name"].as_str().unwrap_or_default();
                        metadata_headers
                            .iter()
                            .any(|w| w.eq_ignore_ascii_case(name))
                    });
                }
                v["payload"] = json!({
                    "partId": "",
                    "mimeType": mime_type(&message, 0),
                    "filename": "",
                    "headers": headers,
                });
            }
        }
        _ => {
            if let Some(message) = MessageParser::default().parse(&m.raw) {
                v["payload"] = part_json(&message, 0, String::new(), &m.id, &m.raw);
            }
        }
    }
    v
}

fn mime_type(message: &Message, index: usize) -> String {
    message.parts[index]
        .content_type()
        .map(|c| match &c.c_subtype {
            Some(sub) => format!("{}/{}", c.c_type, sub),
            None => c.c_type.to_string(),
        })
        .unwrap_or_else(|| "text/plain".into())
        .to_ascii_lowercase()
}

/// Headers as Gmail shows them: names as written, addresses and encoded words decoded,
/// everything else as written (unfolded).
fn headers_json(message: &Message, index: usize, raw: &[u8]) -> Vec<Value> {
    let part = &message.parts[index];
    part.headers
        .iter()
        .map(|h| {
            let start = h.offset_field as usize;
            let mid = h.offset_start as usize;
            let end = (h.offset_end as usize).min(raw.len());
            let name = String::from_utf8_lossy(raw.get(start..mid).unwrap_or_default())
                .trim_end()
                .trim_end_matches(':')
                .trim()
                .to_string();
            let written = String::from_utf8_lossy(raw.get(mid..end).unwrap_or_default())
                .replace("\r\n", "")
                .replace('\n', "")
                .trim()
                .to_string();
            let value = match &h.value {
                HeaderValue::Address(a) => a
                    .iter()
                    .map(|x| crate::gmail::mime::Addr::of(x).display())
                    .collect::<Vec<_>>()
                    .join(", "),
                HeaderValue::Text(t) if written.contains("=?") => t.to_string(),
                _ => written,
            };
            json!({ "name": name, "value": value })
        })
        .collect()
}

fn part_json(
    message: &Message,
    index: usize,
    part_id: String,
    message_id: &str,
    raw: &[u8],
) -> Value {
    let part = &message.parts[index];
    let mut v = json!({
        "partId": part_id,
        "mimeType": mime_type(message, index),
        "filename": part.attachment_name().unwrap_or_default(),
        "headers": headers_json(message, index, raw),
    });
    match &part.body {
        PartType::Multipart(children) => {
            v["body"] = json!({ "size": 0 });
            let parts: Vec<Value> = children
                .iter()
                .enumerate()
                .map(|(i, child)| {
                    let id = if part_id.is_empty() {
                        i.to_string()
                    } else {
                        format!("{part_id}.{i}")
                    };
                    part_json(message, *child as usize, id, message_id, raw)
                })
                .collect();
            v["parts"] = json!(parts);
        }
        _ => {
            let contents = body_bytes(part, raw);
            let contents = contents.as_slice();
            if part.attachment_name().is_some() {
                v["body"] = json!({ "attachmentId": attachment_id(message_id, index), "size": contents.len() });
            } else {
                v["body"] = json!({ "size": contents.len(), "data": URL_SAFE.encode(contents) });
            }
        }
    }
    v
}

/// Opaque attachment ids that name the message and the MIME part.
pub fn attachment_id(message_id: &str, index: usize) -> String {
    format!(
        "ANGjdJ{}",
        b64url(format!("{message_id}:{index}").as_bytes())
    )
}

/// The decoded contents of the part an attachment id names.
pub fn attachment(m: &StoredMessage, id: &str) -> Option<Vec<u8>> {
    let decoded = b64url_decode(id.strip_prefix("ANGjdJ")?)?;
    let text = String::from_utf8(decoded).ok()?;
    let (message_id, index) = text.split_once(':')?;
    if message_id != m.id {
        return None;
    }
    let index: usize = index.parse().ok()?;
    let message = MessageParser::default().parse(&m.raw)?;
    message.parts.get(index).map(|p| p.contents().to_vec())
}

/// A leaf part's body as Gmail's `full` format gives it: the transfer encoding undone, the
/// bytes still in the part's own charset (a `windows-1252` part stays windows-1252; the
/// client reads the charset from the part's Content-Type). mail-parser's `contents()`
/// would hand over text already converted to UTF-8, which Gmail does not do.
fn body_bytes(part: &mail_parser::MessagePart, raw: &[u8]) -> Vec<u8> {
    let written = raw
        .get(part.offset_body as usize..(part.offset_end as usize).min(raw.len()))
        .unwrap_or_default();
    let decoded = match part.encoding {
        mail_parser::Encoding::Base64 => mail_parser::decoders::base64::base64_decode(written),
        mail_parser::Encoding::QuotedPrintable => {
            mail_parser::decoders::quoted_printable::quoted_printable_decode(written)
        }
        mail_parser::Encoding::None => None,
    };
    match (decoded, &part.body) {
        (Some(bytes), _) => bytes,
        (None, PartType::Text(_) | PartType::Html(_))
            if part.encoding == mail_parser::Encoding::None =>
        {
            written.to_vec()
        }
        _ => part.contents().to_vec(),
    }
}
