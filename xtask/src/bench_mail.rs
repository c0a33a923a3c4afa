//! `cargo xtask bench`, mail part: building a message with one 25 MB attachment, in the
//! real app (headless Chromium, attached through the file input, built on Send and
//! uploaded to the sandbox), next to Python's `email` package building the same message.
//!
//! The app measures itself around building (the message as a Blob of 1 MiB parts,
//! `build_message_in_pieces`): a `satchel-mime-build` performance measure, and the WASM memory size afterwards in `data-satchel-mime-memory` on `<html>`
//! (WASM memory never shrinks, so that is the peak).

use std::process::Command;
use std::time::{Duration, Instant};

use satchel_e2e::{compose_signed_in, Browser, BrowserOptions, TempDir};

use crate::bench::median;
use crate::Result;

/// Gmail's limit for attachments, and the size benchmarked.
const ATTACHMENT: usize = 25 * 1024 * 1024;

const PYTHON: &str = r#"
import sys, time, resource
from email.message import EmailMessage
from email import policy
data = open(sys.argv[1], 'rb').read()
runs = int(sys.argv[2])
times = []
for _ in range(runs):
    start = time.perf_counter()
    m = EmailMessage()
    m['From'] = 'ada@satchel.test'
    m['To'] = 'bob@example.com'
    m['Subject'] = 'Benchmark'
    m.set_content('A large attachment.')
    m.add_attachment(data, maintype='application', subtype='octet-stream', filename='big.bin')
    out = m.as_bytes(policy=policy.SMTP)
    times.append((time.perf_counter() - start) * 1000)
    del m, out
times.sort()
print(times[len(times) // 2], resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
"#;

pub async fn mime_build(runs: usize) -> Result<()> {
    let dir = TempDir::new("bench-mail");
    let file = dir.path.join("big.bin");
    // Incompressible-looking bytes, as a photo or an archive would be.
    std::fs::write(&file, satchel_e2e::noise(ATTACHMENT))?;

    // Send at once: the Undo wait is not what this measures.
    let (_stack, browser) = compose_signed_in(BrowserOptions::default(), false, 0).await;
    let mut times = Vec::new();
    let mut memory = 0u64;
    for run in 0..runs {
        browser.send_keys("#compose-to", "bench@example.com").await;
        attach(&browser, &file, "25.0 MB of 25.0 MB used").await?;
        browser.click("#compose-send").await;
        let sent = wait_js(
            &browser,
            "return document.getElementById('compose-sent') !== null",
        )
        .await;
        sent.map_err(|_| format!("run {run}: the message was not sent"))?;
        let ms = browser
            .eval("const m = performance.getEntriesByName('satchel-mime-build'); return m.length ? m[m.length - 1].duration : null")
            .await
            .as_f64()
            .ok_or("the app did not measure satchel-mime-build")?;
        let bytes = browser
            .eval("return Number(document.documentElement.dataset.satchelMimeMemory || 0)")
            .await
            .as_u64()
            .unwrap_or(0);
        times.push(ms);
        memory = memory.max(bytes);
    }
    browser.close().await;
    let app_ms = median(&mut times);

    let python = Command::new("python3")
        .arg("-c")
        .arg(PYTHON)
        .arg(&file)
        .arg(runs.to_string())
        .output()?;
    let python_text = String::from_utf8_lossy(&python.stdout);
    let mut fields = python_text
        .split_whitespace()
        .map(|f| f.parse::<f64>().unwrap_or(f64::NAN));
    let (py_ms, py_rss) = (
        fields.next().unwrap_or(f64::NAN),
        fields.next().unwrap_or(f64::NAN),
    );

    let mb = |b: f64| b / (1024.0 * 1024.0);
    println!("\nBuilding a message with one 25 MB attachment ({runs} runs, median)");
    println!("{:<34}{:>12}{:>22}", "", "time ms", "peak memory MB");
    println!(
        "{:<34}{:>12.1}{:>15.1} ({:.2}x)",
        "Satchel (WASM, headless Chromium)",
        app_ms,
        mb(memory as f64),
        memory as f64 / ATTACHMENT as f64
    );
    println!(
        "{:<34}{:>12.1}{:>15.1} ({:.2}x)",
        "Python email (native, max RSS)",
        py_ms,
        mb(py_rss),
        py_rss / ATTACHMENT as f64
    );
    println!("target: Satchel <= 50 ms and <= 1.5x the attachment (whole WASM memory)");
    Ok(())
}

/// Attaches `file` in Compose and waits until it is read (`shown` on screen, Send enabled).
pub async fn attach(browser: &Browser, file: &std::path::Path, shown: &str) -> Result<()> {
    browser.attach(&[file]).await;
    browser.wait_for_text(shown).await;
    // Reading the file is done when Send is enabled again.
    wait_js(
        browser,
        "return !document.getElementById('compose-send').disabled",
    )
    .await
}

pub async fn wait_js(browser: &Browser, script: &str) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(60);
    while browser.eval(script).await != true {
        if Instant::now() > deadline {
            return Err(format!("timed out: {script}").into());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Ok(())
}
