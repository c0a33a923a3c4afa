//! The Outbox: messages sent while offline wait in IndexedDB (`store`) and are sent
//! exactly once as soon as the network and a valid session are both back (`run`). This
//! module holds the list every view shows, putting a message in, and Edit and Delete.
//! Every change takes the Web Lock [`LOCK`], which a sending run holds for its whole
//! length, so no two tabs (or a tab and its own Edit) ever act on an item at once.

mod run;
mod store;
pub mod view;

use crate::i18n::{k, t, tf};
use std::cell::{Cell, RefCell};

use leptos::prelude::*;

use super::transport::Built;
use crate::browser::idb::IdbError;
use crate::browser::locks;
use crate::browser::storage::{self, Area};
use crate::browser::time;
use crate::mail::outbox::{send_anyway as anyway, Item, Progress, WAITING_KEY};
use crate::mail::parse_draft;

pub use run::start;

/// Held while anything reads-then-changes the Outbox.
const LOCK: &str = "satchel.outbox";
/// Other tabs of this origin are told on it that the Outbox changed.
const CHANNEL: &str = "satchel.outbox";

/// Runs `make` under an owner of its own that is never dropped, so what it makes lives as
/// long as the page: made where it is first needed, it would belong to that view and die
/// with it. `Owner::new_root` also makes itself the current owner: the caller's is put back.
fn detached<T>(make: impl FnOnce() -> T) -> T {
    let caller = Owner::current();
    let owner = Owner::new_root(None);
    let made = owner.with(make);
    match caller {
        Some(caller) => caller.set(),
        None => owner.clone().unset(),
    }
    std::mem::forget(owner);
    made
}

/// A signal for the page's life.
fn lasting<T: Send + Sync + 'static>(value: T) -> RwSignal<T> {
    detached(|| RwSignal::new(value))
}

thread_local! {
    /// The Outbox as last read.
    static ITEMS: RwSignal<Vec<Item>> = lasting(Vec::new());
    /// Why the Outbox could not be read, if so.
    static PROBLEM: RwSignal<Option<String>> = lasting(None);
    static CHANNEL_OPEN: RefCell<Option<web_sys::BroadcastChannel>> = const { RefCell::new(None) };
    static LOADED: Cell<bool> = const { Cell::new(false) };
}

/// The items waiting, oldest first.
pub fn items() -> RwSignal<Vec<Item>> {
    ITEMS.with(|i| *i)
}

pub fn problem() -> RwSignal<Option<String>> {
    PROBLEM.with(|p| *p)
}

/// Reads the Outbox again (after a change here or in another tab).
pub async fn refresh() {
    match store::list().await {
        Ok(list) => {
            match list.len() {
                0 => storage::remove(Area::Local, WAITING_KEY),
                n => {
                    storage::set(Area::Local, WAITING_KEY, &n.to_string());
                }
            }
            items().set(list);
            problem().set(None);
        }
        Err(e) => problem().set(Some(tf(
            k::MAIL_OUTBOX_READ_FAILED,
            &[("error", &e.to_string())],
        ))),
    }
}

/// Tells the other tabs to read the Outbox again.
fn announce() {
    CHANNEL_OPEN.with(|c| {
        if let Some(channel) = c.borrow().as_ref() {
            let _ = channel.post_message(&"changed".into());
        }
    });
}

/// Loads the list once per page and follows other tabs' changes.
pub fn load_once() {
    if LOADED.with(|l| l.replace(true)) {
        return;
    }
    if let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) {
        let on_message = wasm_bindgen::closure::Closure::<dyn Fn()>::new(|| {
            leptos::task::spawn_local(refresh());
        });
        channel.set_onmessage(Some(wasm_bindgen::JsCast::unchecked_ref(
            on_message.as_ref(),
        )));
        // Listens for the page's life.
        on_message.forget();
        CHANNEL_OPEN.with(|c| *c.borrow_mut() = Some(channel));
    }
    leptos::task::spawn_local(refresh());
}

/// Puts a built message in the Outbox. `progress` says how far it already got (a draft
/// written before the network went away is sent from that draft).
pub async fn queue(
    built: &Built,
    email: String,
    to: String,
    subject: String,
    attachments: u32,
    via_draft: bool,
    progress: Progress,
) -> Result<(), IdbError> {
    let item = Item {
        id: built.satchel_id.clone(),
        email,
        to,
        subject,
        attachments,
        thread_id: built.thread_id.clone(),
        via_draft,
        progress,
        queued_ms: time::now_ms(),
        note: None,
    };
    store::add(&item, &built.message).await?;
    refresh().await;
    announce();
    Ok(())
}

/// Runs `change` under the Outbox lock; `Err` is a sentence for the page.
async fn locked<T>(change: impl AsyncFnOnce() -> Result<T, String>) -> Result<T, String> {
    let held = locks::try_take(LOCK).await;
    if matches!(held, Some(None)) {
        return Err(t(k::MAIL_OUTBOX_BUSY_ELSEWHERE).into());
    }
    let result = change().await;
    drop(held);
    refresh().await;
    announce();
    result
}

fn failed(e: IdbError) -> String {
    tf(k::MAIL_OUTBOX_CHANGE_FAILED, &[("error", &e.to_string())])
}

/// Edit: takes the message out of the Outbox and gives it back as a draft to put in the
/// form, with the Gmail draft it is in (if any) and its conversation.
pub async fn take_out(id: String) -> Result<(crate::mail::Draft, Item), String> {
    locked(async || {
        let item = store::list()
            .await
            .map_err(failed)?
            .into_iter()
            .find(|i| i.id == id)
            .ok_or(t(k::MAIL_OUTBOX_GONE))?;
        let message = store::message(&id)
            .await
            .map_err(failed)?
            .ok_or(t(k::MAIL_OUTBOX_GONE))?;
        let bytes = crate::browser::blob::bytes(&message)
            .await
            .map_err(|e| failed(IdbError::from_thrown(e)))?;
        let draft = parse_draft(&bytes);
        store::delete(&id).await.map_err(failed)?;
        Ok((draft, item))
    })
    .await
}

/// Delete: removes the message from the Outbox; returns it (its Gmail draft, if any, is the
/// caller's to delete).
pub async fn remove(id: String) -> Result<Option<Item>, String> {
    locked(async || {
        let item = store::list()
            .await
            .map_err(failed)?
            .into_iter()
            .find(|i| i.id == id);
        store::delete(&id).await.map_err(failed)?;
        Ok(item)
    })
    .await
}

/// "Send anyway" on an item Gmail may have sent (send-only): the user's deliberate choice.
pub async fn release_unsure(id: String) -> Result<(), String> {
    locked(async || {
        let item = store::list()
            .await
            .map_err(failed)?
            .into_iter()
            .find(|i| i.id == id)
            .ok_or(t(k::MAIL_OUTBOX_GONE))?;
        store::update(&anyway(item)).await.map_err(failed)?;
        Ok(())
    })
    .await
}

#[cfg(all(test, target_arch = "wasm32"))]
mod browser_tests;
