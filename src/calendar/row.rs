//! What one agenda row says: the texts, links and flags of an [`AgendaItem`], worked out in
//! plain Rust so the shell only has to put them into the DOM.

use super::agenda::{AgendaItem, CalendarEvents, ItemKind, OffsetAt};
use super::kind::Kind;
use super::zone::{other_zone_text, ZoneOffsetAt};
use crate::i18n::{k, t, tf};
use crate::time::{local_time, TimeOfDay};

/// How the user's locale writes a time of day ("13:00", "1:00 PM"): from the shell's `Intl`.
pub type ClockText<'a> = &'a dyn Fn(TimeOfDay) -> String;

/// One row of the agenda, ready to show.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    /// "13:00–14:00", "All day", "All day (day 2 of 3)".
    pub when: String,
    /// The title, "(No title)", or "Busy" for a calendar shared as free/busy only.
    pub title: String,
    /// The event's time in its own zone, when that clock reads differently.
    pub zone_when: Option<String>,
    /// "Out of office", "Focus time": the kind in words.
    pub kind_label: Option<&'static str>,
    /// Extra class for the kind (`out-of-office`, `focus-time`).
    pub kind_class: Option<&'static str>,
    /// The calendar's colour, only when it is a plain `#rgb`/`#rrggbb` (it goes into CSS).
    pub color: Option<String>,
    pub calendar_id: String,
    pub event_id: String,
    pub location: Option<String>,
    /// Web links only: a `javascript:` URL in an invitation never becomes a link.
    pub video_link: Option<String>,
    pub open_link: Option<String>,
    pub declined: bool,
    pub past: bool,
}

impl Row {
    pub fn of(
        item: &AgendaItem,
        calendars: &[CalendarEvents],
        offset_at: OffsetAt,
        zone_offset: ZoneOffsetAt,
        clock: ClockText,
    ) -> Row {
        let calendar = item.calendar(calendars);
        let event = item.event(calendars);
        let free_busy = calendar.is_some_and(|c| c.free_busy);
        let kind = event.map_or(Kind::Ordinary, Kind::of);
        let title = match (free_busy, event.and_then(|e| e.title())) {
            (true, _) => t(k::CAL_BUSY),
            (false, Some(title)) => title,
            (false, None) => t(k::CAL_NO_TITLE),
        };
        Row {
            when: when_text(item, offset_at, clock),
            title: title.to_string(),
            zone_when: event.and_then(|e| other_zone_text(item, e, offset_at, zone_offset, clock)),
            kind_label: kind.label(),
            kind_class: kind.class(),
            color: calendar.and_then(|c| css_color(c.color.as_deref())),
            calendar_id: calendar.map(|c| c.calendar_id.clone()).unwrap_or_default(),
            event_id: event.and_then(|e| e.id.clone()).unwrap_or_default(),
            location: event
                .and_then(|e| e.location.clone())
                .filter(|l| !l.trim().is_empty()),
            video_link: event.and_then(|e| web_link(e.video_link())),
            open_link: event.and_then(|e| web_link(e.html_link.as_deref())),
            declined: item.declined,
            past: item.past,
        }
    }

    /// The row's `class` attribute.
    pub fn class(&self) -> String {
        let mut class = String::from("event");
        for (on, name) in [
            (self.past, Some("past")),
            (self.declined, Some("declined")),
            (true, self.kind_class),
        ] {
            if let (true, Some(name)) = (on, name) {
                class.push(' ');
                class.push_str(name);
            }
        }
        class
    }
}

/// Whether an item has ended by `now_ms`: only timed events end within the agenda (an
/// all-day event is shown only while its day lasts).
pub fn is_past(item: &AgendaItem, now_ms: i64) -> bool {
    match item.kind {
        ItemKind::AllDay { .. } => false,
        ItemKind::Timed { end_ms, .. } => end_ms <= now_ms,
    }
}

/// "13:00–14:00" (or "1:00 PM–2:00 PM"), "All day", with "(day 2 of 3)" for events over
/// several days.
pub fn when_text(item: &AgendaItem, offset_at: OffsetAt, clock: ClockText) -> String {
    let hhmm = |ms: i64| clock(local_time(ms, offset_at(ms)));
    let text = match item.kind {
        ItemKind::AllDay { .. } => t(k::CAL_ALL_DAY).to_string(),
        ItemKind::Timed { start_ms, end_ms } if end_ms > start_ms => {
            format!("{}–{}", hhmm(start_ms), hhmm(end_ms))
        }
        ItemKind::Timed { start_ms, .. } => hhmm(start_ms),
    };
    if item.day_count > 1 {
        let (day, days) = (item.day_n.to_string(), item.day_count.to_string());
        return tf(
            k::CAL_DAY_OF,
            &[("when", &text), ("day", &day), ("days", &days)],
        );
    }
    text
}

