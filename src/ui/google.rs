//! Calling Google from the views: a token from the session (renewed after a 401), retries
//! of transient failures with backoff, and one error type to show.

use crate::browser::http::Method;

use crate::api::error::parse_error;
use crate::api::retry::{decide_for, Decision, Policy};
use crate::auth::scopes::Feature;
use crate::browser::http::{self, Body, HttpError, Reply};
use crate::browser::time;
use crate::ui::auth_service::{Auth, CallError};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    Call(CallError),
    /// Google answered with an error (after any retries): a sentence for the user.
    Google {
        status: u16,
        message: String,
    },
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApiError::Call(e) => e.fmt(f),
            ApiError::Google { message, .. } => f.write_str(message),
        }
    }
}

/// A request to send (rebuilt for every attempt, since a body is consumed by sending).
#[derive(Clone)]
pub struct Call {
    pub method: Method,
    pub url: String,
    /// JSON text, sent as `application/json`.
    pub json: Option<String>,
}

impl Call {
    pub fn get(url: String) -> Call {
        Call {
            method: Method::GET,
            url,
            json: None,
        }
    }

    /// The same request as a POST.
    pub fn post(self) -> Call {
        Call {
            method: Method::POST,
            ..self
        }
    }

    pub fn post_json(url: String, json: String) -> Call {
        Call {
            method: Method::POST,
            url,
            json: Some(json),
        }
    }
}

/// Sends `call` for `feature`, retrying transient failures. `on_retry(attempt, wait_ms)`
/// lets the view show "trying again (2 of 4)…". A success is returned with its body.
pub async fn send(
    auth: Auth,
    feature: Feature,
    call: Call,
    on_retry: impl Fn(u32, u64),
) -> Result<Reply, ApiError> {
    send_under(Policy::Transient, auth, feature, call, on_retry).await
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
                    Some(json) => Body::Text(json, "application/json"),
                    None => Body::Empty,
                };
                http::send(request.method, &request.url, Some(&token), body).await
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

/// `send` for a GET whose JSON answer is parsed into `T`.
pub async fn get_json<T: serde::de::DeserializeOwned>(
    auth: Auth,
    feature: Feature,
    url: String,
) -> Result<T, ApiError> {
    let reply = send(auth, feature, Call::get(url), |_, _| {}).await?;
    serde_json::from_str(&reply.body).map_err(|_| ApiError::Google {
        status: reply.status,
        message: "Google sent an answer Satchel cannot read.".into(),
    })
}
