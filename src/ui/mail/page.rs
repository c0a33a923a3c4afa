//! Mail: Compose, Inbox and Drafts, each behind its own permission.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::auth::scopes::Feature;
use crate::i18n::{k, t, tn};
use crate::ui::auth::account::NeedsPermission;
use crate::ui::auth::use_auth;
use crate::ui::chrome::href;

use crate::ui::mail;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MailView {
    Compose,
    Inbox,
    Drafts,
    Outbox,
}

impl MailView {
    fn feature(self) -> Feature {
        match self {
            MailView::Compose | MailView::Outbox => mail::prefs::send_feature(),
            MailView::Inbox => Feature::Inbox,
            MailView::Drafts => Feature::Drafts,
        }
    }
}

/// The Mail heading, its tabs and the permission `tab` needs around `children`, the tab's
/// view. Each tab is its own lazily loaded chunk (src/ui/lazy_views.rs), so this takes the
/// view rather than choosing it: Compose, the page most visits land on, does not carry the
/// Inbox and Drafts code.
#[component]
pub fn MailPage(tab: MailView, children: ChildrenFn) -> impl IntoView {
    let auth = use_auth();
    let feature = tab.feature();
    // A Memo, so renewing the session does not rebuild the view (and its state).
    let allowed = Memo::new(move |_| auth.allows(feature));
    // Whatever waits in the Outbox is sent from any Mail view, once per page.
    let root = crate::ui::config::use_app_config()
        .config
        .with_value(|c| c.gmail_root.clone());
    mail::outbox::start(auth, root, crate::ui::notices::use_notices());
    let waiting = move || mail::outbox::items().with(Vec::len);
    view! {
        <section aria-labelledby="mail-title" class="mail">
            <h1 id="mail-title">{t(k::MAIL_TITLE)}</h1>
            <nav class="subnav" aria-label=t(k::MAIL_TITLE)>
                <A href=href("/mail") exact=true>{t(k::MAIL_TAB_COMPOSE)}</A>
                <A href=href("/mail/inbox")>{t(k::MAIL_TAB_INBOX)}</A>
                <A href=href("/mail/drafts")>{t(k::MAIL_TAB_DRAFTS)}</A>
                // Only while something waits; its name starts with "Outbox" either way.
                {move || (waiting() > 0).then(|| view! {
                    <A href=href("/mail/outbox")>{tn(k::MAIL_OUTBOX_LINK, waiting() as u64, &[])}</A>
                })}
            </nav>
            <mail::shortcuts::Shortcuts/>
            {move || if !allowed.get() {
                view! { <NeedsPermission feature/> }.into_any()
            } else {
                children().into_any()
            }}
        </section>
    }
}
