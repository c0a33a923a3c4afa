//! The catalogs are complete: these fail when a language lacks a message (or a plural form
//! its grammar needs), has one English does not, or drops or invents a placeholder.

use super::parse::{self, placeholders, Entry, FORMS, LANGS};
use super::*;

fn catalog(lang: &str) -> Vec<Entry> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("i18n");
    parse::read_catalog(&root, lang).unwrap_or_else(|e| panic!("{e}"))
}

/// The plural forms each language's integers use (CLDR).
fn needed_forms(lang: &str) -> &'static [&'static str] {
    match lang {
        "he" => &["one", "two", "other"],
        _ => &["one", "other"],
    }
}

#[test]
fn every_language_has_every_message() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("i18n");
    let compiled = parse::compile(&root).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        compiled.slots, SLOTS,
        "the compiled tables are this build's"
    );
    let mut missing = Vec::new();
    for (index, lang) in LANGS.iter().enumerate() {
        for (key, plural, first) in &compiled.keys {
            let (key, plural, first) = (key.as_str(), *plural, *first);
            let forms: Vec<usize> = if plural {
                needed_forms(lang)
                    .iter()
                    .filter_map(|f| FORMS.iter().position(|x| x == f))
                    .collect()
            } else {
                vec![0]
            };
            for form in forms {
                if compiled.tables[index][first + form].is_empty() {
                    missing.push(format!(
                        "{lang}: {key}{}",
                        if plural {
                            format!("[{}]", FORMS[form])
                        } else {
                            String::new()
                        }
                    ));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "missing translations:\n{}",
        missing.join("\n")
    );
}

#[test]
fn no_language_has_messages_english_lacks() {
    let english: Vec<String> = catalog("en").into_iter().map(|e| e.key).collect();
    for lang in &LANGS[1..] {
        let extra: Vec<String> = catalog(lang)
            .into_iter()
            .filter(|e| !english.contains(&e.key))
            .map(|e| format!("{lang}: {} (line {})", e.key, e.line))
            .collect();
        assert!(extra.is_empty(), "not in English:\n{}", extra.join("\n"));
    }
}

#[test]
fn translations_keep_the_placeholders() {
    let english = catalog("en");
    let mut wrong = Vec::new();
    for lang in &LANGS[1..] {
        for entry in catalog(lang) {
            let Some(source) = english.iter().find(|e| e.key == entry.key) else {
                continue;
            };
            let mut want = placeholders(&source.value);
            let mut got = placeholders(&entry.value);
            want.sort();
            got.sort();
            // A plural form may leave the count out ("one message", "שתי הודעות").
            want.retain(|p| p != "n" || source.form.is_none());
            got.retain(|p| p != "n" || entry.form.is_none());
            if want != got {
                wrong.push(format!(
                    "{lang}: {} has {got:?}, English {want:?}",
                    entry.key
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_format_rejects_what_it_cannot_read() {
    assert!(parse::parse("no equals sign").is_err());
    assert!(parse::parse("Bad_Key = x").is_err());
    assert!(parse::parse("key[some] = x").is_err());
    let entries = parse::parse("# c\n\na-b = x { $y } z\\n2\nc[one] = 1").unwrap();
    assert_eq!(entries[0].value, "x { $y } z\n2");
    assert_eq!(entries[1].form, Some(0));
    assert_eq!(placeholders("{ $a } and { $b } and { $a }"), ["a", "b"]);
}

#[test]
fn fill_and_plural_forms() {
    assert_eq!(fill("Sent to { $to }.", &[("to", "Ana")]), "Sent to Ana.");
    assert_eq!(fill("{ $unknown } stays", &[]), "{ $unknown } stays");
    set(Lang::He, "he");
    assert_eq!(plural::form(2), 1);
    assert_eq!(plural::form(3), 4);
    set(Lang::En, "en");
    assert_eq!(plural::form(1), 0);
    assert_eq!(plural::form(2), 4);
}

#[test]
fn browser_languages_pick_the_first_one_satchel_speaks() {
    assert_eq!(Lang::pick(["de-DE", "el-GR", "en"]), Lang::El);
    assert_eq!(Lang::pick(["iw"]), Lang::He);
    assert_eq!(Lang::pick(["fr"]), Lang::En);
    assert_eq!(Lang::pick([]), Lang::En);
    assert_eq!(Lang::He.dir(), "rtl");
}

#[test]
fn a_loaded_table_is_used_and_a_wrong_one_refused() {
    set(Lang::El, "el");
    assert_eq!(t(k::APP_NAV_MAIL), "Αλληλογραφία");
    assert!(!load("[\"too short\"]"), "another build's table");
    assert!(!load("not json"));
    assert_eq!(t(k::APP_NAV_MAIL), "Αλληλογραφία", "the good table stays");
    set(Lang::En, "en");
    assert_eq!(t(k::APP_NAV_MAIL), "Mail");
}

/// One scanner cuts messages at placeholders: filling, the emphasized sentences and the
/// catalog checks all read them the same way.
#[test]
fn messages_are_cut_at_their_placeholders() {
    use super::parse::{pieces, placeholders, Piece};
    let cut: Vec<Piece> = pieces("Σε { $to }, { $n } από { $to } { $open").collect();
    assert_eq!(
        cut,
        [
            Piece::Text("Σε "),
            Piece::Placeholder {
                name: "to",
                whole: "{ $to }"
            },
            Piece::Text(", "),
            Piece::Placeholder {
                name: "n",
                whole: "{ $n }"
            },
            Piece::Text(" από "),
            Piece::Placeholder {
                name: "to",
                whole: "{ $to }"
            },
            Piece::Text(" { $open"),
        ]
    );
    assert_eq!(placeholders("Σε { $to }, { $n } από { $to }"), ["to", "n"]);
    assert_eq!(
        super::fill("{ $a }{ $b } and { $c }", &[("a", "1"), ("b", "2")]),
        "12 and { $c }"
    );
    assert_eq!(pieces("").count(), 0);
}
