//! Mail views: compose (with drafts), the drafts list and the inbox, plus the compose
//! state they share for the app's lifetime.

pub mod attachments;
pub mod compose;
pub mod drafts;
pub mod inbox;
pub mod list_date;
pub mod message_actions;
pub mod message_html;
pub mod message_view;
pub mod outbox;
pub mod page;
pub mod pending;
pub mod prefs;
pub mod recipients;
pub mod send_flow;
pub mod sending;
pub mod shortcuts;
pub mod stash;
pub mod transport;
pub mod triage;

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::browser::storage::{self, Area};
use crate::mail::api::format_recipients;
use crate::mail::contacts::Contacts;
use crate::mail::reply::{Prefill, Threading};
use crate::mail::{Attachment, Draft};

/// sessionStorage key of the compose form's text (attachments are too big for it: they
/// are kept in IndexedDB, see `stash`).
const STORAGE_KEY: &str = "satchel.compose";

/// An attached file; `id` keys the list.
#[derive(Clone, Debug)]
pub struct Attached {
    pub id: u32,
    pub file: Attachment,
}

/// What the compose form is doing, shown under its buttons.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    Idle,
    Busy(String),
    /// Waiting for Undo: seconds left.
    Countdown(u32),
    /// Sent: the message id when Gmail said it, for the link to Gmail.
    Sent(Option<String>),
    Saved,
    /// Nothing was sent (or saved): why.
    Failed(String),
    /// It may have been sent: why, and how to find out.
    Unsure(String, Check),
    Discarded,
    /// A send of this draft was waiting when Satchel was closed.
    Interrupted(String),
    /// Offline: the message went to the Outbox.
    Queued,
}

/// How to learn whether an unsure send went out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Check {
    /// Sent through this draft: whether Gmail still has it.
    Draft(String),
    /// Sent with `messages.send`: a message tagged with this `X-Satchel-Id` in Sent.
    Sent(String),
}

/// The text part of the form, as kept in sessionStorage.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct Saved {
    to: String,
    cc: String,
    bcc: String,
    subject: String,
    body: String,
    draft_id: Option<String>,
    /// Changed since last saved as a draft (or opened from one).
    dirty: bool,
    /// A reply's place in its conversation.
    #[serde(default)]
    threading: Option<Threading>,
}

/// The message being composed. Provided once by the app, so switching views keeps it
/// (attachments included); the text also survives reloads and same-tab sign-ins.
#[derive(Clone, Copy)]
pub struct ComposeState {
    pub to: RwSignal<String>,
    pub cc: RwSignal<String>,
    pub bcc: RwSignal<String>,
    pub subject: RwSignal<String>,
    pub body: RwSignal<String>,
    pub draft_id: RwSignal<Option<String>>,
    pub dirty: RwSignal<bool>,
    /// Set by Reply, Reply all and Forward (and a reopened reply draft).
    pub threading: RwSignal<Option<Threading>>,
    pub files: RwSignal<Vec<Attached>>,
    pub show_copies: RwSignal<bool>,
    pub status: RwSignal<Status>,
    /// Upload progress, 0 to 1, while an upload runs.
    pub progress: RwSignal<Option<f64>>,
    /// Files still being read.
    pub reading: RwSignal<u32>,
    /// idb: why attached files will not survive a reload (storage full...), if so.
    pub stash_problem: RwSignal<Option<String>>,
    next_id: StoredValue<u32>,
    /// What Discard cleared, for Undo.
    discarded: StoredValue<Option<(Saved, Vec<Attached>)>>,
    /// Bumped by Undo send: a countdown that sees it change sends nothing.
    pub send_generation: StoredValue<u32>,
    /// Recipient suggestions, read once per tab (see `recipients`).
    pub contacts: RwSignal<Contacts>,
    pub contacts_loaded: StoredValue<bool>,
}

impl ComposeState {
    pub fn new() -> ComposeState {
        let saved: Saved = storage::get(Area::Session, STORAGE_KEY)
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default();
        let state = ComposeState {
            show_copies: RwSignal::new(!saved.cc.is_empty() || !saved.bcc.is_empty()),
            to: RwSignal::new(saved.to),
            cc: RwSignal::new(saved.cc),
            bcc: RwSignal::new(saved.bcc),
            subject: RwSignal::new(saved.subject),
            body: RwSignal::new(saved.body),
            draft_id: RwSignal::new(saved.draft_id),
            dirty: RwSignal::new(saved.dirty),
            threading: RwSignal::new(saved.threading),
            files: RwSignal::new(Vec::new()),
            status: RwSignal::new(Status::Idle),
            progress: RwSignal::new(None),
            reading: RwSignal::new(0),
            stash_problem: RwSignal::new(None), // idb
            next_id: StoredValue::new(1),
            discarded: StoredValue::new(None),
            send_generation: StoredValue::new(0),
            contacts: RwSignal::new(Contacts::default()),
            contacts_loaded: StoredValue::new(false),
        };
        // Every change is written at once: a reload or a same-tab sign-in loses nothing.
        Effect::new(move |_| {
            let saved = state.saved();
            if saved == Saved::default() {
                storage::remove(Area::Session, STORAGE_KEY);
            } else if let Ok(text) = serde_json::to_string(&saved) {
                storage::set(Area::Session, STORAGE_KEY, &text);
            }
        });
        state
    }

    fn saved(&self) -> Saved {
        Saved {
            to: self.to.get(),
            cc: self.cc.get(),
            bcc: self.bcc.get(),
            subject: self.subject.get(),
            body: self.body.get(),
            draft_id: self.draft_id.get(),
            dirty: self.dirty.get(),
            threading: self.threading.get(),
        }
    }

