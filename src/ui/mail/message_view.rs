//! One message and its conversation (`/mail/message/<id>`): headers, the text (plain
//! first), "Show formatting", the attachments, and the actions of `message_actions`.
//! The message shows as soon as `messages.get` answers; the rest of the conversation
//! (`threads.get`) follows, older messages collapsed and the newest open.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::message_actions::{Actions, Triage};
use super::message_html::Formatted;
use crate::auth::scopes::Feature;
use crate::browser::local_time::size_text;
use crate::browser::{download, local_time};
use crate::i18n::{k, t, tf};
use crate::mail::api::{
    attachment_url, format_recipients, gmail_link, message_full_url, thread_full_url,
};
use crate::mail::message::{AttachmentBody, FileRef, FullMessage, FullThread, Shown, TextPart};
use crate::ui::auth::{use_auth, Auth};
use crate::ui::chrome::href;
use crate::ui::config::use_app_config;
use crate::ui::google::{fetch_json, Call};

/// Messages of a conversation shown; a longer one shows its newest.
const MAX_THREAD: usize = 100;
/// `cid:` images fetched for "Show formatting", and the largest of them.
const MAX_INLINE_IMAGES: usize = 30;
const MAX_INLINE_BYTES: u64 = 5 * 1024 * 1024;

/// Text in its charset: Rust's decoders first, then the browser's TextDecoder.
pub fn decode(part: &TextPart) -> String {
    if part.charset_known() {
        return part.decode();
    }
    download::decode_text(&part.charset, &part.bytes).unwrap_or_else(|| part.decode())
}

async fn fetch_bytes(
    auth: Auth,
    root: &str,
    message: &str,
    attachment: &str,
) -> Result<Vec<u8>, String> {
    let body: AttachmentBody = fetch_json(
        auth,
        Feature::Inbox,
        Call::get(attachment_url(root, message, attachment)),
    )
    .await
    .map_err(|e| e.to_string())?;
    body.bytes()
        .ok_or_else(|| t(k::MAIL_UNREADABLE_FILE).to_string())
}

/// A file's bytes: inline, or fetched with `messages.attachments.get`.
pub async fn file_bytes(
    auth: Auth,
    root: &str,
    message: &str,
    file: &FileRef,
) -> Result<Vec<u8>, String> {
    match (&file.data, &file.attachment_id) {
        (Some(data), _) => Ok(data.clone()),
        (None, Some(id)) => fetch_bytes(auth, root, message, id).await,
        (None, None) => Ok(Vec::new()),
    }
}

/// The message, with a body too big to come inline fetched like an attachment.
async fn load(auth: Auth, root: String, id: String) -> Result<Shown, String> {
    let full: FullMessage = fetch_json(
        auth,
        Feature::Inbox,
        Call::get(message_full_url(&root, &id)),
    )
    .await
    .map_err(|e| e.to_string())?;
    let mut shown = Shown::from_full(&full);
    for part in [&mut shown.plain, &mut shown.html].into_iter().flatten() {
        if let (true, Some(att)) = (part.bytes.is_empty(), part.attachment_id.clone()) {
            match fetch_bytes(auth, &root, &id, &att).await {
                Ok(bytes) => part.bytes = bytes,
                Err(e) => shown
                    .problems
                    .push(tf(k::MAIL_PART_NOT_LOADED, &[("error", &e)])),
            }
        }
    }
    Ok(shown)
}

