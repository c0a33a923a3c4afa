//! What Send, Save draft, Discard and their Undo do to the form, around the protocol of
//! `sending`: the Undo countdown (the message waits as a draft in Gmail), the outcome in
//! words, and the checks after an unsure send. The form stays filled and locked until the
//! message is known to be sent, so nothing typed or attached is lost on any failure.

use leptos::prelude::*;

use super::outbox;
use super::pending;
use super::sending::{self, describe, Outcome};
use super::transport::Built;
use super::{prefs, Check, ComposeState, Status};
use crate::api::retry::MAX_ATTEMPTS;
use crate::auth::scopes::Feature;
use crate::browser::http::Method;
use crate::browser::{online, time};
use crate::i18n::{k, t, tf};
use crate::mail::api::draft_url;
use crate::mail::outbox::{queue_at_send, Progress};
use crate::ui::auth::{Auth, CallError};
use crate::ui::google::{request, ApiError, Call};

fn retry_note(state: ComposeState) -> impl Fn(u32, u64) {
    move |attempt: u32, _wait: u64| {
        state.status.try_set(Status::Busy(tf(
            k::MAIL_RETRYING,
            &[
                ("attempt", &attempt.to_string()),
                ("max", &MAX_ATTEMPTS.to_string()),
            ],
        )));
    }
}

/// Send: through a draft when drafts are allowed (exactly once, with Undo held in Gmail),
/// else `messages.send` (with Undo held in this tab).
pub async fn send(state: ComposeState, auth: Auth, root: String, built: Built) {
    let via_draft = auth.allows(Feature::Drafts);
    let generation = state.send_generation.get_value();
    let form_draft = state.draft_id.get_untracked();
    // Offline before anything left: the Outbox sends it later, as it is now.
    if queue_at_send(online::is_online()) {
        let waiting = Progress::Waiting { draft: form_draft };
        return to_outbox(state, auth, &built, via_draft, waiting).await;
    }
    let mut draft = None;
    if via_draft {
        state.status.set(Status::Busy(t(k::MAIL_SENDING).into()));
        match write_draft(state, auth, &root, &built).await {
            Ok(id) => draft = Some(id),
            // The network went away during the draft write (which sends nothing): the
            // Outbox looks the draft up by X-Satchel-Id before it makes another.
            Err(_) if !online::is_online() => {
                let writing = Progress::Writing { draft: form_draft };
                return to_outbox(state, auth, &built, via_draft, writing).await;
            }
            Err(message) => return show(state, Outcome::NotSent(message)),
        }
    }
    if !count_down(state, auth, draft.as_deref(), generation).await {
        return;
    }
    if let Some(id) = draft.clone().filter(|_| !online::is_online()) {
        return to_outbox(state, auth, &built, via_draft, Progress::Drafted { id }).await;
    }
    state.status.set(Status::Busy(t(k::MAIL_SENDING).into()));
    let outcome = match &draft {
        Some(id) => {
            let outcome = sending::send_draft(auth, &root, id, &retry_note(state)).await;
            // Not sent or unsure, and now offline: the Outbox finishes it with the same
            // drafts.send of this draft (404: it went out), never a second copy.
            if matches!(outcome, Outcome::NotSent(_) | Outcome::Unsure(_)) && !online::is_online() {
                let drafted = Progress::Drafted { id: id.clone() };
                return to_outbox(state, auth, &built, via_draft, drafted).await;
            }
            outcome
        }
        None => {
            let outcome =
                sending::send_only(auth, &root, &built, state.progress, &retry_note(state)).await;
            if let Outcome::Unsure(message) = outcome {
                state.status.set(Status::Unsure(
                    message,
                    Check::Sent(built.satchel_id.clone()),
                ));
                return focus("compose-error");
            }
            outcome
        }
    };
    show(state, outcome);
}

/// Puts the message in the Outbox and empties the form, or says why it could not.
async fn to_outbox(
    state: ComposeState,
    auth: Auth,
    built: &Built,
    via_draft: bool,
    progress: Progress,
) {
    let Some(email) = auth.email() else {
        return show(
            state,
            Outcome::NotSent(describe(&ApiError::Call(CallError::SignedOut))),
        );
    };
    let draft = progress_draft(&progress);
    let attachments = u32::try_from(state.files.with_untracked(Vec::len)).unwrap_or(u32::MAX);
    let queued = outbox::queue(
        built,
        email,
        state.to.get_untracked(),
        state.subject.get_untracked(),
        attachments,
        via_draft,
        progress,
    )
    .await;
    match queued {
        Ok(()) => {
            // The Outbox has it now: the note for the next visit would offer it twice.
            if let Some(id) = draft {
                pending::remove(&id);
            }
            state.clear();
            state.status.set(Status::Queued);
            focus("compose-queued");
        }
        Err(e) => {
            state.status.set(Status::Failed(format!(
                "You are offline, and the message could not be kept in the Outbox ({e}). \
                 Nothing was sent; your message is still here."
            )));
            focus("compose-error");
        }
    }
}

fn progress_draft(progress: &Progress) -> Option<String> {
    match progress {
        Progress::Waiting { draft } | Progress::Writing { draft } => draft.clone(),
        Progress::Drafted { id } => Some(id.clone()),
        Progress::SendingOnly | Progress::Unsure => None,
    }
}

