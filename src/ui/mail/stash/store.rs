//! The IndexedDB side of the stash: database `satchel`, store `compose-files`, one record
//! `{tab, id, name, type, blob, saved_at}` per file, keyed by `[tab, id]` and indexed by
//! `saved_at` for the sweep.

use std::cell::RefCell;

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, IdbDatabase, IdbKeyRange, IdbObjectStore, IdbTransaction, IdbTransactionMode};

use crate::browser::blob;
use crate::browser::idb::{self, IdbError};
use crate::mail::Attachment;

const DB_NAME: &str = "satchel";
const DB_VERSION: u32 = 1;
const STORE: &str = "compose-files";
/// Files of other tabs older than this are removed at start-up.
pub const STALE_MS: f64 = 7.0 * 24.0 * 3600.0 * 1000.0;

thread_local! {
    static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
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
pub async fn transaction(
    mode: IdbTransactionMode,
) -> Result<(IdbTransaction, IdbObjectStore), IdbError> {
    let db = db().await?;
    idb::transaction(&db, STORE, mode).inspect_err(|_| DB.with(|d| *d.borrow_mut() = None))
}

/// Every key of `tab` (keys are `[tab, id]` arrays, compared element by element).
pub fn tab_range(tab: &str) -> Result<IdbKeyRange, IdbError> {
    let low = Array::of2(&tab.into(), &0.into());
    let high = Array::of2(&tab.into(), &f64::INFINITY.into());
    IdbKeyRange::bound(&low, &high).map_err(IdbError::from_thrown)
}

/// A file ready to store: its bytes already copied into a Blob, so the caller's
/// `Attachment` need not outlive the (queued) write.
pub struct Record {
    pub name: String,
    id: u32,
    kind: String,
    blob: Result<Blob, IdbError>,
}

impl Record {
    pub fn new(id: u32, file: &Attachment) -> Record {
        let kind = file.content_type.clone().unwrap_or_default();
        let blob = blob::of_bytes(&file.data, &kind).map_err(IdbError::from_thrown);
        Record {
            id,
            name: file.filename.clone(),
            kind,
            blob,
        }
    }

    pub fn to_js(&self, tab: &str, now: f64) -> Result<JsValue, IdbError> {
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

/// Writes `records` for `tab`, after deleting the tab's others when `replace`.
pub async fn write(tab: &str, records: &[Record], replace: bool) -> Result<(), IdbError> {
    let (tx, store) = transaction(IdbTransactionMode::Readwrite).await?;
    if replace {
        store
            .delete(&tab_range(tab)?.into())
            .map_err(IdbError::from_thrown)?;
    }
    let now = js_sys::Date::now();
    for record in records {
        store
            .put(&record.to_js(tab, now)?)
            .map_err(IdbError::from_thrown)?;
    }
    idb::committed(&tx).await
}

/// Deletes one file of `tab`, or all of them.
pub async fn delete(tab: &str, id: Option<u32>) -> Result<(), IdbError> {
    let query = match id {
        Some(id) => Array::of2(&tab.into(), &id.into()).into(),
        None => JsValue::from(tab_range(tab)?),
    };
    let (tx, store) = transaction(IdbTransactionMode::Readwrite).await?;
    store.delete(&query).map_err(IdbError::from_thrown)?;
    idb::committed(&tx).await
}

/// Gives `to` a copy of `from`'s records (the Blobs are shared, not read).
pub async fn copy(from: &str, to: &str) -> Result<(), IdbError> {
    let (tx, store) = transaction(IdbTransactionMode::Readwrite).await?;
    let req = store
        .get_all_with_key(&tab_range(from)?.into())
        .map_err(IdbError::from_thrown)?;
    let rows: Array = idb::request(&req).await?.unchecked_into();
    for row in rows.iter() {
        Reflect::set(&row, &"tab".into(), &to.into()).map_err(IdbError::from_thrown)?;
        store.put(&row).map_err(IdbError::from_thrown)?;
    }
    idb::committed(&tx).await
}

pub async fn read_tab(tab: &str) -> Result<Vec<(u32, Attachment)>, IdbError> {
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
        let Ok(data) = blob::bytes(&blob).await else {
            continue;
        };
        let file = Attachment {
            filename,
            content_type: (!kind.is_empty()).then_some(kind),
            data,
        };
        files.push((id as u32, file));
    }
    Ok(files)
}

/// Deletes other tabs' files attached more than [`STALE_MS`] ago.
pub async fn sweep(tab: &str) -> Result<(), IdbError> {
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
