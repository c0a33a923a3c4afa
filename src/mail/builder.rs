//! The outgoing message: a [`Draft`] turned into RFC 5322 bytes with CRLF line endings.
//!
//! Layout: `Date`, `Message-ID`, `From` (optional: Gmail fills it in), `To`, `Cc`, `Bcc`
//! (Gmail delivers from it, then strips it), `Subject`, `In-Reply-To` and `References` for a
//! reply, `MIME-Version`. Without attachments the body is a single `text/plain; charset=utf-8`
//! part; with them, a `multipart/mixed` whose first part is the text.
//!
//! Every caller-supplied header value goes through [`crate::mail::sanitize`] first, so no
//! input can add a header line.

use super::address::Mailbox;
use super::date::MessageDate;
use super::encoding::{
    address_header, base64_lines_len, fold_filename_param, fold_name_param, quoted_printable_len,
    text_header, Chunks, Counter, Folder, Sink,
};
use super::mime_type::mime_type_for;
use super::sanitize::{clean_filename, clean_message_id, clean_mime_type};

/// A message being composed; also what [`crate::mail::parse_draft`] returns.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    pub from: Option<Mailbox>,
    pub to: Vec<Mailbox>,
    pub cc: Vec<Mailbox>,
    pub bcc: Vec<Mailbox>,
    pub subject: String,
    /// Plain text; any line endings (they are sent as CRLF, and read back as LF).
    pub body: String,
    pub attachments: Vec<Attachment>,
    /// The id of the message replied to, as in its `Message-ID` header (`<…@…>`).
    pub in_reply_to: Option<String>,
    /// The conversation's ids before it (the parent's References and the parent), for the
    /// References header; empty: only the parent is named.
    pub references: Vec<String>,
    /// Satchel's own tag, written as `X-Satchel-Id` (letters, digits and `-` only): Gmail
    /// keeps it where it replaces the Message-ID, so a lost send can be found in Sent.
    pub satchel_id: Option<String>,
}

/// A file attached to a draft. The builder only borrows `data`, so building never copies it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attachment {
    pub filename: String,
    /// `None`: guessed from the filename's extension.
    pub content_type: Option<String>,
    pub data: Vec<u8>,
}

impl Attachment {
    /// The MIME type sent for this attachment: the given one when it is a plain
    /// `type/subtype`, otherwise the guess from the extension.
    pub fn resolved_content_type(&self) -> String {
        self.content_type
            .as_deref()
            .and_then(clean_mime_type)
            .unwrap_or_else(|| mime_type_for(&clean_filename(&self.filename)).to_string())
    }
}

/// A `Message-ID` value, `<random@domain>`, from caller-supplied randomness (the shell uses
/// `crypto.getRandomValues`). Characters other than letters, digits, `.`, `-` and `_` are
/// dropped; an empty domain becomes `satchel.local`.
pub fn message_id(random_hex: &str, domain: &str) -> String {
    let keep =
        |allowed: &'static str| move |c: &char| c.is_ascii_alphanumeric() || allowed.contains(*c);
    let left: String = random_hex.chars().filter(keep(".-_")).collect();
    let domain: String = domain.chars().filter(keep(".-")).collect();
    let domain = domain.trim_matches('.');
    let left = if left.is_empty() {
        "satchel"
    } else {
        left.trim_matches('.')
    };
    let domain = if domain.is_empty() {
        "satchel.local"
    } else {
        domain
    };
    format!("<{left}@{domain}>")
}

/// The message for `draft`, sent at `date`, with id `message_id` (see [`message_id`]; an
/// unusable id is replaced by `<satchel@satchel.local>`).
///
/// The output buffer is allocated once at its exact final size ([`encoded_len`]), and
/// attachments are base64-encoded straight into it: peak memory is the draft plus about
/// 1.37 times its attachments.
pub fn build_message(draft: &Draft, date: MessageDate, message_id: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(encoded_len(draft, date, message_id));
    write_message(&mut out, draft, date, message_id);
    out
}

/// [`build_message`]'s bytes handed to `flush` in pieces of about `piece` bytes (never
/// more than about twice that), in order: the shell sends a 25 MB attachment's message as
/// a Blob of such pieces, so WASM memory holds the draft and one piece, not the message.
pub fn build_message_in_pieces(
    draft: &Draft,
    date: MessageDate,
    message_id: &str,
    piece: usize,
    flush: impl FnMut(&[u8]),
) {
    let mut chunks = Chunks::new(piece, flush);
    write_message(&mut chunks, draft, date, message_id);
    chunks.finish();
}

/// The exact length of [`build_message`]'s output, computed without encoding attachments
/// (only the text body is encoded to measure it).
pub fn encoded_len(draft: &Draft, date: MessageDate, message_id: &str) -> usize {
    let mut counter = Counter::default();
    write_message(&mut counter, draft, date, message_id);
    counter.0
}

/// How the text body travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BodyEncoding {
    QuotedPrintable,
    Base64,
}

impl BodyEncoding {
    /// Whichever is smaller: quoted-printable for mostly-ASCII text (readable, about the same
    /// size), base64 for mostly non-Latin text (where QP would triple it). Ties go to QP.
    fn for_body(body: &[u8]) -> Self {
        if quoted_printable_len(body) <= base64_lines_len(body.len()) {
            BodyEncoding::QuotedPrintable
        } else {
            BodyEncoding::Base64
        }
    }

