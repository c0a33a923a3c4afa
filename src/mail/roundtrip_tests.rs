//! Property tests: random drafts built with `build_message`, then read back by the
//! independent `mail_parser` crate and by our own `parse_draft`. Native only.

use super::sanitize::{clean_display_name, clean_filename, clean_header_text, clean_message_id};
use super::*;
use mail_parser::{Address, MessageParser, MimeHeaders, PartType};
use proptest::prelude::*;

/// Headers a built message may have; any other header means some input injected one.
const MESSAGE_HEADERS: &[&str] = &[
    "Date",
    "Message-ID",
    "From",
    "To",
    "Cc",
    "Bcc",
    "Subject",
    "In-Reply-To",
    "References",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
];
const PART_HEADERS: &[&str] = &[
    "Content-Type",
    "Content-Transfer-Encoding",
    "Content-Disposition",
];
const DATE: MessageDate = MessageDate {
    unix_seconds: 1_700_000_000,
    offset_minutes: -300,
};

fn config(cases: u32) -> ProptestConfig {
    // No regression files: the suite must not write into the source tree.
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Pieces of text that stress encoders: any Unicode scalar (controls included), scripts,
/// line breaks of every kind, header-like text, MIME specials and long runs.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => any::<char>().prop_map(String::from),
        4 => "[a-zA-Z0-9 ,.!?]{0,12}",
        2 => "[α-ωΑ-Ω ]{0,10}",
        2 => "[א-ת ]{0,10}",
        1 => "[一-龥]{0,6}",
        1 => Just("\r\nBcc: x@y.com\r\n".to_string()),
        1 => Just("\nBcc: x@y".to_string()),
        1 => prop_oneof![Just("\r"), Just("\n"), Just("\r\n"), Just(" "), Just("  "), Just("\t")]
            .prop_map(String::from),
        1 => prop_oneof![
            Just("=?utf-8?B?aGk=?="), Just("\""), Just("\\"), Just("="), Just("."),
            Just("From "), Just("--=_satchel_"), Just(";"), Just("'"), Just("%"), Just("*"),
            Just("😀"), Just("\u{0}"), Just("\u{85}"), Just("\u{2028}"), Just("\u{feff}"),
        ]
        .prop_map(String::from),
        1 => "[a-z]{70,200}",
    ]
}

fn text(max_fragments: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..max_fragments).prop_map(|parts| parts.concat())
}

fn email() -> impl Strategy<Value = String> {
    "[a-z0-9]{1,8}([.+][a-z0-9]{1,6})?@[a-z0-9]{1,8}\\.(com|org|gr|co\\.il)"
}

fn mailbox() -> impl Strategy<Value = Mailbox> {
    (prop::option::of(text(6)), email()).prop_map(|(name, email)| Mailbox { name, email })
}

fn attachment() -> impl Strategy<Value = Attachment> {
    let extension = prop_oneof![
        Just(".pdf"),
        Just(".txt"),
        Just(".jpg"),
        Just(""),
        Just(".unknownext"),
        Just(".pptx"),
        Just(".tar.gz"),
        Just(".HEIC"),
    ];
    let content_type = prop::option::of(prop_oneof![
        Just("image/png".to_string()),
        Just("Application/Zip".to_string()),
        Just("text/plain; charset=x".to_string()),
        Just("bad\r\nBcc: x".to_string()),
    ]);
    (
        text(5),
        extension,
        content_type,
        prop::collection::vec(any::<u8>(), 0..3000),
    )
        .prop_map(|(stem, ext, content_type, data)| Attachment {
            filename: stem + ext,
            content_type,
            data,
        })
}

fn draft() -> impl Strategy<Value = Draft> {
    (
        prop::option::of(mailbox()),
        prop::collection::vec(mailbox(), 0..4),
        prop::collection::vec(mailbox(), 0..3),
        prop::collection::vec(mailbox(), 0..3),
        text(12),
        text(40),
        prop::collection::vec(attachment(), 0..3),
        (
            prop::option::of(prop_oneof!["<[a-z0-9]{4,20}@mail\\.gmail\\.com>", text(4)]),
            prop::collection::vec("<[a-z0-9]{4,12}@[a-z]{2,6}\\.org>", 0..4),
        ),
    )
        .prop_map(
            |(from, to, cc, bcc, subject, body, attachments, (in_reply_to, references))| Draft {
                references,
                from,
                to,
                cc,
                bcc,
                subject,
                body,
                attachments,
                in_reply_to,
                satchel_id: None,
            },
        )
}

