//! An opened event: its description as plain text and who is coming.
//!
//! Descriptions are HTML written by whoever sent the invitation; they are turned into text
//! (tags dropped, `<script>` contents skipped) and shown as text, never as markup; only
//! its `http(s)://` addresses become links.

use leptos::prelude::*;

use super::event_actions::EventActions;
use super::state::CalendarState;
use crate::calendar::links::{split_links, Piece};
use crate::calendar::{Event, EventAttendee};
use crate::i18n::{k, t, tf};
use crate::mail::html_to_text;

#[component]
pub fn EventDetails(event: Event, calendar_id: String, store: CalendarState) -> impl IntoView {
    let description = event
        .description
        .as_deref()
        .map(html_to_text)
        .filter(|t| !t.trim().is_empty());
    let guests: Vec<(String, &'static str)> = event.attendees.iter().map(guest).collect();
    let nothing = description.is_none() && guests.is_empty();
    let actions = event.clone();
    view! {
        <div class="details">
            <EventActions event=actions calendar_id store/>
            {description.map(|text| view! { <p class="description" dir="auto">{with_links(&text)}</p> })}
            {(!guests.is_empty()).then(|| view! {
                <h3>{t(k::CAL_GUESTS)}</h3>
                <ul class="guests">
                    {guests.into_iter().map(|(name, answer)| view! {
                        <li><span dir="auto">{name}</span> ", " <span class="answer">{answer}</span></li>
                    }).collect_view()}
                </ul>
            })}
            {nothing.then(|| view! { <p class="muted">{t(k::CAL_NO_DETAILS)}</p> })}
        </div>
    }
}

/// The description's text, its web addresses made links (opened in a new tab).
fn with_links(text: &str) -> Vec<AnyView> {
    split_links(text)
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(text) => text.to_string().into_any(),
            Piece::Link(url) => {
                let (href, text) = (url.to_string(), url.to_string());
                view! { <a href=href target="_blank" rel="noopener">{text}</a> }.into_any()
            }
        })
        .collect()
}

/// "Mary Somerville (organizer)" and their answer in words.
fn guest(attendee: &EventAttendee) -> (String, &'static str) {
    let name = attendee
        .display_name
        .clone()
        .or_else(|| attendee.email.clone())
        .unwrap_or_else(|| t(k::CAL_GUEST_UNNAMED).into());
    let role = match (attendee.self_, attendee.organizer) {
        (true, true) => Some(k::CAL_GUEST_YOU_ORGANIZER),
        (true, false) => Some(k::CAL_GUEST_YOU),
        (false, true) => Some(k::CAL_GUEST_ORGANIZER),
        (false, false) => None,
    };
    let name = match role {
        Some(key) => tf(key, &[("name", &name)]),
        None => name,
    };
    let answer = match attendee.response_status.as_deref() {
        Some("accepted") => t(k::CAL_GUEST_ACCEPTED),
        Some("declined") => t(k::CAL_GUEST_DECLINED),
        Some("tentative") => t(k::CAL_GUEST_MAYBE),
        _ => t(k::CAL_GUEST_NO_ANSWER),
    };
    (name, answer)
}

#[cfg(test)]
mod tests {
    use super::guest;
    use crate::calendar::EventAttendee;

    fn attendee(name: Option<&str>, email: &str, status: &str) -> EventAttendee {
        EventAttendee {
            display_name: name.map(String::from),
            email: Some(email.into()),
            response_status: Some(status.into()),
            ..EventAttendee::default()
        }
    }

    #[test]
    fn guests_are_named_and_their_answers_said_in_words() {
        assert_eq!(
            guest(&attendee(Some("Mary"), "m@x", "tentative")),
            ("Mary".into(), "maybe")
        );
        assert_eq!(
            guest(&attendee(None, "c@x", "accepted")),
            ("c@x".into(), "accepted")
        );
        assert_eq!(guest(&attendee(None, "d@x", "declined")).1, "declined");
        assert_eq!(
            guest(&attendee(None, "n@x", "needsAction")).1,
            "has not answered"
        );
        let mut me = attendee(None, "ada@x", "accepted");
        (me.self_, me.organizer) = (true, true);
        assert_eq!(guest(&me).0, "ada@x (you, organizer)");
        assert_eq!(
            guest(&EventAttendee::default()),
            ("A guest".into(), "has not answered")
        );
    }
}
