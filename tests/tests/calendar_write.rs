//! Writing to the calendar in headless Chromium against the sandbox: New event (east and
//! west of UTC, across a DST change, all day), bad input, Edit with a conflict, a series
//! split with "This and following", Delete, answering an invitation, quick add to a chosen
//! calendar, search and Jump to date. The sandbox's stored events are checked field by field.

use satchel_e2e::calendar::{calendar_stack, rows, wait_for_agenda};
use satchel_e2e::{percent_encode, Browser, BrowserOptions};
use satchel_sandbox::{Fault, FaultKind};
use serde_json::{json, Value};

const PRIMARY: &str = "ada@satchel.test";

fn in_zone(zone: &str) -> BrowserOptions {
    BrowserOptions {
        time_zone: Some(zone.into()),
        ..BrowserOptions::default()
    }
}

/// The local date `days` from now in the browser's zone, `YYYY-MM-DD`.
async fn day_from_now(browser: &Browser, days: i64) -> String {
    browser
        .eval_str(&format!(
            "const d = new Date(Date.now() + {days} * 86400000);
             return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0')"
        ))
        .await
}

/// Opens New event and fills the timed fields: `day` (`YYYY-MM-DD`) from `start` to
/// `end` (`HH:MM`).
async fn new_event(browser: &Browser, title: &str, day: &str, start: &str, end: &str) {
    browser.click_text("New event").await;
    browser.wait_for("#event-title").await;
    fill(
        browser,
        title,
        &format!("{day}T{start}"),
        &format!("{day}T{end}"),
    )
    .await;
}

/// The Calendar signed in with the browser in `zone`, and New event filled in for the day
/// `days` from now (returned as `YYYY-MM-DD`).
async fn new_event_in(
    zone: &str,
    days: i64,
    title: &str,
    start: &str,
    end: &str,
) -> (satchel_e2e::Stack, Browser, String) {
    let (stack, browser) = calendar_stack(in_zone(zone)).await;
    let day = day_from_now(&browser, days).await;
    new_event(&browser, title, &day, start, end).await;
    (stack, browser, day)
}

/// Types the title and sets the start and end as the pickers would.
async fn fill(browser: &Browser, title: &str, start: &str, end: &str) {
    browser.type_into("#event-title", title).await;
    browser.set_value("#event-start", start).await;
    browser.set_value("#event-end", end).await;
}

/// Save, the first time: it asks for calendar.events in a popup, which is allowed.
async fn first_save(browser: &Browser) {
    browser.grant("#event-save").await;
}

async fn saved(browser: &Browser, title: &str) {
    browser.wait_for_text(&format!("Saved “{title}”.")).await;
}

fn only(mut events: Vec<Value>, what: &str) -> Value {
    assert_eq!(events.len(), 1, "{what}: {events:?}");
    events.remove(0)
}