/// The draft as it is expected back from `parse_draft`: values cleaned as the builder cleans
/// them, body with LF line endings, content types resolved (`None` when guessed).
fn expected(draft: &Draft) -> Draft {
    let mailboxes = |list: &[Mailbox]| -> Vec<Mailbox> {
        list.iter()
            .map(|m| Mailbox {
                name: m.name.as_deref().and_then(clean_display_name),
                email: m.email.clone(),
            })
            .collect()
    };
    Draft {
        from: draft
            .from
            .as_ref()
            .and_then(|m| mailboxes(std::slice::from_ref(m)).pop()),
        to: mailboxes(&draft.to),
        cc: mailboxes(&draft.cc),
        bcc: mailboxes(&draft.bcc),
        subject: clean_header_text(&draft.subject),
        body: draft.body.replace("\r\n", "\n").replace('\r', "\n"),
        attachments: draft
            .attachments
            .iter()
            .map(|a| {
                let filename = clean_filename(&a.filename);
                let resolved = a.resolved_content_type();
                let content_type = (resolved != mime_type_for(&filename)).then_some(resolved);
                Attachment {
                    filename,
                    content_type,
                    data: a.data.clone(),
                }
            })
            .collect(),
        in_reply_to: draft.in_reply_to.as_deref().and_then(clean_message_id),
        references: match draft.in_reply_to.as_deref().and_then(clean_message_id) {
            Some(parent) => {
                let mut ids: Vec<String> = draft
                    .references
                    .iter()
                    .filter_map(|r| clean_message_id(r))
                    .filter(|r| *r != parent)
                    .collect();
                ids.push(parent);
                ids
            }
            None => Vec::new(),
        },
        satchel_id: draft.satchel_id.clone(),
    }
}

/// Checks one header section: only `allowed` names, each at most once, and lines within
/// 78 columns unless a line holds a single unbreakable token.
fn check_header_section(section: &str, allowed: &[&str]) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for line in section.split("\r\n") {
        if line.len() > MAX_LINE_FOR_TESTS {
            let value = line.split_once(": ").map_or(line.trim_start(), |(_, v)| v);
            assert!(
                !value.trim_end_matches(';').contains(' '),
                "line over 78 columns: {line:?}"
            );
        }
        if line.starts_with([' ', '\t']) {
            continue;
        }
        let name = line
            .split_once(':')
            .map(|(n, _)| n)
            .unwrap_or_else(|| panic!("not a header: {line:?}"));
        assert!(
            allowed.contains(&name),
            "unexpected header {name:?} in {section:?}"
        );
        assert!(!seen.iter().any(|s| s == name), "duplicate header {name}");
        seen.push(name.to_string());
    }
    seen
}

const MAX_LINE_FOR_TESTS: usize = encoding::MAX_LINE;

/// The structural checks every built message must pass, whatever the input.
fn check_structure(bytes: &[u8]) {
    // Every CR starts a CRLF and every LF ends one: no bare line break anywhere.
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'\r' => assert_eq!(bytes.get(i + 1), Some(&b'\n'), "bare CR at {i}"),
            b'\n' => assert_eq!(bytes.get(i.wrapping_sub(1)), Some(&b'\r'), "bare LF at {i}"),
            _ => {}
        }
    }
    let message = std::str::from_utf8(bytes).expect("headers and encoded bodies are UTF-8");
    let (head, body) = message.split_once("\r\n\r\n").expect("a header section");
    let names = check_header_section(head, MESSAGE_HEADERS);
    for required in ["Date", "Message-ID", "MIME-Version", "Content-Type"] {
        assert!(names.iter().any(|n| n == required), "missing {required}");
    }
    if let Some(boundary) = head
        .split("boundary=\"")
        .nth(1)
        .and_then(|b| b.split('"').next())
    {
        let delimiter = format!("--{boundary}");
        let parts: Vec<&str> = body.split(&format!("{delimiter}\r\n")).skip(1).collect();
        assert!(!parts.is_empty());
        for part in parts {
            let (part_head, _) = part.split_once("\r\n\r\n").expect("part headers");
            check_header_section(part_head, PART_HEADERS);
        }
        // The boundary appears only on delimiter lines.
        let lines_with_boundary = body.lines().filter(|l| l.contains(boundary)).count();
        let delimiter_lines = body.lines().filter(|l| l.starts_with(&delimiter)).count();
        assert_eq!(lines_with_boundary, delimiter_lines);
    }
}

/// mail_parser sees only the expected top-level headers.
fn assert_known_headers(message: &mail_parser::Message<'_>) {
    for header in message.headers() {
        let name = header.name();
        assert!(
            MESSAGE_HEADERS.iter().any(|h| h.eq_ignore_ascii_case(name)),
            "unexpected header {name}"
        );
    }
}

