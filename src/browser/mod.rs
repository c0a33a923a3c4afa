//! Thin wrappers over browser APIs, so the rest of the app stays plain Rust.
//! Each compiles natively too (web-sys links everywhere) but only runs in a browser.

pub mod clipboard;
pub mod http;
pub mod page;
pub mod panic;
pub mod storage;
