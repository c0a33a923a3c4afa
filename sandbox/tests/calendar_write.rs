//! Calendar writes as Google does them: events.insert/patch/update/delete with ids,
//! etags and `If-Match`, read-only calendars, recurring-event instances and "this and
//! following" splits (across DST, in several zones), Meet conferences, attendees and
//! invitations, and the notifications `sendUpdates` asks for. Stored events are checked
//! through `/_sandbox/calendar/events/{calendarId}`.

mod common;

use common::*;
use reqwest::Method;
use serde_json::{json, Value};

const EVENTS_SCOPE: &str = "https://www.googleapis.com/auth/calendar.events";
const PRIMARY: &str = "/calendar/v3/calendars/primary/events";
const HOLIDAYS: &str = "en.uk#holiday@group.v.calendar.google.com";

fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

fn events_of(calendar: &str) -> String {
    format!("/calendar/v3/calendars/{}/events", enc(calendar))
}

async fn send(
    t: &T,
    method: Method,
    path: &str,
    token: &str,
    body: Option<Value>,
    if_match: Option<&str>,
) -> (u16, Value) {
    let mut req = t
        .http
        .request(method, format!("{}{}", t.url, path))
        .bearer_auth(token);
    if let Some(etag) = if_match {
        req = req.header("If-Match", etag);
    }
    if let Some(body) = body {
        req = req.json(&body);
    }
    let r = req.send().await.unwrap();
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

async fn post(t: &T, path: &str, token: &str, body: Value) -> (u16, Value) {
    send(t, Method::POST, path, token, Some(body), None).await
}

async fn patch(t: &T, path: &str, token: &str, body: Value) -> (u16, Value) {
    send(t, Method::PATCH, path, token, Some(body), None).await
}

async fn delete(t: &T, path: &str, token: &str) -> (u16, Value) {
    send(t, Method::DELETE, path, token, None, None).await
}

/// The stored events of a calendar of the first account.
async fn stored_all(t: &T, calendar: &str) -> Vec<Value> {
    let r = t
        .http
        .get(format!(
            "{}/_sandbox/calendar/events/{}",
            t.url,
            enc(calendar)
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let body: Value = r.json().await.unwrap();
    body["events"].as_array().unwrap().clone()
}

async fn stored(t: &T, calendar: &str, id: &str) -> Value {
    stored_all(t, calendar)
        .await
        .into_iter()
        .find(|e| e["id"] == id)
        .unwrap_or_else(|| panic!("{id} stored"))
}

async fn notifications(t: &T) -> Vec<Value> {
    let r = t
        .http
        .get(format!("{}/_sandbox/calendar/notifications", t.url))
        .send()
        .await
        .unwrap();
    r.json::<Value>().await.unwrap().as_array().unwrap().clone()
}

fn error(body: &Value) -> (&str, &str, &str) {
    (
        body["error"]["errors"][0]["reason"].as_str().unwrap_or(""),
        body["error"]["message"].as_str().unwrap_or(""),
        body["error"]["errors"][0]["domain"].as_str().unwrap_or(""),
    )
}

/// `{ dateTime, timeZone }` as Google stores it.
fn at(date_time: &str, zone: &str) -> Value {
    json!({ "dateTime": date_time, "timeZone": zone })
}

fn items(list: &Value) -> Vec<Value> {
    list["items"].as_array().unwrap().clone()
}

async fn list(t: &T, token: &str, query: &str) -> Vec<Value> {
    let (status, body) = t.get_json(&format!("{PRIMARY}?{query}"), token).await;
    assert_eq!(status, 200, "{body}");
    items(&body)
}

#[tokio::test]
async fn insert_checks_ids_times_and_zones_and_stores_google_shapes() {
    let t = start().await;
    let token = t.token(CAL).await;
    let times = json!({ "start": { "dateTime": "2030-05-01T10:00:00Z" }, "end": { "dateTime": "2030-05-01T11:00:00Z" } });
    let with = |extra: Value| {
        let mut v = times.clone();
        for (k, x) in extra.as_object().unwrap() {
            v[k] = x.clone();
        }
        v
    };
    for bad in ["abc", "Upper0001", "has_underscore", "wxyz01234"] {
        let (status, body) = post(&t, PRIMARY, &token, with(json!({ "id": bad }))).await;
        assert_eq!(status, 400, "{bad}");
        assert_eq!(error(&body).1, "Invalid resource id value.");
    }
    let (status, ev) = post(&t, PRIMARY, &token, with(json!({ "id": "meeting0001" }))).await;
    assert_eq!((status, ev["id"].as_str()), (200, Some("meeting0001")));
    let (status, body) = post(&t, PRIMARY, &token, with(json!({ "id": "meeting0001" }))).await;
    assert_eq!(status, 409);
    assert_eq!(error(&body).0, "duplicate");
    assert_eq!(error(&body).1, "The requested identifier already exists.");
    // A deleted event keeps its id.
    assert_eq!(
        delete(&t, &format!("{PRIMARY}/meeting0001"), &token)
            .await
            .0,
        204
    );
    let (status, _) = post(&t, PRIMARY, &token, with(json!({ "id": "meeting0001" }))).await;
    assert_eq!(status, 409);

    let (status, body) = post(&t, PRIMARY, &token, json!({ "start": { "dateTime": "2030-05-01T10:00:00Z" }, "end": { "dateTime": "2030-05-01T09:00:00Z" } })).await;
    assert_eq!(status, 400);
    assert_eq!(
        error(&body),
        (
            "timeRangeEmpty",
            "The specified time range is empty.",
            "calendar"
        )
    );
    let (status, body) = post(
        &t,
        PRIMARY,
        &token,
        json!({ "start": { "date": "2030-05-01" }, "end": { "date": "2030-05-01" } }),
    )
    .await;
    assert_eq!((status, error(&body).0), (400, "timeRangeEmpty"));
    let (status, body) = post(&t, PRIMARY, &token, json!({ "start": at("2030-05-01T10:00:00", "Mars/Olympus"), "end": at("2030-05-01T11:00:00", "Mars/Olympus") })).await;
    assert_eq!(status, 400);
    assert_eq!(
        error(&body).1,
        "Invalid time zone definition for start time."
    );
    let (status, body) = post(
        &t,
        PRIMARY,
        &token,
        with(json!({ "recurrence": ["RRULE:FREQ=DAILY;COUNT=2"] })),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        (error(&body).0, error(&body).1),
        ("required", "Missing time zone definition for start time.")
    );
    let (status, _) = post(&t, PRIMARY, &token, json!({ "start": { "dateTime": "2030-05-01T10:00:00" }, "end": { "dateTime": "2030-05-01T11:00:00" } })).await;
    assert_eq!(status, 400, "no offset and no zone");

    // No title: stored without one. Times are kept with the offset of their own zone.
    let (status, ev) = post(&t, PRIMARY, &token, json!({
        "start": at("2030-05-01T10:00:00", "Asia/Tokyo"), "end": at("2030-05-01T11:30:00", "Asia/Tokyo"),
        "organizer": { "email": "mallory@example.com" }, "etag": "\"1\"", "sequence": 7 })).await;
    assert_eq!(status, 200, "{ev}");
    let tokyo = stored(&t, "ada@satchel.test", ev["id"].as_str().unwrap()).await;
    assert!(tokyo.get("summary").is_none(), "{tokyo}");
    assert_eq!(
        tokyo["start"],
        at("2030-05-01T10:00:00+09:00", "Asia/Tokyo")
    );
    assert_eq!(tokyo["end"], at("2030-05-01T11:30:00+09:00", "Asia/Tokyo"));
    assert_eq!(
        tokyo["organizer"],
        json!({ "email": "ada@satchel.test", "displayName": "Ada Lovelace", "self": true })
    );
    assert_eq!(tokyo["creator"], tokyo["organizer"]);
    assert_eq!(tokyo["sequence"], 0);
    assert_ne!(tokyo["etag"], "\"1\"");
    assert_eq!(tokyo["status"], "confirmed");
    assert_eq!(tokyo["created"], tokyo["updated"]);
    // The answer is in the calendar's zone (London, summer time), keeping the event's zone.
    assert_eq!(ev["start"], at("2030-05-01T02:00:00+01:00", "Asia/Tokyo"));

    let (_, la) = post(&t, PRIMARY, &token, json!({ "summary": "LA",
        "start": at("2030-01-15T17:00:00Z", "America/Los_Angeles"), "end": at("2030-01-15T18:00:00Z", "America/Los_Angeles") })).await;
    let la = stored(&t, "ada@satchel.test", la["id"].as_str().unwrap()).await;
    assert_eq!(
        la["start"],
        at("2030-01-15T09:00:00-08:00", "America/Los_Angeles")
    );
    // Without a zone, the calendar's (London in January: +00:00, written Z).
    let (_, plain) = post(&t, PRIMARY, &token, json!({ "summary": "Plain",
        "start": { "dateTime": "2030-01-15T10:00:00+02:00" }, "end": { "dateTime": "2030-01-15T11:00:00+02:00" } })).await;
    let plain = stored(&t, "ada@satchel.test", plain["id"].as_str().unwrap()).await;
    assert_eq!(
        plain["start"],
        json!({ "dateTime": "2030-01-15T08:00:00Z" })
    );
    let (_, day) = post(
        &t,
        PRIMARY,
        &token,
        json!({ "summary": "Two days",
        "start": { "date": "2030-06-01" }, "end": { "date": "2030-06-03" } }),
    )
    .await;
    let day = stored(&t, "ada@satchel.test", day["id"].as_str().unwrap()).await;
    assert_eq!(
        (&day["start"], &day["end"]),
        (
            &json!({ "date": "2030-06-01" }),
            &json!({ "date": "2030-06-03" })
        )
    );
}

#[tokio::test]
async fn read_only_calendars_and_read_only_tokens_refuse_writes() {
    let t = start().await;
    let token = t.token(CAL).await;
    let (_, list) = t
        .get_json("/calendar/v3/users/me/calendarList", &token)
        .await;
    let role = |summary: &str| {
        items(&list)
            .into_iter()
            .find(|c| c["summary"] == summary)
            .map(|c| {
                (
                    c["id"].as_str().unwrap().to_string(),
                    c["accessRole"].clone(),
                )
            })
            .unwrap()
    };
    assert_eq!(role("ada@satchel.test").1, "owner");
    let (family, family_role) = role("Family");
    assert_eq!(family_role, "writer");
    assert_eq!(role("Holidays in United Kingdom").1, "reader");
    assert_eq!(role("Charles Babbage").1, "freeBusyReader");

    let body = json!({ "summary": "x", "start": { "date": "2030-01-01" }, "end": { "date": "2030-01-02" } });
    let holiday = stored_all(&t, HOLIDAYS).await[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let on_holidays = format!("{}/{holiday}", events_of(HOLIDAYS));
    for (method, path, body) in [
        (Method::POST, events_of(HOLIDAYS), Some(body.clone())),
        (
            Method::POST,
            events_of("charles@analytical.example"),
            Some(body.clone()),
        ),
        (
            Method::PATCH,
            on_holidays.clone(),
            Some(json!({ "summary": "Mine" })),
        ),
        (Method::PUT, on_holidays.clone(), Some(body.clone())),
        (Method::DELETE, on_holidays.clone(), None),
    ] {
        let (status, answer) = send(&t, method.clone(), &path, &token, body, None).await;
        assert_eq!(status, 403, "{method} {path}");
        assert_eq!(
            error(&answer),
            (
                "requiredAccessLevel",
                "You need to have writer access to this calendar.",
                "calendar"
            )
        );
    }
    assert_eq!(stored(&t, HOLIDAYS, &holiday).await["status"], "confirmed");

    // A writer calendar takes every write; its events' organizer is the calendar.
    let (status, ev) = post(&t, &events_of(&family), &token, body.clone()).await;
    assert_eq!(status, 200, "{ev}");
    assert_eq!(ev["organizer"]["email"], family.as_str());
    assert_eq!(ev["creator"]["email"], "ada@satchel.test");
    let path = format!("{}/{}", events_of(&family), ev["id"].as_str().unwrap());
    assert_eq!(
        patch(&t, &path, &token, json!({ "summary": "y" })).await.0,
        200
    );
    assert_eq!(delete(&t, &path, &token).await.0, 204);

    // Scopes: calendar.events writes, calendar.readonly does not.
    let events_token = t.token(EVENTS_SCOPE).await;
    let (status, ev) = post(&t, PRIMARY, &events_token, body.clone()).await;
    assert_eq!(status, 200, "{ev}");
    let path = format!("{PRIMARY}/{}", ev["id"].as_str().unwrap());
    let read = t.token(CAL_READ).await;
    for (method, body) in [
        (Method::PATCH, Some(json!({ "summary": "z" }))),
        (Method::PUT, Some(body.clone())),
        (Method::DELETE, None),
    ] {
        let (status, answer) = send(&t, method, &path, &read, body, None).await;
        assert_eq!(status, 403);
        assert_eq!(error(&answer).0, "insufficientPermissions");
    }
    assert_eq!(delete(&t, &path, &events_token).await.0, 204);
    let (status, _) = delete(&t, &format!("{PRIMARY}/nosuchevent1"), &token).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn patch_merges_update_replaces_and_each_write_restamps() {
    let t = start().await;
    let token = t.token(CAL).await;
    let (status, ev) = post(&t, PRIMARY, &token, json!({
        "summary": "Planning", "description": "Bring numbers", "location": "Room 1",
        "start": at("2030-05-01T10:00:00", "Europe/London"), "end": at("2030-05-01T11:00:00", "Europe/London"),
        "attendees": [{ "email": "a@example.com" }, { "email": "b@example.com", "responseStatus": "tentative" }],
        "reminders": { "useDefault": false, "overrides": [{ "method": "popup", "minutes": 10 }, { "method": "email", "minutes": 60 }] },
        "extendedProperties": { "private": { "a": "1", "b": "2" } }
    })).await;
    assert_eq!(status, 200, "{ev}");
    let id = ev["id"].as_str().unwrap().to_string();
    let path = format!("{PRIMARY}/{id}");
    let before = stored(&t, "ada@satchel.test", &id).await;
    assert_eq!(
        before["attendees"],
        json!([{ "email": "a@example.com", "responseStatus": "needsAction" },
               { "email": "b@example.com", "responseStatus": "tentative" }])
    );

    let (status, got) = patch(
        &t,
        &path,
        &token,
        json!({
            "summary": "Planning v2", "location": null,
            "reminders": { "overrides": [{ "method": "popup", "minutes": 5 }] },
            "extendedProperties": { "private": { "b": "3" } }
        }),
    )
    .await;
    assert_eq!(status, 200, "{got}");
    let after = stored(&t, "ada@satchel.test", &id).await;
    assert_eq!(after["summary"], "Planning v2");
    assert!(after.get("location").is_none(), "null clears: {after}");
    assert_eq!(after["description"], "Bring numbers");
    assert_eq!(
        after["reminders"],
        json!({ "useDefault": false, "overrides": [{ "method": "popup", "minutes": 5 }] })
    );
    assert_eq!(
        after["extendedProperties"],
        json!({ "private": { "a": "1", "b": "3" } })
    );
    assert_eq!(after["attendees"], before["attendees"]);
    assert_ne!(after["etag"], before["etag"]);
    assert!(after["updated"].as_str() > before["updated"].as_str());
    assert_eq!(after["created"], before["created"]);
    assert_eq!(after["sequence"], 0, "no time change, same sequence");
    assert_eq!(got["etag"], after["etag"]);

    // Arrays replace whole; a time change bumps the sequence.
    let (status, _) = patch(&t, &path, &token, json!({
        "attendees": [{ "email": "c@example.com" }],
        "start": { "dateTime": "2030-05-01T12:00:00+01:00" }, "end": { "dateTime": "2030-05-01T13:00:00+01:00" }
    })).await;
    assert_eq!(status, 200);
    let moved = stored(&t, "ada@satchel.test", &id).await;
    assert_eq!(
        moved["attendees"],
        json!([{ "email": "c@example.com", "responseStatus": "needsAction" }])
    );
    assert_eq!(
        moved["start"],
        at("2030-05-01T12:00:00+01:00", "Europe/London")
    );
    assert_eq!(moved["sequence"], 1);

    // All-day via patch: the timed fields must be cleared, as with Google's merge.
    let (status, body) = patch(
        &t,
        &path,
        &token,
        json!({ "start": { "date": "2030-05-02" }, "end": { "date": "2030-05-03" } }),
    )
    .await;
    assert_eq!(status, 400, "{body}");
    let (status, _) = patch(
        &t,
        &path,
        &token,
        json!({
        "start": { "date": "2030-05-02", "dateTime": null, "timeZone": null },
        "end": { "date": "2030-05-03", "dateTime": null, "timeZone": null } }),
    )
    .await;
    assert_eq!(status, 200);
    let all_day = stored(&t, "ada@satchel.test", &id).await;
    assert_eq!(all_day["start"], json!({ "date": "2030-05-02" }));
    assert_eq!(all_day["sequence"], 2);

    // update replaces: what is not sent is gone; server fields stay.
    let (status, put) = send(&t, Method::PUT, &path, &token, Some(json!({
        "summary": "Replaced", "id": "someotherid1", "created": "2000-01-01T00:00:00.000Z",
        "start": at("2030-05-03T09:00:00", "Asia/Tokyo"), "end": at("2030-05-03T10:00:00", "Asia/Tokyo")
    })), None).await;
    assert_eq!(status, 200, "{put}");
    let replaced = stored(&t, "ada@satchel.test", &id).await;
    for gone in ["description", "attendees", "extendedProperties"] {
        assert!(replaced.get(gone).is_none(), "{gone}: {replaced}");
    }
    assert_eq!(replaced["reminders"], json!({ "useDefault": true }));
    assert_eq!(replaced["id"], id.as_str());
    assert_eq!(replaced["created"], before["created"]);
    assert_eq!(replaced["organizer"], before["organizer"]);
    assert_eq!(replaced["iCalUID"], before["iCalUID"]);
    assert_eq!(
        replaced["start"],
        at("2030-05-03T09:00:00+09:00", "Asia/Tokyo")
    );
    assert_eq!(replaced["sequence"], 3);
    let (status, _) = send(
        &t,
        Method::PUT,
        &path,
        &token,
        Some(json!({ "summary": "No times" })),
        None,
    )
    .await;
    assert_eq!(status, 400);
    let (status, _) = patch(&t, &format!("{PRIMARY}/nosuchevent1"), &token, json!({})).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn if_match_guards_writes_and_deletes_leave_cancelled_events() {
    let t = start().await;
    let token = t.token(CAL).await;
    let (_, ev) = post(&t, PRIMARY, &token, json!({ "summary": "Guarded",
        "start": { "dateTime": "2030-07-01T10:00:00Z" }, "end": { "dateTime": "2030-07-01T10:30:00Z" } })).await;
    let id = ev["id"].as_str().unwrap().to_string();
    let path = format!("{PRIMARY}/{id}");
    let first = ev["etag"].as_str().unwrap().to_string();
    let (status, ev2) = send(
        &t,
        Method::PATCH,
        &path,
        &token,
        Some(json!({ "summary": "Guarded 2" })),
        Some(&first),
    )
    .await;
    assert_eq!(status, 200, "{ev2}");
    let second = ev2["etag"].as_str().unwrap().to_string();
    assert_ne!(first, second);
    for method in [Method::PATCH, Method::PUT, Method::DELETE] {
        let body = (method != Method::DELETE).then(|| json!({ "summary": "Lost update",
            "start": { "dateTime": "2030-07-01T10:00:00Z" }, "end": { "dateTime": "2030-07-01T10:30:00Z" } }));
        let (status, answer) = send(&t, method.clone(), &path, &token, body, Some(&first)).await;
        assert_eq!(status, 412, "{method}");
        assert_eq!(
            error(&answer),
            ("conditionNotMet", "Precondition Failed", "global")
        );
        assert_eq!(answer["error"]["errors"][0]["location"], "If-Match");
    }
    assert_eq!(
        stored(&t, "ada@satchel.test", &id).await["summary"],
        "Guarded 2"
    );
    let (status, _) = send(
        &t,
        Method::PATCH,
        &path,
        &token,
        Some(json!({ "colorId": "5" })),
        Some("*"),
    )
    .await;
    assert_eq!(status, 200);
    let current = stored(&t, "ada@satchel.test", &id).await["etag"]
        .as_str()
        .unwrap()
        .to_string();
    let (status, body) = send(&t, Method::DELETE, &path, &token, None, Some(&current)).await;
    assert_eq!((status, body), (204, Value::Null));
    let (status, again) = delete(&t, &path, &token).await;
    assert_eq!(status, 410);
    assert_eq!(
        error(&again),
        ("deleted", "Resource has been deleted", "global")
    );

    let deleted = stored(&t, "ada@satchel.test", &id).await;
    assert_eq!(deleted["status"], "cancelled");
    assert_eq!(deleted["summary"], "Guarded 2");
    assert_ne!(deleted["etag"], current.as_str());
    let (status, got) = t.get_json(&path, &token).await;
    assert_eq!((status, got["status"].as_str()), (200, Some("cancelled")));
    let window = "timeMin=2030-07-01T00:00:00Z&timeMax=2030-07-02T00:00:00Z";
    assert!(list(&t, &token, window).await.is_empty());
    let shown = list(&t, &token, &format!("{window}&showDeleted=true")).await;
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0]["status"], "cancelled");
    // Google's undelete: a deleted event set back to confirmed.
    let (status, back) = patch(&t, &path, &token, json!({ "status": "confirmed" })).await;
    assert_eq!((status, back["status"].as_str()), (200, Some("confirmed")));
    assert_eq!(list(&t, &token, window).await.len(), 1);
}

fn starts(list: &[Value]) -> Vec<String> {
    list.iter()
        .map(|i| {
            i["start"]["dateTime"]
                .as_str()
                .or(i["start"]["date"].as_str())
                .unwrap()
                .to_string()
        })
        .collect()
}

#[tokio::test]
async fn instances_are_written_as_exceptions_across_a_dst_change() {
    let t = start().await;
    let token = t.token(CAL).await;
    // Mondays 09:00 in Athens; summer time starts on Sunday 31 March 2030.
    let (status, master) = post(&t, PRIMARY, &token, json!({ "summary": "Athens weekly",
        "start": at("2030-03-18T09:00:00", "Europe/Athens"), "end": at("2030-03-18T09:45:00", "Europe/Athens"),
        "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=4"] })).await;
    assert_eq!(status, 200, "{master}");
    let id = master["id"].as_str().unwrap().to_string();
    let window = "timeMin=2030-03-01T00:00:00Z&timeMax=2030-05-01T00:00:00Z&singleEvents=true&orderBy=startTime&timeZone=Europe/Athens";
    let all = list(&t, &token, window).await;
    assert_eq!(
        starts(&all),
        [
            "2030-03-18T09:00:00+02:00",
            "2030-03-25T09:00:00+02:00",
            "2030-04-01T09:00:00+03:00",
            "2030-04-08T09:00:00+03:00"
        ]
    );
    let ids: Vec<&str> = all.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids[1], format!("{id}_20300325T070000Z"));
    assert_eq!(ids[2], format!("{id}_20300401T060000Z"));

    // This event only: moved an hour later.
    let second = format!("{PRIMARY}/{id}_20300325T070000Z");
    let (status, moved) = patch(&t, &second, &token, json!({ "summary": "Athens weekly (moved)",
        "start": at("2030-03-25T10:00:00", "Europe/Athens"), "end": at("2030-03-25T10:45:00", "Europe/Athens") })).await;
    assert_eq!(status, 200, "{moved}");
    let exception = stored(&t, "ada@satchel.test", &format!("{id}_20300325T070000Z")).await;
    assert_eq!(exception["recurringEventId"], id.as_str());
    assert_eq!(
        exception["originalStartTime"],
        at("2030-03-25T09:00:00+02:00", "Europe/Athens")
    );
    assert_eq!(
        exception["start"],
        at("2030-03-25T10:00:00+02:00", "Europe/Athens")
    );
    assert_eq!(exception["iCalUID"], master["iCalUID"]);
    assert_eq!(exception["sequence"], 1);
    assert!(exception.get("recurrence").is_none());
    // Deleted occurrence: a cancelled exception, hidden from expanded lists.
    let third = format!("{PRIMARY}/{id}_20300401T060000Z");
    assert_eq!(delete(&t, &third, &token).await.0, 204);
    assert_eq!(delete(&t, &third, &token).await.0, 410);
    let cancelled = stored(&t, "ada@satchel.test", &format!("{id}_20300401T060000Z")).await;
    let mut keys: Vec<&String> = cancelled.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "etag",
            "id",
            "kind",
            "originalStartTime",
            "recurringEventId",
            "status",
            "updated"
        ]
    );
    assert_eq!(
        cancelled["originalStartTime"],
        at("2030-04-01T09:00:00+03:00", "Europe/Athens")
    );
    let now = list(&t, &token, window).await;
    assert_eq!(
        starts(&now),
        [
            "2030-03-18T09:00:00+02:00",
            "2030-03-25T10:00:00+02:00",
            "2030-04-08T09:00:00+03:00"
        ]
    );
    assert_eq!(now[1]["summary"], "Athens weekly (moved)");
    let with_deleted = list(&t, &token, &format!("{window}&showDeleted=true")).await;
    assert_eq!(with_deleted.len(), 4);
    let (_, got) = t.get_json(&second, &token).await;
    assert_eq!(got["summary"], "Athens weekly (moved)");
    // A time that is no occurrence names nothing.
    let (status, _) = patch(
        &t,
        &format!("{PRIMARY}/{id}_20300325T080000Z"),
        &token,
        json!({ "summary": "x" }),
    )
    .await;
    assert_eq!(status, 404);
    let (status, _) = patch(
        &t,
        &format!("{PRIMARY}/{id}_20300415T060000Z"),
        &token,
        json!({ "summary": "x" }),
    )
    .await;
    assert_eq!(status, 404, "past COUNT");

    // All-day series: instance ids end in the date.
    let (_, days) = post(
        &t,
        PRIMARY,
        &token,
        json!({ "summary": "Bins",
        "start": { "date": "2030-06-04" }, "end": { "date": "2030-06-05" },
        "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=3"] }),
    )
    .await;
    let days_id = days["id"].as_str().unwrap();
    assert_eq!(
        delete(&t, &format!("{PRIMARY}/{days_id}_20300611"), &token)
            .await
            .0,
        204
    );
    let bins = list(&t, &token, "timeMin=2030-06-01T00:00:00Z&timeMax=2030-07-01T00:00:00Z&singleEvents=true&orderBy=startTime&q=Bins").await;
    assert_eq!(starts(&bins), ["2030-06-04", "2030-06-18"]);
    assert_eq!(bins[1]["id"], format!("{days_id}_20300618"));

    // Deleting the series takes its exceptions along.
    assert_eq!(delete(&t, &format!("{PRIMARY}/{id}"), &token).await.0, 204);
    assert!(list(&t, &token, window).await.is_empty());
    assert_eq!(
        stored(&t, "ada@satchel.test", &format!("{id}_20300325T070000Z")).await["status"],
        "cancelled"
    );
    let fourth = format!("{PRIMARY}/{id}_20300408T060000Z");
    assert_eq!(
        patch(&t, &fourth, &token, json!({ "summary": "x" }))
            .await
            .0,
        410
    );
    assert_eq!(delete(&t, &fourth, &token).await.0, 410);
}

