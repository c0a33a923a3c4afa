//! Settings: the client ID and what this deployment is configured with.

use crate::browser::language;
use crate::i18n::{k, t, tf, tn, Key, Lang};
use leptos::prelude::*;

use crate::config::Flow;
use crate::mail::undo::UNDO_CHOICES;
use crate::ui::config::use_app_config;
use crate::ui::mail::prefs;
use crate::ui::setup::ClientIdForm;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let app_config = use_app_config();
    let config = app_config.config.get_value();
    let flow = match config.flow {
        Flow::Token => t(k::APP_FLOW_TOKEN),
        Flow::Pkce => t(k::APP_FLOW_PKCE),
    };
    view! {
        <section aria-labelledby="settings-title">
            <h1 id="settings-title">{t(k::APP_SETTINGS)}</h1>
            <LanguageSetting/>
            <h2>{t(k::APP_GOOGLE_CLIENT)}</h2>
            {if app_config.deployment_sets_client_id() {
                view! {
                    <p>{t(k::APP_DEPLOYMENT_CLIENT_ID)} " " <code>{config.client_id.clone()}</code></p>
                }.into_any()
            } else {
                view! {
                    <div>
                        <ClientIdForm/>
                        <button type="button" on:click=move |_| app_config.save_client_id(None)>
                            {t(k::APP_FORGET_CLIENT_ID)}
                        </button>
                    </div>
                }.into_any()
            }}
            <SendingSettings/>
            <h2>{t(k::APP_ENDPOINTS)}</h2>
            <dl class="endpoints">
                <dt>{t(k::APP_SIGN_IN)}</dt><dd>{flow}</dd>
                <dt>{t(k::APP_AUTHORIZATION)}</dt><dd><code>{config.auth_uri.clone()}</code></dd>
                <dt>{t(k::APP_GMAIL)}</dt><dd><code>{config.gmail_root.clone()}</code></dd>
                <dt>{t(k::APP_CALENDAR)}</dt><dd><code>{config.calendar_root.clone()}</code></dd>
            </dl>
        </section>
    }
}

/// A choice kept in localStorage: the box shows it and `save` keeps each change.
#[component]
fn PrefCheck(id: &'static str, on: bool, save: fn(bool), label: Key) -> impl IntoView {
    view! {
        <label class="check">
            <input type="checkbox" id=id checked=on on:change=move |ev| save(event_target_checked(&ev))/>
            " " {t(label)}
        </label>
    }
}

/// Undo send's wait, and the choice of the send-only permission.
#[component]
fn SendingSettings() -> impl IntoView {
    let undo = RwSignal::new(prefs::undo_seconds());
    view! {
        <h2>{t(k::APP_SENDING)}</h2>
        <label for="settings-undo">{t(k::APP_UNDO_SEND)}</label>
        <select
            id="settings-undo"
            on:change=move |ev| {
                if let Ok(n) = event_target_value(&ev).parse::<u32>() {
                    prefs::set_undo_seconds(n);
                    undo.set(n);
                }
            }
        >
            {UNDO_CHOICES
                .iter()
                .map(|&n| {
                    let label = if n == 0 { t(k::APP_UNDO_OFF).to_string() } else { tn(k::APP_UNDO_SECONDS, u64::from(n), &[]) };
                    view! { <option value=n.to_string() selected=move || undo.get() == n>{label}</option> }
                })
                .collect_view()}
        </select>
        <p class="muted hint">{t(k::APP_UNDO_HINT)}</p>
        <PrefCheck id="settings-send-only" on=prefs::send_only() save=prefs::set_send_only
            label=k::APP_SEND_ONLY/>
        <p class="muted hint">{t(k::APP_SEND_ONLY_HINT)}</p>
        <PrefCheck id="settings-remember-suggestions" on=prefs::remember_contacts()
            save=prefs::set_remember_contacts label=k::APP_REMEMBER_SUGGESTIONS/>
        <p class="muted hint">{t(k::APP_REMEMBER_SUGGESTIONS_HINT)}</p>
    }
}

/// The interface language: the browser's until one is chosen here. A choice reloads the
/// page in that language (see `crate::i18n`); "browser's language" forgets the choice.
#[component]
fn LanguageSetting() -> impl IntoView {
    let saved = language::saved();
    let browser = language::browser_choice();
    let browser_label = tf(k::APP_LANGUAGE_BROWSER, &[("name", browser.native_name())]);
    view! {
        <label for="settings-language">{t(k::APP_LANGUAGE)}</label>
        <select
            id="settings-language"
            on:change=move |ev| language::choose(Lang::from_tag(&event_target_value(&ev)))
        >
            <option value="" selected=saved.is_none()>{browser_label}</option>
            {Lang::ALL
                .iter()
                .map(|&lang| view! {
                    <option value=lang.code() lang=lang.code() selected=saved == Some(lang)>
                        {lang.native_name()}
                    </option>
                })
                .collect_view()}
        </select>
        <p class="muted hint">{t(k::APP_LANGUAGE_HINT)}</p>
    }
}
