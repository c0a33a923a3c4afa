//! The runtime configuration: `config.json` beside the page, read at start-up, so one build
//! serves any deployment and any test backend. Pure parsing here; the fetch lives in the UI.

use crate::i18n::{k, t, tf};
use serde_json::{Map, Value};

/// Which OAuth flow signs the user in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    /// `response_type=token`: the only flow Google accepts from a page without a secret.
    Token,
    /// Authorization code with PKCE (S256), for providers that accept public clients.
    Pkce,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub client_id: Option<String>,
    pub flow: Flow,
    pub auth_uri: String,
    pub token_uri: String,
    pub revoke_uri: String,
    pub userinfo_uri: String,
    /// Root of every Gmail URL, ending in `/` (Discovery `rootUrl`).
    pub gmail_root: String,
    /// Root of every Calendar URL, ending in `/`.
    pub calendar_root: String,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            client_id: None,
            flow: Flow::Token,
            auth_uri: "https://accounts.google.com/o/oauth2/v2/auth".into(),
            token_uri: "https://oauth2.googleapis.com/token".into(),
            revoke_uri: "https://oauth2.googleapis.com/revoke".into(),
            userinfo_uri: "https://openidconnect.googleapis.com/v1/userinfo".into(),
            gmail_root: "https://gmail.googleapis.com/".into(),
            calendar_root: "https://www.googleapis.com/".into(),
        }
    }
}

/// What is wrong with `config.json`, worded for the person deploying the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    /// The file could not be fetched (status, or a network message).
    Unavailable(String),
    NotJson(String),
    NotAnObject,
    WrongType {
        key: String,
        expected: &'static str,
    },
    BadValue {
        key: String,
        reason: String,
    },
    UnknownKey(String),
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            ConfigError::Unavailable(why) => tf(k::APP_CONFIG_UNAVAILABLE, &[("why", why)]),
            ConfigError::NotJson(why) => tf(k::APP_CONFIG_NOT_JSON, &[("why", why)]),
            ConfigError::NotAnObject => t(k::APP_CONFIG_NOT_OBJECT).to_string(),
            ConfigError::WrongType { key, expected } => tf(
                k::APP_CONFIG_WRONG_TYPE,
                &[("key", key), ("expected", expected)],
            ),
            ConfigError::BadValue { key, reason } => {
                tf(k::APP_CONFIG_BAD_VALUE, &[("key", key), ("reason", reason)])
            }
            ConfigError::UnknownKey(key) => tf(k::APP_CONFIG_UNKNOWN_KEY, &[("key", key)]),
        };
        f.write_str(&text)
    }
}

const URL_KEYS: [&str; 6] = [
    "auth_uri",
    "token_uri",
    "revoke_uri",
    "userinfo_uri",
    "gmail_root",
    "calendar_root",
];

/// Parses the text of `config.json`. Every key is optional; absent keys keep Google's values.
pub fn parse_config(text: &str) -> Result<Config, ConfigError> {
    let value: Value =
        serde_json::from_str(text).map_err(|e| ConfigError::NotJson(e.to_string()))?;
    let Value::Object(map) = value else {
        return Err(ConfigError::NotAnObject);
    };
    let mut config = Config::default();
    for key in map.keys() {
        if key != "client_id" && key != "flow" && !URL_KEYS.contains(&key.as_str()) {
            return Err(ConfigError::UnknownKey(key.clone()));
        }
    }
    if let Some(id) = string_key(&map, "client_id")? {
        let id = id.trim();
        if !id.is_empty() {
            config.client_id = Some(id.to_string());
        }
    }
    if let Some(flow) = string_key(&map, "flow")? {
        config.flow = match flow {
            "token" => Flow::Token,
            "pkce" => Flow::Pkce,
            other => {
                return Err(ConfigError::BadValue {
                    key: "flow".into(),
                    reason: format!("must be \"token\" or \"pkce\", not \"{other}\""),
                })
            }
        };
    }
    for key in URL_KEYS {
        if let Some(url) = string_key(&map, key)? {
            let url = check_url(key, url)?;
            let slot = match key {
                "auth_uri" => &mut config.auth_uri,
                "token_uri" => &mut config.token_uri,
                "revoke_uri" => &mut config.revoke_uri,
                "userinfo_uri" => &mut config.userinfo_uri,
                "gmail_root" => &mut config.gmail_root,
                _ => &mut config.calendar_root,
            };
            *slot = if key.ends_with("_root") && !url.ends_with('/') {
                format!("{url}/")
            } else {
                url
            };
        }
    }
    Ok(config)
}

fn string_key<'a>(map: &'a Map<String, Value>, key: &str) -> Result<Option<&'a str>, ConfigError> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(ConfigError::WrongType {
            key: key.into(),
            expected: "a string",
        }),
    }
}

