//! Google's OAuth 2.0 authorization server, for one public client: the consent page
//! (implicit and PKCE code flows), the token, revoke and tokeninfo endpoints, and userinfo.

pub mod authorize;
pub mod page;
pub mod token;
pub mod userinfo;

use std::collections::{BTreeSet, HashMap};
use std::time::{Duration, Instant};

use serde_json::json;

use crate::util::{b64url, Rng};
use crate::{discovery, ACCOUNTS};

pub const EMAIL_SCOPE: &str = "https://www.googleapis.com/auth/userinfo.email";
pub const PROFILE_SCOPE: &str = "https://www.googleapis.com/auth/userinfo.profile";

/// The Cross-Origin-Opener-Policy of the sign-in pages. accounts.google.com sends it in
/// report-only mode today; enforced, it cuts the popup off from the app that opened it
/// (`window.opener` is null, the app's `popup.closed` reads true while it is still open).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Coop {
    /// No header.
    Off,
    /// `Cross-Origin-Opener-Policy-Report-Only: same-origin`, as Google today.
    #[default]
    ReportOnly,
    /// `Cross-Origin-Opener-Policy: same-origin`.
    Enforced,
}

impl Coop {
    /// `off`, `report-only` or `enforced` (the `--coop` flag).
    pub fn parse(text: &str) -> Option<Coop> {
        match text {
            "off" => Some(Coop::Off),
            "report-only" => Some(Coop::ReportOnly),
            "enforced" => Some(Coop::Enforced),
            _ => None,
        }
    }

    /// The header to send, if any.
    pub fn header(self) -> Option<(&'static str, &'static str)> {
        match self {
            Coop::Off => None,
            Coop::ReportOnly => Some(("cross-origin-opener-policy-report-only", "same-origin")),
            Coop::Enforced => Some(("cross-origin-opener-policy", "same-origin")),
        }
    }
}

/// Authorization codes live ten minutes, as Google's do.
pub const CODE_TTL: Duration = Duration::from_secs(600);

pub struct Token {
    pub account: usize,
    pub client: String,
    pub scopes: Vec<String>,
    pub expires: Instant,
    /// Seconds since the epoch, for `exp` in tokeninfo.
    pub expires_at: i64,
    pub revoked: bool,
}

pub struct Code {
    pub account: usize,
    pub client: String,
    pub redirect_uri: String,
    pub scopes: Vec<String>,
    pub challenge: String,
    pub nonce: Option<String>,
    pub created: Instant,
    pub used: bool,
}

/// A consent page on screen, waiting for its form post.
#[derive(Clone, Debug)]
pub struct Pending {
    pub client: String,
    pub redirect_uri: String,
    pub response_type: String,
    pub scopes: Vec<String>,
    pub state: Option<String>,
    pub include_granted: bool,
    pub challenge: Option<String>,
    pub nonce: Option<String>,
}

#[derive(Default)]
pub struct OAuthState {
    pub tokens: HashMap<String, Token>,
    pub codes: HashMap<String, Code>,
    /// Everything each account granted each client, for `include_granted_scopes`.
    pub grants: HashMap<(usize, String), BTreeSet<String>>,
    pub pending: HashMap<String, Pending>,
}

impl OAuthState {
    /// The token if it is neither expired nor revoked.
    pub fn live(&self, token: &str) -> Option<&Token> {
        self.tokens
            .get(token)
            .filter(|t| !t.revoked && t.expires > Instant::now())
    }

    pub fn expire(&mut self, token: &str) {
        if let Some(t) = self.tokens.get_mut(token) {
            t.expires = Instant::now();
            t.expires_at = chrono::Utc::now().timestamp();
        }
    }

    pub fn expire_all(&mut self) {
        let now = Instant::now();
        let epoch = chrono::Utc::now().timestamp();
        for t in self.tokens.values_mut() {
            if t.expires > now {
                t.expires = now;
                t.expires_at = epoch;
            }
        }
    }

