//! RFC 5545 recurrence, the part calendars use: RRULE with FREQ (DAILY, WEEKLY, MONTHLY,
//! YEARLY), INTERVAL, COUNT, UNTIL, BYDAY (with ordinals for MONTHLY), BYMONTHDAY, plus
//! EXDATE and RDATE. Occurrences are computed in the event's time zone, so a weekly 10:00
//! meeting stays at 10:00 across DST changes.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;

use crate::calendar::time::{local_to_utc, When};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Freq {
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

#[derive(Clone, Debug)]
struct Rule {
    freq: Freq,
    interval: u32,
    count: Option<u32>,
    until: Option<When>,
    /// (ordinal, weekday); ordinal 0 means every such weekday.
    byday: Vec<(i32, Weekday)>,
    bymonthday: Vec<i32>,
}

#[derive(Clone, Debug, Default)]
pub struct Recurrence {
    rules: Vec<Rule>,
    exdates: Vec<When>,
    rdates: Vec<When>,
}

fn weekday(code: &str) -> Option<Weekday> {
    Some(match code {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return None,
    })
}

/// A DATE or DATE-TIME value, with the line's TZID (or the event's zone) for floating times.
fn parse_value(text: &str, tz: Tz) -> Option<When> {
    let text = text.trim();
    if let Some(utc) = text.strip_suffix('Z') {
        let t = NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S").ok()?;
        return Some(When::Time(t.and_utc()));
    }
    if text.contains('T') {
        let t = NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%S").ok()?;
        return Some(When::Time(local_to_utc(tz, t)));
    }
    NaiveDate::parse_from_str(text, "%Y%m%d")
        .ok()
        .map(When::Date)
}

/// Parses an event's `recurrence` lines; `tz` is the event's start time zone.
pub fn parse(lines: &[String], tz: Tz) -> Result<Recurrence, String> {
    let mut out = Recurrence::default();
    for line in lines {
        let (head, value) = line
            .split_once(':')
            .ok_or_else(|| format!("Invalid recurrence rule: {line}"))?;
        let mut head_parts = head.split(';');
        let name = head_parts.next().unwrap_or("").to_ascii_uppercase();
        let mut line_tz = tz;
        for p in head_parts {
            if let Some(z) = p.strip_prefix("TZID=") {
                line_tz = z
                    .parse()
                    .map_err(|_| format!("Invalid time zone in recurrence: {z}"))?;
            }
        }
        match name.as_str() {
            "RRULE" => out.rules.push(parse_rule(value, tz)?),
            "EXDATE" | "RDATE" => {
                for v in value.split(',') {
                    let when = parse_value(v, line_tz)
                        .ok_or_else(|| format!("Invalid recurrence rule: {line}"))?;
                    if name == "EXDATE" {
                        out.exdates.push(when);
                    } else {
                        out.rdates.push(when);
                    }
                }
            }
            _ => return Err(format!("Invalid recurrence rule: {line}")),
        }
    }
    Ok(out)
}

fn parse_rule(text: &str, tz: Tz) -> Result<Rule, String> {
    let bad = || format!("Invalid recurrence rule: RRULE:{text}");
    let mut rule = Rule {
        freq: Freq::Daily,
        interval: 1,
        count: None,
        until: None,
        byday: vec![],
        bymonthday: vec![],
    };
    let mut freq = None;
    for part in text.split(';') {
        let (k, v) = part.split_once('=').ok_or_else(bad)?;
        match k.to_ascii_uppercase().as_str() {
            "FREQ" => {
                freq = Some(match v {
                    "DAILY" => Freq::Daily,
                    "WEEKLY" => Freq::Weekly,
                    "MONTHLY" => Freq::Monthly,
                    "YEARLY" => Freq::Yearly,
                    _ => return Err(bad()),
                })
            }
            // Bounded so date arithmetic cannot overflow.
            "INTERVAL" => {
                rule.interval = v
                    .parse()
                    .ok()
                    .filter(|n| (1..=1000).contains(n))
                    .ok_or_else(bad)?
            }
            "COUNT" => rule.count = Some(v.parse().map_err(|_| bad())?),
            "UNTIL" => rule.until = Some(parse_value(v, tz).ok_or_else(bad)?),
            "BYDAY" => {
                for d in v.split(',') {
                    let split = d
                        .len()
                        .checked_sub(2)
                        .filter(|s| d.is_char_boundary(*s))
                        .ok_or_else(bad)?;
                    let (n, code) = d.split_at(split);
                    let n = if n.is_empty() {
                        0
                    } else {
                        n.parse().map_err(|_| bad())?
                    };
                    rule.byday.push((n, weekday(code).ok_or_else(bad)?));
                }
            }
            "BYMONTHDAY" => {
                for d in v.split(',') {
                    rule.bymonthday.push(d.parse().map_err(|_| bad())?);
                }
            }
            "WKST" => {}
            _ => return Err(bad()),
        }
    }
    rule.freq = freq.ok_or_else(bad)?;
    Ok(rule)
}

fn add_months(date: NaiveDate, months: u32) -> Option<(i32, u32)> {
    let total = date.year() * 12 + date.month0() as i32 + months as i32;
    Some((total.div_euclid(12), total.rem_euclid(12) as u32 + 1))
}

/// The nth (1-based, negative from the end) `wd` of a month.
fn nth_weekday(year: i32, month: u32, n: i32, wd: Weekday) -> Option<NaiveDate> {
    if n > 0 {
        NaiveDate::from_weekday_of_month_opt(year, month, wd, n as u8)
    } else {
        let (ny, nm) = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
        let mut d = NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()?;
        while d.weekday() != wd {
            d = d.pred_opt()?;
        }
        d.checked_sub_signed(Duration::weeks((-n - 1).clamp(0, 5) as i64))
    }
}

/// Candidate dates of one period of the rule, in order.
fn period_dates(rule: &Rule, first: NaiveDate, k: u32) -> Vec<NaiveDate> {
    let step = rule.interval * k;
    match rule.freq {
        Freq::Daily => first
            .checked_add_signed(Duration::days(step as i64))
            .into_iter()
            .filter(|d| rule.byday.is_empty() || rule.byday.iter().any(|(_, w)| *w == d.weekday()))
            .collect(),
        Freq::Weekly => {
            let Some(monday) = first
                .checked_sub_signed(Duration::days(first.weekday().num_days_from_monday() as i64))
                .and_then(|m| m.checked_add_signed(Duration::days(7 * step as i64)))
            else {
                return vec![];
            };
            let mut days: Vec<Weekday> = if rule.byday.is_empty() {
                vec![first.weekday()]
            } else {
                rule.byday.iter().map(|(_, w)| *w).collect()
            };
            days.sort_by_key(|w| w.num_days_from_monday());
            days.into_iter()
                .filter_map(|w| {
                    monday.checked_add_signed(Duration::days(w.num_days_from_monday() as i64))
                })
                .collect()
        }
        Freq::Monthly => {
            let Some((y, m)) = add_months(first, step) else {
                return vec![];
            };
            let mut out: Vec<NaiveDate> = if !rule.byday.is_empty() {
                rule.byday
                    .iter()
                    .flat_map(|(n, w)| {
                        if *n != 0 {
                            nth_weekday(y, m, *n, *w).into_iter().collect::<Vec<_>>()
                        } else {
                            (1..=5)
                                .filter_map(|i| NaiveDate::from_weekday_of_month_opt(y, m, *w, i))
                                .collect()
                        }
                    })
                    .collect()
            } else if !rule.bymonthday.is_empty() {
                rule.bymonthday
                    .iter()
                    .filter_map(|d| NaiveDate::from_ymd_opt(y, m, *d as u32))
                    .collect()
            } else {
                NaiveDate::from_ymd_opt(y, m, first.day())
                    .into_iter()
                    .collect()
            };
            out.sort();
            out
        }
        Freq::Yearly => NaiveDate::from_ymd_opt(
            first.year().saturating_add(step as i32),
            first.month(),
            first.day(),
        )
        .into_iter()
        .collect(),
    }
}

/// Occurrence starts of a series beginning at `start` (local to `tz`), up to `horizon`.
/// The first occurrence is the event's own start; EXDATEs are removed, RDATEs added.
pub fn occurrences(
    rec: &Recurrence,
    start: When,
    tz: Tz,
    horizon: DateTime<Utc>,
    limit: usize,
) -> Vec<When> {
    let (first_date, time): (NaiveDate, Option<NaiveTime>) = match start {
        When::Date(d) => (d, None),
        When::Time(t) => {
            let local = t.with_timezone(&tz);
            (local.date_naive(), Some(local.time()))
        }
    };
    let at = |d: NaiveDate| match time {
        None => When::Date(d),
        Some(t) => When::Time(local_to_utc(tz, d.and_time(t))),
    };
    let mut out: Vec<When> = Vec::new();
    for rule in &rec.rules {
        let mut emitted = 0u32;
        let mut done = false;
        for k in 0..20_000u32 {
            for d in period_dates(rule, first_date, k) {
                if d < first_date {
                    continue;
                }
                let w = at(d);
                let instant = w.instant(tz);
                let past_until = match rule.until {
                    Some(When::Time(u)) => instant > u,
                    Some(When::Date(u)) => d > u,
                    None => false,
                };
                if past_until
                    || rule.count.is_some_and(|c| emitted >= c)
                    || instant > horizon
                    || out.len() >= limit
                {
                    done = true;
                    break;
                }
                emitted += 1;
                out.push(w);
            }
            if done {
                break;
            }
        }
    }
    if rec.rules.is_empty() {
        out.push(start);
    }
    for r in &rec.rdates {
        if r.instant(tz) <= horizon {
            out.push(*r);
        }
    }
    out.retain(|w| {
        !rec.exdates.iter().any(|x| match (x, w) {
            (When::Date(a), When::Date(b)) => a == b,
            (When::Date(a), When::Time(b)) => b.with_timezone(&tz).date_naive() == *a,
            (x, w) => x.instant(tz) == w.instant(tz),
        })
    });
    out.sort_by_key(|w| w.instant(tz));
    out.dedup();
    out
}

/// Google's instance id suffix: `20240501T090000Z` for timed series, `20240501` for all-day.
pub fn instance_suffix(w: When) -> String {
    match w {
        When::Date(d) => d.format("%Y%m%d").to_string(),
        When::Time(t) => t.format("%Y%m%dT%H%M%SZ").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn weekly_with_count_and_exdate_keeps_local_time_over_dst() {
        let tz: Tz = "Europe/London".parse().unwrap();
        let start = When::Time(
            tz.with_ymd_and_hms(2024, 3, 20, 10, 0, 0)
                .unwrap()
                .with_timezone(&Utc),
        );
        let rec = parse(
            &[
                "RRULE:FREQ=WEEKLY;COUNT=4".into(),
                "EXDATE;TZID=Europe/London:20240327T100000".into(),
            ],
            tz,
        )
        .unwrap();
        let occ = occurrences(&rec, start, tz, Utc::now() + Duration::days(3650), 100);
        assert_eq!(occ.len(), 3);
        let last = match occ[2] {
            When::Time(t) => t.with_timezone(&tz),
            _ => unreachable!(),
        };
        assert_eq!(
            last.format("%Y-%m-%d %H:%M").to_string(),
            "2024-04-10 10:00"
        );
        assert_eq!(instance_suffix(occ[0]), "20240320T100000Z");
    }

    #[test]
    fn monthly_nth_weekday() {
        let tz: Tz = "UTC".parse().unwrap();
        let start = When::Date(NaiveDate::from_ymd_opt(2024, 1, 9).unwrap());
        let rec = parse(&["RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=3".into()], tz).unwrap();
        let occ = occurrences(&rec, start, tz, Utc::now() + Duration::days(3650), 100);
        assert_eq!(
            occ[2],
            When::Date(NaiveDate::from_ymd_opt(2024, 3, 12).unwrap())
        );
    }
}
