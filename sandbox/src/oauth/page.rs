//! The HTML of the sign-in pages: the consent page (a plain form, no JavaScript) and
//! Google's error pages for requests that must not be redirected.

use std::collections::BTreeSet;

use crate::oauth::{describe, is_basic};
use crate::util::html_escape;
use crate::ACCOUNTS;

const STYLE: &str = "body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#202124}\
h1{font-size:1.5rem;font-weight:400}fieldset{border:1px solid #dadce0;border-radius:8px;margin:1rem 0}\
label{display:block;padding:.25rem 0}.actions{display:flex;gap:1rem;justify-content:flex-end}\
button{font:inherit;padding:.5rem 1.5rem;border-radius:4px;border:1px solid #dadce0;background:#fff}\
#allow{background:#1a73e8;color:#fff;border-color:#1a73e8}.error{color:#d93025}small{color:#5f6368}";

/// The consent page. Driven by: radios `name="account"` (values are emails), checkboxes
/// `name="scope"` for each non-basic scope not granted before, and buttons `#allow` /
/// `#deny`. As at Google's granular consent, the boxes start unticked when more than one
/// is shown and ticked when there is only one; scopes `granted_before` (by the chosen
/// account) are listed as already allowed, without a box.
pub fn consent(
    request_id: &str,
    client: &str,
    scopes: &[String],
    granted_before: &BTreeSet<String>,
    chosen: usize,
) -> String {
    let mut accounts = String::new();
    for (i, a) in ACCOUNTS.iter().enumerate() {
        accounts.push_str(&format!(
            "<label><input type=\"radio\" name=\"account\" id=\"account-{i}\" value=\"{}\"{}> {} <small>{}</small></label>",
            html_escape(a.email),
            if i == chosen { " checked" } else { "" },
            html_escape(a.name),
            html_escape(a.email),
        ));
    }
    let boxes = scopes
        .iter()
        .filter(|s| !is_basic(s) && !granted_before.contains(*s))
        .count();
    let checked = if boxes > 1 { "" } else { " checked" };
    let mut list = String::new();
    for (i, s) in scopes.iter().enumerate() {
        if granted_before.contains(s) && !is_basic(s) {
            list.push_str(&format!(
                "<li data-scope=\"{0}\" data-granted>{1} <small>(already allowed)</small></li>",
                html_escape(s),
                html_escape(&describe(s))
            ));
        } else if is_basic(s) {
            list.push_str(&format!(
                "<li data-scope=\"{0}\"><input type=\"hidden\" name=\"scope\" value=\"{0}\">{1}</li>",
                html_escape(s),
                html_escape(&describe(s))
            ));
        } else {
            list.push_str(&format!(
                "<li data-scope=\"{0}\"><label><input type=\"checkbox\" name=\"scope\" id=\"scope-{i}\" value=\"{0}\"{checked}> {1}</label></li>",
                html_escape(s),
                html_escape(&describe(s))
            ));
        }
    }
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">\
<title>Sign in - Google Accounts (sandbox)</title><style>{STYLE}</style></head><body>\
<h1>Choose an account</h1><p><b>{client}</b> wants to access your Google Account</p>\
<form method=\"post\" action=\"/o/oauth2/v2/auth/decision\" id=\"consent\">\
<input type=\"hidden\" name=\"request\" value=\"{request}\"><input type=\"hidden\" name=\"granular\" value=\"1\">\
<fieldset id=\"accounts\"><legend>Account</legend>{accounts}</fieldset>\
<fieldset><legend>This will allow {client} to:</legend><ul id=\"scopes\">{list}</ul></fieldset>\
<div class=\"actions\"><button type=\"submit\" name=\"decision\" value=\"deny\" id=\"deny\">Cancel</button>\
<button type=\"submit\" name=\"decision\" value=\"allow\" id=\"allow\">Allow</button></div></form>\
<p><small>Satchel sandbox: a local stand-in for accounts.google.com.</small></p></body></html>",
        client = html_escape(client),
        request = html_escape(request_id),
    )
}

/// Google's "Access blocked" page for errors that are shown instead of redirected
/// (unknown client, redirect URI mismatch). `#error-code` holds e.g. `Error 400: redirect_uri_mismatch`.
pub fn error(code: u16, error: &str, title: &str, detail: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title><style>{STYLE}</style></head><body>\
<h1 id=\"error-title\">{title}</h1><p class=\"error\" id=\"error-code\">Error {code}: {error}</p>\
<p id=\"error-detail\">{detail}</p><p><small>Satchel sandbox (accounts.google.com stand-in)</small></p></body></html>",
        title = html_escape(title),
        error = html_escape(error),
        detail = html_escape(detail),
    )
}
