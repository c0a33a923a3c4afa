//! The interface's languages: every visible string, notice, error and `aria-label` comes
//! from the catalog of the language in use (`i18n/<lang>/`, compiled by `build.rs` into
//! tables, see `parse.rs` for the format). Plain Rust: the core's messages use it too, and
//! the native tests run in English.
//!
//! The language is chosen once per page load (`browser::language` reads the saved choice
//! or the browser's languages and calls `set`). English is compiled in; another language's
//! table is fetched at start (`pkg-<hash>/i18n-<lang>.json`, written by the build beside
//! the wasm, so the service worker keeps it with its build) and given to `load`: with all
//! three tables compiled in, the first load's wasm grew by 25.3 KB gzip (200.2 -> 225.5
//! KB), most of it Greek's and Hebrew's text, which English readers never need. Settings changes it by saving the choice and
//! reloading: every string is then a plain `&'static str`, with no closure per text node in
//! the views (smaller and faster than reactive strings), and a reload loses nothing (typed
//! text and attachments survive reloads, see `ui/mail/stash`).

pub mod parse;
mod plural;
#[cfg(test)]
mod tests;

use std::cell::{Cell, RefCell};

include!(concat!(env!("OUT_DIR"), "/catalog.rs"));

/// A plain message of the catalog (`k::MAIL_SEND`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key(pub(crate) usize);

/// A message with plural forms (`k::MAIL_ATTACHMENTS`): only `tn` takes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PluralKey(pub(crate) usize);

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    En = 0,
    El = 1,
    He = 2,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::El, Lang::He];

    /// The BCP 47 tag, for `<html lang>`, the saved choice and `Intl`.
    pub fn code(self) -> &'static str {
        parse::LANGS[self as usize]
    }

    /// Its name in itself, as the language menu shows it (never translated).
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::El => "Ελληνικά",
            Lang::He => "עברית",
        }
    }

    pub fn is_rtl(self) -> bool {
        self == Lang::He
    }

    pub fn dir(self) -> &'static str {
        if self.is_rtl() {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// `el`, `EL-gr`, `he-IL`; `iw` is Hebrew's old code, still sent by some Androids.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "el" => Some(Lang::El),
            "he" | "iw" => Some(Lang::He),
            _ => None,
        }
    }

    /// The first of the browser's languages (in the user's order) that Satchel speaks.
    pub fn pick<'a>(tags: impl IntoIterator<Item = &'a str>) -> Lang {
        tags.into_iter()
            .find_map(Lang::from_tag)
            .unwrap_or_default()
    }
}

thread_local! {
    static LANG: Cell<Lang> = const { Cell::new(Lang::En) };
    /// The language's table when it is not English (`load`), for the page's life.
    static TABLE: Cell<Option<&'static [&'static str]>> = const { Cell::new(None) };
    /// The `Intl` locale: the browser's own tag when it is of this language (`en-GB` keeps
    /// its 24-hour clock), else the bare code.
    static LOCALE: RefCell<String> = RefCell::new(String::from("en"));
}

/// Sets the language of this page load (before the app mounts).
pub fn set(lang: Lang, locale: &str) {
    LANG.with(|l| l.set(lang));
    LOCALE.with(|l| *l.borrow_mut() = locale.to_string());
    TABLE.with(|t| t.set(None));
    plural::reset();
    // Native tests read the other languages' tables straight from the catalogs.
    #[cfg(test)]
    if lang != Lang::En {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("i18n");
        if let Ok(compiled) = parse::compile(&root) {
            let table = compiled
                .tables
                .get(lang as usize)
                .cloned()
                .unwrap_or_default();
            load(&serde_json::to_string(&table).unwrap_or_default());
        }
    }
}

/// Takes the language's table (the build's JSON array, one text per slot). False when it
/// is not one: the page then stays in English.
pub fn load(json: &str) -> bool {
    let Ok(texts) = serde_json::from_str::<Vec<String>>(json) else {
        return false;
    };
    if texts.len() != SLOTS {
        // Another build's table: its slots would name other messages.
        return false;
    }
    // Kept for the page's life, as the compiled English table is.
    let texts: Vec<&'static str> = texts
        .into_iter()
        .map(|t| &*Box::leak(t.into_boxed_str()))
        .collect();
    TABLE.with(|t| t.set(Some(Box::leak(texts.into_boxed_slice()))));
    true
}

/// The table in use: the loaded one, else English.
fn table() -> &'static [&'static str] {
    TABLE.with(Cell::get).unwrap_or(&EN)
}

pub fn lang() -> Lang {
    LANG.with(Cell::get)
}

pub fn locale() -> String {
    LOCALE.with(|l| l.borrow().clone())
}

fn slot(slot: usize) -> &'static str {
    match table().get(slot) {
        Some(text) if !text.is_empty() => text,
        // A missing translation shows English (the catalog tests fail on it).
        _ => EN.get(slot).copied().unwrap_or(""),
    }
}

/// A plain message.
pub fn t(key: Key) -> &'static str {
    slot(key.0)
}

/// A message with placeholders: `tf(k::MAIL_SENT_TO, &[("to", &to)])`.
pub fn tf(key: Key, args: &[(&str, &str)]) -> String {
    fill(t(key), args)
}

/// A counted message: the plural form of `n` in this language, `{ $n }` filled with `n`.
pub fn tn(key: PluralKey, n: u64, args: &[(&str, &str)]) -> String {
    let form = plural::form(n);
    let table = table();
    let other = parse::FORMS.len() - 1;
    let text = [
        (table, form),
        (table, other),
        (&EN[..], form),
        (&EN[..], other),
    ]
    .into_iter()
    .filter_map(|(table, form)| table.get(key.0 + form).copied())
    .find(|text| !text.is_empty())
    .unwrap_or("");
    let count = n.to_string();
    let mut all: Vec<(&str, &str)> = vec![("n", count.as_str())];
    all.extend_from_slice(args);
    fill(text, &all)
}

/// Replaces each `{ $name }` with its value; an unknown name stays as written.
fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for piece in parse::pieces(text) {
        match piece {
            parse::Piece::Text(text) => out.push_str(text),
            parse::Piece::Placeholder { name, whole } => {
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(value),
                    None => out.push_str(whole),
                }
            }
        }
    }
    out
}
