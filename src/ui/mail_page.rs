//! Mail: Compose, Inbox and Drafts, each behind its own permission.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::auth::scopes::Feature;
use crate::ui::account::NeedsPermission;
use crate::ui::auth_service::use_auth;
use crate::ui::chrome::href;

use crate::ui::mail;

pub use mail::ComposeState;
use mail::{compose::Compose, drafts::Drafts, inbox::Inbox};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MailView {
    #[default]
    Compose,
    Inbox,
    Drafts,
}

impl MailView {
    fn feature(self) -> Feature {
        match self {
            MailView::Compose => Feature::Send,
            MailView::Inbox => Feature::Inbox,
            MailView::Drafts => Feature::Drafts,
        }
    }
}

#[component]
pub fn MailPage(#[prop(optional)] tab: MailView) -> impl IntoView {
    let auth = use_auth();
    let feature = tab.feature();
    // A Memo, so renewing the session does not rebuild the view (and its state).
    let allowed = Memo::new(move |_| auth.allows(feature));
    view! {
        <section aria-labelledby="mail-title" class="mail">
            <h1 id="mail-title">"Mail"</h1>
            <nav class="subnav" aria-label="Mail">
                <A href=href("/mail") exact=true>"Compose"</A>
                <A href=href("/mail/inbox")>"Inbox"</A>
                <A href=href("/mail/drafts")>"Drafts"</A>
            </nav>
            {move || if !allowed.get() {
                view! { <NeedsPermission feature/> }.into_any()
            } else {
                match tab {
                    MailView::Compose => view! { <Compose/> }.into_any(),
                    MailView::Inbox => view! { <Inbox/> }.into_any(),
                    MailView::Drafts => view! { <Drafts/> }.into_any(),
                }
            }}
        </section>
    }
}
