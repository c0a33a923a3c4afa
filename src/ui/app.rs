//! The root component: loads `config.json`, provides it and the app-wide state, and lays
//! out the shell and routes. Nothing imports this module but `lib.rs`.

use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Redirect, Route, Router};
use leptos_router::{path, Lazy};

use crate::browser::{config_file, page};
use crate::config::Config;
use crate::i18n::{k, t};
use crate::ui::auth::account::SessionBanner;
use crate::ui::auth::Auth;
use crate::ui::chrome::{href, Footer, Header, Nav};
use crate::ui::config::{AppConfig, NeedsClientId};
use crate::ui::lazy_views::{
    lazy_setup_page, CalendarRoute, MailDraftsRoute, MailInboxRoute, MailMessageRoute,
    MailOutboxRoute, MailRoute, SettingsRoute, SetupRoute,
};
use crate::ui::notices::{use_notices, NoticeArea, Notices};
use crate::ui::prefetch;
use crate::ui::update::UpdatePrompt;

#[component]
pub fn App() -> impl IntoView {
    Notices::provide();
    let loaded = LocalResource::new(|| config_file::load(page::resolve("config.json")));
    prefetch::start();
    view! {
        <Router base=page::router_base()>
            <Suspense fallback=|| view! {
                <header class="top"><span class="brand">"Satchel"</span></header>
                <main id="main"><p role="status">{t(k::APP_LOADING)}</p></main>
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
    let app_config = AppConfig::provide(config);
    let auth = Auth::provide(
        app_config.config,
        Signal::derive(move || app_config.client_id()),
        use_notices(),
    );
    provide_context(crate::ui::mail::ComposeState::new());
    provide_context(crate::ui::mail::inbox::InboxState::new());
    // Messages waiting in the Outbox are sent from any view, not only Mail's.
    crate::ui::outbox_wake::start(
        auth,
        app_config.config.with_value(|c| c.gmail_root.clone()),
        use_notices(),
    );
    // The shell is on screen and wired: the benchmark measures up to here.
    Effect::new(|_| page::mark_interactive());
    view! {
        <a class="skip-link" href="#main">{t(k::APP_SKIP_TO_CONTENT)}</a>
        <Header/>
        <Nav/>
        <NoticeArea/>
        <UpdatePrompt/>
        <SessionBanner/>
        <main id="main" tabindex="-1">
        <FlatRoutes fallback=|| view! { <NotFound/> }>
            <Route path=path!("/") view=Home/>
            <Route path=path!("/mail") view={Lazy::<MailRoute>::new()}/>
            <Route path=path!("/mail/inbox") view={Lazy::<MailInboxRoute>::new()}/>
            <Route path=path!("/mail/drafts") view={Lazy::<MailDraftsRoute>::new()}/>
            <Route path=path!("/mail/outbox") view={Lazy::<MailOutboxRoute>::new()}/>
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
    view! { <NeedsClientId setup=lazy_setup_page><Redirect path=href("/mail")/></NeedsClientId> }
}

#[component]
fn NotFound() -> impl IntoView {
    view! {
        <section aria-labelledby="nf-title">
            <h1 id="nf-title">{t(k::APP_PAGE_NOT_FOUND)}</h1>
            <p>{t(k::APP_NOTHING_HERE)} " " <a href=href("/mail")>{t(k::APP_GO_TO_MAIL)}</a></p>
        </section>
    }
}
