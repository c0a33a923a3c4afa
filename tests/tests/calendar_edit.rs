//! Changing events in headless Chromium against the sandbox: Edit with a conflict, a
//! series split with "This and following", Delete, answering an invitation, quick add to
//! a chosen calendar, search and Jump to date. The sandbox's stored events are checked.

use satchel_e2e::calendar::{calendar_stack, rows, wait_for_agenda};
use satchel_e2e::event_form::*;
use satchel_e2e::percent_encode;
use serde_json::{json, Value};

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
