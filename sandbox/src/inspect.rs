//! `/_sandbox/…`: the control and inspection endpoints for tests and people — sent mail,
//! the request log, fault injection, token expiry, the avatar images userinfo links to,
//! and Calendar's stored events and the notifications Google would have emailed.

use axum::body::Body;
use axum::http::{header, HeaderValue, Method, Request, Response};
use serde_json::{json, Value};

use crate::errors::html_response;
use crate::faults::Fault;
use crate::handler::json;
use crate::state::Shared;
use crate::util::{self, html_escape};
use crate::ACCOUNTS;

pub async fn handle(shared: &Shared, req: Request<Body>) -> Response<Body> {
    let method = req.method().clone();
    let path = req.uri().path().trim_end_matches('/').to_string();
    let query = util::parse_form(req.uri().query().unwrap_or("").as_bytes());
    let body = match axum::body::to_bytes(req.into_body(), 1 << 20).await {
        Ok(b) => b,
        Err(_) => return json(413, &json!({ "error": "body too large" })),
    };
    match (method, path.as_str()) {
        (Method::GET, "/_sandbox") => html_response(200, overview(shared)),
        (Method::GET, "/_sandbox/outbox") => json(200, &shared.outbox()),
        (Method::GET, "/_sandbox/requests") => json(200, &shared.requests()),
        (Method::GET, "/_sandbox/faults") => json(200, &shared.faults()),
        (Method::POST, "/_sandbox/faults") => {
            // One fault or an array of them.
            let faults: Result<Vec<Fault>, _> =
                serde_json::from_slice::<Value>(&body).and_then(|v| match v {
                    Value::Array(_) => serde_json::from_value(v),
                    other => serde_json::from_value(other).map(|f| vec![f]),
                });
            match faults {
                Ok(faults) => {
                    let n = faults.len();
                    for f in faults {
                        shared.inject(f);
                    }
                    json(200, &json!({ "queued": n, "faults": shared.faults() }))
                }
                Err(e) => json(400, &json!({ "error": format!("invalid fault: {e}") })),
            }
        }
        (Method::POST, "/_sandbox/keep_alive") => {
            // `true` or `false`: whether new connections are kept alive.
            match serde_json::from_slice::<bool>(&body) {
                Ok(on) => {
                    shared.set_keep_alive(on);
                    json(200, &json!({ "keep_alive": on }))
                }
                Err(e) => json(
                    400,
                    &json!({ "error": format!("expected true or false: {e}") }),
                ),
            }
        }
        (Method::POST, "/_sandbox/reset") => {
            shared.clear_faults();
            json(200, &json!({ "faults": [] }))
        }
        (Method::POST, "/_sandbox/expire") => {
            shared.expire_all_tokens();
            json(200, &json!({ "expired": true }))
        }
        (Method::GET, p) if p.starts_with("/_sandbox/avatar/") => avatar(p),
        (Method::GET, "/_sandbox/calendar/notifications") => {
            json(200, &Value::Array(shared.data().notifications.clone()))
        }
        (Method::GET, p) if p.starts_with("/_sandbox/calendar/events/") => {
            let id = p.trim_start_matches("/_sandbox/calendar/events/");
            calendar_events(shared, id, util::form_get(&query, "account"))
        }
        _ => json(404, &json!({ "error": "no such sandbox endpoint" })),
    }
}

/// A calendar's events exactly as stored (deleted ones and exceptions included), for
/// tests that check stored fields. The calendar id is percent-encoded in the path;
/// `primary` and ids held by both accounts are resolved in `account` (default: the
/// first account holding the id).
fn calendar_events(shared: &Shared, raw_id: &str, account: Option<&str>) -> Response<Body> {
    let Some(id) = util::percent_decode(raw_id) else {
        return json(400, &json!({ "error": "bad calendar id" }));
    };
    let data = shared.data();
    let found = data.cal.iter().enumerate().find_map(|(i, set)| {
        let owner = ACCOUNTS.get(i)?;
        if account.is_some_and(|a| !a.eq_ignore_ascii_case(owner.email)) {
            return None;
        }
        let index = set.resolve(&id)?;
        Some((owner.email, &set.calendars[index]))
    });
    match found {
        Some((owner, cal)) => json(
            200,
            &json!({
                "account": owner,
                "calendarId": cal.id,
                "accessRole": cal.access_role,
                "timeZone": cal.time_zone,
                "events": cal.events,
            }),
        ),
        None => json(404, &json!({ "error": "no such calendar" })),
    }
}

