//! Sends waiting out their Undo countdown, in localStorage so that a tab closed during the
//! countdown leaves a trace: the message is a draft in Gmail, and the next visit offers to
//! send it (or keep it as a draft).

use serde::{Deserialize, Serialize};

use crate::browser::locks;
use crate::browser::storage::{self, Area};

const KEY: &str = "satchel.pending_sends";

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Pending {
    draft_id: String,
    /// The account the draft belongs to: another account's session never sees it.
    email: String,
    /// When the countdown ends. In a browser without Web Locks, another tab offers the
    /// draft only a while after it (the tab that started it may still be sending).
    #[serde(default)]
    due_ms: i64,
}

/// Without Web Locks: how long after its countdown a send counts as abandoned.
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
/// tab offers it at once.
const MINE_KEY: &str = "satchel.sending";

pub fn mark_mine(draft_id: Option<&str>) {
    match draft_id {
        Some(id) => {
            storage::set(Area::Session, MINE_KEY, id);
        }
        None => storage::remove(Area::Session, MINE_KEY),
    }
}

/// The Web Lock a tab holds while it counts down or sends `draft_id`: while some live page
/// holds it, no other tab offers that draft.
pub fn lock_name(draft_id: &str) -> String {
    format!("satchel.sending.{draft_id}")
}

/// Holds [`lock_name`] for the rest of this page's life (the page is the sender now).
pub fn hold_as_sender(draft_id: &str) {
    let name = lock_name(draft_id);
    leptos::task::spawn_local(async move {
        let _ = locks::hold(&name).await;
    });
}

/// The first draft that `email`'s session left waiting and no live page is sending: this
/// tab's own (interrupted by a reload), one whose sending tab is gone (its Web Lock is
/// free, and this page takes it), or, in a browser without Web Locks, one overdue at
/// `now_ms`. Call only while this tab sends nothing itself.
pub async fn abandoned(email: &str, now_ms: i64) -> Option<String> {
    let mine = storage::get(Area::Session, MINE_KEY);
    for p in load() {
        if !p.email.eq_ignore_ascii_case(email) {
            continue;
        }
        if mine.as_deref() == Some(p.draft_id.as_str()) {
            hold_as_sender(&p.draft_id);
            return Some(p.draft_id);
        }
        match locks::hold(&lock_name(&p.draft_id)).await {
            Some(true) => return Some(p.draft_id),
            Some(false) => continue,
            None if p.due_ms + GRACE_MS < now_ms => return Some(p.draft_id),
            None => continue,
        }
    }
    None
}
