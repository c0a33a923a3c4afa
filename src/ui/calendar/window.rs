//! What the agenda covers: the range chosen (Today, 7 days, 30 days) and the window of
//! time one load fetches, from today or from the day "Jump to date" chose.

use crate::browser::local_time::offset_at;
use crate::calendar::agenda::{local_midnight_utc, range_bounds};
use crate::i18n::{k, t};
use crate::time::Date;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Range {
    Today,
    #[default]
    Week,
    Month,
}

impl Range {
    pub const ALL: [Range; 3] = [Range::Today, Range::Week, Range::Month];

    pub fn days(self) -> i64 {
        match self {
            Range::Today => 1,
            Range::Week => 7,
            Range::Month => 30,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Range::Today => t(k::CAL_TODAY),
            Range::Week => t(k::CAL_RANGE_WEEK),
            Range::Month => t(k::CAL_RANGE_MONTH),
        }
    }

    pub(super) fn from_days(days: &str) -> Option<Range> {
        Range::ALL
            .into_iter()
            .find(|r| r.days().to_string() == days)
    }

    pub fn empty_text(self) -> &'static str {
        match self {
            Range::Today => t(k::CAL_EMPTY_TODAY),
            Range::Week => t(k::CAL_EMPTY_WEEK),
            Range::Month => t(k::CAL_EMPTY_MONTH),
        }
    }
}

/// The stretch of time one load covers: from the start of the user's today (so today's
/// earlier events stay, greyed) to the local midnight after the range's last day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Window {
    pub now_ms: i64,
    pub start_ms: i64,
    pub end_ms: i64,
    pub range: Range,
    /// Starts on a day chosen with "Jump to date", not today.
    pub anchored: bool,
}

impl Window {
    pub fn new(range: Range, now_ms: i64, from: Option<Date>) -> Window {
        let first = from.map_or(now_ms, |d| local_midnight_utc(d, &offset_at));
        let (start_ms, end_ms) = range_bounds(first, range.days(), &offset_at);
        Window {
            now_ms,
            start_ms,
            end_ms,
            range,
            anchored: from.is_some(),
        }
    }

    /// Where the agenda's days begin: today, or the day jumped to.
    pub fn first_ms(&self) -> i64 {
        if self.anchored {
            self.start_ms
        } else {
            self.now_ms
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Range;

    #[test]
    fn ranges_round_trip_through_storage_and_say_what_is_empty() {
        for range in Range::ALL {
            assert_eq!(Range::from_days(&range.days().to_string()), Some(range));
        }
        assert_eq!(Range::from_days("9"), None);
        assert_eq!(Range::default(), Range::Week);
        assert_eq!(
            Range::Today.empty_text(),
            "Nothing on your calendars for today."
        );
        assert_eq!(
            Range::Month.empty_text(),
            "Nothing on your calendars for the next 30 days."
        );
    }
}
