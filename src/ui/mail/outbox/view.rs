//! The Outbox page (`/mail/outbox`): what waits to be sent, with Edit, Delete, and Send now
//! when the browser is online. Edit puts the message back in the compose form (out of the
//! Outbox until it is sent again); Delete also deletes the Gmail draft it was written to.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::run::{is_online, kick, session_ready};
use super::{items, problem, release_unsure, remove, take_out};
use crate::api::Method;
use crate::auth::scopes::Feature;
use crate::mail::api::draft_url;
use crate::mail::outbox::Step;
use crate::ui::auth::use_auth;
use crate::ui::chrome::href;
use crate::ui::config::use_app_config;
use crate::ui::google::{request, Call};
use crate::ui::mail::use_compose;

const TITLE: &str = "Outbox";
const EMPTY: &str = "Nothing is waiting to be sent.";
const OFFLINE: &str = "You are offline: these messages will be sent when you are back online.";
const SIGN_IN: &str =
    "The Outbox waits for you to sign in again: continue your Google session to send these.";
const OTHER_ACCOUNT: &str = "Waits for its own account to sign in: ";
const SEND_NOW: &str = "Send now";
const EDIT: &str = "Edit";
const DELETE: &str = "Delete";
const SEND_ANYWAY: &str = "Send anyway";
const NO_SUBJECT: &str = "(no subject)";
const NO_RECIPIENTS: &str = "(no recipients)";
const FORM_BUSY: &str = "The compose form has unsaved changes: send, save or discard them before editing a message from the Outbox.";
const DELETED: &str = "Deleted from the Outbox.";
const DRAFT_KEPT: &str =
    " Its draft is still in your Gmail Drafts (Satchel could not delete it offline).";

fn attachments_text(n: u32) -> String {
    match n {
        0 => String::new(),
        1 => "1 attachment".into(),
        n => format!("{n} attachments"),
    }
}

#[component]
pub fn OutboxView() -> impl IntoView {
    let auth = use_auth();
    let compose = use_compose();
    let navigate = use_navigate();
    let root = StoredValue::new(use_app_config().config.with_value(|c| c.gmail_root.clone()));
    let note = RwSignal::new(None::<Result<String, String>>);
    let online = is_online();
    let email = move || auth.email().unwrap_or_default();

    let edit = move |id: String| {
        if compose.dirty.get_untracked() && !compose.is_empty() {
            note.set(Some(Err(FORM_BUSY.into())));
            return;
        }
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match take_out(id).await {
                Ok((draft, item)) => {
                    compose.reopen(item.draft(), draft, item.thread_id.clone(), true);
                    navigate(&href("/mail"), Default::default());
                }
                Err(e) => {
                    note.try_set(Some(Err(e)));
                }
            }
        });
    };
    let delete = move |id: String| {
        // Read now: the page may be gone by the time the draft is deleted.
        let root = root.get_value();
        leptos::task::spawn_local(async move {
            match remove(id).await {
                Ok(Some(item)) => {
                    let mut said = DELETED.to_string();
                    if let Some(draft) = item.draft().filter(|_| auth.allows(Feature::Drafts)) {
                        let call = Call::new(Method::Delete, draft_url(&root, &draft), None);
                        // Already gone is what Delete wants.
                        let gone = matches!(
                            request(auth, Feature::Drafts, call).await,
                            Ok(_) | Err(crate::ui::google::ApiError::Google { status: 404, .. })
                        );
                        if !gone {
                            said.push_str(DRAFT_KEPT);
                        }
                    }
                    note.try_set(Some(Ok(said)));
                }
                Ok(None) => {
                    note.try_set(Some(Ok(DELETED.into())));
                }
                Err(e) => {
                    note.try_set(Some(Err(e)));
                }
            }
        });
    };
    let anyway = move |id: String| {
        leptos::task::spawn_local(async move {
            match release_unsure(id).await {
                Ok(()) => kick(),
                Err(e) => {
                    note.try_set(Some(Err(e)));
                }
            }
        });
    };
    let sendable = move || {
        let email = email();
        items().with(|l| {
            l.iter()
                .any(|i| i.belongs_to(&email) && i.next_step() != Step::AskUser)
        })
    };

    view! {
        <section aria-labelledby="outbox-title">
            <h2 id="outbox-title">{TITLE}</h2>
            <p role="status" id="outbox-state">
                {move || {
                    if items().with(Vec::is_empty) {
                        EMPTY
                    } else if !online.get() {
                        OFFLINE
                    } else if !session_ready(auth) {
                        SIGN_IN
                    } else {
                        ""
                    }
                }}
            </p>
            {move || problem().get().map(|p| view! { <p class="form-error" role="alert">{p}</p> })}
            {move || note.get().map(|n| match n {
                Ok(text) => view! { <p role="status">{text}</p> }.into_any(),
                Err(text) => view! { <p class="form-error" role="alert">{text}</p> }.into_any(),
            })}
            {move || (online.get() && session_ready(auth) && sendable()).then(|| view! {
                <button type="button" id="outbox-send-now" on:click=|_| kick()>{SEND_NOW}</button>
            })}
            <ul class="mail-list" aria-label=TITLE>
                <For each=move || items().get() key=|i| (i.id.clone(), i.progress.clone(), i.note.clone()) let:item>
                    {
                        let subject = Some(item.subject.clone()).filter(|s| !s.trim().is_empty()).unwrap_or_else(|| NO_SUBJECT.into());
                        let to = Some(item.to.clone()).filter(|s| !s.trim().is_empty()).unwrap_or_else(|| NO_RECIPIENTS.into());
                        let unsure = item.next_step() == Step::AskUser;
                        let other = (!item.belongs_to(&email())).then(|| format!("{OTHER_ACCOUNT}{}", item.email));
                        let (id_edit, id_delete, id_anyway) = (item.id.clone(), item.id.clone(), item.id.clone());
                        let edit = edit.clone();
                        view! {
                            <li class="outbox-item">
                                <div class="row-head">
                                    <span class="who" dir="auto">{to}</span>
                                    <span class="muted">{attachments_text(item.attachments)}</span>
                                </div>
                                <div class="subject" dir="auto">{subject.clone()}</div>
                                <div class="muted outbox-status">{other.unwrap_or_else(|| item.status().to_string())}</div>
                                {item.note.clone().map(|n| view! { <div class="muted" dir="auto">{n}</div> })}
                                <div class="actions">
                                    <button type="button" class="secondary" aria-label=format!("{EDIT} {subject}") on:click=move |_| edit(id_edit.clone())>{EDIT}</button>
                                    <button type="button" class="secondary" aria-label=format!("{DELETE} {subject}") on:click=move |_| delete(id_delete.clone())>{DELETE}</button>
                                    {unsure.then(|| view! {
                                        <button type="button" class="secondary" aria-label=format!("{SEND_ANYWAY} {subject}") on:click=move |_| anyway(id_anyway.clone())>{SEND_ANYWAY}</button>
                                    })}
                                </div>
                            </li>
                        }
                    }
                </For>
            </ul>
        </section>
    }
}
