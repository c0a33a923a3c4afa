//! What a write does to an event's JSON before it is stored, as Google does it: the
//! checks on times and recurrence, patch merging, times written out in the event's zone,
//! attendees' flags and defaults, and Meet conferences made from a `createRequest`.

use chrono_tz::Tz;
use serde_json::{json, Map, Value};

use crate::calendar::recurrence;
use crate::calendar::time::{event_time_json, parse_event_time, When};
use crate::calendar::time_range_empty;
use crate::errors::ApiError;
use crate::util::Rng;

/// Fields only the server sets; what a client sends for them is ignored, as at Google.
pub const SERVER_FIELDS: &[&str] = &[
    "kind",
    "etag",
    "id",
    "htmlLink",
    "created",
    "updated",
    "creator",
    "organizer",
    "iCalUID",
    "sequence",
    "hangoutLink",
    "recurringEventId",
    "originalStartTime",
];

/// The body without server-set fields (`keep` names ones a method does take, like
/// `id` and `iCalUID` on insert).
pub fn client_fields(body: &Value, keep: &[&str]) -> Value {
    let mut v = body.clone();
    if let Some(map) = v.as_object_mut() {
        for key in SERVER_FIELDS.iter().filter(|k| !keep.contains(k)) {
            map.remove(*key);
        }
    }
    v
}

/// Google's patch semantics: fields present replace, nested objects merge key by key,
/// arrays (attendees, recurrence, reminders.overrides) replace whole, and `null` clears.
pub fn merge(target: &mut Value, patch: &Value) {
    let (Some(into), Some(from)) = (target.as_object_mut(), patch.as_object()) else {
        *target = without_nulls(patch);
        return;
    };
    for (key, value) in from {
        if value.is_null() {
            into.remove(key);
        } else if let Some(slot) = into
            .get_mut(key)
            .filter(|s| s.is_object() && value.is_object())
        {
            merge(slot, value);
        } else {
            into.insert(key.clone(), without_nulls(value));
        }
    }
}

fn without_nulls(value: &Value) -> Value {
    match value.as_object() {
        Some(map) => Value::Object(
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), without_nulls(v)))
                .collect::<Map<String, Value>>(),
        ),
        None => value.clone(),
    }
}

fn time_error(which: &str, message: String) -> ApiError {
    if message.starts_with("Invalid time zone definition") {
        ApiError::new(
            400,
            "INVALID_ARGUMENT",
            "invalid",
            format!("Invalid time zone definition for {which} time."),
        )
    } else if message.starts_with("Missing time zone definition") {
        ApiError::required(format!("Missing time zone definition for {which} time."))
    } else {
        ApiError::bad_request(message)
    }
}

/// Google's checks on an event's times and recurrence.
pub fn validate(ev: &Value) -> Result<(), ApiError> {
    // A cancelled exception carries only its original start.
    if ev["status"] == "cancelled" && ev["recurringEventId"].is_string() && ev["start"].is_null() {
        return Ok(());
    }
    if !ev["start"].is_object() {
        return Err(ApiError::required("Missing start time."));
    }
    if !ev["end"].is_object() {
        return Err(ApiError::required("Missing end time."));
    }
    let (start, start_tz) = parse_event_time(&ev["start"]).map_err(|e| time_error("start", e))?;
    let (end, _) = parse_event_time(&ev["end"]).map_err(|e| time_error("end", e))?;
    // An all-day end date is exclusive, so it must come after the start; a timed event
    // may last zero minutes.
    let empty = match (start, end) {
        (When::Date(a), When::Date(b)) => b <= a,
        (When::Time(a), When::Time(b)) => b < a,
        _ => {
            return Err(ApiError::bad_request(
                "Start and end times must either both be date or both be dateTime.",
            ))
        }
    };
    if empty {
        return Err(time_range_empty());
    }
    if let Some(lines) = ev["recurrence"].as_array() {
        // A series needs a zone to repeat in: an offset alone does not say where DST falls.
        if matches!(start, When::Time(_)) && start_tz.is_none() {
            return Err(ApiError::required(
                "Missing time zone definition for start time.",
            ));
        }
        let lines: Vec<String> = lines
            .iter()
            .filter_map(|l| l.as_str().map(String::from))
            .collect();
        recurrence::parse(&lines, start_tz.unwrap_or(Tz::UTC))
            .map_err(|_| ApiError::bad_request("Invalid recurrence rule."))?;
    }
    Ok(())
}

