//! The installable app in the tests: the manifest as the browser fetches it, the service
//! worker, cutting the network, a second deployment, and which build's files a page loaded.

use std::path::Path;

use serde_json::{json, Value};

use crate::{poll, Browser, ChromiumCommand, Stack};

/// The page's manifest, fetched through its `<link rel=manifest>`, after checking that
/// every icon it names is a PNG of its declared size, with 192, 512 and a maskable one.
pub async fn manifest_and_icons(browser: &Browser) -> Value {
    let script = "const link = document.querySelector('link[rel=manifest]');
        const manifest = await (await fetch(link.href)).json();
        const icons = [];
        for (const icon of manifest.icons) {
            const answer = await fetch(new URL(icon.src, link.href));
            const bytes = new Uint8Array(await answer.arrayBuffer());
            const view = new DataView(bytes.buffer);
            icons.push({ sizes: icon.sizes, purpose: icon.purpose || 'any', type: answer.headers.get('content-type'),
                         signature: [...bytes.slice(0, 8)], width: view.getUint32(16), height: view.getUint32(20) });
        }
        return { manifest, icons, href: link.href };";
    let found = browser.eval_async(script).await;
    let icons = found["icons"].as_array().cloned().unwrap_or_default();
    for icon in &icons {
        assert_eq!(icon["type"], "image/png", "{icon}");
        assert_eq!(
            icon["signature"],
            json!([137, 80, 78, 71, 13, 10, 26, 10]),
            "PNG: {icon}"
        );
        let side = icon["width"].as_u64().unwrap_or(0);
        assert_eq!(icon["sizes"], format!("{side}x{side}"), "{icon}");
        assert_eq!(icon["height"], icon["width"], "{icon}");
    }
    let has = |sizes: &str, purpose: &str| {
        icons
            .iter()
            .any(|i| i["sizes"] == sizes && i["purpose"] == purpose)
    };
    assert!(has("192x192", "any") && has("512x512", "any"), "{icons:?}");
    assert!(
        icons.iter().any(|i| i["purpose"] == "maskable"),
        "{icons:?}"
    );
    found["manifest"].clone()
}

/// The scope of the page's active worker, once it is active.
pub async fn worker_scope(browser: &Browser) -> String {
    wait_for_active_worker(browser).await;
    browser
        .eval_async("return (await navigator.serviceWorker.getRegistration()).scope")
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// Waits until the worker has installed (every file cached) and activated.
pub async fn wait_for_active_worker(browser: &Browser) {
    poll("the service worker to be active", 30, async || {
        let state = browser
            .eval_async(
                "const r = await navigator.serviceWorker.getRegistration();
                return r && r.active ? r.active.state : 'none'",
            )
            .await;
        match state == "activated" {
            true => Ok(()),
            false => Err(format!("worker {state}")),
        }
    })
    .await;
}

/// The worker installed on the first visit controls the page after a reload.
pub async fn controlled_after_reload(browser: &Browser) {
    wait_for_active_worker(browser).await;
    browser.client.refresh().await.expect("reload");
    browser
        .wait_until(
            "the worker to control the page",
            "return navigator.serviceWorker.controller !== null",
            10,
        )
        .await;
}

/// Cuts the browser off the network (Chromium's offline emulation), and checks that it
/// is cut: the page is told so, and a call to the sandbox fails without reaching it.
pub async fn go_offline(browser: &Browser, stack: &Stack) {
    let body = json!({ "network_conditions": {
        "offline": true, "latency": 0, "download_throughput": -1, "upload_throughput": -1,
    }});
    browser
        .client
        .issue_cmd(ChromiumCommand {
            path: "chromium/network_conditions",
            body,
        })
        .await
        .expect("chromedriver network_conditions");
    let seen = stack.requests().len();
    let probe = format!(
        "return [navigator.onLine, await fetch({}).then(() => 'reached', () => 'failed')]",
        json!(format!("{}/v1/userinfo", stack.sandbox.url()))
    );
    assert_eq!(browser.eval_async(&probe).await, json!([false, "failed"]));
    assert_eq!(
        stack.requests().len(),
        seen,
        "the probe never reached the sandbox"
    );
}

/// The `pkg-<hash>` directories of every wasm or JS file the page loaded.
pub async fn pkg_dirs_loaded(browser: &Browser) -> Vec<String> {
    let script = "return [...new Set(performance.getEntriesByType('resource')
            .map(e => new URL(e.name).pathname.split('/').find(p => p.startsWith('pkg-')))
            .filter(Boolean))].sort()";
    let dirs = browser.eval_list(script).await;
    dirs.iter()
        .filter_map(|d| d.as_str().map(String::from))
        .collect()
}

