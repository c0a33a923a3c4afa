//! The tab's sign-in state, shared through context: starts sign-ins (popup or same tab),
//! checks and consumes their answers, keeps the session in sessionStorage, renews it, and
//! runs API calls with a token so that a 401 waits for renewal and then retries once.

use std::future::Future;

use crate::browser::http::Method;
use futures_channel::oneshot;
use leptos::prelude::*;
use web_sys::Window;

use crate::auth::callback::{describe_error, parse_callback, Outcome};
use crate::auth::pkce::{challenge_s256, state_from_random, verifier_from_random};
use crate::auth::request::AuthRequest;
use crate::auth::scopes::{Feature, IDENTITY};
use crate::auth::session::{Pending, PendingSet, Session};
use crate::auth::token::{exchange_body, parse_token_reply};
use crate::browser::http::{self, Body, HttpError, Reply};
use crate::browser::popup::{self, Via};
use crate::browser::{page, random, storage, time};
use crate::config::{Config, Flow};
use crate::ui::notices::Notices;

const SESSION_KEY: &str = "satchel.session";
const PENDING_KEY: &str = "satchel.pending";
/// Where boot.js keeps a same-tab redirect's answer; keep in sync with boot.js.
const REDIRECT_RESULT_KEY: &str = "satchel.auth.redirect_result";

/// Why an API call did not produce a response to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallError {
    /// The feature's scope was not granted: offer to ask for it.
    NeedsScope(Feature),
    /// Not signed in, or the user did not renew.
    SignedOut,
    Network(String),
}

impl std::fmt::Display for CallError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CallError::NeedsScope(feature) => {
                write!(f, "Satchel needs your permission to {}.", feature.purpose())
            }
            CallError::SignedOut => write!(f, "You are signed out of Google."),
            CallError::Network(why) => write!(f, "Google could not be reached: {why}."),
        }
    }
}

impl From<HttpError> for CallError {
    fn from(e: HttpError) -> Self {
        CallError::Network(e.to_string())
    }
}

#[derive(Clone, Copy)]
pub struct Auth {
    pub session: RwSignal<Option<Session>>,
    /// Ticks every 15 s, so expiry banners follow the clock.
    pub now_ms: RwSignal<i64>,
    /// A consent window is open and unanswered.
    pub busy: RwSignal<bool>,
    /// The popup was blocked: the scopes to ask for in this tab instead.
    pub blocked: RwSignal<Option<Vec<String>>>,
    /// A call got 401: the session must be renewed before anything else is sent.
    pub needs_renewal: RwSignal<bool>,
    config: StoredValue<Config>,
    client_id: Signal<Option<String>>,
    notices: Notices,
    popup: StoredValue<Option<Window>, LocalStorage>,
    waiters: StoredValue<Vec<oneshot::Sender<bool>>, LocalStorage>,
    /// Answers already consumed (the same answer arrives by postMessage and channel).
    consumed: StoredValue<Vec<String>, LocalStorage>,
    /// The router's navigate, captured where the router is in scope (answers arrive
    /// from browser events, outside it).
    navigate: StoredValue<Navigate, LocalStorage>,
}

/// The router's `navigate`, kept as a plain function of a path.
type Navigate = Box<dyn Fn(&str)>;

pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}

impl Auth {
    /// Creates the service, restores the tab's session, picks up a same-tab redirect's
    /// answer and starts listening for popup answers.
    pub fn provide(
        config: StoredValue<Config>,
        client_id: Signal<Option<String>>,
        notices: Notices,
    ) -> Auth {
        let stored =
            storage::get(storage::Area::Session, SESSION_KEY).and_then(|t| Session::from_json(&t));
        let now = time::now_ms();
        let auth = Auth {
            session: RwSignal::new(stored),
            now_ms: RwSignal::new(now),
            busy: RwSignal::new(false),
            blocked: RwSignal::new(None),
            needs_renewal: RwSignal::new(false),
            config,
            client_id,
            notices,
            popup: StoredValue::new_local(None),
            waiters: StoredValue::new_local(Vec::new()),
            consumed: StoredValue::new_local(Vec::new()),
            navigate: StoredValue::new_local(Box::new({
                let navigate = leptos_router::hooks::use_navigate();
                move |path: &str| navigate(path, Default::default())
            })),
        };
        provide_context(auth);
        popup::listen(move |params, via| auth.on_answer(params, via));
        if let Some(params) = storage::take(storage::Area::Session, REDIRECT_RESULT_KEY) {
            auth.on_answer(params, Via::Redirect);
        }
        set_interval(
            move || auth.now_ms.set(time::now_ms()),
            std::time::Duration::from_secs(15),
        );
        auth
    }

