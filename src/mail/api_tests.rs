use super::*;
use crate::mail::parse_recipients;

const ROOT: &str = "https://gmail.googleapis.com/";

#[test]
fn urls_follow_the_discovery_paths() {
    assert_eq!(
        Target::Send.json_url(ROOT),
        "https://gmail.googleapis.com/gmail/v1/users/me/messages/send"
    );
    assert_eq!(
        Target::Send.upload_url("http://127.0.0.1:9/", None),
        "http://127.0.0.1:9/upload/gmail/v1/users/me/messages/send?uploadType=media"
    );
    assert_eq!(Target::UpdateDraft("r-1".into()).method(), Method::Put);
    assert_eq!(
        Target::UpdateDraft("r-1".into()).upload_url(ROOT, None),
        "https://gmail.googleapis.com/upload/gmail/v1/users/me/drafts/r-1?uploadType=media"
    );
    assert_eq!(
        Target::SendDraft("r1".into()).upload_url(ROOT, None),
        "https://gmail.googleapis.com/upload/gmail/v1/users/me/drafts/send?uploadType=multipart"
    );
    assert_eq!(
        messages_list_url(ROOT, " from:ada ", "Label_1", Some("t/2")),
        "https://gmail.googleapis.com/gmail/v1/users/me/messages?maxResults=20&fields=messages%2Fid%2CnextPageToken\
         &q=from%3Aada&labelIds=Label_1&pageToken=t%2F2"
    );
    assert_eq!(
        find_by_message_id_url(ROOT, "<abc@satchel.test>"),
        "https://gmail.googleapis.com/gmail/v1/users/me/messages?q=rfc822msgid%3Aabc%40satchel.test&maxResults=1&fields=messages%2Fid"
    );
    assert!(draft_metadata_url("http://x", "a b")
        .starts_with("http://x/gmail/v1/users/me/drafts/a%20b?format=metadata"));
}

#[test]
fn bodies() {
    assert_eq!(Target::Send.json_body("QUJD", None), r#"{"raw":"QUJD"}"#);
    assert_eq!(
        Target::CreateDraft.json_body("QQ", Some("t1")),
        r#"{"message":{"raw":"QQ","threadId":"t1"}}"#
    );
    assert_eq!(
        Target::Send.upload_metadata(Some("t1")).as_deref(),
        Some(r#"{"threadId":"t1"}"#)
    );
    assert!(Target::Send
        .upload_url(ROOT, Some("t1"))
        .ends_with("uploadType=multipart"));
    assert!(Target::Send
        .upload_url(ROOT, None)
        .ends_with("uploadType=media"));
    assert_eq!(
        Target::CreateDraft.json_body("QUJD", None),
        r#"{"message":{"raw":"QUJD"}}"#
    );
    assert_eq!(
        Target::SendDraft("r\"1".into()).json_body("QQ", None),
        r#"{"id":"r\"1","message":{"raw":"QQ"}}"#
    );
    let v: serde_json::Value =
        serde_json::from_str(&Target::UpdateDraft("r1".into()).json_body("QQ", None)).unwrap();
    assert_eq!(v["id"], "r1");
    let (content_type, head, tail) = multipart_related(r#"{"id":"r1"}"#, "b0");
    assert_eq!(content_type, "multipart/related; boundary=b0");
    assert!(head.starts_with("--b0\r\nContent-Type: application/json"));
    assert!(head.ends_with("Content-Type: message/rfc822\r\n\r\n"));
    assert_eq!(tail, "\r\n--b0--\r\n");
}

#[test]
fn reads_metadata_rows() {
    let meta: MessageMeta = serde_json::from_str(
        r#"{"id":"m1","labelIds":["INBOX","UNREAD"],"snippet":"It&#39;s &amp; more","internalDate":"1700000000000",
           "payload":{"headers":[{"name":"From","value":"=?UTF-8?B?zpHOuM6txr3OsQ==?= <a@b.gr>"},
           {"name":"subject","value":"=?UTF-8?Q?Caf=C3=A9?="}]}}"#,
    )
    .unwrap();
    let row = meta.summary();
    assert!(row.unread);
    assert_eq!(row.subject, "Café");
    assert_eq!(row.snippet, "It's & more");
    assert_eq!(row.date_ms, 1_700_000_000_000);
    assert!(
        !row.from.contains('<') && !row.from.is_empty(),
        "{}",
        row.from
    );
    let list: IdList =
        serde_json::from_str(r#"{"drafts":[{"id":"d1"}],"nextPageToken":"n"}"#).unwrap();
    assert_eq!(list.next_page_token.as_deref(), Some("n"));
    assert_eq!(list.ids(), vec!["d1"]);
    let empty: IdList = serde_json::from_str("{}").unwrap();
    assert!(empty.ids().is_empty());
}

#[test]
fn draft_rows_list_recipients() {
    let d: DraftMeta = serde_json::from_str(
        r#"{"id":"r1","message":{"payload":{"headers":[{"name":"To","value":"\"Doe, Jane\" <jane@example.com>, bob@example.com"}]}}}"#,
    )
    .unwrap();
    let s = d.summary();
    assert_eq!(s.to, "Doe, Jane, bob@example.com");
    assert_eq!(s.subject, "");
}

#[test]
fn labels_for_the_picker() {
    let l: LabelList = serde_json::from_str(
        r#"{"labels":[{"id":"Label_2","name":"travel","type":"user"},{"id":"SENT","name":"SENT","type":"system"},
           {"id":"CATEGORY_SOCIAL","name":"CATEGORY_SOCIAL","type":"system"},{"id":"INBOX","name":"INBOX","type":"system"},
           {"id":"Label_1","name":"Receipts","type":"user"}]}"#,
    )
    .unwrap();
    let names: Vec<String> = l.choices().into_iter().map(|(_, n)| n).collect();
    assert_eq!(names, ["Inbox", "Sent", "Receipts", "travel"]);
}

#[test]
fn recipients_round_trip_through_the_field() {
    let list = vec![
        Mailbox::named("Doe, Jane", "jane@example.com"),
        Mailbox::named("Ada Lovelace", "ada@satchel.test"),
        Mailbox::named("Say \"hi\"", "q@example.com"),
        Mailbox::new("bob@example.com"),
    ];
    let text = format_recipients(&list);
    assert!(
        text.starts_with("\"Doe, Jane\" <jane@example.com>, Ada Lovelace <ada@satchel.test>"),
        "{text}"
    );
    assert_eq!(parse_recipients(&text).unwrap(), list);
}

#[test]
fn sizes_and_dates() {
    assert_eq!(human_size(0), "0 B");
    assert_eq!(human_size(1023), "1023 B");
    assert_eq!(human_size(1536), "1.5 KB");
    assert_eq!(human_size(8 << 20), "8.0 MB");
    let now = 1_700_000_000_000; // Tue, 14 Nov 2023 22:13:20 UTC
    assert_eq!(short_date(now - 3_600_000, now, 0), "21:13");
    assert_eq!(short_date(now - 3_600_000, now, 60), "22:13");
    assert_eq!(
        short_date(now - 3_600_000, now, 120),
        "14 Nov",
        "yesterday, locally"
    );
    assert_eq!(short_date(now - 86_400_000 * 30, now, 0), "15 Oct");
    assert_eq!(short_date(now - 86_400_000 * 400, now, 0), "10 Oct 2022");
    assert_eq!(sender("\"Ada L\" <a@b.c>"), "Ada L");
    assert_eq!(sender("<a@b.c>"), "a@b.c");
}
