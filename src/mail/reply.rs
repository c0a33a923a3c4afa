//! Reply, Reply all and Forward: the compose form's first content, from the message shown.
//! Threading follows what Gmail needs to keep a reply in its conversation: the parent's
//! Message-ID as Gmail stored it in In-Reply-To, the parent's References plus that id in
//! References, the thread's id in the request, and the same subject (`Re:` added once).

use super::address::Mailbox;
use super::message::Shown;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReplyKind {
    Reply,
    ReplyAll,
    Forward,
}

/// Where a reply belongs: written into the message and the send request.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Threading {
    pub in_reply_to: Option<String>,
    pub references: Vec<String>,
    pub thread_id: Option<String>,
}

/// References kept: the first (the conversation's root) and the newest, as RFC 5322
/// suggests trimming, so a long thread's header stays short.
const MAX_REFERENCES: usize = 20;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Prefill {
    pub to: Vec<Mailbox>,
    pub cc: Vec<Mailbox>,
    pub subject: String,
    pub body: String,
    pub threading: Threading,
}

/// The compose form for `kind` of `original` (whose text is `text`), by the user `me`
/// (their address), `date` being the original's date as the user reads it.
pub fn prefill(kind: ReplyKind, original: &Shown, text: &str, me: &str, date: &str) -> Prefill {
    let mine = |m: &Mailbox| m.email.eq_ignore_ascii_case(me);
    let from_me = original.from.iter().any(mine);
    // A reply to one's own message goes to its recipients, as in Gmail.
    let primary: Vec<Mailbox> = if from_me {
        original.to.clone()
    } else if !original.reply_to.is_empty() {
        original.reply_to.clone()
    } else {
        original.from.clone()
    };
    let (to, cc) = match kind {
        ReplyKind::Reply => (unique(primary, &[], me), Vec::new()),
        ReplyKind::ReplyAll => {
            let mut to = primary;
            if !from_me {
                to.extend(original.to.iter().cloned());
            }
            let to = unique(to, &[], me);
            let cc = unique(original.cc.clone(), &to, me);
            (to, cc)
        }
        ReplyKind::Forward => (Vec::new(), Vec::new()),
    };
    let subject = match kind {
        ReplyKind::Forward => prefixed("Fwd:", &["fwd:", "fw:"], &original.subject),
        _ => prefixed("Re:", &["re:"], &original.subject),
    };
    let body = match kind {
        ReplyKind::Forward => format!(
            "\n\n---------- Forwarded message ---------\nFrom: {}\nDate: {date}\nSubject: {}\nTo: {}\n\n{text}\n",
            super::api::format_recipients(&original.from),
            original.subject,
            super::api::format_recipients(&original.to),
        ),
        _ => {
            let quoted: Vec<String> = text
                .lines()
                .map(|l| if l.starts_with('>') { format!(">{l}") } else if l.is_empty() { ">".into() } else { format!("> {l}") })
                .collect();
            format!("\n\nOn {date}, {} wrote:\n{}\n", original.sender_name(), quoted.join("\n"))
        }
    };
    let mut references = original.references.clone();
    if let Some(id) = &original.message_id {
        references.retain(|r| r != id);
        references.push(id.clone());
    }
    if references.len() > MAX_REFERENCES {
        let keep_from = references.len() - (MAX_REFERENCES - 1);
        let first = references.first().cloned();
        references = first
            .into_iter()
            .chain(references.into_iter().skip(keep_from))
            .collect();
    }
    Prefill {
        to,
        cc,
        subject,
        body,
        threading: Threading {
            in_reply_to: original.message_id.clone(),
            references,
            thread_id: (!original.thread_id.is_empty()).then(|| original.thread_id.clone()),
        },
    }
}

/// `subject` with `prefix` in front unless it already starts with one of `already`.
fn prefixed(prefix: &str, already: &[&str], subject: &str) -> String {
    let lower = subject.trim_start().to_ascii_lowercase();
    if already.iter().any(|p| lower.starts_with(p)) {
        subject.trim().to_string()
    } else if subject.trim().is_empty() {
        prefix.to_string()
    } else {
        format!("{prefix} {}", subject.trim())
    }
}

/// `list` without `me`, without addresses already in `seen` and without repeats (any case).
fn unique(list: Vec<Mailbox>, seen: &[Mailbox], me: &str) -> Vec<Mailbox> {
    let mut out: Vec<Mailbox> = Vec::new();
    for m in list {
        let same = |o: &Mailbox| o.email.eq_ignore_ascii_case(&m.email);
        if m.email.eq_ignore_ascii_case(me) || seen.iter().any(same) || out.iter().any(same) {
            continue;
        }
        out.push(m);
    }
    out
}

#[cfg(test)]
#[path = "reply_tests.rs"]
mod tests;
