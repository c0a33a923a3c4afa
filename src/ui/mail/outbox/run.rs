//! Sending the Outbox: one run at a time per origin (the Web Lock `LOCK`), started when the
//! network and a valid session are both there: at start-up, on the `online` event, when a
//! sign-in renewal makes the session valid again, on "Send now", and 30 s (then longer)
//! after a run that left something unsent while online. It never asks for a sign-in by itself (a popup needs a click): an
//! expired session waits, and the Outbox page says so. Each item goes through the same
//! exactly-once protocol as the compose form (`sending`), its progress recorded before
//! each step (`mail::outbox`).

use crate::i18n::{k, t, tf};
use std::cell::Cell;

use leptos::prelude::*;

use super::super::sending::{self, Outcome};
use super::super::transport::Built;
use super::{announce, detached, items, lasting, load_once, refresh, store, LOCK};
use crate::browser::{locks, online};
use crate::mail::outbox::{advance, before, on_restart, After, Item, Step};
use crate::ui::auth::Auth;
use crate::ui::notices::Notices;

/// After a run that left items unsent while the browser says online (Google unreachable,
/// a 5xx): try again after this, doubling up to [`RETRY_MAX_MS`]. Going offline and back
/// online tries at once anyway.
const RETRY_MS: u64 = 30_000;
const RETRY_MAX_MS: u64 = 600_000;

thread_local! {
    static STARTED: Cell<bool> = const { Cell::new(false) };
    static RUNNING: Cell<bool> = const { Cell::new(false) };
    /// Asked for while a run was going: run once more after it.
    static AGAIN: Cell<bool> = const { Cell::new(false) };
    static RETRY_IN: Cell<u64> = const { Cell::new(RETRY_MS) };
    static ONLINE: RwSignal<bool> = lasting(online::is_online());
    static KICK: RwSignal<u32> = lasting(0);
    /// Upload progress of the item being sent (no bar shows it; the upload path needs one).
    static PROGRESS: RwSignal<Option<f64>> = lasting(None);
}

pub fn is_online() -> RwSignal<bool> {
    ONLINE.with(|o| *o)
}

/// "Send now": a run at once (if the network and session allow it).
pub fn kick() {
    KICK.with(|k| k.update(|n| *n += 1));
}

/// The session can send without asking anyone: signed in, not expired.
pub fn session_ready(auth: Auth) -> bool {
    auth.is_signed_in() && !auth.expired()
}

/// Starts watching, once per page: what is waiting is sent whenever it can be.
pub fn start(auth: Auth, root: String, notices: Notices) {
    load_once();
    if STARTED.with(|s| s.replace(true)) {
        return;
    }
    online::listen(|now| is_online().set(now));
    // The Mail view that started it is disposed when another view replaces it, and the
    // watching must go on.
    detached(|| watch(auth, root, notices));
}

fn watch(auth: Auth, root: String, notices: Notices) {
    let ready = Memo::new(move |_| is_online().get() && session_ready(auth));
    // Items this session would send (not those waiting for the user or another account).
    let sendable = Memo::new(move |_| {
        let email = auth.email().unwrap_or_default();
        items().with(|list| {
            list.iter()
                .filter(|i| i.belongs_to(&email) && i.next_step() != Step::AskUser)
                .count()
        })
    });
    Effect::new(move |_| {
        KICK.with(|k| k.track());
        if ready.get() && sendable.get() > 0 {
            let root = root.clone();
            leptos::task::spawn_local(run(auth, root, notices));
        }
    });
}

async fn run(auth: Auth, root: String, notices: Notices) {
    if RUNNING.with(|r| r.replace(true)) {
        AGAIN.with(|a| a.set(true));
        return;
    }
    loop {
        let left_unsent = run_once(auth, &root, notices).await;
        refresh().await;
        announce();
        if !left_unsent {
            RETRY_IN.with(|r| r.set(RETRY_MS));
        } else if online::is_online() {
            let wait = RETRY_IN.with(|r| r.replace((r.get() * 2).min(RETRY_MAX_MS)));
            set_timeout(kick, std::time::Duration::from_millis(wait));
        }
        if !AGAIN.with(|a| a.replace(false)) {
            break;
        }
    }
    RUNNING.with(|r| r.set(false));
}

