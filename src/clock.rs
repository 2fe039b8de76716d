//! What time it is at the hospital. Clinic times are the hospital's local times, so
//! "next clinics" count from the hospital's clock, whatever the visitor's time zone.

use hospital_core::schedule::Now;
use js_sys::{Array, Intl, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// The clock of a page rendered at build time (see `prerender`).
#[derive(Clone, Copy)]
pub struct BuildClock(pub Now);

/// Now in the IANA time zone `zone` (the browser's own zone if it does not know it);
/// at build time, the build's clock.
pub fn hospital_now(zone: &str) -> Now {
    if let Some(BuildClock(now)) = leptos::prelude::use_context::<BuildClock>() {
        return now;
    }
    if let Some(now) = temporal_now(zone) {
        return now;
    }
    let date = js_sys::Date::new_0();
    in_zone(&date, zone).unwrap_or_else(|| browser_now(&date))
}

/// Now in `zone` by `Temporal.Now.zonedDateTimeISO`, where the browser has Temporal.
/// The first `Intl.DateTimeFormat` of a page sets up the locale data: 17 to 43 ms in
/// Chromium 156 on this machine, inside the task that renders the finder or a profile,
/// against 0.3 to 2.5 ms for this (measured 2026-12-06). Without Temporal, or for a zone
/// it does not know (it throws), `None`.
pub fn temporal_now(zone: &str) -> Option<Now> {
    let get = |target: &JsValue, key: &str| Reflect::get(target, &key.into()).ok();
    let temporal = get(&js_sys::global(), "Temporal").filter(|t| !t.is_undefined())?;
    let clock = get(&temporal, "Now")?;
    let zoned: js_sys::Function = get(&clock, "zonedDateTimeISO")?.dyn_into().ok()?;
    let time = Reflect::apply(&zoned, &clock, &Array::of1(&zone.into())).ok()?;
    let field = |key: &str| get(&time, key)?.as_f64().map(|n| n as i64);
    Now::new(
        i32::try_from(field("year")?).ok()?,
        u32::try_from(field("month")?).ok()?,
        u32::try_from(field("day")?).ok()?,
        u32::try_from(field("hour")?).ok()?,
        u32::try_from(field("minute")?).ok()?,
    )
}

fn browser_now(d: &js_sys::Date) -> Now {
    Now::new(
        d.get_full_year() as i32,
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes(),
    )
    .unwrap_or_else(|| Now::new(1970, 1, 1, 0, 0).expect("the epoch is a date"))
}

/// The date's calendar parts in `zone`, from `Intl.DateTimeFormat.formatToParts`.
pub fn in_zone(date: &js_sys::Date, zone: &str) -> Option<Now> {
    let options = Object::new();
    for (key, value) in [
        ("timeZone", zone),
        ("year", "numeric"),
        ("month", "numeric"),
        ("day", "numeric"),
        ("hour", "numeric"),
        ("minute", "numeric"),
        ("hourCycle", "h23"),
    ] {
        Reflect::set(&options, &key.into(), &value.into()).ok()?;
    }
    let locales = Array::of1(&JsValue::from_str("en-US"));
    // An unknown zone throws a RangeError; constructed through Reflect, it comes back
    // as an Err instead of unwinding through the app.
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let constructor: js_sys::Function = Reflect::get(&intl, &"DateTimeFormat".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let format: Intl::DateTimeFormat =
        Reflect::construct(&constructor, &Array::of2(&locales, &options))
            .ok()?
            .dyn_into()
            .ok()?;
    let parts = format.format_to_parts(date);
    let mut fields = [0u32; 5];
    for part in parts.iter() {
        let kind = Reflect::get(&part, &"type".into()).ok()?.as_string()?;
        let value = Reflect::get(&part, &"value".into()).ok()?.as_string()?;
        let slot = match kind.as_str() {
            "year" => 0,
            "month" => 1,
            "day" => 2,
            "hour" => 3,
            "minute" => 4,
            _ => continue,
        };
        fields[slot] = value.parse().ok()?;
    }
    let [year, month, day, hour, minute] = fields;
    Now::new(year as i32, month, day, hour % 24, minute)
}
