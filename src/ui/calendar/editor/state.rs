//! The event form's state: what is typed, which event it edits, and what it is waiting
//! for. Everything typed is written to sessionStorage at once, so a renewal or a same-tab
//! sign-in loses nothing; a failed save leaves the form as it was.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::browser::storage::{self, Area};
use crate::calendar::edit::{EventForm, FieldError};
use crate::i18n::{k, t};

/// sessionStorage: the open form and what it edits.
const KEY: &str = "satchel.calendar.event_form";
/// localStorage: the calendar new events (and quick add) went to last.
pub const LAST_CALENDAR_KEY: &str = "satchel.calendar.last_calendar";

/// What the form edits.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Target {
    New {
        /// Chosen when the form opened and kept: a retried insert reuses it, so Google
        /// answers 409 instead of making a second event.
        id: String,
    },
    Existing {
        calendar_id: String,
        /// The event as Google sent it when the form opened (etag, attendees, series).
        event: Value,
    },
}

impl Target {
    pub fn event_id(&self) -> Option<&str> {
        match self {
            Target::New { .. } => None,
            Target::Existing { event, .. } => event.get("id").and_then(Value::as_str),
        }
    }

    /// The series an instance belongs to, if it is one.
    pub fn series_id(&self) -> Option<&str> {
        match self {
            Target::New { .. } => None,
            Target::Existing { event, .. } => event.get("recurringEventId").and_then(Value::as_str),
        }
    }
}

/// Which events of a series a change applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    This,
    Following,
    All,
}

impl Scope {
    pub fn label(self) -> &'static str {
        match self {
            Scope::This => t(k::CAL_SCOPE_THIS),
            Scope::Following => t(k::CAL_SCOPE_FOLLOWING),
            Scope::All => t(k::CAL_SCOPE_ALL),
        }
    }
}

/// A question the form asks before saving.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ask {
    Scope,
    SendInvitations,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct Kept {
    target: Option<Target>,
    form: EventForm,
}

#[derive(Clone, Copy)]
pub struct EditorState {
    pub target: RwSignal<Option<Target>>,
    pub form: RwSignal<EventForm>,
    pub errors: RwSignal<Vec<FieldError>>,
    /// A problem with the whole save (a conflict, no connection): said above the buttons.
    pub problem: RwSignal<Option<String>>,
    /// The event changed elsewhere since the form opened (412): offer to reload it.
    pub conflict: RwSignal<bool>,
    pub busy: RwSignal<bool>,
    pub ask: RwSignal<Option<Ask>>,
    /// Answers to the questions, for this save.
    pub scope: StoredValue<Option<Scope>>,
    pub send: StoredValue<Option<bool>>,
    /// Save was clicked before the permission to write was granted.
    pub waiting_for_grant: RwSignal<bool>,
    /// What the last save did, shown once the form is closed.
    pub done: RwSignal<Option<String>>,
    /// Guests as typed, for the mail view's suggestions field (kept in `form` as well),
    /// and that field's message.
    pub guests: RwSignal<String>,
    pub guests_error: RwSignal<Option<String>>,
}

impl EditorState {
    pub fn new() -> EditorState {
        let kept: Kept = storage::get(Area::Session, KEY)
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default();
        let guests = kept.form.guests.clone();
        let state = EditorState {
            target: RwSignal::new(kept.target),
            form: RwSignal::new(kept.form),
            errors: RwSignal::new(Vec::new()),
            problem: RwSignal::new(None),
            conflict: RwSignal::new(false),
            busy: RwSignal::new(false),
            ask: RwSignal::new(None),
            scope: StoredValue::new(None),
            send: StoredValue::new(None),
            waiting_for_grant: RwSignal::new(false),
            done: RwSignal::new(None),
            guests: RwSignal::new(guests),
            guests_error: RwSignal::new(None),
        };
        Effect::new(move |_| {
            let guests = state.guests.get();
            if state.form.with_untracked(|f| f.guests != guests) {
                state.form.update(|f| f.guests = guests);
            }
        });
        Effect::new(move |_| {
            let kept = Kept {
                target: state.target.get(),
                form: state.form.get(),
            };
            match (&kept.target, serde_json::to_string(&kept)) {
                (Some(_), Ok(text)) => {
                    storage::set(Area::Session, KEY, &text);
                }
                _ => storage::remove(Area::Session, KEY),
            }
        });
        state
    }

    pub fn is_open(&self) -> bool {
        self.target.with(Option::is_some)
    }

    /// Opens the form on `form` for `target`, clearing what an earlier save left.
    pub fn open(&self, target: Target, form: EventForm) {
        self.errors.set(Vec::new());
        self.problem.set(None);
        self.conflict.set(false);
        self.ask.set(None);
        self.done.set(None);
        self.guests_error.set(None);
        self.guests.set(form.guests.clone());
        self.form.set(form);
        self.target.set(Some(target));
    }

    /// Closes the form (Cancel, or after saving), forgetting what was typed.
    pub fn close(&self) {
        self.target.set(None);
        self.form.set(EventForm::default());
        self.guests.set(String::new());
        self.guests_error.set(None);
        self.errors.set(Vec::new());
        self.problem.set(None);
        self.conflict.set(false);
        self.ask.set(None);
        self.busy.set(false);
    }

    /// The message by `field`, if any.
    pub fn error_for(&self, field: crate::calendar::edit::Field) -> Option<String> {
        self.errors.with(|e| {
            e.iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone())
        })
    }
}

impl Default for EditorState {
    fn default() -> Self {
        Self::new()
    }
}
