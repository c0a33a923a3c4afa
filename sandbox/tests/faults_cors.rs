//! Injected faults (every kind) and CORS (preflights, and headers on errors).

mod common;

use std::time::{Duration, Instant};

use common::*;
use reqwest::Method;
use satchel_sandbox::FaultKind;
use serde_json::{json, Value};

const HELLO: &[u8] = b"To: bob@example.com\r\nSubject: hi\r\n\r\nhello";

fn send_body() -> Value {
    json!({ "raw": b64url(HELLO) })
}

/// How many messages the sandbox has sent.
fn sent(t: &T) -> usize {
    t.sb.outbox().as_array().unwrap().len()
}

/// `messages.send` over a connection that the sandbox drops.
async fn send_dropped(t: &T, token: &str) {
    let r = t
        .http
        .post(format!("{}{SEND}", t.url))
        .bearer_auth(token)
        .json(&send_body())
        .send()
        .await;
    assert!(r.is_err(), "connection dropped: {r:?}");
}

#[tokio::test]
async fn status_faults_answer_like_google_then_recover() {
    let t = start().await;
    let token = t.token(GMAIL_SEND).await;
    let kind = json!({ "type": "status", "status": 503, "retry_after": 1 });
    let body = json!({ "method": "gmail.users.messages.send", "count": 1, "kind": kind });
    let r = t.control("faults", Some(body)).await;
    assert_eq!(r.status().as_u16(), 200);
    let r = t
        .raw_call(Method::POST, SEND, &token, Some(send_body()))
        .await;
    assert_eq!(r.status().as_u16(), 503);
    assert_eq!(r.headers()["retry-after"], "1");
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"]["status"], "UNAVAILABLE");
    assert_eq!(body["error"]["errors"][0]["reason"], "backendError");
    assert_eq!(t.send(&token, HELLO).await.0, 200);
    assert_eq!(sent(&t), 1);

    t.sb.inject(fault("*", 2, status(429, Some(3))));
    let r = t
        .raw_call(Method::GET, "/gmail/v1/users/me/profile", &token, None)
        .await;
    assert_eq!(r.status().as_u16(), 429);
    assert_eq!(r.headers()["retry-after"], "3");
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"]["status"], "RESOURCE_EXHAUSTED");
    assert_eq!(body["error"]["errors"][0]["reason"], "rateLimitExceeded");
    assert_eq!(t.get_json("/calendar/v3/colors", &token).await.0, 429);
    assert_eq!(
        t.get_json("/calendar/v3/colors", &token).await.0,
        403,
        "the fault is used up; the token lacks calendar scopes"
    );

    t.sb.inject(fault("gmail.users.labels.list", 5, status(500, None)));
    let (status, body) = t.get_json("/gmail/v1/users/me/labels", &token).await;
    assert_eq!(
        (status, body["error"]["status"].as_str()),
        (500, Some("INTERNAL"))
    );
    assert_eq!(t.control("reset", None).await.status().as_u16(), 200);
    assert_eq!(
        t.get_json("/gmail/v1/users/me/labels", &token).await.0,
        403,
        "reset cleared the fault"
    );
}

#[tokio::test]
async fn delay_fault() {
    let t = start().await;
    let token = t.token(GMAIL_READ).await;
    let delay = FaultKind::Delay { ms: 400 };
    t.sb.inject(fault("gmail.users.getProfile", 1, delay));
    let started = Instant::now();
    assert_eq!(
        t.get_json("/gmail/v1/users/me/profile", &token).await.0,
        200
    );
    assert!(started.elapsed() >= Duration::from_millis(400));
}

#[tokio::test]
async fn delay_after_sends_first_and_answers_late() {
    let t = start().await;
    let token = t.token(GMAIL_SEND).await;
    let late = FaultKind::DelayAfter { ms: 600 };
    t.sb.inject(fault("gmail.users.messages.send", 1, late));
    let started = Instant::now();
    let (answer, sent_while_waiting) = tokio::join!(t.send(&token, HELLO), async {
        tokio::time::sleep(Duration::from_millis(300)).await;
        sent(&t)
    });
    assert_eq!(answer.0, 200);
    assert_eq!(sent_while_waiting, 1, "sent before the answer");
    assert!(started.elapsed() >= Duration::from_millis(600));
}

