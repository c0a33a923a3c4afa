//! `cargo xtask bench landing`: opening the app at `/` as a signed-out user of a deployment
//! that sets its client ID. The shell redirects to Mail's Compose, whose chunks load then.
//! Each load is a fresh browser (empty cache), on loopback and on an emulated slow 4G
//! network. The files are served gzip-compressed, as a static host would.

use std::time::Duration;

use satchel_e2e::{Browser, BrowserOptions, Deployment, Stack};
use serde_json::Value;

use crate::bench::median;
use crate::Result;

/// Chromium DevTools' "Slow 4G": 150 ms added per round trip, 1.6 Mbit/s.
const SLOW_4G: (u32, u32) = (150, 200_000);

pub async fn landing(loads: usize) -> Result<()> {
    let stack = Stack::start(Deployment::Sandbox { flow: "token" }).await;
    // The bundle carries its .br/.gz copies; the deployed pages get theirs here (a host
    // compresses what it serves).
    crate::compress::precompress(stack.site_dir(), &["html", "json"])?;
    println!("\nOpening / -> Mail's Compose, fresh browser each time, gzip-served ({loads} loads, medians)");
    println!(
        "{:<34}{:>14}{:>14}{:>10}{:>14}",
        "network", "shell ms", "Compose ms", "files", "bytes in"
    );
    for (label, network) in [
        ("loopback", None),
        ("slow 4G (150 ms, 1.6 Mbit/s)", Some(SLOW_4G)),
    ] {
        let (mut shell, mut compose, mut files, mut bytes) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for _ in 0..loads {
            let browser = Browser::start(BrowserOptions::default()).await;
            if let Some((latency, rate)) = network {
                browser.emulate_network(latency, rate).await;
            }
            browser.client.goto(&stack.url("")).await?;
            let figures = wait_for_compose(&browser).await?;
            browser.close().await;
            let number = |i: usize| figures.get(i).and_then(Value::as_f64).unwrap_or(f64::NAN);
            shell.push(number(0));
            compose.push(number(1));
            files.push(number(2));
            bytes.push(number(3));
        }
        println!(
            "{label:<34}{:>14.0}{:>14.0}{:>10.0}{:>14.0}",
            median(&mut shell),
            median(&mut compose),
            median(&mut files),
            median(&mut bytes)
        );
    }
    Ok(())
}

/// [shell interactive, Compose's view built, files fetched, bytes transferred], from the
/// page's performance timeline once Compose is on screen.
async fn wait_for_compose(browser: &Browser) -> Result<Vec<Value>> {
    let script = "const at = name => (performance.getEntriesByName(name)[0] || {}).startTime;
        const shell = at('satchel-interactive'), view = at('satchel-route-view');
        if (shell === undefined || view === undefined || !document.getElementById('mail-title')) return null;
        const files = performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation'));
        return [shell, view, files.length, files.reduce((sum, f) => sum + f.transferSize, 0)];";
    for _ in 0..3000 {
        if let Value::Array(figures) = browser.eval(script).await {
            return Ok(figures);
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    Err("Compose never appeared".into())
}
