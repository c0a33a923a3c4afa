use serde_json::json;

use super::model::*;
use crate::time::{format_rfc3339, Date};

const ROOT: &str = "https://www.googleapis.com/";

/// The query parameters of a URL, decoded, in order.
fn query(url: &str) -> Vec<(String, String)> {
    let q = url.split_once('?').map(|(_, q)| q).unwrap_or("");
    q.split('&')
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (k.to_string(), decode(v))
        })
        .collect()
}

fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).expect("hex escape"));
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("utf-8")
}

#[test]
fn calendar_ids_are_encoded_with_the_shared_encoder() {
    assert_eq!(crate::url::encode_component("AZaz09-._~"), "AZaz09-._~");
    assert_eq!(
        crate::url::encode_component("a b+c/d?e&f=g#h@i%"),
        "a%20b%2Bc%2Fd%3Fe%26f%3Dg%23h%40i%25"
    );
    assert_eq!(crate::url::encode_component("é€"), "%C3%A9%E2%82%AC");
    assert_eq!(crate::url::encode_component(""), "");
}

#[test]
fn events_list_url_encodes_the_calendar_id_and_times() {
    let id = "en.greek#holiday@group.v.calendar.google.com";
    let min = format_rfc3339(
        Date {
            year: 2026,
            month: 11,
            day: 24,
        }
        .utc_midnight_ms()
            - 2 * 3_600_000,
        120,
    );
    assert_eq!(min, "2026-11-24T00:00:00+02:00");
    let url = events_list_url(ROOT, id, &min, "2026-12-24T00:00:00+02:00", None);
    assert!(
        url.starts_with(
            "https://www.googleapis.com/calendar/v3/calendars/en.greek%23holiday%40group.v.calendar.google.com/events?"
        ),
        "{url}"
    );
    assert!(
        url.contains("timeMin=2026-11-24T00%3A00%3A00%2B02%3A00"),
        "{url}"
    );
    assert!(!url.contains('#') && !url.contains('@') && !url.contains('+'));
    let q = query(&url);
    let names: Vec<&str> = q.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        names,
        [
            "singleEvents",
            "orderBy",
            "maxResults",
            "timeMin",
            "timeMax",
            "fields"
        ]
    );
    assert_eq!(q[0].1, "true");
    assert_eq!(q[1].1, "startTime");
    assert_eq!(q[2].1, "2500");
    assert_eq!(q[3].1, "2026-11-24T00:00:00+02:00");
    assert_eq!(q[4].1, "2026-12-24T00:00:00+02:00");
    assert_eq!(q[5].1, EVENTS_FIELDS);

    let paged = events_list_url(
        "http://127.0.0.1:8080",
        "primary",
        &min,
        &min,
        Some("tok/+=="),
    );
    assert!(
        paged.starts_with("http://127.0.0.1:8080/calendar/v3/calendars/primary/events?"),
        "{paged}"
    );
    assert_eq!(
        query(&paged).last(),
        Some(&("pageToken".to_string(), "tok/+==".to_string()))
    );
}

#[test]
fn calendar_list_and_quick_add_urls() {
    let url = calendar_list_url(ROOT, None);
    assert!(url.starts_with("https://www.googleapis.com/calendar/v3/users/me/calendarList?"));
    assert_eq!(
        query(&url),
        [
            ("maxResults".into(), "250".into()),
            ("fields".into(), CALENDAR_LIST_FIELDS.to_string())
        ]
    );
    let next = calendar_list_url(ROOT, Some("p2"));
    assert!(next.ends_with("&pageToken=p2"), "{next}");

    let add = quick_add_url(
        ROOT,
        "me@example.com",
        "Lunch with Ana tomorrow 1pm & coffee",
    );
    assert!(add.starts_with(
        "https://www.googleapis.com/calendar/v3/calendars/me%40example.com/events/quickAdd?text="
    ));
    assert_eq!(query(&add)[0].1, "Lunch with Ana tomorrow 1pm & coffee");
}

