//! The tab's sign-in state, shared through context: keeps the session in sessionStorage,
//! renews it, and runs API calls with a token so that a 401 waits for renewal and then
//! retries once. Starting a sign-in and taking its answer is in `flow`; checking whose
//! token came back is in `accept`; the decisions themselves are in `crate::auth::decide`.

use crate::i18n::{k, t, tf};
use std::future::Future;

use futures_channel::oneshot;
use leptos::prelude::*;
use web_sys::Window;

use crate::auth::decide::{after_reply, before_call, After, Before};
use crate::auth::scopes::{Feature, IDENTITY};
use crate::auth::session::Session;
use crate::browser::http::{self, Body, HttpError, Method, Reply};
use crate::browser::popup::{self, Via};
use crate::browser::{storage, time};
use crate::config::Config;
use crate::ui::notices::Notices;

/// sessionStorage: this tab's session (`ui::prefetch` only asks whether there is one).
pub const SESSION_KEY: &str = "satchel.session";
pub(super) const PENDING_KEY: &str = "satchel.pending";
/// Where boot.js keeps a same-tab redirect's answer; keep in sync with boot.js.
pub(super) const REDIRECT_RESULT_KEY: &str = "satchel.auth.redirect_result";
/// Set before the reload that follows a sign-in to another account, to say so after it.
pub(super) const SWITCHED_KEY: &str = "satchel.auth.switched_to";

/// Why an API call did not produce a response to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallError {
    /// The feature's scope was not granted: offer to ask for it.
    NeedsScope(Feature),
    /// Not signed in, or the user did not renew.
    SignedOut,
    /// No answer (offline, a lost connection), or a request the browser could not build.
    Http(HttpError),
}

impl std::fmt::Display for CallError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CallError::NeedsScope(feature) => f.write_str(&tf(
                k::AUTH_NEEDS_PERMISSION,
                &[("purpose", feature.purpose())],
            )),
            CallError::SignedOut => f.write_str(t(k::AUTH_SIGNED_OUT)),
            CallError::Http(HttpError::Network(why)) => {
                f.write_str(&tf(k::AUTH_UNREACHABLE, &[("why", why)]))
            }
            CallError::Http(e @ HttpError::Build(_)) => {
                f.write_str(&tf(k::AUTH_CANNOT_ASK, &[("why", &e.to_string())]))
            }
        }
    }
}

impl From<HttpError> for CallError {
    fn from(e: HttpError) -> Self {
        CallError::Http(e)
    }
}

