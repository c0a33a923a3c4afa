//! Mail in a real headless Chromium against the sandbox: compose and send (small and
//! uploaded), drafts (save, update, reopen, send), the inbox (search, paging, labels), and
//! the failures that must neither lose the message nor send it twice: a 503, a 401 in the
//! middle of a send, a bad address, a same-tab sign-in and a dropped connection.

use std::time::Duration;

use satchel_e2e::{
    assert_attached, attachments, compose_signed_in, is, noise, poll, sha256_file, Browser,
    BrowserOptions, Stack, TempDir,
};
use serde_json::Value;

/// The app on /mail, signed in with the send permission.
async fn compose_ready() -> (Stack, Browser) {
    compose_ready_with(BrowserOptions::default()).await
}

/// These tests start with the send-only permission (chosen in Settings), so the drafts
/// permission is asked at the first Save draft; and they send without the Undo wait.
/// tests/tests/sending.rs covers the default (gmail.compose at the first Send).
async fn compose_ready_with(options: BrowserOptions) -> (Stack, Browser) {
    compose_signed_in(options, true, 0).await
}

/// Clicks Save draft and waits until Gmail has answered its update.
async fn save_the_update(stack: &Stack, browser: &Browser) {
    browser.click("#compose-save").await;
    poll("the update", 15, async || {
        stack
            .calls("gmail.users.drafts.update")
            .iter()
            .any(|r| r["status"] == 200)
    })
    .await;
}

#[tokio::test]
async fn sends_a_large_message_with_attachments_through_the_upload_path() {
    let (stack, browser) = compose_ready().await;
    let dir = TempDir::new("mail-files");
    let small = dir.file("notes.txt", "Three things to remember.\n");
    let big = dir.file("data.bin", noise(8 << 20));

    browser
        .compose(
            "\"Doe, Jane\" <jane@example.com>, bob@example.com",
            "Καλημέρα κόσμε",
            "Hello from Satchel.",
        )
        .await;
    browser.click("#compose-copies-toggle").await;
    let expanded = browser
        .eval(
            "return document.getElementById('compose-copies-toggle').getAttribute('aria-expanded')",
        )
        .await;
    assert_eq!(expanded, "true");
    browser.type_into("#compose-cc", "carol@example.com").await;
    browser.type_into("#compose-bcc", "dave@example.com").await;
    browser.attach(&[&small, &big]).await;
    browser.wait_for_text("data.bin").await;
    browser.wait_for_text("8.0 MB").await;
    browser
        .eval(
            "window.sawProgress = false; new MutationObserver(() => { if (document.querySelector('progress')) window.sawProgress = true; })\
             .observe(document.body, {subtree: true, childList: true}); return true",
        )
        .await;
    browser.click("#compose-send").await;
    browser.wait_for_text("Message sent.").await;

    let sent = stack.outbox();
    assert_eq!(sent.len(), 1, "{sent:?}");
    let m = &sent[0];
    assert_eq!(m["subject"], "Καλημέρα κόσμε");
    assert_eq!(
        m["to"],
        serde_json::json!(["jane@example.com", "bob@example.com"])
    );
    assert_eq!(m["cc"], serde_json::json!(["carol@example.com"]));
    assert_eq!(m["bcc"], serde_json::json!(["dave@example.com"]));
    assert_eq!(m["via"], "media", "large messages are uploaded");
    let files = attachments(m);
    assert_eq!(files.len(), 2, "{files:?}");
    for (path, size) in [(&small, 26), (&big, 8 << 20)] {
        assert_eq!(std::fs::metadata(path).expect("stat").len(), size);
        assert_attached(&files, path);
    }
    let uploads = stack.requests_to("POST", "/upload/gmail/v1/users/me/messages/send");
    assert_eq!(uploads.len(), 1);
    assert_eq!(
        browser.eval("return window.sawProgress").await,
        true,
        "a progress bar showed the upload"
    );
    // The form is empty again, and so is its saved copy.
    assert_eq!(browser.value_of("compose-subject").await, "");
    assert_eq!(
        browser
            .eval("return sessionStorage.getItem('satchel.compose')")
            .await,
        Value::Null
    );
    let focused = browser.eval("return document.activeElement.id").await;
    assert_eq!(focused, "compose-sent", "the confirmation takes focus");
    browser
        .assert_csp_kept("no inline styles: the progress bar works under the CSP")
        .await;
    browser.close().await;
}

