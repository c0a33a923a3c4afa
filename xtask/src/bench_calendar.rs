//! `cargo xtask bench`, calendar part: the real app in headless Chromium, against a sandbox
//! whose Work calendar holds exactly 2,500 events in the next 30 days (one full
//! `events.list` page), loaded afresh on each run.
//!
//! The app marks its own stages: `satchel-parse-start`/`-end` around each page's JSON
//! parse, `satchel-agenda-fetched` when every response is in (grouping and rendering start),
//! `satchel-agenda-first` once the first ~150 rows are in the DOM (the rest are built right
//! after that paint), `satchel-agenda-dom` once every row is in the DOM and
//! `satchel-agenda-rendered` after a zero timeout (the browser has laid it out as well).

use satchel_e2e::{percent_encode, BrowserOptions, Stack};
use serde_json::{json, Value};

use crate::bench::median;
use crate::bench_mail::wait_js;
use crate::Result;

/// One full page of `events.list`.
const PAGE: usize = 2500;

pub async fn agenda_render(runs: usize) -> Result<()> {
    let (stack, browser) = Stack::signed_in("calendar", BrowserOptions::default()).await;
    // Adding events to the sandbox needs calendar.events: the app's quick add asks for it.
    browser
        .first_quick_add("Bench probe tomorrow 09:00", "Bench probe")
        .await;
    browser.click(".range button[data-range='30']").await;
    wait_js(&browser, "return document.querySelector('.cal-status').textContent === '' && document.querySelectorAll('section.day').length > 0").await?;

    let token = browser.access_token().await;
    let work = stack.calendar_id(&token, "Work").await?;
    let work_path = format!("/calendar/v3/calendars/{}/events", percent_encode(&work));
    // The window the app asked for, from its last Work call.
    let asked = stack
        .calls("calendar.events.list")
        .into_iter()
        .rfind(|r| r["path"] == work_path.as_str())
        .ok_or("the app never fetched Work")?;
    let query = asked["query"].as_str().unwrap_or_default().to_string();
    let window = |name: &str| {
        query
            .split('&')
            .find_map(|p| p.strip_prefix(&format!("{name}=")))
            .unwrap_or_default()
            .to_string()
    };
    let (time_min, time_max) = (window("timeMin"), window("timeMax"));
    let in_window = format!(
        "{work_path}?singleEvents=true&maxResults=2500&timeMin={time_min}&timeMax={time_max}"
    );
    let count = |page: &Value| page["items"].as_array().map_or(0, Vec::len);
    let get = async |target: &str| stack.api(&token, "GET", target, None).await;
    let seeded = count(&get(&in_window).await?);

    // Daily series starting today fill the window to exactly one page: 30 instances each,
    // and one shorter series for the remainder.
    let today = browser
        .eval("return new Date().toISOString().slice(0, 10)")
        .await;
    let today = today.as_str().unwrap_or_default().to_string();
    let missing = PAGE.saturating_sub(seeded);
    let series: Vec<usize> = std::iter::repeat_n(30, missing / 30)
        .chain((missing % 30 > 0).then_some(missing % 30))
        .collect();
    for (n, instances) in series.iter().enumerate() {
        let at = |minute: usize| {
            format!(
                "{today}T{:02}:{:02}:00Z",
                1 + (n * 5 + minute) / 60 % 20,
                (n * 5 + minute) % 60
            )
        };
        let event = json!({
            "summary": format!("Bench {n}"),
            "description": "A <b>longer</b> description, so the page weighs what a real one does.",
            "location": "Room 101",
            "start": { "dateTime": at(0), "timeZone": "UTC" },
            "end": { "dateTime": at(4), "timeZone": "UTC" },
            "recurrence": [format!("RRULE:FREQ=DAILY;COUNT={instances}")],
        });
        stack.api(&token, "POST", &work_path, Some(event)).await?;
    }
    let work_events = count(&get(&format!("{in_window}&fields=items(id)")).await?);
    let trimmed = get(&format!("{in_window}&{}", fields_param(&query))).await?;
    let full = get(&in_window).await?;

    let mut parse = Vec::new();
    let mut first_rows = Vec::new();
    let mut to_dom = Vec::new();
    let mut total_dom = Vec::new();
    let mut total_laid_out = Vec::new();
    let mut first_paint = Vec::new();
    let mut rows = 0;
    let mut round_trips = (0, 0, false);
    for _ in 0..runs {
        let before = stack.requests().len();
        browser.client.goto(&stack.url("calendar")).await?;
        wait_js(&browser, "return performance.getEntriesByName('satchel-agenda-rendered').length > 0 && document.querySelector('.agenda').getAttribute('aria-busy') === 'false'").await?;
        let marks = browser
            .eval(
                "const t = n => performance.getEntriesByName(n).map(e => e.startTime);
                 const s = t('satchel-parse-start'), e = t('satchel-parse-end');
                 return { parse: s.reduce((sum, x, i) => sum + (e[i] - x), 0),
                          fetched: t('satchel-agenda-fetched')[0], dom: t('satchel-agenda-dom')[0],
                          first: (t('satchel-agenda-first')[0] ?? t('satchel-agenda-dom')[0]),
                          rendered: t('satchel-agenda-rendered')[0],
                          rows: document.querySelectorAll('li.event').length }",
            )
            .await;
        let num = |k: &str| marks[k].as_f64().unwrap_or(f64::NAN);
        parse.push(num("parse"));
        first_rows.push(num("parse") + num("first") - num("fetched"));
        to_dom.push(num("dom") - num("fetched"));
        total_dom.push(num("parse") + num("dom") - num("fetched"));
        total_laid_out.push(num("parse") + num("rendered") - num("fetched"));
        first_paint.push(num("rendered"));
        rows = marks["rows"].as_u64().unwrap_or(0);
        let new: Vec<Value> = stack.requests().into_iter().skip(before).collect();
        let of = |id: &str| {
            new.iter()
                .filter(|r| r["method_id"] == id && r["method"] != "OPTIONS")
                .count()
        };
        let all_fields = new
            .iter()
            .filter(|r| {
                r["method"] == "GET"
                    && r["path"]
                        .as_str()
                        .is_some_and(|p| p.starts_with("/calendar/"))
            })
            .all(|r| r["query"].as_str().is_some_and(|q| q.contains("fields=")));
        round_trips = (
            of("calendar.calendarList.list"),
            of("calendar.events.list"),
            all_fields,
        );
    }
    println!("\nAgenda, 30 days: {work_events} events on Work (one full page) + the other calendars = {rows} rows (headless Chromium, {runs} loads)");
    println!("{:<42}{:>10}{:>10}{:>10}", "stage", "median", "min", "max");
    for (name, values) in [
        ("parse JSON (every page)", &mut parse),
        ("parse + group + first 150 rows in DOM", &mut first_rows),
        ("group + every row in the DOM", &mut to_dom),
        ("parse + group + every row in the DOM", &mut total_dom),
        ("... + layout", &mut total_laid_out),
        ("navigation -> agenda laid out", &mut first_paint),
    ] {
        let med = median(values);
        println!(
            "{name:<42}{med:>8.1}ms{:>8.1}ms{:>8.1}ms",
            values[0],
            values[values.len() - 1]
        );
    }
    println!("target: parse + group + render of 2,500 events <= 100 ms (median)");
    println!(
        "round trips to first paint: {} calendarList + {} events.list (4 shown calendars); fields= on every call: {}",
        round_trips.0,
        round_trips.1,
        if round_trips.2 { "yes" } else { "NO" }
    );
    let size = |v: &Value| v.to_string().len() / 1024;
    println!(
        "Work's page: {} KB with the app's fields=, {} KB without",
        size(&trimmed),
        size(&full)
    );
    browser.close().await;
    Ok(())
}

/// `fields=…` of a query string, as sent.
fn fields_param(query: &str) -> String {
    query
        .split('&')
        .find(|p| p.starts_with("fields="))
        .unwrap_or("fields=*")
        .to_string()
}
