//! Gmail reading: listing and search, formats and labels, strict query parameters, partial
//! responses, marking read, and full-format bodies in their charset.

mod common;

use common::*;
use serde_json::{json, Value};

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
