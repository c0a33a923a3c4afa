//! Calendar: calendar list, events listing (window, recurrence expansion, ordering,
//! paging, time zones), get, insert, quickAdd and read-only calendars.

mod common;

use chrono::{DateTime, Duration, Utc};
use common::*;
use reqwest::Method;
use serde_json::{json, Value};

fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

fn window(days_back: i64, days_ahead: i64) -> String {
    let now = Utc::now();
    format!(
        "timeMin={}&timeMax={}",
        enc(&(now - Duration::days(days_back)).to_rfc3339()),
        enc(&(now + Duration::days(days_ahead)).to_rfc3339())
    )
}

/// `events.quickAdd` of `text` on the calendar `events` (its events path, encoded).
async fn quick_add(t: &T, token: &str, events: &str, text: &str) -> (u16, Value) {
    let path = format!("{events}/quickAdd?text={}", enc(text));
    t.call(Method::POST, &path, token, None).await
}

const PRIMARY: &str = "/calendar/v3/calendars/primary/events";

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
