//! Google's error shape: `{"error":{"code","message","status","errors":[{"reason",…}]}}`.

use crate::i18n::{k, t, tf};
use serde::Deserialize;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GoogleError {
    pub code: u16,
    pub message: String,
    /// `RESOURCE_EXHAUSTED`, `PERMISSION_DENIED`, …
    pub status: String,
    /// The first `errors[].reason`: `rateLimitExceeded`, `insufficientPermissions`, …
    pub reason: Option<String>,
}

#[derive(Deserialize)]
struct Envelope {
    error: Body,
}

#[derive(Deserialize)]
struct Body {
    #[serde(default)]
    code: u16,
    #[serde(default)]
    message: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    errors: Vec<Item>,
}

#[derive(Deserialize)]
struct Item {
    #[serde(default)]
    reason: Option<String>,
}

/// Reads an error response. Bodies that are not Google's JSON (a proxy's HTML page) still
/// give the status and a generic message.
pub fn parse_error(status: u16, body: &str) -> GoogleError {
    match serde_json::from_str::<Envelope>(body) {
        Ok(Envelope { error }) => GoogleError {
            code: if error.code == 0 { status } else { error.code },
            message: error.message,
            status: error.status,
            reason: error.errors.into_iter().find_map(|e| e.reason),
        },
        Err(_) => GoogleError {
            code: status,
            message: String::new(),
            status: String::new(),
            reason: None,
        },
    }
}

impl GoogleError {
    /// A sentence for the user.
    pub fn describe(&self) -> String {
        let what = match self.code {
            400 => k::APP_GOOGLE_400,
            401 => k::APP_GOOGLE_401,
            403 => k::APP_GOOGLE_403,
            404 => k::APP_GOOGLE_404,
            413 => k::APP_GOOGLE_413,
            429 => k::APP_GOOGLE_429,
            500..=599 => k::APP_GOOGLE_5XX,
            _ => k::APP_GOOGLE_OTHER,
        };
        let what = t(what);
        if self.message.is_empty() {
            tf(
                k::APP_GOOGLE_ERROR_CODE,
                &[("what", what), ("code", &self.code.to_string())],
            )
        } else {
            // Google's own message, in Google's words (English).
            let message = self.message.trim_end_matches('.');
            tf(
                k::APP_GOOGLE_ERROR_MESSAGE,
                &[("what", what), ("message", message)],
            )
        }
    }
}

/// True when a 403 says the token lacks a scope, read from the body as Google writes it:
/// `errors[].reason == "insufficientPermissions"` or an `ErrorInfo` detail with reason
/// `ACCESS_TOKEN_SCOPE_INSUFFICIENT`. (The `WWW-Authenticate: … error="insufficient_scope"`
/// header says the same, but not every proxy or API forwards it.) Other 403s (rate limits,
/// "Delegation denied", calendar write access) are not a missing permission.
pub fn is_missing_permission(status: u16, body: &str) -> bool {
    #[derive(Deserialize)]
    struct Envelope {
        error: Detail,
    }
    #[derive(Deserialize)]
    struct Detail {
        #[serde(default)]
        errors: Vec<Item>,
        #[serde(default)]
        details: Vec<Item>,
    }
    if status != 403 {
        return false;
    }
    let Ok(Envelope { error }) = serde_json::from_str::<Envelope>(body) else {
        return false;
    };
    error
        .errors
        .iter()
        .chain(error.details.iter())
        .filter_map(|item| item.reason.as_deref())
        .any(|reason| {
            reason == "insufficientPermissions" || reason == "ACCESS_TOKEN_SCOPE_INSUFFICIENT"
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_googles_shape() {
        let e = parse_error(
            429,
            r#"{"error":{"code":429,"message":"Rate Limit Exceeded","status":"RESOURCE_EXHAUSTED","errors":[{"domain":"usageLimits","reason":"rateLimitExceeded","message":"Rate Limit Exceeded"}]}}"#,
        );
        assert_eq!(e.reason.as_deref(), Some("rateLimitExceeded"));
        assert_eq!(e.status, "RESOURCE_EXHAUSTED");
        assert_eq!(
            e.describe(),
            "Google asks Satchel to slow down: Rate Limit Exceeded."
        );
    }

    #[test]
    fn survives_html_bodies() {
        let e = parse_error(502, "<html>Bad gateway</html>");
        assert_eq!(e.code, 502);
        assert_eq!(e.describe(), "Google had a temporary problem (HTTP 502).");
    }

    #[test]
    fn missing_permission_is_read_from_the_body() {
        let scope = r#"{"error":{"code":403,"message":"Request had insufficient authentication scopes.","errors":[{"message":"Insufficient Permission","domain":"global","reason":"insufficientPermissions"}],"status":"PERMISSION_DENIED"}}"#;
        assert!(is_missing_permission(403, scope));
        let detail = r#"{"error":{"code":403,"message":"Request had insufficient authentication scopes.","status":"PERMISSION_DENIED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"ACCESS_TOKEN_SCOPE_INSUFFICIENT","domain":"googleapis.com"}]}}"#;
        assert!(is_missing_permission(403, detail));
        let delegation = r#"{"error":{"code":403,"message":"Delegation denied for ada@satchel.test","errors":[{"reason":"forbidden"}],"status":"PERMISSION_DENIED"}}"#;
        assert!(!is_missing_permission(403, delegation));
        let rate = r#"{"error":{"code":403,"errors":[{"reason":"rateLimitExceeded"}]}}"#;
        assert!(!is_missing_permission(403, rate));
        assert!(!is_missing_permission(400, scope), "only a 403 says so");
        assert!(!is_missing_permission(403, "<html>Forbidden</html>"));
    }
}
