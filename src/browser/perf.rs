//! `performance.mark`, so the benchmark can time stages of the real app from outside.

/// Adds a mark named `name` to the page's performance timeline.
pub fn mark(name: &str) {
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark(name);
    }
}
