//! The compose form's attachments, kept in IndexedDB so they survive a reload, a crash and
//! the same-tab sign-in (the text is in sessionStorage, see `mod.rs`). Each file is a Blob
//! with its name and type, never base64; records are keyed by (tab, id), the tab being a
//! random id in this tab's sessionStorage, so two tabs never see each other's files.
//! Records of tabs long gone (their sessionStorage died with them) are swept at start-up
//! 7 days after they were attached.
//!
//! Operations run one at a time in the order they were started, so a Remove never
//! overtakes the Put it undoes, and a Clear after Send never races a late Put.

use std::cell::RefCell;
use std::fmt;
use std::future::Future;

use futures_channel::oneshot;
use js_sys::{Array, Object, Reflect, Uint8Array};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, IdbDatabase, IdbKeyRange, IdbTransactionMode};

use super::{Attached, ComposeState};
use crate::browser::idb::{self, IdbError};
use crate::browser::random;
use crate::browser::storage::{self, Area};
use crate::mail::Attachment;

const DB_NAME: &str = "satchel";
const DB_VERSION: u32 = 1;
const STORE: &str = "compose-files";
/// sessionStorage key of this tab's random id.
const TAB_KEY: &str = "satchel.tab";
/// Files of other tabs older than this are removed at start-up.
const STALE_MS: f64 = 7.0 * 24.0 * 3600.0 * 1000.0;

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
        let (what, pronoun) = match self.names.len() {
            0 => ("the attached files".to_string(), "they are"),
            1 => (names, "it is"),
            _ => (names, "they are"),
        };
        match &self.cause {
            IdbError::Full => write!(
                f,
                "This browser's storage is full, so {what} will not survive a reload; {pronoun} still attached."
            ),
            IdbError::Unavailable => write!(
                f,
                "This browser does not let Satchel keep files, so {what} will not survive a reload; {pronoun} still attached."
            ),
            IdbError::Failed(why) => write!(
                f,
                "Keeping {what} for a reload failed ({why}); {pronoun} still attached."
            ),
        }
    }
}

thread_local! {
    static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
    /// Resolves when the operation started last has finished.
    static TAIL: RefCell<Option<oneshot::Receiver<()>>> = const { RefCell::new(None) };
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

fn upgrade(db: &IdbDatabase) -> Result<(), JsValue> {
    let params = web_sys::IdbObjectStoreParameters::new();
    params.set_key_path(&Array::of2(&"tab".into(), &"id".into()));
    let store = db.create_object_store_with_optional_parameters(STORE, &params)?;
    store.create_index_with_str("saved_at", "saved_at")?;
    Ok(())
}

async fn db() -> Result<IdbDatabase, IdbError> {
    if let Some(db) = DB.with(|d| d.borrow().clone()) {
        return Ok(db);
    }
    let db = idb::open(DB_NAME, DB_VERSION, upgrade).await?;
    DB.with(|d| *d.borrow_mut() = Some(db.clone()));
    Ok(db)
}

/// A transaction on the store; a failure forgets the connection (the browser may have
/// closed it, e.g. after "clear site data"), so the next operation reopens it.
async fn transaction(
    mode: IdbTransactionMode,
) -> Result<(web_sys::IdbTransaction, web_sys::IdbObjectStore), IdbError> {
    let db = db().await?;
    idb::transaction(&db, STORE, mode).inspect_err(|_| DB.with(|d| *d.borrow_mut() = None))
}

/// This tab's id, created on first use. `None` when sessionStorage cannot keep it: then
/// nothing could be found again after a reload, so nothing is stored.
fn tab() -> Option<String> {
    if let Some(id) = storage::get(Area::Session, TAB_KEY) {
        return Some(id);
    }
    let id = random::bytes::<12>()
        .map(|b| b.iter().map(|x| format!("{x:02x}")).collect::<String>())
        .unwrap_or_else(|| format!("{}-{}", js_sys::Date::now(), js_sys::Math::random()));
    storage::set(Area::Session, TAB_KEY, &id).then_some(id)
}

fn key(tab: &str, id: u32) -> JsValue {
    Array::of2(&tab.into(), &id.into()).into()
}

/// Every key of `tab` (keys are `[tab, id]` arrays, compared element by element).
fn tab_range(tab: &str) -> Result<IdbKeyRange, IdbError> {
    let low = Array::of2(&tab.into(), &0.into());
    let high = Array::of2(&tab.into(), &f64::INFINITY.into());
    IdbKeyRange::bound(&low, &high).map_err(IdbError::from_thrown)
}

/// A file ready to store: its bytes already copied into a Blob, so the caller's
/// `Attachment` need not outlive the (queued) write.
struct Record {
    id: u32,
    name: String,
    kind: String,
    blob: Result<Blob, IdbError>,
}

impl Record {
    fn new(id: u32, file: &Attachment) -> Record {
        let parts = Array::of1(&Uint8Array::from(file.data.as_slice()));
        let options = web_sys::BlobPropertyBag::new();
        let kind = file.content_type.clone().unwrap_or_default();
        options.set_type(&kind);
        let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options)
            .map_err(IdbError::from_thrown);
        Record {
            id,
            name: file.filename.clone(),
            kind,
            blob,
        }
    }

    fn to_js(&self, tab: &str, now: f64) -> Result<JsValue, IdbError> {
        let blob = self.blob.clone()?;
        let object = Object::new();
        let fields: [(&str, JsValue); 6] = [
            ("tab", tab.into()),
            ("id", self.id.into()),
            ("name", self.name.as_str().into()),
            ("type", self.kind.as_str().into()),
            ("blob", blob.into()),
            ("saved_at", now.into()),
        ];
        for (name, value) in fields {
            Reflect::set(&object, &name.into(), &value).map_err(IdbError::from_thrown)?;
        }
        Ok(object.into())
    }
}

