//! `messages.send` (JSON and uploads) and the sending itself, shared with `drafts.send`:
//! Gmail's checks, the headers Gmail adds, the SENT copy, delivery to seeded accounts
//! among the recipients, and the outbox record.

use serde_json::{json, Value};

use crate::errors::ApiError;
use crate::gmail::incoming::{self, Shape};
use crate::gmail::mime::{check, outbox_entry, summarize};
use crate::gmail::store::new_message_id;
use crate::handler::{Ctx, Reply};
use crate::state::Data;
use crate::util::now_ms;
use crate::ACCOUNTS;

pub fn missing_raw() -> ApiError {
    ApiError::invalid_argument(
        "'raw' RFC822 payload message string or uploading message via /upload/* URL required",
    )
}

pub fn unparseable() -> ApiError {
    ApiError::invalid_argument("Invalid RFC 5322 message: no header fields found")
}

pub fn send(ctx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let incoming = incoming::read(ctx, Shape::Message)?;
    let thread = incoming.meta["threadId"].as_str().map(String::from);
    let raw = incoming.raw.ok_or_else(missing_raw)?;
    let mut data = ctx.data();
    let sent = deliver(
        &mut data,
        ctx.account,
        raw,
        thread.as_deref(),
        incoming.via,
        None,
    )?;
    Ok(Reply::Json(sent))
}

/// Sends `raw` from `account`. `reuse_id` keeps a draft's message id when a draft is sent.
pub fn deliver(
    data: &mut Data,
    account: usize,
    raw: Vec<u8>,
    thread: Option<&str>,
    via: &str,
    reuse_id: Option<String>,
) -> Result<Value, ApiError> {
    let me = ACCOUNTS[account];
    let sent = summarize(&raw).ok_or_else(unparseable)?;
    check(&sent, me.email, true)?;
    let now = now_ms();
    let id = reuse_id.unwrap_or_else(|| new_message_id(&mut data.rng, now));
    let message_id = format!("<CA{}@mail.gmail.com>", data.rng.token(40));
    let prepared = crate::gmail::mime::prepare_outgoing(
        &raw,
        &format!("{} <{}>", me.name, me.email),
        &message_id,
    );
    let recipients: Vec<String> = sent
        .to
        .iter()
        .chain(&sent.cc)
        .chain(&sent.bcc)
        .map(|a| a.email.to_ascii_lowercase())
        .collect();

    let mailbox = &mut data.mail[account];
    let thread_id = mailbox.thread_for(thread, &sent, &id);
    let mut labels = vec!["SENT".to_string()];
    if recipients.iter().any(|r| r == me.email) {
        labels.push("INBOX".into());
    }
    let stored = mailbox
        .insert(
            id.clone(),
            Some(thread_id.clone()),
            prepared.clone(),
            labels,
            now,
        )
        .ok_or_else(unparseable)?;
    let reply = json!({ "id": stored.id, "threadId": stored.thread_id, "labelIds": stored.labels });
    let entry = outbox_entry(&id, &thread_id, via, &sent, &stored.summary, raw.len());
    data.outbox.push(entry);

    // Mail to the other seeded accounts arrives in their inboxes.
    for (i, other) in ACCOUNTS.iter().enumerate() {
        if i != account && recipients.iter().any(|r| r == other.email) {
            let their_id = new_message_id(&mut data.rng, now);
            let copy = prepared.clone();
            let theirs = &mut data.mail[i];
            let summary = summarize(&copy).ok_or_else(unparseable)?;
            let their_thread = theirs.thread_by_refs(&summary, &their_id);
            theirs.insert(
                their_id,
                Some(their_thread),
                copy,
                vec!["INBOX".into(), "UNREAD".into(), "CATEGORY_PERSONAL".into()],
                now,
            );
        }
    }
    Ok(reply)
}