#[tokio::test]
async fn drafts_are_saved_updated_reopened_and_sent() {
    let (stack, browser) = compose_ready().await;
    let dir = TempDir::new("mail-draft");
    let plan = dir.file("plan.txt", "step one\n");
    let empty = dir.file("empty.qqq", ""); // 0 bytes, a type nobody knows
    browser
        .compose("bob@example.com", "Plan v1", "First thoughts.")
        .await;
    browser.attach(&[&plan, &empty]).await;
    browser.wait_for_text("empty.qqq").await;

    // The first save asks for the drafts permission, then saves.
    browser.grant("#compose-save").await;
    browser.wait_for_text("Draft saved in Gmail.").await;
    browser.type_into("#compose-subject", "Plan v2").await;
    save_the_update(&stack, &browser).await;
    browser.wait_for_text("Draft saved in Gmail.").await;
    assert_eq!(stack.calls("gmail.users.drafts.create").len(), 1);
    let update = &stack.calls("gmail.users.drafts.update")[0];
    let saved = browser
        .eval("return JSON.parse(sessionStorage.getItem('satchel.compose')).draft_id")
        .await;
    let draft_id = saved.as_str().expect("draft id remembered").to_string();
    assert_eq!(
        update["path"],
        format!("/gmail/v1/users/me/drafts/{draft_id}"),
        "the same draft is updated"
    );

    // Discard empties the form and deletes the draft in Gmail; Undo brings back both.
    browser.click("#compose-discard").await;
    assert_eq!(browser.value_of("compose-subject").await, "");
    poll("the draft's deletion", 15, async || {
        stack
            .calls("gmail.users.drafts.delete")
            .iter()
            .any(|r| r["status"] == 204 || r["status"] == 200)
    })
    .await;
    browser.click_text("Undo").await;
    browser.wait_for_text("Draft saved in Gmail.").await;
    assert_eq!(browser.value_of("compose-subject").await, "Plan v2");
    assert_eq!(
        stack.calls("gmail.users.drafts.create").len(),
        2,
        "saved again"
    );
    assert!(
        stack.calls("gmail.users.drafts.send").is_empty(),
        "Discard never sends"
    );
    // Reopen the draft from the list.
    browser.click("nav.subnav a[href='/mail/drafts']").await;
    browser.wait_for_text("Plan v2").await;
    let text = browser.body_text().await;
    assert_eq!(
        text.matches("Plan v2").count(),
        1,
        "one draft, updated in place:\n{text}"
    );
    assert!(!text.contains("Plan v1"));
    browser.click("button[aria-label='Open Plan v2']").await;
    browser.wait_for("#compose-to").await;
    browser.wait_for_text("plan.txt").await;
    browser.wait_for_text("empty.qqq").await;
    assert_eq!(browser.value_of("compose-to").await, "bob@example.com");
    assert_eq!(browser.value_of("compose-subject").await, "Plan v2");
    assert_eq!(browser.value_of("compose-body").await, "First thoughts.");

    browser.click("#compose-send").await;
    browser.wait_for_text("Message sent.").await;
    assert_eq!(stack.calls("gmail.users.drafts.send").len(), 1);
    let sent = stack.outbox();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["subject"], "Plan v2");
    assert_eq!(sent[0]["via"], "draft");
    let files = attachments(&sent[0]);
    assert_eq!(files.len(), 2, "{files:?}");
    assert_eq!(files[0]["filename"], "plan.txt");
    assert_eq!(files[1]["filename"], "empty.qqq");
    assert_eq!(files[1]["size"], 0);
    assert_eq!(files[1]["content_type"], "application/octet-stream");
    browser.click("nav.subnav a[href='/mail/drafts']").await;
    browser.wait_for("ul[aria-label=Drafts]").await;
    poll("the drafts list", 15, async || {
        stack.calls("gmail.users.drafts.list").len() >= 2
    })
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        !browser.body_text().await.contains("Plan v2"),
        "the sent draft is gone"
    );
    browser.close().await;
}