/// Times as Google stores and returns them: `dateTime` with the offset of the event's own
/// `timeZone` (the calendar's when it has none), so `10:00` sent as `09:00Z` reads back
/// the same instant. Call after `validate`.
pub fn normalize_times(ev: &mut Value, cal_tz: Tz) {
    for key in ["start", "end", "originalStartTime"] {
        if let Ok((when, own)) = parse_event_time(&ev[key]) {
            let name = ev[key]["timeZone"].as_str().map(String::from);
            ev[key] = event_time_json(when, own.unwrap_or(cal_tz), name.as_deref());
        }
    }
}

/// Attendees as Google keeps them: `responseStatus` defaults to `needsAction` (the
/// organizer's own entry to `accepted`), `self` marks the entry of the calendar the event
/// sits on, `organizer` the organizer's entry; clients set neither flag.
pub fn attendees(ev: &mut Value, cal_id: &str, organizer: &str) -> Result<(), ApiError> {
    let Some(list) = ev.get_mut("attendees").and_then(Value::as_array_mut) else {
        return Ok(());
    };
    for a in list {
        let Some(email) = a["email"].as_str().map(str::to_string) else {
            return Err(ApiError::required("Missing attendee email."));
        };
        let Some(map) = a.as_object_mut() else {
            return Err(ApiError::required("Missing attendee email."));
        };
        let is_organizer = email.eq_ignore_ascii_case(organizer);
        map.remove("self");
        map.remove("organizer");
        if email.eq_ignore_ascii_case(cal_id) {
            map.insert("self".into(), json!(true));
        }
        if is_organizer {
            map.insert("organizer".into(), json!(true));
        }
        if !map.get("responseStatus").is_some_and(Value::is_string) {
            let status = if is_organizer && map.contains_key("self") {
                "accepted"
            } else {
                "needsAction"
            };
            map.insert("responseStatus".into(), json!(status));
        }
    }
    Ok(())
}

const MEET_ICON: &str = "https://fonts.gstatic.com/s/i/productlogos/meet_2020q4/v6/web-512dp/logo_meet_2020q4_color_2x_web_512dp.png";

fn meet(rng: &mut Rng) -> (String, Value) {
    let letters = b"abcdefghijklmnopqrstuvwxyz";
    let code = format!(
        "{}-{}-{}",
        rng.chars(3, letters),
        rng.chars(4, letters),
        rng.chars(3, letters)
    );
    let link = format!("https://meet.google.com/{code}");
    let data = json!({
        "entryPoints": [{ "entryPointType": "video", "uri": link, "label": link.trim_start_matches("https://") }],
        "conferenceSolution": { "key": { "type": "hangoutsMeet" }, "name": "Google Meet", "iconUri": MEET_ICON },
        "conferenceId": code,
    });
    (link, data)
}

/// `conferenceData` after a write. With `conferenceDataVersion=0` Google ignores it in the
/// body (the stored one stays); with 1 a new `createRequest` makes a Meet conference, a
/// repeated `requestId` keeps the conference it made, and `null` removes it.
pub fn conference(
    ev: &mut Value,
    body: &Value,
    version: i64,
    old: Option<&Value>,
    rng: &mut Rng,
) -> Result<(), ApiError> {
    let stored = old.map(|o| (o["conferenceData"].clone(), o["hangoutLink"].clone()));
    let restore = |ev: &mut Value| {
        if let Some(map) = ev.as_object_mut() {
            map.remove("conferenceData");
            map.remove("hangoutLink");
            if let Some((data, link)) = &stored {
                if !data.is_null() {
                    map.insert("conferenceData".into(), data.clone());
                }
                if !link.is_null() {
                    map.insert("hangoutLink".into(), link.clone());
                }
            }
        }
    };
    if version < 1 {
        restore(ev);
        return Ok(());
    }
    let request = &body["conferenceData"]["createRequest"];
    if request.is_object() {
        if request["conferenceSolutionKey"]["type"] != "hangoutsMeet" {
            return Err(ApiError::bad_request("Invalid conference type value."));
        }
        let same = stored.as_ref().is_some_and(|(data, _)| {
            data["createRequest"]["requestId"] == request["requestId"] && data.is_object()
        });
        if same {
            restore(ev);
            return Ok(());
        }
        let (link, mut data) = meet(rng);
        data["createRequest"] = request.clone();
        data["createRequest"]["status"] = json!({ "statusCode": "success" });
        ev["conferenceData"] = data;
        ev["hangoutLink"] = json!(link);
    } else if !ev["conferenceData"].is_object() {
        if let Some(map) = ev.as_object_mut() {
            map.remove("hangoutLink");
        }
    }
    Ok(())
}