#[test]
fn fields_selectors_name_every_field_read() {
    for field in [
        "id",
        "status",
        "summary",
        "description",
        "location",
        "htmlLink",
        "hangoutLink",
        "conferenceData/entryPoints(entryPointType,uri)",
        "start(date,dateTime,timeZone)",
        "end(date,dateTime,timeZone)",
        "attendees(email,displayName,responseStatus,self,organizer)",
        "eventType",
        "workingLocationProperties",
        "organizer(self)",
        "recurringEventId",
        "nextPageToken",
    ] {
        assert!(EVENTS_FIELDS.contains(field), "{field}");
    }
    assert!(!EVENTS_FIELDS.contains(' '));
    for field in [
        "id",
        "summary",
        "summaryOverride",
        "backgroundColor",
        "primary",
        "selected",
        "accessRole",
        "nextPageToken",
    ] {
        assert!(CALENDAR_LIST_FIELDS.contains(field), "{field}");
    }
    // Parentheses balance, or Google rejects the request.
    for f in [EVENTS_FIELDS, CALENDAR_LIST_FIELDS, EVENT_FIELDS] {
        assert_eq!(f.matches('(').count(), f.matches(')').count());
    }
}

#[test]
fn events_page_parses_and_ignores_fields_it_does_not_read() {
    let page: Events = serde_json::from_value(json!({
        "kind": "calendar#events",
        "summary": "Work",
        "timeZone": "Europe/Athens",
        "nextPageToken": "next",
        "items": [{
            "id": "e1",
            "status": "confirmed",
            "summary": "Review",
            "description": "Agenda",
            "location": "Room 3",
            "htmlLink": "https://www.google.com/calendar/event?eid=x",
            "hangoutLink": "https://meet.google.com/abc-defg-hij",
            "conferenceData": {"entryPoints": [
                {"entryPointType": "phone", "uri": "tel:+1-555", "label": "+1 555"},
                {"entryPointType": "video", "uri": "https://meet.google.com/xyz", "label": "meet.google.com/xyz"}
            ]},
            "start": {"dateTime": "2026-11-24T13:00:00+02:00", "timeZone": "Europe/Athens"},
            "end": {"dateTime": "2026-11-24T14:00:00+02:00", "timeZone": "Europe/Athens"},
            "attendees": [
                {"email": "boss@example.com", "organizer": true, "responseStatus": "accepted"},
                {"email": "me@example.com", "self": true, "responseStatus": "declined", "displayName": "Me"}
            ],
            "organizer": {"email": "boss@example.com", "displayName": "Boss"},
            "recurringEventId": "r1",
            "colorId": "5",
            "transparency": "opaque",
            "eventType": "default",
            "unknownField": {"nested": [1, 2]}
        }]
    }))
    .expect("valid page");
    assert_eq!(page.next_page_token.as_deref(), Some("next"));
    let e = &page.items[0];
    assert_eq!(e.title(), Some("Review"));
    assert!(e.self_declined());
    assert!(e.attendees[0].organizer && !e.attendees[0].self_);
    assert_eq!(
        e.self_attendee().and_then(|a| a.display_name.as_deref()),
        Some("Me")
    );
    assert_eq!(e.video_link(), Some("https://meet.google.com/xyz"));
    let start = e.start.as_ref().map(EventDateTime::parse);
    assert_eq!(
        start,
        Some(Ok(When::Instant(
            Date {
                year: 2026,
                month: 11,
                day: 24
            }
            .utc_midnight_ms()
                + 11 * 3_600_000
        )))
    );
}

