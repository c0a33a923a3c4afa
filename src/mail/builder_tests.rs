use super::*;

const DATE: MessageDate = MessageDate {
    unix_seconds: 1_700_000_000,
    offset_minutes: 60,
};

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap()
}

fn simple() -> Draft {
    Draft {
        to: vec![
            Mailbox::named("Doe, Jane", "jane@x.org"),
            Mailbox::new("bob@y.com"),
        ],
        subject: "Hello".into(),
        body: "Hi Jane,\nsee you.\n".into(),
        ..Draft::default()
    }
}

#[test]
fn message_id_is_cleaned() {
    assert_eq!(
        message_id("0a1b2c", "satchel.local"),
        "<0a1b2c@satchel.local>"
    );
    assert_eq!(message_id("ab>\r\nBcc: x", ""), "<abBccx@satchel.local>");
    assert_eq!(message_id("", "ex ample.org"), "<satchel@example.org>");
}

#[test]
fn single_part_message() {
    let bytes = build_message(&simple(), DATE, "<id1@satchel.local>");
    assert_eq!(
        text(&bytes),
        "Date: Tue, 14 Nov 2023 23:13:20 +0100\r\n\
         Message-ID: <id1@satchel.local>\r\n\
         To: \"Doe, Jane\" <jane@x.org>, bob@y.com\r\n\
         Subject: Hello\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\
         Content-Transfer-Encoding: quoted-printable\r\n\
         \r\n\
         Hi Jane,\r\nsee you.\r\n"
    );
    assert_eq!(
        bytes.len(),
        encoded_len(&simple(), DATE, "<id1@satchel.local>")
    );
}

#[test]
fn body_without_final_newline_ends_with_soft_break() {
    let draft = Draft {
        body: "no newline".into(),
        ..Draft::default()
    };
    let bytes = build_message(&draft, DATE, "x");
    assert!(text(&bytes).ends_with("\r\n\r\nno newline=\r\n"));
}

#[test]
fn greek_body_is_base64() {
    let draft = Draft {
        body: "Καλημέρα σας, τι κάνετε;\n".repeat(5),
        ..Draft::default()
    };
    let bytes = build_message(&draft, DATE, "x");
    assert!(text(&bytes).contains("Content-Transfer-Encoding: base64\r\n"));
    assert_eq!(bytes.len(), encoded_len(&draft, DATE, "x"));
}

#[test]
fn reply_headers_and_from() {
    let draft = Draft {
        from: Some(Mailbox::named("Me", "me@x.org")),
        in_reply_to: Some("<parent@mail.gmail.com>".into()),
        ..simple()
    };
    let message = String::from_utf8(build_message(&draft, DATE, "x")).unwrap();
    assert!(message.contains("\r\nFrom: Me <me@x.org>\r\n"));
    assert!(message.contains(
        "\r\nIn-Reply-To: <parent@mail.gmail.com>\r\nReferences: <parent@mail.gmail.com>\r\n"
    ));
}

#[test]
fn multipart_with_attachments() {
    let draft = Draft {
        bcc: vec![Mailbox::new("secret@z.org")],
        attachments: vec![
            Attachment {
                filename: "notes.txt".into(),
                content_type: None,
                data: b"hello".to_vec(),
            },
            Attachment {
                filename: "Έκθεση.pdf".into(),
                content_type: Some("application/pdf".into()),
                data: vec![0, 1, 2, 255],
            },
            Attachment {
                filename: "blob".into(),
                content_type: Some("bad\r\ntype".into()),
                data: vec![],
            },
        ],
        ..simple()
    };
    let id = message_id("abc", "satchel.local");
    let bytes = build_message(&draft, DATE, &id);
    assert_eq!(bytes.len(), encoded_len(&draft, DATE, &id));
    assert_eq!(bytes, build_message(&draft, DATE, &id), "deterministic");
    let message = text(&bytes);
    let b = boundary(&id);
    assert!(message.contains(&format!(
        "Content-Type: multipart/mixed;\r\n boundary=\"{b}\"\r\n\r\n--{b}\r\n"
    )));
    assert!(message.contains("\r\nBcc: secret@z.org\r\n"));
    assert!(message.contains(
        "Content-Type: text/plain; name=\"notes.txt\"\r\n\
         Content-Disposition: attachment; filename=\"notes.txt\"\r\n\
         Content-Transfer-Encoding: base64\r\n\r\naGVsbG8=\r\n"
    ));
    assert!(message.contains("filename*=utf-8''%CE%88%CE%BA%CE%B8%CE%B5%CF%83%CE%B7.pdf"));
    assert!(message.contains("Content-Type: application/octet-stream; name=\"blob\"\r\n"));
    assert!(message.ends_with(&format!("\r\n--{b}--\r\n")));
    assert_eq!(message.matches(&format!("--{b}\r\n")).count(), 4);
}

