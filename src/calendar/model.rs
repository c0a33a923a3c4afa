//! The parts of Google Calendar v3 JSON the app reads, and the URLs it calls.
//!
//! Field names follow the Discovery document (`sandbox/discovery/calendar.v3.json`). Every
//! field is optional or defaulted, and `null` reads as absent, so a field Google leaves out
//! (or a `fields=` selector trims) never fails the parse; unknown fields are ignored.

use serde::{Deserialize, Deserializer, Serialize};

use crate::time::{parse_rfc3339, Date, TimeError};
use crate::url::encode_component;

/// Reads `null` as the type's default: `Option<T>` already does this, `Vec` and `bool` don't.
fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// One page of `calendarList.list`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CalendarList {
    #[serde(deserialize_with = "null_as_default")]
    pub items: Vec<CalendarListEntry>,
    pub next_page_token: Option<String>,
}

/// A calendar on the user's list.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CalendarListEntry {
    pub id: Option<String>,
    pub summary: Option<String>,
    /// The user's own name for a calendar they don't own.
    pub summary_override: Option<String>,
    /// `#rrggbb`
    pub background_color: Option<String>,
    #[serde(deserialize_with = "null_as_default")]
    pub primary: bool,
    /// Ticked in Google Calendar. Google leaves it out when false (the Discovery default).
    #[serde(deserialize_with = "null_as_default")]
    pub selected: bool,
    /// `freeBusyReader`, `reader`, `writer` or `owner`.
    pub access_role: Option<String>,
}

impl CalendarListEntry {
    /// The name to show: the user's override, else the calendar's title, else its id.
    pub fn name(&self) -> &str {
        [&self.summary_override, &self.summary, &self.id]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .find(|s| !s.is_empty())
            .unwrap_or("")
    }

    /// The user may add and change events on it (`owner` or `writer`).
    pub fn can_write(&self) -> bool {
        matches!(self.access_role.as_deref(), Some("owner" | "writer"))
    }

    /// The user sees only when this calendar is busy: its events come without titles.
    pub fn free_busy_only(&self) -> bool {
        self.access_role.as_deref() == Some("freeBusyReader")
    }
}

/// One page of `events.list`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Events {
    #[serde(deserialize_with = "null_as_default")]
    pub items: Vec<Event>,
    pub next_page_token: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Event {
    pub id: Option<String>,
    /// `confirmed`, `tentative` or `cancelled`.
    pub status: Option<String>,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub location: Option<String>,
    pub html_link: Option<String>,
    pub hangout_link: Option<String>,
    pub conference_data: Option<ConferenceData>,
    pub start: Option<EventDateTime>,
    /// For all-day events `end.date` is exclusive: a one-day event on the 24th ends on the 25th.
    pub end: Option<EventDateTime>,
    #[serde(deserialize_with = "null_as_default")]
    pub attendees: Vec<EventAttendee>,
    /// `default`, `outOfOffice`, `focusTime`, `workingLocation`, `birthday`, `fromGmail`.
    pub event_type: Option<String>,
    pub working_location_properties: Option<WorkingLocation>,
    /// Who organizes it; `self` when it is the user (then it is theirs to edit).
    pub organizer: Option<Organizer>,
    /// Set on an instance of a recurring event: the series' id.
    pub recurring_event_id: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default)]
pub struct Organizer {
    #[serde(rename = "self", deserialize_with = "null_as_default")]
    pub self_: bool,
}

impl Event {
    pub fn is_cancelled(&self) -> bool {
        self.status.as_deref() == Some("cancelled")
    }

    /// The user's own attendee entry (`self: true`), if they are invited.
    pub fn self_attendee(&self) -> Option<&EventAttendee> {
        self.attendees.iter().find(|a| a.self_)
    }

    /// The user organizes it, or nobody is named (an event of one's own): Edit and Delete.
    pub fn is_own(&self) -> bool {
        self.organizer.as_ref().is_none_or(|o| o.self_)
    }

    /// The user said no to this invitation.
    pub fn self_declined(&self) -> bool {
        self.self_attendee()
            .and_then(|a| a.response_status.as_deref())
            == Some("declined")
    }

    /// The title, or `None` when it is missing or empty (the shell shows "(No title)").
    pub fn title(&self) -> Option<&str> {
        self.summary.as_deref().filter(|s| !s.is_empty())
    }

    /// The link to join a call: the first video entry point, else the Meet link.
    pub fn video_link(&self) -> Option<&str> {
        self.conference_data
            .iter()
            .flat_map(|c| &c.entry_points)
            .find(|e| e.entry_point_type.as_deref() == Some("video"))
            .and_then(|e| e.uri.as_deref())
            .or(self.hangout_link.as_deref())
    }
}

/// The start or end of an event: `date` for all-day events, else `dateTime` (with an offset).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EventDateTime {
    /// `YYYY-MM-DD`
    pub date: Option<String>,
    /// RFC 3339, e.g. `2026-11-24T13:00:00+02:00`: the offset places it, so the event's
    /// `timeZone` is not needed.
    pub date_time: Option<String>,
    /// The zone the event was made in (IANA name), when it has its own; shown beside the
    /// user's time when its clock differs.
    pub time_zone: Option<String>,
}

/// A parsed [`EventDateTime`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// All-day: a calendar date, the same in every zone.
    Date(Date),
    /// Timed: UTC milliseconds.
    Instant(i64),
}

