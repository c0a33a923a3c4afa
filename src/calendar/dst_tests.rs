//! Days cut at local midnights across DST changes, in New York and Athens, and the odd zones
//! whose clocks jump over (or back across) midnight itself.

use super::agenda::{group, local_date, local_midnight_utc, OffsetAt};
use super::test_events::*;
use super::test_zones::{athens, new_york};
use crate::time::HOUR_MS;

fn day_length_hours(day: &str, zone: OffsetAt) -> i64 {
    let d = date(day);
    (local_midnight_utc(d.add_days(1), zone) - local_midnight_utc(d, zone)) / HOUR_MS
}

#[test]
fn new_york_midnights_and_day_lengths() {
    assert_eq!(
        local_midnight_utc(date("2026-03-08"), &new_york),
        at("2026-03-08T05:00:00Z")
    );
    assert_eq!(
        local_midnight_utc(date("2026-03-09"), &new_york),
        at("2026-03-09T04:00:00Z")
    );
    assert_eq!(day_length_hours("2026-03-08", &new_york), 23);
    assert_eq!(
        local_midnight_utc(date("2026-11-01"), &new_york),
        at("2026-11-01T04:00:00Z")
    );
    assert_eq!(
        local_midnight_utc(date("2026-11-02"), &new_york),
        at("2026-11-02T05:00:00Z")
    );
    assert_eq!(day_length_hours("2026-11-01", &new_york), 25);
    assert_eq!(day_length_hours("2026-11-02", &new_york), 24);
}

#[test]
fn athens_midnights_and_day_lengths() {
    assert_eq!(
        local_midnight_utc(date("2026-03-29"), &athens),
        at("2026-03-28T22:00:00Z")
    );
    assert_eq!(
        local_midnight_utc(date("2026-03-30"), &athens),
        at("2026-03-29T21:00:00Z")
    );
    assert_eq!(day_length_hours("2026-03-29", &athens), 23);
    assert_eq!(
        local_midnight_utc(date("2026-10-25"), &athens),
        at("2026-10-24T21:00:00Z")
    );
    assert_eq!(day_length_hours("2026-10-25", &athens), 25);
}

/// Every midnight of 2026 begins its date, and only the two change days are not 24 hours.
#[test]
fn every_day_of_the_year_in_both_zones() {
    for (zone, short, long) in [
        (&new_york as OffsetAt, "2026-03-08", "2026-11-01"),
        (&athens, "2026-03-29", "2026-10-25"),
    ] {
        let mut d = date("2026-01-01");
        while d.year == 2026 {
            let m = local_midnight_utc(d, zone);
            assert_eq!(local_date(m, zone), d);
            assert_eq!(local_date(m - 1, zone), d.add_days(-1));
            let hours = day_length_hours(&d.to_string(), zone);
            let expected = if d == date(short) {
                23
            } else if d == date(long) {
                25
            } else {
                24
            };
            assert_eq!(hours, expected, "{d}");
            d = d.add_days(1);
        }
    }
}

#[test]
fn new_york_spring_forward_day() {
    let cals = [cal(
        "a",
        vec![
            timed(
                "Just after midnight",
                "2026-03-08T00:15:00-05:00",
                "2026-03-08T00:45:00-05:00",
            ),
            // 01:30 EST to 03:30 EDT: one hour long, across the jump.
            timed(
                "Across the jump",
                "2026-03-08T01:30:00-05:00",
                "2026-03-08T03:30:00-04:00",
            ),
            // 23:30 EDT is 03:30Z on the 9th: a day cut at "midnight + 24 h" would misplace it.
            timed(
                "Late",
                "2026-03-08T23:30:00-04:00",
                "2026-03-08T23:59:00-04:00",
            ),
            timed(
                "Ends at midnight",
                "2026-03-08T22:00:00-04:00",
                "2026-03-09T00:00:00-04:00",
            ),
            timed(
                "Next day",
                "2026-03-09T00:00:00-04:00",
                "2026-03-09T01:00:00-04:00",
            ),
        ],
    )];
    assert_eq!(
        agenda(
            &cals,
            "2026-03-08T12:00:00-04:00",
            "2026-03-10T00:00:00-04:00",
            &new_york
        ),
        expect(&[
            (
                "2026-03-08",
                &[
                    "Just after midnight past",
                    "Across the jump past",
                    "Ends at midnight",
                    "Late"
                ]
            ),
            ("2026-03-09", &["Next day"]),
        ])
    );
}

#[test]
fn new_york_fall_back_day() {
    let cals = [cal(
        "a",
        vec![
            // Ends 30 minutes into the 25-hour day: today began at 04:00Z, not 05:00Z.
            timed(
                "Halloween party",
                "2026-10-31T23:00:00-04:00",
                "2026-11-01T00:30:00-04:00",
            ),
            timed(
                "First 01:30",
                "2026-11-01T01:30:00-04:00",
                "2026-11-01T01:45:00-04:00",
            ),
            timed(
                "Second 01:30",
                "2026-11-01T01:30:00-05:00",
                "2026-11-01T01:45:00-05:00",
            ),
            timed(
                "Late",
                "2026-11-01T23:30:00-05:00",
                "2026-11-01T23:45:00-05:00",
            ),
            timed(
                "Two days",
                "2026-11-01T20:00:00-05:00",
                "2026-11-03T00:00:00-05:00",
            ),
        ],
    )];
    assert_eq!(
        agenda(
            &cals,
            "2026-11-01T12:00:00-05:00",
            "2026-11-04T00:00:00-05:00",
            &new_york
        ),
        expect(&[
            (
                "2026-11-01",
                &[
                    "Halloween party 2/2 < past",
                    "First 01:30 past",
                    "Second 01:30 past",
                    "Two days 1/2 >",
                    "Late"
                ]
            ),
            ("2026-11-02", &["Two days 2/2 <"]),
        ])
    );
    let days = group(
        &cals,
        at("2026-11-01T12:00:00-05:00"),
        at("2026-11-04T00:00:00-05:00"),
        &new_york,
    );
    assert_eq!(days.len(), 3);
}