#[component]
pub fn MessageView() -> impl IntoView {
    let auth = use_auth();
    let root = StoredValue::new(use_app_config().config.with_value(|c| c.gmail_root.clone()));
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let message = LocalResource::new(move || load(auth, root.get_value(), id.get()));
    view! {
        <p class="back"><A href=href("/mail/inbox")>{t(k::MAIL_BACK_TO_INBOX)}</A></p>
        <Suspense fallback=|| view! { <p role="status">{t(k::MAIL_OPENING_MESSAGE)}</p> }>
            {move || Suspend::new(async move {
                match message.await {
                    Ok(shown) => view! { <Conversation shown/> }.into_any(),
                    Err(e) => view! { <p class="form-error" role="alert">{e}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Conversation(shown: Shown) -> impl IntoView {
    let auth = use_auth();
    let root = StoredValue::new(use_app_config().config.with_value(|c| c.gmail_root.clone()));
    let others = RwSignal::new((Vec::<Shown>::new(), Vec::<Shown>::new()));
    let (id, thread_id, date_ms) = (shown.id.clone(), shown.thread_id.clone(), shown.date_ms);
    leptos::task::spawn_local(async move {
        if thread_id.is_empty() {
            return;
        }
        let url = thread_full_url(&root.get_value(), &thread_id);
        if let Ok(thread) = fetch_json::<FullThread>(auth, Feature::Inbox, Call::get(url)).await {
            let skip = thread.messages.len().saturating_sub(MAX_THREAD);
            let (older, newer): (Vec<Shown>, Vec<Shown>) = thread
                .messages
                .iter()
                .skip(skip)
                .filter(|m| m.id != id)
                .map(Shown::from_full)
                .partition(|m| m.date_ms <= date_ms);
            others.try_set((older, newer));
        }
    });
    let subject = if shown.subject.is_empty() {
        t(k::MAIL_NO_SUBJECT).to_string()
    } else {
        shown.subject.clone()
    };
    let newest_other = move || others.with(|(_, newer)| newer.last().map(|m| m.id.clone()));
    let shown = StoredValue::new(shown);
    view! {
        <article class="message-view" aria-labelledby="message-subject">
            <h2 id="message-subject" dir="auto">{subject}</h2>
            <Triage shown/>
            {move || others.with(|(older, _)| older.iter().map(|m| view! { <Collapsed m=m.clone() open=false/> }).collect_view())}
            <Opened shown/>
            {move || {
                let newest = newest_other();
                others.with(|(_, newer)| newer.iter().map(|m| {
                    let open = newest.as_deref() == Some(m.id.as_str());
                    view! { <Collapsed m=m.clone() open/> }
                }).collect_view())
            }}
            <Actions shown/>
        </article>
    }
}

/// Another message of the conversation: a summary line that opens to its text.
#[component]
fn Collapsed(m: Shown, open: bool) -> impl IntoView {
    let text = m.text(&decode);
    view! {
        <details class="thread-message" open=open>
            <summary>
                <span dir="auto">{m.sender_name()}</span>
                " · "
                <span class="muted">{local_time::date_time(m.date_ms)}</span>
            </summary>
            <div class="message-text" dir="auto">{text}</div>
        </details>
    }
}

/// The message that was opened: headers, text or formatting, attachments.
#[component]
fn Opened(shown: StoredValue<Shown>) -> impl IntoView {
    let auth = use_auth();
    let root = StoredValue::new(use_app_config().config.with_value(|c| c.gmail_root.clone()));
    let m = shown.get_value();
    let text = m.text(&decode);
    let mut problems = m.problems.clone();
    if let Some(part) = m.plain.as_ref().or(m.html.as_ref()) {
        if !part.charset_known() && download::decode_text(&part.charset, &[]).is_none() {
            problems.push(tf(k::MAIL_UNKNOWN_CHARSET, &[("charset", &part.charset)]));
        }
    }
    // None: text; Some(None): loading its images; Some(Some(..)): the HTML and its images.
    let formatting = RwSignal::new(None::<Option<(String, Vec<(String, String)>)>>);
    let has_html = m.html.is_some();
    let show_formatting = move |_| {
        formatting.set(Some(None));
        leptos::task::spawn_local(async move {
            let m = shown.get_value();
            let html = m.html.as_ref().map(decode).unwrap_or_default();
            let mut inline = Vec::new();
            for file in m
                .files
                .iter()
                .filter(|f| f.content_id.is_some() && f.mime_type.starts_with("image/"))
                .filter(|f| f.size <= MAX_INLINE_BYTES)
                .take(MAX_INLINE_IMAGES)
            {
                if let Ok(bytes) = file_bytes(auth, &root.get_value(), &m.id, file).await {
                    let data =
                        crate::mail::encoding::encode_base64_lines(&bytes).replace("\r\n", "");
                    let cid = file.content_id.clone().unwrap_or_default();
                    inline.push((cid, format!("data:{};base64,{data}", file.mime_type)));
                }
            }
            formatting.try_set(Some(Some((html, inline))));
        });
    };
    let files = m.files.clone();
    let message_id = m.id.clone();
    view! {
        <section class="opened" aria-label=t(k::MAIL_MESSAGE_REGION)>
            <dl class="message-headers">
                <dt>{t(k::MAIL_FROM)}</dt><dd dir="auto">{format_recipients(&m.from)}</dd>
                <dt>{t(k::MAIL_TO)}</dt><dd dir="auto">{format_recipients(&m.to)}</dd>
                {(!m.cc.is_empty()).then(|| view! { <dt>{t(k::MAIL_CC)}</dt><dd dir="auto">{format_recipients(&m.cc)}</dd> })}
                <dt>{t(k::MAIL_DATE)}</dt><dd>{local_time::date_time(m.date_ms)}</dd>
            </dl>
            {problems.into_iter().map(|p| view! { <p class="muted" role="note">{p}</p> }).collect_view()}
            {move || match formatting.get() {
                None => view! {
                    <div class="message-text" dir="auto">{text.clone()}</div>
                    {has_html.then(|| view! {
                        <button type="button" class="secondary" on:click=show_formatting>{t(k::MAIL_SHOW_FORMATTING)}</button>
                    })}
                }.into_any(),
                Some(None) => view! { <p role="status">{t(k::MAIL_PREPARING_FORMATTED)}</p> }.into_any(),
                Some(Some((html, inline))) => view! {
                    <button type="button" class="secondary" on:click=move |_| formatting.set(None)>{t(k::MAIL_SHOW_TEXT_ONLY)}</button>
                    <Formatted html inline/>
                }.into_any(),
            }}
            <Files files message_id=message_id.clone()/>
            <p>
                <a href=gmail_link(&message_id, auth.email().as_deref()) target="_blank" rel="noopener noreferrer">{t(k::MAIL_OPEN_IN_GMAIL)}</a>
            </p>
        </section>
    }
}

/// The attachments: name, type, size and a download button each.
#[component]
fn Files(files: Vec<FileRef>, message_id: String) -> impl IntoView {
    if files.is_empty() {
        return ().into_any();
    }
    let auth = use_auth();
    let root = StoredValue::new(use_app_config().config.with_value(|c| c.gmail_root.clone()));
    let error = RwSignal::new(None::<String>);
    let message_id = StoredValue::new(message_id);
    view! {
        <section class="message-files" aria-labelledby="files-title">
            <h3 id="files-title">{t(k::MAIL_ATTACHMENTS)}</h3>
            <ul>
                {files.into_iter().map(|file| {
                    let label = tf(k::MAIL_DOWNLOAD_NAMED, &[("name", &file.filename)]);
                    let file = StoredValue::new(file);
                    let busy = RwSignal::new(false);
                    let save = move |_| {
                        busy.set(true);
                        error.set(None);
                        leptos::task::spawn_local(async move {
                            let f = file.get_value();
                            let result = file_bytes(auth, &root.get_value(), &message_id.get_value(), &f)
                                .await
                                .and_then(|bytes| {
                                    download::save(&f.filename, &bytes)
                                        .map_err(|_| t(k::MAIL_SAVE_FAILED).to_string())
                                });
                            busy.try_set(false);
                            if let Err(e) = result {
                                error.try_set(Some(e));
                            }
                        });
                    };
                    let f = file.get_value();
                    view! {
                        <li>
                            <span class="file-name" dir="auto">{f.filename.clone()}</span>
                            " "
                            <span class="muted">{tf(k::MAIL_FILE_TYPE_SIZE, &[("type", &f.mime_type), ("size", &size_text(f.size as usize))])}</span>
                            " "
                            <button type="button" class="secondary" aria-label=label disabled=move || busy.get() on:click=save>
                                {t(k::MAIL_DOWNLOAD)}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
        </section>
    }
    .into_any()
}
