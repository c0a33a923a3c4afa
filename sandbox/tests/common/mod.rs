//! Test helpers: start a sandbox, drive the consent page like a browser would, and make
//! API calls.
#![allow(dead_code)]

pub mod calendar;

use std::time::Duration;

use reqwest::header::LOCATION;
use reqwest::{Body, Client, Method, Response};
use satchel_sandbox::{Fault, FaultKind, Options, Sandbox, DEMO_CLIENT_ID};
use serde_json::Value;

pub const APP: &str = "http://127.0.0.1:8080";
pub const REDIRECT: &str = "http://127.0.0.1:8080/";
pub const GMAIL_READ: &str = "https://www.googleapis.com/auth/gmail.readonly";
pub const GMAIL_SEND: &str = "https://www.googleapis.com/auth/gmail.send";
pub const GMAIL_COMPOSE: &str = "https://www.googleapis.com/auth/gmail.compose";
pub const GMAIL_MODIFY: &str = "https://www.googleapis.com/auth/gmail.modify";
pub const CAL: &str = "https://www.googleapis.com/auth/calendar";
pub const CAL_READ: &str = "https://www.googleapis.com/auth/calendar.readonly";
pub const ALL: &str = "openid email profile https://www.googleapis.com/auth/gmail.modify https://www.googleapis.com/auth/gmail.compose https://www.googleapis.com/auth/calendar";

/// RFC 7636 appendix B.
pub const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
pub const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

pub struct T {
    pub sb: Sandbox,
    pub url: String,
    pub http: Client,
}

pub async fn start() -> T {
    start_with(Options::default()).await
}

pub async fn start_with(opts: Options) -> T {
    let sb = Sandbox::start(opts).await.expect("sandbox starts");
    let url = sb.url();
    let http = Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(20))
        .build()
        .expect("client");
    T { sb, url, http }
}

/// Form-urlencodes pairs.
pub fn form(pairs: &[(&str, &str)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    s.finish()
}

/// Parses `a=1&b=2` into pairs.
pub fn pairs(text: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(text.as_bytes())
        .into_owned()
        .collect()
}

pub fn get<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// An authorization request from the demo client to the registered redirect URI:
/// `response_type` for `scope`, with `extra` replacing or adding parameters.
pub fn auth_params<'a>(
    response_type: &'a str,
    scope: &'a str,
    extra: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut params = vec![
        ("client_id", DEMO_CLIENT_ID),
        ("redirect_uri", REDIRECT),
        ("response_type", response_type),
        ("scope", scope),
    ];
    for &(name, value) in extra {
        match params.iter_mut().find(|(k, _)| *k == name) {
            Some(param) => param.1 = value,
            None => params.push((name, value)),
        }
    }
    params
}

