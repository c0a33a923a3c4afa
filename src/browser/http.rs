//! HTTP from the page, on `fetch`. One error enum, as in gloo's crates: a response that
//! arrived (any status) is data, not an error; only "no response" is an error here.

use gloo_net::http::{Method, RequestBuilder};

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
            HttpError::Network(why) => write!(f, "the server could not be reached ({why})"),
            HttpError::Build(why) => write!(f, "the request could not be made ({why})"),
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
}

/// Sends one request. `bearer` adds `Authorization: Bearer …`.
pub async fn send(
    method: Method,
    url: &str,
    bearer: Option<&str>,
    body: Body,
) -> Result<Reply, HttpError> {
    let mut builder = RequestBuilder::new(url).method(method);
    if let Some(token) = bearer {
        builder = builder.header("Authorization", &format!("Bearer {token}"));
    }
    let request = match body {
        Body::Empty => builder.build(),
        Body::Text(text, content_type) => builder
            .header("Content-Type", content_type)
            .body(text),
    }
    .map_err(|e| HttpError::Build(e.to_string()))?;
    let response = request
        .send()
        .await
        .map_err(|e| HttpError::Network(e.to_string()))?;
    let headers = response.headers();
    let body = response
        .text()
        .await
        .map_err(|e| HttpError::Network(e.to_string()))?;
    Ok(Reply {
        status: response.status(),
        retry_after: headers.get("retry-after"),
        www_authenticate: headers.get("www-authenticate"),
        body,
    })
}

/// `GET url`, no credentials.
pub async fn get(url: &str) -> Result<Reply, HttpError> {
    send(Method::GET, url, None, Body::Empty).await
}
