//! Header lines: values encoded as needed and folded so no line exceeds 78 columns.
//!
//! A line can only be longer when a single token cannot be broken (an address, a message id
//! or a MIME type longer than the line), which RFC 5322 allows up to 998 columns. We never
//! fold directly after `Name:` because some parsers mishandle an empty first line.

use super::words::{choose_encoding, next_word, MAX_WORD};
use crate::mail::address::Mailbox;
use crate::mail::sanitize::{clean_display_name, clean_email, clean_header_text};

/// Columns per header line, CRLF excluded (RFC 5322 §2.1.1).
pub const MAX_LINE: usize = 78;
/// The widest token a continuation line (a space, then the token) holds.
pub(crate) const FRESH_ROOM: usize = MAX_LINE - 1;
/// With less room left, an encoded-word starts a new line instead of holding a character or two.
const MIN_WORD_ROOM: usize = 24;

/// Writes one header field token by token, folding before a token that would not fit.
pub(crate) struct Folder {
    out: String,
    col: usize,
    /// Nothing written after `Name:` yet, so folding is not allowed.
    fresh: bool,
}

impl Folder {
    pub(crate) fn new(name: &str) -> Self {
        let mut out = String::with_capacity(MAX_LINE + 2);
        out.push_str(name);
        out.push(':');
        Folder {
            col: out.len(),
            out,
            fresh: true,
        }
    }

    /// Columns left for a token after a space on the current line.
    fn room(&self) -> usize {
        MAX_LINE.saturating_sub(self.col + 1)
    }

    /// The widest token that can still be placed within the limit, folding if needed.
    pub(crate) fn max_token(&self) -> usize {
        if self.fresh {
            self.room()
        } else {
            FRESH_ROOM
        }
    }

    /// Writes a space and `token`, folding first when the token would pass column 78.
    pub(crate) fn word(&mut self, token: &str) {
        if !self.fresh && self.col + 1 + token.len() > MAX_LINE {
            self.out.push_str("\r\n");
            self.col = 0;
        }
        self.out.push(' ');
        self.out.push_str(token);
        self.col += 1 + token.len();
        self.fresh = false;
    }

    /// Writes `text` as encoded-words sized to the room on each line; `prefix` and `suffix`
    /// are glued to the first and last word (as in `name="…"`).
    pub(crate) fn encoded(&mut self, text: &str, prefix: &str, suffix: &str) {
        let encoding = choose_encoding(text);
        let mut rest = text;
        let mut first = true;
        loop {
            let reserve = suffix.len() + if first { prefix.len() } else { 0 };
            let mut room = self.room();
            if !self.fresh && room < MIN_WORD_ROOM + reserve {
                room = FRESH_ROOM;
            }
            let (word, used) =
                next_word(rest, encoding, room.saturating_sub(reserve).min(MAX_WORD));
            rest = &rest[used..];
            let mut token = String::with_capacity(word.len() + reserve);
            if first {
                token.push_str(prefix);
            }
            token.push_str(&word);
            if rest.is_empty() {
                token.push_str(suffix);
            }
            self.word(&token);
            first = false;
            if rest.is_empty() {
                break;
            }
        }
    }

    /// Free text (RFC 5322 `unstructured`): as it is when it is tidy printable ASCII whose
    /// words fit, otherwise encoded-words, which also keep any run of spaces exactly.
    pub(crate) fn text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        if fits_raw(text, self.max_token(), |b| (0x21..=0x7e).contains(&b)) {
            text.split(' ').for_each(|w| self.word(w));
        } else {
            self.encoded(text, "", "");
        }
    }

    /// A display name: atoms, a quoted string, or encoded-words.
    pub(crate) fn phrase(&mut self, name: &str) {
        if fits_raw(name, self.max_token(), is_atext) {
            name.split(' ').for_each(|w| self.word(w));
            return;
        }
        if fits_raw(name, usize::MAX, |b| (0x21..=0x7e).contains(&b)) {
            let quoted = format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""));
            if quoted.len() <= self.max_token() {
                self.word(&quoted);
                return;
            }
        }
        self.encoded(name, "", "");
    }

    /// The header line(s), CRLF-terminated.
    pub(crate) fn finish(mut self) -> String {
        self.out.push_str("\r\n");
        self.out
    }
}

/// Whether `text` can be written as it is: single-spaced words of allowed bytes, none that
/// could be mistaken for an encoded-word, each fitting a line (the first within `first_room`).
fn fits_raw(text: &str, first_room: usize, allowed: impl Fn(u8) -> bool) -> bool {
    !text.is_empty()
        && !text.contains("=?")
        && text.split(' ').enumerate().all(|(i, word)| {
            !word.is_empty()
                && word.len() <= if i == 0 { first_room } else { FRESH_ROOM }
                && word.bytes().all(&allowed)
        })
}

/// RFC 5322 `atext`: what a display name may hold without quotes.
fn is_atext(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~".contains(&b)
}

/// `Name: value\r\n` for free text such as the subject. Control characters (CR and LF among
/// them) become spaces first, so the value can never start a header line of its own.
pub fn text_header(name: &str, value: &str) -> String {
    let mut folder = Folder::new(name);
    folder.text(&clean_header_text(value));
    folder.finish()
}

