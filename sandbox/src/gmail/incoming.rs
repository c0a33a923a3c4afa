//! Getting the RFC 5322 message out of a send/draft request, in the three forms Gmail
//! takes: JSON with base64url `raw`, `uploadType=media` (the message as the body) and
//! `uploadType=multipart` (`multipart/related`: JSON metadata, then the message).

use serde_json::Value;

use crate::discovery;
use crate::errors::ApiError;
use crate::handler::Ctx;
use crate::util::b64url_decode;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// The body is a `Message` resource (`messages.send`).
    Message,
    /// The body is a `Draft` resource (`drafts.*`), the message under `message`.
    Draft,
}

pub struct Incoming {
    /// The JSON resource (empty object for media uploads).
    pub meta: Value,
    pub raw: Option<Vec<u8>>,
    /// "raw", "media" or "multipart".
    pub via: &'static str,
}

impl Incoming {
    /// The `Message` part of the resource: the body itself, or a draft's `message`.
    pub fn message(&self, shape: Shape) -> &Value {
        match shape {
            Shape::Message => &self.meta,
            Shape::Draft => &self.meta["message"],
        }
    }
}

pub fn read(ctx: &Ctx<'_>, shape: Shape) -> Result<Incoming, ApiError> {
    if ctx.is_upload() {
        return read_upload(ctx, shape);
    }
    let meta = ctx.json_body()?;
    check_fields(&meta, shape)?;
    let (raw_value, field) = match shape {
        Shape::Message => (&meta["raw"], "message.raw"),
        Shape::Draft => (&meta["message"]["raw"], "draft.message.raw"),
    };
    let raw = match raw_value {
        Value::Null => None,
        Value::String(text) => Some(b64url_decode(text).ok_or_else(|| {
            let shown: String = text.chars().take(40).collect();
            ApiError::invalid_argument(format!(
                "Invalid value at '{field}' (TYPE_BYTES), Base64 decoding failed for \"{shown}\""
            ))
        })?),
        other => {
            return Err(ApiError::invalid_argument(format!(
                "Invalid value at '{field}' (TYPE_BYTES), {other}"
            )))
        }
    };
    Ok(Incoming {
        meta,
        raw,
        via: "raw",
    })
}

/// One Platform APIs refuse JSON names their schema doesn't have.
fn check_fields(meta: &Value, shape: Shape) -> Result<(), ApiError> {
    let unknown = |value: &Value, schema: &str, at: &str| -> Result<(), ApiError> {
        let known = discovery::schema_fields("gmail", schema);
        if let Some(map) = value.as_object() {
            for key in map.keys() {
                if !known.contains(key) {
                    return Err(ApiError::invalid_argument(format!(
                        "Invalid JSON payload received. Unknown name \"{key}\"{at}: Cannot find field."
                    )));
                }
            }
        }
        Ok(())
    };
    match shape {
        Shape::Message => unknown(meta, "Message", ""),
        Shape::Draft => {
            unknown(meta, "Draft", "")?;
            unknown(&meta["message"], "Message", " at 'draft.message'")
        }
    }
}

fn content_type(ctx: &Ctx<'_>) -> String {
    ctx.header("content-type").unwrap_or("").to_string()
}

fn media_check(ctx: &Ctx<'_>, media_type: &str, size: usize) -> Result<(), ApiError> {
    let max = ctx.method.max_upload.unwrap_or(usize::MAX);
    if size > max {
        return Err(ApiError::too_large(max));
    }
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if !essence.starts_with("message/") {
        return Err(ApiError::bad_request(format!(
            "Media type '{essence}' is not supported. Valid media types: [message/*]"
        )));
    }
    Ok(())
}

