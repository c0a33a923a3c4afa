//! The sign-in popup and the two ways its answer comes back: `postMessage` from the popup
//! while `window.opener` survives, and otherwise a `BroadcastChannel` named after the
//! request's state (Google's COOP on the consent page severs the opener).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{BroadcastChannel, MessageEvent, Window};

/// boot.js posts on `CHANNEL_PREFIX + state`; keep in sync with boot.js.
pub const CHANNEL_PREFIX: &str = "satchel-auth.";
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

/// True when the popup is closed *or* unreachable: once a page with an enforced
/// Cross-Origin-Opener-Policy loads in it, `closed` reads true while it is still open.
pub fn is_closed(popup: &Window) -> bool {
    popup.closed().unwrap_or(true)
}

pub fn focus(popup: &Window) {
    let _ = popup.focus();
}

pub fn close(popup: &Window) {
    let _ = popup.close();
}

/// Sends the page elsewhere (the same-tab sign-in when popups are blocked).
pub fn redirect(url: &str) -> bool {
    web_sys::window().is_some_and(|w| w.location().assign(url).is_ok())
}

/// Reloads the page (after a sign-in to another account, so nothing of the old one stays).
pub fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// Where a sign-in answer came from; the caller checks origin and source.
pub enum Via {
    /// `postMessage`: its origin and its source window.
    Window {
        origin: String,
        source: Option<js_sys::Object>,
    },
    /// The request's own BroadcastChannel (same origin only, named after its state).
    Channel,
    /// The same-tab redirect, kept by boot.js in sessionStorage.
    Redirect,
}

/// Listens for the popup's `postMessage` for the rest of the page's life, handing
/// `(raw params, via)` to `on_answer`. Messages of other kinds are ignored.
pub fn listen_window(on_answer: impl Fn(String, Via) + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let handler = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        if let Some(params) = params_of(&event.data()) {
            let source = event
                .source()
                .map(|s| JsValue::from(s).unchecked_into::<js_sys::Object>());
            on_answer(
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
}

/// One request's channel, listened to only while the request is pending: dropping it
/// closes the channel and frees the listener.
pub struct Channel {
    channel: BroadcastChannel,
    _handler: Closure<dyn Fn(MessageEvent)>,
}

impl Channel {
    pub fn open(state: &str, on_answer: impl Fn(String, Via) + 'static) -> Option<Channel> {
        let channel = BroadcastChannel::new(&format!("{CHANNEL_PREFIX}{state}")).ok()?;
        let handler = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            if let Some(params) = params_of(&event.data()) {
                on_answer(params, Via::Channel);
            }
        });
        channel.set_onmessage(Some(handler.as_ref().unchecked_ref()));
        Some(Channel {
            channel,
            _handler: handler,
        })
    }
}

impl Drop for Channel {
    fn drop(&mut self) {
        self.channel.set_onmessage(None);
        self.channel.close();
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
