//! A new token: whose is it? The same account continues the session (waiting calls run);
//! another account starts a new one, never mixed with the old (waiting calls fail and the
//! page reloads without the old account's data).

use super::service::{Auth, PENDING_KEY, SESSION_KEY, SWITCHED_KEY};
use crate::auth::decide::{refused_message, whose_token, Answered};
use crate::auth::identity::{AccountChange, Identity};
use crate::auth::scopes::refused_features;
use crate::auth::session::Session;
use crate::browser::http::{self, Body, Method};
use crate::browser::{popup, storage, time};
use crate::i18n::{k, t};
use leptos::prelude::*;

impl Auth {
    pub(super) async fn accept(&self, mut session: Session, requested: &[String]) {
        let previous = self.session.get_untracked().map(|s| Identity {
            sub: s.sub,
            email: s.email,
        });
        let identity = self.identity_of(&session.access_token).await;
        let change = match whose_token(previous.as_ref(), identity.as_ref()) {
            Answered::Account(change) => change,
            Answered::Unverified => {
                self.notices.error(t(k::AUTH_UNVERIFIED));
                self.busy.set(false);
                self.release_waiters(false);
                return;
            }
        };
        if let Some(identity) = identity {
            session.sub = identity.sub;
            session.email = identity.email;
        }
        match change {
            AccountChange::First | AccountChange::Same => self.store(session, requested),
            AccountChange::Different => self.switch_to(session),
        }
    }

    /// Keeps the session, says which features were refused, and wakes waiting calls.
    fn store(&self, session: Session, requested: &[String]) {
        if let Some(message) = refused_message(&refused_features(requested, &session.scopes())) {
            self.notices.error(message);
        }
        storage::set(storage::Area::Session, SESSION_KEY, &session.to_json());
        self.session.set(Some(session));
        self.needs_renewal.set(false);
        self.now_ms.set(time::now_ms());
        self.busy.set(false);
        self.release_waiters(true);
    }

    /// Another account answered: what waits for the old one fails, and the page starts
    /// again with only the new session.
    fn switch_to(&self, session: Session) {
        self.release_waiters(false);
        storage::remove(storage::Area::Session, PENDING_KEY);
        storage::set(storage::Area::Session, SESSION_KEY, &session.to_json());
        let name = session
            .email
            .clone()
            .unwrap_or_else(|| t(k::AUTH_NEW_ACCOUNT).into());
        storage::set(storage::Area::Session, SWITCHED_KEY, &name);
        popup::reload();
    }

    /// The account behind `token`, from userinfo (tried twice: one lost request should not
    /// make a sign-in fail).
    async fn identity_of(&self, token: &str) -> Option<Identity> {
        let url = self.config.with_value(|c| c.userinfo_uri.clone());
        for attempt in 0..2 {
            if attempt > 0 {
                time::sleep(500).await;
            }
            match http::send(Method::Get, &url, Some(token), Body::Empty).await {
                Ok(reply) if reply.is_success() => return Identity::from_userinfo(&reply.body),
                Ok(reply) if reply.status < 500 => return None,
                _ => {}
            }
        }
        None
    }
}
