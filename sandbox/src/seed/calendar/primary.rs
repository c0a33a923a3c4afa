//! The primary calendar's events: the awkward cases, Google's special event types, and the
//! invitations not answered yet.

use chrono::Duration;
use serde_json::json;

use super::builder::Builder;
use crate::calendar::recurrence::instance_suffix;
use crate::calendar::time::{local_to_utc, render, When};

pub(super) fn primary_events(b: &mut Builder<'_>, people: &[(&str, &str)]) {
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
pub(super) fn special_events(b: &mut Builder<'_>) {
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

/// Invitations from others, not answered yet: a one-off in three days and a weekly series
/// from the day after tomorrow. Their ids are fixed so tests can name them.
pub(super) fn invitations(b: &mut Builder<'_>, people: &[(&str, &str)]) {
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
