//! The Calendar view's calendars and special events in headless Chromium against the
//! sandbox's seeded calendars: unticked calendars, colours, all-day and multi-day events,
//! events in their own zone, birthdays, out of office and focus time, as Google shows them.

use satchel_e2e::calendar::{
    calendar_id, calendar_stack, checked, date_in, get, range, rows, wait_for_agenda, wait_until,
};
use satchel_e2e::{percent_encode, Browser, BrowserOptions};
use serde_json::{json, Value};

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
