//! Compose attachments survive a reload (kept in IndexedDB per tab, `src/ui/mail/stash.rs`):
//! in a real headless Chromium against the sandbox, the files attached before a reload are
//! sent byte-identical (sha256 as received by the sandbox), and Send empties the stash.

use satchel_e2e::{
    assert_attached, attachments, compose_signed_in, is, noise, poll, Browser, BrowserOptions,
    Stack, TempDir,
};
use serde_json::Value;

/// How many files the stash holds, across tabs (one tab here). Never creates the
/// database: the app did at start-up, and an empty one would lack its store.
const COUNT_KEPT: &str = r#"
return new Promise((done) => {
  const open = indexedDB.open('satchel');
  open.onupgradeneeded = () => open.transaction.abort();
  open.onerror = () => done(-1);
  open.onsuccess = () => {
    const db = open.result;
    const count = db.transaction('compose-files').objectStore('compose-files').count();
    count.onsuccess = () => { db.close(); done(count.result); };
    count.onerror = () => { db.close(); done(-2); };
  };
});
"#;

async fn kept(browser: &Browser) -> i64 {
    browser.eval(COUNT_KEPT).await.as_i64().unwrap_or(-3)
}

async fn wait_kept(browser: &Browser, want: i64) {
    poll("the files kept in the stash", 15, async || {
        is(kept(browser).await, want)
    })
    .await;
}

/// The names in the attachment list, once the start-up restore has finished.
async fn listed(browser: &Browser) -> Vec<String> {
    browser.wait_for("#compose-files-note").await;
    let note = "return document.getElementById('compose-files-note').textContent";
    poll("the files to be read", 15, async || {
        let text = browser.eval(note).await;
        !text.as_str().unwrap_or_default().contains("reading files")
    })
    .await;
    let names = browser
        .eval(
            "return [...document.querySelectorAll('ul.attachments li .name')].map(e => e.textContent)",
        )
        .await;
    names
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|n| n.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The app on /mail, signed in. As in mail.rs: the send-only permission (so Save draft
/// asks for the drafts one) and no Undo wait before sending.
async fn compose_ready() -> (Stack, Browser) {
    compose_signed_in(BrowserOptions::default(), true, 0).await
}

#[tokio::test]
async fn a_reload_during_compose_keeps_every_attachment_byte_identical() {
    let (stack, browser) = compose_ready().await;

    let dir = TempDir::new("kept-files");
    let text = dir.file("notes.txt", "Three things to remember: ά, ש, ✓.\n");
    let data = dir.file("data.bin", noise(3 << 20));

    browser.type_into("#compose-to", "bob@example.com").await;
    browser
        .type_into("#compose-subject", "Kept across a reload")
        .await;
    browser.attach(&[&text, &data]).await;
    browser.wait_for_text("data.bin").await;
    wait_kept(&browser, 2).await;

    browser.client.refresh().await.expect("reload");
    browser.wait_for("#compose-to").await;
    assert_eq!(listed(&browser).await, ["notes.txt", "data.bin"]);
    browser.wait_for_text("3.0 MB").await;

    browser.click("#compose-send").await;
    browser.wait_for_text("Message sent.").await;
    let sent = stack.outbox();
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0]["subject"], "Kept across a reload");
    let files = attachments(&sent[0]);
    assert_eq!(files.len(), 2, "{files:?}");
    for path in [&text, &data] {
        assert_attached(&files, path);
    }
    let text_type = files
        .iter()
        .find(|f| f["filename"] == "notes.txt")
        .map(|f| f["content_type"].clone())
        .unwrap_or(Value::Null);
    assert!(
        text_type
            .as_str()
            .unwrap_or_default()
            .starts_with("text/plain"),
        "the type survives too: {text_type}"
    );

    // Sent: the stash is empty, and a reload brings nothing back.
    wait_kept(&browser, 0).await;
    browser.client.refresh().await.expect("reload");
    browser.wait_for("#compose-to").await;
    assert_eq!(listed(&browser).await, Vec::<String>::new());
    browser.close().await;
}

#[tokio::test]
async fn a_removed_attachment_stays_removed_after_a_reload() {
    let (_stack, browser) = compose_ready().await;

    let dir = TempDir::new("kept-removed");
    let keep = dir.file("keep.txt", "keep me\n");
    let drop = dir.file("drop.txt", "drop me\n");
    browser.attach(&[&keep, &drop]).await;
    browser.wait_for_text("drop.txt").await;
    browser.click("button[aria-label='Remove drop.txt']").await;
    wait_kept(&browser, 1).await;

    browser.client.refresh().await.expect("reload");
    browser.wait_for("#compose-to").await;
    assert_eq!(listed(&browser).await, ["keep.txt"]);
    browser.close().await;
}

#[tokio::test]
async fn a_same_tab_sign_in_keeps_the_attachments() {
    let (_stack, browser) = compose_ready().await;

    let dir = TempDir::new("kept-signin");
    let plan = dir.file("plan.txt", "step one\n");
    browser
        .type_into("#compose-subject", "Survives the trip")
        .await;
    browser.attach(&[&plan]).await;
    browser.wait_for_text("plan.txt").await;
    wait_kept(&browser, 1).await;

    // Saving asks for the drafts permission; with popups blocked, in this tab.
    browser.sign_in_in_this_tab("#compose-save").await;
    browser.wait_for("#compose-to").await;
    assert_eq!(listed(&browser).await, ["plan.txt"]);
    browser.close().await;
}

#[tokio::test]
async fn a_full_storage_is_reported_and_the_file_stays_attached() {
    let (_stack, browser) = compose_ready().await;
    listed(&browser).await; // the start-up restore has opened the database

    // DevTools' "simulate custom storage quota": 1 MB for the app's origin.
    let origin = browser.eval("return location.origin").await;
    let quota = serde_json::json!({ "origin": origin, "quotaSize": 1_000_000 });
    browser.cdp("Storage.overrideQuotaForOrigin", quota).await;

    let dir = TempDir::new("kept-full");
    let big = dir.file("big.bin", noise(3 << 20));
    browser.attach(&[&big]).await;
    browser
        .wait_for_text(
            "This browser's storage is full, so \"big.bin\" will not survive a reload; it is still attached.",
        )
        .await;
    assert_eq!(listed(&browser).await, ["big.bin"]);
    assert_eq!(kept(&browser).await, 0);
    browser.close().await;
}
