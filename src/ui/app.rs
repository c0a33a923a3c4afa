//! The root component: loads `config.json`, provides it, and lays out the shell and routes.

use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;

use crate::browser::{http, page, storage};
use crate::config::{parse_config, Config, ConfigError};
use crate::ui::calendar_page::CalendarPage;
use crate::ui::chrome::{href, Footer, Header, Nav};
use crate::ui::mail_page::MailPage;
use crate::ui::notices::{use_notices, NoticeArea, Notices};
use crate::ui::settings::SettingsPage;
use crate::ui::setup::SetupPage;

/// localStorage key of a client ID pasted by the user on the setup view.
pub const CLIENT_ID_KEY: &str = "satchel.client_id";

/// The deployment's configuration plus the user's own client ID.
#[derive(Clone, Copy)]
pub struct AppConfig {
    pub config: StoredValue<Config>,
    pub stored_client_id: RwSignal<Option<String>>,
}

impl AppConfig {
    /// The deployment's `client_id` wins; otherwise the one the user pasted.
    pub fn client_id(&self) -> Option<String> {
        self.config
            .with_value(|c| c.client_id.clone())
            .or_else(|| self.stored_client_id.get())
    }

    pub fn deployment_sets_client_id(&self) -> bool {
        self.config.with_value(|c| c.client_id.is_some())
    }

    pub fn save_client_id(&self, id: Option<String>) {
        match &id {
            Some(id) => {
                storage::set(storage::Area::Local, CLIENT_ID_KEY, id);
            }
            None => storage::remove(storage::Area::Local, CLIENT_ID_KEY),
        }
        self.stored_client_id.set(id);
    }
}

pub fn use_app_config() -> AppConfig {
    expect_context::<AppConfig>()
}

/// Fetches and parses `config.json`. Never fails: a problem becomes a message and the
/// defaults stand, so the shell always renders.
async fn load_config() -> (Config, Option<String>) {
    let problem = match http::get(&page::resolve("config.json")).await {
        Ok(reply) if reply.status == 404 => ConfigError::Unavailable(
            "not found next to the page; Google's endpoints are used".into(),
        ),
        Ok(reply) if !reply.is_success() => {
            ConfigError::Unavailable(format!("HTTP status {}", reply.status))
        }
        Ok(reply) => match parse_config(&reply.body) {
            Ok(config) => return (config, None),
            Err(e) => e,
        },
        Err(e) => ConfigError::Unavailable(e.to_string()),
    };
    (Config::default(), Some(problem.to_string()))
}

#[component]
pub fn App() -> impl IntoView {
    Notices::provide();
    let loaded = LocalResource::new(load_config);
    view! {
        <Router base=page::router_base()>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <Header/>
            <Nav/>
            <NoticeArea/>
            <main id="main" tabindex="-1">
                <Suspense fallback=|| view! { <p role="status">"Loading…"</p> }>
                    {move || loaded.get().map(|(config, problem)| view! { <Configured config problem/> })}
                </Suspense>
            </main>
            <Footer/>
        </Router>
    }
}

/// Everything below the shell, once the configuration is known.
#[component]
fn Configured(config: Config, problem: Option<String>) -> impl IntoView {
    if let Some(problem) = problem {
        use_notices().error(problem);
    }
    let app_config = AppConfig {
        config: StoredValue::new(config),
        stored_client_id: RwSignal::new(storage::get(storage::Area::Local, CLIENT_ID_KEY)),
    };
    provide_context(app_config);
    view! {
        <Routes fallback=|| view! { <NotFound/> }>
            <Route path=path!("/") view=Home/>
            <Route path=path!("/mail") view=|| view! { <NeedsClientId><MailPage/></NeedsClientId> }/>
            <Route path=path!("/calendar") view=|| view! { <NeedsClientId><CalendarPage/></NeedsClientId> }/>
            <Route path=path!("/settings") view=SettingsPage/>
            <Route path=path!("/setup") view=SetupPage/>
        </Routes>
    }
}

#[component]
fn Home() -> impl IntoView {
    let app_config = use_app_config();
    move || match app_config.client_id() {
        Some(_) => view! { <Redirect path=href("/mail")/> }.into_any(),
        None => view! { <SetupPage/> }.into_any(),
    }
}

/// Shows the setup view instead of a feature until a client ID is known.
#[component]
fn NeedsClientId(children: ChildrenFn) -> impl IntoView {
    let app_config = use_app_config();
    move || match app_config.client_id() {
        Some(_) => children().into_any(),
        None => view! { <SetupPage/> }.into_any(),
    }
}

#[component]
fn NotFound() -> impl IntoView {
    view! {
        <section aria-labelledby="nf-title">
            <h1 id="nf-title">"Page not found"</h1>
            <p>"There is nothing at this address. " <a href=href("/mail")>"Go to Mail"</a></p>
        </section>
    }
}
