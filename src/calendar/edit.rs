//! The event form as plain Rust: what was typed, checked field by field (the JSON it
//! becomes is `event_body`'s).
//!
//! Times: the form holds what `datetime-local` and `date` inputs give (`2026-12-03T10:00`,
//! `2026-12-03`), read as wall time in the chosen zone. `offset_of(zone, utc_ms)` (the
//! browser's `Intl`, or a fixed table in tests) places them; timed events are written as
//! RFC 3339 with that offset plus `timeZone`, all-day ones as `date` with Google's
//! exclusive end (the form's end date is the last day, as people say it).

use crate::i18n::{k, t};
use crate::mail::parse_recipients;
use crate::time::{format_rfc3339, Date, HOUR_MS, MINUTE_MS};

pub use super::event_body::{
    answer_body, end_series_before, event_id, form_from_event, insert_body, patch_body,
    series_from_here, Answer,
};

/// `(zone, utc_ms) -> minutes east`, `None` for a zone the browser does not know.
pub type ZoneOffset<'a> = &'a dyn Fn(&str, i64) -> Option<i32>;

/// What the form holds, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct EventForm {
    pub title: String,
    pub all_day: bool,
    /// `YYYY-MM-DDTHH:MM`, or `YYYY-MM-DD` while `all_day`.
    pub start: String,
    pub end: String,
    pub time_zone: String,
    pub calendar_id: String,
    pub location: String,
    pub description: String,
    /// Addresses, as in a mail's To field.
    pub guests: String,
    pub video: bool,
    /// Minutes before the start for a pop-up reminder; `None`: the calendar's defaults.
    pub reminder: Option<u32>,
}

/// The fields a message can stand by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Title,
    Start,
    End,
    TimeZone,
    Calendar,
    Guests,
}

impl Field {
    /// The input's element id, to put the message by it and focus it.
    pub fn input_id(self) -> &'static str {
        match self {
            Field::Title => "event-title",
            Field::Start => "event-start",
            Field::End => "event-end",
            Field::TimeZone => "event-zone",
            Field::Calendar => "event-calendar",
            Field::Guests => "event-guests",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub message: String,
}

/// A start or an end, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Moment {
    Date(Date),
    /// UTC ms and the zone's offset then.
    Instant(i64, i32),
}

/// The form, checked: what Google is sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    pub title: String,
    pub start: Moment,
    /// For all-day events the exclusive end (the day after the last day).
    pub end: Moment,
    pub time_zone: String,
    pub calendar_id: String,
    pub location: String,
    pub description: String,
    pub guests: Vec<String>,
    pub video: bool,
    pub reminder: Option<u32>,
}

/// The wall time `date` + `minutes` of the day in `zone`, as UTC ms and offset. A time
/// skipped by a spring-forward change lands after it, as Google Calendar places it.
pub fn wall_to_utc(
    date: Date,
    minutes: i64,
    zone: &str,
    offset_of: ZoneOffset,
) -> Option<(i64, i32)> {
    let wall = date.utc_midnight_ms() + minutes * MINUTE_MS;
    let first = offset_of(zone, wall)?;
    let guess = wall - i64::from(first) * MINUTE_MS;
    let second = offset_of(zone, guess)?;
    let utc = wall - i64::from(second) * MINUTE_MS;
    let offset = offset_of(zone, utc)?;
    Some((utc, offset))
}

/// `2026-12-03T10:00` (seconds allowed) as a date and minutes of the day.
pub fn parse_local(text: &str) -> Option<(Date, i64)> {
    let (date, time) = text.split_once('T')?;
    let date = Date::parse(date).ok()?;
    let mut parts = time.split(':');
    let hour: i64 = parts.next()?.parse().ok()?;
    let minute: i64 = parts.next()?.parse().ok()?;
    ((0..24).contains(&hour) && (0..60).contains(&minute)).then_some((date, hour * 60 + minute))
}

