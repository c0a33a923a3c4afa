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

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use serde_json::{json, Value};

use crate::calendar::recurrence::instance_suffix;
use crate::calendar::store::{finish_event, new_event_id, Calendar, CalendarSet};
use crate::calendar::time::{event_time_json, local_to_utc, render, When};
use crate::util::Rng;
use crate::Account;

struct Builder<'a> {
    cal: &'a mut Calendar,
    rng: &'a mut Rng,
    owner: Account,
    now: DateTime<Utc>,
    today: NaiveDate,
}

impl Builder<'_> {
    fn tz(&self) -> Tz {
        self.cal.tz()
    }

    fn push(&mut self, mut ev: Value) -> String {
        let id = match ev["id"].as_str() {
            Some(id) => id.to_string(),
            None => new_event_id(self.rng),
        };
        let created = self.now - Duration::days(30 + self.rng.below(60) as i64);
        finish_event(
            &mut ev,
            self.cal,
            self.owner.email,
            self.owner.name,
            &id,
            created,
            self.rng,
        );
        self.cal.events.push(ev);
        id
    }

    /// A timed event `minutes` long, starting `day` days from today at `h:m` in `zone`
    /// (the calendar's zone when `None`; other zones are recorded in `timeZone`).
    fn timed(
        &mut self,
        summary: Option<&str>,
        day: i64,
        h: u32,
        m: u32,
        minutes: i64,
        zone: Option<&str>,
    ) -> Value {
        let tz: Tz = zone.and_then(|z| z.parse().ok()).unwrap_or(self.tz());
        let date = self.today + Duration::days(day);
        let start = local_to_utc(tz, date.and_hms_opt(h, m, 0).unwrap_or_default());
        let end = start + Duration::minutes(minutes);
        let mut ev = json!({
            "start": event_time_json(When::Time(start), tz, zone),
            "end": event_time_json(When::Time(end), tz, zone),
        });
        if let Some(s) = summary {
            ev["summary"] = json!(s);
        }
        ev
    }

    fn all_day(&mut self, summary: &str, day: i64, days: i64) -> Value {
        let start = self.today + Duration::days(day);
        json!({
            "summary": summary,
            "start": { "date": start.format("%Y-%m-%d").to_string() },
            "end": { "date": (start + Duration::days(days)).format("%Y-%m-%d").to_string() },
            "transparency": "transparent",
        })
    }
}