#[test]
fn athens_change_days() {
    let cals = [cal(
        "a",
        vec![
            timed(
                "Spring late",
                "2026-03-29T23:30:00+03:00",
                "2026-03-29T23:50:00+03:00",
            ),
            timed(
                "Spring next",
                "2026-03-30T00:10:00+03:00",
                "2026-03-30T00:20:00+03:00",
            ),
            timed(
                "Autumn early",
                "2026-10-25T00:10:00+03:00",
                "2026-10-25T00:20:00+03:00",
            ),
            timed(
                "Autumn late",
                "2026-10-25T23:30:00+02:00",
                "2026-10-25T23:50:00+02:00",
            ),
            timed(
                "Autumn next",
                "2026-10-26T00:10:00+02:00",
                "2026-10-26T00:20:00+02:00",
            ),
        ],
    )];
    assert_eq!(
        agenda(
            &cals,
            "2026-03-29T09:00:00+03:00",
            "2026-03-31T00:00:00+03:00",
            &athens
        ),
        expect(&[
            ("2026-03-29", &["Spring late"]),
            ("2026-03-30", &["Spring next"])
        ])
    );
    assert_eq!(
        agenda(
            &cals,
            "2026-10-25T00:00:00+03:00",
            "2026-10-27T00:00:00+02:00",
            &athens
        ),
        expect(&[
            ("2026-10-25", &["Autumn early", "Autumn late"]),
            ("2026-10-26", &["Autumn next"])
        ])
    );
}

/// Clocks jump from 00:00 straight to 01:00 (as Brazil's used to): the day begins at the jump.
#[test]
fn midnight_skipped_by_a_jump() {
    let jump = at("2026-10-31T15:00:00Z"); // 00:00 at +09:00 becomes 01:00 at +10:00
    let zone = move |t: i64| if t < jump { 540 } else { 600 };
    let d = date("2026-11-01");
    assert_eq!(local_midnight_utc(d, &zone), jump);
    assert_eq!(local_date(jump - 1, &zone), date("2026-10-31"));
    assert_eq!(local_date(jump, &zone), d);
    // The same with a western offset: 00:00 at −03:00 becomes 01:00 at −02:00.
    let jump = at("2026-11-01T03:00:00Z");
    let zone = move |t: i64| if t < jump { -180 } else { -120 };
    assert_eq!(local_midnight_utc(d, &zone), jump);
}

/// Clocks go back from 01:00 to 00:00 (as Cuba's do): midnight happens twice and the day
/// begins at the first.
#[test]
fn midnight_repeated_by_a_fall_back() {
    let back = at("2026-10-31T15:00:00Z"); // 01:00 at +10:00 becomes 00:00 at +09:00
    let zone = move |t: i64| if t < back { 600 } else { 540 };
    assert_eq!(
        local_midnight_utc(date("2026-11-01"), &zone),
        at("2026-10-31T14:00:00Z")
    );
    let back = at("2026-11-01T05:00:00Z"); // 01:00 at −04:00 becomes 00:00 at −05:00
    let zone = move |t: i64| if t < back { -240 } else { -300 };
    assert_eq!(
        local_midnight_utc(date("2026-11-01"), &zone),
        at("2026-11-01T04:00:00Z")
    );
}

#[test]
fn offsets_remembered_by_day_equal_the_zone_at_every_quarter_hour() {
    use super::agenda::offsets_by_day;
    use super::test_zones::{athens, new_york, tokyo};
    // Two years around both DST changes, every quarter hour plus an odd minute.
    let start = crate::time::parse_rfc3339("2026-01-01T00:00:00Z").expect("an instant");
    for zone in [&new_york as &dyn Fn(i64) -> i32, &athens, &tokyo] {
        let memo = offsets_by_day(zone);
        let mut t = start;
        while t < start + 2 * 365 * 24 * 3_600_000 {
            assert_eq!(memo(t), zone(t), "at {t}");
            assert_eq!(memo(t + 7 * 60_000), zone(t + 7 * 60_000), "at {t} + 7 min");
            t += 15 * 60_000;
        }
    }
}

#[test]
fn offsets_remembered_by_day_ask_the_zone_about_twice_a_day() {
    use std::cell::Cell;
    let asked = Cell::new(0);
    let zone = |_t: i64| {
        asked.set(asked.get() + 1);
        120
    };
    let memo = super::agenda::offsets_by_day(&zone);
    for minute in 0..(3 * 24 * 60) {
        assert_eq!(memo(i64::from(minute) * 60_000), 120);
    }
    assert_eq!(asked.get(), 6, "two lookups for each of three days");
}
