//! The Calendar view: range, refresh, quick add, the calendars panel and the agenda.

mod agenda_dom;
mod agenda_list;
mod details;
mod editor;
mod event_actions;
mod fetch;
pub mod offline;
pub mod page;
mod picker;
mod quick_add;
mod search;
mod state;
mod window;
mod zones;

use leptos::prelude::*;

use crate::browser::time;
use crate::i18n::{k, t, tf};
use crate::ui::auth::use_auth;
use crate::ui::config::use_app_config;
use agenda_list::AgendaList;
use editor::EventEditor;
use picker::CalendarPicker;
use quick_add::QuickAdd;
use search::EventSearch;
use state::{CalendarState, Range};

/// Back after this long in another tab, the agenda is fetched again.
const STALE_AFTER_MS: i64 = 5 * 60 * 1000;

#[component]
pub fn Agenda() -> impl IntoView {
    let root = use_app_config()
        .config
        .with_value(|c| c.calendar_root.clone());
    let store = CalendarState::new(use_auth(), root);
    store.reload(true);
    refresh_when_visible_again(store);
    let status = move || match (store.pending.get() > 0, store.loaded.with(Option::is_some)) {
        (true, true) => t(k::CAL_REFRESHING),
        (true, false) => t(k::CAL_LOADING),
        (false, _) => "",
    };
    view! {
        <div class="cal-bar">
            <RangePicker store/>
            <button type="button" class="secondary" on:click=move |_| store.reload(true)>{t(k::CAL_REFRESH)}</button>
            <button type="button" id="new-event" on:click=move |_| editor::open_new(store, None)>{t(k::CAL_NEW_EVENT)}</button>
            <p class="cal-status" role="status">{status}</p>
            <p class="cal-status" role="status" data-testid="offline-status">
                {move || store.offline_since.get().map(offline::status_text)}
            </p>
        </div>
        <p id="event-done" class="added" role="status" tabindex="-1">{move || store.editor.done.get()}</p>
        {move || store.editor.is_open().then(|| view! { <EventEditor store/> })}
        <QuickAdd store/>
        <EventSearch store/>
        {move || store.list.with(|l| match l {
            Some(Err(why)) => Some(view! {
                <div class="cal-error" role="alert">
                    <p>{tf(k::CAL_LIST_FAILED, &[("why", why)])}</p>
                    <button type="button" on:click=move |_| store.reload(true)>{t(k::CAL_TRY_AGAIN)}</button>
                </div>
            }),
            _ => None,
        })}
        <div class="cal-body">
            <CalendarPicker store/>
            <AgendaList store/>
        </div>
    }
}

/// Today, 7 days, 30 days: toggle buttons (`aria-pressed`), so Tab and Enter/Space work.
#[component]
fn RangePicker(store: CalendarState) -> impl IntoView {
    let buttons = Range::ALL
        .into_iter()
        .map(|range| {
            view! {
                <button
                    type="button"
                    class="secondary"
                    data-range=range.days()
                    aria-pressed=move || if store.range.get() == range { "true" } else { "false" }
                    on:click=move |_| store.set_range(range)
                >
                    {range.label()}
                </button>
            }
        })
        .collect_view();
    view! { <div class="range" role="group" aria-label=t(k::CAL_RANGE_GROUP)>{buttons}</div> }
}

/// Refetches when the tab is shown again after five minutes or more out of sight.
fn refresh_when_visible_again(store: CalendarState) {
    let hidden_since = StoredValue::new(None::<i64>);
    let handle = window_event_listener_untyped("visibilitychange", move |_| {
        if document().hidden() {
            hidden_since.set_value(Some(time::now_ms()));
        } else if let Some(since) = hidden_since.try_update_value(Option::take).flatten() {
            if time::now_ms() - since >= STALE_AFTER_MS {
                store.reload(true);
            }
        }
    });
    on_cleanup(move || handle.remove());
}
