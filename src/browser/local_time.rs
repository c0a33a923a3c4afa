//! The user's time zone and locale, straight from the browser: the bundle carries no zone
//! database, and `Intl` already knows the user's language.

use wasm_bindgen::JsValue;

use std::cell::RefCell;

use crate::time::{Date, TimeOfDay, HOUR_MS};

/// The interface language's locale, for every `Intl` format below (see `crate::i18n`).
fn locales() -> js_sys::Array {
    js_sys::Array::of1(&crate::i18n::locale().into())
}

/// The user's offset from UTC at `utc_ms`, in minutes east (+540 in Tokyo). JS counts
/// `getTimezoneOffset()` the other way round (minutes west), hence the minus.
pub fn offset_at(utc_ms: i64) -> i32 {
    -(js_sys::Date::new(&JsValue::from_f64(utc_ms as f64)).get_timezone_offset() as i32)
}

/// A date as the user's locale writes it with its weekday: "Tuesday 24 November",
/// "Tuesday, November 24". Falls back to `2026-11-24` if `Intl` refuses.
pub fn long_date(date: Date) -> String {
    let noon = js_sys::Date::new(&JsValue::from_f64(
        (date.utc_midnight_ms() + 12 * HOUR_MS) as f64,
    ));
    LONG_DATE
        .with(|format| format.call1(&JsValue::UNDEFINED, &noon))
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| date.to_string())
}

/// A time of day as the user's locale writes it: "13:00", "1:00 PM", "下午1:00". One `Intl`
/// call per distinct time, remembered: an agenda of thousands of rows has few.
pub fn clock_text(time: TimeOfDay) -> String {
    let minute = usize::from(time.hour) * 60 + usize::from(time.minute);
    if let Some(text) = CLOCK_TEXTS.with(|texts| texts.borrow().get(minute).cloned().flatten()) {
        return text;
    }
    // That time on 1970-01-01, formatted in UTC: the wall time itself, no zone.
    let at = js_sys::Date::new(&JsValue::from_f64(minute as f64 * 60_000.0));
    let text = CLOCK
        .with(|format| format.call1(&JsValue::UNDEFINED, &at))
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| time.hhmm());
    CLOCK_TEXTS.with(|texts| {
        let mut texts = texts.borrow_mut();
        if texts.len() <= minute {
            texts.resize(minute + 1, None);
        }
        texts[minute] = Some(text.clone());
    });
    text
}

thread_local! {
    static CLOCK: js_sys::Function = {
        let options = js_sys::Object::new();
        for (key, value) in [("hour", "numeric"), ("minute", "2-digit"), ("timeZone", "UTC")] {
            let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
        }
        js_sys::Intl::DateTimeFormat::new(&locales(), &options).format()
    };
    /// Texts by minute of the day, filled as asked.
    static CLOCK_TEXTS: RefCell<Vec<Option<String>>> = const { RefCell::new(Vec::new()) };

    /// Made once: building an `Intl.DateTimeFormat` costs far more than using one.
    static LONG_DATE: js_sys::Function = {
        let options = js_sys::Object::new();
        // A civil date: format noon UTC *in UTC*, so no zone can move it a day.
        for (key, value) in [("weekday", "long"), ("day", "numeric"), ("month", "long"), ("timeZone", "UTC")] {
            let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
        }
        js_sys::Intl::DateTimeFormat::new(&locales(), &options).format()
    };
}

/// A moment as the user's locale and zone write it in full: "Tue, 1 Dec 2026, 10:04".
pub fn date_time(utc_ms: i64) -> String {
    let at = js_sys::Date::new(&JsValue::from_f64(utc_ms as f64));
    DATE_TIME
        .with(|format| format.call1(&JsValue::UNDEFINED, &at))
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| String::from(at.to_iso_string()))
}

thread_local! {
    static DATE_TIME: js_sys::Function = {
        let options = js_sys::Object::new();
        for (key, value) in [("dateStyle", "medium"), ("timeStyle", "short")] {
            let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
        }
        js_sys::Intl::DateTimeFormat::new(&locales(), &options).format()
    };
}

/// A size for people in the interface language: "812 byte", "1.2 kB", "8,0 MB" (binary
/// units, as file managers and Gmail's 25 MB limit count). `human_size` without `Intl`.
pub fn size_text(bytes: usize) -> String {
    let (unit, size) = match bytes {
        0..1024 => ("byte", 1.0),
        1024..1_048_576 => ("kilobyte", 1024.0),
        _ => ("megabyte", 1_048_576.0),
    };
    let options = js_sys::Object::new();
    let digits = if unit == "byte" { 0 } else { 1 };
    for (key, value) in [
        ("style", JsValue::from("unit")),
        ("unit", unit.into()),
        ("maximumFractionDigits", digits.into()),
        ("minimumFractionDigits", digits.into()),
    ] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value);
    }
    let value = JsValue::from_f64(bytes as f64 / size);
    js_sys::Intl::NumberFormat::new(&locales(), &options)
        .format()
        .call1(&JsValue::UNDEFINED, &value)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| crate::mail::api::human_size(bytes))
}
