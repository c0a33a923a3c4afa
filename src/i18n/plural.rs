//! Which plural form a count takes: `Intl.PluralRules` in the browser (CLDR's rules for the
//! language in use), and the same rules for the three languages in native tests.

use super::parse::FORMS;

fn index(name: &str) -> usize {
    FORMS
        .iter()
        .position(|f| *f == name)
        .unwrap_or(FORMS.len() - 1)
}

#[cfg(target_arch = "wasm32")]
thread_local! {
    static RULES: std::cell::RefCell<Option<js_sys::Intl::PluralRules>> =
        const { std::cell::RefCell::new(None) };
}

pub(super) fn reset() {
    #[cfg(target_arch = "wasm32")]
    RULES.with(|r| *r.borrow_mut() = None);
}

#[cfg(target_arch = "wasm32")]
pub(super) fn form(n: u64) -> usize {
    RULES.with(|rules| {
        let mut rules = rules.borrow_mut();
        let rules = rules.get_or_insert_with(|| {
            let locales = js_sys::Array::of1(&super::locale().into());
            js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new())
        });
        index(&String::from(rules.select(n as f64)))
    })
}

/// CLDR 44 for integers: English and Greek one/other; Hebrew one/two/other.
#[cfg(not(target_arch = "wasm32"))]
pub(super) fn form(n: u64) -> usize {
    use super::Lang;
    let name = match (super::lang(), n) {
        (_, 1) => "one",
        (Lang::He, 2) => "two",
        _ => "other",
    };
    index(name)
}
