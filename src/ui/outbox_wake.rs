//! The shell's part of the Outbox: when messages wait (the localStorage hint
//! `WAITING_KEY`), the sending code (Mail's chunk, see `lazy_views::wake_outbox`) is loaded
//! at start-up, or at the first `online` event when it cannot be fetched yet, so a page
//! opened on Calendar still sends them. Nothing waiting: nothing is loaded.

use std::cell::Cell;
use std::rc::Rc;

use crate::browser::online;
use crate::browser::storage::{self, Area};
use crate::mail::outbox::WAITING_KEY;
use crate::ui::auth::Auth;
use crate::ui::lazy_views::wake_outbox;
use crate::ui::notices::Notices;

pub fn start(auth: Auth, root: String, notices: Notices) {
    if storage::get(Area::Local, WAITING_KEY).is_none() {
        return;
    }
    let started = Rc::new(Cell::new(false));
    let attempt = {
        let started = started.clone();
        move || {
            if started.get() || !online::is_online() {
                return;
            }
            let (started, root) = (started.clone(), root.clone());
            started.set(true);
            leptos::task::spawn_local(async move {
                // Not fetched (the network went away): the next `online` event tries again.
                started.set(wake_outbox(auth, root, notices).await);
            });
        }
    };
    attempt();
    online::listen(move |now| {
        if now {
            attempt();
        }
    });
}
