//! Calendar: the agenda (events grouped by day) and the Calendar calls.
//!
//! - [`time`]: civil dates and RFC 3339 instants, without a zone database.
//! - [`model`]: Google's JSON (serde) and the request URLs.
//! - [`agenda`]: events of several calendars grouped under the user's local days.
//! - [`links`]: web addresses in descriptions, to link.
//! - [`row`]: what one agenda row says (times, title, safe links and colour).
//! - [`kind`]: working location, out of office, focus time and free/busy-only events.
//! - [`zone`]: an event's own time zone beside the user's time.
//! - [`shown`]: which calendars are shown (the user's choice here, else Google's tick).
//!
//! The user's zone enters as `offset_at(utc_ms) -> minutes east of UTC` from the shell, and
//! "now" as a parameter: nothing here reads a clock.

pub mod agenda;
pub mod edit;
mod event_body;
pub mod kind;
pub mod links;
pub mod model;
pub mod row;
pub mod shown;
pub mod writes;
pub mod zone;

pub use crate::time::{
    format_hhmm, format_rfc3339, parse_rfc3339, Date, TimeError, TimeOfDay, Weekday,
};
pub use agenda::{
    day_label, group, local_date, local_midnight_utc, now_line_index, AgendaItem, CalendarEvents,
    Day, DayLabel, ItemKind, OffsetAt,
};
pub use model::{
    calendar_list_url, events_list_url, quick_add_url, CalendarList, CalendarListEntry, Event,
    EventAttendee, EventDateTime, Events, When,
};

#[cfg(test)]
mod agenda_tests;
#[cfg(test)]
mod dst_tests;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod fuzz_tests;
#[cfg(test)]
mod model_tests;
#[cfg(test)]
mod range_tests;
#[cfg(test)]
mod test_events;
#[cfg(test)]
mod test_zones;