fn read_upload(ctx: &Ctx<'_>, shape: Shape) -> Result<Incoming, ApiError> {
    let ct = content_type(ctx);
    if ctx.q("uploadType") == Some("media") {
        media_check(ctx, &ct, ctx.body.len())?;
        return Ok(Incoming {
            meta: Value::Object(Default::default()),
            raw: Some(ctx.body.to_vec()),
            via: "media",
        });
    }
    let essence = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if !essence.starts_with("multipart/") {
        return Err(ApiError::bad_request(format!(
            "Invalid multipart request: Content-Type must be multipart/related, not '{essence}'"
        )));
    }
    let boundary = ct
        .split(';')
        .filter_map(|p| p.trim().strip_prefix("boundary="))
        .next()
        .map(|b| b.trim_matches('"').to_string())
        .ok_or_else(|| ApiError::bad_request("Invalid multipart request with 0 mime parts."))?;
    let parts = split_multipart(&ctx.body, &boundary);
    if parts.len() != 2 {
        return Err(ApiError::bad_request(format!(
            "Invalid multipart request with {} mime parts.",
            parts.len()
        )));
    }
    let (meta_headers, meta_body) = &parts[0];
    let meta_type = header(meta_headers, "content-type").unwrap_or_default();
    if !meta_type
        .to_ascii_lowercase()
        .starts_with("application/json")
    {
        return Err(ApiError::bad_request(format!(
            "Metadata part must be application/json, not '{meta_type}'"
        )));
    }
    let meta: Value = if meta_body.iter().all(|b| b.is_ascii_whitespace()) {
        Value::Object(Default::default())
    } else {
        serde_json::from_slice(meta_body)
            .map_err(|e| ApiError::bad_request(format!("Invalid JSON payload received. {e}")))?
    };
    check_fields(&meta, shape)?;
    let (media_headers, media) = &parts[1];
    media_check(
        ctx,
        &header(media_headers, "content-type").unwrap_or_default(),
        media.len(),
    )?;
    Ok(Incoming {
        meta,
        raw: Some(media.to_vec()),
        via: "multipart",
    })
}

fn header(headers: &[(String, String)], name: &str) -> Option<String> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.clone())
}

/// One part of a multipart body: its headers and its content.
type Part<'a> = (Vec<(String, String)>, &'a [u8]);

/// Splits a multipart body into its parts.
fn split_multipart<'a>(body: &'a [u8], boundary: &str) -> Vec<Part<'a>> {
    let delimiter = format!("--{boundary}");
    let d = delimiter.as_bytes();
    let mut starts = Vec::new();
    let mut i = 0;
    while i + d.len() <= body.len() {
        // A delimiter begins the body or follows a line break.
        if &body[i..i + d.len()] == d && (i == 0 || body[i - 1] == b'\n') {
            starts.push(i);
            i += d.len();
        } else {
            i += 1;
        }
    }
    let mut parts = Vec::new();
    for pair in starts.windows(2) {
        let (start, end) = (pair[0] + d.len(), pair[1]);
        let mut chunk = &body[start..end];
        if chunk.starts_with(b"--") {
            break;
        }
        // Drop the line break after the delimiter and the one before the next.
        chunk = chunk
            .strip_prefix(b"\r\n")
            .or_else(|| chunk.strip_prefix(b"\n"))
            .unwrap_or(chunk);
        chunk = chunk
            .strip_suffix(b"\r\n")
            .or_else(|| chunk.strip_suffix(b"\n"))
            .unwrap_or(chunk);
        let (head_end, sep) = match find(chunk, b"\r\n\r\n") {
            Some(p) => (p, 4),
            None => match find(chunk, b"\n\n") {
                Some(p) => (p, 2),
                None => (0, 0),
            },
        };
        let headers = String::from_utf8_lossy(&chunk[..head_end])
            .lines()
            .filter_map(|l| {
                l.split_once(':')
                    .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
            })
            .collect();
        parts.push((headers, &chunk[(head_end + sep).min(chunk.len())..]));
    }
    parts
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_related_parts() {
        let body = b"--b1\r\nContent-Type: application/json\r\n\r\n{}\r\n--b1\r\nContent-Type: message/rfc822\r\n\r\nTo: x@y.z\r\n\r\nhi\r\n--b1--\r\n";
        let parts = split_multipart(body, "b1");
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].1, b"{}");
        assert_eq!(parts[1].1, b"To: x@y.z\r\n\r\nhi");
    }
}