#[derive(Clone, Copy)]
pub struct Auth {
    pub session: RwSignal<Option<Session>>,
    /// Ticks every 15 s, so expiry banners follow the clock.
    pub now_ms: RwSignal<i64>,
    /// A sign-in request is open and unanswered (until its answer, Cancel or its expiry).
    pub busy: RwSignal<bool>,
    /// The popup reads as closed: closed by the user, or cut off by Google's COOP. Either
    /// way the request stays open; the banner offers Cancel.
    pub popup_lost: RwSignal<bool>,
    /// The popup was blocked: the scopes to ask for in this tab instead.
    pub blocked: RwSignal<Option<Vec<String>>>,
    /// A call got 401: the session must be renewed before anything else is sent.
    pub needs_renewal: RwSignal<bool>,
    pub(super) config: StoredValue<Config>,
    pub(super) client_id: Signal<Option<String>>,
    pub(super) notices: Notices,
    pub(super) popup: StoredValue<Option<Window>, LocalStorage>,
    /// The open popup request's channel, listened to only while it is pending.
    pub(super) channel: StoredValue<Option<popup::Channel>, LocalStorage>,
    pub(super) waiters: StoredValue<Vec<oneshot::Sender<bool>>, LocalStorage>,
    /// The router's navigate, captured where the router is in scope (answers arrive
    /// from browser events, outside it).
    pub(super) navigate: StoredValue<Navigate, LocalStorage>,
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
            popup_lost: RwSignal::new(false),
            blocked: RwSignal::new(None),
            needs_renewal: RwSignal::new(false),
            config,
            client_id,
            notices,
            popup: StoredValue::new_local(None),
            channel: StoredValue::new_local(None),
            waiters: StoredValue::new_local(Vec::new()),
            navigate: StoredValue::new_local(Box::new({
                let navigate = leptos_router::hooks::use_navigate();
                move |path: &str| navigate(path, Default::default())
            })),
        };
        provide_context(auth);
        popup::listen_window(move |params, via| auth.on_answer(params, via));
        if let Some(params) = storage::take(storage::Area::Session, REDIRECT_RESULT_KEY) {
            auth.on_answer(params, Via::Redirect);
        }
        if let Some(email) = storage::take(storage::Area::Session, SWITCHED_KEY) {
            auth.notices
                .info(tf(k::AUTH_SWITCHED, &[("email", &email)]));
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

    /// `email`, outside any reactive tracking (in loaders and handlers).
    pub fn email_untracked(&self) -> Option<String> {
        self.session
            .with_untracked(|s| s.as_ref().and_then(|s| s.email.clone()))
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

    /// Signs in asking for identity plus `features`' scopes; `include_granted_scopes` keeps
    /// every scope granted before. Call it straight from a click handler: the popup opens
    /// synchronously. While a request is open, a click focuses its popup instead.
    pub fn sign_in(&self, features: &[Feature]) {
        let mut scopes: Vec<String> = IDENTITY.iter().map(|s| s.to_string()).collect();
        for feature in features {
            scopes.extend(feature.scopes().iter().map(|s| s.to_string()));
        }
        self.start(scopes, false);
    }

    /// Renews the session. It asks for identity only: `include_granted_scopes` brings back
    /// every scope granted before, and the consent page has no box to untick.
    pub fn renew(&self) {
        let scopes: Vec<String> = IDENTITY.iter().map(|s| s.to_string()).collect();
        self.start(scopes, false);
    }

    /// The popup was blocked: the same request in this tab. The page leaves and comes
    /// back to the same view; unsent work is kept in sessionStorage by the views.
    pub fn sign_in_same_tab(&self) {
        if let Some(scopes) = self.blocked.get_untracked() {
            self.start(scopes, true);
        }
    }

    pub(super) fn release_waiters(&self, renewed: bool) {
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
        if let Some(email) = self.email_untracked() {
            crate::ui::calendar::offline::forget(&email);
        }
        storage::remove(storage::Area::Session, SESSION_KEY);
        self.forget_request();
        self.session.set(None);
        self.needs_renewal.set(false);
        self.release_waiters(false);
        if let Some(token) = token {
            let url = self.config.with_value(|c| c.revoke_uri.clone());
            let notices = self.notices;
            leptos::task::spawn_local(async move {
                let body = crate::url::encode_pairs([("token", token.as_str())]);
                let reply = http::send(
                    Method::Post,
                    &url,
                    None,
                    Body::Text(body, "application/x-www-form-urlencoded"),
                )
                .await;
                match reply {
                    Ok(r) if r.is_success() => notices.info(t(k::AUTH_REVOKED)),
                    _ => notices.info(t(k::AUTH_REVOKE_UNCONFIRMED)),
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
            let session = self.session.get_untracked();
            let step = before_call(
                session.as_ref(),
                feature,
                self.needs_renewal.get_untracked(),
                time::now_ms(),
                renewals,
            );
            let token = match step {
                Before::Send(token) => token,
                Before::SignedOut => return Err(CallError::SignedOut),
                Before::NeedsScope => return Err(CallError::NeedsScope(feature)),
                Before::Renew => {
                    renewals += 1;
                    self.needs_renewal.set(true);
                    if !self.wait_for_renewal().await {
                        return Err(CallError::SignedOut);
                    }
                    continue;
                }
            };
            let reply = call(token).await?;
            match after_reply(reply.status, reply.www_authenticate.as_deref(), &reply.body) {
                // The loop waits for renewal, then sends once more.
                After::Renew => self.needs_renewal.set(true),
                After::NeedsScope => return Err(CallError::NeedsScope(feature)),
                After::Done => return Ok(reply),
            }
        }
    }
}

/// Ignored answers go to the console only: telling the user about a message they did not
/// cause would only alarm them (and let another page make Satchel speak).
pub(super) fn log_ignored(what: &str) {
    web_sys::console::warn_1(&format!("Satchel ignored {what}.").into());
}
