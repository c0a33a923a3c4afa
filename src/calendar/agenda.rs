//! The agenda: events from several calendars grouped under the user's local days.
//!
//! The user's zone is a function `offset_at(utc_ms) -> minutes east of UTC` supplied by the
//! shell (JS `Date`/`Intl`), so days are cut at the *local* midnights of that zone, with the
//! offset valid at each instant: a DST day is 23 or 25 hours long.
//!
//! Items refer to events by index (`calendar`, `event`) into the slice given to [`group`],
//! instead of cloning titles and descriptions: grouping thousands of events allocates only
//! the item vectors.

use std::cmp::Ordering;

use super::kind::Kind;
use super::model::{Event, Events, When};
use crate::time::{Date, DAY_MS, MINUTE_MS};

/// The user's UTC offset (minutes east) at a UTC instant (ms).
pub type OffsetAt<'a> = &'a dyn Fn(i64) -> i32;

/// The events fetched from one calendar, tagged with what the agenda shows for it.
/// Serializable for the agenda kept offline (`ui::calendar::offline`).
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CalendarEvents {
    pub calendar_id: String,
    /// The calendar's `backgroundColor` (`#rrggbb`), for the item's colour mark.
    pub color: Option<String>,
    /// Shared with the user as free/busy only (`accessRole: freeBusyReader`): its events
    /// have times and no titles, and show as "Busy".
    pub free_busy: bool,
    pub events: Vec<Event>,
}

impl CalendarEvents {
    pub fn new(calendar_id: impl Into<String>, color: Option<String>) -> CalendarEvents {
        CalendarEvents {
            calendar_id: calendar_id.into(),
            color,
            free_busy: false,
            events: Vec::new(),
        }
    }

    /// Appends one page of `events.list`; returns the token for the next page, if any.
    pub fn push_page(&mut self, page: Events) -> Option<String> {
        self.events.extend(page.items);
        page.next_page_token.filter(|t| !t.is_empty())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    /// Placed by its calendar dates, the same in every zone. `end` is exclusive.
    AllDay { start: Date, end: Date },
    /// UTC milliseconds; `end_ms >= start_ms`.
    Timed { start_ms: i64, end_ms: i64 },
}

/// One event under one day. A multi-day event has one item per day it covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AgendaItem {
    /// Index into the calendars given to [`group`].
    pub calendar: usize,
    /// Index into that calendar's `events`.
    pub event: usize,
    pub kind: ItemKind,
    /// 1-based: "day 2 of 3". Counted from the event's own first day, even if that day is
    /// before the agenda's range.
    pub day_n: u32,
    pub day_count: u32,
    /// The event began on an earlier day (a timed event: before this day's local midnight).
    pub continues_from_previous_day: bool,
    /// The event goes on after this day (a timed event: past the next local midnight).
    pub continues_to_next_day: bool,
    /// The user declined the invitation (their attendee entry says `declined`).
    pub declined: bool,
    /// The event ended before now (only timed events of today can be).
    pub past: bool,
}

#[cfg(test)]
impl AgendaItem {
    /// A one-day item of the first event of the first calendar, for tests.
    pub(crate) fn sample(kind: ItemKind) -> AgendaItem {
        AgendaItem {
            calendar: 0,
            event: 0,
            kind,
            day_n: 1,
            day_count: 1,
            continues_from_previous_day: false,
            continues_to_next_day: false,
            declined: false,
            past: false,
        }
    }
}

impl AgendaItem {
    pub fn is_all_day(&self) -> bool {
        matches!(self.kind, ItemKind::AllDay { .. })
    }

    /// The event, looked up in the slice given to [`group`] (`None` for another slice).
    pub fn event<'a>(&self, calendars: &'a [CalendarEvents]) -> Option<&'a Event> {
        calendars.get(self.calendar)?.events.get(self.event)
    }

    /// The event's calendar (id and colour).
    pub fn calendar<'a>(&self, calendars: &'a [CalendarEvents]) -> Option<&'a CalendarEvents> {
        calendars.get(self.calendar)
    }
}

/// A local day of the agenda and its items: all-day first, then by start, then by title.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Day {
    pub date: Date,
    pub items: Vec<AgendaItem>,
    /// Working locations (`eventType: workingLocation`): a small label on the day, not rows;
    /// in the same order as items.
    pub labels: Vec<AgendaItem>,
}

impl Day {
    /// Nothing to show on this day.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty() && self.labels.is_empty()
    }
}

/// How a day heading reads; the shell formats `Other` with `Intl` in the user's locale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayLabel {
    Today,
    Tomorrow,
    Other(Date),
}

pub fn day_label(date: Date, today: Date) -> DayLabel {
    match today.days_until(date) {
        0 => DayLabel::Today,
        1 => DayLabel::Tomorrow,
        _ => DayLabel::Other(date),
    }
}

