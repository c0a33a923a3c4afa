//! The agenda kept for when the network is down: the last whole load of each account (the
//! calendar list and the events as Google sent them, never the token) in localStorage,
//! shown with "offline, as of HH:MM" when a load fails for want of a network.

use crate::i18n::{k, tf};
use serde::{Deserialize, Serialize};

use super::state::{Loaded, Window};
use crate::browser::http::HttpError;
use crate::browser::local_time::{clock_text, offset_at};
use crate::browser::storage;
use crate::calendar::{CalendarEvents, CalendarListEntry};
use crate::time::local_time;
use crate::ui::auth::CallError;
use crate::ui::google::ApiError;

/// localStorage, one key per account (its address follows).
const KEY_PREFIX: &str = "satchel.calendar.offline.";

/// One account's last load, as written (borrowed: nothing is copied to write it).
#[derive(Serialize)]
struct Keeping<'a> {
    saved_ms: i64,
    window: Window,
    list: &'a [CalendarListEntry],
    calendars: &'a [CalendarEvents],
}

/// One account's last load, as read back.
#[derive(Deserialize)]
pub(super) struct Kept {
    /// When it was loaded (UTC ms).
    pub saved_ms: i64,
    pub window: Window,
    pub list: Vec<CalendarListEntry>,
    pub calendars: Vec<CalendarEvents>,
}

impl Kept {
    pub fn loaded(self) -> Loaded {
        Loaded {
            window: self.window,
            calendars: self.calendars,
            failed: Vec::new(),
        }
    }
}

/// Keeps a load that brought every calendar (a partial one would hide the missing ones
/// offline). Storage full or refused: nothing is kept, and nothing else changes.
pub(super) fn keep(email: &str, saved_ms: i64, list: &[CalendarListEntry], loaded: &Loaded) {
    if !loaded.failed.is_empty() {
        return;
    }
    let kept = Keeping {
        saved_ms,
        window: loaded.window,
        list,
        calendars: &loaded.calendars,
    };
    if let Ok(json) = serde_json::to_string(&kept) {
        storage::set(storage::Area::Local, &key(email), &json);
    }
}

pub(super) fn kept(email: &str) -> Option<Kept> {
    let json = storage::get(storage::Area::Local, &key(email))?;
    serde_json::from_str(&json).ok()
}

/// Sign-out forgets the account's kept agenda.
pub fn forget(email: &str) {
    storage::remove(storage::Area::Local, &key(email));
}

fn key(email: &str) -> String {
    format!("{KEY_PREFIX}{email}")
}

/// The failure means no network (no answer at all, or the browser says it is offline),
/// not an error of Google's.
pub(super) fn is_offline(error: &ApiError) -> bool {
    let no_answer = matches!(
        error,
        ApiError::Call(CallError::Http(HttpError::Network(_)))
    );
    no_answer || !web_sys::window().is_some_and(|w| w.navigator().on_line())
}

/// "offline, as of 13:05" in the user's clock.
pub fn status_text(saved_ms: i64) -> String {
    let time = local_time(saved_ms, offset_at(saved_ms));
    tf(k::CAL_OFFLINE_AS_OF, &[("time", &clock_text(time))])
}
