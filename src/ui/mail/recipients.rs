//! One recipient field (To, Cc or Bcc) with its inline error and suggestions: a combobox
//! (ARIA 1.2 pattern) over the people the user wrote to or heard from recently. The field
//! still takes any text; arrow keys move through the suggestions, Enter picks one, Escape
//! closes them.

use std::rc::Rc;

use leptos::prelude::*;

use super::prefs::{self, CONTACTS_KEY};
use super::{run_bounded, use_compose, ComposeState};
use crate::auth::scopes::Feature;
use crate::browser::storage::{self, Area};
use crate::browser::time;
use crate::i18n::{k, tf};
use crate::mail::api::{self, format_recipients, IdList};
use crate::mail::contacts::{current_term, with_chosen, Contacts, PeopleOf};
use crate::mail::{parse_recipients, Mailbox};
use crate::ui::auth::{use_auth, Auth};
use crate::ui::config::use_app_config;
use crate::ui::google::{fetch_json, Call};

/// Suggestions shown at once.
const SHOWN: usize = 6;

/// Reads a field: its mailboxes, or the message naming the bad entry.
pub fn check(text: &str) -> Result<Vec<Mailbox>, String> {
    parse_recipients(text).map_err(|e| e.to_string())
}

/// Fills the suggestions once per tab, from the newest Sent (To, Cc) and Inbox (From)
/// headers: `format=metadata` under the Inbox permission, never asked for here.
fn load_contacts(state: ComposeState, auth: Auth, root: String) {
    if state.contacts_loaded.get_value() || !auth.allows(Feature::Inbox) {
        return;
    }
    state.contacts_loaded.set_value(true);
    if prefs::remember_contacts() {
        if let Some(kept) = storage::get(Area::Local, CONTACTS_KEY)
            .and_then(|t| serde_json::from_str::<Contacts>(&t).ok())
        {
            state.contacts.set(kept);
        }
    }
    let me = auth.email().unwrap_or_default();
    let root = Rc::new(root);
    for (query, label) in [("in:sent", ""), ("", "INBOX")] {
        let (root, me) = (root.clone(), me.clone());
        leptos::task::spawn_local(async move {
            let url = api::messages_list_url(&root, query, label, None);
            let Ok(list) = fetch_json::<IdList>(auth, Feature::Inbox, Call::get(url)).await else {
                return;
            };
            let sent = !query.is_empty();
            run_bounded(
                list.ids(),
                3,
                Rc::new(move |id: String| {
                    let (root, me) = (root.clone(), me.clone());
                    Box::pin(async move {
                        let url = api::contact_headers_url(&root, &id);
                        if let Ok(m) =
                            fetch_json::<PeopleOf>(auth, Feature::Inbox, Call::get(url)).await
                        {
                            let people = m.people(if sent { &["To", "Cc"] } else { &["From"] });
                            let when = m.date_ms();
                            state
                                .contacts
                                .try_update(|c| people.iter().for_each(|p| c.add(p, when, &me)));
                            if prefs::remember_contacts() {
                                if let Some(text) = state
                                    .contacts
                                    .try_with_untracked(|c| serde_json::to_string(c).ok())
                                    .flatten()
                                {
                                    storage::set(Area::Local, CONTACTS_KEY, &text);
                                }
                            }
                        }
                    })
                }),
            );
        });
    }
}

#[component]
pub fn RecipientField(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    error: RwSignal<Option<String>>,
    dirty: RwSignal<bool>,
) -> impl IntoView {
    let state = use_compose();
    let auth = use_auth();
    let root = use_app_config().config.with_value(|c| c.gmail_root.clone());
    let error_id = format!("{id}-error");
    let list_id = format!("{id}-suggestions");
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let suggestions = Memo::new(move |_| {
        if !open.get() {
            return Vec::new();
        }
        let text = value.get();
        state
            .contacts
            .with(|c| c.suggest(current_term(&text), &text, time::now_ms(), SHOWN))
    });
    let expanded = move || !suggestions.with(Vec::is_empty);
    let pick = move |i: usize| {
        if let Some(m) = suggestions.with_untracked(|s| s.get(i).cloned()) {
            value.update(|v| *v = with_chosen(v, &format_recipients(&[m])));
            dirty.set(true);
            error.set(None);
        }
        active.set(None);
        open.set(false);
    };
    let option_id = move |i: usize| format!("{id}-option-{i}");
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let count = suggestions.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if count > 0 => {
                ev.prevent_default();
                active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % count)));
            }
            "ArrowUp" if count > 0 => {
                ev.prevent_default();
                active.update(|a| *a = Some(a.map_or(count - 1, |i| (i + count - 1) % count)));
            }
            "Enter" => {
                if let Some(i) = active.get_untracked().filter(|&i| i < count) {
                    // Enter picks the suggestion instead of sending the form.
                    ev.prevent_default();
                    pick(i);
                }
            }
            "Escape" if count > 0 => {
                open.set(false);
                active.set(None);
            }
            _ => {}
        }
    };
    view! {
        <label for=id>{label}</label>
        <div class="combo">
            <input
                type="text"
                id=id
                dir="auto"
                autocomplete="off"
                role="combobox"
                aria-autocomplete="list"
                aria-expanded=move || expanded().to_string()
                aria-controls=list_id.clone()
                aria-activedescendant=move || active.get().filter(|_| expanded()).map(option_id)
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=error_id.clone()
                prop:value=move || value.get()
                on:focus=move |_| load_contacts(state, auth, root.clone())
                on:keydown=on_key
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    dirty.set(true);
                    open.set(true);
                    active.set(None);
                    // An error shown goes away as soon as the field is right again.
                    if error.with_untracked(Option::is_some) {
                        error.set(check(&value.get_untracked()).err());
                    }
                }
                on:blur=move |_| {
                    open.set(false);
                    error.set(check(&value.get_untracked()).err());
                }
            />
            <ul id=list_id.clone() role="listbox" aria-label=tf(k::MAIL_SUGGESTIONS_FOR, &[("field", label)]) class="suggestions" hidden=move || !expanded()>
                {move || suggestions.get().into_iter().enumerate().map(|(i, m)| view! {
                    <li
                        id=option_id(i)
                        role="option"
                        aria-selected=move || (active.get() == Some(i)).to_string()
                        // mousedown, not click: the field's blur would close the list first.
                        on:mousedown=move |ev| {
                            ev.prevent_default();
                            pick(i);
                        }
                    >
                        <span dir="auto">{m.name.clone().unwrap_or_default()}</span>
                        " "
                        <span class="muted" dir="auto">{m.email.clone()}</span>
                    </li>
                }).collect_view()}
            </ul>
        </div>
        <p id=error_id class="field-error">{move || error.get()}</p>
    }
}