/// `Name: Jane Doe <jane@x.org>, bob@y.com\r\n`, or `None` when no mailbox has a usable
/// address. Names are cleaned (control characters out, whitespace collapsed) and encoded as
/// needed; an address that is not valid loses every character that could break the header.
pub fn address_header(name: &str, mailboxes: &[Mailbox]) -> Option<String> {
    let entries: Vec<(Option<String>, String)> = mailboxes
        .iter()
        .map(|m| {
            (
                m.name.as_deref().and_then(clean_display_name),
                clean_email(&m.email),
            )
        })
        .filter(|(_, email)| !email.is_empty())
        .collect();
    if entries.is_empty() {
        return None;
    }
    let mut folder = Folder::new(name);
    for (i, (display, email)) in entries.iter().enumerate() {
        let comma = if i + 1 < entries.len() { "," } else { "" };
        match display {
            Some(display) => {
                folder.phrase(display);
                folder.word(&format!("<{email}>{comma}"));
            }
            None => folder.word(&format!("{email}{comma}")),
        }
    }
    Some(folder.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mail::encoding::decode_header_text;

    fn lines(header: &str) -> Vec<&str> {
        header
            .strip_suffix("\r\n")
            .unwrap_or(header)
            .split("\r\n")
            .collect()
    }

    /// Unfolds a header field and decodes its value.
    fn value(header: &str) -> String {
        let unfolded = header.replace("\r\n", "");
        let raw = unfolded.split_once(": ").map_or("", |(_, v)| v);
        decode_header_text(raw)
    }

    #[test]
    fn ascii_subject_stays_readable() {
        assert_eq!(
            text_header("Subject", "Lunch on Friday?"),
            "Subject: Lunch on Friday?\r\n"
        );
    }

    #[test]
    fn long_ascii_subject_folds_at_spaces() {
        let subject = "word ".repeat(40).trim_end().to_string();
        let header = text_header("Subject", &subject);
        assert!(lines(&header).len() > 1);
        assert!(
            lines(&header).iter().all(|l| l.len() <= MAX_LINE),
            "{header}"
        );
        assert_eq!(value(&header), subject);
    }

    #[test]
    fn non_ascii_subject_is_encoded_and_folded() {
        for subject in [
            "Καλημέρα σε όλους, η συνάντηση μεταφέρεται για την Παρασκευή στις δέκα το πρωί",
            "שלום לכולם, הפגישה נדחתה ליום שישי בשעה עשר בבוקר, נא לאשר הגעה בהקדם",
            "Café crème — très très très très très très très très très très long sujet ☕☕☕",
            "😀😃😄😁😆😅😂🤣🥲☺️😊😇🙂🙃😉😌😍🥰😘😗😙😚😋😛😝😜🤪🤨🧐🤓😎🥸🤩🥳",
        ] {
            let header = text_header("Subject", subject);
            for line in lines(&header) {
                assert!(line.len() <= MAX_LINE, "{line}");
                for word in line.split(' ').filter(|w| w.starts_with("=?")) {
                    assert!(word.len() <= MAX_WORD, "{word}");
                }
            }
            assert_eq!(value(&header), subject);
        }
    }

    #[test]
    fn control_characters_cannot_add_header_lines() {
        let header = text_header("Subject", "hi\r\nBcc: evil@z.com\nX: y\rZ");
        assert_eq!(
            header.matches("\r\n").count(),
            1 + header.matches("\r\n ").count()
        );
        assert!(!header.contains("\r\nBcc"));
        assert_eq!(value(&header), "hi  Bcc: evil@z.com X: y Z");
    }

    #[test]
    fn spaces_are_kept_exactly() {
        for subject in [
            "  leading",
            "trailing ",
            "two  spaces",
            " ",
            "=?utf-8?Q?x?=",
        ] {
            assert_eq!(
                value(&text_header("Subject", subject)),
                subject,
                "{subject:?}"
            );
        }
    }

    #[test]
    fn display_names() {
        let list = [
            Mailbox::named("Jane Doe", "jane@x.org"),
            Mailbox::named("Doe, Jane", "jane@x.org"),
            Mailbox::named("Say \"hi\" \\o/", "q@x.org"),
            Mailbox::named("Γιώργος", "g@x.gr"),
            Mailbox::new("bob@y.com"),
        ];
        let header = address_header("To", &list).unwrap();
        assert!(header.starts_with(
            "To: Jane Doe <jane@x.org>, \"Doe, Jane\" <jane@x.org>, \"Say \\\"hi\\\" \\\\o/\"\r\n <q@x.org>,"
        ), "{header}");
        assert!(
            header.contains("=?utf-8?B?zpPOuc+Oz4HOs86/z4I=?= <g@x.gr>, bob@y.com\r\n"),
            "{header}"
        );
        assert!(lines(&header).iter().all(|l| l.len() <= MAX_LINE));
    }

    #[test]
    fn address_header_cleans_names_and_bad_addresses() {
        let list = [
            Mailbox::named("Eve\r\nBcc: x@y.com", "eve@x.org"),
            Mailbox::new("x@y.com\r\nBcc: evil@z.com"),
            Mailbox::new("\r\n"),
        ];
        let header = address_header("To", &list).unwrap();
        assert_eq!(
            header.matches("\r\n").count(),
            1 + header.matches("\r\n ").count(),
            "{header}"
        );
        assert!(header.contains("x@y.comBcc"), "{header}");
        assert_eq!(address_header("Cc", &[Mailbox::new(" ")]), None);
    }
}
