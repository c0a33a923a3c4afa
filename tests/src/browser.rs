//! The browser: a headless Chromium with its own chromedriver, its waits, scripts and
//! chromedriver's own commands (network emulation, DevTools).

use std::process::Stdio;
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use tokio::process::{Child, Command};

use crate::{poll, TempDir};

/// Browser options for this machine's Chromium (no sandbox as root, no network chatter).
#[derive(Clone, Debug)]
pub struct BrowserOptions {
    /// `TZ` for the browser process, e.g. "Asia/Tokyo".
    pub time_zone: Option<String>,
    pub width: u32,
    pub height: u32,
    /// The browser's languages, most wanted first (`navigator.languages`): "he-IL,en".
    pub languages: Option<String>,
}

impl Default for BrowserOptions {
    fn default() -> Self {
        BrowserOptions {
            time_zone: None,
            width: 1200,
            height: 900,
            languages: None,
        }
    }
}

/// A headless Chromium session with its own chromedriver and a fresh profile.
pub struct Browser {
    pub client: Client,
    driver: Child,
    _profile: TempDir,
}

impl Browser {
    pub async fn start(options: BrowserOptions) -> Browser {
        let port = free_port();
        let mut command = Command::new(chromedriver_path());
        command
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true);
        if let Some(tz) = &options.time_zone {
            command.env("TZ", tz);
        }
        let driver = command
            .spawn()
            .expect("start chromedriver (is chromium-driver installed?)");
        let profile = TempDir::new("chrome-profile");
        // Desktop Chromium will not make a window narrower than ~500 px: phones are emulated.
        let mobile = if options.width < 500 {
            json!({ "deviceMetrics": { "width": options.width, "height": options.height, "pixelRatio": 2.0, "touch": true } })
        } else {
            Value::Null
        };
        let mut capabilities = json!({
            "goog:chromeOptions": {
                "binary": chromium_path(),
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage",
                    format!("--window-size={},{}", options.width, options.height),
                    format!("--user-data-dir={}", profile.path.display()),
                ]
            }
        });
        if !mobile.is_null() {
            capabilities["goog:chromeOptions"]["mobileEmulation"] = mobile;
        }
        if let Some(languages) = &options.languages {
            capabilities["goog:chromeOptions"]["prefs"] =
                json!({ "intl": { "accept_languages": languages } });
            if let Some(args) = capabilities["goog:chromeOptions"]["args"].as_array_mut() {
                args.push(json!(format!("--accept-lang={languages}")));
                args.push(json!(format!(
                    "--lang={}",
                    languages.split(',').next().unwrap_or("en")
                )));
            }
        }
        let capabilities = match capabilities {
            Value::Object(map) => map,
            _ => unreachable!("literal object"),
        };
        let webdriver = format!("http://127.0.0.1:{port}");
        // A loaded CI machine can take well over 20 s to start chromedriver.
        let deadline = Instant::now() + Duration::from_secs(60);
        let client = loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(capabilities.clone())
                .connect(&webdriver)
                .await
            {
                Ok(client) => break client,
                Err(e) if Instant::now() > deadline => panic!("chromedriver did not start: {e}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        };
        let browser = Browser {
            client,
            driver,
            _profile: profile,
        };
        // A stress knob, not used by CI: `SATCHEL_E2E_LATENCY_MS=200 cargo test -p satchel-e2e`
        // delays every response of the page, so a test that only passes because a chunk or a
        // call happens to be fast on this machine fails here instead of on a slower one.
        if let Some(ms) = std::env::var("SATCHEL_E2E_LATENCY_MS")
            .ok()
            .and_then(|v| v.parse().ok())
        {
            browser.emulate_network(ms, 100_000_000).await;
        }
        browser
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill().await;
    }

    /// Waits until `css` matches a displayed element, up to 10 s.
    pub async fn wait_for(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element matches {css:?}: {e}"))
    }

    /// Waits until the page's text contains `needle`, up to 10 s; returns the text.
    pub async fn wait_for_text(&self, needle: &str) -> String {
        poll(&format!("the page to show {needle:?}"), 10, async || {
            let text = self.body_text().await;
            match text.contains(needle) {
                true => Ok(text),
                false => Err(format!("it shows:\n{text}")),
            }
        })
        .await
    }

    pub async fn body_text(&self) -> String {
        match self.client.find(Locator::Css("body")).await {
            Ok(body) => body.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    /// Emulates a slower network for every later request of this browser: `latency_ms`
    /// added to each round trip, download and upload capped at `bytes_per_second`
    /// (chromedriver's `network_conditions`, Chromium's DevTools throttling).
    pub async fn emulate_network(&self, latency_ms: u32, bytes_per_second: u32) {
        let body = json!({
            "network_conditions": {
                "offline": false,
                "latency": latency_ms,
                "download_throughput": bytes_per_second,
                "upload_throughput": bytes_per_second,
            }
        });
        self.command("chromium/network_conditions", body).await;
    }

    /// One DevTools command through chromedriver (`Storage.overrideQuotaForOrigin`…).
    pub async fn cdp(&self, cmd: &str, params: Value) -> Value {
        let body = json!({ "cmd": cmd, "params": params });
        self.command("goog/cdp/execute", body).await
    }

    async fn command(&self, path: &'static str, body: Value) -> Value {
        self.chromium(path, body).await
    }

    /// One of chromedriver's own `POST` commands.
    pub(crate) async fn chromium(&self, path: &'static str, body: Value) -> Value {
        self.client
            .issue_cmd(ChromiumCommand { path, body })
            .await
            .unwrap_or_else(|e| panic!("chromedriver {path}: {e}"))
    }

    /// `eval`, for a script that returns a string ("" when it does not).
    pub async fn eval_str(&self, script: &str) -> String {
        let value = self.eval(script).await;
        value.as_str().unwrap_or_default().to_string()
    }

    /// `eval`, for a script that returns an array (empty when it does not).
    pub async fn eval_list(&self, script: &str) -> Vec<Value> {
        let value = self.eval(script).await;
        value.as_array().cloned().unwrap_or_default()
    }

    /// Asserts that the page has broken no rule of its Content Security Policy (`why` says
    /// what that shows).
    pub async fn assert_csp_kept(&self, why: &str) {
        let violations = self.eval("return window.satchelCspViolations").await;
        assert_eq!(violations, json!([]), "{why}");
    }

    /// Runs a script in the page and returns its JSON result.
    pub async fn eval(&self, script: &str) -> Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }
}

/// One of chromedriver's own commands: `POST /session/{id}/{path}` with a JSON body
/// (`chromium/network_conditions`, `goog/cdp/execute`).
#[derive(Debug)]
pub struct ChromiumCommand {
    pub path: &'static str,
    pub body: Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for ChromiumCommand {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/{}",
            session.unwrap_or_default(),
            self.path
        ))
    }

    fn method_and_body(&self, _url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

pub fn chromium_path() -> String {
    std::env::var("CHROME").unwrap_or_else(|_| "/usr/bin/chromium".into())
}

pub fn chromedriver_path() -> String {
    std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into())
}

impl Browser {
    /// Runs `script` every 50 ms until it returns `true`, up to `seconds`.
    pub async fn wait_until(&self, what: &str, script: &str, seconds: u64) {
        poll(what, seconds, async || {
            self.eval(script).await == Value::Bool(true)
        })
        .await;
    }
}
