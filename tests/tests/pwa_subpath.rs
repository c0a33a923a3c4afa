//! The installable app deployed under a sub-path (`trunk build --release --public-url
//! /satchel/`, served at `/satchel/` of its origin): the manifest's start_url and scope,
//! the worker's scope and its cache all stay under `/satchel/`, and it opens offline there.
//! Needs that build: `SATCHEL_SUBPATH_DIST` (`cargo xtask test` builds it).

use std::path::PathBuf;

use satchel_e2e::pwa::{controlled_after_reload, go_offline, manifest_and_icons, worker_scope};
use satchel_e2e::{BrowserOptions, Deployment, Stack};
use serde_json::json;

fn subpath_dist() -> PathBuf {
    let dir = std::env::var_os("SATCHEL_SUBPATH_DIST").map(PathBuf::from);
    match dir {
        Some(dir) if dir.join("index.html").is_file() => dir,
        _ => panic!(
            "set SATCHEL_SUBPATH_DIST to a bundle built with \
             `trunk build --release --public-url /satchel/ --dist DIR` (`cargo xtask test` does)"
        ),
    }
}

#[tokio::test]
async fn under_a_sub_path_the_manifest_worker_and_cache_stay_there() {
    let deployment = Deployment::Sandbox { flow: "token" };
    let stack = Stack::start_under(deployment, &subpath_dist(), "satchel").await;
    assert!(stack.app_url.ends_with("/satchel/"), "{}", stack.app_url);
    let browser = stack.open("mail", BrowserOptions::default()).await;
    browser.wait_for("main h1").await;
    let manifest = manifest_and_icons(&browser).await;
    assert_eq!(
        (&manifest["start_url"], &manifest["scope"]),
        (&json!("/satchel/"), &json!("/satchel/"))
    );
    assert_eq!(worker_scope(&browser).await, stack.app_url);
    controlled_after_reload(&browser).await;
    let cached = browser
        .eval_async(
            "const urls = [];
            for (const name of await caches.keys()) {
                for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
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
    assert!(cached.contains(&"/satchel/index.html"), "{cached:?}");
    assert!(
        cached.iter().any(|u| u.starts_with("/satchel/pkg-")),
        "{cached:?}"
    );
    assert!(
        cached.iter().all(|u| u.starts_with("/satchel/")),
        "{cached:?}"
    );

    go_offline(&browser, &stack).await;
    browser
        .client
        .goto(&stack.url("calendar"))
        .await
        .expect("deep link offline");
    browser
        .wait_for_text("Sign in with your Google account to see your calendars")
        .await;
    let current = browser.client.current_url().await.expect("url");
    assert_eq!(current.path(), "/satchel/calendar");
    browser.assert_csp_kept("under the sub-path, offline").await;
    browser.close().await;
}
