//! What the compose form says under its buttons: progress, the Undo countdown, the
//! confirmation with its link to Gmail, and errors with what to do next.

use leptos::prelude::*;

use super::super::{pending, send_flow, Check, Status};
use super::{start, start_anyway, Form};
use crate::i18n::{k, t, tf};
use crate::mail::api::gmail_link;

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
                    <p>{text} {move || auth.needs_renewal.get().then(|| format!(" {}", t(k::MAIL_CONTINUE_SESSION)))}</p>
                }.into_any(),
                Status::Countdown(left) => view! {
                    <p>
                        {t(k::MAIL_SENDING)}
                        " "
                        <button type="button" id="compose-undo" class="link" on:click=move |_| state.undo_send()>{t(k::MAIL_UNDO)}</button>
                        <span class="muted">{format!(" {}", tf(k::MAIL_COUNTDOWN, &[("left", &left.to_string())]))}</span>
                    </p>
                }.into_any(),
                Status::Sent(id) => view! {
                    <p id="compose-sent" tabindex="-1">
                        {t(k::MAIL_MESSAGE_SENT)}
                        " "
                        {match id {
                            Some(id) => view! { <a href=gmail_link(&id, crate::ui::auth::use_auth().email().as_deref()) target="_blank" rel="noopener">{t(k::MAIL_OPEN_IN_GMAIL_SENT)}</a> }.into_any(),
                            None => view! { <a href="https://mail.google.com/mail/#sent" target="_blank" rel="noopener">{t(k::MAIL_OPEN_SENT_IN_GMAIL)}</a> }.into_any(),
                        }}
                    </p>
                }.into_any(),
                Status::Queued => view! {
                    <p id="compose-queued" tabindex="-1">
                        {t(k::MAIL_OUTBOX_QUEUED)} " "
                        <a href=crate::ui::chrome::href("/mail/outbox")>{t(k::MAIL_OUTBOX_OPEN_OUTBOX)}</a>
                    </p>
                }.into_any(),
                Status::Saved => view! {
                    <p>{t(k::MAIL_DRAFT_SAVED)}</p>
                }.into_any(),
                Status::Discarded => view! {
                    <p>{t(k::MAIL_MESSAGE_DISCARDED)} " " <button type="button" class="link" on:click=move |_| undo_discard()>{t(k::MAIL_UNDO)}</button></p>
                }.into_any(),
                Status::Interrupted(id) => {
                    let (send_id, keep_id) = (id.clone(), id);
                    view! {
                        <p id="compose-interrupted" tabindex="-1">
                            {t(k::MAIL_INTERRUPTED)}
                            " "
                            <button type="button" on:click=move |_| send_now(send_id.clone())>{t(k::MAIL_SEND_IT_NOW)}</button>
                            " "
                            <button type="button" class="secondary" on:click=move |_| keep_draft(keep_id.clone())>{t(k::MAIL_KEEP_AS_DRAFT)}</button>
                        </p>
                    }.into_any()
                }
            }}
            {move || percent().map(|p| view! {
                <label for="compose-progress">{tf(k::MAIL_UPLOADING, &[("percent", &p.to_string())])}</label>
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
                            {if send_only { t(k::MAIL_CHECK_SENT_MAIL) } else { t(k::MAIL_CHECK_AGAIN) }}
                        </button>
                        {send_only.then(|| view! {
                            " "
                            <button type="button" id="compose-send-anyway" class="secondary" on:click=move |_| start_anyway(form)>{t(k::MAIL_SEND_ANYWAY)}</button>
                        })}
                    </div>
                }.into_any())
            }
            _ => None,
        }}
    }
}
