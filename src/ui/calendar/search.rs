//! Search events across the shown calendars (Google's `q`, a year either side of today),
//! and "Jump to date": the agenda's range starting on another day.

use leptos::prelude::*;

use super::editor::open_existing;
use super::state::CalendarState;
use crate::auth::scopes::Feature;
use crate::browser::local_time::{clock_text, long_date, offset_at};
use crate::browser::time;
use crate::calendar::writes::search_url;
use crate::calendar::{Event, Events, When};
use crate::i18n::{k, t, tf};
use crate::time::{format_rfc3339, local_time, Date, DAY_MS};
use crate::ui::google::{fetch_json, Call};

/// How far either side of today a search looks.
const SEARCH_DAYS: i64 = 365;

/// One result: when, what, and where it lives (to open it).
#[derive(Clone, Debug, PartialEq)]
struct Found {
    sort_ms: i64,
    when: String,
    title: String,
    calendar_id: String,
    event_id: String,
}

fn found(calendar_id: &str, event: &Event) -> Option<Found> {
    let when = event.start.as_ref()?.parse().ok()?;
    let (sort_ms, when) = match when {
        When::Instant(ms) => {
            let offset = offset_at(ms);
            let day = crate::time::local_date_fixed(ms, offset);
            let (date, time) = (long_date(day), clock_text(local_time(ms, offset)));
            (
                ms,
                tf(k::CAL_FOUND_WHEN, &[("date", &date), ("time", &time)]),
            )
        }
        When::Date(day) => (
            day.utc_midnight_ms(),
            tf(k::CAL_FOUND_ALL_DAY, &[("date", &long_date(day))]),
        ),
    };
    Some(Found {
        sort_ms,
        when,
        title: event.title().unwrap_or(t(k::CAL_NO_TITLE)).to_string(),
        calendar_id: calendar_id.to_string(),
        event_id: event.id.clone()?,
    })
}

#[component]
pub fn EventSearch(store: CalendarState) -> impl IntoView {
    let auth = store.auth;
    let text = RwSignal::new(String::new());
    let searched = RwSignal::new(None::<String>);
    let search = Action::new_local(move |q: &String| {
        let q = q.clone();
        let root = store.root();
        let calendars: Vec<String> = store.loaded.with_untracked(|l| {
            l.iter()
                .flat_map(|l| &l.calendars)
                .map(|c| c.calendar_id.clone())
                .filter(|id| !untrack(|| store.is_hidden(id)))
                .collect()
        });
        async move {
            let now = time::now_ms();
            let at = |ms: i64| format_rfc3339(ms, offset_at(ms));
            let (min, max) = (
                at(now - SEARCH_DAYS * DAY_MS),
                at(now + SEARCH_DAYS * DAY_MS),
            );
            let mut results = Vec::new();
            let mut failed = None;
            for calendar in calendars {
                let url = search_url(&root, &calendar, &q, &min, &max);
                match fetch_json::<Events>(auth, Feature::Agenda, Call::get(url)).await {
                    Ok(page) => results.extend(
                        page.items
                            .iter()
                            .filter(|e| !e.is_cancelled())
                            .filter_map(|e| found(&calendar, e)),
                    ),
                    Err(e) => failed = Some(e.to_string()),
                }
            }
            results.sort_by_key(|f| f.sort_ms);
            (q, results, failed)
        }
    });
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let q = text.get_untracked().trim().to_string();
        if !q.is_empty() {
            searched.set(Some(q.clone()));
            search.dispatch(q);
        }
    };
    let jump = RwSignal::new(String::new());
    let go = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        if let Ok(day) = Date::parse(jump.get_untracked().trim()) {
            store.jumped_to.set(Some(day));
            store.reload(false);
        }
    };
    let back_to_today = move |_| {
        jump.set(String::new());
        store.jumped_to.set(None);
        store.reload(false);
    };
    view! {
        <div class="cal-find">
            <form class="event-search" role="search" on:submit=submit>
                <label for="event-search">{t(k::CAL_SEARCH_LABEL)}</label>
                <input id="event-search" type="search" dir="auto" prop:value=text
                    on:input=move |ev| text.set(event_target_value(&ev))/>
                <button type="submit" class="secondary">{t(k::CAL_SEARCH)}</button>
            </form>
            <form class="jump" on:submit=go>
                <label for="jump-date">{t(k::CAL_JUMP_LABEL)}</label>
                <input id="jump-date" type="date" dir="auto" prop:value=jump on:input=move |ev| jump.set(event_target_value(&ev))
                    on:change=move |ev| jump.set(event_target_value(&ev))/>
                <button type="submit" class="secondary">{t(k::CAL_GO)}</button>
                {move || store.jumped_to.get().map(|day| view! {
                    <span class="muted">{format!("{} ", tf(k::CAL_JUMP_FROM, &[("date", &long_date(day))]))}</span>
                    <button type="button" class="link" on:click=back_to_today>{t(k::CAL_BACK_TO_TODAY)}</button>
                })}
            </form>
        </div>
        {move || searched.get().map(|q| view! {
            <section class="search-results" aria-labelledby="search-title">
                <h2 id="search-title" dir="auto">{tf(k::CAL_RESULTS_FOR, &[("q", &q)])}</h2>
                {move || match search.value().get() {
                    None => view! { <p role="status">{t(k::CAL_SEARCHING)}</p> }.into_any(),
                    Some((_, results, failed)) => view! {
                        {failed.map(|why| view! { <p role="alert">{tf(k::CAL_SEARCH_FAILED, &[("why", &why)])}</p> })}
                        {results.is_empty().then(|| view! { <p role="status">{t(k::CAL_NO_RESULTS)}</p> })}
                        <ul class="results">
                            {results.into_iter().map(|f| view! {
                                <li>
                                    <span class="when">{f.when}</span> " "
                                    <button type="button" class="link" dir="auto"
                                        on:click=move |_| open_existing(store, f.calendar_id.clone(), f.event_id.clone())>{f.title}</button>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                }}
                <button type="button" class="secondary" on:click=move |_| searched.set(None)>{t(k::CAL_CLEAR_SEARCH)}</button>
            </section>
        })}
    }
}
