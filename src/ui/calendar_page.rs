use leptos::prelude::*;

#[component]
pub fn CalendarPage() -> impl IntoView {
    view! {
        <section aria-labelledby="cal-title">
            <h1 id="cal-title">"Calendar"</h1>
            <p>"Sign in with Google to see what is coming up on your calendars."</p>
        </section>
    }
}
