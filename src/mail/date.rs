//! The `Date:` header (RFC 5322 §3.3), from a time the caller supplies.
//!
//! The browser shell reads the clock (`js_sys::Date`): `SystemTime::now()` traps on wasm32.
//! The calendar arithmetic is `crate::time`'s, shared with the agenda.

use crate::time::Date;

/// A moment and the sender's UTC offset.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MessageDate {
    /// Seconds since 1970-01-01T00:00:00Z.
    pub unix_seconds: i64,
    /// Minutes east of UTC (UTC+02:00 is 120). JavaScript's `getTimezoneOffset()` has the
    /// opposite sign, so the shell passes `-date.get_timezone_offset()`.
    pub offset_minutes: i32,
}

const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
/// 9999-12-31T23:59:59Z: later times would need a five-digit year.
const LAST_SECOND: i64 = 253_402_300_799;
/// RFC 5322 offsets have two digits of hours.
const MAX_OFFSET: i32 = 23 * 60 + 59;

impl MessageDate {
    pub fn new(unix_seconds: i64, offset_minutes: i32) -> Self {
        MessageDate {
            unix_seconds,
            offset_minutes,
        }
    }

    /// `Tue, 14 Nov 2023 22:13:20 +0000`. Out-of-range inputs are clamped (offsets to ±23:59,
    /// local times to years 1970–9999) rather than producing an invalid header.
    pub fn to_rfc5322(&self) -> String {
        let offset = self.offset_minutes.clamp(-MAX_OFFSET, MAX_OFFSET);
        let local = self
            .unix_seconds
            .saturating_add(i64::from(offset) * 60)
            .clamp(0, LAST_SECOND);
        let days = local.div_euclid(86_400);
        let seconds = local.rem_euclid(86_400);
        let Date { year, month, day } = Date::from_days_since_epoch(days);
        // 1970-01-01 was a Thursday.
        let weekday = DAYS[(days + 4).rem_euclid(7) as usize];
        let sign = if offset < 0 { '-' } else { '+' };
        format!(
            "{weekday}, {day} {} {year:04} {:02}:{:02}:{:02} {sign}{:02}{:02}",
            MONTHS[usize::from(month - 1)],
            seconds / 3600,
            seconds / 60 % 60,
            seconds % 60,
            offset.abs() / 60,
            offset.abs() % 60,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_dates() {
        assert_eq!(
            MessageDate::new(0, 0).to_rfc5322(),
            "Thu, 1 Jan 1970 00:00:00 +0000"
        );
        assert_eq!(
            MessageDate::new(1_700_000_000, 0).to_rfc5322(),
            "Tue, 14 Nov 2023 22:13:20 +0000"
        );
        assert_eq!(
            MessageDate::new(1_700_000_000, 120).to_rfc5322(),
            "Wed, 15 Nov 2023 00:13:20 +0200"
        );
        assert_eq!(
            MessageDate::new(1_700_000_000, -330).to_rfc5322(),
            "Tue, 14 Nov 2023 16:43:20 -0530"
        );
        assert_eq!(
            MessageDate::new(951_782_400, 0).to_rfc5322(),
            "Tue, 29 Feb 2000 00:00:00 +0000"
        );
        assert_eq!(
            MessageDate::new(4_107_542_400, 0).to_rfc5322(),
            "Mon, 1 Mar 2100 00:00:00 +0000"
        );
    }

    #[test]
    fn extremes_are_clamped() {
        assert_eq!(
            MessageDate::new(i64::MIN, i32::MIN).to_rfc5322(),
            "Thu, 1 Jan 1970 00:00:00 -2359"
        );
        assert_eq!(
            MessageDate::new(i64::MAX, i32::MAX).to_rfc5322(),
            "Fri, 31 Dec 9999 23:59:59 +2359"
        );
    }
}
