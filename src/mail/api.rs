//! The Gmail REST calls the mail views make: URLs (from `gmail_root` and the Discovery
//! paths), request bodies, the response shapes they read, and the small formatting the
//! lists need. Pure: the shell sends and renders.

use super::address::Mailbox;
use super::date::MessageDate;
use super::html_text::decode_entities;
use super::limits::{cut_at, decode_capped, shown, MAX_HEADER_BYTES};
use crate::api::Method;
use crate::url::{encode_component, encode_pairs};

/// Messages per inbox page.
pub const PAGE_SIZE: u32 = 20;

/// `{root}gmail/v1/users/me/{rest}`; `root` with or without its trailing slash.
fn api(root: &str, rest: &str) -> String {
    format!("{}/gmail/v1/users/me/{rest}", root.trim_end_matches('/'))
}

/// The upload form of a method (`/upload/` in front of the path), media or multipart.
fn upload(root: &str, rest: &str, upload_type: &str) -> String {
    format!(
        "{}/upload/gmail/v1/users/me/{rest}?uploadType={upload_type}",
        root.trim_end_matches('/')
    )
}

/// Where a message goes, by call; each has a JSON form and an upload form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// `messages.send`.
    Send,
    /// `drafts.create`.
    CreateDraft,
    /// `drafts.update` of this draft.
    UpdateDraft(String),
    /// `drafts.send` of this draft, with its new content.
    SendDraft(String),
}

impl Target {
    pub fn method(&self) -> Method {
        match self {
            Target::UpdateDraft(_) => Method::Put,
            _ => Method::Post,
        }
    }

    /// Whether doing the call twice has the effect of doing it once. `drafts.update`
    /// does; a send twice is two messages and a create twice two drafts, so those are never
    /// repeated blindly after a 5xx or a lost answer.
    pub fn is_idempotent(&self) -> bool {
        matches!(self, Target::UpdateDraft(_))
    }

    /// The JSON form's URL.
    pub fn json_url(&self, root: &str) -> String {
        match self {
            Target::Send => api(root, "messages/send"),
            Target::CreateDraft => api(root, "drafts"),
            Target::UpdateDraft(id) => api(root, &format!("drafts/{}", encode_component(id))),
            Target::SendDraft(_) => api(root, "drafts/send"),
        }
    }

    /// The JSON body around `raw` (base64url, so it needs no escaping); `thread` puts a
    /// reply in its conversation (Gmail also wants its References and Subject to match).
    pub fn json_body(&self, raw: &str, thread: Option<&str>) -> String {
        let (before, after) = self.json_around_raw(thread);
        format!("{before}{raw}{after}")
    }

