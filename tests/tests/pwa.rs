//! Installable and usable offline (README, "Installing and offline"): the manifest and its
//! icons, the service worker taking over, the shell and the agenda with no network, and a
//! new deployment's "A new version is ready" without ever mixing two builds' files.

use satchel_e2e::calendar::{calendar_in, wait_for_agenda};
use satchel_e2e::pwa::{
    build_caches, controlled_after_reload, go_offline, manifest_and_icons, pkg_dirs_loaded,
    redeploy, worker_scope,
};
use satchel_e2e::{poll, BrowserOptions, Deployment, Stack};
use serde_json::json;

const TOKEN: Deployment = Deployment::Sandbox { flow: "token" };

#[tokio::test]
async fn the_manifest_makes_it_installable_with_png_icons() {
    let (stack, browser) = Stack::opened(TOKEN, "mail", BrowserOptions::default()).await;
    browser.wait_for("main h1").await;
    let manifest = manifest_and_icons(&browser).await;
    assert_eq!(manifest["name"], "Satchel");
    assert_eq!(manifest["short_name"], "Satchel");
    assert_eq!(manifest["display"], "standalone");
    assert_eq!(
        (&manifest["start_url"], &manifest["scope"]),
        (&json!("/"), &json!("/"))
    );
    assert!(manifest["theme_color"].is_string() && manifest["background_color"].is_string());
    let themes = browser
        .eval("return [...document.querySelectorAll('meta[name=theme-color]')].map(m => m.media)")
        .await;
    assert_eq!(
        themes,
        json!([
            "(prefers-color-scheme: light)",
            "(prefers-color-scheme: dark)"
        ])
    );
    assert_eq!(worker_scope(&browser).await, stack.url(""));
    browser
        .assert_csp_kept("the manifest and the worker load under the page's CSP")
        .await;
    browser.close().await;
}

#[tokio::test]
async fn offline_the_shell_opens_and_the_agenda_shows_the_last_loaded_days() {
    let stack = Stack::start(TOKEN).await;
    let browser = calendar_in(&stack, BrowserOptions::default()).await;
    browser.wait_for_text("Coffee with Charles").await;
    controlled_after_reload(&browser).await;
    // The reload loaded the agenda again (online): that copy is the one kept.
    wait_for_agenda(&browser).await;
    let loaded_at = browser
        .eval("return new Date().toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'})")
        .await;
    let seen = stack.requests().len();

    go_offline(&browser, &stack).await;
    browser.client.refresh().await.expect("reload offline");
    let text = browser.wait_for_text("offline, as of").await;
    for needle in [
        "Mail",
        "Calendar",
        "Settings",
        "Coffee with Charles",
        "Lunch with Anna",
    ] {
        assert!(text.contains(needle), "{needle} offline:\n{text}");
    }
    let status = browser
        .eval_str("return document.querySelector('[data-testid=offline-status]').textContent")
        .await;
    assert!(
        status.starts_with("offline, as of ") && status.len() > "offline, as of ".len(),
        "{status} (loaded at {loaded_at})"
    );
    let header = browser
        .eval("return document.querySelectorAll('header, nav[aria-label=Main]').length")
        .await;
    assert_eq!(header, json!(2), "header and navigation offline");
    assert_eq!(
        stack.requests().len(),
        seen,
        "nothing reached Google while offline"
    );
    let kept = browser
        .eval_str("return Object.keys(localStorage).filter(k => k.startsWith('satchel.calendar.offline.')).map(k => localStorage.getItem(k)).join('')")
        .await;
    let token = browser.access_token().await;
    assert!(
        !token.is_empty() && !kept.contains(&token),
        "no token is kept"
    );

    // The worker stored only the app's own files: nothing from Google, no token.
    let cached = browser
        .eval_async(
            "const urls = [];
            for (const name of await caches.keys()) {
                for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
            }
            return urls",
        )
        .await;
    let cached: Vec<&str> = cached
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|u| u.as_str())
        .collect();
    assert!(cached.len() > 10, "{cached:?}");
    assert!(
        cached
            .iter()
            .all(|u| u.starts_with(&stack.app_url) && !u.contains('?')),
        "{cached:?}"
    );
    // Sent brotli-compressed by the host, stored decoded: the module itself.
    let wasm = browser
        .eval_async(
            "const src = document.querySelector('script[data-satchel-wasm]').dataset.satchelWasm;
            const kept = await caches.match(new URL(src, document.baseURI).href);
            const bytes = new Uint8Array(await kept.arrayBuffer());
            return [kept.headers.get('content-encoding'), [...bytes.slice(0, 4)]]",
        )
        .await;
    assert_eq!(wasm, json!(["br", [0, 97, 115, 109]]), "\\0asm, decoded");

    // Mail's shell opens too (its chunks come from the worker's cache).
    browser.click_link("Mail").await;
    browser.wait_for("main h1").await;
    browser
        .assert_csp_kept("offline, from the worker's cache")
        .await;
    browser.close().await;
}

#[tokio::test]
async fn a_new_deployment_offers_reload_and_never_mixes_builds() {
    let (stack, browser) = Stack::opened(TOKEN, "mail", BrowserOptions::default()).await;
    browser.wait_for("main h1").await;
    controlled_after_reload(&browser).await;
    browser.wait_for("main h1").await;
    let (old, new) = redeploy(&stack);
    let old_cache = format!("satchel-{}", old.build_id);
    assert_eq!(build_caches(&browser).await, vec![old_cache.clone()]);

    // The browser looks for a new worker at each navigation; this one is still served
    // by the old build's worker, from its cache (the old files are gone from the host).
    browser.client.refresh().await.expect("reload");
    browser.wait_for_text("A new version is ready").await;
    // A view not visited yet: its chunk must come from the old build too.
    browser.click_link("Calendar").await;
    browser
        .wait_for_text("Sign in with your Google account to see your calendars")
        .await;
    assert_eq!(pkg_dirs_loaded(&browser).await, vec![old.pkg.clone()]);
    let caches = build_caches(&browser).await;
    assert!(
        caches.contains(&old_cache) && caches.contains(&format!("satchel-{}", new.build_id)),
        "both builds' caches until the new worker takes over: {caches:?}"
    );

    browser.click_text("Reload").await;
    poll("the page to reload into the new build", 15, async || {
        let dirs = pkg_dirs_loaded(&browser).await;
        let text = browser.body_text().await;
        match dirs == vec![new.pkg.clone()] && text.contains("to see your calendars") {
            true => Ok(()),
            false => Err(format!("loaded {dirs:?}")),
        }
    })
    .await;
    assert!(!browser.body_text().await.contains("A new version is ready"));
    assert_eq!(
        build_caches(&browser).await,
        vec![format!("satchel-{}", new.build_id)],
        "the old build's cache went when the new worker took over"
    );
    browser.close().await;
}
