//! What the form's buttons do: open it (new, from a day, or on an event), check it, ask
//! what Google Calendar asks (which events of a series, whether to email guests), save,
//! and reload an event that changed elsewhere.

use leptos::prelude::*;
use serde_json::Value;

use super::save::{get_event, insert, patch, refresh, series_patch, split_series, WriteError};
use super::state::{Ask, Scope, Target, LAST_CALENDAR_KEY};
use crate::auth::scopes::Feature;
use crate::browser::local_time::offset_at;
use crate::browser::{random, storage, time};
use crate::calendar::edit::{
    event_id, form_from_event, insert_body, new_form, patch_body, Checked, Field,
};
use crate::calendar::writes::SendUpdates;
use crate::i18n::{k, t, tf};
use crate::time::Date;
use crate::ui::calendar::state::CalendarState;
use crate::ui::calendar::zones::{own_zone_name, zone_offset};

fn offset(zone: &str, utc_ms: i64) -> Option<i32> {
    zone_offset(zone, utc_ms)
}

fn own_zone() -> String {
    own_zone_name().unwrap_or_else(|| "UTC".into())
}

/// Calendars the user may write to: `owner` or `writer`.
pub fn is_writable(store: CalendarState, id: &str) -> bool {
    store.entry(id).is_some_and(|e| e.can_write())
}

/// (id, name) of the calendars the user may write to, in list order.
pub fn writable_calendars(store: CalendarState) -> Vec<(String, String)> {
    store
        .list
        .with(|l| {
            l.as_ref().and_then(|l| l.as_ref().ok()).map(|entries| {
                entries
                    .iter()
                    .filter(|e| e.can_write())
                    .filter_map(|e| Some((e.id.clone()?, e.name().to_string())))
                    .collect()
            })
        })
        .unwrap_or_default()
}

/// Where new events go: the last calendar used, if still writable, else the primary.
pub fn default_calendar(store: CalendarState) -> String {
    storage::get(storage::Area::Local, LAST_CALENDAR_KEY)
        .filter(|id| untrack(|| is_writable(store, id)))
        .unwrap_or_else(|| store.primary_id())
}

fn new_id() -> String {
    event_id(&random::bytes::<16>().unwrap_or_default())
}

/// New event (`day`: from a day heading, at 09:00 that day).
pub fn open_new(store: CalendarState, day: Option<Date>) {
    let now = time::now_ms();
    let form = new_form(
        now,
        &own_zone(),
        offset_at(now),
        &default_calendar(store),
        day,
    );
    store.editor.open(Target::New { id: new_id() }, form);
    focus("event-title");
}

/// Edit: the event fetched fresh (its etag, attendees and series), then the form.
pub fn open_existing(store: CalendarState, calendar_id: String, id: String) {
    let (auth, root, editor) = (store.auth, store.root(), store.editor);
    editor.done.set(Some(t(k::CAL_OPENING).into()));
    leptos::task::spawn_local(async move {
        match get_event(auth, &root, &calendar_id, &id).await {
            Ok(event) => {
                let form = form_from_event(&event, &calendar_id, &own_zone(), &offset);
                editor.open(Target::Existing { calendar_id, event }, form);
                focus("event-title");
            }
            Err(e) => editor
                .done
                .set(Some(tf(k::CAL_OPEN_FAILED, &[("why", &e.to_string())]))),
        }
    });
}

/// The event changed elsewhere: the form now shows Google's version.
pub fn reload(store: CalendarState) {
    let editor = store.editor;
    let Some(Target::Existing { calendar_id, event }) = editor.target.get_untracked() else {
        return;
    };
    let id = event
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    open_existing(store, calendar_id, id);
}

