//! Components. They wire signals to the pure core and to `browser/`; no logic of their own
//! beyond that.

pub mod app;
pub mod auth;
pub mod calendar;
pub mod chrome;
pub mod config;
pub mod google;
pub mod lazy_views;
pub mod mail;
pub mod notices;
pub mod outbox_wake;
pub mod prefetch;
pub mod settings;
pub mod setup;
pub mod text;
pub mod update;
