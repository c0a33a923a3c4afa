//! HTTP from the page, on `fetch`. One error enum, as in gloo's crates: a response that
//! arrived (any status) is data, not an error; only "no response" is an error here.
//! A thin wrapper over web-sys (gloo-net's builder, `http::Method` and error types cost
//! code size we don't need).

use crate::i18n::{k, tf};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

pub use crate::api::Method;

#[wasm_bindgen]
extern "C" {
    // The global `fetch`, not `window.fetch` through web-sys: one import, no Window lookup.
    #[wasm_bindgen(js_name = "fetch")]
    fn fetch_with_request(request: &web_sys::Request) -> js_sys::Promise;
}

/// A thrown JavaScript value as text: `error.toString()` (e.g. "TypeError: Failed to
/// fetch"), as gloo-net reported it.
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
    let network = |e: JsValue| HttpError::Network(js_text(e));
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
    let (content, content_type) = match body {
        Body::Empty => (None, ""),
        Body::Text(text, content_type) => (Some(JsValue::from_str(&text)), content_type),
        Body::Blob(blob, content_type) => (Some(blob.into()), content_type),
    };
    if let Some(content) = content {
        headers.set("Content-Type", content_type).map_err(build)?;
        init.set_body(&content);
    }
    init.set_headers(&headers);
    let request = web_sys::Request::new_with_str_and_init(url, &init).map_err(build)?;
    let response: web_sys::Response = JsFuture::from(fetch_with_request(&request))
        .await
        .map_err(network)?
        .unchecked_into();
    let text = response.text().map_err(network)?;
    let body = JsFuture::from(text).await.map_err(network)?;
    let headers = response.headers();
    let header = |name: &str| headers.get(name).ok().flatten();
    Ok(Reply {
        status: response.status(),
        retry_after: header("retry-after"),
        www_authenticate: header("www-authenticate"),
        body: body.as_string().unwrap_or_default(),
    })
}

/// `GET url`, no credentials.
pub async fn get(url: &str) -> Result<Reply, HttpError> {
    send(Method::Get, url, None, Body::Empty).await
}
