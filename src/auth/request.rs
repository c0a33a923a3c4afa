//! The authorization request URL (Google's OAuth 2.0 for client-side web apps).

use crate::config::Flow;
use crate::url::encode_pairs;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthRequest<'a> {
    pub auth_uri: &'a str,
    pub client_id: &'a str,
    pub redirect_uri: &'a str,
    pub flow: Flow,
    pub scopes: &'a [&'a str],
    pub state: &'a str,
    /// For `Flow::Pkce`.
    pub code_challenge: Option<&'a str>,
    /// The signed-in email, so a renewal does not show the account chooser again.
    pub login_hint: Option<&'a str>,
}

impl AuthRequest<'_> {
    pub fn url(&self) -> String {
        let scope = self.scopes.join(" ");
        let mut pairs = vec![
            ("client_id", self.client_id),
            ("redirect_uri", self.redirect_uri),
            (
                "response_type",
                match self.flow {
                    Flow::Token => "token",
                    Flow::Pkce => "code",
                },
            ),
            ("scope", scope.as_str()),
            ("state", self.state),
            // Each grant adds to the earlier ones: features ask for their scope when needed.
            ("include_granted_scopes", "true"),
        ];
        if let (Flow::Pkce, Some(challenge)) = (self.flow, self.code_challenge) {
            pairs.push(("code_challenge", challenge));
            pairs.push(("code_challenge_method", "S256"));
        }
        if let Some(hint) = self.login_hint {
            pairs.push(("login_hint", hint));
        }
        let separator = if self.auth_uri.contains('?') {
            '&'
        } else {
            '?'
        };
        format!("{}{separator}{}", self.auth_uri, encode_pairs(pairs))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::url::decode_pairs;

    fn query(url: &str) -> Vec<(String, String)> {
        decode_pairs(url.split_once('?').map(|(_, q)| q).unwrap_or(""))
    }

    #[test]
    fn token_flow_url() {
        let url = AuthRequest {
            auth_uri: "https://accounts.google.com/o/oauth2/v2/auth",
            client_id: "id.apps.googleusercontent.com",
            redirect_uri: "https://host/satchel/",
            flow: Flow::Token,
            scopes: &["openid", "email"],
            state: "abc.popup",
            code_challenge: Some("ignored"),
            login_hint: None,
        }
        .url();
        assert!(url.starts_with("https://accounts.google.com/o/oauth2/v2/auth?client_id="));
        let q = query(&url);
        let get = |k: &str| q.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str());
        assert_eq!(get("response_type"), Some("token"));
        assert_eq!(get("redirect_uri"), Some("https://host/satchel/"));
        assert_eq!(get("scope"), Some("openid email"));
        assert_eq!(get("include_granted_scopes"), Some("true"));
        assert_eq!(get("code_challenge"), None, "no PKCE in the token flow");
        assert!(url.contains("redirect_uri=https%3A%2F%2Fhost%2Fsatchel%2F"));
    }

    #[test]
    fn pkce_flow_url() {
        let url = AuthRequest {
            auth_uri: "http://127.0.0.1:9/o/oauth2/v2/auth",
            client_id: "c",
            redirect_uri: "http://127.0.0.1:8/",
            flow: Flow::Pkce,
            scopes: &["openid"],
            state: "s",
            code_challenge: Some("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"),
            login_hint: Some("ada@satchel.test"),
        }
        .url();
        let q = query(&url);
        let get = |k: &str| q.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str());
        assert_eq!(get("response_type"), Some("code"));
        assert_eq!(get("code_challenge_method"), Some("S256"));
        assert_eq!(
            get("code_challenge"),
            Some("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
        );
        assert_eq!(get("login_hint"), Some("ada@satchel.test"));
    }
}
