//! Sign-in in a real headless Chromium against the sandbox: both flows, refusals, a closed
//! popup, forged and replayed answers, reload, sign-out, the blocked-popup fallback, CSP,
//! and sign-in under an enforced Cross-Origin-Opener-Policy on the consent page.

use std::time::Duration;

use satchel_e2e::fantoccini::Locator;
use satchel_e2e::{poll, Browser, BrowserOptions, Deployment, Stack};
use satchel_sandbox::Coop;
use serde_json::{json, Value};

/// `route` (Settings unless said), signed out, in the app deployed with `flow`.
async fn signed_out(flow: &'static str) -> (Stack, Browser) {
    signed_out_on(flow, "settings").await
}

async fn signed_out_on(flow: &'static str, route: &str) -> (Stack, Browser) {
    let deployment = Deployment::Sandbox { flow };
    let (stack, browser) = Stack::opened(deployment, route, BrowserOptions::default()).await;
    browser.wait_for("#sign-in").await;
    (stack, browser)
}

/// Settings, signed out, in the app (token flow) whose sandbox is adjusted.
async fn signed_out_with(adjust: impl FnOnce(&mut satchel_sandbox::Options)) -> (Stack, Browser) {
    let stack = Stack::start_with(Deployment::Sandbox { flow: "token" }, adjust).await;
    let browser = stack.open("settings", BrowserOptions::default()).await;
    (stack, browser)
}

async fn token_is_alive(stack: &Stack, token: &str) -> bool {
    let target = format!("/tokeninfo?access_token={token}");
    stack
        .sandbox_call("GET", &target, None, None)
        .await
        .expect("call the sandbox")
        .0
        == 200
}

#[tokio::test]
async fn token_flow_signs_in_and_keeps_the_token_out_of_urls_and_local_storage() {
    let (stack, browser) = signed_out("token").await;
    browser.sign_in().await;
    browser.wait_for_text("ada@satchel.test").await;
    let session = browser.session().await;
    let token = browser.access_token().await;
    assert!(!token.is_empty(), "session stored: {session}");
    assert!(session["scope"].as_str().unwrap_or("").contains("openid"));
    let local = browser.eval("return JSON.stringify(localStorage)").await;
    assert!(
        !local.as_str().unwrap_or("").contains(&token),
        "no token in localStorage"
    );
    let url = browser.client.current_url().await.expect("url");
    assert_eq!(url.fragment(), None);
    assert!(!url.as_str().contains(&token));
    assert!(token_is_alive(&stack, &token).await);
    assert_eq!(
        stack.requests_to("POST", "/token").len(),
        0,
        "no code exchange in the token flow"
    );
    browser
        .assert_csp_kept("the page works under its CSP")
        .await;
    browser.close().await;
}

#[tokio::test]
async fn pkce_flow_exchanges_the_code_once() {
    let (stack, browser) = signed_out("pkce").await;
    browser.sign_in().await;
    browser.wait_for_text("ada@satchel.test").await;
    assert_eq!(stack.requests_to("POST", "/token").len(), 1);
    let session = browser.session().await;
    assert!(session["access_token"]
        .as_str()
        .is_some_and(|t| !t.is_empty()));
    // The verifier never went anywhere but the token endpoint: not in the authorization URL.
    let leaked = stack
        .requests_to("GET", "/o/oauth2/v2/auth")
        .iter()
        .any(|r| r["query"].as_str().unwrap_or("").contains("code_verifier"));
    assert!(!leaked);
    browser.close().await;
}

#[tokio::test]
async fn deny_is_reported_and_the_button_works_again() {
    let (_stack, browser) = signed_out("token").await;
    let main = browser.open_consent("#sign-in").await;
    browser.decide("deny", main).await;
    browser.wait_for_text("Google sign-in was cancelled").await;
    assert_eq!(browser.session().await, Value::Null);
    let disabled = browser
        .eval("return document.getElementById('sign-in').disabled")
        .await;
    assert_eq!(disabled, false);
    browser.close().await;
}

