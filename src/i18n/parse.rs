//! The catalog format, read by `build.rs` (which compiles the catalogs into tables) and by
//! the catalog tests. Plain Rust with no dependencies, so the build script can `#[path]` it.
//!
//! ```text
//! # A comment. Blank lines are ignored.
//! mail-send = Send
//! mail-sent-to = Sent to { $to }
//! mail-attachments[one] = { $n } attachment
//! mail-attachments[other] = { $n } attachments
//! ```
//!
//! A key is kebab-case ASCII; `[one]`, `[two]`, `[few]`, `[many]`, `[other]` after it name
//! the plural forms of `Intl.PluralRules` (a plural message must have `[other]`). Values run
//! to the end of the line; `\n` in a value is a line break. `{ $name }` is a placeholder.

/// The plural categories, in table order (CLDR's names; `zero` is never needed here).
pub const FORMS: [&str; 5] = ["one", "two", "few", "many", "other"];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    /// Index into `FORMS`, or `None` for a plain message.
    pub form: Option<usize>,
    pub value: String,
    pub line: usize,
}

/// Every entry of one catalog file, or the first malformed line.
pub fn parse(text: &str) -> Result<Vec<Entry>, String> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((name, value)) = line.split_once('=') else {
            return Err(format!("line {}: expected `key = text`", i + 1));
        };
        let name = name.trim();
        let (key, form) = match name.split_once('[') {
            Some((key, rest)) => {
                let form = rest.strip_suffix(']').unwrap_or("");
                match FORMS.iter().position(|f| *f == form) {
                    Some(index) => (key, Some(index)),
                    None => return Err(format!("line {}: unknown plural form `{form}`", i + 1)),
                }
            }
            None => (name, None),
        };
        let valid = !key.is_empty()
            && key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !valid {
            return Err(format!("line {}: `{key}` is not a kebab-case key", i + 1));
        }
        out.push(Entry {
            key: key.to_string(),
            form,
            value: value.trim().replace("\\n", "\n"),
            line: i + 1,
        });
    }
    Ok(out)
}

/// The placeholder names of a value, in order of appearance, without repeats.
pub fn placeholders(value: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for piece in pieces(value) {
        if let Piece::Placeholder { name, .. } = piece {
            if !names.iter().any(|n| n == name) {
                names.push(name.to_string());
            }
        }
    }
    names
}

/// A part of a message: text as it is, or a `{ $name }` placeholder (`whole` is its text,
/// shown as it is when no value is given for it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Placeholder { name: &'a str, whole: &'a str },
}

/// `text` cut at its placeholders, in order: the one scanner behind filling a message, the
/// emphasized sentences and the catalog checks. An unclosed `{ $` is text.
pub fn pieces(text: &str) -> Pieces<'_> {
    Pieces { rest: text }
}

pub struct Pieces<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Pieces<'a> {
    type Item = Piece<'a>;

    fn next(&mut self) -> Option<Piece<'a>> {
        if self.rest.is_empty() {
            return None;
        }
        let rest = self.rest;
        // Both searches return char boundaries, so every cut below is on one.
        let closed = rest
            .find("{ $")
            .and_then(|start| Some((start, start + rest.get(start..)?.find(" }")?)));
        let Some((start, end)) = closed else {
            self.rest = "";
            return Some(Piece::Text(rest));
        };
        if start > 0 {
            self.rest = rest.get(start..).unwrap_or("");
            return Some(Piece::Text(rest.get(..start).unwrap_or("")));
        }
        self.rest = rest.get(end + 2..).unwrap_or("");
        Some(Piece::Placeholder {
            name: rest.get(3..end).unwrap_or(""),
            whole: rest.get(..end + 2).unwrap_or(""),
        })
    }
}

/// `kebab-case` to `SCREAMING_SNAKE`, the constant's name in `crate::i18n::k`.
pub fn const_name(key: &str) -> String {
    key.replace('-', "_").to_ascii_uppercase()
}

/// The interface languages, in the order of the compiled tables (`crate::i18n::Lang`).
pub const LANGS: [&str; 3] = ["en", "el", "he"];

/// The catalog of one language: every `*.txt` file of `i18n/<lang>/`, read in name order
/// (one file per area of the app, so the catalogs stay reviewable).
pub fn read_catalog(root: &std::path::Path, lang: &str) -> Result<Vec<Entry>, String> {
    let dir = root.join(lang);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    files.sort();
    let mut all = Vec::new();
    for file in files {
        let text =
            std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let entries = parse(&text).map_err(|e| format!("{}: {e}", file.display()))?;
        all.extend(entries);
    }
    Ok(all)
}

/// The catalogs laid out as the app reads them: English decides the keys, in file order;
/// a plain message takes one slot, a plural one a slot per form (`FORMS`). `tables[i]` is
/// `LANGS[i]`'s text per slot, "" where a translation is missing.
pub struct Compiled {
    /// (key, plural, first slot), in English's order.
    pub keys: Vec<(String, bool, usize)>,
    pub slots: usize,
    pub tables: Vec<Vec<String>>,
    /// Keys a translation has that English does not (`lang: key`).
    pub unknown: Vec<String>,
}

pub fn compile(root: &std::path::Path) -> Result<Compiled, String> {
    let catalogs = LANGS
        .iter()
        .map(|lang| read_catalog(root, lang))
        .collect::<Result<Vec<_>, _>>()?;
    let mut keys: Vec<(String, bool, usize)> = Vec::new();
    let mut slots = 0;
    for entry in catalogs.first().map(Vec::as_slice).unwrap_or_default() {
        match keys.iter().find(|(k, _, _)| *k == entry.key) {
            None => {
                keys.push((entry.key.clone(), entry.form.is_some(), slots));
                slots += if entry.form.is_some() { FORMS.len() } else { 1 };
            }
            Some((_, plural, _)) if *plural != entry.form.is_some() => {
                return Err(format!("i18n/en: `{}` is both plain and plural", entry.key))
            }
            Some(_) => {}
        }
    }
    let mut tables = Vec::new();
    let mut unknown = Vec::new();
    for (lang, entries) in LANGS.iter().zip(&catalogs) {
        let mut table = vec![String::new(); slots];
        for entry in entries {
            let Some((_, plural, first)) = keys.iter().find(|(k, _, _)| *k == entry.key) else {
                unknown.push(format!("{lang}: {}", entry.key));
                continue;
            };
            if entry.form.is_some() != *plural {
                return Err(format!(
                    "i18n/{lang}: `{}` plain in one language, plural in another",
                    entry.key
                ));
            }
            let slot = first + entry.form.unwrap_or(0);
            if !table[slot].is_empty() {
                return Err(format!(
                    "i18n/{lang}: `{}` appears twice (line {})",
                    entry.key, entry.line
                ));
            }
            table[slot] = entry.value.clone();
        }
        tables.push(table);
    }
    Ok(Compiled {
        keys,
        slots,
        tables,
        unknown,
    })
}
