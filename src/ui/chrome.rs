//! The frame around every view: header with the account area, navigation, footer.

use crate::i18n::{k, t};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::browser::page;
use crate::ui::auth::account::AccountArea;
use crate::ui::lazy_views::prefetch_compose;

/// A path inside the app, with the router base in front (`/satchel/mail`), so links work
/// when the app is served from a sub-path.
pub fn href(path: &str) -> String {
    format!("{}{}", page::router_base(), path)
}

#[component]
pub fn Header() -> impl IntoView {
    view! {
        <header class="top">
            <a class="brand" href=href("/")>"Satchel"</a>
            <div class="account" role="group" aria-label=t(k::APP_ACCOUNT)>
                <AccountArea/>
            </div>
        </header>
    }
}

#[component]
pub fn Nav() -> impl IntoView {
    view! {
        <nav class="tabs" aria-label=t(k::APP_NAV_MAIN)>
            <span class="nav-item" on:pointerenter=|_| prefetch_compose() on:focusin=|_| prefetch_compose()>
                <A href=href("/mail")>{t(k::APP_NAV_MAIL)}</A>
            </span>
            <A href=href("/calendar")>{t(k::APP_NAV_CALENDAR)}</A>
            <A href=href("/settings")>{t(k::APP_NAV_SETTINGS)}</A>
        </nav>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="bottom">
            <span>"Satchel " {env!("CARGO_PKG_VERSION")}</span>
        </footer>
    }
}
