//! Recurring events written as Google does: instances as exceptions across a DST change,
//! "this and following" splits with UNTIL in both forms, and series in Tokyo and Los
//! Angeles keeping their local time.

mod common;

use common::calendar::*;
use common::*;
use serde_json::{json, Value};

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
