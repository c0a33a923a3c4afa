//! The seed calendars' builder: a calendar, and the events pushed into it (timed in a zone,
//! all day), finished as Google stores them with the builder's random draws.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use serde_json::{json, Value};

use crate::calendar::store::{finish_event, new_event_id, Calendar};
use crate::calendar::time::{event_time_json, local_to_utc, When};
use crate::util::Rng;
use crate::Account;

pub(super) struct Builder<'a> {
    pub(super) cal: &'a mut Calendar,
    pub(super) rng: &'a mut Rng,
    pub(super) owner: Account,
    pub(super) now: DateTime<Utc>,
    pub(super) today: NaiveDate,
}

impl Builder<'_> {
    pub(super) fn tz(&self) -> Tz {
        self.cal.tz()
    }

    pub(super) fn push(&mut self, mut ev: Value) -> String {
        let id = match ev["id"].as_str() {
            Some(id) => id.to_string(),
            None => new_event_id(self.rng),
        };
        let created = self.now - Duration::days(30 + self.rng.below(60) as i64);
        finish_event(
            &mut ev,
            self.cal,
            self.owner.email,
            self.owner.name,
            &id,
            created,
            self.rng,
        );
        self.cal.events.push(ev);
        id
    }

    /// A timed event `minutes` long, starting `day` days from today at `h:m` in `zone`
    /// (the calendar's zone when `None`; other zones are recorded in `timeZone`).
    pub(super) fn timed(
        &mut self,
        summary: Option<&str>,
        day: i64,
        h: u32,
        m: u32,
        minutes: i64,
        zone: Option<&str>,
    ) -> Value {
        let tz: Tz = zone.and_then(|z| z.parse().ok()).unwrap_or(self.tz());
        let date = self.today + Duration::days(day);
        let start = local_to_utc(tz, date.and_hms_opt(h, m, 0).unwrap_or_default());
        let end = start + Duration::minutes(minutes);
        let mut ev = json!({
            "start": event_time_json(When::Time(start), tz, zone),
            "end": event_time_json(When::Time(end), tz, zone),
        });
        if let Some(s) = summary {
            ev["summary"] = json!(s);
        }
        ev
    }

    pub(super) fn all_day(&mut self, summary: &str, day: i64, days: i64) -> Value {
        let start = self.today + Duration::days(day);
        json!({
            "summary": summary,
            "start": { "date": start.format("%Y-%m-%d").to_string() },
            "end": { "date": (start + Duration::days(days)).format("%Y-%m-%d").to_string() },
            "transparency": "transparent",
        })
    }
}

pub(super) fn calendar(
    id: &str,
    summary: &str,
    tz: &str,
    role: &'static str,
    color: (&'static str, &'static str, &'static str),
    primary: bool,
) -> Calendar {
    Calendar {
        id: id.to_string(),
        summary: summary.to_string(),
        description: None,
        time_zone: tz.to_string(),
        access_role: role,
        selected: true,
        color_id: color.0,
        background: color.1,
        foreground: color.2,
        primary,
        events: Vec::new(),
        etag: 1_700_000_000_000,
    }
}
