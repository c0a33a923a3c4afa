//! Grace's smaller inbox.

use chrono::{DateTime, Utc};

use super::seeder::{me, Seeder};
use crate::gmail::store::Mailbox;
use crate::util::Rng;
use crate::ACCOUNTS;

pub fn grace(rng: &mut Rng, now: DateTime<Utc>) -> Mailbox {
    let account = ACCOUNTS[1];
    let mut mailbox = Mailbox::new(
        account.email,
        &[("Navy", None), ("COBOL", Some(("#000000", "#fad165")))],
    );
    let mut s = Seeder {
        mailbox: &mut mailbox,
        rng,
        now,
        count: 1000,
    };
    let grace = me(&account);
    let items: [(&str, &str, &str, &[&str]); 10] = [
        (
            "Howard Aiken",
            "aiken@harvard.example",
            "Mark I schedule",
            &["INBOX", "UNREAD", "Label_1"],
        ),
        (
            "Jean Sammet",
            "jean@codasyl.example",
            "COBOL committee agenda",
            &["INBOX", "Label_2"],
        ),
        (
            "Ada Lovelace",
            "ada@satchel.test",
            "Hello from London",
            &["INBOX", "UNREAD"],
        ),
        (
            "Navy Records",
            "records@navy.example",
            "Service record update",
            &["INBOX", "Label_1", "CATEGORY_UPDATES"],
        ),
        (
            "Betty Holberton",
            "betty@eniac.example",
            "Sort-merge generator",
            &["INBOX"],
        ),
        (
            "Univac",
            "support@univac.example",
            "Your support ticket #77",
            &["INBOX", "CATEGORY_UPDATES"],
        ),
        (
            "Jean Sammet",
            "jean@codasyl.example",
            "Re: COBOL committee agenda",
            &["INBOX", "UNREAD", "Label_2"],
        ),
        (
            "Library",
            "notices@library.example",
            "Items due",
            &["INBOX", "CATEGORY_UPDATES"],
        ),
        (
            "Moth Society",
            "moths@bugs.example",
            "The first actual bug",
            &["INBOX", "STARRED"],
        ),
        (
            "Vassar Alumni",
            "alumni@vassar.example",
            "Reunion",
            &["INBOX", "CATEGORY_SOCIAL"],
        ),
    ];
    for (i, (name, email, subject, labels)) in items.iter().enumerate() {
        let m = s.mail(
            (name.to_string(), email.to_string()),
            vec![grace.clone()],
            subject,
            &format!("{subject}: details inside. Regards, {name}."),
            90 + 310 * i as i64,
        );
        s.add(m, labels);
    }
    let sent = s.mail(
        grace.clone(),
        vec![("Howard Aiken".into(), "aiken@harvard.example".into())],
        "Re: Mark I schedule",
        "Tuesday is fine.",
        60,
    );
    s.add(sent, &["SENT"]);
    mailbox
}
