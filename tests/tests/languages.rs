//! The interface in English, Greek and Hebrew: chosen from the browser's languages or in
//! Settings, `<html lang dir>` following it, no English left behind in the translated
//! pages, and the Hebrew layout right to left on a 360 px phone with nothing overflowing.

use satchel_e2e::{Browser, BrowserOptions, Deployment, Stack};
use serde_json::Value;

const TOKEN: Deployment = Deployment::Sandbox { flow: "token" };

/// The pages a signed-in user sees, with what each shows once it is ready.
const PAGES: [(&str, &str); 6] = [
    ("mail", "#compose-to"),
    ("mail/outbox", "#outbox-title"),
    ("mail/inbox", "ul.mail-list li"),
    ("mail/drafts", "main h1"),
    ("calendar", ".agenda"),
    ("settings", "#settings-language"),
];

/// Latin words a translated page may show: names and acronyms that stay as they are, the
/// keys' names as keyboards print them, and "byte", which is Greek's own unit in CLDR.
const KEPT: &str =
    "Satchel Gmail Google API APIs OAuth PKCE JSON HTTP IndexedDB email implicit Ctrl Enter Mac byte";

/// Every Latin word of three letters or more that the interface itself shows (text and
/// the `aria-label`, `title`, `placeholder` and `alt` attributes), outside user and network
/// text (`dir=auto`), code, keys and what is marked `translate=no` or in its own `lang`.
const UNTRANSLATED: &str = r#"
    const kept = new Set(arguments[0].split(' '));
    const skip = (el) => !el || el.closest('[dir=auto], code, kbd, [translate=no], body [lang], script, style, noscript');
    const found = [];
    // User text shown on the page may also sit inside a label ("Open: <subject>").
    const users = [...document.querySelectorAll('[dir=auto]')]
        .map((el) => (el.value || el.textContent || '').trim())
        .filter((t) => t.length > 0)
        .sort((a, b) => b.length - a.length);
    const check = (text, where) => {
        for (const user of users) text = text.split(user).join(' ');
        for (const word of text.match(/[A-Za-z]{3,}/g) || []) {
            if (!kept.has(word)) found.push(word + ' in ' + where);
        }
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        const el = node.parentElement;
        if (skip(el) || !el.getClientRects().length) continue;
        check(node.textContent, '<' + el.tagName.toLowerCase() + '> "' + node.textContent.trim().slice(0, 60) + '"');
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
        if (skip(el)) continue;
        for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
            const value = el.getAttribute(name);
            if (value) check(value, name + '="' + value.slice(0, 60) + '"');
        }
    }
    return found;
"#;

