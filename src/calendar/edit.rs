//! The event form as plain Rust: what was typed, checked field by field, into the JSON
//! `events.insert` and `events.patch` take; answering an invitation; the ids Satchel
//! chooses so that a retried insert cannot create a second copy.
//!
//! Times: the form holds what `datetime-local` and `date` inputs give (`2026-12-03T10:00`,
//! `2026-12-03`), read as wall time in the chosen zone. `offset_of(zone, utc_ms)` (the
//! browser's `Intl`, or a fixed table in tests) places them; timed events are written as
//! RFC 3339 with that offset plus `timeZone`, all-day ones as `date` with Google's
//! exclusive end (the form's end date is the last day, as people say it).

use serde_json::{json, Map, Value};

use crate::mail::parse_recipients;
use crate::time::{format_rfc3339, parse_rfc3339_with_offset, Date, HOUR_MS, MINUTE_MS};

/// `(zone, utc_ms) -> minutes east`, `None` for a zone the browser does not know.
pub type ZoneOffset<'a> = &'a dyn Fn(&str, i64) -> Option<i32>;

/// What the form holds, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct EventForm {
    pub title: String,
    pub all_day: bool,
    /// `YYYY-MM-DDTHH:MM`, or `YYYY-MM-DD` while `all_day`.
    pub start: String,
    pub end: String,
    pub time_zone: String,
    pub calendar_id: String,
    pub location: String,
    pub description: String,
    /// Addresses, as in a mail's To field.
    pub guests: String,
    pub video: bool,
    /// Minutes before the start for a pop-up reminder; `None`: the calendar's defaults.
    pub reminder: Option<u32>,
}

/// The fields a message can stand by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Title,
    Start,
    End,
    TimeZone,
    Calendar,
    Guests,
}

impl Field {
    /// The input's element id, to put the message by it and focus it.
    pub fn input_id(self) -> &'static str {
        match self {
            Field::Title => "event-title",
            Field::Start => "event-start",
            Field::End => "event-end",
            Field::TimeZone => "event-zone",
            Field::Calendar => "event-calendar",
            Field::Guests => "event-guests",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub message: String,
}

/// A start or an end, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Moment {
    Date(Date),
    /// UTC ms and the zone's offset then.
    Instant(i64, i32),
}

/// The form, checked: what Google is sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    pub title: String,
    pub start: Moment,
    /// For all-day events the exclusive end (the day after the last day).
    pub end: Moment,
    pub time_zone: String,
    pub calendar_id: String,
    pub location: String,
    pub description: String,
    pub guests: Vec<String>,
    pub video: bool,
    pub reminder: Option<u32>,
}

/// The wall time `date` + `minutes` of the day in `zone`, as UTC ms and offset. A time
/// skipped by a spring-forward change lands after it, as Google Calendar places it.
pub fn wall_to_utc(
    date: Date,
    minutes: i64,
    zone: &str,
    offset_of: ZoneOffset,
) -> Option<(i64, i32)> {
    let wall = date.utc_midnight_ms() + minutes * MINUTE_MS;
    let first = offset_of(zone, wall)?;
    let guess = wall - i64::from(first) * MINUTE_MS;
    let second = offset_of(zone, guess)?;
    let utc = wall - i64::from(second) * MINUTE_MS;
    let offset = offset_of(zone, utc)?;
    Some((utc, offset))
}

/// `2026-12-03T10:00` (seconds allowed) as a date and minutes of the day.
pub fn parse_local(text: &str) -> Option<(Date, i64)> {
    let (date, time) = text.split_once('T')?;
    let date = Date::parse(date).ok()?;
    let mut parts = time.split(':');
    let hour: i64 = parts.next()?.parse().ok()?;
    let minute: i64 = parts.next()?.parse().ok()?;
    ((0..24).contains(&hour) && (0..60).contains(&minute)).then_some((date, hour * 60 + minute))
}