/// The form's value for an instant seen in `offset`: `2026-12-03T10:00`.
pub fn local_input(utc_ms: i64, offset_minutes: i32) -> String {
    let text = format_rfc3339(utc_ms, offset_minutes);
    text.get(..16).unwrap_or("").to_string()
}

impl EventForm {
    /// Checks every field; all problems at once, in form order.
    pub fn check(
        &self,
        offset_of: ZoneOffset,
        writable: &dyn Fn(&str) -> bool,
    ) -> Result<Checked, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut fail = |field, message: &str| {
            errors.push(FieldError {
                field,
                message: message.to_string(),
            })
        };
        let zone = self.time_zone.trim();
        let zone_known = self.all_day || offset_of(zone, 0).is_some();
        if !zone_known {
            fail(Field::TimeZone, t(k::CAL_ERROR_UNKNOWN_ZONE));
        }
        let read = |text: &str| -> Option<Moment> {
            if self.all_day {
                Date::parse(text.trim()).ok().map(Moment::Date)
            } else {
                let (date, minutes) = parse_local(text.trim())?;
                let (utc, offset) = wall_to_utc(date, minutes, zone, offset_of)?;
                Some(Moment::Instant(utc, offset))
            }
        };
        let start = read(&self.start);
        let end = read(&self.end);
        let format = if self.all_day {
            t(k::CAL_ERROR_DATE)
        } else {
            t(k::CAL_ERROR_DATE_TIME)
        };
        if start.is_none() && zone_known {
            fail(Field::Start, format);
        }
        if end.is_none() && zone_known {
            fail(Field::End, format);
        }
        let end = match (&start, end) {
            (Some(Moment::Date(s)), Some(Moment::Date(e))) if e < *s => {
                fail(Field::End, t(k::CAL_ERROR_ENDS_BEFORE_START));
                None
            }
            (Some(Moment::Instant(s, _)), Some(Moment::Instant(e, _))) if e < *s => {
                fail(Field::End, t(k::CAL_ERROR_ENDS_BEFORE_START));
                None
            }
            // Google's end date is exclusive: the day after the last day.
            (_, Some(Moment::Date(e))) => Some(Moment::Date(e.add_days(1))),
            (_, end) => end,
        };
        if !writable(&self.calendar_id) {
            fail(Field::Calendar, t(k::CAL_ERROR_CALENDAR_NOT_WRITABLE));
        }
        let guests = match parse_recipients(&self.guests) {
            Ok(list) => list.into_iter().map(|m| m.email).collect(),
            Err(e) => {
                fail(Field::Guests, &format!("{e}"));
                Vec::new()
            }
        };
        match (start, end) {
            (Some(start), Some(end)) if errors.is_empty() => Ok(Checked {
                title: self.title.trim().to_string(),
                start,
                end,
                time_zone: zone.to_string(),
                calendar_id: self.calendar_id.clone(),
                location: self.location.trim().to_string(),
                description: self.description.clone(),
                guests,
                video: self.video,
                reminder: self.reminder,
            }),
            _ => Err(errors),
        }
    }
}

/// A new timed event's form: the next whole hour for an hour, in `zone`, on `calendar`.
pub fn new_form(
    now_ms: i64,
    zone: &str,
    offset_minutes: i32,
    calendar_id: &str,
    day: Option<Date>,
) -> EventForm {
    let next_hour = (now_ms.div_euclid(HOUR_MS) + 1) * HOUR_MS;
    let start = match day {
        // From a day heading: 09:00 that day (the offset of now is near enough for a default).
        Some(day) => day.utc_midnight_ms() + 9 * HOUR_MS - i64::from(offset_minutes) * MINUTE_MS,
        None => next_hour,
    };
    EventForm {
        start: local_input(start, offset_minutes),
        end: local_input(start + HOUR_MS, offset_minutes),
        time_zone: zone.to_string(),
        calendar_id: calendar_id.to_string(),
        ..EventForm::default()
    }
}

#[cfg(test)]
#[path = "edit_tests.rs"]
mod tests;
