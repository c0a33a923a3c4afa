//! What the Outbox tests share: going offline and back (checked), the "Outbox (N)" link,
//! Send while offline, and waiting for the sandbox's mailbox.

use crate::{is, poll, Browser, Stack};

/// Mail's navigation link to the Outbox.
pub const OUTBOX_LINK: &str = "nav.subnav a[href='/mail/outbox']";

/// Offline, checked: the browser says so and a fetch of the sandbox gets no answer.
pub async fn go_offline(stack: &Stack, browser: &Browser) {
    browser.set_offline(true).await;
    browser
        .wait_until(
            "navigator.onLine to be false",
            "return !navigator.onLine",
            10,
        )
        .await;
    let probe = format!("{}/_sandbox/outbox", stack.sandbox.url());
    assert!(!browser.can_fetch(&probe).await, "offline cuts fetch");
}

/// Back online: the emulation ends and the page's `online` event fires.
pub async fn go_online(browser: &Browser) {
    browser.set_offline(false).await;
    browser
        .wait_until("navigator.onLine to be true", "return navigator.onLine", 10)
        .await;
}

/// The Outbox link's text, "" when it is not shown.
pub async fn outbox_link(browser: &Browser) -> String {
    browser
        .eval_str(&format!(
            "const a = document.querySelector(\"{OUTBOX_LINK}\"); return a ? a.textContent : ''"
        ))
        .await
}

pub async fn wait_link(browser: &Browser, want: &str) {
    poll(
        &format!("the Outbox link to read {want:?}"),
        15,
        async || is(outbox_link(browser).await, want.to_string()),
    )
    .await;
}

/// Fills Compose with `subject` and one attachment, sends, and waits for the Outbox notice.
pub async fn send_offline(browser: &Browser, subject: &str, file: &std::path::Path) {
    browser
        .compose("bob@example.com", subject, "Γράφτηκε χωρίς δίκτυο.")
        .await;
    browser.attach(&[file]).await;
    browser.wait_for_text("ticket.bin").await;
    // The name shows as soon as the file is picked; Send stays disabled until it is read.
    browser
        .wait_until(
            "Send to be enabled",
            "return !document.querySelector('#compose-send').disabled",
            10,
        )
        .await;
    browser.click("#compose-send").await;
    browser
        .wait_for_text("Saved to Outbox: it will be sent when you are back online.")
        .await;
}

pub async fn wait_sent(stack: &Stack, want: usize) {
    poll("the sandbox's mailbox", 20, async || {
        is(stack.outbox().len(), want)
    })
    .await;
}
