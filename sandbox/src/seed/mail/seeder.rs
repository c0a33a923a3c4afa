//! The seed mailboxes' seeder: a message built as real mail is (its boundary and Message-ID
//! from the seeder's random draws), dated minutes ago and stored with its labels.

use chrono::{DateTime, Duration, Utc};

use crate::gmail::store::Mailbox;
use crate::seed::mime::{build, Mail};
use crate::util::Rng;
use crate::Account;

pub(super) type Person = (&'static str, &'static str);

pub(super) fn addr(p: &Person) -> (String, String) {
    (p.0.to_string(), p.1.to_string())
}

pub(super) fn me(a: &Account) -> (String, String) {
    (a.name.to_string(), a.email.to_string())
}

pub(super) struct Seeder<'a> {
    pub(super) mailbox: &'a mut Mailbox,
    pub(super) rng: &'a mut Rng,
    pub(super) now: DateTime<Utc>,
    pub(super) count: u64,
}

impl Seeder<'_> {
    pub(super) fn add(&mut self, mail: Mail, labels: &[&str]) -> (String, String) {
        self.count += 1;
        let boundary = format!("{:08x}{}", self.count, self.rng.hex(8));
        let raw = build(&mail, &boundary);
        let millis = mail.date.timestamp_millis();
        let id = crate::gmail::store::new_message_id(self.rng, millis);
        let labels: Vec<String> = labels.iter().map(|l| l.to_string()).collect();
        let thread = self
            .mailbox
            .insert(id.clone(), None, raw, labels, millis)
            .map(|m| m.thread_id.clone())
            .unwrap_or_default();
        (id, thread)
    }

    pub(super) fn message_id(&mut self, domain: &str) -> String {
        format!("<{}.{}@{}>", self.rng.hex(12), self.count, domain)
    }

    pub(super) fn at(&self, minutes_ago: i64) -> DateTime<Utc> {
        self.now - Duration::minutes(minutes_ago)
    }

    pub(super) fn mail(
        &mut self,
        from: (String, String),
        to: Vec<(String, String)>,
        subject: &str,
        text: &str,
        minutes_ago: i64,
    ) -> Mail {
        let domain = from
            .1
            .split('@')
            .nth(1)
            .unwrap_or("example.com")
            .to_string();
        Mail {
            from,
            to,
            cc: vec![],
            subject: subject.to_string(),
            date: self.at(minutes_ago),
            message_id: self.message_id(&domain),
            in_reply_to: None,
            text: text.to_string(),
            html: None,
            attachment: None,
            inline_image: None,
            list_unsubscribe: false,
            raw_subject: None,
            raw_from: None,
        }
    }
}
