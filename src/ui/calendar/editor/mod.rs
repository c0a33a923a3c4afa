//! The event form: New event and Edit. Native `datetime-local` and `date` inputs, so
//! phones show their own pickers; every field labelled, its message beside it and focus
//! moved there; `dir="auto"` on what people type.

mod flow;
mod save;
pub mod state;

use leptos::prelude::*;

use crate::auth::scopes::Feature;
use crate::calendar::edit::{EventForm, Field};
use crate::i18n::{k, t, Key};
use crate::ui::calendar::state::CalendarState;
use crate::ui::calendar::zones::known_zones;
use crate::ui::mail::recipients::RecipientField;
pub use flow::{default_calendar, is_writable, open_existing, open_new, writable_calendars};
pub use save::{delete, get_event, patch, refresh, Series};
use state::{Ask, Scope, Target};

/// The reminder choices: minutes before, `None` for the calendar's own defaults.
const REMINDERS: [(Option<u32>, Key); 6] = [
    (None, k::CAL_REMINDER_DEFAULT),
    (Some(0), k::CAL_REMINDER_AT_START),
    (Some(10), k::CAL_REMINDER_10_MINUTES),
    (Some(30), k::CAL_REMINDER_30_MINUTES),
    (Some(60), k::CAL_REMINDER_1_HOUR),
    (Some(1440), k::CAL_REMINDER_1_DAY),
];

