//! The compose form: recipients, subject, text and attachments; Send, Save draft, Discard.
//! Everything typed lives in [`ComposeState`], so no failure, view switch or sign-in
//! loses it.

use leptos::prelude::*;
use web_sys::{DragEvent, KeyboardEvent};

use super::attachments::{self, Attachments};
use super::recipients::{check, RecipientField};
use super::transport::{self, Built};
use super::{get_json, use_compose, Attached, ComposeState, Status};
use crate::api::retry::MAX_ATTEMPTS;
use crate::auth::scopes::Feature;
use crate::mail::api::{find_by_message_id_url, gmail_link, IdList, Target};
use crate::mail::{check_recipient_count, Draft};
use crate::ui::app::use_app_config;
use crate::ui::auth_service::{use_auth, Auth, CallError};
use crate::ui::google::ApiError;

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
    fn busy(&self) -> bool {
        matches!(self.state.status.get(), Status::Busy(_)) || self.state.reading.get() > 0
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
                save_draft(state, auth, root, built).await
            } else {
                send(state, auth, root, built).await
            }
        }),
        Err(message) => {
            state.status.set(Status::Failed(message));
            focus("compose-error");
        }
    }
}

fn focus(id: &str) {
    let id = id.to_string();
    // After the render that shows the message or the element.
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(&id) {
            let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(el).focus();
        }
    });
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
            Some("Add at least one recipient.".to_string())
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
    let result = transport::build(&draft, &domain);
    let back: Vec<Attached> = ids
        .into_iter()
        .zip(draft.attachments)
        .map(|(id, file)| Attached { id, file })
        .collect();
    state.files.update_untracked(|f| *f = back);
    result
}

fn describe(error: &ApiError) -> String {
    match error {
        ApiError::Call(CallError::SignedOut) => {
            "You are signed out of Google, so nothing was sent. Your message is still here: sign in and try again.".into()
        }
        other => format!("{other} Your message is still here."),
    }
}

/// Sends the form: `drafts.send` when it is a saved draft (so the draft goes away),
/// `messages.send` otherwise.
async fn send(state: ComposeState, auth: Auth, root: String, built: Built) {
    let retry_note = move |attempt: u32, _wait: u64| {
        state.status.try_set(Status::Busy(format!(
            "Google had a temporary problem. Trying again (attempt {attempt} of {MAX_ATTEMPTS})…"
        )));
    };
    let (target, feature) = match state.draft_id.get_untracked() {
        Some(id) if auth.allows(Feature::Drafts) => (Target::SendDraft(id), Feature::Drafts),
        _ => (Target::Send, Feature::Send),
    };
    state.status.set(Status::Busy("Sending…".into()));
    let result = transport::deliver(
        auth,
        feature,
        &root,
        target,
        &built,
        state.progress,
        &retry_note,
    )
    .await;
    let outcome = match result {
        Ok(sent) => Ok(sent.id),
        // The answer was lost, not necessarily the message: never send it blindly again.
        Err(ApiError::Call(CallError::Network(_))) => {
            find_sent(state, auth, &root, &built.message_id).await
        }
        Err(e) => Err(describe(&e)),
    };
    match outcome {
        Ok(id) => {
            state.clear();
            state.status.set(Status::Sent(id));
            focus("compose-sent");
        }
        Err(message) => {
            state.status.set(Status::Failed(message));
            focus("compose-error");
        }
    }
}

/// After a lost connection: looks the message up by its Message-ID when the session may
/// read mail; otherwise says what is known.
async fn find_sent(
    state: ComposeState,
    auth: Auth,
    root: &str,
    message_id: &str,
) -> Result<String, String> {
    const UNKNOWN: &str =
        "The connection dropped while sending, so Gmail may have received the message. \
        Check your Sent mail before sending it again; your message is still here.";
    if !auth.allows(Feature::Inbox) {
        return Err(UNKNOWN.into());
    }
    state.status.set(Status::Busy(
        "The connection dropped; checking whether Gmail received the message…".into(),
    ));
    match get_json::<IdList>(
        auth,
        Feature::Inbox,
        find_by_message_id_url(root, message_id),
    )
    .await
    {
        Ok(list) => list.ids().into_iter().next().ok_or_else(|| {
            "The connection dropped and Gmail does not have the message, so it was not sent. \
             Your message is still here: send it again when you are back online."
                .into()
        }),
        Err(_) => Err(UNKNOWN.into()),
    }
}

