//! What the compose form says under its buttons: progress, the Undo countdown, the
//! confirmation with its link to Gmail, and errors with what to do next.

use leptos::prelude::*;

use super::super::{pending, send_flow, Check, Status};
use super::{start, start_anyway, Form};
use crate::mail::api::gmail_link;

const QUEUED: &str = "Saved to Outbox: it will be sent when you are back online.";
const OPEN_OUTBOX: &str = "Open the Outbox";

/// Progress, countdown, confirmation or error under the buttons.
#[component]
pub(super) fn ComposeStatus(on_check: Callback<()>, form: Form) -> impl IntoView {
    let Form {
        state, auth, root, ..
    } = form;
    // Whole percents: no float formatting in the bundle.
    let percent = move || {
        state
            .progress
            .get()
            .map(|f| (f * 100.0).round().clamp(0.0, 100.0) as u32)
    };
    let undo_discard = move || {
        if state.undo_discard() {
            // Discard deleted the saved draft: Undo brings it back in Gmail too.
            start(form, true);
        }
    };
    let send_now = move |id: String| {
        leptos::task::spawn_local(send_flow::send_interrupted(
            state,
            auth,
            root.get_value(),
            id,
        ));
    };
    let keep_draft = move |id: String| {
        pending::remove(&id);
        state.status.set(Status::Idle);
    };
    view! {
        <div class="compose-status" role="status">
            {move || match state.status.get() {
                Status::Idle | Status::Failed(_) | Status::Unsure(..) => ().into_any(),
                Status::Busy(text) => view! {
                    <p>{text} {move || auth.needs_renewal.get().then_some(" Continue your Google session above to finish.")}</p>
                }.into_any(),
                Status::Countdown(left) => view! {
                    <p>
                        "Sending… "
                        <button type="button" id="compose-undo" class="link" on:click=move |_| state.undo_send()>"Undo"</button>
                        <span class="muted">{format!(" ({left} s)")}</span>
                    </p>
                }.into_any(),
                Status::Sent(id) => view! {
                    <p id="compose-sent" tabindex="-1">
                        "Message sent. "
                        {match id {
                            Some(id) => view! { <a href=gmail_link(&id, crate::ui::auth::use_auth().email().as_deref()) target="_blank" rel="noopener">"Open it in Gmail"</a> }.into_any(),
                            None => view! { <a href="https://mail.google.com/mail/#sent" target="_blank" rel="noopener">"Open Sent in Gmail"</a> }.into_any(),
                        }}
                    </p>
                }.into_any(),
                Status::Queued => view! {
                    <p id="compose-queued" tabindex="-1">
                        {QUEUED} " "
                        <a href=crate::ui::chrome::href("/mail/outbox")>{OPEN_OUTBOX}</a>
                    </p>
                }.into_any(),
                Status::Saved => view! {
                    <p>"Draft saved in Gmail."</p>
                }.into_any(),
                Status::Discarded => view! {
                    <p>"Message discarded. " <button type="button" class="link" on:click=move |_| undo_discard()>"Undo"</button></p>
                }.into_any(),
                Status::Interrupted(id) => {
                    let (send_id, keep_id) = (id.clone(), id);
                    view! {
                        <p id="compose-interrupted" tabindex="-1">
                            "A message was waiting to be sent when Satchel was closed. It is in your Drafts. "
                            <button type="button" on:click=move |_| send_now(send_id.clone())>"Send it now"</button>
                            " "
                            <button type="button" class="secondary" on:click=move |_| keep_draft(keep_id.clone())>"Keep as draft"</button>
                        </p>
                    }.into_any()
                }
            }}
            {move || percent().map(|p| view! {
                <label for="compose-progress">{format!("Uploading: {p}%")}</label>
                <progress id="compose-progress" max="100" value=p></progress>
            })}
        </div>
        {move || match state.status.get() {
            Status::Failed(message) => Some(view! { <p id="compose-error" class="form-error" role="alert" tabindex="-1">{message}</p> }.into_any()),
            Status::Unsure(message, check) => {
                let send_only = matches!(check, Check::Sent(_));
                Some(view! {
                    <div id="compose-error" class="form-error" role="alert" tabindex="-1">
                        <p>{message}</p>
                        <button type="button" id="compose-check" on:click=move |_| on_check.run(())>
                            {if send_only { "Check Sent mail" } else { "Check again" }}
                        </button>
                        {send_only.then(|| view! {
                            " "
                            <button type="button" id="compose-send-anyway" class="secondary" on:click=move |_| start_anyway(form)>"Send anyway"</button>
                        })}
                    </div>
                }.into_any())
            }
            _ => None,
        }}
    }
}
