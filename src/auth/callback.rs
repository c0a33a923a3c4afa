//! What comes back on the redirect URI: a fragment (token flow) or a query (code flow),
//! forwarded raw by boot.js and parsed here.

use crate::i18n::{k, t, tf};
use crate::url::decode_pairs;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Token {
        access_token: String,
        expires_in: u64,
        /// Granted scopes, space-separated; absent means "as requested".
        scope: Option<String>,
    },
    Code {
        code: String,
    },
    /// `access_denied`, `invalid_scope`, … with Google's description when given.
    Error {
        error: String,
        description: Option<String>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Callback {
    pub state: String,
    pub outcome: Outcome,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallbackError {
    NoState,
    Malformed(&'static str),
}

/// Parses `access_token=…&expires_in=…&scope=…&state=…` (or `code=…`, `error=…`).
pub fn parse_callback(raw: &str) -> Result<Callback, CallbackError> {
    let pairs = decode_pairs(raw.trim_start_matches(['#', '?']));
    let get = |key: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .filter(|v| !v.is_empty())
    };
    let state = get("state").ok_or(CallbackError::NoState)?;
    let outcome = if let Some(error) = get("error") {
        Outcome::Error {
            error,
            description: get("error_description"),
        }
    } else if let Some(access_token) = get("access_token") {
        if get("token_type").is_some_and(|t| !t.eq_ignore_ascii_case("bearer")) {
            return Err(CallbackError::Malformed("token_type is not Bearer"));
        }
        let expires_in = get("expires_in")
            .and_then(|v| v.parse().ok())
            .ok_or(CallbackError::Malformed("expires_in is missing"))?;
        Outcome::Token {
            access_token,
            expires_in,
            scope: get("scope"),
        }
    } else if let Some(code) = get("code") {
        Outcome::Code { code }
    } else {
        return Err(CallbackError::Malformed(
            "neither a token, a code nor an error",
        ));
    };
    Ok(Callback { state, outcome })
}

/// A sentence for the user about an error the authorization server sent back.
pub fn describe_error(error: &str, description: Option<&str>) -> String {
    let base = match error {
        "access_denied" => t(k::AUTH_CANCELLED).to_string(),
        "invalid_scope" => t(k::AUTH_INVALID_SCOPE).to_string(),
        "unauthorized_client" => t(k::AUTH_UNAUTHORIZED_CLIENT).to_string(),
        "interaction_required" | "login_required" | "consent_required" => {
            t(k::AUTH_AGAIN).to_string()
        }
        other => tf(k::AUTH_FAILED, &[("error", other)]),
    };
    match description {
        Some(d) if !d.is_empty() => format!("{base} {d}"),
        _ => base,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_fragment() {
        let cb = parse_callback(
            "#access_token=ya29.x%2Fy&token_type=Bearer&expires_in=3599&scope=openid%20email&state=st.popup",
        )
        .expect("parses");
        assert_eq!(cb.state, "st.popup");
        assert_eq!(
            cb.outcome,
            Outcome::Token {
                access_token: "ya29.x/y".into(),
                expires_in: 3599,
                scope: Some("openid email".into())
            }
        );
    }

    #[test]
    fn code_query_and_errors() {
        let cb = parse_callback("?state=s&code=4%2F0Ab&scope=openid").expect("parses");
        assert_eq!(
            cb.outcome,
            Outcome::Code {
                code: "4/0Ab".into()
            }
        );
        let cb = parse_callback("error=access_denied&state=s").expect("parses");
        assert!(matches!(cb.outcome, Outcome::Error { ref error, .. } if error == "access_denied"));
    }

    #[test]
    fn rejects_missing_state_and_junk() {
        assert_eq!(
            parse_callback("access_token=x&expires_in=1"),
            Err(CallbackError::NoState)
        );
        assert!(
            parse_callback("state=s&access_token=x").is_err(),
            "no expiry"
        );
        assert!(parse_callback("state=s&access_token=x&expires_in=1&token_type=mac").is_err());
        assert!(parse_callback("state=s&foo=bar").is_err());
    }

    #[test]
    fn error_messages_are_sentences() {
        assert!(describe_error("access_denied", None).contains("cancelled"));
        assert!(describe_error("weird", Some("More.")).ends_with("(weird). More."));
    }
}
