//! End-to-end harness: the release bundle (`dist/`) served on one loopback origin, the
//! sandbox (local Google) on another, and a real headless Chromium driven by chromedriver.
//! Shared by the end-to-end tests and by `cargo xtask bench`.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use satchel_sandbox::{Options, Sandbox, DEMO_CLIENT_ID};
use serde_json::{json, Value};
use tokio::process::{Child, Command};

pub use fantoccini;

pub mod calendar;

/// The workspace root (this crate lives in `tests/`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The release bundle to test: `$SATCHEL_DIST`, or `dist/` in the workspace.
pub fn dist_dir() -> PathBuf {
    let dir = std::env::var_os("SATCHEL_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("dist"));
    assert!(
        dir.join("index.html").is_file(),
        "no built app in {}: run `cargo xtask test`, which builds the release bundle first",
        dir.display()
    );
    dir
}

/// The files of a built site's `pkg-<hash>/` directory (`cargo xtask wasm`): the wasm
/// modules and their JS.
pub fn bundle_files(site: &Path) -> Vec<PathBuf> {
    let entries = |dir: &Path| -> Vec<PathBuf> {
        std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect()
    };
    let pkg = entries(site)
        .into_iter()
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("pkg-"))
        })
        .unwrap_or_else(|| panic!("no pkg-* directory in {}", site.display()));
    entries(&pkg)
}

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
    _site_dir: TempDir,
}

impl Stack {
    pub async fn start(deployment: Deployment) -> Stack {
        Stack::start_with(deployment, |_| {}).await
    }

