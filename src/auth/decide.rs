//! The sign-in service's decisions, as plain functions of what it knows: whether a call
//! may go out, what an answer means, whose token came back, and where a same-tab sign-in
//! may return to. `ui::auth` carries them out with the browser.

use super::identity::{compare, AccountChange, Identity};
use super::scopes::Feature;
use super::session::Session;
use crate::i18n::{k, t, tf};

/// Before sending a call for a feature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Before {
    /// Send it with this token.
    Send(String),
    /// The session is over: wait for the user's one click, then decide again.
    Renew,
    NeedsScope,
    SignedOut,
}

/// Renewals one call may wait for before it gives up (a second 401 right after renewing
/// means the new token does not work either).
pub const MAX_RENEWALS: u32 = 2;

pub fn before_call(
    session: Option<&Session>,
    feature: Feature,
    needs_renewal: bool,
    now_ms: i64,
    renewals: u32,
) -> Before {
    let Some(session) = session else {
        return Before::SignedOut;
    };
    if !session.allows(feature) {
        return Before::NeedsScope;
    }
    if needs_renewal || session.is_expired(now_ms) {
        return if renewals >= MAX_RENEWALS {
            Before::SignedOut
        } else {
            Before::Renew
        };
    }
    Before::Send(session.access_token.clone())
}

/// What an answer to a sent call means for the session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum After {
    /// Any other answer is the caller's to read (errors included).
    Done,
    /// 401: the token is no longer good; renew, then send once more.
    Renew,
    /// 403 for a scope the token lacks: ask for it, never retry blindly.
    NeedsScope,
}

pub fn after_reply(status: u16, www_authenticate: Option<&str>, body: &str) -> After {
    if status == 401 {
        return After::Renew;
    }
    let scope_header = www_authenticate.is_some_and(|h| h.contains("insufficient_scope"));
    if status == 403 && (scope_header || crate::api::error::is_missing_permission(status, body)) {
        return After::NeedsScope;
    }
    After::Done
}

/// Whose token came back, against the account the tab had.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answered {
    Account(AccountChange),
    /// The tab has an account and the new token's could not be read: not used, since it
    /// might be someone else's.
    Unverified,
}

pub fn whose_token(previous: Option<&Identity>, answered: Option<&Identity>) -> Answered {
    match (answered, previous) {
        (Some(answered), previous) => Answered::Account(compare(previous, answered)),
        (None, Some(p)) if p.sub.is_some() || p.email.is_some() => Answered::Unverified,
        (None, _) => Answered::Account(AccountChange::First),
    }
}

/// The sentence for permissions Google did not grant; `None` when all were granted.
pub fn refused_message(refused: &[Feature]) -> Option<String> {
    if refused.is_empty() {
        return None;
    }
    let purposes: Vec<&str> = refused.iter().map(|f| f.purpose()).collect();
    let purposes = purposes.join(&format!("{} ", t(k::AUTH_REFUSED_JOINER)));
    Some(tf(k::AUTH_REFUSED, &[("purposes", &purposes)]))
}

/// The route inside the app a same-tab sign-in may return to: a path, never an absolute
/// or protocol-relative URL (the state that carries it came back through Google).
pub fn safe_return_route(route: &str) -> Option<&str> {
    (route.starts_with('/') && !route.starts_with("//") && !route.contains('\\')).then_some(route)
}

/// `path` relative to the app's `base` (`/satchel/calendar` under `/satchel` is
/// `/calendar`); a path outside the base is kept whole.
pub fn route_within<'a>(path: &'a str, base: &str) -> &'a str {
    match path.strip_prefix(base) {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => rest,
        _ => path,
    }
}

#[cfg(test)]
mod tests;
