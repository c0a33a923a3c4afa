//! Plain text from HTML, for drafts that only have an HTML body: tags dropped, blocks and
//! `<br>` turned into line breaks, entities decoded, whitespace collapsed as a browser would.
//!
//! Total and linear on any input (drafts and event descriptions are network data): every
//! scan moves forward, a tag that never closes ends the markup, and input beyond
//! [`MAX_HTML_BYTES`] is left out with a "(too long)" line.

use super::limits::{cut_at, MAX_HTML_BYTES};
use crate::i18n::{k, t};

/// The text of an HTML document (at most [`MAX_HTML_BYTES`] of it).
pub fn html_to_text(html: &str) -> String {
    html_to_text_within(html, MAX_HTML_BYTES)
}

/// [`html_to_text`] reading up to `max` bytes: the message view reads a whole 2 MB
/// newsletter (linear, so the cap bounds time and memory only).
pub fn html_to_text_within(html: &str, max: usize) -> String {
    let (html, cut) = cut_at(html, max);
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    let mut pre = 0usize;
    while let Some(lt) = rest.find('<') {
        push_text(&mut out, &rest[..lt], pre > 0);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        if !opens_tag(rest) {
            // A `<` that opens no tag is text.
            push_text(&mut out, "<", pre > 0);
            rest = rest.get(1..).unwrap_or("");
            continue;
        }
        let Some(gt) = tag_end(rest) else {
            // A tag that never closes: what follows is text. (Looking for a tag at the
            // next `<` instead would rescan the same text again and again.)
            push_text(&mut out, rest, pre > 0);
            rest = "";
            break;
        };
        let tag = rest.get(1..gt).unwrap_or("");
        rest = rest.get(gt + 1..).unwrap_or("");
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match name.as_str() {
            "script" | "style" | "head" | "title" if !closing => {
                // Their content is not text: skip to the closing tag.
                let close = format!("</{name}");
                rest = find_ascii_ci(rest, &close)
                    .and_then(|i| {
                        let after = rest.get(i..)?;
                        after.find('>').and_then(|j| after.get(j + 1..))
                    })
                    .unwrap_or("");
            }
            "br" => out.push('\n'),
            "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "ul" | "ol"
            | "table" => {
                paragraph_break(&mut out);
            }
            "pre" => {
                paragraph_break(&mut out);
                pre = if closing {
                    pre.saturating_sub(1)
                } else {
                    pre + 1
                };
            }
            "div" | "li" | "tr" | "hr" | "dt" | "dd" => line_break(&mut out),
            "td" | "th" if !closing => out.push('\t'),
            _ => {}
        }
    }
    push_text(&mut out, rest, pre > 0);
    let mut text = tidy(&out);
    if cut {
        text.push_str("\n\n");
        text.push_str(t(k::MAIL_TOO_LONG));
    }
    text
}

/// Whether the `<` starting `s` opens a tag (`<a`, `</a`, `<!`), as a browser decides.
pub(crate) fn opens_tag(s: &str) -> bool {
    s.as_bytes()
        .get(1)
        .is_some_and(|&b| b.is_ascii_alphabetic() || b == b'/' || b == b'!')
}

/// Byte index of the `>` ending the tag that starts `s`, skipping quoted attribute values.
/// A quote only opens a value right after `=` (as in HTML), so a stray `"` in a tag does
/// not swallow the rest of the document. Bytewise: every byte it stops at is ASCII.
pub(crate) fn tag_end(s: &str) -> Option<usize> {
    let mut quote: Option<u8> = None;
    let mut after_equals = false;
    for (i, &b) in s.as_bytes().iter().enumerate().skip(1) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => continue,
            None => match b {
                b'>' => return Some(i),
                b'"' | b'\'' if after_equals => {
                    quote = Some(b);
                    continue;
                }
                _ => {}
            },
        }
        after_equals = b == b'=' || (after_equals && b.is_ascii_whitespace());
    }
    None
}

pub(crate) fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

fn line_break(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

fn paragraph_break(out: &mut String) {
    line_break(out);
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push('\n');
    }
}

