use super::*;

#[test]
fn gmail_created_draft_with_alternative_and_attachment() {
    let message = "MIME-Version: 1.0\r\n\
        Date: Tue, 14 Nov 2023 23:13:20 +0100\r\n\
        Message-ID: <CAB=x@mail.gmail.com>\r\n\
        Subject: =?UTF-8?Q?R=C3=A9union_de_lundi?=\r\n\
        From: Me <me@gmail.com>\r\n\
        To: \"Doe, Jane\" <jane@x.org>, =?UTF-8?B?zpPOuc+Oz4HOs86/z4I=?= <g@x.gr>\r\n\
        Cc: bob@y.com (Bob Smith)\r\n\
        In-Reply-To: <parent@mail.gmail.com>\r\n\
        Content-Type: multipart/mixed; boundary=\"000000000000abc\"\r\n\
        \r\n\
        --000000000000abc\r\n\
        Content-Type: multipart/alternative; boundary=\"000000000000def\"\r\n\
        \r\n\
        --000000000000def\r\n\
        Content-Type: text/plain; charset=\"UTF-8\"\r\n\
        Content-Transfer-Encoding: quoted-printable\r\n\
        \r\n\
        Bonjour =C3=A0 tous,\r\n\
        \r\n\
        une tr=C3=A8s longue ligne qui a =C3=A9t=C3=A9 coup=C3=A9e par un saut de ligne =\r\n\
        doux.\r\n\
        --000000000000def\r\n\
        Content-Type: text/html; charset=\"UTF-8\"\r\n\
        Content-Transfer-Encoding: quoted-printable\r\n\
        \r\n\
        <div dir=3D\"ltr\">Bonjour</div>\r\n\
        --000000000000def--\r\n\
        --000000000000abc\r\n\
        Content-Type: application/pdf; \r\n\tname=\"=?UTF-8?B?zojOus64zrXPg863?= =?UTF-8?B?LnBkZg==?=\"\r\n\
        Content-Disposition: attachment; \r\n\tfilename=\"=?UTF-8?B?zojOus64zrXPg863?= =?UTF-8?B?LnBkZg==?=\"\r\n\
        Content-Transfer-Encoding: base64\r\n\
        X-Attachment-Id: f_abc\r\n\
        \r\n\
        JVBERi0xLjQK\r\n\
        --000000000000abc--\r\n";
    let draft = parse_draft(message.as_bytes());
    assert_eq!(draft.subject, "Réunion de lundi");
    assert_eq!(draft.from, Some(Mailbox::named("Me", "me@gmail.com")));
    assert_eq!(
        draft.to,
        vec![
            Mailbox::named("Doe, Jane", "jane@x.org"),
            Mailbox::named("Γιώργος", "g@x.gr")
        ]
    );
    assert_eq!(draft.cc, vec![Mailbox::named("Bob Smith", "bob@y.com")]);
    assert_eq!(
        draft.body,
        "Bonjour à tous,\n\nune très longue ligne qui a été coupée par un saut de ligne doux."
    );
    assert_eq!(
        draft.in_reply_to.as_deref(),
        Some("<parent@mail.gmail.com>")
    );
    assert_eq!(
        draft.attachments,
        vec![Attachment {
            filename: "Έκθεση.pdf".into(),
            content_type: None,
            data: b"%PDF-1.4\n".to_vec()
        }]
    );
}

#[test]
fn html_only_latin1_and_rfc2231_continuations() {
    let message = b"Subject: plain\n\
        Content-Type: multipart/related; boundary=b1\n\
        \n\
        preamble\n\
        --b1\n\
        Content-Type: text/html; charset=iso-8859-1\n\
        \n\
        <p>Caf\xe9 <b>cr\xe8me</b></p>\n\
        --b1\n\
        Content-Type: image/png\n\
        Content-Disposition: inline;\n filename*0*=utf-8''%CE%B1%CE%B2;\n filename*1=\"c.png\"\n\
        Content-Transfer-Encoding: base64\n\
        \n\
        iVBORw==\n\
        --b1--\n\
        epilogue\n";
    let draft = parse_draft(message);
    assert_eq!(draft.subject, "plain");
    assert_eq!(draft.body, "Café crème");
    assert_eq!(draft.attachments.len(), 1);
    assert_eq!(draft.attachments[0].filename, "αβc.png");
    assert_eq!(draft.attachments[0].data, [0x89, b'P', b'N', b'G']);
}

#[test]
fn single_part_and_defaults() {
    let draft = parse_draft(b"To: undisclosed-recipients:;\r\nSubject: x\r\n\r\nline1\r\nline2");
    assert_eq!(draft.to, vec![]);
    assert_eq!(draft.body, "line1\nline2");
    assert_eq!(parse_draft(b""), Draft::default());
    assert_eq!(parse_draft(b"no headers at all").body, "");
}

#[test]
fn groups_comments_and_odd_addresses() {
    let list = mailboxes("Friends: a@b.co, \"Q, R\" <q@r.co>;, (just a comment) c@d.co, <e@f.co>");
    assert_eq!(
        list,
        vec![
            Mailbox::new("a@b.co"),
            Mailbox::named("Q, R", "q@r.co"),
            Mailbox::named("just a comment", "c@d.co"),
            Mailbox::new("e@f.co"),
        ]
    );
}

#[test]
fn format_flowed() {
    assert_eq!(
        unflow("a long \r\nline\r\n-- \r\nsig", false),
        "a long line\r\n-- \r\nsig"
    );
    assert_eq!(unflow("joined \nword\n", true), "joinedword\n");
}

#[test]
fn unterminated_multipart_and_deep_nesting() {
    let draft = parse_draft(b"Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n\r\nhello");
    assert_eq!(draft.body, "hello");
    let mut deep = String::new();
    for i in 0..200 {
        deep.push_str(&format!(
            "Content-Type: multipart/mixed; boundary=b{i}\r\n\r\n--b{i}\r\n"
        ));
    }
    deep.push_str("\r\ntext");
    assert_eq!(parse_draft(deep.as_bytes()).body, "");
}

#[test]
fn raw_field() {
    let raw = super::super::encoding::encode_gmail_raw(b"Subject: hi\r\n\r\nbody");
    assert_eq!(parse_gmail_raw_draft(&raw).unwrap().subject, "hi");
    assert!(parse_gmail_raw_draft("!!").is_err());
}
