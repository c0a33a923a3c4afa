//! Gmail sending: JSON, media and multipart uploads with Gmail's checks and size limits,
//! drafts, mail between the seeded accounts, and replies joining a thread.

mod common;

use common::*;
use reqwest::Method;
use serde_json::{json, Value};

const DRAFTS: &str = "/gmail/v1/users/me/drafts";
const DRAFTS_SEND: &str = "/gmail/v1/users/me/drafts/send";

const MAIL: &str = "To: Bob <bob@example.com>\r\nCc: carol@example.com\r\nBcc: secret@example.com\r\nSubject: =?UTF-8?B?zpPOtc65zrEgz4POv8+F?=\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nHello Bob, see you soon.\r\n";

#[tokio::test]
async fn send_json_raw_and_outbox() {
    let t = start().await;
    let token = t.token(GMAIL_SEND).await;
    let (status, sent) = t.send(&token, MAIL.as_bytes()).await;
    assert_eq!(status, 200, "{sent}");
    assert_eq!(sent["labelIds"], json!(["SENT"]));
    let outbox = t.sb.outbox();
    let m = &outbox[0];
    assert_eq!(m["id"], sent["id"]);
    assert_eq!(m["via"], "raw");
    assert_eq!(m["from"], "ada@satchel.test");
    assert_eq!(m["to"], json!(["bob@example.com"]));
    assert_eq!(m["cc"], json!(["carol@example.com"]));
    assert_eq!(m["bcc"], json!(["secret@example.com"]));
    assert_eq!(m["subject"], "Γεια σου");
    assert!(m["text"].as_str().unwrap().contains("Hello Bob"));
    assert!(m["message_id"].as_str().unwrap().starts_with('<'));
    // The stored copy has no Bcc, and shows in in:sent.
    let read = t.token(GMAIL_READ).await;
    let sent_id = sent["id"].as_str().unwrap();
    let raw = t.message(&read, sent_id, "format=raw").await;
    let bytes = base64::Engine::decode(
        &base64::engine::general_purpose::URL_SAFE,
        raw["raw"].as_str().unwrap(),
    )
    .unwrap();
    let text = String::from_utf8(bytes).unwrap();
    assert!(
        !text.contains("secret@example.com")
            && text.contains("From: Ada Lovelace <ada@satchel.test>"),
        "{text}"
    );
    let found = t.search(&read, "q=in:sent%20to:bob").await;
    assert_eq!(found, vec![sent_id.to_string()]);
    let (_, same) = t.get_json("/_sandbox/outbox", "").await;
    assert_eq!(same, outbox);
}

#[tokio::test]
async fn send_rejections_like_gmail() {
    let t = start().await;
    let token = t.token(GMAIL_SEND).await;
    let send = |body: Value| t.post(SEND, &token, body);
    // Standard base64 alphabet is not base64url.
    let standard = base64::Engine::encode(
        &base64::engine::general_purpose::STANDARD,
        "Subject: ??>>>\r\nTo: a@b.c\r\n\r\n???>>>".as_bytes(),
    );
    assert!(standard.contains('+') || standard.contains('/'));
    let (status, body) = send(json!({ "raw": standard })).await;
    assert_eq!(status, 400, "{body}");
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("Base64 decoding failed"));
    let (status, body) = send(json!({ "raw": b64url(b"Subject: nobody\r\n\r\nhi") })).await;
    assert_eq!(
        (status, body["error"]["message"].as_str()),
        (400, Some("Recipient address required"))
    );
    let (status, body) =
        send(json!({ "raw": b64url(b"From: mallory@evil.example\r\nTo: a@b.c\r\n\r\nhi") })).await;
    assert_eq!(status, 400, "{body}");
    assert!(body["error"]["message"].as_str().unwrap().contains("From"));
    let (status, body) = send(json!({ "raw": b64url(b"To: not an address\r\n\r\nhi") })).await;
    assert_eq!(
        (status, body["error"]["message"].as_str()),
        (400, Some("Invalid To header"))
    );
    let (status, _) = send(json!({})).await;
    assert_eq!(status, 400);
    let (status, body) = send(json!({ "raw": b64url(MAIL.as_bytes()), "bogus": 1 })).await;
    assert_eq!(status, 400);
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("Unknown name \"bogus\""));
    // Nothing was sent.
    assert_eq!(t.sb.outbox(), json!([]));
}