/// Saves the form as a draft: creates it the first time, then updates the same draft.
async fn save_draft(state: ComposeState, auth: Auth, root: String, built: Built) {
    state.status.set(Status::Busy("Saving draft…".into()));
    let mut target = match state.draft_id.get_untracked() {
        Some(id) => Target::UpdateDraft(id),
        None => Target::CreateDraft,
    };
    loop {
        let result = transport::deliver(
            auth,
            Feature::Drafts,
            &root,
            target.clone(),
            &built,
            state.progress,
            &|_, _| {},
        )
        .await;
        match result {
            Ok(created) if !created.id.is_empty() => {
                state.draft_id.set(Some(created.id));
                state.dirty.set(false);
                state.status.set(Status::Saved);
                return;
            }
            Ok(_) => state.status.set(Status::Failed(
                "Google did not confirm the draft. Your message is still here.".into(),
            )),
            // Deleted or sent elsewhere since: save it as a new draft.
            Err(ApiError::Google { status: 404, .. })
                if matches!(target, Target::UpdateDraft(_)) =>
            {
                target = Target::CreateDraft;
                continue;
            }
            Err(e) => state.status.set(Status::Failed(describe(&e))),
        }
        focus("compose-error");
        return;
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
    // Save draft asked for the drafts permission: save once it is granted.
    let save_after_grant = RwSignal::new(false);
    let save = move || {
        if auth.allows(Feature::Drafts) {
            start(form, true);
        } else {
            save_after_grant.set(true);
            auth.sign_in(&[Feature::Drafts]);
        }
    };
    Effect::new(move |_| {
        if !save_after_grant.get() {
            return;
        }
        if auth.allows(Feature::Drafts) {
            save_after_grant.set(false);
            start(form, true);
        } else if !auth.busy.get() {
            // Refused, closed or blocked: do not save later by surprise.
            save_after_grant.set(false);
        }
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
            aria-label="New message"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                start(form, false);
            }
            on:keydown=on_keydown
            on:dragover=|ev: DragEvent| ev.prevent_default()
            on:drop=move |ev: DragEvent| {
                ev.prevent_default();
                if let Some(list) = ev.data_transfer().and_then(|d| d.files()) {
                    attachments::add(state, crate::browser::files::list(&list), refused);
                }
            }
        >
            <RecipientField id="compose-to" label="To" value=state.to error=errors.to dirty=state.dirty/>
            <button
                type="button"
                id="compose-copies-toggle"
                class="link"
                aria-expanded=move || state.show_copies.get().to_string()
                aria-controls="compose-copies"
                on:click=move |_| state.show_copies.update(|s| *s = !*s)
            >
                "Cc and Bcc"
            </button>
            <div id="compose-copies" hidden=move || !state.show_copies.get()>
                <RecipientField id="compose-cc" label="Cc" value=state.cc error=errors.cc dirty=state.dirty/>
                <RecipientField id="compose-bcc" label="Bcc" value=state.bcc error=errors.bcc dirty=state.dirty/>
            </div>
            <label for="compose-subject">"Subject"</label>
            <input type="text" id="compose-subject" prop:value=move || state.subject.get() on:input=text(state.subject)/>
            <label for="compose-body">"Message"</label>
            <textarea id="compose-body" rows="10" prop:value=move || state.body.get() on:input=text(state.body)></textarea>
            <Attachments refused/>
            <div class="actions">
                <button type="submit" id="compose-send" disabled=busy>"Send"</button>
                <button type="button" id="compose-save" class="secondary" disabled=busy on:click=move |_| save()>
                    "Save draft"
                </button>
                <button type="button" id="compose-discard" class="secondary" disabled=busy on:click=move |_| state.discard()>
                    "Discard"
                </button>
            </div>
            <p class="muted hint">"Ctrl+Enter (⌘+Enter on a Mac) sends."</p>
            <ComposeStatus/>
        </form>
    }
}

/// Progress, confirmation or error under the buttons.
#[component]
fn ComposeStatus() -> impl IntoView {
    let auth = use_auth();
    let state = use_compose();
    // Whole percents: no float formatting in the bundle.
    let percent = move || {
        state
            .progress
            .get()
            .map(|f| (f * 100.0).round().clamp(0.0, 100.0) as u32)
    };
    view! {
        <div class="compose-status" role="status">
            {move || match state.status.get() {
                Status::Idle => ().into_any(),
                Status::Busy(text) => view! {
                    <p>{text} {move || auth.needs_renewal.get().then_some(" Continue your Google session above to finish.")}</p>
                }.into_any(),
                Status::Sent(id) => view! {
                    <p id="compose-sent" tabindex="-1">
                        "Message sent. " <a href=gmail_link(&id) target="_blank" rel="noopener">"Open it in Gmail"</a>
                    </p>
                }.into_any(),
                Status::Saved => view! {
                    <p>"Draft saved in Gmail."</p>
                }.into_any(),
                Status::Discarded => view! {
                    <p>"Message discarded. " <button type="button" class="link" on:click=move |_| state.undo_discard()>"Undo"</button></p>
                }.into_any(),
                Status::Failed(_) => ().into_any(),
            }}
            {move || percent().map(|p| view! {
                <label for="compose-progress">{format!("Uploading: {p}%")}</label>
                <progress id="compose-progress" max="100" value=p></progress>
            })}
        </div>
        {move || match state.status.get() {
            Status::Failed(message) => Some(view! { <p id="compose-error" class="form-error" role="alert" tabindex="-1">{message}</p> }),
            _ => None,
        }}
    }
}
