//! Recent mail: a search box, a label picker and pages of 20 messages, each row filled in
//! from its headers as they arrive.

use std::rc::Rc;

use leptos::prelude::*;

use super::{get_json, local_offset, run_bounded};
use crate::auth::scopes::Feature;
use crate::browser::time;
use crate::mail::api::{self, gmail_link, IdList, LabelList, MessageMeta, Summary};
use crate::ui::app::use_app_config;
use crate::ui::auth_service::use_auth;

/// Header requests at once.
const IN_FLIGHT: usize = 6;

#[derive(Clone, Debug, PartialEq)]
struct Row {
    id: String,
    meta: Option<Summary>,
}

#[component]
pub fn Inbox() -> impl IntoView {
    let auth = use_auth();
    let root = StoredValue::new(use_app_config().config.with_value(|c| c.gmail_root.clone()));
    let typed = RwSignal::new(String::new());
    let query = RwSignal::new(String::new());
    let label = RwSignal::new("INBOX".to_string());
    let rows = RwSignal::new(Vec::<Row>::new());
    let next_page = RwSignal::new(None::<String>);
    let loading = RwSignal::new(true);
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
            let result = get_json::<IdList>(auth, Feature::Inbox, url).await;
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
                                    get_json::<MessageMeta>(auth, Feature::Inbox, url).await
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
    // A new search or label starts over.
    Effect::new(move |_| {
        query.track();
        label.track();
        load(false);
    });
    let labels = RwSignal::new(Vec::<(String, String)>::new());
    leptos::task::spawn_local(async move {
        // On failure the picker offers only "All mail"; the list itself still loads.
        if let Ok(list) =
            get_json::<LabelList>(auth, Feature::Inbox, api::labels_url(&root.get_value())).await
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
                <label for="inbox-q">"Search mail"</label>
                <input type="search" id="inbox-q" prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))/>
            </div>
            <div>
                <label for="inbox-label">"Label"</label>
                <select id="inbox-label" on:change=move |ev| {
                    // The search box applies too, submitted or not.
                    query.set(typed.get_untracked());
                    label.set(event_target_value(&ev));
                }>
                    <option value="">"All mail"</option>
                    <For each=choices key=|c| c.0.clone() let:choice>
                        <option value=choice.0.clone() selected=move || label.get() == choice.0>{choice.1}</option>
                    </For>
                </select>
            </div>
            <button type="submit">"Search"</button>
        </form>
        {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
        <ul class="mail-list" aria-label="Messages">
            <For each=move || rows.get() key=|r| (r.id.clone(), r.meta.is_some()) let:row>
                {match row.meta {
                    Some(m) => view! {
                        <li class:unread=m.unread>
                            <div class="row-head">
                                <span class="who">{m.unread.then_some("Unread: ")}{m.from}</span>
                                <span class="muted">{api::short_date(m.date_ms, now, local_offset(m.date_ms))}</span>
                            </div>
                            <a class="subject" href=gmail_link(&m.id) target="_blank" rel="noopener">
                                {if m.subject.is_empty() { "(no subject)".to_string() } else { m.subject }}
                            </a>
                            <div class="muted snippet">{m.snippet}</div>
                        </li>
                    }.into_any(),
                    None => view! { <li class="muted">"Loading…"</li> }.into_any(),
                }}
            </For>
        </ul>
        <p role="status">
            {move || if loading.get() {
                "Loading messages…"
            } else if rows.with(Vec::is_empty) && error.with(Option::is_none) {
                "No messages match."
            } else {
                ""
            }}
        </p>
        <Show when=move || next_page.with(Option::is_some)>
            <button type="button" class="secondary" disabled=move || loading.get() on:click=move |_| load(true)>"Load more"</button>
        </Show>
    }
}
