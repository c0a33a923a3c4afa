//! `events.list` (time window, recurrence expansion, ordering, paging, q, showDeleted,
//! timeZone), `events.get` (instance ids too) and `events.instances`.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use serde_json::{json, Value};

use crate::calendar::recurrence::instance_suffix;
use crate::calendar::store::{instance, render_event, series, span, Calendar};
use crate::calendar::time::{parse_event_time, parse_rfc3339, parse_tz, stamp, When};
use crate::calendar::{calendar_index, full_sync_required, not_found, time_range_empty};
use crate::errors::ApiError;
use crate::handler::{Ctx, Reply};
use crate::util::{b64url, b64url_decode};

#[derive(Clone, Copy)]
struct Window {
    min: Option<DateTime<Utc>>,
    max: Option<DateTime<Utc>>,
}

impl Window {
    /// Google's rule: timeMin bounds the end (exclusive), timeMax bounds the start (exclusive).
    fn overlaps(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> bool {
        self.min
            .is_none_or(|m| end > m || (start == end && start >= m))
            && self.max.is_none_or(|m| start < m)
    }
}

fn time_param(ctx: &Ctx<'_>, name: &str) -> Result<Option<DateTime<Utc>>, ApiError> {
    match ctx.q(name) {
        None => Ok(None),
        // A timestamp without an offset is refused, exactly like Google's plain "Bad Request".
        Some(text) => parse_rfc3339(text)
            .map(|t| Some(t.with_timezone(&Utc)))
            .ok_or_else(|| ApiError::bad_request("Bad Request")),
    }
}

fn out_zone(ctx: &Ctx<'_>, cal: &Calendar) -> Result<Tz, ApiError> {
    match ctx.q("timeZone") {
        None => Ok(cal.tz()),
        Some(z) => parse_tz(z)
            .ok_or_else(|| ApiError::bad_request(format!("Invalid time zone definition: {z}"))),
    }
}

struct Item {
    start: DateTime<Utc>,
    updated: String,
    id: String,
    json: Value,
}

/// Everything in the window: masters or their instances, exceptions, single events.
fn collect(
    cal: &Calendar,
    window: Window,
    single: bool,
    show_deleted: bool,
    out_tz: Tz,
    only: Option<&str>,
) -> Vec<Item> {
    let tz = cal.tz();
    let from = window.min.unwrap_or_else(Utc::now);
    // Without timeMax, two years of occurrences, counted from the series' own start when it
    // begins later (so a series far ahead still lists).
    let horizon = |start: DateTime<Utc>| {
        let base = from.max(start);
        window
            .max
            .unwrap_or(base.checked_add_signed(Duration::days(730)).unwrap_or(base))
    };
    let mut out = Vec::new();
    let item = |start: DateTime<Utc>, json: Value| Item {
        start,
        updated: json["updated"].as_str().unwrap_or_default().to_string(),
        id: json["id"].as_str().unwrap_or_default().to_string(),
        json,
    };
    for ev in &cal.events {
        let id = ev["id"].as_str().unwrap_or_default();
        let status = ev["status"].as_str().unwrap_or("confirmed");
        let master_of = ev["recurringEventId"].as_str();
        if let Some(m) = only {
            if master_of != Some(m) && id != m {
                continue;
            }
        }
        let Some((start, end)) = span(ev) else {
            continue;
        };
        let (s, e) = (start.instant(tz), end.instant(tz));
        if ev["recurrence"].is_array() {
            if status == "cancelled" && !show_deleted {
                continue;
            }
            let duration = e - s;
            let overridden: Vec<DateTime<Utc>> = cal
                .events
                .iter()
                .filter(|x| x["recurringEventId"] == id)
                .filter_map(|x| {
                    parse_event_time(&x["originalStartTime"])
                        .ok()
                        .map(|w| w.0.instant(tz))
                })
                .collect();
            let occurrences = series(ev, tz, horizon(s));
            if single {
                for w in occurrences {
                    let os = w.instant(tz);
                    let oe = os.checked_add_signed(duration).unwrap_or(os);
                    if overridden.contains(&os) || !window.overlaps(os, oe) {
                        continue;
                    }
                    let days = match (start, end) {
                        (When::Date(a), When::Date(b)) => Duration::days((b - a).num_days()),
                        _ => duration,
                    };
                    out.push(item(os, instance(ev, w, days, out_tz)));
                }
            } else if only.is_none()
                && occurrences.iter().any(|w| {
                    let os = w.instant(tz);
                    window.overlaps(os, os.checked_add_signed(duration).unwrap_or(os))
                })
            {
                out.push(item(s, render_event(ev, out_tz)));
            }
        } else if master_of.is_some() {
            if status == "cancelled" {
                // Cancelled instances: hidden from expanded lists unless showDeleted.
                if single && !show_deleted {
                    continue;
                }
                if window.overlaps(s, s) {
                    out.push(item(s, render_event(ev, out_tz)));
                }
            } else if window.overlaps(s, e) {
                out.push(item(s, render_event(ev, out_tz)));
            }
        } else {
            if status == "cancelled" && !show_deleted {
                continue;
            }
            if window.overlaps(s, e) {
                out.push(item(s, render_event(ev, out_tz)));
            }
        }
    }
    out
}

fn matches_text(ev: &Value, q: &str) -> bool {
    let mut hay = String::new();
    for key in ["summary", "description", "location"] {
        hay.push_str(ev[key].as_str().unwrap_or_default());
        hay.push(' ');
    }
    for person in ev["attendees"]
        .as_array()
        .into_iter()
        .flatten()
        .chain([&ev["organizer"]])
    {
        hay.push_str(person["email"].as_str().unwrap_or_default());
        hay.push(' ');
        hay.push_str(person["displayName"].as_str().unwrap_or_default());
        hay.push(' ');
    }
    let hay = hay.to_lowercase();
    q.split_whitespace()
        .all(|w| hay.contains(&w.to_lowercase()))
}

fn page_token(offset: usize) -> String {
    b64url(format!("events:{offset}").as_bytes())
}

fn page_offset(token: Option<&str>) -> Result<usize, ApiError> {
    let Some(token) = token.filter(|t| !t.is_empty()) else {
        return Ok(0);
    };
    b64url_decode(token)
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|s| s.strip_prefix("events:").and_then(|n| n.parse().ok()))
        .ok_or_else(|| ApiError::bad_request("Invalid pageToken value."))
}

