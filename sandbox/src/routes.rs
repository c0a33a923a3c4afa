//! The route table: every path the sandbox serves (besides `/_sandbox/`), with the
//! Discovery method it implements. Dispatch goes through this table only, so the
//! conformance test that walks it covers everything the app can reach.

use crate::handler::{ApiFn, Handler, PageFn};
pub use crate::handler::{Route, RouteKind};
use crate::{calendar, gmail, oauth};

const fn api(verb: &'static str, path: &'static str, id: &'static str, f: ApiFn) -> Route {
    Route {
        verb,
        path,
        id,
        kind: RouteKind::Api,
        handler: Handler::Api(f),
    }
}

const fn upload(verb: &'static str, path: &'static str, id: &'static str, f: ApiFn) -> Route {
    Route {
        verb,
        path,
        id,
        kind: RouteKind::Upload,
        handler: Handler::Api(f),
    }
}

const fn page(verb: &'static str, path: &'static str, id: &'static str, f: PageFn) -> Route {
    Route {
        verb,
        path,
        id,
        kind: RouteKind::OAuth,
        handler: Handler::Page(f),
    }
}

// One line a route: the table reads as the list of what Google serves.
#[rustfmt::skip]
pub static ROUTES: &[Route] = &[
    // OAuth 2.0 / OpenID Connect (accounts.google.com, oauth2.googleapis.com, openidconnect.googleapis.com)
    page("GET", "/o/oauth2/v2/auth", "oauth.authorize", oauth::authorize::page),
    page("POST", "/o/oauth2/v2/auth/decision", "oauth.decision", oauth::authorize::decision),
    page("POST", "/token", "oauth.token", oauth::token::token),
    page("POST", "/revoke", "oauth.revoke", oauth::token::revoke),
    page("GET", "/tokeninfo", "oauth.tokeninfo", oauth::token::tokeninfo),
    page("POST", "/tokeninfo", "oauth.tokeninfo", oauth::token::tokeninfo),
    page("GET", "/v1/userinfo", "openid.userinfo", oauth::userinfo::openid),
    // oauth2 v2 (Discovery)
    api("GET", "/oauth2/v2/userinfo", "oauth2.userinfo.get", oauth::userinfo::v2),
    api("GET", "/userinfo/v2/me", "oauth2.userinfo.v2.me.get", oauth::userinfo::v2),
    api("POST", "/oauth2/v2/tokeninfo", "oauth2.tokeninfo", oauth::userinfo::tokeninfo_v2),
    // Gmail
    api("GET", "/gmail/v1/users/{userId}/profile", "gmail.users.getProfile", gmail::labels::profile),
    api("GET", "/gmail/v1/users/{userId}/labels", "gmail.users.labels.list", gmail::labels::list),
    api("GET", "/gmail/v1/users/{userId}/labels/{id}", "gmail.users.labels.get", gmail::labels::get),
    api("GET", "/gmail/v1/users/{userId}/messages", "gmail.users.messages.list", gmail::messages::list),
    api("GET", "/gmail/v1/users/{userId}/messages/{id}", "gmail.users.messages.get", gmail::messages::get),
    api("GET", "/gmail/v1/users/{userId}/messages/{messageId}/attachments/{id}", "gmail.users.messages.attachments.get", gmail::messages::attachment),
    api("POST", "/gmail/v1/users/{userId}/messages/{id}/modify", "gmail.users.messages.modify", gmail::messages::modify),
    api("POST", "/gmail/v1/users/{userId}/messages/{id}/trash", "gmail.users.messages.trash", gmail::messages::trash),
    api("POST", "/gmail/v1/users/{userId}/messages/{id}/untrash", "gmail.users.messages.untrash", gmail::messages::untrash),
    api("POST", "/gmail/v1/users/{userId}/messages/send", "gmail.users.messages.send", gmail::send::send),
    upload("POST", "/upload/gmail/v1/users/{userId}/messages/send", "gmail.users.messages.send", gmail::send::send),
    api("GET", "/gmail/v1/users/{userId}/threads/{id}", "gmail.users.threads.get", gmail::messages::thread),
    api("POST", "/gmail/v1/users/{userId}/drafts", "gmail.users.drafts.create", gmail::drafts::create),
    upload("POST", "/upload/gmail/v1/users/{userId}/drafts", "gmail.users.drafts.create", gmail::drafts::create),
    api("GET", "/gmail/v1/users/{userId}/drafts", "gmail.users.drafts.list", gmail::drafts::list),
    api("GET", "/gmail/v1/users/{userId}/drafts/{id}", "gmail.users.drafts.get", gmail::drafts::get),
    api("PUT", "/gmail/v1/users/{userId}/drafts/{id}", "gmail.users.drafts.update", gmail::drafts::update),
    upload("PUT", "/upload/gmail/v1/users/{userId}/drafts/{id}", "gmail.users.drafts.update", gmail::drafts::update),
    api("DELETE", "/gmail/v1/users/{userId}/drafts/{id}", "gmail.users.drafts.delete", gmail::drafts::delete),
    api("POST", "/gmail/v1/users/{userId}/drafts/send", "gmail.users.drafts.send", gmail::drafts::send),
    upload("POST", "/upload/gmail/v1/users/{userId}/drafts/send", "gmail.users.drafts.send", gmail::drafts::send),
    // Calendar
    api("GET", "/calendar/v3/users/me/calendarList", "calendar.calendarList.list", calendar::lists::list),
    api("GET", "/calendar/v3/users/me/calendarList/{calendarId}", "calendar.calendarList.get", calendar::lists::get),
    api("GET", "/calendar/v3/calendars/{calendarId}", "calendar.calendars.get", calendar::lists::calendar),
    api("GET", "/calendar/v3/calendars/{calendarId}/events", "calendar.events.list", calendar::events::list::list),
    api("POST", "/calendar/v3/calendars/{calendarId}/events", "calendar.events.insert", calendar::events::write::insert),
    api("GET", "/calendar/v3/calendars/{calendarId}/events/{eventId}", "calendar.events.get", calendar::events::list::get),
    api("PATCH", "/calendar/v3/calendars/{calendarId}/events/{eventId}", "calendar.events.patch", calendar::events::write::patch),
    api("PUT", "/calendar/v3/calendars/{calendarId}/events/{eventId}", "calendar.events.update", calendar::events::write::update),
    api("DELETE", "/calendar/v3/calendars/{calendarId}/events/{eventId}", "calendar.events.delete", calendar::events::write::delete),
    api("GET", "/calendar/v3/calendars/{calendarId}/events/{eventId}/instances", "calendar.events.instances", calendar::events::list::instances),
    api("POST", "/calendar/v3/calendars/{calendarId}/events/quickAdd", "calendar.events.quickAdd", calendar::events::write::quick_add),
    api("GET", "/calendar/v3/colors", "calendar.colors.get", calendar::colors::get),
];