#[component]
pub fn EventEditor(store: CalendarState) -> impl IntoView {
    let editor = store.editor;
    let auth = store.auth;
    // The permission arrived (or was refused) after a click on Save.
    Effect::new(move |_| {
        if !editor.waiting_for_grant.get() {
            return;
        }
        if auth.allows(Feature::AddEvent) {
            editor.waiting_for_grant.set(false);
            flow::save(store);
        } else if !auth.busy.get() {
            editor.waiting_for_grant.set(false);
        }
    });
    let heading = move || match editor.target.get() {
        Some(Target::Existing { .. }) => t(k::CAL_EDIT_EVENT),
        _ => t(k::CAL_NEW_EVENT),
    };
    let editing = move || matches!(editor.target.get(), Some(Target::Existing { .. }));
    let set = move |change: fn(&mut EventForm, String)| {
        move |ev: web_sys::Event| {
            let value = event_target_value(&ev);
            editor.form.update(|f| change(f, value));
        }
    };
    let get = move |read: fn(&EventForm) -> String| move || editor.form.with(read);
    let all_day = move || editor.form.with(|f| f.all_day);
    let toggle_all_day = move |ev: web_sys::Event| {
        let on = event_target_checked(&ev);
        editor.form.update(|f| {
            f.all_day = on;
            for (value, time) in [(&mut f.start, "T09:00"), (&mut f.end, "T10:00")] {
                *value = match (on, value.get(..10)) {
                    (true, Some(day)) => day.to_string(),
                    (false, Some(day)) if value.len() == 10 => format!("{day}{time}"),
                    _ => value.clone(),
                };
            }
        });
    };
    let calendars = move || flow::writable_calendars(store);
    let zones = known_zones();
    view! {
        <section class="event-editor" aria-labelledby="event-editor-title">
            <h2 id="event-editor-title">{heading}</h2>
            <form novalidate on:submit=move |ev| {
                ev.prevent_default();
                flow::save(store);
            }>
                <TextField store field=Field::Title label=t(k::CAL_FIELD_TITLE) placeholder=t(k::CAL_NO_TITLE)
                    read=|f| f.title.clone() write=|f, v| f.title = v/>
                <div class="check">
                    <input id="event-all-day" type="checkbox" dir="auto" prop:checked=all_day on:change=toggle_all_day/>
                    <label for="event-all-day">{t(k::CAL_ALL_DAY)}</label>
                </div>
                <TimeField store field=Field::Start label=t(k::CAL_START)/>
                <TimeField store field=Field::End label=t(k::CAL_END)/>
                <div hidden=all_day>
                    <FieldRow store field=Field::TimeZone label=t(k::CAL_TIME_ZONE)>
                        <input id="event-zone" type="text" dir="auto" list="event-zones" autocomplete="off" spellcheck="false"
                            prop:value=get(|f| f.time_zone.clone()) on:input=set(|f, v| f.time_zone = v)
                            aria-invalid=move || editor.error_for(Field::TimeZone).is_some().to_string()/>
                        <datalist id="event-zones">
                            {zones.into_iter().map(|z| view! { <option value=z></option> }).collect_view()}
                        </datalist>
                    </FieldRow>
                </div>
                <FieldRow store field=Field::Calendar label=t(k::CAL_CALENDAR)>
                    <select id="event-calendar" disabled=editing
                        on:change=set(|f, v| f.calendar_id = v)
                        aria-invalid=move || editor.error_for(Field::Calendar).is_some().to_string()>
                        {move || {
                            let chosen = editor.form.with(|f| f.calendar_id.clone());
                            calendars().into_iter().map(|(id, name)| {
                                let selected = id == chosen;
                                view! { <option value=id selected=selected dir="auto">{name}</option> }
                            }).collect_view()
                        }}
                    </select>
                </FieldRow>
                <div class="field">
                    <label for="event-location">{t(k::CAL_LOCATION)}</label>
                    <input id="event-location" type="text" dir="auto"
                        prop:value=get(|f| f.location.clone()) on:input=set(|f, v| f.location = v)/>
                </div>
                <div class="field">
                    <label for="event-description">{t(k::CAL_DESCRIPTION)}</label>
                    <textarea id="event-description" dir="auto" rows="3"
                        prop:value=get(|f| f.description.clone()) on:input=set(|f, v| f.description = v)></textarea>
                </div>
                // The mail view's field: its suggestions of people written to lately, where
                // this tab has them.
                <div class="field">
                    <RecipientField id="event-guests" label=t(k::CAL_GUESTS) value=editor.guests
                        error=editor.guests_error dirty=RwSignal::new(false)/>
                </div>
                <div class="check">
                    <input id="event-video" type="checkbox" dir="auto" prop:checked=move || editor.form.with(|f| f.video)
                        on:change=move |ev| { let on = event_target_checked(&ev); editor.form.update(|f| f.video = on); }/>
                    <label for="event-video">{t(k::CAL_ADD_VIDEO)}</label>
                </div>
                <div class="field">
                    <label for="event-reminder">{t(k::CAL_REMINDER)}</label>
                    <select id="event-reminder" on:change=move |ev| {
                        let value = event_target_value(&ev);
                        editor.form.update(|f| f.reminder = value.parse().ok());
                    }>
                        {move || {
                            let chosen = editor.form.with(|f| f.reminder);
                            REMINDERS.iter().map(|(minutes, label)| {
                                let value = minutes.map(|m| m.to_string()).unwrap_or_default();
                                view! { <option value=value selected=*minutes == chosen>{t(*label)}</option> }
                            }).collect_view()
                        }}
                    </select>
                </div>
                {move || editor.problem.get().map(|text| view! {
                    <div id="event-problem" class="form-error" role="alert" tabindex="-1">
                        <p>{text}</p>
                        {editor.conflict.get().then(|| view! {
                            <button type="button" on:click=move |_| flow::reload(store)>{t(k::CAL_RELOAD_EVENT)}</button>
                        })}
                    </div>
                })}
                <Question store/>
                <div class="actions">
                    <button type="submit" id="event-save" disabled=move || editor.busy.get() || auth.busy.get()>
                        {move || if editor.busy.get() { t(k::CAL_SAVING) } else { t(k::CAL_SAVE) }}
                    </button>
                    <button type="button" class="secondary" on:click=move |_| editor.close()>{t(k::CAL_CANCEL)}</button>
                </div>
                {move || (!auth.allows(Feature::AddEvent)).then(|| view! {
                    <p class="hint muted">{t(k::CAL_PERMISSION_CHANGE_HINT)}</p>
                })}
            </form>
        </section>
    }
}