#[tokio::test]
async fn a_closed_popup_leaves_cancel_and_a_working_sign_in_button() {
    let (_stack, browser) = signed_out("token").await;
    let main = browser.open_consent("#sign-in").await;
    let first = browser.eval("return location.href").await;
    // One sign-in at a time: a second click brings the open popup forward, the same
    // request (not a new one in the same window).
    browser
        .client
        .switch_to_window(main.clone())
        .await
        .expect("main");
    browser.click("#sign-in").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(browser.client.windows().await.expect("windows").len(), 2);
    let popup = other_window(&browser, &main).await;
    browser.client.switch_to_window(popup).await.expect("popup");
    assert_eq!(
        browser.eval("return location.href").await,
        first,
        "same request"
    );
    browser.client.close_window().await.expect("close popup");
    browser.client.switch_to_window(main).await.expect("back");
    // `popup.closed` is only a hint (COOP makes it lie): the request stays open.
    browser
        .wait_for_text("If you closed it, cancel and sign in again.")
        .await;
    assert!(!browser
        .body_text()
        .await
        .contains("closed before Google answered"));
    let disabled = browser
        .eval("return document.getElementById('sign-in').disabled")
        .await;
    assert_eq!(disabled, false, "the button is usable");
    browser.click("#cancel-sign-in").await;
    wait_gone(&browser, "[data-testid=sign-in-waiting]").await;
    browser.sign_in().await;
    browser.wait_for_text("ada@satchel.test").await;
    browser.close().await;
}

#[tokio::test]
async fn forged_and_replayed_answers_are_ignored() {
    let (_stack, browser) = signed_out("token").await;
    let main = browser.open_consent("#sign-in").await;
    // From the popup while it shows the (other-origin) consent page: a forged answer
    // carrying the real, still-pending state.
    let state = browser
        .eval_str("return new URLSearchParams(location.search).get('state')")
        .await;
    browser
        .eval(&format!(
            "opener.postMessage({{type: 'satchel-auth', params: 'access_token=forged&token_type=Bearer&expires_in=3600&state={state}'}}, '*'); return true"
        ))
        .await;
    browser.decide("allow", main).await;
    browser.wait_for("[data-testid=account-email]").await;
    let token = browser.access_token().await;
    assert_ne!(token, "forged", "a message from another origin was ignored");
    assert!(!token.is_empty());

    // The same state again, on its own channel and on the old shared one: the request is
    // over, nobody listens, nothing changes and nothing is said.
    for channel in [format!("satchel-auth.{state}"), "satchel-auth".to_string()] {
        browser
            .eval(&format!(
                "new BroadcastChannel('{channel}').postMessage({{type: 'satchel-auth', params: 'access_token=replayed&token_type=Bearer&expires_in=3600&state={state}'}}); return true"
            ))
            .await;
    }
    // And a same-origin window that is not the popup cannot answer either.
    browser
        .eval(&format!(
            "window.postMessage({{type: 'satchel-auth', params: 'access_token=self&token_type=Bearer&expires_in=3600&state={state}'}}, location.origin); return true"
        ))
        .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(browser.session().await["access_token"], token.as_str());
    let text = browser.body_text().await;
    assert!(!text.contains("Ignored"), "dropped silently: {text}");
    browser.close().await;
}

#[tokio::test]
async fn reload_keeps_the_session_and_sign_out_revokes() {
    let (stack, browser) = signed_out("token").await;
    browser.sign_in().await;
    browser.wait_for_text("ada@satchel.test").await;
    let token = browser.access_token().await;
    browser.client.refresh().await.expect("reload");
    browser.wait_for_text("ada@satchel.test").await;
    assert_eq!(
        browser.client.windows().await.expect("windows").len(),
        1,
        "no popup on reload"
    );

    browser.wait_for("button.secondary").await;
    browser.click_text("Sign out").await;
    browser
        .wait_for_text("Signed out. Satchel's access to your Google account was revoked.")
        .await;
    browser.wait_for("#sign-in").await;
    assert_eq!(browser.session().await, Value::Null);
    assert!(
        !token_is_alive(&stack, &token).await,
        "the sandbox says the token is dead"
    );
    browser.close().await;
}

