//! Calendar: calendar list, events listing (window, recurrence expansion, ordering,
//! paging, time zones).

mod common;

use chrono::{DateTime, Utc};
use common::calendar::*;
use common::*;
use serde_json::Value;

async fn all_pages(t: &T, token: &str, path: &str) -> (Vec<Value>, usize) {
    let mut items = Vec::new();
    let mut pages = 0;
    let mut next: Option<String> = None;
    loop {
        let url = match &next {
            Some(p) => format!("{path}&pageToken={p}"),
            None => path.to_string(),
        };
        let (status, body) = t.get_json(&url, token).await;
        assert_eq!(status, 200, "{body}");
        pages += 1;
        items.extend(body["items"].as_array().unwrap().iter().cloned());
        next = body["nextPageToken"].as_str().map(String::from);
        if next.is_none() {
            assert!(body["nextSyncToken"].is_string());
            break;
        }
    }
    (items, pages)
}

#[tokio::test]
async fn calendar_list_has_five_calendars_and_pages() {
    let t = start().await;
    let token = t.token(CAL_READ).await;
    let (_, list) = t
        .get_json("/calendar/v3/users/me/calendarList", &token)
        .await;
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 5);
    assert_eq!(items[0]["primary"], true);
    assert_eq!(items[0]["id"], "ada@satchel.test");
    assert_eq!(items[1]["summary"], "Work");
    assert_eq!(items[2]["accessRole"], "reader");
    // Unticked in Google Calendar: `selected` is left out (it defaults to false).
    assert_eq!(items[3]["summary"], "Family");
    assert!(items[3].get("selected").is_none(), "{}", items[3]);
    assert_eq!(items[4]["accessRole"], "freeBusyReader");
    for i in items.iter().filter(|i| i["summary"] != "Family") {
        for k in [
            "id",
            "summary",
            "backgroundColor",
            "foregroundColor",
            "colorId",
            "accessRole",
            "timeZone",
            "selected",
        ] {
            assert!(i.get(k).is_some(), "{k} in {i}");
        }
    }
    let (items, pages) = all_pages(
        &t,
        &token,
        "/calendar/v3/users/me/calendarList?maxResults=1",
    )
    .await;
    assert_eq!((items.len(), pages), (5, 5));
    let (_, readable) = t
        .get_json(
            "/calendar/v3/users/me/calendarList?minAccessRole=reader",
            &token,
        )
        .await;
    assert_eq!(readable["items"].as_array().map(Vec::len), Some(4));
    let (_, c) = t
        .get_json(
            &format!(
                "/calendar/v3/calendars/{}",
                enc("en.uk#holiday@group.v.calendar.google.com")
            ),
            &token,
        )
        .await;
    assert_eq!(c["summary"], "Holidays in United Kingdom");
}

