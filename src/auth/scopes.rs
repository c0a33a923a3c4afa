//! OAuth scopes: the narrowest one for each feature, asked for only when first needed.

use crate::i18n::{k, t};

pub const OPENID: &str = "openid";
pub const EMAIL: &str = "email";
pub const GMAIL_SEND: &str = "https://www.googleapis.com/auth/gmail.send";
pub const GMAIL_COMPOSE: &str = "https://www.googleapis.com/auth/gmail.compose";
pub const GMAIL_READONLY: &str = "https://www.googleapis.com/auth/gmail.readonly";
pub const GMAIL_MODIFY: &str = "https://www.googleapis.com/auth/gmail.modify";
pub const GMAIL_LABELS: &str = "https://www.googleapis.com/auth/gmail.labels";
pub const CALENDAR_READONLY: &str = "https://www.googleapis.com/auth/calendar.readonly";
pub const CALENDAR_EVENTS: &str = "https://www.googleapis.com/auth/calendar.events";

/// Sign-in asks for identity only.
pub const IDENTITY: [&str; 2] = [OPENID, EMAIL];

/// What a feature needs, and how to say so to the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Feature {
    /// Sending, asked as `gmail.compose`: Satchel sends through a draft, which makes every
    /// send exactly-once and lets Undo hold it back (`gmail.send` alone also allows it).
    Send,
    /// Sending with `gmail.send` only, for people who choose it in Settings: no drafts, no
    /// Undo held in Gmail, and a lost answer needs a check before sending again.
    SendOnly,
    Drafts,
    Inbox,
    /// Archive, delete, mark read or unread, star: `gmail.modify`, asked at the first of
    /// them (never before), and used to mark a message read when it is opened.
    Triage,
    Agenda,
    AddEvent,
}

impl Feature {
    pub fn scopes(self) -> &'static [&'static str] {
        match self {
            Feature::Send => &[GMAIL_COMPOSE],
            Feature::SendOnly => &[GMAIL_SEND],
            Feature::Drafts => &[GMAIL_COMPOSE],
            // gmail.readonly also allows labels.list: one permission, one consent box.
            Feature::Inbox => &[GMAIL_READONLY],
            Feature::Triage => &[GMAIL_MODIFY],
            Feature::Agenda => &[CALENDAR_READONLY],
            Feature::AddEvent => &[CALENDAR_EVENTS],
        }
    }

    /// Words for the "Allow Satchel to …" button.
    pub fn purpose(self) -> &'static str {
        match self {
            Feature::Send | Feature::SendOnly => t(k::AUTH_PURPOSE_SEND),
            Feature::Drafts => t(k::AUTH_PURPOSE_DRAFTS),
            Feature::Inbox => t(k::AUTH_PURPOSE_INBOX),
            Feature::Triage => t(k::AUTH_PURPOSE_TRIAGE),
            Feature::Agenda => t(k::AUTH_PURPOSE_AGENDA),
            Feature::AddEvent => t(k::AUTH_PURPOSE_ADD_EVENT),
        }
    }
}

/// A set of granted scopes, as Google returns them: space-separated.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scopes(Vec<String>);

impl Scopes {
    pub fn parse(text: &str) -> Scopes {
        let mut list: Vec<String> = text.split_whitespace().map(normalise).collect();
        list.sort_unstable();
        list.dedup();
        Scopes(list)
    }

    pub fn contains(&self, scope: &str) -> bool {
        let scope = normalise(scope);
        self.0.contains(&scope)
    }

    /// True when every scope the feature needs was granted. `gmail.compose` also allows
    /// sending, as Google documents for `messages.send`.
    pub fn allows(&self, feature: Feature) -> bool {
        match feature {
            Feature::Send | Feature::SendOnly => {
                self.contains(GMAIL_SEND) || self.contains(GMAIL_COMPOSE)
            }
            _ => feature.scopes().iter().all(|s| self.contains(s)),
        }
    }

    pub fn as_string(&self) -> String {
        self.0.join(" ")
    }
}

/// Google answers `email` as `https://www.googleapis.com/auth/userinfo.email`; treat both
/// spellings as one.
fn normalise(scope: &str) -> String {
    match scope {
        "https://www.googleapis.com/auth/userinfo.email" => EMAIL.to_string(),
        "https://www.googleapis.com/auth/userinfo.profile" => "profile".to_string(),
        other => other.to_string(),
    }
}

/// Every feature, for reporting a partial grant by feature.
const ALL_FEATURES: [Feature; 7] = [
    Feature::Send,
    Feature::SendOnly,
    Feature::Drafts,
    Feature::Inbox,
    Feature::Triage,
    Feature::Agenda,
    Feature::AddEvent,
];

/// The features a sign-in asked for (all their scopes were requested) that the grant does
/// not allow: Google's granular consent lets the user untick any box, so these are told to
/// the user by name, and each asks again when it is next used.
pub fn refused_features(requested: &[String], granted: &Scopes) -> Vec<Feature> {
    let asked = Scopes::parse(&requested.join(" "));
    ALL_FEATURES
        .into_iter()
        .filter(|f| f.scopes().iter().all(|s| asked.contains(s)) && !granted.allows(*f))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_google_scope_lists() {
        let scopes = Scopes::parse(
            "openid https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/calendar.readonly",
        );
        assert!(scopes.contains(EMAIL));
        assert!(scopes.allows(Feature::Agenda));
        assert!(!scopes.allows(Feature::Send));
    }

    #[test]
    fn sending_asks_compose_unless_send_only_is_chosen() {
        assert_eq!(Feature::Send.scopes(), &[GMAIL_COMPOSE]);
        assert_eq!(Feature::SendOnly.scopes(), &[GMAIL_SEND]);
        for granted in [GMAIL_SEND, GMAIL_COMPOSE] {
            let scopes = Scopes::parse(granted);
            assert!(scopes.allows(Feature::Send) && scopes.allows(Feature::SendOnly));
        }
        assert!(
            !Scopes::parse(GMAIL_SEND).allows(Feature::Drafts),
            "send-only has no drafts"
        );
    }

    #[test]
    fn inbox_needs_one_permission_only() {
        assert_eq!(Feature::Inbox.scopes(), &[GMAIL_READONLY]);
        assert!(Scopes::parse(&format!("openid email {GMAIL_READONLY}")).allows(Feature::Inbox));
        assert!(!Scopes::parse(&format!("openid email {GMAIL_LABELS}")).allows(Feature::Inbox));
        assert!(Scopes::parse(GMAIL_COMPOSE).allows(Feature::Send));
    }

    #[test]
    fn partial_grant_is_reported_by_feature() {
        let requested: Vec<String> = [OPENID, EMAIL, GMAIL_READONLY, CALENDAR_READONLY]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let granted = Scopes::parse(&format!("openid email {CALENDAR_READONLY}"));
        assert_eq!(refused_features(&requested, &granted), vec![Feature::Inbox]);
        let all = Scopes::parse(&requested.join(" "));
        assert_eq!(refused_features(&requested, &all), vec![]);
        // A feature that was not asked for is not reported as refused.
        let identity: Vec<String> = IDENTITY.iter().map(|s| s.to_string()).collect();
        assert_eq!(
            refused_features(&identity, &Scopes::parse("openid email")),
            vec![]
        );
    }
}
