//! Archive, Delete, Mark as unread and star, each undoable: `messages.modify`,
//! `messages.trash` and `messages.untrash` under `gmail.modify`, asked at the first use.

use crate::auth::scopes::Feature;
use crate::i18n::{k, t};
use crate::mail::api::{message_action_url, modify_body};
use crate::ui::auth::Auth;
use crate::ui::google::{request, ApiError, Call};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Archive,
    Unarchive,
    Delete,
    Undelete,
    MarkUnread,
    MarkRead,
    Star,
    Unstar,
}

impl Action {
    /// The action that undoes this one.
    pub fn undo(self) -> Action {
        match self {
            Action::Archive => Action::Unarchive,
            Action::Unarchive => Action::Archive,
            Action::Delete => Action::Undelete,
            Action::Undelete => Action::Delete,
            Action::MarkUnread => Action::MarkRead,
            Action::MarkRead => Action::MarkUnread,
            Action::Star => Action::Unstar,
            Action::Unstar => Action::Star,
        }
    }

    /// What the status line says once it is done.
    pub fn done(self) -> &'static str {
        t(match self {
            Action::Archive => k::MAIL_DONE_ARCHIVED,
            Action::Unarchive => k::MAIL_DONE_UNARCHIVED,
            Action::Delete => k::MAIL_DONE_DELETED,
            Action::Undelete => k::MAIL_DONE_UNDELETED,
            Action::MarkUnread => k::MAIL_DONE_UNREAD,
            Action::MarkRead => k::MAIL_DONE_READ,
            Action::Star => k::MAIL_DONE_STARRED,
            Action::Unstar => k::MAIL_DONE_UNSTARRED,
        })
    }

    /// Whether the message leaves the Inbox list.
    pub fn leaves_inbox(self) -> bool {
        matches!(self, Action::Archive | Action::Delete)
    }

    fn call(self, root: &str, id: &str) -> Call {
        let modify = |add: &[&str], remove: &[&str]| {
            Call::post_json(
                message_action_url(root, id, "modify"),
                modify_body(add, remove),
            )
        };
        match self {
            Action::Archive => modify(&[], &["INBOX"]),
            Action::Unarchive => modify(&["INBOX"], &[]),
            Action::MarkUnread => modify(&["UNREAD"], &[]),
            Action::MarkRead => modify(&[], &["UNREAD"]),
            Action::Star => modify(&["STARRED"], &[]),
            Action::Unstar => modify(&[], &["STARRED"]),
            // No request body: trash and untrash take none.
            Action::Delete => Call::get(message_action_url(root, id, "trash")).post(),
            Action::Undelete => Call::get(message_action_url(root, id, "untrash")).post(),
        }
    }
}

/// Does `action` to message `id`. Each is idempotent (labels are a set, trash twice is
/// trash), so the usual retries are safe.
pub async fn run(auth: Auth, root: &str, id: &str, action: Action) -> Result<(), ApiError> {
    request(auth, Feature::Triage, action.call(root, id))
        .await
        .map(|_| ())
}
