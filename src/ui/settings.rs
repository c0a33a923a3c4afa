//! Settings: the client ID and what this deployment is configured with.

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
        Flow::Token => "Token (implicit) in a popup",
        Flow::Pkce => "Authorization code with PKCE in a popup",
    };
    view! {
        <section aria-labelledby="settings-title">
            <h1 id="settings-title">"Settings"</h1>
            <h2>"Google client"</h2>
            {if app_config.deployment_sets_client_id() {
                view! {
                    <p>"This deployment sets the client ID: " <code>{config.client_id.clone()}</code></p>
                }.into_any()
            } else {
                view! {
                    <div>
                        <ClientIdForm/>
                        <button type="button" on:click=move |_| app_config.save_client_id(None)>
                            "Forget client ID"
                        </button>
                    </div>
                }.into_any()
            }}
            <SendingSettings/>
            <h2>"Endpoints"</h2>
            <dl class="endpoints">
                <dt>"Sign-in"</dt><dd>{flow}</dd>
                <dt>"Authorization"</dt><dd><code>{config.auth_uri.clone()}</code></dd>
                <dt>"Gmail"</dt><dd><code>{config.gmail_root.clone()}</code></dd>
                <dt>"Calendar"</dt><dd><code>{config.calendar_root.clone()}</code></dd>
            </dl>
        </section>
    }
}

/// A choice kept in localStorage: the box shows it and `save` keeps each change.
#[component]
fn PrefCheck(id: &'static str, on: bool, save: fn(bool), label: &'static str) -> impl IntoView {
    view! {
        <label class="check">
            <input type="checkbox" id=id checked=on on:change=move |ev| save(event_target_checked(&ev))/>
            {label}
        </label>
    }
}

/// Undo send's wait, and the choice of the send-only permission.
#[component]
fn SendingSettings() -> impl IntoView {
    let undo = RwSignal::new(prefs::undo_seconds());
    view! {
        <h2>"Sending"</h2>
        <label for="settings-undo">"Undo send"</label>
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
                    let label = if n == 0 { "Off".to_string() } else { format!("{n} seconds") };
                    view! { <option value=n.to_string() selected=move || undo.get() == n>{label}</option> }
                })
                .collect_view()}
        </select>
        <p class="muted hint">"After Send, the message waits this long as a draft in Gmail, so Undo can take it back."</p>
        <PrefCheck id="settings-send-only" on=prefs::send_only() save=prefs::set_send_only
            label=" Ask only for permission to send (no drafts, and no Undo held in Gmail)"/>
        <p class="muted hint">"Satchel normally asks for Gmail's compose permission at the first Send: it sends through a draft, which guarantees one copy even when the network fails. With send only, after a failure Satchel cannot always tell whether the message went out, and asks you to check."</p>
        <PrefCheck id="settings-remember-suggestions" on=prefs::remember_contacts()
            save=prefs::set_remember_contacts label=" Remember suggestions on this device"/>
        <p class="muted hint">"While you type a recipient, Satchel suggests people you wrote to or heard from recently (with the Inbox permission). They are kept in this tab only, unless you choose to remember them here."</p>
    }
}
