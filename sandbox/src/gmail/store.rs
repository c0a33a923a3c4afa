//! One account's mailbox: labels, messages (raw bytes plus what was read from them),
//! drafts, and the history counter every change advances.

use serde_json::{json, Value};

use crate::gmail::mime::{summarize, Summary};
use crate::util::Rng;

#[derive(Clone, Debug)]
pub struct Label {
    pub id: String,
    pub name: String,
    pub system: bool,
    /// `(textColor, backgroundColor)` for user labels that have one.
    pub color: Option<(&'static str, &'static str)>,
}

#[derive(Clone, Debug)]
pub struct StoredMessage {
    pub id: String,
    pub thread_id: String,
    pub labels: Vec<String>,
    pub raw: Vec<u8>,
    /// Milliseconds since the epoch.
    pub internal_date: i64,
    pub history_id: u64,
    pub summary: Summary,
}

impl StoredMessage {
    pub fn has(&self, label: &str) -> bool {
        self.labels.iter().any(|l| l == label)
    }
}

#[derive(Clone, Debug)]
pub struct Draft {
    pub id: String,
    pub message_id: String,
}

pub struct Mailbox {
    pub email: String,
    pub labels: Vec<Label>,
    pub messages: Vec<StoredMessage>,
    pub drafts: Vec<Draft>,
    pub history_id: u64,
}

pub const SYSTEM_LABELS: &[&str] = &[
    "CHAT",
    "SENT",
    "INBOX",
    "IMPORTANT",
    "TRASH",
    "DRAFT",
    "SPAM",
    "CATEGORY_FORUMS",
    "CATEGORY_UPDATES",
    "CATEGORY_PERSONAL",
    "CATEGORY_PROMOTIONS",
    "CATEGORY_SOCIAL",
    "STARRED",
    "UNREAD",
];

impl Mailbox {
    pub fn new(
        email: &str,
        user_labels: &[(&str, Option<(&'static str, &'static str)>)],
    ) -> Mailbox {
        let mut labels: Vec<Label> = SYSTEM_LABELS
            .iter()
            .map(|id| Label {
                id: id.to_string(),
                name: id.to_string(),
                system: true,
                color: None,
            })
            .collect();
        for (i, (name, color)) in user_labels.iter().enumerate() {
            labels.push(Label {
                id: format!("Label_{}", i + 1),
                name: name.to_string(),
                system: false,
                color: *color,
            });
        }
        Mailbox {
            email: email.to_string(),
            labels,
            messages: Vec::new(),
            drafts: Vec::new(),
            history_id: 1000,
        }
    }

    pub fn next_history(&mut self) -> u64 {
        self.history_id += 1;
        self.history_id
    }

    pub fn message(&self, id: &str) -> Option<&StoredMessage> {
        self.messages.iter().find(|m| m.id == id)
    }

    pub fn message_mut(&mut self, id: &str) -> Option<&mut StoredMessage> {
        self.messages.iter_mut().find(|m| m.id == id)
    }

    pub fn label_by_name(&self, name: &str) -> Option<&Label> {
        let wanted = name.to_lowercase().replace(['-', '_'], " ");
        self.labels.iter().find(|l| {
            l.id.eq_ignore_ascii_case(name)
                || l.name.to_lowercase().replace(['-', '_', '/'], " ") == wanted
        })
    }

    /// The thread a new message belongs to. As Gmail documents it for `messages.send` and
    /// drafts: the requested `threadId` is honoured only when the message's In-Reply-To or
    /// References names a message of that thread and its Subject matches the thread's
    /// (ignoring `Re:`/`Fwd:`). Anything else starts a new thread: a client that forgets
    /// the `threadId`, or the headers, sees its reply stand alone, as on Gmail.
    pub fn thread_for(&self, requested: Option<&str>, summary: &Summary, new_id: &str) -> String {
        let Some(thread) = requested else {
            return new_id.to_string();
        };
        let in_thread: Vec<&StoredMessage> = self
            .messages
            .iter()
            .filter(|m| m.thread_id == thread)
            .collect();
        let named = in_thread.iter().any(|m| {
            m.summary
                .message_id
                .as_deref()
                .is_some_and(|id| summary.refs.iter().any(|r| r == id))
        });
        let same_subject = in_thread
            .iter()
            .any(|m| base_subject(&m.summary.subject) == base_subject(&summary.subject));
        if named && same_subject {
            thread.to_string()
        } else {
            new_id.to_string()
        }
    }

