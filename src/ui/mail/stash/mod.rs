//! The compose form's attachments, kept in IndexedDB so they survive a reload, a crash and
//! the same-tab sign-in (the text is in sessionStorage, see `mod.rs`). Each file is a Blob
//! with its name and type, never base64; records are keyed by (tab, id), the tab being a
//! random id in this tab's sessionStorage, so two tabs never see each other's files.
//! Records of tabs long gone (their sessionStorage died with them) are swept at start-up
//! 7 days after they were attached. `store` holds the IndexedDB side, `tab` the tab id.
//!
//! Operations run one at a time in the order they were started, so a Remove never
//! overtakes the Put it undoes, and a Clear after Send never races a late Put.

mod store;
mod tab;

use std::cell::{Cell, RefCell};
use std::fmt;
use std::future::Future;

use futures_channel::oneshot;
use leptos::prelude::*;

use super::{Attached, ComposeState};
use crate::browser::idb::IdbError;
use crate::i18n::{k, tf, tn};
use crate::mail::Attachment;
use store::Record;

/// Why files could not be kept for a reload. They stay attached either way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StashError {
    /// The files concerned.
    pub names: Vec<String>,
    pub cause: IdbError,
}

impl fmt::Display for StashError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names = self
            .names
            .iter()
            .map(|n| format!("\"{n}\""))
            .collect::<Vec<_>>()
            .join(", ");
        // One message per cause, for no file named or counted by the files named.
        let (none, counted, why) = match &self.cause {
            IdbError::Full => (k::MAIL_STASH_FULL_NONE, k::MAIL_STASH_FULL, ""),
            IdbError::Unavailable => (
                k::MAIL_STASH_UNAVAILABLE_NONE,
                k::MAIL_STASH_UNAVAILABLE,
                "",
            ),
            IdbError::Failed(why) => (
                k::MAIL_STASH_FAILED_NONE,
                k::MAIL_STASH_FAILED,
                why.as_str(),
            ),
        };
        let args = [("names", names.as_str()), ("why", why)];
        let text = match self.names.len() {
            0 => tf(none, &args),
            n => tn(counted, n as u64, &args),
        };
        f.write_str(&text)
    }
}

thread_local! {
    /// Resolves when the operation started last has finished.
    static TAIL: RefCell<Option<oneshot::Receiver<()>>> = const { RefCell::new(None) };
    /// Whether `restore` ran.
    static RESTORED: Cell<bool> = const { Cell::new(false) };
}

/// Runs `op` after every operation started before it.
fn in_turn<T: 'static>(op: impl Future<Output = T> + 'static) -> impl Future<Output = T> {
    let (done, next) = oneshot::channel::<()>();
    let before = TAIL.with(|t| t.replace(Some(next)));
    async move {
        if let Some(before) = before {
            // Canceled (a dropped operation) is as good as done.
            let _ = before.await;
        }
        let out = op.await;
        let _ = done.send(());
        out
    }
}

/// Writes `records` for this tab, after deleting its others when `replace`.
async fn write(records: Vec<Record>, replace: bool) -> Result<(), StashError> {
    let result = match tab::id() {
        Some(tab) => store::write(&tab, &records, replace).await,
        None => Err(IdbError::Unavailable),
    };
    result.map_err(|cause| StashError {
        names: records.into_iter().map(|r| r.name).collect(),
        cause,
    })
}

/// Keeps one attached file.
pub fn put(id: u32, file: &Attachment) -> impl Future<Output = Result<(), StashError>> {
    in_turn(write(vec![Record::new(id, file)], false))
}

/// Makes `files` this tab's only kept files (a draft opened from Gmail, an undone Discard).
pub fn replace(files: &[Attached]) -> impl Future<Output = Result<(), StashError>> {
    let records = files.iter().map(|a| Record::new(a.id, &a.file)).collect();
    in_turn(write(records, true))
}

