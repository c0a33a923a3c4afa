//! Saving, deleting and answering events, each applied exactly once:
//! - a new event carries an id Satchel chose when the form opened, so a retry after a
//!   lost answer gets 409 ("already there") and the event is fetched, not made twice;
//! - an edit is a patch of only what changed, sent with `If-Match`: a 412 means the event
//!   changed elsewhere, unless the changed event already has exactly our change (our own
//!   first attempt went through and its answer was lost);
//! - deleting what is already gone (404, 410) is what was wanted.

use leptos::prelude::*;
use serde_json::{json, Value};

use crate::api::Method;
use crate::auth::scopes::Feature;
use crate::calendar::edit::{end_series_before, series_from_here, Checked, Moment};
use crate::calendar::writes::{
    delete_url, event_url, events_url, patch_applied, write_url, SendUpdates,
};
use crate::calendar::CalendarEvents;
use crate::i18n::{k, t, tf};
use crate::time::{format_rfc3339, parse_rfc3339, Date};
use crate::ui::auth::Auth;
use crate::ui::calendar::fetch::fetch_events;
use crate::ui::calendar::state::CalendarState;
use crate::ui::calendar::zones::zone_offset;
use crate::ui::google::{fetch_json, request, ApiError, Call};

/// Why a write did not happen.
#[derive(Clone, Debug, PartialEq)]
pub enum WriteError {
    /// Changed elsewhere since it was opened (412 and not our own change).
    Conflict,
    Failed(ApiError),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Conflict => f.write_str(t(k::CAL_ERROR_CONFLICT)),
            WriteError::Failed(e) => {
                f.write_str(&tf(k::CAL_ERROR_WRITE_FAILED, &[("why", &e.to_string())]))
            }
        }
    }
}

/// `events.get`: the whole event, etag included.
pub async fn get_event(
    auth: Auth,
    root: &str,
    calendar: &str,
    id: &str,
) -> Result<Value, ApiError> {
    fetch_json(
        auth,
        Feature::Agenda,
        Call::get(event_url(root, calendar, id)),
    )
    .await
}

/// `events.insert` of `body` (which carries its own `id`), exactly once.
pub async fn insert(
    auth: Auth,
    root: &str,
    calendar: &str,
    body: Value,
    send: SendUpdates,
) -> Result<Value, ApiError> {
    let id = body
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let call = Call::post_json(
        write_url(events_url(root, calendar), send),
        body.to_string(),
    );
    for attempt in 0..2 {
        match fetch_json::<Value>(auth, Feature::AddEvent, call.clone()).await {
            Ok(event) => return Ok(event),
            // Our own earlier attempt made it: fetch it rather than make another.
            Err(e) if e.status() == Some(409) => return get_event(auth, root, calendar, &id).await,
            Err(e) if e.is_ambiguous() && attempt == 0 => continue,
            Err(e) => return Err(e),
        }
    }
    Err(ApiError::Google {
        status: 0,
        message: t(k::CAL_ERROR_NO_ANSWER).into(),
    })
}

/// `events.patch` of `body`, applied only to the version `etag` names.
pub async fn patch(
    auth: Auth,
    root: &str,
    calendar: &str,
    id: &str,
    etag: Option<&str>,
    body: &Value,
    send: SendUpdates,
) -> Result<Value, WriteError> {
    let mut call = Call::new(
        Method::Patch,
        write_url(event_url(root, calendar, id), send),
        Some(body.to_string()),
    );
    if let Some(etag) = etag {
        call = call.if_match(etag.to_string());
    }
    for attempt in 0..2 {
        match fetch_json::<Value>(auth, Feature::AddEvent, call.clone()).await {
            Ok(event) => return Ok(event),
            Err(e) if e.status() == Some(412) => {
                let fresh = get_event(auth, root, calendar, id)
                    .await
                    .map_err(WriteError::Failed)?;
                return if patch_applied(&fresh, body) {
                    Ok(fresh)
                } else {
                    Err(WriteError::Conflict)
                };
            }
            Err(e) if e.is_ambiguous() && attempt == 0 => continue,
            Err(e) => return Err(WriteError::Failed(e)),
        }
    }
    Err(WriteError::Failed(ApiError::Google {
        status: 0,
        message: t(k::CAL_ERROR_NO_ANSWER).into(),
    }))
}

/// `events.delete`; already gone counts as done.
pub async fn delete(
    auth: Auth,
    root: &str,
    calendar: &str,
    id: &str,
    send: SendUpdates,
) -> Result<(), ApiError> {
    let url = delete_url(event_url(root, calendar, id), send);
    match request(
        auth,
        Feature::AddEvent,
        Call::new(Method::Delete, url, None),
    )
    .await
    {
        Ok(_) => Ok(()),
        Err(e) if matches!(e.status(), Some(404 | 410)) => Ok(()),
        Err(e) => Err(e),
    }
}

