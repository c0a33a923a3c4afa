//! The one path from the views to Google: a token from the session (renewed after a 401,
//! see `Auth::call`), retries of transient failures with backoff, and one error type to
//! show. Reads take [`fetch_json`]; writes whose answer is not needed take [`request`];
//! sends (which must not be repeated blindly, and may need upload progress) take
//! [`send_under`] or [`send_with`].

use crate::api::error::parse_error;
use crate::api::retry::{decide_for, Decision, Policy};
use crate::auth::scopes::Feature;
use crate::browser::http::{self, Body, HttpError, Method, Reply};
use crate::browser::{perf, time};
use crate::i18n::{k, t};
use crate::ui::auth::{Auth, CallError};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    Call(CallError),
    /// Google answered with an error (after any retries): a sentence for the user.
    Google {
        status: u16,
        message: String,
    },
}

impl ApiError {
    /// A failure after which Google may still have acted: a 5xx, or no answer at all.
    /// Writes that must happen once decide what to do next on this.
    pub fn is_ambiguous(&self) -> bool {
        match self {
            ApiError::Call(CallError::Http(HttpError::Network(_))) => true,
            ApiError::Google { status, .. } => (500..=599).contains(status),
            _ => false,
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Google { status, .. } => Some(*status),
            ApiError::Call(_) => None,
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApiError::Call(e) => e.fmt(f),
            ApiError::Google { message, .. } => f.write_str(message),
        }
    }
}

/// A JSON body: text, or a Blob (a message's `raw`, too big to hold twice as text).
#[derive(Clone)]
pub enum Json {
    Text(String),
    Blob(web_sys::Blob),
}

/// A request to send (rebuilt for every attempt, since a body is consumed by sending).
#[derive(Clone)]
pub struct Call {
    pub method: Method,
    pub url: String,
    /// The JSON body, sent as `application/json`.
    pub json: Option<Json>,
    /// `If-Match`: the write applies only to this version (Google answers 412 otherwise).
    pub if_match: Option<String>,
}

impl Call {
    pub fn new(method: Method, url: String, json: Option<String>) -> Call {
        Call {
            method,
            url,
            json: json.map(Json::Text),
            if_match: None,
        }
    }

    pub fn get(url: String) -> Call {
        Call::new(Method::Get, url, None)
    }

    /// The same request as a POST.
    pub fn post(self) -> Call {
        Call {
            method: Method::Post,
            ..self
        }
    }

    pub fn post_json(url: String, json: String) -> Call {
        Call::new(Method::Post, url, Some(json))
    }

    /// `method url` with the JSON body `blob`.
    pub fn json_blob(method: Method, url: String, blob: web_sys::Blob) -> Call {
        Call {
            json: Some(Json::Blob(blob)),
            ..Call::new(method, url, None)
        }
    }

    /// The same request, applied only if the resource still has `etag`.
    pub fn if_match(self, etag: String) -> Call {
        Call {
            if_match: Some(etag),
            ..self
        }
    }
}

/// Sends `call` for `feature`, retrying transient failures; a success comes back with
/// its body. Not generic, so the bundle holds one copy of the retry machinery.
pub async fn request(auth: Auth, feature: Feature, call: Call) -> Result<Reply, ApiError> {
    let no_note: &dyn Fn(u32, u64) = &|_, _| {};
    send_under(Policy::Transient, auth, feature, call, no_note).await
}

/// [`request`], its JSON answer read into `T`.
pub async fn fetch_json<T: serde::de::DeserializeOwned>(
    auth: Auth,
    feature: Feature,
    call: Call,
) -> Result<T, ApiError> {
    let reply = request(auth, feature, call).await?;
    perf::mark("satchel-parse-start");
    let parsed = serde_json::from_str(&reply.body);
    perf::mark("satchel-parse-end");
    parsed.map_err(|_| ApiError::Google {
        status: reply.status,
        message: t(k::APP_UNREADABLE_ANSWER).into(),
    })
}

/// [`send`] with the retry `policy` (sends take [`Policy::UnprocessedOnly`]).
pub async fn send_under(
    policy: Policy,
    auth: Auth,
    feature: Feature,
    call: Call,
    on_retry: impl Fn(u32, u64),
) -> Result<Reply, ApiError> {
    send_with(
        policy,
        auth,
        feature,
        move |token| {
            let request = call.clone();
            async move {
                let body = match request.json {
                    Some(Json::Text(json)) => Body::Text(json, "application/json"),
                    Some(Json::Blob(blob)) => Body::Blob(blob, "application/json"),
                    None => Body::Empty,
                };
                let if_match: Vec<(&str, &str)> = request
                    .if_match
                    .iter()
                    .map(|e| ("If-Match", e.as_str()))
                    .collect();
                http::send_with_headers(request.method, &request.url, Some(&token), &if_match, body)
                    .await
            }
        },
        on_retry,
    )
    .await
}

/// The same policy over any transport (fetch, or XMLHttpRequest for upload progress):
/// `attempt(token)` sends once. Network failures are returned, not retried: whether a
/// request that lost its connection may be repeated is the caller's call (a send may
/// already have been accepted).
pub async fn send_with<F, Fut>(
    policy: Policy,
    auth: Auth,
    feature: Feature,
    attempt_once: F,
    on_retry: impl Fn(u32, u64),
) -> Result<Reply, ApiError>
where
    F: Fn(String) -> Fut,
    Fut: std::future::Future<Output = Result<Reply, HttpError>>,
{
    let mut attempt = 1;
    loop {
        let reply = auth
            .call(feature, &attempt_once)
            .await
            .map_err(ApiError::Call)?;
        if reply.is_success() {
            return Ok(reply);
        }
        let error = parse_error(reply.status, &reply.body);
        match decide_for(
            policy,
            reply.status,
            error.reason.as_deref(),
            reply.retry_after.as_deref(),
            attempt,
            js_sys::Math::random(),
        ) {
            Decision::RetryAfter(wait_ms) => {
                on_retry(attempt + 1, wait_ms);
                time::sleep(i32::try_from(wait_ms).unwrap_or(i32::MAX)).await;
                attempt += 1;
            }
            Decision::GiveUp => {
                return Err(ApiError::Google {
                    status: reply.status,
                    message: error.describe(),
                });
            }
        }
    }
}
