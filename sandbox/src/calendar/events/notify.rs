//! The emails Google Calendar would send about a write, recorded instead of sent (see
//! `/_sandbox/calendar/notifications`). Google sends them only when asked: `sendUpdates`
//! `all` or `externalOnly` (or the deprecated `sendNotifications=true`); the default is
//! none. "External" guests are those without a Google account here, i.e. anyone but the
//! seeded accounts.

use chrono::Utc;
use serde_json::{json, Value};

use crate::calendar::time::stamp;
use crate::handler::Ctx;
use crate::ACCOUNTS;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Send {
    Nobody,
    All,
    ExternalOnly,
}

impl Send {
    pub fn of(ctx: &Ctx<'_>) -> Send {
        match ctx.q("sendUpdates") {
            Some("all") => Send::All,
            Some("externalOnly") => Send::ExternalOnly,
            Some(_) => Send::Nobody,
            None if ctx.q_bool("sendNotifications") => Send::All,
            None => Send::Nobody,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Send::Nobody => "none",
            Send::All => "all",
            Send::ExternalOnly => "externalOnly",
        }
    }
}

fn external(email: &str) -> bool {
    !ACCOUNTS.iter().any(|a| a.email.eq_ignore_ascii_case(email))
}

/// One write's notifications, all of one method on one event.
pub struct Outbox<'a> {
    pub send: Send,
    pub method: &'a str,
    pub account: &'a str,
    pub calendar_id: &'a str,
    pub list: &'a mut Vec<Value>,
}

impl Outbox<'_> {
    fn push(&mut self, kind: &str, ev: &Value, recipients: Vec<String>) {
        let recipients: Vec<String> = recipients
            .into_iter()
            .filter(|r| self.send == Send::All || external(r))
            .collect();
        if self.send == Send::Nobody || recipients.is_empty() {
            return;
        }
        self.list.push(json!({
            "kind": kind,
            "method": self.method,
            "account": self.account,
            "calendarId": self.calendar_id,
            "eventId": ev["id"],
            "summary": ev["summary"],
            "sendUpdates": self.send.name(),
            "recipients": recipients,
            "at": stamp(Utc::now()),
        }));
    }

    /// A write by the organizer (`old` is `None` for a new event) or a guest's answer.
    pub fn write(&mut self, old: Option<&Value>, new: &Value, organizer: bool) {
        if !organizer {
            let answer =
                |ev: &Value| own(ev).map(|a| (a["responseStatus"].clone(), a["comment"].clone()));
            if old.and_then(answer) != answer(new) {
                let to = new["organizer"]["email"].as_str().map(String::from);
                self.push("reply", new, to.into_iter().collect());
            }
            return;
        }
        let Some(old) = old else {
            self.push("insert", new, guests(new));
            return;
        };
        if new["status"] == "cancelled" && old["status"] != "cancelled" {
            self.push("cancel", new, guests(old));
            return;
        }
        let (before, after) = (guests(old), guests(new));
        let added = after
            .iter()
            .filter(|g| !before.contains(g))
            .cloned()
            .collect();
        let removed = before
            .iter()
            .filter(|g| !after.contains(g))
            .cloned()
            .collect();
        let kept = after
            .iter()
            .filter(|g| before.contains(g))
            .cloned()
            .collect();
        self.push("insert", new, added);
        self.push("cancel", new, removed);
        if content(old) != content(new) {
            self.push("update", new, kept);
        }
    }

    /// A deletion: the organizer's cancels the event for every guest.
    pub fn delete(&mut self, old: &Value, organizer: bool) {
        if organizer {
            self.push("cancel", old, guests(old));
        }
    }
}

/// The attendee entry of the calendar the event sits on.
fn own(ev: &Value) -> Option<&Value> {
    ev["attendees"]
        .as_array()?
        .iter()
        .find(|a| a["self"] == true)
}

/// Who gets the organizer's emails: every guest but the organizer and this calendar.
fn guests(ev: &Value) -> Vec<String> {
    let organizer = ev["organizer"]["email"].as_str().unwrap_or_default();
    ev["attendees"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|a| a["self"] != true && a["organizer"] != true)
        .filter_map(|a| a["email"].as_str())
        .filter(|e| !e.eq_ignore_ascii_case(organizer))
        .map(str::to_lowercase)
        .collect()
}

/// What guests see change (not the guest list itself, nor bookkeeping or personal fields).
fn content(ev: &Value) -> Value {
    let mut v = ev.clone();
    if let Some(map) = v.as_object_mut() {
        for key in [
            "etag",
            "updated",
            "sequence",
            "attendees",
            "reminders",
            "colorId",
        ] {
            map.remove(key);
        }
    }
    v
}
