use serde_json::json;

use super::*;
use crate::calendar::test_zones::{athens, los_angeles, tokyo};
use crate::time::parse_rfc3339;

fn zones(zone: &str, t: i64) -> Option<i32> {
    match zone {
        "Europe/Athens" => Some(athens(t)),
        "America/Los_Angeles" => Some(los_angeles(t)),
        "Asia/Tokyo" => Some(tokyo(t)),
        "UTC" => Some(0),
        _ => None,
    }
}

fn anywhere(_: &str) -> bool {
    true
}

fn form(start: &str, end: &str, zone: &str) -> EventForm {
    EventForm {
        title: "Dentist".into(),
        start: start.into(),
        end: end.into(),
        time_zone: zone.into(),
        calendar_id: "primary".into(),
        ..EventForm::default()
    }
}

fn at(text: &str) -> i64 {
    parse_rfc3339(text).unwrap_or(i64::MIN)
}

#[test]
fn timed_events_are_written_with_the_offset_of_their_zone_east_and_west() {
    let tokyo = form("2026-12-03T10:00", "2026-12-03T11:30", "Asia/Tokyo")
        .check(&zones, &anywhere)
        .unwrap_or_else(|e| panic!("{e:?}"));
    let body = insert_body(&tokyo, "abc12345");
    assert_eq!(
        body["start"],
        json!({"dateTime": "2026-12-03T10:00:00+09:00", "timeZone": "Asia/Tokyo"})
    );
    assert_eq!(body["end"]["dateTime"], "2026-12-03T11:30:00+09:00");
    assert_eq!(body["id"], "abc12345");
    assert_eq!(body["summary"], "Dentist");
    assert_eq!(body["reminders"], json!({"useDefault": true}));
    let west = form(
        "2026-12-03T10:00",
        "2026-12-03T11:00",
        "America/Los_Angeles",
    )
    .check(&zones, &anywhere)
    .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        insert_body(&west, "x")["start"]["dateTime"],
        "2026-12-03T10:00:00-08:00"
    );
}

#[test]
fn across_a_dst_change_each_end_takes_its_own_offset() {
    // Athens leaves summer time at 04:00 local on 2026-10-25.
    let night = form("2026-10-24T23:00", "2026-10-25T09:00", "Europe/Athens")
        .check(&zones, &anywhere)
        .unwrap_or_else(|e| panic!("{e:?}"));
    let body = insert_body(&night, "x");
    assert_eq!(body["start"]["dateTime"], "2026-10-24T23:00:00+03:00");
    assert_eq!(body["end"]["dateTime"], "2026-10-25T09:00:00+02:00");
    assert_eq!(
        night.end,
        Moment::Instant(at("2026-10-25T07:00:00Z"), 120),
        "11 hours, not 10"
    );
    // 03:30 on 2026-03-29 does not exist in Athens (03:00 -> 04:00): it lands after the gap.
    let (utc, offset) = wall_to_utc(
        Date::new(2026, 3, 29).unwrap_or(Date::from_days_since_epoch(0)),
        3 * 60 + 30,
        "Europe/Athens",
        &zones,
    )
    .unwrap_or((0, 0));
    assert_eq!((utc, offset), (at("2026-03-29T01:30:00Z"), 180));
}

#[test]
fn all_day_events_use_dates_with_an_exclusive_end() {
    let mut trip = form("2026-12-03", "2026-12-05", "Europe/Athens");
    trip.all_day = true;
    let checked = trip
        .check(&zones, &anywhere)
        .unwrap_or_else(|e| panic!("{e:?}"));
    let body = insert_body(&checked, "x");
    assert_eq!(body["start"], json!({"date": "2026-12-03"}));
    assert_eq!(body["end"], json!({"date": "2026-12-06"}));
    // One day: start and end the same day in the form.
    let mut one = form("2026-12-03", "2026-12-03", "");
    one.all_day = true;
    let body = insert_body(
        &one.check(&zones, &anywhere)
            .unwrap_or_else(|e| panic!("{e:?}")),
        "x",
    );
    assert_eq!(body["end"], json!({"date": "2026-12-04"}));
}

