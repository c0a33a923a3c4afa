//! Calendar helpers: paths, writes with `If-Match`, the sandbox's stored events and
//! notifications, Google's error fields, and listing windows.

use chrono::{Duration, Utc};
use reqwest::Method;
use serde_json::{json, Value};

use super::T;

pub const EVENTS_SCOPE: &str = "https://www.googleapis.com/auth/calendar.events";
pub const PRIMARY: &str = "/calendar/v3/calendars/primary/events";
pub const HOLIDAYS: &str = "en.uk#holiday@group.v.calendar.google.com";

pub fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

pub fn events_of(calendar: &str) -> String {
    format!("/calendar/v3/calendars/{}/events", enc(calendar))
}

pub async fn send(
    t: &T,
    method: Method,
    path: &str,
    token: &str,
    body: Option<Value>,
    if_match: Option<&str>,
) -> (u16, Value) {
    let mut req = t
        .http
        .request(method, format!("{}{}", t.url, path))
        .bearer_auth(token);
    if let Some(etag) = if_match {
        req = req.header("If-Match", etag);
    }
    if let Some(body) = body {
        req = req.json(&body);
    }
    let r = req.send().await.unwrap();
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

pub async fn post(t: &T, path: &str, token: &str, body: Value) -> (u16, Value) {
    send(t, Method::POST, path, token, Some(body), None).await
}

pub async fn patch(t: &T, path: &str, token: &str, body: Value) -> (u16, Value) {
    send(t, Method::PATCH, path, token, Some(body), None).await
}

pub async fn delete(t: &T, path: &str, token: &str) -> (u16, Value) {
    send(t, Method::DELETE, path, token, None, None).await
}

/// The stored events of a calendar of the first account.
pub async fn stored_all(t: &T, calendar: &str) -> Vec<Value> {
    let r = t
        .http
        .get(format!(
            "{}/_sandbox/calendar/events/{}",
            t.url,
            enc(calendar)
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let body: Value = r.json().await.unwrap();
    body["events"].as_array().unwrap().clone()
}

pub async fn stored(t: &T, calendar: &str, id: &str) -> Value {
    stored_all(t, calendar)
        .await
        .into_iter()
        .find(|e| e["id"] == id)
        .unwrap_or_else(|| panic!("{id} stored"))
}

pub async fn notifications(t: &T) -> Vec<Value> {
    let r = t
        .http
        .get(format!("{}/_sandbox/calendar/notifications", t.url))
        .send()
        .await
        .unwrap();
    r.json::<Value>().await.unwrap().as_array().unwrap().clone()
}

pub fn error(body: &Value) -> (&str, &str, &str) {
    (
        body["error"]["errors"][0]["reason"].as_str().unwrap_or(""),
        body["error"]["message"].as_str().unwrap_or(""),
        body["error"]["errors"][0]["domain"].as_str().unwrap_or(""),
    )
}

/// `{ dateTime, timeZone }` as Google stores it.
pub fn at(date_time: &str, zone: &str) -> Value {
    json!({ "dateTime": date_time, "timeZone": zone })
}

pub fn items(list: &Value) -> Vec<Value> {
    list["items"].as_array().unwrap().clone()
}

pub async fn list(t: &T, token: &str, query: &str) -> Vec<Value> {
    let (status, body) = t.get_json(&format!("{PRIMARY}?{query}"), token).await;
    assert_eq!(status, 200, "{body}");
    items(&body)
}

pub fn window(days_back: i64, days_ahead: i64) -> String {
    let now = Utc::now();
    format!(
        "timeMin={}&timeMax={}",
        enc(&(now - Duration::days(days_back)).to_rfc3339()),
        enc(&(now + Duration::days(days_ahead)).to_rfc3339())
    )
}

/// `events.quickAdd` of `text` on the calendar `events` (its events path, encoded).
pub async fn quick_add(t: &T, token: &str, events: &str, text: &str) -> (u16, Value) {
    let path = format!("{events}/quickAdd?text={}", enc(text));
    t.call(Method::POST, &path, token, None).await
}
