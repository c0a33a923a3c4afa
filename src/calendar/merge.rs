//! All calendars' events in one list in start order (pages appended in any order).

use super::agenda::{local_midnight_utc, span, CalendarEvents, OffsetAt, Span};

/// An event in the merged list of several calendars.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventRef {
    pub calendar: usize,
    pub event: usize,
    /// The start instant; an all-day event starts at the user's local midnight of its date.
    pub start_ms: i64,
    pub all_day: bool,
}

/// All calendars' events (pages appended in any order) in one list in start order: by start
/// instant, all-day before timed at the same instant, then title, then calendar and position.
/// Cancelled and unplaceable events are left out. Each calendar's list arrives sorted, and the
/// sort takes advantage of such runs.
pub fn merge(calendars: &[CalendarEvents], offset_at: OffsetAt) -> Vec<EventRef> {
    let mut out: Vec<EventRef> = Vec::with_capacity(calendars.iter().map(|c| c.events.len()).sum());
    for (calendar, cal) in calendars.iter().enumerate() {
        for (event, ev) in cal.events.iter().enumerate() {
            if ev.is_cancelled() {
                continue;
            }
            let (start_ms, all_day) = match span(ev) {
                Some(Span::AllDay { start, .. }) => (local_midnight_utc(start, offset_at), true),
                Some(Span::Timed { start_ms, .. }) => (start_ms, false),
                None => continue,
            };
            out.push(EventRef {
                calendar,
                event,
                start_ms,
                all_day,
            });
        }
    }
    let title = |r: &EventRef| {
        calendars
            .get(r.calendar)
            .and_then(|c| c.events.get(r.event))
            .and_then(|e| e.summary.as_deref())
            .unwrap_or("")
    };
    // The last key, (calendar, event), is unique: unstable gives the same order as stable,
    // with less code than a second stable-sort instantiation.
    out.sort_unstable_by(|a, b| {
        (a.start_ms, !a.all_day)
            .cmp(&(b.start_ms, !b.all_day))
            .then_with(|| title(a).cmp(title(b)))
            .then_with(|| (a.calendar, a.event).cmp(&(b.calendar, b.event)))
    });
    out
}
