//! What an OAuth grant allows: scope enforcement, missing and malformed credentials, token
//! lifetime, revocation, incremental authorization, unticked scopes, `prompt=none`,
//! tokeninfo and userinfo.

mod common;

use std::time::Duration;

use common::*;
use reqwest::Method;
use satchel_sandbox::Options;

#[tokio::test]
async fn scope_enforcement_gives_403_with_www_authenticate() {
    let t = start().await;
    let token = t.token(CAL_READ).await;
    let r = t
        .raw_call(Method::GET, "/gmail/v1/users/me/messages", &token, None)
        .await;
    assert_eq!(r.status().as_u16(), 403);
    let challenge = r.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        challenge.starts_with(
            "Bearer realm=\"https://accounts.google.com/\", error=\"insufficient_scope\", scope=\""
        ),
        "{challenge}"
    );
    assert!(challenge.contains(GMAIL_READ));
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["error"]["status"], "PERMISSION_DENIED");
    assert_eq!(
        body["error"]["message"],
        "Request had insufficient authentication scopes."
    );
    assert_eq!(
        body["error"]["errors"][0]["reason"],
        "insufficientPermissions"
    );
    // The same token works where its scope is accepted.
    assert_eq!(
        t.get_json("/calendar/v3/users/me/calendarList", &token)
            .await
            .0,
        200
    );
    // A read-only token cannot send.
    let token = t.token(GMAIL_READ).await;
    let (status, _) = t
        .call(
            Method::POST,
            "/gmail/v1/users/me/messages/send",
            &token,
            Some(serde_json::json!({"raw": "eA"})),
        )
        .await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn missing_and_malformed_credentials_are_401() {
    let t = start().await;
    let r = t
        .raw_call(Method::GET, "/gmail/v1/users/me/profile", "", None)
        .await;
    assert_eq!(r.status().as_u16(), 401);
    assert_eq!(
        r.headers()["www-authenticate"],
        "Bearer realm=\"https://accounts.google.com/\""
    );
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["error"]["status"], "UNAUTHENTICATED");
    let r = t
        .http
        .get(format!("{}/gmail/v1/users/me/profile", t.url))
        .header("authorization", "Basic abc")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 401);
    let (status, body) = t
        .get_json("/gmail/v1/users/me/profile", "ya29.made-up")
        .await;
    assert_eq!(status, 401);
    assert_eq!(body["error"]["errors"][0]["reason"], "authError");
    assert_eq!(body["error"]["errors"][0]["message"], "Invalid Credentials");
}

#[tokio::test]
async fn tokens_expire_after_ttl_and_on_demand() {
    let t = start_with(Options {
        token_ttl: Duration::from_secs(1),
        ..Options::default()
    })
    .await;
    let p = t.implicit("ada@satchel.test", GMAIL_READ, &[]).await;
    assert_eq!(get(&p, "expires_in"), Some("1"));
    let token = get(&p, "access_token").unwrap().to_string();
    assert_eq!(
        t.get_json("/gmail/v1/users/me/profile", &token).await.0,
        200
    );
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let (status, body) = t.get_json("/gmail/v1/users/me/profile", &token).await;
    assert_eq!(status, 401);
    assert_eq!(body["error"]["status"], "UNAUTHENTICATED");
    let (status, body) = t
        .get_json(&format!("/tokeninfo?access_token={token}"), "")
        .await;
    assert_eq!(status, 400);
    assert_eq!(body["error_description"], "Invalid Value");

    let t = start().await;
    let token = t.token(GMAIL_READ).await;
    t.sb.expire_all_tokens();
    assert_eq!(
        t.get_json("/gmail/v1/users/me/profile", &token).await.0,
        401
    );
    let token = t.token(GMAIL_READ).await;
    assert_eq!(t.control("expire", None).await.status().as_u16(), 200);
    assert_eq!(
        t.get_json("/gmail/v1/users/me/profile", &token).await.0,
        401
    );
}

#[tokio::test]
async fn revocation_kills_the_token() {
    let t = start().await;
    let token = t.token(GMAIL_READ).await;
    let fields = [("token", token.as_str())];
    let revoke = || t.form_post("/revoke", &fields);
    let r = revoke().await;
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(
        t.get_json("/gmail/v1/users/me/profile", &token).await.0,
        401
    );
    let r = revoke().await;
    assert_eq!(r.status().as_u16(), 400);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["error"], "invalid_token");
}

