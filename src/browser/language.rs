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

/// Chooses and applies the language; runs before the app mounts. Returns the address of
/// its table when it is not English (the app mounts once `load` has read it).
pub fn init() -> Option<String> {
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
    (lang != Lang::En).then(|| table_url(lang)).flatten()
}

/// `pkg-<hash>/i18n-el.json`: beside this build's `satchel.js`, whose address index.html
/// gives boot.js (so the table is always this build's).
fn table_url(lang: Lang) -> Option<String> {
    let script = web_sys::window()?
        .document()?
        .query_selector("script[data-satchel-js]")
        .ok()??;
    let js = script.get_attribute("data-satchel-js")?;
    let dir = js.rsplit_once('/').map_or("", |(dir, _)| dir);
    Some(format!("{dir}/i18n-{}.json", lang.code()))
}

/// Fetches and takes the language's table (boot.js may have started the fetch already);
/// without it the page is English, and says so in `<html lang dir>`.
pub async fn load(url: String) {
    let loaded = match crate::browser::http::get(&url).await {
        Ok(reply) if reply.is_success() => i18n::load(&reply.body),
        _ => false,
    };
    if !loaded {
        web_sys::console::warn_1(&format!("Satchel: no table at {url}; English instead").into());
        i18n::set(Lang::En, "en");
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("lang", "en");
            let _ = root.set_attribute("dir", "ltr");
        }
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
