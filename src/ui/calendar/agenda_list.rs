//! The agenda: a section per local day that has events, each event a row that opens to
//! show its details.
//!
//! The days and rows are plain DOM built by [`agenda_dom`](super::agenda_dom) (thousands of
//! rows on a busy month); one effect rebuilds them when the events or the shown calendars
//! change, one click handler on the list opens any row, and a timer keeps today's "now"
//! line and greyed-out past events in step with the clock.

use std::time::Duration;

use leptos::ev::MouseEvent;
use leptos::mount::{mount_to, UnmountHandle};
use leptos::prelude::*;
use leptos::tachys::view::any_view::AnyViewState;
use wasm_bindgen::JsCast;
use web_sys::Element;

use super::agenda_dom::Builder;
use super::details::EventDetails;
use super::state::CalendarState;
use super::zones::{is_own_zone, zone_offset};
use crate::browser::local_time::{clock_text, long_date, offset_at};
use crate::browser::{perf, time};
use crate::calendar::agenda::offsets_by_day;
use crate::calendar::kind::{working_location_place, working_location_text};
use crate::calendar::row::{is_past, when_text, Row};
use crate::calendar::{
    day_label, group, local_date, now_line_index, AgendaItem, Date, Day, DayLabel,
};
use crate::i18n::{k, t, tf};

/// Rows built at once; a longer agenda gets the rest right after the browser has painted
/// these, so a month of meetings does not hold up the top of the list.
const FIRST_ROWS: usize = 150;

/// How often today's "now" line and past events are brought up to date.
const TICK: Duration = Duration::from_secs(15);

/// Today's rows as rendered, so the clock can grey them and move the "now" line.
struct TodayRows {
    list: Element,
    now_line: Element,
    rows: Vec<(Element, AgendaItem)>,
}

/// What the effect left on screen: details views opened in rows (dropping one removes it),
/// today's rows, and a counter that makes a second pass of an older render give up.
#[derive(Default)]
struct Rendered {
    generation: u32,
    opened: Vec<(Element, UnmountHandle<AnyViewState>)>,
    today: Option<TodayRows>,
    /// The local date the agenda was built for: a new day means a new agenda.
    built_on: Option<Date>,
}

#[component]
pub fn AgendaList(store: CalendarState) -> impl IntoView {
    // Rows are still being added (the second pass).
    let busy = RwSignal::new(false);
    // Days with something shown; `None` before anything was rendered.
    let shown_days = RwSignal::new(None::<usize>);
    let days_ref = NodeRef::<leptos::html::Div>::new();
    let rendered = StoredValue::new_local(Rendered::default());

    Effect::new(move |_| {
        let hidden = store.hidden_ids();
        store.loaded.track();
        if let Some(container) = days_ref.get() {
            render(store, &hidden, &container, rendered, busy, shown_days);
        }
    });
    let ticker = set_interval_with_handle(move || tick(store, rendered), TICK).ok();
    on_cleanup(move || {
        if let Some(ticker) = ticker {
            ticker.clear();
        }
        rendered.update_value(|r| r.opened.clear());
    });

    let notes = move || {
        store.loaded.with(|loaded| {
            let Some(loaded) = loaded else {
                let failed = store.list.with(|l| matches!(l, Some(Err(_))));
                return (!failed)
                    .then(|| view! { <p class="muted">{t(k::CAL_LOADING_CALENDARS)}</p> })
                    .into_any();
            };
            let failed: Vec<_> = loaded
                .failed
                .iter()
                .filter(|(id, _)| !store.is_hidden(id))
                .map(|(id, why)| failed_view(store, id.clone(), why.clone()))
                .collect();
            // "Nothing on your calendars" would be wrong when some could not be read.
            let empty = (shown_days.get() == Some(0) && failed.is_empty())
                .then(|| view! { <p class="empty">{loaded.window.range.empty_text()}</p> });
            view! { {failed} {empty} }.into_any()
        })
    };
    view! {
        <div
            class="agenda"
            aria-busy=move || if busy.get() { "true" } else { "false" }
            on:click=move |ev| toggle_details(store, rendered, &ev)
        >
            {notes}
            <div class="days" node_ref=days_ref></div>
        </div>
    }
}

