//! Facts about the page itself: where it is served from and when it became usable.

/// The app's base URL: origin plus the path it is served from, always ending in `/`
/// (e.g. `https://host/satchel/`). It comes from `<base href>`, which the build sets,
/// so deep links such as `/satchel/calendar` still know their base. It is also the
/// OAuth redirect URI, so one registered URI serves every view.
pub fn base_url() -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_else(|| "/".to_string());
    let without_query = base.split(['?', '#']).next().unwrap_or("/");
    match without_query.rfind('/') {
        Some(i) => without_query[..=i].to_string(),
        None => format!("{without_query}/"),
    }
}

/// The page's origin, e.g. `https://host`.
pub fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// The router's base: the base URL's path without its trailing slash (`""` at the root).
pub fn router_base() -> String {
    let base = base_url();
    let origin = origin();
    let path = base.strip_prefix(&origin).unwrap_or("/");
    path.trim_end_matches('/').to_string()
}

/// Resolves `relative` against the base URL.
pub fn resolve(relative: &str) -> String {
    format!("{}{}", base_url(), relative.trim_start_matches('/'))
}

/// Marks the moment the shell is interactive, for the benchmark (`performance.mark`).
pub fn mark_interactive() {
    crate::browser::perf::mark("satchel-interactive");
}