async fn untranslated(browser: &Browser) -> Vec<String> {
    let found = browser
        .client
        .execute(UNTRANSLATED, vec![Value::from(KEPT)])
        .await
        .expect("the check runs");
    found
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

async fn lang_dir(browser: &Browser) -> (String, String) {
    let lang = browser
        .eval_str("return document.documentElement.lang")
        .await;
    let dir = browser
        .eval_str("return document.documentElement.dir")
        .await;
    (lang, dir)
}

/// Settings' Language menu, as a user picks it (`code`, or "" for the browser's): the page
/// reloads in `expect`.
async fn choose_language(browser: &Browser, stack: &Stack, code: &str, expect: &str) {
    browser
        .client
        .goto(&stack.url("settings"))
        .await
        .expect("open settings");
    browser.wait_for("#settings-language").await;
    browser
        .eval(&format!(
            "const s = document.querySelector('#settings-language'); s.value = '{code}'; \
             s.dispatchEvent(new Event('change')); return true"
        ))
        .await;
    satchel_e2e::poll(&format!("the page in {expect}"), 10, async || {
        let (lang, _) = lang_dir(browser).await;
        match lang == expect {
            true => Ok(()),
            false => Err(format!("lang is {lang:?}")),
        }
    })
    .await;
}

#[tokio::test]
async fn greek_and_hebrew_pages_leave_no_english_behind() {
    let stack = Stack::start(TOKEN).await;
    let browser = stack.open("mail", BrowserOptions::default()).await;
    browser.sign_in().await;
    // Every permission once, in English, so each page shows its content, not a prompt.
    browser.open_inbox().await;
    browser.click_link("Calendar").await;
    browser.grant(".permission button").await;
    browser.wait_for(".agenda").await;

    for (code, dir, mail) in [("el", "ltr", "Αλληλογραφία"), ("he", "rtl", "דואר")]
    {
        choose_language(&browser, &stack, code, code).await;
        assert_eq!(
            lang_dir(&browser).await,
            (code.to_string(), dir.to_string())
        );
        browser.wait_for_text(mail).await;
        let mut problems = Vec::new();
        for (route, ready) in PAGES {
            browser.client.goto(&stack.url(route)).await.expect("open");
            browser.wait_for(ready).await;
            // Lists and the agenda finish loading after their first element.
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
            for word in untranslated(&browser).await {
                problems.push(format!("{code} /{route}: {word}"));
            }
        }
        assert!(
            problems.is_empty(),
            "untranslated:\n{}",
            problems.join("\n")
        );
    }

    // Back to the browser's language: English again, left to right, and remembered so.
    choose_language(&browser, &stack, "", "en").await;
    assert_eq!(lang_dir(&browser).await, ("en".into(), "ltr".into()));
    let saved = browser
        .eval("return localStorage.getItem('satchel.lang')")
        .await;
    assert_eq!(saved, Value::Null);
    browser.close().await;
}

#[tokio::test]
async fn the_browsers_languages_choose_and_a_choice_is_remembered() {
    let stack = Stack::start(TOKEN).await;
    let options = BrowserOptions {
        languages: Some("fr-FR,he-IL,en".into()),
        ..BrowserOptions::default()
    };
    let browser = stack.open("settings", options).await;
    browser.wait_for("#settings-language").await;
    // French is not offered: the next language the browser asks for is.
    assert_eq!(lang_dir(&browser).await, ("he".into(), "rtl".into()));
    browser.wait_for_text("הגדרות").await;
    choose_language(&browser, &stack, "el", "el").await;
    browser.client.goto(&stack.url("mail")).await.expect("open");
    browser.wait_for_text("Αλληλογραφία").await;
    assert_eq!(lang_dir(&browser).await, ("el".into(), "ltr".into()));
    // boot.js's own words (a sign-in answer landing in a tab no one waits for) follow the
    // choice too: the build wrote them from the catalogs.
    browser
        .client
        .goto(&stack.url("#state=nobody.popup&error=access_denied"))
        .await
        .expect("open");
    browser.wait_for_text("Συνδεθήκατε").await;
    browser.close().await;
}

/// Elements (outside scrolling strips) that stick out of a `width`-px viewport.
const OVERFLOWING: &str = r#"
    const width = document.documentElement.clientWidth;
    const out = [];
    for (const el of document.querySelectorAll('body *')) {
        if (el.closest('.skip-link, nav.tabs, [hidden]')) continue;
        const r = el.getBoundingClientRect();
        if (!r.width) continue;
        if (r.left < -1 || r.right > width + 1) {
            out.push(el.tagName.toLowerCase() + '.' + el.className + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
        }
    }
    return { width, scroll: document.documentElement.scrollWidth, out };
"#;

#[tokio::test]
async fn hebrew_on_a_360_px_phone_is_right_to_left_and_fits() {
    let stack = Stack::start(TOKEN).await;
    let phone = BrowserOptions {
        width: 360,
        height: 740,
        ..BrowserOptions::default()
    };
    let browser = stack.open("mail", phone).await;
    browser.sign_in().await;
    choose_language(&browser, &stack, "he", "he").await;
    let shots = satchel_e2e::workspace_root().join("target/screenshots");
    let _ = std::fs::create_dir_all(&shots);
    for (route, ready) in [("mail", "#compose-to"), ("settings", "#settings-language")] {
        browser.client.goto(&stack.url(route)).await.expect("open");
        browser.wait_for(ready).await;
        let png = browser.client.screenshot().await.expect("screenshot");
        let _ = std::fs::write(
            shots.join(format!("he-360-{}.png", route.replace('/', "-"))),
            png,
        );
        let layout = browser.eval(OVERFLOWING).await;
        assert_eq!(
            layout["scroll"], layout["width"],
            "/{route} scrolls sideways: {layout}"
        );
        assert_eq!(layout["out"], serde_json::json!([]), "/{route}: {layout}");
        // Right to left: the first tab (Mail) is the rightmost, labels start on the right.
        let tabs = browser
            .eval("return [...document.querySelectorAll('nav.tabs a')].map(a => a.getBoundingClientRect().right)")
            .await;
        let tabs: Vec<f64> = tabs
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_f64).collect())
            .unwrap_or_default();
        assert!(
            tabs.len() == 3 && tabs[0] > tabs[1] && tabs[1] > tabs[2],
            "tabs run right to left: {tabs:?}"
        );
    }
    browser.close().await;
}

/// Greek's table is a file of the build beside the wasm: the service worker keeps it with
/// the rest, so the page opens in Greek with no network.
#[tokio::test]
async fn a_translated_page_opens_offline() {
    let stack = Stack::start(TOKEN).await;
    let browser = stack.open("settings", BrowserOptions::default()).await;
    choose_language(&browser, &stack, "el", "el").await;
    satchel_e2e::pwa::controlled_after_reload(&browser).await;
    satchel_e2e::pwa::go_offline(&browser, &stack).await;
    browser.client.refresh().await.expect("reload offline");
    browser.wait_for_text("Αλληλογραφία").await;
    assert_eq!(lang_dir(&browser).await, ("el".into(), "ltr".into()));
    browser.close().await;
}