/// A text field people type their own words into (`dir="auto"`), with its message.
#[component]
fn TextField(
    store: CalendarState,
    field: Field,
    label: &'static str,
    placeholder: &'static str,
    read: fn(&EventForm) -> String,
    write: fn(&mut EventForm, String),
) -> impl IntoView {
    let editor = store.editor;
    view! {
        <FieldRow store field label>
            <input id=field.input_id() type="text" dir="auto" autocomplete="off" placeholder=placeholder
                prop:value=move || editor.form.with(read)
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    editor.form.update(|f| write(f, value));
                }
                aria-invalid=move || editor.error_for(field).is_some().to_string()/>
        </FieldRow>
    }
}

/// Start or End: `datetime-local`, or `date` while All day is ticked.
#[component]
fn TimeField(store: CalendarState, field: Field, label: &'static str) -> impl IntoView {
    let editor = store.editor;
    let start = field == Field::Start;
    let value = move || {
        editor.form.with(|f| {
            if start {
                f.start.clone()
            } else {
                f.end.clone()
            }
        })
    };
    let write = move |ev: web_sys::Event| {
        let value = event_target_value(&ev);
        editor.form.update(|f| {
            if start {
                f.start = value
            } else {
                f.end = value
            }
        });
    };
    let kind = move || {
        if editor.form.with(|f| f.all_day) {
            "date"
        } else {
            "datetime-local"
        }
    };
    view! {
        <FieldRow store field label>
            <input id=field.input_id() type=kind dir="auto" prop:value=value on:input=write on:change=write
                aria-invalid=move || editor.error_for(field).is_some().to_string()/>
        </FieldRow>
    }
}

/// A labelled field with its message (if any) under it.
#[component]
fn FieldRow(
    store: CalendarState,
    field: Field,
    label: &'static str,
    children: Children,
) -> impl IntoView {
    let message = move || store.editor.error_for(field);
    let error_id = format!("{}-error", field.input_id());
    view! {
        <div class="field">
            <label for=field.input_id()>{label}</label>
            {children()}
            {move || message().map(|text| view! { <p class="field-error" id=error_id.clone()>{text}</p> })}
        </div>
    }
}

/// "Change which events?" for an instance of a series; "Send invitations?" when there are
/// guests. Each answer goes on with the save.
#[component]
fn Question(store: CalendarState) -> impl IntoView {
    let editor = store.editor;
    let answer_scope = move |scope: Scope| {
        editor.scope.set_value(Some(scope));
        flow::save(store);
    };
    let answer_send = move |send: bool| {
        editor.send.set_value(Some(send));
        flow::save(store);
    };
    move || {
        match editor.ask.get() {
        Some(Ask::Scope) => view! {
            <div id="event-ask" class="question" role="group" aria-labelledby="event-ask-title" tabindex="-1">
                <p id="event-ask-title">{t(k::CAL_CHANGE_WHICH)}</p>
                {[Scope::This, Scope::Following, Scope::All].into_iter().map(|scope| view! {
                    <button type="button" class="secondary" on:click=move |_| answer_scope(scope)>{scope.label()}</button>
                }).collect_view()}
            </div>
        }
        .into_any(),
        Some(Ask::SendInvitations) => view! {
            <div id="event-ask" class="question" role="group" aria-labelledby="event-ask-title" tabindex="-1">
                <p id="event-ask-title">{t(k::CAL_SEND_INVITATIONS)}</p>
                <button type="button" on:click=move |_| answer_send(true)>{t(k::CAL_SEND)}</button>
                <button type="button" class="secondary" on:click=move |_| answer_send(false)>{t(k::CAL_DONT_SEND)}</button>
            </div>
        }
        .into_any(),
        None => ().into_any(),
    }
    }
}