/// Builds the agenda into `container`: whole days until about [`FIRST_ROWS`] rows at once,
/// the rest after the next paint.
fn render(
    store: CalendarState,
    hidden: &[String],
    container: &Element,
    rendered: StoredValue<Rendered, LocalStorage>,
    busy: RwSignal<bool>,
    shown_days: RwSignal<Option<usize>>,
) {
    let generation = rendered.with_value(|r| r.generation).wrapping_add(1);
    rendered.update_value(|r| {
        *r = Rendered {
            generation,
            ..Rendered::default()
        }
    });
    container.set_text_content(None);
    let now = time::now_ms();
    let today = local_date(now, &offset_at);
    let Some(mut days) = store.loaded.with_untracked(|loaded| {
        let loaded = loaded.as_ref()?;
        let visible: Vec<bool> = loaded
            .calendars
            .iter()
            .map(|c| !hidden.contains(&c.calendar_id))
            .collect();
        let mut days = group(
            &loaded.calendars,
            loaded.window.first_ms(),
            loaded.window.end_ms,
            &offsets_by_day(&offset_at),
        );
        let shown = |i: &AgendaItem| visible.get(i.calendar).copied().unwrap_or(false);
        days.retain_mut(|day| {
            day.items.retain(shown);
            day.labels.retain(shown);
            !day.is_empty()
        });
        Some(days)
    }) else {
        shown_days.set(None);
        return;
    };
    shown_days.set(Some(days.len()));
    rendered.update_value(|r| r.built_on = Some(today));
    let Some(builder) = Builder::new() else {
        return;
    };
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
    append_days(store, &builder, container, days, today, now, rendered);
    if later.is_empty() {
        mark_rendered(busy);
        return;
    }
    busy.set(true);
    let container = container.clone();
    request_animation_frame(move || {
        perf::mark("satchel-agenda-first");
        set_timeout(
            move || {
                if rendered.try_with_value(|r| r.generation) == Some(generation) {
                    append_days(store, &builder, &container, later, today, now, rendered);
                    mark_rendered(busy);
                }
            },
            Duration::ZERO,
        );
    });
}

fn append_days(
    store: CalendarState,
    builder: &Builder,
    container: &Element,
    days: Vec<Day>,
    today: Date,
    now: i64,
    rendered: StoredValue<Rendered, LocalStorage>,
) {
    // Row times ask the zone's offset of every start and end.
    let offset = offsets_by_day(&offset_at);
    // Events made in the user's own zone (most with a zone) need no second lookup.
    let zone_at = |zone: &str, ms: i64| {
        if is_own_zone(zone) {
            Some(offset(ms))
        } else {
            zone_offset(zone, ms)
        }
    };
    store.loaded.with_untracked(|loaded| {
        let Some(loaded) = loaded else { return };
        for day in days {
            let relative = match day_label(day.date, today) {
                DayLabel::Today => Some(t(k::CAL_TODAY)),
                DayLabel::Tomorrow => Some(t(k::CAL_TOMORROW)),
                DayLabel::Other(_) => None,
            };
            let Some(section) = builder.day(&day.date.to_string(), relative, &long_date(day.date))
            else {
                continue;
            };
            for label in &day.labels {
                if let Some(event) = label.event(&loaded.calendars) {
                    // Part of a day (the morning at home): say which part.
                    let text = if label.is_all_day() {
                        working_location_text(event)
                    } else {
                        let place = working_location_place(event);
                        let when = when_text(label, &offset, &clock_text);
                        tf(
                            k::CAL_WORKING_LOCATION_WHEN,
                            &[("place", &place), ("when", &when)],
                        )
                    };
                    builder.day_label(&section, &text);
                }
            }
            let is_today = day.date == today;
            let mut today_rows = Vec::new();
            for mut item in day.items {
                item.past = is_past(&item, now);
                let row = Row::of(&item, &loaded.calendars, &offset, &zone_at, &clock_text);
                let Some(li) = builder.row(&row) else {
                    continue;
                };
                let _ = section.list.append_child(&li);
                if is_today {
                    today_rows.push((li, item));
                }
            }
            if is_today {
                if let Some(now_line) = builder.now_line() {
                    let today = TodayRows {
                        list: section.list.clone(),
                        now_line,
                        rows: today_rows,
                    };
                    place_now_line(&today, now);
                    rendered.update_value(|r| r.today = Some(today));
                }
            }
            let _ = container.append_child(&section.section);
        }
    });
}

