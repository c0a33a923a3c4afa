//! One request, start to end: inspection routes, CORS preflights, route lookup, faults,
//! the handler, the request log, and CORS on whatever comes out.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Method, Request, Response, StatusCode};
use serde_json::json;
use tokio::sync::Notify;

use crate::errors::{html_response, ApiError};
use crate::faults::FaultKind;
use crate::handler::{bearer, Handler, Req, RouteKind};
use crate::routes;
use crate::state::Shared;
use crate::{api, cors, inspect, util};

/// OAuth form posts are small; anything bigger is not a browser talking to Google.
const PAGE_BODY_LIMIT: usize = 1 << 20;

pub async fn handle(shared: Arc<Shared>, req: Request<Body>, kill: Arc<Notify>) -> Response<Body> {
    let origin = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .map(String::from);
    let mut response = route(&shared, req, &kill).await;
    cors::decorate(&shared, origin.as_deref(), &mut response);
    response
}

async fn route(shared: &Shared, req: Request<Body>, kill: &Notify) -> Response<Body> {
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let raw_query = req.uri().query().unwrap_or("").to_string();
    if path == "/_sandbox" || path.starts_with("/_sandbox/") {
        // Control traffic is not logged: the log is for what the app does.
        return inspect::handle(shared, req).await;
    }
    let origin = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .map(String::from);
    let log = |id: Option<&str>, status: Option<u16>, fault: Option<&str>| {
        let mut entry = json!({
            "method": method.as_str(),
            "path": path,
            "query": raw_query,
            "method_id": id,
            "status": status,
            "origin": origin,
        });
        if let Some(fault) = fault {
            entry["fault"] = json!(fault);
        }
        shared.log(entry);
    };

    if method == Method::OPTIONS {
        let requested = req
            .headers()
            .get(header::ACCESS_CONTROL_REQUEST_METHOD)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let id = routes::find(requested, &path).map(|m| m.route.id);
        let response = cors::preflight(shared, origin.as_deref());
        log(id, Some(response.status().as_u16()), None);
        return response;
    }

    let Some(found) = routes::find(method.as_str(), &path) else {
        let response = not_found(&path, !routes::verbs_at(&path).is_empty());
        log(None, Some(response.status().as_u16()), None);
        return response;
    };
    let id = found.route.id;
    let discovery = found.route.kind != RouteKind::OAuth;

    let mut drop_after = false;
    let mut delay_after = None;
    let mut status_after = None;
    let mut fault_name = None;
    if let Some(kind) = shared.take_fault(id, discovery) {
        match kind {
            FaultKind::Status {
                status,
                retry_after,
            } => {
                let response = ApiError::for_status(status, retry_after).into_response();
                log(Some(id), Some(response.status().as_u16()), Some("status"));
                return response;
            }
            FaultKind::Delay { ms } => {
                fault_name = Some("delay");
                tokio::time::sleep(Duration::from_millis(ms)).await;
            }
            FaultKind::DropBefore => {
                log(Some(id), None, Some("drop_before"));
                kill.notify_one();
                return std::future::pending().await;
            }
            FaultKind::StatusAfter {
                status,
                retry_after,
            } => {
                fault_name = Some("status_after");
                status_after = Some((status, retry_after));
            }
            FaultKind::DropAfter => {
                fault_name = Some("drop_after");
                drop_after = true;
            }
            FaultKind::DelayAfter { ms } => {
                fault_name = Some("delay_after");
                delay_after = Some(ms);
            }
            FaultKind::ExpireToken => {
                fault_name = Some("expire_token");
                let query = util::parse_form(raw_query.as_bytes());
                if let Some(token) = bearer(req.headers(), &query) {
                    shared.data().oauth.expire(&token);
                }
            }
        }
    }

    let response = match found.route.handler {
        Handler::Api(f) => api::call(shared, found, req, f).await,
        Handler::Page(f) => {
            let (parts, body) = req.into_parts();
            match axum::body::to_bytes(body, PAGE_BODY_LIMIT).await {
                Ok(body) => {
                    let req = Req {
                        query: util::parse_form(raw_query.as_bytes()),
                        headers: parts.headers,
                        body,
                    };
                    f(shared, &req)
                }
                Err(_) => ApiError::too_large(PAGE_BODY_LIMIT).into_response(),
            }
        }
    };
    let response = match status_after {
        // The handler's work stands (the message is sent); only the answer is an error.
        Some((status, retry_after)) => ApiError::for_status(status, retry_after).into_response(),
        None => response,
    };
    log(Some(id), Some(response.status().as_u16()), fault_name);
    if let Some(ms) = delay_after {
        // Logged and done already: only the answer waits.
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    if drop_after {
        kill.notify_one();
        return std::future::pending().await;
    }
    response
}

/// Google's plain 404 (and 405 for a known path with another verb), outside any API.
fn not_found(path: &str, other_verb: bool) -> Response<Body> {
    let (code, title) = if other_verb {
        (405, "Method Not Allowed")
    } else {
        (404, "Not Found")
    };
    let mut response = html_response(
        code,
        format!(
            "<!DOCTYPE html><html lang=en><meta charset=utf-8><title>Error {code} ({title})!!1</title>\
             <p><b>{code}.</b> <ins>That’s an error.</ins><p>The requested URL <code>{}</code> was not found on this server. <ins>That’s all we know.</ins>",
            util::html_escape(path)
        ),
    );
    *response.status_mut() = StatusCode::from_u16(code).unwrap_or(StatusCode::NOT_FOUND);
    response
}