    pub fn issue(
        &mut self,
        rng: &mut Rng,
        account: usize,
        client: &str,
        scopes: Vec<String>,
        ttl: Duration,
    ) -> String {
        let token = format!("ya29.a0{}", rng.token(120));
        self.tokens.insert(
            token.clone(),
            Token {
                account,
                client: client.to_string(),
                scopes,
                expires: Instant::now() + ttl,
                expires_at: chrono::Utc::now().timestamp() + ttl.as_secs() as i64,
                revoked: false,
            },
        );
        token
    }

    /// Revoking any token revokes the whole grant, as at Google: every token of that
    /// account for that client dies and the remembered scopes are forgotten.
    pub fn revoke_grant(&mut self, account: usize, client: &str) {
        for t in self
            .tokens
            .values_mut()
            .filter(|t| t.account == account && t.client == client)
        {
            t.revoked = true;
        }
        self.grants.remove(&(account, client.to_string()));
    }

    /// Records a grant and returns the scopes the new token carries.
    pub fn grant(
        &mut self,
        account: usize,
        client: &str,
        scopes: &[String],
        include_granted: bool,
    ) -> Vec<String> {
        let remembered = self
            .grants
            .entry((account, client.to_string()))
            .or_default();
        remembered.extend(scopes.iter().cloned());
        if include_granted {
            remembered.iter().cloned().collect()
        } else {
            let set: BTreeSet<String> = scopes.iter().cloned().collect();
            set.into_iter().collect()
        }
    }
}

/// Maps a requested scope to the one Google grants (`email` -> userinfo.email, ...),
/// or `None` when no API knows it.
pub fn normalize_scope(scope: &str) -> Option<String> {
    match scope {
        "openid" => Some("openid".into()),
        "email" => Some(EMAIL_SCOPE.into()),
        "profile" => Some(PROFILE_SCOPE.into()),
        s if discovery::scopes().contains_key(s) => Some(s.into()),
        _ => None,
    }
}

/// Scopes Google grants without asking (sign-in itself); the rest are checkboxes.
pub fn is_basic(scope: &str) -> bool {
    matches!(scope, "openid") || scope == EMAIL_SCOPE || scope == PROFILE_SCOPE
}

pub fn describe(scope: &str) -> String {
    match scope {
        "openid" => "Associate you with your personal info on Google".into(),
        EMAIL_SCOPE => "See your primary Google Account email address".into(),
        PROFILE_SCOPE => {
            "See your personal info, including any personal info you've made publicly available"
                .into()
        }
        s => discovery::scopes()
            .get(s)
            .cloned()
            .unwrap_or_else(|| s.to_string()),
    }
}

pub fn avatar_url(base: &str, account: usize) -> String {
    format!("{base}/_sandbox/avatar/{}.svg", ACCOUNTS[account].sub)
}

/// An OpenID id_token. Signed with no real key (the sandbox has none Google's libraries
/// would trust), so clients must treat it as unverified, as a browser app does anyway.
pub fn id_token(
    base: &str,
    account: usize,
    client: &str,
    scopes: &[String],
    nonce: Option<&str>,
    ttl: u64,
) -> String {
    let a = &ACCOUNTS[account];
    let now = chrono::Utc::now().timestamp();
    let mut claims = json!({
        "iss": "https://accounts.google.com",
        "azp": client,
        "aud": client,
        "sub": a.sub,
        "iat": now,
        "exp": now + ttl as i64,
    });
    if scopes.iter().any(|s| s == EMAIL_SCOPE) {
        claims["email"] = json!(a.email);
        claims["email_verified"] = json!(true);
    }
    if scopes.iter().any(|s| s == PROFILE_SCOPE) {
        claims["name"] = json!(a.name);
        claims["picture"] = json!(avatar_url(base, account));
    }
    if let Some(nonce) = nonce {
        claims["nonce"] = json!(nonce);
    }
    let header = b64url(br#"{"alg":"RS256","kid":"satchel-sandbox","typ":"JWT"}"#);
    let payload = b64url(claims.to_string().as_bytes());
    let signature = b64url(&crate::util::sha256(
        format!("{header}.{payload}").as_bytes(),
    ));
    format!("{header}.{payload}.{signature}")
}
