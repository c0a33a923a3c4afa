//! Components. They wire signals to the pure core and to `browser/`; no logic of their own
//! beyond that.

pub mod app;
pub mod calendar_page;
pub mod chrome;
pub mod mail_page;
pub mod notices;
pub mod settings;
pub mod setup;
