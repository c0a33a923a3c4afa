//! Gmail's own keys, where they fit: `c` compose, `/` search, `j`/`k` next and previous
//! message, `o` open, `u` back to the list, `r` reply, `a` reply all, `f` forward, `e`
//! archive, `#` delete, `?` this list. Off inside text fields and with Ctrl, Alt or Meta,
//! so typing is never taken over. Each key does what its button or link does (it clicks
//! it), so a key never does more than the page offers.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;

use crate::i18n::{k, t, Key};
use crate::ui::chrome::href;

/// The key (as written, or its message when it has words) and what it does.
enum Keys {
    Plain(&'static str),
    Words(Key),
}

const KEYS: &[(Keys, Key)] = &[
    (Keys::Plain("c"), k::MAIL_KEY_COMPOSE),
    (Keys::Plain("/"), k::MAIL_KEY_SEARCH),
    (Keys::Plain("j / k"), k::MAIL_KEY_NEXT_PREVIOUS),
    (Keys::Words(k::MAIL_KEY_OPEN_OR_ENTER), k::MAIL_KEY_OPEN),
    (Keys::Plain("u"), k::MAIL_KEY_BACK),
    (Keys::Plain("r"), k::MAIL_REPLY),
    (Keys::Plain("a"), k::MAIL_REPLY_ALL),
    (Keys::Plain("f"), k::MAIL_FORWARD),
    (Keys::Plain("e"), k::MAIL_ARCHIVE),
    (Keys::Plain("#"), k::MAIL_DELETE),
    (Keys::Plain("?"), k::MAIL_KEY_HELP),
];

impl Keys {
    fn text(&self) -> &'static str {
        match self {
            Keys::Plain(text) => text,
            Keys::Words(key) => t(*key),
        }
    }
}

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

/// Clicks the enabled button whose text is `text`; false when there is none.
fn click_button(text: &str) -> bool {
    let Some(list) = document().and_then(|d| d.query_selector_all("button").ok()) else {
        return false;
    };
    for i in 0..list.length() {
        let Some(button) = list
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            continue;
        };
        if button.text_content().is_some_and(|t| t.trim() == text)
            && !button.has_attribute("disabled")
        {
            button.click();
            return true;
        }
    }
    false
}

fn element(css: &str) -> Option<web_sys::HtmlElement> {
    document()?
        .query_selector(css)
        .ok()
        .flatten()?
        .dyn_into()
        .ok()
}

/// Moves focus `step` rows through the Inbox list.
fn move_in_list(step: i32) {
    let Some(list) = document().and_then(|d| d.query_selector_all("#inbox-list a.subject").ok())
    else {
        return;
    };
    let active = document().and_then(|d| d.active_element());
    let count = list.length() as i32;
    if count == 0 {
        return;
    }
    let current = (0..count).find(|&i| {
        list.item(i as u32)
            .zip(active.as_ref())
            .is_some_and(|(n, a)| n.is_same_node(Some(a)))
    });
    let next = match current {
        Some(i) => (i + step).clamp(0, count - 1),
        None => 0,
    };
    if let Some(link) = list
        .item(next as u32)
        .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = link.focus();
    }
}

fn typing(ev: &web_sys::KeyboardEvent) -> bool {
    let target = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok());
    target.is_some_and(|t| {
        matches!(t.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || t.is_content_editable()
    })
}

/// Listens for the keys while Mail is shown; `?` shows the list.
#[component]
pub fn Shortcuts() -> impl IntoView {
    let help = RwSignal::new(false);
    let navigate = StoredValue::new(use_navigate());
    let go = move |path: &str| navigate.with_value(|n| n(&href(path), Default::default()));
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.ctrl_key() || ev.alt_key() || ev.meta_key() || typing(&ev) {
            return;
        }
        let handled = match ev.key().as_str() {
            "c" => {
                go("/mail");
                true
            }
            "/" => match element("#inbox-q") {
                Some(field) => field.focus().is_ok(),
                None => {
                    go("/mail/inbox");
                    true
                }
            },
            "j" => {
                move_in_list(1);
                true
            }
            "k" => {
                move_in_list(-1);
                true
            }
            "o" => {
                let focused = document()
                    .and_then(|d| d.active_element())
                    .and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok())
                    .filter(|a| a.class_list().contains("subject"));
                match focused.or_else(|| element("#inbox-list a.subject")) {
                    Some(link) => {
                        link.click();
                        true
                    }
                    None => false,
                }
            }
            "u" => element("p.back a").map(|a| a.click()).is_some(),
            "r" => click_button(t(k::MAIL_REPLY)),
            "a" => click_button(t(k::MAIL_REPLY_ALL)),
            "f" => click_button(t(k::MAIL_FORWARD)),
            "e" => click_button(t(k::MAIL_ARCHIVE)),
            "#" => click_button(t(k::MAIL_DELETE)),
            "?" => {
                help.update(|h| *h = !*h);
                true
            }
            "Escape" if help.get_untracked() => {
                help.set(false);
                true
            }
            _ => false,
        };
        if handled {
            ev.prevent_default();
        }
    });
    on_cleanup(move || handle.remove());
    view! {
        <Show when=move || help.get()>
            <section class="shortcuts" aria-labelledby="shortcuts-title">
                <h2 id="shortcuts-title">{t(k::MAIL_KEYBOARD_SHORTCUTS)}</h2>
                <dl>
                    {KEYS.iter().map(|(key, what)| view! { <dt><kbd>{key.text()}</kbd></dt><dd>{t(*what)}</dd> }).collect_view()}
                </dl>
                <button type="button" class="secondary" on:click=move |_| help.set(false)>{t(k::MAIL_CLOSE)}</button>
            </section>
        </Show>
    }
}