pub struct Match {
    pub route: &'static Route,
    /// Percent-decoded path parameters.
    pub params: Vec<(&'static str, String)>,
}

/// Finds the route for a verb and raw (percent-encoded) path. Literal segments win over
/// placeholders, so `messages/send` is never taken for `messages/{id}`.
pub fn find(verb: &str, path: &str) -> Option<Match> {
    let segments: Vec<&str> = path.split('/').collect();
    let mut best: Option<(usize, Match)> = None;
    for route in ROUTES.iter().filter(|r| r.verb == verb) {
        let pattern: Vec<&str> = route.path.split('/').collect();
        if pattern.len() != segments.len() {
            continue;
        }
        let mut params = Vec::new();
        let mut literals = 0;
        let mut ok = true;
        for (p, s) in pattern.iter().zip(&segments) {
            if let Some(name) = p.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
                match crate::util::percent_decode(s) {
                    Some(value) if !value.is_empty() => params.push((name, value)),
                    _ => {
                        ok = false;
                        break;
                    }
                }
            } else if p == s {
                literals += 1;
            } else {
                ok = false;
                break;
            }
        }
        if ok && best.as_ref().is_none_or(|(l, _)| literals > *l) {
            best = Some((literals, Match { route, params }));
        }
    }
    best.map(|(_, m)| m)
}

/// The verbs served at a path, for `405`-style answers and CORS preflights.
pub fn verbs_at(path: &str) -> Vec<&'static str> {
    let mut verbs: Vec<&'static str> = ["GET", "POST", "PUT", "PATCH", "DELETE"]
        .into_iter()
        .filter(|v| find(v, path).is_some())
        .collect();
    verbs.dedup();
    verbs
}
