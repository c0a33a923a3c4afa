//! How the app's bundle is delivered and hosted, in a real headless Chromium: code
//! splitting (each view's chunk fetched on its first visit, a chunk that cannot be
//! downloaded), no build-machine paths in the bundle, and the security headers of the host.

use satchel_e2e::fantoccini::Locator;
use satchel_e2e::{poll, Browser, BrowserOptions, Deployment, Stack};

/// The file names of the wasm modules the page has fetched so far.
async fn wasm_fetched(browser: &Browser) -> Vec<String> {
    let names = browser
        .eval(
            "return performance.getEntriesByType('resource').map(e => e.name)
                .filter(n => n.endsWith('.wasm')).map(n => n.split('/').pop())",
        )
        .await;
    serde_json::from_value(names).expect("names")
}

async fn wait_for_wasm(browser: &Browser, prefix: &str) -> Vec<String> {
    poll(&format!("{prefix}*.wasm to be fetched"), 5, async || {
        let fetched = wasm_fetched(browser).await;
        match fetched.iter().any(|n| n.starts_with(prefix)) {
            true => Ok(fetched),
            false => Err(format!("{fetched:?}")),
        }
    })
    .await
}

/// Code splitting: the shell is one wasm module; Mail's Compose, Mail's lists, Calendar and
/// Setup with Settings are chunks fetched on the first visit of their routes (`cargo xtask
/// wasm`), under the page's CSP.
#[tokio::test]
async fn shell_fetches_each_chunk_only_when_its_view_is_visited() {
    // `/` without a client ID: the setup view, from its own chunk.
    let (_stack, browser) =
        Stack::opened(Deployment::NoClientId, "", BrowserOptions::default()).await;
    browser.wait_for_text("Set up Satchel").await;
    let fetched = wait_for_wasm(&browser, "split_setup_view_").await;
    assert!(
        fetched.iter().any(|n| n == "satchel_bg.wasm"),
        "{fetched:?}"
    );
    let views = |fetched: &[String], view: &str| fetched.iter().any(|n| n.starts_with(view));
    assert!(
        !views(&fetched, "split_mail_") && !views(&fetched, "split_calendar_view_"),
        "{fetched:?}"
    );
    browser.close().await;

    // A deployment that sets its client ID: the shell alone is one module.
    let (_stack, browser) = Stack::opened(
        Deployment::Sandbox { flow: "token" },
        "no-such-page",
        BrowserOptions::default(),
    )
    .await;
    browser.wait_for_text("Page not found").await;
    let fetched = wasm_fetched(&browser).await;
    assert_eq!(fetched, ["satchel_bg.wasm"], "the shell is one module");

    browser.click_link("Settings").await;
    browser.wait_for_text("Endpoints").await;
    let fetched = wait_for_wasm(&browser, "split_setup_view_").await;
    assert!(
        !fetched
            .iter()
            .any(|n| n.starts_with("split_calendar_view_")),
        "{fetched:?}"
    );

    browser.click_link("Calendar").await;
    browser
        .wait_for_text("Sign in with your Google account to see your calendars")
        .await;
    let fetched = wait_for_wasm(&browser, "split_calendar_view_").await;
    assert!(
        !fetched.iter().any(|n| n.starts_with("split_mail_")),
        "{fetched:?}"
    );

    // Mail opens on Compose: Inbox and Drafts are a chunk of their own.
    browser.click_link("Mail").await;
    browser.wait_for("main h1").await;
    let fetched = wait_for_wasm(&browser, "split_mail_compose_").await;
    assert!(
        !fetched.iter().any(|n| n.starts_with("split_mail_lists_")),
        "{fetched:?}"
    );
    browser.click_link("Inbox").await;
    wait_for_wasm(&browser, "split_mail_lists_").await;
    browser.assert_csp_kept("chunks load under the CSP").await;
    browser.close().await;
}