#[tokio::test]
async fn this_and_following_splits_a_series_with_until_in_both_forms() {
    let t = start().await;
    let token = t.token(CAL).await;
    // Wednesdays 18:00 in Athens; winter time from Sunday 27 October 2030.
    let (_, master) = post(&t, PRIMARY, &token, json!({ "summary": "Choir",
        "start": at("2030-10-16T18:00:00", "Europe/Athens"), "end": at("2030-10-16T19:30:00", "Europe/Athens"),
        "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=6"] })).await;
    let id = master["id"].as_str().unwrap().to_string();
    let window = "timeMin=2030-10-01T00:00:00Z&timeMax=2030-12-31T00:00:00Z&singleEvents=true&orderBy=startTime&timeZone=Europe/Athens&q=Choir";
    assert_eq!(
        starts(&list(&t, &token, window).await),
        [
            "2030-10-16T18:00:00+03:00",
            "2030-10-23T18:00:00+03:00",
            "2030-10-30T18:00:00+02:00",
            "2030-11-06T18:00:00+02:00",
            "2030-11-13T18:00:00+02:00",
            "2030-11-20T18:00:00+02:00"
        ]
    );
    // An exception after the split point, which the split must not leave behind.
    let (status, _) = patch(
        &t,
        &format!("{PRIMARY}/{id}_20301106T160000Z"),
        &token,
        json!({ "location": "Crypt" }),
    )
    .await;
    assert_eq!(status, 200);

    // "This and following" from 30 October, moved to 19:00: end the old series just
    // before, and start a new one.
    let (status, old) = patch(
        &t,
        &format!("{PRIMARY}/{id}"),
        &token,
        json!({ "recurrence": ["RRULE:FREQ=WEEKLY;UNTIL=20301030T155959Z"] }),
    )
    .await;
    assert_eq!(status, 200, "{old}");
    assert_eq!(old["sequence"], 1);
    let (status, new) = post(&t, PRIMARY, &token, json!({ "summary": "Choir",
        "start": at("2030-10-30T19:00:00", "Europe/Athens"), "end": at("2030-10-30T20:30:00", "Europe/Athens"),
        "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=4"] })).await;
    assert_eq!(status, 200, "{new}");
    let after = list(&t, &token, window).await;
    assert_eq!(
        starts(&after),
        [
            "2030-10-16T18:00:00+03:00",
            "2030-10-23T18:00:00+03:00",
            "2030-10-30T19:00:00+02:00",
            "2030-11-06T19:00:00+02:00",
            "2030-11-13T19:00:00+02:00",
            "2030-11-20T19:00:00+02:00"
        ]
    );
    assert!(
        after.iter().all(|i| i.get("location").is_none()),
        "{after:?}"
    );
    assert_eq!(
        stored(&t, "ada@satchel.test", &format!("{id}_20301106T160000Z")).await["status"],
        "cancelled"
    );
    let new_id = new["id"].as_str().unwrap();
    assert_eq!(after[2]["id"], format!("{new_id}_20301030T170000Z"));

    // UNTIL as a date includes that day.
    let (status, _) = patch(
        &t,
        &format!("{PRIMARY}/{new_id}"),
        &token,
        json!({ "recurrence": ["RRULE:FREQ=WEEKLY;UNTIL=20301113"] }),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(list(&t, &token, window).await.len(), 5);
    let (_, instances) = t
        .get_json(
            &format!("{PRIMARY}/{id}/instances?timeZone=Europe/Athens"),
            &token,
        )
        .await;
    assert_eq!(
        starts(&items(&instances)),
        ["2030-10-16T18:00:00+03:00", "2030-10-23T18:00:00+03:00"]
    );
    // "All events": patch the master.
    let (status, _) = patch(
        &t,
        &format!("{PRIMARY}/{new_id}"),
        &token,
        json!({ "summary": "Choir (new hall)" }),
    )
    .await;
    assert_eq!(status, 200);
    let renamed = list(
        &t,
        &token,
        "timeMin=2030-10-29T00:00:00Z&timeMax=2030-12-31T00:00:00Z&singleEvents=true&q=new%20hall",
    )
    .await;
    assert_eq!(renamed.len(), 3);
}

