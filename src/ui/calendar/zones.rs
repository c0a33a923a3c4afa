//! Other time zones' offsets, from the browser's `Intl` (the bundle carries no zone
//! database): `Intl.DateTimeFormat` with `timeZoneName: "longOffset"` names the offset
//! ("GMT+05:30") of any zone at any instant, and the core reads that name.
//!
//! Formatters are made once per zone and answers kept per UTC day (a zone that does not
//! change offset during a day has one offset all day), so a month of rows in another zone
//! costs a few dozen `Intl` calls, not thousands. Every call into JS is one that can fail
//! (`Reflect`), so a zone the browser does not know is `None`, never an exception.

use std::cell::RefCell;

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::browser::local_time::offset_at;
use crate::calendar::zone::parse_gmt_offset;
use crate::time::DAY_MS;

struct Zone {
    name: String,
    /// `formatToParts` bound to its formatter; `None` when the browser refused the zone.
    parts: Option<Function>,
    /// (UTC day, the offset if the same all day).
    days: Vec<(i64, Option<i32>)>,
}

thread_local! {
    static ZONES: RefCell<Vec<Zone>> = const { RefCell::new(Vec::new()) };
    /// The user's own zone name: its events need no lookup.
    static OWN: Option<String> = own_zone();
}

/// The user's own zone name (`Europe/Athens`), as the browser reports it.
pub fn own_zone_name() -> Option<String> {
    OWN.with(Clone::clone)
}

/// Every zone name the browser knows (`Intl.supportedValuesOf("timeZone")`), for the
/// event form's suggestions; empty where the browser cannot list them.
pub fn known_zones() -> Vec<String> {
    let list = Reflect::get(&js_sys::global(), &"Intl".into())
        .ok()
        .and_then(|intl| {
            let f: Function = Reflect::get(&intl, &"supportedValuesOf".into())
                .ok()?
                .dyn_into()
                .ok()?;
            f.call1(&intl, &"timeZone".into()).ok()
        });
    list.and_then(|l| l.dyn_into::<Array>().ok())
        .map(|a| a.iter().filter_map(|z| z.as_string()).collect())
        .unwrap_or_default()
}

/// Whether `zone` is the user's own zone (then its offset is the user's, known already).
pub fn is_own_zone(zone: &str) -> bool {
    OWN.with(|own| own.as_deref() == Some(zone))
}

/// The offset (minutes east) of the IANA zone `zone` at `utc_ms`, or `None`.
pub fn zone_offset(zone: &str, utc_ms: i64) -> Option<i32> {
    if is_own_zone(zone) {
        return Some(offset_at(utc_ms));
    }
    ZONES.with(|zones| {
        let mut zones = zones.borrow_mut();
        let index = match zones.iter().position(|z| z.name == zone) {
            Some(i) => i,
            None => {
                zones.push(Zone {
                    name: zone.to_string(),
                    parts: formatter(zone),
                    days: Vec::new(),
                });
                zones.len() - 1
            }
        };
        let z = zones.get_mut(index)?;
        let parts = z.parts.clone()?;
        let day = utc_ms.div_euclid(DAY_MS);
        let whole_day = match z.days.iter().rev().find(|(d, _)| *d == day) {
            Some((_, known)) => *known,
            None => {
                let start = day.saturating_mul(DAY_MS);
                let first = ask(&parts, start);
                let last = ask(&parts, start.saturating_add(DAY_MS - 1));
                let known = first.filter(|f| Some(*f) == last);
                z.days.push((day, known));
                known
            }
        };
        whole_day.or_else(|| ask(&parts, utc_ms))
    })
}

fn ask(parts: &Function, utc_ms: i64) -> Option<i32> {
    let date: JsValue = js_sys::Date::new(&JsValue::from_f64(utc_ms as f64)).into();
    let list: Array = parts
        .call1(&JsValue::UNDEFINED, &date)
        .ok()?
        .dyn_into()
        .ok()?;
    list.iter().find_map(|part| {
        let kind = Reflect::get(&part, &"type".into()).ok()?.as_string()?;
        (kind == "timeZoneName")
            .then(|| Reflect::get(&part, &"value".into()).ok()?.as_string())
            .flatten()
            .and_then(|name| parse_gmt_offset(&name))
    })
}

fn date_time_format() -> Option<Function> {
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    Reflect::get(&intl, &"DateTimeFormat".into())
        .ok()?
        .dyn_into()
        .ok()
}

/// `new Intl.DateTimeFormat("en-US", {timeZone, timeZoneName: "longOffset"}).formatToParts`;
/// `None` when the constructor throws (an unknown zone is a `RangeError`).
fn formatter(zone: &str) -> Option<Function> {
    let options = Object::new();
    Reflect::set(&options, &"timeZone".into(), &zone.into()).ok()?;
    Reflect::set(&options, &"timeZoneName".into(), &"longOffset".into()).ok()?;
    let args = Array::of2(&"en-US".into(), &options);
    let format = Reflect::construct(&date_time_format()?, &args).ok()?;
    let parts: Function = Reflect::get(&format, &"formatToParts".into())
        .ok()?
        .dyn_into()
        .ok()?;
    Some(parts.bind0(&format))
}

/// `Intl.DateTimeFormat().resolvedOptions().timeZone`.
fn own_zone() -> Option<String> {
    let format = Reflect::construct(&date_time_format()?, &Array::new()).ok()?;
    let resolved: Function = Reflect::get(&format, &"resolvedOptions".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let options = resolved.call0(&format).ok()?;
    Reflect::get(&options, &"timeZone".into()).ok()?.as_string()
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use wasm_bindgen_test::*;

    use super::zone_offset;

    wasm_bindgen_test_configure!(run_in_browser);

    /// 2026-01-15T12:00Z and 2026-07-15T12:00Z.
    const WINTER: i64 = 1_768_478_400_000;
    const SUMMER: i64 = 1_784_116_800_000;

    #[wasm_bindgen_test]
    fn intl_gives_other_zones_offsets_with_their_summer_time() {
        assert_eq!(zone_offset("America/New_York", WINTER), Some(-300));
        assert_eq!(zone_offset("America/New_York", SUMMER), Some(-240));
        assert_eq!(zone_offset("Asia/Kolkata", WINTER), Some(330));
        assert_eq!(zone_offset("Australia/Lord_Howe", SUMMER), Some(630));
        assert_eq!(zone_offset("Etc/GMT+5", WINTER), Some(-300));
        // Asked again: the day's answer is kept, and still right.
        assert_eq!(zone_offset("America/New_York", WINTER + 1), Some(-300));
    }

    #[wasm_bindgen_test]
    fn zones_the_browser_does_not_know_are_none_not_an_exception() {
        for zone in ["Mars/Olympus_Mons", "", "not a zone", "Europe/London\u{0}"] {
            assert_eq!(zone_offset(zone, WINTER), None, "{zone:?}");
        }
    }
}