/// A generated avatar: the account's initial on a colored disc.
fn avatar(path: &str) -> Response<Body> {
    let sub = path
        .trim_start_matches("/_sandbox/avatar/")
        .trim_end_matches(".svg");
    let (initial, color) = match ACCOUNTS.iter().position(|a| a.sub == sub) {
        Some(0) => ("A", "#7b1fa2"),
        Some(_) => ("G", "#00796b"),
        None => return json(404, &json!({ "error": "no such avatar" })),
    };
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"96\" height=\"96\" viewBox=\"0 0 96 96\">\
<circle cx=\"48\" cy=\"48\" r=\"48\" fill=\"{color}\"/><text x=\"48\" y=\"62\" font-size=\"44\" \
font-family=\"sans-serif\" fill=\"#fff\" text-anchor=\"middle\">{initial}</text></svg>"
    );
    let mut response = Response::new(Body::from(svg));
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("image/svg+xml"),
    );
    response
}

fn overview(shared: &Shared) -> String {
    let outbox = shared.outbox();
    let mut mail = String::new();
    for m in outbox.as_array().into_iter().flatten().rev() {
        let list = |k: &str| {
            m[k].as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default()
        };
        mail.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            html_escape(m["date"].as_str().unwrap_or("")),
            html_escape(m["via"].as_str().unwrap_or("")),
            html_escape(m["from"].as_str().unwrap_or("")),
            html_escape(&list("to")),
            html_escape(m["subject"].as_str().unwrap_or("")),
            m["attachments"].as_array().map_or(0, |a| a.len()),
            m["raw_size"],
        ));
    }
    let requests = shared.requests();
    let mut log = String::new();
    for r in requests.as_array().into_iter().flatten().rev().take(200) {
        log.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            html_escape(r["method"].as_str().unwrap_or("")),
            html_escape(r["path"].as_str().unwrap_or("")),
            html_escape(r["method_id"].as_str().unwrap_or("")),
            r["status"],
            html_escape(r["fault"].as_str().unwrap_or("")),
        ));
    }
    let faults = html_escape(&serde_json::to_string(&shared.faults()).unwrap_or_default());
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Satchel sandbox</title>\
<style>body{{font:14px/1.4 system-ui,sans-serif;margin:2rem}}table{{border-collapse:collapse;margin-bottom:2rem}}\
td,th{{border:1px solid #ddd;padding:.25rem .5rem;text-align:left}}</style></head><body>\
<h1>Satchel sandbox</h1><p>{url} — client <code>{client}</code> — JSON: <a href=\"/_sandbox/outbox\">outbox</a>, \
<a href=\"/_sandbox/requests\">requests</a>, <a href=\"/_sandbox/faults\">faults</a>, \
<a href=\"/_sandbox/calendar/notifications\">calendar notifications</a>, \
<a href=\"/_sandbox/calendar/events/primary\">stored events of a calendar</a> \
(<code>/_sandbox/calendar/events/{{calendarId}}?account={{email}}</code>)</p>\
<h2>Outbox</h2><table id=\"outbox\"><tr><th>date</th><th>via</th><th>from</th><th>to</th><th>subject</th><th>attachments</th><th>bytes</th></tr>{mail}</table>\
<h2>Queued faults</h2><pre id=\"faults\">{faults}</pre>\
<h2>Recent requests</h2><table id=\"requests\"><tr><th>verb</th><th>path</th><th>method</th><th>status</th><th>fault</th></tr>{log}</table>\
</body></html>",
        url = html_escape(&shared.url),
        client = crate::DEMO_CLIENT_ID,
    )
}
