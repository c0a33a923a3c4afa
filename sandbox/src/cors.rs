//! CORS as Google's API front ends do it: the request's Origin is echoed when it is one of
//! the app origins, on every answer (errors included, or the browser would hide them).

use axum::body::Body;
use axum::http::{header, HeaderValue, Response, StatusCode};

use crate::state::Shared;

const ALLOW_HEADERS: &str = "authorization, content-type, x-upload-content-type, x-upload-content-length, \
x-goog-upload-protocol, x-goog-upload-command, x-goog-upload-header-content-length, \
x-goog-upload-header-content-type, x-goog-api-client, x-goog-user-project, x-http-method-override, x-requested-with, if-match, if-none-match";

const EXPOSE_HEADERS: &str =
    "Retry-After, WWW-Authenticate, Content-Length, Content-Type, Date, ETag, Location, Server, Vary, X-Goog-Upload-Status";

const ALLOW_METHODS: &str = "GET, POST, PUT, PATCH, DELETE, OPTIONS";

/// Adds the CORS headers for `origin` to any response.
pub fn decorate(shared: &Shared, origin: Option<&str>, response: &mut Response<Body>) {
    let headers = response.headers_mut();
    headers.append(header::VARY, HeaderValue::from_static("Origin"));
    let Some(origin) = origin.filter(|o| shared.origin_allowed(o)) else {
        return;
    };
    if let Ok(value) = HeaderValue::from_str(origin) {
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, value);
        headers.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static(EXPOSE_HEADERS),
        );
    }
}

/// The answer to an `OPTIONS` preflight (decorated by `decorate` afterwards).
pub fn preflight(shared: &Shared, origin: Option<&str>) -> Response<Body> {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::NO_CONTENT;
    if origin.is_some_and(|o| shared.origin_allowed(o)) {
        let headers = response.headers_mut();
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static(ALLOW_METHODS),
        );
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static(ALLOW_HEADERS),
        );
        headers.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static("3600"),
        );
    }
    response
}
