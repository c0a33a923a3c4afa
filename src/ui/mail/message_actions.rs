//! What the message view lets the user do: Reply, Reply all and Forward (the compose
//! form filled and threaded), and triage with Undo (`gmail.modify`, asked at the first
//! use; with it granted, opening a message marks it read, as in Gmail).

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::message_view::{decode, file_bytes};
use super::triage::{self, Action};
use super::use_compose;
use crate::auth::scopes::Feature;
use crate::browser::local_time;
use crate::i18n::{k, t, tf, Lang};
use crate::mail::message::Shown;
use crate::mail::reply::{prefill, ReplyKind};
use crate::mail::Attachment;
use crate::ui::auth::use_auth;
use crate::ui::chrome::href;
use crate::ui::config::use_app_config;
use crate::ui::mail::inbox::{InboxState, Row};

#[component]
pub fn Triage(shown: StoredValue<Shown>) -> impl IntoView {
    let auth = use_auth();
    let inbox = expect_context::<InboxState>();
    let root = StoredValue::new(use_app_config().config.with_value(|c| c.gmail_root.clone()));
    let id = StoredValue::new(shown.with_value(|m| m.id.clone()));
    let starred = RwSignal::new(shown.with_value(Shown::starred));
    // What was done last (for Undo) and what the status line says.
    let last = RwSignal::new(None::<Action>);
    let status = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    // An action chosen before `gmail.modify` was granted runs once it is.
    let waiting = RwSignal::new(None::<Action>);
    // Where an archived or deleted row stood in the Inbox, to put it back on Undo.
    let removed = StoredValue::new(None::<(usize, Row)>);

    let perform = move |action: Action, undoing: bool| {
        busy.set(true);
        status.set(t(k::MAIL_WORKING).into());
        leptos::task::spawn_local(async move {
            let result = triage::run(auth, &root.get_value(), &id.get_value(), action).await;
            busy.try_set(false);
            match result {
                Ok(()) => {
                    match action {
                        Action::Star | Action::Unstar => {
                            starred.try_set(action == Action::Star);
                        }
                        Action::MarkUnread | Action::MarkRead => {
                            inbox.set_unread(&id.get_value(), action == Action::MarkUnread)
                        }
                        _ => {}
                    }
                    if action.leaves_inbox() {
                        removed.set_value(inbox.remove(&id.get_value()));
                    } else if matches!(action, Action::Unarchive | Action::Undelete) {
                        if let Some((at, row)) = removed.try_update_value(Option::take).flatten() {
                            inbox.put_back(at, row);
                        }
                    }
                    last.try_set((!undoing).then_some(action));
                    status.try_set(action.done().to_string());
                }
                Err(e) => {
                    status.try_set(e.to_string());
                }
            }
        });
    };
    let choose = move |action: Action| {
        if auth.allows(Feature::Triage) {
            perform(action, false);
        } else {
            // The popup must open inside the click.
            waiting.set(Some(action));
            status.set(t(k::MAIL_ALLOW_CHANGES).into());
            auth.sign_in(&[Feature::Triage]);
        }
    };
    Effect::new(move |_| {
        if auth.allows(Feature::Triage) {
            if let Some(action) = waiting.try_update(Option::take).flatten() {
                perform(action, false);
            }
        }
    });
    // Opening marks the message read, only where Satchel may change it.
    if shown.with_value(Shown::unread) && auth.allows(Feature::Triage) {
        let id = id.get_value();
        inbox.set_unread(&id, false);
        leptos::task::spawn_local(async move {
            let _ = triage::run(auth, &root.get_value(), &id, Action::MarkRead).await;
        });
    }
    view! {
        <div class="toolbar" role="toolbar" aria-label=t(k::MAIL_MESSAGE_ACTIONS)>
            <button type="button" class="secondary" disabled=move || busy.get() on:click=move |_| choose(Action::Archive)>{t(k::MAIL_ARCHIVE)}</button>
            <button type="button" class="secondary" disabled=move || busy.get() on:click=move |_| choose(Action::Delete)>{t(k::MAIL_DELETE)}</button>
            <button type="button" class="secondary" disabled=move || busy.get() on:click=move |_| choose(Action::MarkUnread)>{t(k::MAIL_MARK_UNREAD)}</button>
            <button type="button" class="secondary" aria-pressed=move || starred.get().to_string() disabled=move || busy.get()
                on:click=move |_| choose(if starred.get_untracked() { Action::Unstar } else { Action::Star })>
                {move || if starred.get() { t(k::MAIL_REMOVE_STAR) } else { t(k::MAIL_STAR) }}
            </button>
        </div>
        <p role="status" class="triage-status">
            {move || status.get()}
            " "
            {move || last.get().map(|action| view! {
                <button type="button" class="link" disabled=move || busy.get() on:click=move |_| {
                    last.set(None);
                    perform(action.undo(), true);
                }>{t(k::MAIL_UNDO)}</button>
            })}
        </p>
    }
}