#[test]
fn missing_and_null_fields_never_fail() {
    let page: Events = serde_json::from_value(json!({})).expect("empty page");
    assert!(page.items.is_empty() && page.next_page_token.is_none());
    let page: Events = serde_json::from_value(json!({"items": null})).expect("null items");
    assert!(page.items.is_empty());
    let e: Event = serde_json::from_value(json!({
        "id": "deleted", "status": "cancelled", "attendees": null,
        "conferenceData": {"entryPoints": null}, "start": null,
        "organizer": {"self": null}
    }))
    .expect("sparse event");
    assert!(e.is_cancelled() && e.start.is_none() && e.attendees.is_empty());
    assert!(!e.self_declined());
    assert_eq!(e.title(), None);
    assert_eq!(e.video_link(), None);

    let all_day: Event = serde_json::from_value(json!({
        "start": {"date": "2026-11-24"}, "end": {"date": "2026-11-25"}, "hangoutLink": "https://meet.google.com/a"
    }))
    .expect("all-day");
    assert_eq!(
        all_day.start.as_ref().map(|s| s.parse()),
        Some(Ok(When::Date(Date {
            year: 2026,
            month: 11,
            day: 24
        })))
    );
    assert_eq!(all_day.video_link(), Some("https://meet.google.com/a"));
    assert!(EventDateTime::default().parse().is_err());
}

#[test]
fn calendar_list_parses() {
    let list: CalendarList = serde_json::from_value(json!({
        "items": [
            {"id": "me@example.com", "summary": "Me", "primary": true, "selected": true,
             "accessRole": "owner", "backgroundColor": "#9fe1e7", "foregroundColor": "#000000",
             "colorId": "14", "timeZone": "Europe/Athens"},
            {"id": "en.greek#holiday@group.v.calendar.google.com", "summary": "Holidays in Greece",
             "summaryOverride": "Αργίες", "accessRole": "reader"},
            {"id": "x@group.calendar.google.com"}
        ],
        "nextPageToken": "p2"
    }))
    .expect("valid list");
    assert_eq!(list.next_page_token.as_deref(), Some("p2"));
    let [me, holidays, bare] = &list.items[..] else {
        panic!("three entries")
    };
    assert!(me.primary);
    assert_eq!(me.name(), "Me");
    assert_eq!(me.background_color.as_deref(), Some("#9fe1e7"));
    assert_eq!(holidays.name(), "Αργίες");
    assert!(!holidays.primary);
    assert_eq!(bare.name(), "x@group.calendar.google.com");
}

/// The agenda kept offline (`ui::calendar::offline`) is written with `Serialize` and read
/// back with the same `Deserialize` that reads Google: nothing may be lost on the way.
#[test]
fn events_and_calendars_read_back_what_they_write() {
    let event: Event = serde_json::from_value(json!({
        "id": "e1", "status": "confirmed", "summary": "Review", "description": "Agenda",
        "location": "Room 3", "htmlLink": "https://x.test/e", "hangoutLink": "https://meet.test/a",
        "conferenceData": {"entryPoints": [{"entryPointType": "video", "uri": "https://meet.test/b"}]},
        "start": {"dateTime": "2026-11-24T13:00:00+02:00", "timeZone": "Europe/Athens"},
        "end": {"date": "2026-11-25"},
        "attendees": [{"email": "me@example.com", "self": true, "responseStatus": "declined"}],
        "eventType": "workingLocation",
        "workingLocationProperties": {"type": "officeLocation", "officeLocation": {"label": "HQ"}},
        "organizer": {"self": true},
        "recurringEventId": "r1"
    }))
    .expect("event");
    let written = serde_json::to_value(&event).expect("write");
    let read: Event = serde_json::from_value(written).expect("read back");
    assert_eq!(read, event);

    let entry: CalendarListEntry = serde_json::from_value(json!({
        "id": "c1", "summary": "Work", "summaryOverride": "Mine", "backgroundColor": "#112233",
        "primary": true, "selected": true, "accessRole": "freeBusyReader"
    }))
    .expect("entry");
    let read: CalendarListEntry =
        serde_json::from_value(serde_json::to_value(&entry).expect("write")).expect("read");
    assert_eq!(read, entry);
}