#[tokio::test]
async fn inbox_searches_pages_and_filters_by_label() {
    let (stack, browser) = compose_ready().await;
    browser.open_inbox().await;
    browser.wait_for_text("Συνάντηση την Πέμπτη").await; // RFC 2047, decoded
    let rows = "return document.querySelectorAll('ul[aria-label=Messages] a.subject').length";
    eventually_js(&browser, rows, 20).await;
    assert!(
        browser.body_text().await.contains("Unread: "),
        "unread messages say so"
    );
    let unread = browser
        .eval("return document.querySelectorAll('ul[aria-label=Messages] li.unread').length")
        .await;
    assert!(unread.as_u64().unwrap_or(0) > 0);

    browser.click_text("Load more").await;
    eventually_js(&browser, rows, 40).await;
    assert!(stack
        .calls("gmail.users.messages.list")
        .iter()
        .any(|r| r["query"].as_str().unwrap_or("").contains("pageToken=")));

    browser.type_into("#inbox-q", "subject:lisbon").await;
    browser.click_text("Search").await;
    eventually_js(&browser, rows, 1).await;
    browser.wait_for_text("Your flight to Lisbon").await;

    // Emptied as a user would (WebDriver's clear fires no input event).
    browser.eval("const q = document.getElementById('inbox-q'); q.value = ''; q.dispatchEvent(new Event('input')); return true").await;
    browser.eval("const s = document.getElementById('inbox-label'); s.value = 'Label_1'; s.dispatchEvent(new Event('change')); return true").await;
    browser.wait_for_text("Your receipt #1042").await;
    let text = browser.body_text().await;
    assert!(
        !text.contains("Your flight to Lisbon"),
        "only Receipts:\n{text}"
    );
    assert!(stack
        .calls("gmail.users.messages.list")
        .iter()
        .any(|r| r["query"]
            .as_str()
            .unwrap_or("")
            .contains("labelIds=Label_1")));
    assert!(
        stack.calls("gmail.users.messages.get").len() > 40,
        "headers of every row"
    );
    browser.close().await;
}

async fn eventually_js(browser: &Browser, script: &str, want: u64) {
    poll(script, 15, async || {
        is(browser.eval(script).await.as_u64().unwrap_or(0), want)
    })
    .await;
}

#[tokio::test]
async fn a_401_mid_send_keeps_the_text_and_sends_once_after_continue() {
    let (stack, browser) = compose_ready().await;
    browser
        .compose("bob@example.com", "After renewal", "Still here.")
        .await;
    stack.sandbox.expire_all_tokens();
    browser.click("#compose-send").await;
    browser.wait_for("#continue-session").await;
    assert_eq!(browser.value_of("compose-subject").await, "After renewal");
    assert_eq!(browser.value_of("compose-body").await, "Still here.");
    assert!(stack.outbox().is_empty());
    browser.grant("#continue-session").await;
    browser.wait_for_text("Message sent.").await;
    assert_eq!(stack.outbox().len(), 1);
    assert_eq!(stack.outbox()[0]["subject"], "After renewal");
    browser.close().await;
}

