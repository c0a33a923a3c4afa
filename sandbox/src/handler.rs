//! What every handler sees, and nothing else: the call context (`Ctx`), the reply, the
//! handler signatures and the route types. A leaf module, so handlers depend on it alone
//! and `api` (the front end around a call) and `routes` (the table naming the handlers)
//! can both import it without importing each other or the handlers importing them.

use std::sync::MutexGuard;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, Response};
use serde_json::Value;

use crate::discovery::Method;
use crate::errors::ApiError;
use crate::state::{Data, Shared};
use crate::util;

pub type ApiFn = fn(&mut Ctx<'_>) -> Result<Reply, ApiError>;

pub enum Reply {
    Json(Value),
    /// `204 No Content`, as Google answers deletes.
    Empty,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RouteKind {
    /// A Discovery method at `/` + servicePath + path.
    Api,
    /// A Discovery method's simple-upload path (`mediaUpload.protocols.simple.path`).
    Upload,
    /// Google's OAuth and OpenID endpoints, which no Discovery document describes.
    OAuth,
}

#[derive(Clone, Copy)]
pub(crate) enum Handler {
    Api(ApiFn),
    Page(PageFn),
}

pub struct Route {
    pub verb: &'static str,
    /// With `{param}` placeholders, exactly as in the Discovery document.
    pub path: &'static str,
    /// The Discovery method id, or an `oauth.*` / `openid.*` id for OAuth endpoints.
    pub id: &'static str,
    pub kind: RouteKind,
    pub(crate) handler: Handler,
}

pub struct Ctx<'a> {
    pub shared: &'a Shared,
    pub method: &'static Method,
    pub route: &'static Route,
    /// Index into `ACCOUNTS` of the token's owner (0 for methods that need no token).
    pub account: usize,
    /// The token's scopes (empty for methods that need no token).
    pub scopes: Vec<String>,
    pub params: Vec<(&'static str, String)>,
    pub query: Vec<(String, String)>,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Ctx<'_> {
    pub fn param(&self, name: &str) -> &str {
        self.params
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    pub fn q(&self, name: &str) -> Option<&str> {
        util::form_get(&self.query, name)
    }

    pub fn q_all(&self, name: &str) -> Vec<&str> {
        self.query
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// Booleans were validated up front, so anything but `true` is false.
    pub fn q_bool(&self, name: &str) -> bool {
        self.q(name).is_some_and(|v| v.eq_ignore_ascii_case("true"))
    }

    /// Integers were validated up front.
    pub fn q_int(&self, name: &str) -> Option<i64> {
        self.q(name).and_then(|v| v.parse().ok())
    }

    pub fn is_upload(&self) -> bool {
        self.route.kind == RouteKind::Upload
    }

    pub fn data(&self) -> MutexGuard<'_, Data> {
        self.shared.data()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The JSON body as an object; a missing body counts as `{}`.
    pub fn json_body(&self) -> Result<Value, ApiError> {
        if self.body.iter().all(|b| b.is_ascii_whitespace()) {
            return Ok(Value::Object(Default::default()));
        }
        let value: Value = serde_json::from_slice(&self.body)
            .map_err(|e| ApiError::bad_request(format!("Invalid JSON payload received. {e}")))?;
        if !value.is_object() {
            return Err(ApiError::bad_request(
                "Invalid JSON payload received. Expected an object at the top level.",
            ));
        }
        Ok(value)
    }
}

/// A page-style handler (OAuth endpoints): the whole request in, a response out.
pub type PageFn = fn(&Shared, &Req) -> Response<Body>;

/// A request as the OAuth handlers see it, body already read.
pub struct Req {
    pub query: Vec<(String, String)>,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Req {
    pub fn query(&self, name: &str) -> Option<&str> {
        util::form_get(&self.query, name)
    }
}

/// The access token of a request: `Authorization: Bearer …`, or `access_token=` /
/// `oauth_token=` in the query as Google also accepts.
pub fn bearer(headers: &HeaderMap, query: &[(String, String)]) -> Option<String> {
    if let Some(value) = headers.get(header::AUTHORIZATION) {
        let text = value.to_str().ok()?.trim();
        let (scheme, token) = text.split_once(' ').unwrap_or((text, ""));
        return scheme
            .eq_ignore_ascii_case("bearer")
            .then(|| token.trim().to_string());
    }
    util::form_get(query, "access_token")
        .or_else(|| util::form_get(query, "oauth_token"))
        .map(String::from)
}

/// For handlers that answer JSON with a status.
pub fn json(status: u16, value: &Value) -> Response<Body> {
    crate::errors::json_response(status, value)
}
