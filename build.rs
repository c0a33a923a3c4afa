//! Compiles the interface catalogs (`i18n/<lang>/*.txt`, format in `src/i18n/parse.rs`):
//! one constant per message in `crate::i18n::k`, so a misspelt key does not build, and
//! English's `[&str; SLOTS]` table. The other languages' tables are not in the wasm: the
//! build writes them beside it as JSON (`cargo xtask wasm`, `pkg-<hash>/i18n-<lang>.json`)
//! and the app fetches the one it needs at start (see `crate::i18n` for the measurement).
//! An empty slot is a missing translation, which `src/i18n/tests.rs` reports.

#[path = "src/i18n/parse.rs"]
#[allow(dead_code)]
mod parse;

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=i18n");
    println!("cargo:rerun-if-changed=src/i18n/parse.rs");
    for lang in parse::LANGS {
        println!("cargo:rerun-if-changed=i18n/{lang}");
    }
    let compiled = parse::compile(Path::new("i18n")).unwrap_or_else(|e| panic!("{e}"));
    for unknown in &compiled.unknown {
        println!("cargo:warning=i18n {unknown} is not in English");
    }
    let mut consts = String::new();
    for (key, plural, slot) in &compiled.keys {
        let ty = if *plural { "PluralKey" } else { "Key" };
        let _ = writeln!(
            consts,
            "    pub const {}: {ty} = {ty}({slot});",
            parse::const_name(key)
        );
    }
    let mut english = String::new();
    for text in compiled
        .tables
        .first()
        .map(Vec::as_slice)
        .unwrap_or_default()
    {
        let _ = writeln!(english, "    {text:?},");
    }
    let code = format!(
        "/// One constant per message of `i18n/en/`.\npub mod k {{\n    #[allow(unused_imports)]\n    use super::{{Key, PluralKey}};\n{consts}}}\n\n\
         pub(crate) const SLOTS: usize = {};\n\n\
         /// English, per slot (\"\" only for the unused forms of a plural message).\n\
         pub(crate) static EN: [&str; SLOTS] = [\n{english}];\n",
        compiled.slots
    );
    let out =
        Path::new(&std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("catalog.rs");
    std::fs::write(out, code).unwrap_or_else(|e| panic!("writing the catalog: {e}"));
}
