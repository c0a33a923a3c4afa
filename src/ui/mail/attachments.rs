//! The attach-files control: picking or dropping files, the list with sizes and Remove,
//! and the running total against Gmail's 25 MB.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{stash, use_compose, ComposeState};
use crate::browser::files;
use crate::browser::local_time::size_text;
use crate::i18n::{k, t, tf};
use crate::mail::{Attachment, MAX_ATTACHMENTS_BYTES};

/// Adds files, refusing (before reading anything) those that would take the total over
/// the limit; the form is otherwise untouched. Returns the refusal, if any.
pub fn add(state: ComposeState, picked: Vec<web_sys::File>, refused: RwSignal<Option<String>>) {
    let mut total = state.attached_bytes();
    let mut accepted = Vec::new();
    let mut problems = Vec::new();
    for file in picked {
        let size = file.size() as usize;
        if total + size > MAX_ATTACHMENTS_BYTES {
            problems.push(tf(
                k::MAIL_FILE_REFUSED,
                &[
                    ("name", &file.name()),
                    ("size", &size_text(size)),
                    ("limit", &size_text(MAX_ATTACHMENTS_BYTES)),
                    ("left", &size_text(MAX_ATTACHMENTS_BYTES - total)),
                ],
            ));
        } else {
            total += size;
            accepted.push(file);
        }
    }
    refused.set((!problems.is_empty()).then(|| problems.join(" ")));
    if accepted.is_empty() {
        return;
    }
    state.reading.update(|n| *n += 1);
    state.dirty.set(true);
    leptos::task::spawn_local(async move {
        for file in accepted {
            match files::read(&file).await {
                Ok(data) => {
                    // `type` is empty for unknown kinds: the builder then guesses from the name.
                    let kind = file.type_();
                    let attachment = Attachment {
                        filename: file.name(),
                        content_type: (!kind.is_empty()).then_some(kind),
                        data,
                    };
                    let attached = state.attached(attachment);
                    // Kept in IndexedDB for a reload; the form does not wait for it.
                    stash::keep(state, &attached);
                    state.files.update(|f| f.push(attached));
                }
                // The browser could not read it (moved, deleted, no permission).
                Err(_) => refused.set(Some(tf(
                    k::MAIL_FILE_READ_FAILED,
                    &[("name", &file.name())],
                ))),
            }
        }
        state.reading.update(|n| *n -= 1);
    });
}

#[component]
pub fn Attachments(refused: RwSignal<Option<String>>) -> impl IntoView {
    let state = use_compose();
    stash::restore(state); // files kept before a reload (once per page)
    let rows = move || {
        state.files.with(|f| {
            f.iter()
                .map(|a| (a.id, a.file.filename.clone(), a.file.data.len()))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <label for="compose-files">{t(k::MAIL_ATTACH_FILES)}</label>
        <input
            type="file"
            id="compose-files"
            multiple
            aria-describedby="compose-files-note compose-files-error compose-files-kept"
            on:change=move |ev| {
                let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
                if let Some(list) = input.files() {
                    add(state, files::list(&list), refused);
                }
                // So that picking the same file again is a change too.
                input.set_value("");
            }
        />
        <p id="compose-files-note" class="muted">
            {t(k::MAIL_DROP_FILES)}
            " "
            {move || tf(k::MAIL_ATTACHMENTS_USED, &[("used", &size_text(state.attached_bytes())), ("limit", &size_text(MAX_ATTACHMENTS_BYTES))])}
            {move || (state.reading.get() > 0).then(|| format!(" {}", t(k::MAIL_READING_FILES)))}
        </p>
        <p id="compose-files-error" class="field-error" role="alert">{move || refused.get()}</p>
        <p id="compose-files-kept" class="field-error" role="alert">{move || state.stash_problem.get()}</p>
        <ul class="attachments" aria-label=t(k::MAIL_ATTACHED_FILES)>
            <For each=rows key=|row| row.0 let:row>
                <li>
                    <span class="name" dir="auto">{row.1.clone()}</span>
                    <span class="muted">{size_text(row.2)}</span>
                    <button
                        type="button"
                        class="secondary"
                        aria-label=tf(k::MAIL_REMOVE_FILE, &[("name", &row.1)])
                        on:click=move |_| {
                            state.files.update(|f| f.retain(|a| a.id != row.0));
                            leptos::task::spawn_local(stash::remove(row.0));
                            state.dirty.set(true);
                        }
                    >
                        {t(k::MAIL_REMOVE)}
                    </button>
                </li>
            </For>
        </ul>
    }
}
