//! What happens around every Discovery method call, as at Google's front end: query
//! parameters checked against the method's Discovery parameters, the Bearer token checked,
//! the method's scopes enforced, `userId` checked, the body size limited, and the answer
//! shaped by `fields=` and `prettyPrint=`.

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, Request, Response, StatusCode};

use crate::discovery::{self, Method, STANDARD_PARAMS};
use crate::errors::ApiError;
use crate::handler::{bearer, ApiFn, Ctx, Reply, RouteKind};
use crate::routes::Match;
use crate::state::Shared;
use crate::{fields, util, ACCOUNTS};

/// Largest JSON body Google takes on a non-upload method.
pub const JSON_LIMIT: usize = 5 * 1024 * 1024;

/// Room for the multipart envelope and metadata around an upload of the maximum size.
const UPLOAD_ENVELOPE: usize = 1 << 20;

pub async fn call(shared: &Shared, found: Match, req: Request<Body>, f: ApiFn) -> Response<Body> {
    match run(shared, found, req, f).await {
        Ok(response) => response,
        Err(e) => e.into_response(),
    }
}

async fn run(
    shared: &Shared,
    found: Match,
    req: Request<Body>,
    f: ApiFn,
) -> Result<Response<Body>, ApiError> {
    let method =
        discovery::method(found.route.id).ok_or_else(|| ApiError::for_status(500, None))?;
    let query = util::parse_form(req.uri().query().unwrap_or("").as_bytes());
    check_query(method, found.route.kind, &query)?;

    let headers = req.headers().clone();
    // Methods without scopes (oauth2.tokeninfo) take no credentials at all.
    let (account, scopes) = if method.scopes.is_empty() {
        (0, Vec::new())
    } else {
        authenticate(shared, method, &headers, &query)?
    };
    if let Some((_, user)) = found.params.iter().find(|(k, _)| *k == "userId") {
        if user != "me" && !user.eq_ignore_ascii_case(ACCOUNTS[account].email) {
            return Err(ApiError::forbidden(
                "forbidden",
                format!("Delegation denied for {user}"),
            ));
        }
    }

    let limit = match found.route.kind {
        RouteKind::Upload => method.max_upload.unwrap_or(JSON_LIMIT) + UPLOAD_ENVELOPE,
        _ => JSON_LIMIT,
    };
    let media_limit = method.max_upload.unwrap_or(JSON_LIMIT);
    let too_large = || match found.route.kind {
        RouteKind::Upload => ApiError::too_large(media_limit),
        _ => ApiError::too_large(JSON_LIMIT),
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(too_large());
    }
    let body = axum::body::to_bytes(req.into_body(), limit)
        .await
        .map_err(|_| too_large())?;

    let mut ctx = Ctx {
        shared,
        method,
        route: found.route,
        account,
        scopes,
        params: found.params,
        query,
        headers,
        body,
    };
    let reply = f(&mut ctx)?;
    Ok(render(reply, &ctx.query))
}

/// Bearer token -> (account, scopes), or Google's 401/403.
fn authenticate(
    shared: &Shared,
    method: &Method,
    headers: &HeaderMap,
    query: &[(String, String)],
) -> Result<(usize, Vec<String>), ApiError> {
    // A header that is there but not a Bearer token is as bad as a dead token.
    let token = match bearer(headers, query) {
        Some(t) if !t.is_empty() => t,
        Some(_) => return Err(ApiError::invalid_credentials()),
        None if headers.contains_key(header::AUTHORIZATION) => {
            return Err(ApiError::invalid_credentials())
        }
        None => return Err(ApiError::missing_credentials()),
    };
    let (account, scopes) = {
        let data = shared.data();
        let live = data
            .oauth
            .live(&token)
            .ok_or_else(ApiError::invalid_credentials)?;
        (live.account, live.scopes.clone())
    };
    if !method.scopes.iter().any(|s| scopes.contains(s)) {
        return Err(ApiError::insufficient_scopes(
            &method.scopes,
            &method.service,
            &method.id,
        ));
    }
    Ok((account, scopes))
}

fn check_query(
    method: &Method,
    kind: RouteKind,
    query: &[(String, String)],
) -> Result<(), ApiError> {
    let api_params = discovery::registry()
        .apis
        .iter()
        .find(|a| a.name == method.api)
        .map(|a| a.params.as_slice())
        .unwrap_or_default();
    for (name, value) in query {
        let own = method.params.get(name).filter(|p| p.location == "query");
        if own.is_none() && !STANDARD_PARAMS.contains(&name.as_str()) && !api_params.contains(name)
        {
            return Err(unknown_parameter(name));
        }
        let kind_name = own.map(|p| p.kind.as_str()).unwrap_or(match name.as_str() {
            "prettyPrint" => "boolean",
            _ => "string",
        });
        let bad = |type_name: &str| {
            ApiError::invalid_argument(format!(
                "Invalid value at '{name}' ({type_name}), \"{value}\""
            ))
        };
        match kind_name {
            "integer" if value.parse::<i64>().is_err() => return Err(bad("TYPE_INT32")),
            "boolean" if !matches!(value.to_ascii_lowercase().as_str(), "true" | "false") => {
                return Err(bad("TYPE_BOOL"))
            }
            _ => {}
        }
        if let Some(values) = own.and_then(|p| p.values.as_ref()) {
            if !values.contains(value) {
                return Err(bad("TYPE_ENUM"));
            }
        }
        if name == "alt" && value != "json" {
            return Err(ApiError::bad_request(format!(
                "Invalid value at 'alt', \"{value}\""
            )));
        }
    }
    if kind == RouteKind::Upload {
        match util::form_get(query, "uploadType") {
            Some("media") | Some("multipart") => {}
            Some("resumable") => {
                return Err(ApiError::bad_request(
                    "uploadType=resumable is not supported by this sandbox; use media or multipart.",
                ))
            }
            _ => {
                return Err(ApiError::bad_request(
                    "Upload requests must include an uploadType URL parameter and a URL path beginning with /upload/",
                ))
            }
        }
    }
    Ok(())
}

fn unknown_parameter(name: &str) -> ApiError {
    let message = format!(
        "Invalid JSON payload received. Unknown name \"{name}\": Cannot bind query parameter. Field '{name}' could not be found in request message."
    );
    let mut e = ApiError::bad_request(message.clone());
    e.details = Some(serde_json::json!([{
        "@type": "type.googleapis.com/google.rpc.BadRequest",
        "fieldViolations": [{ "description": message }]
    }]));
    e
}

fn render(reply: Reply, query: &[(String, String)]) -> Response<Body> {
    match reply {
        Reply::Empty => {
            let mut response = Response::new(Body::empty());
            *response.status_mut() = StatusCode::NO_CONTENT;
            response
        }
        Reply::Json(mut value) => {
            if let Some(spec) = util::form_get(query, "fields") {
                value = fields::apply(&value, spec);
            }
            let pretty = !util::form_get(query, "prettyPrint")
                .is_some_and(|v| v.eq_ignore_ascii_case("false"));
            let text = if pretty {
                serde_json::to_string_pretty(&value)
            } else {
                serde_json::to_string(&value)
            };
            let mut response = Response::new(Body::from(text.unwrap_or_default()));
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json; charset=UTF-8"),
            );
            response
        }
    }
}