/// `offset_at` that asks the zone twice per UTC day instead of once per instant: the
/// shell's lookup is a call into JS, and a busy month asks thousands of times.
///
/// When the offsets at the first and last millisecond of a UTC day agree, the day has no
/// transition (no zone changes twice in a day and back) and every instant in it shares that
/// offset; a day with a transition is asked instant by instant.
pub fn offsets_by_day(lookup: OffsetAt<'_>) -> impl Fn(i64) -> i32 + '_ {
    // (UTC day, its offset if the same all day). An agenda touches a few dozen days: a list
    // searched from the end (the day asked last is the likeliest) beats a map here.
    let days = std::cell::RefCell::new(Vec::<(i64, Option<i32>)>::new());
    move |utc_ms: i64| {
        let day = utc_ms.div_euclid(DAY_MS);
        let known = days
            .borrow()
            .iter()
            .rev()
            .find(|(d, _)| *d == day)
            .map(|(_, offset)| *offset);
        let whole_day = known.unwrap_or_else(|| {
            let start = day.saturating_mul(DAY_MS);
            let first = lookup(start);
            let whole_day = (first == lookup(start.saturating_add(DAY_MS - 1))).then_some(first);
            days.borrow_mut().push((day, whole_day));
            whole_day
        });
        whole_day.unwrap_or_else(|| lookup(utc_ms))
    }
}

/// The user's local date at an instant, with the offset valid at that instant.
pub fn local_date(utc_ms: i64, offset_at: OffsetAt) -> Date {
    // Saturating: a caller's sentinel like `i64::MIN` must not overflow.
    let local = utc_ms.saturating_add(i64::from(offset_at(utc_ms)) * MINUTE_MS);
    Date::from_days_since_epoch(local.div_euclid(DAY_MS))
}

/// Whether the user's local clock at `t` reads `wall_ms` (a local wall time in ms) or later.
fn reached(t: i64, wall_ms: i64, offset_at: OffsetAt) -> bool {
    t + i64::from(offset_at(t)) * MINUTE_MS >= wall_ms
}

/// The UTC instant `date` begins in the user's zone: the instant whose local time is 00:00,
/// found by iterating `t = midnight − offset_at(t)` until the offset agrees with itself.
///
/// Where clocks jump forward over midnight (zones that change at 00:00), no instant reads
/// 00:00 and the day begins at the jump. Where they go back over midnight, it reads 00:00
/// twice and the day begins at the first.
pub fn local_midnight_utc(date: Date, offset_at: OffsetAt) -> i64 {
    let wall = date.utc_midnight_ms();
    // Midnight as it would fall if the offset in effect at `t` held.
    let at = |t: i64| wall - i64::from(offset_at(t)) * MINUTE_MS;
    let mut prev = wall;
    let mut t = at(wall);
    // One step suffices away from transitions; two near one; a gap makes it oscillate.
    for _ in 0..4 {
        let next = at(t);
        if next == t {
            // A second, earlier 00:00 exists only if the offset a few hours before was larger
            // (clocks went back after it); transitions never shift by 4 hours.
            let earlier = at(t - 4 * 60 * MINUTE_MS);
            if earlier < t && at(earlier) == earlier {
                return earlier;
            }
            return t;
        }
        prev = t;
        t = next;
    }
    // No fixed point: the last two candidates bracket the jump. Binary-search the first
    // instant whose local time has reached midnight.
    let (mut lo, mut hi) = (prev.min(t), prev.max(t));
    if reached(lo, wall, offset_at) || !reached(hi, wall, offset_at) {
        return t; // not a simple jump; an offset function this erratic gets a best effort
    }
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if reached(mid, wall, offset_at) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    hi
}

/// The stretch one range of `days` local days covers from the user's today: from today's
/// local midnight (so earlier events of today stay, greyed) to the local midnight after
/// the last day. [`group`] with this end shows exactly those days.
pub fn range_bounds(now_ms: i64, days: i64, offset_at: OffsetAt) -> (i64, i64) {
    let today = local_date(now_ms, offset_at);
    (
        local_midnight_utc(today, offset_at),
        local_midnight_utc(today.add_days(days.max(1)), offset_at),
    )
}

/// An event's extent, with the data's gaps filled: a missing or backwards end makes a timed
/// event zero-length and an all-day event one day long.
#[derive(Clone, Copy)]
pub(super) enum Span {
    AllDay { start: Date, end: Date },
    Timed { start_ms: i64, end_ms: i64 },
}

/// `None` for events that cannot be placed (no start, or one that does not parse).
pub(super) fn span(event: &Event) -> Option<Span> {
    let end = event.end.as_ref().and_then(|e| e.parse().ok());
    match event.start.as_ref()?.parse().ok()? {
        When::Date(start) => {
            let end = match end {
                Some(When::Date(end)) if end > start => end,
                _ => start.add_days(1),
            };
            Some(Span::AllDay { start, end })
        }
        When::Instant(start_ms) => {
            let end_ms = match end {
                Some(When::Instant(end_ms)) if end_ms > start_ms => end_ms,
                _ => start_ms,
            };
            Some(Span::Timed { start_ms, end_ms })
        }
    }
}

/// Groups the events of `calendars` under each local day from today (the local date of
/// `now_ms`) to the day holding the last instant before `range_end_ms`. Every day in that
/// range is present, in order, even when it has no items; none if `range_end_ms` is before
/// today began.
///
/// Cancelled events and events whose start does not parse are left out. An event is shown
/// when it overlaps [start of today, `range_end_ms`); today's events that already ended stay,
/// marked `past`. Work is linear in events plus items, then a sort per day.
pub fn group(
    calendars: &[CalendarEvents],
    now_ms: i64,
    range_end_ms: i64,
    offset_at: OffsetAt,
) -> Vec<Day> {
    let today = local_date(now_ms, offset_at);
    let last_day = local_date(range_end_ms.saturating_sub(1), offset_at);
    if last_day < today {
        return Vec::new();
    }
    let today_start = local_midnight_utc(today, offset_at);
    let first_n = today.days_since_epoch();
    let last_n = last_day.days_since_epoch();
    let mut days: Vec<Day> = (first_n..=last_n)
        .map(|n| Day {
            date: Date::from_days_since_epoch(n),
            items: Vec::new(),
            labels: Vec::new(),
        })
        .collect();

    for (calendar, cal) in calendars.iter().enumerate() {
        for (event, ev) in cal.events.iter().enumerate() {
            if ev.is_cancelled() {
                continue;
            }
            let Some(span) = span(ev) else { continue };
            // The event's first and last local day (day numbers since the epoch).
            let (ev_first, ev_last, kind, past) = match span {
                Span::AllDay { start, end } => {
                    if start > last_day || end <= today {
                        continue;
                    }
                    let kind = ItemKind::AllDay { start, end };
                    // Never past: it is shown only if it lasts into today, i.e. until tonight.
                    (
                        start.days_since_epoch(),
                        end.days_since_epoch() - 1,
                        kind,
                        false,
                    )
                }
                Span::Timed { start_ms, end_ms } => {
                    // A zero-length event occupies its start instant.
                    let occupied_end = end_ms.max(start_ms + 1);
                    if start_ms >= range_end_ms || occupied_end <= today_start {
                        continue;
                    }
                    let first = local_date(start_ms, offset_at).days_since_epoch();
                    // The last millisecond it occupies: ending at 00:00 is not on the next day.
                    let last = local_date(occupied_end - 1, offset_at).days_since_epoch();
                    let kind = ItemKind::Timed { start_ms, end_ms };
                    (first, last.max(first), kind, end_ms <= now_ms)
                }
            };
            let from = ev_first.max(first_n);
            let to = ev_last.min(last_n);
            if from > to {
                continue;
            }
            let declined = ev.self_declined();
            let label = Kind::of(ev) == Kind::WorkingLocation;
            // Counts of days fit u32: a span is bounded by the dates' range.
            let day_count = (ev_last - ev_first + 1) as u32;
            for n in from..=to {
                // `n` lies in [first_n, last_n], so the index is in bounds.
                let day = &mut days[(n - first_n) as usize];
                let list = if label {
                    &mut day.labels
                } else {
                    &mut day.items
                };
                list.push(AgendaItem {
                    calendar,
                    event,
                    kind,
                    day_n: (n - ev_first + 1) as u32,
                    day_count,
                    continues_from_previous_day: n > ev_first,
                    continues_to_next_day: n < ev_last,
                    declined,
                    past,
                });
            }
        }
    }
    for day in &mut days {
        day.items
            .sort_unstable_by(|a, b| compare_items(a, b, calendars));
        day.labels
            .sort_unstable_by(|a, b| compare_items(a, b, calendars));
    }
    days
}

fn title_of<'a>(item: &AgendaItem, calendars: &'a [CalendarEvents]) -> &'a str {
    item.event(calendars)
        .and_then(|e| e.summary.as_deref())
        .unwrap_or("")
}

