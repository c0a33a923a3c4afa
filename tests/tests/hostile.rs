//! Hostile mail in a real headless Chromium against the sandbox (issue 12): the seeded
//! Inbox starts with messages whose headers hold malformed encoded-words, raw UTF-8 after
//! `=?`, an unknown charset, markup and script in Subject and From, and a 60 KB Subject.
//! They must list as plain text, run nothing, and leave the rest of the Inbox intact.

use std::time::Duration;

use satchel_e2e::{poll, Browser, BrowserOptions, Stack};
use serde_json::Value;

/// (sender, subject) as the list must show them: the headers of the seed's hostile
/// messages (sandbox/src/seed/mail.rs), as text.
const EXPECTED: &[(&str, &str)] = &[
    ("Raw Bytes", "=?x?€?y?="),
    ("Word In Word", "Re: =?x?€?y?="),
    (
        "Malformed Words",
        "Malformed =?utf-8?X?abc?= and =??Q?a?= and =?utf-8?Q?no_end",
    ),
    ("Unknown Charset", "Unknown Hello world charset"),
    (
        "<img src=x onerror=window.__pwned=1>",
        "<script>window.__pwned=2</script><b onmouseover=window.__pwned=3>bold</b>",
    ),
];

/// The rows of the message list: [sender, subject] as rendered text.
const ROWS: &str = "return [...document.querySelectorAll('ul[aria-label=Messages] li')]\
    .filter(li => li.querySelector('a.subject'))\
    .map(li => [li.querySelector('.who').textContent, li.querySelector('a.subject').textContent])";

/// The rows, once there are at least `count` of them (up to 20 s).
async fn at_least(browser: &Browser, count: usize) -> Vec<(String, String)> {
    poll(&format!("{count} rows"), 20, async || {
        let listed = rows(browser).await;
        match listed.len() >= count {
            true => Ok(listed),
            false => Err(format!("{listed:?}\n{}", browser.body_text().await)),
        }
    })
    .await
}

async fn rows(browser: &Browser) -> Vec<(String, String)> {
    let value = browser.eval(ROWS).await;
    value
        .as_array()
        .into_iter()
        .flatten()
        .map(|row| {
            let cell = |i: usize| row[i].as_str().unwrap_or_default().to_string();
            (cell(0), cell(1))
        })
        .collect()
}

#[tokio::test]
async fn hostile_headers_list_as_text_and_the_inbox_stays_intact() {
    let (_stack, browser) = Stack::signed_in("mail", BrowserOptions::default()).await;
    browser.open_inbox().await;

    // The whole first page fills in, hostile rows included.
    let listed = at_least(&browser, 20).await;
    assert_eq!(listed.len(), 20, "one page of 20");

    for (from, subject) in EXPECTED {
        assert!(
            listed.iter().any(|(f, s)| f == from && s == subject),
            "no row ({from:?}, {subject:?}) in {listed:?}"
        );
    }

    // The 60 KB subject is cut, and says so.
    let long = listed
        .iter()
        .find(|(f, _)| f == "Long Subject")
        .map(|(_, s)| s.clone())
        .unwrap_or_else(|| panic!("no long subject in {listed:?}"));
    assert!(
        long.starts_with("A very long subject: lorem ipsum"),
        "{long:.80}"
    );
    assert!(
        long.ends_with(" (too long)"),
        "{}",
        &long[long.len().saturating_sub(80)..]
    );
    assert!(
        long.chars().count() <= 1000 + " (too long)".len(),
        "{}",
        long.len()
    );

    // Nothing ran and nothing was injected: hover over every row too, for the onmouseover.
    let injected = browser
        .eval(
            "const list = document.querySelector('ul[aria-label=Messages]');\
             for (const el of list.querySelectorAll('*')) el.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));\
             return {pwned: typeof window.__pwned, tags: list.querySelectorAll('script, img, b, iframe').length,\
                     panic: !document.getElementById('panic').hidden}",
        )
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let pwned = browser.eval("return typeof window.__pwned").await;
    assert_eq!(
        injected,
        serde_json::json!({"pwned": "undefined", "tags": 0, "panic": false})
    );
    assert_eq!(pwned, Value::from("undefined"), "no script ran");

    // The rest of the Inbox: the seeded messages after them are listed as before.
    let text = browser.body_text().await;
    for seeded in [
        "Συνάντηση την Πέμπτη",
        "ארוחת ערב ביום שישי",
        "The Weekly Engine — issue 42",
    ] {
        assert!(text.contains(seeded), "{seeded} missing:\n{text}");
    }
    assert!(
        listed.iter().any(|(f, _)| f.starts_with("Unread: ")),
        "unread messages say so"
    );
    browser.click_text("Load more").await;
    at_least(&browser, 40).await;
    let panic_shown = browser
        .eval("return !document.getElementById('panic').hidden")
        .await;
    assert_eq!(panic_shown, Value::Bool(false), "the app is still up");
    browser.close().await;
}
