//! Size and recipient limits checked before sending, with messages for the user; and the
//! caps on what we read from the network, so no message can make a list slow or huge.
//!
//! Reading caps (every value beyond them is cut and shown ending with " (too long)"):
//! - [`MAX_HEADER_BYTES`]: raw header text decoded for a list row (256 KiB);
//! - [`MAX_SHOWN_CHARS`]: characters of a subject, sender, recipients or snippet shown (1,000);
//! - [`MAX_HTML_BYTES`]: HTML turned into text (1 MiB).

use super::address::{check_recipient_count, TooManyRecipients};
use super::builder::Draft;
use super::encoding::{decode_header_text, gmail_raw_len};
use super::sanitize::clean_filename;
use crate::i18n::{k, t, tf};
use std::fmt;

/// Raw header text decoded for a list row: a bound on work and memory only, far above real
/// headers (decoding is linear), so what shows is decided by [`MAX_SHOWN_CHARS`].
pub const MAX_HEADER_BYTES: usize = 256 * 1024;
/// Characters of a subject, a sender, a recipient list or a snippet shown in a list row.
pub const MAX_SHOWN_CHARS: usize = 1000;
/// HTML turned into text; an HTML-only draft or event description is rarely 1% of this.
pub const MAX_HTML_BYTES: usize = 1024 * 1024;
/// What a cut value ends with, in English (the interface says `mail-too-long`).
pub const TOO_LONG: &str = " (too long)";

/// The longest prefix of `text` of at most `max` bytes that ends on a character boundary,
/// and whether anything was left out.
pub(crate) fn cut_at(text: &str, max: usize) -> (&str, bool) {
    if text.len() <= max {
        return (text, false);
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    (text.get(..end).unwrap_or(""), true)
}

/// A header value as a list shows it: at most [`MAX_HEADER_BYTES`] of it decoded, trimmed;
/// `true` when it was cut (then [`shown`] says so even if the decoded text is short).
pub(crate) fn decode_capped(raw: &str) -> (String, bool) {
    let (head, cut) = cut_at(raw.trim(), MAX_HEADER_BYTES);
    (decode_header_text(head).trim().to_string(), cut)
}

/// `text` with at most [`MAX_SHOWN_CHARS`] characters, ending with [`TOO_LONG`] when
/// characters were left out here or before (`cut`).
pub fn shown(text: &str, cut: bool) -> String {
    match text.char_indices().nth(MAX_SHOWN_CHARS) {
        Some((end, _)) => format!(
            "{} {}",
            text.get(..end).unwrap_or("").trim_end(),
            t(k::MAIL_TOO_LONG)
        ),
        None if cut => format!("{} {}", text.trim_end(), t(k::MAIL_TOO_LONG)),
        None => text.to_string(),
    }
}

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
        let text = match self {
            LimitError::TooManyRecipients(e) => return e.fmt(f),
            LimitError::AttachmentTooLarge { filename, size } => tf(
                k::MAIL_ATTACHMENT_TOO_LARGE,
                &[
                    ("name", filename),
                    ("size", &megabytes(*size)),
                    ("limit", &limit),
                ],
            ),
            LimitError::AttachmentsTooLarge { total, largest } => tf(
                k::MAIL_ATTACHMENTS_TOO_LARGE,
                &[
                    ("total", &megabytes(*total)),
                    ("limit", &limit),
                    ("name", largest),
                ],
            ),
            LimitError::MessageTooLarge { size } => tf(
                k::MAIL_MESSAGE_TOO_LARGE,
                &[
                    ("size", &megabytes(*size)),
                    ("limit", &megabytes(MAX_MESSAGE_BYTES)),
                ],
            ),
        };
        f.write_str(&text)
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
    fn reading_caps() {
        assert_eq!(cut_at("ab€", 3), ("ab", true));
        assert_eq!(cut_at("ab€", 5), ("ab€", false));
        assert_eq!(shown("short", false), "short");
        assert_eq!(shown("short", true), "short (too long)");
        let long = "é".repeat(MAX_SHOWN_CHARS + 1);
        assert_eq!(
            shown(&long, false).chars().count(),
            MAX_SHOWN_CHARS + TOO_LONG.len()
        );
        assert!(shown(&long, false).ends_with("é (too long)"));
        assert_eq!(
            shown(&long[..2 * MAX_SHOWN_CHARS], false),
            long[..2 * MAX_SHOWN_CHARS]
        );
        // One oversized word (90 KB) still decodes; only the display is cut.
        let subject = format!("=?utf-8?Q?{}?=", "=E2=82=AC".repeat(10_000));
        let (text, cut) = decode_capped(&subject);
        assert_eq!((text.chars().count(), cut), (10_000, false));
        assert!(shown(&text, cut).ends_with("€ (too long)"));
        let (text, cut) = decode_capped(&"x".repeat(MAX_HEADER_BYTES + 1));
        assert_eq!((text.len(), cut), (MAX_HEADER_BYTES, true));
        assert_eq!(
            decode_capped("  =?utf-8?Q?a_b?= "),
            ("a b".to_string(), false)
        );
    }

    #[test]
    fn route_by_size() {
        assert_eq!(send_route(1000), SendRoute::RawJson);
        assert_eq!(send_route(3_700_000), SendRoute::RawJson);
        assert_eq!(send_route(3_800_000), SendRoute::Upload);
    }
}
