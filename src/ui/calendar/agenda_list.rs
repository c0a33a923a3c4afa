//! The agenda: a section per local day that has events, each event a row that opens to
//! show its details. Rows are plain, static DOM (thousands of them on a busy month); the
//! only reactive part of a row is its own open/closed state.

use std::time::Duration;

use leptos::prelude::*;

use super::details::EventDetails;
use super::state::Store;
use crate::browser::local_time::{long_date, offset_at};
use crate::browser::perf;
use crate::calendar::{
    day_label, format_hhmm, group, local_date, now_line_index, AgendaItem, CalendarEvents, Date, Day,
    DayLabel, ItemKind,
};

/// Rows built at once; a longer agenda gets the rest right after the browser has painted
/// these, so a month of meetings does not hold up the top of the list.
const FIRST_ROWS: usize = 150;

#[component]
pub fn AgendaList(store: Store) -> impl IntoView {
    // Rows are still being added (the second pass).
    let busy = RwSignal::new(false);
    let agenda = move || {
        let hidden = store.hidden.get();
        store.loaded.with(|loaded| {
            let Some(loaded) = loaded else {
                let failed = store.list.with(|l| matches!(l, Some(Err(_))));
                return (!failed).then(|| view! { <p class="muted">"Loading your calendars…"</p> }).into_any();
            };
            let shown = |id: &str| !hidden.iter().any(|h| h == id);
            let failed: Vec<_> = loaded
                .failed
                .iter()
                .filter(|(id, _)| shown(id))
                .map(|(id, why)| failed_view(store, id.clone(), why.clone()))
                .collect();
            let window = loaded.window;
            let visible: Vec<bool> = loaded.calendars.iter().map(|c| shown(&c.calendar_id)).collect();
            let mut days = group(&loaded.calendars, window.now_ms, window.end_ms, &offset_at);
            days.retain_mut(|day| {
                day.items.retain(|i| visible.get(i.calendar).copied().unwrap_or(false));
                !day.items.is_empty()
            });
            // "Nothing on your calendars" would be wrong when some could not be read.
            let empty = (days.is_empty() && failed.is_empty())
                .then(|| view! { <p class="empty">{window.range.empty_text()}</p> });
            let today = local_date(window.now_ms, &offset_at);
            // Whole days, until about FIRST_ROWS rows.
            let mut rows = 0;
            let first_days = days
                .iter()
                .take_while(|d| {
                    let before = rows;
                    rows += d.items.len();
                    before < FIRST_ROWS
                })
                .count();
            let later = days.split_off(first_days.max(1).min(days.len()));
            let view_of = move |days: Vec<Day>, calendars: &[CalendarEvents]| {
                days.into_iter().map(|day| day_view(store, day, calendars, today, window.now_ms)).collect_view()
            };
            let first = view_of(days, &loaded.calendars);
            let rest = if later.is_empty() {
                mark_rendered(busy);
                None
            } else {
                busy.set(true);
                let ready = RwSignal::new(false);
                request_animation_frame(move || {
                    perf::mark("satchel-agenda-first");
                    set_timeout(
                        move || {
                            ready.try_set(true);
                        },
                        Duration::ZERO,
                    );
                });
                Some(move || {
                    ready.get().then(|| {
                        mark_rendered(busy);
                        store.loaded.with_untracked(|l| l.as_ref().map(|l| view_of(later.clone(), &l.calendars)))
                    })
                })
            };
            view! { {failed} {empty} {first} {rest} }.into_any()
        })
    };
    view! { <div class="agenda" aria-busy=move || if busy.get() { "true" } else { "false" }>{agenda}</div> }
}

/// Every row is being built now: says so, and marks when it is in the DOM (next animation
/// frame) and laid out (a zero timeout later), for the benchmark.
fn mark_rendered(busy: RwSignal<bool>) {
    busy.try_set(false);
    request_animation_frame(|| perf::mark("satchel-agenda-dom"));
    set_timeout(|| perf::mark("satchel-agenda-rendered"), Duration::ZERO);
}

/// A calendar whose events could not be fetched: said in place, with a retry.
fn failed_view(store: Store, id: String, why: String) -> impl IntoView {
    let name = store.entry(&id).map(|e| e.name().to_string()).unwrap_or_else(|| id.clone());
    let retry_id = id.clone();
    view! {
        <section class="cal-failed" data-calendar-id=id>
            <h2>{name}</h2>
            <p role="alert">"This calendar could not be loaded. " {why}</p>
            <button type="button" class="secondary" on:click=move |_| store.fetch_one(retry_id.clone())>"Try again"</button>
        </section>
    }
}