#[tokio::test]
async fn recurring_events_in_tokyo_and_los_angeles_keep_local_time() {
    let t = start().await;
    let token = t.token(CAL).await;
    // US summer time starts on Sunday 10 March 2030; Tokyo has none.
    let (_, la) = post(&t, PRIMARY, &token, json!({ "summary": "Pacific daily",
        "start": at("2030-03-08T08:00:00", "America/Los_Angeles"), "end": at("2030-03-08T08:30:00", "America/Los_Angeles"),
        "recurrence": ["RRULE:FREQ=DAILY;COUNT=4"] })).await;
    let la_id = la["id"].as_str().unwrap();
    let (_, tokyo) = post(&t, PRIMARY, &token, json!({ "summary": "Tokyo daily",
        "start": at("2030-03-08T08:00:00", "Asia/Tokyo"), "end": at("2030-03-08T08:30:00", "Asia/Tokyo"),
        "recurrence": ["RRULE:FREQ=DAILY;COUNT=4"] })).await;
    let tokyo_id = tokyo["id"].as_str().unwrap();
    let window = "timeMin=2030-03-07T00:00:00Z&timeMax=2030-03-13T00:00:00Z&singleEvents=true&orderBy=startTime";
    let (_, list_la) = t
        .get_json(
            &format!("{PRIMARY}?{window}&q=Pacific&timeZone=America/Los_Angeles"),
            &token,
        )
        .await;
    assert_eq!(
        starts(&items(&list_la)),
        [
            "2030-03-08T08:00:00-08:00",
            "2030-03-09T08:00:00-08:00",
            "2030-03-10T08:00:00-07:00",
            "2030-03-11T08:00:00-07:00"
        ]
    );
    assert_eq!(
        items(&list_la)[2]["id"],
        format!("{la_id}_20300310T150000Z")
    );
    let (_, list_tokyo) = t
        .get_json(&format!("{PRIMARY}?{window}&q=Tokyo%20daily"), &token)
        .await;
    let ids: Vec<Value> = items(&list_tokyo).iter().map(|i| i["id"].clone()).collect();
    assert_eq!(ids[0], format!("{tokyo_id}_20300307T230000Z"));
    assert_eq!(ids[3], format!("{tokyo_id}_20300310T230000Z"));
    // Moving one LA instance keeps the others in place and the zone on the exception.
    let (status, moved) = patch(&t, &format!("{PRIMARY}/{la_id}_20300310T150000Z"), &token, json!({
        "start": { "dateTime": "2030-03-10T09:00:00-07:00" }, "end": { "dateTime": "2030-03-10T09:30:00-07:00" } })).await;
    assert_eq!(status, 200, "{moved}");
    let stored_la = stored(&t, "ada@satchel.test", &format!("{la_id}_20300310T150000Z")).await;
    assert_eq!(
        stored_la["start"],
        at("2030-03-10T09:00:00-07:00", "America/Los_Angeles")
    );
    assert_eq!(
        stored_la["originalStartTime"],
        at("2030-03-10T08:00:00-07:00", "America/Los_Angeles")
    );
}

