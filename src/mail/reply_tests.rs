use super::*;

fn original() -> Shown {
    Shown {
        id: "m1".into(),
        thread_id: "t1".into(),
        from: vec![Mailbox::named("Charles", "charles@example.org")],
        to: vec![
            Mailbox::new("ada@example.com"),
            Mailbox::new("Mary@example.org"),
        ],
        cc: vec![
            Mailbox::new("mary@EXAMPLE.org"),
            Mailbox::new("ada@example.com"),
            Mailbox::new("tom@example.org"),
        ],
        subject: "Plans".into(),
        message_id: Some("<CAx@mail.gmail.com>".into()),
        references: vec!["<root@x>".into(), "<CAx@mail.gmail.com>".into()],
        ..Shown::default()
    }
}

#[test]
fn reply_goes_to_the_sender_in_the_same_thread() {
    let p = prefill(
        ReplyKind::Reply,
        &original(),
        "Hello\n\n> old",
        "ada@example.com",
        "1 Dec 2026, 10:00",
    );
    assert_eq!(p.to, vec![Mailbox::named("Charles", "charles@example.org")]);
    assert!(p.cc.is_empty());
    assert_eq!(p.subject, "Re: Plans");
    assert_eq!(
        p.body,
        "\n\nOn 1 Dec 2026, 10:00, Charles wrote:\n> Hello\n>\n>> old\n"
    );
    assert_eq!(
        p.threading.in_reply_to.as_deref(),
        Some("<CAx@mail.gmail.com>")
    );
    assert_eq!(
        p.threading.references,
        vec!["<root@x>", "<CAx@mail.gmail.com>"]
    );
    assert_eq!(p.threading.thread_id.as_deref(), Some("t1"));
}

#[test]
fn reply_all_drops_me_and_duplicates() {
    let p = prefill(ReplyKind::ReplyAll, &original(), "", "ADA@example.com", "d");
    let emails = |l: &[Mailbox]| l.iter().map(|m| m.email.to_lowercase()).collect::<Vec<_>>();
    assert_eq!(
        emails(&p.to),
        vec!["charles@example.org", "mary@example.org"]
    );
    assert_eq!(emails(&p.cc), vec!["tom@example.org"]);
}

#[test]
fn prefixes_are_added_once() {
    let mut o = original();
    o.subject = "RE: Plans".into();
    assert_eq!(
        prefill(ReplyKind::Reply, &o, "", "a@b", "d").subject,
        "RE: Plans"
    );
    o.subject = "Fw: x".into();
    assert_eq!(
        prefill(ReplyKind::Forward, &o, "", "a@b", "d").subject,
        "Fw: x"
    );
    o.subject = String::new();
    assert_eq!(
        prefill(ReplyKind::Forward, &o, "", "a@b", "d").subject,
        "Fwd:"
    );
}

#[test]
fn reply_to_my_own_message_goes_to_its_recipients() {
    let mut o = original();
    o.from = vec![Mailbox::new("ada@example.com")];
    let p = prefill(ReplyKind::Reply, &o, "", "ada@example.com", "d");
    assert_eq!(p.to, vec![Mailbox::new("Mary@example.org")]);
}

#[test]
fn reply_to_header_wins_and_long_references_are_trimmed() {
    let mut o = original();
    o.reply_to = vec![Mailbox::new("list@example.org")];
    o.references = (0..50).map(|i| format!("<r{i}@x>")).collect();
    let p = prefill(ReplyKind::Reply, &o, "", "ada@example.com", "d");
    assert_eq!(p.to, vec![Mailbox::new("list@example.org")]);
    assert_eq!(p.threading.references.len(), 20);
    assert_eq!(p.threading.references[0], "<r0@x>");
    assert_eq!(p.threading.references[19], "<CAx@mail.gmail.com>");
}

#[test]
fn forward_quotes_the_headers() {
    let p = prefill(
        ReplyKind::Forward,
        &original(),
        "Body",
        "ada@example.com",
        "d",
    );
    assert!(p.to.is_empty());
    assert!(p.body.contains("---------- Forwarded message ---------\nFrom: Charles <charles@example.org>\nDate: d\nSubject: Plans\n"));
    assert!(p.body.contains("\n\nBody\n"));
}
