//! The Calendar API: calendarList, calendars.get, events (list/get/instances and
//! insert/quickAdd/patch/update/delete) and colors, over per-account calendars.

pub mod colors;
pub mod events;
pub mod lists;
pub mod quickadd;
pub mod recurrence;
pub mod store;
pub mod time;

use crate::errors::ApiError;
use store::{Calendar, CalendarSet};

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

/// An error Google files under the `calendar` domain (its own reasons, not the shared ones).
pub fn calendar_error(
    code: u16,
    status: &'static str,
    reason: &'static str,
    message: &str,
) -> ApiError {
    let mut e = ApiError::new(code, status, reason, message);
    e.domain = "calendar";
    e
}

pub fn time_range_empty() -> ApiError {
    calendar_error(
        400,
        "INVALID_ARGUMENT",
        "timeRangeEmpty",
        "The specified time range is empty.",
    )
}

/// Readers and free/busy readers may not write, whatever the token's scopes.
pub fn writable(cal: &Calendar) -> Result<(), ApiError> {
    if cal.writable() {
        Ok(())
    } else {
        Err(calendar_error(
            403,
            "PERMISSION_DENIED",
            "requiredAccessLevel",
            "You need to have writer access to this calendar.",
        ))
    }
}

/// Deleting what is already deleted (Google keeps deleted events as `cancelled`).
pub fn gone() -> ApiError {
    ApiError::new(
        410,
        "FAILED_PRECONDITION",
        "deleted",
        "Resource has been deleted",
    )
}
