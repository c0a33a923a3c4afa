//! HTTP with upload progress, on `XMLHttpRequest` (`fetch` reports none). Same [`Reply`]
//! and [`HttpError`] as [`super::http`].

use crate::i18n::{k, t};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ProgressEvent, XmlHttpRequest};

use super::http::{HttpError, Method, Reply};

/// Sends `body`, calling `on_progress` with the fraction uploaded (0 to 1). Any answer is
/// a `Reply`; a lost connection is `HttpError::Network`.
pub async fn send(
    method: Method,
    url: &str,
    headers: &[(&str, &str)],
    body: &web_sys::Blob,
    on_progress: impl Fn(f64) + 'static,
) -> Result<Reply, HttpError> {
    let build = |e: JsValue| HttpError::Build(format!("{e:?}"));
    let xhr = XmlHttpRequest::new().map_err(build)?;
    xhr.open_with_async(method.as_str(), url, true)
        .map_err(build)?;
    for (name, value) in headers {
        xhr.set_request_header(name, value).map_err(build)?;
    }
    let progress = Closure::<dyn Fn(ProgressEvent)>::new(move |e: ProgressEvent| {
        if e.length_computable() && e.total() > 0.0 {
            on_progress(e.loaded() / e.total());
        }
    });
    let upload = xhr.upload().ok();
    if let Some(upload) = &upload {
        upload.set_onprogress(Some(progress.as_ref().unchecked_ref()));
    }
    let done = js_sys::Promise::new(&mut |resolve, reject| {
        xhr.set_onload(Some(&resolve));
        xhr.set_onerror(Some(&reject));
        xhr.set_onabort(Some(&reject));
        xhr.set_ontimeout(Some(&reject));
    });
    xhr.send_with_opt_blob(Some(body))
        .map_err(|e| HttpError::Network(format!("{e:?}")))?;
    let outcome = JsFuture::from(done).await;
    // Detached before the closure is freed, so no late event can call into freed memory.
    if let Some(upload) = &upload {
        upload.set_onprogress(None);
    }
    drop(progress);
    outcome.map_err(|_| HttpError::Network(t(k::APP_NET_LOST).into()))?;
    let header = |name: &str| xhr.get_response_header(name).ok().flatten();
    Ok(Reply {
        status: xhr.status().unwrap_or(0),
        retry_after: header("retry-after"),
        www_authenticate: header("www-authenticate"),
        body: xhr.response_text().ok().flatten().unwrap_or_default(),
    })
}
