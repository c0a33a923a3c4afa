//! Building the message once and handing it to Gmail: JSON `raw` for small messages,
//! an upload with a progress bar for large ones, both through `ui::google` (renewal after
//! a 401). Calls that send mail repeat only what Google did not process (429); the rest
//! repeat every transient failure.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Blob;

use crate::api::retry::Policy;
use crate::auth::scopes::Feature;
use crate::browser::http::HttpError;
use crate::browser::local_time::offset_at;
use crate::browser::{blob, random, time, xhr};
use crate::i18n::{k, t};
use crate::mail::api::{multipart_related, Created, Target};
use crate::mail::{
    build_message_in_pieces, check_limits, encode_gmail_raw, encoded_len, message_id, send_route,
    Draft, MessageDate, SendRoute, RAW_PIECE,
};
use crate::ui::auth::{Auth, CallError};
use crate::ui::google::{self, ApiError, Call};

/// Bytes per Blob part while building: big enough that the parts are few (32 for 25 MB),
/// small enough that WASM memory holds only the draft and about two of them.
const PIECE: usize = 1 << 20;

/// A built message: its bytes, as a Blob in the browser (never whole in WASM memory), and
/// its `X-Satchel-Id` (to find it in Sent after a lost answer: Gmail replaces the
/// Message-ID, so that cannot be used).
pub struct Built {
    pub message: Blob,
    pub satchel_id: String,
    /// The conversation a reply goes in (`threadId` in the request).
    pub thread_id: Option<String>,
}

impl Built {
    /// The message's size in bytes (what decides JSON or upload).
    pub fn size(&self) -> usize {
        self.message.size() as usize
    }
}

/// A Blob the browser would not make (never seen): the request cannot be made.
fn unbuildable(_: wasm_bindgen::JsValue) -> HttpError {
    HttpError::Build("Blob".into())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Builds `draft` now, as a Blob of 1 MiB parts. Measures `satchel-mime-build` (building
/// and the Blob, together) on the performance timeline and records the WASM memory size
/// afterwards (`data-satchel-mime-memory` on `<html>`), so the benchmark measures the real
/// code path.
pub fn build(draft: &mut Draft, sender_domain: &str) -> Result<Built, String> {
    let random = random::bytes::<16>().ok_or(t(k::MAIL_NO_SECURE_RANDOM))?;
    let id = message_id(&hex(&random), sender_domain);
    let tag = random::bytes::<12>().ok_or(t(k::MAIL_NO_SECURE_RANDOM))?;
    let satchel_id = hex(&tag);
    draft.satchel_id = Some(satchel_id.clone());
    let draft = &*draft;
    let now_ms = time::now_ms();
    let date = MessageDate::new(now_ms.div_euclid(1000), offset_at(now_ms));
    // Counting needs no encoding: a message over Gmail's limits is never built.
    check_limits(draft, encoded_len(draft, date, &id)).map_err(|e| e.to_string())?;
    let perf = web_sys::window().and_then(|w| w.performance());
    let mark = |name: &str| perf.as_ref().map(|p| p.mark(name));
    mark("satchel-mime-build-start");
    let mut parts = blob::Parts::default();
    build_message_in_pieces(draft, date, &id, PIECE, |piece| parts.bytes(piece));
    let message = parts
        .finish("message/rfc822")
        .map_err(|e| unbuildable(e).to_string())?;
    mark("satchel-mime-build-end");
    if let Some(perf) = &perf {
        let _ = perf.measure_with_start_mark_and_end_mark(
            "satchel-mime-build",
            "satchel-mime-build-start",
            "satchel-mime-build-end",
        );
    }
    // WASM memory never shrinks, so its size now is the peak so far.
    let memory = wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length();
    if let Some(html) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = html.set_attribute("data-satchel-mime-memory", &memory.to_string());
    }
    Ok(Built {
        message,
        satchel_id,
        thread_id: None,
    })
}

/// The JSON body for `target` with the message's `raw` text inside, written piece by
/// piece from the message Blob into a new Blob.
async fn raw_json(target: &Target, built: &Built) -> Result<Blob, HttpError> {
    let (before, after) = target.json_around_raw(built.thread_id.as_deref());
    let mut parts = blob::Parts::default();
    parts.text(&before);
    blob::for_each_piece(&built.message, RAW_PIECE, |piece| {
        parts.text(&encode_gmail_raw(piece))
    })
    .await
    .map_err(unbuildable)?;
    parts.text(&after);
    parts.finish("application/json").map_err(unbuildable)
}

/// Sends `built` to `target`. `progress` shows the upload; `on_retry` the retries.
pub async fn deliver(
    auth: Auth,
    feature: Feature,
    root: &str,
    target: Target,
    built: &Built,
    progress: RwSignal<Option<f64>>,
    on_retry: &dyn Fn(u32, u64),
) -> Result<Created, ApiError> {
    let policy = if target.is_idempotent() {
        Policy::Transient
    } else {
        Policy::UnprocessedOnly
    };
    let reply = match send_route(built.size()) {
        SendRoute::RawJson => {
            let body = raw_json(&target, built)
                .await
                .map_err(|e| ApiError::Call(CallError::Http(e)))?;
            google::send_under(
                policy,
                auth,
                feature,
                Call::json_blob(target.method(), target.json_url(root), body),
                on_retry,
            )
            .await
        }
        SendRoute::Upload => {
            let (url, method) = (
                target.upload_url(root, built.thread_id.as_deref()),
                target.method(),
            );
            let boundary = hex(&random::bytes::<12>().unwrap_or_default());
            let (content_type, body) = match target.upload_metadata(built.thread_id.as_deref()) {
                Some(json) => {
                    let (content_type, head, tail) =
                        multipart_related(&json, &format!("satchel_{boundary}"));
                    let mut parts = blob::Parts::default();
                    parts.text(&head);
                    parts.blob(&built.message);
                    parts.text(&tail);
                    let body = parts
                        .finish("")
                        .map_err(|e| ApiError::Call(CallError::Http(unbuildable(e))))?;
                    (content_type, body)
                }
                None => ("message/rfc822".to_string(), built.message.clone()),
            };
            progress.set(Some(0.0));
            let reply = google::send_with(
                policy,
                auth,
                feature,
                |token| {
                    let (body, url, content_type) =
                        (body.clone(), url.clone(), content_type.clone());
                    async move {
                        let bearer = format!("Bearer {token}");
                        let headers = [
                            ("Authorization", bearer.as_str()),
                            ("Content-Type", content_type.as_str()),
                        ];
                        let on_progress = move |f: f64| {
                            progress.try_set(Some(f));
                        };
                        xhr::send(method, &url, &headers, &body, on_progress).await
                    }
                },
                on_retry,
            )
            .await;
            progress.try_set(None);
            reply
        }
    }?;
    Ok(serde_json::from_str(&reply.body).unwrap_or_default())
}
