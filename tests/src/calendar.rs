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
