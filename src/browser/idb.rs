//! IndexedDB as futures. A request or transaction is awaited through a `Promise` whose
//! `resolve`/`reject` are installed as the event handlers themselves, so no Rust closure
//! is kept alive (or leaked) per request; only `open` needs one, for the schema upgrade.

use crate::i18n::{k, t, tf};
use std::fmt;

use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStore, IdbRequest, IdbTransaction, IdbTransactionMode};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdbError {
    /// No IndexedDB in this browser, or it refuses this page (disabled storage).
    Unavailable,
    /// The site's storage quota is used up (`QuotaExceededError`).
    Full,
    /// Anything else, named by the browser's `DOMException` name.
    Failed(String),
}

impl IdbError {
    /// From the name of the `DOMException` the browser reported.
    pub fn from_name(name: &str) -> IdbError {
        match name {
            "QuotaExceededError" => IdbError::Full,
            "" => IdbError::Failed("UnknownError".into()),
            other => IdbError::Failed(other.into()),
        }
    }

    fn from_dom(error: Option<web_sys::DomException>) -> IdbError {
        IdbError::from_name(&error.map(|e| e.name()).unwrap_or_default())
    }

    /// From a value thrown synchronously by an IndexedDB method (usually a DOMException).
    pub fn from_thrown(thrown: JsValue) -> IdbError {
        IdbError::from_dom(thrown.dyn_into().ok())
    }
}

impl fmt::Display for IdbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdbError::Unavailable => f.write_str(t(k::APP_IDB_UNAVAILABLE)),
            IdbError::Full => f.write_str(t(k::APP_IDB_FULL)),
            IdbError::Failed(name) => f.write_str(&tf(k::APP_IDB_FAILED, &[("name", name)])),
        }
    }
}

/// Opens (creating or upgrading) database `name` at `version`; `upgrade` runs inside the
/// version-change transaction when the stored version is older.
pub async fn open(
    name: &str,
    version: u32,
    upgrade: fn(&IdbDatabase) -> Result<(), JsValue>,
) -> Result<IdbDatabase, IdbError> {
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .ok_or(IdbError::Unavailable)?;
    let req = factory
        .open_with_u32(name, version)
        .map_err(|_| IdbError::Unavailable)?;
    let target = req.clone();
    let on_upgrade = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        if let Some(db) = target.result().ok().and_then(|r| r.dyn_into().ok()) {
            // A failing upgrade aborts the version change, so `open` reports it.
            if upgrade(&db).is_err() {
                if let Some(tx) = target.transaction() {
                    let _ = tx.abort();
                }
            }
        }
    });
    req.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    let result = request(&req).await;
    req.set_onupgradeneeded(None);
    drop(on_upgrade);
    result?.dyn_into().map_err(|_| IdbError::Unavailable)
}

/// The result of `req` once it succeeds.
pub async fn request(req: &IdbRequest) -> Result<JsValue, IdbError> {
    let settled = js_sys::Promise::new(&mut |resolve, reject| {
        req.set_onsuccess(Some(&resolve));
        req.set_onerror(Some(&reject));
    });
    let outcome = JsFuture::from(settled).await;
    req.set_onsuccess(None);
    req.set_onerror(None);
    match outcome {
        Ok(_) => req.result().map_err(IdbError::from_thrown),
        Err(_) => Err(IdbError::from_dom(req.error().ok().flatten())),
    }
}

/// Waits until `tx` has committed. Quota errors surface here (as an abort), not on the
/// request that wrote the data, so writes must await this rather than their requests.
pub async fn committed(tx: &IdbTransaction) -> Result<(), IdbError> {
    let settled = js_sys::Promise::new(&mut |resolve, reject| {
        tx.set_oncomplete(Some(&resolve));
        tx.set_onerror(Some(&reject));
        tx.set_onabort(Some(&reject));
    });
    let outcome = JsFuture::from(settled).await;
    tx.set_oncomplete(None);
    tx.set_onerror(None);
    tx.set_onabort(None);
    outcome
        .map(|_| ())
        .map_err(|_| IdbError::from_dom(tx.error()))
}

/// A transaction on one object store.
pub fn transaction(
    db: &IdbDatabase,
    store: &str,
    mode: IdbTransactionMode,
) -> Result<(IdbTransaction, IdbObjectStore), IdbError> {
    let tx = db
        .transaction_with_str_and_mode(store, mode)
        .map_err(IdbError::from_thrown)?;
    let object_store = tx.object_store(store).map_err(IdbError::from_thrown)?;
    Ok((tx, object_store))
}