    /// [`Target::json_body`] without the `raw` text: what goes before and after it (the
    /// shell writes the text between them piece by piece, as a Blob).
    pub fn json_around_raw(&self, thread: Option<&str>) -> (String, String) {
        let message_end = match thread {
            Some(t) => format!(r#"","threadId":{}}}"#, json_string(t)),
            None => r#""}"#.to_string(),
        };
        match self {
            Target::Send => (r#"{"raw":""#.into(), message_end),
            Target::CreateDraft => (r#"{"message":{"raw":""#.into(), format!("{message_end}}}")),
            Target::UpdateDraft(id) | Target::SendDraft(id) => (
                format!(r#"{{"id":{},"message":{{"raw":""#, json_string(id)),
                format!("{message_end}}}"),
            ),
        }
    }

    /// The upload form's URL: a multipart upload when the call needs JSON next to the
    /// message ([`Target::upload_metadata`]), else the message alone.
    pub fn upload_url(&self, root: &str, thread: Option<&str>) -> String {
        let kind = if self.upload_metadata(thread).is_some() {
            "multipart"
        } else {
            "media"
        };
        match self {
            Target::Send => upload(root, "messages/send", kind),
            Target::CreateDraft => upload(root, "drafts", kind),
            Target::UpdateDraft(id) => {
                upload(root, &format!("drafts/{}", encode_component(id)), kind)
            }
            Target::SendDraft(_) => upload(root, "drafts/send", kind),
        }
    }

    /// The JSON part of a multipart upload, when the call needs one: `drafts.send` names
    /// its draft, and a reply names its thread.
    pub fn upload_metadata(&self, thread: Option<&str>) -> Option<String> {
        let thread = thread.map(|t| format!(r#"{{"threadId":{}}}"#, json_string(t)));
        match (self, thread) {
            (Target::SendDraft(id), _) => Some(format!(r#"{{"id":{}}}"#, json_string(id))),
            (Target::Send, Some(t)) => Some(t),
            (Target::CreateDraft, Some(t)) => Some(format!(r#"{{"message":{t}}}"#)),
            (Target::UpdateDraft(id), Some(t)) => {
                Some(format!(r#"{{"id":{},"message":{t}}}"#, json_string(id)))
            }
            (_, None) => None,
        }
    }
}

/// The text around the message in a `multipart/related` upload: (content type, head, tail).
pub fn multipart_related(metadata_json: &str, boundary: &str) -> (String, String, String) {
    (
        format!("multipart/related; boundary={boundary}"),
        format!(
            "--{boundary}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n{metadata_json}\r\n\
             --{boundary}\r\nContent-Type: message/rfc822\r\n\r\n"
        ),
        format!("\r\n--{boundary}--\r\n"),
    )
}

fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

pub fn draft_url(root: &str, id: &str) -> String {
    api(root, &format!("drafts/{}", encode_component(id)))
}

/// `drafts.send` of a saved draft as it is.
pub fn send_saved_draft(root: &str, id: &str) -> (String, String) {
    (
        api(root, "drafts/send"),
        format!(r#"{{"id":{}}}"#, json_string(id)),
    )
}

/// `drafts.get` with nothing but the id: enough to learn whether the draft still exists
/// (a sent draft is gone: 404).
pub fn draft_exists_url(root: &str, id: &str) -> String {
    format!("{}?format=minimal&fields=id", draft_url(root, id))
}

/// The newest messages in Sent, to look for one by its `X-Satchel-Id` after a lost answer.
/// (Gmail replaces the Message-ID of mail sent through the API, so `rfc822msgid:` cannot
/// find it, and search does not reach custom headers.)
pub fn recent_sent_url(root: &str) -> String {
    api(
        root,
        "messages?labelIds=SENT&maxResults=10&fields=messages/id,nextPageToken",
    )
}

/// One message's `X-Satchel-Id` header.
pub fn satchel_id_url(root: &str, id: &str) -> String {
    api(
        root,
        &format!(
            "messages/{}?format=metadata&metadataHeaders={SATCHEL_ID_HEADER}&fields=id,payload/headers",
            encode_component(id)
        ),
    )
}

/// The header Satchel writes into every message it sends, to find it again in Sent.
pub const SATCHEL_ID_HEADER: &str = "X-Satchel-Id";

pub fn drafts_list_url(root: &str) -> String {
    api(root, "drafts?maxResults=50&fields=drafts/id,nextPageToken")
}

/// The newest drafts, to find one whose create lost its answer.
pub fn recent_drafts_url(root: &str) -> String {
    api(root, "drafts?maxResults=10&fields=drafts/id")
}

/// A draft's headers. (`drafts.get` has no `metadataHeaders` parameter: all headers come.)
pub fn draft_metadata_url(root: &str, id: &str) -> String {
    format!(
        "{}?format=metadata&fields=id,message(id,internalDate,payload/headers)",
        draft_url(root, id)
    )
}

pub fn draft_raw_url(root: &str, id: &str) -> String {
    format!(
        "{}?format=raw&fields=id,message/raw,message/threadId",
        draft_url(root, id)
    )
}

/// One inbox page: `q` and `label` narrow it, `page_token` continues it.
pub fn messages_list_url(root: &str, q: &str, label: &str, page_token: Option<&str>) -> String {
    let size = PAGE_SIZE.to_string();
    let mut pairs = vec![
        ("maxResults", size.as_str()),
        ("fields", "messages/id,nextPageToken"),
    ];
    if !q.trim().is_empty() {
        pairs.push(("q", q.trim()));
    }
    if !label.is_empty() {
        pairs.push(("labelIds", label));
    }
    if let Some(token) = page_token {
        pairs.push(("pageToken", token));
    }
    api(root, &format!("messages?{}", encode_pairs(pairs)))
}

pub fn message_metadata_url(root: &str, id: &str) -> String {
    api(
        root,
        &format!(
            "messages/{}?format=metadata&metadataHeaders=From&metadataHeaders=Subject&metadataHeaders=Date\
             &fields=id,threadId,labelIds,snippet,internalDate,payload/headers",
            encode_component(id)
        ),
    )
}

/// Finds a message by its `Message-ID` (after a send lost its connection).
pub fn find_by_message_id_url(root: &str, message_id: &str) -> String {
    let q = format!("rfc822msgid:{}", message_id.trim_matches(['<', '>']));
    api(
        root,
        &format!(
            "messages?{}",
            encode_pairs([
                ("q", q.as_str()),
                ("maxResults", "1"),
                ("fields", "messages/id")
            ])
        ),
    )
}

pub fn labels_url(root: &str) -> String {
    api(root, "labels?fields=labels(id,name,type)")
}

/// The message in Gmail's web interface, in the signed-in account (`authuser`), not
/// whichever account the browser's Google session has first.
pub fn gmail_link(message_id: &str, account: Option<&str>) -> String {
    let user = account
        .map(|a| format!("?authuser={}", encode_component(a)))
        .unwrap_or_default();
    format!(
        "https://mail.google.com/mail/{user}#all/{}",
        encode_component(message_id)
    )
}

/// The people of a message, for recipient suggestions.
pub fn contact_headers_url(root: &str, id: &str) -> String {
    api(
        root,
        &format!(
            "messages/{}?format=metadata&metadataHeaders=From&metadataHeaders=To&metadataHeaders=Cc\
             &fields=id,internalDate,payload/headers",
            encode_component(id)
        ),
    )
}

/// One message with its MIME tree (`format=full`).
pub fn message_full_url(root: &str, id: &str) -> String {
    api(
        root,
        &format!("messages/{}?format=full", encode_component(id)),
    )
}

/// A conversation's messages with their MIME trees.
pub fn thread_full_url(root: &str, id: &str) -> String {
    api(
        root,
        &format!("threads/{}?format=full", encode_component(id)),
    )
}

pub fn attachment_url(root: &str, message: &str, attachment: &str) -> String {
    api(
        root,
        &format!(
            "messages/{}/attachments/{}",
            encode_component(message),
            encode_component(attachment)
        ),
    )
}

/// `messages.modify`, `messages.trash` or `messages.untrash` of a message.
pub fn message_action_url(root: &str, id: &str, action: &str) -> String {
    api(root, &format!("messages/{}/{action}", encode_component(id)))
}

/// The body of `messages.modify`.
pub fn modify_body(add: &[&str], remove: &[&str]) -> String {
    serde_json::json!({ "addLabelIds": add, "removeLabelIds": remove }).to_string()
}

// Response shapes (only the fields Satchel reads): in `api_shapes.rs`.
#[path = "api_shapes.rs"]
mod shapes;
#[cfg(test)]
use shapes::sender;
pub use shapes::*;

/// Mailboxes as the recipient fields show them, so that [`super::parse_recipients`] reads
/// them back: names with specials are quoted (`"Doe, Jane" <jane@example.com>`).
pub fn format_recipients(list: &[Mailbox]) -> String {
    list.iter()
        .map(|m| match m.name.as_deref().filter(|n| !n.is_empty()) {
            None => m.email.clone(),
            Some(name)
                if name
                    .chars()
                    .all(|c| c.is_alphanumeric() || " !#$%&'*+-/=?^_`{|}~".contains(c)) =>
            {
                format!("{name} <{}>", m.email)
            }
            Some(name) => format!(
                "\"{}\" <{}>",
                name.replace('\\', "\\\\").replace('"', "\\\""),
                m.email
            ),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A size for people: `0 B`, `812 B`, `1.2 KB`, `8.0 MB` (binary units, as file managers
/// and Gmail's 25 MB limit count).
pub fn human_size(bytes: usize) -> String {
    // Integer tenths, rounded: no float formatting in the bundle.
    let (unit, size) = match bytes {
        0..1024 => return format!("{bytes} B"),
        1024..1_048_576 => ("KB", 1024u64),
        _ => ("MB", 1_048_576),
    };
    let tenths = (bytes as u64 * 10 + size / 2) / size;
    format!("{}.{} {unit}", tenths / 10, tenths % 10)
}

/// A list date: the time for today, `3 Mar` this year, `3 Mar 2023` before. `offset_minutes`
/// is the local UTC offset at `ms` (and `now_ms`; the caller asks the browser).
pub fn short_date(ms: i64, now_ms: i64, offset_minutes: i32) -> String {
    let text = |t: i64| MessageDate::new(t.div_euclid(1000), offset_minutes).to_rfc5322();
    // "Thu, 1 Jan 1970 00:00:00 +0000": [weekday, day, month, year, time, offset]
    let (when, now) = (text(ms), text(now_ms));
    let w: Vec<&str> = when.split(' ').collect();
    let n: Vec<&str> = now.split(' ').collect();
    if w.len() < 5 || n.len() < 5 {
        return when;
    }
    if w[1..4] == n[1..4] {
        w[4].get(..5).unwrap_or(w[4]).to_string()
    } else if w[3] == n[3] {
        format!("{} {}", w[1], w[2])
    } else {
        format!("{} {} {}", w[1], w[2], w[3])
    }
}

#[cfg(test)]
#[path = "api_tests.rs"]
mod tests;
