use super::*;

fn err(field: &str) -> AddressError {
    match parse_recipients(field) {
        Err(e) => e,
        Ok(list) => panic!("{field:?} parsed as {list:?}"),
    }
}

#[test]
fn quoted_name_with_comma_and_semicolon_list() {
    let list = parse_recipients("\"Doe, Jane\" <jane@x.org>; bob@y.com").unwrap();
    assert_eq!(
        list,
        vec![
            Mailbox::named("Doe, Jane", "jane@x.org"),
            Mailbox::new("bob@y.com")
        ]
    );
}

#[test]
fn quoted_name_with_semicolon_and_escaped_quote() {
    let list = parse_recipients(r#""A; \"B\"" <a@b.co>"#).unwrap();
    assert_eq!(list, vec![Mailbox::named("A; \"B\"", "a@b.co")]);
}

#[test]
fn greek_and_hebrew_names() {
    let list = parse_recipients(
        "Γιώργος Παπαδόπουλος <giorgos@example.gr>, דוד כהן <david@example.co.il>",
    )
    .unwrap();
    assert_eq!(
        list[0],
        Mailbox::named("Γιώργος Παπαδόπουλος", "giorgos@example.gr")
    );
    assert_eq!(list[1], Mailbox::named("דוד כהן", "david@example.co.il"));
}

#[test]
fn whitespace_and_empty_entries() {
    let list = parse_recipients("  ,  a@b.co ;; ,\t Jane   Doe   <  jane@x.org >  , ").unwrap();
    assert_eq!(
        list,
        vec![
            Mailbox::new("a@b.co"),
            Mailbox::named("Jane Doe", "jane@x.org")
        ]
    );
    assert_eq!(parse_recipients("").unwrap(), vec![]);
    assert_eq!(parse_recipients(" , ; ").unwrap(), vec![]);
}

#[test]
fn angle_only_and_empty_name() {
    assert_eq!(
        parse_recipients("<a@b.co>").unwrap(),
        vec![Mailbox::new("a@b.co")]
    );
    assert_eq!(
        parse_recipients("\"\" <a@b.co>").unwrap(),
        vec![Mailbox::new("a@b.co")]
    );
}

#[test]
fn missing_domain() {
    let e = err("bob@");
    assert_eq!(e.entry, "bob@");
    assert_eq!(
        e.to_string(),
        "\"bob@\" is not a valid email address: the domain is missing."
    );
}

#[test]
fn space_in_address() {
    let e = err("a b@c.d");
    assert_eq!(e.entry, "a b@c.d");
    assert!(e.to_string().contains("space"), "{e}");
}

#[test]
fn header_injection_is_refused() {
    let e = err("x@y.com\r\nBcc: evil@z.com");
    assert!(e.to_string().contains("line break"), "{e}");
    assert!(
        e.to_string().contains("x@y.com\\r\\nBcc: evil@z.com"),
        "{e}"
    );
    assert!(parse_recipients("Jane\n <j@x.org>").is_err());
    assert!(parse_recipients("j@x.org\u{0}").is_err());
}

#[test]
fn other_bad_entries_name_the_entry() {
    for (field, bad) in [
        ("ok@x.org, @x.org", "@x.org"),
        ("nobody", "nobody"),
        ("a@@b.co", "a@@b.co"),
        ("a@b", "a@b"),
        ("a..b@c.de", "a..b@c.de"),
        (".a@c.de", ".a@c.de"),
        ("a@-c.de", "a@-c.de"),
        ("a@c..de", "a@c..de"),
        ("a(b@c.de", "a(b@c.de"),
        ("Jane <j@x.org", "Jane <j@x.org"),
        ("Jane <j@x.org> extra", "Jane <j@x.org> extra"),
        ("Jane <>", "Jane <>"),
        ("j@x.org>", "j@x.org>"),
        ("a@b_c.de", "a@b_c.de"),
    ] {
        assert_eq!(err(field).entry, bad, "{field}");
    }
    assert!(err("nobody").to_string().contains("no @"));
}

#[test]
fn unusual_but_valid_addresses() {
    for addr in [
        "first.last+tag@sub.example.co.uk",
        "o'brien@example.ie",
        "\"john doe\"@example.com",
        "\"a@b\"@example.com",
        "user@[192.0.2.1]",
        "user@[IPv6:2001:db8::1]",
        "χρήστης@παράδειγμα.ελ",
        "x@xn--bcher-kva.de",
    ] {
        assert_eq!(
            parse_recipients(addr).unwrap(),
            vec![Mailbox::new(addr)],
            "{addr}"
        );
    }
}

#[test]
fn length_limits() {
    let long_local = format!("{}@x.org", "a".repeat(65));
    assert!(err(&long_local).to_string().contains("64"));
    let long_label = format!("a@{}.org", "b".repeat(64));
    assert!(err(&long_label).to_string().contains("63"));
}

#[test]
fn recipient_count_limit() {
    let many = vec![Mailbox::new("a@b.co"); 300];
    assert!(check_recipient_count(&many, &many[..200], &[]).is_ok());
    let e = check_recipient_count(&many, &many, &many[..1]).unwrap_err();
    assert_eq!(e.count, 601);
    assert!(e.to_string().starts_with("At most 500 recipients"));
}
