//! The Outbox: Send while offline keeps the message (attachments included) in IndexedDB,
//! "Outbox (N)" shows in Mail's navigation, nothing is lost on reload, and the message is
//! sent exactly once when the network comes back: counted in the sandbox's mailbox, under
//! faults and a reload in the middle of the send. Offline is Chromium's own emulation
//! (chromedriver `network_conditions`: fetch fails, `navigator.onLine` and the `online`
//! event follow). A page reloaded with no network at all cannot load without a service
//! worker, so the reload here happens with only the sandbox (Google) unreachable.

use satchel_e2e::outbox::{
    go_offline, go_online, outbox_link, send_offline, wait_link, wait_sent, OUTBOX_LINK,
};
use satchel_e2e::{
    assert_attached, attachments, compose_signed_in, is, noise, poll, Browser, BrowserOptions,
    Stack, TempDir,
};
use satchel_sandbox::{Fault, FaultKind};

const SUBJECT: &str = "Καλημέρα από το Outbox";

/// Compose through a draft (`gmail.compose`), no Undo wait.
async fn ready() -> (Stack, Browser) {
    compose_signed_in(BrowserOptions::default(), false, 0).await
}

#[tokio::test]
async fn sent_offline_kept_across_a_reload_then_sent_once_with_its_attachment() {
    let (stack, browser) = ready().await;
    let dir = TempDir::new("outbox");
    let file = dir.file("ticket.bin", noise(300 << 10));
    assert_eq!(
        outbox_link(&browser).await,
        "",
        "no link while nothing waits"
    );
    go_offline(&stack, &browser).await;
    send_offline(&browser, SUBJECT, &file).await;
    wait_link(&browser, "Outbox (1)").await;
    assert_eq!(
        browser.value_of("compose-subject").await,
        "",
        "the form is free"
    );
    assert!(stack.calls("gmail.users.drafts.create").is_empty());

    // Google unreachable while the browser is online again: attempts fail before reaching
    // it, and a reload keeps the message.
    let google = format!("{}/", stack.sandbox.url());
    browser.block_urls(&google).await;
    go_online(&browser).await;
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    browser.client.refresh().await.expect("reload");
    browser.wait_for("#compose-to").await;
    wait_link(&browser, "Outbox (1)").await;
    assert!(stack.outbox().is_empty(), "nothing reached Google");

    // Back for real: the `online` event sends it, once.
    browser.set_offline(true).await;
    browser.block_urls("").await;
    go_online(&browser).await;
    wait_sent(&stack, 1).await;
    wait_link(&browser, "").await;
    browser
        .wait_for_text(&format!("Sent from the Outbox: {SUBJECT}"))
        .await;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let sent = stack.outbox();
    assert_eq!(sent.len(), 1, "exactly one copy");
    assert_eq!(sent[0]["subject"], SUBJECT);
    assert_attached(&attachments(&sent[0]), &file);
    assert_eq!(stack.calls("gmail.users.drafts.send").len(), 1);
    assert!(stack.calls("gmail.users.messages.send").is_empty());
    browser.close().await;
}

#[tokio::test]
async fn an_outbox_item_can_be_edited_back_into_the_form_or_deleted() {
    let (stack, browser) = ready().await;
    let dir = TempDir::new("outbox-edit");
    let file = dir.file("ticket.bin", noise(20 << 10));
    go_offline(&stack, &browser).await;
    send_offline(&browser, "Edit me", &file).await;
    send_offline(&browser, "Delete me", &file).await;
    wait_link(&browser, "Outbox (2)").await;
    browser.click(OUTBOX_LINK).await;
    browser.wait_for_text("You are offline").await;
    let text = browser.body_text().await;
    assert!(
        text.contains("Edit me") && text.contains("Delete me"),
        "{text}"
    );
    assert!(text.contains("1 attachment"), "{text}");
    assert!(!text.contains("Send now"), "no Send now offline:\n{text}");

    browser.click("button[aria-label='Delete Delete me']").await;
    browser.wait_for_text("Deleted from the Outbox.").await;
    wait_link(&browser, "Outbox (1)").await;
    browser.click("button[aria-label='Edit Edit me']").await;
    browser.wait_for("#compose-to").await;
    poll("the form to hold the edited message", 10, async || {
        is(
            browser.value_of("compose-subject").await,
            "Edit me".to_string(),
        )
    })
    .await;
    browser.wait_for_text("ticket.bin").await;
    wait_link(&browser, "").await;

    // Online, nothing goes out by itself: the edited message is in the form, not the Outbox.
    go_online(&browser).await;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    assert!(stack.outbox().is_empty(), "{:?}", stack.outbox());
    browser.type_into("#compose-subject", "Edited").await;
    browser.click("#compose-send").await;
    browser.wait_for_text("Message sent.").await;
    let sent = stack.outbox();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["subject"], "Edited");
    assert_attached(&attachments(&sent[0]), &file);
    browser.close().await;
}