    pub fn is_signed_in(&self) -> bool {
        self.session.with(Option::is_some)
    }

    pub fn email(&self) -> Option<String> {
        self.session
            .with(|s| s.as_ref().and_then(|s| s.email.clone()))
    }

    /// Whether the session may be used for `feature` (signed in and scope granted).
    pub fn allows(&self, feature: Feature) -> bool {
        self.session
            .with(|s| s.as_ref().is_some_and(|s| s.allows(feature)))
    }

    /// The session is over (time or a 401) and needs one click to continue.
    pub fn expired(&self) -> bool {
        let now = self.now_ms.get();
        self.needs_renewal.get()
            || self
                .session
                .with(|s| s.as_ref().is_some_and(|s| s.is_expired(now)))
    }

    pub fn expires_soon(&self) -> bool {
        let now = self.now_ms.get();
        self.session
            .with(|s| s.as_ref().is_some_and(|s| s.expires_soon(now)))
    }

    /// Signs in (or renews) asking for identity plus `features`' scopes, keeping every
    /// scope already granted. Call it straight from a click handler: the popup opens
    /// synchronously.
    pub fn sign_in(&self, features: &[Feature]) {
        let mut scopes: Vec<String> = IDENTITY.iter().map(|s| s.to_string()).collect();
        for feature in features {
            scopes.extend(feature.scopes().iter().map(|s| s.to_string()));
        }
        self.start(scopes, false);
    }

    /// Renews the session with the scopes it already has.
    pub fn renew(&self) {
        let mut scopes: Vec<String> = IDENTITY.iter().map(|s| s.to_string()).collect();
        if let Some(session) = self.session.get_untracked() {
            scopes.extend(session.scope.split_whitespace().map(str::to_string));
        }
        scopes.sort_unstable();
        scopes.dedup();
        self.start(scopes, false);
    }

    /// The popup was blocked: the same request in this tab. The page leaves and comes
    /// back to the same view; unsent work is kept in sessionStorage by the views.
    pub fn sign_in_same_tab(&self) {
        if let Some(scopes) = self.blocked.get_untracked() {
            self.start(scopes, true);
        }
    }

    fn start(&self, scopes: Vec<String>, same_tab: bool) {
        let Some(client_id) = self.client_id.get_untracked() else {
            self.notices
                .error("Add a Google client ID in Settings before signing in.");
            return;
        };
        let (Some(state_bytes), Some(verifier_bytes)) =
            (random::bytes::<16>(), random::bytes::<32>())
        else {
            self.notices
                .error("This browser cannot make secure random numbers, so sign-in cannot start.");
            return;
        };
        let config = self.config.get_value();
        let state = state_from_random(&state_bytes, same_tab);
        let verifier = (config.flow == Flow::Pkce).then(|| verifier_from_random(&verifier_bytes));
        let challenge = verifier.as_deref().map(challenge_s256);
        let redirect_uri = page::base_url();
        let scope_refs: Vec<&str> = scopes.iter().map(String::as_str).collect();
        let email = self.email();
        let url = AuthRequest {
            auth_uri: &config.auth_uri,
            client_id: &client_id,
            redirect_uri: &redirect_uri,
            flow: config.flow,
            scopes: &scope_refs,
            state: &state,
            code_challenge: challenge.as_deref(),
            login_hint: email.as_deref(),
        }
        .url();
        let now = time::now_ms();
        let return_to = same_tab.then(current_route);
        let mut pending = load_pending();
        pending.add(
            Pending {
                state,
                verifier,
                scopes: scopes.clone(),
                created_ms: now,
                return_to,
            },
            now,
        );
        storage::set(storage::Area::Session, PENDING_KEY, &pending.to_json());

        if same_tab {
            self.blocked.set(None);
            if !popup::redirect(&url) {
                self.notices.error("Could not open Google's sign-in page.");
            }
            return;
        }
        match popup::open(&url) {
            Some(window) => {
                self.blocked.set(None);
                self.popup.set_value(Some(window));
                self.busy.set(true);
                self.watch_popup();
            }
            None => self.blocked.set(Some(scopes)),
        }
    }

    /// Notices when the user closes the popup without answering, so nothing hangs.
    fn watch_popup(&self) {
        let auth = *self;
        leptos::task::spawn_local(async move {
            loop {
                time::sleep(400).await;
                if !auth.busy.get_untracked() {
                    return;
                }
                let closed = auth
                    .popup
                    .with_value(|p| p.as_ref().is_none_or(popup::is_closed));
                if closed {
                    // Give an answer already on its way a moment to arrive.
                    time::sleep(800).await;
                    if auth.busy.get_untracked() {
                        auth.busy.set(false);
                        auth.notices.error(
                            "The sign-in window was closed before Google answered. Sign in again when you are ready.",
                        );
                        auth.release_waiters(false);
                    }
                    return;
                }
            }
        });
    }

