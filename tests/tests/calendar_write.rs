//! Adding events in headless Chromium against the sandbox: New event east and west of
//! UTC (guests, video, reminder; exactly once when Google's answer is lost), all day and
//! across a DST change, and bad input. The sandbox's stored events are checked field by
//! field.

use satchel_e2e::calendar::{calendar_stack, wait_for_agenda};
use satchel_e2e::event_form::*;
use satchel_sandbox::{Fault, FaultKind};
use serde_json::{json, Value};

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
