//! "Lunch with Anna tomorrow 13:00": Google's quickAdd on the primary calendar.
//!
//! Adding needs the calendar.events permission, asked for on the first click (a popup
//! must open from a click); the text is kept, and the event is added as soon as the
//! permission arrives.

use crate::browser::http::Method;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::state::CalendarState;
use crate::auth::scopes::Feature;
use crate::browser::local_time::{clock_text, long_date, offset_at};
use crate::browser::{storage, time};
use crate::calendar::{day_label, local_date, quick_add_url, DayLabel, Event, When};
use crate::time::local_time;
use crate::ui::google::{fetch_json, Call};

/// sessionStorage: the text being typed, so a same-tab sign-in does not lose it.
const TEXT_KEY: &str = "satchel.calendar.quick_add";

#[derive(Clone, PartialEq)]
enum Outcome {
    Added(String),
    Failed(String),
}

#[component]
pub fn QuickAdd(store: CalendarState) -> impl IntoView {
    let auth = store.auth;
    let text = RwSignal::new(storage::get(storage::Area::Session, TEXT_KEY).unwrap_or_default());
    let outcome = RwSignal::new(None::<Outcome>);
    let busy = RwSignal::new(false);
    // The user asked to add, and the permission is being asked for.
    let waiting_for_grant = RwSignal::new(false);

    let add = move || {
        let typed = text.get_untracked().trim().to_string();
        if typed.is_empty() {
            outcome.set(Some(Outcome::Failed(
                "Type what to add, for example “Lunch with Anna tomorrow 13:00”.".into(),
            )));
            return;
        }
        if !auth.allows(Feature::AddEvent) {
            waiting_for_grant.set(true);
            auth.sign_in(&[Feature::AddEvent]);
            return;
        }
        busy.set(true);
        outcome.set(None);
        let calendar_id = store.primary_id();
        let url = quick_add_url(&store.root(), &calendar_id, &typed);
        spawn_local(async move {
            let call = Call::new(Method::Post, url, None);
            let result = fetch_json::<Event>(auth, Feature::AddEvent, call).await;
            busy.set(false);
            match result {
                Ok(event) => {
                    outcome.set(Some(Outcome::Added(confirmation(&event))));
                    text.set(String::new());
                    storage::remove(storage::Area::Session, TEXT_KEY);
                    store.insert(&calendar_id, event);
                }
                // The text stays in the box, to fix or to try again.
                Err(e) => outcome.set(Some(Outcome::Failed(format!(
                    "The event was not added. {e}"
                )))),
            }
        });
    };

    // The permission arrived (or was refused) after a click on Add.
    Effect::new(move |_| {
        if !waiting_for_grant.get() {
            return;
        }
        if auth.allows(Feature::AddEvent) {
            waiting_for_grant.set(false);
            add();
        } else if !auth.busy.get() {
            waiting_for_grant.set(false);
        }
    });

    view! {
        <form class="quick-add" on:submit=move |ev| {
            ev.prevent_default();
            add();
        }>
            <label for="quick-add-text">"Add event"</label>
            <div class="quick-add-row">
                <input
                    id="quick-add-text"
                    type="text"
                    autocomplete="off"
                    placeholder="Lunch with Anna tomorrow 13:00"
                    prop:value=text
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        storage::set(storage::Area::Session, TEXT_KEY, &value);
                        text.set(value);
                    }
                />
                <button type="submit" disabled=move || busy.get() || auth.busy.get()>
                    {move || if busy.get() { "Adding…" } else { "Add" }}
                </button>
            </div>
            {move || (!auth.allows(Feature::AddEvent)).then(|| view! {
                <p class="hint muted">"The first time, Satchel asks for permission to add events."</p>
            })}
            {move || match outcome.get() {
                Some(Outcome::Added(message)) => view! { <p class="added" role="status">{message}</p> }.into_any(),
                Some(Outcome::Failed(message)) => view! { <p class="field-error" role="alert">{message}</p> }.into_any(),
                None => ().into_any(),
            }}
        </form>
    }
}

/// "Added “Lunch with Anna”, tomorrow at 13:00."
fn confirmation(event: &Event) -> String {
    let title = event.title().unwrap_or("(No title)");
    let now = time::now_ms();
    let today = local_date(now, &offset_at);
    let day = |date| match day_label(date, today) {
        DayLabel::Today => "today".to_string(),
        DayLabel::Tomorrow => "tomorrow".to_string(),
        DayLabel::Other(date) => long_date(date),
    };
    match event.start.as_ref().and_then(|s| s.parse().ok()) {
        Some(When::Instant(ms)) => {
            format!(
                "Added “{title}”, {} at {}.",
                day(local_date(ms, &offset_at)),
                clock_text(local_time(ms, offset_at(ms)))
            )
        }
        Some(When::Date(date)) => format!("Added “{title}”, {}, all day.", day(date)),
        None => format!("Added “{title}”."),
    }
}
