//! Calendar guests as Google has them: Meet conferences (only with conferenceDataVersion=1),
//! attendees and their answers, invitations, and the notifications `sendUpdates` asks for.

mod common;

use common::calendar::*;
use common::*;
use serde_json::{json, Value};

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
