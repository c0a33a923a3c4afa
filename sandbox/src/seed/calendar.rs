//! Seed calendars, dated relative to today so the agenda always has content: for each
//! account a primary calendar, a busy "Work" calendar (hundreds of events over the next 30
//! days, so paging is needed) and a read-only holidays calendar. The primary calendar holds
//! the awkward cases: all-day and multi-day events, one crossing midnight, a weekly series
//! with an EXDATE, a moved and a cancelled instance, events in other time zones, a declined
//! invitation, a Meet link, hostile HTML in a description, Greek and Hebrew titles, an
//! event without a title, a late event ending after midnight, and the special event types
//! (working location, out of office, focus time), and two unanswered invitations (one a
//! weekly series). The first account also has a "Family" calendar it may write to
//! (`writer`), unticked in Google Calendar, and a colleague's calendar shared free/busy only.

mod builder;
mod others;
mod primary;

use chrono::{DateTime, NaiveDate, Utc};

use crate::calendar::store::{Calendar, CalendarSet};
use crate::util::Rng;
use crate::Account;
use builder::{calendar, Builder};
use others::{family_events, free_busy_events, holiday_events, work_events};
use primary::{invitations, primary_events};

/// What differs between the seeded accounts' calendars.
struct Profile<'a> {
    tz: &'a str,
    holidays: (&'a str, &'a str),
    work_per_weekday: u32,
    people: &'a [(&'a str, &'a str)],
    /// The primary calendar with every awkward case, or a few plain events.
    rich: bool,
}

fn build_set(rng: &mut Rng, now: DateTime<Utc>, owner: Account, p: Profile<'_>) -> CalendarSet {
    let (tz, holidays, per_weekday, people, rich) =
        (p.tz, p.holidays, p.work_per_weekday, p.people, p.rich);
    let mut primary = calendar(
        owner.email,
        owner.email,
        tz,
        "owner",
        ("14", "#9fe1e7", "#000000"),
        true,
    );
    let work_id = format!("c_{}@group.calendar.google.com", rng.hex(40));
    let mut work = calendar(
        &work_id,
        "Work",
        tz,
        "owner",
        ("9", "#7bd148", "#000000"),
        false,
    );
    work.description = Some("Meetings and deadlines".into());
    let mut hol = calendar(
        holidays.0,
        holidays.1,
        tz,
        "reader",
        ("8", "#16a765", "#000000"),
        false,
    );
    hol.description = Some(format!("{} and observances", holidays.1));
    let today = now.with_timezone(&primary.tz()).date_naive();
    {
        let mut b = Builder {
            cal: &mut primary,
            rng,
            owner,
            now,
            today,
        };
        if rich {
            primary_events(&mut b, people);
        } else {
            let ev = b.timed(Some("Code review"), 0, 10, 0, 60, None);
            b.push(ev);
            let ev = b.all_day("Conference", 2, 2);
            b.push(ev);
            let ev = b.timed(Some("Lunch with Ada"), 1, 12, 30, 60, None);
            b.push(ev);
        }
    }
    {
        let mut b = Builder {
            cal: &mut work,
            rng,
            owner,
            now,
            today,
        };
        work_events(&mut b, per_weekday);
    }
    {
        let mut b = Builder {
            cal: &mut hol,
            rng,
            owner,
            now,
            today,
        };
        holiday_events(
            &mut b,
            &[
                ("Bank holiday", 10),
                ("Spring festival", 25),
                ("Founders' day", 40),
            ],
        );
    }
    let mut calendars = vec![primary, work, hol];
    if rich {
        calendars.extend(extra_calendars(rng, now, owner, tz, today));
        // Last, so the random draws of everything seeded before stay as they were.
        let mut b = Builder {
            cal: &mut calendars[0],
            rng,
            owner,
            now,
            today,
        };
        invitations(&mut b, people);
    }
    CalendarSet { calendars }
}

/// The rich account's unticked "Family" calendar and a free/busy-only colleague's.
fn extra_calendars(
    rng: &mut Rng,
    now: DateTime<Utc>,
    owner: Account,
    tz: &str,
    today: NaiveDate,
) -> [Calendar; 2] {
    let family_id = format!("c_{}@group.calendar.google.com", rng.hex(40));
    // Shared by a family member with edit rights: the user's one `writer` calendar.
    let mut family = calendar(
        &family_id,
        "Family",
        tz,
        "writer",
        ("22", "#f691b2", "#000000"),
        false,
    );
    family.selected = false;
    let mut colleague = calendar(
        "charles@analytical.example",
        "Charles Babbage",
        tz,
        "freeBusyReader",
        ("16", "#4986e7", "#000000"),
        false,
    );
    for (cal, events) in [
        (&mut family, family_events as fn(&mut Builder<'_>)),
        (&mut colleague, free_busy_events),
    ] {
        let mut b = Builder {
            cal,
            rng,
            owner,
            now,
            today,
        };
        events(&mut b);
    }
    [family, colleague]
}

pub fn ada(rng: &mut Rng, now: DateTime<Utc>) -> CalendarSet {
    let profile = Profile {
        tz: "Europe/London",
        holidays: (
            "en.uk#holiday@group.v.calendar.google.com",
            "Holidays in United Kingdom",
        ),
        work_per_weekday: 14,
        people: &[
            ("Charles Babbage", "charles@analytical.example"),
            ("Mary Somerville", "mary@somerville.example"),
        ],
        rich: true,
    };
    build_set(rng, now, crate::ACCOUNTS[0], profile)
}

pub fn grace(rng: &mut Rng, now: DateTime<Utc>) -> CalendarSet {
    let profile = Profile {
        tz: "America/New_York",
        holidays: (
            "en.usa#holiday@group.v.calendar.google.com",
            "Holidays in United States",
        ),
        work_per_weekday: 3,
        people: &[
            ("Ada Lovelace", "ada@satchel.test"),
            ("Jean Sammet", "jean@codasyl.example"),
        ],
        rich: false,
    };
    build_set(rng, now, crate::ACCOUNTS[1], profile)
}