fn lf(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Compares mail_parser's reading of `bytes` with the expected draft.
fn check_with_mail_parser(bytes: &[u8], want: &Draft) {
    let message = MessageParser::default()
        .parse(bytes)
        .expect("mail_parser reads the message");
    assert_known_headers(&message);

    assert_eq!(message.subject().unwrap_or(""), want.subject, "subject");
    let people = |list: Option<&Address<'_>>| -> Vec<Mailbox> {
        list.map(|l| {
            l.iter()
                .map(|m| Mailbox {
                    name: m.name().map(str::to_string),
                    email: m.address().unwrap_or("").to_string(),
                })
                .collect()
        })
        .unwrap_or_default()
    };
    assert_eq!(people(message.from()).into_iter().next(), want.from, "from");
    assert_eq!(people(message.to()), want.to, "to");
    assert_eq!(people(message.cc()), want.cc, "cc");
    assert_eq!(people(message.bcc()), want.bcc, "bcc");
    assert_eq!(
        lf(&message.body_text(0).unwrap_or_default()),
        want.body,
        "body"
    );

    let attachments: Vec<(String, Vec<u8>)> = message
        .attachments()
        .map(|part| {
            (
                part.attachment_name().unwrap_or("").to_string(),
                part.contents().to_vec(),
            )
        })
        .collect();
    // mail_parser hands text/* attachments over as text (invalid UTF-8 replaced).
    let is_text: Vec<bool> = message
        .attachments()
        .map(|part| matches!(part.body, PartType::Text(_) | PartType::Html(_)))
        .collect();
    let wanted: Vec<(String, Vec<u8>)> = want
        .attachments
        .iter()
        .zip(is_text.iter().chain(std::iter::repeat(&false)))
        .map(|(a, &text)| {
            let data = if text {
                String::from_utf8_lossy(&a.data).into_owned().into_bytes()
            } else {
                a.data.clone()
            };
            (a.filename.clone(), data)
        })
        .collect();
    assert_eq!(attachments, wanted, "attachments");
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn built_messages_read_back_the_same(draft in draft()) {
        let id = message_id("0123456789abcdef", "satchel.local");
        let bytes = build_message(&draft, DATE, &id);
        prop_assert_eq!(bytes.len(), encoded_len(&draft, DATE, &id));
        check_structure(&bytes);
        let want = expected(&draft);
        check_with_mail_parser(&bytes, &want);
        prop_assert_eq!(parse_draft(&bytes), want.clone());
        let raw = encode_gmail_raw(&bytes);
        prop_assert_eq!(parse_gmail_raw_draft(&raw), Ok(want));
    }
}

fn hostile_mailbox() -> impl Strategy<Value = Mailbox> {
    (prop::option::of(text(6)), text(6)).prop_map(|(name, email)| Mailbox { name, email })
}

proptest! {
    #![proptest_config(config(96))]

    /// Whatever goes into any header value (addresses and ids included), the header sections
    /// keep exactly the expected fields.
    #[test]
    fn no_input_adds_a_header(
        from in prop::option::of(hostile_mailbox()),
        to in prop::collection::vec(hostile_mailbox(), 0..4),
        subject in text(10),
        filename in text(6),
        content_type in prop::option::of(text(4)),
        id in text(4),
        in_reply_to in prop::option::of(text(4)),
    ) {
        let draft = Draft {
            from,
            to: to.clone(),
            bcc: to,
            subject,
            attachments: vec![Attachment { filename, content_type, data: vec![1, 2, 3] }],
            in_reply_to,
            ..Draft::default()
        };
        let bytes = build_message(&draft, DATE, &id);
        prop_assert_eq!(bytes.len(), encoded_len(&draft, DATE, &id));
        check_structure(&bytes);
        let message = MessageParser::default().parse(&bytes[..]).expect("parsed");
        assert_known_headers(&message);
        prop_assert_eq!(message.attachments().count(), 1);
    }
}

/// Deterministic pseudo-random bytes (xorshift), cheap enough for 25 MB in a debug build.
fn noise(len: usize, mut state: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        out.extend_from_slice(&state.to_le_bytes());
    }
    out.truncate(len);
    out
}

#[test]
fn attachment_of_25_mb() {
    let data = noise(MAX_ATTACHMENTS_BYTES, 0x9e37_79b9_7f4a_7c15);
    let draft = Draft {
        to: vec![Mailbox::new("jane@x.org")],
        subject: "Big file".into(),
        body: "See attached.\n".into(),
        attachments: vec![Attachment {
            filename: "βίντεο.mov".into(),
            content_type: None,
            data,
        }],
        ..Draft::default()
    };
    let id = message_id("big", "satchel.local");
    let len = encoded_len(&draft, DATE, &id);
    let bytes = build_message(&draft, DATE, &id);
    assert_eq!(bytes.len(), len);
    // Allocated once at its final size: no growth, so peak memory is the draft plus the output.
    assert_eq!(bytes.capacity(), len);
    assert!(len <= MAX_MESSAGE_BYTES, "{len}");
    assert_eq!(check_limits(&draft, len), Ok(()));
    assert_eq!(send_route(len), SendRoute::Upload);

    let parsed = parse_draft(&bytes);
    assert_eq!(parsed.attachments.len(), 1);
    assert_eq!(parsed.attachments[0].filename, "βίντεο.mov");
    assert!(parsed.attachments[0].data == draft.attachments[0].data);
    let message = MessageParser::default().parse(&bytes[..]).expect("parsed");
    let part = message.attachments().next().expect("an attachment");
    assert!(part.contents() == &draft.attachments[0].data[..]);
}

#[test]
fn eml_attachment_round_trips_through_own_parser() {
    let draft = Draft {
        attachments: vec![Attachment {
            filename: "forwarded.eml".into(),
            content_type: None,
            data: b"Subject: inner\r\n\r\nInner body\r\n".to_vec(),
        }],
        ..Draft::default()
    };
    let bytes = build_message(&draft, DATE, "x");
    assert_eq!(parse_draft(&bytes), expected(&draft));
}
