//! Calendar helpers for the end-to-end tests: the agenda signed in and settled, its rows,
//! the event form, and what the sandbox stored and would have emailed.

use fantoccini::Locator;
use serde_json::{json, Value};

use crate::{percent_encode, Browser, BrowserOptions, Deployment, Stack};

/// A browser signed in on /calendar (the consent grants calendar.readonly), agenda shown.
pub async fn calendar_in(stack: &Stack, options: BrowserOptions) -> Browser {
    let browser = stack.sign_in("calendar", options).await;
    wait_for_agenda(&browser).await;
    browser
}

/// A new app (token flow) and a browser signed in on its Calendar.
pub async fn calendar_stack(options: BrowserOptions) -> (Stack, Browser) {
    let stack = Stack::start(Deployment::Sandbox { flow: "token" }).await;
    let browser = calendar_in(&stack, options).await;
    (stack, browser)
}

/// Waits until the agenda is loaded and every row built (long agendas get their rows in
/// two passes).
pub async fn wait_for_agenda(browser: &Browser) {
    browser
        .wait_for(".agenda section.day, .agenda .empty")
        .await;
    browser
        .wait_until(
            "the agenda settles",
            "return document.querySelector('.cal-status').textContent === '' && document.querySelector('.agenda').getAttribute('aria-busy') === 'false'",
            15,
        )
        .await;
}

/// The rows of events whose title starts with `title`: `[{id, date, when, class}]`.
pub async fn rows(browser: &Browser, title: &str) -> Vec<Value> {
    let script = format!(
        "return [...document.querySelectorAll('li.event')]
            .filter(li => li.querySelector('button.title').textContent.startsWith({title}))
            .map(li => ({{ id: li.dataset.eventId, calendar: li.dataset.calendarId,
                          date: li.closest('section.day').dataset.date,
                          when: li.querySelector('.when').textContent, class: li.className }}))",
        title = json!(title)
    );
    browser.eval_list(&script).await
}

/// Opens the details of the first event whose title starts with `title`.
pub async fn click_title(browser: &Browser, title: &str) {
    browser
        .client
        .find(Locator::XPath(&format!(
            "//li[contains(@class,'event')]//button[starts-with(normalize-space(.), '{title}')]"
        )))
        .await
        .unwrap_or_else(|e| panic!("no event {title}: {e}"))
        .click()
        .await
        .expect("click the event");
}

impl Browser {
    /// Sets a form field as a person's picker would (`datetime-local` and `date` inputs
    /// take no typed keys headlessly), with the `input` event the app listens to.
    pub async fn set_value(&self, css: &str, value: &str) {
        self.wait_for(css).await;
        self.eval(&format!(
            "const el = document.querySelector({css}); el.value = {value};
             el.dispatchEvent(new Event('input', {{ bubbles: true }}));
             el.dispatchEvent(new Event('change', {{ bubbles: true }})); return true",
            css = json!(css),
            value = json!(value)
        ))
        .await;
    }

    /// The id of the element that has focus.
    pub async fn focused_id(&self) -> String {
        self.eval_str("return document.activeElement ? document.activeElement.id : ''")
            .await
    }
}

impl Stack {
    /// The events the sandbox stores for a calendar of ada's, raw (as Google keeps them).
    pub async fn stored_events(&self, calendar_id: &str) -> Vec<Value> {
        let target = format!(
            "/_sandbox/calendar/events/{}?account=ada%40satchel.test",
            percent_encode(calendar_id)
        );
        let (status, body) = self
            .sandbox_call("GET", &target, None, None)
            .await
            .expect("read the stored events");
        assert_eq!(status, 200, "{target}: {body}");
        body["events"].as_array().cloned().unwrap_or_default()
    }

    /// The stored events of a calendar called `summary`, by title.
    pub async fn stored_titled(&self, calendar_id: &str, summary: &str) -> Vec<Value> {
        self.stored_events(calendar_id)
            .await
            .into_iter()
            .filter(|e| e["summary"] == summary)
            .collect()
    }

    /// What Google would have emailed about calendar changes.
    pub async fn notifications(&self) -> Vec<Value> {
        let (_, body) = self
            .sandbox_call("GET", "/_sandbox/calendar/notifications", None, None)
            .await
            .expect("read the notifications");
        body.as_array().cloned().unwrap_or_default()
    }
}

/// Writing events needs calendar.events: granted through the app's own quick add.
pub async fn grant_writing(browser: &Browser, probe: &str) {
    let text = format!("{probe} tomorrow 09:00");
    browser.first_quick_add(&text, probe).await;
}

/// Polls a script until it returns true, up to 15 s.
pub async fn wait_until(browser: &Browser, what: &str, script: &str) {
    browser.wait_until(what, script, 15).await;
}

/// A GET of the sandbox's API with the app's token; it must succeed.
pub async fn get(stack: &Stack, token: &str, target: &str) -> Value {
    let answer = stack.api(token, "GET", target, None).await;
    answer.unwrap_or_else(|e| panic!("{e}"))
}

/// A POST to the sandbox's API with the app's token; it must succeed.
pub async fn post(stack: &Stack, token: &str, target: &str, body: Value) -> Value {
    let answer = stack.api(token, "POST", target, Some(body)).await;
    answer.unwrap_or_else(|e| panic!("{e}"))
}

/// Every item of `events.list` for a calendar and window, all pages followed.
pub async fn all_events(
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

/// The local date of an instant in a named zone, by the browser's Intl (independent of the
/// app's own `getTimezoneOffset` arithmetic).
pub async fn date_in(browser: &Browser, zone: &str, instant_ms: i64) -> String {
    browser
        .eval_str(&format!(
            "return new Intl.DateTimeFormat('en-CA', {{ timeZone: {zone}, year: 'numeric', month: '2-digit', day: '2-digit' }}).format(new Date({instant_ms}))",
            zone = json!(zone)
        ))
        .await
}

pub async fn range(browser: &Browser, days: u32) {
    browser
        .click(&format!(".range button[data-range='{days}']"))
        .await;
    wait_until(browser, "the range is chosen", &format!("return document.querySelector(\".range button[data-range='{days}']\").getAttribute('aria-pressed') === 'true'")).await;
    wait_for_agenda(browser).await;
}

/// The id of the calendar named `name` in the calendars panel.
pub async fn calendar_id(browser: &Browser, name: &str) -> String {
    browser
        .eval_str(&format!(
            "return [...document.querySelectorAll('label.calendar')].find(l => l.textContent.trim() === {}).querySelector('input').dataset.calendarId",
            json!(name)
        ))
        .await
}

pub async fn checked(browser: &Browser, id: &str) -> Value {
    browser
        .eval(&format!(
            "return document.querySelector(`input[data-calendar-id=\"${{{}}}\"]`).checked",
            json!(id)
        ))
        .await
}