/// Endpoints must be absolute http(s) URLs without credentials or a fragment; plain http
/// only on loopback (127.0.0.0/8, `[::1]`, `localhost`), since a token must never cross the
/// network in clear. The host is the one the browser connects to (`crate::url::parse_endpoint`
/// refuses what it would read differently): `http://127.0.0.1@evil.example/` is refused.
fn check_url(key: &str, text: &str) -> Result<String, ConfigError> {
    let bad = |reason: &str| ConfigError::BadValue {
        key: key.into(),
        reason: reason.into(),
    };
    let endpoint = crate::url::parse_endpoint(text).map_err(bad)?;
    if endpoint.scheme == "http" && !endpoint.host.is_loopback() {
        return Err(bad("may use http:// only for localhost; use https://"));
    }
    Ok(text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_object_gives_google_defaults() {
        let config = parse_config("{}").expect("valid");
        assert_eq!(config, Config::default());
        assert_eq!(config.flow, Flow::Token);
    }

    #[test]
    fn full_config_is_read() {
        let config = parse_config(
            r#"{"client_id":" abc.apps ","flow":"pkce","auth_uri":"http://127.0.0.1:9/o/oauth2/v2/auth",
                "gmail_root":"http://127.0.0.1:9","calendar_root":"https://cal.example/"}"#,
        )
        .expect("valid");
        assert_eq!(config.client_id.as_deref(), Some("abc.apps"));
        assert_eq!(config.flow, Flow::Pkce);
        assert_eq!(config.auth_uri, "http://127.0.0.1:9/o/oauth2/v2/auth");
        assert_eq!(config.gmail_root, "http://127.0.0.1:9/");
        assert_eq!(config.calendar_root, "https://cal.example/");
        assert_eq!(config.token_uri, Config::default().token_uri);
    }

    #[test]
    fn wrong_type_names_the_key() {
        let err = parse_config(r#"{"flow": 3}"#).unwrap_err();
        assert_eq!(err.to_string(), "config.json: \"flow\" must be a string.");
        let err = parse_config(r#"{"flow": "implicit"}"#).unwrap_err();
        assert!(err.to_string().contains("\"flow\""), "{err}");
    }

    #[test]
    fn bad_json_and_non_objects_are_reported() {
        assert!(matches!(parse_config("{"), Err(ConfigError::NotJson(_))));
        assert_eq!(parse_config("[]"), Err(ConfigError::NotAnObject));
        assert_eq!(
            parse_config(r#"{"clientid":"x"}"#),
            Err(ConfigError::UnknownKey("clientid".into()))
        );
    }

    #[test]
    fn urls_must_be_https_except_loopback() {
        assert!(parse_config(r#"{"token_uri":"http://evil.example/token"}"#).is_err());
        assert!(parse_config(r#"{"token_uri":"ftp://x/"}"#).is_err());
        assert!(parse_config(r#"{"token_uri":"https:///x"}"#).is_err());
        assert!(parse_config(r#"{"token_uri":"http://localhost:8080/token"}"#).is_ok());
        assert!(parse_config(r#"{"token_uri":"http://127.9.0.1/token"}"#).is_ok());
        assert!(parse_config(r#"{"token_uri":"http://[::1]:9/token"}"#).is_ok());
    }

    #[test]
    fn loopback_is_judged_on_the_parsed_host() {
        for url in [
            "http://127.evil.example/",
            "http://127.0.0.1@evil.example/",
            "http://127.0.0.1:x@evil.example/",
            "http://localhost.evil.example/",
            "http://[::1].evil.example/",
            "http://evil.example\\@127.0.0.1/",
            "http://128.0.0.1/",
            "http://[::2]/",
        ] {
            let text = serde_json::json!({ "gmail_root": url }).to_string();
            assert!(parse_config(&text).is_err(), "{url} must be refused");
        }
        // Credentials are refused even on https: they would go to the endpoint in clear text
        // of the URL, and they hide the host from a reader.
        assert!(parse_config(r#"{"token_uri":"https://user:pw@example.com/t"}"#).is_err());
        assert!(parse_config(r#"{"token_uri":"https://example.com/t#x"}"#).is_err());
        assert!(parse_config(r#"{"token_uri":"https://example.com/t u"}"#).is_err());
        // Numeric shorthands the browser would read as 127.0.0.1 are refused, not guessed.
        assert!(parse_config(r#"{"token_uri":"http://0x7f.1:9/token"}"#).is_err());
    }

    #[test]
    fn blank_client_id_counts_as_missing() {
        assert_eq!(
            parse_config(r#"{"client_id":"  "}"#)
                .expect("valid")
                .client_id,
            None
        );
    }
}

/// Checks a client ID pasted by the user. Google's end in `.apps.googleusercontent.com`;
/// other providers differ, so only the shape is checked here.
pub fn check_client_id(input: &str) -> Result<String, String> {
    let id = input.trim();
    if id.is_empty() {
        return Err(t(k::APP_CLIENT_ID_EMPTY).into());
    }
    if id.len() > 200
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._~".contains(c))
    {
        return Err(t(k::APP_CLIENT_ID_INVALID).into());
    }
    Ok(id.to_string())
}

#[cfg(test)]
mod client_id_tests {
    use super::check_client_id;

    #[test]
    fn accepts_google_ids_and_trims() {
        assert_eq!(
            check_client_id(" 12-ab.apps.googleusercontent.com\n").as_deref(),
            Ok("12-ab.apps.googleusercontent.com")
        );
    }

    #[test]
    fn refuses_blank_and_junk() {
        assert!(check_client_id("   ").is_err());
        assert!(check_client_id("abc def").is_err());
        assert!(check_client_id("abc\"<script>").is_err());
    }
}
