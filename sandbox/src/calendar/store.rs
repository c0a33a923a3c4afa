//! One account's calendars and their events. Events are kept as Google's `Event` JSON
//! (so every field an insert sends survives), with helpers to read their times.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde_json::{json, Value};

use crate::calendar::recurrence::{self, instance_suffix};
use crate::calendar::time::{event_time_json, parse_event_time, stamp, When};
use crate::util::{b64url, Rng};

pub struct Calendar {
    pub id: String,
    pub summary: String,
    pub description: Option<String>,
    pub time_zone: String,
    /// "owner", "writer", "reader" or "freeBusyReader".
    pub access_role: &'static str,
    /// Ticked in the user's Google Calendar (calendarList `selected`).
    pub selected: bool,
    pub color_id: &'static str,
    pub background: &'static str,
    pub foreground: &'static str,
    pub primary: bool,
    pub events: Vec<Value>,
    pub etag: u64,
}

pub struct CalendarSet {
    pub calendars: Vec<Calendar>,
}

impl CalendarSet {
    /// Index of a calendar by id; `primary` is the account's primary calendar.
    pub fn resolve(&self, id: &str) -> Option<usize> {
        if id == "primary" {
            return self.calendars.iter().position(|c| c.primary);
        }
        self.calendars
            .iter()
            .position(|c| c.id.eq_ignore_ascii_case(id))
    }
}

impl Calendar {
    pub fn tz(&self) -> Tz {
        self.time_zone.parse().unwrap_or(Tz::UTC)
    }

    pub fn writable(&self) -> bool {
        matches!(self.access_role, "owner" | "writer")
    }

    pub fn entry_json(&self) -> Value {
        let mut v = json!({
            "kind": "calendar#calendarListEntry",
            "etag": format!("\"{}\"", self.etag),
            "id": self.id,
            "summary": self.summary,
            "timeZone": self.time_zone,
            "colorId": self.color_id,
            "backgroundColor": self.background,
            "foregroundColor": self.foreground,
            "accessRole": self.access_role,
            "defaultReminders": if self.writable() { json!([{ "method": "popup", "minutes": 10 }]) } else { json!([]) },
            "conferenceProperties": { "allowedConferenceSolutionTypes": ["hangoutsMeet"] },
        });
        if let Some(d) = &self.description {
            v["description"] = json!(d);
        }
        // Google sends `primary` only on the primary calendar, and `selected` only when true
        // (both default to false).
        if self.primary {
            v["primary"] = json!(true);
        }
        if self.selected {
            v["selected"] = json!(true);
        }
        v
    }

    pub fn calendar_json(&self) -> Value {
        let mut v = json!({
            "kind": "calendar#calendar",
            "etag": format!("\"{}\"", self.etag),
            "id": self.id,
            "summary": self.summary,
            "timeZone": self.time_zone,
            "conferenceProperties": { "allowedConferenceSolutionTypes": ["hangoutsMeet"] },
        });
        if let Some(d) = &self.description {
            v["description"] = json!(d);
        }
        v
    }

    /// Shared as free/busy only: events show their times and nothing else.
    pub fn free_busy_only(&self) -> bool {
        self.access_role == "freeBusyReader"
    }

    /// An event as this calendar's reader may see it: for a free/busy-only calendar, as
    /// Google answers, just `id`, `start` and `end` (no title, no details).
    pub fn as_seen(&self, ev: Value) -> Value {
        if !self.free_busy_only() {
            return ev;
        }
        let mut seen = serde_json::Map::new();
        for key in ["id", "start", "end"] {
            if let Some(v) = ev.get(key) {
                seen.insert(key.to_string(), v.clone());
            }
        }
        Value::Object(seen)
    }

    pub fn event(&self, id: &str) -> Option<&Value> {
        self.events.iter().find(|e| e["id"] == id)
    }
}

/// An event's start and end (`originalStartTime` for cancelled exceptions without times).
pub fn span(ev: &Value) -> Option<(When, When)> {
    let start = parse_event_time(&ev["start"])
        .or_else(|_| parse_event_time(&ev["originalStartTime"]))
        .ok()?
        .0;
    let end = parse_event_time(&ev["end"])
        .map(|e| e.0)
        .unwrap_or(match start {
            When::Date(d) => When::Date(d.succ_opt().unwrap_or(d)),
            When::Time(t) => When::Time(t),
        });
    Some((start, end))
}

