//! Code splitting: Mail's Compose, Mail's Inbox and Drafts, Calendar, and Setup with
//! Settings are each one split function. In the split release build (`cargo xtask wasm`,
//! which sets `--cfg satchel_split`) `#[wasm_split]` puts each in its own wasm chunk,
//! fetched when its view is first needed, with everything only it uses. Any other build
//! (tests, a plain `cargo build`) must not use `#[wasm_split]`: an unsplit module that links
//! it imports from `__wasm_split_placeholder__` and cannot load. There the functions are
//! plain `async fn`s.
//!
//! `fallible`: a chunk that cannot be fetched (the phone went offline between pages) is an
//! `Err` and a message with a way to try again, not a panic that stops the whole app.

use crate::i18n::{k, t, tf, Key};
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use leptos_router::LazyRoute;

use crate::ui::auth::Auth;
use crate::ui::calendar::page::CalendarPage;
use crate::ui::config::NeedsClientId;
use crate::ui::mail::outbox::view::OutboxView;
use crate::ui::mail::page::{MailPage, MailView};
use crate::ui::mail::{compose::Compose, drafts::Drafts, inbox::Inbox, message_view::MessageView};
use crate::ui::notices::Notices;
use crate::ui::settings::SettingsPage;
use crate::ui::setup::SetupPage;

/// The two views of the setup chunk. A deployment that sets its client ID never needs the
/// setup view, and Settings is rarely opened: neither belongs in the first load.
#[derive(Clone, Copy)]
pub enum SetupView {
    Setup,
    Settings,
}

/// `$name(args)` loads `$chunk` (split build) and returns `$body`'s view; elsewhere it is
/// a plain async function around `$body`.
macro_rules! split_view {
    ($chunk:ident, fn $name:ident($($arg:ident: $ty:ty),*) $body:block) => {
        #[cfg(satchel_split)]
        #[leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $name($($arg: $ty),*) -> Result<AnyView, SplitLoaderError> {
            Ok($body)
        }

        #[cfg(not(satchel_split))]
        async fn $name($($arg: $ty),*) -> Result<AnyView, SplitLoaderError> {
            Ok($body)
        }
    };
}

/// The Outbox shares Compose's chunk: a message goes there from Compose when the network
/// is gone, and then no other chunk can be fetched.
#[derive(Clone, Copy)]
pub enum ComposeView {
    Compose,
    Outbox,
}

split_view!(
    mail_compose_chunk,
    fn mail_compose_view(which: ComposeView) {
        match which {
            ComposeView::Compose => view! {
                <NeedsClientId setup=lazy_setup_page><MailPage tab=MailView::Compose><Compose/></MailPage></NeedsClientId>
            }
            .into_any(),
            ComposeView::Outbox => view! {
                <NeedsClientId setup=lazy_setup_page><MailPage tab=MailView::Outbox><OutboxView/></MailPage></NeedsClientId>
            }
            .into_any(),
        }
    }
);

/// Inbox and Drafts share one chunk: both list and read messages with the same code, and
/// each chunk boundary costs requests (every combination of chunks that share code gets a
/// chunk of its own). Compose, where most visits land, stays apart from them.
#[derive(Clone, Copy)]
pub enum MailList {
    Inbox,
    Drafts,
    /// One conversation (`/mail/message/<id>`): it reads with the same code.
    Message,
}

split_view!(
    mail_lists_chunk,
    fn mail_list_view(list: MailList) {
        match list {
            MailList::Inbox => view! {
                <NeedsClientId setup=lazy_setup_page><MailPage tab=MailView::Inbox><Inbox/></MailPage></NeedsClientId>
            }
            .into_any(),
            MailList::Drafts => view! {
                <NeedsClientId setup=lazy_setup_page><MailPage tab=MailView::Drafts><Drafts/></MailPage></NeedsClientId>
            }
            .into_any(),
            MailList::Message => view! {
                <NeedsClientId setup=lazy_setup_page><MailPage tab=MailView::Inbox><MessageView/></MailPage></NeedsClientId>
            }
            .into_any(),
        }
    }
);

split_view!(
    calendar_view_chunk,
    fn calendar_view() {
        view! { <NeedsClientId setup=lazy_setup_page><CalendarPage/></NeedsClientId> }.into_any()
    }
);

split_view!(
    setup_view_chunk,
    fn setup_view(which: SetupView) {
        match which {
            SetupView::Setup => view! { <SetupPage/> }.into_any(),
            SetupView::Settings => view! { <SettingsPage/> }.into_any(),
        }
    }
);

