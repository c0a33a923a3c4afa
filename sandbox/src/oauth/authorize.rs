//! `GET /o/oauth2/v2/auth` (validation, then the consent page or a silent answer for
//! `prompt=none`) and `POST /o/oauth2/v2/auth/decision` (the consent form's target).

use axum::body::Body;
use axum::http::{header, HeaderValue, Response};

use crate::errors::{html_response, redirect};
use crate::handler::Req;
use crate::oauth::{is_basic, normalize_scope, page, Pending};
use crate::state::Shared;
use crate::util::{form_get, parse_form};
use crate::ACCOUNTS;

/// The browser "session": which accounts signed in on this browser, for `prompt=none`.
const SESSION_COOKIE: &str = "SANDBOX_SID";

/// Where an authorization answer goes: the fragment for the token flow, the query for code.
struct Target {
    redirect_uri: String,
    fragment: bool,
    state: Option<String>,
}

impl Target {
    fn send(&self, pairs: &[(&str, &str)]) -> Response<Body> {
        let mut form = form_urlencoded::Serializer::new(String::new());
        if let Some(state) = &self.state {
            form.append_pair("state", state);
        }
        for (k, v) in pairs {
            form.append_pair(k, v);
        }
        let encoded = form.finish();
        let location = if self.fragment {
            format!("{}#{}", self.redirect_uri, encoded)
        } else if self.redirect_uri.contains('?') {
            format!("{}&{}", self.redirect_uri, encoded)
        } else {
            format!("{}?{}", self.redirect_uri, encoded)
        };
        redirect(&location)
    }

    fn error(&self, error: &str, description: &str) -> Response<Body> {
        self.send(&[("error", error), ("error_description", description)])
    }
}

/// The sign-in pages and their redirects carry the configured COOP, as Google's do.
fn with_coop(shared: &Shared, mut response: Response<Body>) -> Response<Body> {
    if let Some((name, value)) = shared.opts.coop.header() {
        response
            .headers_mut()
            .insert(name, HeaderValue::from_static(value));
    }
    response
}

pub fn page(shared: &Shared, req: &Req) -> Response<Body> {
    with_coop(shared, show(shared, req))
}

pub fn decision(shared: &Shared, req: &Req) -> Response<Body> {
    with_coop(shared, decide(shared, req))
}

