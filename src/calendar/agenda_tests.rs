use serde_json::json;

use super::agenda::*;
use super::model::{Event, Events};
use super::test_events::*;
use super::test_zones::{athens, los_angeles, new_york, tokyo, utc};
use crate::time::{format_rfc3339, HOUR_MS};

const NOW: &str = "2026-11-24T08:00:00Z";
const END: &str = "2026-11-28T00:00:00Z";

#[test]
fn all_day_end_date_is_exclusive() {
    let cals = [cal(
        "a",
        vec![all_day("Holiday", "2026-11-24", "2026-11-25")],
    )];
    assert_eq!(
        agenda(&cals, NOW, END, &utc),
        expect(&[("2026-11-24", &["Holiday"])])
    );
    // Every day of the range is present, empty ones included.
    let days = group(&cals, at(NOW), at(END), &utc);
    let dates: Vec<String> = days.iter().map(|d| d.date.to_string()).collect();
    assert_eq!(
        dates,
        ["2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27"]
    );
    let item = days[0].items[0];
    assert_eq!(
        item.kind,
        ItemKind::AllDay {
            start: date("2026-11-24"),
            end: date("2026-11-25")
        }
    );
    assert!(item.is_all_day() && !item.past && (item.day_n, item.day_count) == (1, 1));
    // Missing or backwards end dates count as one day.
    let odd = [cal(
        "a",
        vec![all_day("Backwards", "2026-11-25", "2026-11-24"), {
            let mut e = all_day("No end", "2026-11-26", "x");
            e.end = None;
            e
        }],
    )];
    assert_eq!(
        agenda(&odd, NOW, END, &utc),
        expect(&[("2026-11-25", &["Backwards"]), ("2026-11-26", &["No end"])])
    );
}

#[test]
fn multi_day_all_day_event_is_day_n_of_m() {
    let cals = [cal("a", vec![all_day("Trip", "2026-11-24", "2026-11-27")])];
    assert_eq!(
        agenda(&cals, NOW, END, &utc),
        expect(&[
            ("2026-11-24", &["Trip 1/3 >"]),
            ("2026-11-25", &["Trip 2/3 <>"]),
            ("2026-11-26", &["Trip 3/3 <"]),
        ])
    );
    // Started before today: numbering still counts from the event's first day.
    assert_eq!(
        agenda(&cals, "2026-11-25T12:00:00Z", END, &utc),
        expect(&[
            ("2026-11-25", &["Trip 2/3 <>"]),
            ("2026-11-26", &["Trip 3/3 <"])
        ])
    );
    // The range ends mid-trip.
    assert_eq!(
        agenda(&cals, NOW, "2026-11-25T00:00:00Z", &utc),
        expect(&[("2026-11-24", &["Trip 1/3 >"])])
    );
}

#[test]
fn timed_event_crossing_midnight_is_on_both_days() {
    let cals = [cal(
        "a",
        vec![timed(
            "Party",
            "2026-11-24T22:00:00+02:00",
            "2026-11-25T02:00:00+02:00",
        )],
    )];
    assert_eq!(
        agenda(
            &cals,
            "2026-11-24T10:00:00+02:00",
            "2026-11-27T00:00:00+02:00",
            &athens
        ),
        expect(&[
            ("2026-11-24", &["Party 1/2 >"]),
            ("2026-11-25", &["Party 2/2 <"])
        ])
    );
    // The same instant for a user in New York is an afternoon event on one day.
    assert_eq!(
        agenda(
            &cals,
            "2026-11-24T10:00:00-05:00",
            "2026-11-27T00:00:00-05:00",
            &new_york
        ),
        expect(&[("2026-11-24", &["Party"])])
    );
}

#[test]
fn event_ending_exactly_at_midnight_stays_on_its_day() {
    let cals = [cal(
        "a",
        vec![
            timed("Late", "2026-11-24T22:00:00Z", "2026-11-25T00:00:00Z"),
            // A zero-length event at midnight belongs to the day it marks.
            timed("Reminder", "2026-11-25T00:00:00Z", "2026-11-25T00:00:00Z"),
            // Ends at the second midnight: two days, not three.
            timed("Vigil", "2026-11-25T20:00:00Z", "2026-11-27T00:00:00Z"),
        ],
    )];
    assert_eq!(
        agenda(&cals, NOW, END, &utc),
        expect(&[
            ("2026-11-24", &["Late"]),
            ("2026-11-25", &["Reminder", "Vigil 1/2 >"]),
            ("2026-11-26", &["Vigil 2/2 <"]),
        ])
    );
}

