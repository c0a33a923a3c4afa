//! The compose form: recipients, subject, text and attachments; Send, Save draft, Discard.
//! Everything typed lives in [`ComposeState`], so no failure, view switch or sign-in
//! loses it.

use leptos::prelude::*;
use web_sys::{DragEvent, KeyboardEvent};

use super::attachments::{self, Attachments};
use super::recipients::{check, RecipientField};
use super::send_flow::{self, focus};
use super::transport::{self, Built};
use super::{pending, use_compose, Attached, ComposeState, Status};
use crate::auth::scopes::Feature;
use crate::browser::time;
use crate::i18n::{k, t};
use crate::mail::{check_recipient_count, Draft};
use crate::ui::auth::{use_auth, Auth};
use crate::ui::config::use_app_config;

mod status;
use status::ComposeStatus;

/// The three recipient fields' errors, in form order.
#[derive(Clone, Copy)]
struct FieldErrors {
    to: RwSignal<Option<String>>,
    cc: RwSignal<Option<String>>,
    bcc: RwSignal<Option<String>>,
}

/// What the form's handlers share; `Copy`, so each handler is a one-line closure.
#[derive(Clone, Copy)]
struct Form {
    state: ComposeState,
    auth: Auth,
    errors: FieldErrors,
    root: StoredValue<String>,
}

impl Form {
    /// Fields locked: a send or save is under way, waiting for Undo, or of unknown outcome
    /// (changing the message then could send a second, different copy).
    fn locked(&self) -> bool {
        matches!(
            self.state.status.get(),
            Status::Busy(_) | Status::Countdown(_) | Status::Unsure(..) | Status::Interrupted(_)
        )
    }

    fn busy(&self) -> bool {
        self.locked() || self.state.reading.get() > 0
    }
}

/// Send (or, `drafting`, Save draft): checks the form, builds the message once, then
/// hands it over in the background.
fn start(form: Form, drafting: bool) {
    let Form {
        state,
        auth,
        errors,
        root,
    } = form;
    if form.busy() {
        return;
    }
    let Some(draft) = read_form(state, errors, !drafting) else {
        return;
    };
    match build(state, auth, draft) {
        Ok(built) => leptos::task::spawn_local(async move {
            let root = root.get_value();
            if drafting {
                send_flow::save_draft(state, auth, root, built).await
            } else {
                send_flow::send(state, auth, root, built).await
            }
        }),
        Err(message) => {
            state.status.set(Status::Failed(message));
            focus("compose-error");
        }
    }
}

/// Reads the recipient fields into a draft (attachments are added when building). On a bad
/// entry, shows every field's message and focuses the first bad field.
fn read_form(state: ComposeState, errors: FieldErrors, need_recipient: bool) -> Option<Draft> {
    let fields = [
        ("compose-to", state.to, errors.to),
        ("compose-cc", state.cc, errors.cc),
        ("compose-bcc", state.bcc, errors.bcc),
    ];
    let mut lists = Vec::new();
    let mut first_bad = None;
    for (id, value, error) in fields {
        let result = check(&value.get_untracked());
        error.set(result.as_ref().err().cloned());
        if result.is_err() && first_bad.is_none() {
            first_bad = Some(id);
        }
        lists.push(result.unwrap_or_default());
    }
    if first_bad.is_none() {
        let problem = if need_recipient && lists.iter().all(Vec::is_empty) {
            Some(t(k::MAIL_ADD_RECIPIENT).to_string())
        } else {
            check_recipient_count(&lists[0], &lists[1], &lists[2])
                .err()
                .map(|e| e.to_string())
        };
        if problem.is_some() {
            errors.to.set(problem);
            first_bad = Some("compose-to");
        }
    }
    if let Some(id) = first_bad {
        if id != "compose-to" {
            state.show_copies.set(true);
        }
        focus(id);
        return None;
    }
    let [to, cc, bcc]: [Vec<_>; 3] = lists.try_into().ok()?;
    Some(Draft {
        to,
        cc,
        bcc,
        subject: state.subject.get_untracked(),
        body: state.body.get_untracked(),
        in_reply_to: state
            .threading
            .with_untracked(|t| t.as_ref().and_then(|t| t.in_reply_to.clone())),
        references: state
            .threading
            .with_untracked(|t| t.as_ref().map(|t| t.references.clone()))
            .unwrap_or_default(),
        ..Draft::default()
    })
}

/// Builds the message with the attachments moved in and back out (never copied: they can
/// be 25 MB).
fn build(state: ComposeState, auth: Auth, mut draft: Draft) -> Result<Built, String> {
    let files = state
        .files
        .try_update_untracked(std::mem::take)
        .unwrap_or_default();
    let ids: Vec<u32> = files.iter().map(|a| a.id).collect();
    draft.attachments = files.into_iter().map(|a| a.file).collect();
    let domain = auth
        .email()
        .and_then(|e| e.split_once('@').map(|(_, d)| d.to_string()))
        .unwrap_or_default();
    let result = transport::build(&mut draft, &domain).map(|mut built| {
        built.thread_id = state
            .threading
            .with_untracked(|t| t.as_ref().and_then(|t| t.thread_id.clone()));
        built
    });
    let back: Vec<Attached> = ids
        .into_iter()
        .zip(draft.attachments)
        .map(|(id, file)| Attached { id, file })
        .collect();
    state.files.update_untracked(|f| *f = back);
    result
}

/// What to do once a permission asked for on the way is granted.
#[derive(Clone, Copy, PartialEq, Eq)]
enum AfterGrant {
    Save,
    CheckSent,
}

