//! `calendarList.list`, `calendarList.get` and `calendars.get`.

use serde_json::json;

use crate::calendar::calendar_index;
use crate::errors::ApiError;
use crate::handler::{Ctx, Reply};
use crate::util::{b64url, b64url_decode};

fn rank(role: &str) -> u8 {
    match role {
        "freeBusyReader" => 0,
        "reader" => 1,
        "writer" => 2,
        _ => 3,
    }
}

pub fn list(ctx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    if ctx.q("syncToken").is_some() {
        return Err(super::full_sync_required());
    }
    let size = match ctx.q_int("maxResults") {
        None => 100,
        Some(n) if n < 1 => {
            return Err(ApiError::bad_request(format!(
                "Invalid value '{n}'. Values must be within the range: [1, 250]"
            )))
        }
        // Google: "Page size can never be larger than 250 entries."
        Some(n) => n.min(250) as usize,
    };
    let start = match ctx.q("pageToken").filter(|t| !t.is_empty()) {
        None => 0,
        Some(t) => b64url_decode(t)
            .and_then(|b| String::from_utf8(b).ok())
            .and_then(|s| s.strip_prefix("calendars:").and_then(|n| n.parse().ok()))
            .ok_or_else(|| ApiError::bad_request("Invalid pageToken value."))?,
    };
    let min_role = ctx.q("minAccessRole").map(rank).unwrap_or(0);
    let data = ctx.data();
    let set = &data.cal[ctx.account];
    let entries: Vec<_> = set
        .calendars
        .iter()
        .filter(|c| rank(c.access_role) >= min_role)
        .map(|c| c.entry_json())
        .collect();
    let total = entries.len();
    let items: Vec<_> = entries.into_iter().skip(start).take(size).collect();
    let mut body =
        json!({ "kind": "calendar#calendarList", "etag": "\"p33g9aeq1ck0di0o\"", "items": items });
    if start.saturating_add(size) < total {
        body["nextPageToken"] = json!(b64url(format!("calendars:{}", start + size).as_bytes()));
    } else {
        body["nextSyncToken"] = json!("CJCb5KL8-8ACEhhhZGFAc2F0Y2hlbC50ZXN0");
    }
    Ok(Reply::Json(body))
}

pub fn get(ctx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let data = ctx.data();
    let set = &data.cal[ctx.account];
    Ok(Reply::Json(
        set.calendars[calendar_index(set, ctx.param("calendarId"))?].entry_json(),
    ))
}

pub fn calendar(ctx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let data = ctx.data();
    let set = &data.cal[ctx.account];
    Ok(Reply::Json(
        set.calendars[calendar_index(set, ctx.param("calendarId"))?].calendar_json(),
    ))
}
