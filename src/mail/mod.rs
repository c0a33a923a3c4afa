//! Mail: addresses, MIME building and parsing, in plain Rust (no browser APIs, no I/O).
//!
//! - [`parse_recipients`] reads the To/Cc/Bcc fields of the compose form.
//! - [`build_message`] turns a [`Draft`] into the RFC 5322 bytes Gmail sends (CRLF, UTF-8
//!   headers encoded per RFC 2047/2231, quoted-printable or base64 text, base64 attachments);
//!   [`encoded_len`] gives its exact size first, [`check_limits`] and [`send_route`] decide
//!   whether and how to send it, and [`encode_gmail_raw`] makes the `raw` field.
//! - [`parse_draft`] (or [`parse_gmail_raw_draft`]) reads a message back into a [`Draft`],
//!   to reopen a Gmail draft.
//!
//! No header value from the user can add a header line: see [`sanitize`].
//!
//! Every reader of network data here is total and linear: any bytes give a value (a
//! malformed encoded-word stays as its text), never a panic, and what a list shows is
//! capped (see the reading caps in `limits`; cut values end with [`TOO_LONG`]).

mod address;
pub mod api;
mod builder;
pub mod contacts;
mod date;
pub mod encoding;
mod html_clean;
mod html_text;
mod limits;
pub mod message;
mod mime_type;
pub mod outbox;
mod parse;
mod quoted;
pub mod reply;
pub mod sanitize;
pub mod undo;

pub use address::{
    check_recipient_count, parse_recipients, validate_addr_spec, AddressError, Mailbox, Reason,
    TooManyRecipients, MAX_RECIPIENTS,
};
pub use builder::{
    build_message, build_message_in_pieces, encoded_len, message_id, Attachment, Draft,
};
pub use date::MessageDate;
pub use encoding::{decode_gmail_raw, encode_gmail_raw, gmail_raw_len, RawDecodeError, RAW_PIECE};
pub use html_clean::{clean_html, CleanOptions, Cleaned, MAX_CLEAN_BYTES};
pub use html_text::html_to_text;
pub use limits::{
    check_limits, send_route, shown, LimitError, SendRoute, MAX_ATTACHMENTS_BYTES,
    MAX_HEADER_BYTES, MAX_HTML_BYTES, MAX_MESSAGE_BYTES, MAX_RAW_JSON_BYTES, MAX_SHOWN_CHARS,
    TOO_LONG,
};
pub use mime_type::{mime_type_for, DEFAULT_MIME_TYPE};
pub use parse::{parse_draft, parse_gmail_raw_draft};

#[cfg(all(test, not(target_arch = "wasm32")))]
mod linear_tests;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod parsers_prop;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod prop_inputs;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod roundtrip_tests;
