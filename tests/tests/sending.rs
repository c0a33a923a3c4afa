//! Exactly one copy, against Gmail as it really behaves: for each path (through a draft as
//! JSON, through a draft uploaded, a saved draft, and the send-only permission) and each
//! fault (503 before and after the send took effect, a connection dropped before and after,
//! 429 with Retry-After, 401 in the middle), the test acts as a person who believes the
//! screen: it sends again only when the screen says the message was not sent, and checks
//! when it says it may have been. The sandbox's outbox then holds exactly one copy per
//! message, and whatever the screen said was true when it said it.

use satchel_e2e::fantoccini::wd::WindowHandle;
use satchel_e2e::{compose_signed_in, is, noise, poll, Browser, BrowserOptions, Stack, TempDir};
use satchel_sandbox::{Fault, FaultKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Path {
    DraftJson,
    DraftUpload,
    SavedDraft,
    SendOnly,
}

impl Path {
    fn method(self) -> &'static str {
        match self {
            Path::SendOnly => "gmail.users.messages.send",
            _ => "gmail.users.drafts.send",
        }
    }
}

#[derive(Clone, Copy, Debug)]
enum Case {
    Status503Before,
    Status503After,
    DropBefore,
    DropAfter,
    TooMany429,
    Expired401,
}

const CASES: [Case; 6] = [
    Case::Status503Before,
    Case::Status503After,
    Case::DropBefore,
    Case::DropAfter,
    Case::TooMany429,
    Case::Expired401,
];

fn fault(case: Case, method: &str) -> Fault {
    let kind = match case {
        Case::Status503Before => FaultKind::Status {
            status: 503,
            retry_after: None,
        },
        Case::Status503After => FaultKind::StatusAfter {
            status: 503,
            retry_after: None,
        },
        Case::DropBefore => FaultKind::DropBefore,
        Case::DropAfter => FaultKind::DropAfter,
        Case::TooMany429 => FaultKind::Status {
            status: 429,
            retry_after: Some(1),
        },
        Case::Expired401 => FaultKind::ExpireToken,
    };
    Fault {
        method: method.into(),
        count: 1,
        kind,
    }
}

