//! Sign-in, as plain Rust: scopes, PKCE, the authorization URL, the redirect's answer,
//! the code exchange and the session. The browser side lives in `ui::auth`.

pub mod callback;
pub mod decide;
pub mod identity;
pub mod pkce;
pub mod request;
pub mod scopes;
pub mod session;
pub mod sha256;
pub mod token;
