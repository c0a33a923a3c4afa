//! The one place where errors and confirmations are shown (never `alert()`).

use crate::i18n::{k, t};
use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Error,
    Info,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub id: u32,
    pub tone: Tone,
    pub text: String,
}

/// Shared list of notices, provided once by the app.
#[derive(Clone, Copy)]
pub struct Notices {
    list: RwSignal<Vec<Notice>>,
    next_id: StoredValue<u32>,
}

impl Notices {
    pub fn provide() -> Notices {
        let notices = Notices {
            list: RwSignal::new(Vec::new()),
            next_id: StoredValue::new(1),
        };
        provide_context(notices);
        notices
    }

    pub fn error(&self, text: impl Into<String>) {
        self.push(Tone::Error, text.into());
    }

    pub fn info(&self, text: impl Into<String>) {
        self.push(Tone::Info, text.into());
    }

    fn push(&self, tone: Tone, text: String) {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        // The same message twice is noise; show it once.
        self.list.update(|list| {
            list.retain(|n| n.text != text);
            list.push(Notice { id, tone, text });
        });
    }

    pub fn dismiss(&self, id: u32) {
        self.list.update(|list| list.retain(|n| n.id != id));
    }
}

pub fn use_notices() -> Notices {
    expect_context::<Notices>()
}

#[component]
pub fn NoticeArea() -> impl IntoView {
    let notices = use_notices();
    view! {
        <section class="notices" aria-label=t(k::APP_NOTIFICATIONS)>
            <For each=move || notices.list.get() key=|n| n.id let:notice>
                <div
                    class=match notice.tone { Tone::Error => "notice error", Tone::Info => "notice info" }
                    role=match notice.tone { Tone::Error => "alert", Tone::Info => "status" }
                >
                    <p dir="auto">{notice.text.clone()}</p>
                    <button
                        type="button"
                        class="dismiss"
                        aria-label=t(k::APP_DISMISS)
                        on:click=move |_| notices.dismiss(notice.id)
                    >
                        "×"
                    </button>
                </div>
            </For>
        </section>
    }
}