#[tokio::test]
async fn include_granted_scopes_accumulates() {
    let t = start().await;
    let first = t.implicit("ada@satchel.test", GMAIL_READ, &[]).await;
    assert_eq!(get(&first, "scope"), Some(GMAIL_READ));
    let without = t.implicit("ada@satchel.test", CAL_READ, &[]).await;
    assert_eq!(get(&without, "scope"), Some(CAL_READ));
    let with = t
        .implicit(
            "ada@satchel.test",
            GMAIL_SEND,
            &[("include_granted_scopes", "true")],
        )
        .await;
    let scope = get(&with, "scope").unwrap();
    for s in [GMAIL_READ, CAL_READ, GMAIL_SEND] {
        assert!(scope.split(' ').any(|x| x == s), "{scope}");
    }
    let token = get(&with, "access_token").unwrap();
    assert_eq!(t.get_json("/calendar/v3/colors", token).await.0, 200);
    // Grace has granted nothing: her union is just what she asks for.
    let grace = t
        .implicit(
            "grace@satchel.test",
            GMAIL_SEND,
            &[("include_granted_scopes", "true")],
        )
        .await;
    assert_eq!(get(&grace, "scope"), Some(GMAIL_SEND));
}

#[tokio::test]
async fn unticked_scopes_are_not_granted() {
    let t = start().await;
    let (_, html) = t
        .consent_page(&auth_params(
            "token",
            &format!("openid {GMAIL_READ} {CAL_READ}"),
            &[],
        ))
        .await;
    // Tick only the calendar scope (the page posts `granular=1` and the ticked boxes).
    let location = t
        .decide(
            &html,
            "ada@satchel.test",
            true,
            &[("granular", "1"), ("scope", CAL_READ)],
        )
        .await;
    let p = pairs(location.split_once('#').unwrap().1);
    assert_eq!(get(&p, "scope"), Some(&*format!("{CAL_READ} openid")));
}

#[tokio::test]
async fn prompt_none_is_silent_only_after_consent_in_this_browser() {
    let t = start().await;
    let params = auth_params("token", GMAIL_READ, &[("prompt", "none")]);
    let r = t.authorize(&params, None).await;
    assert!(location(&r).contains("error=login_required"));
    // Consent once, keeping the session cookie the decision sets.
    let (_, html) = t.consent_page(&params[..4]).await;
    let r = t.decision(&html, "ada@satchel.test", true, &[]).await;
    let cookie = r.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let silent = location(&t.authorize(&params, Some(&cookie)).await);
    assert!(silent.contains("access_token="), "{silent}");
    let mut more = params.to_vec();
    more[3] = ("scope", GMAIL_SEND);
    let r = t.authorize(&more, Some(&cookie)).await;
    assert!(location(&r).contains("error=consent_required"));
}

#[tokio::test]
async fn userinfo_endpoints() {
    let t = start().await;
    let token = t.token("openid email profile").await;
    let (status, body) = t.get_json("/v1/userinfo", &token).await;
    assert_eq!(status, 200);
    assert_eq!(body["email"], "ada@satchel.test");
    assert_eq!(body["email_verified"], true);
    assert_eq!(body["name"], "Ada Lovelace");
    assert!(body["sub"].is_string() && body["picture"].is_string());
    let (status, body) = t.get_json("/oauth2/v2/userinfo", &token).await;
    assert_eq!(status, 200);
    assert_eq!(body["verified_email"], true);
    assert_eq!(body["id"], body["id"].as_str().unwrap());
    let picture = body["picture"].as_str().unwrap();
    let r = t.http.get(picture).send().await.unwrap();
    assert_eq!(r.headers()["content-type"], "image/svg+xml");

    let token = t.token(GMAIL_READ).await;
    assert_eq!(t.get_json("/v1/userinfo", &token).await.0, 403);
    assert_eq!(t.get_json("/oauth2/v2/userinfo", &token).await.0, 403);
    assert_eq!(t.get_json("/v1/userinfo", "").await.0, 401);
}
