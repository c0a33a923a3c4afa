//! Deterministic seed data: the same seed gives the same mail and calendars, dated
//! relative to the moment the sandbox starts.

pub mod calendar;
pub mod mail;
pub mod mime;

use chrono::{DateTime, Utc};

use crate::calendar::store::CalendarSet;
use crate::gmail::store::Mailbox;
use crate::util::Rng;

pub fn build(seed: u64, now: DateTime<Utc>) -> (Vec<Mailbox>, Vec<CalendarSet>) {
    let mut rng = Rng::new(seed);
    let mail = vec![mail::ada(&mut rng, now), mail::grace(&mut rng, now)];
    let cal = vec![calendar::ada(&mut rng, now), calendar::grace(&mut rng, now)];
    (mail, cal)
}
