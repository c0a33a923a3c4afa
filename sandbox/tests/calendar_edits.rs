//! Calendar edits as Google does them: events.patch/update/delete, etags and `If-Match`,
//! and the cancelled events deletes leave.

mod common;

use common::calendar::*;
use common::*;
use reqwest::Method;
use serde_json::{json, Value};

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
