//! Each range shows only its own days: Today only today's rows, 7 days only those 7, with
//! late, multi-day and working-location events clipped to the range.

use super::agenda::{group, range_bounds, OffsetAt};
use super::test_events::{all_day, at, cal, layout, timed};
use crate::time::Date;

fn dates(days: &[super::agenda::Day]) -> Vec<String> {
    days.iter()
        .filter(|d| !d.is_empty())
        .map(|d| d.date.to_string())
        .collect()
}

fn range(
    calendars: &[super::agenda::CalendarEvents],
    now: &str,
    days: i64,
    offset_at: OffsetAt,
) -> Vec<super::agenda::Day> {
    let now = at(now);
    let (_, end) = range_bounds(now, days, offset_at);
    group(calendars, now, end, offset_at)
}

fn working_location(day: &str) -> super::model::Event {
    let next = Date::parse(day).expect("date").add_days(1).to_string();
    serde_json::from_value(serde_json::json!({
        "summary": "Home", "eventType": "workingLocation",
        "workingLocationProperties": { "type": "homeOffice", "homeOffice": {} },
        "start": { "date": day }, "end": { "date": next }
    }))
    .expect("event")
}

#[test]
fn today_shows_only_today_with_the_first_part_of_a_late_event() {
    let london = |_: i64| 0;
    let calendars = [cal(
        "me",
        vec![
            timed("Late film", "2026-12-01T23:00:00Z", "2026-12-02T01:30:00Z"),
            all_day("Tomorrow's holiday", "2026-12-02", "2026-12-03"),
            timed(
                "Tomorrow early",
                "2026-12-02T00:30:00Z",
                "2026-12-02T01:00:00Z",
            ),
            all_day("Week away", "2026-11-30", "2026-12-05"),
            working_location("2026-12-02"),
        ],
    )];
    let days = range(&calendars, "2026-12-01T10:00:00Z", 1, &london);
    assert_eq!(dates(&days), ["2026-12-01"], "no Tomorrow heading");
    assert_eq!(
        layout(&days, &calendars),
        [(
            "2026-12-01".to_string(),
            vec![
                "Week away 2/5 <>".to_string(),
                "Late film 1/2 >".to_string()
            ]
        )]
    );
    // The same event in 7 days: its tail is tomorrow's first row.
    let week = range(&calendars, "2026-12-01T10:00:00Z", 7, &london);
    let tomorrow = &layout(&week, &calendars)[1];
    assert_eq!(tomorrow.0, "2026-12-02");
    assert_eq!(
        tomorrow.1,
        [
            "Week away 3/5 <>",
            "Tomorrow's holiday",
            "Late film 2/2 <",
            "Tomorrow early"
        ]
    );
    assert_eq!(week[1].labels.len(), 1, "the working location is a label");
}

#[test]
fn seven_days_show_only_those_seven_days_in_the_users_zone() {
    // Los Angeles in winter; now is the evening of 1 December there (already 2 December UTC).
    let la = |_: i64| -480;
    let calendars = [cal(
        "me",
        vec![
            timed(
                "Last evening",
                "2026-12-08T05:00:00Z",
                "2026-12-08T10:00:00Z",
            ),
            timed("Eighth day", "2026-12-08T17:00:00Z", "2026-12-08T18:00:00Z"),
            all_day("Conference", "2026-12-06", "2026-12-10"),
            all_day("Day after", "2026-12-08", "2026-12-09"),
            timed(
                "Yesterday late",
                "2026-12-01T06:00:00Z",
                "2026-12-01T07:30:00Z",
            ),
        ],
    )];
    let days = range(&calendars, "2026-12-02T04:00:00Z", 7, &la);
    assert_eq!(days.len(), 7, "every day of the range, none more");
    assert_eq!(
        days.first().map(|d| d.date.to_string()).as_deref(),
        Some("2026-12-01")
    );
    assert_eq!(
        days.last().map(|d| d.date.to_string()).as_deref(),
        Some("2026-12-07")
    );
    let shown = layout(&days, &calendars);
    assert_eq!(
        shown,
        [
            (
                "2026-12-06".to_string(),
                vec!["Conference 1/4 >".to_string()]
            ),
            (
                "2026-12-07".to_string(),
                vec![
                    "Conference 2/4 <>".to_string(),
                    // 21:00 on the 7th to 02:00 on the 8th in Los Angeles: only its first part.
                    "Last evening 1/2 >".to_string()
                ]
            ),
        ]
    );
}

#[test]
fn range_bounds_are_local_midnights() {
    let tokyo = |_: i64| 540;
    let (start, end) = range_bounds(at("2026-12-01T20:00:00Z"), 7, &tokyo);
    assert_eq!(start, at("2026-12-02T00:00:00+09:00"));
    assert_eq!(end, at("2026-12-09T00:00:00+09:00"));
    // A nonsense length is one day, never an empty or backwards window.
    let (start, end) = range_bounds(at("2026-12-01T20:00:00Z"), 0, &tokyo);
    assert_eq!(end - start, 24 * 3_600_000);
}
