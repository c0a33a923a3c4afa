//! The Calendar agenda as things change under it, in headless Chromium against the sandbox:
//! quick add (its permission, a failure keeping the text), a failing calendar reported in
//! place, and the now line and past events following the clock.

use std::collections::BTreeSet;
use std::time::Duration;

use satchel_e2e::calendar::{
    calendar_in, calendar_stack, grant_writing, post, rows, wait_for_agenda, wait_until,
};
use satchel_e2e::fantoccini::Locator;
use satchel_e2e::{poll, BrowserOptions, Deployment, Stack};
use satchel_sandbox::{Fault, FaultKind};
use serde_json::{json, Value};

fn ids(rows: &[Value]) -> BTreeSet<String> {
    rows.iter()
        .filter_map(|r| r["id"].as_str().map(String::from))
        .collect()
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
