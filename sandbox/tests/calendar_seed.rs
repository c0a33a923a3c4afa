//! Calendar: the seeded calendars as Google shows them: the awkward cases, colors, a
//! free/busy-only calendar and the special event types.

mod common;

use chrono::Duration;
use common::calendar::*;
use common::*;
use serde_json::{json, Value};

#[tokio::test]
async fn seeded_events_cover_the_awkward_cases() {
    let t = start().await;
    let token = t.token(CAL_READ).await;
    let path = format!("/calendar/v3/calendars/primary/events?singleEvents=true&orderBy=startTime&showDeleted=true&{}", window(30, 30));
    let (_, list) = t.get_json(&path, &token).await;
    assert_eq!(list["kind"], "calendar#events");
    assert_eq!(list["timeZone"], "Europe/London");
    let items = list["items"].as_array().unwrap();
    let find = |s: &str| {
        items
            .iter()
            .find(|i| i["summary"] == s)
            .unwrap_or_else(|| panic!("{s}"))
    };
    assert!(find("Pay rent")["start"]["date"].is_string());
    let trip = find("Lisbon trip");
    assert_eq!(
        trip["end"]["date"],
        json!((chrono::NaiveDate::parse_from_str(
            trip["start"]["date"].as_str().unwrap(),
            "%Y-%m-%d"
        )
        .unwrap()
            + Duration::days(4))
        .format("%Y-%m-%d")
        .to_string())
    );
    let night = find("Night train");
    assert_ne!(
        &night["start"]["dateTime"].as_str().unwrap()[..10],
        &night["end"]["dateTime"].as_str().unwrap()[..10]
    );
    assert_eq!(
        find("Call with the New York office")["start"]["timeZone"],
        "America/New_York"
    );
    assert_eq!(
        find("Tokyo partner sync")["start"]["timeZone"],
        "Asia/Tokyo"
    );
    let declined = find("Budget review");
    assert!(declined["attendees"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["self"] == true && a["responseStatus"] == "declined"));
    let meet = find("Design review");
    assert!(meet["hangoutLink"]
        .as_str()
        .unwrap()
        .starts_with("https://meet.google.com/"));
    assert_eq!(
        meet["conferenceData"]["conferenceSolution"]["key"]["type"],
        "hangoutsMeet"
    );
    let html = find("Book club")["description"].as_str().unwrap();
    assert!(
        html.contains("<b>")
            && html.contains("<script>alert(1)</script>")
            && html.contains("onerror=alert(1)")
    );
    find("Συνάντηση με τον Νίκο");
    find("ארוחת ערב משפחתית");
    assert!(items
        .iter()
        .any(|i| i.get("summary").is_none() && i["status"] == "confirmed"));
    for i in items.iter().filter(|i| i["status"] != "cancelled") {
        for k in [
            "kind",
            "id",
            "status",
            "htmlLink",
            "start",
            "end",
            "created",
            "updated",
            "organizer",
            "creator",
            "etag",
            "iCalUID",
            "sequence",
        ] {
            assert!(i.get(k).is_some(), "{k} missing in {i}");
        }
    }
    // The holidays calendar (id with '#', percent-encoded) has all-day events.
    let (status, hol) = t
        .get_json(
            &format!(
                "/calendar/v3/calendars/{}/events?{}",
                enc("en.uk#holiday@group.v.calendar.google.com"),
                window(1, 60)
            ),
            &token,
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(hol["accessRole"], "reader");
    assert!(!hol["items"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn colors() {
    let t = start().await;
    let token = t.token(CAL_READ).await;
    let (status, c) = t.get_json("/calendar/v3/colors", &token).await;
    assert_eq!(status, 200);
    assert_eq!(c["event"]["11"]["background"], "#dc2127");
    assert_eq!(c["calendar"].as_object().unwrap().len(), 24);
}

#[tokio::test]
async fn a_free_busy_calendar_shows_only_times() {
    let t = start().await;
    let token = t.token(CAL_READ).await;
    let base = format!(
        "/calendar/v3/calendars/{}/events",
        enc("charles@analytical.example")
    );
    let (status, list) = t
        .get_json(
            &format!(
                "{base}?singleEvents=true&orderBy=startTime&{}",
                window(1, 7)
            ),
            &token,
        )
        .await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(list["accessRole"], "freeBusyReader");
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{list}");
    for item in items {
        let mut keys: Vec<&str> = item
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(keys, ["end", "id", "start"], "{item}");
        assert!(item["start"]["dateTime"].is_string());
    }
    assert!(!list.to_string().contains("Secret"), "no title leaks");
    // Nor through a search or events.get.
    let (_, found) = t
        .get_json(&format!("{base}?q=Secret&{}", window(1, 7)), &token)
        .await;
    assert_eq!(found["items"].as_array().map(Vec::len), Some(0));
    let id = items[0]["id"].as_str().unwrap();
    let (status, one) = t.get_json(&format!("{base}/{id}"), &token).await;
    assert_eq!(status, 200);
    assert!(one.get("summary").is_none(), "{one}");
    // And it cannot be written to.
    let write = t.token(CAL).await;
    let (status, _) = quick_add(&t, &write, &base, "Hello").await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn special_event_types_are_seeded_with_their_properties() {
    let t = start().await;
    let token = t.token(CAL_READ).await;
    let path = format!(
        "/calendar/v3/calendars/primary/events?singleEvents=true&orderBy=startTime&{}",
        window(1, 3)
    );
    let (_, list) = t.get_json(&path, &token).await;
    let items = list["items"].as_array().unwrap();
    let of_type =
        |t: &str| -> Vec<&Value> { items.iter().filter(|i| i["eventType"] == t).collect() };
    let places = of_type("workingLocation");
    assert_eq!(places.len(), 2, "{places:?}");
    assert_eq!(places[0]["workingLocationProperties"]["type"], "homeOffice");
    assert_eq!(
        places[1]["workingLocationProperties"]["officeLocation"]["label"],
        "King's Cross office"
    );
    assert!(places.iter().all(|p| p["start"]["date"].is_string()));
    let away = of_type("outOfOffice");
    assert_eq!(away.len(), 1);
    assert!(away[0]["outOfOfficeProperties"]["autoDeclineMode"].is_string());
    assert_eq!(of_type("focusTime").len(), 1);
    // eventTypes narrows the list, as Google's does.
    let (_, only) = t
        .get_json(
            &format!("{path}&eventTypes=focusTime&eventTypes=outOfOffice"),
            &token,
        )
        .await;
    assert_eq!(only["items"].as_array().map(Vec::len), Some(2), "{only}");
    // The late film crosses midnight.
    let late = items.iter().find(|i| i["summary"] == "Late film").unwrap();
    let (start, end) = (
        late["start"]["dateTime"].as_str().unwrap(),
        late["end"]["dateTime"].as_str().unwrap(),
    );
    assert!(start.contains("T23:00:00"), "{start}");
    assert!(end.contains("T01:30:00"), "{end}");
}