    /// An answer from the popup, the channel or a same-tab redirect.
    fn on_answer(&self, params: String, via: Via) {
        match &via {
            Via::Window { origin, source } => {
                // Only our own origin, and only the window we opened.
                if *origin != page::origin() {
                    log_ignored("a sign-in message from another origin");
                    return;
                }
                let from_popup = match (source, self.popup.get_value()) {
                    (Some(source), Some(popup)) => popup::is_same_window(source, &popup),
                    _ => false,
                };
                if !from_popup {
                    log_ignored("a sign-in message from a window Satchel did not open");
                    return;
                }
            }
            Via::Channel | Via::Redirect => {}
        }
        if self.consumed.with_value(|c| c.contains(&params)) {
            return; // the same answer by its second path
        }
        let callback = match parse_callback(&params) {
            Ok(callback) => callback,
            Err(_) => {
                self.notices
                    .error("Ignored a sign-in answer that could not be read.");
                return;
            }
        };
        let now = time::now_ms();
        let mut pending_set = load_pending();
        let pending = pending_set.take(&callback.state, now);
        storage::set(storage::Area::Session, PENDING_KEY, &pending_set.to_json());
        let Some(pending) = pending else {
            self.notices.error("Ignored a sign-in answer this tab did not ask for (unknown or already used state).");
            return;
        };
        self.consumed.update_value(|c| {
            c.push(params);
            if c.len() > 8 {
                c.remove(0);
            }
        });
        self.busy.set(false);
        if let Some(window) = self.popup.get_value() {
            popup::close(&window);
        }
        if let Some(route) = &pending.return_to {
            // Only a path inside the app: never an absolute or protocol-relative URL.
            if route.starts_with('/') && !route.starts_with("//") {
                let target = format!("{}{}", page::router_base(), route);
                self.navigate.with_value(|navigate| navigate(&target));
            }
        }
        match callback.outcome {
            Outcome::Error { error, description } => {
                self.notices
                    .error(describe_error(&error, description.as_deref()));
                self.release_waiters(false);
            }
            Outcome::Token {
                access_token,
                expires_in,
                scope,
            } => {
                let session = Session::new(
                    access_token,
                    expires_in,
                    scope.as_deref(),
                    &pending.scopes,
                    now,
                );
                self.accept(session, &pending.scopes);
            }
            Outcome::Code { code } => {
                let auth = *self;
                leptos::task::spawn_local(async move { auth.exchange(code, pending).await });
            }
        }
    }

    async fn exchange(&self, code: String, pending: Pending) {
        let Some(verifier) = pending.verifier.as_deref() else {
            self.notices
                .error("Ignored an authorization code: this tab did not start a code sign-in.");
            return;
        };
        let config = self.config.get_value();
        let client_id = self.client_id.get_untracked().unwrap_or_default();
        let body = exchange_body(&code, verifier, &page::base_url(), &client_id);
        let reply = http::send(
            Method::POST,
            &config.token_uri,
            None,
            Body::Text(body, "application/x-www-form-urlencoded"),
        )
        .await;
        match reply
            .map_err(|e| e.to_string())
            .and_then(|r| parse_token_reply(r.status, &r.body))
        {
            Ok(token) => {
                let session = Session::new(
                    token.access_token,
                    token.expires_in,
                    token.scope.as_deref(),
                    &pending.scopes,
                    time::now_ms(),
                );
                self.accept(session, &pending.scopes);
            }
            Err(message) => {
                self.notices.error(message);
                self.release_waiters(false);
            }
        }
    }

    /// Stores a new session, reports scopes that were not granted and wakes waiting calls.
    fn accept(&self, mut session: Session, requested: &[String]) {
        let previous_email = self.email();
        session.email = previous_email.clone();
        let granted = session.scopes();
        let refused: Vec<&String> = requested.iter().filter(|s| !granted.contains(s)).collect();
        if !refused.is_empty() {
            self.notices.error(format!(
                "Google did not grant every permission Satchel asked for; the features that need {} will ask again.",
                refused.iter().map(|s| short_scope(s)).collect::<Vec<_>>().join(", ")
            ));
        }
        storage::set(storage::Area::Session, SESSION_KEY, &session.to_json());
        self.session.set(Some(session));
        self.needs_renewal.set(false);
        self.now_ms.set(time::now_ms());
        self.release_waiters(true);
        if previous_email.is_none() {
            let auth = *self;
            leptos::task::spawn_local(async move { auth.load_email().await });
        }
    }

