//! The drafts in Gmail: recipients, subject and date, with Open (into the compose form),
//! Send and Delete.

use crate::browser::http::Method;
use std::rc::Rc;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::sending::{self, Outcome};
use super::{run_bounded, use_compose};
use crate::auth::scopes::Feature;
use crate::browser::time;
use crate::i18n::{k, t, tf};
use crate::mail::api::{self, gmail_link, DraftMeta, DraftSummary, IdList, RawDraft};
use crate::mail::parse_gmail_raw_draft;
use crate::ui::auth::{use_auth, Auth};
use crate::ui::chrome::href;
use crate::ui::config::use_app_config;
use crate::ui::google::{fetch_json, request, Call};
use crate::ui::mail::list_date::list_date;

/// Headers fetched at once.
const IN_FLIGHT: usize = 4;

#[derive(Clone, Debug, PartialEq)]
struct Row {
    id: String,
    meta: Option<DraftSummary>,
}

#[derive(Clone, Debug, PartialEq)]
enum Note {
    None,
    Info(String),
    Sent(String),
    Error(String),
}

#[component]
pub fn Drafts() -> impl IntoView {
    let auth = use_auth();
    let compose = use_compose();
    // idb: the form's kept files are back before a draft may replace them.
    super::stash::restore(compose);
    let root = StoredValue::new(use_app_config().config.with_value(|c| c.gmail_root.clone()));
    let rows = RwSignal::new(Vec::<Row>::new());
    let note = RwSignal::new(Note::None);
    let navigate = use_navigate();

    // The list of ids; each row's headers then arrive on their own, a few at a time.
    let list = LocalResource::new(move || async move {
        let url = api::drafts_list_url(&root.get_value());
        fetch_json::<IdList>(auth, Feature::Drafts, Call::get(url))
            .await
            .map(|list| list.ids())
            .map_err(|e| e.to_string())
    });
    Effect::new(move |_| {
        let Some(Ok(ids)) = list.get() else {
            return;
        };
        rows.set(
            ids.iter()
                .map(|id| Row {
                    id: id.clone(),
                    meta: None,
                })
                .collect(),
        );
        run_bounded(
            ids,
            IN_FLIGHT,
            Rc::new(move |id: String| {
                Box::pin(async move {
                    let url = api::draft_metadata_url(&root.get_value(), &id);
                    if let Ok(meta) =
                        fetch_json::<DraftMeta>(auth, Feature::Drafts, Call::get(url)).await
                    {
                        rows.try_update(|r| {
                            r.iter_mut()
                                .filter(|r| r.id == id)
                                .for_each(|r| r.meta = Some(meta.summary()))
                        });
                    }
                })
            }),
        );
    });
    let loading = move || list.with(Option::is_none);
    let list_error = move || list.get().and_then(Result::err);

    let open = move |id: String| {
        if compose.dirty.get_untracked() && !compose.is_empty() {
            note.set(Note::Error(t(k::MAIL_UNSAVED_CHANGES).into()));
            return;
        }
        let navigate = navigate.clone();
        note.set(Note::Info(t(k::MAIL_OPENING_DRAFT).into()));
        leptos::task::spawn_local(async move {
            let url = api::draft_raw_url(&root.get_value(), &id);
            let reply = fetch_json::<RawDraft>(auth, Feature::Drafts, Call::get(url)).await;
            match reply.map(|d| (parse_gmail_raw_draft(&d.message.raw), d.message.thread_id)) {
                Ok((Ok(draft), thread_id)) => {
                    compose.open(id, draft, thread_id);
                    navigate(&href("/mail"), Default::default());
                }
                Ok((Err(_), _)) => {
                    note.try_set(Note::Error(t(k::MAIL_UNREADABLE_DRAFT).into()));
                }
                Err(e) => {
                    note.try_set(Note::Error(e.to_string()));
                }
            }
        });
    };

    // Send and Delete: one action, so a row's buttons wait while one runs.
    let act = Action::new_local(move |(id, sending): &(String, bool)| {
        let (id, sending) = (id.clone(), *sending);
        note.set(Note::Info(
            if sending {
                t(k::MAIL_SENDING_DRAFT)
            } else {
                t(k::MAIL_DELETING_DRAFT)
            }
            .into(),
        ));
        async move {
            let result = if sending {
                send_draft(auth, &root.get_value(), &id).await
            } else {
                delete_draft(auth, &root.get_value(), &id).await
            };
            match result {
                Ok(done) => {
                    rows.try_update(|r| r.retain(|r| r.id != id));
                    // The compose form no longer has a draft behind it.
                    if compose.draft_id.get_untracked().as_deref() == Some(id.as_str()) {
                        if compose.dirty.get_untracked() {
                            compose.draft_id.set(None);
                        } else {
                            compose.clear();
                        }
                    }
                    note.try_set(done);
                }
                Err(e) => {
                    note.try_set(Note::Error(e));
                }
            }
        }
    });
    let busy = act.pending();

    let now = time::now_ms();
    view! {
        <p role="status">
            {move || match note.get() {
                Note::Info(text) => text,
                Note::Sent(_) => format!("{} ", t(k::MAIL_DRAFT_SENT)),
                _ if loading() => t(k::MAIL_LOADING_DRAFTS).into(),
                _ if rows.with(Vec::is_empty) => t(k::MAIL_NO_DRAFTS).into(),
                _ => String::new(),
            }}
            {move || match note.get() {
                Note::Sent(id) => Some(view! { <a href=gmail_link(&id, crate::ui::auth::use_auth().email().as_deref()) target="_blank" rel="noopener">{t(k::MAIL_OPEN_IN_GMAIL_SENT)}</a> }),
                _ => None,
            }}
        </p>
        {move || match note.get() {
            Note::Error(text) => Some(text),
            _ => list_error(),
        }.map(|text| view! { <p class="form-error" role="alert">{text}</p> })}
        <ul class="mail-list" aria-label=t(k::MAIL_DRAFTS_LIST)>
            <For each=move || rows.get() key=|r| (r.id.clone(), r.meta.is_some()) let:row>
                {
                    let open = open.clone();
                    let (id_send, id_delete, id_open) = (row.id.clone(), row.id.clone(), row.id.clone());
                    let meta = row.meta.clone();
                    let subject = meta.as_ref().map(|m| m.subject.clone()).filter(|s| !s.is_empty()).unwrap_or_else(|| t(k::MAIL_NO_SUBJECT).into());
                    let to = meta.as_ref().map(|m| m.to.clone()).filter(|s| !s.is_empty()).unwrap_or_else(|| t(k::MAIL_NO_RECIPIENTS).into());
                    let date = meta.as_ref().map(|m| list_date(m.date_ms, now)).unwrap_or_default();
                    view! {
                        <li>
                            <div class="row-head">
                                <span class="who" dir="auto">{to}</span>
                                <span class="muted">{date}</span>
                            </div>
                            <div class="subject" dir="auto">{subject.clone()}</div>
                            <div class="actions">
                                <button type="button" class="secondary" aria-label=tf(k::MAIL_OPEN_NAMED, &[("subject", &subject)]) on:click=move |_| open(id_open.clone())>{t(k::MAIL_OPEN)}</button>
                                <button type="button" class="secondary" aria-label=tf(k::MAIL_SEND_NAMED, &[("subject", &subject)]) disabled=busy on:click=move |_| { act.dispatch((id_send.clone(), true)); }>{t(k::MAIL_SEND)}</button>
                                <button type="button" class="secondary" aria-label=tf(k::MAIL_DELETE_NAMED, &[("subject", &subject)]) disabled=busy on:click=move |_| { act.dispatch((id_delete.clone(), false)); }>{t(k::MAIL_DELETE)}</button>
                            </div>
                        </li>
                    }
                }
            </For>
        </ul>
    }
}

/// `drafts.send` of the saved draft, exactly once (see `sending`): what to say.
async fn send_draft(auth: Auth, root: &str, id: &str) -> Result<Note, String> {
    match sending::send_draft(auth, root, id, &|_, _| {}).await {
        Outcome::Sent(Some(sent)) => Ok(Note::Sent(sent)),
        Outcome::Sent(None) => Ok(Note::Info(t(k::MAIL_DRAFT_SENT).into())),
        Outcome::Gone => Ok(Note::Info(t(k::MAIL_DRAFT_GONE).into())),
        Outcome::NotSent(why) | Outcome::Unsure(why) => Err(why),
    }
}

async fn delete_draft(auth: Auth, root: &str, id: &str) -> Result<Note, String> {
    let call = Call::new(Method::Delete, api::draft_url(root, id), None);
    request(auth, Feature::Drafts, call)
        .await
        .map_err(|e| e.to_string())?;
    Ok(Note::Info(t(k::MAIL_DRAFT_DELETED).into()))
}
