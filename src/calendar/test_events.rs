//! Test-only builders for events and a compact, readable rendering of an agenda.

use serde_json::json;

use super::agenda::{group, AgendaItem, CalendarEvents, Day, OffsetAt};
use super::model::Event;
use crate::time::{parse_rfc3339, Date};

pub fn at(rfc3339: &str) -> i64 {
    parse_rfc3339(rfc3339).expect("test instant")
}

pub fn date(text: &str) -> Date {
    Date::parse(text).expect("test date")
}

pub fn timed(title: &str, start: &str, end: &str) -> Event {
    serde_json::from_value(json!({
        "summary": title, "start": {"dateTime": start}, "end": {"dateTime": end}
    }))
    .expect("test event")
}

/// `end` is exclusive, as Google sends it.
pub fn all_day(title: &str, start: &str, end: &str) -> Event {
    serde_json::from_value(json!({
        "summary": title, "start": {"date": start}, "end": {"date": end}
    }))
    .expect("test event")
}

pub fn cal(id: &str, events: Vec<Event>) -> CalendarEvents {
    CalendarEvents {
        calendar_id: id.into(),
        color: Some("#9fe1e7".into()),
        free_busy: false,
        events,
    }
}

/// One item as text: title, ` n/m` for multi-day, `<`/`>` for the continuation flags, then
/// ` declined` / ` past`.
pub fn describe(item: &AgendaItem, calendars: &[CalendarEvents]) -> String {
    let title = item
        .event(calendars)
        .and_then(|e| e.summary.clone())
        .unwrap_or_default();
    let mut s = title;
    if item.day_count > 1 {
        s += &format!(" {}/{}", item.day_n, item.day_count);
    }
    if item.continues_from_previous_day || item.continues_to_next_day {
        s.push(' ');
        if item.continues_from_previous_day {
            s.push('<');
        }
        if item.continues_to_next_day {
            s.push('>');
        }
    }
    if item.declined {
        s += " declined";
    }
    if item.past {
        s += " past";
    }
    s
}

/// Non-empty days as `("YYYY-MM-DD", [item descriptions])`.
pub fn layout(days: &[Day], calendars: &[CalendarEvents]) -> Vec<(String, Vec<String>)> {
    days.iter()
        .filter(|d| !d.items.is_empty())
        .map(|d| {
            (
                d.date.to_string(),
                d.items.iter().map(|i| describe(i, calendars)).collect(),
            )
        })
        .collect()
}

/// Groups and renders in one go.
pub fn agenda(
    calendars: &[CalendarEvents],
    now: &str,
    end: &str,
    offset_at: OffsetAt,
) -> Vec<(String, Vec<String>)> {
    layout(&group(calendars, at(now), at(end), offset_at), calendars)
}

/// Expected layout, written tersely.
pub fn expect(days: &[(&str, &[&str])]) -> Vec<(String, Vec<String>)> {
    days.iter()
        .map(|(d, items)| (d.to_string(), items.iter().map(|s| s.to_string()).collect()))
        .collect()
}