    async fn load_email(&self) {
        let url = self.config.with_value(|c| c.userinfo_uri.clone());
        let Some(token) = self
            .session
            .with_untracked(|s| s.as_ref().map(|s| s.access_token.clone()))
        else {
            return;
        };
        let Ok(reply) = http::send(Method::GET, &url, Some(&token), Body::Empty).await else {
            return;
        };
        if !reply.is_success() {
            return;
        }
        let email = serde_json::from_str::<serde_json::Value>(&reply.body)
            .ok()
            .and_then(|v| v.get("email").and_then(|e| e.as_str()).map(str::to_string));
        if let Some(email) = email {
            self.session.update(|s| {
                if let Some(s) = s {
                    s.email = Some(email);
                    storage::set(storage::Area::Session, SESSION_KEY, &s.to_json());
                }
            });
        }
    }

    fn release_waiters(&self, renewed: bool) {
        let waiters = self
            .waiters
            .try_update_value(std::mem::take)
            .unwrap_or_default();
        for waiter in waiters {
            let _ = waiter.send(renewed);
        }
    }

    /// Waits until the user renews the session (true) or gives up (false).
    async fn wait_for_renewal(&self) -> bool {
        let (sender, receiver) = oneshot::channel();
        self.waiters.update_value(|w| w.push(sender));
        receiver.await.unwrap_or(false)
    }

    /// Signs out: revokes the token at Google, forgets the session and pending requests.
    pub fn sign_out(&self) {
        let token = self
            .session
            .with_untracked(|s| s.as_ref().map(|s| s.access_token.clone()));
        storage::remove(storage::Area::Session, SESSION_KEY);
        storage::remove(storage::Area::Session, PENDING_KEY);
        self.session.set(None);
        self.needs_renewal.set(false);
        self.release_waiters(false);
        if let Some(token) = token {
            let url = self.config.with_value(|c| c.revoke_uri.clone());
            let notices = self.notices;
            leptos::task::spawn_local(async move {
                let body = crate::url::encode_pairs([("token", token.as_str())]);
                let reply = http::send(
                    Method::POST,
                    &url,
                    None,
                    Body::Text(body, "application/x-www-form-urlencoded"),
                )
                .await;
                match reply {
                    Ok(r) if r.is_success() => notices.info("Signed out. Satchel's access to your Google account was revoked."),
                    _ => notices.info("Signed out. Google could not confirm the revocation; it ends by itself within the hour."),
                }
            });
        }
    }

    /// Runs `call` with a valid token for `feature`. A 401 marks the session for renewal,
    /// waits for the user's one click, then runs the call once more; a missing scope is
    /// reported, never retried blindly.
    pub async fn call<F, Fut>(&self, feature: Feature, call: F) -> Result<Reply, CallError>
    where
        F: Fn(String) -> Fut,
        Fut: Future<Output = Result<Reply, HttpError>>,
    {
        let mut renewals = 0;
        loop {
            let now = time::now_ms();
            let session = self.session.get_untracked().ok_or(CallError::SignedOut)?;
            if !session.allows(feature) {
                return Err(CallError::NeedsScope(feature));
            }
            let expired = self.needs_renewal.get_untracked() || session.is_expired(now);
            if expired {
                if renewals >= 2 {
                    return Err(CallError::SignedOut);
                }
                renewals += 1;
                self.needs_renewal.set(true);
                if !self.wait_for_renewal().await {
                    return Err(CallError::SignedOut);
                }
                continue;
            }
            let reply = call(session.access_token.clone()).await?;
            if reply.status == 401 {
                self.needs_renewal.set(true);
                continue; // the loop waits for renewal, then sends once more
            }
            if reply.status == 403
                && reply
                    .www_authenticate
                    .as_deref()
                    .is_some_and(|h| h.contains("insufficient_scope"))
            {
                return Err(CallError::NeedsScope(feature));
            }
            return Ok(reply);
        }
    }
}

fn load_pending() -> PendingSet {
    storage::get(storage::Area::Session, PENDING_KEY)
        .map(|t| PendingSet::from_json(&t))
        .unwrap_or_default()
}

/// The current route relative to the app's base, e.g. `/calendar`.
fn current_route() -> String {
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    let base = page::router_base();
    path.strip_prefix(&base).unwrap_or(&path).to_string()
}

fn short_scope(scope: &str) -> &str {
    scope.rsplit('/').next().unwrap_or(scope)
}

fn log_ignored(what: &str) {
    web_sys::console::warn_1(&format!("Satchel ignored {what}.").into());
}
