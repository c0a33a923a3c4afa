//! The other calendars' events: the unticked "Family" calendar, a free/busy-only colleague's,
//! the busy "Work" calendar and the read-only holidays.

use chrono::{Datelike, Duration, NaiveDate};
use serde_json::json;

use super::builder::Builder;

/// A calendar the user unticked in Google Calendar (`selected: false`).
pub(super) fn family_events(b: &mut Builder<'_>) {
    let ev = b.timed(Some("School play"), 0, 18, 0, 90, None);
    b.push(ev);
    let ev = b.all_day("Grandma's birthday", 2, 1);
    b.push(ev);
}

/// A colleague's calendar shared as free/busy only: the titles are stored, and never sent.
pub(super) fn free_busy_events(b: &mut Builder<'_>) {
    for (title, day, h) in [
        ("Secret: interview at a rival", 0, 11),
        ("Secret: doctor", 1, 15),
    ] {
        let ev = b.timed(Some(title), day, h, 0, 60, None);
        b.push(ev);
    }
}

const WORK_TITLES: &[&str] = &[
    "1:1",
    "Sprint planning",
    "Design critique",
    "Customer call",
    "Interview",
    "Roadmap review",
    "Focus time",
    "Architecture sync",
    "Hiring debrief",
    "Demo prep",
    "Incident review",
    "Coffee chat",
    "Budget check-in",
    "Docs review",
    "Release readiness",
];

pub(super) fn work_events(b: &mut Builder<'_>, per_weekday: u32) {
    for day in 0..30i64 {
        let date = b.today + Duration::days(day);
        let weekend = date.weekday().number_from_monday() > 5;
        let n = if weekend { 2 } else { per_weekday };
        for _ in 0..n {
            let slot = b.rng.below(20) as u32; // half hours from 08:00
            let minutes = *b.rng.pick(&[30i64, 30, 45, 60, 60, 90]);
            let title = *b.rng.pick(WORK_TITLES);
            let mut ev = b.timed(
                Some(title),
                day,
                8 + slot / 2,
                (slot % 2) * 30,
                minutes,
                None,
            );
            if b.rng.chance(20) {
                ev["location"] = json!(format!("Room {}", 100 + b.rng.below(30)));
            }
            b.push(ev);
        }
    }
    let tz_name = b.cal.time_zone.clone();
    let mut standup = b.timed(Some("Standup"), -7, 9, 15, 15, Some(&tz_name));
    standup["recurrence"] = json!(["RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;COUNT=60"]);
    b.push(standup);
}

pub(super) fn holiday_events(b: &mut Builder<'_>, names: &[(&str, i64)]) {
    for (name, day) in names {
        let mut ev = b.all_day(name, *day, 1);
        ev["organizer"] = json!({ "email": b.cal.id, "displayName": b.cal.summary, "self": true });
        ev["creator"] = json!({ "email": b.cal.id, "displayName": b.cal.summary });
        ev["visibility"] = json!("public");
        ev["eventType"] = json!("default");
        b.push(ev);
    }
    let year = b.today.year();
    for (name, month, day) in [("New Year's Day", 1, 1), ("Christmas Day", 12, 25)] {
        for y in [year, year + 1] {
            if let Some(d) = NaiveDate::from_ymd_opt(y, month, day) {
                let offset = (d - b.today).num_days();
                let mut ev = b.all_day(name, offset, 1);
                ev["organizer"] =
                    json!({ "email": b.cal.id, "displayName": b.cal.summary, "self": true });
                ev["visibility"] = json!("public");
                b.push(ev);
            }
        }
    }
}
