//! "Show formatting": the message's HTML, cleaned (`mail::clean_html`), in a frame that
//! cannot run anything. The frame has `sandbox` without `allow-scripts` and without
//! `allow-same-origin` (an opaque origin: no cookies, no storage, no access to Satchel),
//! with `allow-popups` so links open in a new tab (`allow-popups-to-escape-sandbox`: the
//! linked site works normally). Its document carries its own CSP: no scripts, no fetches,
//! no forms, and images only from the message itself until "Show images".
//!
//! A `srcdoc` frame also inherits the app's own CSP, so the app's `style-src` allows
//! inline styles and its `img-src` allows `https:` (README, Security): the app itself
//! renders no HTML from the network, only this frame does.

use leptos::prelude::*;

use crate::i18n::{k, t};
use crate::mail::{clean_html, CleanOptions, Cleaned};

/// The frame's document around the cleaned body.
fn frame_document(cleaned: &Cleaned, remote_images: bool) -> String {
    let images = if remote_images {
        "data: https: http:"
    } else {
        "data:"
    };
    format!(
        "<!doctype html><html><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; img-src {images}; font-src data:; form-action 'none'; \
         base-uri 'none'\">\
         <base target=\"_blank\">\
         <style>body{{margin:8px;font-family:system-ui,sans-serif;overflow-wrap:anywhere}}\
         img{{max-width:100%;height:auto}}table{{max-width:100%}}</style></head>\
         <body dir=\"auto\">{}</body></html>",
        cleaned.html
    )
}

/// The formatted message. `inline`: `cid:` ids and the `data:` URLs of their parts.
#[component]
pub fn Formatted(html: String, inline: Vec<(String, String)>) -> impl IntoView {
    let show_images = RwSignal::new(false);
    let cleaned = Memo::new(move |_| {
        clean_html(
            &html,
            &CleanOptions {
                remote_images: show_images.get(),
                inline: &inline,
            },
        )
    });
    let hidden = move || cleaned.with(|c| c.remote_images > 0) && !show_images.get();
    view! {
        <Show when=hidden>
            <p class="muted" role="note">
                {t(k::MAIL_IMAGES_HIDDEN)}
                " "
                <button type="button" class="secondary" on:click=move |_| show_images.set(true)>
                    {t(k::MAIL_SHOW_IMAGES)}
                </button>
            </p>
        </Show>
        {move || cleaned.with(|c| c.cut).then(|| view! {
            <p class="muted" role="note">{t(k::MAIL_TOO_LONG_TO_SHOW)}</p>
        })}
        {move || cleaned.with(|c| c.removed > 0).then(|| view! {
            <p class="muted" role="note">{t(k::MAIL_ACTIVE_CONTENT_REMOVED)}</p>
        })}
        <iframe
            class="message-html"
            title=t(k::MAIL_FORMATTED_FRAME)
            sandbox="allow-popups allow-popups-to-escape-sandbox"
            referrerpolicy="no-referrer"
            srcdoc=move || frame_document(&cleaned.read(), show_images.get())
        ></iframe>
    }
}