/// Fills the fields Google sets on every event. `ev` must already have start and end.
pub fn finish_event(
    ev: &mut Value,
    cal: &Calendar,
    owner_email: &str,
    owner_name: &str,
    id: &str,
    created: DateTime<Utc>,
    rng: &mut Rng,
) {
    let organizer = if cal.primary {
        json!({ "email": owner_email, "displayName": owner_name, "self": true })
    } else {
        json!({ "email": cal.id, "displayName": cal.summary, "self": true })
    };
    let defaults = [
        ("kind", json!("calendar#event")),
        ("etag", json!(new_etag(rng))),
        ("id", json!(id)),
        ("status", json!("confirmed")),
        (
            "htmlLink",
            json!(format!(
                "https://www.google.com/calendar/event?eid={}",
                b64url(format!("{id} {}", cal.id).as_bytes())
            )),
        ),
        ("created", json!(stamp(created))),
        ("updated", json!(stamp(created))),
        (
            "creator",
            json!({ "email": owner_email, "displayName": owner_name, "self": true }),
        ),
        ("organizer", organizer),
        ("iCalUID", json!(format!("{id}@google.com"))),
        ("sequence", json!(0)),
        ("reminders", json!({ "useDefault": true })),
        ("eventType", json!("default")),
    ];
    if let Some(map) = ev.as_object_mut() {
        for (k, v) in defaults {
            map.entry(k.to_string()).or_insert(v);
        }
    }
}

/// A fresh event etag, in Google's form (a quoted 16-digit number); every write gets one.
pub fn new_etag(rng: &mut Rng) -> String {
    format!(
        "\"{}\"",
        3_000_000_000_000_000u64 + rng.below(999_999_999_999)
    )
}

/// Google's event ids: base32hex (a-v, 0-9), 5 to 1024 characters.
pub fn valid_event_id(id: &str) -> bool {
    (5..=1024).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'v').contains(&b))
}

pub fn new_event_id(rng: &mut Rng) -> String {
    rng.chars(26, b"0123456789abcdefghijklmnopqrstuv")
}

/// The event as the API returns it: times rendered in `out_tz`.
pub fn render_event(ev: &Value, out_tz: Tz) -> Value {
    let mut v = ev.clone();
    for key in ["start", "end", "originalStartTime"] {
        if let Ok((when, _)) = parse_event_time(&ev[key]) {
            v[key] = event_time_json(when, out_tz, ev[key]["timeZone"].as_str());
        }
    }
    v
}

/// One occurrence of a recurring event, as Google returns instances.
pub fn instance(master: &Value, start: When, duration: chrono::Duration, out_tz: Tz) -> Value {
    let mut v = master.clone();
    if let Some(map) = v.as_object_mut() {
        map.remove("recurrence");
    }
    let master_id = master["id"].as_str().unwrap_or_default();
    let own_tz = master["start"]["timeZone"].as_str();
    let end = match start {
        When::Date(d) => When::Date(
            d.checked_add_signed(chrono::Duration::days(duration.num_days().max(1)))
                .unwrap_or(d),
        ),
        When::Time(t) => When::Time(t.checked_add_signed(duration).unwrap_or(t)),
    };
    v["id"] = json!(format!("{master_id}_{}", instance_suffix(start)));
    v["recurringEventId"] = json!(master_id);
    v["originalStartTime"] = event_time_json(start, out_tz, own_tz);
    v["start"] = event_time_json(start, out_tz, own_tz);
    v["end"] = event_time_json(end, out_tz, master["end"]["timeZone"].as_str().or(own_tz));
    v
}

/// All occurrence starts of a recurring event up to `horizon`.
pub fn series(master: &Value, cal_tz: Tz, horizon: DateTime<Utc>) -> Vec<When> {
    let Some((start, _)) = span(master) else {
        return vec![];
    };
    let tz = master["start"]["timeZone"]
        .as_str()
        .and_then(|z| z.parse().ok())
        .unwrap_or(cal_tz);
    let lines: Vec<String> = master["recurrence"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|l| l.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    match recurrence::parse(&lines, tz) {
        Ok(rec) => recurrence::occurrences(&rec, start, tz, horizon, 5000),
        Err(_) => vec![start],
    }
}
