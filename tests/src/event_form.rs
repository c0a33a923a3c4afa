//! The event form in end-to-end tests: opening New event, filling it as the pickers
//! would, saving, reading what the sandbox stored, and an opened event's actions.

use serde_json::{json, Value};

use crate::calendar::calendar_stack;
use crate::{Browser, BrowserOptions, Stack};

pub const PRIMARY: &str = "ada@satchel.test";

pub fn in_zone(zone: &str) -> BrowserOptions {
    BrowserOptions {
        time_zone: Some(zone.into()),
        ..BrowserOptions::default()
    }
}

/// The local date `days` from now in the browser's zone, `YYYY-MM-DD`.
pub async fn day_from_now(browser: &Browser, days: i64) -> String {
    browser
        .eval_str(&format!(
            "const d = new Date(Date.now() + {days} * 86400000);
             return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0')"
        ))
        .await
}

/// Opens New event and fills the timed fields: `day` (`YYYY-MM-DD`) from `start` to
/// `end` (`HH:MM`).
pub async fn new_event(browser: &Browser, title: &str, day: &str, start: &str, end: &str) {
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
pub async fn new_event_in(
    zone: &str,
    days: i64,
    title: &str,
    start: &str,
    end: &str,
) -> (Stack, Browser, String) {
    let (stack, browser) = calendar_stack(in_zone(zone)).await;
    let day = day_from_now(&browser, days).await;
    new_event(&browser, title, &day, start, end).await;
    (stack, browser, day)
}

/// Types the title and sets the start and end as the pickers would.
pub async fn fill(browser: &Browser, title: &str, start: &str, end: &str) {
    browser.type_into("#event-title", title).await;
    browser.set_value("#event-start", start).await;
    browser.set_value("#event-end", end).await;
}

/// Save, the first time: it asks for calendar.events in a popup, which is allowed.
pub async fn first_save(browser: &Browser) {
    browser.grant("#event-save").await;
}

pub async fn saved(browser: &Browser, title: &str) {
    browser.wait_for_text(&format!("Saved “{title}”.")).await;
}

pub fn only(mut events: Vec<Value>, what: &str) -> Value {
    assert_eq!(events.len(), 1, "{what}: {events:?}");
    events.remove(0)
}

/// Clicks `label` among the opened event's actions (Edit, Delete).
pub async fn event_action(browser: &Browser, label: &str) {
    browser
        .click(&format!(
            ".event-actions button[data-action='{}']",
            label.to_lowercase()
        ))
        .await;
}

/// Clicks the title of the `n`th row (0-based) of events titled exactly `title`.
pub async fn open_row(browser: &Browser, title: &str, n: usize) {
    browser
        .eval(&format!(
            "[...document.querySelectorAll('li.event button.title')].filter(b => b.textContent === {t})[{n}].click(); return true",
            t = json!(title)
        ))
        .await;
}
