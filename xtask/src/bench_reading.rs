//! `cargo xtask bench reading`: an Inbox row clicked to the message's text on screen, in
//! the release build in headless Chromium against the sandbox: the median over runs, for
//! a 50 KB text message and a 2 MB HTML newsletter (text first: the HTML becomes text;
//! "Show formatting" is timed too, for the newsletter).

use satchel_e2e::{BrowserOptions, Stack};

use crate::bench::median;
use crate::bench_mail::wait_js;
use crate::Result;

/// A target of the spirit: a click answers within a tenth of a second plus the
/// two round trips on loopback.
const TARGET_MS: f64 = 300.0;

fn text_mail(subject: &str) -> Vec<u8> {
    let line = "The quick brown fox jumps over the lazy dog, again and again and again.\r\n";
    let body = line.repeat(50 * 1024 / line.len());
    format!(
        "From: Bench <bench@example.org>\r\nTo: ada@satchel.test\r\nSubject: {subject}\r\n\
         Message-ID: <{subject}@example.org>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}END-OF-TEXT\r\n"
    )
    .into_bytes()
}

fn html_mail(subject: &str) -> Vec<u8> {
    let row = "<tr><td style=\"padding:8px;color:#333\"><a href=\"https://example.com/a\">An article</a> \
               <img src=\"https://images.example.com/i.png\" width=\"80\"> with a few words of text.</td></tr>\n";
    let rows = row.repeat(2 * 1024 * 1024 / row.len());
    format!(
        "From: News <news@example.org>\r\nTo: ada@satchel.test\r\nSubject: {subject}\r\n\
         Message-ID: <{subject}@example.org>\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
         <html><body><table>{rows}</table><p>END-OF-TEXT</p></body></html>\r\n"
    )
    .into_bytes()
}

pub async fn reading(runs: usize) -> Result<()> {
    let (stack, browser) = Stack::signed_in("mail", BrowserOptions::default()).await;
    browser.open_inbox().await;
    println!("\nReading: Inbox row click to the message text on screen (median of {runs})");
    for (kind, make) in [
        ("50 KB text", text_mail as fn(&str) -> Vec<u8>),
        ("2 MB HTML", html_mail),
    ] {
        let mut times = Vec::new();
        let mut formatted = Vec::new();
        for run in 0..runs {
            let subject = format!("bench{}{run}", kind.len());
            stack
                .sandbox
                .receive(make(&subject))
                .ok_or("the sandbox refused the message")?;
            browser.client.goto(&stack.url("mail/inbox")).await?;
            let find = format!(
                "return [...document.querySelectorAll('ul[aria-label=Messages] a.subject')].some(a => a.textContent === {subject:?})"
            );
            wait_js(&browser, &find).await?;
            // Timed in the page: from the click to the text in the DOM, polled each frame.
            let timed = format!(
                "return new Promise(done => {{ const a = [...document.querySelectorAll('ul[aria-label=Messages] a.subject')]\
                   .find(a => a.textContent === {subject:?}); const t0 = performance.now(); a.click(); \
                   const tick = () => {{ const m = document.querySelector('.opened .message-text'); \
                   if (m && m.textContent.includes('END-OF-TEXT')) done(performance.now() - t0); \
                   else requestAnimationFrame(tick); }}; tick(); }})"
            );
            let ms = browser.eval(&timed).await.as_f64().unwrap_or(f64::NAN);
            times.push(ms);
            if kind.starts_with("2 MB") {
                let show = "return new Promise(done => { const b = [...document.querySelectorAll('button')]\
                    .find(b => b.textContent === 'Show formatting'); const t0 = performance.now(); b.click(); \
                    const tick = () => { const f = document.querySelector('iframe.message-html'); \
                    if (f && f.srcdoc.includes('END-OF-TEXT')) done(performance.now() - t0); \
                    else requestAnimationFrame(tick); }; tick(); })";
                formatted.push(browser.eval(show).await.as_f64().unwrap_or(f64::NAN));
            }
        }
        let m = median(&mut times);
        println!(
            "  {kind:<12} {m:7.1} ms   (target ≤ {TARGET_MS:.0} ms: {})",
            if m <= TARGET_MS { "met" } else { "NOT met" }
        );
        if !formatted.is_empty() {
            println!(
                "  {:<12} {:7.1} ms   (Show formatting: cleaned HTML in the frame)",
                "",
                median(&mut formatted)
            );
        }
    }
    browser.close().await;
    Ok(())
}