/// The Undo countdown: false when Undo was pressed (nothing is sent).
async fn count_down(state: ComposeState, auth: Auth, draft: Option<&str>, generation: u32) -> bool {
    let seconds = prefs::undo_seconds();
    if seconds == 0 {
        return true;
    }
    if let (Some(id), Some(email)) = (draft, auth.email()) {
        pending::add(id, &email, time::now_ms() + i64::from(seconds) * 1000);
        pending::mark_mine(Some(id));
        pending::hold_as_sender(id);
    }
    focus("compose-undo");
    for left in (1..=seconds).rev() {
        state.status.set(Status::Countdown(left));
        time::sleep(1000).await;
        if state.send_generation.get_value() != generation {
            return false;
        }
    }
    true
}

/// Shows how a send ended; a sent message leaves the form (and its pending record).
pub fn show(state: ComposeState, outcome: Outcome) {
    match outcome {
        Outcome::Sent(id) => sent(state, id),
        Outcome::Gone => sent(state, None),
        Outcome::NotSent(message) => {
            // Known not sent: nothing is left waiting for the next visit.
            if let Some(draft) = state.draft_id.get_untracked() {
                pending::remove(&draft);
            }
            state.status.set(Status::Failed(message));
            focus("compose-error");
        }
        Outcome::Unsure(message) => {
            let check = match state.draft_id.get_untracked() {
                Some(id) => Check::Draft(id),
                None => Check::Sent(String::new()),
            };
            state.status.set(Status::Unsure(message, check));
            focus("compose-error");
        }
    }
}

fn sent(state: ComposeState, id: Option<String>) {
    if let Some(draft) = state.draft_id.get_untracked() {
        pending::remove(&draft);
    }
    state.clear();
    state.status.set(Status::Sent(id));
    focus("compose-sent");
}

/// "Check again" / "Check Sent mail" after an unsure send.
pub async fn check(state: ComposeState, auth: Auth, root: String, check: Check) {
    match check {
        // Sends only if Gmail still has the draft: never a second copy.
        Check::Draft(id) => {
            state
                .status
                .set(Status::Busy(t(k::MAIL_CHECKING_SENT).into()));
            let outcome = sending::send_draft(auth, &root, &id, &retry_note(state)).await;
            show(state, outcome);
        }
        Check::Sent(satchel_id) => {
            if !auth.allows(Feature::Inbox) {
                // Reading Sent needs the read permission: ask, and check once it is granted.
                auth.sign_in(&[Feature::Inbox]);
                return;
            }
            state
                .status
                .set(Status::Busy(t(k::MAIL_LOOKING_IN_SENT).into()));
            match sending::find_in_sent(auth, &root, &satchel_id).await {
                Ok(Some(id)) => sent(state, Some(id)),
                Ok(None) => {
                    state
                        .status
                        .set(Status::Failed(t(k::MAIL_NOT_IN_SENT).into()));
                    focus("compose-error");
                }
                Err(e) => {
                    state.status.set(Status::Unsure(
                        tf(k::MAIL_SENT_CHECK_FAILED, &[("error", &e.to_string())]),
                        Check::Sent(satchel_id),
                    ));
                    focus("compose-error");
                }
            }
        }
    }
}

/// A send that was waiting when Satchel closed: "Send it now".
pub async fn send_interrupted(state: ComposeState, auth: Auth, root: String, draft: String) {
    state.status.set(Status::Busy(t(k::MAIL_SENDING).into()));
    let outcome = sending::send_draft(auth, &root, &draft, &retry_note(state)).await;
    match outcome {
        Outcome::Sent(_) | Outcome::Gone => {
            pending::remove(&draft);
            if state.draft_id.get_untracked().as_deref() == Some(draft.as_str()) {
                state.clear();
            }
            let id = match outcome {
                Outcome::Sent(id) => id,
                _ => None,
            };
            state.status.set(Status::Sent(id));
            focus("compose-sent");
        }
        other => show(state, other),
    }
}

/// Save draft: creates it the first time, then updates the same draft.
pub async fn save_draft(state: ComposeState, auth: Auth, root: String, built: Built) {
    state
        .status
        .set(Status::Busy(t(k::MAIL_SAVING_DRAFT).into()));
    match write_draft(state, auth, &root, &built).await {
        Ok(_) => state.status.set(Status::Saved),
        Err(message) => {
            state.status.set(Status::Failed(message));
            focus("compose-error");
        }
    }
}

/// Creates the form's draft, or updates it; the form then has that draft, saved.
async fn write_draft(
    state: ComposeState,
    auth: Auth,
    root: &str,
    built: &Built,
) -> Result<String, String> {
    let draft = state.draft_id.get_untracked();
    let id = sending::write_draft(auth, root, built, draft, state.progress).await?;
    state.draft_id.set(Some(id.clone()));
    state.dirty.set(false);
    Ok(id)
}

/// Discard: empties the form (kept for Undo) and deletes its saved draft in Gmail, as
/// Gmail's own Discard does. Never sends anything.
pub fn discard(state: ComposeState, auth: Auth, root: String) {
    let draft = state.draft_id.get_untracked();
    state.discard();
    let Some(id) = draft.filter(|_| auth.allows(Feature::Drafts)) else {
        return;
    };
    pending::remove(&id);
    leptos::task::spawn_local(async move {
        let call = Call::new(Method::Delete, draft_url(&root, &id), None);
        match request(auth, Feature::Drafts, call).await {
            // Already gone is what Discard wants.
            Ok(_) | Err(ApiError::Google { status: 404, .. }) => {}
            Err(e) => {
                if state.status.get_untracked() == Status::Discarded {
                    state.status.set(Status::Failed(tf(
                        k::MAIL_DISCARD_FAILED,
                        &[("error", &e.to_string())],
                    )));
                }
            }
        }
    });
}

pub fn focus(id: &str) {
    let id = id.to_string();
    // After the render that shows the message or the element.
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(&id) {
            let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(el).focus();
        }
    });
}
