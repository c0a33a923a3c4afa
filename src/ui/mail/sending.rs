//! Sending exactly once, against Gmail as it really behaves.
//!
//! A 5xx can follow a send that took effect, an answer can be lost after Gmail took the
//! message, Chromium silently re-sends a request whose reused connection died, and Gmail
//! replaces the Message-ID of mail sent through the API. So nothing that sends is ever
//! repeated blindly:
//! - **Through a draft** (with `gmail.compose`): the message is written as a draft, then
//!   `drafts.send` sends it. A sent draft no longer exists, so after an ambiguous outcome
//!   `drafts.get` tells the truth: 404, it went out; still there, it did not, and only then
//!   is it sent again. A create that lost its answer is found again among the newest drafts
//!   by its `X-Satchel-Id` before another is made.
//! - **Send only** (`gmail.send`): `messages.send` is repeated only after answers that mean
//!   "not processed" (429). After a 5xx or a lost answer the user is told Gmail *may* have
//!   sent it, and offered a check of Sent by `X-Satchel-Id` (read permission) before a
//!   deliberate "Send anyway".

use leptos::prelude::*;

use crate::api::retry::{decide_for, Decision, Policy, MAX_ATTEMPTS};
use crate::auth::scopes::Feature;
use crate::browser::time;
use crate::i18n::{k, t, tf};
use crate::mail::api::{
    draft_exists_url, draft_metadata_url, recent_drafts_url, recent_sent_url, satchel_id_url,
    send_saved_draft, Created, DraftMeta, IdList, MessageMeta, Target,
};
use crate::ui::auth::{Auth, CallError};
use crate::ui::google::{self, fetch_json, request, ApiError, Call};

use super::transport::{self, Built};

/// How a send ended, as far as Satchel can know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Gmail has it: the sent message's id when Gmail said it.
    Sent(Option<String>),
    /// The draft was gone when Satchel sent it: sent by an earlier attempt (or a silent
    /// re-send), or deleted in Gmail meanwhile.
    Gone,
    /// Nothing went out; a sentence for the user.
    NotSent(String),
    /// It may have gone out; a sentence for the user.
    Unsure(String),
}

/// A failure that certainly sent nothing, in words.
pub fn describe(error: &ApiError) -> String {
    match error {
        ApiError::Call(CallError::SignedOut) => t(k::MAIL_SIGNED_OUT_NOT_SENT).into(),
        other => tf(k::MAIL_NOT_SENT, &[("error", &other.to_string())]),
    }
}

/// A failure that certainly saved no draft, in words.
fn describe_draft(error: &ApiError) -> String {
    match error {
        ApiError::Call(CallError::SignedOut) => t(k::MAIL_SIGNED_OUT_NO_DRAFT).into(),
        other => tf(k::MAIL_NO_DRAFT_SAVED, &[("error", &other.to_string())]),
    }
}

/// Writes `built` as a draft (`existing`: update that one) and returns the draft's id.
/// Errors are sentences: no draft path ever sends.
pub async fn write_draft(
    auth: Auth,
    root: &str,
    built: &Built,
    existing: Option<String>,
    progress: RwSignal<Option<f64>>,
) -> Result<String, String> {
    let mut target = match existing {
        Some(id) => Target::UpdateDraft(id),
        None => Target::CreateDraft,
    };
    let mut creates = 0;
    loop {
        let result = transport::deliver(
            auth,
            Feature::Drafts,
            root,
            target.clone(),
            built,
            progress,
            &|_, _| {},
        )
        .await;
        match result {
            Ok(created) if !created.id.is_empty() => return Ok(created.id),
            Ok(_) => return Err(t(k::MAIL_DRAFT_NOT_CONFIRMED).into()),
            // Deleted or sent elsewhere since: a new draft.
            Err(ApiError::Google { status: 404, .. })
                if matches!(target, Target::UpdateDraft(_)) =>
            {
                target = Target::CreateDraft;
            }
            Err(e) if e.is_ambiguous() && target == Target::CreateDraft => {
                // The draft may exist: find it before making another.
                creates += 1;
                match find_draft(auth, root, &built.satchel_id).await {
                    Ok(Some(id)) => return Ok(id),
                    Ok(None) if creates < MAX_ATTEMPTS => {
                        time::sleep(500 * creates as i32).await;
                    }
                    _ => return Err(tf(k::MAIL_TRY_AGAIN, &[("error", &e.to_string())])),
                }
            }
            Err(e) => return Err(describe_draft(&e)),
        }
    }
}

