//! Components. They wire signals to the pure core and to `browser/`; no logic of their own
//! beyond that.

pub mod account;
pub mod app;
pub mod auth_service;
pub mod calendar;
pub mod calendar_page;
pub mod chrome;
pub mod google;
pub mod lazy_views;
pub mod mail;
pub mod mail_page;
pub mod notices;
pub mod settings;
pub mod setup;
