//! Injected faults (every kind) and CORS (preflights, and headers on errors).

mod common;

use std::time::{Duration, Instant};

use common::*;
use reqwest::Method;
use satchel_sandbox::{Fault, FaultKind};
use serde_json::{json, Value};

fn send_body() -> Value {
    json!({ "raw": b64url(b"To: bob@example.com\r\nSubject: hi\r\n\r\nhello") })
}

const SEND: &str = "/gmail/v1/users/me/messages/send";

#[tokio::test]
async fn status_faults_answer_like_google_then_recover() {
    let t = start().await;
    let token = t.token(GMAIL_SEND).await;
    let r = t
        .http
        .post(format!("{}/_sandbox/faults", t.url))
        .json(&json!({ "method": "gmail.users.messages.send", "count": 1, "kind": { "type": "status", "status": 503, "retry_after": 1 } }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let r = t
        .raw_call(Method::POST, SEND, &token, Some(send_body()))
        .await;
    assert_eq!(r.status().as_u16(), 503);
    assert_eq!(r.headers()["retry-after"], "1");
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"]["status"], "UNAVAILABLE");
    assert_eq!(body["error"]["errors"][0]["reason"], "backendError");
    assert_eq!(
        t.call(Method::POST, SEND, &token, Some(send_body()))
            .await
            .0,
        200
    );
    assert_eq!(t.sb.outbox().as_array().unwrap().len(), 1);

    t.sb.inject(Fault {
        method: "*".into(),
        count: 2,
        kind: FaultKind::Status {
            status: 429,
            retry_after: Some(3),
        },
    });
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

    t.sb.inject(Fault {
        method: "gmail.users.labels.list".into(),
        count: 5,
        kind: FaultKind::Status {
            status: 500,
            retry_after: None,
        },
    });
    let (status, body) = t.get_json("/gmail/v1/users/me/labels", &token).await;
    assert_eq!(
        (status, body["error"]["status"].as_str()),
        (500, Some("INTERNAL"))
    );
    let r = t
        .http
        .post(format!("{}/_sandbox/reset", t.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
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
    t.sb.inject(Fault {
        method: "gmail.users.getProfile".into(),
        count: 1,
        kind: FaultKind::Delay { ms: 400 },
    });
    let started = Instant::now();
    assert_eq!(
        t.get_json("/gmail/v1/users/me/profile", &token).await.0,
        200
    );
    assert!(started.elapsed() >= Duration::from_millis(400));
}

#[tokio::test]
async fn drop_before_closes_without_sending() {
    let t = start().await;
    let token = t.token(GMAIL_SEND).await;
    t.sb.inject(Fault {
        method: "gmail.users.messages.send".into(),
        count: 1,
        kind: FaultKind::DropBefore,
    });
    let r = t
        .http
        .post(format!("{}{SEND}", t.url))
        .bearer_auth(&token)
        .json(&send_body())
        .send()
        .await;
    assert!(r.is_err(), "connection dropped: {r:?}");
    assert_eq!(t.sb.outbox(), json!([]));
    assert_eq!(
        t.call(Method::POST, SEND, &token, Some(send_body()))
            .await
            .0,
        200
    );
}

#[tokio::test]
async fn drop_after_sends_then_closes() {
    let t = start().await;
    let token = t.token(GMAIL_SEND).await;
    t.http
        .post(format!("{}/_sandbox/faults", t.url))
        .json(&json!({ "method": "gmail.users.messages.send", "count": 1, "kind": { "type": "drop_after" } }))
        .send()
        .await
        .unwrap();
    let r = t
        .http
        .post(format!("{}{SEND}", t.url))
        .bearer_auth(&token)
        .json(&send_body())
        .send()
        .await;
    assert!(r.is_err(), "connection dropped: {r:?}");
    assert_eq!(
        t.sb.outbox().as_array().unwrap().len(),
        1,
        "the mail really went out"
    );
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
    t.sb.inject(Fault {
        method: "gmail.users.messages.list".into(),
        count: 1,
        kind: FaultKind::ExpireToken,
    });
    let (status, body) = t.get_json("/gmail/v1/users/me/messages", &token).await;
    assert_eq!(
        (status, body["error"]["status"].as_str()),
        (401, Some("UNAUTHENTICATED"))
    );
    assert_eq!(
        t.get_json(&format!("/tokeninfo?access_token={token}"), "")
            .await
            .0,
        400
    );
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
    let r = t
        .http
        .get(format!("{}/gmail/v1/users/me/profile", t.url))
        .header("origin", APP)
        .send()
        .await
        .unwrap();
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
    t.sb.inject(Fault {
        method: "*".into(),
        count: 1,
        kind: FaultKind::Status {
            status: 429,
            retry_after: Some(2),
        },
    });
    let r = t
        .http
        .get(format!("{}/gmail/v1/users/me/profile", t.url))
        .bearer_auth(&token)
        .header("origin", APP)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 429);
    assert_eq!(r.headers()["access-control-allow-origin"], APP);
    let r = t
        .http
        .get(format!("{}/gmail/v1/users/me/profile", t.url))
        .bearer_auth(&token)
        .header("origin", "http://127.0.0.1:9999")
        .send()
        .await
        .unwrap();
    assert!(r.headers().get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn status_after_keeps_the_change_and_answers_an_error() {
    let t = start().await;
    let token = t.token(GMAIL_COMPOSE).await;
    t.sb.inject(Fault {
        method: "gmail.users.messages.send".into(),
        count: 1,
        kind: FaultKind::StatusAfter {
            status: 503,
            retry_after: None,
        },
    });
    let r = t
        .raw_call(Method::POST, SEND, &token, Some(send_body()))
        .await;
    assert_eq!(r.status().as_u16(), 503);
    assert_eq!(
        t.sb.outbox().as_array().unwrap().len(),
        1,
        "the message went out before the 503"
    );

    // A draft sent under status_after is gone: drafts.get and a second drafts.send say 404.
    let (status, draft) = t
        .call(
            Method::POST,
            "/gmail/v1/users/me/drafts",
            &token,
            Some(json!({ "message": send_body() })),
        )
        .await;
    assert_eq!(status, 200, "{draft}");
    let id = draft["id"].as_str().unwrap().to_string();
    t.sb.inject(Fault {
        method: "gmail.users.drafts.send".into(),
        count: 1,
        kind: FaultKind::StatusAfter {
            status: 500,
            retry_after: None,
        },
    });
    let send = "/gmail/v1/users/me/drafts/send";
    let (status, _) = t
        .call(Method::POST, send, &token, Some(json!({ "id": id })))
        .await;
    assert_eq!(status, 500);
    let (status, _) = t
        .get_json(&format!("/gmail/v1/users/me/drafts/{id}"), &token)
        .await;
    assert_eq!(status, 404, "a sent draft no longer exists");
    let (status, _) = t
        .call(Method::POST, send, &token, Some(json!({ "id": id })))
        .await;
    assert_eq!(status, 404);
    assert_eq!(t.sb.outbox().as_array().unwrap().len(), 2, "one copy each");
}

#[tokio::test]
async fn sent_mail_carries_gmails_message_id_not_the_clients() {
    let t = start().await;
    let token = t.token(&format!("{GMAIL_COMPOSE} {GMAIL_READ}")).await;
    let raw = b"To: bob@example.com\r\nMessage-ID: <mine@satchel.test>\r\nX-Satchel-Id: tag1\r\nSubject: id\r\n\r\nhello";
    let (status, sent) = t
        .call(
            Method::POST,
            SEND,
            &token,
            Some(json!({ "raw": b64url(raw) })),
        )
        .await;
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
    let (_, meta) = t
        .get_json(
            &format!(
                "/gmail/v1/users/me/messages/{}?format=metadata&metadataHeaders=X-Satchel-Id",
                sent["id"].as_str().unwrap()
            ),
            &token,
        )
        .await;
    assert_eq!(meta["payload"]["headers"][0]["value"], "tag1", "{meta}");
}

#[tokio::test]
async fn keep_alive_is_switched_by_the_control_endpoint() {
    let t = start().await;
    for on in [true, false] {
        let r = t
            .http
            .post(format!("{}/_sandbox/keep_alive", t.url))
            .json(&on)
            .send()
            .await
            .unwrap();
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
