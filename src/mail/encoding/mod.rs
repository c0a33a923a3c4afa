//! Byte-level mail encodings, each with the decoder that `parse` needs to read it back:
//! RFC 2047 encoded-words and header folding, RFC 2231 parameters, quoted-printable and
//! 76-column base64 bodies, charsets, and the base64url text of Gmail's `raw` field.

mod base64_lines;
mod charset;
mod fold;
mod gmail_raw;
mod params;
mod quoted_printable;
mod sink;
mod words;

pub use base64_lines::{base64_lines_len, decode_base64, encode_base64_lines};
pub use charset::decode_charset;
pub use fold::{address_header, text_header, MAX_LINE};
pub use gmail_raw::{decode_gmail_raw, encode_gmail_raw, gmail_raw_len, RawDecodeError, RAW_PIECE};
pub use params::{decode_rfc2231, encode_rfc2231};
pub use quoted_printable::{
    decode_quoted_printable, encode_quoted_printable, quoted_printable_len,
};
pub use words::{decode_header_text, encode_word};

pub(crate) use base64_lines::{encode as encode_base64, URL_SAFE};
pub(crate) use fold::Folder;
pub(crate) use params::{fold_filename_param, fold_name_param, param_value, split_params};
pub(crate) use sink::{Chunks, Counter, Sink};
