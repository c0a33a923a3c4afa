//! Recent mail: a search box, a label picker and pages of 20 messages, each row filled in
//! from its headers as they arrive.

use std::rc::Rc;

use leptos::prelude::*;

use super::run_bounded;
use crate::auth::scopes::Feature;
use crate::browser::time;
use crate::i18n::{k, t};
use crate::ui::google::{fetch_json, Call};
use crate::ui::mail::list_date::list_date;
use leptos_router::components::A;

use crate::mail::api::{self, IdList, LabelList, MessageMeta, Summary};
use crate::ui::auth::use_auth;
use crate::ui::chrome::href;
use crate::ui::config::use_app_config;
use crate::url::encode_component;

/// Header requests at once.
const IN_FLIGHT: usize = 6;

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub id: String,
    pub meta: Option<Summary>,
}

/// The Inbox's search, label, pages and scroll, kept for the app's lifetime: opening a
/// message and coming Back finds the list as it was, and triage in the message view takes
/// its row out without a reload.
#[derive(Clone, Copy)]
pub struct InboxState {
    typed: RwSignal<String>,
    query: RwSignal<String>,
    label: RwSignal<String>,
    pub rows: RwSignal<Vec<Row>>,
    next_page: RwSignal<Option<String>>,
    /// The search and label `rows` were loaded for.
    loaded_for: StoredValue<Option<(String, String)>>,
    scroll_y: StoredValue<f64>,
}

impl InboxState {
    pub fn new() -> InboxState {
        InboxState {
            typed: RwSignal::new(String::new()),
            query: RwSignal::new(String::new()),
            label: RwSignal::new("INBOX".to_string()),
            rows: RwSignal::new(Vec::new()),
            next_page: RwSignal::new(None),
            loaded_for: StoredValue::new(None),
            scroll_y: StoredValue::new(0.0),
        }
    }

    /// Takes a message out of the list (archived, deleted); its place, for Undo.
    pub fn remove(&self, id: &str) -> Option<(usize, Row)> {
        self.rows
            .try_update(|rows| {
                let i = rows.iter().position(|r| r.id == id)?;
                Some((i, rows.remove(i)))
            })
            .flatten()
    }

    pub fn put_back(&self, at: usize, row: Row) {
        self.rows
            .update(|rows| rows.insert(at.min(rows.len()), row));
    }

    /// Marks a row read or unread.
    pub fn set_unread(&self, id: &str, unread: bool) {
        self.rows.update(|rows| {
            rows.iter_mut()
                .filter(|r| r.id == id)
                .filter_map(|r| r.meta.as_mut())
                .for_each(|m| m.unread = unread)
        });
    }
}

impl Default for InboxState {
    fn default() -> Self {
        Self::new()
    }
}

