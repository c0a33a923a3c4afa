use leptos::prelude::*;

use crate::auth::scopes::Feature;
use crate::ui::account::NeedsPermission;
use crate::ui::auth_service::use_auth;

#[component]
pub fn MailPage() -> impl IntoView {
    let auth = use_auth();
    view! {
        <section aria-labelledby="mail-title">
            <h1 id="mail-title">"Mail"</h1>
            {move || if auth.allows(Feature::Send) {
                view! { <p>"Compose is coming next."</p> }.into_any()
            } else {
                view! { <NeedsPermission feature=Feature::Send/> }.into_any()
            }}
        </section>
    }
}
