//! Sign-in in the browser: the session service every call goes through (`service`), how a
//! sign-in starts and ends (`flow`), whose token came back (`accept`), and the account
//! buttons and banners (`account`). What to decide is pure and tested in `crate::auth`.

mod accept;
pub mod account;
mod flow;
mod service;

pub use service::{use_auth, Auth, CallError, SESSION_KEY};