/// Only web links are followed: a `javascript:` URL in an invitation must not become a link.
pub fn web_link(url: Option<&str>) -> Option<String> {
    let url = url?;
    let scheme_ok = |scheme: &str| {
        url.get(..scheme.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(scheme))
    };
    (scheme_ok("https://") || scheme_ok("http://")).then(|| url.to_string())
}

/// `#rgb` or `#rrggbb`, as Google sends calendar colours; anything else is dropped rather
/// than written into a style attribute.
pub fn css_color(color: Option<&str>) -> Option<String> {
    let hex = color?.strip_prefix('#')?;
    (matches!(hex.len(), 3 | 6) && hex.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| format!("#{hex}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::model::Event;
    use crate::time::Date;

    fn item(kind: ItemKind) -> AgendaItem {
        AgendaItem::sample(kind)
    }

    const HOUR: i64 = 3_600_000;

    fn hhmm(time: TimeOfDay) -> String {
        time.hhmm()
    }

    #[test]
    fn the_locale_writes_the_times() {
        let twelve_hour = |t: TimeOfDay| {
            format!(
                "{}:{:02} {}",
                (t.hour + 11) % 12 + 1,
                t.minute,
                if t.hour < 12 { "AM" } else { "PM" }
            )
        };
        let timed = item(ItemKind::Timed {
            start_ms: 13 * HOUR,
            end_ms: 14 * HOUR + 30 * 60_000,
        });
        assert_eq!(
            when_text(&timed, &|_| -60, &twelve_hour),
            "12:00 PM–1:30 PM"
        );
    }

    #[test]
    fn only_web_links_become_links() {
        assert_eq!(
            web_link(Some("https://meet.google.com/abc")).as_deref(),
            Some("https://meet.google.com/abc")
        );
        assert_eq!(
            web_link(Some("HTTP://example.com")).as_deref(),
            Some("HTTP://example.com")
        );
        for hostile in [
            "javascript:alert(1)",
            " javascript:alert(1)",
            "data:text/html,x",
            "//evil.example",
            "https:/x",
            "",
        ] {
            assert_eq!(web_link(Some(hostile)), None, "{hostile}");
        }
        assert_eq!(web_link(None), None);
    }

    #[test]
    fn only_hex_colours_reach_css() {
        assert_eq!(css_color(Some("#9fe1e7")).as_deref(), Some("#9fe1e7"));
        assert_eq!(css_color(Some("#ABC")).as_deref(), Some("#ABC"));
        for bad in [
            "9fe1e7",
            "#9fe1e",
            "red",
            "#12345g",
            "#fff; background: url(x)",
            "",
        ] {
            assert_eq!(css_color(Some(bad)), None, "{bad}");
        }
    }

    #[test]
    fn times_are_local_and_days_counted() {
        let start = 13 * HOUR;
        let timed = item(ItemKind::Timed {
            start_ms: start,
            end_ms: start + HOUR,
        });
        assert_eq!(when_text(&timed, &|_| 0, &hhmm), "13:00–14:00");
        assert_eq!(when_text(&timed, &|_| 540, &hhmm), "22:00–23:00");
        assert_eq!(
            when_text(
                &item(ItemKind::Timed {
                    start_ms: start,
                    end_ms: start
                }),
                &|_| 0,
                &hhmm
            ),
            "13:00"
        );
        let date = Date::parse("2026-11-24").expect("a date");
        let mut all_day = item(ItemKind::AllDay {
            start: date,
            end: date,
        });
        (all_day.day_n, all_day.day_count) = (2, 3);
        assert_eq!(when_text(&all_day, &|_| 0, &hhmm), "All day (day 2 of 3)");
    }

    #[test]
    fn rows_speak_the_interface_language() {
        use crate::i18n::{set, Lang};
        /// Back to English even if an assertion fails (the tests run in English).
        struct English;
        impl Drop for English {
            fn drop(&mut self) {
                set(Lang::En, "en");
            }
        }
        let _english = English;
        let date = Date::parse("2026-11-24").expect("a date");
        let mut all_day = item(ItemKind::AllDay {
            start: date,
            end: date,
        });
        (all_day.day_n, all_day.day_count) = (2, 3);
        let calendars = [CalendarEvents::new("work@x", None)];
        set(Lang::El, "el");
        assert_eq!(
            when_text(&all_day, &|_| 0, &hhmm),
            "Ολοήμερο (ημέρα 2 από 3)"
        );
        set(Lang::He, "he");
        assert_eq!(when_text(&all_day, &|_| 0, &hhmm), "כל היום (יום 2 מתוך 3)");
        let row = Row::of(&all_day, &calendars, &|_| 0, &|_, _| None, &hhmm);
        assert_eq!(row.title, "(ללא כותרת)");
    }

    #[test]
    fn a_row_says_what_the_event_is() {
        let event = Event {
            id: Some("e1".into()),
            summary: Some("".into()),
            location: Some("  ".into()),
            html_link: Some("javascript:alert(1)".into()),
            hangout_link: Some("https://meet.google.com/x".into()),
            ..Event::default()
        };
        let mut calendar = CalendarEvents::new("work@x", Some("not a colour".into()));
        calendar.events.push(event);
        let mut it = item(ItemKind::Timed {
            start_ms: 0,
            end_ms: HOUR,
        });
        (it.past, it.declined) = (true, true);
        let row = Row::of(&it, &[calendar], &|_| 0, &|_, _| None, &hhmm);
        assert_eq!(row.title, "(No title)");
        assert_eq!(
            (row.event_id.as_str(), row.calendar_id.as_str()),
            ("e1", "work@x")
        );
        assert_eq!(
            (&row.location, &row.color, &row.open_link),
            (&None, &None, &None)
        );
        assert_eq!(row.video_link.as_deref(), Some("https://meet.google.com/x"));
        assert_eq!(row.class(), "event past declined");
    }

    #[test]
    fn an_item_is_past_once_it_has_ended() {
        let timed = item(ItemKind::Timed {
            start_ms: 0,
            end_ms: HOUR,
        });
        assert!(!is_past(&timed, HOUR - 1));
        assert!(is_past(&timed, HOUR));
        let date = Date::parse("2026-11-24").expect("a date");
        assert!(!is_past(
            &item(ItemKind::AllDay {
                start: date,
                end: date
            }),
            i64::MAX
        ));
    }

    #[test]
    fn kinds_free_busy_and_other_zones_show_in_the_row() {
        let event = |v: serde_json::Value| -> Event { serde_json::from_value(v).expect("event") };
        let mut work = CalendarEvents::new("work@x", None);
        work.events.push(event(serde_json::json!({
            "summary": "Dentist", "eventType": "outOfOffice",
            "start": { "dateTime": "1970-01-01T13:00:00Z", "timeZone": "America/New_York" },
            "end": { "dateTime": "1970-01-01T14:00:00Z", "timeZone": "America/New_York" }
        })));
        work.events.push(event(
            serde_json::json!({ "summary": "Think", "eventType": "focusTime" }),
        ));
        let mut colleague = CalendarEvents::new("charles@x", None);
        colleague.free_busy = true;
        colleague
            .events
            .push(event(serde_json::json!({ "id": "b1" })));
        let calendars = [work, colleague];
        let timed = item(ItemKind::Timed {
            start_ms: 13 * HOUR,
            end_ms: 14 * HOUR,
        });
        let new_york = |_: &str, _: i64| Some(-300);
        let ooo = Row::of(&timed, &calendars, &|_| 0, &new_york, &hhmm);
        assert_eq!(
            (ooo.title.as_str(), ooo.kind_label, ooo.class()),
            (
                "Dentist",
                Some("Out of office"),
                "event out-of-office".to_string()
            )
        );
        assert_eq!(ooo.zone_when.as_deref(), Some("08:00–09:00 New York time"));
        let focus = Row::of(
            &AgendaItem {
                event: 1,
                past: true,
                ..timed
            },
            &calendars,
            &|_| 0,
            &new_york,
            &hhmm,
        );
        let mut focus_row = focus.clone();
        focus_row.past = true;
        assert_eq!(focus_row.class(), "event past focus-time");
        assert_eq!(
            (focus.kind_label, focus.zone_when),
            (Some("Focus time"), None)
        );
        let busy = Row::of(
            &AgendaItem {
                calendar: 1,
                ..timed
            },
            &calendars,
            &|_| 0,
            &new_york,
            &hhmm,
        );
        assert_eq!((busy.title.as_str(), busy.kind_label), ("Busy", None));
    }
}
