//! Which Google account a token belongs to, from OpenID Connect's userinfo, and whether a
//! new token is for the account the tab was signed in with.

use serde::{Deserialize, Serialize};

/// The account behind a token: the stable subject and, when granted, the email.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    pub sub: Option<String>,
    pub email: Option<String>,
}

impl Identity {
    /// Reads a userinfo answer (`{"sub": "…", "email": "…"}`); `None` when it names no
    /// account at all.
    pub fn from_userinfo(body: &str) -> Option<Identity> {
        let value: serde_json::Value = serde_json::from_str(body).ok()?;
        let text = |key: &str| {
            value
                .get(key)
                .and_then(|v| v.as_str())
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        let identity = Identity {
            sub: text("sub"),
            email: text("email"),
        };
        (identity.sub.is_some() || identity.email.is_some()).then_some(identity)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccountChange {
    /// The tab had no account yet.
    First,
    Same,
    /// Another account answered: a sign-in to it, never mixed with the old session.
    Different,
}

/// Compares by `sub` when both sides have one (emails can be renamed), else by email.
/// Two identities with nothing in common to compare are treated as different.
pub fn compare(previous: Option<&Identity>, new: &Identity) -> AccountChange {
    let Some(previous) = previous else {
        return AccountChange::First;
    };
    if previous.sub.is_none() && previous.email.is_none() {
        return AccountChange::First;
    }
    let same = match (&previous.sub, &new.sub) {
        (Some(a), Some(b)) => a == b,
        _ => match (&previous.email, &new.email) {
            (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
            _ => false,
        },
    };
    if same {
        AccountChange::Same
    } else {
        AccountChange::Different
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(sub: Option<&str>, email: Option<&str>) -> Identity {
        Identity {
            sub: sub.map(str::to_string),
            email: email.map(str::to_string),
        }
    }

    #[test]
    fn reads_userinfo() {
        let body = r#"{"sub":"1085","email":"ada@satchel.test","email_verified":true}"#;
        assert_eq!(
            Identity::from_userinfo(body),
            Some(id(Some("1085"), Some("ada@satchel.test")))
        );
        assert_eq!(Identity::from_userinfo(r#"{"sub":" "}"#), None);
        assert_eq!(Identity::from_userinfo("<html>"), None);
        assert_eq!(Identity::from_userinfo(r#"{"sub": 5}"#), None);
    }

    #[test]
    fn compares_by_sub_then_email() {
        let ada = id(Some("1"), Some("ada@satchel.test"));
        assert_eq!(compare(None, &ada), AccountChange::First);
        assert_eq!(
            compare(Some(&Identity::default()), &ada),
            AccountChange::First
        );
        assert_eq!(compare(Some(&ada), &ada), AccountChange::Same);
        let renamed = id(Some("1"), Some("ada.l@satchel.test"));
        assert_eq!(compare(Some(&ada), &renamed), AccountChange::Same);
        let grace = id(Some("2"), Some("ada@satchel.test"));
        assert_eq!(
            compare(Some(&ada), &grace),
            AccountChange::Different,
            "sub wins"
        );
        let old = id(None, Some("ADA@satchel.test"));
        assert_eq!(compare(Some(&old), &ada), AccountChange::Same);
        assert_eq!(
            compare(
                Some(&id(Some("1"), None)),
                &id(None, Some("ada@satchel.test"))
            ),
            AccountChange::Different,
            "nothing to compare is not proof of the same account"
        );
    }
}
