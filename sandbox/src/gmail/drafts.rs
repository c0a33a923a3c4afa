//! `drafts.create`, `list`, `get`, `update`, `delete` and `send`, JSON and uploads.
//! A draft is a stored message labelled DRAFT plus a draft id that points at it; updating
//! replaces the message (new message id), as in Gmail.

use serde_json::{json, Value};

use crate::errors::ApiError;
use crate::gmail::incoming::{self, Incoming, Shape};
use crate::gmail::messages::{page, select};
use crate::gmail::mime::{check, summarize};
use crate::gmail::not_found;
use crate::gmail::payload::message_json;
use crate::gmail::send::{deliver, missing_raw, unparseable};
use crate::gmail::store::{new_draft_id, new_message_id, Draft};
use crate::handler::{Ctx, Reply};
use crate::state::Data;
use crate::util::now_ms;
use crate::ACCOUNTS;

fn missing_message() -> ApiError {
    ApiError::invalid_argument("Missing draft message")
}

/// Stores the draft's message and returns its id.
fn store_message(data: &mut Data, account: usize, incoming: &Incoming) -> Result<String, ApiError> {
    let raw = incoming.raw.clone().ok_or_else(missing_message)?;
    let summary = summarize(&raw).ok_or_else(unparseable)?;
    check(&summary, ACCOUNTS[account].email, false)?;
    let now = now_ms();
    let id = new_message_id(&mut data.rng, now);
    let mailbox = &mut data.mail[account];
    let thread = mailbox.thread_for(
        incoming.message(Shape::Draft)["threadId"].as_str(),
        &summary,
        &id,
    );
    mailbox
        .insert(id.clone(), Some(thread), raw, vec!["DRAFT".into()], now)
        .ok_or_else(unparseable)?;
    Ok(id)
}

fn draft_json(data: &Data, account: usize, draft: &Draft, format: &str) -> Value {
    let message = data.mail[account]
        .message(&draft.message_id)
        .map(|m| match format {
            "" => json!({ "id": m.id, "threadId": m.thread_id, "labelIds": m.labels }),
            f => message_json(m, f, &[]),
        })
        .unwrap_or(Value::Null);
    json!({ "id": draft.id, "message": message })
}

pub fn create(ctx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let incoming = incoming::read(ctx, Shape::Draft)?;
    let mut data = ctx.data();
    let message_id = store_message(&mut data, ctx.account, &incoming)?;
    let draft = Draft {
        id: new_draft_id(&mut data.rng),
        message_id,
    };
    data.mail[ctx.account].drafts.push(draft.clone());
    Ok(Reply::Json(draft_json(&data, ctx.account, &draft, "")))
}

pub fn list(ctx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let data = ctx.data();
    let mailbox = &data.mail[ctx.account];
    let messages = select(
        mailbox,
        ctx.q("q"),
        &[],
        ctx.q_bool("includeSpamTrash"),
        |m| m.has("DRAFT"),
    );
    let drafts: Vec<&Draft> = messages
        .iter()
        .filter_map(|m| mailbox.drafts.iter().find(|d| d.message_id == m.id))
        .collect();
    let total = drafts.len();
    let (page, next) = page(drafts, ctx)?;
    let mut body = json!({ "resultSizeEstimate": total });
    if !page.is_empty() {
        body["drafts"] = json!(page
            .iter()
            .filter_map(|d| mailbox.message(&d.message_id).map(|m| json!({
                "id": d.id,
                "message": { "id": m.id, "threadId": m.thread_id },
            })))
            .collect::<Vec<_>>());
    }
    if let Some(next) = next {
        body["nextPageToken"] = json!(next);
    }
    Ok(Reply::Json(body))
}

fn find(data: &Data, account: usize, id: &str) -> Result<Draft, ApiError> {
    data.mail[account]
        .drafts
        .iter()
        .find(|d| d.id == id)
        .cloned()
        .ok_or_else(not_found)
}

pub fn get(ctx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let data = ctx.data();
    let draft = find(&data, ctx.account, ctx.param("id"))?;
    Ok(Reply::Json(draft_json(
        &data,
        ctx.account,
        &draft,
        ctx.q("format").unwrap_or("full"),
    )))
}

pub fn update(ctx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let incoming = incoming::read(ctx, Shape::Draft)?;
    if let Some(body_id) = incoming.meta["id"].as_str() {
        if body_id != ctx.param("id") {
            return Err(ApiError::invalid_argument(
                "The draft id in the body does not match the URL.",
            ));
        }
    }
    let mut data = ctx.data();
    let old = find(&data, ctx.account, ctx.param("id"))?;
    let message_id = store_message(&mut data, ctx.account, &incoming)?;
    let mailbox = &mut data.mail[ctx.account];
    mailbox.remove(&old.message_id);
    let draft = Draft {
        id: old.id.clone(),
        message_id,
    };
    if let Some(d) = mailbox.drafts.iter_mut().find(|d| d.id == old.id) {
        *d = draft.clone();
    }
    Ok(Reply::Json(draft_json(&data, ctx.account, &draft, "")))
}

pub fn delete(ctx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let mut data = ctx.data();
    let draft = find(&data, ctx.account, ctx.param("id"))?;
    let mailbox = &mut data.mail[ctx.account];
    mailbox.drafts.retain(|d| d.id != draft.id);
    mailbox.remove(&draft.message_id);
    Ok(Reply::Empty)
}

pub fn send(ctx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let incoming = incoming::read(ctx, Shape::Draft)?;
    let id = incoming.meta["id"].as_str().unwrap_or_default().to_string();
    if id.is_empty() {
        return Err(ApiError::invalid_argument(
            "Invalid draft: the draft id is required",
        ));
    }
    let mut data = ctx.data();
    let draft = find(&data, ctx.account, &id)?;
    let mailbox = &data.mail[ctx.account];
    let current = mailbox.message(&draft.message_id).ok_or_else(not_found)?;
    // A message in the request replaces the draft's content before sending.
    let raw = match incoming.raw {
        Some(raw) => raw,
        None => current.raw.clone(),
    };
    if raw.is_empty() {
        return Err(missing_raw());
    }
    let thread = current.thread_id.clone();
    let via = if incoming.via == "raw" {
        "draft"
    } else {
        incoming.via
    };
    // Checked before the draft is touched, so a refused send leaves the draft in place.
    let summary = summarize(&raw).ok_or_else(unparseable)?;
    check(&summary, ACCOUNTS[ctx.account].email, true)?;
    let mailbox = &mut data.mail[ctx.account];
    mailbox.drafts.retain(|d| d.id != draft.id);
    mailbox.remove(&draft.message_id);
    let sent = deliver(
        &mut data,
        ctx.account,
        raw,
        Some(&thread),
        via,
        Some(draft.message_id.clone()),
    )?;
    Ok(Reply::Json(sent))
}
