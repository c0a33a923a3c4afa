//! The interface language of this page load: the choice saved in Settings, else the first
//! of the browser's languages that Satchel speaks. `<html lang dir>` follow it.

use crate::browser::storage::{self, Area};
use crate::i18n::{self, Lang};

const KEY: &str = "satchel.lang";

/// The browser's languages, most wanted first (`navigator.languages`).
fn browser_tags() -> Vec<String> {
    let Some(window) = web_sys::window() else {
        return Vec::new();
    };
    let navigator = window.navigator();
    let mut tags: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|tag| tag.as_string())
        .collect();
    if let Some(tag) = navigator.language() {
        tags.push(tag);
    }
    tags
}

/// The saved choice, if any (`None` means "follow the browser").
pub fn saved() -> Option<Lang> {
    storage::get(Area::Local, KEY).and_then(|tag| Lang::from_tag(&tag))
}

/// The language the browser's settings ask for.
pub fn browser_choice() -> Lang {
    Lang::pick(browser_tags().iter().map(String::as_str))
}

/// Chooses and applies the language; runs before the app mounts.
pub fn init() {
    let tags = browser_tags();
    let lang = saved().unwrap_or_else(|| Lang::pick(tags.iter().map(String::as_str)));
    // Intl's locale: the browser's own tag of that language keeps its regional formats.
    let locale = tags
        .iter()
        .find(|tag| Lang::from_tag(tag) == Some(lang))
        .cloned()
        .unwrap_or_else(|| lang.code().to_string());
    i18n::set(lang, &locale);
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.code());
        let _ = root.set_attribute("dir", lang.dir());
    }
}

/// Saves a new choice (`None`: follow the browser again) and reloads the page in it (see
/// `crate::i18n` for why a reload).
pub fn choose(lang: Option<Lang>) {
    match lang {
        Some(lang) => storage::set(Area::Local, KEY, lang.code()),
        None => {
            storage::remove(Area::Local, KEY);
            true
        }
    };
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}