#[test]
fn events_from_other_zones_land_on_the_users_local_day() {
    let cals = [cal(
        "a",
        vec![
            // 2026-11-24 19:00 in New York, 2026-11-25 02:00 in Athens.
            timed(
                "From Tokyo",
                "2026-11-25T09:00:00+09:00",
                "2026-11-25T10:00:00+09:00",
            ),
            // 2026-11-25 01:00 in New York, 08:00 in Athens.
            timed(
                "From LA",
                "2026-11-24T22:00:00-08:00",
                "2026-11-24T23:00:00-08:00",
            ),
        ],
    )];
    assert_eq!(
        agenda(
            &cals,
            "2026-11-24T09:00:00-05:00",
            "2026-11-27T00:00:00-05:00",
            &new_york
        ),
        expect(&[
            ("2026-11-24", &["From Tokyo"]),
            ("2026-11-25", &["From LA"])
        ])
    );
    assert_eq!(
        agenda(
            &cals,
            "2026-11-24T09:00:00+02:00",
            "2026-11-27T00:00:00+02:00",
            &athens
        ),
        expect(&[("2026-11-25", &["From Tokyo", "From LA"])])
    );
    // A user in Tokyo sees the LA event on the 25th at 15:00.
    assert_eq!(
        agenda(
            &cals,
            "2026-11-24T09:00:00+09:00",
            "2026-11-27T00:00:00+09:00",
            &tokyo
        ),
        expect(&[("2026-11-25", &["From Tokyo", "From LA"])])
    );
}

#[test]
fn all_day_event_has_the_same_date_behind_and_ahead_of_utc() {
    let cals = [cal(
        "a",
        vec![all_day("Birthday", "2026-11-24", "2026-11-25")],
    )];
    let minus_8 = |_: i64| -480;
    let plus_9 = |_: i64| 540;
    let west = group(
        &cals,
        at("2026-11-24T10:00:00-08:00"),
        at("2026-11-27T00:00:00-08:00"),
        &minus_8,
    );
    let east = group(
        &cals,
        at("2026-11-24T10:00:00+09:00"),
        at("2026-11-27T00:00:00+09:00"),
        &plus_9,
    );
    let expected = expect(&[("2026-11-24", &["Birthday"])]);
    assert_eq!(layout(&west, &cals), expected);
    assert_eq!(layout(&east, &cals), expected);
    // Late on the 24th in LA (already the 25th in UTC) it is still today's event.
    assert_eq!(
        agenda(
            &cals,
            "2026-11-24T23:30:00-08:00",
            "2026-11-27T00:00:00-08:00",
            &los_angeles
        ),
        expected
    );
    // Early on the 25th in Tokyo (still the 24th in UTC) it is gone.
    assert_eq!(
        agenda(
            &cals,
            "2026-11-25T00:30:00+09:00",
            "2026-11-27T00:00:00+09:00",
            &tokyo
        ),
        expect(&[])
    );
}

#[test]
fn cancelled_and_unplaceable_events_are_absent() {
    let mut cancelled = timed("Cancelled", "2026-11-24T10:00:00Z", "2026-11-24T11:00:00Z");
    cancelled.status = Some("cancelled".into());
    let bare: Event =
        serde_json::from_value(json!({"id": "x", "status": "cancelled"})).expect("event");
    let no_start: Event = serde_json::from_value(json!({"summary": "No start"})).expect("event");
    let bad = timed("Bad", "tomorrow at ten", "2026-11-24T11:00:00Z");
    let mut tentative = timed("Tentative", "2026-11-24T10:00:00Z", "2026-11-24T11:00:00Z");
    tentative.status = Some("tentative".into());
    let cals = [cal("a", vec![cancelled, bare, no_start, bad, tentative])];
    assert_eq!(
        agenda(&cals, NOW, END, &utc),
        expect(&[("2026-11-24", &["Tentative"])])
    );
}

#[test]
fn declined_invitations_are_flagged() {
    let event = |title: &str, attendees: serde_json::Value| -> Event {
        serde_json::from_value(json!({
            "summary": title,
            "start": {"dateTime": "2026-11-24T10:00:00Z"}, "end": {"dateTime": "2026-11-24T11:00:00Z"},
            "attendees": attendees
        }))
        .expect("event")
    };
    let cals = [cal(
        "a",
        vec![
            event(
                "No",
                json!([{"email": "a@x", "responseStatus": "accepted"}, {"email": "me@x", "self": true, "responseStatus": "declined"}]),
            ),
            event(
                "Someone else said no",
                json!([{"email": "a@x", "responseStatus": "declined"}, {"email": "me@x", "self": true, "responseStatus": "accepted"}]),
            ),
            event(
                "Yes",
                json!([{"email": "me@x", "self": true, "responseStatus": "needsAction"}]),
            ),
        ],
    )];
    assert_eq!(
        agenda(&cals, NOW, END, &utc),
        expect(&[(
            "2026-11-24",
            &["No declined", "Someone else said no", "Yes"]
        )])
    );
}

