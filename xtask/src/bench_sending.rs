//! `cargo xtask bench sending`: Send to "Message sent." on loopback, for a small message and
//! one with a 10 MB attachment, through a draft (the default: `drafts.create` or its upload,
//! then `drafts.send` by id) and with the send-only permission (`messages.send`). Prints the
//! round trips each send takes and, for the draft path, the share of the extra request
//! (`drafts.send`) in the whole send.

use std::time::Instant;

use satchel_e2e::{compose_signed_in, BrowserOptions, TempDir};

use crate::bench::median;
use crate::bench_mail::{attach, wait_js};
use crate::Result;

const BIG: usize = 10 * 1024 * 1024;

struct Figures {
    ms: f64,
    /// Requests the app made per send (preflights counted apart).
    calls: usize,
    preflights: usize,
    /// Median duration of the `drafts.send` request (Resource Timing), draft path only.
    extra_ms: Option<f64>,
}

async fn run_path(send_only: bool, big: Option<&std::path::Path>, runs: usize) -> Result<Figures> {
    let (stack, browser) = compose_signed_in(BrowserOptions::default(), send_only, 0).await;
    let (mut times, mut extras) = (Vec::new(), Vec::new());
    let (mut calls, mut preflights) = (0, 0);
    for run in 0..runs {
        browser.type_into("#compose-to", "bench@example.com").await;
        browser
            .type_into("#compose-subject", &format!("Bench {run}"))
            .await;
        if let Some(file) = big {
            attach(&browser, file, "10.0 MB").await?;
        }
        browser
            .eval("performance.clearResourceTimings(); return true")
            .await;
        let before = stack.requests().len();
        let start = Instant::now();
        browser.click("#compose-send").await;
        wait_js(
            &browser,
            "return document.getElementById('compose-sent') !== null",
        )
        .await?;
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        let new: Vec<_> = stack.requests().into_iter().skip(before).collect();
        preflights = new.iter().filter(|r| r["method"] == "OPTIONS").count();
        calls = new.len() - preflights;
        let extra = browser
            .eval(
                "const e = performance.getEntriesByType('resource').filter(e => e.name.includes('/drafts/send')); \
                 return e.length ? e[e.length - 1].duration : null",
            )
            .await;
        if let Some(ms) = extra.as_f64() {
            extras.push(ms);
        }
    }
    browser.close().await;
    Ok(Figures {
        ms: median(&mut times),
        calls,
        preflights,
        extra_ms: (!extras.is_empty()).then(|| median(&mut extras)),
    })
}

pub async fn sending(runs: usize) -> Result<()> {
    let dir = TempDir::new("bench-sending");
    let file = dir.path.join("ten.bin");
    let data = satchel_e2e::noise(BIG);
    std::fs::write(&file, &data)?;
    println!("\nSend to \"Message sent.\" on loopback ({runs} runs, median)");
    println!(
        "{:<28}{:>10}{:>10}{:>22}{:>16}",
        "path", "size", "ms", "requests", "drafts.send ms"
    );
    let mut shares = Vec::new();
    for (name, send_only) in [("through a draft", false), ("send only", true)] {
        for (size, big) in [("small", None), ("10 MB", Some(file.as_path()))] {
            let f = run_path(send_only, big, runs).await?;
            let requests = format!("{} (+{} preflights)", f.calls, f.preflights);
            let extra = f
                .extra_ms
                .map(|e| format!("{e:.0}"))
                .unwrap_or_else(|| "-".into());
            println!(
                "{name:<28}{size:>10}{:>10.0}{requests:>22}{extra:>16}",
                f.ms
            );
            if let (Some(extra), Some(_)) = (f.extra_ms, big) {
                shares.push(extra / f.ms * 100.0);
            }
        }
    }
    for share in shares {
        println!(
            "the draft path's extra request (drafts.send) is {share:.1}% of a 10 MB send (target < 25%)"
        );
    }
    Ok(())
}
