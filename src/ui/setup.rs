//! First run: how to get a Google OAuth client ID, and a place to paste it.

use leptos::prelude::*;

use crate::browser::{clipboard, page};
use crate::ui::chrome::href;
use crate::ui::config::use_app_config;

#[component]
pub fn SetupPage() -> impl IntoView {
    let origin = page::origin();
    let redirect_uri = page::base_url();
    view! {
        <section class="setup" aria-labelledby="setup-title">
            <h1 id="setup-title">"Set up Satchel"</h1>
            <p>
                "Satchel talks to Google straight from this page. Google needs to know the page first: "
                "create a free OAuth client once, then paste its client ID below. No password or secret is involved."
            </p>
            <ol class="steps">
                <li>"In the Google Cloud console, create a project (or pick one)."</li>
                <li>"Under APIs & Services › Library, enable the " <strong>"Gmail API"</strong> " and the " <strong>"Google Calendar API"</strong> "."</li>
                <li>"Under OAuth consent screen, configure the app (External is fine) and add your own Google account as a test user."</li>
                <li>"Under Credentials, create an " <strong>"OAuth client ID"</strong> " of type " <strong>"Web application"</strong> "."</li>
                <li>
                    "Add this page's origin as an " <strong>"Authorized JavaScript origin"</strong> ":"
                    <CopyField label="Authorized JavaScript origin" value=origin/>
                </li>
                <li>
                    "Add this page's address as an " <strong>"Authorized redirect URI"</strong> ":"
                    <CopyField label="Authorized redirect URI" value=redirect_uri/>
                </li>
                <li>"Copy the client ID Google shows and paste it here:"</li>
            </ol>
            <ClientIdForm/>
        </section>
    }
}

/// A read-only value with a copy button; the result is announced to screen readers.
#[component]
fn CopyField(label: &'static str, value: String) -> impl IntoView {
    let (status, set_status) = signal(String::new());
    let id = format!("copy-{}", label.to_ascii_lowercase().replace(' ', "-"));
    let to_copy = value.clone();
    let copy = move |_| {
        let text = to_copy.clone();
        leptos::task::spawn_local(async move {
            let done = clipboard::copy(&text).await;
            set_status.set(if done {
                "Copied.".into()
            } else {
                "Copy failed: select the text and copy it by hand.".into()
            });
        });
    };
    view! {
        <div class="copy-field">
            <label for=id.clone()>{label}</label>
            <input id=id type="text" readonly value=value/>
            <button type="button" on:click=copy>"Copy"</button>
            <span class="muted" role="status" aria-live="polite">{status}</span>
        </div>
    }
}

/// Paste and save a client ID (kept in localStorage, editable in Settings).
#[component]
pub fn ClientIdForm() -> impl IntoView {
    let app_config = use_app_config();
    let (text, set_text) = signal(
        app_config
            .stored_client_id
            .get_untracked()
            .unwrap_or_default(),
    );
    let (error, set_error) = signal(None::<String>);
    let (saved, set_saved) = signal(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match crate::config::check_client_id(&text.get()) {
            Ok(id) => {
                set_error.set(None);
                set_text.set(id.clone());
                app_config.save_client_id(Some(id));
                set_saved.set(true);
            }
            Err(message) => {
                set_saved.set(false);
                set_error.set(Some(message));
            }
        }
    };
    view! {
        <form class="client-id" on:submit=submit novalidate>
            <label for="client-id">"OAuth client ID"</label>
            <input
                id="client-id"
                name="client-id"
                type="text"
                autocomplete="off"
                spellcheck="false"
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby="client-id-error"
                prop:value=text
                on:input=move |ev| set_text.set(event_target_value(&ev))
            />
            <button type="submit">"Save client ID"</button>
            <p id="client-id-error" class="field-error" role="alert">{move || error.get()}</p>
            <Show when=move || saved.get()>
                <p role="status">"Saved. " <a href=href("/mail")>"Continue to Mail"</a></p>
            </Show>
        </form>
    }
}
