//! The code flow's token exchange: the form body sent to `token_uri` and its answer.

use crate::i18n::{k, t, tf};
use serde::Deserialize;

use crate::url::encode_pairs;

/// `grant_type=authorization_code` with the PKCE verifier; no client secret (public client).
pub fn exchange_body(code: &str, verifier: &str, redirect_uri: &str, client_id: &str) -> String {
    encode_pairs([
        ("grant_type", "authorization_code"),
        ("code", code),
        ("code_verifier", verifier),
        ("redirect_uri", redirect_uri),
        ("client_id", client_id),
    ])
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct TokenResponse {
    pub access_token: String,
    pub expires_in: u64,
    #[serde(default)]
    pub scope: Option<String>,
    #[serde(default)]
    pub token_type: Option<String>,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
struct TokenError {
    error: String,
    #[serde(default)]
    error_description: Option<String>,
}

/// Reads the token endpoint's answer: the token, or a sentence saying what went wrong.
pub fn parse_token_reply(status: u16, body: &str) -> Result<TokenResponse, String> {
    if (200..300).contains(&status) {
        let reply: TokenResponse =
            serde_json::from_str(body).map_err(|_| t(k::AUTH_TOKEN_UNREADABLE).to_string())?;
        if reply
            .token_type
            .as_deref()
            .is_some_and(|t| !t.eq_ignore_ascii_case("bearer"))
        {
            return Err(t(k::AUTH_TOKEN_TYPE).into());
        }
        return Ok(reply);
    }
    match serde_json::from_str::<TokenError>(body) {
        Ok(e) => {
            let error = e.error
                + &e.error_description
                    .map(|d| format!(": {d}"))
                    .unwrap_or_default();
            Err(tf(k::AUTH_CODE_REFUSED, &[("error", &error)]))
        }
        Err(_) => Err(tf(k::AUTH_TOKEN_STATUS, &[("status", &status.to_string())])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_is_form_encoded() {
        let body = exchange_body("4/0A b", "verif", "http://127.0.0.1:8/", "cid");
        assert_eq!(
            body,
            "grant_type=authorization_code&code=4%2F0A%20b&code_verifier=verif&redirect_uri=http%3A%2F%2F127.0.0.1%3A8%2F&client_id=cid"
        );
    }

    #[test]
    fn reads_success_and_errors() {
        let ok = parse_token_reply(
            200,
            r#"{"access_token":"t","expires_in":3599,"scope":"openid","token_type":"Bearer"}"#,
        );
        assert_eq!(ok.map(|t| t.access_token), Ok("t".to_string()));
        let err = parse_token_reply(
            400,
            r#"{"error":"invalid_grant","error_description":"Bad verifier"}"#,
        );
        assert_eq!(
            err,
            Err("The sign-in server refused the code (invalid_grant: Bad verifier).".into())
        );
        assert!(parse_token_reply(502, "<html>")
            .unwrap_err()
            .contains("502"));
        assert!(parse_token_reply(200, "{}").is_err());
    }
}
