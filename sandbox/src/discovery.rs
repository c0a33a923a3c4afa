//! Google's Discovery documents, compiled in: the truth for each method's verb, path,
//! parameters, accepted scopes, upload limits and JSON schemas.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde_json::Value;

pub const GMAIL: &str = include_str!("../discovery/gmail.v1.json");
pub const CALENDAR: &str = include_str!("../discovery/calendar.v3.json");
pub const OAUTH2: &str = include_str!("../discovery/oauth2.v2.json");

/// The system parameters Google accepts on every method of every API.
pub const STANDARD_PARAMS: &[&str] = &[
    "fields",
    "prettyPrint",
    "alt",
    "key",
    "quotaUser",
    "access_token",
    "oauth_token",
    "uploadType",
    "upload_protocol",
    "callback",
    "$.xgafv",
    "userIp",
];

#[derive(Debug, Clone)]
pub struct Param {
    pub kind: String,
    pub repeated: bool,
    pub location: String,
    pub values: Option<Vec<String>>,
    pub required: bool,
}

#[derive(Debug, Clone)]
pub struct Method {
    pub id: String,
    pub http_method: String,
    /// `/` + servicePath + path, e.g. `/calendar/v3/calendars/{calendarId}/events`.
    pub path: String,
    /// The simple-upload path, e.g. `/upload/gmail/v1/users/{userId}/messages/send`.
    pub upload_path: Option<String>,
    pub max_upload: Option<usize>,
    pub upload_accept: Vec<String>,
    pub scopes: Vec<String>,
    pub params: BTreeMap<String, Param>,
    pub request: Option<String>,
    pub response: Option<String>,
    /// The API's host at Google, e.g. `gmail.googleapis.com`, for error details.
    pub service: String,
    /// Which document: "gmail", "calendar" or "oauth2".
    pub api: String,
}

pub struct Api {
    pub name: String,
    pub doc: Value,
    pub params: Vec<String>,
}

pub struct Registry {
    pub apis: Vec<Api>,
    pub methods: BTreeMap<String, Method>,
}

pub fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        let mut apis = Vec::new();
        let mut methods = BTreeMap::new();
        for text in [GMAIL, CALENDAR, OAUTH2] {
            // The documents are compiled in and checked by the tests, so a parse failure here
            // is a build defect, not request data.
            let doc: Value =
                serde_json::from_str(text).expect("bundled Discovery document is valid JSON");
            let name = doc["name"].as_str().unwrap_or_default().to_string();
            let service_path = doc["servicePath"].as_str().unwrap_or_default().to_string();
            let service = doc["rootUrl"]
                .as_str()
                .unwrap_or_default()
                .trim_start_matches("https://")
                .trim_end_matches('/')
                .to_string();
            collect(&doc, &name, &service_path, &service, &mut methods);
            let params = doc["parameters"]
                .as_object()
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default();
            apis.push(Api { name, doc, params });
        }
        Registry { apis, methods }
    })
}

fn collect(
    node: &Value,
    api: &str,
    service_path: &str,
    service: &str,
    out: &mut BTreeMap<String, Method>,
) {
    if let Some(methods) = node["methods"].as_object() {
        for m in methods.values() {
            let params = m["parameters"]
                .as_object()
                .map(|ps| {
                    ps.iter()
                        .map(|(k, p)| {
                            (
                                k.clone(),
                                Param {
                                    kind: p["type"].as_str().unwrap_or("string").to_string(),
                                    repeated: p["repeated"].as_bool().unwrap_or(false),
                                    location: p["location"].as_str().unwrap_or("query").to_string(),
                                    values: p["enum"].as_array().map(|e| {
                                        e.iter()
                                            .filter_map(|v| v.as_str().map(String::from))
                                            .collect()
                                    }),
                                    required: p["required"].as_bool().unwrap_or(false),
                                },
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            let upload = &m["mediaUpload"];
            let method = Method {
                id: m["id"].as_str().unwrap_or_default().to_string(),
                http_method: m["httpMethod"].as_str().unwrap_or_default().to_string(),
                path: format!(
                    "/{}{}",
                    service_path,
                    m["path"].as_str().unwrap_or_default()
                ),
                upload_path: upload["protocols"]["simple"]["path"]
                    .as_str()
                    .map(String::from),
                max_upload: upload["maxSize"].as_str().and_then(|s| s.parse().ok()),
                upload_accept: strings(&upload["accept"]),
                scopes: strings(&m["scopes"]),
                params,
                request: m["request"]["$ref"].as_str().map(String::from),
                response: m["response"]["$ref"].as_str().map(String::from),
                service: service.to_string(),
                api: api.to_string(),
            };
            out.insert(method.id.clone(), method);
        }
    }
    if let Some(resources) = node["resources"].as_object() {
        for r in resources.values() {
            collect(r, api, service_path, service, out);
        }
    }
}

pub fn method(id: &str) -> Option<&'static Method> {
    registry().methods.get(id)
}

/// The property names of a schema, e.g. `schema_fields("gmail", "Message")`.
pub fn schema_fields(api: &str, schema: &str) -> Vec<String> {
    registry()
        .apis
        .iter()
        .find(|a| a.name == api)
        .and_then(|a| a.doc["schemas"][schema]["properties"].as_object())
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

/// Every OAuth scope any of the three documents knows, with its description.
pub fn scopes() -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for api in &registry().apis {
        if let Some(scopes) = api.doc["auth"]["oauth2"]["scopes"].as_object() {
            for (scope, info) in scopes {
                out.insert(
                    scope.clone(),
                    info["description"].as_str().unwrap_or_default().to_string(),
                );
            }
        }
    }
    out
}

/// The strings of a JSON array (none when it is not one).
fn strings(list: &Value) -> Vec<String> {
    list.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}
