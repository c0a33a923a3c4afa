//! `events.insert`, `events.quickAdd`, `events.patch`, `events.update` and
//! `events.delete`, as Google does them: read-only calendars refuse with 403, a taken id
//! is 409, `If-Match` guards against lost updates (412), deletes keep the event as
//! `cancelled` (a second delete is 410), guests may only answer, and an instance id
//! writes an exception of its series.

use chrono::{Duration, Utc};
use serde_json::{json, Value};

use super::exceptions::{cancel_stale, cancelled_instance, virtual_instance};
use super::notify::{Outbox, Send};
use super::rules::{check_etag, guest_may_write, is_organizer, stamp_write, times_changed};
use super::shape::{attendees, client_fields, conference, merge, normalize_times, validate};
use crate::calendar::quickadd;
use crate::calendar::store::{finish_event, new_event_id, render_event, valid_event_id, Calendar};
use crate::calendar::time::{event_time_json, When};
use crate::calendar::{calendar_index, gone, not_found, writable};
use crate::errors::ApiError;
use crate::handler::{Ctx, Reply};
use crate::state::Data;
use crate::ACCOUNTS;

/// What every write reads from the request before taking the data lock.
struct Call {
    method: String,
    calendar_id: String,
    event_id: String,
    version: i64,
    send: Send,
    if_match: Option<String>,
}

impl Call {
    fn of(ctx: &Ctx<'_>) -> Call {
        Call {
            method: ctx.method.id.clone(),
            calendar_id: ctx.param("calendarId").to_string(),
            event_id: ctx.param("eventId").to_string(),
            version: ctx.q_int("conferenceDataVersion").unwrap_or(0),
            send: Send::of(ctx),
            if_match: ctx.header("if-match").map(String::from),
        }
    }
}

/// Where this write's notifications go, under the caller's `sendUpdates`.
fn outbox<'a>(
    call: &'a Call,
    account: usize,
    cal: &'a str,
    list: &'a mut Vec<Value>,
) -> Outbox<'a> {
    Outbox {
        send: call.send,
        method: &call.method,
        account: ACCOUNTS[account].email,
        calendar_id: cal,
        list,
    }
}

/// Stores a new event in the calendar and returns it as the API shows it.
fn create(ctx: &Ctx<'_>, body: &Value) -> Result<Value, ApiError> {
    let call = Call::of(ctx);
    let account = ACCOUNTS[ctx.account];
    let mut guard = ctx.data();
    let Data {
        cal: sets,
        rng,
        notifications,
        ..
    } = &mut *guard;
    let set = &mut sets[ctx.account];
    let index = calendar_index(set, &call.calendar_id)?;
    let cal = &mut set.calendars[index];
    writable(cal)?;
    let mut ev = client_fields(body, &["id", "iCalUID"]);
    let id = match ev["id"].as_str() {
        Some(id) if !valid_event_id(id) => {
            return Err(ApiError::bad_request("Invalid resource id value."))
        }
        // Deleted events keep their ids: Google never hands one out twice.
        Some(id) if cal.event(id).is_some() => {
            return Err(ApiError::new(
                409,
                "ALREADY_EXISTS",
                "duplicate",
                "The requested identifier already exists.",
            ))
        }
        Some(id) => id.to_string(),
        None => new_event_id(rng),
    };
    ev["id"] = json!(id);
    conference(&mut ev, body, call.version, None, rng)?;
    // The organizer of a new event is the calendar it is made on (the user, on primary).
    attendees(&mut ev, &cal.id, &cal.id)?;
    validate(&ev)?;
    normalize_times(&mut ev, cal.tz());
    finish_event(
        &mut ev,
        cal,
        account.email,
        account.name,
        &id,
        Utc::now(),
        rng,
    );
    cal.etag += 1;
    cal.events.push(ev.clone());
    outbox(&call, ctx.account, &cal.id, notifications).write(None, &ev, true);
    Ok(render_event(&ev, cal.tz()))
}

pub fn insert(ctx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let body = ctx.json_body()?;
    Ok(Reply::Json(create(ctx, &body)?))
}

/// Where a write lands: a stored event, or an occurrence of a series not stored yet.
enum Slot {
    Stored(usize),
    Occurrence(Value),
}

fn locate(cal: &Calendar, id: &str) -> Result<(Slot, Value), ApiError> {
    if let Some(i) = cal.events.iter().position(|e| e["id"] == id) {
        return Ok((Slot::Stored(i), cal.events[i].clone()));
    }
    let ev = virtual_instance(cal, id)?.ok_or_else(not_found)?;
    Ok((Slot::Occurrence(ev.clone()), ev))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Patch,
    Update,
}

/// `events.update`'s body replaces the event, except what only the server sets.
fn replaced(old: &Value, body: &Value) -> Value {
    let mut ev = client_fields(body, &[]);
    for key in [
        "kind",
        "id",
        "htmlLink",
        "created",
        "creator",
        "organizer",
        "iCalUID",
        "recurringEventId",
        "originalStartTime",
        "hangoutLink",
        "eventType",
    ] {
        if !old[key].is_null() {
            ev[key] = old[key].clone();
        }
    }
    if let Some(map) = ev.as_object_mut() {
        map.entry("status").or_insert(json!("confirmed"));
        map.entry("reminders")
            .or_insert(json!({ "useDefault": true }));
    }
    ev
}

