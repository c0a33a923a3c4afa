//! Size and recipient limits checked before sending, with messages for the user.

use super::address::{check_recipient_count, TooManyRecipients};
use super::builder::Draft;
use super::encoding::gmail_raw_len;
use super::sanitize::clean_filename;
use std::fmt;

/// Gmail's limit on attachments, per message and in total (it offers Drive links beyond it).
pub const MAX_ATTACHMENTS_BYTES: usize = 25 * 1024 * 1024;
/// The largest message Gmail's API accepts (through the media upload endpoint), measured
/// after encoding: 25 MiB of attachments become about 34.2 MiB of base64, which fits.
pub const MAX_MESSAGE_BYTES: usize = 35 * 1024 * 1024;
/// The largest JSON request body we send with the message in its `raw` field. Gmail's
/// guide keeps simple requests to 5 MB and sends anything larger through the upload
/// endpoint (`uploadType=multipart`, the message as `message/rfc822`), which also saves
/// the third that base64url adds and a second copy of the message in memory.
pub const MAX_RAW_JSON_BYTES: usize = 5 * 1000 * 1000;

/// `{"raw":""}` plus room for `threadId` and a draft `id` around the raw text.
const JSON_OVERHEAD: usize = 256;

/// How a built message should be sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SendRoute {
    /// A JSON body with the message base64url-encoded in `raw`.
    RawJson,
    /// The media upload endpoint, with the message bytes as they are.
    Upload,
}

/// The route for a message of `message_len` bytes.
pub fn send_route(message_len: usize) -> SendRoute {
    if gmail_raw_len(message_len).saturating_add(JSON_OVERHEAD) <= MAX_RAW_JSON_BYTES {
        SendRoute::RawJson
    } else {
        SendRoute::Upload
    }
}

/// Why a draft cannot be sent; `Display` is the message for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LimitError {
    TooManyRecipients(TooManyRecipients),
    /// One file on its own is over [`MAX_ATTACHMENTS_BYTES`].
    AttachmentTooLarge {
        filename: String,
        size: usize,
    },
    /// The files together are over [`MAX_ATTACHMENTS_BYTES`]; `largest` names the biggest.
    AttachmentsTooLarge {
        total: usize,
        largest: String,
    },
    /// The encoded message is over [`MAX_MESSAGE_BYTES`].
    MessageTooLarge {
        size: usize,
    },
}

impl fmt::Display for LimitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let limit = megabytes(MAX_ATTACHMENTS_BYTES);
        match self {
            LimitError::TooManyRecipients(e) => e.fmt(f),
            LimitError::AttachmentTooLarge { filename, size } => write!(
                f,
                "\"{filename}\" is {}; Gmail accepts at most {limit} of attachments per message.",
                megabytes(*size)
            ),
            LimitError::AttachmentsTooLarge { total, largest } => write!(
                f,
                "The attachments add up to {}; Gmail accepts at most {limit} per message. \
                 The largest is \"{largest}\".",
                megabytes(*total)
            ),
            LimitError::MessageTooLarge { size } => write!(
                f,
                "The message is {} once encoded; Gmail accepts at most {}. Shorten the text \
                 or remove an attachment.",
                megabytes(*size),
                megabytes(MAX_MESSAGE_BYTES)
            ),
        }
    }
}

impl std::error::Error for LimitError {}

/// Checks recipients, attachment sizes and the encoded size `message_len` (from
/// [`crate::mail::encoded_len`] or the built message's length).
pub fn check_limits(draft: &Draft, message_len: usize) -> Result<(), LimitError> {
    check_recipient_count(&draft.to, &draft.cc, &draft.bcc)
        .map_err(LimitError::TooManyRecipients)?;
    if let Some(big) = draft
        .attachments
        .iter()
        .find(|a| a.data.len() > MAX_ATTACHMENTS_BYTES)
    {
        return Err(LimitError::AttachmentTooLarge {
            filename: clean_filename(&big.filename),
            size: big.data.len(),
        });
    }
    let total: usize = draft.attachments.iter().map(|a| a.data.len()).sum();
    if total > MAX_ATTACHMENTS_BYTES {
        let largest = draft
            .attachments
            .iter()
            .max_by_key(|a| a.data.len())
            .map_or_else(String::new, |a| clean_filename(&a.filename));
        return Err(LimitError::AttachmentsTooLarge { total, largest });
    }
    if message_len > MAX_MESSAGE_BYTES {
        return Err(LimitError::MessageTooLarge { size: message_len });
    }
    Ok(())
}

/// `12.3 MB` (binary megabytes, as Gmail counts them).
fn megabytes(bytes: usize) -> String {
    let tenths = (bytes as u64 * 10).div_ceil(1024 * 1024);
    format!("{}.{} MB", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mail::{Attachment, Mailbox};

    fn file(name: &str, size: usize) -> Attachment {
        Attachment {
            filename: name.into(),
            content_type: None,
            data: vec![0; size],
        }
    }

    #[test]
    fn within_limits() {
        let draft = Draft {
            attachments: vec![file("a.pdf", 1000)],
            ..Draft::default()
        };
        assert_eq!(check_limits(&draft, 5000), Ok(()));
    }

    #[test]
    fn one_file_too_large_is_named() {
        let draft = Draft {
            attachments: vec![
                file("small.txt", 10),
                file("holiday.mov", MAX_ATTACHMENTS_BYTES + 1),
            ],
            ..Draft::default()
        };
        let e = check_limits(&draft, 0).unwrap_err();
        assert_eq!(
            e.to_string(),
            "\"holiday.mov\" is 25.1 MB; Gmail accepts at most 25.0 MB of attachments per message."
        );
    }

    #[test]
    fn total_too_large_names_the_largest() {
        let draft = Draft {
            attachments: vec![file("a.zip", 10 << 20), file("b.zip", 16 << 20)],
            ..Draft::default()
        };
        let e = check_limits(&draft, 0).unwrap_err();
        assert!(
            matches!(&e, LimitError::AttachmentsTooLarge { largest, .. } if largest == "b.zip")
        );
        assert!(e.to_string().contains("26.0 MB"), "{e}");
    }

    #[test]
    fn message_and_recipients() {
        let e = check_limits(&Draft::default(), MAX_MESSAGE_BYTES + 1).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("The message is 35.1 MB once encoded"),
            "{e}"
        );
        let draft = Draft {
            to: vec![Mailbox::new("a@b.co"); 501],
            ..Draft::default()
        };
        assert!(check_limits(&draft, 0)
            .unwrap_err()
            .to_string()
            .starts_with("At most 500 recipients"));
    }

    #[test]
    fn route_by_size() {
        assert_eq!(send_route(1000), SendRoute::RawJson);
        assert_eq!(send_route(3_700_000), SendRoute::RawJson);
        assert_eq!(send_route(3_800_000), SendRoute::Upload);
    }
}