#[tokio::test]
async fn oversized_json_send_is_413() {
    let t = start().await;
    let token = t.token(GMAIL_SEND).await;
    let big = format!(
        "To: a@b.c\r\nSubject: big\r\n\r\n{}",
        "x".repeat(5 * 1024 * 1024)
    );
    let (status, body) = t.send(&token, big.as_bytes()).await;
    assert_eq!(status, 413);
    assert_eq!(body["error"]["code"], 413);
}

#[tokio::test]
async fn upload_media_and_multipart() {
    let t = start().await;
    let token = t.token(GMAIL_SEND).await;
    let media = format!("{SEND}?uploadType=media");
    let r = t.upload(&media, &token, "message/rfc822", MAIL).await;
    assert_eq!(r.status().as_u16(), 200);

    let attachment = vec![7u8; 4096];
    let b64 = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &attachment);
    let message = format!(
        "To: dave@example.com\r\nSubject: With attachment\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=inner\r\n\r\n--inner\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n--inner\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"data.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{b64}\r\n--inner--\r\n"
    );
    let body = format!(
        "--outer\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n{{}}\r\n--outer\r\nContent-Type: message/rfc822\r\n\r\n{message}\r\n--outer--\r\n"
    );
    let multipart = format!("{SEND}?uploadType=multipart");
    let related = "multipart/related; boundary=outer";
    let r = t.upload(&multipart, &token, related, body).await;
    assert_eq!(r.status().as_u16(), 200, "{}", r.text().await.unwrap());
    let outbox = t.sb.outbox();
    assert_eq!(outbox[0]["via"], "media");
    assert_eq!(outbox[1]["via"], "multipart");
    let a = &outbox[1]["attachments"][0];
    assert_eq!(a["filename"], "data.bin");
    assert_eq!(a["size"], 4096);
    assert_eq!(a["sha256"].as_str().unwrap().len(), 64);

    // Wrong media type, missing uploadType, and the 35 MB limit.
    let r = t.upload(&media, &token, "text/plain", MAIL).await;
    assert_eq!(r.status().as_u16(), 400);
    let r = t.upload(SEND, &token, "message/rfc822", MAIL).await;
    assert_eq!(r.status().as_u16(), 400);
    let huge = vec![b'x'; 36_700_161];
    let r = t.upload(&media, &token, "message/rfc822", huge).await;
    assert_eq!(r.status().as_u16(), 413);
}

#[tokio::test]
async fn drafts_lifecycle() {
    let t = start().await;
    let token = t.token(GMAIL_COMPOSE).await;
    let draft_raw = b64url(b"To: erin@example.com\r\nSubject: Draft one\r\n\r\nfirst version");
    let create = |raw: &str| t.post(DRAFTS, &token, json!({ "message": { "raw": raw } }));
    let draft_send = |id: &Value| t.post(DRAFTS_SEND, &token, json!({ "id": id }));
    let draft = |id: &str| format!("{DRAFTS}/{id}");
    let (status, created) = create(&draft_raw).await;
    assert_eq!(status, 200, "{created}");
    let id = created["id"].as_str().unwrap().to_string();
    assert_eq!(created["message"]["labelIds"], json!(["DRAFT"]));

    let (_, list) = t.get_json("/gmail/v1/users/me/drafts", &token).await;
    assert!(list["drafts"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["id"] == id.as_str()));

    let (_, got) = t
        .get_json(&format!("{}?format=full", draft(&id)), &token)
        .await;
    assert!(got["message"]["snippet"]
        .as_str()
        .unwrap()
        .contains("first version"));

    let v2 = b64url(b"To: erin@example.com\r\nSubject: Draft one\r\n\r\nsecond version");
    let v2 = json!({ "id": id, "message": { "raw": v2 } });
    let (status, updated) = t.call(Method::PUT, &draft(&id), &token, Some(v2)).await;
    assert_eq!(status, 200, "{updated}");
    assert_eq!(updated["id"], id.as_str());
    let (_, got) = t.get_json(&draft(&id), &token).await;
    assert!(got["message"]["snippet"]
        .as_str()
        .unwrap()
        .contains("second version"));

    let (status, sent) = draft_send(&json!(id)).await;
    assert_eq!(status, 200, "{sent}");
    assert_eq!(sent["labelIds"], json!(["SENT"]));
    assert_eq!(t.sb.outbox()[0]["via"], "draft");
    assert_eq!(
        t.sb.outbox()[0]["text"].as_str().unwrap().trim(),
        "second version"
    );
    assert_eq!(t.status_of(&draft(&id), &token).await, 404);

    // Create another and delete it.
    let (_, created) = create(&draft_raw).await;
    let id = created["id"].as_str().unwrap();
    let r = t.raw_call(Method::DELETE, &draft(id), &token, None).await;
    assert_eq!(r.status().as_u16(), 204);
    assert_eq!(t.status_of(&draft(id), &token).await, 404);

    // A draft without recipients can be saved but not sent.
    let (_, created) = create(&b64url(b"Subject: later\r\n\r\n...")).await;
    let (status, body) = draft_send(&created["id"]).await;
    assert_eq!(
        (status, body["error"]["message"].as_str()),
        (400, Some("Recipient address required"))
    );
}

