//! Test helpers: start a sandbox, drive the consent page like a browser would, and make
//! API calls.
#![allow(dead_code)]

use std::time::Duration;

use reqwest::header::LOCATION;
use reqwest::{Client, Method, Response};
use satchel_sandbox::{Options, Sandbox, DEMO_CLIENT_ID};
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
        let request = html
            .split("name=\"request\" value=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("consent form has a request id");
        let mut fields = vec![
            ("request", request),
            ("account", account),
            ("decision", if allow { "allow" } else { "deny" }),
        ];
        fields.extend_from_slice(extra);
        let r = self
            .http
            .post(format!("{}/o/oauth2/v2/auth/decision", self.url))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form(&fields))
            .send()
            .await
            .expect("decision");
        assert_eq!(r.status().as_u16(), 302, "decision redirects");
        r.headers()
            .get(LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    }

    /// Token flow for `account` with `scope`; returns the fragment's pairs.
    pub async fn implicit(
        &self,
        account: &str,
        scope: &str,
        extra: &[(&str, &str)],
    ) -> Vec<(String, String)> {
        let mut params = vec![
            ("client_id", DEMO_CLIENT_ID),
            ("redirect_uri", REDIRECT),
            ("response_type", "token"),
            ("scope", scope),
            ("state", "s1"),
        ];
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
        let params = [
            ("client_id", DEMO_CLIENT_ID),
            ("redirect_uri", REDIRECT),
            ("response_type", "code"),
            ("scope", scope),
            ("state", "c1"),
            ("code_challenge", CHALLENGE),
            ("code_challenge_method", "S256"),
        ];
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
        let r = self
            .http
            .post(format!("{}/token", self.url))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form(fields))
            .send()
            .await
            .expect("token endpoint");
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
}

/// Base64url without padding, for `raw`.
pub fn b64url(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}