/// Where an instance of a series started before any change: its `originalStartTime`.
pub fn original_start(event: &Value) -> Option<Moment> {
    let time = event
        .get("originalStartTime")
        .or_else(|| event.get("start"))?;
    if let Some(date) = time.get("date").and_then(Value::as_str) {
        return Date::parse(date).ok().map(Moment::Date);
    }
    let text = time.get("dateTime").and_then(Value::as_str)?;
    crate::time::parse_rfc3339_with_offset(text)
        .ok()
        .map(|t| Moment::Instant(t.utc_ms, t.offset_minutes))
}

/// The series an instance belongs to, as "This and following" needs it.
pub struct Series {
    id: String,
    master: Value,
    rules: Vec<String>,
    /// Where the chosen instance started before any change.
    from: Moment,
}

impl Series {
    /// The series of `instance` (an instance as Google sent it), fetched fresh.
    pub async fn of(
        auth: Auth,
        root: &str,
        calendar: &str,
        instance: &Value,
    ) -> Result<Series, WriteError> {
        let unreadable = || {
            WriteError::Failed(ApiError::Google {
                status: 0,
                message: t(k::CAL_ERROR_UNREADABLE_EVENT).into(),
            })
        };
        let id = instance
            .get("recurringEventId")
            .and_then(Value::as_str)
            .ok_or_else(unreadable)?
            .to_string();
        let from = original_start(instance).ok_or_else(unreadable)?;
        let master = get_event(auth, root, calendar, &id)
            .await
            .map_err(WriteError::Failed)?;
        let rules = master
            .get("recurrence")
            .and_then(Value::as_array)
            .map(|r| {
                r.iter()
                    .filter_map(|l| l.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        Ok(Series {
            id,
            master,
            rules,
            from,
        })
    }

    /// Ends the series just before the chosen instance (its RRULE's `UNTIL`).
    pub async fn end(
        &self,
        auth: Auth,
        root: &str,
        calendar: &str,
        send: SendUpdates,
    ) -> Result<(), WriteError> {
        let ended = json!({ "recurrence": end_series_before(&self.rules, &self.from) });
        let etag = self.master.get("etag").and_then(Value::as_str);
        patch(auth, root, calendar, &self.id, etag, &ended, send).await?;
        Ok(())
    }
}

/// "This and following": a new series from the chosen instance with the form's content,
/// then the old series ended before it. In that order: should the second step fail, the
/// events show twice (and say so), never vanish.
pub async fn split_series(
    auth: Auth,
    root: &str,
    calendar: &str,
    instance: &Value,
    after: &Checked,
    new_id: &str,
    send: SendUpdates,
) -> Result<Value, WriteError> {
    let series = Series::of(auth, root, calendar, instance).await?;
    let mut body = crate::calendar::edit::insert_body(after, new_id);
    body["recurrence"] = json!(series_from_here(&series.rules));
    let created = insert(auth, root, calendar, body, send)
        .await
        .map_err(WriteError::Failed)?;
    series.end(auth, root, calendar, send).await?;
    Ok(created)
}

/// "All events": the form's change applied to the series. Moved times move every
/// instance by the same amount (the series keeps its own first day).
pub fn series_patch(master: &Value, mut change: Value, before: &Checked, after: &Checked) -> Value {
    for (key, old, new) in [
        ("start", &before.start, &after.start),
        ("end", &before.end, &after.end),
    ] {
        if change.get(key).is_none() {
            continue;
        }
        if let Some(shifted) = shift(master.get(key), old, new, &after.time_zone) {
            change[key] = shifted;
        }
    }
    change
}

fn shift(time: Option<&Value>, old: &Moment, new: &Moment, zone: &str) -> Option<Value> {
    let time = time?;
    match (old, new) {
        (Moment::Instant(a, _), Moment::Instant(b, _)) => {
            let at = parse_rfc3339(time.get("dateTime")?.as_str()?).ok()? + (b - a);
            let offset = zone_offset(zone, at).unwrap_or(0);
            Some(json!({ "dateTime": format_rfc3339(at, offset), "timeZone": zone }))
        }
        (Moment::Date(a), Moment::Date(b)) => {
            let date = Date::parse(time.get("date")?.as_str()?).ok()?;
            Some(json!({ "date": date.add_days(a.days_until(*b)).to_string() }))
        }
        // Between all-day and timed: the instance's own times, as the form says.
        _ => None,
    }
}

/// Fetches `calendar` again into the agenda on screen, replacing its events in place.
pub fn refresh(store: CalendarState, calendar: String) {
    let Some(window) = store
        .loaded
        .with_untracked(|l| l.as_ref().map(|l| l.window))
    else {
        return;
    };
    let color = store.entry(&calendar).and_then(|e| e.background_color);
    let (auth, root) = (store.auth, store.root());
    leptos::task::spawn_local(async move {
        let empty = CalendarEvents::new(calendar.clone(), color);
        if let Ok(fresh) = fetch_events(auth, root, empty, window).await {
            store.loaded.update(|l| {
                if let Some(l) = l.as_mut().filter(|l| l.window == window) {
                    match l.calendars.iter_mut().find(|c| c.calendar_id == calendar) {
                        Some(old) => old.events = fresh.events,
                        None => l.calendars.push(fresh),
                    }
                }
            });
        }
    });
}