#[tokio::test]
async fn blocked_popup_falls_back_to_a_same_tab_sign_in() {
    let (_stack, browser) = signed_out_on("pkce", "calendar").await;
    browser.block_popups().await;
    browser.click("#sign-in").await;
    browser
        .wait_for_text("Your browser blocked Google's sign-in window")
        .await;
    browser.click_text("Sign in in this tab").await;
    browser.click("#allow").await;
    browser.wait_for("[data-testid=account-email]").await;
    let url = browser.client.current_url().await.expect("url");
    assert_eq!(url.path(), "/calendar", "back on the same view");
    assert_eq!(url.fragment(), None);
    assert_eq!(url.query(), None, "the code left the address bar");
    browser.close().await;
}

#[tokio::test]
async fn partial_grant_is_reported_and_the_feature_asks_again() {
    let (_stack, browser) = signed_out_on("token", "calendar").await;
    let main = browser.open_consent("#sign-in").await;
    // Untick the calendar permission on the granular consent page.
    browser
        .eval("document.querySelectorAll('input[name=scope][type=checkbox]').forEach(c => { if (c.value.includes('calendar')) c.checked = false; }); return true")
        .await;
    browser.decide("allow", main).await;
    browser
        .wait_for_text("Google did not grant every permission")
        .await;
    browser
        .wait_for_text("Allow Satchel to see your calendars")
        .await;
    browser.close().await;
}

#[tokio::test]
async fn a_banner_offers_renewal_before_the_token_ends() {
    // Tokens that live 4 minutes: inside the 5-minute warning from the start.
    let (_stack, browser) = signed_out_with(four_minute_tokens).await;
    browser.sign_in().await;
    browser
        .wait_for_text("Your Google session ends in a few minutes.")
        .await;
    let first = browser.access_token().await;
    let main = browser.open_consent("#continue-session").await;
    // Renewal keeps the account: the consent page preselects it from login_hint.
    let hinted = browser
        .eval("return document.querySelector('input[name=account]:checked').value")
        .await;
    assert_eq!(hinted, "ada@satchel.test");
    browser.decide("allow", main).await;
    poll("the session's renewal", 10, async || {
        let now = browser.access_token().await;
        !now.is_empty() && now != first
    })
    .await;
    browser.close().await;
}

/// The window that is not `main` (the popup).
async fn other_window(
    browser: &Browser,
    main: &satchel_e2e::fantoccini::wd::WindowHandle,
) -> satchel_e2e::fantoccini::wd::WindowHandle {
    let windows = browser.client.windows().await.expect("windows");
    windows
        .into_iter()
        .find(|w| w != main)
        .expect("the popup is open")
}

async fn wait_gone(browser: &Browser, css: &str) {
    poll(&format!("{css} to go"), 10, async || {
        browser.client.find(Locator::Css(css)).await.is_err()
    })
    .await;
}

/// A person reads the consent page for a few seconds; the app must not give up meanwhile
/// (the old code said "closed" about 1 s after COOP cut the popup off).
async fn human_pause_on_consent(
    browser: &Browser,
    main: &satchel_e2e::fantoccini::wd::WindowHandle,
) {
    let popup = browser.client.window().await.expect("popup");
    browser
        .client
        .switch_to_window(main.clone())
        .await
        .expect("main");
    tokio::time::sleep(Duration::from_secs(4)).await;
    let text = browser.body_text().await;
    assert!(
        !text.contains("closed before Google answered") && !text.contains("signed out"),
        "gave up while the user was on Google's page: {text}"
    );
    assert!(text.contains("Waiting for Google…"), "{text}");
    browser.client.switch_to_window(popup).await.expect("popup");
}

fn coop_stack(coop: Coop) -> impl FnOnce(&mut satchel_sandbox::Options) {
    move |o| o.coop = coop
}

fn four_minute_tokens(o: &mut satchel_sandbox::Options) {
    o.token_ttl = Duration::from_secs(240)
}

/// Consent through the popup, as a person who reads the page for a few seconds first.
async fn allow_after_a_pause(browser: &Browser, button_css: &str) {
    let main = browser.open_consent(button_css).await;
    human_pause_on_consent(browser, &main).await;
    browser.decide("allow", main).await;
}

