//! The Calendar view in headless Chromium against the sandbox's seeded calendars (dated
//! relative to now): days and events, round trips, time zones, hiding calendars, paging,
//! quick add, hostile descriptions and a failing calendar.

use std::collections::BTreeSet;
use std::time::Duration;

use satchel_e2e::calendar::{calendar_in, calendar_stack, click_title, rows, wait_for_agenda};
use satchel_e2e::fantoccini::Locator;
use satchel_e2e::{percent_encode, poll, Browser, BrowserOptions, Deployment, Stack};
use satchel_sandbox::{Fault, FaultKind};
use serde_json::{json, Value};

/// Writing events needs calendar.events: granted through the app's own quick add.
async fn grant_writing(browser: &Browser, probe: &str) {
    let text = format!("{probe} tomorrow 09:00");
    browser.first_quick_add(&text, probe).await;
}

/// Polls a script until it returns true, up to 15 s.
async fn wait_until(browser: &Browser, what: &str, script: &str) {
    browser.wait_until(what, script, 15).await;
}

fn query(request: &Value) -> &str {
    request["query"].as_str().unwrap_or("")
}

/// A GET of the sandbox's API with the app's token; it must succeed.
async fn get(stack: &Stack, token: &str, target: &str) -> Value {
    let answer = stack.api(token, "GET", target, None).await;
    answer.unwrap_or_else(|e| panic!("{e}"))
}

/// A POST to the sandbox's API with the app's token; it must succeed.
async fn post(stack: &Stack, token: &str, target: &str, body: Value) -> Value {
    let answer = stack.api(token, "POST", target, Some(body)).await;
    answer.unwrap_or_else(|e| panic!("{e}"))
}