/// Appends text with entities decoded; outside `<pre>`, whitespace runs become one space.
fn push_text(out: &mut String, text: &str, pre: bool) {
    let decoded = decode_entities(text);
    if pre {
        out.push_str(&decoded);
        return;
    }
    for c in decoded.chars() {
        if c.is_ascii_whitespace() {
            if !(out.is_empty() || out.ends_with([' ', '\n', '\t'])) {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

/// Decodes `&name;`, `&#123;` and `&#x7b;`; unknown entities stay as written.
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or(""));
        rest = rest.get(amp..).unwrap_or("");
        let end = rest
            .char_indices()
            .take(12)
            .find(|&(_, c)| c == ';')
            .map(|(i, _)| i);
        let decoded = end.and_then(|end| entity(rest.get(1..end)?).map(|c| (c, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = rest.get(end + 1..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = rest.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return Some(char::from_u32(code).unwrap_or('\u{fffd}'));
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "bull" => '•',
        "middot" => '·',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        "deg" => '°',
        "times" => '×',
        "divide" => '÷',
        "shy" | "zwnj" | "zwj" => '\u{200c}',
        _ => return None,
    })
}

/// Trailing spaces off each line, at most one blank line in a row, no blank ends.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.split('\n') {
        let line = line.trim_end_matches([' ', '\t']);
        if line.is_empty() {
            blank_run += 1;
            if blank_run > 1 {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim_matches('\n').to_string()
}

/// The attributes of a tag's text after its name: (lowercased name, raw value).
pub(super) fn attributes(text: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = text;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            return found;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/' || c == '>')
            .unwrap_or(rest.len())
            .max(1);
        let name = rest.get(..name_end).unwrap_or("").to_ascii_lowercase();
        rest = rest.get(name_end..).unwrap_or("").trim_start();
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (v, r) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let inner = after.get(1..).unwrap_or("");
                    match inner.find(q) {
                        Some(end) => (
                            inner.get(..end).unwrap_or(""),
                            inner.get(end + 1..).unwrap_or(""),
                        ),
                        None => (inner, ""),
                    }
                }
                _ => {
                    let end = after.find(char::is_whitespace).unwrap_or(after.len());
                    (
                        after.get(..end).unwrap_or(""),
                        after.get(end..).unwrap_or(""),
                    )
                }
            };
            value = v.to_string();
            rest = r;
        }
        // Event handlers and anything unknown are left out by the caller's allowlist.
        if !found.iter().any(|(n, _): &(String, String)| *n == name) {
            found.push((name, value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gmail_style_html() {
        let html = "<div dir=\"ltr\">Hello Jane,<div><br></div><div>See you &amp; \
                    bye&nbsp;&#8212; B.</div></div>";
        assert_eq!(html_to_text(html), "Hello Jane,\n\nSee you & bye — B.");
    }

    #[test]
    fn paragraphs_lists_and_skipped_content() {
        let html = "<html><head><title>T</title><style>p{color:red}</style></head><body>\
                    <p>One\n   two</p><p>Three</p><ul><li>a</li><li>b</li></ul>\
                    <script>alert('<p>')</script><!-- <b>hidden</b> -->x &lt; y &unknown; 3 < 4</body></html>";
        assert_eq!(
            html_to_text(html),
            "One two\n\nThree\n\na\nb\n\nx < y &unknown; 3 < 4"
        );
    }

    #[test]
    fn preformatted_text_keeps_spaces() {
        assert_eq!(html_to_text("<pre>a  b\n  c</pre>"), "a  b\n  c");
    }

    #[test]
    fn attributes_with_angle_brackets() {
        assert_eq!(html_to_text("<a title=\"x > y\" href='#'>link</a>"), "link");
        assert_eq!(html_to_text("<a title = 'x>y'>link</a>"), "link");
        // A quote that opens no value does not hide the rest of the document.
        assert_eq!(html_to_text("<a \"x>one</a> <b>two</b>"), "one two");
    }

    #[test]
    fn unclosed_tags_and_stray_brackets_are_text() {
        assert_eq!(html_to_text("a <b c"), "a <b c");
        assert_eq!(
            html_to_text("<p>x</p><a title=\"never closed>y"),
            "x\n\n<a title=\"never closed>y"
        );
        assert_eq!(html_to_text("<<<"), "<<<");
        assert_eq!(html_to_text("<script>never closed"), "");
        assert_eq!(
            html_to_text("é<é>&#x110000;&#99999999999;&é;"),
            "é<é>\u{fffd}&#99999999999;&é;"
        );
    }

    #[test]
    fn too_long_html_is_cut_and_said() {
        let html = "<p>word</p>".repeat(MAX_HTML_BYTES / 11 + 10);
        let text = html_to_text(&html);
        assert!(
            text.ends_with("\n\n(too long)"),
            "{}",
            &text[text.len() - 40..]
        );
        assert!(text.len() < html.len());
    }
}