impl EventDateTime {
    /// `dateTime` wins when both are present (Google never sends both).
    pub fn parse(&self) -> Result<When, TimeError> {
        match (&self.date_time, &self.date) {
            (Some(dt), _) => parse_rfc3339(dt).map(When::Instant),
            (None, Some(d)) => Date::parse(d).map(When::Date),
            (None, None) => Err(TimeError::Syntax),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EventAttendee {
    pub email: Option<String>,
    pub display_name: Option<String>,
    /// `needsAction`, `declined`, `tentative` or `accepted`.
    pub response_status: Option<String>,
    /// This entry is the user (the calendar the copy appears on).
    #[serde(rename = "self", deserialize_with = "null_as_default")]
    pub self_: bool,
    #[serde(deserialize_with = "null_as_default")]
    pub organizer: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ConferenceData {
    #[serde(deserialize_with = "null_as_default")]
    pub entry_points: Vec<EntryPoint>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EntryPoint {
    /// `video`, `phone`, `sip` or `more`.
    pub entry_point_type: Option<String>,
    pub uri: Option<String>,
}

/// `workingLocationProperties`: where the user works that day.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct WorkingLocation {
    /// `homeOffice`, `officeLocation` or `customLocation`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Discovery types it `any`; only its presence matters.
    pub home_office: Option<serde_json::Value>,
    pub office_location: Option<Labelled>,
    pub custom_location: Option<Labelled>,
}

/// An office or custom location: only its label is shown.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Labelled {
    pub label: Option<String>,
}

/// `fields=` for `events.list`: only what [`Events`] and [`Event`] read (every field costs
/// bytes on the wire, parse time and code in the bundle, thousands of times over).
pub const EVENTS_FIELDS: &str = "nextPageToken,items(id,status,summary,description,location,\
htmlLink,hangoutLink,conferenceData/entryPoints(entryPointType,uri),start(date,dateTime,timeZone),\
end(date,dateTime,timeZone),attendees(email,displayName,responseStatus,self,organizer),eventType,\
workingLocationProperties,organizer(self),recurringEventId)";

/// `fields=` for `calendarList.list`: only what [`CalendarListEntry`] reads.
pub const CALENDAR_LIST_FIELDS: &str =
    "nextPageToken,items(id,summary,summaryOverride,backgroundColor,primary,selected,accessRole)";

/// `fields=` for `events.quickAdd` (returns one [`Event`]): enough to show and place it.
pub const EVENT_FIELDS: &str = "id,status,summary,htmlLink,start(date,dateTime),end(date,dateTime)";

/// Google's limit on `events.list` `maxResults`.
pub const EVENTS_MAX_RESULTS: u32 = 2500;
/// Google's limit on `calendarList.list` `maxResults`.
pub const CALENDAR_LIST_MAX_RESULTS: u32 = 250;

/// `{root}calendar/v3/`, tolerating a configured root without its trailing `/`.
pub(super) fn api_base(calendar_root: &str) -> String {
    let slash = if calendar_root.ends_with('/') {
        ""
    } else {
        "/"
    };
    format!("{calendar_root}{slash}calendar/v3/")
}

/// Appends `&name=value` (or `?` first), percent-encoding the value.
pub(super) fn push_param(url: &mut String, name: &str, value: &str) {
    url.push(if url.contains('?') { '&' } else { '?' });
    url.push_str(name);
    url.push('=');
    url.push_str(&encode_component(value));
}

/// `events.list` for one calendar: instances of recurring events expanded, in start order.
/// `time_min`/`time_max` must be RFC 3339 with an offset (see `time::format_rfc3339`).
pub fn events_list_url(
    calendar_root: &str,
    calendar_id: &str,
    time_min: &str,
    time_max: &str,
    page_token: Option<&str>,
) -> String {
    let mut url = format!(
        "{}calendars/{}/events",
        api_base(calendar_root),
        encode_component(calendar_id)
    );
    push_param(&mut url, "singleEvents", "true");
    push_param(&mut url, "orderBy", "startTime");
    push_param(&mut url, "maxResults", &EVENTS_MAX_RESULTS.to_string());
    push_param(&mut url, "timeMin", time_min);
    push_param(&mut url, "timeMax", time_max);
    push_param(&mut url, "fields", EVENTS_FIELDS);
    if let Some(token) = page_token {
        push_param(&mut url, "pageToken", token);
    }
    url
}

/// `calendarList.list`, the largest page Google allows.
pub fn calendar_list_url(calendar_root: &str, page_token: Option<&str>) -> String {
    let mut url = format!("{}users/me/calendarList", api_base(calendar_root));
    push_param(
        &mut url,
        "maxResults",
        &CALENDAR_LIST_MAX_RESULTS.to_string(),
    );
    push_param(&mut url, "fields", CALENDAR_LIST_FIELDS);
    if let Some(token) = page_token {
        push_param(&mut url, "pageToken", token);
    }
    url
}

/// `events.quickAdd` (POST, empty body): Google parses `text` like "Lunch with Ana tomorrow 1pm".
pub fn quick_add_url(calendar_root: &str, calendar_id: &str, text: &str) -> String {
    let mut url = format!(
        "{}calendars/{}/events/quickAdd",
        api_base(calendar_root),
        encode_component(calendar_id)
    );
    push_param(&mut url, "text", text);
    push_param(&mut url, "fields", EVENT_FIELDS);
    url
}
