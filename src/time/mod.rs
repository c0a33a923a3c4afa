//! Civil dates and RFC 3339 instants, with no time-zone database.
//!
//! Instants are `i64` milliseconds since 1970-01-01T00:00:00Z ("UTC ms", what JS `Date` uses).
//! An offset is `i32` minutes east of UTC (+120 for Athens in winter, −300 for New York), the
//! opposite sign of JS `getTimezoneOffset()`. The shell supplies the user's offset at any
//! instant; this file only does arithmetic.

use std::fmt;

pub const MINUTE_MS: i64 = 60_000;
pub const HOUR_MS: i64 = 60 * MINUTE_MS;
pub const DAY_MS: i64 = 24 * HOUR_MS;

/// Largest offset accepted when parsing (`±23:59`); real zones stay within ±14 h.
const MAX_OFFSET_MINUTES: i32 = 23 * 60 + 59;

/// A calendar date in the proleptic Gregorian calendar, without a zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    /// 1..=12
    pub month: u8,
    /// 1..=days_in_month
    pub day: u8,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    /// 0 for Monday … 6 for Sunday (ISO 8601 order).
    pub fn days_from_monday(self) -> u8 {
        self as u8
    }
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A validated date; `None` for month 13, February 30 and the like.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (negative before). Howard Hinnant's `days_from_civil`:
    /// years are counted from March so the leap day falls at the end of a 400-year era.
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400; // [0, 399]
        let m = i64::from(self.month);
        let mp = (m + 9) % 12; // March = 0
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1; // [0, 365]
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
        era * 146_097 + doe - 719_468
    }

    /// The inverse of [`Date::days_since_epoch`] (`civil_from_days`).
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097; // [0, 146096]
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
        let mp = (5 * doy + 2) / 153; // [0, 11]
        let day = doy - (153 * mp + 2) / 5 + 1; // [1, 31]
        let month = if mp < 10 { mp + 3 } else { mp - 9 }; // [1, 12]
        let year = yoe + era * 400 + i64::from(month <= 2);
        // The casts cannot truncate: month and day are in range by construction, and the
        // year fits i32 for any instant JS can represent (±273,790 years).
        Date {
            year: year as i32,
            month: month as u8,
            day: day as u8,
        }
    }

    pub fn add_days(self, n: i64) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch() + n)
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    pub fn days_until(self, other: Date) -> i64 {
        other.days_since_epoch() - self.days_since_epoch()
    }

    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday (index 3 from Monday).
        match (self.days_since_epoch() + 3).rem_euclid(7) {
            0 => Weekday::Monday,
            1 => Weekday::Tuesday,
            2 => Weekday::Wednesday,
            3 => Weekday::Thursday,
            4 => Weekday::Friday,
            5 => Weekday::Saturday,
            _ => Weekday::Sunday,
        }
    }

    /// The instant this date begins in UTC; with an offset, see [`local_midnight_fixed`].
    pub fn utc_midnight_ms(self) -> i64 {
        self.days_since_epoch() * DAY_MS
    }

    /// Parses `YYYY-MM-DD` (an all-day event's `date`).
    pub fn parse(text: &str) -> Result<Date, TimeError> {
        let b = text.as_bytes();
        if b.len() != 10 {
            return Err(TimeError::Syntax);
        }
        parse_date_bytes(b)
    }
}

impl fmt::Display for Date {
    /// `YYYY-MM-DD`, the form Google uses for `date`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Why a date or date-time string was rejected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeError {
    /// Not shaped like `YYYY-MM-DD` / `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`.
    Syntax,
    /// Shaped right, but a field is out of range (month 13, Feb 30, hour 24, offset +25:00).
    OutOfRange,
    /// A date-time with no `Z` or `±HH:MM`: a wall time we cannot place without a zone.
    MissingOffset,
}

impl fmt::Display for TimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TimeError::Syntax => "not an RFC 3339 date or date-time",
            TimeError::OutOfRange => "a date or time field is out of range",
            TimeError::MissingOffset => "the date-time has no UTC offset",
        })
    }
}

impl std::error::Error for TimeError {}

/// An instant together with the offset it was written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OffsetDateTime {
    pub utc_ms: i64,
    pub offset_minutes: i32,
}

/// Parses an RFC 3339 date-time (`2026-11-24T13:00:00+02:00`, `…Z`, `…13:00:00.250-05:00`)
/// into UTC milliseconds. Fractions beyond milliseconds are truncated.
pub fn parse_rfc3339(text: &str) -> Result<i64, TimeError> {
    parse_rfc3339_with_offset(text).map(|t| t.utc_ms)
}

