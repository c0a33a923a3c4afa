//! Sends waiting out their Undo countdown, in localStorage so that a tab closed during the
//! countdown leaves a trace: the message is a draft in Gmail, and the next visit offers to
//! send it (or keep it as a draft).

use serde::{Deserialize, Serialize};

use crate::browser::storage::{self, Area};

const KEY: &str = "satchel.pending_sends";

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Pending {
    draft_id: String,
    /// The account the draft belongs to: another account's session never sees it.
    email: String,
    /// When the countdown ends. Until a while after it, the tab that started it may still
    /// be sending: another tab does not offer it.
    #[serde(default)]
    due_ms: i64,
}

/// How long after its countdown a send counts as abandoned.
const GRACE_MS: i64 = 15_000;

fn load() -> Vec<Pending> {
    storage::get(Area::Local, KEY)
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

fn store(list: &[Pending]) {
    if list.is_empty() {
        storage::remove(Area::Local, KEY);
    } else if let Ok(text) = serde_json::to_string(list) {
        storage::set(Area::Local, KEY, &text);
    }
}

pub fn add(draft_id: &str, email: &str, due_ms: i64) {
    let mut list = load();
    list.retain(|p| p.draft_id != draft_id);
    list.push(Pending {
        draft_id: draft_id.to_string(),
        email: email.to_string(),
        due_ms,
    });
    store(&list);
}

pub fn remove(draft_id: &str) {
    if storage::get(Area::Session, MINE_KEY).as_deref() == Some(draft_id) {
        mark_mine(None);
    }
    let mut list = load();
    list.retain(|p| p.draft_id != draft_id);
    store(&list);
}

/// sessionStorage: the draft this tab was counting down or sending, so a reload of this
/// tab offers it at once (another tab waits out [`GRACE_MS`]).
const MINE_KEY: &str = "satchel.sending";

pub fn mark_mine(draft_id: Option<&str>) {
    match draft_id {
        Some(id) => {
            storage::set(Area::Session, MINE_KEY, id);
        }
        None => storage::remove(Area::Session, MINE_KEY),
    }
}

/// The first draft that `email`'s session left waiting: this tab's own (interrupted by a
/// reload), or another tab's that is overdue at `now_ms`. Call only while this tab sends
/// nothing itself.
pub fn abandoned(email: &str, now_ms: i64) -> Option<String> {
    let mine = storage::get(Area::Session, MINE_KEY);
    load()
        .into_iter()
        .find(|p| {
            p.email.eq_ignore_ascii_case(email)
                && (mine.as_deref() == Some(p.draft_id.as_str()) || p.due_ms + GRACE_MS < now_ms)
        })
        .map(|p| p.draft_id)
}
