//! The app shell in a real headless Chromium: landmarks, setup view, navigation, deep
//! links, configuration errors and the phone layout.

use satchel_e2e::{Browser, BrowserOptions, Deployment, Stack};

const TOKEN: Deployment = Deployment::Sandbox { flow: "token" };

/// The app deployed as `deployment`, open on `route` in a desktop-sized browser.
async fn opened(deployment: Deployment, route: &str) -> (Stack, Browser) {
    Stack::opened(deployment, route, BrowserOptions::default()).await
}

#[tokio::test]
async fn shell_renders_with_landmarks_and_navigation() {
    let (_stack, browser) = opened(TOKEN, "mail").await;
    browser.wait_for("main h1").await;
    let landmarks = browser
        .eval(
            "return ['header','nav[aria-label=Main]','main#main','footer']
                .map(s => document.querySelectorAll(s).length)",
        )
        .await;
    assert_eq!(landmarks, serde_json::json!([1, 1, 1, 1]));
    let text = browser.wait_for_text("Satchel 0.1.0").await;
    assert!(text.contains("Mail") && text.contains("Calendar") && text.contains("Settings"));

    // Navigate by clicking: the route, the heading and aria-current change together.
    browser.click_link("Calendar").await;
    browser
        .wait_for_text("Sign in with your Google account to see your calendars")
        .await;
    let current = browser.client.current_url().await.expect("url");
    assert_eq!(current.path(), "/calendar");
    let marked = browser
        .eval("return document.querySelector('nav a[aria-current=page]').textContent")
        .await;
    assert_eq!(marked, "Calendar");
    browser.close().await;
}

#[tokio::test]
async fn deep_links_load_from_a_static_host() {
    // The static host has no /settings file: it answers 404.html, which is the app.
    let (stack, browser) = opened(TOKEN, "settings").await;
    let text = browser.wait_for_text("Endpoints").await;
    assert!(
        text.contains(&stack.sandbox.url()),
        "settings show the sandbox: {text}"
    );
    browser
        .client
        .goto(&stack.url("no/such/page"))
        .await
        .expect("open");
    browser.wait_for_text("Page not found").await;
    browser.close().await;
}

#[tokio::test]
async fn setup_view_without_client_id_saves_one() {
    let (stack, browser) = opened(Deployment::NoClientId, "calendar").await;
    browser.wait_for_text("Set up Satchel").await;
    let redirect = browser
        .eval("return document.getElementById('copy-authorized-redirect-uri').value")
        .await;
    assert_eq!(
        redirect,
        stack.app_url.as_str(),
        "the redirect URI is the app's base URL"
    );

    let input = browser.wait_for("#client-id").await;
    input.send_keys("not a client id").await.expect("type");
    browser.click("form.client-id button[type=submit]").await;
    browser
        .wait_for_text("does not look like a client ID")
        .await;
    let invalid = browser
        .eval("return document.getElementById('client-id').getAttribute('aria-invalid')")
        .await;
    assert_eq!(invalid, "true");

    input.clear().await.expect("clear");
    input
        .send_keys("1234-abc.apps.googleusercontent.com")
        .await
        .expect("type");
    browser.click("form.client-id button[type=submit]").await;
    // Saved: the view the user asked for replaces the setup view…
    browser
        .wait_for_text("Sign in with your Google account to see your calendars")
        .await;
    // …and the ID is kept across a reload.
    browser.client.refresh().await.expect("reload");
    browser
        .wait_for_text("Sign in with your Google account to see your calendars")
        .await;
    let stored = browser
        .eval("return localStorage.getItem('satchel.client_id')")
        .await;
    assert_eq!(stored, "1234-abc.apps.googleusercontent.com");
    browser.close().await;
}

#[tokio::test]
async fn broken_config_names_the_key_and_the_shell_still_renders() {
    for (config, message) in [
        (r#"{"flow": 3}"#, r#"config.json: "flow" must be a string."#),
        (
            r#"{"client_id": "x", "gmail_root": "ftp://x"}"#,
            r#""gmail_root" must be an absolute https:// URL"#,
        ),
        ("{not json", "config.json is not valid JSON"),
    ] {
        let (_stack, browser) = opened(Deployment::RawConfig(config.into()), "").await;
        browser.wait_for_text(message).await;
        // The setup view is a lazily fetched chunk, so it may arrive after the notice.
        let text = browser.wait_for_text("Set up Satchel").await;
        assert!(
            text.contains(message),
            "the notice stays while the app works: {text}"
        );
        let alert = browser
            .eval("return document.querySelector('.notices [role=alert]').textContent")
            .await;
        assert!(alert.as_str().unwrap_or("").contains(message));
        browser.close().await;
    }
}

#[tokio::test]
async fn missing_config_is_reported() {
    let (_stack, browser) = opened(Deployment::NoConfig, "").await;
    browser
        .wait_for_text("config.json could not be loaded (not found")
        .await;
    browser.close().await;
}

#[tokio::test]
async fn fits_a_360_px_phone() {
    let phone = BrowserOptions {
        width: 360,
        height: 740,
        ..Default::default()
    };
    let (_stack, browser) = Stack::opened(Deployment::NoClientId, "", phone).await;
    browser.wait_for_text("Set up Satchel").await;
    let widths = browser
        .eval("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        .await;
    let scroll = widths[0].as_i64().unwrap_or(i64::MAX);
    let client = widths[1].as_i64().unwrap_or(0);
    assert!(
        client <= 360 && scroll <= client,
        "no sideways scrolling on a phone: {widths}"
    );
    browser.close().await;
}

#[tokio::test]
async fn keyboard_reaches_skip_link_and_navigation() {
    let (_stack, browser) = opened(TOKEN, "mail").await;
    browser.wait_for("main h1").await;
    let body = browser.wait_for("body").await;
    body.send_keys("\u{E004}").await.expect("tab"); // Tab
    let focused = browser
        .eval("return document.activeElement.textContent")
        .await;
    assert_eq!(focused, "Skip to content");
    browser.close().await;
}
