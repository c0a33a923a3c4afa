//! "A new version is ready": shown when a new deployment's service worker is installed and
//! waiting while this page still runs on the old build (boot.js tells us; README,
//! "Installing and offline"). Reload hands over to the new worker, and boot.js reloads the
//! page once it controls it; until then the page keeps loading its own build's files.

use crate::i18n::{k, t};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// What boot.js sets on `window` when a new worker waits (the prompt may mount later).
const READY_FLAG: &str = "satchelUpdateReady";
/// The event boot.js dispatches on `window` at that moment.
const READY_EVENT: &str = "satchel-update-ready";
/// boot.js's function that tells the waiting worker to take over.
const APPLY: &str = "satchelApplyUpdate";

#[component]
pub fn UpdatePrompt() -> impl IntoView {
    let ready = RwSignal::new(update_waiting());
    let handle = window_event_listener_untyped(READY_EVENT, move |_| ready.set(true));
    on_cleanup(move || handle.remove());
    view! {
        <Show when=move || ready.get()>
            <div class="banner" role="status" data-testid="update-ready">
                <p>{t(k::APP_UPDATE_READY)}</p>
                <button type="button" on:click=move |_| apply_update()>{t(k::APP_UPDATE_RELOAD)}</button>
            </div>
        </Show>
    }
}

fn update_waiting() -> bool {
    js_sys::Reflect::get(&window(), &JsValue::from_str(READY_FLAG))
        .ok()
        .and_then(|flag| flag.as_bool())
        .unwrap_or(false)
}

fn apply_update() {
    let apply = js_sys::Reflect::get(&window(), &JsValue::from_str(APPLY))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match apply {
        Some(apply) => {
            let _ = apply.call0(&JsValue::UNDEFINED);
        }
        // No worker API (boot.js only defines it where one exists): a plain reload.
        None => {
            let _ = window().location().reload();
        }
    }
}
