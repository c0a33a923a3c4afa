//! Building the message once and handing it to Gmail: JSON `raw` for small messages,
//! an upload with a progress bar for large ones, both through `ui::google` (renewal after
//! a 401). Calls that send mail repeat only what Google did not process (429); the rest
//! repeat every transient failure.

use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::api::retry::Policy;
use crate::auth::scopes::Feature;
use crate::browser::local_time::offset_at;
use crate::browser::{random, time, xhr};
use crate::i18n::{k, t};
use crate::mail::api::{multipart_related, Created, Target};
use crate::mail::{
    build_message, check_limits, encode_gmail_raw, encoded_len, message_id, send_route, Draft,
    MessageDate, SendRoute,
};
use crate::ui::auth::Auth;
use crate::ui::google::{self, ApiError, Call};

/// A built message: its bytes and its `X-Satchel-Id` (to find it in Sent after a lost
/// answer: Gmail replaces the Message-ID, so that cannot be used).
pub struct Built {
    pub bytes: Rc<Vec<u8>>,
    pub satchel_id: String,
    /// The conversation a reply goes in (`threadId` in the request).
    pub thread_id: Option<String>,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Builds `draft` now. Measures `satchel-mime-build` on the performance timeline and
/// records the WASM memory size afterwards (`data-satchel-mime-memory` on `<html>`), so
/// the benchmark measures the real code path.
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
    let bytes = build_message(draft, date, &id);
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
        bytes: Rc::new(bytes),
        satchel_id,
        thread_id: None,
    })
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
    let reply = match send_route(built.bytes.len()) {
        SendRoute::RawJson => {
            let method = target.method();
            let json =
                Some(target.json_body(&encode_gmail_raw(&built.bytes), built.thread_id.as_deref()));
            google::send_under(
                policy,
                auth,
                feature,
                Call::new(method, target.json_url(root), json),
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
            let (content_type, head, tail) =
                match target.upload_metadata(built.thread_id.as_deref()) {
                    Some(json) => multipart_related(&json, &format!("satchel_{boundary}")),
                    None => ("message/rfc822".to_string(), String::new(), String::new()),
                };
            progress.set(Some(0.0));
            let reply = google::send_with(
                policy,
                auth,
                feature,
                |token| {
                    let (bytes, url, content_type) =
                        (built.bytes.clone(), url.clone(), content_type.clone());
                    let (head, tail) = (head.clone(), tail.clone());
                    async move {
                        let bearer = format!("Bearer {token}");
                        let headers = [
                            ("Authorization", bearer.as_str()),
                            ("Content-Type", content_type.as_str()),
                        ];
                        let parts: Vec<&[u8]> =
                            [head.as_bytes(), bytes.as_slice(), tail.as_bytes()]
                                .into_iter()
                                .filter(|p| !p.is_empty())
                                .collect();
                        let on_progress = move |f: f64| {
                            progress.try_set(Some(f));
                        };
                        xhr::send(method, &url, &headers, &parts, on_progress).await
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