async fn new_event_with_guests_and_video(zone: &str, offset: &str, insert_fault: bool) {
    let (stack, browser, day) = new_event_in(zone, 1, "Dentist", "10:00", "11:30").await;
    assert_eq!(
        browser.value_of("event-zone").await,
        zone,
        "the user's zone"
    );
    // Only calendars the user can write to are offered.
    let calendars = browser
        .eval_list("return [...document.querySelectorAll('#event-calendar option')].map(o => o.textContent)")
        .await;
    assert!(calendars.contains(&json!("Family")), "{calendars:?}");
    assert!(
        !calendars.contains(&json!("Holidays in United Kingdom")),
        "{calendars:?}"
    );
    assert!(
        !calendars.contains(&json!("Charles Babbage")),
        "{calendars:?}"
    );
    browser
        .type_into("#event-location", "Πλατεία Συντάγματος 1")
        .await;
    browser
        .type_into("#event-guests", "Ana <ana@example.com>")
        .await;
    browser.click("#event-video").await;
    browser.set_value("#event-reminder", "30").await;
    if insert_fault {
        // The insert takes effect and Google answers 503: the retry must not make a copy.
        stack.sandbox.inject(Fault {
            method: "calendar.events.insert".into(),
            count: 1,
            kind: FaultKind::StatusAfter {
                status: 503,
                retry_after: None,
            },
        });
    }
    first_save(&browser).await;
    browser.wait_for_text("Send invitations?").await;
    browser.click_text("Send").await;
    saved(&browser, "Dentist").await;

    let event = only(stack.stored_titled(PRIMARY, "Dentist").await, "one Dentist");
    assert_eq!(
        event["start"],
        json!({"dateTime": format!("{day}T10:00:00{offset}"), "timeZone": zone})
    );
    assert_eq!(
        event["end"],
        json!({"dateTime": format!("{day}T11:30:00{offset}"), "timeZone": zone})
    );
    assert_eq!(event["location"], "Πλατεία Συντάγματος 1");
    let guests: Vec<(Value, Value)> = event["attendees"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|g| (g["email"].clone(), g["responseStatus"].clone()))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(guests, [(json!("ana@example.com"), json!("needsAction"))]);
    assert_eq!(
        event["conferenceData"]["entryPoints"][0]["entryPointType"],
        "video"
    );
    assert!(event["hangoutLink"]
        .as_str()
        .is_some_and(|l| l.starts_with("https://meet.google.com/")));
    assert_eq!(
        event["reminders"],
        json!({"useDefault": false, "overrides": [{"method": "popup", "minutes": 30}]})
    );
    let id = event["id"].as_str().unwrap_or_default();
    assert!(
        id.len() == 26 && id.chars().all(|c| matches!(c, '0'..='9' | 'a'..='v')),
        "Satchel's own id: {id}"
    );
    let inserts = stack.calls("calendar.events.insert").len();
    assert_eq!(inserts, if insert_fault { 2 } else { 1 });
    let invitations: Vec<Value> = stack
        .notifications()
        .await
        .into_iter()
        .filter(|n| n["eventId"] == id)
        .collect();
    assert_eq!(invitations.len(), 1, "{invitations:?}");
    assert_eq!(invitations[0]["kind"], "insert");
    assert_eq!(invitations[0]["recipients"], json!(["ana@example.com"]));
    // On the agenda, under its day, without reloading the page.
    browser
        .wait_until(
            "Dentist in the agenda",
            &format!("return [...document.querySelectorAll('li.event')].some(li => li.dataset.eventId === '{id}' && li.closest('section.day').dataset.date === '{day}')"),
            15,
        )
        .await;
    browser.close().await;
}

#[tokio::test]
async fn a_new_event_in_tokyo_is_stored_with_its_zone_guests_video_and_reminder() {
    new_event_with_guests_and_video("Asia/Tokyo", "+09:00", false).await;
}

#[tokio::test]
async fn a_new_event_in_los_angeles_is_stored_once_when_the_answer_is_lost() {
    new_event_with_guests_and_video("America/Los_Angeles", "-08:00", true).await;
}

#[tokio::test]
async fn all_day_and_across_a_dst_change_in_athens() {
    let (stack, browser) = calendar_stack(in_zone("Europe/Athens")).await;
    // Athens moves to summer time at 03:00 on 2027-03-28.
    browser.click_text("New event").await;
    fill(
        &browser,
        "Night shift",
        "2027-03-27T22:00",
        "2027-03-28T08:00",
    )
    .await;
    first_save(&browser).await;
    saved(&browser, "Night shift").await;
    let night = only(stack.stored_titled(PRIMARY, "Night shift").await, "night");
    assert_eq!(night["start"]["dateTime"], "2027-03-27T22:00:00+02:00");
    assert_eq!(night["end"]["dateTime"], "2027-03-28T08:00:00+03:00");
    assert_eq!(night["start"]["timeZone"], "Europe/Athens");

    browser.click_text("New event").await;
    browser.type_into("#event-title", "Trip").await;
    browser.click("#event-all-day").await;
    browser
        .wait_until(
            "date inputs",
            "return document.getElementById('event-start').type === 'date'",
            5,
        )
        .await;
    browser.set_value("#event-start", "2027-03-26").await;
    browser.set_value("#event-end", "2027-03-28").await;
    browser.click("#event-save").await;
    saved(&browser, "Trip").await;
    let trip = only(stack.stored_titled(PRIMARY, "Trip").await, "trip");
    // The last day is the 28th; Google's end is exclusive.
    assert_eq!(trip["start"], json!({"date": "2027-03-26"}));
    assert_eq!(trip["end"], json!({"date": "2027-03-29"}));
    browser.close().await;
}