#[test]
fn bad_input_is_said_by_its_field_all_at_once() {
    let mut bad = form("2026-12-03T10:00", "2026-12-03T09:00", "Europe/Athens");
    bad.guests = "ana@example.com, not an address".into();
    bad.title = String::new();
    let errors = bad
        .check(&zones, &|id| id != "primary")
        .err()
        .unwrap_or_default();
    let fields: Vec<Field> = errors.iter().map(|e| e.field).collect();
    assert_eq!(fields, [Field::End, Field::Calendar, Field::Guests]);
    assert_eq!(errors[0].message, "The event ends before it starts.");
    let unknown = form("2026-12-03T10:00", "2026-12-03T11:00", "Mars/Olympus")
        .check(&zones, &anywhere)
        .err()
        .unwrap_or_default();
    assert_eq!(unknown.len(), 1);
    assert_eq!(unknown[0].field, Field::TimeZone);
    let garbled = form("tomorrow", "", "UTC")
        .check(&zones, &anywhere)
        .err()
        .unwrap_or_default();
    assert_eq!(
        garbled.iter().map(|e| e.field).collect::<Vec<_>>(),
        [Field::Start, Field::End]
    );
    // An empty title is allowed: Google shows "(No title)".
    let untitled = EventForm {
        title: "  ".into(),
        ..form("2026-12-03T10:00", "2026-12-03T11:00", "UTC")
    };
    let body = insert_body(
        &untitled
            .check(&zones, &anywhere)
            .unwrap_or_else(|e| panic!("{e:?}")),
        "x",
    );
    assert!(body.get("summary").is_none());
}

#[test]
fn guests_video_and_reminders() {
    let mut meeting = form("2026-12-03T10:00", "2026-12-03T11:00", "UTC");
    meeting.guests = "Ana <ana@example.com>, bo@example.org".into();
    meeting.video = true;
    meeting.reminder = Some(30);
    let body = insert_body(
        &meeting
            .check(&zones, &anywhere)
            .unwrap_or_else(|e| panic!("{e:?}")),
        "evt1",
    );
    assert_eq!(
        body["attendees"],
        json!([{"email": "ana@example.com"}, {"email": "bo@example.org"}])
    );
    assert_eq!(
        body["conferenceData"]["createRequest"],
        json!({"requestId": "evt1", "conferenceSolutionKey": {"type": "hangoutsMeet"}})
    );
    assert_eq!(
        body["reminders"],
        json!({"useDefault": false, "overrides": [{"method": "popup", "minutes": 30}]})
    );
}

#[test]
fn a_patch_carries_only_what_changed_and_keeps_guests_answers() {
    let mut before_form = form("2026-12-03T10:00", "2026-12-03T11:00", "Europe/Athens");
    before_form.guests = "ana@example.com".into();
    before_form.location = "Room 1".into();
    let before = before_form
        .check(&zones, &anywhere)
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(patch_body(&before, &before, &[], "r"), None);
    let mut moved = before_form.clone();
    moved.start = "2026-12-03T12:00".into();
    moved.end = "2026-12-03T13:00".into();
    moved.location = String::new();
    moved.guests = "ana@example.com, bo@example.org".into();
    let after = moved
        .check(&zones, &anywhere)
        .unwrap_or_else(|e| panic!("{e:?}"));
    let known = [json!({"email": "Ana@example.com", "responseStatus": "accepted"})];
    let body = patch_body(&before, &after, &known, "r").unwrap_or_default();
    let keys: Vec<&String> = body
        .as_object()
        .map(|o| o.keys().collect())
        .unwrap_or_default();
    assert_eq!(keys, ["attendees", "end", "location", "start"]);
    assert_eq!(body["location"], "");
    assert_eq!(body["start"]["dateTime"], "2026-12-03T12:00:00+02:00");
    assert_eq!(
        body["attendees"],
        json!([{"email": "Ana@example.com", "responseStatus": "accepted"}, {"email": "bo@example.org"}])
    );
}