/// The drafts in the sandbox's mailbox.
async fn drafts(stack: &Stack, browser: &Browser) -> usize {
    let token = browser.access_token().await;
    let (status, body) = stack
        .sandbox_call("GET", "/gmail/v1/users/me/drafts", Some(&token), None)
        .await
        .expect("drafts.list");
    assert_eq!(status, 200, "{body}");
    body["drafts"].as_array().map(Vec::len).unwrap_or(0)
}

#[tokio::test]
async fn faults_after_the_draft_was_made_and_after_it_was_sent_still_give_one_copy() {
    let (stack, browser) = ready().await;
    let before = drafts(&stack, &browser).await;
    let dir = TempDir::new("outbox-faults");
    let file = dir.file("ticket.bin", noise(10 << 10));
    go_offline(&stack, &browser).await;
    send_offline(&browser, "Through the faults", &file).await;
    // The draft is made but its answer lost; the send takes effect, then a 503.
    for (method, kind) in [
        ("gmail.users.drafts.create", FaultKind::DropAfter),
        (
            "gmail.users.drafts.send",
            FaultKind::StatusAfter {
                status: 503,
                retry_after: None,
            },
        ),
    ] {
        stack.sandbox.inject(Fault {
            method: method.into(),
            count: 1,
            kind,
        });
    }
    go_online(&browser).await;
    wait_sent(&stack, 1).await;
    wait_link(&browser, "").await;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    assert_eq!(stack.outbox().len(), 1, "exactly one copy");
    assert_eq!(
        stack.calls("gmail.users.drafts.create").len(),
        1,
        "one draft made"
    );
    assert_eq!(
        drafts(&stack, &browser).await,
        before,
        "no draft left behind"
    );
    browser.close().await;
}

#[tokio::test]
async fn a_reload_in_the_middle_of_the_send_still_gives_one_copy() {
    let (stack, browser) = ready().await;
    let dir = TempDir::new("outbox-reload");
    let file = dir.file("ticket.bin", noise(10 << 10));
    go_offline(&stack, &browser).await;
    send_offline(&browser, "Reloaded mid-send", &file).await;
    stack.sandbox.inject(Fault {
        method: "gmail.users.drafts.send".into(),
        count: 1,
        // Sent at once, answered 3 s later: the reload comes in between.
        kind: FaultKind::DelayAfter { ms: 3000 },
    });
    go_online(&browser).await;
    wait_sent(&stack, 1).await;
    browser.client.refresh().await.expect("reload");
    browser.wait_for("#compose-to").await;
    wait_sent(&stack, 1).await;
    wait_link(&browser, "").await;
    tokio::time::sleep(std::time::Duration::from_secs(4)).await;
    assert_eq!(stack.outbox().len(), 1, "exactly one copy");
    assert_eq!(stack.outbox()[0]["subject"], "Reloaded mid-send");
    // The reloaded page went on from the recorded draft id, never a second draft.
    assert_eq!(stack.calls("gmail.users.drafts.create").len(), 1);
    // The first drafts.send worked but its answer never arrived; the reloaded page sent
    // the same draft again and learned from the 404 that it had gone out.
    let statuses: Vec<_> = stack
        .calls("gmail.users.drafts.send")
        .iter()
        .map(|r| r["status"].clone())
        .collect();
    assert_eq!(statuses, [serde_json::json!(200), serde_json::json!(404)]);
    assert!(
        stack.calls("gmail.users.drafts.list").is_empty(),
        "resumed from the recorded draft id, without looking for it"
    );
    browser.close().await;
}

#[tokio::test]
async fn an_expired_session_waits_for_the_one_click_renewal_then_sends_once() {
    let (stack, browser) = ready().await;
    let dir = TempDir::new("outbox-renew");
    let file = dir.file("ticket.bin", noise(10 << 10));
    go_offline(&stack, &browser).await;
    send_offline(&browser, "After the renewal", &file).await;
    browser.click(OUTBOX_LINK).await;
    browser.wait_for_text("You are offline").await;
    // Google ends the session while the browser is away.
    stack.sandbox.expire_all_tokens();
    go_online(&browser).await;
    browser.wait_for("#continue-session").await;
    browser
        .wait_for_text("The Outbox waits for you to sign in again")
        .await;
    let windows = browser.client.windows().await.expect("windows");
    assert_eq!(windows.len(), 1, "no sign-in popup opened by itself");
    assert!(stack.outbox().is_empty());
    wait_link(&browser, "Outbox (1)").await;
    // One click renews the session; the waiting message goes out then, once.
    browser.grant("#continue-session").await;
    wait_sent(&stack, 1).await;
    wait_link(&browser, "").await;
    browser
        .wait_for_text("Nothing is waiting to be sent.")
        .await;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    assert_eq!(stack.outbox().len(), 1, "exactly one copy");
    assert_eq!(stack.outbox()[0]["subject"], "After the renewal");
    browser.close().await;
}