/// Writes `records` for this tab, after deleting the tab's others when `replace`.
async fn write(records: Vec<Record>, replace: bool) -> Result<(), StashError> {
    let result: Result<(), IdbError> = async {
        let tab = tab().ok_or(IdbError::Unavailable)?;
        let (tx, store) = transaction(IdbTransactionMode::Readwrite).await?;
        if replace {
            store
                .delete(&tab_range(&tab)?.into())
                .map_err(IdbError::from_thrown)?;
        }
        let now = js_sys::Date::now();
        for record in &records {
            store
                .put(&record.to_js(&tab, now)?)
                .map_err(IdbError::from_thrown)?;
        }
        idb::committed(&tx).await
    }
    .await;
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

/// Deletes this tab's record of file `id` (best effort: a leftover is swept later).
pub fn remove(id: u32) -> impl Future<Output = ()> {
    in_turn(async move {
        let Some(tab) = tab() else { return };
        if let Ok((tx, store)) = transaction(IdbTransactionMode::Readwrite).await {
            if store.delete(&key(&tab, id)).is_ok() {
                let _ = idb::committed(&tx).await;
            }
        }
    })
}

/// Deletes every kept file of this tab (after Send or Discard).
pub fn clear() -> impl Future<Output = ()> {
    in_turn(async move {
        let Some(tab) = tab() else { return };
        let Ok(range) = tab_range(&tab) else { return };
        if let Ok((tx, store)) = transaction(IdbTransactionMode::Readwrite).await {
            if store.delete(&range).is_ok() {
                let _ = idb::committed(&tx).await;
            }
        }
    })
}

/// This tab's kept files in the order they were attached (ids only grow), then sweeps
/// other tabs' stale files. Unreadable records are skipped: a reload must never fail.
pub fn load() -> impl Future<Output = Vec<(u32, Attachment)>> {
    in_turn(async move {
        let Some(tab) = tab() else {
            return Vec::new();
        };
        let files = read_tab(&tab).await.unwrap_or_default();
        let _ = sweep(&tab).await;
        files
    })
}

async fn read_tab(tab: &str) -> Result<Vec<(u32, Attachment)>, IdbError> {
    let (_tx, store) = transaction(IdbTransactionMode::Readonly).await?;
    let req = store
        .get_all_with_key(&tab_range(tab)?.into())
        .map_err(IdbError::from_thrown)?;
    let rows: Array = idb::request(&req).await?.unchecked_into();
    let mut files = Vec::new();
    for row in rows.iter() {
        let field = |name: &str| Reflect::get(&row, &name.into()).ok();
        let id = field("id").and_then(|v| v.as_f64());
        let name = field("name").and_then(|v| v.as_string());
        let kind = field("type")
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        let blob = field("blob").and_then(|v| v.dyn_into::<Blob>().ok());
        let (Some(id), Some(filename), Some(blob)) = (id, name, blob) else {
            continue;
        };
        let Ok(buffer) = JsFuture::from(blob.array_buffer()).await else {
            continue;
        };
        let file = Attachment {
            filename,
            content_type: (!kind.is_empty()).then_some(kind),
            data: Uint8Array::new(&buffer).to_vec(),
        };
        files.push((id as u32, file));
    }
    Ok(files)
}

/// Deletes other tabs' files attached more than [`STALE_MS`] ago.
async fn sweep(tab: &str) -> Result<(), IdbError> {
    let cutoff = js_sys::Date::now() - STALE_MS;
    let (tx, store) = transaction(IdbTransactionMode::Readwrite).await?;
    let index = store.index("saved_at").map_err(IdbError::from_thrown)?;
    let range = IdbKeyRange::upper_bound(&cutoff.into()).map_err(IdbError::from_thrown)?;
    let req = index
        .get_all_keys_with_key(&range)
        .map_err(IdbError::from_thrown)?;
    let keys: Array = idb::request(&req).await?.unchecked_into();
    for key in keys.iter() {
        let owner = Reflect::get(&key, &0.into())
            .ok()
            .and_then(|v| v.as_string());
        if owner.as_deref() != Some(tab) {
            store.delete(&key).map_err(IdbError::from_thrown)?;
        }
    }
    idb::committed(&tx).await
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

/// Puts this tab's kept files back in the form (at start-up), holding Send meanwhile.
pub fn restore(state: ComposeState) {
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
#[path = "stash_tests.rs"]
mod browser_tests;
