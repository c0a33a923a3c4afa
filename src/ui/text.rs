//! Catalog messages with markup inside: a translated sentence whose placeholders are shown
//! emphasized, so the sentence is one message a translator can reorder.

use leptos::prelude::*;

use crate::i18n::{t, Key};

/// `message` with each `{ $name }` replaced by the `<strong>` text of its key.
pub fn emphasized(message: Key, parts: &[(&str, Key)]) -> impl IntoView {
    let mut out: Vec<AnyView> = Vec::new();
    let mut rest = t(message);
    while let Some(start) = rest.find("{ $") {
        let (before, after) = rest.split_at(start);
        let Some(end) = after.find(" }") else {
            break;
        };
        out.push(before.to_string().into_any());
        let name = after.get(3..end).unwrap_or("");
        match parts.iter().find(|(n, _)| *n == name) {
            Some((_, key)) => out.push(view! { <strong>{t(*key)}</strong> }.into_any()),
            None => out.push(after.get(..end + 2).unwrap_or("").to_string().into_any()),
        }
        rest = after.get(end + 2..).unwrap_or("");
    }
    out.push(rest.to_string().into_any());
    out
}
