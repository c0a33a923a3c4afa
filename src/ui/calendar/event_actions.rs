//! What can be done with an opened event: Edit and Delete on the user's own events (with
//! "This event", "This and following", "All events" for a series), and "Going?" on an
//! invitation, answered at once in the agenda and then at Google.

use std::rc::Rc;

use leptos::prelude::*;

use super::editor::state::Scope;
use super::editor::{delete, get_event, open_existing, patch, refresh, Series};
use super::state::CalendarState;
use crate::auth::scopes::Feature;
use crate::calendar::edit::{answer_body, Answer};
use crate::calendar::writes::SendUpdates;
use crate::calendar::Event;
use crate::i18n::{k, t, tf};

#[component]
pub fn EventActions(event: Event, calendar_id: String, store: CalendarState) -> impl IntoView {
    let auth = store.auth;
    let id = event.id.clone().unwrap_or_default();
    let title = event.title().unwrap_or(t(k::CAL_NO_TITLE)).to_string();
    let writable = super::editor::is_writable(store, &calendar_id);
    let own = event.is_own() && writable;
    let invited = event.self_attendee().is_some() && !event.is_own();
    let series = event.recurring_event_id.clone();
    let problem = RwSignal::new(None::<String>);
    let choosing = RwSignal::new(false);
    let answered = RwSignal::new(
        event
            .self_attendee()
            .and_then(|a| a.response_status.as_deref())
            .and_then(Answer::from_status),
    );
    // An action waiting for the permission to change events (asked from its click).
    let after_grant = StoredValue::new_local(None::<Rc<dyn Fn()>>);
    Effect::new(move |_| {
        if auth.allows(Feature::AddEvent) {
            if let Some(go) = after_grant.try_update_value(Option::take).flatten() {
                go();
            }
        } else if !auth.busy.get() {
            after_grant.set_value(None);
        }
    });
    let with_permission = move |go: Rc<dyn Fn()>| {
        if auth.allows(Feature::AddEvent) {
            go();
        } else {
            after_grant.set_value(Some(go));
            auth.sign_in(&[Feature::AddEvent]);
        }
    };
    let (cal_edit, id_edit) = (calendar_id.clone(), id.clone());
    let edit = move |_| open_existing(store, cal_edit.clone(), id_edit.clone());
    let (cal_del, id_del, title_del, series_del) = (
        calendar_id.clone(),
        id.clone(),
        title.clone(),
        series.clone(),
    );
    let remove = move |scope: Option<Scope>| {
        let (cal, id, title, series) = (
            cal_del.clone(),
            id_del.clone(),
            title_del.clone(),
            series_del.clone(),
        );
        with_permission(Rc::new(move || {
            run_delete(
                store,
                cal.clone(),
                id.clone(),
                series.clone(),
                title.clone(),
                scope,
                problem,
            )
        }));
    };
    let remove_one = remove.clone();
    let has_series = series.is_some();
    let (cal_ans, id_ans, title_ans) = (calendar_id.clone(), id.clone(), title.clone());
    let reply = move |answer: Answer| {
        let (cal, id, title) = (cal_ans.clone(), id_ans.clone(), title_ans.clone());
        answered.set(Some(answer));
        with_permission(Rc::new(move || {
            run_answer(
                store,
                cal.clone(),
                id.clone(),
                title.clone(),
                answer,
                problem,
            )
        }));
    };
    view! {
        <div class="event-actions">
            {own.then(|| view! {
                <button type="button" class="secondary" data-action="edit" on:click=edit>{t(k::CAL_EDIT)}</button>
                <button type="button" class="secondary" data-action="delete" on:click=move |_| {
                    if has_series { choosing.set(true) } else { remove_one(None) }
                }>{t(k::CAL_DELETE)}</button>
            })}
            {move || choosing.get().then(|| {
                let remove = remove.clone();
                view! {
                    <div class="question" role="group" aria-label=t(k::CAL_DELETE_WHICH)>
                        <p>{t(k::CAL_DELETE_WHICH)}</p>
                        {[Scope::This, Scope::Following, Scope::All].into_iter().map(|scope| {
                            let remove = remove.clone();
                            view! { <button type="button" class="secondary" on:click=move |_| remove(Some(scope))>{scope.label()}</button> }
                        }).collect_view()}
                        <button type="button" class="link" on:click=move |_| choosing.set(false)>{t(k::CAL_CANCEL)}</button>
                    </div>
                }
            })}
            {invited.then(|| {
                let reply = reply.clone();
                view! {
                    <div class="going" role="group" aria-labelledby=format!("going-{id}")>
                        <span id=format!("going-{id}")>{t(k::CAL_GOING)}</span>
                        {Answer::ALL.into_iter().map(|answer| {
                            let reply = reply.clone();
                            view! {
                                <button type="button" class="secondary"
                                    aria-pressed=move || (answered.get() == Some(answer)).to_string()
                                    on:click=move |_| reply(answer)>{answer.label()}</button>
                            }
                        }).collect_view()}
                    </div>
                }
            })}
            {move || problem.get().map(|text| view! { <p class="field-error" role="alert">{text}</p> })}
        </div>
    }
}