#[tokio::test]
async fn a_chunk_that_cannot_be_downloaded_is_said_in_place_and_trying_again_recovers() {
    let stack = Stack::start(Deployment::Sandbox { flow: "token" }).await;
    // The Calendar chunk is gone from the server, as if the connection dropped.
    let chunk = satchel_e2e::bundle_files(stack.site_dir())
        .into_iter()
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("split_calendar_view_"))
        })
        .expect("the Calendar chunk");
    let away = chunk.with_extension("away");
    std::fs::rename(&chunk, &away).expect("hide the chunk");

    let browser = stack.open("settings", BrowserOptions::default()).await;
    browser.wait_for_text("Endpoints").await;
    browser.click_link("Calendar").await;
    let text = browser.wait_for_text("could not be downloaded").await;
    assert!(text.contains("Calendar could not be opened"), "{text}");
    // The shell still works: Settings opens again.
    browser.click_link("Settings").await;
    browser.wait_for_text("Endpoints").await;
    browser.click_link("Calendar").await;
    browser.wait_for_text("could not be downloaded").await;

    std::fs::rename(&away, &chunk).expect("restore the chunk");
    browser.click(".chunk-failed button").await;
    browser
        .wait_for_text("Sign in with your Google account to see your calendars")
        .await;
    browser
        .assert_csp_kept("Try again loads under the CSP")
        .await;
    browser.close().await;
}

/// Panic locations carry source paths; the release build remaps them (xtask/src/wasm.rs),
/// so the public bundle does not name the build machine's directories.
#[test]
fn the_bundle_names_no_build_machine_paths() {
    let workspace = satchel_e2e::workspace_root();
    let mut modules = 0;
    for wasm in satchel_e2e::bundle_files(&satchel_e2e::dist_dir()) {
        if wasm.extension().is_none_or(|e| e != "wasm") {
            continue;
        }
        let bytes = std::fs::read(&wasm).expect("read wasm");
        for path in [
            "/.cargo/registry/".to_string(),
            format!("{}/", workspace.display()),
        ] {
            let found = bytes.windows(path.len()).any(|w| w == path.as_bytes());
            assert!(!found, "{} names {path}", wasm.display());
        }
        modules += 1;
    }
    assert!(
        modules >= 3,
        "the main module and the lazy chunks: found {modules}"
    );
}

/// `GET path` on `addr` with HTTP/1.0; the response head, lowercased.
async fn response_head(addr: &str, path: &str) -> String {
    let (addr, path) = (addr.to_string(), path.to_string());
    tokio::task::spawn_blocking(move || {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(&addr).expect("connect");
        stream
            .write_all(format!("GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").as_bytes())
            .expect("send");
        let mut response = Vec::new();
        stream.read_to_end(&mut response).expect("read");
        let text = String::from_utf8_lossy(&response).to_string();
        text.split("\r\n\r\n").next().unwrap_or("").to_lowercase()
    })
    .await
    .expect("request")
}

/// A host that sends no security header at all: the files of `root`, nothing else.
fn bare_host(root: std::path::PathBuf) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let root = root.clone();
            // A thread per connection: Chromium opens spare connections it may never use.
            std::thread::spawn(move || {
                let mut buf = vec![0u8; 8192];
                let n = stream.read(&mut buf).unwrap_or(0);
                let request = String::from_utf8_lossy(&buf[..n]).to_string();
                let path = request.split_whitespace().nth(1).unwrap_or("/");
                let path = path
                    .split('?')
                    .next()
                    .unwrap_or("/")
                    .trim_start_matches('/');
                let file = if path.is_empty() { "index.html" } else { path };
                let kind = match file.rsplit('.').next() {
                    Some("html") => "text/html",
                    Some("js") => "text/javascript",
                    Some("wasm") => "application/wasm",
                    Some("css") => "text/css",
                    Some("json") => "application/json",
                    _ => "application/octet-stream",
                };
                let (status, body) = match std::fs::read(root.join(file)) {
                    Ok(body) if !file.contains("..") => ("200 OK", body),
                    _ => ("404 Not Found", Vec::new()),
                };
                let head = format!(
                    "HTTP/1.0 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(&body);
            });
        }
    });
    format!("http://{addr}/")
}

