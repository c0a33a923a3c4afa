//! Who the token belongs to: OpenID Connect's `/v1/userinfo`, and the oauth2 v2
//! Discovery methods `userinfo.get`, `userinfo.v2.me.get` and `tokeninfo`.

use axum::body::Body;
use axum::http::{header, HeaderValue, Response};
use serde_json::{json, Value};

use crate::errors::{ApiError, REALM};
use crate::handler::{bearer, Ctx, Reply};
use crate::handler::{json, Req};
use crate::oauth::{avatar_url, EMAIL_SCOPE, PROFILE_SCOPE};
use crate::state::Shared;
use crate::ACCOUNTS;

fn has(scopes: &[String], scope: &str) -> bool {
    scopes.iter().any(|s| s == scope)
}

fn names(account: usize) -> (String, String) {
    let name = ACCOUNTS[account].name;
    let (given, family) = name.split_once(' ').unwrap_or((name, ""));
    (given.to_string(), family.to_string())
}

/// OpenID Connect userinfo, with its own flat errors rather than the API error shape.
pub fn openid(shared: &Shared, req: &Req) -> Response<Body> {
    let unauthorized = |error: &str, description: &str, challenge: String| {
        let mut r = json(
            401,
            &json!({ "error": error, "error_description": description }),
        );
        if let Ok(v) = HeaderValue::from_str(&challenge) {
            r.headers_mut().insert(header::WWW_AUTHENTICATE, v);
        }
        r
    };
    let Some(token) = bearer(&req.headers, &req.query).filter(|t| !t.is_empty()) else {
        return unauthorized("invalid_request", "Invalid Credentials", REALM.to_string());
    };
    let data = shared.data();
    let Some(t) = data.oauth.live(&token) else {
        return unauthorized(
            "invalid_token",
            "Invalid Credentials",
            format!("{REALM}, error=\"invalid_token\""),
        );
    };
    if !["openid", EMAIL_SCOPE, PROFILE_SCOPE]
        .iter()
        .any(|s| has(&t.scopes, s))
    {
        let mut r = json(
            403,
            &json!({ "error": "insufficient_scope", "error_description": "Insufficient Permission" }),
        );
        let challenge = format!(
            "{REALM}, error=\"insufficient_scope\", scope=\"openid {EMAIL_SCOPE} {PROFILE_SCOPE}\""
        );
        if let Ok(v) = HeaderValue::from_str(&challenge) {
            r.headers_mut().insert(header::WWW_AUTHENTICATE, v);
        }
        return r;
    }
    let a = &ACCOUNTS[t.account];
    let mut body = json!({ "sub": a.sub });
    if has(&t.scopes, PROFILE_SCOPE) {
        let (given, family) = names(t.account);
        body["name"] = json!(a.name);
        body["given_name"] = json!(given);
        body["family_name"] = json!(family);
        body["picture"] = json!(avatar_url(&shared.url, t.account));
    }
    if has(&t.scopes, EMAIL_SCOPE) {
        body["email"] = json!(a.email);
        body["email_verified"] = json!(true);
    }
    json(200, &body)
}

/// `oauth2.userinfo.get` and `oauth2.userinfo.v2.me.get` (the `Userinfo` schema).
pub fn v2(ctx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let a = &ACCOUNTS[ctx.account];
    let mut body = json!({ "id": a.sub });
    if has(&ctx.scopes, EMAIL_SCOPE) {
        body["email"] = json!(a.email);
        body["verified_email"] = json!(true);
    }
    if has(&ctx.scopes, PROFILE_SCOPE) {
        let (given, family) = names(ctx.account);
        body["name"] = json!(a.name);
        body["given_name"] = json!(given);
        body["family_name"] = json!(family);
        body["picture"] = json!(avatar_url(&ctx.shared.url, ctx.account));
    }
    Ok(Reply::Json(body))
}

/// `oauth2.tokeninfo` (the `Tokeninfo` schema): needs no credentials, only the token to inspect.
pub fn tokeninfo_v2(ctx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let token = ctx.q("access_token").unwrap_or_default().to_string();
    let data = ctx.data();
    let t = data
        .oauth
        .live(&token)
        .ok_or_else(|| ApiError::bad_request("Invalid Value"))?;
    let a = &ACCOUNTS[t.account];
    let mut body: Value = json!({
        "issued_to": t.client,
        "audience": t.client,
        "user_id": a.sub,
        "scope": t.scopes.join(" "),
        "expires_in": (t.expires_at - chrono::Utc::now().timestamp()).max(0),
    });
    if has(&t.scopes, EMAIL_SCOPE) {
        body["email"] = json!(a.email);
        body["verified_email"] = json!(true);
    }
    Ok(Reply::Json(body))
}