fn show(shared: &Shared, req: &Req) -> Response<Body> {
    let q = |name: &str| req.query(name).map(str::to_string);
    let client = q("client_id").unwrap_or_default();
    if !shared.client_known(&client) {
        return html_response(
            401,
            page::error(
                401,
                "invalid_client",
                "Access blocked: Authorization Error",
                "The OAuth client was not found.",
            ),
        );
    }
    let Some(redirect_uri) = q("redirect_uri") else {
        return html_response(
            400,
            page::error(
                400,
                "invalid_request",
                "Access blocked: This app’s request is invalid",
                "Missing required parameter: redirect_uri",
            ),
        );
    };
    // Exact match, as Google does: scheme, host, port, path and trailing slash all count.
    if !shared.redirect_uris.contains(&redirect_uri) {
        return html_response(
            400,
            page::error(
                400,
                "redirect_uri_mismatch",
                "Access blocked: This app’s request is invalid",
                &format!(
                    "You can’t sign in because this app sent an invalid request. redirect_uri={redirect_uri} does not match any redirect URI registered for {client}."
                ),
            ),
        );
    }
    let response_type = q("response_type").unwrap_or_default();
    let target = Target {
        redirect_uri: redirect_uri.clone(),
        fragment: response_type == "token",
        state: q("state"),
    };
    if response_type != "token" && response_type != "code" {
        return target.error(
            "unsupported_response_type",
            &format!("Invalid response_type: {response_type}"),
        );
    }
    let requested = q("scope").unwrap_or_default();
    if requested.trim().is_empty() {
        return target.error("invalid_request", "Missing required parameter: scope");
    }
    let mut scopes = Vec::new();
    let mut invalid = Vec::new();
    for s in requested.split_whitespace() {
        match normalize_scope(s) {
            Some(n) if !scopes.contains(&n) => scopes.push(n),
            Some(_) => {}
            None => invalid.push(s.to_string()),
        }
    }
    if !invalid.is_empty() {
        return target.error(
            "invalid_scope",
            &format!("Some requested scopes were invalid. {{invalid={invalid:?}}}"),
        );
    }
    let mut challenge = None;
    if response_type == "code" {
        match (q("code_challenge"), q("code_challenge_method").as_deref()) {
            (None, _) => {
                return target.error(
                    "invalid_request",
                    "Missing required parameter: code_challenge",
                )
            }
            (Some(_), Some("S256")) => {}
            (Some(_), method) => {
                return target.error(
                    "invalid_request",
                    &format!(
                        "Invalid code_challenge_method: {} (only S256 is accepted)",
                        method.unwrap_or("plain")
                    ),
                )
            }
        }
        let c = q("code_challenge").unwrap_or_default();
        // S256 challenges are 43 base64url characters; anything else cannot match a verifier.
        if c.len() != 43
            || !c
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            return target.error("invalid_request", "Invalid code_challenge");
        }
        challenge = Some(c);
    }
    let prompt = q("prompt").unwrap_or_default();
    let prompts: Vec<&str> = prompt.split_whitespace().collect();
    if prompts
        .iter()
        .any(|p| !matches!(*p, "none" | "consent" | "select_account" | "login"))
    {
        return target.error("invalid_request", &format!("Invalid prompt: {prompt}"));
    }
    if prompts.contains(&"none") && prompts.len() > 1 {
        return target.error(
            "invalid_request",
            "prompt=none must not be combined with other values",
        );
    }
    let include_granted = q("include_granted_scopes").as_deref() == Some("true");
    let pending = Pending {
        client: client.clone(),
        redirect_uri,
        response_type,
        scopes,
        state: q("state"),
        include_granted,
        challenge,
        nonce: q("nonce"),
    };
    let session = session_accounts(req);
    let hint = q("login_hint").and_then(|h| {
        ACCOUNTS
            .iter()
            .position(|a| a.email.eq_ignore_ascii_case(&h))
    });

    if prompts.contains(&"none") {
        // Silent: only for an account signed in on this browser that already granted everything.
        let account = match hint {
            Some(h) if session.contains(&h) => h,
            Some(_) => {
                return target.error(
                    "login_required",
                    "The user is not signed in with that account.",
                )
            }
            None => match session.first() {
                Some(a) => *a,
                None => return target.error("login_required", "The user is not signed in."),
            },
        };
        let granted = shared
            .data()
            .oauth
            .grants
            .get(&(account, client.clone()))
            .cloned()
            .unwrap_or_default();
        if !pending.scopes.iter().all(|s| granted.contains(s)) {
            return target.error(
                "consent_required",
                "The user has not granted these scopes to this client.",
            );
        }
        return answer(shared, &pending, &target, account, pending.scopes.clone());
    }

    let chosen = hint.unwrap_or(0);
    let (id, granted_before) = {
        let mut data = shared.data();
        let id = data.rng.token(24);
        data.oauth.pending.insert(id.clone(), pending.clone());
        let before = data
            .oauth
            .grants
            .get(&(chosen, client.clone()))
            .cloned()
            .unwrap_or_default();
        (id, before)
    };
    html_response(
        200,
        page::consent(&id, &client, &pending.scopes, &granted_before, chosen),
    )
}

