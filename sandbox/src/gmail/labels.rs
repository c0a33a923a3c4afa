//! `users.getProfile`, `users.labels.list` and `users.labels.get`.

use serde_json::json;

use crate::errors::ApiError;
use crate::gmail::not_found;
use crate::handler::{Ctx, Reply};

pub fn profile(ctx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let data = ctx.data();
    let mailbox = &data.mail[ctx.account];
    let mut threads: Vec<&str> = mailbox
        .messages
        .iter()
        .map(|m| m.thread_id.as_str())
        .collect();
    threads.sort_unstable();
    threads.dedup();
    Ok(Reply::Json(json!({
        "emailAddress": mailbox.email,
        "messagesTotal": mailbox.messages.len(),
        "threadsTotal": threads.len(),
        "historyId": mailbox.history_id.to_string(),
    })))
}

pub fn list(ctx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let data = ctx.data();
    let mailbox = &data.mail[ctx.account];
    let labels: Vec<_> = mailbox
        .labels
        .iter()
        .map(|l| mailbox.label_json(l, false))
        .collect();
    Ok(Reply::Json(json!({ "labels": labels })))
}

pub fn get(ctx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let data = ctx.data();
    let mailbox = &data.mail[ctx.account];
    let label = mailbox
        .labels
        .iter()
        .find(|l| l.id == ctx.param("id"))
        .ok_or_else(not_found)?;
    Ok(Reply::Json(mailbox.label_json(label, true)))
}
