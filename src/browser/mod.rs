//! Thin wrappers over browser APIs, so the rest of the app stays plain Rust.
//! They compile natively too (web-sys links everywhere) but only run in a browser.

pub mod blob;
pub mod clipboard;
pub mod config_file;
pub mod download;
pub mod files;
pub mod http;
pub mod idb;
pub mod language;
pub mod local_time;
pub mod locks;
pub mod online;
pub mod page;
pub mod panic;
pub mod perf;
pub mod popup;
pub mod random;
pub mod storage;
pub mod time;
pub mod xhr;

#[cfg(all(test, target_arch = "wasm32"))]
mod tests;