/// The newest draft carrying `X-Satchel-Id: satchel_id`.
pub async fn find_draft(
    auth: Auth,
    root: &str,
    satchel_id: &str,
) -> Result<Option<String>, ApiError> {
    let list: IdList =
        fetch_json(auth, Feature::Drafts, Call::get(recent_drafts_url(root))).await?;
    for id in list.ids() {
        let meta: DraftMeta = fetch_json(
            auth,
            Feature::Drafts,
            Call::get(draft_metadata_url(root, &id)),
        )
        .await?;
        if meta.has_satchel_id(satchel_id) {
            return Ok(Some(id));
        }
    }
    Ok(None)
}

/// Whether draft `id` still exists (`drafts.get`: a sent draft answers 404).
async fn draft_exists(auth: Auth, root: &str, id: &str) -> Result<bool, ApiError> {
    match request(auth, Feature::Drafts, Call::get(draft_exists_url(root, id))).await {
        Ok(_) => Ok(true),
        Err(ApiError::Google { status: 404, .. }) => Ok(false),
        Err(e) => Err(e),
    }
}

/// `drafts.send` of the saved draft `id`, exactly once. `on_retry(attempt, wait_ms)` shows
/// "trying again".
pub async fn send_draft(auth: Auth, root: &str, id: &str, on_retry: &dyn Fn(u32, u64)) -> Outcome {
    let mut attempt = 1;
    loop {
        let (url, body) = send_saved_draft(root, id);
        let call = Call::post_json(url, body);
        let error = match google::send_under(
            Policy::UnprocessedOnly,
            auth,
            Feature::Drafts,
            call,
            on_retry,
        )
        .await
        {
            Ok(reply) => {
                let sent: Created = serde_json::from_str(&reply.body).unwrap_or_default();
                return Outcome::Sent(Some(sent.id).filter(|id| !id.is_empty()));
            }
            Err(ApiError::Google { status: 404, .. }) => return Outcome::Gone,
            Err(e) if e.is_ambiguous() => e,
            Err(e) => return Outcome::NotSent(describe(&e)),
        };
        match draft_exists(auth, root, id).await {
            Ok(false) => return Outcome::Sent(None),
            Ok(true) => {
                // Still a draft: Gmail did not send it, so sending again is safe.
                let wait = match decide_for(
                    Policy::Transient,
                    503,
                    None,
                    None,
                    attempt,
                    js_sys::Math::random(),
                ) {
                    Decision::RetryAfter(ms) => ms,
                    Decision::GiveUp => {
                        return Outcome::NotSent(tf(
                            k::MAIL_DRAFT_NOT_SENT,
                            &[("error", &error.to_string())],
                        ))
                    }
                };
                attempt += 1;
                on_retry(attempt, wait);
                time::sleep(i32::try_from(wait).unwrap_or(i32::MAX)).await;
            }
            Err(_) => return Outcome::Unsure(t(k::MAIL_CONNECTION_FAILED).into()),
        }
    }
}

/// `messages.send` with the send-only permission: never repeated after an ambiguous outcome.
pub async fn send_only(
    auth: Auth,
    root: &str,
    built: &Built,
    progress: RwSignal<Option<f64>>,
    on_retry: &dyn Fn(u32, u64),
) -> Outcome {
    match transport::deliver(
        auth,
        Feature::Send,
        root,
        Target::Send,
        built,
        progress,
        on_retry,
    )
    .await
    {
        Ok(sent) => Outcome::Sent(Some(sent.id).filter(|id| !id.is_empty())),
        Err(e) if e.is_ambiguous() => {
            Outcome::Unsure(tf(k::MAIL_MAY_HAVE_SENT, &[("error", &e.to_string())]))
        }
        Err(e) => Outcome::NotSent(describe(&e)),
    }
}

/// Looks for the message tagged `satchel_id` among the newest in Sent (read permission).
pub async fn find_in_sent(
    auth: Auth,
    root: &str,
    satchel_id: &str,
) -> Result<Option<String>, ApiError> {
    let list: IdList = fetch_json(auth, Feature::Inbox, Call::get(recent_sent_url(root))).await?;
    for id in list.ids() {
        let meta: MessageMeta =
            fetch_json(auth, Feature::Inbox, Call::get(satchel_id_url(root, &id))).await?;
        if meta.has_satchel_id(satchel_id) {
            return Ok(Some(id));
        }
    }
    Ok(None)
}