/// What a write to one event works on, once its calendar is known to be writable and
/// `If-Match` holds: the calendar, the event as stored (or the occurrence it names) and
/// the sandbox's random source and notification log.
type Opened<'d> = (
    &'d mut Calendar,
    &'d mut crate::util::Rng,
    &'d mut Vec<Value>,
    Slot,
    Value,
);

fn open<'d>(data: &'d mut Data, account: usize, call: &Call) -> Result<Opened<'d>, ApiError> {
    let Data {
        cal: sets,
        rng,
        notifications,
        ..
    } = data;
    let set = &mut sets[account];
    let index = calendar_index(set, &call.calendar_id)?;
    let cal = &mut set.calendars[index];
    writable(cal)?;
    let (slot, old) = locate(cal, &call.event_id)?;
    check_etag(&old, call.if_match.as_deref())?;
    Ok((cal, rng, notifications, slot, old))
}

fn write(ctx: &mut Ctx<'_>, mode: Mode) -> Result<Reply, ApiError> {
    let body = ctx.json_body()?;
    let call = Call::of(ctx);
    let mut guard = ctx.data();
    let (cal, rng, notifications, slot, old) = open(&mut guard, ctx.account, &call)?;
    let mut new = match mode {
        Mode::Patch => {
            let mut ev = old.clone();
            merge(&mut ev, &client_fields(&body, &[]));
            ev
        }
        Mode::Update => replaced(&old, &body),
    };
    conference(&mut new, &body, call.version, Some(&old), rng)?;
    let organizer = is_organizer(&old);
    let organizer_email = old["organizer"]["email"].as_str().unwrap_or_default();
    attendees(&mut new, &cal.id, organizer_email)?;
    guest_may_write(&old, &new, &cal.id)?;
    validate(&new)?;
    normalize_times(&mut new, cal.tz());
    let now = Utc::now();
    stamp_write(&old, &mut new, now, rng);
    match slot {
        Slot::Stored(i) => cal.events[i] = new.clone(),
        Slot::Occurrence(_) => cal.events.push(new.clone()),
    }
    let series = new["recurrence"].is_array() || old["recurrence"].is_array();
    if series && (times_changed(&old, &new) || new["status"] == "cancelled") {
        cancel_stale(cal, &call.event_id, now, rng);
    }
    cal.etag += 1;
    outbox(&call, ctx.account, &cal.id, notifications).write(Some(&old), &new, organizer);
    Ok(Reply::Json(cal.as_seen(render_event(&new, cal.tz()))))
}

pub fn patch(ctx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    write(ctx, Mode::Patch)
}

pub fn update(ctx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    write(ctx, Mode::Update)
}

/// Deleting keeps the event as `cancelled` (listed with `showDeleted`); a series takes its
/// exceptions with it, an occurrence becomes a cancelled exception.
pub fn delete(ctx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let call = Call::of(ctx);
    let mut guard = ctx.data();
    let (cal, rng, notifications, slot, old) = open(&mut guard, ctx.account, &call)?;
    if old["status"] == "cancelled" {
        return Err(gone());
    }
    let now = Utc::now();
    match slot {
        Slot::Stored(i) => {
            let mut ev = old.clone();
            ev["status"] = json!("cancelled");
            stamp_write(&old, &mut ev, now, rng);
            cal.events[i] = ev;
            if old["recurrence"].is_array() {
                cancel_stale(cal, &call.event_id, now, rng);
            }
        }
        Slot::Occurrence(ev) => cal.events.push(cancelled_instance(&ev, now, rng)),
    }
    cal.etag += 1;
    outbox(&call, ctx.account, &cal.id, notifications).delete(&old, is_organizer(&old));
    Ok(Reply::Empty)
}

pub fn quick_add(ctx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let text = ctx.q("text").unwrap_or_default().trim().to_string();
    let tz = {
        let data = ctx.data();
        let set = &data.cal[ctx.account];
        let cal = &set.calendars[calendar_index(set, ctx.param("calendarId"))?];
        writable(cal)?;
        cal.tz()
    };
    if text.is_empty() {
        return Err(ApiError::required("Required parameter: text"));
    }
    let parsed = quickadd::parse(&text, Utc::now().with_timezone(&tz));
    let (start, end) = match parsed.when {
        quickadd::QuickWhen::Day(d) => (When::Date(d), When::Date(d.succ_opt().unwrap_or(d))),
        // Google's default length for a quick-added event: one hour.
        quickadd::QuickWhen::At(t) => (
            When::Time(t),
            When::Time(t.checked_add_signed(Duration::hours(1)).unwrap_or(t)),
        ),
    };
    let mut ev = json!({
        "start": event_time_json(start, tz, None),
        "end": event_time_json(end, tz, None),
    });
    if !parsed.summary.is_empty() {
        ev["summary"] = json!(parsed.summary);
    }
    Ok(Reply::Json(create(ctx, &ev)?))
}