fn run_delete(
    store: CalendarState,
    calendar: String,
    id: String,
    series: Option<String>,
    title: String,
    scope: Option<Scope>,
    problem: RwSignal<Option<String>>,
) {
    let (auth, root) = (store.auth, store.root());
    leptos::task::spawn_local(async move {
        let send = SendUpdates::All;
        let result = match (scope, series.as_deref()) {
            (Some(Scope::All), Some(series)) => delete(auth, &root, &calendar, series, send)
                .await
                .map_err(|e| e.to_string()),
            // "This and following": the series ends before this instance.
            (Some(Scope::Following), Some(_)) => {
                match get_event(auth, &root, &calendar, &id).await {
                    Ok(instance) => match Series::of(auth, &root, &calendar, &instance).await {
                        Ok(series) => series.end(auth, &root, &calendar, send).await,
                        Err(e) => Err(e),
                    }
                    .map_err(|e| e.to_string()),
                    Err(e) => Err(e.to_string()),
                }
            }
            _ => delete(auth, &root, &calendar, &id, send)
                .await
                .map_err(|e| e.to_string()),
        };
        match result {
            Ok(()) => {
                store
                    .editor
                    .done
                    .set(Some(tf(k::CAL_DELETED, &[("title", &title)])));
                refresh(store, calendar);
            }
            Err(e) => problem.set(Some(tf(k::CAL_DELETE_FAILED, &[("why", &e)]))),
        }
    });
}

/// The answer shows in the agenda at once (a declined event dims), then goes to Google
/// with the whole attendee list as Google has it now.
fn run_answer(
    store: CalendarState,
    calendar: String,
    id: String,
    title: String,
    answer: Answer,
    problem: RwSignal<Option<String>>,
) {
    store.loaded.update(|l| {
        let event = l
            .as_mut()
            .and_then(|l| l.calendars.iter_mut().find(|c| c.calendar_id == calendar))
            .and_then(|c| c.events.iter_mut().find(|e| e.id.as_deref() == Some(&id)));
        if let Some(me) = event.and_then(|e| e.attendees.iter_mut().find(|a| a.self_)) {
            me.response_status = Some(answer.status().to_string());
        }
    });
    let (auth, root) = (store.auth, store.root());
    leptos::task::spawn_local(async move {
        let result = match get_event(auth, &root, &calendar, &id).await {
            Ok(fresh) => match answer_body(&fresh, answer) {
                Some(body) => patch(auth, &root, &calendar, &id, None, &body, SendUpdates::All)
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string()),
                None => Err(t(k::CAL_NOT_A_GUEST).to_string()),
            },
            Err(e) => Err(e.to_string()),
        };
        match result {
            Ok(()) => {
                let said = match answer {
                    Answer::Yes => k::CAL_ANSWERED_YES,
                    Answer::No => k::CAL_ANSWERED_NO,
                    Answer::Maybe => k::CAL_ANSWERED_MAYBE,
                };
                store.editor.done.set(Some(tf(said, &[("title", &title)])));
            }
            Err(why) => {
                problem.set(Some(tf(k::CAL_ANSWER_FAILED, &[("why", &why)])));
                refresh(store, calendar);
            }
        }
    });
}