/// The page's origin's build caches (`satchel-<build id>`), sorted.
pub async fn build_caches(browser: &Browser) -> Vec<String> {
    let names = browser
        .eval_async("return (await caches.keys()).filter(n => n.startsWith('satchel-') && n !== 'satchel-config').sort()")
        .await;
    names
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|n| n.as_str().map(String::from))
        .collect()
}

/// One deployment of the app: its bundle directory and its worker's build id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Build {
    pub pkg: String,
    pub build_id: String,
}

/// Replaces the deployed build with a second one, as a new `trunk build` would: the app's
/// JS changed, so a new `pkg-<hash>/` (the old one gone from the host), the pages pointing
/// at it, and the worker's list and id written again by the build's own code. Returns
/// (old, new).
pub fn redeploy(stack: &Stack) -> (Build, Build) {
    let site = stack.site_dir();
    let old = Build {
        pkg: pkg_dir(site),
        build_id: satchel_sandbox::pwa::written_build_id(site).expect("a built worker"),
    };
    let hash = old.pkg.trim_start_matches("pkg-");
    let flipped = u64::from_str_radix(hash, 16).map_or(1, |h| !h);
    let new_pkg = format!("pkg-{flipped:016x}");
    let (from, to) = (site.join(&old.pkg), site.join(&new_pkg));
    std::fs::create_dir_all(&to).expect("new pkg dir");
    for entry in std::fs::read_dir(&from).expect("old pkg dir").flatten() {
        std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
    }
    let glue = to.join("satchel.js");
    let mut js = std::fs::read_to_string(&glue).expect("glue");
    js.push_str("\n// the second deployment\n");
    std::fs::write(&glue, js).expect("glue");
    for stale in ["satchel.js.br", "satchel.js.gz"] {
        let _ = std::fs::remove_file(to.join(stale));
    }
    std::fs::remove_dir_all(&from).expect("old pkg gone");
    for page in ["index.html", "404.html"] {
        let path = site.join(page);
        let html = std::fs::read_to_string(&path).expect("page");
        std::fs::write(&path, html.replace(&old.pkg, &new_pkg)).expect("page");
    }
    let public_url = url_path(&stack.app_url);
    let precache =
        satchel_sandbox::pwa::write_offline_files(site, &public_url).expect("write the worker");
    let new = Build {
        pkg: new_pkg,
        build_id: precache.build_id,
    };
    assert_ne!(new.build_id, old.build_id);
    (old, new)
}

fn pkg_dir(site: &Path) -> String {
    std::fs::read_dir(site)
        .expect("site dir")
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .find(|n| n.starts_with("pkg-"))
        .expect("a pkg-<hash> directory")
}

/// `/satchel/` of `http://127.0.0.1:1234/satchel/`.
fn url_path(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.find('/')
        .map_or("/".to_string(), |i| rest[i..].to_string())
}

impl Browser {
    /// Runs `script` as the body of an async function and returns its JSON result.
    pub async fn eval_async(&self, script: &str) -> Value {
        self.eval(&format!("return (async () => {{ {script} }})()"))
            .await
    }
}
