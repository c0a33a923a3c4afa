//! First run: how to get a Google OAuth client ID, and a place to paste it.

use crate::i18n::{k, t, Key};
use crate::ui::text::emphasized;
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
            <h1 id="setup-title">{t(k::APP_SETUP_TITLE)}</h1>
            <p>{t(k::APP_SETUP_INTRO)}</p>
            <ol class="steps">
                <li>{t(k::APP_SETUP_PROJECT)}</li>
                <li>{emphasized(k::APP_SETUP_APIS, &[("gmail", k::APP_SETUP_GMAIL_API), ("calendar", k::APP_SETUP_CALENDAR_API)])}</li>
                <li>{t(k::APP_SETUP_CONSENT)}</li>
                <li>{emphasized(k::APP_SETUP_CREDENTIALS, &[("client", k::APP_SETUP_CLIENT_ID), ("type", k::APP_SETUP_WEB_APP)])}</li>
                <li>
                    {emphasized(k::APP_SETUP_ORIGIN, &[("origin", k::APP_SETUP_JS_ORIGIN)])}
                    <CopyField id="copy-authorized-javascript-origin" label=k::APP_SETUP_JS_ORIGIN value=origin/>
                </li>
                <li>
                    {emphasized(k::APP_SETUP_REDIRECT, &[("redirect", k::APP_SETUP_REDIRECT_URI)])}
                    <CopyField id="copy-authorized-redirect-uri" label=k::APP_SETUP_REDIRECT_URI value=redirect_uri/>
                </li>
                <li>{t(k::APP_SETUP_PASTE)}</li>
            </ol>
            <ClientIdForm/>
        </section>
    }
}

/// A read-only value with a copy button; the result is announced to screen readers.
#[component]
fn CopyField(id: &'static str, label: Key, value: String) -> impl IntoView {
    let (status, set_status) = signal(String::new());
    let to_copy = value.clone();
    let copy = move |_| {
        let text = to_copy.clone();
        leptos::task::spawn_local(async move {
            let done = clipboard::copy(&text).await;
            set_status.set(if done {
                t(k::APP_COPIED).into()
            } else {
                t(k::APP_COPY_FAILED).into()
            });
        });
    };
    view! {
        <div class="copy-field">
            <label for=id>{t(label)}</label>
            <input id=id type="text" dir="auto" readonly value=value/>
            <button type="button" on:click=copy>{t(k::APP_COPY)}</button>
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
            <label for="client-id">{t(k::APP_CLIENT_ID)}</label>
            <input
                id="client-id"
                name="client-id"
                type="text"
                dir="auto"
                autocomplete="off"
                spellcheck="false"
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby="client-id-error"
                prop:value=text
                on:input=move |ev| set_text.set(event_target_value(&ev))
            />
            <button type="submit">{t(k::APP_SAVE_CLIENT_ID)}</button>
            <p id="client-id-error" class="field-error" role="alert">{move || error.get()}</p>
            <Show when=move || saved.get()>
                <p role="status">{t(k::APP_SAVED)} " " <a href=href("/mail")>{t(k::APP_CONTINUE_TO_MAIL)}</a></p>
            </Show>
        </form>
    }
}