#[test]
fn an_event_fills_the_form_in_its_own_zone() {
    let event = json!({
        "summary": "Standup",
        "start": {"dateTime": "2026-12-03T08:00:00Z", "timeZone": "America/Los_Angeles"},
        "end": {"dateTime": "2026-12-03T08:15:00Z", "timeZone": "America/Los_Angeles"},
        "attendees": [{"email": "me@x", "self": true}, {"email": "ana@x"}],
        "reminders": {"useDefault": false, "overrides": [{"method": "popup", "minutes": 10}]},
        "hangoutLink": "https://meet.google.com/abc-defg-hij"
    });
    let form = form_from_event(&event, "primary", "Europe/Athens", &zones);
    assert_eq!(form.start, "2026-12-03T00:00");
    assert_eq!(form.end, "2026-12-03T00:15");
    assert_eq!(form.time_zone, "America/Los_Angeles");
    assert_eq!(form.guests, "ana@x");
    assert_eq!(form.reminder, Some(10));
    assert!(form.video && !form.all_day);
    let day = json!({"start": {"date": "2026-12-03"}, "end": {"date": "2026-12-05"}});
    let form = form_from_event(&day, "primary", "Europe/Athens", &zones);
    assert!(form.all_day);
    assert_eq!(
        (form.start.as_str(), form.end.as_str()),
        ("2026-12-03", "2026-12-04")
    );
    assert_eq!(form.time_zone, "Europe/Athens");
}

#[test]
fn answers_change_only_the_users_own_entry() {
    let event = json!({"attendees": [
        {"email": "org@x", "organizer": true, "responseStatus": "accepted"},
        {"email": "me@x", "self": true, "responseStatus": "needsAction", "comment": "hi"},
    ]});
    let body = answer_body(&event, Answer::Maybe).unwrap_or_default();
    assert_eq!(
        body,
        json!({"attendees": [
            {"email": "org@x", "organizer": true, "responseStatus": "accepted"},
            {"email": "me@x", "self": true, "responseStatus": "tentative", "comment": "hi"},
        ]})
    );
    assert_eq!(
        answer_body(&json!({"attendees": [{"email": "a@x"}]}), Answer::Yes),
        None
    );
    assert_eq!(answer_body(&json!({}), Answer::No), None);
    assert_eq!(Answer::from_status("declined"), Some(Answer::No));
    assert_eq!(Answer::from_status("needsAction"), None);
}

#[test]
fn this_and_following_ends_the_series_before_the_instance() {
    let rule = ["RRULE:FREQ=WEEKLY;BYDAY=TH;COUNT=10".to_string()];
    let instant = Moment::Instant(at("2026-12-03T08:00:00Z"), 120);
    assert_eq!(
        end_series_before(&rule, &instant),
        ["RRULE:FREQ=WEEKLY;BYDAY=TH;UNTIL=20261203T075959Z"]
    );
    let day = Moment::Date(Date::new(2026, 12, 3).unwrap_or(Date::from_days_since_epoch(0)));
    assert_eq!(
        end_series_before(&["RRULE:FREQ=DAILY;UNTIL=20270101".into()], &day),
        ["RRULE:FREQ=DAILY;UNTIL=20261202"]
    );
    assert_eq!(
        series_from_here(&[
            "RRULE:FREQ=WEEKLY;UNTIL=20270101T000000Z;BYDAY=TH".into(),
            "EXDATE:20261210T080000Z".into()
        ]),
        ["RRULE:FREQ=WEEKLY;BYDAY=TH"]
    );
}

#[test]
fn ids_use_googles_alphabet() {
    let id = event_id(&[0xff; 16]);
    assert_eq!(id.len(), 26);
    assert!(id.chars().all(|c| matches!(c, '0'..='9' | 'a'..='v')));
    assert_eq!(event_id(&[0; 16]), "0".repeat(26));
    assert_ne!(event_id(&[1; 16]), event_id(&[2; 16]));
}

#[test]
fn new_forms_start_at_the_next_hour_or_nine_on_the_chosen_day() {
    let now = at("2026-12-02T10:20:00Z");
    let f = new_form(now, "Europe/Athens", 120, "primary", None);
    assert_eq!(
        (f.start.as_str(), f.end.as_str()),
        ("2026-12-02T13:00", "2026-12-02T14:00")
    );
    let day = Date::new(2026, 12, 4);
    let f = new_form(now, "Europe/Athens", 120, "primary", day);
    assert_eq!(f.start, "2026-12-04T09:00");
    assert_eq!(
        parse_local("2026-12-04T09:00"),
        Date::new(2026, 12, 4).map(|d| (d, 540))
    );
    assert_eq!(parse_local("2026-12-04T24:00"), None);
}
