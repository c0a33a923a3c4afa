//! Starting a sign-in (popup or same tab), waiting for it without trusting
//! `popup.closed`, cancelling it, and taking its answer once.

use crate::i18n::{k, t};
use leptos::prelude::*;

use super::service::{log_ignored, Auth, PENDING_KEY};
use crate::auth::callback::{describe_error, parse_callback, Outcome};
use crate::auth::decide::{route_within, safe_return_route};
use crate::auth::pkce::{challenge_s256, state_from_random, verifier_from_random};
use crate::auth::request::AuthRequest;
use crate::auth::session::{Pending, PendingSet, Session, PENDING_LIFETIME_MS};
use crate::auth::token::{exchange_body, parse_token_reply};
use crate::browser::http::{self, Body, Method};
use crate::browser::popup::{self, Via};
use crate::browser::{page, random, storage, time};
use crate::config::Flow;

/// How often the open request looks at its popup and its age.
const WATCH_MS: i32 = 500;

impl Auth {
    pub(super) fn start(&self, scopes: Vec<String>, same_tab: bool) {
        if !same_tab && self.busy.get_untracked() {
            // One sign-in at a time: a second click brings its window forward. A popup
            // that reads as closed (closed by the user, or cut off by COOP) cannot be
            // focused: the click then replaces the request with a new one.
            let reachable = self
                .popup
                .with_value(|p| p.as_ref().filter(|w| !popup::is_closed(w)).cloned());
            if let Some(window) = reachable {
                popup::focus(&window);
                return;
            }
        }
        let Some(client_id) = self.client_id.get_untracked() else {
            self.notices.error(t(k::AUTH_NO_CLIENT_ID));
            return;
        };
        let (Some(state_bytes), Some(verifier_bytes)) =
            (random::bytes::<16>(), random::bytes::<32>())
        else {
            self.notices.error(t(k::AUTH_NO_RANDOM));
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
        // The old request (if any) is over: its answer will find no channel and no state.
        self.channel.set_value(None);
        let mut pending = PendingSet::default();
        pending.add(Pending {
            state: state.clone(),
            verifier,
            scopes: scopes.clone(),
            created_ms: now,
            return_to,
        });
        storage::set(storage::Area::Session, PENDING_KEY, &pending.to_json());

        if same_tab {
            self.blocked.set(None);
            if !popup::redirect(&url) {
                self.notices.error(t(k::AUTH_CANNOT_OPEN));
            }
            return;
        }
        match popup::open(&url) {
            Some(window) => {
                let auth = *self;
                let channel =
                    popup::Channel::open(&state, move |params, via| auth.on_answer(params, via));
                self.channel.set_value(channel);
                self.blocked.set(None);
                self.popup.set_value(Some(window));
                self.popup_lost.set(false);
                self.busy.set(true);
                self.watch(state, now);
            }
            None => {
                self.forget_request();
                self.blocked.set(Some(scopes));
            }
        }
    }

    /// Follows the open request. `popup.closed` is only a hint: under an enforced COOP it
    /// reads true while the user is still on Google's page, so a closed-looking popup only
    /// changes the banner's words. The request ends with its answer, Cancel, or its expiry.
    fn watch(&self, state: String, created_ms: i64) {
        let auth = *self;
        leptos::task::spawn_local(async move {
            loop {
                time::sleep(WATCH_MS).await;
                if !auth.busy.get_untracked() || !auth.is_current(&state) {
                    return;
                }
                if time::now_ms() - created_ms >= PENDING_LIFETIME_MS {
                    auth.cancel();
                    auth.notices.error(t(k::AUTH_TIMED_OUT));
                    return;
                }
                let lost = auth
                    .popup
                    .with_value(|p| p.as_ref().is_none_or(popup::is_closed));
                if lost && !auth.popup_lost.get_untracked() {
                    auth.popup_lost.set(true);
                }
            }
        });
    }

    fn is_current(&self, state: &str) -> bool {
        load_pending()
            .current(time::now_ms())
            .is_some_and(|p| p.state == state)
    }

    /// The user gave up waiting: the request is forgotten and waiting calls fail.
    pub fn cancel(&self) {
        if let Some(window) = self.popup.get_value() {
            popup::close(&window);
        }
        self.forget_request();
        self.busy.set(false);
        self.popup_lost.set(false);
        self.release_waiters(false);
    }

    /// Drops the open request: its state, its channel and its popup handle.
    pub(super) fn forget_request(&self) {
        storage::remove(storage::Area::Session, PENDING_KEY);
        self.channel.set_value(None);
        self.popup.set_value(None);
    }

    /// An answer from the popup, the request's channel or a same-tab redirect.
    pub(super) fn on_answer(&self, params: String, via: Via) {
        if let Via::Window { origin, source } = &via {
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
        let Ok(callback) = parse_callback(&params) else {
            log_ignored("a sign-in answer that could not be read");
            return;
        };
        let now = time::now_ms();
        let mut pending_set = load_pending();
        let Some(pending) = pending_set.take(&callback.state, now) else {
            // Unknown, replaced, used or stale: nothing to say to the user.
            log_ignored("a sign-in answer for a request that is not open");
            return;
        };
        storage::set(storage::Area::Session, PENDING_KEY, &pending_set.to_json());
        // Closed once this handler has returned (it may be the channel's own handler).
        if let Some(channel) = self.channel.try_update_value(Option::take).flatten() {
            leptos::task::spawn_local(async move { drop(channel) });
        }
        if let Some(window) = self.popup.try_update_value(Option::take).flatten() {
            popup::close(&window);
        }
        self.popup_lost.set(false);
        if let Some(route) = pending.return_to.as_deref().and_then(safe_return_route) {
            let target = format!("{}{}", page::router_base(), route);
            self.navigate.with_value(|navigate| navigate(&target));
        }
        match callback.outcome {
            Outcome::Error { error, description } => {
                self.notices
                    .error(describe_error(&error, description.as_deref()));
                self.busy.set(false);
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
                let auth = *self;
                leptos::task::spawn_local(
                    async move { auth.accept(session, &pending.scopes).await },
                );
            }
            Outcome::Code { code } => {
                let auth = *self;
                leptos::task::spawn_local(async move { auth.exchange(code, pending).await });
            }
        }
    }

    async fn exchange(&self, code: String, pending: Pending) {
        let Some(verifier) = pending.verifier.as_deref() else {
            self.notices.error(t(k::AUTH_STRAY_CODE));
            self.busy.set(false);
            return;
        };
        let config = self.config.get_value();
        let client_id = self.client_id.get_untracked().unwrap_or_default();
        let body = exchange_body(&code, verifier, &page::base_url(), &client_id);
        let reply = http::send(
            Method::Post,
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
                self.accept(session, &pending.scopes).await;
            }
            Err(message) => {
                self.notices.error(message);
                self.busy.set(false);
                self.release_waiters(false);
            }
        }
    }
}

pub(super) fn load_pending() -> PendingSet {
    storage::get(storage::Area::Session, PENDING_KEY)
        .map(|t| PendingSet::from_json(&t))
        .unwrap_or_default()
}

/// The current route relative to the app's base, e.g. `/calendar`.
fn current_route() -> String {
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    route_within(&path, &page::router_base()).to_string()
}
