//! `cargo xtask bench pwa`: what the service worker buys. A fresh browser opens `/` (no
//! worker yet: everything from the network), waits for the worker to install, then opens
//! `/` again (the worker answers from its cache): navigation start to the interactive
//! shell both times, on loopback and on an emulated slow 4G network. Also the bytes one
//! build's worker caches (the sum of its precache list).

use std::time::Duration;

use satchel_e2e::{Browser, BrowserOptions, Deployment, Stack};
use serde_json::Value;

use crate::bench::median;
use crate::Result;

/// Chromium DevTools' "Slow 4G": 150 ms added per round trip, 1.6 Mbit/s.
const SLOW_4G: (u32, u32) = (150, 200_000);

pub async fn pwa(loads: usize) -> Result<()> {
    let stack = Stack::start(Deployment::Sandbox { flow: "token" }).await;
    let precache = satchel_sandbox::pwa::precache_of(&satchel_e2e::dist_dir())?;
    println!(
        "\nService worker: build {} caches {} files, {} bytes ({:.1} KB)",
        precache.build_id,
        precache.files.len(),
        precache.bytes(),
        precache.bytes() as f64 / 1024.0
    );
    println!(
        "Opening / to the interactive shell, fresh browser each time ({loads} loads, medians)"
    );
    println!(
        "{:<34}{:>16}{:>20}",
        "network", "first load ms", "repeat (worker) ms"
    );
    for (label, network) in [
        ("loopback", None),
        ("slow 4G (150 ms, 1.6 Mbit/s)", Some(SLOW_4G)),
    ] {
        let (mut first, mut repeat) = (Vec::new(), Vec::new());
        for _ in 0..loads {
            let browser = Browser::start(BrowserOptions::default()).await;
            if let Some((latency, rate)) = network {
                browser.emulate_network(latency, rate).await;
            }
            browser.client.goto(&stack.url("")).await?;
            first.push(interactive_ms(&browser).await?);
            wait_for_worker(&browser).await?;
            browser.client.goto(&stack.url("")).await?;
            let controlled = browser
                .eval("return navigator.serviceWorker.controller !== null")
                .await;
            if controlled != Value::Bool(true) {
                return Err("the repeat load was not served by the worker".into());
            }
            repeat.push(interactive_ms(&browser).await?);
            browser.close().await;
        }
        println!(
            "{label:<34}{:>16.0}{:>20.0}",
            median(&mut first),
            median(&mut repeat)
        );
    }
    Ok(())
}

/// Waits until the page's worker is active (installed: every file cached).
async fn wait_for_worker(browser: &Browser) -> Result<()> {
    let script = "return navigator.serviceWorker.getRegistration()
        .then(r => !!(r && r.active && r.active.state === 'activated'))";
    for _ in 0..600 {
        if browser.eval(script).await == Value::Bool(true) {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Err("the service worker never became active".into())
}

/// Navigation start to `satchel-interactive` (`page::mark_interactive`), in ms.
async fn interactive_ms(browser: &Browser) -> Result<f64> {
    let script = "const m = performance.getEntriesByName('satchel-interactive')[0];
        return m ? m.startTime : null;";
    for _ in 0..3000 {
        if let Some(ms) = browser.eval(script).await.as_f64() {
            return Ok(ms);
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    Err("the shell never became interactive".into())
}