/// Save: asks for the permission to write first (from this click: a popup must open
/// synchronously), checks every field, asks what still needs asking, then saves.
pub fn save(store: CalendarState) {
    let editor = store.editor;
    if editor.busy.get_untracked() {
        return;
    }
    if !store.auth.allows(Feature::AddEvent) {
        editor.waiting_for_grant.set(true);
        store.auth.sign_in(&[Feature::AddEvent]);
        return;
    }
    let Some(target) = editor.target.get_untracked() else {
        return;
    };
    let form = editor.form.get_untracked();
    let editing = matches!(target, Target::Existing { .. });
    let writable = |id: &str| is_writable(store, id);
    let checked = match form.check(&offset, &writable) {
        Ok(checked) => checked,
        Err(errors) => {
            if let Some(first) = errors.first() {
                focus(first.field.input_id());
            }
            editor.guests_error.set(
                errors
                    .iter()
                    .find(|e| e.field == Field::Guests)
                    .map(|e| e.message.clone()),
            );
            editor.errors.set(errors);
            return;
        }
    };
    editor.errors.set(Vec::new());
    editor.guests_error.set(None);
    if target.series_id().is_some() && editor.scope.get_value().is_none() {
        editor.ask.set(Some(Ask::Scope));
        focus("event-ask");
        return;
    }
    if !checked.guests.is_empty() && editor.send.get_value().is_none() {
        editor.ask.set(Some(Ask::SendInvitations));
        focus("event-ask");
        return;
    }
    editor.ask.set(None);
    editor.problem.set(None);
    editor.busy.set(true);
    let scope = editor.scope.get_value();
    let send = if editor.send.get_value() == Some(true) {
        SendUpdates::All
    } else {
        SendUpdates::None
    };
    leptos::task::spawn_local(async move {
        let result = write(store, &target, &checked, scope, send).await;
        editor.busy.set(false);
        editor.scope.set_value(None);
        editor.send.set_value(None);
        match result {
            Ok(calendar) => {
                if !editing {
                    storage::set(storage::Area::Local, LAST_CALENDAR_KEY, &calendar);
                }
                let title = if checked.title.is_empty() {
                    t(k::CAL_NO_TITLE)
                } else {
                    &checked.title
                };
                editor.close();
                editor.done.set(Some(tf(k::CAL_SAVED, &[("title", title)])));
                refresh(store, calendar);
                focus("event-done");
            }
            Err(e) => {
                editor.conflict.set(e == WriteError::Conflict);
                editor.problem.set(Some(e.to_string()));
                focus("event-problem");
            }
        }
    });
}

/// The write itself; the calendar it went to.
async fn write(
    store: CalendarState,
    target: &Target,
    after: &Checked,
    scope: Option<Scope>,
    send: SendUpdates,
) -> Result<String, WriteError> {
    let (auth, root) = (store.auth, store.root());
    let (calendar, event) = match target {
        Target::New { id } => {
            insert(
                auth,
                &root,
                &after.calendar_id,
                insert_body(after, id),
                send,
            )
            .await
            .map_err(WriteError::Failed)?;
            return Ok(after.calendar_id.clone());
        }
        Target::Existing { calendar_id, event } => (calendar_id.clone(), event),
    };
    if scope == Some(Scope::Following) {
        split_series(auth, &root, &calendar, event, after, &new_id(), send).await?;
        return Ok(calendar);
    }
    let id = event.get("id").and_then(Value::as_str).unwrap_or("");
    let before = form_from_event(event, &calendar, &own_zone(), &offset)
        .check(&offset, &|_| true)
        .ok();
    let known: Vec<Value> = event
        .get("attendees")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let meet_request = format!("{id}-meet");
    let change = match &before {
        Some(before) => patch_body(before, after, &known, &meet_request),
        // Google's copy could not be read back into the form: write every field.
        None => {
            let mut all = insert_body(after, id);
            if let Some(o) = all.as_object_mut() {
                o.remove("id");
            }
            Some(all)
        }
    };
    let Some(change) = change else {
        return Ok(calendar); // nothing changed
    };
    match (scope, target.series_id(), &before) {
        (Some(Scope::All), Some(series), Some(before)) => {
            let master = get_event(auth, &root, &calendar, series)
                .await
                .map_err(WriteError::Failed)?;
            let change = series_patch(&master, change, before, after);
            let etag = master.get("etag").and_then(Value::as_str);
            patch(auth, &root, &calendar, series, etag, &change, send).await?;
        }
        _ => {
            let etag = event.get("etag").and_then(Value::as_str);
            patch(auth, &root, &calendar, id, etag, &change, send).await?;
        }
    }
    Ok(calendar)
}

/// Moves focus to `id` once the view has drawn it.
pub fn focus(id: &'static str) {
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(id) {
            if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                let _ = el.focus();
            }
        }
    });
}
