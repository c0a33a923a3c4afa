//! The Outbox's decisions, in plain Rust: what an item waiting to be sent records about its
//! progress, and what to do with it next. Every step that could reach Gmail is written down
//! (durably, by the caller) *before* it is taken, so a reload or a crash in the middle
//! resumes from the record and never produces a second copy:
//! - through a draft, a `drafts.create` that may have happened is looked up by the
//!   message's `X-Satchel-Id` before another is made, and once the draft id is known only
//!   `drafts.send` of that id remains (404: already sent);
//! - with the send-only permission, a `messages.send` that was started and never answered
//!   is *unsure*: it waits for the user, as an unsure send from the form does.

use crate::i18n::{k, t, Key};
use serde::{Deserialize, Serialize};

/// localStorage: how many items the Outbox holds (any account), written whenever this page
/// reads it. Only a hint for the shell, which loads the sending code only when something
/// waits (IndexedDB stays the truth).
pub const WAITING_KEY: &str = "satchel.outbox.waiting";

/// How far an item got. Serialized in IndexedDB, so variants are only ever added.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Progress {
    /// Nothing of it has reached Gmail. `draft`: the form's saved draft, which the message
    /// replaces (drafts.update) before it is sent.
    Waiting { draft: Option<String> },
    /// A draft write was started: it may have reached Gmail.
    Writing { draft: Option<String> },
    /// Gmail has the message as draft `id`; only `drafts.send` of it remains.
    Drafted { id: String },
    /// `messages.send` was started (send-only) and its answer not recorded.
    SendingOnly,
    /// Gmail may have sent it (send-only): nothing is done until the user decides.
    Unsure,
}

/// An Outbox item as listed (the message's bytes are stored beside it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// The message's `X-Satchel-Id`: also the item's key.
    pub id: String,
    /// The account it is sent from: another account's session never sends it.
    pub email: String,
    pub to: String,
    pub subject: String,
    pub attachments: u32,
    /// A reply's conversation (`threadId` of the draft or send).
    pub thread_id: Option<String>,
    /// Through a draft (`gmail.compose`), else `messages.send` (`gmail.send`).
    pub via_draft: bool,
    pub progress: Progress,
    pub queued_ms: i64,
    /// Why the last attempt did not send it, for the Outbox page.
    #[serde(default)]
    pub note: Option<String>,
}

/// The next thing to do with an item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// Write the message as a draft (`Some`: update that draft), after recording `Writing`.
    Write(Option<String>),
    /// Look for the draft by `X-Satchel-Id` first, then create it if it is not there.
    FindThenWrite,
    /// `drafts.send` of this draft.
    SendDraft(String),
    /// `messages.send`, after recording `SendingOnly`.
    SendOnly,
    /// Nothing until the user chooses (Send anyway, Edit or Delete).
    AskUser,
}

impl Item {
    pub fn next_step(&self) -> Step {
        match (&self.progress, self.via_draft) {
            (Progress::Waiting { draft }, true) => Step::Write(draft.clone()),
            // Updating the same draft again is harmless; a create may have made one.
            (Progress::Writing { draft: Some(id) }, true) => Step::Write(Some(id.clone())),
            (Progress::Writing { draft: None }, true) => Step::FindThenWrite,
            (Progress::Drafted { id }, _) => Step::SendDraft(id.clone()),
            (Progress::Waiting { .. } | Progress::Writing { .. }, false) => Step::SendOnly,
            (Progress::SendingOnly | Progress::Unsure, _) => Step::AskUser,
        }
    }

    /// What the Outbox page says about it.
    pub fn status(&self) -> &'static str {
        match self.progress {
            Progress::Waiting { .. } => t(STATUS_WAITING),
            Progress::Writing { .. } | Progress::Drafted { .. } => t(STATUS_STARTED),
            Progress::SendingOnly | Progress::Unsure => t(STATUS_UNSURE),
        }
    }

    /// The Gmail draft the message is (or may be) in, for Edit: the form keeps editing it.
    pub fn draft(&self) -> Option<String> {
        match &self.progress {
            Progress::Waiting { draft } | Progress::Writing { draft } => draft.clone(),
            Progress::Drafted { id } => Some(id.clone()),
            Progress::SendingOnly | Progress::Unsure => None,
        }
    }

    /// Whether `email`'s session sends it.
    pub fn belongs_to(&self, email: &str) -> bool {
        self.email.eq_ignore_ascii_case(email)
    }
}

pub const STATUS_WAITING: Key = k::MAIL_OUTBOX_STATUS_WAITING;
pub const STATUS_STARTED: Key = k::MAIL_OUTBOX_STATUS_STARTED;
pub const STATUS_UNSURE: Key = k::MAIL_OUTBOX_STATUS_UNSURE;

/// What an item becomes after a step's outcome. `None`: sent (or gone), so it leaves the
/// Outbox.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum After {
    /// The draft write answered with this id.
    Written(String),
    /// Sent, or its draft was already gone (sent by an earlier attempt).
    Sent,
    /// Certainly not sent; the item stays as it was before the step, with a note.
    NotSent(String),
    /// It may have gone out (send-only).
    Unsure(String),
}

/// Applies `after` to `item`; `None` when the item is done.
pub fn advance(mut item: Item, after: After) -> Option<Item> {
    match after {
        After::Sent => return None,
        After::Written(id) => {
            item.progress = Progress::Drafted { id };
            item.note = None;
        }
        After::NotSent(note) => {
            // Send-only that certainly did not go out may be tried again.
            if item.progress == Progress::SendingOnly {
                item.progress = Progress::Waiting { draft: None };
            }
            item.note = Some(note);
        }
        After::Unsure(note) => {
            if !item.via_draft {
                item.progress = Progress::Unsure;
            }
            item.note = Some(note);
        }
    }
    Some(item)
}

/// What to record before taking `step` (so a crash during it is resumed safely).
pub fn before(step: &Step) -> Option<Progress> {
    match step {
        Step::Write(draft) => Some(Progress::Writing {
            draft: draft.clone(),
        }),
        Step::SendOnly => Some(Progress::SendingOnly),
        // Already recorded as Writing; and drafts.send of a known id is safe to repeat.
        Step::FindThenWrite | Step::SendDraft(_) | Step::AskUser => None,
    }
}

/// An item whose recorded `messages.send` never got its answer (a reload or crash during
/// it) is unsure: never sent again by itself.
pub fn on_restart(mut item: Item) -> Item {
    if item.progress == Progress::SendingOnly {
        item.progress = Progress::Unsure;
        item.note = Some(t(NOTE_INTERRUPTED_SEND_ONLY).into());
    }
    item
}

pub const NOTE_INTERRUPTED_SEND_ONLY: Key = k::MAIL_OUTBOX_NOTE_INTERRUPTED;

/// "Send anyway" after an unsure send-only attempt: the user's deliberate choice.
pub fn send_anyway(mut item: Item) -> Item {
    if item.progress == Progress::Unsure {
        item.progress = Progress::Waiting { draft: None };
        item.note = None;
    }
    item
}

/// Whether Send should put the message in the Outbox instead of sending now: the browser
/// says it is offline. (A failure after a request left is never decided here.)
pub fn queue_at_send(online: bool) -> bool {
    !online
}

#[cfg(test)]
#[path = "outbox_tests.rs"]
mod tests;
