//! The stack: the app deployed on one loopback origin and the sandbox on another, how a
//! test opens it in a browser, and plain calls to the sandbox (what it stores and saw).

use std::net::SocketAddr;

use satchel_sandbox::{Options, Sandbox, DEMO_CLIENT_ID};
use serde_json::{json, Value};

use crate::{dist_dir, Browser, BrowserOptions, TempDir};

/// How the app is deployed for one test.
#[derive(Clone, Debug)]
pub enum Deployment {
    /// `config.json` pointing at the sandbox with this flow ("token" or "pkce").
    Sandbox { flow: &'static str },
    /// No client ID anywhere: the setup view.
    NoClientId,
    /// `config.json` with exactly this text (broken JSON, wrong types…).
    RawConfig(String),
    /// No `config.json` at all.
    NoConfig,
}

/// A running app + sandbox pair.
pub struct Stack {
    pub app_url: String,
    pub sandbox: Sandbox,
    /// Where the app's files are: the site's root, or its sub-path directory.
    app_dir: std::path::PathBuf,
    _site_dir: TempDir,
}

impl Stack {
    pub async fn start(deployment: Deployment) -> Stack {
        Stack::start_with(deployment, |_| {}).await
    }

    /// `start`, with the sandbox's options adjusted (token lifetime, seed…).
    pub async fn start_with(deployment: Deployment, adjust: impl FnOnce(&mut Options)) -> Stack {
        Stack::start_in(deployment, adjust, &dist_dir(), "").await
    }

    /// The bundle in `dist` (built with `--public-url /<sub_path>/`) deployed under
    /// `/<sub_path>/` of its origin, as on a host shared with other sites.
    pub async fn start_under(
        deployment: Deployment,
        dist: &std::path::Path,
        sub_path: &str,
    ) -> Stack {
        Stack::start_in(deployment, |_| {}, dist, sub_path).await
    }

    async fn start_in(
        deployment: Deployment,
        adjust: impl FnOnce(&mut Options),
        dist: &std::path::Path,
        sub_path: &str,
    ) -> Stack {
        let site_dir = TempDir::new("site");
        // The site server reads files per request, so it can start before they exist:
        // the sandbox needs the app's origin, and the config needs the sandbox's URL.
        let site_addr = satchel_sandbox::site::serve(site_dir.path.clone(), loopback())
            .await
            .expect("start the static site server");
        let sub_path = sub_path.trim_matches('/');
        let app_url = match sub_path {
            "" => format!("http://{site_addr}/"),
            sub => format!("http://{site_addr}/{sub}/"),
        };
        let app_dir = site_dir.path.join(sub_path);
        let origin = format!("http://{site_addr}");
        let mut options = Options {
            addr: loopback(),
            app_origins: vec![origin],
            ..Options::default()
        };
        adjust(&mut options);
        let sandbox = Sandbox::start(options).await.expect("start the sandbox");
        let sandbox_url = sandbox.url();
        let config = match &deployment {
            Deployment::Sandbox { flow } => Some(sandbox_config(&sandbox_url, flow)),
            Deployment::NoClientId => {
                let mut config = sandbox_config(&sandbox_url, "token");
                config.as_object_mut().map(|c| c.remove("client_id"));
                Some(config)
            }
            Deployment::RawConfig(_) | Deployment::NoConfig => None,
        };
        satchel_sandbox::site::deploy(
            dist,
            &app_dir,
            config.as_ref().unwrap_or(&json!({})),
            &[sandbox_url],
        )
        .expect("deploy the bundle");
        match deployment {
            Deployment::RawConfig(text) => {
                std::fs::write(app_dir.join("config.json"), text).expect("write config")
            }
            Deployment::NoConfig => {
                std::fs::remove_file(app_dir.join("config.json")).expect("remove config")
            }
            _ => {}
        }
        Stack {
            app_url,
            sandbox,
            app_dir,
            _site_dir: site_dir,
        }
    }

    /// The app deployed as `deployment`, open in a new browser on `route` (not signed in).
    pub async fn opened(
        deployment: Deployment,
        route: &str,
        options: BrowserOptions,
    ) -> (Stack, Browser) {
        let stack = Stack::start(deployment).await;
        let browser = stack.open(route, options).await;
        (stack, browser)
    }

    /// The app (token flow) open in a new browser on `route`, signed in allowing everything.
    pub async fn signed_in(route: &str, options: BrowserOptions) -> (Stack, Browser) {
        let stack = Stack::start(Deployment::Sandbox { flow: "token" }).await;
        let browser = stack.sign_in(route, options).await;
        (stack, browser)
    }

    /// A new browser on `route` of this app (not signed in).
    pub async fn open(&self, route: &str, options: BrowserOptions) -> Browser {
        let browser = Browser::start(options).await;
        browser
            .client
            .goto(&self.url(route))
            .await
            .expect("open the app");
        browser
    }

