//! Writes on one instance of a recurring event: the instance id `{masterId}_{start}`
//! names an occurrence; writing it stores an exception (`recurringEventId`,
//! `originalStartTime`) that lists show in the occurrence's place. When the series itself
//! changes, exceptions whose occurrence no longer exists are cancelled, as Google drops
//! them (so a "this and following" split leaves no strays past the new end).

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use serde_json::{json, Value};

use super::shape::normalize_times;
use crate::calendar::gone;
use crate::calendar::recurrence::instance_suffix;
use crate::calendar::store::{instance, new_etag, series, span, Calendar};
use crate::calendar::time::{parse_event_time, stamp, When};
use crate::errors::ApiError;
use crate::util::{b64url, Rng};

/// The instant an instance id's suffix names (`20240501T090000Z` or `20240501`).
fn suffix_instant(suffix: &str) -> Option<DateTime<Utc>> {
    if let Some(t) = suffix.strip_suffix('Z') {
        return NaiveDateTime::parse_from_str(t, "%Y%m%dT%H%M%S")
            .ok()
            .map(|t| t.and_utc());
    }
    NaiveDate::parse_from_str(suffix, "%Y%m%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc())
}

/// The occurrence an instance id names, as a not yet stored exception; `None` when the
/// id names none (so: 404). A deleted series has no instances left to write: 410.
pub fn virtual_instance(cal: &Calendar, id: &str) -> Result<Option<Value>, ApiError> {
    let Some((master_id, suffix)) = id.rsplit_once('_') else {
        return Ok(None);
    };
    let Some(master) = cal.event(master_id).filter(|m| m["recurrence"].is_array()) else {
        return Ok(None);
    };
    if master["status"] == "cancelled" {
        return Err(gone());
    }
    let (Some(at), Some((start, end))) = (suffix_instant(suffix), span(master)) else {
        return Ok(None);
    };
    let tz = cal.tz();
    // Two days past the named instant covers all-day occurrences in any zone.
    let Some(occurrence) = series(master, tz, at + Duration::days(2))
        .into_iter()
        .find(|w| instance_suffix(*w) == suffix)
    else {
        return Ok(None);
    };
    let duration = match (start, end) {
        (When::Date(a), When::Date(b)) => Duration::days((b - a).num_days()),
        _ => end.instant(tz) - start.instant(tz),
    };
    let mut ev = instance(master, occurrence, duration, tz);
    normalize_times(&mut ev, tz);
    ev["htmlLink"] = json!(format!(
        "https://www.google.com/calendar/event?eid={}",
        b64url(format!("{id} {}", cal.id).as_bytes())
    ));
    Ok(Some(ev))
}

/// A deleted occurrence: what Google keeps of it.
pub fn cancelled_instance(ev: &Value, now: DateTime<Utc>, rng: &mut Rng) -> Value {
    json!({
        "kind": "calendar#event",
        "etag": new_etag(rng),
        "id": ev["id"],
        "status": "cancelled",
        "recurringEventId": ev["recurringEventId"],
        "originalStartTime": ev["originalStartTime"],
        "updated": stamp(now),
    })
}

/// After a series changed (times, recurrence, or deleted): its exceptions whose original
/// start is no longer an occurrence, or all of them for a deleted series, are cancelled.
pub fn cancel_stale(cal: &mut Calendar, master_id: &str, now: DateTime<Utc>, rng: &mut Rng) {
    let Some(master) = cal.event(master_id).cloned() else {
        return;
    };
    let tz = cal.tz();
    let original = |x: &Value| {
        parse_event_time(&x["originalStartTime"])
            .ok()
            .map(|w| w.0.instant(tz))
    };
    let exceptions = |e: &&Value| e["recurringEventId"] == master_id && e["status"] != "cancelled";
    let last = cal
        .events
        .iter()
        .filter(exceptions)
        .filter_map(original)
        .max();
    let Some(last) = last else {
        return;
    };
    let alive: Vec<DateTime<Utc>> = if master["status"] == "cancelled" {
        Vec::new()
    } else {
        series(&master, tz, last + Duration::days(1))
            .iter()
            .map(|w| w.instant(tz))
            .collect()
    };
    for ev in cal.events.iter_mut() {
        if ev["recurringEventId"] != master_id || ev["status"] == "cancelled" {
            continue;
        }
        if original(ev).is_some_and(|t| !alive.contains(&t)) {
            ev["status"] = json!("cancelled");
            ev["etag"] = json!(new_etag(rng));
            ev["updated"] = json!(stamp(now));
        }
    }
}
