use super::*;
fn b64(s: &[u8]) -> String {
    crate::mail::encode_gmail_raw(s)
}

fn message(payload: serde_json::Value) -> Shown {
    let json = serde_json::json!({
        "id": "m1", "threadId": "t1", "labelIds": ["INBOX", "UNREAD"], "internalDate": "1700000000000",
        "payload": payload,
    });
    let full: FullMessage = serde_json::from_value(json).unwrap();
    Shown::from_full(&full)
}

#[test]
fn headers_text_html_and_files() {
    let s = message(serde_json::json!({
        "mimeType": "multipart/mixed",
        "headers": [
            {"name": "From", "value": "=?UTF-8?B?zpPOuc+Oz4HOs86/z4I=?= <g@x.gr>"},
            {"name": "To", "value": "ada@example.com, \"Doe, Jane\" <jane@x.org>"},
            {"name": "Subject", "value": "=?UTF-8?Q?R=C3=A9union?="},
            {"name": "Message-ID", "value": "<CAx@mail.gmail.com>"},
            {"name": "References", "value": "<a@x> <b@y>\r\n <c@z>"},
        ],
        "parts": [
            {"mimeType": "multipart/alternative", "parts": [
                {"partId": "0.0", "mimeType": "text/plain", "headers": [{"name": "Content-Type", "value": "text/plain; charset=\"iso-8859-1\""}],
                 "body": {"size": 4, "data": b64(b"Caf\xe9")}},
                {"partId": "0.1", "mimeType": "text/html", "body": {"size": 10, "data": b64(b"<b>Caf\xc3\xa9</b>")}},
            ]},
            {"partId": "1", "mimeType": "application/pdf", "filename": "r\u{e9}sum\u{e9}.pdf",
             "headers": [{"name": "Content-Disposition", "value": "attachment"}],
             "body": {"size": 1234, "attachmentId": "ANG1"}},
            {"partId": "2", "mimeType": "image/png", "filename": "logo.png",
             "headers": [{"name": "Content-ID", "value": "<logo@x>"}],
             "body": {"size": 4, "data": b64(b"\x89PNG")}},
        ],
    }));
    assert_eq!(s.from, vec![Mailbox::named("Γιώργος", "g@x.gr")]);
    assert_eq!(s.to.len(), 2);
    assert_eq!(s.subject, "Réunion");
    assert_eq!(s.message_id.as_deref(), Some("<CAx@mail.gmail.com>"));
    assert_eq!(s.references, vec!["<a@x>", "<b@y>", "<c@z>"]);
    assert!(s.unread());
    assert_eq!(s.date_ms, 1_700_000_000_000);
    assert_eq!(s.text(&TextPart::decode), "Café");
    assert_eq!(s.html.as_ref().unwrap().decode(), "<b>Café</b>");
    assert_eq!(s.files.len(), 2);
    assert_eq!(s.files[0].filename, "résumé.pdf");
    assert_eq!(s.files[0].attachment_id.as_deref(), Some("ANG1"));
    assert_eq!(s.files[1].content_id.as_deref(), Some("logo@x"));
    assert_eq!(s.files[1].data.as_deref(), Some(&b"\x89PNG"[..]));
}

#[test]
fn html_only_and_broken_parts() {
    let s = message(serde_json::json!({
        "mimeType": "text/html", "body": {"size": 3, "data": b64(b"<p>Hi</p><p>there</p>")},
    }));
    assert_eq!(s.text(&TextPart::decode), "Hi\n\nthere");
    let s = message(serde_json::json!({"mimeType": "text/plain", "body": {"data": "!!!"}}));
    assert_eq!(s.problems.len(), 1);
    assert_eq!(s.text(&TextPart::decode), "");
    let unknown = TextPart {
        charset: "koi8-r".into(),
        ..TextPart::default()
    };
    assert!(!unknown.charset_known());
}

#[test]
fn nothing_at_all_is_an_empty_message() {
    let full: FullMessage = serde_json::from_str("{}").unwrap();
    let s = Shown::from_full(&full);
    assert_eq!(s.text(&TextPart::decode), "");
    assert!(s.files.is_empty() && s.from.is_empty() && s.problems.is_empty());
    let full: FullMessage = serde_json::from_str(
        r#"{"payload":{"parts":[{"parts":[{}]}],"headers":[{"name":"From"}]}}"#,
    )
    .unwrap();
    let _ = Shown::from_full(&full);
}
