//! The JSON of calendar writes: what `events.insert` and `events.patch` take from a
//! checked form, the form filled from an event as Google sent it, answering an
//! invitation, splitting a series, and the ids Satchel chooses so that a retried insert
//! cannot create a second copy.

use serde_json::{json, Map, Value};

use super::edit::{local_input, Checked, EventForm, Moment, ZoneOffset};
use crate::i18n::{k, t};
use crate::time::{format_rfc3339, parse_rfc3339_with_offset, Date};

/// The form for an event as Google sent it (`events.get`), seen in its own zone (or
/// `own_zone` when it has none). The user's own attendee entry is not a guest to list.
pub fn form_from_event(
    event: &Value,
    calendar_id: &str,
    own_zone: &str,
    offset_of: ZoneOffset,
) -> EventForm {
    let text = |v: Option<&Value>| v.and_then(Value::as_str).unwrap_or("").to_string();
    let start = event.get("start");
    let zone = start
        .and_then(|s| s.get("timeZone"))
        .and_then(Value::as_str)
        .filter(|z| offset_of(z, 0).is_some())
        .unwrap_or(own_zone)
        .to_string();
    let all_day = start.and_then(|s| s.get("date")).is_some();
    let moment = |key: &str| -> String {
        let value = event.get(key);
        if all_day {
            let date = text(value.and_then(|v| v.get("date")));
            match (key, Date::parse(&date)) {
                // Google's end date is exclusive; the form shows the last day.
                ("end", Ok(d)) => d.add_days(-1).to_string(),
                _ => date,
            }
        } else {
            let written = text(value.and_then(|v| v.get("dateTime")));
            match parse_rfc3339_with_offset(&written) {
                Ok(t) => {
                    let offset = offset_of(&zone, t.utc_ms).unwrap_or(t.offset_minutes);
                    local_input(t.utc_ms, offset)
                }
                Err(_) => String::new(),
            }
        }
    };
    let guests: Vec<String> = event
        .get("attendees")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter(|a| a.get("self").and_then(Value::as_bool) != Some(true))
                .filter_map(|a| a.get("email").and_then(Value::as_str).map(String::from))
                .collect()
        })
        .unwrap_or_default();
    let reminders = event.get("reminders");
    let reminder = match reminders
        .and_then(|r| r.get("useDefault"))
        .and_then(Value::as_bool)
    {
        Some(false) => reminders
            .and_then(|r| r.get("overrides"))
            .and_then(Value::as_array)
            .and_then(|o| o.first())
            .and_then(|o| o.get("minutes"))
            .and_then(Value::as_u64)
            .and_then(|m| u32::try_from(m).ok()),
        _ => None,
    };
    EventForm {
        title: text(event.get("summary")),
        all_day,
        start: moment("start"),
        end: moment("end"),
        time_zone: zone,
        calendar_id: calendar_id.to_string(),
        location: text(event.get("location")),
        description: text(event.get("description")),
        guests: guests.join(", "),
        video: event.get("conferenceData").is_some() || event.get("hangoutLink").is_some(),
        reminder,
    }
}

fn time_json(moment: &Moment, zone: &str) -> Value {
    match moment {
        Moment::Date(date) => json!({ "date": date.to_string() }),
        Moment::Instant(utc, offset) => {
            json!({ "dateTime": format_rfc3339(*utc, *offset), "timeZone": zone })
        }
    }
}

fn reminders_json(reminder: Option<u32>) -> Value {
    match reminder {
        None => json!({ "useDefault": true }),
        Some(minutes) => json!({
            "useDefault": false,
            "overrides": [{ "method": "popup", "minutes": minutes }],
        }),
    }
}

/// The `events.insert` body, with Satchel's own `id` (a retry then gets 409, not a copy).
pub fn insert_body(event: &Checked, id: &str) -> Value {
    let mut body = Map::new();
    body.insert("id".into(), json!(id));
    for (key, value) in fields(event, &[]) {
        body.insert(key.into(), value);
    }
    if event.video {
        body.insert(
            "conferenceData".into(),
            json!({ "createRequest": {
                "requestId": id,
                "conferenceSolutionKey": { "type": "hangoutsMeet" },
            }}),
        );
    }
    Value::Object(body)
}

/// Every field the form writes, as Google names them. An empty title is left out (Google
/// shows "(No title)"); empty location and description are left out too. A guest already
/// in `known` (the event's attendees as Google sent them) keeps that entry, answer and all.
fn fields(event: &Checked, known: &[Value]) -> Vec<(&'static str, Value)> {
    let mut out = Vec::new();
    if !event.title.is_empty() {
        out.push(("summary", json!(event.title)));
    }
    if !event.location.is_empty() {
        out.push(("location", json!(event.location)));
    }
    if !event.description.trim().is_empty() {
        out.push(("description", json!(event.description)));
    }
    out.push(("start", time_json(&event.start, &event.time_zone)));
    out.push(("end", time_json(&event.end, &event.time_zone)));
    if !event.guests.is_empty() {
        let guests: Vec<Value> = event
            .guests
            .iter()
            .map(|g| {
                known
                    .iter()
                    .find(|a| {
                        a.get("email")
                            .and_then(Value::as_str)
                            .is_some_and(|e| e.eq_ignore_ascii_case(g))
                    })
                    .cloned()
                    .unwrap_or_else(|| json!({ "email": g }))
            })
            .collect();
        out.push(("attendees", Value::Array(guests)));
    }
    out.push(("reminders", reminders_json(event.reminder)));
    out
}

