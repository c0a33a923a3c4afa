//! Saving bytes as a file the user downloads, and text in charsets Rust does not carry.

use crate::i18n::{k, t};
use wasm_bindgen::JsCast;

/// Offers `bytes` as a download named `filename`. Always `application/octet-stream`: the
/// browser saves it and never opens it, so an HTML, SVG or script attachment cannot run
/// in Satchel's origin.
pub fn save(filename: &str, bytes: &[u8]) -> Result<(), String> {
    let fail = |_| t(k::APP_SAVE_FAILED).to_string();
    let blob = super::blob::of_bytes(bytes, "application/octet-stream").map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("No document.")?;
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(fail)?
        .dyn_into()
        .map_err(|_| "No link.".to_string())?;
    link.set_href(&url);
    link.set_download(filename);
    link.click();
    // The click has started the download; the URL can go once it has been read.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    }
    Ok(())
}

/// `bytes` in `charset`, by the browser's TextDecoder (every WHATWG encoding); `None` when
/// it does not know the label either.
pub fn decode_text(charset: &str, bytes: &[u8]) -> Option<String> {
    let decoder = web_sys::TextDecoder::new_with_label(charset.trim().trim_matches('"')).ok()?;
    decoder.decode_with_u8_array(bytes).ok()
}
