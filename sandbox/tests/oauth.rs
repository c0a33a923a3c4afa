//! The OAuth server: both flows and Google's validation of them, and the consent page (its
//! accounts, scopes, checkboxes and Cross-Origin-Opener-Policy).

mod common;

use common::*;
use satchel_sandbox::{Options, DEMO_CLIENT_ID};

#[tokio::test]
async fn implicit_flow_returns_token_in_fragment_with_state_and_scopes() {
    let t = start().await;
    let p = t
        .implicit(
            "ada@satchel.test",
            &format!("openid email {GMAIL_READ}"),
            &[],
        )
        .await;
    assert_eq!(get(&p, "state"), Some("s1"));
    assert_eq!(get(&p, "token_type"), Some("Bearer"));
    assert_eq!(get(&p, "expires_in"), Some("3600"));
    let scope = get(&p, "scope").unwrap();
    // `email` is granted as its full URL, as Google does.
    for s in [
        "openid",
        "https://www.googleapis.com/auth/userinfo.email",
        GMAIL_READ,
    ] {
        assert!(scope.split(' ').any(|x| x == s), "{scope}");
    }
    let token = get(&p, "access_token").unwrap();
    let (status, info) = t
        .get_json(&format!("/tokeninfo?access_token={token}"), "")
        .await;
    assert_eq!(status, 200);
    assert_eq!(info["aud"], DEMO_CLIENT_ID);
    assert_eq!(info["email"], "ada@satchel.test");
    assert_eq!(info["email_verified"], "true");
    assert!(info["exp"].as_str().unwrap().parse::<i64>().is_ok());
}

#[tokio::test]
async fn consent_page_has_accounts_scopes_and_buttons() {
    let t = start().await;
    let (status, html) = t
        .consent_page(&auth_params(
            "token",
            &format!("openid {GMAIL_SEND}"),
            &[("login_hint", "grace@satchel.test")],
        ))
        .await;
    assert_eq!(status, 200);
    assert!(html.contains("id=\"allow\"") && html.contains("id=\"deny\""));
    assert!(
        html.contains("value=\"grace@satchel.test\" checked"),
        "login_hint preselects"
    );
    assert!(
        html.contains("Send email on your behalf"),
        "scope in plain words"
    );
}

#[tokio::test]
async fn deny_redirects_with_access_denied() {
    let t = start().await;
    let (_, html) = t
        .consent_page(&auth_params("token", GMAIL_READ, &[("state", "zz")]))
        .await;
    let location = t.decide(&html, "ada@satchel.test", false, &[]).await;
    assert!(
        location.starts_with("http://127.0.0.1:8080/#"),
        "{location}"
    );
    let p = pairs(location.split_once('#').unwrap().1);
    assert_eq!(get(&p, "error"), Some("access_denied"));
    assert_eq!(get(&p, "state"), Some("zz"));
}

#[tokio::test]
async fn pkce_code_flow_accepts_right_verifier_and_rejects_wrong_and_reuse() {
    let t = start().await;
    let code = t.code(&format!("openid email {GMAIL_READ}")).await;
    let wrong = exchange_fields(
        &code,
        &[(
            "code_verifier",
            "not-the-verifier-not-the-verifier-not-the-veri",
        )],
    );
    let (status, body) = t.exchange(&wrong).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant")),
        "{body}"
    );

    let right = exchange_fields(&code, &[]);
    let (status, body) = t.exchange(&right).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["token_type"], "Bearer");
    assert!(body["access_token"].as_str().unwrap().starts_with("ya29."));
    assert!(body.get("refresh_token").is_none());
    assert!(body["id_token"].as_str().unwrap().split('.').count() == 3);
    let token = body["access_token"].as_str().unwrap();
    let (status, _) = t.get_json("/gmail/v1/users/me/profile", token).await;
    assert_eq!(status, 200);

    let (status, body) = t.exchange(&right).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant")),
        "reused code: {body}"
    );
}

