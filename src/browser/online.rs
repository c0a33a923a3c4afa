//! Whether the browser believes it is online (`navigator.onLine`) and its `online` and
//! `offline` events. `onLine` false is reliable (no network at all); true only means some
//! network is there, so a send can still fail and is judged by its own outcome.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub fn is_online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// Calls `changed(online)` on every `online` and `offline` event, for the page's life.
pub fn listen(changed: impl Fn(bool) + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let changed = std::rc::Rc::new(changed);
    for (name, online) in [("online", true), ("offline", false)] {
        let changed = changed.clone();
        let handler = Closure::<dyn Fn()>::new(move || changed(online));
        if window
            .add_event_listener_with_callback(name, handler.as_ref().unchecked_ref())
            .is_ok()
        {
            // Listens as long as the page lives.
            handler.forget();
        }
    }
}
