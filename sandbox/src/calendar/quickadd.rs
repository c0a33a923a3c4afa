//! `events.quickAdd`'s text parsing, the everyday English phrases: a day (today, tonight,
//! tomorrow, a weekday, "next friday", "May 3", "3 May", 2024-05-03), a time (13:00, 9am,
//! 4:30pm, noon, midnight, "at 4pm"), and the rest as the title. Without a time the event
//! is all-day; without a day it is today.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;

use crate::calendar::time::local_to_utc;

#[derive(Debug, PartialEq, Eq)]
pub enum QuickWhen {
    Day(NaiveDate),
    At(DateTime<Utc>),
}

#[derive(Debug)]
pub struct Parsed {
    pub summary: String,
    pub when: QuickWhen,
}

fn weekday(word: &str) -> Option<Weekday> {
    Some(match word {
        "monday" | "mon" => Weekday::Mon,
        "tuesday" | "tue" | "tues" => Weekday::Tue,
        "wednesday" | "wed" => Weekday::Wed,
        "thursday" | "thu" | "thurs" => Weekday::Thu,
        "friday" | "fri" => Weekday::Fri,
        "saturday" | "sat" => Weekday::Sat,
        "sunday" | "sun" => Weekday::Sun,
        _ => return None,
    })
}

fn month(word: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let w = word.get(..3)?;
    NAMES.iter().position(|m| *m == w).map(|i| i as u32 + 1)
}

/// `13:00`, `9am`, `9:30pm`, `noon`, `midnight`; `next` is the following word for `9 am`.
fn time(word: &str, next: Option<&str>) -> Option<(NaiveTime, bool)> {
    match word {
        "noon" | "midday" => return Some((NaiveTime::from_hms_opt(12, 0, 0)?, false)),
        "midnight" => return Some((NaiveTime::from_hms_opt(0, 0, 0)?, false)),
        _ => {}
    }
    let (body, suffix, used_next) = if let Some(b) = word.strip_suffix("am") {
        (b, Some(false), false)
    } else if let Some(b) = word.strip_suffix("pm") {
        (b, Some(true), false)
    } else if matches!(next, Some("am") | Some("pm"))
        && word.chars().all(|c| c.is_ascii_digit() || c == ':')
    {
        (word, Some(next == Some("pm")), true)
    } else {
        (word, None, false)
    };
    let (h, m) = match body.split_once([':', '.']) {
        Some((h, m)) => (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?),
        None if suffix.is_some() => (body.parse::<u32>().ok()?, 0),
        None => return None,
    };
    let h = match suffix {
        Some(pm) => {
            if !(1..=12).contains(&h) {
                return None;
            }
            (h % 12) + if pm { 12 } else { 0 }
        }
        None => h,
    };
    Some((NaiveTime::from_hms_opt(h, m, 0)?, used_next))
}