impl AfterGrant {
    fn feature(self) -> Feature {
        match self {
            AfterGrant::Save => Feature::Drafts,
            AfterGrant::CheckSent => Feature::Inbox,
        }
    }
}

/// Runs "Check again" / "Check Sent mail" for the current unsure send.
fn run_check(form: Form) {
    if let Status::Unsure(_, check) = form.state.status.get_untracked() {
        let root = form.root.get_value();
        leptos::task::spawn_local(send_flow::check(form.state, form.auth, root, check));
    }
}

#[component]
pub fn Compose() -> impl IntoView {
    let auth = use_auth();
    let state = use_compose();
    let root = StoredValue::new(use_app_config().config.with_value(|c| c.gmail_root.clone()));
    let errors = FieldErrors {
        to: RwSignal::new(None),
        cc: RwSignal::new(None),
        bcc: RwSignal::new(None),
    };
    let form = Form {
        state,
        auth,
        errors,
        root,
    };
    let refused = RwSignal::new(None::<String>);
    let busy = move || form.busy();
    let locked = move || form.locked();
    // An action asked for a permission: run it once it is granted.
    let after_grant = RwSignal::new(None::<AfterGrant>);
    let run = move |action: AfterGrant| match action {
        AfterGrant::Save => start(form, true),
        AfterGrant::CheckSent => run_check(form),
    };
    let request = move |action: AfterGrant| {
        if auth.allows(action.feature()) {
            run(action);
        } else {
            after_grant.set(Some(action));
            auth.sign_in(&[action.feature()]);
        }
    };
    Effect::new(move |_| {
        let Some(action) = after_grant.get() else {
            return;
        };
        if auth.allows(action.feature()) {
            after_grant.set(None);
            run(action);
        } else if !auth.busy.get() {
            // Refused, closed or blocked: do not act later by surprise.
            after_grant.set(None);
        }
    });
    // A send that was waiting for Undo when Satchel closed: offer it (once, when idle).
    Effect::new(move |_| {
        if !auth.allows(Feature::Drafts) || state.status.get_untracked() != Status::Idle {
            return;
        }
        let Some(email) = auth.email() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let found = pending::abandoned(&email, time::now_ms()).await;
            if let Some(id) = found.filter(|_| state.status.get_untracked() == Status::Idle) {
                state.status.set(Status::Interrupted(id));
            }
        });
    });
    let on_keydown = move |ev: KeyboardEvent| {
        if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
            ev.prevent_default();
            start(form, false);
        }
    };
    let text = |value: RwSignal<String>| {
        move |ev: web_sys::Event| {
            value.set(event_target_value(&ev));
            state.dirty.set(true);
        }
    };

    view! {
        <form
            class="compose"
            aria-label=t(k::MAIL_NEW_MESSAGE)
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                start(form, false);
            }
            on:keydown=on_keydown
            on:dragover=|ev: DragEvent| ev.prevent_default()
            on:drop=move |ev: DragEvent| {
                ev.prevent_default();
                if locked() {
                    return;
                }
                if let Some(list) = ev.data_transfer().and_then(|d| d.files()) {
                    attachments::add(state, crate::browser::files::list(&list), refused);
                }
            }
        >
            // Locked while a send is under way or unsure: what is sent is what is shown.
            <fieldset class="plain" disabled=locked>
                <RecipientField id="compose-to" label=t(k::MAIL_TO) value=state.to error=errors.to dirty=state.dirty/>
                <button
                    type="button"
                    id="compose-copies-toggle"
                    class="link"
                    aria-expanded=move || state.show_copies.get().to_string()
                    aria-controls="compose-copies"
                    on:click=move |_| state.show_copies.update(|s| *s = !*s)
                >
                    {t(k::MAIL_CC_AND_BCC)}
                </button>
                <div id="compose-copies" hidden=move || !state.show_copies.get()>
                    <RecipientField id="compose-cc" label=t(k::MAIL_CC) value=state.cc error=errors.cc dirty=state.dirty/>
                    <RecipientField id="compose-bcc" label=t(k::MAIL_BCC) value=state.bcc error=errors.bcc dirty=state.dirty/>
                </div>
                <label for="compose-subject">{t(k::MAIL_SUBJECT)}</label>
                <input type="text" id="compose-subject" dir="auto" prop:value=move || state.subject.get() on:input=text(state.subject)/>
                <label for="compose-body">{t(k::MAIL_MESSAGE)}</label>
                <textarea id="compose-body" rows="10" dir="auto" prop:value=move || state.body.get() on:input=text(state.body)></textarea>
                <Attachments refused/>
                <div class="actions">
                    <button type="submit" id="compose-send" disabled=busy>{t(k::MAIL_SEND)}</button>
                    <button type="button" id="compose-save" class="secondary" disabled=busy on:click=move |_| request(AfterGrant::Save)>
                        {t(k::MAIL_SAVE_DRAFT)}
                    </button>
                    <button type="button" id="compose-discard" class="secondary" disabled=busy on:click=move |_| send_flow::discard(state, auth, root.get_value())>
                        {t(k::MAIL_DISCARD)}
                    </button>
                </div>
            </fieldset>
            <p class="muted hint">{t(k::MAIL_SEND_HINT)}</p>
            <ComposeStatus on_check=Callback::new(move |_| request(AfterGrant::CheckSent)) form/>
        </form>
    }
}

/// "Send anyway": the user's deliberate choice to send again after an unsure send.
fn start_anyway(form: Form) {
    form.state.status.set(Status::Idle);
    start(form, false);
}