fn page_size(ctx: &Ctx<'_>, default: i64, max: i64) -> Result<usize, ApiError> {
    match ctx.q_int("maxResults") {
        None => Ok(default as usize),
        Some(n) if n < 1 => Err(ApiError::bad_request(format!(
            "Invalid value '{n}'. Values must be within the range: [1, {max}]"
        ))),
        Some(n) => Ok(n.min(max) as usize),
    }
}

fn list_response(
    ctx: &Ctx<'_>,
    cal: &Calendar,
    out_tz: Tz,
    mut items: Vec<Item>,
    sync_token: &str,
) -> Result<Value, ApiError> {
    match ctx.q("orderBy") {
        Some("updated") => items.sort_by(|a, b| a.updated.cmp(&b.updated).then(a.id.cmp(&b.id))),
        _ => items.sort_by(|a, b| a.start.cmp(&b.start).then(a.id.cmp(&b.id))),
    }
    let start = page_offset(ctx.q("pageToken"))?;
    let size = page_size(ctx, 250, 2500)?;
    let total = items.len();
    let page: Vec<Value> = items
        .into_iter()
        .skip(start)
        .take(size)
        .map(|i| i.json)
        .collect();
    let updated = cal
        .events
        .iter()
        .filter_map(|e| e["updated"].as_str())
        .max()
        .unwrap_or("1970-01-01T00:00:00.000Z");
    let mut body = json!({
        "kind": "calendar#events",
        "etag": format!("\"p3{}\"", cal.etag),
        "summary": cal.summary,
        "updated": updated,
        "timeZone": out_tz.name(),
        "accessRole": cal.access_role,
        "defaultReminders": if cal.writable() { json!([{ "method": "popup", "minutes": 10 }]) } else { json!([]) },
    });
    if let Some(d) = &cal.description {
        body["description"] = json!(d);
    }
    if start.saturating_add(size) < total {
        body["nextPageToken"] = json!(page_token(start + size));
    } else {
        body["nextSyncToken"] = json!(sync_token);
    }
    body["items"] = json!(page);
    Ok(body)
}