fn calendar(
    id: &str,
    summary: &str,
    tz: &str,
    role: &'static str,
    color: (&'static str, &'static str, &'static str),
    primary: bool,
) -> Calendar {
    Calendar {
        id: id.to_string(),
        summary: summary.to_string(),
        description: None,
        time_zone: tz.to_string(),
        access_role: role,
        selected: true,
        color_id: color.0,
        background: color.1,
        foreground: color.2,
        primary,
        events: Vec::new(),
        etag: 1_700_000_000_000,
    }
}

fn primary_events(b: &mut Builder<'_>, people: &[(&str, &str)]) {
    let tz_name = b.cal.time_zone.clone();
    let ev = b.timed(Some("Coffee with Charles"), 0, 9, 30, 30, None);
    b.push(ev);
    let mut ev = b.timed(Some("Lunch with Anna"), 0, 13, 0, 60, None);
    ev["location"] = json!("The Engine Room Café, 12 Loom Street");
    b.push(ev);
    let ev = b.all_day("Pay rent", 0, 1);
    b.push(ev);
    let ev = b.all_day("Lisbon trip", 3, 4);
    b.push(ev);
    let mut ev = b.timed(Some("Night train"), 2, 22, 30, 150, None);
    ev["location"] = json!("Platform 9");
    b.push(ev);

    // Meet link and conference data.
    let mut ev = b.timed(Some("Design review"), 0, 16, 0, 45, None);
    ev["hangoutLink"] = json!("https://meet.google.com/abc-defg-hij");
    ev["conferenceData"] = json!({
        "entryPoints": [
            { "entryPointType": "video", "uri": "https://meet.google.com/abc-defg-hij", "label": "meet.google.com/abc-defg-hij" },
            { "entryPointType": "phone", "uri": "tel:+44-20-3957-1234", "label": "+44 20 3957 1234", "pin": "123456789" }
        ],
        "conferenceSolution": { "key": { "type": "hangoutsMeet" }, "name": "Google Meet",
            "iconUri": "https://fonts.gstatic.com/s/i/productlogos/meet_2020q4/v6/web-512dp/logo_meet_2020q4_color_2x_web_512dp.png" },
        "conferenceId": "abc-defg-hij"
    });
    ev["attendees"] = json!([
        { "email": b.owner.email, "self": true, "organizer": true, "responseStatus": "accepted" },
        { "email": people[0].1, "displayName": people[0].0, "responseStatus": "accepted" },
        { "email": people[1].1, "displayName": people[1].0, "responseStatus": "tentative" }
    ]);
    b.push(ev);

    // Hostile HTML in the description: a client must render the <b> and drop the rest; the
    // web address may become a link, the `javascript:` one must not.
    let mut ev = b.timed(Some("Book club"), 1, 18, 30, 90, None);
    ev["description"] = json!("<b>Bring</b> the book and a friend.<br>Chapter 3 onwards. <script>alert(1)</script><img src=x onerror=alert(1)><br>Notes: https://docs.example.com/book-club. <a href=\"javascript:alert(2)\">Reading list</a>");
    b.push(ev);

    // Events created in other time zones.
    let ev = b.timed(
        Some("Call with the New York office"),
        1,
        11,
        0,
        60,
        Some("America/New_York"),
    );
    b.push(ev);
    let ev = b.timed(Some("Tokyo partner sync"), 2, 9, 0, 30, Some("Asia/Tokyo"));
    b.push(ev);

    // A declined invitation.
    let mut ev = b.timed(Some("Budget review"), 4, 15, 0, 60, None);
    ev["organizer"] = json!({ "email": "boss@example.com", "displayName": "The Boss" });
    ev["creator"] = json!({ "email": "boss@example.com", "displayName": "The Boss" });
    ev["attendees"] = json!([
        { "email": "boss@example.com", "displayName": "The Boss", "organizer": true, "responseStatus": "accepted" },
        { "email": b.owner.email, "self": true, "responseStatus": "declined" }
    ]);
    b.push(ev);

    // Greek and Hebrew titles, and one without a title.
    let ev = b.timed(Some("Συνάντηση με τον Νίκο"), 5, 12, 0, 60, None);
    b.push(ev);
    let ev = b.timed(Some("ארוחת ערב משפחתית"), 6, 19, 0, 120, None);
    b.push(ev);
    let ev = b.timed(None, 8, 10, 0, 30, None);
    b.push(ev);

    // A deleted single event (only with showDeleted=true).
    let mut ev = b.timed(Some("Dentist (cancelled)"), 1, 8, 0, 30, None);
    ev["status"] = json!("cancelled");
    b.push(ev);

    // A few past events.
    for (i, title) in ["Museum visit", "Seminar", "Piano lesson"]
        .iter()
        .enumerate()
    {
        let ev = b.timed(Some(title), -2 - 2 * i as i64, 17, 0, 60, None);
        b.push(ev);
    }

    // Weekly series from three weeks ago at 10:00 local: one EXDATE (two weeks ago), next
    // week's instance moved to 14:00, the one after cancelled.
    let tz = b.tz();
    let mut series = b.timed(Some("Team sync"), -21, 10, 0, 30, Some(&tz_name));
    let local = |days: i64| {
        local_to_utc(
            tz,
            (b.today + Duration::days(days))
                .and_hms_opt(10, 0, 0)
                .unwrap_or_default(),
        )
    };
    let excluded = local(-14)
        .with_timezone(&tz)
        .format("%Y%m%dT%H%M%S")
        .to_string();
    series["recurrence"] = json!([
        "RRULE:FREQ=WEEKLY;COUNT=26".to_string(),
        format!("EXDATE;TZID={tz_name}:{excluded}")
    ]);
    series["description"] = json!("Weekly team sync. Agenda in the doc.");
    let (moved_original, cancelled_original) = (local(7), local(14));
    let master = b.push(series);
    let mut moved = b.timed(Some("Team sync (moved)"), 7, 14, 0, 30, Some(&tz_name));
    moved["id"] = json!(format!(
        "{master}_{}",
        instance_suffix(When::Time(moved_original))
    ));
    moved["recurringEventId"] = json!(master);
    moved["originalStartTime"] =
        json!({ "dateTime": render(moved_original, tz), "timeZone": tz_name });
    moved["description"] = json!("Moved to the afternoon this week.");
    b.push(moved);
    let cancelled = json!({
        "id": format!("{master}_{}", instance_suffix(When::Time(cancelled_original))),
        "status": "cancelled",
        "recurringEventId": master,
        "originalStartTime": { "dateTime": render(cancelled_original, tz), "timeZone": tz_name },
    });
    let id = cancelled["id"].as_str().unwrap_or_default().to_string();
    b.cal.events.push(json!({
        "kind": "calendar#event",
        "etag": format!("\"{}\"", 3_100_000_000_000_000u64 + b.rng.below(999_999)),
        "id": id,
        "status": "cancelled",
        "recurringEventId": cancelled["recurringEventId"],
        "originalStartTime": cancelled["originalStartTime"],
    }));

    // A monthly all-day series.
    let mut monthly = b.all_day("Pay the gardener", -40, 1);
    monthly["recurrence"] = json!(["RRULE:FREQ=MONTHLY;COUNT=12"]);
    b.push(monthly);

    special_events(b);
}

/// Google's special event types, and a late event whose tail is tomorrow: "Today" must show
/// only its first part.
fn special_events(b: &mut Builder<'_>) {
    let ev = b.timed(Some("Late film"), 0, 23, 0, 150, None);
    b.push(ev);

    // Working location: all-day, one a day, shown by Google as a small label on the day.
    let home = json!({ "type": "homeOffice", "homeOffice": {} });
    let office = json!({ "type": "officeLocation",
        "officeLocation": { "label": "King's Cross office", "buildingId": "KX-1" } });
    for (day, summary, props) in [(0, "Home", home), (1, "King's Cross office", office)] {
        let mut ev = b.all_day(summary, day, 1);
        ev["eventType"] = json!("workingLocation");
        ev["visibility"] = json!("public");
        ev["workingLocationProperties"] = props;
        b.push(ev);
    }

    let mut ev = b.timed(Some("Dentist, then the afternoon off"), 1, 13, 0, 240, None);
    ev["eventType"] = json!("outOfOffice");
    ev["outOfOfficeProperties"] = json!({
        "autoDeclineMode": "declineOnlyNewConflictingInvitations",
        "declineMessage": "Out this afternoon, back tomorrow."
    });
    b.push(ev);

    let mut ev = b.timed(Some("Deep work"), 0, 14, 0, 90, None);
    ev["eventType"] = json!("focusTime");
    ev["focusTimeProperties"] = json!({
        "autoDeclineMode": "declineNone",
        "chatStatus": "doNotDisturb"
    });
    b.push(ev);
}

/// A calendar the user unticked in Google Calendar (`selected: false`).
fn family_events(b: &mut Builder<'_>) {
    let ev = b.timed(Some("School play"), 0, 18, 0, 90, None);
    b.push(ev);
    let ev = b.all_day("Grandma's birthday", 2, 1);
    b.push(ev);
}

/// A colleague's calendar shared as free/busy only: the titles are stored, and never sent.
fn free_busy_events(b: &mut Builder<'_>) {
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

fn work_events(b: &mut Builder<'_>, per_weekday: u32) {
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

fn holiday_events(b: &mut Builder<'_>, names: &[(&str, i64)]) {
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

/// Invitations from others, not answered yet: a one-off in three days and a weekly series
/// from the day after tomorrow. Their ids are fixed so tests can name them.
fn invitations(b: &mut Builder<'_>, people: &[(&str, &str)]) {
    let tz_name = b.cal.time_zone.clone();
    let me = b.owner.email;
    let guests = |organizer: (&str, &str), other: (&str, &str)| {
        json!([
            { "email": organizer.1, "displayName": organizer.0, "organizer": true, "responseStatus": "accepted" },
            { "email": me, "self": true, "responseStatus": "needsAction" },
            { "email": other.1, "displayName": other.0, "responseStatus": "needsAction" }
        ])
    };
    let person = |p: (&str, &str)| json!({ "email": p.1, "displayName": p.0 });
    let (charles, mary) = (people[0], people[1]);

    let mut ev = b.timed(Some("Project kickoff"), 3, 11, 0, 60, None);
    ev["id"] = json!("invitekickoff01");
    ev["location"] = json!("Somerville Hall, room 2");
    ev["organizer"] = person(mary);
    ev["creator"] = person(mary);
    ev["attendees"] = guests(mary, charles);
    b.push(ev);

    let mut series = b.timed(Some("Reading group"), 2, 18, 0, 60, Some(&tz_name));
    series["id"] = json!("invitereading01");
    series["recurrence"] = json!(["RRULE:FREQ=WEEKLY;COUNT=8"]);
    series["organizer"] = person(charles);
    series["creator"] = person(charles);
    series["attendees"] = guests(charles, mary);
    b.push(series);
}

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
