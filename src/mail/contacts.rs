//! Recipient suggestions: the people the user wrote to or heard from recently, ranked by
//! how often and how lately, matched on any word of the name or the start of the address.
//! Pure: the compose form fills it from message headers and asks it while the user types.

use serde::{Deserialize, Serialize};

use super::address::Mailbox;
use super::limits::cut_at;
use super::parse::mailboxes;

/// A message's people as `format=metadata` gives them (From, To, Cc): read without the
/// message view's model, so Compose does not carry it.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PeopleOf {
    #[serde(default)]
    internal_date: Option<String>,
    #[serde(default)]
    payload: PeoplePayload,
}

#[derive(Clone, Debug, Default, Deserialize)]
struct PeoplePayload {
    #[serde(default)]
    headers: Vec<NameValue>,
}

#[derive(Clone, Debug, Default, Deserialize)]
struct NameValue {
    #[serde(default)]
    name: String,
    #[serde(default)]
    value: String,
}

impl PeopleOf {
    pub fn date_ms(&self) -> i64 {
        self.internal_date
            .as_deref()
            .and_then(|d| d.parse().ok())
            .unwrap_or(0)
    }

    /// The mailboxes of the headers named `names` (at most 64 KiB of each read).
    pub fn people(&self, names: &[&str]) -> Vec<Mailbox> {
        self.payload
            .headers
            .iter()
            .filter(|h| names.iter().any(|n| h.name.eq_ignore_ascii_case(n)))
            .flat_map(|h| mailboxes(cut_at(&h.value, 64 * 1024).0))
            .collect()
    }
}

/// People kept; the least useful go first.
const MAX_CONTACTS: usize = 500;
/// A day, in milliseconds: recency counts in days.
const DAY_MS: i64 = 86_400_000;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub name: Option<String>,
    pub email: String,
    /// Messages seen with this person.
    pub count: u32,
    /// The newest of them, ms since the epoch.
    pub last_ms: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contacts(pub Vec<Contact>);

impl Contacts {
    /// Counts `mailbox` as seen at `when_ms` (`me` is never suggested).
    pub fn add(&mut self, mailbox: &Mailbox, when_ms: i64, me: &str) {
        let email = mailbox.email.trim();
        if email.is_empty()
            || !email.contains('@')
            || email.eq_ignore_ascii_case(me)
            || email.len() > 254
        {
            return;
        }
        match self
            .0
            .iter_mut()
            .find(|c| c.email.eq_ignore_ascii_case(email))
        {
            Some(c) => {
                c.count = c.count.saturating_add(1);
                if when_ms > c.last_ms {
                    c.last_ms = when_ms;
                    if mailbox.name.is_some() {
                        c.name = mailbox.name.clone();
                    }
                }
            }
            None => self.0.push(Contact {
                name: mailbox.name.clone().filter(|n| n.chars().count() <= 200),
                email: email.to_string(),
                count: 1,
                last_ms: when_ms,
            }),
        }
        if self.0.len() > MAX_CONTACTS {
            let now = self.0.iter().map(|c| c.last_ms).max().unwrap_or(0);
            self.0
                .sort_by(|a, b| score(b, now).total_cmp(&score(a, now)));
            self.0.truncate(MAX_CONTACTS);
        }
    }

    /// Up to `limit` people matching `term` (what is typed after the last comma), best
    /// first; none for an empty term, and none already in `taken` (the field's text).
    pub fn suggest(&self, term: &str, taken: &str, now_ms: i64, limit: usize) -> Vec<Mailbox> {
        let term = term.trim().to_lowercase();
        if term.is_empty() {
            return Vec::new();
        }
        let taken = taken.to_lowercase();
        let mut found: Vec<&Contact> = self
            .0
            .iter()
            .filter(|c| !taken.contains(&c.email.to_lowercase()))
            .filter(|c| {
                c.email.to_lowercase().starts_with(&term)
                    || c.name.as_deref().is_some_and(|n| {
                        let n = n.to_lowercase();
                        n.starts_with(&term) || n.split_whitespace().any(|w| w.starts_with(&term))
                    })
            })
            .collect();
        found.sort_by(|a, b| score(b, now_ms).total_cmp(&score(a, now_ms)));
        found
            .into_iter()
            .take(limit)
            .map(|c| Mailbox {
                name: c.name.clone(),
                email: c.email.clone(),
            })
            .collect()
    }
}