#[test]
fn past_events_of_today_stay_marked_and_the_now_line_falls_after_started_ones() {
    let cals = [
        cal(
            "a",
            vec![
                timed("Yesterday", "2026-11-23T10:00:00Z", "2026-11-23T11:00:00Z"),
                timed("Overnight", "2026-11-23T22:00:00Z", "2026-11-24T01:00:00Z"),
                timed("Breakfast", "2026-11-24T08:00:00Z", "2026-11-24T09:00:00Z"),
                timed("Lunch", "2026-11-24T13:00:00Z", "2026-11-24T14:00:00Z"),
            ],
        ),
        cal(
            "b",
            vec![
                all_day("Holiday", "2026-11-24", "2026-11-25"),
                timed("Ongoing", "2026-11-24T11:00:00Z", "2026-11-24T13:00:00Z"),
                all_day("Last week", "2026-11-16", "2026-11-17"),
            ],
        ),
    ];
    let now = at("2026-11-24T12:00:00Z");
    let days = group(&cals, now, at(END), &utc);
    assert_eq!(
        layout(&days, &cals),
        expect(&[(
            "2026-11-24",
            &[
                "Holiday",
                "Overnight 2/2 < past",
                "Breakfast past",
                "Ongoing",
                "Lunch"
            ]
        )])
    );
    let today = &days[0].items;
    assert_eq!(now_line_index(today, now), 4);
    assert_eq!(now_line_index(today, at("2026-11-24T00:30:00Z")), 2);
    assert_eq!(now_line_index(today, at("2026-11-24T23:00:00Z")), 5);
    assert_eq!(now_line_index(&[], now), 0);
    // Calendar and event are reachable from the item.
    let ongoing = today[3];
    assert_eq!(
        ongoing.calendar(&cals).map(|c| c.calendar_id.as_str()),
        Some("b")
    );
    assert_eq!(
        ongoing.event(&cals).and_then(|e| e.title()),
        Some("Ongoing")
    );
    assert_eq!(
        ongoing.kind,
        ItemKind::Timed {
            start_ms: at("2026-11-24T11:00:00Z"),
            end_ms: at("2026-11-24T13:00:00Z")
        }
    );
    assert_eq!(ongoing.event(&[]), None);
}

#[test]
fn items_sort_all_day_first_then_start_then_title() {
    let cals = [
        cal(
            "a",
            vec![
                timed("B", "2026-11-24T09:00:00Z", "2026-11-24T10:00:00Z"),
                all_day("Zed", "2026-11-24", "2026-11-25"),
            ],
        ),
        cal(
            "b",
            vec![
                timed("A", "2026-11-24T09:00:00Z", "2026-11-24T09:30:00Z"),
                timed("Early", "2026-11-24T08:30:00Z", "2026-11-24T08:45:00Z"),
                all_day("Long", "2026-11-20", "2026-11-26"),
                all_day("Alpha", "2026-11-24", "2026-11-25"),
            ],
        ),
    ];
    assert_eq!(
        agenda(&cals, NOW, "2026-11-25T00:00:00Z", &utc),
        expect(&[(
            "2026-11-24",
            &["Long 5/6 <>", "Alpha", "Zed", "Early", "A", "B"]
        )])
    );
}

#[test]
fn range_bounds() {
    let cals = [cal(
        "a",
        vec![
            timed("At the end", "2026-11-28T00:00:00Z", "2026-11-28T01:00:00Z"),
            timed(
                "Before the end",
                "2026-11-27T23:00:00Z",
                "2026-11-28T01:00:00Z",
            ),
        ],
    )];
    // `range_end` is exclusive, and the days stop before it.
    assert_eq!(
        agenda(&cals, NOW, END, &utc),
        expect(&[("2026-11-27", &["Before the end 1/2 >"])])
    );
    // A range ending mid-day includes that day.
    let days = group(&cals, at(NOW), at("2026-11-28T00:30:00Z"), &utc);
    assert_eq!(days.last().map(|d| d.date), Some(date("2026-11-28")));
    assert_eq!(
        layout(&days, &cals).last().map(|d| d.1.clone()),
        Some(vec![
            "Before the end 2/2 <".to_string(),
            "At the end".to_string()
        ])
    );
    // Nothing when the range ended before today began; just today when it ends today.
    assert!(group(&cals, at(NOW), at("2026-11-23T12:00:00Z"), &utc).is_empty());
    assert_eq!(
        group(&cals, at(NOW), at("2026-11-24T09:00:00Z"), &utc).len(),
        1
    );
    assert!(group(&cals, at(NOW), i64::MIN, &utc).is_empty());
}

