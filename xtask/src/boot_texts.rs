//! What the build writes from the catalogs besides the wasm's English table (build.rs):
//! each other language's table as `pkg-<hash>/i18n-<lang>.json`, fetched by the app when
//! that language is in use, and boot.js's own messages.
//!
//! boot.js's own messages ("Signed in. You can close this window.", the frame guard's) run
//! before the app and its catalog load: the build writes them into boot.js from the
//! catalogs (`i18n/<lang>/boot.txt`), so they are translated like every other string.

#[path = "../../src/i18n/parse.rs"]
#[allow(dead_code)]
mod catalog;

use std::path::Path;

use crate::{workspace_root, Result};

/// Where boot.js holds the table: `/*SATCHEL_BOOT_TEXTS*/{…}/**/`.
const START: &str = "/*SATCHEL_BOOT_TEXTS*/";
const END: &str = "/**/";

/// `{"en": {"boot-signed-in": "…", …}, "el": {…}, "he": {…}}` from the catalogs.
fn table() -> Result<serde_json::Value> {
    let root = workspace_root().join("i18n");
    let mut all = serde_json::Map::new();
    for lang in catalog::LANGS {
        let entries = catalog::read_catalog(&root, lang)?;
        let texts: serde_json::Map<String, serde_json::Value> = entries
            .into_iter()
            .filter(|e| e.key.starts_with("boot-"))
            .map(|e| (e.key, e.value.into()))
            .collect();
        all.insert(lang.to_string(), texts.into());
    }
    Ok(all.into())
}

/// Rewrites the table in `out/boot.js` (a build without boot.js is left alone).
pub fn write(out: &Path) -> Result<()> {
    let path = out.join("boot.js");
    let Ok(js) = std::fs::read_to_string(&path) else {
        return Ok(());
    };
    let start = js
        .find(START)
        .ok_or("boot.js has no /*SATCHEL_BOOT_TEXTS*/ table")?;
    let body = start + START.len();
    let end = js[body..].find(END).ok_or("boot.js's table has no end")? + body;
    let js = format!("{}{}{}", &js[..body], table()?, &js[end..]);
    std::fs::write(path, js)?;
    Ok(())
}

/// `pkg/i18n-<lang>.json` for every language but English: its texts in slot order, the
/// layout build.rs gave the wasm's constants (both from `catalog::compile`).
pub fn write_tables(pkg: &Path) -> Result<()> {
    let compiled = catalog::compile(&workspace_root().join("i18n"))?;
    for (lang, table) in catalog::LANGS.iter().zip(&compiled.tables).skip(1) {
        std::fs::write(
            pkg.join(format!("i18n-{lang}.json")),
            serde_json::to_string(table)?,
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_language_has_the_boot_texts() {
        let table = super::table().expect("catalogs read");
        for lang in super::catalog::LANGS {
            for key in ["boot-framed", "boot-signed-in"] {
                assert!(table[lang][key].is_string(), "{lang} {key}");
            }
        }
    }
}
