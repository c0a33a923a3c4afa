use leptos::prelude::*;

use crate::auth::scopes::Feature;
use crate::ui::account::NeedsPermission;
use crate::ui::auth_service::use_auth;

#[component]
pub fn CalendarPage() -> impl IntoView {
    let auth = use_auth();
    view! {
        <section aria-labelledby="cal-title">
            <h1 id="cal-title">"Calendar"</h1>
            {move || if auth.allows(Feature::Agenda) {
                view! { <p>"The agenda is coming next."</p> }.into_any()
            } else {
                view! { <NeedsPermission feature=Feature::Agenda/> }.into_any()
            }}
        </section>
    }
}