#[tokio::test]
async fn recurrence_expansion_with_exdate_moved_and_cancelled_instances() {
    let t = start().await;
    let token = t.token(CAL_READ).await;
    let base = format!(
        "/calendar/v3/calendars/primary/events?singleEvents=true&orderBy=startTime&q={}&{}",
        enc("Team sync"),
        window(30, 60)
    );
    let (_, list) = t.get_json(&base, &token).await;
    let items = list["items"].as_array().unwrap();
    // Weekly from 21 days ago: -21, (-14 excluded), -7, 0, +7 moved, (+14 cancelled), +21 ...
    let ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    let master = ids[0].split('_').next().unwrap().to_string();
    for i in items {
        assert_eq!(i["recurringEventId"], master.as_str());
        assert!(i["id"].as_str().unwrap().starts_with(&format!("{master}_")));
        assert!(i.get("recurrence").is_none());
        assert_eq!(i["status"], "confirmed");
    }
    let suffix = ids[0].rsplit('_').next().unwrap();
    assert_eq!(suffix.len(), 16, "YYYYMMDDTHHMMSSZ: {suffix}");
    let starts: Vec<DateTime<Utc>> = items
        .iter()
        .map(|i| {
            DateTime::parse_from_rfc3339(i["start"]["dateTime"].as_str().unwrap())
                .unwrap()
                .with_timezone(&Utc)
        })
        .collect();
    let gaps: Vec<i64> = starts
        .windows(2)
        .map(|w| (w[1] - w[0]).num_days())
        .collect();
    assert_eq!(gaps[0], 14, "EXDATE removed one week: {gaps:?}");
    let moved = items
        .iter()
        .find(|i| i["summary"] == "Team sync (moved)")
        .expect("moved instance");
    assert!(moved["originalStartTime"]["dateTime"].is_string());
    assert!(moved["start"]["dateTime"]
        .as_str()
        .unwrap()
        .contains("T14:00:00"));
    assert_eq!(
        gaps.iter().filter(|g| **g >= 13).count(),
        2,
        "one EXDATE and one cancelled: {gaps:?}"
    );

    // Cancelled stubs carry no summary, so look for them without `q`.
    let all = format!(
        "/calendar/v3/calendars/primary/events?singleEvents=true&orderBy=startTime&{}",
        window(30, 60)
    );
    let (_, without) = t.get_json(&all, &token).await;
    assert!(without["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["status"] != "cancelled"));
    let (_, with_deleted) = t.get_json(&format!("{all}&showDeleted=true"), &token).await;
    let cancelled: Vec<&Value> = with_deleted["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["status"] == "cancelled" && i["recurringEventId"] == master.as_str())
        .collect();
    assert_eq!(cancelled.len(), 1);
    assert_eq!(cancelled[0]["recurringEventId"], master.as_str());

    // Unexpanded: the master with its recurrence, plus its exceptions.
    let (_, raw) = t
        .get_json(
            &format!("/calendar/v3/calendars/primary/events?{}", window(30, 60)),
            &token,
        )
        .await;
    let raw_items = raw["items"].as_array().unwrap();
    let m = raw_items
        .iter()
        .find(|i| i["id"] == master.as_str())
        .unwrap();
    assert!(m["recurrence"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r.as_str().unwrap().starts_with("EXDATE")));
    assert_eq!(
        raw_items
            .iter()
            .filter(|i| i["recurringEventId"] == master.as_str())
            .count(),
        2
    );

    // An instance can be fetched by its id.
    let (status, inst) = t
        .get_json(
            &format!("/calendar/v3/calendars/primary/events/{}", ids[1]),
            &token,
        )
        .await;
    assert_eq!(status, 200, "{inst}");
    assert_eq!(inst["recurringEventId"], master.as_str());
    let (_, instances) = t
        .get_json(
            &format!(
                "/calendar/v3/calendars/primary/events/{master}/instances?{}",
                window(30, 60)
            ),
            &token,
        )
        .await;
    assert_eq!(instances["items"].as_array().unwrap().len(), items.len());
}

#[tokio::test]
async fn work_calendar_paging_brings_every_event_once() {
    let t = start().await;
    let token = t.token(CAL_READ).await;
    let (_, list) = t
        .get_json("/calendar/v3/users/me/calendarList", &token)
        .await;
    let work = list["items"][1]["id"].as_str().unwrap().to_string();
    let path = format!(
        "/calendar/v3/calendars/{}/events?singleEvents=true&orderBy=startTime&{}",
        enc(&work),
        window(0, 31)
    );
    let (items, pages) = all_pages(&t, &token, &path).await;
    assert!(items.len() > 300, "{} events", items.len());
    assert!(pages >= 2);
    let mut ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "no duplicates across pages");
    let (small, _) = all_pages(&t, &token, &format!("{path}&maxResults=97")).await;
    assert_eq!(small.len(), n);
    let (_, one) = t.get_json(&format!("{path}&maxResults=5000"), &token).await;
    assert_eq!(
        one["items"].as_array().unwrap().len(),
        n,
        "maxResults is capped at 2500, above n"
    );
}

#[tokio::test]
async fn ordering_and_time_validation() {
    let t = start().await;
    let token = t.token(CAL_READ).await;
    let (status, body) = t
        .get_json(
            "/calendar/v3/calendars/primary/events?orderBy=startTime",
            &token,
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(
        body["error"]["message"],
        "The requested ordering is not available for the particular query."
    );
    let (status, _) = t
        .get_json(
            "/calendar/v3/calendars/primary/events?timeMin=2024-01-01T00:00:00",
            &token,
        )
        .await;
    assert_eq!(status, 400);
    let (status, _) = t
        .get_json(
            "/calendar/v3/calendars/primary/events?orderBy=start",
            &token,
        )
        .await;
    assert_eq!(status, 400);
    let (status, _) = t
        .get_json("/calendar/v3/calendars/nobody@example.com/events", &token)
        .await;
    assert_eq!(status, 404);
    let (status, _) = t
        .get_json(
            "/calendar/v3/calendars/primary/events?orderBy=updated",
            &token,
        )
        .await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn time_zone_parameter_renders_times() {
    let t = start().await;
    let token = t.token(CAL_READ).await;
    let (_, list) = t
        .get_json(
            &format!(
                "/calendar/v3/calendars/primary/events?singleEvents=true&timeZone=Asia/Tokyo&{}",
                window(2, 10)
            ),
            &token,
        )
        .await;
    assert_eq!(list["timeZone"], "Asia/Tokyo");
    let timed = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["start"]["dateTime"].is_string())
        .unwrap();
    assert!(timed["start"]["dateTime"]
        .as_str()
        .unwrap()
        .ends_with("+09:00"));
}
