//! Test-only offset functions standing in for the browser's zone data, with the current DST
//! rules of the zones the tests use.

use crate::time::{Date, Weekday, DAY_MS, HOUR_MS};

/// The `n`th Sunday (1-based) of a month.
fn nth_sunday(year: i32, month: u8, n: i64) -> Date {
    let first = Date {
        year,
        month,
        day: 1,
    };
    let to_sunday = 6 - i64::from(first.weekday().days_from_monday());
    first.add_days(to_sunday + 7 * (n - 1))
}

fn last_sunday(year: i32, month: u8) -> Date {
    let next_month = if month == 12 {
        Date {
            year: year + 1,
            month: 1,
            day: 1,
        }
    } else {
        Date {
            year,
            month: month + 1,
            day: 1,
        }
    };
    let last = next_month.add_days(-1);
    last.add_days(-i64::from((last.weekday().days_from_monday() + 1) % 7))
}

fn utc_year(t: i64) -> i32 {
    Date::from_days_since_epoch(t.div_euclid(DAY_MS)).year
}

/// US rules: daylight time from the second Sunday of March, 02:00 standard time, to the first
/// Sunday of November, 02:00 daylight time.
fn us(t: i64, standard: i32) -> i32 {
    let year = utc_year(t);
    let std_ms = i64::from(standard) * 60_000;
    let start = nth_sunday(year, 3, 2).utc_midnight_ms() + 2 * HOUR_MS - std_ms;
    let end = nth_sunday(year, 11, 1).utc_midnight_ms() + 2 * HOUR_MS - (std_ms + HOUR_MS);
    if (start..end).contains(&t) {
        standard + 60
    } else {
        standard
    }
}

/// EU rules: summer time from the last Sunday of March to the last Sunday of October, both
/// at 01:00 UTC.
fn eu(t: i64, standard: i32) -> i32 {
    let year = utc_year(t);
    let start = last_sunday(year, 3).utc_midnight_ms() + HOUR_MS;
    let end = last_sunday(year, 10).utc_midnight_ms() + HOUR_MS;
    if (start..end).contains(&t) {
        standard + 60
    } else {
        standard
    }
}

pub fn new_york(t: i64) -> i32 {
    us(t, -300)
}

pub fn los_angeles(t: i64) -> i32 {
    us(t, -480)
}

pub fn athens(t: i64) -> i32 {
    eu(t, 120)
}

pub fn tokyo(_t: i64) -> i32 {
    540
}

pub fn utc(_t: i64) -> i32 {
    0
}

#[test]
fn sundays_of_2026() {
    assert_eq!(
        nth_sunday(2026, 3, 2),
        Date {
            year: 2026,
            month: 3,
            day: 8
        }
    );
    assert_eq!(
        nth_sunday(2026, 11, 1),
        Date {
            year: 2026,
            month: 11,
            day: 1
        }
    );
    assert_eq!(
        last_sunday(2026, 3),
        Date {
            year: 2026,
            month: 3,
            day: 29
        }
    );
    assert_eq!(
        last_sunday(2026, 10),
        Date {
            year: 2026,
            month: 10,
            day: 25
        }
    );
    assert_eq!(nth_sunday(2026, 3, 2).weekday(), Weekday::Sunday);
}