/// Frequency, discounted by age: a person written to ten times last year ranks below one
/// written to twice this week.
fn score(c: &Contact, now_ms: i64) -> f64 {
    let days = ((now_ms - c.last_ms).max(0) / DAY_MS) as f64;
    f64::from(c.count) / (1.0 + days / 7.0)
}

/// The entry being typed: the text after the last comma outside quotes.
pub fn current_term(field: &str) -> &str {
    let mut in_quotes = false;
    let mut start = 0;
    for (i, c) in field.char_indices() {
        match c {
            '"' => in_quotes = !in_quotes,
            ',' | ';' if !in_quotes => start = i + 1,
            _ => {}
        }
    }
    field.get(start..).unwrap_or("")
}

/// The field with the entry being typed replaced by `chosen`, ready for the next.
pub fn with_chosen(field: &str, chosen: &str) -> String {
    let term = current_term(field);
    let kept = field.get(..field.len() - term.len()).unwrap_or("");
    let kept = kept.trim_end();
    if kept.is_empty() {
        format!("{chosen}, ")
    } else {
        format!("{kept} {chosen}, ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_by_frequency_and_recency_and_matches_words() {
        let mut c = Contacts::default();
        let now = 100 * DAY_MS;
        c.add(
            &Mailbox::named("Charles Babbage", "charles@example.org"),
            now - 300 * DAY_MS.min(now),
            "me@x",
        );
        for _ in 0..3 {
            c.add(
                &Mailbox::named("Charlotte Brontë", "cb@example.org"),
                now - DAY_MS,
                "me@x",
            );
        }
        c.add(&Mailbox::new("me@x"), now, "me@x");
        let names: Vec<String> = c
            .suggest("ch", "", now, 5)
            .into_iter()
            .map(|m| m.email)
            .collect();
        assert_eq!(names, vec!["cb@example.org", "charles@example.org"]);
        assert_eq!(
            c.suggest("bab", "", now, 5).len(),
            1,
            "any word of the name"
        );
        assert!(c.suggest("me", "", now, 5).is_empty(), "never the user");
        assert!(c
            .suggest("ch", "cb@example.org, ", now, 5)
            .iter()
            .all(|m| m.email != "cb@example.org"));
        assert!(c.suggest(" ", "", now, 5).is_empty());
    }

    #[test]
    fn the_term_is_the_last_entry() {
        assert_eq!(current_term("a@b.c, \"Doe, J"), " \"Doe, J");
        assert_eq!(current_term("a@b.c, ch"), " ch");
        assert_eq!(
            with_chosen("a@b.c, ch", "Charles <c@x>"),
            "a@b.c, Charles <c@x>, "
        );
        assert_eq!(with_chosen("ch", "c@x"), "c@x, ");
    }

    #[test]
    fn people_of_a_metadata_answer() {
        let m: PeopleOf = serde_json::from_str(
            r#"{"internalDate":"5","payload":{"headers":[{"name":"to","value":"A <a@x.org>, b@y.org"},{"name":"Subject","value":"x"}]}}"#,
        )
        .unwrap();
        assert_eq!(m.date_ms(), 5);
        assert_eq!(m.people(&["To", "Cc"]).len(), 2);
        assert!(m.people(&["From"]).is_empty());
    }

    #[test]
    fn the_list_stays_bounded() {
        let mut c = Contacts::default();
        for i in 0..(MAX_CONTACTS + 50) {
            c.add(&Mailbox::new(format!("p{i}@x.org")), i as i64, "me@x");
        }
        assert_eq!(c.0.len(), MAX_CONTACTS);
    }
}
