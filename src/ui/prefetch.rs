//! Compose, where most visits land, should not wait for its chunk. When the app starts
//! signed in, on Compose's own address (`/`, `/mail`) the chunk is fetched at once, beside
//! `config.json` (the routes render only once it is read), and on any other page when the
//! browser is next idle. Signed out, nothing is fetched ahead (a first visit pays for what
//! it shows, and the setup view never needs Mail) but when the pointer or the focus reaches
//! the Mail link (`chrome::Nav`).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::browser::page;
use crate::browser::storage::{self, Area};
use crate::ui::auth::SESSION_KEY;
use crate::ui::lazy_views::prefetch_compose;

pub fn start() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if storage::get(Area::Session, SESSION_KEY).is_none() {
        return;
    }
    let path = window.location().pathname().unwrap_or_default();
    let route = path.strip_prefix(&page::router_base()).unwrap_or(&path);
    if matches!(route.trim_end_matches('/'), "" | "/mail") {
        prefetch_compose();
        return;
    }
    let later = Closure::once_into_js(prefetch_compose);
    // `requestIdleCallback` is missing in Safari: a timeout after the first render instead.
    let idle = js_sys::Reflect::get(&window, &"requestIdleCallback".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match idle {
        Some(idle) => {
            let _ = idle.call1(&window, &later);
        }
        None => {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                later.unchecked_ref(),
                1_000,
            );
        }
    }
}
