//! Gmail: listing and search, formats, sending (JSON, media, multipart) with Gmail's
//! checks, drafts, size limits, strict query parameters and partial responses.

mod common;

use common::*;
use reqwest::Method;
use serde_json::{json, Value};

const DRAFTS: &str = "/gmail/v1/users/me/drafts";
const DRAFTS_SEND: &str = "/gmail/v1/users/me/drafts/send";

const MAIL: &str = "To: Bob <bob@example.com>\r\nCc: carol@example.com\r\nBcc: secret@example.com\r\nSubject: =?UTF-8?B?zpPOtc65zrEgz4POv8+F?=\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nHello Bob, see you soon.\r\n";

fn ids(v: &Value) -> Vec<String> {
    v["messages"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|m| m["id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn messages_list_pages_through_everything_once() {
    let t = start().await;
    let token = t.token(GMAIL_READ).await;
    let (status, first) = t
        .get_json(
            "/gmail/v1/users/me/messages?maxResults=20&labelIds=INBOX",
            &token,
        )
        .await;
    assert_eq!(status, 200);
    let total = first["resultSizeEstimate"].as_u64().unwrap() as usize;
    assert!(total >= 50, "about fifty inbox messages, got {total}");
    let mut seen = ids(&first);
    let mut next = first["nextPageToken"].as_str().map(String::from);
    while let Some(token_) = next {
        let (_, page) = t
            .get_json(
                &format!(
                    "/gmail/v1/users/me/messages?maxResults=20&labelIds=INBOX&pageToken={token_}"
                ),
                &token,
            )
            .await;
        seen.extend(ids(&page));
        next = page["nextPageToken"].as_str().map(String::from);
    }
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!((seen.len(), unique.len()), (total, total));
    // Default page size is 100 and the cap is 500.
    let (_, all) = t
        .get_json("/gmail/v1/users/me/messages?maxResults=1000", &token)
        .await;
    assert!(all.get("nextPageToken").is_none());
}

#[tokio::test]
async fn search_operators() {
    let t = start().await;
    let token = t.token(GMAIL_READ).await;
    let count = |q: &str| {
        let path = format!(
            "/gmail/v1/users/me/messages?q={}",
            form_urlencoded::byte_serialize(q.as_bytes()).collect::<String>()
        );
        let t = &t;
        let token = token.clone();
        async move {
            t.get_json(&path, &token).await.1["resultSizeEstimate"]
                .as_u64()
                .unwrap()
        }
    };
    assert!(count("is:unread").await > 0);
    assert_eq!(
        count("from:charles@analytical.example subject:weekend").await,
        2
    );
    assert_eq!(count("subject:\"Plans for the weekend\"").await, 3);
    assert_eq!(count("label:travel").await, 2);
    assert_eq!(count("in:sent to:charles subject:weekend").await, 1);
    assert!(count("has:attachment label:Receipts").await >= 3);
    assert_eq!(count("Συνάντηση").await, 1);
    assert_eq!(count("in:spam").await, 1);
    assert_eq!(
        count("guineas").await,
        0,
        "spam is excluded unless asked for"
    );
    assert_eq!(count("nonexistentword").await, 0);
    let (_, none) = t
        .get_json("/gmail/v1/users/me/messages?q=nonexistentword", &token)
        .await;
    assert!(
        none.get("messages").is_none(),
        "Gmail omits `messages` when empty"
    );
}

#[tokio::test]
async fn get_formats_and_labels() {
    let t = start().await;
    let token = t.token(GMAIL_READ).await;
    let found = t
        .search(&token, "q=subject:Engine%20label:inbox%20from:weeklyengine")
        .await;
    let id = &found[0];
    let full = t.message(&token, id, "format=full").await;
    assert_eq!(full["payload"]["mimeType"], "multipart/alternative");
    assert_eq!(full["payload"]["parts"][1]["partId"], "1");
    assert_eq!(full["payload"]["parts"][1]["mimeType"], "text/html");
    let headers = "format=metadata&metadataHeaders=Subject&metadataHeaders=from";
    let meta = t.message(&token, id, headers).await;
    let names: Vec<&str> = meta["payload"]["headers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["Subject", "From"]);
    let raw = t.message(&token, id, "format=raw").await;
    assert!(raw["raw"].is_string() && raw.get("payload").is_none());
    let minimal = t.message(&token, id, "format=minimal").await;
    assert!(minimal.get("payload").is_none() && minimal["labelIds"].is_array());
    let html = format!("/gmail/v1/users/me/messages/{id}?format=html");
    assert_eq!(t.status_of(&html, &token).await, 400);
    let (status, body) = t
        .get_json("/gmail/v1/users/me/messages/0000000000000000", &token)
        .await;
    assert_eq!(
        (status, body["error"]["status"].as_str()),
        (404, Some("NOT_FOUND"))
    );

    let (_, labels) = t.get_json("/gmail/v1/users/me/labels", &token).await;
    let names: Vec<&str> = labels["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["name"].as_str().unwrap())
        .collect();
    for n in [
        "INBOX",
        "SENT",
        "DRAFT",
        "UNREAD",
        "STARRED",
        "IMPORTANT",
        "TRASH",
        "SPAM",
        "CATEGORY_SOCIAL",
        "Receipts",
        "Travel",
        "Family",
    ] {
        assert!(names.contains(&n), "{n} in {names:?}");
    }
    // Greek subject decoded from RFC 2047 in the headers.
    let greek = t.search(&token, "q=subject:Συνάντηση").await;
    let subject = "format=metadata&metadataHeaders=Subject";
    let m = t.message(&token, &greek[0], subject).await;
    assert_eq!(m["payload"]["headers"][0]["value"], "Συνάντηση την Πέμπτη");
    // userId may be the account's address, not someone else's.
    let profile = |user: &str| format!("/gmail/v1/users/{user}/profile");
    assert_eq!(t.status_of(&profile("ada@satchel.test"), &token).await, 200);
    assert_eq!(
        t.status_of(&profile("grace@satchel.test"), &token).await,
        403
    );
}

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
async fn unknown_query_parameter_is_400_and_standard_ones_pass() {
    let t = start().await;
    let token = t.token(GMAIL_READ).await;
    let (status, body) = t
        .get_json("/gmail/v1/users/me/messages?foo=1", &token)
        .await;
    assert_eq!(status, 400);
    assert_eq!(
        body["error"]["message"],
        "Invalid JSON payload received. Unknown name \"foo\": Cannot bind query parameter. Field 'foo' could not be found in request message."
    );
    assert_eq!(body["error"]["status"], "INVALID_ARGUMENT");
    let (status, _) = t
        .get_json("/gmail/v1/users/me/messages?prettyPrint=false&alt=json&quotaUser=x&key=k&%24.xgafv=2&fields=messages(id)", &token)
        .await;
    assert_eq!(status, 200);
    let (status, _) = t
        .get_json("/gmail/v1/users/me/messages?maxResults=abc", &token)
        .await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn fields_partial_responses() {
    let t = start().await;
    let token = t.token(GMAIL_READ).await;
    let (_, body) = t
        .get_json(
            "/gmail/v1/users/me/messages?maxResults=2&fields=messages/id,nextPageToken",
            &token,
        )
        .await;
    assert!(body.get("resultSizeEstimate").is_none());
    assert!(body["messages"][0].get("threadId").is_none() && body["messages"][0]["id"].is_string());
    let id = body["messages"][0]["id"].as_str().unwrap();
    let m = t
        .message(&token, id, "fields=id,payload(mimeType,headers)")
        .await;
    let keys: Vec<&String> = m.as_object().unwrap().keys().collect();
    assert_eq!(keys, vec!["id", "payload"]);
    assert!(m["payload"].get("parts").is_none());
}

#[tokio::test]
async fn modify_marks_read() {
    let t = start().await;
    let token = t.token(GMAIL_MODIFY).await;
    let unread = t.search(&token, "q=is:unread&maxResults=1").await;
    let modify = format!("/gmail/v1/users/me/messages/{}/modify", unread[0]);
    let read = json!({ "removeLabelIds": ["UNREAD"] });
    let (status, m) = t.post(&modify, &token, read).await;
    assert_eq!(status, 200);
    assert!(!m["labelIds"].as_array().unwrap().contains(&json!("UNREAD")));
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

#[tokio::test]
async fn full_format_bodies_keep_their_charset() {
    let t = start().await;
    let send = t.token(GMAIL_SEND).await;
    let read = t.token(GMAIL_READ).await;
    let raw = b"To: ada@satchel.test\r\nSubject: latin\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nCaf=E9\r\n";
    let (_, sent) = t.send(&send, raw).await;
    let full = t
        .message(&read, sent["id"].as_str().unwrap(), "format=full")
        .await;
    let data = full["payload"]["body"]["data"].as_str().unwrap();
    let bytes = base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE, data).unwrap();
    assert!(bytes.starts_with(b"Caf\xe9"), "{bytes:?}");
}