    /// `open`, then the token-flow sign-in from the header button, allowing everything.
    pub async fn sign_in(&self, route: &str, options: BrowserOptions) -> Browser {
        let browser = self.open(route, options).await;
        browser.sign_in().await;
        browser
    }

    /// The directory the app is served from (files are read per request).
    pub fn site_dir(&self) -> &std::path::Path {
        &self.app_dir
    }

    /// The app URL of a route, e.g. `url("calendar")`.
    pub fn url(&self, route: &str) -> String {
        format!("{}{}", self.app_url, route.trim_start_matches('/'))
    }

    /// A plain HTTP/1.0 call to the sandbox (no client crate for a few calls): the status
    /// and the body as JSON (`Null` when it is not JSON).
    pub async fn sandbox_call(
        &self,
        method: &str,
        target: &str,
        bearer: Option<&str>,
        body: Option<Value>,
    ) -> std::io::Result<(u16, Value)> {
        let host = self.sandbox.url().trim_start_matches("http://").to_string();
        let mut head = format!("{method} {target} HTTP/1.0\r\nHost: {host}\r\n");
        if let Some(token) = bearer {
            head.push_str(&format!("Authorization: Bearer {token}\r\n"));
        }
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        if !body.is_empty() {
            head.push_str(&format!(
                "Content-Type: application/json\r\nContent-Length: {}\r\n",
                body.len()
            ));
        }
        let request = format!("{head}\r\n{body}");
        let response = tokio::task::spawn_blocking(move || -> std::io::Result<String> {
            use std::io::{Read, Write};
            let mut stream = std::net::TcpStream::connect(&host)?;
            stream.write_all(request.as_bytes())?;
            let mut response = String::new();
            stream.read_to_string(&mut response)?;
            Ok(response)
        })
        .await
        .map_err(std::io::Error::other)??;
        let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        Ok((status, serde_json::from_str(body).unwrap_or(Value::Null)))
    }

    /// A call to the sandbox's API with `token`: the JSON answer, or what went wrong when
    /// it is not a 2xx.
    pub async fn api(
        &self,
        token: &str,
        method: &str,
        target: &str,
        body: Option<Value>,
    ) -> Result<Value, String> {
        let (status, value) = self
            .sandbox_call(method, target, Some(token), body)
            .await
            .map_err(|e| format!("{method} {target}: {e}"))?;
        if !(200..300).contains(&status) {
            return Err(format!("{method} {target}: {status}\n{value}"));
        }
        Ok(value)
    }

    /// The id of the calendar called `summary` in the account's calendar list.
    pub async fn calendar_id(&self, token: &str, summary: &str) -> Result<String, String> {
        let list = self
            .api(token, "GET", "/calendar/v3/users/me/calendarList", None)
            .await?;
        list["items"]
            .as_array()
            .and_then(|items| items.iter().find(|c| c["summary"] == summary))
            .and_then(|c| c["id"].as_str())
            .map(String::from)
            .ok_or_else(|| format!("no calendar {summary:?} in {list}"))
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters (a calendar ID in a path).
pub fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The `config.json` of an app deployed against the sandbox at `sandbox_url`.
pub fn sandbox_config(sandbox_url: &str, flow: &str) -> Value {
    json!({
        "client_id": DEMO_CLIENT_ID,
        "flow": flow,
        "auth_uri": format!("{sandbox_url}/o/oauth2/v2/auth"),
        "token_uri": format!("{sandbox_url}/token"),
        "revoke_uri": format!("{sandbox_url}/revoke"),
        "userinfo_uri": format!("{sandbox_url}/v1/userinfo"),
        "gmail_root": format!("{sandbox_url}/"),
        "calendar_root": format!("{sandbox_url}/"),
    })
}

fn loopback() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], 0))
}

/// What the sandbox saw and sent, for assertions.
impl Stack {
    /// The sandbox's outbox: every message sent, once per copy.
    pub fn outbox(&self) -> Vec<Value> {
        self.sandbox
            .outbox()
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// Every request the sandbox has seen, preflights included, oldest first.
    pub fn requests(&self) -> Vec<Value> {
        self.sandbox
            .requests()
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// The calls of a Discovery method (`gmail.users.drafts.send`), preflights left out.
    pub fn calls(&self, method_id: &str) -> Vec<Value> {
        self.requests()
            .into_iter()
            .filter(|r| r["method_id"] == method_id && r["method"] != "OPTIONS")
            .collect()
    }

    /// The requests `method path` (`POST /token`), whatever their query.
    pub fn requests_to(&self, method: &str, path: &str) -> Vec<Value> {
        self.requests()
            .into_iter()
            .filter(|r| r["method"] == method && r["path"] == path)
            .collect()
    }
}
