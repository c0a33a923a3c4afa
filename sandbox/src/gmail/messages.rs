//! Reading and organizing mail: `messages.list` (q, labelIds, paging), `messages.get`
//! (formats), `attachments.get`, `modify`, `trash`, `untrash` and `threads.get`.

use serde_json::{json, Value};

use crate::errors::ApiError;
use crate::gmail::payload::{attachment as attachment_bytes, message_json};
use crate::gmail::store::{Mailbox, StoredMessage};
use crate::gmail::{not_found, page_size, page_start, query};
use crate::handler::{Ctx, Reply};
use crate::util::b64url;

/// Messages matching `q`, `labelIds` and `includeSpamTrash`, newest first.
pub fn select<'a>(
    mailbox: &'a Mailbox,
    q: Option<&str>,
    label_ids: &[&str],
    include_spam_trash: bool,
    only: impl Fn(&StoredMessage) -> bool,
) -> Vec<&'a StoredMessage> {
    let query = query::parse(q.unwrap_or(""));
    let spam_trash_ok = include_spam_trash
        || query.wants_spam_or_trash()
        || label_ids.iter().any(|l| *l == "SPAM" || *l == "TRASH");
    let mut out: Vec<&StoredMessage> = mailbox
        .messages
        .iter()
        .filter(|m| only(m))
        .filter(|m| spam_trash_ok || !(m.has("SPAM") || m.has("TRASH")))
        .filter(|m| label_ids.iter().all(|l| m.has(l)))
        .filter(|m| query.matches(m, mailbox))
        .collect();
    out.sort_by(|a, b| b.internal_date.cmp(&a.internal_date).then(b.id.cmp(&a.id)));
    out
}

/// Cuts a page out of `items`: (page, nextPageToken).
pub fn page<T>(items: Vec<T>, ctx: &Ctx<'_>) -> Result<(Vec<T>, Option<String>), ApiError> {
    let start = page_start(ctx.q("pageToken"))?;
    let size = page_size(ctx.q_int("maxResults"));
    let total = items.len();
    let page: Vec<T> = items.into_iter().skip(start).take(size).collect();
    let end = start.saturating_add(size);
    let next = (end < total).then(|| end.to_string());
    Ok((page, next))
}

pub fn list(ctx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let data = ctx.data();
    let mailbox = &data.mail[ctx.account];
    let label_ids = ctx.q_all("labelIds");
    for l in &label_ids {
        if !mailbox.labels.iter().any(|x| x.id == *l) {
            return Err(ApiError::invalid_argument(format!("Invalid label: {l}")));
        }
    }
    let found = select(
        mailbox,
        ctx.q("q"),
        &label_ids,
        ctx.q_bool("includeSpamTrash"),
        |_| true,
    );
    let total = found.len();
    let (page, next) = page(found, ctx)?;
    let mut body = json!({ "resultSizeEstimate": total });
    // Gmail leaves `messages` out entirely when nothing matches.
    if !page.is_empty() {
        body["messages"] = json!(page
            .iter()
            .map(|m| json!({ "id": m.id, "threadId": m.thread_id }))
            .collect::<Vec<_>>());
    }
    if let Some(next) = next {
        body["nextPageToken"] = json!(next);
    }
    Ok(Reply::Json(body))
}

pub fn get(ctx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let data = ctx.data();
    let m = data.mail[ctx.account]
        .message(ctx.param("id"))
        .ok_or_else(not_found)?;
    let format = ctx.q("format").unwrap_or("full");
    Ok(Reply::Json(message_json(
        m,
        format,
        &ctx.q_all("metadataHeaders"),
    )))
}

pub fn attachment(ctx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let data = ctx.data();
    let m = data.mail[ctx.account]
        .message(ctx.param("messageId"))
        .ok_or_else(not_found)?;
    let bytes = attachment_bytes(m, ctx.param("id")).ok_or_else(not_found)?;
    Ok(Reply::Json(
        json!({ "size": bytes.len(), "data": b64url(&bytes) }),
    ))
}

fn label_list(body: &Value, key: &str) -> Vec<String> {
    body[key]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

fn minimal(m: &StoredMessage) -> Value {
    json!({ "id": m.id, "threadId": m.thread_id, "labelIds": m.labels })
}

pub fn modify(ctx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let body = ctx.json_body()?;
    let add = label_list(&body, "addLabelIds");
    let remove = label_list(&body, "removeLabelIds");
    let mut data = ctx.data();
    let mailbox = &mut data.mail[ctx.account];
    for l in add.iter().chain(&remove) {
        if !mailbox.labels.iter().any(|x| x.id == *l) {
            return Err(ApiError::invalid_argument(format!("Invalid label: {l}")));
        }
        if matches!(l.as_str(), "DRAFT" | "SENT") {
            return Err(ApiError::invalid_argument(format!("Invalid label: {l}")));
        }
    }
    let history = mailbox.next_history();
    let m = mailbox.message_mut(ctx.param("id")).ok_or_else(not_found)?;
    m.labels.retain(|l| !remove.contains(l));
    for l in add {
        if !m.labels.contains(&l) {
            m.labels.push(l);
        }
    }
    m.history_id = history;
    Ok(Reply::Json(minimal(m)))
}

pub fn trash(ctx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let mut data = ctx.data();
    let mailbox = &mut data.mail[ctx.account];
    let history = mailbox.next_history();
    let m = mailbox.message_mut(ctx.param("id")).ok_or_else(not_found)?;
    m.labels
        .retain(|l| l != "INBOX" && l != "SPAM" && l != "TRASH");
    m.labels.push("TRASH".into());
    m.history_id = history;
    Ok(Reply::Json(minimal(m)))
}

pub fn untrash(ctx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let mut data = ctx.data();
    let mailbox = &mut data.mail[ctx.account];
    let history = mailbox.next_history();
    let m = mailbox.message_mut(ctx.param("id")).ok_or_else(not_found)?;
    m.labels.retain(|l| l != "TRASH");
    if !m.has("SENT") && !m.has("DRAFT") && !m.has("INBOX") {
        m.labels.push("INBOX".into());
    }
    m.history_id = history;
    Ok(Reply::Json(minimal(m)))
}

pub fn thread(ctx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let data = ctx.data();
    let mailbox = &data.mail[ctx.account];
    let id = ctx.param("id");
    let mut messages: Vec<&StoredMessage> = mailbox
        .messages
        .iter()
        .filter(|m| m.thread_id == id)
        .collect();
    if messages.is_empty() {
        return Err(not_found());
    }
    messages.sort_by_key(|m| m.internal_date);
    let format = ctx.q("format").unwrap_or("full");
    let headers = ctx.q_all("metadataHeaders");
    let history = messages
        .iter()
        .map(|m| m.history_id)
        .max()
        .unwrap_or_default();
    Ok(Reply::Json(json!({
        "id": id,
        "historyId": history.to_string(),
        "messages": messages.iter().map(|m| message_json(m, format, &headers)).collect::<Vec<_>>(),
    })))
}