#[tokio::test]
async fn bad_input_is_said_by_its_field_and_nothing_typed_is_lost() {
    let (stack, browser, day) = new_event_in("America/Los_Angeles", 2, "", "10:00", "09:00").await;
    browser.type_into("#event-guests", "not an address").await;
    browser.type_into("#event-description", "שלום").await;
    first_save(&browser).await;
    browser.wait_for("#event-end-error").await;
    let end_error = browser
        .eval_str("return document.getElementById('event-end-error').textContent")
        .await;
    assert_eq!(end_error, "The event ends before it starts.");
    let guests_error = browser
        .eval_str("return document.getElementById('event-guests-error').textContent")
        .await;
    assert!(guests_error.contains("not an address"), "{guests_error}");
    browser
        .wait_until(
            "focus on End",
            "return document.activeElement.id === 'event-end'",
            5,
        )
        .await;
    assert_eq!(browser.value_of("event-description").await, "שלום");
    assert_eq!(browser.value_of("event-guests").await, "not an address");
    assert_eq!(
        browser
            .eval_str("return document.getElementById('event-description').dir")
            .await,
        "auto"
    );
    // A reload (a same-tab sign-in does one) brings the form back as it was.
    browser.client.refresh().await.expect("reload");
    wait_for_agenda(&browser).await;
    browser
        .wait_until(
            "the form is back",
            "const f = document.getElementById('event-description'); return !!f && f.value === 'שלום'",
            10,
        )
        .await;
    assert_eq!(browser.value_of("event-guests").await, "not an address");
    assert_eq!(
        browser.value_of("event-start").await,
        format!("{day}T10:00")
    );
    // Fixed: an empty title is allowed, as in Google Calendar.
    browser
        .set_value("#event-end", &format!("{day}T11:00"))
        .await;
    browser.type_into("#event-guests", " ").await;
    browser.click("#event-save").await;
    saved(&browser, "(No title)").await;
    let untitled: Vec<Value> = stack
        .stored_events(PRIMARY)
        .await
        .into_iter()
        .filter(|e| e["description"] == "שלום")
        .collect();
    let untitled = only(untitled, "the untitled event");
    assert!(untitled.get("summary").is_none(), "{untitled}");
    assert_eq!(
        untitled["start"]["dateTime"],
        format!("{day}T10:00:00-08:00")
    );
    browser.close().await;
}

#[tokio::test]
async fn an_edit_made_elsewhere_meanwhile_is_not_overwritten() {
    let (stack, browser, day) = new_event_in("Asia/Tokyo", 1, "Lunch", "12:00", "13:00").await;
    first_save(&browser).await;
    saved(&browser, "Lunch").await;
    let lunch = only(stack.stored_titled(PRIMARY, "Lunch").await, "lunch");
    let id = lunch["id"].as_str().unwrap_or_default().to_string();
    wait_for_agenda(&browser).await;
    open_row(&browser, "Lunch", 0).await;
    event_action(&browser, "Edit").await;
    browser
        .wait_until(
            "the form holds the event",
            "const f = document.getElementById('event-title'); return !!f && f.value === 'Lunch'",
            10,
        )
        .await;
    // Someone changes it in Google Calendar meanwhile.
    let token = browser.access_token().await;
    let path = format!(
        "/calendar/v3/calendars/{}/events/{id}",
        percent_encode(PRIMARY)
    );
    stack
        .api(&token, "PATCH", &path, Some(json!({"location": "Room 9"})))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let (start, end) = (format!("{day}T12:30"), format!("{day}T13:30"));
    fill(&browser, "Lunch with Ana", &start, &end).await;
    browser.click("#event-save").await;
    browser.wait_for_text("changed elsewhere").await;
    assert_eq!(
        browser.value_of("event-title").await,
        "Lunch with Ana",
        "kept"
    );
    assert_eq!(
        stack.stored_titled(PRIMARY, "Lunch").await.len(),
        1,
        "not overwritten"
    );
    browser.click_text("Reload event").await;
    browser
        .wait_until("Google's version", "const f = document.getElementById('event-location'); return !!f && f.value === 'Room 9'", 10)
        .await;
    fill(&browser, "Lunch with Ana", &start, &end).await;
    browser.click("#event-save").await;
    saved(&browser, "Lunch with Ana").await;
    let after = only(
        stack.stored_titled(PRIMARY, "Lunch with Ana").await,
        "edited",
    );
    assert_eq!(after["id"], id.as_str());
    assert_eq!(after["location"], "Room 9", "the other change stays");
    assert_eq!(after["start"]["dateTime"], format!("{day}T12:30:00+09:00"));
    assert_eq!(after["sequence"], 1, "times changed once");
    // The change made elsewhere, then Satchel's refused patch and its accepted one.
    assert_eq!(stack.calls("calendar.events.patch").len(), 3);
    browser.close().await;
}