#[tokio::test]
async fn code_flow_requires_s256_challenge() {
    let t = start().await;
    for extra in [
        vec![],
        vec![
            ("code_challenge", CHALLENGE),
            ("code_challenge_method", "plain"),
        ],
        vec![("code_challenge", CHALLENGE)],
    ] {
        let mut params = auth_params("code", GMAIL_READ, &[("state", "q")]);
        params.extend(extra);
        let r = t.authorize(&params, None).await;
        assert_eq!(r.status().as_u16(), 302);
        let location = location(&r);
        let p = pairs(location.split_once('?').unwrap().1);
        assert_eq!(get(&p, "error"), Some("invalid_request"), "{location}");
        assert_eq!(get(&p, "state"), Some("q"));
    }
}

#[tokio::test]
async fn token_endpoint_checks_redirect_uri_and_client() {
    let t = start().await;
    let code = t.code(GMAIL_READ).await;
    let unregistered = [("redirect_uri", "http://127.0.0.1:8080")];
    let (status, body) = t.exchange(&exchange_fields(&code, &unregistered)).await;
    assert_eq!(status, 400);
    assert_eq!(body["error"], "redirect_uri_mismatch");
    let other = [("client_id", "other.apps")];
    let (status, body) = t.exchange(&exchange_fields(&code, &other)).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (401, Some("invalid_client"))
    );
    // The failed attempts did not burn the code.
    let (status, _) = t.exchange(&exchange_fields(&code, &[])).await;
    assert_eq!(status, 200);
}

/// The token request for `code` with the right verifier, `extra` replacing or adding fields.
fn exchange_fields<'a>(code: &'a str, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("grant_type", "authorization_code"),
        ("client_id", DEMO_CLIENT_ID),
        ("redirect_uri", REDIRECT),
        ("code", code),
        ("code_verifier", VERIFIER),
    ];
    for &(name, value) in extra {
        if let Some(field) = fields.iter_mut().find(|(k, _)| *k == name) {
            field.1 = value;
        }
    }
    fields
}

#[tokio::test]
async fn redirect_mismatch_and_unknown_client_are_error_pages_not_redirects() {
    let t = start().await;
    // Missing trailing slash: not the registered URI.
    let page = |extra: &'static [(&'static str, &'static str)]| {
        let t = &t;
        async move {
            t.consent_page(&auth_params("token", GMAIL_READ, extra))
                .await
        }
    };
    let (status, html) = page(&[("redirect_uri", "http://127.0.0.1:8080")]).await;
    assert_eq!(status, 400);
    assert!(html.contains("Error 400: redirect_uri_mismatch"), "{html}");
    // Another port.
    let (status, _) = page(&[("redirect_uri", "http://127.0.0.1:8081/")]).await;
    assert_eq!(status, 400);
    let (status, html) = page(&[("client_id", "nobody.apps.googleusercontent.com")]).await;
    assert_eq!(status, 401);
    assert!(html.contains("Error 401: invalid_client"));
}

#[tokio::test]
async fn extra_redirect_uris_are_registered_exactly() {
    let t = start_with(Options {
        redirect_uris: vec!["http://127.0.0.1:8080/satchel/".into()],
        ..Options::default()
    })
    .await;
    for (uri, status) in [
        ("http://127.0.0.1:8080/satchel/", 200),
        ("http://127.0.0.1:8080/satchel", 400),
    ] {
        let params = auth_params("token", GMAIL_READ, &[("redirect_uri", uri)]);
        assert_eq!(t.consent_page(&params).await.0, status, "{uri}");
    }
}

#[tokio::test]
async fn unknown_scope_and_response_type_redirect_with_errors() {
    let t = start().await;
    let nope = "https://www.googleapis.com/auth/nope";
    let params = auth_params("token", nope, &[("state", "x")]);
    let refused = location(&t.authorize(&params, None).await);
    assert!(
        refused.contains("error=invalid_scope") && refused.contains("state=x"),
        "{refused}"
    );
    let params = auth_params("id_token", GMAIL_READ, &[]);
    let r = t.authorize(&params, None).await;
    assert!(location(&r).contains("error=unsupported_response_type"));
}