/// The original's date in the quoting line of a reply or forward ("On …, … wrote:"): that
/// line is sent to others in English, so its date is English too (in the interface's own
/// English locale when the interface is English, so `en-GB` keeps its day-month order).
fn quoted_date(utc_ms: i64) -> String {
    if crate::i18n::lang() == Lang::En {
        return local_time::date_time(utc_ms);
    }
    let options = js_sys::Object::new();
    for (key, value) in [("dateStyle", "medium"), ("timeStyle", "short")] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    let at = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(utc_ms as f64));
    js_sys::Intl::DateTimeFormat::new(&js_sys::Array::of1(&"en".into()), &options)
        .format()
        .call1(&wasm_bindgen::JsValue::UNDEFINED, &at)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| String::from(at.to_iso_string()))
}

/// Reply, Reply all and Forward for the opened message.
#[component]
pub fn Actions(shown: StoredValue<Shown>) -> impl IntoView {
    let auth = use_auth();
    let compose = use_compose();
    let navigate = StoredValue::new(use_navigate());
    let root = StoredValue::new(use_app_config().config.with_value(|c| c.gmail_root.clone()));
    let status = RwSignal::new(String::new());
    let start = move |kind: ReplyKind| {
        let replacing = !compose.is_empty() && compose.dirty.get_untracked();
        if replacing
            && !window()
                .confirm_with_message(t(k::MAIL_REPLACE_MESSAGE))
                .unwrap_or(false)
        {
            return;
        }
        let m = shown.get_value();
        let me = auth.email().unwrap_or_default();
        let filled = prefill(kind, &m, &m.text(&decode), &me, &quoted_date(m.date_ms));
        if kind != ReplyKind::Forward || m.files.is_empty() {
            compose.start(filled, Vec::new());
            navigate.with_value(|n| n(&href("/mail"), Default::default()));
            return;
        }
        // A forward carries the original's attachments.
        status.set(t(k::MAIL_GETTING_ATTACHMENTS).into());
        leptos::task::spawn_local(async move {
            let mut files = Vec::new();
            for file in &m.files {
                match file_bytes(auth, &root.get_value(), &m.id, file).await {
                    Ok(data) => files.push(Attachment {
                        filename: file.filename.clone(),
                        content_type: Some(file.mime_type.clone()),
                        data,
                    }),
                    Err(e) => {
                        status.try_set(tf(
                            k::MAIL_NOT_ATTACHED,
                            &[("name", &file.filename), ("error", &e)],
                        ));
                        return;
                    }
                }
            }
            compose.start(filled, files);
            navigate.with_value(|n| n(&href("/mail"), Default::default()));
        });
    };
    view! {
        <div class="toolbar reply-actions">
            <button type="button" on:click=move |_| start(ReplyKind::Reply)>{t(k::MAIL_REPLY)}</button>
            <button type="button" class="secondary" on:click=move |_| start(ReplyKind::ReplyAll)>{t(k::MAIL_REPLY_ALL)}</button>
            <button type="button" class="secondary" on:click=move |_| start(ReplyKind::Forward)>{t(k::MAIL_FORWARD)}</button>
        </div>
        <p role="status">{move || status.get()}</p>
    }
}