/// Every [`TICK`]: greys what has ended and moves the "now" line; on a new day, reloads
/// (yesterday's events go, "Today" and "Tomorrow" move on).
fn tick(store: CalendarState, rendered: StoredValue<Rendered, LocalStorage>) {
    let now = time::now_ms();
    let today = local_date(now, &offset_at);
    let Some(built_on) = rendered.try_with_value(|r| r.built_on).flatten() else {
        return;
    };
    if built_on != today {
        store.reload(false);
        return;
    }
    rendered.with_value(|r| {
        if let Some(today) = &r.today {
            for (li, item) in &today.rows {
                let _ = li
                    .class_list()
                    .toggle_with_force("past", is_past(item, now));
            }
            place_now_line(today, now);
        }
    });
}

fn place_now_line(today: &TodayRows, now: i64) {
    let items: Vec<AgendaItem> = today.rows.iter().map(|(_, item)| *item).collect();
    let before = today
        .rows
        .get(now_line_index(&items, now))
        .map(|(li, _)| li);
    if before.is_some_and(|li| today.now_line.next_element_sibling().as_ref() == Some(li)) {
        return; // already there
    }
    let _ = today
        .list
        .insert_before(&today.now_line, before.map(|li| li.as_ref()));
}

/// Every row is being built now: says so, and marks when it is in the DOM (next animation
/// frame) and laid out (a zero timeout later), for the benchmark.
fn mark_rendered(busy: RwSignal<bool>) {
    busy.try_set(false);
    request_animation_frame(|| perf::mark("satchel-agenda-dom"));
    set_timeout(|| perf::mark("satchel-agenda-rendered"), Duration::ZERO);
}

/// A click on a row's title opens its details under it, or closes them. The details are
/// built when opened, from the event as loaded now.
fn toggle_details(
    store: CalendarState,
    rendered: StoredValue<Rendered, LocalStorage>,
    ev: &MouseEvent,
) {
    let target = ev.target().and_then(|t| t.dyn_into::<Element>().ok());
    // A day heading's "New event on …".
    if let Some(add) = target
        .as_ref()
        .and_then(|t| t.closest("button.day-add").ok().flatten())
    {
        let day = add
            .get_attribute("data-date")
            .and_then(|d| crate::time::Date::parse(&d).ok());
        super::editor::open_new(store, day);
        return;
    }
    let Some(button) = target.and_then(|t| t.closest("li.event > button.title").ok().flatten())
    else {
        return;
    };
    let Some(li) = button.parent_element() else {
        return;
    };
    if button.get_attribute("aria-expanded").as_deref() == Some("true") {
        // Dropping the handle removes the details.
        rendered.update_value(|r| r.opened.retain(|(row, _)| row != &li));
        let _ = button.set_attribute("aria-expanded", "false");
        return;
    }
    // The row names its event; a multi-day event has one row a day, all the same event.
    let (calendar_id, event_id) = (
        li.get_attribute("data-calendar-id"),
        li.get_attribute("data-event-id"),
    );
    let event = store.loaded.with_untracked(|l| {
        let calendar = l
            .as_ref()?
            .calendars
            .iter()
            .find(|c| Some(&c.calendar_id) == calendar_id.as_ref())?;
        calendar
            .events
            .iter()
            .find(|e| e.id.is_some() && e.id == event_id)
            .cloned()
    });
    let (Some(event), Ok(parent)) = (event, li.clone().dyn_into::<web_sys::HtmlElement>()) else {
        return;
    };
    let calendar_id = calendar_id.unwrap_or_default();
    let handle = mount_to(parent, move || {
        view! { <EventDetails event calendar_id store/> }.into_any()
    });
    rendered.update_value(|r| r.opened.push((li, handle)));
    let _ = button.set_attribute("aria-expanded", "true");
}

/// A calendar whose events could not be fetched: said in place, with a retry.
fn failed_view(store: CalendarState, id: String, why: String) -> impl IntoView {
    let name = store
        .entry(&id)
        .map(|e| e.name().to_string())
        .unwrap_or_else(|| id.clone());
    let retry_id = id.clone();
    view! {
        <section class="cal-failed" data-calendar-id=id>
            <h2 dir="auto">{name}</h2>
            <p role="alert">{tf(k::CAL_CALENDAR_FAILED, &[("why", &why)])}</p>
            <button type="button" class="secondary" on:click=move |_| store.fetch_one(retry_id.clone())>{t(k::CAL_TRY_AGAIN)}</button>
        </section>
    }
}
