//! Catalog messages with markup inside: a translated sentence whose placeholders are shown
//! emphasized, so the sentence is one message a translator can reorder.

use leptos::prelude::*;

use crate::i18n::parse::{pieces, Piece};
use crate::i18n::{t, Key};

/// `message` with each `{ $name }` replaced by the `<strong>` text of its key.
pub fn emphasized(message: Key, parts: &[(&str, Key)]) -> impl IntoView {
    let view = |piece| match piece {
        Piece::Text(text) => text.to_string().into_any(),
        Piece::Placeholder { name, whole } => match parts.iter().find(|(n, _)| *n == name) {
            Some((_, key)) => view! { <strong>{t(*key)}</strong> }.into_any(),
            None => whole.to_string().into_any(),
        },
    };
    pieces(t(message)).map(view).collect::<Vec<AnyView>>()
}
