//! `POST /token` (authorization code + PKCE), `POST /revoke` and `/tokeninfo`, with
//! Google's flat JSON errors (`{"error":"invalid_grant","error_description":"..."}`).

use axum::body::Body;
use axum::http::{header, Response};
use serde_json::json;

use crate::errors::oauth_error;
use crate::handler::{json, Req};
use crate::oauth::{id_token, CODE_TTL, EMAIL_SCOPE};
use crate::state::Shared;
use crate::util::{b64url, form_get, parse_form, sha256};
use crate::ACCOUNTS;

/// The form fields of a POST, or its JSON object's string fields (Google takes both).
fn fields(req: &Req) -> Vec<(String, String)> {
    let is_json = req
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/json"));
    if is_json {
        serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(&req.body)
            .map(|m| {
                m.into_iter()
                    .filter_map(|(k, v)| v.as_str().map(|s| (k, s.to_string())))
                    .collect()
            })
            .unwrap_or_default()
    } else {
        parse_form(&req.body)
    }
}

pub fn token(shared: &Shared, req: &Req) -> Response<Body> {
    let form = fields(req);
    let get = |name: &str| {
        form_get(&form, name)
            .or_else(|| req.query(name))
            .unwrap_or_default()
    };
    let grant_type = get("grant_type");
    if grant_type.is_empty() {
        return oauth_error(400, "unsupported_grant_type", "Invalid grant_type: ");
    }
    if grant_type == "refresh_token" {
        // This client never receives refresh tokens, so there is none that could be valid.
        return oauth_error(400, "invalid_grant", "Bad Request");
    }
    if grant_type != "authorization_code" {
        return oauth_error(
            400,
            "unsupported_grant_type",
            &format!("Invalid grant_type: {grant_type}"),
        );
    }
    let client = get("client_id");
    if client.is_empty() {
        return oauth_error(
            400,
            "invalid_request",
            "Could not determine client ID from request.",
        );
    }
    if !shared.client_known(client) {
        return oauth_error(401, "invalid_client", "The OAuth client was not found.");
    }
    let code = get("code");
    if code.is_empty() {
        return oauth_error(400, "invalid_request", "Missing required parameter: code");
    }
    let ttl = shared.opts.token_ttl;
    let mut data = shared.data();
    let data = &mut *data;
    let Some(record) = data.oauth.codes.get(code) else {
        return oauth_error(400, "invalid_grant", "Malformed auth code.");
    };
    if record.used {
        return oauth_error(400, "invalid_grant", "Code was already redeemed.");
    }
    if record.created.elapsed() > CODE_TTL {
        return oauth_error(400, "invalid_grant", "Code has expired.");
    }
    if record.client != client {
        return oauth_error(400, "invalid_grant", "Bad Request");
    }
    if record.redirect_uri != get("redirect_uri") {
        return oauth_error(400, "redirect_uri_mismatch", "Bad Request");
    }
    let verifier = get("code_verifier");
    if verifier.is_empty() {
        return oauth_error(400, "invalid_grant", "Missing code verifier.");
    }
    if b64url(&sha256(verifier.as_bytes())) != record.challenge {
        return oauth_error(400, "invalid_grant", "Invalid code verifier.");
    }
    let (account, scopes, nonce) = (record.account, record.scopes.clone(), record.nonce.clone());
    if let Some(r) = data.oauth.codes.get_mut(code) {
        r.used = true;
    }
    let access = data
        .oauth
        .issue(&mut data.rng, account, client, scopes.clone(), ttl);
    let mut body = json!({
        "access_token": access,
        "expires_in": ttl.as_secs(),
        "scope": scopes.join(" "),
        "token_type": "Bearer",
    });
    if scopes.iter().any(|s| s == "openid") {
        body["id_token"] = json!(id_token(
            &shared.url,
            account,
            client,
            &scopes,
            nonce.as_deref(),
            ttl.as_secs()
        ));
    }
    let mut response = json(200, &body);
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    response
}

pub fn revoke(shared: &Shared, req: &Req) -> Response<Body> {
    let form = fields(req);
    let token = form_get(&form, "token")
        .or_else(|| req.query("token"))
        .unwrap_or_default()
        .to_string();
    let mut data = shared.data();
    let Some((account, client)) = data
        .oauth
        .live(&token)
        .map(|t| (t.account, t.client.clone()))
    else {
        return oauth_error(400, "invalid_token", "Token expired or revoked");
    };
    data.oauth.revoke_grant(account, &client);
    json(200, &json!({}))
}

pub fn tokeninfo(shared: &Shared, req: &Req) -> Response<Body> {
    let form = fields(req);
    let token = form_get(&form, "access_token")
        .or_else(|| req.query("access_token"))
        .unwrap_or_default();
    let data = shared.data();
    let Some(t) = data.oauth.live(token) else {
        return oauth_error(400, "invalid_token", "Invalid Value");
    };
    let a = &ACCOUNTS[t.account];
    let now = chrono::Utc::now().timestamp();
    // Google answers numbers and booleans here as strings.
    let mut body = json!({
        "azp": t.client,
        "aud": t.client,
        "sub": a.sub,
        "scope": t.scopes.join(" "),
        "exp": t.expires_at.to_string(),
        "expires_in": (t.expires_at - now).max(0).to_string(),
        "access_type": "online",
    });
    if t.scopes.iter().any(|s| s == EMAIL_SCOPE) {
        body["email"] = json!(a.email);
        body["email_verified"] = json!("true");
    }
    json(200, &body)
}
