//! OAuth scopes: the narrowest one for each feature, asked for only when first needed.

pub const OPENID: &str = "openid";
pub const EMAIL: &str = "email";
pub const GMAIL_SEND: &str = "https://www.googleapis.com/auth/gmail.send";
pub const GMAIL_COMPOSE: &str = "https://www.googleapis.com/auth/gmail.compose";
pub const GMAIL_READONLY: &str = "https://www.googleapis.com/auth/gmail.readonly";
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
    Agenda,
    AddEvent,
}

impl Feature {
    pub fn scopes(self) -> &'static [&'static str] {
        match self {
            Feature::Send => &[GMAIL_COMPOSE],
            Feature::SendOnly => &[GMAIL_SEND],
            Feature::Drafts => &[GMAIL_COMPOSE],
            Feature::Inbox => &[GMAIL_READONLY, GMAIL_LABELS],
            Feature::Agenda => &[CALENDAR_READONLY],
            Feature::AddEvent => &[CALENDAR_EVENTS],
        }
    }

    /// Words for the "Allow Satchel to …" button.
    pub fn purpose(self) -> &'static str {
        match self {
            Feature::Send | Feature::SendOnly => "send email for you",
            Feature::Drafts => "save and send drafts",
            Feature::Inbox => "read your recent messages and labels",
            Feature::Agenda => "see your calendars",
            Feature::AddEvent => "add events to your calendar",
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
    fn partial_grant_is_visible() {
        let scopes = Scopes::parse(&format!("openid email {GMAIL_READONLY}"));
        assert!(!scopes.allows(Feature::Inbox), "labels scope missing");
        assert!(Scopes::parse(GMAIL_COMPOSE).allows(Feature::Send));
    }
}
