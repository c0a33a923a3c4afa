//! The Gmail answers the lists read (only the fields Satchel reads).

use serde::Deserialize;

use crate::i18n::{k, t, Key};

use super::*;

#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct Created {
    #[serde(default)]
    pub id: String,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IdList {
    #[serde(default, alias = "drafts")]
    pub messages: Vec<Created>,
    pub next_page_token: Option<String>,
}

impl IdList {
    pub fn ids(self) -> Vec<String> {
        self.messages.into_iter().map(|m| m.id).collect()
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
struct Header {
    #[serde(default)]
    name: String,
    #[serde(default)]
    value: String,
}

#[derive(Clone, Debug, Default, Deserialize)]
struct Payload {
    #[serde(default)]
    headers: Vec<Header>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MessageMeta {
    #[serde(default)]
    id: String,
    #[serde(default)]
    label_ids: Vec<String>,
    #[serde(default)]
    snippet: String,
    /// Milliseconds since the epoch, as a decimal string.
    #[serde(default)]
    internal_date: Option<String>,
    #[serde(default)]
    payload: Payload,
}

impl MessageMeta {
    /// A header decoded (at most [`MAX_HEADER_BYTES`](super::limits::MAX_HEADER_BYTES) of
    /// it), and whether it was cut; rows pass it through [`shown`].
    fn header(&self, name: &str) -> (String, bool) {
        self.payload
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| decode_capped(&h.value))
            .unwrap_or_default()
    }

    fn date_ms(&self) -> i64 {
        self.internal_date
            .as_deref()
            .and_then(|d| d.parse().ok())
            .unwrap_or(0)
    }

    /// Whether the message carries `X-Satchel-Id: satchel_id`.
    pub fn has_satchel_id(&self, satchel_id: &str) -> bool {
        self.payload
            .headers
            .iter()
            .any(|h| h.name.eq_ignore_ascii_case(SATCHEL_ID_HEADER) && h.value.trim() == satchel_id)
    }

    /// A row of the inbox.
    pub fn summary(&self) -> Summary {
        let (from, from_cut) = self.header("From");
        let (subject, subject_cut) = self.header("Subject");
        let (snippet, snippet_cut) = cut_at(&self.snippet, MAX_HEADER_BYTES);
        Summary {
            id: self.id.clone(),
            from: shown(&sender(&from), from_cut),
            subject: shown(&subject, subject_cut),
            date_ms: self.date_ms(),
            snippet: shown(&decode_entities(snippet), snippet_cut),
            unread: self.label_ids.iter().any(|l| l == "UNREAD"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub id: String,
    pub from: String,
    pub subject: String,
    pub date_ms: i64,
    pub snippet: String,
    pub unread: bool,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct DraftMeta {
    #[serde(default)]
    id: String,
    #[serde(default)]
    message: MessageMeta,
}

impl DraftMeta {
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Whether the draft's message carries `X-Satchel-Id: satchel_id`.
    pub fn has_satchel_id(&self, satchel_id: &str) -> bool {
        self.message.has_satchel_id(satchel_id)
    }

    pub fn summary(&self) -> DraftSummary {
        let (to, to_cut) = self.message.header("To");
        let (subject, subject_cut) = self.message.header("Subject");
        let to = crate::mail::address::split_list(&to, true)
            .into_iter()
            .map(sender)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        DraftSummary {
            id: self.id.clone(),
            to: shown(&to, to_cut),
            subject: shown(&subject, subject_cut),
            date_ms: self.message.date_ms(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftSummary {
    pub id: String,
    pub to: String,
    pub subject: String,
    pub date_ms: i64,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct RawDraft {
    #[serde(default)]
    pub message: RawMessage,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RawMessage {
    #[serde(default)]
    pub raw: String,
    #[serde(default)]
    pub thread_id: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct LabelList {
    #[serde(default)]
    labels: Vec<Label>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct Label {
    pub id: String,
    pub name: String,
    #[serde(default, rename = "type")]
    pub kind: String,
}

/// The system labels worth filtering by, with the names Gmail shows.
const SYSTEM_LABELS: [(&str, Key); 6] = [
    ("INBOX", k::MAIL_LABEL_INBOX),
    ("STARRED", k::MAIL_LABEL_STARRED),
    ("IMPORTANT", k::MAIL_LABEL_IMPORTANT),
    ("UNREAD", k::MAIL_LABEL_UNREAD),
    ("SENT", k::MAIL_LABEL_SENT),
    ("DRAFT", k::MAIL_LABEL_DRAFTS),
];

impl LabelList {
    /// (id, name) for a label picker: the useful system labels in Gmail's order, then the
    /// user's labels by name.
    pub fn choices(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = SYSTEM_LABELS
            .iter()
            .filter(|(id, _)| self.labels.iter().any(|l| l.id == *id))
            .map(|(id, name)| (id.to_string(), t(*name).to_string()))
            .collect();
        let mut user: Vec<&Label> = self.labels.iter().filter(|l| l.kind == "user").collect();
        user.sort_by_key(|l| l.name.to_lowercase());
        out.extend(user.into_iter().map(|l| (l.id.clone(), l.name.clone())));
        out
    }
}

/// Who a `From` value names: the display name, or the address without one (read by the
/// same lenient reader as the message view's headers).
pub(super) fn sender(value: &str) -> String {
    match crate::mail::parse::mailboxes(value).into_iter().next() {
        Some(m) => m.name.unwrap_or(m.email),
        None => value.trim().to_string(),
    }
}