fn day_view(store: Store, day: Day, calendars: &[CalendarEvents], today: Date, now_ms: i64) -> impl IntoView {
    let relative = match day_label(day.date, today) {
        DayLabel::Today => Some("Today"),
        DayLabel::Tomorrow => Some("Tomorrow"),
        DayLabel::Other(_) => None,
    };
    let is_today = day.date == today;
    // Today's rows are split at the present moment for the "now" line.
    let split = if is_today { now_line_index(&day.items, now_ms) } else { day.items.len() };
    let rows = |items: &[AgendaItem]| items.iter().map(|item| event_row(store, item, calendars)).collect_view();
    let (before, after) = (rows(&day.items[..split]), rows(&day.items[split..]));
    view! {
        <section class="day" data-date=day.date.to_string()>
            <h2>
                {relative.map(|r| view! { <span class="relative">{r}</span> " " })}
                <span class="long">{long_date(day.date)}</span>
            </h2>
            <ul class="events">
                {before}
                {is_today.then(|| view! { <li class="now" role="separator" aria-label="Now"></li> })}
                {after}
            </ul>
        </section>
    }
}

fn event_row(store: Store, item: &AgendaItem, calendars: &[CalendarEvents]) -> impl IntoView {
    let (calendar, event) = (item.calendar(calendars), item.event(calendars));
    let color = calendar.and_then(|c| c.color.clone()).unwrap_or_default();
    let calendar_id = calendar.map(|c| c.calendar_id.clone()).unwrap_or_default();
    let title = event.and_then(|e| e.title()).unwrap_or("(No title)").to_string();
    // The optional parts go in one list: each absent `Option` child would still cost an
    // empty placeholder node, thousands of times over.
    let mut extras: Vec<AnyView> = Vec::with_capacity(3);
    if item.declined {
        extras.push(note("declined-label", "Declined".into()));
    }
    if let Some(place) = event.and_then(|e| e.location.clone()).filter(|l| !l.is_empty()) {
        extras.push(note("where", place));
    }
    if let Some(url) = event.and_then(|e| web_link(e.video_link())) {
        extras.push(link("video", url, "Join video call"));
    }
    if let Some(url) = event.and_then(|e| web_link(e.html_link.as_deref())) {
        extras.push(link("open", url, "Open in Google Calendar"));
    }
    let mut class = String::from("event");
    if item.past {
        class.push_str(" past");
    }
    if item.declined {
        class.push_str(" declined");
    }
    let open = RwSignal::new(false);
    let (cal_index, event_index) = (item.calendar, item.event);
    // Few nodes per row on purpose: a busy month is thousands of rows, and each node and
    // attribute is a call from WebAssembly into the DOM. The colour is the row's left edge.
    view! {
        <li
            class=class
            data-event-id=event.and_then(|e| e.id.clone()).unwrap_or_default()
            data-calendar-id=calendar_id
            style:border-left-color=color
        >
            <span class="when">{when_text(item)}</span>
            <button
                type="button"
                class="title"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {title}
            </button>
            {extras}
            // Details are built only when opened, from the event as loaded now.
            {move || {
                open.get()
                    .then(|| {
                        store.loaded.with_untracked(|l| {
                            l.as_ref()?.calendars.get(cal_index)?.events.get(event_index).cloned()
                        })
                    })
                    .flatten()
                    .map(|event| view! { <EventDetails event/> })
            }}
        </li>
    }
}

fn note(class: &'static str, text: String) -> AnyView {
    view! { <span class=class>{text}</span> }.into_any()
}

fn link(class: &'static str, url: String, text: &'static str) -> AnyView {
    view! { <a class=class href=url target="_blank" rel="noopener">{text}</a> }.into_any()
}

/// "13:00–14:00", "All day", with "(day 2 of 3)" for events over several days.
fn when_text(item: &AgendaItem) -> String {
    let hhmm = |ms: i64| format_hhmm(ms, offset_at(ms));
    let mut text = match item.kind {
        ItemKind::AllDay { .. } => "All day".to_string(),
        ItemKind::Timed { start_ms, end_ms } if end_ms > start_ms => {
            format!("{}–{}", hhmm(start_ms), hhmm(end_ms))
        }
        ItemKind::Timed { start_ms, .. } => hhmm(start_ms),
    };
    if item.day_count > 1 {
        text.push_str(&format!(" (day {} of {})", item.day_n, item.day_count));
    }
    text
}

/// Only web links are followed: a `javascript:` URL in an invitation must not become a link.
fn web_link(url: Option<&str>) -> Option<String> {
    let url = url?;
    let scheme_ok = |scheme: &str| url.get(..scheme.len()).is_some_and(|s| s.eq_ignore_ascii_case(scheme));
    (scheme_ok("https://") || scheme_ok("http://")).then(|| url.to_string())
}

#[cfg(test)]
mod tests {
    use super::web_link;

    #[test]
    fn only_web_links_become_links() {
        assert_eq!(web_link(Some("https://meet.google.com/abc")).as_deref(), Some("https://meet.google.com/abc"));
        assert_eq!(web_link(Some("HTTP://example.com")).as_deref(), Some("HTTP://example.com"));
        for hostile in ["javascript:alert(1)", " javascript:alert(1)", "data:text/html,x", "//evil.example", "https:/x", ""] {
            assert_eq!(web_link(Some(hostile)), None, "{hostile}");
        }
        assert_eq!(web_link(None), None);
    }
}
