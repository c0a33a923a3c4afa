//! This tab's id, which keys its files: random, kept in sessionStorage (so it survives
//! reloads and same-tab sign-ins, and dies with the tab).
//!
//! "Duplicate tab" copies sessionStorage, id included, and two tabs sharing an id would
//! overwrite each other's files. So each page holds a Web Lock named after its id: a page
//! that finds its id's lock held by another live page is a duplicate, and takes an id of
//! its own with a copy of the files (as it got a copy of the text).

use std::cell::RefCell;

use super::store;
use crate::browser::storage::{self, Area};
use crate::browser::{locks, random};

/// sessionStorage key of this tab's random id.
pub const TAB_KEY: &str = "satchel.tab";

thread_local! {
    /// The ids whose lock this page holds.
    static HELD: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

fn fresh() -> String {
    random::bytes::<12>()
        .map(|b| b.iter().map(|x| format!("{x:02x}")).collect::<String>())
        // Integers only: float formatting would add ~10 KB to the bundle.
        .unwrap_or_else(|| {
            let (now, noise) = (js_sys::Date::now(), js_sys::Math::random() * 1e15);
            format!("{:x}-{:x}", now as u64, noise as u64)
        })
}

/// This tab's id, created on first use. `None` when sessionStorage cannot keep it: then
/// nothing could be found again after a reload, so nothing is stored.
pub fn id() -> Option<String> {
    if let Some(id) = storage::get(Area::Session, TAB_KEY) {
        return Some(id);
    }
    let id = fresh();
    storage::set(Area::Session, TAB_KEY, &id).then_some(id)
}

/// Makes sure no other live page uses this tab's id (run before the first read).
pub async fn claim() -> Option<String> {
    let id = id()?;
    if HELD.with(|h| h.borrow().contains(&id)) {
        return Some(id);
    }
    // Without Web Locks (old browsers) the id is used as it is.
    if locks::hold(&format!("satchel.tab.{id}")).await != Some(false) {
        HELD.with(|h| h.borrow_mut().push(id.clone()));
        return Some(id);
    }
    let own = fresh();
    if !storage::set(Area::Session, TAB_KEY, &own) {
        return None;
    }
    let _ = locks::hold(&format!("satchel.tab.{own}")).await;
    HELD.with(|h| h.borrow_mut().push(own.clone()));
    let _ = store::copy(&id, &own).await;
    Some(own)
}