#[component]
pub fn Inbox() -> impl IntoView {
    let auth = use_auth();
    let root = StoredValue::new(use_app_config().config.with_value(|c| c.gmail_root.clone()));
    let state = expect_context::<InboxState>();
    let InboxState {
        typed,
        query,
        label,
        rows,
        next_page,
        ..
    } = state;
    // Not a LocalResource: a resource belongs to the view and fetches again on every
    // mount, while the Inbox keeps its pages in the app-lifetime InboxState, so Back from
    // a message shows the same rows at the same scroll position with no request, and
    // "More" appends a page instead of replacing the list.
    let loading = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    // Answers to an older search are dropped.
    let generation = StoredValue::new(0u32);

    let load = move |more: bool| {
        let token = if more {
            next_page.get_untracked()
        } else {
            None
        };
        if more && token.is_none() {
            return;
        }
        generation.update_value(|g| *g += 1);
        let current = generation.get_value();
        let url = api::messages_list_url(
            &root.get_value(),
            &query.get_untracked(),
            &label.get_untracked(),
            token.as_deref(),
        );
        loading.set(true);
        error.set(None);
        if !more {
            rows.set(Vec::new());
        }
        leptos::task::spawn_local(async move {
            let result = fetch_json::<IdList>(auth, Feature::Inbox, Call::get(url)).await;
            if generation.try_get_value() != Some(current) {
                return;
            }
            loading.try_set(false);
            match result {
                Ok(list) => {
                    next_page.try_set(list.next_page_token.clone());
                    let ids = list.ids();
                    rows.try_update(|r| {
                        r.extend(ids.iter().map(|id| Row {
                            id: id.clone(),
                            meta: None,
                        }))
                    });
                    run_bounded(
                        ids,
                        IN_FLIGHT,
                        Rc::new(move |id: String| {
                            Box::pin(async move {
                                let url = api::message_metadata_url(&root.get_value(), &id);
                                if let Ok(meta) =
                                    fetch_json::<MessageMeta>(auth, Feature::Inbox, Call::get(url))
                                        .await
                                {
                                    let summary = meta.summary();
                                    rows.try_update(|r| {
                                        r.iter_mut()
                                            .filter(|r| r.id == id)
                                            .for_each(|r| r.meta = Some(summary.clone()))
                                    });
                                }
                            })
                        }),
                    );
                }
                Err(e) => {
                    error.try_set(Some(e.to_string()));
                }
            }
        });
    };
    // A new search or label starts over; coming back to the same one keeps the list and
    // its scroll position.
    Effect::new(move |_| {
        let key = (query.get(), label.get());
        if state.loaded_for.get_value().as_ref() == Some(&key) {
            let y = state.scroll_y.get_value();
            request_animation_frame(move || window().scroll_to_with_x_and_y(0.0, y));
        } else {
            state.loaded_for.set_value(Some(key));
            load(false);
        }
    });
    let remember_scroll = move |_| {
        state
            .scroll_y
            .set_value(window().scroll_y().unwrap_or_default());
    };
    let labels = RwSignal::new(Vec::<(String, String)>::new());
    leptos::task::spawn_local(async move {
        // On failure the picker offers only "All mail"; the list itself still loads.
        if let Ok(list) = fetch_json::<LabelList>(
            auth,
            Feature::Inbox,
            Call::get(api::labels_url(&root.get_value())),
        )
        .await
        {
            labels.try_set(list.choices());
        }
    });
    let choices = move || labels.get();
    let now = time::now_ms();

    view! {
        <form class="inbox-search" role="search" on:submit=move |ev| {
            ev.prevent_default();
            query.set(typed.get_untracked());
        }>
            <div>
                <label for="inbox-q">{t(k::MAIL_SEARCH_MAIL)}</label>
                <input type="search" id="inbox-q" dir="auto" prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))/>
            </div>
            <div>
                <label for="inbox-label">{t(k::MAIL_LABEL)}</label>
                <select id="inbox-label" on:change=move |ev| {
                    // The search box applies too, submitted or not.
                    query.set(typed.get_untracked());
                    label.set(event_target_value(&ev));
                }>
                    <option value="">{t(k::MAIL_ALL_MAIL)}</option>
                    <For each=choices key=|c| c.0.clone() let:choice>
                        <option value=choice.0.clone() selected=move || label.get() == choice.0 dir="auto">{choice.1}</option>
                    </For>
                </select>
            </div>
            <button type="submit">{t(k::MAIL_SEARCH)}</button>
        </form>
        {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
        <ul class="mail-list" id="inbox-list" aria-label=t(k::MAIL_MESSAGES)>
            <For each=move || rows.get() key=|r| (r.id.clone(), r.meta.is_some()) let:row>
                {match row.meta {
                    Some(m) => view! {
                        <li class:unread=m.unread>
                            <div class="row-head">
                                <span class="who" dir="auto">{m.unread.then(|| format!("{} ", t(k::MAIL_UNREAD_PREFIX)))}{m.from}</span>
                                <span class="muted">{list_date(m.date_ms, now)}</span>
                            </div>
                            <A attr:class="subject" attr:dir="auto" href=href(&format!("/mail/message/{}", encode_component(&m.id))) on:click=remember_scroll>
                                {if m.subject.is_empty() { t(k::MAIL_NO_SUBJECT).to_string() } else { m.subject }}
                            </A>
                            <div class="muted snippet" dir="auto">{m.snippet}</div>
                        </li>
                    }.into_any(),
                    None => view! { <li class="muted">{t(k::MAIL_LOADING)}</li> }.into_any(),
                }}
            </For>
        </ul>
        <p role="status">
            {move || if loading.get() {
                t(k::MAIL_LOADING_MESSAGES)
            } else if rows.with(Vec::is_empty) && error.with(Option::is_none) {
                t(k::MAIL_NO_MESSAGES_MATCH)
            } else {
                ""
            }}
        </p>
        <Show when=move || next_page.with(Option::is_some)>
            <button type="button" class="secondary" disabled=move || loading.get() on:click=move |_| load(true)>{t(k::MAIL_LOAD_MORE)}</button>
        </Show>
    }
}
