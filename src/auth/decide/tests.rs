use super::*;

const SEND_SCOPE: &str = "https://www.googleapis.com/auth/gmail.compose";
const NOW: i64 = 1_000_000;

fn session(scope: &str, expires_in: u64) -> Session {
    Session::new("tok".into(), expires_in, Some(scope), &[], NOW)
}

#[test]
fn a_call_goes_out_only_with_a_live_session_that_has_the_scope() {
    let live = session(SEND_SCOPE, 3600);
    assert_eq!(
        before_call(Some(&live), Feature::Send, false, NOW, 0),
        Before::Send("tok".into())
    );
    assert_eq!(
        before_call(None, Feature::Send, false, NOW, 0),
        Before::SignedOut
    );
    assert_eq!(
        before_call(Some(&live), Feature::Agenda, false, NOW, 0),
        Before::NeedsScope
    );
    // A 401 seen elsewhere, or the clock past expiry: renew first.
    assert_eq!(
        before_call(Some(&live), Feature::Send, true, NOW, 0),
        Before::Renew
    );
    let over = session(SEND_SCOPE, 10);
    assert_eq!(
        before_call(Some(&over), Feature::Send, false, NOW + 3_600_000, 1),
        Before::Renew
    );
    // Renewed twice and still refused: give up rather than loop.
    assert_eq!(
        before_call(Some(&over), Feature::Send, true, NOW, MAX_RENEWALS),
        Before::SignedOut
    );
}

#[test]
fn answers_that_concern_the_session() {
    assert_eq!(after_reply(401, None, ""), After::Renew);
    assert_eq!(
        after_reply(403, Some("Bearer error=\"insufficient_scope\""), ""),
        After::NeedsScope
    );
    let body = r#"{"error":{"code":403,"message":"Request had insufficient authentication scopes.","status":"PERMISSION_DENIED","errors":[{"reason":"insufficientPermissions"}]}}"#;
    assert_eq!(after_reply(403, None, body), After::NeedsScope);
    // Other 403s (a read-only calendar, a rate limit) are the caller's to show.
    let read_only = r#"{"error":{"code":403,"message":"You need to have writer access to this calendar.","errors":[{"reason":"requiredAccessLevel"}]}}"#;
    assert_eq!(after_reply(403, None, read_only), After::Done);
    assert_eq!(after_reply(200, None, "{}"), After::Done);
    assert_eq!(after_reply(503, None, ""), After::Done);
}

#[test]
fn whose_token_came_back() {
    let ada = Identity {
        sub: Some("1".into()),
        email: Some("ada@example.com".into()),
    };
    let bob = Identity {
        sub: Some("2".into()),
        email: Some("bob@example.com".into()),
    };
    assert_eq!(
        whose_token(None, Some(&ada)),
        Answered::Account(AccountChange::First)
    );
    assert_eq!(
        whose_token(Some(&ada), Some(&ada)),
        Answered::Account(AccountChange::Same)
    );
    assert_eq!(
        whose_token(Some(&ada), Some(&bob)),
        Answered::Account(AccountChange::Different)
    );
    // userinfo failed: a first sign-in goes ahead, a renewal of a known account does not.
    assert_eq!(
        whose_token(None, None),
        Answered::Account(AccountChange::First)
    );
    assert_eq!(whose_token(Some(&ada), None), Answered::Unverified);
    assert_eq!(
        whose_token(Some(&Identity::default()), None),
        Answered::Account(AccountChange::First)
    );
}

#[test]
fn refused_permissions_in_one_sentence() {
    assert_eq!(refused_message(&[]), None);
    let text = refused_message(&[Feature::Send, Feature::Agenda]).unwrap_or_default();
    assert!(text.starts_with("Google did not grant every permission"));
    assert!(text.contains(&format!(
        "{}, nor {}",
        Feature::Send.purpose(),
        Feature::Agenda.purpose()
    )));
}

#[test]
fn a_sign_in_returns_only_to_a_path_inside_the_app() {
    assert_eq!(safe_return_route("/calendar"), Some("/calendar"));
    assert_eq!(
        safe_return_route("/mail/message/abc"),
        Some("/mail/message/abc")
    );
    for hostile in [
        "//evil.example/x",
        "https://evil.example/",
        "javascript:alert(1)",
        "/\\evil.example",
        "",
    ] {
        assert_eq!(safe_return_route(hostile), None, "{hostile}");
    }
}

#[test]
fn routes_are_read_relative_to_the_base() {
    assert_eq!(route_within("/satchel/calendar", "/satchel"), "/calendar");
    assert_eq!(route_within("/satchel", "/satchel"), "");
    assert_eq!(route_within("/calendar", ""), "/calendar");
    // A longer name is not inside the base.
    assert_eq!(route_within("/satchelx/mail", "/satchel"), "/satchelx/mail");
}
