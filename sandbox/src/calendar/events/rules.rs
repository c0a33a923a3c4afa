//! Who may change what, and what a change leaves behind: `If-Match` preconditions, the
//! organizer-only ("shared") properties, and the new `etag`, `updated` and `sequence` of
//! each write.

use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};

use crate::calendar::calendar_error;
use crate::calendar::store::{new_etag, span};
use crate::calendar::time::stamp;
use crate::errors::ApiError;
use crate::util::Rng;

/// `If-Match: <etag>` (or `*`): a write on anything else than the stored version is
/// refused, so two clients cannot overwrite each other unseen.
pub fn check_etag(ev: &Value, if_match: Option<&str>) -> Result<(), ApiError> {
    let Some(wanted) = if_match.map(str::trim) else {
        return Ok(());
    };
    let bare = |t: &str| t.trim_start_matches("W/").trim_matches('"').to_string();
    let current = ev["etag"].as_str().unwrap_or_default();
    if wanted == "*" || bare(wanted) == bare(current) {
        return Ok(());
    }
    let mut e = ApiError::new(
        412,
        "FAILED_PRECONDITION",
        "conditionNotMet",
        "Precondition Failed",
    );
    e.location = Some(("If-Match".into(), "header"));
    Err(e)
}

/// The user organizes this copy of the event (their own events, and events of calendars
/// they write to, whose organizer is the calendar itself).
pub fn is_organizer(ev: &Value) -> bool {
    ev["organizer"]["self"] == true
}

/// What a guest may change on their copy of an invitation: their own answer and comment,
/// and the personal properties.
const PERSONAL: &[&str] = &["reminders", "colorId", "transparency"];

/// Fields that differ between two versions of one event without anyone editing them.
const BOOKKEEPING: &[&str] = &[
    "kind",
    "etag",
    "updated",
    "sequence",
    "htmlLink",
    "created",
    "creator",
    "organizer",
    "iCalUID",
    "id",
    "recurringEventId",
    "originalStartTime",
    "hangoutLink",
];

fn shared_part(ev: &Value, cal_id: &str) -> Value {
    let mut v = ev.clone();
    if let Some(map) = v.as_object_mut() {
        for key in PERSONAL.iter().chain(BOOKKEEPING) {
            map.remove(*key);
        }
        map.entry("status").or_insert(json!("confirmed"));
    }
    for a in v
        .get_mut("attendees")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
    {
        let own = a["email"]
            .as_str()
            .is_some_and(|e| e.eq_ignore_ascii_case(cal_id));
        if let Some(map) = a.as_object_mut() {
            map.remove("self");
            if own {
                map.remove("responseStatus");
                map.remove("comment");
            }
        }
    }
    v
}

/// A guest's write must leave everything shared as the organizer made it, unless the
/// organizer let guests modify the event.
pub fn guest_may_write(old: &Value, new: &Value, cal_id: &str) -> Result<(), ApiError> {
    if is_organizer(old)
        || old["guestsCanModify"] == true
        || shared_part(old, cal_id) == shared_part(new, cal_id)
    {
        return Ok(());
    }
    Err(calendar_error(
        403,
        "PERMISSION_DENIED",
        "forbiddenForNonOrganizer",
        "Shared properties can only be changed by the organizer of the event.",
    ))
}

/// Whether the event's times changed: what bumps `sequence` (and makes guests' answers
/// go stale at Google).
pub fn times_changed(old: &Value, new: &Value) -> bool {
    span(old) != span(new)
        || old["start"]["timeZone"] != new["start"]["timeZone"]
        || old["recurrence"] != new["recurrence"]
}

/// A written event's new `etag` and `updated` (later than the last one, even within a
/// millisecond), and `sequence` one up when its times changed.
pub fn stamp_write(old: &Value, new: &mut Value, now: DateTime<Utc>, rng: &mut Rng) {
    let last = old["updated"]
        .as_str()
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.with_timezone(&Utc));
    let at = match last {
        Some(l) if l >= now => l + Duration::milliseconds(1),
        _ => now,
    };
    let sequence = old["sequence"].as_i64().unwrap_or(0) + i64::from(times_changed(old, new));
    new["etag"] = json!(new_etag(rng));
    new["updated"] = json!(stamp(at));
    new["sequence"] = json!(sequence);
}
