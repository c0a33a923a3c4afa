//! The calendars panel: each calendar with its colour and a checkbox to show or hide it.

use leptos::prelude::*;

use super::state::CalendarState;
use crate::i18n::{k, t};

#[component]
pub fn CalendarPicker(store: CalendarState) -> impl IntoView {
    move || {
        store.list.with(|list| {
            let entries = list.as_ref()?.as_ref().ok().filter(|e| !e.is_empty())?;
            let rows = entries
                .iter()
                .filter_map(|entry| {
                    let id = entry.id.clone()?;
                    let color = entry.background_color.clone().unwrap_or_default();
                    let name = entry.name().to_string();
                    let toggle_id = id.clone();
                    let checked_id = id.clone();
                    Some(view! {
                        <label class="calendar">
                            <input
                                type="checkbox"
                                data-calendar-id=id
                                prop:checked=move || !store.is_hidden(&checked_id)
                                on:change=move |ev| store.set_shown(toggle_id.clone(), event_target_checked(&ev))
                            />
                            <span class="swatch" aria-hidden="true" style:background-color=color></span>
                            <span dir="auto">{name}</span>
                        </label>
                    })
                })
                .collect_view();
            Some(view! {
                <fieldset class="calendars">
                    <legend>{t(k::CAL_CALENDARS)}</legend>
                    {rows}
                </fieldset>
            })
        })
    }
}
