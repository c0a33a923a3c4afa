//! In-browser tests (wasm-bindgen-test, headless Chromium) of the attachment stash and,
//! through it, of `browser::idb`.

use js_sys::{Array, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Blob, IdbTransactionMode};

use super::store::{tab_range, transaction, STALE_MS};
use super::tab::{self, TAB_KEY};
use super::*;
use crate::browser::idb;
use crate::browser::storage::{self, Area};

wasm_bindgen_test_configure!(run_in_browser);

fn as_tab(id: &str) {
    assert!(storage::set(Area::Session, TAB_KEY, id));
}

fn file(name: &str, kind: Option<&str>, data: Vec<u8>) -> Attachment {
    Attachment {
        filename: name.into(),
        content_type: kind.map(str::to_string),
        data,
    }
}

fn all_bytes() -> Vec<u8> {
    (0..=255u8).cycle().take(70_000).collect()
}

async fn raw_rows(tab: &str) -> Array {
    let (_tx, store) = transaction(IdbTransactionMode::Readonly).await.unwrap();
    let req = store.get_all_with_key(&tab_range(tab).unwrap()).unwrap();
    idb::request(&req).await.unwrap().unchecked_into()
}

#[wasm_bindgen_test]
async fn files_come_back_byte_identical_in_attach_order() {
    as_tab("t-order");
    clear().await;
    let big = file("data.bin", None, all_bytes());
    let text = file("notes.txt", Some("text/plain"), "Καλημέρα\n".into());
    let empty = file("empty.qqq", None, Vec::new());
    put(7, &big).await.unwrap();
    put(2, &text).await.unwrap();
    put(9, &empty).await.unwrap();
    let kept = load().await;
    assert_eq!(kept, vec![(2, text.clone()), (7, big.clone()), (9, empty)]);

    // Stored as a Blob with its name and type, not as text.
    let rows = raw_rows("t-order").await;
    let blob = Reflect::get(&rows.get(0), &"blob".into()).unwrap();
    let blob: Blob = blob.dyn_into().expect("a Blob");
    assert_eq!(blob.type_(), "text/plain");
    assert_eq!(blob.size() as usize, text.data.len());

    remove(7).await;
    assert_eq!(
        load().await,
        vec![(2, text), (9, file("empty.qqq", None, vec![]))]
    );
    clear().await;
    assert_eq!(load().await, vec![]);
}

#[wasm_bindgen_test]
async fn each_tab_sees_only_its_own_files() {
    as_tab("t-left");
    put(1, &file("left.txt", None, b"left".to_vec()))
        .await
        .unwrap();
    as_tab("t-right");
    assert_eq!(load().await, vec![]);
    put(1, &file("right.txt", None, b"right".to_vec()))
        .await
        .unwrap();
    clear().await;
    as_tab("t-left");
    let kept = load().await;
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].1.filename, "left.txt");
    clear().await;
}

#[wasm_bindgen_test]
async fn replace_keeps_only_the_given_files() {
    as_tab("t-replace");
    put(1, &file("old.txt", None, b"old".to_vec()))
        .await
        .unwrap();
    let new = file("new.txt", Some("text/plain"), b"new".to_vec());
    replace(&[Attached {
        id: 5,
        file: new.clone(),
    }])
    .await
    .unwrap();
    assert_eq!(load().await, vec![(5, new)]);
    clear().await;
}

#[wasm_bindgen_test]
async fn operations_run_in_the_order_they_were_started() {
    as_tab("t-turns");
    // Started together, not awaited one by one: the remove must not overtake the put.
    let writing = put(3, &file("late.txt", None, vec![1; 100_000]));
    let removing = remove(3);
    let loading = load();
    let (written, (), kept) = futures_join(writing, removing, loading).await;
    assert_eq!(written, Ok(()));
    assert_eq!(kept, vec![]);
}

/// Polls three futures to the end (no `futures` crate in the tree for `join!`).
async fn futures_join<A, B, C>(
    a: impl Future<Output = A> + 'static,
    b: impl Future<Output = B> + 'static,
    c: impl Future<Output = C> + 'static,
) -> (A, B, C)
where
    A: 'static,
    B: 'static,
    C: 'static,
{
    let (ta, ra) = oneshot::channel();
    let (tb, rb) = oneshot::channel();
    wasm_bindgen_futures::spawn_local(async move {
        let _ = ta.send(a.await);
    });
    wasm_bindgen_futures::spawn_local(async move {
        let _ = tb.send(b.await);
    });
    let c = c.await;
    (ra.await.unwrap(), rb.await.unwrap(), c)
}

#[wasm_bindgen_test]
async fn start_up_sweeps_other_tabs_stale_files_only() {
    let old = js_sys::Date::now() - STALE_MS - 60_000.0;
    let (tx, store) = transaction(IdbTransactionMode::Readwrite).await.unwrap();
    for (tab, id, at) in [
        ("t-gone", 1, old),
        ("t-alive", 1, js_sys::Date::now()),
        ("t-sweeper", 1, old),
    ] {
        let record = Record::new(id, &file("f.txt", None, b"x".to_vec()));
        store.put(&record.to_js(tab, at).unwrap()).unwrap();
    }
    idb::committed(&tx).await.unwrap();

    as_tab("t-sweeper");
    assert_eq!(load().await.len(), 1, "its own files stay, however old");
    assert_eq!(
        raw_rows("t-gone").await.length(),
        0,
        "a long-gone tab's files go"
    );
    assert_eq!(
        raw_rows("t-alive").await.length(),
        1,
        "a recent tab's files stay"
    );
    clear().await;
    as_tab("t-alive");
    clear().await;
}

#[wasm_bindgen_test]
async fn a_new_tab_gets_a_random_id_kept_in_session_storage() {
    storage::remove(Area::Session, TAB_KEY);
    let id = tab::id().unwrap();
    assert_eq!(id.len(), 24, "{id}");
    assert_eq!(
        tab::id().as_deref(),
        Some(id.as_str()),
        "stable within the tab"
    );
    assert_eq!(storage::get(Area::Session, TAB_KEY), Some(id));
}

#[wasm_bindgen_test]
async fn a_lock_is_held_by_one_page_at_a_time() {
    use crate::browser::locks;
    assert_eq!(locks::hold("satchel.test.lock").await, Some(true));
    assert_eq!(locks::hold("satchel.test.lock").await, Some(false));
}

#[wasm_bindgen_test]
async fn a_duplicated_tab_takes_its_own_id_and_a_copy_of_the_files() {
    use crate::browser::locks;
    as_tab("t-original");
    let notes = file("notes.txt", Some("text/plain"), b"shared".to_vec());
    put(4, &notes).await.unwrap();
    // The original tab is alive: it holds its id's lock (here, this page does).
    assert_eq!(locks::hold("satchel.tab.t-original").await, Some(true));

    let kept = load().await;
    let own = tab::id().unwrap();
    assert_ne!(own, "t-original", "the duplicate took an id of its own");
    assert_eq!(kept, vec![(4, notes)], "with a copy of the files");
    clear().await;
    assert_eq!(
        raw_rows("t-original").await.length(),
        1,
        "the original keeps its own"
    );
    as_tab("t-original");
    clear().await;
}
