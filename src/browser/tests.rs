//! In-browser tests (wasm-bindgen-test in headless Chromium) of the browser wrappers.

use wasm_bindgen_test::*;

use crate::browser::{blob, config_file, page, storage};
use crate::config::Flow;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn session_storage_round_trip_and_take() {
    storage::set(storage::Area::Session, "t.key", "value ✓");
    assert_eq!(
        storage::get(storage::Area::Session, "t.key").as_deref(),
        Some("value ✓")
    );
    assert_eq!(
        storage::take(storage::Area::Session, "t.key").as_deref(),
        Some("value ✓")
    );
    assert_eq!(storage::get(storage::Area::Session, "t.key"), None);
}

#[wasm_bindgen_test]
fn local_and_session_storage_are_separate() {
    storage::set(storage::Area::Local, "t.area", "local");
    assert_eq!(storage::get(storage::Area::Session, "t.area"), None);
    assert_eq!(
        storage::get(storage::Area::Local, "t.area").as_deref(),
        Some("local")
    );
    storage::remove(storage::Area::Local, "t.area");
    assert_eq!(storage::get(storage::Area::Local, "t.area"), None);
}

#[wasm_bindgen_test]
fn base_url_is_a_directory_of_this_origin() {
    let base = page::base_url();
    assert!(base.starts_with(&page::origin()), "{base}");
    assert!(base.ends_with('/'), "{base}");
    assert!(page::resolve("config.json").ends_with("/config.json"));
}

fn data_url(json: &str) -> String {
    let encoded = js_sys::encode_uri_component(json);
    format!("data:application/json,{encoded}")
}

#[wasm_bindgen_test]
async fn config_loads_from_a_url() {
    let (config, problem) =
        config_file::load(data_url(r#"{"client_id":"abc","flow":"pkce"}"#)).await;
    assert_eq!(problem, None);
    assert_eq!(config.client_id.as_deref(), Some("abc"));
    assert_eq!(config.flow, Flow::Pkce);
}

#[wasm_bindgen_test]
async fn broken_config_keeps_defaults_and_names_the_key() {
    let (config, problem) = config_file::load(data_url(r#"{"flow":"implicit"}"#)).await;
    assert_eq!(config.flow, Flow::Token);
    let problem = problem.unwrap_or_default();
    assert!(problem.contains("\"flow\""), "{problem}");
}

#[wasm_bindgen_test]
async fn missing_config_is_reported() {
    // The test runner's server has no config.json: a 404.
    let (_, problem) = config_file::load(page::resolve("no-such-config.json")).await;
    let problem = problem.unwrap_or_default();
    assert!(problem.contains("could not be loaded"), "{problem}");
}

/// A Blob built of bytes, text and another Blob reads back as their concatenation, and
/// read piece by piece gives the same bytes in pieces of the size asked for.
#[wasm_bindgen_test]
async fn blobs_are_built_and_read_piece_by_piece() {
    let mut inner = blob::Parts::default();
    inner.bytes(&[0, 1, 2, 255]);
    let inner = inner.finish("").unwrap();
    let mut parts = blob::Parts::default();
    parts.text("Γειά ");
    parts.blob(&inner);
    let mut reused = vec![7u8; 3];
    parts.bytes(&reused);
    // The part is a copy: changing the buffer afterwards changes nothing.
    reused.fill(9);
    let whole = parts.finish("message/rfc822").unwrap();
    assert_eq!(whole.type_(), "message/rfc822");
    let mut expected = "Γειά ".as_bytes().to_vec();
    expected.extend_from_slice(&[0, 1, 2, 255, 7, 7, 7]);
    assert_eq!(blob::bytes(&whole).await.unwrap(), expected);

    let mut pieces: Vec<Vec<u8>> = Vec::new();
    blob::for_each_piece(&whole, 5, |p| pieces.push(p.to_vec()))
        .await
        .unwrap();
    assert_eq!(pieces.concat(), expected);
    let sizes: Vec<usize> = pieces.iter().map(Vec::len).collect();
    // "Γειά " is 9 bytes, 16 in all.
    assert_eq!(sizes, [5, 5, 5, 1]);
}