/// One pass over the Outbox under the lock; true when it left an item unsent that a later
/// run may send (a failure, or the network or session gone).
async fn run_once(auth: Auth, root: &str, notices: Notices) -> bool {
    let held = locks::try_take(LOCK).await;
    if matches!(held, Some(None)) {
        // Another tab is sending the Outbox; it tells this one when it changes.
        return false;
    }
    let Some(email) = auth.email() else {
        return false;
    };
    // Read afresh under the lock: another tab may have sent some meanwhile.
    let list = store::list().await.unwrap_or_default();
    let mut left_unsent = false;
    for item in list.into_iter().filter(|i| i.belongs_to(&email)) {
        if !online::is_online() || !session_ready(auth) {
            return true;
        }
        let subject = item.subject.clone();
        match send_item(auth, root, item).await {
            Ok(Sent::Now) => {
                notices.info(tf(k::MAIL_OUTBOX_SENT, &[("subject", &shown(&subject))]))
            }
            Ok(Sent::WaitsForUser) => {}
            Ok(Sent::NotYet) => left_unsent = true,
            Err(()) => return true,
        }
    }
    drop(held);
    left_unsent
}

/// How one item's turn ended.
enum Sent {
    Now,
    NotYet,
    /// Nothing is done with it until the user chooses (or it is gone).
    WaitsForUser,
}

fn shown(subject: &str) -> String {
    if subject.trim().is_empty() {
        t(k::MAIL_OUTBOX_NO_SUBJECT).into()
    } else {
        subject.to_string()
    }
}

/// Records `item`; false when it is gone (deleted meanwhile).
async fn record(item: &Item) -> Result<bool, ()> {
    store::update(item).await.map_err(|_| ())
}

/// Takes `item` through its steps until it is sent, waits for the user, or fails; `Err`:
/// the network went away or storage failed (stop the run).
async fn send_item(auth: Auth, root: &str, item: Item) -> Result<Sent, ()> {
    // Under the lock, a recorded send-only attempt is one a closed page never finished.
    let mut item = on_restart(item);
    loop {
        let step = item.next_step();
        if step == Step::AskUser {
            record(&item).await?;
            return Ok(Sent::WaitsForUser);
        }
        if let Some(progress) = before(&step) {
            item.progress = progress;
            if !record(&item).await? {
                return Ok(Sent::WaitsForUser);
            }
        }
        let id = item.id.clone();
        let after = take(auth, root, &item, step).await;
        let stopped = matches!(after, After::NotSent(_) | After::Unsure(_));
        match advance(item, after) {
            None => {
                // A leftover record would only be sent again as a harmless 404, but it
                // would show; a failed delete is retried by the next run.
                let _ = store::delete(&id).await;
                return Ok(Sent::Now);
            }
            Some(next) => {
                record(&next).await?;
                if !stopped {
                    // Written as a draft: drafts.send comes next, in the same run.
                    item = next;
                } else if !online::is_online() {
                    return Err(());
                } else if next.next_step() == Step::AskUser {
                    return Ok(Sent::WaitsForUser);
                } else {
                    return Ok(Sent::NotYet);
                }
            }
        }
    }
}

/// Takes one step against Gmail.
async fn take(auth: Auth, root: &str, item: &Item, step: Step) -> After {
    match step {
        Step::AskUser => After::NotSent(String::new()),
        Step::SendDraft(id) => match sending::send_draft(auth, root, &id, &|_, _| {}).await {
            Outcome::Sent(_) | Outcome::Gone => After::Sent,
            Outcome::NotSent(note) => After::NotSent(note),
            // Still safe to repeat: drafts.send of this id sends only what is a draft.
            Outcome::Unsure(note) => After::Unsure(note),
        },
        Step::FindThenWrite => match sending::find_draft(auth, root, &item.id).await {
            Ok(Some(id)) => After::Written(id),
            Ok(None) => write(auth, root, item, None).await,
            Err(e) => After::NotSent(e.to_string()),
        },
        Step::Write(draft) => write(auth, root, item, draft).await,
        Step::SendOnly => {
            let Some(built) = built(item).await else {
                return After::NotSent(t(k::MAIL_OUTBOX_MISSING).into());
            };
            let progress = PROGRESS.with(|p| *p);
            match sending::send_only(auth, root, &built, progress, &|_, _| {}).await {
                Outcome::Sent(_) | Outcome::Gone => After::Sent,
                Outcome::NotSent(note) => After::NotSent(note),
                Outcome::Unsure(note) => After::Unsure(note),
            }
        }
    }
}

async fn write(auth: Auth, root: &str, item: &Item, draft: Option<String>) -> After {
    let Some(built) = built(item).await else {
        return After::NotSent(t(k::MAIL_OUTBOX_MISSING).into());
    };
    let progress = PROGRESS.with(|p| *p);
    match sending::write_draft(auth, root, &built, draft, progress).await {
        Ok(id) => After::Written(id),
        Err(note) => After::NotSent(note),
    }
}

/// The stored message, as the compose form built it (same bytes, same `X-Satchel-Id`).
async fn built(item: &Item) -> Option<Built> {
    let message = store::message(&item.id).await.ok().flatten()?;
    Some(Built {
        message,
        satchel_id: item.id.clone(),
        thread_id: item.thread_id.clone(),
    })
}
