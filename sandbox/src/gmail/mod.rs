//! The Gmail API: profile, labels, messages (list, get, modify, send, uploads), threads
//! and drafts, over per-account mailboxes of real RFC 5322 messages.

pub mod drafts;
pub mod incoming;
pub mod labels;
pub mod messages;
pub mod mime;
pub mod payload;
pub mod query;
pub mod send;
pub mod store;

use crate::errors::ApiError;

/// Gmail's wording for a missing message, draft, label or thread.
pub fn not_found() -> ApiError {
    ApiError::new(
        404,
        "NOT_FOUND",
        "notFound",
        "Requested entity was not found.",
    )
}

/// Decimal offsets as page tokens, like Gmail's numeric tokens; anything else is refused.
pub fn page_start(token: Option<&str>) -> Result<usize, ApiError> {
    match token {
        None | Some("") => Ok(0),
        Some(t) => t
            .parse::<usize>()
            .map_err(|_| ApiError::bad_request(format!("Invalid pageToken: {t}"))),
    }
}

/// `maxResults` clamped the way Gmail does (default 100, at most 500).
pub fn page_size(requested: Option<i64>) -> usize {
    match requested {
        Some(n) if n > 0 => n.min(500) as usize,
        _ => 100,
    }
}