#[tokio::test]
async fn drop_before_closes_without_sending() {
    let t = start().await;
    let token = t.token(GMAIL_SEND).await;
    let drop = FaultKind::DropBefore;
    t.sb.inject(fault("gmail.users.messages.send", 1, drop));
    send_dropped(&t, &token).await;
    assert_eq!(t.sb.outbox(), json!([]));
    assert_eq!(t.send(&token, HELLO).await.0, 200);
}

#[tokio::test]
async fn drop_after_sends_then_closes() {
    let t = start().await;
    let token = t.token(GMAIL_SEND).await;
    let kind = json!({ "type": "drop_after" });
    let body = json!({ "method": "gmail.users.messages.send", "count": 1, "kind": kind });
    t.control("faults", Some(body)).await;
    send_dropped(&t, &token).await;
    assert_eq!(sent(&t), 1, "the mail really went out");
    let log = t.sb.requests();
    let entry = log
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|e| e["method_id"] == "gmail.users.messages.send")
        .unwrap();
    assert_eq!(entry["fault"], "drop_after");
}

#[tokio::test]
async fn expire_token_fault() {
    let t = start().await;
    let token = t.token(GMAIL_READ).await;
    let expire = FaultKind::ExpireToken;
    t.sb.inject(fault("gmail.users.messages.list", 1, expire));
    let (status, body) = t.get_json("/gmail/v1/users/me/messages", &token).await;
    assert_eq!(
        (status, body["error"]["status"].as_str()),
        (401, Some("UNAUTHENTICATED"))
    );
    let info = format!("/tokeninfo?access_token={token}");
    assert_eq!(t.status_of(&info, "").await, 400);
}

