//! One recipient field (To, Cc or Bcc) with its inline error.

use leptos::prelude::*;

use crate::mail::{parse_recipients, Mailbox};

/// Reads a field: its mailboxes, or the message naming the bad entry.
pub fn check(text: &str) -> Result<Vec<Mailbox>, String> {
    parse_recipients(text).map_err(|e| e.to_string())
}

#[component]
pub fn RecipientField(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    error: RwSignal<Option<String>>,
    dirty: RwSignal<bool>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    view! {
        <label for=id>{label}</label>
        <input
            type="text"
            id=id
            autocomplete="email"
            aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
            aria-describedby=error_id.clone()
            prop:value=move || value.get()
            on:input=move |ev| {
                value.set(event_target_value(&ev));
                dirty.set(true);
                // An error shown goes away as soon as the field is right again.
                if error.with_untracked(Option::is_some) {
                    error.set(check(&value.get_untracked()).err());
                }
            }
            on:blur=move |_| error.set(check(&value.get_untracked()).err())
        />
        <p id=error_id class="field-error">{move || error.get()}</p>
    }
}