/// Compose, signed in: with `gmail.compose` (asked at the first Send by default), or with
/// `gmail.send` only when the user chose it in Settings.
async fn ready(send_only: bool, undo_seconds: u32) -> (Stack, Browser) {
    let (stack, browser) =
        compose_signed_in(BrowserOptions::default(), send_only, undo_seconds).await;
    let scope = browser.session().await["scope"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert_eq!(scope.contains("gmail.compose"), !send_only, "{scope}");
    assert_eq!(scope.contains("gmail.send"), send_only, "{scope}");
    (stack, browser)
}

/// One message through `path` under `case`, acting on what the screen says until it says
/// "Message sent.". `before` is the outbox size before it.
async fn send_through(stack: &Stack, browser: &Browser, path: Path, case: Case, dir: &TempDir) {
    let before = stack.outbox().len();
    let subject = format!("{path:?} {case:?}");
    browser
        .compose("bob@example.com", &subject, "Exactly once.")
        .await;
    if path == Path::DraftUpload {
        let big = dir.path.join(format!("{case:?}.bin"));
        std::fs::write(&big, noise(6 << 20)).expect("write");
        browser.attach(&[&big]).await;
        browser.wait_for_text("6.0 MB").await;
    }
    if path == Path::SavedDraft {
        browser.click("#compose-save").await;
        browser.wait_for_text("Draft saved in Gmail.").await;
    }
    stack.sandbox.inject(fault(case, path.method()));
    browser.click("#compose-send").await;
    if let Case::Expired401 = case {
        browser.wait_for("#continue-session").await;
        assert_eq!(stack.outbox().len(), before, "nothing sent before renewal");
        browser.grant("#continue-session").await;
    }
    let mut sent_again = false;
    for _ in 0..400 {
        let text = browser.body_text().await;
        let copies = stack.outbox().len() - before;
        if text.contains("Message sent.") {
            assert_eq!(copies, 1, "{subject}: the screen says sent");
            break;
        }
        if text.contains("was not sent") || text.contains("Nothing was sent") {
            assert_eq!(copies, 0, "{subject}: the screen says not sent:\n{text}");
            assert!(
                !sent_again,
                "{subject}: told twice that it was not sent:\n{text}"
            );
            sent_again = true;
            browser.click("#compose-send").await;
        } else if text.contains("Check Sent mail") {
            assert_eq!(
                path,
                Path::SendOnly,
                "only send-only needs a check:\n{text}"
            );
            assert!(text.contains("may have sent"), "{text}");
            let granted = browser.session().await["scope"]
                .as_str()
                .unwrap_or_default()
                .contains("gmail.readonly");
            if granted {
                browser.click("#compose-check").await;
            } else {
                // The check reads Sent: the first one asks for the read permission.
                browser.grant("#compose-check").await;
            }
            // What the check found is read on the next turn.
            poll_away(browser, "Check Sent mail").await;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(
        stack.outbox().len(),
        before + 1,
        "{subject}: exactly one copy"
    );
    let last = stack.outbox().pop().unwrap_or_default();
    assert_eq!(last["subject"], subject.as_str());
}

/// Waits until the page no longer shows `text` (an action was taken), up to 15 s.
async fn poll_away(browser: &Browser, text: &str) {
    poll(
        &format!("the page to stop showing {text:?}"),
        15,
        async || !browser.body_text().await.contains(text),
    )
    .await;
}

async fn every_fault(path: Path) {
    let (stack, browser) = ready(path == Path::SendOnly, 0).await;
    let dir = TempDir::new("sending");
    for case in CASES {
        send_through(&stack, &browser, path, case, &dir).await;
    }
    if path != Path::SendOnly {
        assert!(
            stack.calls("gmail.users.messages.send").is_empty(),
            "drafts only"
        );
        // The ambiguous outcomes were settled by drafts.get, never by a blind re-send.
        assert!(!stack.calls("gmail.users.drafts.get").is_empty());
    }
    browser.close().await;
}

#[tokio::test]
async fn through_a_draft_every_fault_gives_one_copy() {
    every_fault(Path::DraftJson).await;
}

#[tokio::test]
async fn uploaded_through_a_draft_every_fault_gives_one_copy() {
    every_fault(Path::DraftUpload).await;
}

#[tokio::test]
async fn a_saved_draft_under_every_fault_gives_one_copy() {
    every_fault(Path::SavedDraft).await;
}

#[tokio::test]
async fn send_only_never_repeats_an_unsure_send_and_checks_sent_mail() {
    every_fault(Path::SendOnly).await;
}

async fn fill(browser: &Browser, subject: &str) {
    browser
        .compose("bob@example.com", subject, "Take it back.")
        .await;
}

/// The drafts in the sandbox's mailbox, read through the Gmail API with the tab's token.
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
async fn undo_within_the_countdown_sends_nothing_and_keeps_the_message() {
    let (stack, browser) = ready(false, 5).await;
    let before = drafts(&stack, &browser).await;
    fill(&browser, "Second thoughts").await;
    browser.click("#compose-send").await;
    browser.wait_for_text("Sending…").await;
    // The message waits as a draft in Gmail during the countdown.
    browser.wait_for("#compose-undo").await;
    assert_eq!(drafts(&stack, &browser).await, before + 1);
    browser.click_text("Undo").await;
    assert_eq!(browser.value_of("compose-subject").await, "Second thoughts");
    tokio::time::sleep(std::time::Duration::from_secs(6)).await;
    assert!(stack.outbox().is_empty(), "Undo sent nothing");
    assert!(stack.calls("gmail.users.drafts.send").is_empty());
    assert_eq!(browser.value_of("compose-body").await, "Take it back.");
    // Sending again later goes through the same draft: one copy, no draft left.
    browser.click("#compose-send").await;
    browser.wait_for_text("Message sent.").await;
    assert_eq!(stack.outbox().len(), 1);
    assert_eq!(drafts(&stack, &browser).await, before, "the draft went out");
    browser.close().await;
}

#[tokio::test]
async fn discard_deletes_the_saved_draft_and_undo_brings_it_back() {
    let (stack, browser) = ready(false, 0).await;
    let before = drafts(&stack, &browser).await;
    fill(&browser, "Not this one").await;
    browser.click("#compose-save").await;
    browser.wait_for_text("Draft saved in Gmail.").await;
    assert_eq!(drafts(&stack, &browser).await, before + 1);
    browser.click("#compose-discard").await;
    browser.wait_for_text("Message discarded.").await;
    assert_eq!(browser.value_of("compose-subject").await, "");
    poll_drafts(&stack, &browser, before).await;
    browser.click_text("Undo").await;
    browser.wait_for_text("Draft saved in Gmail.").await;
    assert_eq!(browser.value_of("compose-subject").await, "Not this one");
    assert_eq!(
        drafts(&stack, &browser).await,
        before + 1,
        "the draft is back"
    );
    // Discarding for good leaves no draft, and nothing was ever sent.
    browser.click("#compose-discard").await;
    poll_drafts(&stack, &browser, before).await;
    assert!(stack.outbox().is_empty());
    assert!(stack.calls("gmail.users.drafts.send").is_empty());
    browser.close().await;
}

async fn poll_drafts(stack: &Stack, browser: &Browser, want: usize) {
    poll("the sandbox's drafts", 10, async || {
        is(drafts(stack, browser).await, want)
    })
    .await;
}

#[tokio::test]
async fn a_send_interrupted_by_closing_is_offered_on_the_next_visit() {
    let (stack, browser) = ready(false, 30).await;
    fill(&browser, "Interrupted").await;
    browser.click("#compose-send").await;
    browser.wait_for("#compose-undo").await;
    // The tab goes away during the countdown: nothing is sent.
    browser.client.refresh().await.expect("reload");
    send_the_offered(&stack, &browser, "Interrupted").await;
    browser.close().await;
}

/// Takes up the offer of a send left waiting: exactly that message goes out, once.
async fn send_the_offered(stack: &Stack, browser: &Browser, subject: &str) {
    browser
        .wait_for_text("A message was waiting to be sent when Satchel was closed.")
        .await;
    assert!(stack.outbox().is_empty(), "nothing went out by itself");
    browser.click_text("Send it now").await;
    browser.wait_for_text("Message sent.").await;
    assert_eq!(stack.outbox().len(), 1);
    assert_eq!(stack.outbox()[0]["subject"], subject);
}

/// Switches to the tab `handle` and signs in there on Mail.
async fn sign_in_in_tab(stack: &Stack, browser: &Browser, handle: WindowHandle) {
    browser
        .client
        .switch_to_window(handle)
        .await
        .expect("switch");
    browser.client.goto(&stack.url("mail")).await.expect("open");
    browser.sign_in().await;
}

/// Real hosts keep connections alive, and Chromium silently re-sends a request whose
/// reused connection died before the answer. Through a draft that re-send finds the draft
/// gone (404): still one copy, and the screen says sent.
#[tokio::test]
async fn a_silent_resend_on_a_kept_alive_connection_still_gives_one_copy() {
    let (stack, browser) = ready(false, 0).await;
    stack.sandbox.set_keep_alive(true);
    fill(&browser, "Kept alive").await;
    // Warm the connection so drafts.send goes over a reused one.
    browser.click("#compose-save").await;
    browser.wait_for_text("Draft saved in Gmail.").await;
    stack.sandbox.inject(Fault {
        method: "gmail.users.drafts.send".into(),
        count: 1,
        kind: FaultKind::DropAfter,
    });
    browser.click("#compose-send").await;
    browser.wait_for_text("Message sent.").await;
    assert_eq!(stack.outbox().len(), 1, "one copy");
    // Chromium did re-send: the first drafts.send worked (its answer was dropped), the
    // silent second one found the draft gone.
    let statuses: Vec<_> = stack
        .calls("gmail.users.drafts.send")
        .iter()
        .map(|r| r["status"].clone())
        .collect();
    assert_eq!(statuses, [serde_json::json!(200), serde_json::json!(404)]);
    browser.close().await;
}

/// The same silent re-send of `messages.send` delivers a second copy, and no page script
/// can see or stop it: why sending goes through a draft unless the user chooses send-only.
#[tokio::test]
async fn a_silent_resend_of_messages_send_would_deliver_twice() {
    let (stack, browser) = ready(true, 0).await;
    stack.sandbox.set_keep_alive(true);
    fill(&browser, "Kept alive, send only").await;
    // Open a connection to the sandbox (a 401 without a token) for messages.send to reuse.
    let root = browser
        .eval_str("return fetch('/config.json').then(r => r.json()).then(c => c.gmail_root)")
        .await;
    browser
        .eval(&format!(
            "return fetch('{root}gmail/v1/users/me/profile').then(r => r.status)"
        ))
        .await;
    stack.sandbox.inject(Fault {
        method: "gmail.users.messages.send".into(),
        count: 1,
        kind: FaultKind::DropAfter,
    });
    browser.click("#compose-send").await;
    poll_outbox(&stack, 2).await;
    browser.close().await;
}

async fn poll_outbox(stack: &Stack, want: usize) {
    poll("the outbox", 10, async || is(stack.outbox().len(), want)).await;
}

/// A tab closed during the countdown: another tab of the same account offers the draft as
/// soon as it opens Compose, since no live page holds the send's Web Lock any more.
#[tokio::test]
async fn a_send_left_by_a_closed_tab_is_offered_in_a_new_tab() {
    let (stack, browser) = ready(false, 30).await;
    fill(&browser, "Left behind").await;
    browser.click("#compose-send").await;
    browser.wait_for("#compose-undo").await;
    let fresh = browser.client.new_window(true).await.expect("new tab");
    browser
        .client
        .close_window()
        .await
        .expect("close the sending tab");
    sign_in_in_tab(&stack, &browser, fresh.handle).await;
    send_the_offered(&stack, &browser, "Left behind").await;
    browser.close().await;
}

/// While the tab that counts down is open, another tab never offers its send.
#[tokio::test]
async fn a_send_still_counting_down_elsewhere_is_not_offered() {
    let (stack, browser) = ready(false, 30).await;
    fill(&browser, "Still mine").await;
    browser.click("#compose-send").await;
    browser.wait_for("#compose-undo").await;
    let sending = browser.client.window().await.expect("this tab");
    let other = browser.client.new_window(true).await.expect("new tab");
    sign_in_in_tab(&stack, &browser, other.handle).await;
    browser.wait_for("#compose-to").await;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let text = browser.body_text().await;
    assert!(!text.contains("A message was waiting"), "{text}");
    browser
        .client
        .switch_to_window(sending)
        .await
        .expect("back");
    browser.click_text("Undo").await;
    assert!(stack.outbox().is_empty());
    browser.close().await;
}
