//! "Lunch with Anna tomorrow 13:00": Google's quickAdd on a calendar of the user's
//! choosing (the last one used is remembered), its result shown with a way to edit it.
//!
//! Adding needs the calendar.events permission, asked for on the first click (a popup
//! must open from a click); the text is kept, and the event is added as soon as the
//! permission arrives.

use crate::browser::http::Method;
use leptos::prelude::*;

use super::editor::state::LAST_CALENDAR_KEY;
use super::editor::{default_calendar, open_existing, writable_calendars};
use super::state::CalendarState;
use crate::auth::scopes::Feature;
use crate::browser::local_time::{clock_text, long_date, offset_at};
use crate::browser::{storage, time};
use crate::calendar::{day_label, local_date, quick_add_url, DayLabel, Event, When};
use crate::i18n::{k, t, tf};
use crate::time::local_time;
use crate::ui::google::{fetch_json, Call};

/// sessionStorage: the text being typed, so a same-tab sign-in does not lose it.
const TEXT_KEY: &str = "satchel.calendar.quick_add";

#[derive(Clone, PartialEq)]
enum Outcome {
    /// What was added, and where (to edit it).
    Added(String, String, String),
    Failed(String),
}

#[component]
pub fn QuickAdd(store: CalendarState) -> impl IntoView {
    let auth = store.auth;
    let text = RwSignal::new(storage::get(storage::Area::Session, TEXT_KEY).unwrap_or_default());
    let outcome = RwSignal::new(None::<Outcome>);
    // The calendar chosen here; until then, the last one used (or the primary).
    let chosen = RwSignal::new(None::<String>);
    let calendar = move || chosen.get().unwrap_or_else(|| default_calendar(store));
    // The permission arrived (or was refused) after a click on Add.
    let waiting_for_grant = RwSignal::new(false);
    // One add at a time: the button waits while it runs.
    let adding = Action::new_local(move |(calendar_id, typed): &(String, String)| {
        let (calendar_id, typed) = (calendar_id.clone(), typed.clone());
        let url = quick_add_url(&store.root(), &calendar_id, &typed);
        async move {
            let call = Call::new(Method::Post, url, None);
            match fetch_json::<Event>(auth, Feature::AddEvent, call).await {
                Ok(event) => {
                    let id = event.id.clone().unwrap_or_default();
                    outcome.set(Some(Outcome::Added(
                        confirmation(&event),
                        calendar_id.clone(),
                        id,
                    )));
                    text.set(String::new());
                    storage::remove(storage::Area::Session, TEXT_KEY);
                    storage::set(storage::Area::Local, LAST_CALENDAR_KEY, &calendar_id);
                    store.insert(&calendar_id, event);
                }
                // The text stays in the box, to fix or to try again.
                Err(e) => outcome.set(Some(Outcome::Failed(tf(
                    k::CAL_QUICK_ADD_FAILED,
                    &[("why", &e.to_string())],
                )))),
            }
        }
    });
    let busy = adding.pending();

    let add = move || {
        let typed = text.get_untracked().trim().to_string();
        if typed.is_empty() {
            outcome.set(Some(Outcome::Failed(t(k::CAL_QUICK_ADD_EMPTY).into())));
            return;
        }
        if !auth.allows(Feature::AddEvent) {
            waiting_for_grant.set(true);
            auth.sign_in(&[Feature::AddEvent]);
            return;
        }
        outcome.set(None);
        adding.dispatch((untrack(calendar), typed));
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
            <label for="quick-add-text">{t(k::CAL_QUICK_ADD_LABEL)}</label>
            <div class="quick-add-row">
                <input
                    id="quick-add-text"
                    type="text"
                    dir="auto"
                    autocomplete="off"
                    placeholder=t(k::CAL_QUICK_ADD_PLACEHOLDER)
                    prop:value=text
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        storage::set(storage::Area::Session, TEXT_KEY, &value);
                        text.set(value);
                    }
                />
                <button type="submit" disabled=move || busy.get() || auth.busy.get()>
                    {move || if busy.get() { t(k::CAL_ADDING) } else { t(k::CAL_ADD) }}
                </button>
            </div>
            <div class="quick-add-to">
                <label for="quick-add-calendar">{t(k::CAL_ADD_TO)}</label>
                <select id="quick-add-calendar" on:change=move |ev| chosen.set(Some(event_target_value(&ev)))>
                    {move || {
                        let current = calendar();
                        writable_calendars(store).into_iter().map(|(id, name)| {
                            let selected = id == current;
                            view! { <option value=id selected=selected dir="auto">{name}</option> }
                        }).collect_view()
                    }}
                </select>
            </div>
            {move || (!auth.allows(Feature::AddEvent)).then(|| view! {
                <p class="hint muted">{t(k::CAL_PERMISSION_ADD_HINT)}</p>
            })}
            {move || match outcome.get() {
                Some(Outcome::Added(message, calendar_id, id)) => view! {
                    <p class="added" role="status">
                        {message} " "
                        <button type="button" class="link" on:click=move |_| open_existing(store, calendar_id.clone(), id.clone())>{t(k::CAL_EDIT_THIS_EVENT)}</button>
                    </p>
                }.into_any(),
                Some(Outcome::Failed(message)) => view! { <p class="field-error" role="alert">{message}</p> }.into_any(),
                None => ().into_any(),
            }}
        </form>
    }
}

/// "Added “Lunch with Anna”, tomorrow at 13:00."
fn confirmation(event: &Event) -> String {
    let title = event.title().unwrap_or(t(k::CAL_NO_TITLE));
    let now = time::now_ms();
    let today = local_date(now, &offset_at);
    // One message per case: "today" and "tomorrow" are not words to put into a sentence.
    let say = |date, today_key, tomorrow_key, other_key, time: Option<String>| {
        let time = time.unwrap_or_default();
        match day_label(date, today) {
            DayLabel::Today => tf(today_key, &[("title", title), ("time", &time)]),
            DayLabel::Tomorrow => tf(tomorrow_key, &[("title", title), ("time", &time)]),
            DayLabel::Other(date) => tf(
                other_key,
                &[
                    ("title", title),
                    ("date", &long_date(date)),
                    ("time", &time),
                ],
            ),
        }
    };
    match event.start.as_ref().and_then(|s| s.parse().ok()) {
        Some(When::Instant(ms)) => say(
            local_date(ms, &offset_at),
            k::CAL_ADDED_TODAY_AT,
            k::CAL_ADDED_TOMORROW_AT,
            k::CAL_ADDED_ON_AT,
            Some(clock_text(local_time(ms, offset_at(ms)))),
        ),
        Some(When::Date(date)) => say(
            date,
            k::CAL_ADDED_TODAY_ALL_DAY,
            k::CAL_ADDED_TOMORROW_ALL_DAY,
            k::CAL_ADDED_ON_ALL_DAY,
            None,
        ),
        None => tf(k::CAL_ADDED, &[("title", title)]),
    }
}