/// With the send-only permission the Outbox sends with `messages.send`, once; an attempt
/// whose answer a reload cut off is never repeated by itself: the item waits for the user.
#[tokio::test]
async fn send_only_sends_once_and_an_unanswered_attempt_waits_for_the_user() {
    let (stack, browser) = compose_signed_in(BrowserOptions::default(), true, 0).await;
    let dir = TempDir::new("outbox-send-only");
    let file = dir.file("ticket.bin", noise(10 << 10));
    go_offline(&stack, &browser).await;
    send_offline(&browser, "Send only, once", &file).await;
    go_online(&browser).await;
    wait_sent(&stack, 1).await;
    wait_link(&browser, "").await;
    assert_eq!(stack.calls("gmail.users.messages.send").len(), 1);
    assert!(stack.calls("gmail.users.drafts.create").is_empty());

    // Sent by Gmail, the page reloaded before the answer: Gmail may have sent it.
    go_offline(&stack, &browser).await;
    send_offline(&browser, "Unanswered", &file).await;
    stack.sandbox.inject(Fault {
        method: "gmail.users.messages.send".into(),
        count: 1,
        kind: FaultKind::DelayAfter { ms: 3000 },
    });
    go_online(&browser).await;
    wait_sent(&stack, 2).await;
    browser.client.refresh().await.expect("reload");
    browser.wait_for("#compose-to").await;
    wait_link(&browser, "Outbox (1)").await;
    browser.click(OUTBOX_LINK).await;
    browser.wait_for_text("Gmail may have sent it").await;
    tokio::time::sleep(std::time::Duration::from_secs(4)).await;
    assert_eq!(stack.outbox().len(), 2, "never re-sent by itself");
    assert_eq!(stack.calls("gmail.users.messages.send").len(), 2);
    browser
        .click("button[aria-label='Delete Unanswered']")
        .await;
    wait_link(&browser, "").await;
    assert_eq!(stack.outbox().len(), 2);
    browser.close().await;
}

/// A page opened on Calendar while messages wait loads the sending code by itself and
/// sends them once the network is back: no visit to Mail needed.
#[tokio::test]
async fn a_page_opened_on_calendar_sends_what_waits() {
    let (stack, browser) = ready().await;
    let dir = TempDir::new("outbox-calendar");
    let file = dir.file("ticket.bin", noise(10 << 10));
    go_offline(&stack, &browser).await;
    send_offline(&browser, "Sent from Calendar", &file).await;
    let google = format!("{}/", stack.sandbox.url());
    browser.block_urls(&google).await;
    go_online(&browser).await;
    browser
        .client
        .goto(&stack.url("calendar"))
        .await
        .expect("open Calendar");
    browser.wait_for("main h1").await;
    assert!(stack.outbox().is_empty());
    browser.set_offline(true).await;
    browser.block_urls("").await;
    go_online(&browser).await;
    wait_sent(&stack, 1).await;
    browser
        .wait_for_text("Sent from the Outbox: Sent from Calendar")
        .await;
    assert_eq!(stack.outbox().len(), 1);
    browser.close().await;
}

/// Two tabs of the same account see one Outbox (IndexedDB is per origin): a message queued
/// offline in one is sent by the other, once, and the first then finds nothing left to send.
#[tokio::test]
async fn two_tabs_send_a_waiting_message_once() {
    let (stack, browser) = ready().await;
    let dir = TempDir::new("outbox-tabs");
    let file = dir.file("ticket.bin", noise(10 << 10));
    go_offline(&stack, &browser).await;
    send_offline(&browser, "One of two tabs", &file).await;
    // This tab cannot reach Google (DevTools' blocked URLs are per tab); the new one can.
    let google = format!("{}/", stack.sandbox.url());
    browser.block_urls(&google).await;
    go_online(&browser).await;
    let first = browser.client.window().await.expect("this tab");
    let other = browser.client.new_window(true).await.expect("new tab");
    browser
        .client
        .switch_to_window(other.handle)
        .await
        .expect("switch");
    browser.client.goto(&stack.url("mail")).await.expect("open");
    browser.sign_in().await;
    wait_sent(&stack, 1).await;
    browser.client.switch_to_window(first).await.expect("back");
    // The other tab said it changed the Outbox: nothing is left here either.
    wait_link(&browser, "").await;
    browser.block_urls("").await;
    browser.set_offline(true).await;
    go_online(&browser).await;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    assert_eq!(stack.outbox().len(), 1, "exactly one copy");
    assert_eq!(stack.calls("gmail.users.drafts.create").len(), 1);
    browser.close().await;
}
