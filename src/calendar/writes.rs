//! Calendar write requests: their URLs (the Discovery document's `events.insert`,
//! `events.get`, `events.patch`, `events.delete`, and `events.list` with `q`), and whether
//! a patch already took effect (after a lost answer, the retry's 412 may be our own
//! change).

use serde_json::Value;

use super::model::{api_base, push_param, EVENTS_FIELDS};
use crate::time::{parse_rfc3339, Date};
use crate::url::encode_component;

/// Whom Google emails about a change: `all` guests, or `none`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SendUpdates {
    All,
    None,
}

impl SendUpdates {
    fn as_str(self) -> &'static str {
        match self {
            SendUpdates::All => "all",
            SendUpdates::None => "none",
        }
    }
}

/// `…/calendars/{calendarId}/events`: where `events.insert` posts.
pub fn events_url(calendar_root: &str, calendar_id: &str) -> String {
    format!(
        "{}calendars/{}/events",
        api_base(calendar_root),
        encode_component(calendar_id)
    )
}

/// `…/calendars/{calendarId}/events/{eventId}`: `events.get`, `patch` and `delete`.
pub fn event_url(calendar_root: &str, calendar_id: &str, event_id: &str) -> String {
    format!(
        "{}/{}",
        events_url(calendar_root, calendar_id),
        encode_component(event_id)
    )
}

/// A write's query: who is told, and (for Meet links) `conferenceDataVersion=1`, without
/// which Google ignores `conferenceData`.
pub fn write_url(mut url: String, send: SendUpdates) -> String {
    push_param(&mut url, "sendUpdates", send.as_str());
    push_param(&mut url, "conferenceDataVersion", "1");
    url
}

/// `events.delete`'s query: who is told (a delete takes no conference version).
pub fn delete_url(mut url: String, send: SendUpdates) -> String {
    push_param(&mut url, "sendUpdates", send.as_str());
    url
}

/// `events.list` with `q` between `time_min` and `time_max`, expanded and in start order.
pub fn search_url(
    calendar_root: &str,
    calendar_id: &str,
    q: &str,
    time_min: &str,
    time_max: &str,
) -> String {
    let mut url = events_url(calendar_root, calendar_id);
    push_param(&mut url, "q", q);
    push_param(&mut url, "singleEvents", "true");
    push_param(&mut url, "orderBy", "startTime");
    push_param(&mut url, "maxResults", "50");
    push_param(&mut url, "timeMin", time_min);
    push_param(&mut url, "timeMax", time_max);
    push_param(&mut url, "fields", EVENTS_FIELDS);
    url
}

/// Whether `event` (as Google has it now) already carries every field of `patch`: times
/// compared as instants or dates (Google may write them in another offset), guests by
/// address, anything else as JSON.
pub fn patch_applied(event: &Value, patch: &Value) -> bool {
    let Some(fields) = patch.as_object() else {
        return false;
    };
    fields.iter().all(|(key, wanted)| {
        let have = event.get(key.as_str());
        match key.as_str() {
            "start" | "end" => same_time(have, wanted),
            "attendees" => emails(have) == emails(Some(wanted)),
            // A create request is answered with the call itself.
            "conferenceData" => have.is_some(),
            "summary" | "location" | "description" => {
                have.and_then(Value::as_str).unwrap_or("") == wanted.as_str().unwrap_or("")
            }
            _ => have == Some(wanted),
        }
    })
}

fn same_time(have: Option<&Value>, wanted: &Value) -> bool {
    let instant = |v: Option<&Value>| {
        v.and_then(|v| v.get("dateTime"))
            .and_then(Value::as_str)
            .and_then(|t| parse_rfc3339(t).ok())
    };
    let date = |v: Option<&Value>| {
        v.and_then(|v| v.get("date"))
            .and_then(Value::as_str)
            .and_then(|t| Date::parse(t).ok())
    };
    instant(have) == instant(Some(wanted)) && date(have) == date(Some(wanted))
}

fn emails(list: Option<&Value>) -> Vec<String> {
    let mut out: Vec<String> = list
        .and_then(Value::as_array)
        .map(|l| {
            l.iter()
                .filter_map(|a| a.get("email").and_then(Value::as_str))
                .map(str::to_ascii_lowercase)
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const ROOT: &str = "https://www.googleapis.com/";

    #[test]
    fn write_urls_name_the_calendar_and_event_encoded() {
        assert_eq!(
            write_url(events_url(ROOT, "team@group.calendar.google.com"), SendUpdates::All),
            "https://www.googleapis.com/calendar/v3/calendars/team%40group.calendar.google.com/events?sendUpdates=all&conferenceDataVersion=1"
        );
        assert_eq!(
            event_url(ROOT, "primary", "abc_20261203T080000Z"),
            "https://www.googleapis.com/calendar/v3/calendars/primary/events/abc_20261203T080000Z"
        );
        let search = search_url(ROOT, "primary", "dentist & co", "a", "b");
        assert!(search.contains("q=dentist%20%26%20co&singleEvents=true&orderBy=startTime"));
    }

    #[test]
    fn a_patch_is_seen_as_applied_however_google_writes_it_back() {
        let event = json!({
            "summary": "Lunch",
            "start": {"dateTime": "2026-12-03T12:00:00+02:00", "timeZone": "Europe/Athens"},
            "end": {"dateTime": "2026-12-03T11:00:00Z"},
            "attendees": [{"email": "Ana@x", "responseStatus": "accepted"}, {"email": "me@x", "self": true}],
        });
        let patch = json!({
            "summary": "Lunch",
            "start": {"dateTime": "2026-12-03T10:00:00Z", "timeZone": "UTC"},
            "end": {"dateTime": "2026-12-03T13:00:00+02:00"},
        });
        assert!(patch_applied(&event, &patch));
        assert!(!patch_applied(&event, &json!({"summary": "Dinner"})));
        assert!(!patch_applied(
            &event,
            &json!({"start": {"dateTime": "2026-12-03T11:00:00Z"}})
        ));
        assert!(patch_applied(&event, &json!({"location": ""})));
        assert!(!patch_applied(
            &event,
            &json!({"attendees": [{"email": "ana@x"}]})
        ));
        assert!(patch_applied(
            &event,
            &json!({"attendees": [{"email": "ana@x"}, {"email": "ME@x"}]})
        ));
    }
}
