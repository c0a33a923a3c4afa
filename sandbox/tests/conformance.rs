//! Conformance with Google's Discovery documents: every served route is a Discovery
//! method with the same verb and path (or its upload path), and every top-level field of
//! every list/get answer exists in the method's response schema.

mod common;

use common::*;
use satchel_sandbox::routes::{RouteKind, ROUTES};
use serde_json::Value;

fn docs() -> Vec<Value> {
    [
        satchel_sandbox::discovery::GMAIL,
        satchel_sandbox::discovery::CALENDAR,
        satchel_sandbox::discovery::OAUTH2,
    ]
    .iter()
    .map(|t| serde_json::from_str(t).unwrap())
    .collect()
}

/// (doc index, method JSON) for a method id.
fn find_method(docs: &[Value], id: &str) -> Option<(usize, Value)> {
    fn walk(node: &Value, id: &str) -> Option<Value> {
        if let Some(ms) = node["methods"].as_object() {
            if let Some(m) = ms.values().find(|m| m["id"] == id) {
                return Some(m.clone());
            }
        }
        node["resources"]
            .as_object()?
            .values()
            .find_map(|r| walk(r, id))
    }
    docs.iter()
        .enumerate()
        .find_map(|(i, d)| walk(d, id).map(|m| (i, m)))
}

#[test]
fn every_route_is_a_discovery_method_with_the_same_verb_and_path() {
    let docs = docs();
    let mut checked = 0;
    for route in ROUTES {
        match route.kind {
            RouteKind::OAuth => {
                assert!(
                    route.id.starts_with("oauth.") || route.id.starts_with("openid."),
                    "{}",
                    route.id
                );
                assert!(find_method(&docs, route.id).is_none());
            }
            RouteKind::Api => {
                let (doc, m) = find_method(&docs, route.id)
                    .unwrap_or_else(|| panic!("{} not in Discovery", route.id));
                let full = format!(
                    "/{}{}",
                    docs[doc]["servicePath"].as_str().unwrap(),
                    m["path"].as_str().unwrap()
                );
                assert_eq!(route.verb, m["httpMethod"], "{}", route.id);
                assert_eq!(route.path, full, "{}", route.id);
                checked += 1;
            }
            RouteKind::Upload => {
                let (_, m) = find_method(&docs, route.id)
                    .unwrap_or_else(|| panic!("{} not in Discovery", route.id));
                assert_eq!(route.verb, m["httpMethod"], "{}", route.id);
                assert_eq!(
                    route.path, m["mediaUpload"]["protocols"]["simple"]["path"],
                    "{}",
                    route.id
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 30, "{checked}");
}

/// Substitutes path parameters with real ids found by earlier calls.
fn fill(path: &str, values: &[(&str, String)]) -> String {
    let mut out = path.to_string();
    for (k, v) in values {
        out = out.replace(
            &format!("{{{k}}}"),
            &form_urlencoded::byte_serialize(v.as_bytes()).collect::<String>(),
        );
    }
    out
}

#[tokio::test]
async fn every_get_answer_uses_only_schema_fields() {
    let t = start().await;
    let token = t.token(ALL).await;
    let docs = docs();
    // Real ids to substitute.
    let (_, msgs) = t
        .get_json("/gmail/v1/users/me/messages?q=has:attachment", &token)
        .await;
    let message_id = msgs["messages"][0]["id"].as_str().unwrap().to_string();
    let (_, m) = t
        .get_json(&format!("/gmail/v1/users/me/messages/{message_id}"), &token)
        .await;
    let attachment = m["payload"]["parts"][1]["body"]["attachmentId"]
        .as_str()
        .unwrap()
        .to_string();
    let (_, drafts) = t.get_json("/gmail/v1/users/me/drafts", &token).await;
    let draft_id = drafts["drafts"][0]["id"].as_str().unwrap().to_string();
    let (_, events) = t
        .get_json(
            "/calendar/v3/calendars/primary/events?q=Team%20sync",
            &token,
        )
        .await;
    let event_id = events["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["recurrence"].is_array())
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let values: Vec<(&str, String)> = vec![
        ("userId", "me".into()),
        ("messageId", message_id.clone()),
        ("calendarId", "primary".into()),
        ("eventId", event_id),
    ];
    let mut checked = 0;
    for route in ROUTES
        .iter()
        .filter(|r| r.verb == "GET" && r.kind == RouteKind::Api)
    {
        let (doc, method) = find_method(&docs, route.id).unwrap();
        let mut values = values.clone();
        let id = match route.id {
            "gmail.users.drafts.get" => draft_id.clone(),
            "gmail.users.messages.attachments.get" => attachment.clone(),
            "gmail.users.labels.get" => "INBOX".into(),
            "gmail.users.threads.get" => m["threadId"].as_str().unwrap().into(),
            _ => message_id.clone(),
        };
        values.push(("id", id));
        let path = fill(route.path, &values);
        let (status, body) = t.get_json(&path, &token).await;
        assert_eq!(status, 200, "{} {path}: {body}", route.id);
        let schema = method["response"]["$ref"].as_str().unwrap();
        let props = docs[doc]["schemas"][schema]["properties"]
            .as_object()
            .unwrap();
        for key in body.as_object().unwrap().keys() {
            assert!(
                props.contains_key(key),
                "{}: field {key} not in schema {schema}",
                route.id
            );
        }
        // Items of lists follow their item schema too.
        for (list_key, item_schema) in [
            ("items", None),
            ("messages", Some("Message")),
            ("labels", Some("Label")),
            ("drafts", Some("Draft")),
        ] {
            let Some(items) = body[list_key].as_array() else {
                continue;
            };
            let item_schema = item_schema
                .map(String::from)
                .or_else(|| props[list_key]["items"]["$ref"].as_str().map(String::from))
                .unwrap();
            let item_props = docs[doc]["schemas"][&item_schema]["properties"]
                .as_object()
                .unwrap();
            for item in items {
                for key in item.as_object().unwrap().keys() {
                    assert!(
                        item_props.contains_key(key),
                        "{}: {list_key}[].{key} not in {item_schema}",
                        route.id
                    );
                }
            }
        }
        checked += 1;
    }
    assert!(checked >= 14, "{checked}");
}

#[tokio::test]
async fn every_discovery_route_is_reachable_through_dispatch() {
    // Nothing in the table answers 404/405 from the router itself (a 401 means it was routed).
    let t = start().await;
    for route in ROUTES.iter().filter(|r| r.kind != RouteKind::OAuth) {
        let path = route.path.replace(['{', '}'], "");
        let method = reqwest::Method::from_bytes(route.verb.as_bytes()).unwrap();
        let r = t
            .http
            .request(method, format!("{}{path}", t.url))
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        assert!(
            status != 404 && status != 405,
            "{} {} -> {status}",
            route.verb,
            route.path
        );
    }
}
