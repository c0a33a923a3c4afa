//! An event's own time zone, shown beside the user's time when its clock reads differently
//! ("11:00–12:00 New York time").
//!
//! The bundle has no zone database: the shell answers "what is zone Z's offset at instant
//! T" through `Intl` (its `longOffset` name, "GMT+05:30", read by [`parse_gmt_offset`]).

use super::agenda::{AgendaItem, ItemKind, OffsetAt};
use super::model::Event;
use super::row::ClockText;
use crate::i18n::{k, tf};
use crate::time::to_local;

/// A named zone's offset (minutes east) at a UTC instant; `None` for a zone the browser
/// does not know.
pub type ZoneOffsetAt<'a> = &'a dyn Fn(&str, i64) -> Option<i32>;

/// Reads `GMT`, `GMT+05:30`, `GMT-8`, `UTC+01:00` (also with U+2212 minus) as minutes east.
/// Anything else is `None`.
pub fn parse_gmt_offset(text: &str) -> Option<i32> {
    let rest = text
        .trim()
        .strip_prefix("GMT")
        .or_else(|| text.trim().strip_prefix("UTC"))?;
    if rest.is_empty() {
        return Some(0);
    }
    let (sign, rest) = if let Some(r) = rest.strip_prefix('+') {
        (1, r)
    } else if let Some(r) = rest
        .strip_prefix('-')
        .or_else(|| rest.strip_prefix('\u{2212}'))
    {
        (-1, r)
    } else {
        return None;
    };
    let (hours, minutes) = rest.split_once(':').unwrap_or((rest, "0"));
    let number = |s: &str, max: i32| -> Option<i32> {
        let ok = (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
        ok.then(|| s.parse().ok()).flatten().filter(|n| *n <= max)
    };
    Some(sign * (number(hours, 23)? * 60 + number(minutes, 59)?))
}

/// How a zone is named beside a time: the city of an IANA name ("America/New_York" is
/// "New York"), or the offset for names without one ("Etc/GMT+5", "UTC").
pub fn zone_place(zone: &str, offset_minutes: i32) -> String {
    let city = zone
        .rsplit('/')
        .next()
        .filter(|_| zone.contains('/') && !zone.starts_with("Etc/"))
        .map(|c| c.replace('_', " "))
        .filter(|c| !c.trim().is_empty());
    city.unwrap_or_else(|| {
        if offset_minutes == 0 {
            return "UTC".to_string();
        }
        let sign = if offset_minutes < 0 { '−' } else { '+' };
        let abs = offset_minutes.unsigned_abs();
        format!("UTC{sign}{:02}:{:02}", abs / 60, abs % 60)
    })
}

/// The event's own zone, if it names one (start's, else end's).
pub fn event_zone(event: &Event) -> Option<&str> {
    [&event.start, &event.end]
        .into_iter()
        .flatten()
        .find_map(|t| t.time_zone.as_deref())
        .map(str::trim)
        .filter(|z| !z.is_empty())
}

/// "11:00–12:00 New York time" for a timed item whose event was made in a zone whose clock
/// reads differently from the user's at its start or end; ", next day" / ", previous day"
/// when that zone's date of the start differs from the user's. `None` otherwise.
pub fn other_zone_text(
    item: &AgendaItem,
    event: &Event,
    offset_at: OffsetAt,
    zone_offset: ZoneOffsetAt,
    clock: ClockText,
) -> Option<String> {
    let ItemKind::Timed { start_ms, end_ms } = item.kind else {
        return None;
    };
    let zone = event_zone(event)?;
    let at_start = zone_offset(zone, start_ms)?;
    let at_end = zone_offset(zone, end_ms)?;
    if at_start == offset_at(start_ms) && at_end == offset_at(end_ms) {
        return None;
    }
    let (zone_date, start) = to_local(start_ms, at_start);
    let (user_date, _) = to_local(start_ms, offset_at(start_ms));
    let mut time = clock(start);
    if end_ms > start_ms {
        time.push('–');
        time.push_str(&clock(to_local(end_ms, at_end).1));
    }
    let place = zone_place(zone, at_start);
    let key = match user_date.days_until(zone_date) {
        0 => k::CAL_ZONE_TIME,
        n if n > 0 => k::CAL_ZONE_TIME_NEXT_DAY,
        _ => k::CAL_ZONE_TIME_PREVIOUS_DAY,
    };
    Some(tf(key, &[("time", &time), ("place", &place)]))
}

/// For tests and the shell's fallbacks: a fixed-offset zone lookup.
pub fn fixed_zone(offset_minutes: i32) -> impl Fn(&str, i64) -> Option<i32> {
    move |_, _| Some(offset_minutes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::TimeOfDay;
    use serde_json::json;

    const HOUR: i64 = 3_600_000;

    fn hhmm(t: TimeOfDay) -> String {
        t.hhmm()
    }

    fn timed(start_ms: i64, end_ms: i64) -> AgendaItem {
        AgendaItem::sample(ItemKind::Timed { start_ms, end_ms })
    }

    fn in_zone(zone: &str) -> Event {
        serde_json::from_value(json!({
            "start": { "dateTime": "2026-12-01T16:00:00Z", "timeZone": zone },
            "end": { "dateTime": "2026-12-01T17:00:00Z", "timeZone": zone }
        }))
        .expect("an event")
    }

    #[test]
    fn intl_offset_names_are_read() {
        for (text, minutes) in [
            ("GMT", Some(0)),
            ("GMT+05:30", Some(330)),
            ("GMT-08:00", Some(-480)),
            ("GMT-8", Some(-480)),
            ("GMT\u{2212}03:00", Some(-180)),
            ("UTC+14:00", Some(840)),
            ("GMT+24:00", None),
            ("GMT+05:60", None),
            ("GMT+", None),
            ("GMT+5:", None),
            ("GMT+123", None),
            ("EST", None),
            ("", None),
            ("GMT+٥", None),
        ] {
            assert_eq!(parse_gmt_offset(text), minutes, "{text:?}");
        }
    }

    #[test]
    fn zones_are_named_by_their_city_or_offset() {
        assert_eq!(zone_place("America/New_York", -300), "New York");
        assert_eq!(
            zone_place("America/Argentina/Buenos_Aires", -180),
            "Buenos Aires"
        );
        assert_eq!(zone_place("Etc/GMT+5", -300), "UTC−05:00");
        assert_eq!(zone_place("UTC", 0), "UTC");
        assert_eq!(zone_place("Asia/", 330), "UTC+05:30");
    }

    #[test]
    fn another_zones_time_is_shown_only_when_its_clock_differs() {
        let item = timed(16 * HOUR, 17 * HOUR);
        let new_york = fixed_zone(-300);
        let london = |_: i64| 0;
        assert_eq!(
            other_zone_text(
                &item,
                &in_zone("America/New_York"),
                &london,
                &new_york,
                &hhmm
            )
            .as_deref(),
            Some("11:00–12:00 New York time")
        );
        // Same clock (Paris for a user in Berlin): nothing to add.
        assert_eq!(
            other_zone_text(
                &item,
                &in_zone("Europe/Paris"),
                &|_| 60,
                &fixed_zone(60),
                &hhmm
            ),
            None
        );
        // No zone of its own, or one the browser does not know.
        let plain: Event = serde_json::from_value(json!({})).expect("event");
        assert_eq!(
            other_zone_text(&item, &plain, &london, &new_york, &hhmm),
            None
        );
        assert_eq!(
            other_zone_text(
                &item,
                &in_zone("Mars/Olympus"),
                &london,
                &|_, _| None,
                &hhmm
            ),
            None
        );
        // Tokyo's morning is the user's previous evening.
        let evening = timed(23 * HOUR + 30 * 60_000, 24 * HOUR);
        assert_eq!(
            other_zone_text(
                &evening,
                &in_zone("Asia/Tokyo"),
                &london,
                &fixed_zone(540),
                &hhmm
            )
            .as_deref(),
            Some("08:30–09:00 Tokyo time, next day")
        );
        // All-day items have no clock.
        let date = crate::calendar::Date::parse("2026-12-01").expect("date");
        let mut all_day = item;
        all_day.kind = ItemKind::AllDay {
            start: date,
            end: date.add_days(1),
        };
        assert_eq!(
            other_zone_text(
                &all_day,
                &in_zone("Asia/Tokyo"),
                &london,
                &fixed_zone(540),
                &hhmm
            ),
            None
        );
    }
}