#[test]
fn day_labels() {
    let today = date("2026-12-31");
    assert_eq!(day_label(today, today), DayLabel::Today);
    assert_eq!(day_label(date("2027-01-01"), today), DayLabel::Tomorrow);
    assert_eq!(
        day_label(date("2027-01-02"), today),
        DayLabel::Other(date("2027-01-02"))
    );
    assert_eq!(
        day_label(date("2026-12-30"), today),
        DayLabel::Other(date("2026-12-30"))
    );
}

#[test]
fn paged_calendars_merge_in_start_order() {
    let page = |items: Vec<Event>, next: Option<&str>| Events {
        items,
        next_page_token: next.map(String::from),
    };
    let mut a = CalendarEvents::new("a@x", Some("#ff0000".into()));
    let mut b = CalendarEvents::new("en.greek#holiday@group.v.calendar.google.com", None);
    let t1 = a.push_page(page(
        vec![
            timed("A1", "2026-11-24T09:00:00Z", "2026-11-24T10:00:00Z"),
            timed("A2", "2026-11-24T11:00:00Z", "2026-11-24T12:00:00Z"),
        ],
        Some("a-p2"),
    ));
    let t2 = b.push_page(page(
        vec![
            all_day("B0", "2026-11-24", "2026-11-25"),
            timed("B1", "2026-11-24T10:00:00Z", "2026-11-24T10:30:00Z"),
        ],
        Some("b-p2"),
    ));
    let t3 = a.push_page(page(
        vec![timed("A3", "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z")],
        Some(""),
    ));
    let t4 = b.push_page(page(
        vec![
            timed("B2", "2026-11-24T11:00:00+00:00", "2026-11-24T11:15:00Z"),
            timed("B3", "2026-11-24T05:00:00-05:00", "2026-11-24T11:00:00Z"),
        ],
        None,
    ));
    assert_eq!(
        (t1.as_deref(), t2.as_deref(), t3, t4),
        (Some("a-p2"), Some("b-p2"), None, None)
    );
    let cals = [a, b];
    // B0 is all day (first); B3 is 10:00Z written at −05:00, so it sorts with B1 by title.
    assert_eq!(
        agenda(&cals, NOW, END, &athens),
        expect(&[
            ("2026-11-24", &["B0", "A1", "B1", "B3", "A2", "B2"]),
            ("2026-11-25", &["A3"]),
        ])
    );
}

/// 2,500 events over 30 days in five calendars: 2,400 one-hour meetings and 100 three-day
/// all-day events, 2,700 items in all.
#[test]
fn groups_2500_events_quickly() {
    let today = date("2026-11-24");
    let offset = -300; // New York in winter, no DST change in the range.
    let mut cals: Vec<CalendarEvents> = (0..5)
        .map(|c| cal(&format!("cal{c}@x"), Vec::new()))
        .collect();
    for i in 0..2500i64 {
        let event = if i % 25 == 0 {
            let start = today.add_days(i % 25 + (i / 25) % 25);
            all_day(
                &format!("Trip {i}"),
                &start.to_string(),
                &start.add_days(3).to_string(),
            )
        } else {
            let day = today.add_days(i % 30);
            let start =
                super::agenda::local_midnight_utc(day, &new_york) + (8 + (i / 30) % 12) * HOUR_MS;
            timed(
                &format!("Meeting {i}"),
                &format_rfc3339(start, offset),
                &format_rfc3339(start + HOUR_MS, offset),
            )
        };
        cals[(i % 5) as usize].events.push(event);
    }
    let now = at("2026-11-24T07:00:00-05:00");
    let end = super::agenda::local_midnight_utc(today.add_days(30), &new_york);
    let started = std::time::Instant::now();
    let days = group(&cals, now, end, &new_york);
    let elapsed = started.elapsed();
    let fixed = |_: i64| -300;
    let started_fixed = std::time::Instant::now();
    let same = group(&cals, now, end, &fixed);
    eprintln!(
        "grouped 2,500 events in {elapsed:?} ({:?} with a fixed offset)",
        started_fixed.elapsed()
    );
    assert_eq!(same, days);
    assert_eq!(days.len(), 30);
    assert_eq!(
        days.iter().map(|d| d.items.len()).sum::<usize>(),
        2400 + 100 * 3
    );
    for day in &days {
        for pair in day.items.windows(2) {
            let key = |i: &AgendaItem| match i.kind {
                ItemKind::AllDay { .. } => i64::MIN,
                ItemKind::Timed { start_ms, .. } => start_ms,
            };
            assert!(key(&pair[0]) <= key(&pair[1]));
        }
    }
    // Generous bound for unoptimised debug builds on a busy machine.
    assert!(elapsed.as_millis() < 500, "{elapsed:?}");
}