    fn header(self) -> &'static str {
        match self {
            BodyEncoding::QuotedPrintable => "quoted-printable",
            BodyEncoding::Base64 => "base64",
        }
    }
}

fn write_message(sink: &mut impl Sink, draft: &Draft, date: MessageDate, message_id: &str) {
    let id = clean_message_id(message_id).unwrap_or_else(|| "<satchel@satchel.local>".to_string());
    let mut head = String::with_capacity(1024);
    head.push_str("Date: ");
    head.push_str(&date.to_rfc5322());
    head.push_str("\r\nMessage-ID: ");
    head.push_str(&id);
    head.push_str("\r\n");
    let from = draft.from.as_slice();
    for (name, list) in [
        ("From", from),
        ("To", &draft.to),
        ("Cc", &draft.cc),
        ("Bcc", &draft.bcc),
    ] {
        if let Some(line) = address_header(name, list) {
            head.push_str(&line);
        }
    }
    if !draft.subject.is_empty() {
        head.push_str(&text_header("Subject", &draft.subject));
    }
    if let Some(parent) = draft.in_reply_to.as_deref().and_then(clean_message_id) {
        head.push_str(&format!("In-Reply-To: {parent}\r\n"));
        // References lets clients that ignore In-Reply-To thread the reply as well; it
        // ends with the parent.
        let mut references = Folder::new("References");
        for id in draft
            .references
            .iter()
            .filter_map(|r| clean_message_id(r))
            .filter(|r| *r != parent)
            .take(40)
        {
            references.word(&id);
        }
        references.word(&parent);
        head.push_str(&references.finish());
    }
    if let Some(tag) = draft.satchel_id.as_deref() {
        let tag: String = tag
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .take(64)
            .collect();
        if !tag.is_empty() {
            head.push_str(&format!("X-Satchel-Id: {tag}\r\n"));
        }
    }
    head.push_str("MIME-Version: 1.0\r\n");

    let body = crlf(&draft.body);
    let encoding = BodyEncoding::for_body(body.as_bytes());
    let text_part_headers = format!(
        "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: {}\r\n\r\n",
        encoding.header()
    );

    if draft.attachments.is_empty() {
        head.push_str(&text_part_headers);
        sink.put(head.as_bytes());
        write_body(sink, body.as_bytes(), encoding);
        // A message ends with CRLF; a soft break adds it to QP without changing the text.
        if !body.is_empty() && !body.ends_with("\r\n") {
            sink.put(match encoding {
                BodyEncoding::QuotedPrintable => b"=\r\n",
                BodyEncoding::Base64 => b"\r\n",
            });
        }
        return;
    }

    let boundary = boundary(&id);
    let mut content_type = Folder::new("Content-Type");
    content_type.word("multipart/mixed;");
    content_type.word(&format!("boundary=\"{boundary}\""));
    head.push_str(&content_type.finish());
    head.push_str("\r\n");
    sink.put(head.as_bytes());
    sink.put(format!("--{boundary}\r\n{text_part_headers}").as_bytes());
    write_body(sink, body.as_bytes(), encoding);
    for attachment in &draft.attachments {
        sink.put(format!("\r\n--{boundary}\r\n").as_bytes());
        sink.put(attachment_headers(attachment).as_bytes());
        sink.put_base64_lines(&attachment.data);
    }
    sink.put(format!("\r\n--{boundary}--\r\n").as_bytes());
}

fn write_body(sink: &mut impl Sink, body: &[u8], encoding: BodyEncoding) {
    match encoding {
        BodyEncoding::QuotedPrintable => sink.put_quoted_printable(body),
        BodyEncoding::Base64 => sink.put_base64_lines(body),
    }
}

/// The part headers of one attachment, blank line included.
fn attachment_headers(attachment: &Attachment) -> String {
    let filename = clean_filename(&attachment.filename);
    let mut content_type = Folder::new("Content-Type");
    content_type.word(&format!("{};", attachment.resolved_content_type()));
    fold_name_param(&mut content_type, &filename);
    let mut disposition = Folder::new("Content-Disposition");
    disposition.word("attachment;");
    fold_filename_param(&mut disposition, "filename", &filename);
    format!(
        "{}{}Content-Transfer-Encoding: base64\r\n\r\n",
        content_type.finish(),
        disposition.finish()
    )
}

/// Line endings normalised to CRLF: CRLF, lone CR and lone LF each become one CRLF.
fn crlf(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 32);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\r\n");
            }
            '\n' => out.push_str("\r\n"),
            c => out.push(c),
        }
    }
    out
}

/// The multipart boundary: `=_satchel_` and a hash of the message id, so the same draft
/// always builds the same bytes.
///
/// It cannot occur in any part: a delimiter line starts with `--=_`, and `=_` never appears
/// in quoted-printable (`=` is always followed by a hex digit or CRLF) nor in base64 (whose
/// alphabet has no `_`), while part header lines start with a field name or a space.
fn boundary(message_id: &str) -> String {
    format!(
        "=_satchel_{:016x}{:016x}",
        fnv1a(message_id, 0),
        fnv1a(message_id, 1)
    )
}

/// 64-bit FNV-1a, salted: deterministic and spread out, not cryptographic.
fn fnv1a(text: &str, salt: u8) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in std::iter::once(salt).chain(text.bytes()) {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
#[path = "builder_tests.rs"]
mod tests;