/// Starts sending the Outbox from any view (its code is Mail's, in a chunk of its own), for
/// a page opened elsewhere than Mail while something waits; see `ui::outbox_wake`.
#[cfg(satchel_split)]
#[leptos::wasm_split::wasm_split(mail_outbox_chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
fn start_outbox(auth: Auth, root: String, notices: Notices) -> Result<(), SplitLoaderError> {
    crate::ui::mail::outbox::start(auth, root, notices);
    Ok(())
}

#[cfg(not(satchel_split))]
async fn start_outbox(auth: Auth, root: String, notices: Notices) -> Result<(), SplitLoaderError> {
    crate::ui::mail::outbox::start(auth, root, notices);
    Ok(())
}

/// Nothing but a member of Compose's chunk: awaiting it fetches and instantiates that
/// chunk (and the shared ones it needs) without making a view, so Compose opens without
/// waiting for the network. See `prefetch_compose`.
#[cfg(satchel_split)]
#[leptos::wasm_split::wasm_split(mail_compose_chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
fn compose_chunk() -> Result<(), SplitLoaderError> {
    Ok(())
}

/// Fetches Compose's chunk ahead of its view: at start on Compose's own address (beside
/// `config.json`, which the routes wait for), else when the browser is idle, and when the
/// pointer or the focus reaches the Mail link. A chunk is fetched once however often this
/// is called; one that cannot be fetched is tried again by its route as before.
pub fn prefetch_compose() {
    #[cfg(satchel_split)]
    leptos::task::spawn_local(async {
        let _ = compose_chunk().await;
    });
}

/// [`start_outbox`], as the shell calls it: false when the chunk could not be fetched.
pub async fn wake_outbox(auth: Auth, root: String, notices: Notices) -> bool {
    start_outbox(auth, root, notices).await.is_ok()
}

/// The setup view where a component, not a route, needs it (no client ID yet).
pub fn lazy_setup_page() -> AnyView {
    view! {
        <Suspense fallback=|| view! { <p role="status">{t(k::APP_LOADING)}</p> }>
            {Suspend::new(async { setup_view(SetupView::Setup).await.unwrap_or_else(|_| not_downloaded(k::APP_PART_SETUP)) })}
        </Suspense>
    }
    .into_any()
}

/// The part of the app could not be downloaded: said in place. Trying again reloads the
/// page on the same address (what was typed in Mail is kept in storage across reloads).
fn not_downloaded(what: Key) -> AnyView {
    view! {
        <section class="chunk-failed" aria-labelledby="chunk-failed-title">
            <h1 id="chunk-failed-title">{tf(k::APP_CHUNK_TITLE, &[("part", t(what))])}</h1>
            <p role="alert">{t(k::APP_CHUNK_FAILED)}</p>
            <button type="button" on:click=|_| {
                let _ = window().location().reload();
            }>{t(k::APP_TRY_AGAIN)}</button>
        </section>
    }
    .into_any()
}

/// Routes whose view is loaded on first visit.
macro_rules! lazy_route {
    ($name:ident, $what:expr, $view:expr) => {
        pub struct $name;
        impl LazyRoute for $name {
            fn data() -> Self {
                $name
            }
            async fn view(_this: Self) -> AnyView {
                let view = $view.await.unwrap_or_else(|_| not_downloaded($what));
                // The benchmark times a route's first view up to here: its chunks are in.
                crate::browser::perf::mark("satchel-route-view");
                view
            }
        }
    };
}

lazy_route!(
    MailRoute,
    k::APP_PART_MAIL,
    mail_compose_view(ComposeView::Compose)
);
lazy_route!(
    MailInboxRoute,
    k::APP_PART_MAIL,
    mail_list_view(MailList::Inbox)
);
lazy_route!(
    MailDraftsRoute,
    k::APP_PART_MAIL,
    mail_list_view(MailList::Drafts)
);
lazy_route!(
    MailOutboxRoute,
    k::APP_PART_MAIL,
    mail_compose_view(ComposeView::Outbox)
);
lazy_route!(
    MailMessageRoute,
    k::APP_PART_MAIL,
    mail_list_view(MailList::Message)
);
lazy_route!(CalendarRoute, k::APP_PART_CALENDAR, calendar_view());
lazy_route!(SetupRoute, k::APP_PART_SETUP, setup_view(SetupView::Setup));
lazy_route!(
    SettingsRoute,
    k::APP_PART_SETTINGS,
    setup_view(SetupView::Settings)
);
