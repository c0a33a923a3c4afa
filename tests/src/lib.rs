//! End-to-end harness: the release bundle (`dist/`) served on one loopback origin, the
//! sandbox (local Google) on another, and a real headless Chromium driven by chromedriver.
//! Shared by the end-to-end tests and by `cargo xtask bench`.

pub use fantoccini;

mod browser;
pub mod calendar;
pub mod event_form;
mod files;
mod form;
mod offline;
pub mod outbox;
mod poll;
pub mod pwa;
mod signin;
mod stack;

pub use browser::{chromedriver_path, chromium_path, Browser, BrowserOptions, ChromiumCommand};
pub use files::{
    assert_attached, attachments, bundle_files, dist_dir, noise, sha256_file, workspace_root,
    TempDir,
};
pub use poll::{is, poll, Check};
pub use signin::{compose_signed_in, inbox_signed_in};
pub use stack::{percent_encode, sandbox_config, Deployment, Stack};