pub fn list(ctx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    if ctx.q("syncToken").is_some() {
        return Err(full_sync_required());
    }
    let single = ctx.q_bool("singleEvents");
    if ctx.q("orderBy") == Some("startTime") && !single {
        return Err(ApiError::bad_request(
            "The requested ordering is not available for the particular query.",
        ));
    }
    let window = Window {
        min: time_param(ctx, "timeMin")?,
        max: time_param(ctx, "timeMax")?,
    };
    if let (Some(a), Some(b)) = (window.min, window.max) {
        if b <= a {
            return Err(time_range_empty());
        }
    }
    let updated_min = time_param(ctx, "updatedMin")?;
    let data = ctx.data();
    let set = &data.cal[ctx.account];
    let cal = &set.calendars[calendar_index(set, ctx.param("calendarId"))?];
    let out_tz = out_zone(ctx, cal)?;
    let mut items = collect(cal, window, single, ctx.q_bool("showDeleted"), out_tz, None);
    if cal.free_busy_only() {
        // A free/busy reader sees only times: no cancelled entries, nothing to search in.
        items.retain(|i| i.json["status"] != "cancelled");
        for item in &mut items {
            item.json = cal.as_seen(std::mem::take(&mut item.json));
        }
    }
    if let Some(q) = ctx.q("q") {
        items.retain(|i| matches_text(&i.json, q));
    }
    if let Some(uid) = ctx.q("iCalUID") {
        items.retain(|i| i.json["iCalUID"] == uid);
    }
    if let Some(min) = updated_min {
        let min = stamp(min);
        items.retain(|i| i.updated >= min);
    }
    let types = ctx.q_all("eventTypes");
    if !types.is_empty() {
        items.retain(|i| types.contains(&i.json["eventType"].as_str().unwrap_or("default")));
    }
    let sync = format!("CPjQ{}", b64url(cal.id.as_bytes()));
    Ok(Reply::Json(list_response(ctx, cal, out_tz, items, &sync)?))
}

pub fn instances(ctx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let window = Window {
        min: time_param(ctx, "timeMin")?,
        max: time_param(ctx, "timeMax")?,
    };
    let data = ctx.data();
    let set = &data.cal[ctx.account];
    let cal = &set.calendars[calendar_index(set, ctx.param("calendarId"))?];
    let out_tz = out_zone(ctx, cal)?;
    let id = ctx.param("eventId");
    let master = cal.event(id).ok_or_else(not_found)?;
    let mut items = collect(
        cal,
        window,
        true,
        ctx.q_bool("showDeleted"),
        out_tz,
        Some(id),
    );
    // A single event is its own only instance.
    if !master["recurrence"].is_array() {
        items.retain(|i| i.id == id);
    }
    if let Some(original) = ctx.q("originalStart") {
        let wanted = parse_rfc3339(original).ok_or_else(|| ApiError::bad_request("Bad Request"))?;
        items.retain(|i| {
            parse_event_time(&i.json["originalStartTime"])
                .is_ok_and(|w| w.0.instant(cal.tz()) == wanted.with_timezone(&Utc))
        });
    }
    for item in &mut items {
        item.json = cal.as_seen(std::mem::take(&mut item.json));
    }
    Ok(Reply::Json(list_response(ctx, cal, out_tz, items, "")?))
}

pub fn get(ctx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let data = ctx.data();
    let set = &data.cal[ctx.account];
    let cal = &set.calendars[calendar_index(set, ctx.param("calendarId"))?];
    let out_tz = out_zone(ctx, cal)?;
    let id = ctx.param("eventId");
    if let Some(ev) = cal.event(id) {
        return Ok(Reply::Json(cal.as_seen(render_event(ev, out_tz))));
    }
    // An instance id: `{masterId}_{originalStart}`.
    let (master_id, suffix) = id.rsplit_once('_').ok_or_else(not_found)?;
    let master = cal
        .event(master_id)
        .filter(|m| m["recurrence"].is_array())
        .ok_or_else(not_found)?;
    let (start, end) = span(master).ok_or_else(not_found)?;
    let tz = cal.tz();
    let occurrence = series(master, tz, Utc::now() + Duration::days(3650))
        .into_iter()
        .find(|w| instance_suffix(*w) == suffix)
        .ok_or_else(not_found)?;
    let duration = match (start, end) {
        (When::Date(a), When::Date(b)) => Duration::days((b - a).num_days()),
        _ => end.instant(tz) - start.instant(tz),
    };
    Ok(Reply::Json(
        cal.as_seen(instance(master, occurrence, duration, out_tz)),
    ))
}
