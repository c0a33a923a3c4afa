//! Settings: the client ID and what this deployment is configured with.

use leptos::prelude::*;

use crate::config::Flow;
use crate::ui::app::use_app_config;
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