#[tokio::test]
async fn the_host_sends_the_security_headers_and_the_page_refuses_frames() {
    let stack = Stack::start(Deployment::Sandbox { flow: "token" }).await;
    let addr = stack
        .app_url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let head = response_head(&addr, "/").await;
    let csp = head
        .lines()
        .find_map(|l| l.strip_prefix("content-security-policy: "))
        .unwrap_or_default()
        .to_string();
    assert!(
        csp.contains("default-src 'none'") && csp.ends_with("frame-ancestors 'none'"),
        "{head}"
    );
    assert!(
        csp.contains(&stack.sandbox.url()),
        "the narrowed connect-src: {csp}"
    );
    assert!(head.contains("x-content-type-options: nosniff"), "{head}");
    assert!(head.contains("referrer-policy: no-referrer"), "{head}");
    assert!(
        !head.contains("cross-origin-opener-policy"),
        "no COOP: {head}"
    );
    // The <meta> policy has no frame-ancestors (ignored there, and Chromium logs an error).
    let page = std::fs::read_to_string(stack.site_dir().join("index.html")).expect("page");
    assert!(!page.contains("frame-ancestors"));
    assert!(
        !page.contains("accounts.google.com https"),
        "connect-src has no consent host"
    );

    let browser = Browser::start(BrowserOptions::default()).await;
    // Framed from another site where the host sends the header: nothing of Satchel renders.
    let bare = bare_host(stack.site_dir().to_path_buf());
    for (target, guarded) in [(stack.app_url.clone(), false), (bare.clone(), true)] {
        // The framing page, on the bare host (a loopback origin, so that Chromium's
        // private-network rules do not block the frame for their own reasons).
        let html = format!("<iframe id=f src='{target}' width=600 height=400></iframe>");
        std::fs::write(stack.site_dir().join("framer.html"), html).expect("framer");
        browser
            .client
            .goto(&format!("{bare}framer.html"))
            .await
            .expect("open the framing page");
        let frame = browser.wait_for("#f").await;
        frame.enter_frame().await.expect("enter frame");
        // Give the frame time to load (and, unguarded, it would have started by then).
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(3);
        let mut text = String::new();
        while std::time::Instant::now() < deadline && !text.contains("frame") {
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            text = browser.body_text().await;
        }
        let sign_in = browser.client.find(Locator::Css("#sign-in")).await.is_ok();
        assert!(
            !sign_in && !text.contains("Sign in with Google"),
            "{target}: {text}"
        );
        if guarded {
            // No header: boot.js's own guard refused to start.
            assert!(
                text.contains("Satchel does not run inside a frame"),
                "{text}"
            );
        }
        browser
            .client
            .enter_parent_frame()
            .await
            .expect("leave frame");
    }
    // Unframed, the same bare host runs the app.
    browser.client.goto(&bare).await.expect("open");
    browser.wait_for("main h1").await;
    browser.close().await;
}

/// Started signed in on another page, the app fetches Compose's chunk when the browser is
/// idle, so Compose then opens without waiting for the network (README, "Code splitting").
#[tokio::test]
async fn signed_in_elsewhere_compose_is_fetched_ahead() {
    let (_stack, browser) = Stack::signed_in("calendar", BrowserOptions::default()).await;
    browser.client.refresh().await.expect("reload");
    browser.wait_for("[data-testid=account-email]").await;
    let fetched = wait_for_wasm(&browser, "split_mail_compose_chunk").await;
    assert!(
        !fetched
            .iter()
            .any(|n| n.starts_with("split_mail_lists_chunk")),
        "only Compose is fetched ahead: {fetched:?}"
    );
    browser.close().await;
}
