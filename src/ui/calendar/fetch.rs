//! The Calendar view's Google calls: every page of the calendar list, every page of one
//! calendar's events in a window, and several calendars fetched together.

use std::future::Future;

use futures_channel::oneshot;
use leptos::task::spawn_local;

use super::state::{Window, MAX_PAGES};
use crate::auth::scopes::Feature;
use crate::browser::local_time::offset_at;
use crate::calendar::{
    calendar_list_url, events_list_url, format_rfc3339, CalendarEvents, CalendarList,
    CalendarListEntry, Events,
};
use crate::i18n::{k, t};
use crate::ui::auth::Auth;
use crate::ui::google::{fetch_json, ApiError, Call};

pub(super) async fn fetch_calendar_list(
    auth: Auth,
    root: &str,
) -> Result<Vec<CalendarListEntry>, ApiError> {
    let mut entries = Vec::new();
    let mut token: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let page: CalendarList = fetch_json(
            auth,
            Feature::Agenda,
            Call::get(calendar_list_url(root, token.as_deref())),
        )
        .await?;
        entries.extend(page.items);
        token = page.next_page_token.filter(|t| !t.is_empty());
        if token.is_none() {
            break;
        }
    }
    Ok(entries)
}

/// Every page of one calendar's events in `window`, into `calendar` (empty).
pub(super) async fn fetch_events(
    auth: Auth,
    root: String,
    mut calendar: CalendarEvents,
    window: Window,
) -> Result<CalendarEvents, ApiError> {
    let rfc3339 = |ms: i64| format_rfc3339(ms, offset_at(ms));
    let (min, max) = (rfc3339(window.start_ms), rfc3339(window.end_ms));
    let mut token: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let url = events_list_url(&root, &calendar.calendar_id, &min, &max, token.as_deref());
        let page: Events = fetch_json(auth, Feature::Agenda, Call::get(url)).await?;
        token = calendar.push_page(page);
        if token.is_none() {
            break;
        }
    }
    Ok(calendar)
}

/// Runs the futures concurrently and returns their outputs in order (a `join_all` without
/// another crate: each runs as its own task and hands its result back on a channel).
pub(super) async fn join_all<T: 'static>(
    futures: Vec<impl Future<Output = Result<T, ApiError>> + 'static>,
) -> Vec<Result<T, ApiError>> {
    let receivers: Vec<_> = futures
        .into_iter()
        .map(|future| {
            let (sender, receiver) = oneshot::channel();
            spawn_local(async move {
                let _ = sender.send(future.await);
            });
            receiver
        })
        .collect();
    let mut out = Vec::with_capacity(receivers.len());
    for receiver in receivers {
        out.push(receiver.await.unwrap_or_else(|_| {
            Err(ApiError::Google {
                status: 0,
                message: t(k::CAL_ERROR_ABANDONED).into(),
            })
        }));
    }
    out
}
