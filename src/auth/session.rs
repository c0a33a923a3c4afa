//! The signed-in session of one tab, and the sign-in requests still waiting for an answer.
//! Both are stored in sessionStorage (per tab), never in localStorage.

use serde::{Deserialize, Serialize};

use crate::auth::scopes::{Feature, Scopes};

/// Renewal is offered this long before the token ends.
pub const RENEW_BEFORE_MS: i64 = 5 * 60 * 1000;
/// A sign-in request not answered within this time is forgotten.
pub const PENDING_LIFETIME_MS: i64 = 15 * 60 * 1000;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub access_token: String,
    pub expires_at_ms: i64,
    /// Granted scopes, space-separated, as read from the response.
    pub scope: String,
    pub email: Option<String>,
    /// The account's stable OpenID subject, from userinfo; a later token for another
    /// subject is a sign-in to another account.
    #[serde(default)]
    pub sub: Option<String>,
}

impl Session {
    /// A session from a token response. When the server does not list the granted scopes,
    /// OAuth says they are the ones requested.
    pub fn new(
        token: String,
        expires_in: u64,
        scope: Option<&str>,
        requested: &[String],
        now_ms: i64,
    ) -> Session {
        let expires_in_ms = i64::try_from(expires_in)
            .unwrap_or(i64::MAX / 2_000)
            .saturating_mul(1000);
        Session {
            access_token: token,
            expires_at_ms: now_ms.saturating_add(expires_in_ms),
            scope: scope
                .map(str::to_string)
                .unwrap_or_else(|| requested.join(" ")),
            email: None,
            sub: None,
        }
    }

    pub fn scopes(&self) -> Scopes {
        Scopes::parse(&self.scope)
    }

    pub fn allows(&self, feature: Feature) -> bool {
        self.scopes().allows(feature)
    }

    pub fn is_expired(&self, now_ms: i64) -> bool {
        now_ms >= self.expires_at_ms
    }

    pub fn expires_soon(&self, now_ms: i64) -> bool {
        now_ms >= self.expires_at_ms - RENEW_BEFORE_MS
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(text: &str) -> Option<Session> {
        serde_json::from_str(text).ok()
    }
}

/// A sign-in request sent to the authorization server, kept until its answer arrives.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pending {
    pub state: String,
    /// PKCE verifier (code flow only). Stays in this tab.
    pub verifier: Option<String>,
    pub scopes: Vec<String>,
    pub created_ms: i64,
    /// For a same-tab redirect sign-in: the route to return to.
    pub return_to: Option<String>,
}

/// The open request (one at a time: a new one replaces the old, whose answer is then
/// dropped). Taking it by its `state` removes it, so a replayed answer finds nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingSet(pub Vec<Pending>);

impl PendingSet {
    pub fn add(&mut self, pending: Pending) {
        self.0.clear();
        self.0.push(pending);
    }

    /// The open request's state, while it is fresh.
    pub fn current(&self, now_ms: i64) -> Option<&Pending> {
        self.0
            .iter()
            .find(|p| now_ms - p.created_ms < PENDING_LIFETIME_MS)
    }

    /// Forgets the request with this state (cancelled by the user or expired).
    pub fn forget(&mut self, state: &str) {
        self.0.retain(|p| p.state != state);
    }

    /// The request with exactly this `state`, once, and only while it is fresh.
    pub fn take(&mut self, state: &str, now_ms: i64) -> Option<Pending> {
        let index = self.0.iter().position(|p| p.state == state)?;
        let pending = self.0.remove(index);
        (now_ms - pending.created_ms < PENDING_LIFETIME_MS).then_some(pending)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(text: &str) -> PendingSet {
        serde_json::from_str(text).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending(state: &str, created_ms: i64) -> Pending {
        Pending {
            state: state.into(),
            verifier: None,
            scopes: vec!["openid".into()],
            created_ms,
            return_to: None,
        }
    }

    #[test]
    fn state_is_used_once_and_compared_exactly() {
        let mut set = PendingSet::default();
        set.add(pending("abc.popup", 0));
        assert_eq!(set.take("abc.popu", 10), None, "prefix does not match");
        assert_eq!(set.take("ABC.popup", 10), None, "case matters");
        assert!(set.take("abc.popup", 10).is_some());
        assert_eq!(set.take("abc.popup", 20), None, "replay finds nothing");
    }

    #[test]
    fn stale_requests_expire() {
        let mut set = PendingSet::default();
        set.add(pending("old", 0));
        assert!(set.current(PENDING_LIFETIME_MS - 1).is_some());
        assert!(set.current(PENDING_LIFETIME_MS).is_none());
        assert_eq!(set.take("old", PENDING_LIFETIME_MS + 1), None);
    }

    #[test]
    fn one_request_at_a_time() {
        let mut set = PendingSet::default();
        set.add(pending("a", 0));
        set.add(pending("b", 5));
        assert_eq!(
            set.take("a", 10),
            None,
            "the replaced request's answer is dropped"
        );
        assert_eq!(set.current(10).map(|p| p.state.as_str()), Some("b"));
        set.forget("b");
        assert!(set.is_empty());
    }

    #[test]
    fn session_expiry_and_scopes() {
        let s = Session::new(
            "t".into(),
            3600,
            None,
            &["openid".into(), "email".into()],
            1_000,
        );
        assert_eq!(s.expires_at_ms, 3_601_000);
        assert_eq!(s.scope, "openid email");
        assert!(!s.expires_soon(1_000));
        assert!(s.expires_soon(3_601_000 - RENEW_BEFORE_MS));
        assert!(!s.is_expired(3_600_999));
        assert!(s.is_expired(3_601_000));
        assert_eq!(Session::from_json(&s.to_json()), Some(s));
        assert_eq!(Session::from_json("{"), None);
    }
}
