//! The sending choices of Settings, kept in localStorage (this device, every tab).

use crate::auth::scopes::Feature;
use crate::browser::storage::{self, Area};
use crate::mail::undo;

const UNDO_KEY: &str = "satchel.undo_send_seconds";
const SEND_ONLY_KEY: &str = "satchel.send_only";

/// Seconds a sent message waits for Undo (0: off).
pub fn undo_seconds() -> u32 {
    undo::undo_seconds(storage::get(Area::Local, UNDO_KEY).as_deref())
}

pub fn set_undo_seconds(seconds: u32) {
    storage::set(Area::Local, UNDO_KEY, &seconds.to_string());
}

/// Whether the user chose to grant only `gmail.send` (no drafts, no Undo held in Gmail).
pub fn send_only() -> bool {
    storage::get(Area::Local, SEND_ONLY_KEY).as_deref() == Some("1")
}

pub fn set_send_only(on: bool) {
    if on {
        storage::set(Area::Local, SEND_ONLY_KEY, "1");
    } else {
        storage::remove(Area::Local, SEND_ONLY_KEY);
    }
}

/// The permission Compose asks for.
pub fn send_feature() -> Feature {
    if send_only() {
        Feature::SendOnly
    } else {
        Feature::Send
    }
}

const REMEMBER_CONTACTS_KEY: &str = "satchel.remember_suggestions";
/// Where remembered suggestions are kept (only with the choice above).
pub const CONTACTS_KEY: &str = "satchel.contacts";

/// Whether recipient suggestions are kept on this device (else only in this tab).
pub fn remember_contacts() -> bool {
    storage::get(Area::Local, REMEMBER_CONTACTS_KEY).as_deref() == Some("1")
}

/// Turning it off forgets what was kept.
pub fn set_remember_contacts(on: bool) {
    if on {
        storage::set(Area::Local, REMEMBER_CONTACTS_KEY, "1");
    } else {
        storage::remove(Area::Local, REMEMBER_CONTACTS_KEY);
        storage::remove(Area::Local, CONTACTS_KEY);
    }
}