/// Deletes this tab's copy of file `id` (best effort: a leftover is swept later).
pub fn remove(id: u32) -> impl Future<Output = ()> {
    in_turn(async move {
        if let Some(tab) = tab::id() {
            let _ = store::delete(&tab, Some(id)).await;
        }
    })
}

/// Deletes every kept file of this tab (after Send or Discard).
pub fn clear() -> impl Future<Output = ()> {
    in_turn(async move {
        if let Some(tab) = tab::id() {
            let _ = store::delete(&tab, None).await;
        }
    })
}

/// This tab's kept files in the order they were attached (ids only grow), then sweeps
/// other tabs' stale files. Unreadable records are skipped: a reload must never fail.
pub fn load() -> impl Future<Output = Vec<(u32, Attachment)>> {
    in_turn(async move {
        let Some(tab) = tab::claim().await else {
            return Vec::new();
        };
        let files = store::read_tab(&tab).await.unwrap_or_default();
        let _ = store::sweep(&tab).await;
        files
    })
}

// --- Glue with the compose form. ---

/// Shows why files were not kept, beside the attachment list.
fn report(state: ComposeState, result: Result<(), StashError>) {
    if let Err(problem) = result {
        state.stash_problem.set(Some(problem.to_string()));
    }
}

/// Keeps a newly attached file.
pub fn keep(state: ComposeState, file: &Attached) {
    let writing = put(file.id, &file.file);
    leptos::task::spawn_local(async move { report(state, writing.await) });
}

/// Makes `files` the only kept ones.
pub fn keep_only(state: ComposeState, files: &[Attached]) {
    let writing = replace(files);
    leptos::task::spawn_local(async move { report(state, writing.await) });
}

/// Puts this tab's kept files back in the form, once per page, holding Send meanwhile.
/// Called when a mail view first shows (Compose's attachment list, the Drafts list), not
/// from `ComposeState::new`: that would put all of this module in the first-load wasm
/// (measured +16.6 KB gzip); here it lands in the mail views' chunks.
pub fn restore(state: ComposeState) {
    if RESTORED.with(|r| r.replace(true)) {
        return;
    }
    state.reading.update(|n| *n += 1);
    let loading = load();
    leptos::task::spawn_local(async move {
        let kept = loading.await;
        if let Some(last) = kept.iter().map(|(id, _)| *id).max() {
            let next = state.next_id.get_value().max(last + 1);
            state.next_id.set_value(next);
        }
        state.files.update(|files| {
            // A file attached while loading (within milliseconds of start-up) may have
            // reused an id; it was stored after the load, so it wins.
            let mut all: Vec<Attached> = kept
                .into_iter()
                .filter(|(id, _)| !files.iter().any(|a| a.id == *id))
                .map(|(id, file)| Attached { id, file })
                .collect();
            all.append(files);
            *files = all;
        });
        state.reading.update(|n| *n -= 1);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(names: &[&str], cause: IdbError) -> String {
        StashError {
            names: names.iter().map(|n| n.to_string()).collect(),
            cause,
        }
        .to_string()
    }

    #[test]
    fn a_full_storage_names_the_file_and_says_it_is_still_attached() {
        assert_eq!(
            problem(&["plan.pdf"], IdbError::from_name("QuotaExceededError")),
            "This browser's storage is full, so \"plan.pdf\" will not survive a reload; it is still attached."
        );
    }

    #[test]
    fn several_files_and_other_causes_read_as_sentences() {
        assert_eq!(
            problem(&["a.txt", "b.png"], IdbError::Unavailable),
            "This browser does not let Satchel keep files, so \"a.txt\", \"b.png\" will not survive a reload; they are still attached."
        );
        assert_eq!(
            problem(&["a.txt"], IdbError::from_name("UnknownError")),
            "Keeping \"a.txt\" for a reload failed (UnknownError); it is still attached."
        );
        assert_eq!(
            IdbError::from_name(""),
            IdbError::Failed("UnknownError".into())
        );
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod browser_tests;
