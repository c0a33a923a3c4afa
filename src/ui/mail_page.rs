use leptos::prelude::*;

#[component]
pub fn MailPage() -> impl IntoView {
    view! {
        <section aria-labelledby="mail-title">
            <h1 id="mail-title">"Mail"</h1>
            <p>"Sign in with Google to send mail and see your inbox."</p>
        </section>
    }
}
