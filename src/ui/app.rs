//! The root component: loads `config.json`, provides it, and lays out the shell and routes.

use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Redirect, Route, Router};
use leptos_router::{path, Lazy};

use crate::browser::{config_file, page, storage};
use crate::config::Config;
use crate::ui::account::SessionBanner;
use crate::ui::auth_service::Auth;
use crate::ui::chrome::{href, Footer, Header, Nav};
use crate::ui::lazy_views::{
    lazy_setup_page, CalendarRoute, MailDraftsRoute, MailInboxRoute, MailMessageRoute, MailRoute,
    SettingsRoute, SetupRoute,
};
use crate::ui::notices::{use_notices, NoticeArea, Notices};

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

#[component]
pub fn App() -> impl IntoView {
    Notices::provide();
    let loaded = LocalResource::new(|| config_file::load(page::resolve("config.json")));
    view! {
        <Router base=page::router_base()>
            <Suspense fallback=|| view! {
                <header class="top"><span class="brand">"Satchel"</span></header>
                <main id="main"><p role="status">"Loading…"</p></main>
            }>
                {move || loaded.get().map(|(config, problem)| view! { <Configured config problem/> })}
            </Suspense>
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
    Auth::provide(
        app_config.config,
        Signal::derive(move || app_config.client_id()),
        use_notices(),
    );
    provide_context(crate::ui::mail_page::ComposeState::new());
    provide_context(crate::ui::mail_page::InboxState::new());
    // The shell is on screen and wired: the benchmark measures up to here.
    Effect::new(|_| page::mark_interactive());
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <Header/>
        <Nav/>
        <NoticeArea/>
        <SessionBanner/>
        <main id="main" tabindex="-1">
        <FlatRoutes fallback=|| view! { <NotFound/> }>
            <Route path=path!("/") view=Home/>
            <Route path=path!("/mail") view={Lazy::<MailRoute>::new()}/>
            <Route path=path!("/mail/inbox") view={Lazy::<MailInboxRoute>::new()}/>
            <Route path=path!("/mail/drafts") view={Lazy::<MailDraftsRoute>::new()}/>
            <Route path=path!("/mail/message/:id") view={Lazy::<MailMessageRoute>::new()}/>
            <Route path=path!("/calendar") view={Lazy::<CalendarRoute>::new()}/>
            <Route path=path!("/settings") view={Lazy::<SettingsRoute>::new()}/>
            <Route path=path!("/setup") view={Lazy::<SetupRoute>::new()}/>
        </FlatRoutes>
        </main>
        <Footer/>
    }
}

#[component]
fn Home() -> impl IntoView {
    view! { <NeedsClientId><Redirect path=href("/mail")/></NeedsClientId> }
}

/// Shows the setup view instead of a feature until a client ID is known.
#[component]
pub(crate) fn NeedsClientId(children: ChildrenFn) -> impl IntoView {
    let app_config = use_app_config();
    move || match app_config.client_id() {
        Some(_) => children().into_any(),
        None => lazy_setup_page().into_any(),
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
