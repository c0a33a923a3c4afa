//! What every Google API call shares: reading Google's error JSON, and when to retry.

pub mod error;
pub mod retry;