#[tokio::test]
async fn sign_in_survives_an_enforced_coop_on_the_consent_page() {
    let (_stack, browser) = signed_out_with(coop_stack(Coop::Enforced)).await;
    let main = browser.open_consent("#sign-in").await;
    assert_eq!(
        browser.eval("return window.opener === null").await,
        json!(true),
        "the browser enforces the consent page's COOP"
    );
    human_pause_on_consent(&browser, &main).await;
    browser.decide("allow", main).await;
    browser.wait_for_text("ada@satchel.test").await;
    assert_eq!(
        browser.client.windows().await.expect("windows").len(),
        1,
        "the popup closed itself"
    );
    assert!(browser.session().await["access_token"]
        .as_str()
        .is_some_and(|t| !t.is_empty()));
    wait_gone(&browser, "[data-testid=sign-in-waiting]").await;
    browser.close().await;
}

#[tokio::test]
async fn under_coop_a_call_waiting_for_renewal_runs_once_after_it() {
    let stack = Stack::start_with(
        Deployment::Sandbox { flow: "token" },
        coop_stack(Coop::Enforced),
    )
    .await;
    let browser = stack.open("calendar", BrowserOptions::default()).await;
    allow_after_a_pause(&browser, "#sign-in").await;
    browser.wait_for("#quick-add-text").await;
    // Adding needs calendar.events: one permission, so its box is pre-ticked.
    browser
        .first_quick_add("Lunch with Anna tomorrow 13:00", "Lunch with Anna")
        .await;

    stack.sandbox.expire_all_tokens();
    browser
        .send_keys("#quick-add-text", "Dentist friday 9am")
        .await;
    browser.click("form.quick-add button[type=submit]").await;
    allow_after_a_pause(&browser, "#continue-session").await;
    browser.wait_for_text("Added “Dentist”").await;
    let statuses: Vec<Value> = stack
        .calls("calendar.events.quickAdd")
        .iter()
        .map(|r| r["status"].clone())
        .collect();
    assert_eq!(
        statuses,
        vec![json!(200), json!(401), json!(200)],
        "sent once after renewal"
    );
    browser.close().await;
}

#[tokio::test]
async fn report_only_coop_keeps_the_opener_and_the_popup_answers_by_message() {
    let stack = Stack::start_with(
        Deployment::Sandbox { flow: "pkce" },
        coop_stack(Coop::ReportOnly),
    )
    .await;
    let browser = stack.open("settings", BrowserOptions::default()).await;
    // Nothing may listen on a channel when the opener is there: record what is posted.
    browser
        .eval("window.satchelChannels = []; const Real = BroadcastChannel; window.BroadcastChannel = function (name) { window.satchelChannels.push(name); return new Real(name); }; return true")
        .await;
    let main = browser.open_consent("#sign-in").await;
    assert_eq!(
        browser.eval("return window.opener !== null").await,
        json!(true)
    );
    browser.decide("allow", main).await;
    browser.wait_for_text("ada@satchel.test").await;
    let channels = browser.eval("return window.satchelChannels").await;
    let names: Vec<&str> = channels
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        names.len() == 1 && names[0].starts_with("satchel-auth.") && names[0].ends_with(".popup"),
        "one channel, named after the request's state: {names:?}"
    );
    browser.close().await;
}

#[tokio::test]
async fn a_renewal_for_another_account_starts_a_new_session() {
    // Tokens that live 4 minutes: the Continue button is there from the start.
    let (_stack, browser) = signed_out_with(four_minute_tokens).await;
    browser.sign_in().await;
    browser.wait_for_text("ada@satchel.test").await;
    let ada = browser.session().await;
    assert_eq!(
        ada["sub"], "108512837465012345671",
        "the account is recorded"
    );
    let main = browser.open_consent("#continue-session").await;
    browser.click("#account-1").await;
    browser.decide("allow", main).await;
    browser
        .wait_for_text("Signed in as grace@satchel.test, another Google account")
        .await;
    browser.wait_for_text("grace@satchel.test").await;
    let grace = browser.session().await;
    assert_eq!(grace["sub"], "108512837465012345672");
    assert_eq!(grace["email"], "grace@satchel.test");
    assert_ne!(grace["access_token"], ada["access_token"]);
    assert!(!browser.body_text().await.contains("ada@satchel.test"));
    browser.close().await;
}