    /// The thread of a message that arrives (not sent through the API): the thread of a
    /// message its In-Reply-To or References names, with the same subject, else a new one.
    pub fn thread_by_refs(&self, summary: &Summary, new_id: &str) -> String {
        summary
            .refs
            .iter()
            .find_map(|r| {
                self.messages.iter().find(|m| {
                    m.summary.message_id.as_deref() == Some(r.as_str())
                        && base_subject(&m.summary.subject) == base_subject(&summary.subject)
                })
            })
            .map_or_else(|| new_id.to_string(), |m| m.thread_id.clone())
    }

    /// Stores a raw message; `None` when it doesn't parse.
    pub fn insert(
        &mut self,
        id: String,
        thread_id: Option<String>,
        raw: Vec<u8>,
        labels: Vec<String>,
        internal_date: i64,
    ) -> Option<&StoredMessage> {
        let summary = summarize(&raw)?;
        let thread_id = thread_id.unwrap_or_else(|| self.thread_by_refs(&summary, &id));
        let history_id = self.next_history();
        self.messages.push(StoredMessage {
            id,
            thread_id,
            labels,
            raw,
            internal_date,
            history_id,
            summary,
        });
        self.messages.last()
    }

    pub fn remove(&mut self, id: &str) {
        self.messages.retain(|m| m.id != id);
        self.next_history();
    }

    pub fn label_json(&self, label: &Label, counts: bool) -> Value {
        let mut v = json!({ "id": label.id, "name": label.name, "type": if label.system { "system" } else { "user" } });
        if !label.system {
            v["messageListVisibility"] = json!("show");
            v["labelListVisibility"] = json!("labelShow");
        } else if matches!(
            label.id.as_str(),
            "INBOX" | "SENT" | "DRAFT" | "TRASH" | "SPAM" | "STARRED" | "IMPORTANT" | "UNREAD"
        ) {
            v["labelListVisibility"] = json!("labelShow");
            v["messageListVisibility"] = json!("hide");
        }
        if let Some((text, background)) = label.color {
            v["color"] = json!({ "textColor": text, "backgroundColor": background });
        }
        if counts {
            let with: Vec<&StoredMessage> =
                self.messages.iter().filter(|m| m.has(&label.id)).collect();
            let unread = with.iter().filter(|m| m.has("UNREAD")).count();
            let mut threads: Vec<&str> = with.iter().map(|m| m.thread_id.as_str()).collect();
            threads.sort_unstable();
            threads.dedup();
            let mut unread_threads: Vec<&str> = with
                .iter()
                .filter(|m| m.has("UNREAD"))
                .map(|m| m.thread_id.as_str())
                .collect();
            unread_threads.sort_unstable();
            unread_threads.dedup();
            v["messagesTotal"] = json!(with.len());
            v["messagesUnread"] = json!(unread);
            v["threadsTotal"] = json!(threads.len());
            v["threadsUnread"] = json!(unread_threads.len());
        }
        v
    }
}

/// Gmail-style ids: 16 lowercase hex digits, increasing with time like Gmail's.
pub fn new_message_id(rng: &mut Rng, millis: i64) -> String {
    format!(
        "{:011x}{}",
        millis.max(0) as u64 & 0xfff_ffff_ffff,
        rng.hex(5)
    )
}

pub fn new_draft_id(rng: &mut Rng) -> String {
    format!("r-{}", rng.chars(19, b"0123456789"))
}

/// A subject without its leading `Re:`, `Fwd:` and `Fw:` (any case, repeated).
pub fn base_subject(subject: &str) -> String {
    let mut rest = subject.trim();
    loop {
        let lower = rest.to_ascii_lowercase();
        let cut = ["re:", "fwd:", "fw:"]
            .iter()
            .find(|p| lower.starts_with(*p))
            .map(|p| p.len());
        match cut {
            Some(n) => rest = rest.get(n..).unwrap_or("").trim_start(),
            None => return rest.to_string(),
        }
    }
}
