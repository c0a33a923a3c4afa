//! The sign-in popup and the two ways its answer comes back: `postMessage` from the popup
//! (when `window.opener` survived) and a `BroadcastChannel` (when Google's COOP cut it).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{BroadcastChannel, MessageEvent, Window};

/// Name of the channel boot.js posts on; keep in sync with boot.js.
pub const CHANNEL: &str = "satchel-auth";
const MESSAGE_TYPE: &str = "satchel-auth";

/// Opens the popup. Must run synchronously inside the click handler (nothing awaited
/// before it), or popup blockers stop it. `None` means it was blocked.
pub fn open(url: &str) -> Option<Window> {
    let window = web_sys::window()?;
    let features = "popup=yes,width=520,height=680";
    window
        .open_with_url_and_target_and_features(url, "satchel-signin", features)
        .ok()
        .flatten()
}

pub fn is_closed(popup: &Window) -> bool {
    popup.closed().unwrap_or(true)
}

pub fn close(popup: &Window) {
    let _ = popup.close();
}

/// Sends the page elsewhere (the same-tab sign-in when popups are blocked).
pub fn redirect(url: &str) -> bool {
    web_sys::window().is_some_and(|w| w.location().assign(url).is_ok())
}

/// Where a sign-in answer came from; the caller checks origin and source.
pub enum Via {
    /// `postMessage`: its origin and its source window.
    Window {
        origin: String,
        source: Option<js_sys::Object>,
    },
    /// The same-origin BroadcastChannel (only this origin can post on it).
    Channel,
    /// The same-tab redirect, kept by boot.js in sessionStorage.
    Redirect,
}

/// Listens on both paths for the rest of the page's life, handing `(raw params, via)`
/// to `on_answer`. Messages of other kinds are ignored.
pub fn listen(on_answer: impl Fn(String, Via) + Clone + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let on_window = on_answer.clone();
    let handler = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        if let Some(params) = params_of(&event.data()) {
            let source = event
                .source()
                .map(|s| JsValue::from(s).unchecked_into::<js_sys::Object>());
            on_window(
                params,
                Via::Window {
                    origin: event.origin(),
                    source,
                },
            );
        }
    });
    let _ = window.add_event_listener_with_callback("message", handler.as_ref().unchecked_ref());
    handler.forget(); // listens for the page's whole life

    if let Ok(channel) = BroadcastChannel::new(CHANNEL) {
        let handler = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            if let Some(params) = params_of(&event.data()) {
                on_answer(params, Via::Channel);
            }
        });
        channel.set_onmessage(Some(handler.as_ref().unchecked_ref()));
        handler.forget();
        std::mem::forget(channel); // closing it would stop the listener
    }
}

/// `{type: 'satchel-auth', params: '…'}` → the params string.
fn params_of(data: &JsValue) -> Option<String> {
    let kind = js_sys::Reflect::get(data, &JsValue::from_str("type")).ok()?;
    if kind.as_string().as_deref() != Some(MESSAGE_TYPE) {
        return None;
    }
    js_sys::Reflect::get(data, &JsValue::from_str("params"))
        .ok()?
        .as_string()
}

/// True when `source` is the very popup window we opened.
pub fn is_same_window(source: &js_sys::Object, popup: &Window) -> bool {
    js_sys::Object::is(source, popup.as_ref())
}