pub fn parse(text: &str, now: DateTime<Tz>) -> Parsed {
    let words: Vec<&str> = text.split_whitespace().collect();
    let lower: Vec<String> = words
        .iter()
        .map(|w| w.trim_matches([',', '.', '!']).to_lowercase())
        .collect();
    let today = now.date_naive();
    let mut used = vec![false; words.len()];
    let mut day: Option<NaiveDate> = None;
    let mut at: Option<NaiveTime> = None;
    let mut i = 0;
    while i < words.len() {
        let w = lower[i].as_str();
        let next = lower.get(i + 1).map(String::as_str);
        if day.is_none() {
            let found = match w {
                "today" | "tonight" => Some((today, 1)),
                "tomorrow" | "tmrw" => Some((today + Duration::days(1), 1)),
                "next" if next.and_then(weekday).is_some() => {
                    let wd = next.and_then(weekday).unwrap_or(Weekday::Mon);
                    let ahead = (wd.num_days_from_monday() as i64
                        - today.weekday().num_days_from_monday() as i64)
                        .rem_euclid(7);
                    Some((
                        today + Duration::days(if ahead == 0 { 7 } else { ahead }),
                        2,
                    ))
                }
                _ => {
                    if let Some(wd) = weekday(w) {
                        let ahead = (wd.num_days_from_monday() as i64
                            - today.weekday().num_days_from_monday() as i64)
                            .rem_euclid(7);
                        Some((today + Duration::days(ahead), 1))
                    } else if let Ok(d) = NaiveDate::parse_from_str(w, "%Y-%m-%d") {
                        Some((d, 1))
                    } else if let (Some(m), Some(d)) = (
                        month(w),
                        next.and_then(|n| {
                            n.trim_end_matches(|c: char| c.is_alphabetic())
                                .parse::<u32>()
                                .ok()
                        }),
                    ) {
                        date_from(today, m, d).map(|d| (d, 2))
                    } else if let (Some(d), Some(m)) = (
                        w.trim_end_matches(|c: char| c.is_alphabetic())
                            .parse::<u32>()
                            .ok(),
                        next.and_then(month),
                    ) {
                        date_from(today, m, d).map(|d| (d, 2))
                    } else {
                        None
                    }
                }
            };
            if let Some((d, n)) = found {
                day = Some(d);
                for u in used.iter_mut().skip(i).take(n) {
                    *u = true;
                }
                if i > 0 && matches!(lower[i - 1].as_str(), "on" | "this") {
                    used[i - 1] = true;
                }
                i += n;
                continue;
            }
        }
        if at.is_none() {
            if let Some((t, used_next)) = time(w, next) {
                at = Some(t);
                used[i] = true;
                if used_next {
                    used[i + 1] = true;
                }
                if i > 0 && matches!(lower[i - 1].as_str(), "at" | "@") {
                    used[i - 1] = true;
                }
                i += if used_next { 2 } else { 1 };
                continue;
            }
        }
        i += 1;
    }
    let summary = words
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(w, _)| *w)
        .collect::<Vec<_>>()
        .join(" ");
    let day = day.unwrap_or(today);
    let when = match at {
        Some(t) => QuickWhen::At(local_to_utc(now.timezone(), day.and_time(t))),
        None => QuickWhen::Day(day),
    };
    Parsed { summary, when }
}

/// The next such date from today on (this year, or next year if it has passed).
fn date_from(today: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    let this = NaiveDate::from_ymd_opt(today.year(), month, day)?;
    if this >= today {
        Some(this)
    } else {
        NaiveDate::from_ymd_opt(today.year() + 1, month, day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(now: DateTime<Tz>, text: &str) -> (String, String) {
        let p = parse(text, now);
        let when = match p.when {
            QuickWhen::At(t) => t
                .with_timezone(&now.timezone())
                .format("%Y-%m-%d %H:%M")
                .to_string(),
            QuickWhen::Day(d) => d.to_string(),
        };
        (p.summary, when)
    }

    #[test]
    fn everyday_phrases() {
        let tz: Tz = "Europe/London".parse().unwrap();
        let now = tz.with_ymd_and_hms(2024, 5, 8, 9, 0, 0).unwrap(); // a Wednesday
        assert_eq!(
            at(now, "Lunch with Anna tomorrow 13:00"),
            ("Lunch with Anna".into(), "2024-05-09 13:00".into())
        );
        assert_eq!(
            at(now, "Dentist friday 9am"),
            ("Dentist".into(), "2024-05-10 09:00".into())
        );
        assert_eq!(
            at(now, "Call Bob today at 4pm"),
            ("Call Bob".into(), "2024-05-08 16:00".into())
        );
        assert_eq!(
            at(now, "Party on May 20"),
            ("Party".into(), "2024-05-20".into())
        );
        assert_eq!(
            at(now, "Review next wednesday 10:30"),
            ("Review".into(), "2024-05-15 10:30".into())
        );
    }
}