fn decide(shared: &Shared, req: &Req) -> Response<Body> {
    let form = parse_form(&req.body);
    let id = form_get(&form, "request").unwrap_or_default();
    let Some(pending) = shared.data().oauth.pending.remove(id) else {
        return html_response(
            400,
            page::error(
                400,
                "invalid_request",
                "This sign-in request has expired",
                "Start signing in again from the app.",
            ),
        );
    };
    let target = Target {
        redirect_uri: pending.redirect_uri.clone(),
        fragment: pending.response_type == "token",
        state: pending.state.clone(),
    };
    if form_get(&form, "decision") != Some("allow") {
        return target.error("access_denied", "The user denied the request.");
    }
    let email = form_get(&form, "account").unwrap_or_default();
    let Some(account) = ACCOUNTS
        .iter()
        .position(|a| a.email.eq_ignore_ascii_case(email))
    else {
        return html_response(
            400,
            page::error(
                400,
                "invalid_request",
                "Choose an account",
                "No such account.",
            ),
        );
    };
    // Granular consent: from the page, only the ticked scopes (and sign-in basics, and what
    // this account granted this client before) are granted; a form posted without the
    // page's marker grants everything requested.
    let granted: Vec<String> = if form_get(&form, "granular").is_some() {
        let ticked: Vec<&str> = form
            .iter()
            .filter(|(k, _)| k == "scope")
            .map(|(_, v)| v.as_str())
            .collect();
        let before = shared
            .data()
            .oauth
            .grants
            .get(&(account, pending.client.clone()))
            .cloned()
            .unwrap_or_default();
        pending
            .scopes
            .iter()
            .filter(|s| is_basic(s) || before.contains(*s) || ticked.contains(&s.as_str()))
            .cloned()
            .collect()
    } else {
        pending.scopes.clone()
    };
    let mut response = answer(shared, &pending, &target, account, granted);
    let mut session = session_accounts(req);
    if !session.contains(&account) {
        session.insert(0, account);
    }
    let value: Vec<String> = session.iter().map(|a| a.to_string()).collect();
    if let Ok(cookie) = HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={}; Path=/; HttpOnly; SameSite=Lax",
        value.join(".")
    )) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

/// Issues the token or code for an approved request and redirects back to the app.
fn answer(
    shared: &Shared,
    pending: &Pending,
    target: &Target,
    account: usize,
    granted: Vec<String>,
) -> Response<Body> {
    let ttl = shared.opts.token_ttl;
    let mut data = shared.data();
    let data = &mut *data;
    let scopes = data
        .oauth
        .grant(account, &pending.client, &granted, pending.include_granted);
    let scope_text = scopes.join(" ");
    if pending.response_type == "token" {
        let token = data
            .oauth
            .issue(&mut data.rng, account, &pending.client, scopes, ttl);
        let expires = ttl.as_secs().to_string();
        target.send(&[
            ("access_token", &token),
            ("token_type", "Bearer"),
            ("expires_in", &expires),
            ("scope", &scope_text),
            ("authuser", "0"),
            ("prompt", "consent"),
        ])
    } else {
        let code = format!("4/0A{}", data.rng.token(70));
        data.oauth.codes.insert(
            code.clone(),
            crate::oauth::Code {
                account,
                client: pending.client.clone(),
                redirect_uri: pending.redirect_uri.clone(),
                scopes,
                challenge: pending.challenge.clone().unwrap_or_default(),
                nonce: pending.nonce.clone(),
                created: std::time::Instant::now(),
                used: false,
            },
        );
        target.send(&[
            ("code", &code),
            ("scope", &scope_text),
            ("authuser", "0"),
            ("prompt", "consent"),
        ])
    }
}

/// Accounts signed in on this browser, most recent first, from the session cookie.
fn session_accounts(req: &Req) -> Vec<usize> {
    req.headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| {
            c.trim()
                .strip_prefix(&format!("{SESSION_COOKIE}="))
                .map(String::from)
        })
        .flat_map(|v| {
            v.split('.')
                .filter_map(|i| i.parse::<usize>().ok())
                .collect::<Vec<_>>()
        })
        .filter(|i| *i < ACCOUNTS.len())
        .collect()
}