/// Every item of `events.list` for a calendar and window, all pages followed.
async fn all_events(
    stack: &Stack,
    token: &str,
    calendar_id: &str,
    time_min: &str,
    time_max: &str,
) -> Vec<Value> {
    let mut items = Vec::new();
    let mut page_token = String::new();
    loop {
        let path = format!(
            "/calendar/v3/calendars/{}/events?singleEvents=true&orderBy=startTime&maxResults=2500&timeMin={}&timeMax={}&pageToken={}",
            percent_encode(calendar_id),
            percent_encode(time_min),
            percent_encode(time_max),
            page_token
        );
        let page = get(stack, token, &path).await;
        items.extend(page["items"].as_array().cloned().unwrap_or_default());
        match page["nextPageToken"].as_str() {
            Some(next) => page_token = next.to_string(),
            None => return items,
        }
    }
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

/// The local date of an instant in a named zone, by the browser's Intl (independent of the
/// app's own `getTimezoneOffset` arithmetic).
async fn date_in(browser: &Browser, zone: &str, instant_ms: i64) -> String {
    browser
        .eval_str(&format!(
            "return new Intl.DateTimeFormat('en-CA', {{ timeZone: {zone}, year: 'numeric', month: '2-digit', day: '2-digit' }}).format(new Date({instant_ms}))",
            zone = json!(zone)
        ))
        .await
}

async fn instant_ms(browser: &Browser, rfc3339: &str) -> i64 {
    browser
        .eval(&format!("return Date.parse({})", json!(rfc3339)))
        .await
        .as_i64()
        .unwrap_or_default()
}

async fn range(browser: &Browser, days: u32) {
    browser
        .click(&format!(".range button[data-range='{days}']"))
        .await;
    wait_until(browser, "the range is chosen", &format!("return document.querySelector(\".range button[data-range='{days}']\").getAttribute('aria-pressed') === 'true'")).await;
    wait_for_agenda(browser).await;
}

fn ids(rows: &[Value]) -> BTreeSet<String> {
    rows.iter()
        .filter_map(|r| r["id"].as_str().map(String::from))
        .collect()
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

#[tokio::test]
async fn quick_add_asks_for_permission_keeps_the_text_on_failure_and_shows_the_event_under_tomorrow(
) {
    let (stack, browser) = calendar_stack(BrowserOptions::default()).await;
    let before = rows(&browser, "Lunch with Anna").await;
    let tomorrow = browser
        .eval("return document.querySelectorAll('section.day')[1].dataset.date")
        .await;

    browser
        .send_keys("#quick-add-text", "Lunch with Anna tomorrow 13:00")
        .await;
    // The first attempt fails at Google: the text stays for another try.
    stack.sandbox.inject(Fault {
        method: "calendar.events.quickAdd".into(),
        count: 1,
        kind: FaultKind::Status {
            status: 400,
            retry_after: None,
        },
    });
    browser.grant("form.quick-add button[type=submit]").await;
    browser.wait_for_text("The event was not added.").await;
    assert_eq!(
        browser
            .eval("return document.getElementById('quick-add-text').value")
            .await,
        json!("Lunch with Anna tomorrow 13:00")
    );
    browser.click("form.quick-add button[type=submit]").await;
    browser
        .wait_for_text("Added “Lunch with Anna”, tomorrow")
        .await;
    assert_eq!(
        browser
            .eval("return document.getElementById('quick-add-text').value")
            .await,
        json!("")
    );

    let after = rows(&browser, "Lunch with Anna").await;
    let new: Vec<&Value> = after
        .iter()
        .filter(|r| !ids(&before).contains(r["id"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(new.len(), 1, "{after:?}");
    assert_eq!(new[0]["date"], tomorrow, "under Tomorrow");
    // Put on screen without reloading the agenda.
    assert_eq!(stack.calls("calendar.events.quickAdd").len(), 2);
    assert_eq!(stack.calls("calendar.calendarList.list").len(), 1);
    assert_eq!(stack.calls("calendar.events.list").len(), 4);
    browser.close().await;
}

#[tokio::test]
async fn a_failing_calendar_is_reported_in_place_and_refreshing_keeps_the_agenda() {
    let stack = Stack::start(Deployment::Sandbox { flow: "token" }).await;
    // Not retryable: the first events.list call fails for good.
    stack.sandbox.inject(Fault {
        method: "calendar.events.list".into(),
        count: 1,
        kind: FaultKind::Status {
            status: 404,
            retry_after: None,
        },
    });
    let browser = calendar_in(&stack, BrowserOptions::default()).await;
    let failed = browser
        .eval("return [...document.querySelectorAll('.cal-failed')].map(s => [s.dataset.calendarId, s.querySelector('h2').textContent, s.querySelector('[role=alert]').textContent])")
        .await;
    let failed = failed.as_array().cloned().unwrap_or_default();
    assert_eq!(failed.len(), 1, "{failed:?}");
    let failed_id = failed[0][0].as_str().unwrap_or_default().to_string();
    assert!(
        failed[0][2]
            .as_str()
            .unwrap_or("")
            .contains("could not be loaded"),
        "{failed:?}"
    );
    assert!(
        !failed[0][1].as_str().unwrap_or("").is_empty(),
        "the calendar is named"
    );
    let others = browser
        .eval(&format!("return document.querySelectorAll('li.event:not([data-calendar-id=\"{failed_id}\"])').length"))
        .await;
    assert!(
        others.as_u64().unwrap_or(0) > 0,
        "the other calendars render"
    );

    browser.click(".cal-failed button").await;
    wait_until(
        &browser,
        "the calendar recovers",
        "return document.querySelectorAll('.cal-failed').length === 0",
    )
    .await;
    assert_eq!(
        stack.calls("calendar.events.list").len(),
        5,
        "only that calendar again"
    );

    // A slow refresh keeps the agenda on screen and says so.
    let rows_before = browser
        .eval("return document.querySelectorAll('li.event').length")
        .await;
    stack.sandbox.inject(Fault {
        method: "calendar.calendarList.list".into(),
        count: 1,
        kind: FaultKind::Delay { ms: 1500 },
    });
    browser.click(".cal-bar > button").await;
    wait_until(
        &browser,
        "it says so",
        "return document.querySelector('.cal-status').textContent === 'Refreshing…'",
    )
    .await;
    assert_eq!(
        browser
            .eval("return document.querySelectorAll('li.event').length")
            .await,
        rows_before
    );
    wait_for_agenda(&browser).await;
    assert_eq!(stack.calls("calendar.calendarList.list").len(), 2);

    // Back in the tab after a glance elsewhere: nothing; after five minutes away: fetched again.
    let switch = "window.satchelTestHidden = HIDDEN; document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));";
    browser
        .eval(&format!(
            "Object.defineProperty(document, 'hidden', {{ configurable: true, get: () => window.satchelTestHidden }});
             {} {} return true",
            switch.replace("HIDDEN", "true"),
            switch.replace("HIDDEN", "false")
        ))
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        stack.calls("calendar.calendarList.list").len(),
        2,
        "a glance away fetches nothing"
    );
    browser
        .eval(&format!(
            "{} const now = Date.now; Date.now = () => now() + 6 * 60 * 1000; {} return true",
            switch.replace("HIDDEN", "true"),
            switch.replace("HIDDEN", "false")
        ))
        .await;
    poll("a refresh after five minutes away", 10, async || {
        stack.calls("calendar.calendarList.list").len() >= 3
    })
    .await;
    wait_for_agenda(&browser).await;
    browser.close().await;
}

/// A fixed-offset zone where it is now about noon, so moving the clock half an hour on
/// cannot cross midnight (`Etc/GMT-3` is UTC+3: the sign is POSIX's).
fn zone_at_noon() -> String {
    let utc_hour = (std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
        / 3600
        % 24) as i64;
    let east = (12 - utc_hour + 12).rem_euclid(24) - 12; // -11..=12
    match east {
        0 => "Etc/UTC".to_string(),
        e if e > 0 => format!("Etc/GMT-{e}"),
        e => format!("Etc/GMT+{}", -e),
    }
}

#[tokio::test]
async fn the_now_line_and_past_events_follow_the_clock() {
    let options = BrowserOptions {
        time_zone: Some(zone_at_noon()),
        ..BrowserOptions::default()
    };
    let (stack, browser) = calendar_stack(options).await;
    grant_writing(&browser, "Scope probe").await;

    // "Clock A" is on now and ends in 10 minutes; "Clock B" starts in 20.
    let token = browser.access_token().await;
    let times = browser
        .eval("return [-30, 10, 20, 40].map(m => new Date(Date.now() + m * 60000).toISOString())")
        .await;
    for (title, start, end) in [
        ("Clock A", &times[0], &times[1]),
        ("Clock B", &times[2], &times[3]),
    ] {
        let event =
            json!({ "summary": title, "start": { "dateTime": start }, "end": { "dateTime": end } });
        post(
            &stack,
            &token,
            "/calendar/v3/calendars/primary/events",
            event,
        )
        .await;
    }
    browser
        .click(".cal-bar button.secondary:not([data-range])")
        .await;
    wait_until(&browser, "both events are shown", "return [...document.querySelectorAll('li.event button.title')].filter(b => b.textContent.startsWith('Clock ')).length === 2").await;
    wait_for_agenda(&browser).await;
    // Where each row sits against the "now" line (negative: before it), and greyed or not.
    let state = "const today = document.querySelector('li.now').closest('ul');
        const items = [...today.children];
        const line = items.findIndex(li => li.classList.contains('now'));
        const row = t => items.findIndex(li => li.querySelector('button.title')?.textContent === t);
        return ['Clock A', 'Clock B'].map(t => [Math.sign(row(t) - line), items[row(t)].classList.contains('past')])";
    assert_eq!(
        browser.eval(state).await,
        json!([[-1, false], [1, false]]),
        "A is on now, B is still to come"
    );
    // Times as the browser's locale writes them, in its zone.
    let expected = browser
        .eval(&format!(
            "const f = new Intl.DateTimeFormat(undefined, {{ hour: 'numeric', minute: '2-digit' }});
             return f.format(new Date({})) + '–' + f.format(new Date({}))",
            times[0], times[1]
        ))
        .await;
    assert_eq!(rows(&browser, "Clock A").await[0]["when"], expected);

    // Half an hour later: A has ended, B has begun. The page's clock moves on; no reload.
    browser.eval("const real = Date.now.bind(Date); Date.now = () => real() + 30 * 60 * 1000; return true").await;
    let moved = format!(
        "const s = (() => {{ {state} }})(); return JSON.stringify(s) === '[[-1,true],[-1,false]]'"
    );
    browser
        .wait_until("the clock moves the line and greys A", &moved, 25)
        .await;
    assert_eq!(
        stack.calls("calendar.events.list").len(),
        8,
        "no fetch on the clock's account: 4 at first, 4 on Refresh"
    );

    // By keyboard: Enter on a row's title opens its details, again closes them.
    let title = browser
        .client
        .find(Locator::XPath(
            "//li[contains(@class,'event')]//button[normalize-space(.)='Clock B']",
        ))
        .await
        .expect("Clock B's title");
    let opened = "const li = [...document.querySelectorAll('li.event')].find(li => li.querySelector('button.title').textContent === 'Clock B');
        return [li.querySelector('button.title').getAttribute('aria-expanded'), li.querySelectorAll('.details').length]";
    title.send_keys("\u{E007}").await.expect("Enter");
    assert_eq!(browser.eval(opened).await, json!(["true", 1]));
    title.send_keys("\u{E007}").await.expect("Enter");
    assert_eq!(browser.eval(opened).await, json!(["false", 0]));
    browser.close().await;
}

/// The id of the calendar named `name` in the calendars panel.
async fn calendar_id(browser: &Browser, name: &str) -> String {
    browser
        .eval_str(&format!(
            "return [...document.querySelectorAll('label.calendar')].find(l => l.textContent.trim() === {}).querySelector('input').dataset.calendarId",
            json!(name)
        ))
        .await
}

async fn checked(browser: &Browser, id: &str) -> Value {
    browser
        .eval(&format!(
            "return document.querySelector(`input[data-calendar-id=\"${{{}}}\"]`).checked",
            json!(id)
        ))
        .await
}

/// What one row shows: its time in the event's own zone and its kind in words.
async fn row_extras(browser: &Browser, title: &str) -> Vec<Value> {
    let script = format!(
        "return [...document.querySelectorAll('li.event')]
            .filter(li => li.querySelector('button.title').textContent === {title})
            .map(li => ({{ zone: li.querySelector('.zone-when')?.textContent ?? null,
                          kind: li.querySelector('.kind-label')?.textContent ?? null,
                          class: li.className, date: li.closest('section.day').dataset.date }}))",
        title = json!(title)
    );
    browser.eval_list(&script).await
}

#[tokio::test]
async fn calendars_and_special_events_show_as_google_shows_them() {
    // The seeded calendars' own zone: the seeded wall times are the user's.
    let london = BrowserOptions {
        time_zone: Some("Europe/London".into()),
        ..BrowserOptions::default()
    };
    let (stack, browser) = calendar_stack(london).await;
    browser.wait_for_text("Coffee with Charles").await;
    let now = browser
        .eval("return Date.now()")
        .await
        .as_i64()
        .unwrap_or(0);
    let today = date_in(&browser, "Europe/London", now).await;
    let tomorrow = date_in(&browser, "Europe/London", now + 86_400_000).await;

    // Unticked in Google Calendar: unticked here, not fetched, its events hidden.
    let family = calendar_id(&browser, "Family").await;
    assert!(!family.is_empty(), "Family is listed");
    assert_eq!(checked(&browser, &family).await, json!(false));
    let family_path = format!("/calendar/v3/calendars/{}/events", percent_encode(&family));
    let family_calls = || {
        stack
            .calls("calendar.events.list")
            .iter()
            .filter(|r| r["path"] == family_path.as_str())
            .count()
    };
    assert_eq!(family_calls(), 0, "an unticked calendar is not fetched");
    assert!(!browser.body_text().await.contains("School play"));

    // Free/busy only: "Busy" rows at the right times, no title anywhere.
    let busy = rows(&browser, "Busy").await;
    assert_eq!(busy.len(), 2, "{busy:?}");
    assert!(busy
        .iter()
        .all(|r| r["calendar"] == "charles@analytical.example"));
    assert_eq!(busy[0]["date"], json!(today), "{busy:?}");
    assert!(
        busy[0]["when"].as_str().unwrap_or("").contains("11"),
        "{busy:?}"
    );
    assert!(!browser.body_text().await.contains("Secret"));

    // Working location: a small label on its day, not a row.
    let labels = browser
        .eval("return [...document.querySelectorAll('section.day p.working-location')].map(p => [p.closest('section.day').dataset.date, p.textContent])")
        .await;
    assert_eq!(
        labels,
        json!([
            [today, "Working location: Home"],
            [tomorrow, "Working location: King's Cross office"]
        ])
    );
    assert!(rows(&browser, "Home").await.is_empty(), "not a row");
    assert!(rows(&browser, "King's Cross").await.is_empty(), "not a row");

    // Out of office and focus time: styled and said in words.
    let away = row_extras(&browser, "Dentist, then the afternoon off").await;
    assert_eq!(away.len(), 1, "{away:?}");
    assert_eq!(away[0]["kind"], "Out of office");
    assert!(
        away[0]["class"]
            .as_str()
            .unwrap_or("")
            .contains("out-of-office"),
        "{away:?}"
    );
    let focus = row_extras(&browser, "Deep work").await;
    assert_eq!(
        (
            &focus[0]["kind"],
            focus[0]["class"]
                .as_str()
                .unwrap_or("")
                .contains("focus-time")
        ),
        (&json!("Focus time"), true),
        "{focus:?}"
    );
    assert_eq!(
        browser
            .eval("return getComputedStyle(document.querySelector('li.event.out-of-office')).backgroundImage !== 'none'")
            .await,
        json!(true),
        "out of office looks different"
    );

    // Another zone's clock beside the user's, as the locale writes times; none for the
    // user's own zone.
    let token = browser.access_token().await;
    let search = "/calendar/v3/calendars/primary/events?singleEvents=true&q=New%20York";
    let found = get(&stack, &token, search).await;
    let call = &found["items"][0];
    let expected = browser
        .eval(&format!(
            "const f = new Intl.DateTimeFormat(undefined, {{ hour: 'numeric', minute: '2-digit', timeZone: 'America/New_York' }});
             return f.format(new Date({})) + '–' + f.format(new Date({})) + ' New York time'",
            json!(call["start"]["dateTime"]),
            json!(call["end"]["dateTime"])
        ))
        .await;
    let ny = row_extras(&browser, "Call with the New York office").await;
    assert_eq!(ny[0]["zone"], expected, "{ny:?}");
    assert_eq!(
        row_extras(&browser, "Coffee with Charles").await[0]["zone"],
        Value::Null
    );
    let team = row_extras(&browser, "Team sync").await;
    assert!(
        !team.is_empty() && team.iter().all(|r| r["zone"].is_null()),
        "its zone is the user's: {team:?}"
    );

    // Ticking Family shows it (one fetch) and the choice outlives Google's.
    browser
        .click(&format!("input[data-calendar-id='{family}']"))
        .await;
    browser.wait_for_text("School play").await;
    assert_eq!(family_calls(), 1);
    browser.client.refresh().await.expect("reload");
    wait_for_agenda(&browser).await;
    browser.wait_for_text("School play").await;
    assert_eq!(checked(&browser, &family).await, json!(true));
    browser
        .click(&format!("input[data-calendar-id='{family}']"))
        .await;
    wait_until(
        &browser,
        "Family's rows are gone",
        "return ![...document.querySelectorAll('li.event button.title')].some(b => b.textContent === 'School play')",
    )
    .await;

    // Today: only today. The late film's first part, none of tomorrow's all-day events or
    // working location, no Tomorrow heading.
    range(&browser, 1).await;
    let days = browser
        .eval("return [...document.querySelectorAll('section.day')].map(s => s.dataset.date)")
        .await;
    assert_eq!(days, json!([today]));
    let late = rows(&browser, "Late film").await;
    assert_eq!(late.len(), 1, "{late:?}");
    assert!(
        late[0]["when"]
            .as_str()
            .unwrap_or("")
            .ends_with("(day 1 of 2)"),
        "{late:?}"
    );
    let text = browser.body_text().await;
    for absent in [
        "Tomorrow",
        "King's Cross",
        "Dentist, then the afternoon off",
    ] {
        assert!(!text.contains(absent), "{absent} in Today:\n{text}");
    }
    // 7 days: exactly seven days from today, the film's tail on tomorrow.
    range(&browser, 7).await;
    let late = rows(&browser, "Late film").await;
    let dates: Vec<&Value> = late.iter().map(|r| &r["date"]).collect();
    assert_eq!(dates, [&json!(today), &json!(tomorrow)], "{late:?}");
    let last = date_in(&browser, "Europe/London", now + 6 * 86_400_000).await;
    let out_of_range = browser
        .eval(&format!(
            "return [...document.querySelectorAll('section.day')].filter(s => s.dataset.date < {} || s.dataset.date > {}).length",
            json!(today),
            json!(last)
        ))
        .await;
    assert_eq!(out_of_range, json!(0));
    browser.close().await;
}
