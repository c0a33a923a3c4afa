//! Reading and answering: the message view, its HTML frame, attachment downloads,
//! Reply threading checked in the sandbox, Forward with attachments, triage with Undo.

use satchel_e2e::fantoccini::elements::Element;
use satchel_e2e::{inbox_signed_in, poll, Browser};

/// The value of an element's attribute ("" without one).
async fn attr(element: &Element, name: &str) -> String {
    element.attr(name).await.ok().flatten().unwrap_or_default()
}

/// Opens the Inbox row whose subject contains `subject`.
async fn open(browser: &Browser, subject: &str) {
    let script = format!(
        "const a = [...document.querySelectorAll('ul[aria-label=Messages] a.subject')]\
           .find(a => a.textContent.includes({subject:?})); if (a) a.click(); return !!a"
    );
    browser
        .wait_until(&format!("a row {subject}"), &script, 15)
        .await;
    browser.wait_for("#message-subject").await;
}

#[tokio::test]
async fn a_reply_is_threaded_as_gmail_needs() {
    let (stack, browser) = inbox_signed_in().await;
    // The newest message of a three-message conversation.
    open(&browser, "Re: Plans for the weekend").await;
    browser
        .wait_for_text("Ten it is. I'll bring coffee too.")
        .await;
    // The older messages of the conversation come too, collapsed.
    browser.wait_for("details.thread-message").await;
    let path = browser.eval("return location.pathname").await;
    assert!(
        path.as_str().unwrap_or("").starts_with("/mail/message/"),
        "{path}"
    );
    let gmail = browser
        .eval("return [...document.querySelectorAll('a')].find(a => a.textContent === 'Open in Gmail').href")
        .await;
    assert!(
        gmail.as_str().unwrap_or("").contains("authuser=ada"),
        "{gmail}"
    );

    browser.click_text("Reply").await;
    browser.wait_for("#compose-to").await;
    assert!(browser.value_of("compose-to").await.contains("charles"));
    assert_eq!(
        browser.value_of("compose-subject").await,
        "Re: Plans for the weekend"
    );
    let body = browser.value_of("compose-body").await;
    assert!(body.contains("wrote:\n> Ten it is."), "{body}");
    browser.click_text("Send").await;
    poll("the reply in the outbox", 20, async || {
        !stack.outbox().is_empty()
    })
    .await;
    let sent = &stack.outbox()[0];
    // Joined the conversation: a new thread would carry the message's own id.
    assert_ne!(sent["threadId"], sent["id"], "{sent}");
    let refs: Vec<String> = sent["refs"]
        .as_array()
        .map(|r| {
            r.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    assert!(
        refs.len() >= 2,
        "In-Reply-To and References name the parent and its root: {refs:?}"
    );
    // (The sandbox, as Gmail, keeps a reply in its thread only when the request names the
    // thread and References and Subject match.)
    browser.close().await;
}

#[tokio::test]
async fn html_mail_is_framed_without_scripts_or_remote_images() {
    let (_stack, browser) = inbox_signed_in().await;
    let violations = "window.__csp = 0; document.addEventListener('securitypolicyviolation', () => window.__csp++); return true";
    browser.eval(violations).await;
    open(&browser, "The Weekly Engine").await;
    browser.wait_for_text("what's new this week").await;
    browser.click_text("Show formatting").await;
    let frame = browser.wait_for("iframe.message-html").await;
    let sandbox = attr(&frame, "sandbox").await;
    assert!(
        !sandbox.contains("allow-scripts") && !sandbox.contains("allow-same-origin"),
        "{sandbox}"
    );
    let doc = attr(&frame, "srcdoc").await;
    assert!(doc.contains("<h1>The Weekly Engine</h1>"), "{doc}");
    assert!(
        !doc.contains("<script") && !doc.contains("onerror"),
        "{doc}"
    );
    assert!(
        !doc.contains("images.example.com"),
        "no remote image before Show images"
    );
    assert!(doc.contains("rel=\"noopener noreferrer\""));
    browser.click_text("Show images").await;
    browser
        .wait_until(
            "Show images shows them",
            "return document.querySelector('iframe.message-html').srcdoc.includes('images.example.com')",
            10,
        )
        .await;
    assert_eq!(
        browser.eval("return window.__csp").await,
        serde_json::json!(0),
        "no CSP violation in the app"
    );

    // An image of the message's own (`cid:`), in Hebrew: shown from its part, right to left.
    browser.click("p.back a").await;
    open(&browser, "תמונה מהטיול").await;
    browser.click_text("Show formatting").await;
    let frame = browser.wait_for("iframe.message-html").await;
    let doc = attr(&frame, "srcdoc").await;
    assert!(
        doc.contains("src=\"data:image/png;base64,iVBOR") && !doc.contains("cid:"),
        "{doc}"
    );
    assert!(doc.contains("<body dir=\"auto\">"), "{doc}");
    browser.close().await;
}

#[tokio::test]
async fn attachments_download_byte_identical_and_forward_carries_them() {
    let (stack, browser) = inbox_signed_in().await;
    open(&browser, "Your receipt #1042").await;
    browser.wait_for_text("receipt.pdf").await;
    // The blob the download link hands over, read back and hashed in the page.
    browser
        .eval(
            "window.__saved = null; const make = URL.createObjectURL; \
             URL.createObjectURL = b => { window.__blob = b; return make(b); }; \
             HTMLAnchorElement.prototype.click = function () { window.__saved = this.download; }; \
             return true",
        )
        .await;
    browser
        .click("button[aria-label='Download receipt.pdf']")
        .await;
    browser
        .wait_until("a download", "return window.__saved !== null", 10)
        .await;
    let saved = browser
        .eval(
            "const b = window.__blob; return b.arrayBuffer().then(a => \
             [window.__saved, b.type, new TextDecoder('latin1').decode(a)])",
        )
        .await;
    // The seeded receipt (sandbox/src/seed/mail.rs, `receipt_pdf(1042)`).
    let expected = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\n% receipt 1042\ntrailer<</Root 1 0 R>>\n%%EOF\n";
    assert_eq!(
        saved,
        serde_json::json!(["receipt.pdf", "application/octet-stream", expected])
    );
    assert!(!stack
        .calls("gmail.users.messages.attachments.get")
        .is_empty());

    browser.click_text("Forward").await;
    browser.wait_for("#compose-to").await;
    browser.wait_for_text("receipt.pdf").await;
    assert_eq!(
        browser.value_of("compose-subject").await,
        "Fwd: Your receipt #1042"
    );
    browser.type_into("#compose-to", "grace@example.com").await;
    browser.click_text("Send").await;
    poll("the forward in the outbox", 20, async || {
        !stack.outbox().is_empty()
    })
    .await;
    let sent = &stack.outbox()[0];
    assert_eq!(sent["attachments"][0]["filename"], "receipt.pdf", "{sent}");
    assert_eq!(
        sent["attachments"][0]["size"].as_u64(),
        Some(expected.len() as u64)
    );
    browser.close().await;
}

#[tokio::test]
async fn archive_asks_for_permission_then_undo_puts_it_back() {
    let (stack, browser) = inbox_signed_in().await;
    open(&browser, "Συνάντηση την Πέμπτη").await;
    let subject = browser.wait_for("#message-subject").await;
    assert_eq!(attr(&subject, "dir").await, "auto");
    assert!(
        stack.calls("gmail.users.messages.modify").is_empty(),
        "not marked read without gmail.modify"
    );
    browser.grant("div[role=toolbar] button:first-child").await;
    browser.wait_for_text("Archived.").await;
    let modify = stack.calls("gmail.users.messages.modify");
    assert_eq!(modify.len(), 1, "{modify:?}");
    browser.click_text("Undo").await;
    browser.wait_for_text("Moved back to the Inbox.").await;
    assert_eq!(stack.calls("gmail.users.messages.modify").len(), 2);
    // Delete moves to Trash, and Undo takes it out again (no new consent screen).
    browser.click_text("Delete").await;
    browser.wait_for_text("Moved to Trash.").await;
    browser.click_text("Undo").await;
    browser.wait_for_text("Moved out of Trash.").await;
    assert_eq!(stack.calls("gmail.users.messages.trash").len(), 1);
    assert_eq!(stack.calls("gmail.users.messages.untrash").len(), 1);
    browser.click("p.back a").await;
    browser.wait_for_text("Συνάντηση την Πέμπτη").await;
    browser.close().await;
}

#[tokio::test]
async fn a_20_mb_message_with_broken_parts_opens_and_says_what_it_cannot_show() {
    let (stack, browser) = inbox_signed_in().await;
    // 2 MB of text in an unknown charset, an 18 MB attachment, a part whose base64 is
    // broken, and a multipart without its closing line.
    let text = "Ligne de texte, encore et encore.\r\n".repeat(2 * 1024 * 1024 / 35);
    let big = base64::Engine::encode(
        &base64::engine::general_purpose::STANDARD,
        satchel_e2e::noise(18 * 1024 * 1024),
    );
    let raw = format!(
        "From: Big <big@example.org>\r\nTo: ada@satchel.test\r\nSubject: Huge message\r\n\
         Message-ID: <huge@example.org>\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n\
         --b\r\nContent-Type: text/plain; charset=x-unknown-charset\r\n\r\n{text}END-OF-TEXT\r\n\
         --b\r\nContent-Type: application/octet-stream; name=big.bin\r\n\
         Content-Disposition: attachment; filename=big.bin\r\nContent-Transfer-Encoding: base64\r\n\r\n{big}\r\n\
         --b\r\nContent-Type: image/png; name=broken.png\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!not base64!!!\r\n"
    );
    stack.sandbox.receive(raw.into_bytes()).expect("stored");
    browser.eval("location.reload(); return true").await;
    open(&browser, "Huge message").await;
    browser.wait_for_text("END-OF-TEXT").await;
    let text = browser.body_text().await;
    assert!(
        text.contains("big.bin") && text.contains("18.0 MB"),
        "the attachment is listed"
    );
    assert!(
        text.contains("character set Satchel cannot read (x-unknown-charset)"),
        "the unknown charset is said"
    );
    // The page still answers.
    assert_eq!(browser.eval("return 1 + 1").await, serde_json::json!(2));
    browser.close().await;
}
