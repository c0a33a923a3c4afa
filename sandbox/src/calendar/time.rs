//! Calendar time handling: RFC 3339 parsing (offset required, as Google requires for
//! timeMin/timeMax), `EventDateTime` values (`date` or `dateTime` + `timeZone`), and
//! rendering instants in a calendar's or the request's time zone.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, SecondsFormat, TimeZone, Utc};
use chrono_tz::Tz;
use serde_json::{json, Value};

/// An event boundary: a whole day (all-day events, end exclusive) or an instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    Date(NaiveDate),
    Time(DateTime<Utc>),
}

pub fn parse_tz(name: &str) -> Option<Tz> {
    name.parse::<Tz>().ok()
}

/// RFC 3339 with a mandatory offset (`Z` or `+01:00`).
pub fn parse_rfc3339(text: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(text).ok()
}

/// Local wall-clock time in `tz`; in a DST gap the time moves forward, as Google does.
pub fn local_to_utc(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) => t.with_timezone(&Utc),
        chrono::LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
        chrono::LocalResult::None => match local.checked_add_signed(chrono::Duration::hours(1)) {
            Some(later) => local_to_utc(tz, later),
            None => local.and_utc(),
        },
    }
}

pub fn midnight(tz: Tz, date: NaiveDate) -> DateTime<Utc> {
    local_to_utc(tz, date.and_hms_opt(0, 0, 0).unwrap_or_default())
}

impl When {
    /// The instant this boundary stands for, all-day dates taken at midnight in `tz`.
    pub fn instant(&self, tz: Tz) -> DateTime<Utc> {
        match self {
            When::Date(d) => midnight(tz, *d),
            When::Time(t) => *t,
        }
    }
}

/// Reads an `EventDateTime`. `dateTime` may omit its offset only when `timeZone` is given.
pub fn parse_event_time(value: &Value) -> Result<(When, Option<Tz>), String> {
    let tz = match value["timeZone"].as_str() {
        Some(name) => {
            Some(parse_tz(name).ok_or_else(|| "Invalid time zone definition.".to_string())?)
        }
        None => None,
    };
    if let Some(date) = value["date"].as_str() {
        if value["dateTime"].is_string() {
            return Err("Start and end times must either both be date or both be dateTime.".into());
        }
        let d = NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .map_err(|_| "Invalid value for: date".to_string())?;
        return Ok((When::Date(d), tz));
    }
    let Some(text) = value["dateTime"].as_str() else {
        return Err("Missing time".into());
    };
    if let Some(t) = parse_rfc3339(text) {
        return Ok((When::Time(t.with_timezone(&Utc)), tz));
    }
    match (tz, NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S")) {
        (Some(z), Ok(local)) => Ok((When::Time(local_to_utc(z, local)), tz)),
        (None, Ok(_)) => Err("Missing time zone definition for start time.".into()),
        _ => Err("Invalid value for: dateTime".into()),
    }
}

/// `2024-05-01T10:00:00+01:00` in `tz` (`Z` when the offset is zero, as Google writes it).
pub fn render(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz)
        .to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// `created` / `updated` stamps: UTC with milliseconds.
pub fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// An `EventDateTime` for output: dates as they are, instants in `tz`, keeping the
/// event's own `timeZone` if it has one.
pub fn event_time_json(when: When, out_tz: Tz, own_tz: Option<&str>) -> Value {
    let mut v = match when {
        When::Date(d) => json!({ "date": d.format("%Y-%m-%d").to_string() }),
        When::Time(t) => json!({ "dateTime": render(t, out_tz) }),
    };
    if let Some(z) = own_tz {
        v["timeZone"] = json!(z);
    }
    v
}