#[tokio::test]
async fn conference_data_is_made_only_with_version_one() {
    let t = start().await;
    let token = t.token(CAL).await;
    let request = json!({ "createRequest": { "requestId": "req-1", "conferenceSolutionKey": { "type": "hangoutsMeet" } } });
    let times = json!({ "start": { "dateTime": "2030-08-01T10:00:00Z" }, "end": { "dateTime": "2030-08-01T11:00:00Z" } });
    let mut body = times.clone();
    body["conferenceData"] = request.clone();
    let (status, plain) = post(&t, PRIMARY, &token, body.clone()).await;
    assert_eq!(status, 200);
    assert!(plain.get("conferenceData").is_none() && plain.get("hangoutLink").is_none());

    let (status, ev) = post(
        &t,
        &format!("{PRIMARY}?conferenceDataVersion=1"),
        &token,
        body.clone(),
    )
    .await;
    assert_eq!(status, 200, "{ev}");
    let id = ev["id"].as_str().unwrap().to_string();
    let kept = stored(&t, "ada@satchel.test", &id).await;
    let data = &kept["conferenceData"];
    let code = data["conferenceId"].as_str().unwrap().to_string();
    assert!(
        code.len() == 12
            && code.chars().all(|c| c == '-' || c.is_ascii_lowercase())
            && &code[3..4] == "-"
            && &code[8..9] == "-",
        "{code}"
    );
    let link = format!("https://meet.google.com/{code}");
    assert_eq!(
        data,
        &json!({
            "createRequest": { "requestId": "req-1", "conferenceSolutionKey": { "type": "hangoutsMeet" }, "status": { "statusCode": "success" } },
            "entryPoints": [{ "entryPointType": "video", "uri": link, "label": format!("meet.google.com/{code}") }],
            "conferenceSolution": { "key": { "type": "hangoutsMeet" }, "name": "Google Meet",
                "iconUri": "https://fonts.gstatic.com/s/i/productlogos/meet_2020q4/v6/web-512dp/logo_meet_2020q4_color_2x_web_512dp.png" },
            "conferenceId": code,
        })
    );
    assert_eq!(kept["hangoutLink"], link.as_str());
    assert_eq!(ev["conferenceData"], *data);

    let path = format!("{PRIMARY}/{id}");
    // The same request id again: the same conference.
    let (_, same) = patch(
        &t,
        &format!("{path}?conferenceDataVersion=1"),
        &token,
        json!({ "conferenceData": request }),
    )
    .await;
    assert_eq!(same["conferenceData"]["conferenceId"], code.as_str());
    // Version 0 ignores conferenceData, even null.
    let (_, still) = patch(
        &t,
        &path,
        &token,
        json!({ "conferenceData": null, "summary": "Still" }),
    )
    .await;
    assert_eq!(
        (still["summary"].as_str(), &still["hangoutLink"]),
        (Some("Still"), &json!(link))
    );
    let (_, removed) = patch(
        &t,
        &format!("{path}?conferenceDataVersion=1"),
        &token,
        json!({ "conferenceData": null }),
    )
    .await;
    assert!(
        removed.get("conferenceData").is_none() && removed.get("hangoutLink").is_none(),
        "{removed}"
    );
    // Added later, to an event without one.
    let plain_path = format!(
        "{PRIMARY}/{}?conferenceDataVersion=1",
        plain["id"].as_str().unwrap()
    );
    let (_, added) = patch(&t, &plain_path, &token, json!({ "conferenceData": { "createRequest": { "requestId": "req-2", "conferenceSolutionKey": { "type": "hangoutsMeet" } } } })).await;
    assert!(added["hangoutLink"]
        .as_str()
        .unwrap()
        .starts_with("https://meet.google.com/"));
    assert_ne!(added["conferenceData"]["conferenceId"], code.as_str());
    let mut bad = times.clone();
    bad["conferenceData"] = json!({ "createRequest": { "requestId": "r", "conferenceSolutionKey": { "type": "eventHangout" } } });
    let (status, body) = post(
        &t,
        &format!("{PRIMARY}?conferenceDataVersion=1"),
        &token,
        bad,
    )
    .await;
    assert_eq!(
        (status, error(&body).1),
        (400, "Invalid conference type value.")
    );
    let (status, _) = post(
        &t,
        &format!("{PRIMARY}?conferenceDataVersion=2"),
        &token,
        times,
    )
    .await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn attendees_answers_and_the_notifications_google_would_send() {
    let t = start().await;
    let token = t.token(CAL).await;
    let body = json!({ "summary": "Offsite",
        "start": { "dateTime": "2030-09-01T10:00:00Z" }, "end": { "dateTime": "2030-09-01T11:00:00Z" },
        "attendees": [{ "email": "ada@satchel.test", "self": false }, { "email": "x@example.com", "organizer": true },
                      { "email": "grace@satchel.test", "displayName": "Grace" }] });
    let (_, quiet) = post(&t, PRIMARY, &token, body.clone()).await;
    assert_eq!(
        quiet["attendees"],
        json!([
            { "email": "ada@satchel.test", "self": true, "organizer": true, "responseStatus": "accepted" },
            { "email": "x@example.com", "responseStatus": "needsAction" },
            { "email": "grace@satchel.test", "displayName": "Grace", "responseStatus": "needsAction" }
        ])
    );
    assert!(
        notifications(&t).await.is_empty(),
        "sendUpdates defaults to none"
    );
    let (_, loud) = post(
        &t,
        &format!("{PRIMARY}?sendUpdates=all"),
        &token,
        body.clone(),
    )
    .await;
    let (_, external) = post(
        &t,
        &format!("{PRIMARY}?sendUpdates=externalOnly"),
        &token,
        body.clone(),
    )
    .await;
    let (_, legacy) = post(
        &t,
        &format!("{PRIMARY}?sendNotifications=true"),
        &token,
        body.clone(),
    )
    .await;
    let (status, _) = post(
        &t,
        &format!("{PRIMARY}?sendUpdates=everyone"),
        &token,
        body.clone(),
    )
    .await;
    assert_eq!(status, 400, "not one of Discovery's values");
    let sent = notifications(&t).await;
    let summary: Vec<(Value, Value, Value)> = sent
        .iter()
        .map(|n| {
            (
                n["kind"].clone(),
                n["eventId"].clone(),
                n["recipients"].clone(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                json!("insert"),
                loud["id"].clone(),
                json!(["x@example.com", "grace@satchel.test"])
            ),
            (
                json!("insert"),
                external["id"].clone(),
                json!(["x@example.com"])
            ),
            (
                json!("insert"),
                legacy["id"].clone(),
                json!(["x@example.com", "grace@satchel.test"])
            ),
        ]
    );
    assert_eq!(sent[0]["calendarId"], "ada@satchel.test");
    assert_eq!(sent[0]["method"], "calendar.events.insert");
    assert_eq!(sent[0]["sendUpdates"], "all");
    assert_eq!(sent[1]["sendUpdates"], "externalOnly");

    let path = format!("{PRIMARY}/{}", loud["id"].as_str().unwrap());
    patch(
        &t,
        &format!("{path}?sendUpdates=all"),
        &token,
        json!({ "summary": "Offsite (moved)" }),
    )
    .await;
    patch(
        &t,
        &format!("{path}?sendUpdates=all"),
        &token,
        json!({ "attendees": [{ "email": "grace@satchel.test" }, { "email": "new@example.com" }] }),
    )
    .await;
    patch(&t, &path, &token, json!({ "summary": "Quietly renamed" })).await;
    delete(&t, &format!("{path}?sendUpdates=all"), &token).await;
    let later: Vec<(Value, Value)> = notifications(&t).await[3..]
        .iter()
        .map(|n| (n["kind"].clone(), n["recipients"].clone()))
        .collect();
    assert_eq!(
        later,
        [
            (
                json!("update"),
                json!(["x@example.com", "grace@satchel.test"])
            ),
            (json!("insert"), json!(["new@example.com"])),
            (json!("cancel"), json!(["x@example.com"])),
            (
                json!("cancel"),
                json!(["grace@satchel.test", "new@example.com"])
            ),
        ]
    );
}

#[tokio::test]
async fn invitations_take_only_the_guests_own_answer() {
    let t = start().await;
    let token = t.token(CAL).await;
    let path = format!("{PRIMARY}/invitekickoff01");
    let (status, invite) = t.get_json(&path, &token).await;
    assert_eq!(status, 200, "{invite}");
    assert_eq!(invite["summary"], "Project kickoff");
    assert_eq!(invite["organizer"]["email"], "mary@somerville.example");
    assert!(invite["organizer"].get("self").is_none());
    let me = |ev: &Value| {
        ev["attendees"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["self"] == true)
            .unwrap()
            .clone()
    };
    assert_eq!(me(&invite)["responseStatus"], "needsAction");
    let forbidden = (
        "forbiddenForNonOrganizer",
        "Shared properties can only be changed by the organizer of the event.",
        "calendar",
    );
    for change in [
        json!({ "summary": "My kickoff" }),
        json!({ "start": { "dateTime": "2031-01-01T10:00:00Z" }, "end": { "dateTime": "2031-01-01T11:00:00Z" } }),
        json!({ "attendees": [{ "email": "ada@satchel.test", "responseStatus": "accepted" }] }),
    ] {
        let (status, body) = patch(&t, &format!("{path}?sendUpdates=all"), &token, change).await;
        assert_eq!((status, error(&body)), (403, forbidden));
    }
    let mut answered = invite["attendees"].clone();
    for a in answered.as_array_mut().unwrap() {
        if a["self"] == true {
            a["responseStatus"] = json!("accepted");
            a["comment"] = json!("See you there");
        }
    }
    let (status, ok) = patch(&t, &format!("{path}?sendUpdates=all"), &token, json!({ "attendees": answered, "colorId": "3",
        "reminders": { "useDefault": false, "overrides": [{ "method": "popup", "minutes": 30 }] } })).await;
    assert_eq!(status, 200, "{ok}");
    let kept = stored(&t, "ada@satchel.test", "invitekickoff01").await;
    assert_eq!(me(&kept)["responseStatus"], "accepted");
    assert_eq!(me(&kept)["comment"], "See you there");
    assert_eq!(kept["colorId"], "3");
    assert_eq!(kept["sequence"], invite["sequence"]);
    let sent = notifications(&t).await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(
        (&sent[0]["kind"], &sent[0]["recipients"]),
        (&json!("reply"), &json!(["mary@somerville.example"]))
    );

    // The recurring invitation: answering one occurrence makes an exception.
    let (_, series) = t
        .get_json(&format!("{PRIMARY}/invitereading01"), &token)
        .await;
    assert_eq!(series["summary"], "Reading group");
    assert_eq!(series["recurrence"], json!(["RRULE:FREQ=WEEKLY;COUNT=8"]));
    let (_, instances) = t
        .get_json(&format!("{PRIMARY}/invitereading01/instances"), &token)
        .await;
    let list = items(&instances);
    assert_eq!(list.len(), 8);
    let second = list[1]["id"].as_str().unwrap().to_string();
    let mut declined = list[1]["attendees"].clone();
    for a in declined.as_array_mut().unwrap() {
        if a["self"] == true {
            a["responseStatus"] = json!("declined");
        }
    }
    let (status, body) = patch(
        &t,
        &format!("{PRIMARY}/{second}"),
        &token,
        json!({ "attendees": declined }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let exception = stored(&t, "ada@satchel.test", &second).await;
    assert_eq!(exception["recurringEventId"], "invitereading01");
    assert_eq!(me(&exception)["responseStatus"], "declined");
    assert_eq!(me(&series)["responseStatus"], "needsAction");
    let (status, _) = patch(
        &t,
        &format!("{PRIMARY}/{second}"),
        &token,
        json!({ "location": "Mine" }),
    )
    .await;
    assert_eq!(status, 403);
}
