//! Google's JSON error shape, `{"error":{"code","message","status","errors":[..]}}`, and
//! the helpers that build the errors the sandbox answers with.

use axum::body::Body;
use axum::http::{header, HeaderValue, Response, StatusCode};
use serde_json::{json, Value};

/// Google's realm, sent on every 401 and 403 about credentials.
pub const REALM: &str = "Bearer realm=\"https://accounts.google.com/\"";

#[derive(Debug, Clone)]
pub struct ApiError {
    pub code: u16,
    pub message: String,
    /// The google.rpc status name, e.g. `INVALID_ARGUMENT`.
    pub status: &'static str,
    pub reason: &'static str,
    pub domain: &'static str,
    /// The legacy `errors[].message`; defaults to `message`.
    pub short: Option<String>,
    /// `errors[].location` / `locationType`, as Google sends for credentials and parameters.
    pub location: Option<(String, &'static str)>,
    pub details: Option<Value>,
    pub www_authenticate: Option<String>,
    pub retry_after: Option<u64>,
}

impl ApiError {
    pub fn new(
        code: u16,
        status: &'static str,
        reason: &'static str,
        message: impl Into<String>,
    ) -> ApiError {
        ApiError {
            code,
            message: message.into(),
            status,
            reason,
            domain: "global",
            short: None,
            location: None,
            details: None,
            www_authenticate: None,
            retry_after: None,
        }
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(400, "INVALID_ARGUMENT", "badRequest", message)
    }

    pub fn invalid_argument(message: impl Into<String>) -> ApiError {
        ApiError::new(400, "INVALID_ARGUMENT", "invalidArgument", message)
    }

    pub fn required(message: impl Into<String>) -> ApiError {
        ApiError::new(400, "INVALID_ARGUMENT", "required", message)
    }

    pub fn not_found() -> ApiError {
        ApiError::new(404, "NOT_FOUND", "notFound", "Not Found")
    }

    pub fn forbidden(reason: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::new(403, "PERMISSION_DENIED", reason, message)
    }

    /// Google's answer to a request without any credentials.
    pub fn missing_credentials() -> ApiError {
        let mut e = ApiError::new(
            401,
            "UNAUTHENTICATED",
            "required",
            "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.",
        );
        e.short = Some("Login Required.".into());
        e.location = Some(("Authorization".into(), "header"));
        e.www_authenticate = Some(REALM.to_string());
        e
    }

    /// Google's answer to an expired, revoked or unknown access token.
    pub fn invalid_credentials() -> ApiError {
        let mut e = ApiError::new(
            401,
            "UNAUTHENTICATED",
            "authError",
            "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.",
        );
        e.short = Some("Invalid Credentials".into());
        e.location = Some(("Authorization".into(), "header"));
        e.www_authenticate = Some(format!("{REALM}, error=\"invalid_token\""));
        e
    }

    /// A token that is valid but carries none of the method's scopes.
    pub fn insufficient_scopes(accepted: &[String], service: &str, method_id: &str) -> ApiError {
        let mut e = ApiError::new(
            403,
            "PERMISSION_DENIED",
            "insufficientPermissions",
            "Request had insufficient authentication scopes.",
        );
        e.short = Some("Insufficient Permission".into());
        e.details = Some(json!([{
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            "reason": "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
            "domain": "googleapis.com",
            "metadata": { "service": service, "method": method_id }
        }]));
        e.www_authenticate = Some(format!(
            "{REALM}, error=\"insufficient_scope\", scope=\"{}\"",
            accepted.join(" ")
        ));
        e
    }

    /// The errors a fault of kind `status` produces, worded as Google words them.
    pub fn for_status(code: u16, retry_after: Option<u64>) -> ApiError {
        let mut e = match code {
            429 => ApiError::new(
                429,
                "RESOURCE_EXHAUSTED",
                "rateLimitExceeded",
                "Rate Limit Exceeded",
            ),
            500 => ApiError::new(
                500,
                "INTERNAL",
                "backendError",
                "Internal error encountered.",
            ),
            503 => ApiError::new(
                503,
                "UNAVAILABLE",
                "backendError",
                "The service is currently unavailable.",
            ),
            400 => ApiError::bad_request("Bad Request"),
            401 => ApiError::invalid_credentials(),
            403 => ApiError::forbidden("forbidden", "The caller does not have permission"),
            404 => ApiError::not_found(),
            409 => ApiError::new(409, "ABORTED", "conflict", "The operation was aborted."),
            502 => ApiError::new(502, "UNAVAILABLE", "backendError", "Bad Gateway"),
            504 => ApiError::new(
                504,
                "DEADLINE_EXCEEDED",
                "backendError",
                "Deadline expired before operation could complete.",
            ),
            _ => ApiError::new(code, "UNKNOWN", "backendError", "Unknown error."),
        };
        e.retry_after = retry_after;
        e
    }

    /// The request body or media is larger than the method accepts.
    pub fn too_large(limit: usize) -> ApiError {
        ApiError::new(
            413,
            "INVALID_ARGUMENT",
            "uploadTooLarge",
            format!("Request payload size exceeds the limit: {limit} bytes."),
        )
    }

    pub fn to_json(&self) -> Value {
        let mut item = json!({
            "message": self.short.clone().unwrap_or_else(|| self.message.clone()),
            "domain": self.domain,
            "reason": self.reason,
        });
        if let Some((location, kind)) = &self.location {
            item["location"] = json!(location);
            item["locationType"] = json!(kind);
        }
        let mut error = json!({
            "code": self.code,
            "message": self.message,
            "errors": [item],
            "status": self.status,
        });
        if let Some(details) = &self.details {
            error["details"] = details.clone();
        }
        json!({ "error": error })
    }

    pub fn into_response(self) -> Response<Body> {
        let text = serde_json::to_string_pretty(&self.to_json()).unwrap_or_default();
        let mut response = Response::new(Body::from(text));
        *response.status_mut() =
            StatusCode::from_u16(self.code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=UTF-8"),
        );
        if let Some(value) = self
            .www_authenticate
            .and_then(|v| HeaderValue::from_str(&v).ok())
        {
            headers.insert(header::WWW_AUTHENTICATE, value);
        }
        if let Some(seconds) = self.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

/// A JSON body with a status, for the OAuth endpoints whose errors are flat
/// (`{"error":"invalid_grant","error_description":"..."}`).
pub fn json_response(status: u16, body: &Value) -> Response<Body> {
    let text = serde_json::to_string_pretty(body).unwrap_or_default();
    let mut response = Response::new(Body::from(text));
    *response.status_mut() =
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    response
}

pub fn oauth_error(status: u16, error: &str, description: &str) -> Response<Body> {
    json_response(
        status,
        &json!({ "error": error, "error_description": description }),
    )
}

pub fn html_response(status: u16, html: String) -> Response<Body> {
    let mut response = Response::new(Body::from(html));
    *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    // The consent page must not be framed by the app (clickjacking), as Google's isn't.
    headers.insert("x-frame-options", HeaderValue::from_static("DENY"));
    response
}

pub fn redirect(location: &str) -> Response<Body> {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::FOUND;
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}
