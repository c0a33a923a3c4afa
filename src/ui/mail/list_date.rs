//! The date of a list row as the interface's locale writes it (`Intl`, no month names of
//! our own): the time for today, the day and month this year, day, month and year before.
//! The screen's counterpart of `mail::api::short_date`, which stays for the core's tests.

use wasm_bindgen::JsValue;

fn format(options: &[(&str, &str)]) -> js_sys::Function {
    let object = js_sys::Object::new();
    for (key, value) in options {
        let _ = js_sys::Reflect::set(&object, &(*key).into(), &(*value).into());
    }
    let locales = js_sys::Array::of1(&crate::i18n::locale().into());
    js_sys::Intl::DateTimeFormat::new(&locales, &object).format()
}

thread_local! {
    /// Made once each: building an `Intl.DateTimeFormat` costs far more than using one.
    static TIME: js_sys::Function = format(&[("hour", "numeric"), ("minute", "2-digit")]);
    static DAY: js_sys::Function = format(&[("day", "numeric"), ("month", "short")]);
    static FULL: js_sys::Function =
        format(&[("day", "numeric"), ("month", "short"), ("year", "numeric")]);
}

/// `ms` for a list whose "now" is `now_ms`, in the user's zone and locale.
pub fn list_date(ms: i64, now_ms: i64) -> String {
    let at = js_sys::Date::new(&JsValue::from_f64(ms as f64));
    let now = js_sys::Date::new(&JsValue::from_f64(now_ms as f64));
    let same_year = at.get_full_year() == now.get_full_year();
    let same_day =
        same_year && at.get_month() == now.get_month() && at.get_date() == now.get_date();
    let call = |format: &js_sys::Function| format.call1(&JsValue::UNDEFINED, &at).ok();
    let text = if same_day {
        TIME.with(call)
    } else if same_year {
        DAY.with(call)
    } else {
        FULL.with(call)
    };
    text.and_then(|s| s.as_string())
        .unwrap_or_else(|| String::from(at.to_iso_string()))
}
