//! In-browser tests (wasm-bindgen-test, headless Chromium) of the Outbox's IndexedDB store
//! and of the Web Lock that serializes its runs.

use wasm_bindgen_test::*;

use super::store;
use crate::browser::{blob, locks};
use crate::mail::outbox::{Item, Progress};

wasm_bindgen_test_configure!(run_in_browser);

fn item(id: &str, queued_ms: i64) -> Item {
    Item {
        id: id.into(),
        email: "ada@example.com".into(),
        to: "bob@example.com".into(),
        subject: "שלום".into(),
        attachments: 1,
        thread_id: None,
        via_draft: true,
        progress: Progress::Waiting { draft: None },
        queued_ms,
        note: None,
    }
}

fn blob_of(bytes: &[u8]) -> web_sys::Blob {
    blob::of_bytes(bytes, "message/rfc822").unwrap()
}

async fn stored(id: &str) -> Option<Vec<u8>> {
    let message = store::message(id).await.unwrap()?;
    Some(blob::bytes(&message).await.unwrap())
}

#[wasm_bindgen_test]
async fn a_message_comes_back_byte_identical_and_progress_is_recorded() {
    let bytes: Vec<u8> = (0..=255u8).cycle().take(300_000).collect();
    let (late, early) = (item("store-b", 20), item("store-a", 10));
    store::add(&late, &blob_of(&bytes)).await.unwrap();
    store::add(&early, &blob_of(b"small")).await.unwrap();
    let ids: Vec<String> = store::list()
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.id)
        .filter(|id| id.starts_with("store-"))
        .collect();
    assert_eq!(ids, ["store-a", "store-b"], "oldest first");
    assert_eq!(stored("store-b").await, Some(bytes.clone()));

    let mut drafted = late.clone();
    drafted.progress = Progress::Drafted { id: "d1".into() };
    assert!(store::update(&drafted).await.unwrap());
    let listed = store::list().await.unwrap();
    assert!(listed.contains(&drafted));
    // The message is kept when only the progress changes.
    assert_eq!(stored("store-b").await, Some(bytes));

    store::delete("store-b").await.unwrap();
    store::delete("store-a").await.unwrap();
    assert_eq!(stored("store-b").await, None);
    // A gone item is never written back.
    assert!(!store::update(&drafted).await.unwrap());
    assert_eq!(stored("store-b").await, None);
}

#[wasm_bindgen_test]
async fn the_outbox_lock_is_taken_once_and_free_again_when_dropped() {
    let first = locks::try_take("satchel.test.outbox").await;
    assert!(matches!(first, Some(Some(_))));
    assert!(matches!(
        locks::try_take("satchel.test.outbox").await,
        Some(None)
    ));
    drop(first);
    // The release settles the lock's promise; the browser frees it right after.
    crate::browser::time::sleep(50).await;
    assert!(matches!(
        locks::try_take("satchel.test.outbox").await,
        Some(Some(_))
    ));
}