#[test]
fn boundary_is_deterministic_and_distinct() {
    assert_eq!(boundary("<a@b>"), boundary("<a@b>"));
    assert_ne!(boundary("<a@b>"), boundary("<a@c>"));
    assert!(boundary("<a@b>").len() <= 70);
}

#[test]
fn body_line_endings_are_normalised() {
    assert_eq!(crlf("a\nb\rc\r\nd\n\re"), "a\r\nb\r\nc\r\nd\r\n\r\ne");
}

#[test]
fn satchel_id_is_one_clean_header_read_back_by_the_parser() {
    let draft = Draft {
        to: vec![Mailbox::new("a@b.co")],
        satchel_id: Some("ab12-x\r\nBcc: e@z".into()),
        ..Draft::default()
    };
    let bytes = build_message(&draft, DATE, "<a@b.co>");
    assert_eq!(bytes.len(), encoded_len(&draft, DATE, "<a@b.co>"));
    let message = text(&bytes);
    assert!(
        message.contains("\r\nX-Satchel-Id: ab12-xBccez\r\n"),
        "{message}"
    );
    let parsed = crate::mail::parse_draft(&bytes);
    assert_eq!(parsed.satchel_id.as_deref(), Some("ab12-xBccez"));
}

#[test]
fn injection_through_every_header_value_is_harmless() {
    let evil = "x\r\nBcc: evil@z.com\r\n\r\nbody";
    let draft = Draft {
        from: Some(Mailbox::named(evil, evil)),
        to: vec![Mailbox::named(evil, "a@b.co")],
        cc: vec![Mailbox::new(evil)],
        bcc: vec![],
        subject: evil.into(),
        references: vec![evil.into()],
        body: String::new(),
        attachments: vec![Attachment {
            filename: evil.into(),
            content_type: Some(evil.into()),
            data: vec![1],
        }],
        in_reply_to: Some(evil.into()),
        satchel_id: Some(evil.into()),
    };
    let bytes = build_message(&draft, DATE, evil);
    let message = text(&bytes);
    let head = message.split("\r\n\r\n").next().unwrap();
    for line in head.split("\r\n") {
        assert!(!line.starts_with("Bcc"), "{line}");
    }
    assert!(!message.contains("\nBcc"));
    assert!(!message.replace("\r\n", "").contains(['\r', '\n']));
}

/// Pieces joined are the whole message, byte for byte, for any piece size; only the last
/// piece is smaller than asked, and none is much bigger.
#[test]
fn pieces_join_into_the_whole_message() {
    let noise: Vec<u8> = (0..200_003u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let with_files = Draft {
        body: "Γειά σου κόσμε, ".repeat(300),
        attachments: vec![
            Attachment {
                filename: "big.bin".into(),
                content_type: None,
                data: noise.clone(),
            },
            Attachment {
                filename: "empty.txt".into(),
                content_type: None,
                data: Vec::new(),
            },
            Attachment {
                filename: "tail.bin".into(),
                content_type: None,
                data: noise[..58].to_vec(),
            },
        ],
        ..simple()
    };
    let id = "<pieces@satchel.local>";
    for draft in [simple(), with_files] {
        let whole = build_message(&draft, DATE, id);
        for size in [1, 2, 57, 77, 78, 79, 1000, 4096, 65_536, 10_000_000] {
            let mut pieces: Vec<Vec<u8>> = Vec::new();
            build_message_in_pieces(&draft, DATE, id, size, |p| pieces.push(p.to_vec()));
            assert_eq!(pieces.concat(), whole, "piece size {size}");
            assert!(pieces.iter().all(|p| !p.is_empty()));
            if let Some((_last, full)) = pieces.split_last() {
                assert!(full.iter().all(|p| p.len() >= size), "piece size {size}");
            }
            if size >= 4096 {
                assert!(
                    pieces.iter().all(|p| p.len() <= 2 * size + 2),
                    "piece size {size}"
                );
            }
        }
    }
}