#[tokio::test]
async fn a_bad_address_blocks_sending_and_names_the_entry() {
    // At phone width, where nothing may overflow sideways.
    let (stack, browser) = compose_ready_with(BrowserOptions {
        width: 360,
        height: 740,
        ..BrowserOptions::default()
    })
    .await;
    browser
        .compose("ann@example.com, bob@", "Oops", "Nope.")
        .await;
    // A file over Gmail's 25 MB is refused before it is read; the form stays as it is.
    let dir = TempDir::new("mail-huge");
    let huge = dir.path.join("huge.bin");
    std::fs::File::create(&huge)
        .and_then(|f| f.set_len((25 << 20) + 1))
        .expect("sparse file");
    browser.attach(&[&huge]).await;
    browser
        .wait_for_text("\"huge.bin\" (25.0 MB) was not attached")
        .await;
    let width = browser
        .eval("return document.documentElement.scrollWidth")
        .await;
    assert!(
        width.as_u64().unwrap_or(999) <= 360,
        "no sideways scrolling at 360 px: {width}"
    );
    browser.click("#compose-send").await;
    browser
        .wait_for_text("\"bob@\" is not a valid email address")
        .await;
    let invalid = browser
        .eval("return document.getElementById('compose-to').getAttribute('aria-invalid')")
        .await;
    assert_eq!(invalid, "true");
    let described = browser
        .eval("return document.getElementById('compose-to').getAttribute('aria-describedby')")
        .await;
    assert_eq!(described, "compose-to-error");
    assert_eq!(
        browser.eval("return document.activeElement.id").await,
        "compose-to"
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        stack.calls("gmail.users.messages.send").is_empty(),
        "nothing reached Gmail"
    );
    assert_eq!(
        browser.value_of("compose-subject").await,
        "Oops",
        "the form is untouched"
    );
    browser.close().await;
}

#[tokio::test]
async fn a_same_tab_sign_in_restores_the_typed_message() {
    let (_stack, browser) = compose_ready().await;
    browser
        .compose(
            "bob@example.com",
            "Survives the trip",
            "Typed before leaving.",
        )
        .await;
    // Save draft asks for the drafts permission.
    browser.sign_in_in_this_tab("#compose-save").await;
    browser.wait_for("#compose-to").await;
    assert_eq!(browser.value_of("compose-to").await, "bob@example.com");
    assert_eq!(
        browser.value_of("compose-subject").await,
        "Survives the trip"
    );
    assert_eq!(
        browser.value_of("compose-body").await,
        "Typed before leaving."
    );
    browser.close().await;
}

#[tokio::test]
async fn large_drafts_are_uploaded_and_sent_with_their_id() {
    let (stack, browser) = compose_ready().await;
    let dir = TempDir::new("mail-big-draft");
    let big = dir.file("scan.pdf", noise(6 << 20));
    browser
        .compose("bob@example.com", "Big draft", "See the scan.")
        .await;
    browser.attach(&[&big]).await;
    browser.wait_for_text("6.0 MB").await;
    browser.grant("#compose-save").await;
    browser.wait_for_text("Draft saved in Gmail.").await;
    browser
        .type_into("#compose-subject", "Big draft, final")
        .await;
    save_the_update(&stack, &browser).await;
    for (method, path) in [
        (
            "gmail.users.drafts.create",
            "/upload/gmail/v1/users/me/drafts",
        ),
        ("gmail.users.drafts.update", "/upload/"),
    ] {
        let call = stack.calls(method);
        assert_eq!(call.len(), 1, "{method}");
        assert!(
            call[0]["path"].as_str().unwrap_or("").starts_with(path),
            "{method}: {:?}",
            call[0]["path"]
        );
    }
    browser.click("#compose-send").await;
    browser.wait_for_text("Message sent.").await;
    let sent = stack.outbox();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["via"], "draft", "drafts.send sends the saved draft");
    // The draft is brought up to date by upload, then sent by its id alone.
    let updates = stack.calls("gmail.users.drafts.update");
    assert_eq!(updates.len(), 2);
    assert!(updates[1]["path"]
        .as_str()
        .unwrap_or("")
        .starts_with("/upload/"));
    assert_eq!(sent[0]["subject"], "Big draft, final");
    assert_eq!(
        sent[0]["attachments"][0]["sha256"],
        sha256_file(&big).as_str()
    );
    browser.close().await;
}