/// The consent page's checkbox for `scope` (its `<input …>` tag), if it has one.
fn checkbox_of<'a>(html: &'a str, scope: &str) -> Option<&'a str> {
    html.split("<li ")
        .find(|li| li.starts_with(&format!("data-scope=\"{scope}\"")))
        .and_then(|li| li.split("<input type=\"checkbox\"").nth(1))
        .and_then(|input| input.split('>').next())
}

#[tokio::test]
async fn consent_boxes_start_unticked_when_more_than_one_scope_is_asked() {
    let t = start().await;
    let page = |scope: String| {
        let t = &t;
        async move { t.consent_page(&auth_params("token", &scope, &[])).await.1 }
    };
    let two = page(format!("openid email {GMAIL_READ} {CAL_READ}")).await;
    let read = checkbox_of(&two, GMAIL_READ).expect("a box for gmail.readonly");
    let cal = checkbox_of(&two, CAL_READ).expect("a box for calendar.readonly");
    assert!(
        !read.contains("checked") && !cal.contains("checked"),
        "{two}"
    );
    let one = page(format!("openid email {GMAIL_READ}")).await;
    assert!(
        checkbox_of(&one, GMAIL_READ).is_some_and(|b| b.contains(" checked")),
        "a single permission is pre-ticked: {one}"
    );

    // Once granted, a scope is listed as already allowed (no box) and granted again
    // without a tick; the one new scope then has the only box, pre-ticked.
    let location = t
        .decide(
            &one,
            "ada@satchel.test",
            true,
            &[("granular", "1"), ("scope", GMAIL_READ)],
        )
        .await;
    assert!(location.contains("access_token="));
    let again = page(format!("openid email {GMAIL_READ} {CAL_READ}")).await;
    assert!(checkbox_of(&again, GMAIL_READ).is_none(), "{again}");
    assert!(again.contains("(already allowed)"));
    assert!(checkbox_of(&again, CAL_READ).is_some_and(|b| b.contains(" checked")));
    let location = t
        .decide(&again, "ada@satchel.test", true, &[("granular", "1")])
        .await;
    let p = pairs(location.split_once('#').unwrap().1);
    let scope = get(&p, "scope").unwrap_or_default();
    assert!(scope.split(' ').any(|s| s == GMAIL_READ), "{scope}");
    assert!(
        !scope.split(' ').any(|s| s == CAL_READ),
        "unticked: {scope}"
    );
}

#[tokio::test]
async fn sign_in_pages_carry_the_configured_coop() {
    let params = auth_params("token", "openid email", &[]);
    for (coop, name, present) in [
        (
            satchel_sandbox::Coop::default(),
            "cross-origin-opener-policy-report-only",
            true,
        ),
        (
            satchel_sandbox::Coop::Enforced,
            "cross-origin-opener-policy",
            true,
        ),
        (
            satchel_sandbox::Coop::Off,
            "cross-origin-opener-policy",
            false,
        ),
    ] {
        let t = start_with(Options {
            coop,
            ..Options::default()
        })
        .await;
        let r = t.authorize(&params, None).await;
        let header = r
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let html = r.text().await.unwrap_or_default();
        assert_eq!(header.is_some(), present, "{coop:?}");
        if present {
            assert_eq!(header.as_deref(), Some("same-origin"));
        }
        if coop == satchel_sandbox::Coop::Enforced {
            assert!(r_headers_lack_report_only(&t, &params).await);
        }
        let decision = t.decision(&html, "ada@satchel.test", true, &[]).await;
        assert_eq!(decision.status().as_u16(), 302);
        assert_eq!(
            decision.headers().get(name).is_some(),
            present,
            "the redirect too"
        );
    }
}

async fn r_headers_lack_report_only(t: &T, params: &[(&str, &str)]) -> bool {
    let r = t.authorize(params, None).await;
    r.headers()
        .get("cross-origin-opener-policy-report-only")
        .is_none()
}
