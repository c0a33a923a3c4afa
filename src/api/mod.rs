//! What every Google API call shares: its method, reading Google's error JSON, and when
//! to retry.

pub mod error;
pub mod method;
pub mod retry;

pub use method::Method;