/// The `events.patch` body: only what differs from `before` (a field emptied is sent as
/// empty, so Google clears it). `known`: the event's attendees as Google sent them.
/// `request_id` names a new video call's create request. `None` when nothing changed.
pub fn patch_body(
    before: &Checked,
    after: &Checked,
    known: &[Value],
    request_id: &str,
) -> Option<Value> {
    let old: Map<String, Value> = fields(before, known)
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    let new: Map<String, Value> = fields(after, known)
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    let mut body = Map::new();
    for (key, value) in &new {
        if old.get(key) != Some(value) {
            body.insert(key.clone(), value.clone());
        }
    }
    for key in old.keys() {
        if !new.contains_key(key) {
            let empty = if key == "attendees" {
                json!([])
            } else {
                json!("")
            };
            body.insert(key.clone(), empty);
        }
    }
    if after.video && !before.video {
        body.insert(
            "conferenceData".into(),
            json!({ "createRequest": {
                "requestId": request_id,
                "conferenceSolutionKey": { "type": "hangoutsMeet" },
            }}),
        );
    }
    (!body.is_empty()).then_some(Value::Object(body))
}

/// Google's `base32hex` id alphabet, lowercase: the characters an event id may use.
const BASE32HEX: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";

/// An event id from 16 random bytes: 26 characters of `a-v0-9`, as Google requires.
pub fn event_id(random: &[u8; 16]) -> String {
    let mut bits: u128 = 0;
    for byte in random {
        bits = (bits << 8) | u128::from(*byte);
    }
    (0..26)
        .map(|i| {
            let shift = 128 - 5 * (i + 1);
            let index = if shift >= 0 {
                (bits >> shift) & 31
            } else {
                (bits << -shift) & 31
            };
            char::from(BASE32HEX[index as usize])
        })
        .collect()
}

/// An answer to an invitation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    Yes,
    No,
    Maybe,
}

impl Answer {
    pub const ALL: [Answer; 3] = [Answer::Yes, Answer::No, Answer::Maybe];

    /// The button's word ("Going? Yes").
    pub fn label(self) -> &'static str {
        match self {
            Answer::Yes => t(k::CAL_ANSWER_YES),
            Answer::No => t(k::CAL_ANSWER_NO),
            Answer::Maybe => t(k::CAL_ANSWER_MAYBE),
        }
    }

    pub fn status(self) -> &'static str {
        match self {
            Answer::Yes => "accepted",
            Answer::No => "declined",
            Answer::Maybe => "tentative",
        }
    }

    pub fn from_status(status: &str) -> Option<Answer> {
        match status {
            "accepted" => Some(Answer::Yes),
            "declined" => Some(Answer::No),
            "tentative" => Some(Answer::Maybe),
            _ => None,
        }
    }
}

/// The `events.patch` body that answers for the user: the whole attendee list as Google
/// sent it (a patch replaces the list), with only the user's own `responseStatus` changed.
/// `None` when the event does not list the user.
pub fn answer_body(event: &Value, answer: Answer) -> Option<Value> {
    let mut attendees = event.get("attendees")?.as_array()?.clone();
    let me = attendees
        .iter_mut()
        .find(|a| a.get("self").and_then(Value::as_bool) == Some(true))?;
    me.as_object_mut()?
        .insert("responseStatus".into(), json!(answer.status()));
    Some(json!({ "attendees": attendees }))
}

/// For "This and following": the master's recurrence ended just before `instance_start`
/// (its RRULE's `UNTIL`, replacing any `COUNT` or `UNTIL` it had), for `events.patch`.
pub fn end_series_before(recurrence: &[String], instance_start: &Moment) -> Vec<String> {
    let until = match instance_start {
        Moment::Date(date) => {
            let last = date.add_days(-1);
            format!("{:04}{:02}{:02}", last.year, last.month, last.day)
        }
        Moment::Instant(utc, _) => {
            let text = format_rfc3339(utc - 1000, 0);
            // 2026-12-03T07:59:59Z -> 20261203T075959Z
            text.chars().filter(|c| c.is_ascii_alphanumeric()).collect()
        }
    };
    recurrence
        .iter()
        .map(|line| match line.strip_prefix("RRULE:") {
            Some(rule) => {
                let mut parts: Vec<String> = rule
                    .split(';')
                    .filter(|p| !p.starts_with("UNTIL=") && !p.starts_with("COUNT="))
                    .map(String::from)
                    .collect();
                parts.push(format!("UNTIL={until}"));
                format!("RRULE:{}", parts.join(";"))
            }
            None => line.clone(),
        })
        .collect()
}

/// The rule a "This and following" copy carries on: the master's, without its end (the
/// new series starts at the chosen instance; a `COUNT` is not carried over).
pub fn series_from_here(recurrence: &[String]) -> Vec<String> {
    recurrence
        .iter()
        .filter(|line| !line.starts_with("EXDATE") && !line.starts_with("RDATE"))
        .map(|line| match line.strip_prefix("RRULE:") {
            Some(rule) => {
                let parts: Vec<&str> = rule
                    .split(';')
                    .filter(|p| !p.starts_with("UNTIL=") && !p.starts_with("COUNT="))
                    .collect();
                format!("RRULE:{}", parts.join(";"))
            }
            None => line.clone(),
        })
        .collect()
}
