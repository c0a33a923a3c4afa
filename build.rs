//! Compiles the interface catalogs (`i18n/<lang>/*.txt`, format in `src/i18n/parse.rs`) into
//! string tables: one constant per message in `crate::i18n::k`, so a misspelt key does not
//! build, and one `[&str; SLOTS]` per language (an empty slot is a missing translation,
//! which `src/i18n/tests.rs` reports). Measured against Fluent in README ("Languages").

#[path = "src/i18n/parse.rs"]
#[allow(dead_code)]
mod parse;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=i18n");
    println!("cargo:rerun-if-changed=src/i18n/parse.rs");
    let root = Path::new("i18n");
    let catalogs: Vec<Vec<parse::Entry>> = parse::LANGS
        .iter()
        .map(|lang| parse::read_catalog(root, lang).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    for lang in parse::LANGS {
        println!("cargo:rerun-if-changed=i18n/{lang}");
    }

    // English decides the keys and their kinds; a key is plain or plural, never both.
    let mut keys: BTreeMap<&str, bool> = BTreeMap::new();
    let mut order: Vec<&str> = Vec::new();
    for entry in &catalogs[0] {
        match keys.get(entry.key.as_str()) {
            None => {
                keys.insert(&entry.key, entry.form.is_some());
                order.push(&entry.key);
            }
            Some(&plural) if plural != entry.form.is_some() => {
                panic!("i18n/en: `{}` is both plain and plural", entry.key)
            }
            Some(_) => {}
        }
    }
    let mut slot_of: BTreeMap<&str, usize> = BTreeMap::new();
    let mut slots = 0;
    let mut consts = String::new();
    for key in &order {
        let plural = keys[key];
        slot_of.insert(key, slots);
        let ty = if plural { "PluralKey" } else { "Key" };
        let _ = writeln!(
            consts,
            "    pub const {}: {ty} = {ty}({slots});",
            parse::const_name(key)
        );
        slots += if plural { parse::FORMS.len() } else { 1 };
    }

    let mut tables = String::new();
    for (lang, entries) in parse::LANGS.iter().zip(&catalogs) {
        let mut table = vec![String::new(); slots];
        let mut seen = std::collections::BTreeSet::new();
        for entry in entries {
            let Some(&slot) = slot_of.get(entry.key.as_str()) else {
                println!(
                    "cargo:warning=i18n/{lang}: `{}` is not in English",
                    entry.key
                );
                continue;
            };
            let form = entry.form.unwrap_or(0);
            if !seen.insert((entry.key.clone(), form)) {
                panic!(
                    "i18n/{lang}: `{}` appears twice (line {})",
                    entry.key, entry.line
                );
            }
            if entry.form.is_some() != keys[entry.key.as_str()] {
                panic!(
                    "i18n/{lang}: `{}` plain in one language, plural in another",
                    entry.key
                );
            }
            table[slot + form] = entry.value.clone();
        }
        let _ = writeln!(tables, "    // {lang}\n    [");
        for text in table {
            let _ = writeln!(tables, "        {text:?},");
        }
        let _ = writeln!(tables, "    ],");
    }

    let names: Vec<String> = order
        .iter()
        .map(|k| format!("({k:?}, {})", slot_of[k]))
        .collect();
    let code = format!(
        "/// One constant per message of `i18n/en/`.\npub mod k {{\n    #[allow(unused_imports)]\n    use super::{{Key, PluralKey}};\n{consts}}}\n\n\
         pub(crate) const SLOTS: usize = {slots};\n\n\
         /// Per language (`Lang as usize`), per slot: the text, or \"\" where a translation is missing.\n\
         pub(crate) static TABLES: [[&str; SLOTS]; {}] = [\n{tables}];\n\n\
         /// Key names and first slots, for the catalog tests.\n\
         #[cfg(test)]\npub(crate) static KEY_SLOTS: [(&str, usize); {}] = [{}];\n",
        parse::LANGS.len(),
        order.len(),
        names.join(", ")
    );
    let out =
        Path::new(&std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("catalog.rs");
    std::fs::write(out, code).unwrap_or_else(|e| panic!("writing the catalog: {e}"));
}
