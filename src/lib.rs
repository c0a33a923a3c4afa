//! Satchel: Gmail and Google Calendar in the browser, with no backend.
//!
//! Functional core (`config`, `auth`, `mail`, `calendar`: plain Rust, tested natively)
//! and a browser shell (`browser`: web APIs; `ui`: Leptos components wiring the two).

pub mod api;
pub mod auth;
pub mod browser;
pub mod calendar;
pub mod config;
pub mod i18n;
pub mod mail;
pub mod time;
pub mod ui;
pub mod url;

/// Entry point of the page: installs the panic screen and mounts the app.
pub fn start() {
    browser::panic::install();
    match browser::language::init() {
        None => leptos::mount::mount_to_body(ui::app::App),
        Some(table) => wasm_bindgen_futures::spawn_local(async move {
            browser::language::load(table).await;
            leptos::mount::mount_to_body(ui::app::App);
        }),
    }
}
