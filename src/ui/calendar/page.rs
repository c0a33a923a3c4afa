//! The Calendar page: its heading and the permission the agenda needs.

use leptos::prelude::*;

use crate::auth::scopes::Feature;
use crate::i18n::{k, t};
use crate::ui::auth::account::NeedsPermission;
use crate::ui::auth::use_auth;

use crate::ui::calendar;

#[component]
pub fn CalendarPage() -> impl IntoView {
    let auth = use_auth();
    // A memo, so renewing the session (a new token, the email arriving) does not remount
    // the agenda and fetch everything again.
    let allowed = Memo::new(move |_| auth.allows(Feature::Agenda));
    view! {
        <section class="calendar-page" aria-labelledby="cal-title">
            <h1 id="cal-title">{t(k::CAL_TITLE)}</h1>
            {move || if allowed.get() {
                view! { <calendar::Agenda/> }.into_any()
            } else {
                view! { <NeedsPermission feature=Feature::Agenda/> }.into_any()
            }}
        </section>
    }
}