/// All-day first (earlier-starting first), then by start, then title; indices make it total.
fn compare_items(a: &AgendaItem, b: &AgendaItem, calendars: &[CalendarEvents]) -> Ordering {
    let by_start = match (a.kind, b.kind) {
        (ItemKind::AllDay { start: x, .. }, ItemKind::AllDay { start: y, .. }) => x.cmp(&y),
        (ItemKind::AllDay { .. }, ItemKind::Timed { .. }) => Ordering::Less,
        (ItemKind::Timed { .. }, ItemKind::AllDay { .. }) => Ordering::Greater,
        (ItemKind::Timed { start_ms: x, .. }, ItemKind::Timed { start_ms: y, .. }) => x.cmp(&y),
    };
    by_start
        .then_with(|| title_of(a, calendars).cmp(title_of(b, calendars)))
        .then_with(|| (a.calendar, a.event).cmp(&(b.calendar, b.event)))
}

/// Where the "now" line goes in a day's items: after the all-day items and every event that
/// has started (those in progress included), before the first that starts after `now_ms`.
pub fn now_line_index(items: &[AgendaItem], now_ms: i64) -> usize {
    items.partition_point(|item| match item.kind {
        ItemKind::AllDay { .. } => true,
        ItemKind::Timed { start_ms, .. } => start_ms <= now_ms,
    })
}