/// The consent form's request id, in the page's HTML.
pub fn request_id(html: &str) -> &str {
    html.split("name=\"request\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("consent form has a request id")
}

/// The `Location` of a redirect ("" without one).
pub fn location(r: &Response) -> String {
    r.headers()
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

/// A fault for the next `count` calls of `method`.
pub fn fault(method: &str, count: u32, kind: FaultKind) -> Fault {
    Fault {
        method: method.into(),
        count,
        kind,
    }
}

/// An error status as a fault answers it.
pub fn status(status: u16, retry_after: Option<u64>) -> FaultKind {
    FaultKind::Status {
        status,
        retry_after,
    }
}

pub const SEND: &str = "/gmail/v1/users/me/messages/send";

impl T {
    pub fn auth_url(&self, extra: &[(&str, &str)]) -> String {
        format!("{}/o/oauth2/v2/auth?{}", self.url, form(extra))
    }

    /// Opens the consent page; returns (status, html).
    pub async fn consent_page(&self, params: &[(&str, &str)]) -> (u16, String) {
        let r = self
            .http
            .get(self.auth_url(params))
            .send()
            .await
            .expect("auth page");
        (r.status().as_u16(), r.text().await.unwrap_or_default())
    }

    /// Posts the consent form; returns the Location header of the redirect.
    pub async fn decide(
        &self,
        html: &str,
        account: &str,
        allow: bool,
        extra: &[(&str, &str)],
    ) -> String {
        let r = self.decision(html, account, allow, extra).await;
        assert_eq!(r.status().as_u16(), 302, "decision redirects");
        location(&r)
    }

    /// Posts the consent form of the page `html`; returns the response.
    pub async fn decision(
        &self,
        html: &str,
        account: &str,
        allow: bool,
        extra: &[(&str, &str)],
    ) -> Response {
        let mut fields = vec![
            ("request", request_id(html)),
            ("account", account),
            ("decision", if allow { "allow" } else { "deny" }),
        ];
        fields.extend_from_slice(extra);
        self.form_post("/o/oauth2/v2/auth/decision", &fields).await
    }

    /// Posts form fields to `path` (no credentials).
    pub async fn form_post(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        self.http
            .post(format!("{}{path}", self.url))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form(fields))
            .send()
            .await
            .expect("form post")
    }

    /// Opens the authorization URL with `params` (and the session cookie, if any); returns
    /// the response, unread.
    pub async fn authorize(&self, params: &[(&str, &str)], cookie: Option<&str>) -> Response {
        let mut request = self.http.get(self.auth_url(params));
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        request.send().await.expect("auth page")
    }

    /// Token flow for `account` with `scope`; returns the fragment's pairs.
    pub async fn implicit(
        &self,
        account: &str,
        scope: &str,
        extra: &[(&str, &str)],
    ) -> Vec<(String, String)> {
        let mut params = auth_params("token", scope, &[("state", "s1")]);
        params.extend_from_slice(extra);
        let (status, html) = self.consent_page(&params).await;
        assert_eq!(status, 200, "consent page: {html}");
        let location = self.decide(&html, account, true, &[]).await;
        let fragment = location
            .split_once('#')
            .map(|(_, f)| f)
            .expect("fragment")
            .to_string();
        pairs(&fragment)
    }

    pub async fn token(&self, scope: &str) -> String {
        self.token_for("ada@satchel.test", scope).await
    }

    pub async fn token_for(&self, account: &str, scope: &str) -> String {
        let p = self.implicit(account, scope, &[]).await;
        get(&p, "access_token").expect("access_token").to_string()
    }

    /// Code flow up to the code (with the RFC 7636 challenge).
    pub async fn code(&self, scope: &str) -> String {
        let params = auth_params(
            "code",
            scope,
            &[
                ("state", "c1"),
                ("code_challenge", CHALLENGE),
                ("code_challenge_method", "S256"),
            ],
        );
        let (status, html) = self.consent_page(&params).await;
        assert_eq!(status, 200, "{html}");
        let location = self.decide(&html, "ada@satchel.test", true, &[]).await;
        let query = location
            .split_once('?')
            .map(|(_, q)| q)
            .expect("query")
            .to_string();
        let p = pairs(&query);
        assert_eq!(get(&p, "state"), Some("c1"));
        get(&p, "code").expect("code").to_string()
    }

    pub async fn exchange(&self, fields: &[(&str, &str)]) -> (u16, Value) {
        let r = self.form_post("/token", fields).await;
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: &str,
        body: Option<Value>,
    ) -> (u16, Value) {
        let r = self.raw_call(method, path, token, body).await;
        let status = r.status().as_u16();
        let text = r.text().await.unwrap_or_default();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    pub async fn raw_call(
        &self,
        method: Method,
        path: &str,
        token: &str,
        body: Option<Value>,
    ) -> Response {
        let mut req = self.http.request(method, format!("{}{}", self.url, path));
        if !token.is_empty() {
            req = req.bearer_auth(token);
        }
        if let Some(body) = body {
            req = req.json(&body);
        }
        req.send().await.expect("request")
    }

    pub async fn get_json(&self, path: &str, token: &str) -> (u16, Value) {
        self.call(Method::GET, path, token, None).await
    }

    /// Only the status of `GET path` with `token`.
    pub async fn status_of(&self, path: &str, token: &str) -> u16 {
        self.get_json(path, token).await.0
    }

    pub async fn post(&self, path: &str, token: &str, body: Value) -> (u16, Value) {
        self.call(Method::POST, path, token, Some(body)).await
    }

    /// Sends the RFC 5322 message `raw` as JSON (`messages.send`).
    pub async fn send(&self, token: &str, raw: &[u8]) -> (u16, Value) {
        let body = serde_json::json!({ "raw": b64url(raw) });
        self.post(SEND, token, body).await
    }

    /// A message of the signed-in account: `messages.get` with `query` (`format=raw`…).
    pub async fn message(&self, token: &str, id: &str, query: &str) -> Value {
        let path = format!("/gmail/v1/users/me/messages/{id}?{query}");
        self.get_json(&path, token).await.1
    }

    /// The ids of the messages a `messages.list` query finds.
    pub async fn search(&self, token: &str, query: &str) -> Vec<String> {
        let path = format!("/gmail/v1/users/me/messages?{query}");
        let (_, list) = self.get_json(&path, token).await;
        list["messages"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|m| m["id"].as_str().unwrap().to_string())
            .collect()
    }

    /// An upload (`path` under /upload, with its query) of `body` as `content_type`.
    pub async fn upload(
        &self,
        path: &str,
        token: &str,
        content_type: &str,
        body: impl Into<Body>,
    ) -> Response {
        self.http
            .post(format!("{}/upload{path}", self.url))
            .bearer_auth(token)
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .expect("upload")
    }

    /// `POST /_sandbox/{path}`, with a JSON body if any (the sandbox's own controls).
    pub async fn control(&self, path: &str, body: Option<Value>) -> Response {
        let mut request = self.http.post(format!("{}/_sandbox/{path}", self.url));
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send().await.expect("control endpoint")
    }

    /// `method path` from the web page at `origin` (CORS), with `token` when not empty.
    pub async fn cross_origin(
        &self,
        method: Method,
        path: &str,
        origin: &str,
        token: &str,
    ) -> Response {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.url))
            .header("origin", origin);
        if !token.is_empty() {
            request = request.bearer_auth(token);
        }
        request.send().await.expect("request")
    }
}

/// Base64url without padding, for `raw`.
pub fn b64url(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}
