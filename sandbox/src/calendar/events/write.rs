//! `events.insert` and `events.quickAdd`.

use chrono::{Duration, Utc};
use chrono_tz::Tz;
use serde_json::{json, Value};

use crate::calendar::calendar_index;
use crate::calendar::quickadd;
use crate::calendar::recurrence;
use crate::calendar::store::{finish_event, new_event_id, render_event, valid_event_id, Calendar};
use crate::calendar::time::{event_time_json, parse_event_time, When};
use crate::errors::ApiError;
use crate::handler::{Ctx, Reply};
use crate::util::Rng;
use crate::ACCOUNTS;

fn writable(cal: &Calendar) -> Result<(), ApiError> {
    if cal.writable() {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "requiredAccessLevel",
            "You need to have writer access to this calendar.",
        ))
    }
}

/// Google's checks on an event's times and recurrence.
fn validate(ev: &Value) -> Result<(), ApiError> {
    if !ev["start"].is_object() {
        return Err(ApiError::required("Missing start time."));
    }
    if !ev["end"].is_object() {
        return Err(ApiError::required("Missing end time."));
    }
    let (start, start_tz) = parse_event_time(&ev["start"]).map_err(ApiError::bad_request)?;
    let (end, _) = parse_event_time(&ev["end"]).map_err(ApiError::bad_request)?;
    // An all-day end date is exclusive, so it must come after the start; a timed event
    // may last zero minutes.
    let empty = match (start, end) {
        (When::Date(a), When::Date(b)) => b <= a,
        (When::Time(a), When::Time(b)) => b < a,
        _ => {
            return Err(ApiError::bad_request(
                "Start and end times must either both be date or both be dateTime.",
            ))
        }
    };
    if empty {
        return Err(ApiError::new(
            400,
            "INVALID_ARGUMENT",
            "timeRangeEmpty",
            "The specified time range is empty.",
        ));
    }
    let tz = start_tz.unwrap_or(Tz::UTC);
    if let Some(lines) = ev["recurrence"].as_array() {
        if matches!(start, When::Time(_)) && start_tz.is_none() {
            return Err(ApiError::bad_request(
                "Missing time zone definition for start time.",
            ));
        }
        let lines: Vec<String> = lines
            .iter()
            .filter_map(|l| l.as_str().map(String::from))
            .collect();
        recurrence::parse(&lines, tz)
            .map_err(|_| ApiError::bad_request("Invalid recurrence rule."))?;
    }
    Ok(())
}

fn meet(rng: &mut Rng) -> (String, Value) {
    let letters = b"abcdefghijklmnopqrstuvwxyz";
    let code = format!(
        "{}-{}-{}",
        rng.chars(3, letters),
        rng.chars(4, letters),
        rng.chars(3, letters)
    );
    let link = format!("https://meet.google.com/{code}");
    let data = json!({
        "entryPoints": [{ "entryPointType": "video", "uri": link, "label": link.trim_start_matches("https://") }],
        "conferenceSolution": {
            "key": { "type": "hangoutsMeet" },
            "name": "Google Meet",
            "iconUri": "https://fonts.gstatic.com/s/i/productlogos/meet_2020q4/v6/web-512dp/logo_meet_2020q4_color_2x_web_512dp.png"
        },
        "conferenceId": code,
    });
    (link, data)
}

/// Stores a new event in the calendar and returns it as the API shows it.
fn store(ctx: &Ctx<'_>, mut ev: Value) -> Result<Value, ApiError> {
    let mut data = ctx.data();
    let data = &mut *data;
    let set = &mut data.cal[ctx.account];
    let index = calendar_index(set, ctx.param("calendarId"))?;
    let cal = &mut set.calendars[index];
    writable(cal)?;
    let id = match ev["id"].as_str() {
        Some(id) if !valid_event_id(id) => {
            return Err(ApiError::bad_request("Invalid resource id value."))
        }
        Some(id) if cal.event(id).is_some() => {
            return Err(ApiError::new(
                409,
                "ALREADY_EXISTS",
                "duplicate",
                "The requested identifier already exists.",
            ))
        }
        Some(id) => id.to_string(),
        None => new_event_id(&mut data.rng),
    };
    if let Some(map) = ev.as_object_mut() {
        // Fields only the server sets.
        for key in [
            "kind",
            "etag",
            "htmlLink",
            "created",
            "updated",
            "creator",
            "organizer",
            "sequence",
            "hangoutLink",
            "recurringEventId",
        ] {
            map.remove(key);
        }
        map.insert("id".into(), json!(id));
    }
    let account = ACCOUNTS[ctx.account];
    if let Some(attendees) = ev["attendees"].as_array_mut() {
        for a in attendees {
            if a["responseStatus"].is_null() {
                a["responseStatus"] = json!("needsAction");
            }
            if a["email"]
                .as_str()
                .is_some_and(|e| e.eq_ignore_ascii_case(account.email))
            {
                a["self"] = json!(true);
                a["organizer"] = json!(true);
                a["responseStatus"] = json!("accepted");
            }
        }
    }
    let wants_meet = ev["conferenceData"]["createRequest"].is_object()
        && ctx.q_int("conferenceDataVersion").unwrap_or(0) >= 1;
    if wants_meet {
        let (link, mut conference) = meet(&mut data.rng);
        conference["createRequest"] = ev["conferenceData"]["createRequest"].clone();
        conference["createRequest"]["status"] = json!({ "statusCode": "success" });
        ev["hangoutLink"] = json!(link);
        ev["conferenceData"] = conference;
    } else if ctx.q_int("conferenceDataVersion").unwrap_or(0) == 0 {
        if let Some(map) = ev.as_object_mut() {
            map.remove("conferenceData");
        }
    }
    finish_event(
        &mut ev,
        cal,
        account.email,
        account.name,
        &id,
        Utc::now(),
        &mut data.rng,
    );
    cal.etag += 1;
    let out = render_event(&ev, cal.tz());
    cal.events.push(ev);
    Ok(out)
}

pub fn insert(ctx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let body = ctx.json_body()?;
    {
        let data = ctx.data();
        let set = &data.cal[ctx.account];
        writable(&set.calendars[calendar_index(set, ctx.param("calendarId"))?])?;
    }
    validate(&body)?;
    Ok(Reply::Json(store(ctx, body)?))
}

pub fn quick_add(ctx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let text = ctx.q("text").unwrap_or_default().trim().to_string();
    let tz = {
        let data = ctx.data();
        let set = &data.cal[ctx.account];
        let cal = &set.calendars[calendar_index(set, ctx.param("calendarId"))?];
        writable(cal)?;
        cal.tz()
    };
    if text.is_empty() {
        return Err(ApiError::required("Required parameter: text"));
    }
    let parsed = quickadd::parse(&text, Utc::now().with_timezone(&tz));
    let (start, end) = match parsed.when {
        quickadd::QuickWhen::Day(d) => (When::Date(d), When::Date(d.succ_opt().unwrap_or(d))),
        // Google's default length for a quick-added event: one hour.
        quickadd::QuickWhen::At(t) => (
            When::Time(t),
            When::Time(t.checked_add_signed(Duration::hours(1)).unwrap_or(t)),
        ),
    };
    let mut ev = json!({
        "start": event_time_json(start, tz, None),
        "end": event_time_json(end, tz, None),
    });
    if !parsed.summary.is_empty() {
        ev["summary"] = json!(parsed.summary);
    }
    Ok(Reply::Json(store(ctx, ev)?))
}