#[tokio::test]
async fn request_log_records_everything_with_method_ids() {
    let t = start().await;
    let token = t.token(GMAIL_READ).await;
    t.get_json("/gmail/v1/users/me/labels", &token).await;
    t.http
        .request(
            Method::OPTIONS,
            format!("{}/gmail/v1/users/me/labels", t.url),
        )
        .header("origin", APP)
        .header("access-control-request-method", "GET")
        .send()
        .await
        .unwrap();
    let (status, log) = t.get_json("/_sandbox/requests", "").await;
    assert_eq!(status, 200);
    let log = log.as_array().unwrap();
    assert!(log
        .iter()
        .any(|e| e["method_id"] == "oauth.authorize" && e["status"] == 200));
    assert!(log
        .iter()
        .any(|e| e["method_id"] == "oauth.decision" && e["status"] == 302));
    assert!(log.iter().any(|e| e["method"] == "GET"
        && e["method_id"] == "gmail.users.labels.list"
        && e["status"] == 200));
    assert!(log
        .iter()
        .any(|e| e["method"] == "OPTIONS" && e["method_id"] == "gmail.users.labels.list"));
    assert_eq!(t.sb.requests().as_array().unwrap().len(), log.len());
    let html = t
        .http
        .get(format!("{}/_sandbox/", t.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Outbox") && html.contains("gmail.users.labels.list"));
}

#[tokio::test]
async fn cors_preflight_allows_app_origin_only() {
    let t = start().await;
    let preflight = |origin: &'static str| {
        t.http
            .request(
                Method::OPTIONS,
                format!(
                    "{}/upload/gmail/v1/users/me/messages/send?uploadType=multipart",
                    t.url
                ),
            )
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "authorization,content-type,x-goog-upload-protocol",
            )
            .send()
    };
    let r = preflight(APP).await.unwrap();
    assert!(r.status().is_success());
    let h = r.headers();
    assert_eq!(h["access-control-allow-origin"], APP);
    let allowed = h["access-control-allow-headers"].to_str().unwrap();
    for name in [
        "authorization",
        "content-type",
        "x-upload-content-type",
        "x-upload-content-length",
        "x-goog-upload-protocol",
    ] {
        assert!(allowed.contains(name), "{name} in {allowed}");
    }
    assert!(h["access-control-allow-methods"]
        .to_str()
        .unwrap()
        .contains("POST"));
    assert!(h.get("access-control-max-age").is_some());
    assert!(h["vary"].to_str().unwrap().contains("Origin"));

    let r = preflight("http://evil.example").await.unwrap();
    assert!(r.headers().get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn cors_headers_on_errors_token_endpoint_and_faults() {
    let t = start().await;
    let profile = "/gmail/v1/users/me/profile";
    let r = t.cross_origin(Method::GET, profile, APP, "").await;
    assert_eq!(r.status().as_u16(), 401);
    assert_eq!(r.headers()["access-control-allow-origin"], APP);
    let exposed = r.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .to_string();
    for name in [
        "Retry-After",
        "WWW-Authenticate",
        "Content-Length",
        "Content-Type",
        "Date",
    ] {
        assert!(exposed.contains(name), "{name} in {exposed}");
    }
    let r = t
        .http
        .post(format!("{}/token", t.url))
        .header("origin", APP)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("grant_type=authorization_code&code=x&client_id=y")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["access-control-allow-origin"], APP);
    let token = t.token(GMAIL_READ).await;
    t.sb.inject(fault("*", 1, status(429, Some(2))));
    let r = t.cross_origin(Method::GET, profile, APP, &token).await;
    assert_eq!(r.status().as_u16(), 429);
    assert_eq!(r.headers()["access-control-allow-origin"], APP);
    let elsewhere = "http://127.0.0.1:9999";
    let r = t
        .cross_origin(Method::GET, profile, elsewhere, &token)
        .await;
    assert!(r.headers().get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn status_after_keeps_the_change_and_answers_an_error() {
    let t = start().await;
    let token = t.token(GMAIL_COMPOSE).await;
    let after = |status| FaultKind::StatusAfter {
        status,
        retry_after: None,
    };
    t.sb.inject(fault("gmail.users.messages.send", 1, after(503)));
    let r = t
        .raw_call(Method::POST, SEND, &token, Some(send_body()))
        .await;
    assert_eq!(r.status().as_u16(), 503);
    assert_eq!(sent(&t), 1, "the message went out before the 503");

    // A draft sent under status_after is gone: drafts.get and a second drafts.send say 404.
    let message = json!({ "message": send_body() });
    let (code, draft) = t.post("/gmail/v1/users/me/drafts", &token, message).await;
    assert_eq!(code, 200, "{draft}");
    let id = draft["id"].as_str().unwrap().to_string();
    t.sb.inject(fault("gmail.users.drafts.send", 1, after(500)));
    let send = "/gmail/v1/users/me/drafts/send";
    let (code, _) = t.post(send, &token, json!({ "id": id })).await;
    assert_eq!(code, 500);
    let draft = format!("/gmail/v1/users/me/drafts/{id}");
    let code = t.status_of(&draft, &token).await;
    assert_eq!(code, 404, "a sent draft no longer exists");
    let (code, _) = t.post(send, &token, json!({ "id": id })).await;
    assert_eq!(code, 404);
    assert_eq!(sent(&t), 2, "one copy each");
}

#[tokio::test]
async fn sent_mail_carries_gmails_message_id_not_the_clients() {
    let t = start().await;
    let token = t.token(&format!("{GMAIL_COMPOSE} {GMAIL_READ}")).await;
    let raw = b"To: bob@example.com\r\nMessage-ID: <mine@satchel.test>\r\nX-Satchel-Id: tag1\r\nSubject: id\r\n\r\nhello";
    let (status, sent) = t.send(&token, raw).await;
    assert_eq!(status, 200);
    let outbox = t.sb.outbox();
    let written = outbox[0]["message_id"].as_str().unwrap_or_default();
    assert!(
        written.starts_with("<CA") && written.ends_with("@mail.gmail.com>"),
        "{written}"
    );
    let q = "/gmail/v1/users/me/messages?q=rfc822msgid%3Amine%40satchel.test";
    let (_, found) = t.get_json(q, &token).await;
    assert!(
        found.get("messages").is_none(),
        "the client's id finds nothing: {found}"
    );
    let q = format!(
        "/gmail/v1/users/me/messages?q=rfc822msgid%3A{}",
        written.trim_matches(['<', '>']).replace('@', "%40")
    );
    let (_, found) = t.get_json(&q, &token).await;
    assert_eq!(found["messages"][0]["id"], sent["id"]);
    // Custom headers survive: the way to find a message again.
    let tag = "format=metadata&metadataHeaders=X-Satchel-Id";
    let meta = t.message(&token, sent["id"].as_str().unwrap(), tag).await;
    assert_eq!(meta["payload"]["headers"][0]["value"], "tag1", "{meta}");
}

#[tokio::test]
async fn keep_alive_is_switched_by_the_control_endpoint() {
    let t = start().await;
    for on in [true, false] {
        let r = t.control("keep_alive", Some(json!(on))).await;
        assert_eq!(r.status().as_u16(), 200);
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["keep_alive"], on);
    }
    let r = t
        .http
        .post(format!("{}/_sandbox/keep_alive", t.url))
        .body("maybe")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 400);
}
