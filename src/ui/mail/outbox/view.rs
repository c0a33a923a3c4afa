//! The Outbox page (`/mail/outbox`): what waits to be sent, with Edit, Delete, and Send now
//! when the browser is online. Edit puts the message back in the compose form (out of the
//! Outbox until it is sent again); Delete also deletes the Gmail draft it was written to.

use crate::i18n::{k, t, tf};
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
            note.set(Some(Err(t(k::MAIL_OUTBOX_FORM_BUSY).into())));
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
                    let mut said = t(k::MAIL_OUTBOX_DELETED).to_string();
                    if let Some(draft) = item.draft().filter(|_| auth.allows(Feature::Drafts)) {
                        let call = Call::new(Method::Delete, draft_url(&root, &draft), None);
                        // Already gone is what Delete wants.
                        let gone = matches!(
                            request(auth, Feature::Drafts, call).await,
                            Ok(_) | Err(crate::ui::google::ApiError::Google { status: 404, .. })
                        );
                        if !gone {
                            said.push(' ');
                            said.push_str(t(k::MAIL_OUTBOX_DRAFT_KEPT));
                        }
                    }
                    note.try_set(Some(Ok(said)));
                }
                Ok(None) => {
                    note.try_set(Some(Ok(t(k::MAIL_OUTBOX_DELETED).into())));
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
            <h2 id="outbox-title">{t(k::MAIL_OUTBOX_TITLE)}</h2>
            <p role="status" id="outbox-state">
                {move || {
                    if items().with(Vec::is_empty) {
                        t(k::MAIL_OUTBOX_EMPTY)
                    } else if !online.get() {
                        t(k::MAIL_OUTBOX_OFFLINE)
                    } else if !session_ready(auth) {
                        t(k::MAIL_OUTBOX_SIGN_IN)
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
                <button type="button" id="outbox-send-now" on:click=|_| kick()>{t(k::MAIL_OUTBOX_SEND_NOW)}</button>
            })}
            <ul class="mail-list" aria-label=t(k::MAIL_OUTBOX_TITLE)>
                <For each=move || items().get() key=|i| (i.id.clone(), i.progress.clone(), i.note.clone()) let:item>
                    {
                        let subject = Some(item.subject.clone()).filter(|s| !s.trim().is_empty()).unwrap_or_else(|| t(k::MAIL_OUTBOX_NO_SUBJECT).into());
                        let to = Some(item.to.clone()).filter(|s| !s.trim().is_empty()).unwrap_or_else(|| t(k::MAIL_OUTBOX_NO_RECIPIENTS).into());
                        let unsure = item.next_step() == Step::AskUser;
                        let other = (!item.belongs_to(&email())).then(|| tf(k::MAIL_OUTBOX_OTHER_ACCOUNT, &[("email", &item.email)]));
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
                                    <button type="button" class="secondary" aria-label=tf(k::MAIL_OUTBOX_EDIT_LABEL, &[("subject", &subject)]) on:click=move |_| edit(id_edit.clone())>{t(k::MAIL_OUTBOX_EDIT)}</button>
                                    <button type="button" class="secondary" aria-label=tf(k::MAIL_OUTBOX_DELETE_LABEL, &[("subject", &subject)]) on:click=move |_| delete(id_delete.clone())>{t(k::MAIL_OUTBOX_DELETE)}</button>
                                    {unsure.then(|| view! {
                                        <button type="button" class="secondary" aria-label=tf(k::MAIL_OUTBOX_SEND_ANYWAY_LABEL, &[("subject", &subject)]) on:click=move |_| anyway(id_anyway.clone())>{t(k::MAIL_OUTBOX_SEND_ANYWAY)}</button>
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
