//! What sort of event an entry is, as Google Calendar shows it: a working location is a
//! small label on its day, out of office and focus time say what they are, and a calendar
//! shared as free/busy only shows "Busy".

use super::model::{Event, WorkingLocation};
use crate::i18n::{k, t, tf};

/// `eventType`, the kinds the agenda treats differently; any other value (`default`,
/// `birthday`, `fromGmail`, one Google adds later) is an ordinary event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Ordinary,
    OutOfOffice,
    FocusTime,
    WorkingLocation,
}

impl Kind {
    pub fn of(event: &Event) -> Kind {
        match event.event_type.as_deref() {
            Some("outOfOffice") => Kind::OutOfOffice,
            Some("focusTime") => Kind::FocusTime,
            Some("workingLocation") => Kind::WorkingLocation,
            _ => Kind::Ordinary,
        }
    }

    /// The words on the row, so the kind is not told by styling alone.
    pub fn label(self) -> Option<&'static str> {
        match self {
            Kind::OutOfOffice => Some(t(k::CAL_KIND_OUT_OF_OFFICE)),
            Kind::FocusTime => Some(t(k::CAL_KIND_FOCUS_TIME)),
            Kind::Ordinary | Kind::WorkingLocation => None,
        }
    }

    /// Added to the row's `class`.
    pub fn class(self) -> Option<&'static str> {
        match self {
            Kind::OutOfOffice => Some("out-of-office"),
            Kind::FocusTime => Some("focus-time"),
            Kind::Ordinary | Kind::WorkingLocation => None,
        }
    }
}

/// A working location's day label: "Working location: Home", "…: Office", "…: King's Cross".
/// The location's own label wins; then the title; then the type in words.
pub fn working_location_text(event: &Event) -> String {
    let place = working_location_place(event);
    tf(k::CAL_WORKING_LOCATION, &[("place", &place)])
}

/// Where a working location says the user works: "Home", "Office", "King's Cross".
pub fn working_location_place(event: &Event) -> String {
    event
        .working_location_properties
        .as_ref()
        .and_then(place)
        .or_else(|| event.title().map(str::to_string))
        .unwrap_or_else(|| t(k::CAL_WORKING_SOMEWHERE).to_string())
}

fn place(props: &WorkingLocation) -> Option<String> {
    let home = || t(k::CAL_WORKING_HOME).to_string();
    let office = || t(k::CAL_WORKING_OFFICE).to_string();
    let label = |l: &Option<super::model::Labelled>| {
        l.as_ref()
            .and_then(|l| l.label.as_deref())
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    // `type` says which sub-field counts; without it, the first one present.
    match props.kind.as_deref() {
        Some("homeOffice") => Some(home()),
        Some("officeLocation") => label(&props.office_location).or_else(|| Some(office())),
        Some("customLocation") => label(&props.custom_location),
        _ if props.home_office.is_some() => Some(home()),
        _ if props.office_location.is_some() => {
            label(&props.office_location).or_else(|| Some(office()))
        }
        _ => label(&props.custom_location),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn event(value: serde_json::Value) -> Event {
        serde_json::from_value(value).expect("an event")
    }

    #[test]
    fn event_types_map_to_kinds_and_unknown_ones_are_ordinary() {
        for (t, kind) in [
            ("outOfOffice", Kind::OutOfOffice),
            ("focusTime", Kind::FocusTime),
            ("workingLocation", Kind::WorkingLocation),
            ("default", Kind::Ordinary),
            ("birthday", Kind::Ordinary),
            ("fromGmail", Kind::Ordinary),
            ("somethingNew", Kind::Ordinary),
        ] {
            assert_eq!(Kind::of(&event(json!({ "eventType": t }))), kind, "{t}");
        }
        assert_eq!(Kind::of(&event(json!({}))), Kind::Ordinary);
        assert_eq!(Kind::OutOfOffice.label(), Some("Out of office"));
        assert_eq!(Kind::FocusTime.class(), Some("focus-time"));
        assert_eq!(Kind::Ordinary.label(), None);
    }

    #[test]
    fn working_locations_read_as_google_shows_them() {
        let text = |props: serde_json::Value, summary: Option<&str>| {
            let mut v =
                json!({ "eventType": "workingLocation", "workingLocationProperties": props });
            if let Some(s) = summary {
                v["summary"] = json!(s);
            }
            working_location_text(&event(v))
        };
        assert_eq!(
            text(
                json!({ "type": "homeOffice", "homeOffice": {} }),
                Some("Home")
            ),
            "Working location: Home"
        );
        assert_eq!(
            text(
                json!({ "type": "officeLocation", "officeLocation": { "label": "King's Cross", "buildingId": "KX1" } }),
                None
            ),
            "Working location: King's Cross"
        );
        assert_eq!(
            text(
                json!({ "type": "officeLocation", "officeLocation": {} }),
                None
            ),
            "Working location: Office"
        );
        assert_eq!(
            text(
                json!({ "type": "customLocation", "customLocation": { "label": " Café " } }),
                None
            ),
            "Working location: Café"
        );
        // No type: the sub-field present decides; nothing usable: the title, else a word.
        assert_eq!(
            text(
                json!({ "homeOffice": null, "officeLocation": { "label": "HQ" } }),
                None
            ),
            "Working location: HQ"
        );
        assert_eq!(
            text(json!({ "type": "customLocation" }), Some("Lisbon")),
            "Working location: Lisbon"
        );
        assert_eq!(text(json!(null), None), "Working location: Somewhere");
    }
}
