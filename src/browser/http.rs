//! HTTP from the page, on `fetch`. One error enum, as in gloo's crates: a response that
//! arrived (any status) is data, not an error; only "no response" is an error here.
//! On gloo-net's `Request` and `Response` (the `http` feature only): the well-kept crate
//! over our own web-sys wrapper, since it costs little. Measured against that wrapper
//! (trunk --release, gzip -9): first load 234,187 -> 236,021 B (+1.8 KB; main wasm +1.6 KB),
//! all lazy chunks -1.5 KB; gloo-net 0.6 was already in the tree through Leptos, so one copy.
//! The request itself is a `web_sys::Request` handed to gloo-net: its `RequestBuilder`
//! rebuilds the URL to merge its `query()` parameters and so adds a trailing `&` to any URL
//! that has a query (`?a=1&`); ours go out byte for byte as written.

use crate::i18n::{k, tf};
use wasm_bindgen::{JsCast, JsValue};

pub use crate::api::Method;

/// A thrown JavaScript value as text: `error.toString()` (e.g. "TypeError: Failed to
/// fetch"), as gloo-net's own errors display.
fn js_text(value: JsValue) -> String {
    match value.dyn_ref::<js_sys::Error>() {
        Some(error) => String::from(error.to_string()),
        None => String::from(js_sys::JsString::from(value)),
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HttpError {
    /// No response: offline, DNS, CORS refusal or a dropped connection.
    Network(String),
    /// The request could not even be built (bad header value, body type).
    Build(String),
}

impl std::fmt::Display for HttpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HttpError::Network(why) => f.write_str(&tf(k::APP_NET_UNREACHABLE, &[("why", why)])),
            HttpError::Build(why) => f.write_str(&tf(k::APP_NET_UNBUILDABLE, &[("why", why)])),
        }
    }
}

/// A response as the rest of the app needs it: status, the headers that steer retries
/// and re-authentication, and the body text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub retry_after: Option<String>,
    pub www_authenticate: Option<String>,
    pub body: String,
}

impl Reply {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// A request body.
pub enum Body {
    Empty,
    /// Text with its content type (`application/json`, form encoding).
    Text(String, &'static str),
    /// A Blob with its content type (a message's JSON, written piece by piece).
    Blob(web_sys::Blob, &'static str),
}

impl Body {
    /// The content type and the value `fetch` sends; `None` for no body.
    fn into_parts(self) -> Option<(&'static str, JsValue)> {
        match self {
            Body::Empty => None,
            Body::Text(text, content_type) => Some((content_type, text.into())),
            Body::Blob(blob, content_type) => Some((content_type, blob.into())),
        }
    }
}

/// Sends one request. `bearer` adds `Authorization: Bearer …`.
pub async fn send(
    method: Method,
    url: &str,
    bearer: Option<&str>,
    body: Body,
) -> Result<Reply, HttpError> {
    send_with_headers(method, url, bearer, &[], body).await
}

/// [`send`] with more request headers (`If-Match` for a conditional write).
pub async fn send_with_headers(
    method: Method,
    url: &str,
    bearer: Option<&str>,
    extra: &[(&str, &str)],
    body: Body,
) -> Result<Reply, HttpError> {
    let build = |e: JsValue| HttpError::Build(js_text(e));
    // The headers go in through web-sys so that a value the browser rejects (a token with a
    // line break) is an `HttpError::Build`: gloo-net's `header()` would `unwrap_throw` it.
    let headers = web_sys::Headers::new().map_err(build)?;
    if let Some(token) = bearer {
        headers
            .set("Authorization", &format!("Bearer {token}"))
            .map_err(build)?;
    }
    for (name, value) in extra {
        headers.set(name, value).map_err(build)?;
    }
    let init = web_sys::RequestInit::new();
    init.set_method(method.as_str());
    if let Some((content_type, content)) = body.into_parts() {
        headers.set("Content-Type", content_type).map_err(build)?;
        init.set_body(&content);
    }
    init.set_headers(&headers);
    let request: gloo_net::http::Request = web_sys::Request::new_with_str_and_init(url, &init)
        .map_err(build)?
        .into();
    let network = |e: gloo_net::Error| HttpError::Network(e.to_string());
    let response = request.send().await.map_err(network)?;
    let body = response.text().await.map_err(network)?;
    let headers = response.headers();
    Ok(Reply {
        status: response.status(),
        retry_after: headers.get("retry-after"),
        www_authenticate: headers.get("www-authenticate"),
        body,
    })
}

/// `GET url`, no credentials.
pub async fn get(url: &str) -> Result<Reply, HttpError> {
    send(Method::Get, url, None, Body::Empty).await
}