    fn restore(&self, saved: Saved, files: Vec<Attached>) {
        self.show_copies
            .set(!saved.cc.is_empty() || !saved.bcc.is_empty());
        self.to.set(saved.to);
        self.cc.set(saved.cc);
        self.bcc.set(saved.bcc);
        self.subject.set(saved.subject);
        self.body.set(saved.body);
        self.draft_id.set(saved.draft_id);
        self.dirty.set(saved.dirty);
        self.threading.set(saved.threading);
        self.files.set(files);
    }

    pub fn is_empty(&self) -> bool {
        let s = self.saved();
        [s.to, s.cc, s.bcc, s.subject, s.body]
            .iter()
            .all(|t| t.trim().is_empty())
            && self.files.with(Vec::is_empty)
    }

    /// Empties the form (after sending), forgetting the draft id.
    pub fn clear(&self) {
        self.restore(Saved::default(), Vec::new());
        // idb: the kept attachments go too.
        self.stash_problem.set(None);
        leptos::task::spawn_local(stash::clear());
    }

    /// Empties the form, keeping it for Undo.
    pub fn discard(&self) {
        let files = self.files.try_update(std::mem::take).unwrap_or_default();
        self.discarded.set_value(Some((self.saved(), files)));
        self.clear();
        self.status.set(Status::Discarded);
    }

    /// Puts the discarded message back; true when it had a saved draft (deleted by
    /// Discard), which the caller saves again.
    pub fn undo_discard(&self) -> bool {
        let Some((mut saved, files)) = self.discarded.try_update_value(Option::take).flatten()
        else {
            return false;
        };
        let had_draft = saved.draft_id.take().is_some();
        saved.dirty = true;
        stash::keep_only(*self, &files); // idb: Discard had removed them
        self.restore(saved, files);
        self.status.set(Status::Idle);
        had_draft
    }

    /// Stops a send that is waiting for Undo; the message stays in the form (and, when it
    /// went through a draft, in Drafts).
    pub fn undo_send(&self) {
        if matches!(self.status.get_untracked(), Status::Countdown(_)) {
            self.send_generation.update_value(|g| *g += 1);
            if let Some(id) = self.draft_id.get_untracked() {
                pending::remove(&id);
            }
            self.status.set(Status::Idle);
        }
    }

    /// Fills the form from a draft opened from Gmail.
    pub fn open(&self, id: String, draft: Draft, thread_id: Option<String>) {
        self.reopen(Some(id), draft, thread_id, false);
    }

    /// Fills the form from `draft`: one opened from Gmail (`id`), or a message taken out of
    /// the Outbox (`dirty`: not saved as it is anywhere but in this form).
    pub fn reopen(&self, id: Option<String>, draft: Draft, thread_id: Option<String>, dirty: bool) {
        let files = draft
            .attachments
            .into_iter()
            .map(|file| self.attached(file))
            .collect::<Vec<_>>();
        stash::keep_only(*self, &files); // idb: the draft's files replace the kept ones
        self.restore(
            Saved {
                to: format_recipients(&draft.to),
                cc: format_recipients(&draft.cc),
                bcc: format_recipients(&draft.bcc),
                subject: draft.subject,
                body: draft.body,
                threading: draft.in_reply_to.clone().map(|parent| Threading {
                    in_reply_to: Some(parent),
                    references: draft.references.clone(),
                    thread_id,
                }),
                draft_id: id,
                dirty,
            },
            files,
        );
        self.status.set(Status::Idle);
    }

    /// Starts a reply or forward: the form is filled from `prefill` (with `files`, the
    /// original's attachments for a forward). The caller asks first when the form holds
    /// another message.
    pub fn start(&self, prefill: Prefill, files: Vec<Attachment>) {
        let files: Vec<Attached> = files.into_iter().map(|f| self.attached(f)).collect();
        stash::keep_only(*self, &files); // idb
        self.restore(
            Saved {
                to: format_recipients(&prefill.to),
                cc: format_recipients(&prefill.cc),
                bcc: String::new(),
                subject: prefill.subject,
                body: prefill.body,
                draft_id: None,
                dirty: true,
                threading: Some(prefill.threading),
            },
            files,
        );
        self.status.set(Status::Idle);
    }

    pub fn attached(&self, file: Attachment) -> Attached {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        Attached { id, file }
    }

    /// Bytes attached so far.
    pub fn attached_bytes(&self) -> usize {
        self.files
            .with(|f| f.iter().map(|a| a.file.data.len()).sum())
    }
}

impl Default for ComposeState {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_compose() -> ComposeState {
    expect_context::<ComposeState>()
}

/// Work on one id, for [`run_bounded`] (boxed: one copy of the worker loop serves all).
pub type Job = Rc<dyn Fn(String) -> Pin<Box<dyn Future<Output = ()>>>>;

/// Runs `job` on every id with at most `limit` running at once, so a page of 20
/// messages does not open 20 connections.
pub fn run_bounded(ids: Vec<String>, limit: usize, job: Job) {
    let queue = Rc::new(RefCell::new(ids.into_iter()));
    for _ in 0..limit {
        let (queue, job) = (queue.clone(), job.clone());
        leptos::task::spawn_local(async move {
            loop {
                let next = queue.borrow_mut().next();
                match next {
                    Some(id) => job(id).await,
                    None => break,
                }
            }
        });
    }
}