/// The form's value for an instant seen in `offset`: `2026-12-03T10:00`.
pub fn local_input(utc_ms: i64, offset_minutes: i32) -> String {
    let text = format_rfc3339(utc_ms, offset_minutes);
    text.get(..16).unwrap_or("").to_string()
}

impl EventForm {
    /// Checks every field; all problems at once, in form order.
    pub fn check(
        &self,
        offset_of: ZoneOffset,
        writable: &dyn Fn(&str) -> bool,
    ) -> Result<Checked, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut fail = |field, message: &str| {
            errors.push(FieldError {
                field,
                message: message.to_string(),
            })
        };
        let zone = self.time_zone.trim();
        let zone_known = self.all_day || offset_of(zone, 0).is_some();
        if !zone_known {
            fail(
                Field::TimeZone,
                "This browser does not know that time zone. Choose one from the list.",
            );
        }
        let read = |text: &str| -> Option<Moment> {
            if self.all_day {
                Date::parse(text.trim()).ok().map(Moment::Date)
            } else {
                let (date, minutes) = parse_local(text.trim())?;
                let (utc, offset) = wall_to_utc(date, minutes, zone, offset_of)?;
                Some(Moment::Instant(utc, offset))
            }
        };
        let start = read(&self.start);
        let end = read(&self.end);
        let format = if self.all_day {
            "Enter a date, for example 2026-12-03."
        } else {
            "Enter a date and time, for example 2026-12-03 10:00."
        };
        if start.is_none() && zone_known {
            fail(Field::Start, format);
        }
        if end.is_none() && zone_known {
            fail(Field::End, format);
        }
        let end = match (&start, end) {
            (Some(Moment::Date(s)), Some(Moment::Date(e))) if e < *s => {
                fail(Field::End, "The event ends before it starts.");
                None
            }
            (Some(Moment::Instant(s, _)), Some(Moment::Instant(e, _))) if e < *s => {
                fail(Field::End, "The event ends before it starts.");
                None
            }
            // Google's end date is exclusive: the day after the last day.
            (_, Some(Moment::Date(e))) => Some(Moment::Date(e.add_days(1))),
            (_, end) => end,
        };
        if !writable(&self.calendar_id) {
            fail(
                Field::Calendar,
                "You cannot add events to that calendar. Choose one of yours.",
            );
        }
        let guests = match parse_recipients(&self.guests) {
            Ok(list) => list.into_iter().map(|m| m.email).collect(),
            Err(e) => {
                fail(Field::Guests, &format!("{e}"));
                Vec::new()
            }
        };
        match (start, end) {
            (Some(start), Some(end)) if errors.is_empty() => Ok(Checked {
                title: self.title.trim().to_string(),
                start,
                end,
                time_zone: zone.to_string(),
                calendar_id: self.calendar_id.clone(),
                location: self.location.trim().to_string(),
                description: self.description.clone(),
                guests,
                video: self.video,
                reminder: self.reminder,
            }),
            _ => Err(errors),
        }
    }
}

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

/// A new timed event's form: the next whole hour for an hour, in `zone`, on `calendar`.
pub fn new_form(
    now_ms: i64,
    zone: &str,
    offset_minutes: i32,
    calendar_id: &str,
    day: Option<Date>,
) -> EventForm {
    let next_hour = (now_ms.div_euclid(HOUR_MS) + 1) * HOUR_MS;
    let start = match day {
        // From a day heading: 09:00 that day (the offset of now is near enough for a default).
        Some(day) => day.utc_midnight_ms() + 9 * HOUR_MS - i64::from(offset_minutes) * MINUTE_MS,
        None => next_hour,
    };
    EventForm {
        start: local_input(start, offset_minutes),
        end: local_input(start + HOUR_MS, offset_minutes),
        time_zone: zone.to_string(),
        calendar_id: calendar_id.to_string(),
        ..EventForm::default()
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

#[cfg(test)]
#[path = "edit_tests.rs"]
mod tests;
