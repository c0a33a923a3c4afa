//! The keyboard: recipient suggestions picked with arrow keys and Enter, and Gmail's
//! shortcuts in Mail.

use satchel_e2e::{inbox_signed_in, Browser};

const DOWN: &str = "\u{e015}";
const ENTER: &str = "\u{e007}";

/// A key pressed on the page (not in a field), as a user presses it.
async fn press(browser: &Browser, key: &str) {
    browser
        .eval(&format!(
            "(document.activeElement || document.body).dispatchEvent(new KeyboardEvent('keydown', {{ key: {key:?}, bubbles: true }})); return true"
        ))
        .await;
}

#[tokio::test]
async fn suggestions_are_picked_with_the_keyboard_and_stay_in_the_tab() {
    let (stack, browser) = inbox_signed_in().await;
    browser.click("nav.subnav a[href='/mail']").await;
    let to = browser.wait_for("#compose-to").await;
    to.click().await.expect("focus To");
    // The suggestions come from the newest Sent and Inbox headers.
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    to.send_keys("cha").await.expect("type");
    browser
        .wait_for("#compose-to-suggestions li[role=option]")
        .await;
    assert_eq!(
        to.attr("aria-expanded").await.ok().flatten().as_deref(),
        Some("true")
    );
    let first = browser
        .eval(
            "return document.querySelector('#compose-to-suggestions li[role=option]').textContent",
        )
        .await;
    assert!(
        first
            .as_str()
            .unwrap_or("")
            .to_lowercase()
            .contains("charles"),
        "{first}"
    );
    to.send_keys(DOWN).await.expect("down");
    let active = to.attr("aria-activedescendant").await.ok().flatten();
    assert_eq!(active.as_deref(), Some("compose-to-option-0"));
    to.send_keys(ENTER).await.expect("enter");
    let value = browser.value_of("compose-to").await;
    assert!(
        value.contains("charles@") && value.ends_with(", "),
        "{value:?}"
    );
    // Enter picked; it did not send.
    assert!(browser.body_text().await.contains("Send"));
    // Free text still goes in.
    to.send_keys("someone@example.net").await.expect("type");
    assert!(browser
        .value_of("compose-to")
        .await
        .ends_with(", someone@example.net"));
    let kept = browser
        .eval("return localStorage.getItem('satchel.contacts')")
        .await;
    assert_eq!(
        kept,
        serde_json::Value::Null,
        "kept in this tab only by default"
    );
    // Settings' choice is kept on this device, and taking it back turns it off.
    browser
        .client
        .goto(&stack.url("settings"))
        .await
        .expect("settings");
    browser.click("#settings-remember-suggestions").await;
    let on = browser
        .eval("return localStorage.getItem('satchel.remember_suggestions')")
        .await;
    assert_eq!(on, serde_json::json!("1"));
    browser.client.refresh().await.expect("reload");
    let ticked = browser.wait_for("#settings-remember-suggestions").await;
    assert_eq!(
        ticked.prop("checked").await.ok().flatten().as_deref(),
        Some("true")
    );
    ticked.click().await.expect("untick");
    let off = browser
        .eval("return localStorage.getItem('satchel.remember_suggestions')")
        .await;
    assert_eq!(off, serde_json::Value::Null);
    browser.close().await;
}

#[tokio::test]
async fn gmail_keys_move_open_and_go_back() {
    let (_stack, browser) = inbox_signed_in().await;
    press(&browser, "?").await;
    browser.wait_for_text("Keyboard shortcuts").await;
    press(&browser, "j").await;
    press(&browser, "j").await;
    let focused = browser
        .eval("return document.activeElement.classList.contains('subject') && document.activeElement.textContent")
        .await;
    assert!(focused.is_string(), "j moves through the list: {focused}");
    press(&browser, "o").await;
    browser.wait_for("#message-subject").await;
    let subject = browser
        .eval("return document.getElementById('message-subject').textContent")
        .await;
    assert_eq!(subject, focused, "o opens the focused message");
    press(&browser, "u").await;
    browser.wait_for("#inbox-q").await;
    press(&browser, "/").await;
    let id = browser.eval("return document.activeElement.id").await;
    assert_eq!(id, "inbox-q");
    // Inside a field the keys are text.
    browser.type_into("#inbox-q", "cj").await;
    assert_eq!(browser.value_of("inbox-q").await, "cj");
    assert!(browser
        .eval("return location.pathname")
        .await
        .as_str()
        .unwrap_or("")
        .ends_with("/mail/inbox"));
    browser.close().await;
}
