//! The Outbox in IndexedDB: database `satchel-outbox` (apart from the compose form's
//! `satchel`, so neither schema ever waits on the other's upgrade), store `items`, one
//! record `{id, item, message}` per message: `item` is the [`Item`] as JSON (what the list
//! shows and how far sending got), `message` the built message as a Blob, attachments
//! inside, never base64. Each write awaits its transaction's commit: progress counts as
//! recorded only once it is on disk.

use std::cell::RefCell;

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, IdbDatabase, IdbObjectStore, IdbTransaction, IdbTransactionMode};

use crate::browser::idb::{self, IdbError};
use crate::mail::outbox::Item;

const DB_NAME: &str = "satchel-outbox";
const DB_VERSION: u32 = 1;
const STORE: &str = "items";

thread_local! {
    static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

fn upgrade(db: &IdbDatabase) -> Result<(), JsValue> {
    let params = web_sys::IdbObjectStoreParameters::new();
    params.set_key_path(&"id".into());
    db.create_object_store_with_optional_parameters(STORE, &params)?;
    Ok(())
}

async fn transaction(
    mode: IdbTransactionMode,
) -> Result<(IdbTransaction, IdbObjectStore), IdbError> {
    let db = match DB.with(|d| d.borrow().clone()) {
        Some(db) => db,
        None => {
            let db = idb::open(DB_NAME, DB_VERSION, upgrade).await?;
            DB.with(|d| *d.borrow_mut() = Some(db.clone()));
            db
        }
    };
    // A failure forgets the connection (closed by "clear site data"): the next one reopens.
    idb::transaction(&db, STORE, mode).inspect_err(|_| DB.with(|d| *d.borrow_mut() = None))
}

fn item_json(item: &Item) -> Result<String, IdbError> {
    serde_json::to_string(item).map_err(|_| IdbError::Failed("JSON".into()))
}

/// Adds `item` with its message (IndexedDB keeps the Blob itself: nothing passes through
/// WASM memory).
pub async fn add(item: &Item, message: &Blob) -> Result<(), IdbError> {
    let record = Object::new();
    let fields: [(&str, JsValue); 3] = [
        ("id", item.id.as_str().into()),
        ("item", item_json(item)?.into()),
        ("message", message.into()),
    ];
    for (name, value) in fields {
        Reflect::set(&record, &name.into(), &value).map_err(IdbError::from_thrown)?;
    }
    let (tx, store) = transaction(IdbTransactionMode::Readwrite).await?;
    store.put(&record).map_err(IdbError::from_thrown)?;
    idb::committed(&tx).await
}

/// Records `item`'s new state, keeping its message. False when the item is gone (sent or
/// deleted by another tab): nothing is written back.
pub async fn update(item: &Item) -> Result<bool, IdbError> {
    let (tx, store) = transaction(IdbTransactionMode::Readwrite).await?;
    let req = store
        .get(&item.id.as_str().into())
        .map_err(IdbError::from_thrown)?;
    let record = idb::request(&req).await?;
    if record.is_undefined() || record.is_null() {
        return Ok(false);
    }
    Reflect::set(&record, &"item".into(), &item_json(item)?.into())
        .map_err(IdbError::from_thrown)?;
    store.put(&record).map_err(IdbError::from_thrown)?;
    idb::committed(&tx).await.map(|_| true)
}

pub async fn delete(id: &str) -> Result<(), IdbError> {
    let (tx, store) = transaction(IdbTransactionMode::Readwrite).await?;
    store.delete(&id.into()).map_err(IdbError::from_thrown)?;
    idb::committed(&tx).await
}

/// Every item, oldest first; unreadable records are skipped (a reload must never fail).
pub async fn list() -> Result<Vec<Item>, IdbError> {
    let (_tx, store) = transaction(IdbTransactionMode::Readonly).await?;
    let req = store.get_all().map_err(IdbError::from_thrown)?;
    let rows: Array = idb::request(&req).await?.unchecked_into();
    let mut items: Vec<Item> = rows
        .iter()
        .filter_map(|row| Reflect::get(&row, &"item".into()).ok()?.as_string())
        .filter_map(|text| serde_json::from_str(&text).ok())
        .collect();
    items.sort_by_key(|i: &Item| i.queued_ms);
    Ok(items)
}

/// The message of item `id`, `None` when it is gone.
pub async fn message(id: &str) -> Result<Option<Blob>, IdbError> {
    let (_tx, store) = transaction(IdbTransactionMode::Readonly).await?;
    let req = store.get(&id.into()).map_err(IdbError::from_thrown)?;
    let record = idb::request(&req).await?;
    if record.is_undefined() || record.is_null() {
        return Ok(None);
    }
    Reflect::get(&record, &"message".into())
        .ok()
        .and_then(|v| v.dyn_into::<Blob>().ok())
        .map(Some)
        .ok_or_else(|| IdbError::Failed("no message".into()))
}
