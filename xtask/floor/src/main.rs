//! Reference apps for `cargo xtask bench floor`. They measure what Leptos costs before any
//! of Satchel's own code: one signal and one button, then (feature `router`) the same
//! inside leptos_router with two flat routes (`FlatRoutes`, as the app: the
//! cheaper of its two route views) and a navigation. Built with Satchel's release
//! profile, rustflags, wasm-bindgen and wasm-opt, so their sizes are a floor for the app's.

use leptos::prelude::*;

#[cfg(not(feature = "fluent"))]
#[component]
fn Counter() -> impl IntoView {
    let (count, set_count) = signal(0);
    view! {
        <button on:click=move |_| set_count.update(|n| *n += 1)>"Clicked " {count}</button>
    }
}

/// The label through Fluent: a resource parsed, a plural select on the count (built per
/// call: a bundle is not `Send`, and the size, not the speed, is measured here).
#[cfg(feature = "fluent")]
fn label(n: i32) -> String {
    use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};
    let source = "clicked = { $n ->\n    [one] Clicked once\n   *[other] Clicked { $n } times\n}\n";
    let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, _)| r);
    let lang: unic_langid::LanguageIdentifier = "el".parse().unwrap_or_default();
    let mut bundle = FluentBundle::new(vec![lang]);
    let _ = bundle.add_resource(resource);
    let mut args = FluentArgs::new();
    args.set("n", n);
    let mut errors = Vec::new();
    bundle
        .get_message("clicked")
        .and_then(|m| m.value())
        .map(|p| {
            bundle
                .format_pattern(p, Some(&args), &mut errors)
                .into_owned()
        })
        .unwrap_or_default()
}

#[cfg(feature = "fluent")]
#[component]
fn Counter() -> impl IntoView {
    let (count, set_count) = signal(0);
    view! { <button on:click=move |_| set_count.update(|n| *n += 1)>{move || label(count.get())}</button> }
}

#[cfg(not(feature = "router"))]
#[component]
fn App() -> impl IntoView {
    view! { <main><Counter/></main> }
}

#[cfg(feature = "router")]
#[component]
fn App() -> impl IntoView {
    use leptos_router::components::{FlatRoutes, Route, Router, A};
    use leptos_router::path;
    view! {
        <Router>
            <nav><A href="/">"Home"</A> <A href="/settings">"Settings"</A></nav>
            <main>
                <FlatRoutes fallback=|| "Not found">
                    <Route path=path!("/") view=Counter/>
                    <Route path=path!("/settings") view=|| view! { <h1>"Settings"</h1> }/>
                </FlatRoutes>
            </main>
        </Router>
    }
}

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}
