//! `cargo xtask bench event`: New event, filled in, saved, and seen in the agenda: the
//! real app in headless Chromium against the sandbox on loopback. Timed inside the page
//! (`performance.now()`), from the click on New event to the saved event's row in the
//! agenda, so WebDriver's own round trips are not counted.

use satchel_e2e::{BrowserOptions, Stack};

use crate::bench::median;
use crate::bench_mail::wait_js;
use crate::Result;

/// Clicks New event, fills it in as the pickers would, saves, and resolves with the
/// milliseconds until the row titled `title` is in the agenda.
const SCRIPT: &str = r#"
const [title, day] = arguments;
const frame = () => new Promise(r => requestAnimationFrame(r));
const until = async (check) => { while (!check()) await frame(); };
const set = (id, value) => {
  const el = document.getElementById(id);
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
};
const t0 = performance.now();
document.getElementById('new-event').click();
await until(() => document.getElementById('event-title'));
set('event-title', title);
set('event-start', day + 'T10:00');
set('event-end', day + 'T11:00');
document.getElementById('event-save').click();
await until(() => [...document.querySelectorAll('li.event button.title')].some(b => b.textContent === title));
return performance.now() - t0;
"#;

pub async fn event_save(runs: usize) -> Result<()> {
    let (_stack, browser) = Stack::signed_in("calendar", BrowserOptions::default()).await;
    // Saving needs calendar.events: the app's quick add asks for it once.
    browser
        .first_quick_add("Bench probe tomorrow 09:00", "Bench probe")
        .await;
    wait_js(
        &browser,
        "return document.querySelector('.cal-status').textContent === ''",
    )
    .await?;
    let day = satchel_e2e::event_form::day_from_now(&browser, 1).await;
    let mut times = Vec::new();
    for run in 0..runs {
        let title = format!("Bench event {run}");
        let args = vec![title.clone().into(), day.clone().into()];
        let script = format!("return (async () => {{ {SCRIPT} }})()");
        let ms = browser
            .client
            .execute(&script.replace("arguments", "[...arguments]"), args)
            .await?
            .as_f64()
            .ok_or("the page did not time the save")?;
        times.push(ms);
        // The next run starts from a settled agenda.
        wait_js(
            &browser,
            "return document.querySelector('.cal-status').textContent === ''",
        )
        .await?;
    }
    println!(
        "calendar: New event, save, row in the agenda: median {:.1} ms over {runs} runs (loopback; no target set)",
        median(&mut times)
    );
    browser.close().await;
    Ok(())
}