/// Clicks `label` among the opened event's actions (Edit, Delete).
async fn event_action(browser: &Browser, label: &str) {
    browser
        .click(&format!(
            ".event-actions button[data-action='{}']",
            label.to_lowercase()
        ))
        .await;
}

/// Clicks the title of the `n`th row (0-based) of events titled exactly `title`.
async fn open_row(browser: &Browser, title: &str, n: usize) {
    browser
        .eval(&format!(
            "[...document.querySelectorAll('li.event button.title')].filter(b => b.textContent === {t})[{n}].click(); return true",
            t = json!(title)
        ))
        .await;
}

#[tokio::test]
async fn this_and_following_splits_a_series_and_this_event_deletes_one() {
    let (stack, browser) = calendar_stack(in_zone("America/Los_Angeles")).await;
    let day = day_from_now(&browser, 1).await;
    // The permission to write, granted through the app's own quick add.
    browser
        .first_quick_add("Warm-up tomorrow 08:00", "Warm-up")
        .await;
    let token = browser.access_token().await;
    let path = format!("/calendar/v3/calendars/{}/events", percent_encode(PRIMARY));
    let zone = "America/Los_Angeles";
    stack
        .api(
            &token,
            "POST",
            &path,
            Some(json!({
                "summary": "Choir practice",
                "start": {"dateTime": format!("{day}T09:00:00-08:00"), "timeZone": zone},
                "end": {"dateTime": format!("{day}T09:30:00-08:00"), "timeZone": zone},
                "recurrence": ["RRULE:FREQ=DAILY;COUNT=5"],
            })),
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    browser.click_text("Refresh").await;
    wait_for_agenda(&browser).await;
    assert_eq!(rows(&browser, "Choir practice").await.len(), 5);
    open_row(&browser, "Choir practice", 2).await;
    event_action(&browser, "Edit").await;
    browser
        .wait_until("the instance in the form", "const f = document.getElementById('event-title'); return !!f && f.value === 'Choir practice'", 10)
        .await;
    browser
        .type_into("#event-title", "Choir practice, room 4")
        .await;
    browser.click("#event-save").await;
    browser.wait_for_text("Change which events?").await;
    browser.click_text("This and following").await;
    saved(&browser, "Choir practice, room 4").await;
    let old = only(
        stack.stored_titled(PRIMARY, "Choir practice").await,
        "old series",
    );
    let rule = old["recurrence"][0].as_str().unwrap_or_default();
    assert!(
        rule.contains("UNTIL=") && !rule.contains("COUNT="),
        "{rule}"
    );
    let new = only(
        stack.stored_titled(PRIMARY, "Choir practice, room 4").await,
        "new series",
    );
    assert_eq!(new["recurrence"], json!(["RRULE:FREQ=DAILY"]));
    let third = browser
        .eval_str(&format!("const d = new Date('{day}T12:00:00'); d.setDate(d.getDate() + 2); return d.toISOString().slice(0, 10)"))
        .await;
    assert_eq!(new["start"]["dateTime"], format!("{third}T09:00:00-08:00"));
    browser
        .wait_until(
            "two old, the rest new",
            "return [...document.querySelectorAll('li.event button.title')].filter(b => b.textContent === 'Choir practice').length === 2",
            15,
        )
        .await;
    // Delete one instance of the new series.
    let before = rows(&browser, "Choir practice, room 4").await.len();
    open_row(&browser, "Choir practice, room 4", 0).await;
    event_action(&browser, "Delete").await;
    browser.click_text("This event").await;
    browser
        .wait_for_text("Deleted “Choir practice, room 4”.")
        .await;
    browser
        .wait_until(
            "one instance fewer",
            &format!("return [...document.querySelectorAll('li.event button.title')].filter(b => b.textContent === 'Choir practice, room 4').length === {}", before - 1),
            15,
        )
        .await;
    let cancelled: Vec<Value> = stack
        .stored_events(PRIMARY)
        .await
        .into_iter()
        .filter(|e| e["status"] == "cancelled" && e["recurringEventId"] == new["id"])
        .collect();
    assert_eq!(cancelled.len(), 1, "{cancelled:?}");
    browser.close().await;
}

#[tokio::test]
async fn an_invitation_is_answered_at_once_and_the_organizer_told() {
    let (stack, browser) = calendar_stack(in_zone("Europe/Athens")).await;
    open_row(&browser, "Project kickoff", 0).await;
    browser.wait_for_text("Going?").await;
    browser.grant(".going button:nth-of-type(1)").await;
    browser
        .wait_for_text("You answered Yes to “Project kickoff”.")
        .await;
    let stored = |events: Vec<Value>| -> Value {
        let event = only(events, "kickoff");
        event["attendees"]
            .as_array()
            .and_then(|a| a.iter().find(|g| g["self"] == true).cloned())
            .unwrap_or(Value::Null)
    };
    let me = stored(stack.stored_titled(PRIMARY, "Project kickoff").await);
    assert_eq!(me["responseStatus"], "accepted");
    let replies: Vec<Value> = stack
        .notifications()
        .await
        .into_iter()
        .filter(|n| n["kind"] == "reply" && n["eventId"] == "invitekickoff01")
        .collect();
    assert_eq!(replies.len(), 1, "{replies:?}");
    assert_eq!(replies[0]["recipients"], json!(["mary@somerville.example"]));
    // No: the row dims at once.
    wait_for_agenda(&browser).await;
    open_row(&browser, "Project kickoff", 0).await;
    browser.click_text("No").await;
    browser
        .wait_until(
            "the row is dimmed",
            "return [...document.querySelectorAll('li.event')].some(li => li.dataset.eventId === 'invitekickoff01' && li.className.includes('declined'))",
            10,
        )
        .await;
    browser
        .wait_for_text("You answered No to “Project kickoff”.")
        .await;
    let me = stored(stack.stored_titled(PRIMARY, "Project kickoff").await);
    assert_eq!(me["responseStatus"], "declined");
    browser.close().await;
}

#[tokio::test]
async fn quick_add_goes_to_the_chosen_calendar_remembers_it_and_links_to_edit() {
    let (stack, browser) = calendar_stack(in_zone("Asia/Tokyo")).await;
    let token = browser.access_token().await;
    let family = stack
        .calendar_id(&token, "Family")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    browser.set_value("#quick-add-calendar", &family).await;
    browser
        .first_quick_add("Cello lesson tomorrow 17:00", "Cello lesson")
        .await;
    only(
        stack.stored_titled(&family, "Cello lesson").await,
        "in Family",
    );
    assert!(stack
        .stored_titled(PRIMARY, "Cello lesson")
        .await
        .is_empty());
    browser.click_text("Edit this event").await;
    browser
        .wait_until("the added event in the form", "const f = document.getElementById('event-title'); return !!f && f.value === 'Cello lesson'", 10)
        .await;
    browser.click_text("Cancel").await;
    browser.client.refresh().await.expect("reload");
    wait_for_agenda(&browser).await;
    assert_eq!(
        browser.value_of("quick-add-calendar").await,
        family,
        "remembered"
    );
    browser.close().await;
}

#[tokio::test]
async fn search_finds_events_and_jump_to_date_moves_the_agenda() {
    let (_stack, browser) = calendar_stack(in_zone("America/Los_Angeles")).await;
    browser.type_into("#event-search", "kickoff").await;
    browser.click_text("Search").await;
    browser.wait_for_text("Results for “kickoff”").await;
    browser
        .wait_until(
            "the kickoff found",
            "return [...document.querySelectorAll('.search-results li')].some(li => li.textContent.includes('Project kickoff'))",
            10,
        )
        .await;
    browser.click_text("Clear search").await;
    let later = day_from_now(&browser, 40).await;
    browser.set_value("#jump-date", &later).await;
    browser.click_text("Go").await;
    browser
        .wait_until(
            "the agenda from that day",
            &format!("const first = document.querySelector('.agenda section.day'); return !first || first.dataset.date >= '{later}'"),
            15,
        )
        .await;
    browser.click_text("Back to today").await;
    let today = day_from_now(&browser, 0).await;
    browser
        .wait_until(
            "the agenda from today",
            &format!("const first = document.querySelector('.agenda section.day'); return !!first && first.dataset.date === '{today}'"),
            15,
        )
        .await;
    browser.close().await;
}
