//! The Calendar API: calendarList, calendars.get, events (list/get/instances and
//! insert/quickAdd) and colors, over per-account calendars.

pub mod colors;
pub mod events;
pub mod lists;
pub mod quickadd;
pub mod recurrence;
pub mod store;
pub mod time;

use crate::errors::ApiError;
use store::CalendarSet;

/// Calendar's 404, worded as Google words it.
pub fn not_found() -> ApiError {
    ApiError::not_found()
}

pub fn calendar_index(set: &CalendarSet, id: &str) -> Result<usize, ApiError> {
    set.resolve(id).ok_or_else(not_found)
}

/// Incremental sync is not kept: every `syncToken` gets Google's answer to a stale one,
/// which makes clients fall back to a full sync.
pub(crate) fn full_sync_required() -> crate::errors::ApiError {
    crate::errors::ApiError::new(
        410,
        "FAILED_PRECONDITION",
        "fullSyncRequired",
        "Sync token is no longer valid, a full sync is required.",
    )
}
