//! The Calendar agenda in headless Chromium against the sandbox's seeded calendars (dated
//! relative to now): days and events, round trips, hiding calendars, time zones and paging.

use std::collections::BTreeSet;

use satchel_e2e::calendar::{
    all_events, calendar_id, calendar_in, calendar_stack, click_title, date_in, get, grant_writing,
    post, range, rows, wait_for_agenda, wait_until,
};
use satchel_e2e::fantoccini::Locator;
use satchel_e2e::{percent_encode, Browser, BrowserOptions, Deployment, Stack};
use serde_json::{json, Value};

fn query(request: &Value) -> &str {
    request["query"].as_str().unwrap_or("")
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let hex = (bytes[i] == b'%').then(|| text.get(i + 1..i + 3)).flatten();
        match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
            Some(b) => {
                out.push(b);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn param(query: &str, name: &str) -> Option<String> {
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix(&format!("{name}=")).map(decode))
}

async fn instant_ms(browser: &Browser, rfc3339: &str) -> i64 {
    browser
        .eval(&format!("return Date.parse({})", json!(rfc3339)))
        .await
        .as_i64()
        .unwrap_or_default()
}

#[tokio::test]
async fn agenda_shows_seeded_days_in_one_round_trip_per_calendar_and_hides_calendars() {
    let (stack, browser) = calendar_stack(BrowserOptions::default()).await;

    // First paint: one calendarList call, then one events.list per calendar, all trimmed.
    let lists = stack.calls("calendar.calendarList.list");
    let events = stack.calls("calendar.events.list");
    assert_eq!(lists.len(), 1, "{lists:?}");
    // Four shown calendars (the one unticked in Google Calendar is not fetched).
    assert_eq!(events.len(), 4, "one call per shown calendar: {events:?}");
    assert!(
        lists
            .iter()
            .chain(&events)
            .all(|r| query(r).contains("fields=")),
        "fields= on every call"
    );
    assert!(events
        .iter()
        .all(|r| query(r).contains("singleEvents=true") && query(r).contains("orderBy=startTime")));

    let text = browser.wait_for_text("Coffee with Charles").await;
    for needle in [
        "Today",
        "Tomorrow",
        "Lunch with Anna",
        "The Engine Room Café",
        "Pay rent",
        "All day",
        "Lisbon trip",
    ] {
        assert!(text.contains(needle), "{needle} missing from:\n{text}");
    }
    assert_eq!(
        browser
            .eval("return document.querySelectorAll('h1').length")
            .await,
        json!(1)
    );
    assert_eq!(
        browser
            .eval("return document.querySelector('section.day h2').textContent.startsWith('Today')")
            .await,
        json!(true)
    );
    assert_eq!(
        browser.eval("return document.querySelectorAll('section.day li.now[role=separator][aria-label=Now]').length").await,
        json!(1),
        "a now line on today only"
    );
    // The cancelled event is left out; the declined one is dimmed and says so.
    assert!(!text.contains("Dentist (cancelled)"));
    let declined = rows(&browser, "Budget review").await;
    assert!(
        declined[0]["class"]
            .as_str()
            .unwrap_or("")
            .contains("declined"),
        "{declined:?}"
    );
    let said = browser
        .eval("return [...document.querySelectorAll('li.declined')].map(li => li.querySelector('button.title').textContent + ': ' + li.querySelector('.declined-label').textContent)")
        .await;
    assert_eq!(
        said,
        json!(["Budget review: Declined"]),
        "said in words, not only dimmed"
    );
    // Crossing midnight: on both days.
    let train = rows(&browser, "Night train").await;
    assert_eq!(train.len(), 2, "{train:?}");
    assert!(
        train[0]["when"]
            .as_str()
            .unwrap_or("")
            .ends_with("(day 1 of 2)"),
        "{train:?}"
    );
    // The video link and the link to Google Calendar.
    let meet = browser
        .eval("return [...document.querySelectorAll('li.event a.video')].map(a => a.href + ' ' + a.target + ' ' + a.rel)")
        .await;
    assert_eq!(
        meet,
        json!(["https://meet.google.com/abc-defg-hij _blank noopener"])
    );
    assert_eq!(
        browser.eval("return [...document.querySelectorAll('li.event a.open')].every(a => a.target === '_blank' && a.rel === 'noopener' && a.href.startsWith('http'))").await,
        json!(true)
    );

    // Details: guests and their answers in words.
    click_title(&browser, "Design review").await;
    let text = browser.wait_for_text("Mary Somerville").await;
    assert!(text.contains("Charles Babbage, accepted"), "{text}");
    assert!(text.contains("Mary Somerville, maybe"), "{text}");
    assert_eq!(
        browser
            .eval(
                "return document.querySelector('li.event button[aria-expanded=true]').textContent"
            )
            .await,
        json!("Design review")
    );

    // A hostile description is text: nothing of it runs, no element of it exists.
    click_title(&browser, "Book club").await;
    let text = browser.wait_for_text("Bring the book and a friend.").await;
    assert!(text.contains("Chapter 3 onwards."));
    let injected = browser
        .eval(
            "return document.querySelectorAll('.details script, .details img, .details b').length",
        )
        .await;
    assert_eq!(injected, json!(0));
    // Its web address is a link; the `javascript:` anchor is only its text.
    let links = browser
        .eval("return [...document.querySelectorAll('.details a')].map(a => [a.getAttribute('href'), a.target, a.rel])")
        .await;
    assert_eq!(
        links,
        json!([["https://docs.example.com/book-club", "_blank", "noopener"]])
    );
    assert!(text.contains("Reading list"), "{text}");
    assert!(
        browser.client.get_alert_text().await.is_err(),
        "no alert() ran"
    );
    browser.assert_csp_kept("the details keep the CSP").await;

    // 30 days: the event without a title (day 8) appears.
    range(&browser, 30).await;
    browser.wait_for_text("(No title)").await;
    assert_eq!(
        stack.calls("calendar.calendarList.list").len(),
        1,
        "a range change keeps the list"
    );
    assert_eq!(stack.calls("calendar.events.list").len(), 8);

    // Hiding Work removes its rows at once, without a request; the choice survives a reload.
    let work_id = calendar_id(&browser, "Work").await;
    let work_count =
        format!("document.querySelectorAll('li.event[data-calendar-id=\"{work_id}\"]').length");
    let work_rows = format!("return {work_count}");
    assert!(browser.eval(&work_rows).await.as_u64().unwrap_or(0) > 100);
    browser
        .click(&format!("input[data-calendar-id='{work_id}']"))
        .await;
    wait_until(
        &browser,
        "Work's rows are gone",
        &format!("return {work_count} === 0"),
    )
    .await;
    assert_eq!(
        stack.calls("calendar.events.list").len(),
        8,
        "hiding fetches nothing"
    );
    assert!(
        browser.body_text().await.contains("Coffee with Charles"),
        "the other calendars stay"
    );

    browser.client.refresh().await.expect("reload");
    wait_for_agenda(&browser).await;
    browser.wait_for_text("Coffee with Charles").await;
    assert_eq!(browser.eval(&work_rows).await, json!(0));
    assert_eq!(
        browser
            .eval(&format!(
                "return document.querySelector(\"input[data-calendar-id='{work_id}']\").checked"
            ))
            .await,
        json!(false)
    );
    let after_reload = stack.calls("calendar.events.list");
    assert_eq!(
        after_reload.len(),
        8 + 3,
        "the hidden calendar is not fetched"
    );
    // Showing it again fetches that calendar only.
    browser
        .click(&format!("input[data-calendar-id='{work_id}']"))
        .await;
    wait_until(
        &browser,
        "Work's rows are back",
        &format!("return {work_count} > 0"),
    )
    .await;
    assert_eq!(stack.calls("calendar.events.list").len(), 8 + 4);

    // Hiding every calendar leaves the empty state (the range was remembered too).
    for input in browser
        .client
        .find_all(Locator::Css("label.calendar input:checked"))
        .await
        .expect("checkboxes")
    {
        input.click().await.expect("untick");
    }
    browser
        .wait_for_text("Nothing on your calendars for the next 30 days.")
        .await;
    browser.close().await;
}

#[tokio::test]
async fn events_land_on_the_right_local_days_in_los_angeles_and_tokyo() {
    let stack = Stack::start(Deployment::Sandbox { flow: "token" }).await;
    let zone = |tz: &str, width| BrowserOptions {
        time_zone: Some(tz.into()),
        width,
        height: 800,
        ..BrowserOptions::default()
    };
    let (la, tokyo) = tokio::join!(
        calendar_in(&stack, zone("America/Los_Angeles", 1200)),
        calendar_in(&stack, zone("Asia/Tokyo", 360)),
    );
    let token = la.access_token().await;
    let search = "/calendar/v3/calendars/primary/events?singleEvents=true&q=";
    let primary = get(&stack, &token, &format!("{search}Night")).await;
    let train = primary["items"]
        .as_array()
        .and_then(|items| items.iter().find(|e| e["summary"] == "Night train"))
        .cloned()
        .expect("the seeded night train");
    let lisbon = get(&stack, &token, &format!("{search}Lisbon")).await;
    let lisbon_start = lisbon["items"][0]["start"]["date"]
        .as_str()
        .unwrap_or_default()
        .to_string();

    let mut train_days = Vec::new();
    for (browser, zone) in [(&la, "America/Los_Angeles"), (&tokyo, "Asia/Tokyo")] {
        // An all-day event is on its calendar date everywhere.
        let trip = rows(browser, "Lisbon trip").await;
        assert_eq!(trip[0]["date"], json!(lisbon_start), "{zone}: {trip:?}");
        assert!(
            trip[0]["when"]
                .as_str()
                .unwrap_or("")
                .contains("All day (day 1 of 4)"),
            "{zone}: {trip:?}"
        );
        // A timed event is on the local days it covers there.
        let start = instant_ms(browser, train["start"]["dateTime"].as_str().unwrap_or("")).await;
        let end = instant_ms(browser, train["end"]["dateTime"].as_str().unwrap_or("")).await;
        let expected: BTreeSet<String> = [
            date_in(browser, zone, start).await,
            date_in(browser, zone, end - 1).await,
        ]
        .into();
        let shown: BTreeSet<String> = rows(browser, "Night train")
            .await
            .iter()
            .filter_map(|r| r["date"].as_str().map(String::from))
            .collect();
        assert_eq!(shown, expected, "{zone}");
        train_days.push(shown);
    }
    // 22:30–01:00 in London is an afternoon in Los Angeles and a morning a day later in Tokyo.
    assert_ne!(
        train_days[0], train_days[1],
        "the train moves days between the zones"
    );

    // At 360 px nothing scrolls sideways.
    let overflow = tokyo
        .eval("return document.documentElement.scrollWidth - window.innerWidth")
        .await;
    assert!(
        overflow.as_i64().unwrap_or(1) <= 0,
        "horizontal overflow at 360 px: {overflow}"
    );
    la.close().await;
    tokyo.close().await;
}

#[tokio::test]
async fn paging_brings_every_event_of_a_busy_calendar() {
    let (stack, browser) = calendar_stack(BrowserOptions::default()).await;
    // Adding events to the sandbox needs calendar.events: the quick-add grant gives it.
    grant_writing(&browser, "Paging probe").await;
    let token = browser.access_token().await;
    let work_id = stack.calendar_id(&token, "Work").await.expect("Work");
    // 85 daily series over the next 40 days: with the seeded meetings, more than one
    // 2,500-event page in 30 days.
    let today = browser
        .eval("return new Date().toISOString().slice(0, 10)")
        .await;
    let today = today.as_str().unwrap_or_default();
    for n in 0..85 {
        let start = format!("{today}T{:02}:{:02}:00Z", 1 + n / 12, (n % 12) * 5);
        let end = format!("{today}T{:02}:{:02}:00Z", 1 + n / 12, (n % 12) * 5 + 4);
        let event = json!({
            "summary": format!("Load {n}"),
            "start": { "dateTime": start, "timeZone": "UTC" },
            "end": { "dateTime": end, "timeZone": "UTC" },
            "recurrence": ["RRULE:FREQ=DAILY;COUNT=40"],
        });
        let events = format!("/calendar/v3/calendars/{}/events", percent_encode(&work_id));
        post(&stack, &token, &events, event).await;
    }
    range(&browser, 30).await;

    let work_calls: Vec<Value> = stack
        .calls("calendar.events.list")
        .into_iter()
        .filter(|r| {
            r["path"]
                .as_str()
                .is_some_and(|p| p.contains(&percent_encode(&work_id)))
        })
        .collect();
    let last = work_calls.last().expect("Work was fetched");
    assert!(
        query(last).contains("pageToken="),
        "the last Work call follows a page token: {work_calls:?}"
    );
    let first = &work_calls[work_calls.len() - 2];
    let (time_min, time_max) = (
        param(query(first), "timeMin").unwrap_or_default(),
        param(query(first), "timeMax").unwrap_or_default(),
    );
    assert!(
        time_min.len() >= 20 && time_max.len() >= 20,
        "RFC 3339 bounds: {time_min} {time_max}"
    );

    let expected = all_events(&stack, &token, &work_id, &time_min, &time_max)
        .await
        .len();
    assert!(expected > 2500, "{expected}");
    let shown = browser
        .eval(&format!(
            "return document.querySelectorAll('li.event[data-calendar-id=\"{work_id}\"]').length"
        ))
        .await;
    assert_eq!(
        shown,
        json!(expected),
        "every event of every page is on screen"
    );
    browser.close().await;
}
