//! Gmail's search language (`q=`), the part apps use: `from:`, `to:`, `cc:`, `bcc:`,
//! `subject:`, `is:`, `in:`, `label:`, `category:`, `has:attachment`, `filename:`,
//! `after:`/`before:`/`newer_than:`/`older_than:`, `"quoted phrases"`, free words,
//! `-negation` and `OR`; terms are ANDed.

use chrono::{NaiveDate, TimeZone, Utc};

use crate::gmail::store::{Mailbox, StoredMessage};

#[derive(Debug, Clone)]
enum Term {
    Field(String, String),
    Word(String),
    Not(Box<Term>),
}

/// AND of OR-groups.
#[derive(Debug, Clone, Default)]
pub struct Query(Vec<Vec<Term>>);

fn tokens(q: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in q.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                current.push(c);
            }
            c if c.is_whitespace() && !quoted => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn unquote(s: &str) -> String {
    s.trim_matches('"').to_lowercase()
}

fn term(token: &str) -> Term {
    if let Some(rest) = token.strip_prefix('-').filter(|r| !r.is_empty()) {
        return Term::Not(Box::new(term(rest)));
    }
    if !token.starts_with('"') {
        if let Some((key, value)) = token.split_once(':') {
            return Term::Field(key.to_lowercase(), unquote(value));
        }
    }
    Term::Word(unquote(token))
}

pub fn parse(q: &str) -> Query {
    let mut groups: Vec<Vec<Term>> = Vec::new();
    let mut or_next = false;
    for token in tokens(q) {
        if token == "OR" || token == "|" {
            or_next = true;
            continue;
        }
        let t = term(&token);
        match groups.last_mut() {
            Some(group) if or_next => group.push(t),
            _ => groups.push(vec![t]),
        }
        or_next = false;
    }
    Query(groups)
}

impl Query {
    pub fn matches(&self, m: &StoredMessage, mailbox: &Mailbox) -> bool {
        self.0
            .iter()
            .all(|group| group.iter().any(|t| matches(t, m, mailbox)))
    }

    /// Whether the query itself asks for spam or trash (then they are not excluded).
    pub fn wants_spam_or_trash(&self) -> bool {
        self.0.iter().flatten().any(|t| match t {
            Term::Field(k, v) => {
                (k == "in" || k == "label") && matches!(v.as_str(), "spam" | "trash" | "anywhere")
            }
            _ => false,
        })
    }
}

fn addresses(list: &[crate::gmail::mime::Addr]) -> String {
    list.iter()
        .map(|a| format!("{} <{}>", a.name.clone().unwrap_or_default(), a.email))
        .collect::<Vec<_>>()
        .join(", ")
        .to_lowercase()
}

fn date_value(v: &str) -> Option<i64> {
    if let Ok(secs) = v.parse::<i64>() {
        return secs.checked_mul(1000);
    }
    let d = NaiveDate::parse_from_str(v, "%Y/%m/%d")
        .or_else(|_| NaiveDate::parse_from_str(v, "%Y-%m-%d"))
        .ok()?;
    Some(
        Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0)?)
            .timestamp_millis(),
    )
}

fn age_millis(v: &str) -> Option<i64> {
    let split = v.len().checked_sub(1).filter(|s| v.is_char_boundary(*s))?;
    let (n, unit) = v.split_at(split);
    let n: i64 = n.parse().ok()?;
    let day: i64 = 86_400_000;
    let days = match unit {
        "d" => 1,
        "m" => 30,
        "y" => 365,
        _ => return None,
    };
    n.checked_mul(days)?.checked_mul(day)
}

fn matches(t: &Term, m: &StoredMessage, mailbox: &Mailbox) -> bool {
    let s = &m.summary;
    match t {
        Term::Not(inner) => !matches(inner, m, mailbox),
        Term::Word(w) => {
            let hay = format!(
                "{} {} {} {} {}",
                s.subject.to_lowercase(),
                addresses(&s.from),
                addresses(&s.to),
                addresses(&s.cc),
                s.text.to_lowercase()
            );
            hay.contains(w.as_str())
        }
        Term::Field(key, value) => match key.as_str() {
            "from" => addresses(&s.from).contains(value.as_str()),
            "to" => {
                addresses(&s.to).contains(value.as_str())
                    || addresses(&s.cc).contains(value.as_str())
            }
            "cc" => addresses(&s.cc).contains(value.as_str()),
            "bcc" => addresses(&s.bcc).contains(value.as_str()),
            "subject" => s.subject.to_lowercase().contains(value.as_str()),
            "is" => match value.as_str() {
                "unread" => m.has("UNREAD"),
                "read" => !m.has("UNREAD"),
                "starred" => m.has("STARRED"),
                "important" => m.has("IMPORTANT"),
                "draft" => m.has("DRAFT"),
                "sent" => m.has("SENT"),
                _ => false,
            },
            "in" => match value.as_str() {
                "anywhere" => true,
                "drafts" | "draft" => m.has("DRAFT"),
                "inbox" | "sent" | "trash" | "spam" | "starred" | "important" | "chats"
                | "unread" => m.has(&value.to_uppercase()),
                other => mailbox.label_by_name(other).is_some_and(|l| m.has(&l.id)),
            },
            "label" => mailbox.label_by_name(value).is_some_and(|l| m.has(&l.id)),
            "category" => m.has(&format!(
                "CATEGORY_{}",
                if value == "primary" {
                    "PERSONAL".into()
                } else {
                    value.to_uppercase()
                }
            )),
            "has" => match value.as_str() {
                "attachment" => !s.attachments.is_empty(),
                "userlabels" => m.labels.iter().any(|l| l.starts_with("Label_")),
                "nouserlabels" => !m.labels.iter().any(|l| l.starts_with("Label_")),
                _ => false,
            },
            "filename" => s
                .attachments
                .iter()
                .any(|a| a.filename.to_lowercase().contains(value.as_str())),
            "after" => date_value(value).is_some_and(|d| m.internal_date >= d),
            "before" => date_value(value).is_some_and(|d| m.internal_date < d),
            "newer_than" => age_millis(value)
                .is_some_and(|a| m.internal_date >= crate::util::now_ms().saturating_sub(a)),
            "older_than" => age_millis(value)
                .is_some_and(|a| m.internal_date < crate::util::now_ms().saturating_sub(a)),
            "rfc822msgid" => s
                .message_id
                .as_deref()
                .is_some_and(|id| id.to_lowercase() == value.trim_matches(['<', '>'])),
            // An unknown operator is searched as words, as Gmail does.
            _ => Term::Word(format!("{key}:{value}")).eq_word(m),
        },
    }
}

impl Term {
    fn eq_word(&self, m: &StoredMessage) -> bool {
        match self {
            Term::Word(w) => {
                m.summary.subject.to_lowercase().contains(w.as_str())
                    || m.summary.text.to_lowercase().contains(w.as_str())
            }
            _ => false,
        }
    }
}
