//! A panic must never leave a blank page: log it for developers and show the user a
//! readable message in the page's `#panic` element (present in index.html).

pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show(&info.to_string());
    }));
}

fn show(detail: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(panel) = document.get_element_by_id("panic") else {
        return;
    };
    let text = crate::i18n::tf(crate::i18n::k::APP_PANIC, &[("detail", detail)]);
    panel.set_text_content(Some(&text));
    let _ = panel.remove_attribute("hidden");
}