/// Like [`parse_rfc3339`], also returning the offset the text was written in (to show an
/// event in its own zone).
pub fn parse_rfc3339_with_offset(text: &str) -> Result<OffsetDateTime, TimeError> {
    let b = text.as_bytes();
    // Shortest valid form: `YYYY-MM-DDTHH:MM:SSZ` (20 bytes).
    if b.len() < 19 {
        return Err(TimeError::Syntax);
    }
    let date = parse_date_bytes(&b[..10])?;
    // RFC 3339 allows `t` and (section 5.6 note) a space in place of `T`.
    if !matches!(b[10], b'T' | b't' | b' ') || b[13] != b':' || b[16] != b':' {
        return Err(TimeError::Syntax);
    }
    let hour = digits(&b[11..13])?;
    let minute = digits(&b[14..16])?;
    let second = digits(&b[17..19])?;
    // Second 60 is a leap second; it lands on the next minute's first second.
    if hour > 23 || minute > 59 || second > 60 {
        return Err(TimeError::OutOfRange);
    }
    let mut rest = &b[19..];
    let mut millis = 0;
    if let Some((b'.', frac)) = rest.split_first() {
        let n = frac.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return Err(TimeError::Syntax);
        }
        for (i, &c) in frac[..n.min(3)].iter().enumerate() {
            millis += i64::from(c - b'0') * [100, 10, 1][i];
        }
        rest = &frac[n..];
    }
    let offset_minutes = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let h = digits(&[*h1, *h2])?;
            let m = digits(&[*m1, *m2])?;
            if m > 59 {
                return Err(TimeError::OutOfRange);
            }
            let total = (h * 60 + m) as i32;
            if total > MAX_OFFSET_MINUTES {
                return Err(TimeError::OutOfRange);
            }
            if *sign == b'-' {
                -total
            } else {
                total
            }
        }
        [] => return Err(TimeError::MissingOffset),
        _ => return Err(TimeError::Syntax),
    };
    let wall_ms =
        date.utc_midnight_ms() + hour * HOUR_MS + minute * MINUTE_MS + second * 1000 + millis;
    Ok(OffsetDateTime {
        utc_ms: wall_ms - i64::from(offset_minutes) * MINUTE_MS,
        offset_minutes,
    })
}

/// `YYYY-MM-DD` from exactly 10 bytes.
fn parse_date_bytes(b: &[u8]) -> Result<Date, TimeError> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(TimeError::Syntax);
    }
    let year = digits(&b[0..4])?;
    let month = digits(&b[5..7])?;
    let day = digits(&b[8..10])?;
    // The casts are exact: four digits fit i32, two fit u8.
    Date::new(year as i32, month as u8, day as u8).ok_or(TimeError::OutOfRange)
}

/// A run of ASCII digits as a number; anything else (including a sign) is a syntax error.
fn digits(b: &[u8]) -> Result<i64, TimeError> {
    b.iter().try_fold(0i64, |acc, &c| {
        if c.is_ascii_digit() {
            Ok(acc * 10 + i64::from(c - b'0'))
        } else {
            Err(TimeError::Syntax)
        }
    })
}

/// Formats an instant as RFC 3339 in the given offset: `2026-11-24T13:00:00+02:00`, `Z` for a
/// zero offset, with `.mmm` only when the milliseconds are not zero. Google requires the
/// offset on `timeMin`/`timeMax`.
pub fn format_rfc3339(utc_ms: i64, offset_minutes: i32) -> String {
    let local = utc_ms + i64::from(offset_minutes) * MINUTE_MS;
    let date = Date::from_days_since_epoch(local.div_euclid(DAY_MS));
    let in_day = local.rem_euclid(DAY_MS);
    let (h, m, s, ms) = (
        in_day / HOUR_MS,
        in_day / MINUTE_MS % 60,
        in_day / 1000 % 60,
        in_day % 1000,
    );
    let mut out = format!("{date}T{h:02}:{m:02}:{s:02}");
    if ms != 0 {
        out.push_str(&format!(".{ms:03}"));
    }
    if offset_minutes == 0 {
        out.push('Z');
    } else {
        let sign = if offset_minutes < 0 { '-' } else { '+' };
        let abs = offset_minutes.unsigned_abs();
        out.push_str(&format!("{sign}{:02}:{:02}", abs / 60, abs % 60));
    }
    out
}

/// A wall-clock time of day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay {
    /// 0..=23
    pub hour: u8,
    /// 0..=59
    pub minute: u8,
}

impl TimeOfDay {
    /// `HH:MM`, 24-hour.
    pub fn hhmm(self) -> String {
        format!("{:02}:{:02}", self.hour, self.minute)
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

/// The local date and time of day of an instant at a fixed offset (seconds dropped).
pub fn to_local(utc_ms: i64, offset_minutes: i32) -> (Date, TimeOfDay) {
    let local = utc_ms + i64::from(offset_minutes) * MINUTE_MS;
    let date = Date::from_days_since_epoch(local.div_euclid(DAY_MS));
    // In [0, 1439], so the casts below are exact: hour < 24, minute < 60.
    let minutes = local.rem_euclid(DAY_MS) / MINUTE_MS;
    (
        date,
        TimeOfDay {
            hour: (minutes / 60) as u8,
            minute: (minutes % 60) as u8,
        },
    )
}

/// The local time of day of an instant at a fixed offset.
pub fn local_time(utc_ms: i64, offset_minutes: i32) -> TimeOfDay {
    to_local(utc_ms, offset_minutes).1
}

/// `HH:MM` of an instant at a fixed offset, e.g. for "13:00–14:00".
pub fn format_hhmm(utc_ms: i64, offset_minutes: i32) -> String {
    local_time(utc_ms, offset_minutes).hhmm()
}

/// The local date of an instant at a fixed offset.
pub fn local_date_fixed(utc_ms: i64, offset_minutes: i32) -> Date {
    to_local(utc_ms, offset_minutes).0
}

/// The instant a date begins at a fixed offset (for a zone's offset at *that* instant, use
/// `agenda::local_midnight_utc`).
pub fn local_midnight_fixed(date: Date, offset_minutes: i32) -> i64 {
    date.utc_midnight_ms() - i64::from(offset_minutes) * MINUTE_MS
}

#[cfg(test)]
mod tests;
