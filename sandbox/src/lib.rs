//! Satchel's sandbox: a local stand-in for Google's OAuth server and the Gmail and Calendar
//! APIs, strict enough that passing against it means working against Google.
//!
//! Everything is served on one origin. The paths are exactly Google's (`rootUrl` +
//! `servicePath` + `path` of the Discovery documents in `discovery/`), with the root replaced
//! by the sandbox's URL, so the app's configuration differs from production only in the root.

// Errors are built once per failed request; boxing them would buy nothing.
#![allow(clippy::result_large_err)]

pub mod pwa;
pub mod site;

pub mod discovery;
pub mod routes;

mod api;
mod calendar;
mod cors;
mod dispatch;
mod errors;
mod faults;
mod fields;
mod gmail;
mod handler;
mod inspect;
mod oauth;
mod seed;
mod server;
mod state;
mod util;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

pub use faults::{Fault, FaultKind};
pub use oauth::Coop;

/// The one registered OAuth client: a public (browser) client, so no secret.
pub const DEMO_CLIENT_ID: &str = "satchel-demo.apps.sandbox.test";

/// A seeded Google account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Account {
    pub email: &'static str,
    pub name: &'static str,
    /// The stable OpenID subject (Google's numeric user id).
    pub sub: &'static str,
}

/// The seeded accounts; the first is the default choice on the consent page.
pub const ACCOUNTS: [Account; 2] = [
    Account {
        email: "ada@satchel.test",
        name: "Ada Lovelace",
        sub: "108512837465012345671",
    },
    Account {
        email: "grace@satchel.test",
        name: "Grace Hopper",
        sub: "108512837465012345672",
    },
];

/// How to run a sandbox.
#[derive(Clone, Debug)]
pub struct Options {
    /// Where to listen; port 0 picks a free one.
    pub addr: SocketAddr,
    /// Seeds the generated mail and calendar data (same seed, same data, dated relative to now).
    pub seed: u64,
    /// Lifetime of issued access tokens.
    pub token_ttl: Duration,
    /// Origins allowed by CORS; each also registers the redirect URI `{origin}/`.
    pub app_origins: Vec<String>,
    /// Further exact redirect URIs registered for [`DEMO_CLIENT_ID`].
    pub redirect_uris: Vec<String>,
    /// The sign-in pages' Cross-Origin-Opener-Policy (report-only by default, as Google).
    pub coop: Coop,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            seed: 42,
            token_ttl: Duration::from_secs(3600),
            app_origins: vec!["http://127.0.0.1:8080".to_string()],
            redirect_uris: Vec::new(),
            coop: Coop::default(),
        }
    }
}

/// A running sandbox. Dropping it stops accepting connections.
pub struct Sandbox {
    shared: Arc<state::Shared>,
    addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl Sandbox {
    /// Binds `opts.addr`, seeds the data and serves on the current tokio runtime.
    pub async fn start(opts: Options) -> std::io::Result<Sandbox> {
        let listener = tokio::net::TcpListener::bind(opts.addr).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(state::Shared::new(opts, format!("http://{addr}")));
        let task = tokio::spawn(server::serve(listener, shared.clone()));
        Ok(Sandbox { shared, addr, task })
    }

    /// The sandbox's origin, e.g. `http://127.0.0.1:8787` (no trailing slash).
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Queues a fault, exactly like `POST /_sandbox/faults`.
    pub fn inject(&self, fault: Fault) {
        self.shared.inject(fault);
    }

    /// Keeps new connections alive (`true`), as real hosts do, or gives each request its
    /// own connection (`false`, the default), exactly like `POST /_sandbox/keep_alive`.
    pub fn set_keep_alive(&self, on: bool) {
        self.shared.set_keep_alive(on);
    }

    /// Makes every live access token expired now (they answer 401 from then on).
    pub fn expire_all_tokens(&self) {
        self.shared.expire_all_tokens();
    }

    /// Mail arriving for the first account (Ada): `raw` lands in her Inbox, unread, and
    /// threads by its References as received mail does. Its Gmail id, or `None` when the
    /// bytes are no message. (For benchmarks and tests that need a particular message.)
    pub fn receive(&self, raw: Vec<u8>) -> Option<String> {
        let mut data = self.shared.data();
        let now = util::now_ms();
        let id = gmail::store::new_message_id(&mut data.rng, now);
        data.mail[0]
            .insert(
                id.clone(),
                None,
                raw,
                vec!["INBOX".into(), "UNREAD".into()],
                now,
            )
            .map(|m| m.id.clone())
    }

    /// The sent mail, the same JSON as `GET /_sandbox/outbox`.
    pub fn outbox(&self) -> serde_json::Value {
        self.shared.outbox()
    }

    /// Every request received, the same JSON as `GET /_sandbox/requests`.
    pub fn requests(&self) -> serde_json::Value {
        self.shared.requests()
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.task.abort();
    }
}