#[tokio::test]
async fn draft_upload_create() {
    let t = start().await;
    let token = t.token(GMAIL_COMPOSE).await;
    let media = format!("{DRAFTS}?uploadType=media");
    let message = "To: x@example.com\r\nSubject: uploaded draft\r\n\r\nbody";
    let r = t.upload(&media, &token, "message/rfc822", message).await;
    assert_eq!(r.status().as_u16(), 200);
    let d: Value = r.json().await.unwrap();
    assert!(d["id"].as_str().unwrap().starts_with('r'));
}

#[tokio::test]
async fn mail_between_seeded_accounts_is_delivered() {
    let t = start().await;
    let ada = t.token(GMAIL_SEND).await;
    let raw = b"To: grace@satchel.test\r\nSubject: Hello Grace\r\n\r\nFrom Ada";
    assert_eq!(t.send(&ada, raw).await.0, 200);
    let grace = t.token_for("grace@satchel.test", GMAIL_READ).await;
    let (_, list) = t
        .get_json(
            "/gmail/v1/users/me/messages?q=subject:%22Hello%20Grace%22%20is:unread%20in:inbox",
            &grace,
        )
        .await;
    assert_eq!(list["resultSizeEstimate"], 1);
}

#[tokio::test]
async fn replies_join_a_thread_only_as_gmail_documents() {
    let t = start().await;
    let read = t.token(GMAIL_READ).await;
    let send = t.token(GMAIL_SEND).await;
    let parent_id = t.search(&read, "q=subject:weekend").await[0].clone();
    let message_id = "format=metadata&metadataHeaders=Message-ID";
    let parent = t.message(&read, &parent_id, message_id).await;
    let thread = parent["threadId"].as_str().unwrap().to_string();
    let parent_msgid = parent["payload"]["headers"][0]["value"]
        .as_str()
        .unwrap()
        .to_string();
    let reply = |refs: &str, subject: &str| {
        format!("To: charles@example.org\r\nSubject: {subject}\r\n{refs}\r\nhi\r\n")
    };
    let cases = [
        // Named thread, References and Subject: joins.
        (
            reply(
                &format!("In-Reply-To: {parent_msgid}\r\nReferences: {parent_msgid}\r\n"),
                "Re: Plans for the weekend",
            ),
            Some(thread.as_str()),
            true,
        ),
        // No threadId: a thread of its own, whatever the headers.
        (
            reply(
                &format!("In-Reply-To: {parent_msgid}\r\n"),
                "Re: Plans for the weekend",
            ),
            None,
            false,
        ),
        // threadId without References: its own thread.
        (
            reply("", "Re: Plans for the weekend"),
            Some(thread.as_str()),
            false,
        ),
        // Another subject: its own thread.
        (
            reply(&format!("References: {parent_msgid}\r\n"), "Something else"),
            Some(thread.as_str()),
            false,
        ),
    ];
    for (raw, thread_id, joins) in cases {
        let mut body = json!({ "raw": b64url(raw.as_bytes()) });
        if let Some(t) = thread_id {
            body["threadId"] = json!(t);
        }
        let (status, sent) = t.post(SEND, &send, body).await;
        assert_eq!(status, 200, "{sent}");
        assert_eq!(sent["threadId"] == json!(thread), joins, "{raw}: {sent}");
    }
}
