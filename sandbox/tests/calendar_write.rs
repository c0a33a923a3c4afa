//! Calendar writes as Google does them: events.insert with ids, times and zones, quickAdd,
//! and read-only calendars and tokens refusing writes. Stored events are checked through
//! `/_sandbox/calendar/events/{calendarId}`.

mod common;

use chrono::{DateTime, Duration, Utc};
use common::calendar::*;
use common::*;
use reqwest::Method;
use serde_json::{json, Value};

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
async fn insert_quick_add_and_read_only_calendars() {
    let t = start().await;
    let token = t.token(CAL).await;
    let start = (Utc::now() + Duration::days(2))
        .format("%Y-%m-%dT10:00:00Z")
        .to_string();
    let end = (Utc::now() + Duration::days(2))
        .format("%Y-%m-%dT11:00:00Z")
        .to_string();
    let event = json!({ "summary": "Inserted", "start": { "dateTime": start }, "end": { "dateTime": end } });
    let (status, ev) = t.post(PRIMARY, &token, event).await;
    assert_eq!(status, 200, "{ev}");
    assert_eq!(ev["kind"], "calendar#event");
    assert_eq!(ev["status"], "confirmed");
    assert_eq!(ev["organizer"]["self"], true);
    let id = ev["id"].as_str().unwrap();
    let (status, got) = t.get_json(&format!("{PRIMARY}/{id}"), &token).await;
    assert_eq!((status, got["summary"].as_str()), (200, Some("Inserted")));

    let no_end = json!({ "summary": "No end", "start": { "dateTime": start } });
    let (status, body) = t.post(PRIMARY, &token, no_end).await;
    assert_eq!(status, 400, "{body}");
    let backwards = json!({ "start": { "dateTime": end }, "end": { "dateTime": start } });
    let (status, _) = t.post(PRIMARY, &token, backwards).await;
    assert_eq!(status, 400);

    let lunch = "Lunch with Anna tomorrow 13:00";
    let (status, quick) = quick_add(&t, &token, PRIMARY, lunch).await;
    assert_eq!(status, 200, "{quick}");
    assert_eq!(quick["summary"], "Lunch with Anna");
    let tomorrow = (Utc::now().with_timezone(&chrono_tz::Europe::London) + Duration::days(1))
        .format("%Y-%m-%d")
        .to_string();
    assert!(
        quick["start"]["dateTime"]
            .as_str()
            .unwrap()
            .starts_with(&format!("{tomorrow}T13:00:00")),
        "{quick}"
    );
    let s = DateTime::parse_from_rfc3339(quick["start"]["dateTime"].as_str().unwrap()).unwrap();
    let e = DateTime::parse_from_rfc3339(quick["end"]["dateTime"].as_str().unwrap()).unwrap();
    assert_eq!((e - s).num_minutes(), 60);
    let (_, q2) = quick_add(&t, &token, PRIMARY, "Call Bob today at 4pm").await;
    assert_eq!(q2["summary"], "Call Bob");
    assert!(q2["start"]["dateTime"]
        .as_str()
        .unwrap()
        .contains("T16:00:00"));

    let holidays = enc("en.uk#holiday@group.v.calendar.google.com");
    let holidays = format!("/calendar/v3/calendars/{holidays}/events");
    let event =
        json!({ "summary": "x", "start": { "dateTime": start }, "end": { "dateTime": end } });
    let (status, body) = t.post(&holidays, &token, event).await;
    assert_eq!(status, 403);
    assert_eq!(
        body["error"]["message"],
        "You need to have writer access to this calendar."
    );
    assert_eq!(body["error"]["errors"][0]["reason"], "requiredAccessLevel");
    let (status, _) = quick_add(&t, &token, &holidays, "Party today").await;
    assert_eq!(status, 403);
    // Read-only token cannot insert.
    let read = t.token(CAL_READ).await;
    let (status, _) = quick_add(&t, &read, PRIMARY, "x").await;
    assert_eq!(status, 403);
}
