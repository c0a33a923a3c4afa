//! Everything that reads Calendar data from the network returns a value or an error for
//! any input and never panics: times (RFC 3339 date-times, dates, zone offsets), the JSON
//! shapes, and the agenda and rows built from whatever those hold.
//!
//! Cases: `PROPTEST_CASES` (proptest's own variable), else a modest default for CI.

use std::time::Instant;

use proptest::prelude::*;
use serde_json::json;

use super::agenda::{group, CalendarEvents};
use super::kind::working_location_text;
use super::model::{CalendarList, Event, EventDateTime, Events};
use super::row::Row;
use super::zone::{parse_gmt_offset, zone_place};
use crate::time::{parse_rfc3339, parse_rfc3339_with_offset, Date, TimeOfDay};

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(256);
    // No regression files: the suite must not write into the source tree.
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Any text, and text shaped almost like what Google sends (so the parsers get past their
/// first checks and into the fields).
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}",
        "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{0,12})?(Z|z|[+-][0-9]{2}:[0-9]{2}|)",
        "[0-9+:T.Z-]{0,40}",
        "(GMT|UTC)([+\u{2212}-][0-9]{0,3}(:[0-9]{0,3})?)?",
        "[A-Za-z_]{0,12}(/[A-Za-z_+0-9-]{0,14}){0,3}",
    ]
}

fn clock(t: TimeOfDay) -> String {
    t.hhmm()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn times_parse_or_fail_cleanly(s in text()) {
        let _ = parse_rfc3339(&s);
        if let Ok(t) = parse_rfc3339_with_offset(&s) {
            // What parses is a real instant at a real offset.
            prop_assert!(t.offset_minutes.abs() < 24 * 60);
        }
        if let Ok(d) = Date::parse(&s) {
            prop_assert_eq!(d.to_string(), s.clone());
        }
        let when = EventDateTime { date: Some(s.clone()), date_time: None, time_zone: Some(s.clone()) };
        let _ = when.parse();
        let when = EventDateTime { date: None, date_time: Some(s.clone()), time_zone: None };
        let _ = when.parse();
        if let Some(minutes) = parse_gmt_offset(&s) {
            prop_assert!(minutes.abs() < 24 * 60);
        }
        let _ = zone_place(&s, parse_gmt_offset(&s).unwrap_or(0));
    }

    #[test]
    fn json_shapes_parse_or_fail_cleanly(s in any::<String>()) {
        let _ = serde_json::from_str::<Events>(&s);
        let _ = serde_json::from_str::<CalendarList>(&s);
        let _ = serde_json::from_str::<Event>(&s);
    }

    /// Arbitrary strings in every time, zone and type field: the agenda and its rows are
    /// built without a panic, whatever the day or zone.
    #[test]
    fn agendas_of_arbitrary_events_build(
        fields in proptest::collection::vec((text(), text(), text(), text(), text()), 1..6),
        now in -10_000_000_000_000i64..10_000_000_000_000,
        offset in -1_440i32..1_440,
        zone_offset in proptest::option::of(-1_440i32..1_440),
        free_busy in any::<bool>(),
    ) {
        let events: Vec<Event> = fields
            .iter()
            .filter_map(|(start, end, zone, kind, label)| {
                serde_json::from_value(json!({
                    "summary": label,
                    "eventType": kind,
                    "start": { "dateTime": start, "date": end, "timeZone": zone },
                    "end": { "dateTime": end, "timeZone": zone },
                    "workingLocationProperties": { "type": kind, "customLocation": { "label": label } },
                }))
                .ok()
            })
            .collect();
        for event in &events {
            let _ = working_location_text(event);
        }
        let mut calendar = CalendarEvents::new("c", Some(offset.to_string()));
        calendar.free_busy = free_busy;
        calendar.events = events;
        let calendars = [calendar];
        let offset_at = |_: i64| offset;
        let days = group(&calendars, now, now.saturating_add(7 * 86_400_000), &offset_at);
        for item in days.iter().flat_map(|d| d.items.iter().chain(&d.labels)) {
            let row = Row::of(item, &calendars, &offset_at, &|_, _| zone_offset, &clock);
            prop_assert!(!row.title.is_empty());
        }
    }
}

/// Linear time: a megabyte of fraction digits or of JSON string is read in well under a
/// second (a quadratic parser would take minutes).
#[test]
fn long_inputs_are_read_in_linear_time() {
    let digits = "1".repeat(1 << 20);
    let started = Instant::now();
    assert!(parse_rfc3339(&format!("2026-12-01T10:00:00.{digits}Z")).is_ok());
    assert!(parse_gmt_offset(&format!("GMT+{digits}")).is_none());
    let summary = "x".repeat(1 << 20);
    let page = json!({ "items": [{ "summary": summary, "start": { "dateTime": "2026-12-01T10:00:00Z" } }] });
    let parsed: Events = serde_json::from_str(&page.to_string()).expect("a page");
    assert_eq!(parsed.items.len(), 1);
    assert!(
        started.elapsed().as_secs_f64() < 2.0,
        "{:?}",
        started.elapsed()
    );
}