    /// `start`, with the sandbox's options adjusted (token lifetime, seed…).
    pub async fn start_with(deployment: Deployment, adjust: impl FnOnce(&mut Options)) -> Stack {
        let site_dir = TempDir::new("site");
        // The site server reads files per request, so it can start before they exist:
        // the sandbox needs the app's origin, and the config needs the sandbox's URL.
        let site_addr = satchel_sandbox::site::serve(site_dir.path.clone(), loopback())
            .await
            .expect("start the static site server");
        let app_url = format!("http://{site_addr}/");
        let origin = format!("http://{site_addr}");
        let mut options = Options {
            addr: loopback(),
            app_origins: vec![origin],
            ..Options::default()
        };
        adjust(&mut options);
        let sandbox = Sandbox::start(options).await.expect("start the sandbox");
        let dist = dist_dir();
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
            &dist,
            &site_dir.path,
            config.as_ref().unwrap_or(&json!({})),
            &[sandbox_url],
        )
        .expect("deploy the bundle");
        match deployment {
            Deployment::RawConfig(text) => {
                std::fs::write(site_dir.path.join("config.json"), text).expect("write config")
            }
            Deployment::NoConfig => {
                std::fs::remove_file(site_dir.path.join("config.json")).expect("remove config")
            }
            _ => {}
        }
        Stack {
            app_url,
            sandbox,
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
        &self._site_dir.path
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

/// A directory removed on drop.
pub struct TempDir {
    pub path: PathBuf,
}

impl TempDir {
    /// Writes the file `name` in this directory; returns its path.
    pub fn file(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path.join(name);
        std::fs::write(&path, contents).unwrap_or_else(|e| panic!("write {name}: {e}"));
        path
    }

    pub fn new(tag: &str) -> TempDir {
        use std::sync::atomic::{AtomicU32, Ordering};
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let path = std::env::temp_dir().join(format!(
            "satchel-{tag}-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("create temp dir");
        TempDir { path }
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// Browser options for this machine's Chromium (no sandbox as root, no network chatter).
#[derive(Clone, Debug)]
pub struct BrowserOptions {
    /// `TZ` for the browser process, e.g. "Asia/Tokyo".
    pub time_zone: Option<String>,
    pub width: u32,
    pub height: u32,
}

impl Default for BrowserOptions {
    fn default() -> Self {
        BrowserOptions {
            time_zone: None,
            width: 1200,
            height: 900,
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

/// Sign-in helpers: the consent popup of the sandbox.
impl Browser {
    /// Clicks `button_css`, waits for the consent popup and switches to it. Returns the
    /// main window's handle, to switch back with `back_to`.
    pub async fn open_consent(&self, button_css: &str) -> fantoccini::wd::WindowHandle {
        let main = self.client.window().await.expect("main window");
        // The popup is the window the click opens (other tabs may be open already).
        let before = self.client.windows().await.expect("windows");
        self.click(button_css).await;
        let popup = poll("a sign-in popup", 10, async || {
            let windows = self.client.windows().await.expect("windows");
            windows.into_iter().find(|w| !before.contains(w))
        })
        .await;
        self.client
            .switch_to_window(popup)
            .await
            .expect("switch to popup");
        self.wait_for("#allow").await;
        main
    }

    /// Clicks `button_css`, which asks for a permission, and allows it in the consent popup.
    pub async fn grant(&self, button_css: &str) {
        let main = self.open_consent(button_css).await;
        self.decide("allow", main).await;
    }

    /// With popups blocked (as a blocker does), clicks `button_css` and signs in in this tab.
    pub async fn sign_in_in_this_tab(&self, button_css: &str) {
        self.block_popups().await;
        self.click(button_css).await;
        self.click_text("Sign in in this tab").await;
        self.click("#allow").await;
        self.wait_for("[data-testid=account-email]").await;
    }

    /// What a popup blocker does.
    pub async fn block_popups(&self) {
        self.eval("window.open = () => null; return true").await;
    }

    /// Clicks `#allow` or `#deny` in the consent popup and switches back to `main`.
    pub async fn decide(&self, decision: &str, main: fantoccini::wd::WindowHandle) {
        // The popup, named before the click closes it (other tabs may be open as well).
        let popup = self.client.window().await.ok().filter(|w| *w != main);
        self.click(&format!("#{decision}")).await;
        self.back_to_from(main, popup).await;
    }

    pub async fn back_to(&self, main: fantoccini::wd::WindowHandle) {
        let popup = self.client.window().await.ok().filter(|w| *w != main);
        self.back_to_from(main, popup).await;
    }

    /// Waits until `popup` has closed itself (it does once it has handed over the answer),
    /// up to 10 s, then switches to `main`. Without a known popup: until one window is left.
    async fn back_to_from(
        &self,
        main: fantoccini::wd::WindowHandle,
        popup: Option<fantoccini::wd::WindowHandle>,
    ) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            let windows = self.client.windows().await.unwrap_or_default();
            let open = match &popup {
                Some(p) => windows.contains(p),
                None => windows.len() > 1,
            };
            if !open {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        self.client
            .switch_to_window(main)
            .await
            .expect("back to the app");
    }

    /// The full token-flow sign-in from the header button, allowing everything.
    pub async fn sign_in(&self) {
        let main = self.open_consent("#sign-in").await;
        self.decide("allow", main).await;
        self.wait_for("[data-testid=account-email]").await;
    }

    /// The access token of the tab's session ("" when signed out).
    pub async fn access_token(&self) -> String {
        self.session().await["access_token"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// The tab's stored session (sessionStorage), as JSON.
    pub async fn session(&self) -> Value {
        let text = self
            .eval("return sessionStorage.getItem('satchel.session')")
            .await;
        text.as_str()
            .and_then(|t| serde_json::from_str(t).ok())
            .unwrap_or(Value::Null)
    }
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

/// Form helpers.
impl Browser {
    /// Clears the field `css` and types `text` into it.
    pub async fn type_into(&self, css: &str, text: &str) {
        let field = self.wait_for(css).await;
        field.clear().await.expect("clear");
        field.send_keys(text).await.expect("type");
    }

    /// Types `text` into the field `css`, after what it holds.
    pub async fn send_keys(&self, css: &str, text: &str) {
        let field = self.wait_for(css).await;
        field
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("type into {css}: {e}"));
    }

    /// Attaches these files in Compose, at once.
    pub async fn attach(&self, files: &[&Path]) {
        let paths: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
        self.send_keys("#compose-files", &paths.join("\n")).await;
    }

    /// Fills Compose's To, Subject and body.
    pub async fn compose(&self, to: &str, subject: &str, body: &str) {
        self.type_into("#compose-to", to).await;
        self.type_into("#compose-subject", subject).await;
        self.type_into("#compose-body", body).await;
    }

    /// Clicks the element `css`, waiting up to 10 s for it. It is scrolled to the middle
    /// first: WebDriver scrolls it to the top, under the agenda's sticky day headings.
    pub async fn click(&self, css: &str) {
        let element = self.wait_for(css).await;
        self.center(&element).await;
        element
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    async fn center(&self, element: &fantoccini::elements::Element) {
        let arg = serde_json::to_value(element).unwrap_or(Value::Null);
        let _ = self
            .client
            .execute("arguments[0].scrollIntoView({block: 'center'})", vec![arg])
            .await;
    }

    /// Clicks the link whose text is `text`.
    pub async fn click_link(&self, text: &str) {
        self.client
            .find(Locator::LinkText(text))
            .await
            .unwrap_or_else(|e| panic!("no link {text:?}: {e}"))
            .click()
            .await
            .expect("click");
    }

    /// Clicks the button whose text is `text`, waiting up to 10 s for it.
    pub async fn click_text(&self, text: &str) {
        let button = self
            .client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::XPath(&format!(
                "//button[normalize-space()='{text}']"
            )))
            .await
            .unwrap_or_else(|e| panic!("no button {text:?}: {e}"));
        self.center(&button).await;
        button.click().await.expect("click");
    }

    /// The value of the form field with this id.
    pub async fn value_of(&self, id: &str) -> String {
        self.eval_str(&format!("return document.getElementById('{id}').value"))
            .await
    }
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

/// What a `poll` check gives: done (`true`, `Some(value)`, `Ok(value)`), or not yet, where
/// `Err` says what it saw (for the message when time runs out).
pub trait Check {
    type Done;
    fn done(self) -> Result<Self::Done, String>;
}

impl Check for bool {
    type Done = ();
    fn done(self) -> Result<(), String> {
        self.then_some(()).ok_or_else(String::new)
    }
}

impl<T> Check for Option<T> {
    type Done = T;
    fn done(self) -> Result<T, String> {
        self.ok_or_else(String::new)
    }
}

impl<T, E: std::fmt::Display> Check for Result<T, E> {
    type Done = T;
    fn done(self) -> Result<T, String> {
        self.map_err(|e| e.to_string())
    }
}

/// `Ok` when `got` is `want`; else what it is (a `poll` check).
pub fn is<T: PartialEq + std::fmt::Debug>(got: T, want: T) -> Result<(), String> {
    match got == want {
        true => Ok(()),
        false => Err(format!("it is {got:?}, not {want:?}")),
    }
}

/// Runs `check` every 50 ms until it is done, up to `seconds`, and returns what it gave;
/// panics naming `what` (and what `check` saw last) when time runs out.
pub async fn poll<C: Check>(
    what: &str,
    seconds: u64,
    mut check: impl std::ops::AsyncFnMut() -> C,
) -> C::Done {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    loop {
        let last = match check().await.done() {
            Ok(done) => return done,
            Err(last) => last,
        };
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}{}{last}",
            if last.is_empty() { "" } else { ": " }
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Deterministic bytes that do not compress or look like text (attachments in tests and
/// benchmarks).
pub fn noise(len: usize) -> Vec<u8> {
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

/// The sha256 of a file, as `sha256sum` prints it (the sandbox's outbox uses the same form).
pub fn sha256_file(path: &Path) -> String {
    let out = std::process::Command::new("sha256sum")
        .arg(path)
        .output()
        .expect("run sha256sum");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string()
}

/// Asserts that the sandbox received the file at `path` among `attachments` (as its outbox
/// lists them), with its name, size and sha256.
pub fn assert_attached(attachments: &[Value], path: &Path) {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let file = attachments
        .iter()
        .find(|f| f["filename"] == name)
        .unwrap_or_else(|| panic!("{name} missing: {attachments:?}"));
    let size = std::fs::metadata(path).expect("stat").len();
    assert_eq!(file["size"], size, "{name}");
    assert_eq!(file["sha256"], sha256_file(path).as_str(), "{name}");
}

/// The attachments of a message in the sandbox's outbox.
pub fn attachments(sent: &Value) -> Vec<Value> {
    sent["attachments"].as_array().cloned().unwrap_or_default()
}

/// Compose, signed in, with the sending choices Settings offers set first: `send_only`
/// (grant `gmail.send` alone, so Save draft asks for the drafts permission) and the Undo
/// wait in seconds (0: none).
pub async fn compose_signed_in(
    options: BrowserOptions,
    send_only: bool,
    undo_seconds: u32,
) -> (Stack, Browser) {
    let (stack, browser) =
        Stack::opened(Deployment::Sandbox { flow: "token" }, "mail", options).await;
    browser.set_send_choices(send_only, undo_seconds).await;
    browser.sign_in().await;
    browser.wait_for("#compose-to").await;
    (stack, browser)
}

impl Browser {
    /// Settings' sending choices, in this origin's storage: send-only and the Undo wait.
    pub async fn set_send_choices(&self, send_only: bool, undo_seconds: u32) {
        self.eval(&format!(
            "localStorage.setItem('satchel.undo_send_seconds', '{undo_seconds}'); \
             if ({send_only}) localStorage.setItem('satchel.send_only', '1'); return true"
        ))
        .await;
    }

    /// The Inbox from Mail, signed in: its read permission asked and allowed.
    pub async fn open_inbox(&self) {
        self.click("nav.subnav a[href='/mail/inbox']").await;
        self.grant(".permission button").await;
    }

    /// Calendar's first quick add: it asks for `calendar.events`, which is allowed; waits
    /// until the event called `title` is added.
    pub async fn first_quick_add(&self, text: &str, title: &str) {
        self.send_keys("#quick-add-text", text).await;
        self.grant("form.quick-add button[type=submit]").await;
        self.wait_for_text(&format!("Added “{title}”")).await;
    }
}

/// Compose signed in (no Undo wait), then the Inbox with its read permission granted.
pub async fn inbox_signed_in() -> (Stack, Browser) {
    let (stack, browser) = compose_signed_in(BrowserOptions::default(), false, 0).await;
    browser.open_inbox().await;
    browser.wait_for_text("Plans for the weekend").await;
    (stack, browser)
}
