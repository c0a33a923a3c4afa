//! Web addresses in a description's text, so the shell can make them links (Zoom and
//! Teams invitations put the way in there). Only `http://` and `https://` are found:
//! nothing else in someone else's text may become something to click.

/// A run of a description: plain text, or a web address to link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Link(&'a str),
}

/// Splits `text` into text and links. A link runs to the next whitespace, `<` or `>`, less
/// trailing punctuation that ends sentences and brackets ("see https://x.example/a.").
pub fn split_links(text: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(start) = find_scheme(rest) {
        let tail = &rest[start..];
        let len = tail
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"'))
            .unwrap_or(tail.len());
        let url = tail[..len].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '}', '\'']);
        let https = tail
            .as_bytes()
            .get(..8)
            .is_some_and(|b| b.eq_ignore_ascii_case(b"https://"));
        let scheme_len = if https { 8 } else { 7 };
        if url.len() <= scheme_len {
            // "https://" alone is text.
            pieces.push(Piece::Text(&rest[..start + scheme_len]));
            rest = &rest[start + scheme_len..];
            continue;
        }
        if start > 0 {
            pieces.push(Piece::Text(&rest[..start]));
        }
        pieces.push(Piece::Link(url));
        rest = &tail[url.len()..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest));
    }
    pieces
}

/// Where the next `http://` or `https://` begins (any case).
fn find_scheme(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len()).find(|&i| {
        let at = |p: &str| {
            bytes
                .get(i..i + p.len())
                .is_some_and(|b| b.eq_ignore_ascii_case(p.as_bytes()))
        };
        at("https://") || at("http://")
    })
}

#[cfg(test)]
mod tests {
    use super::{split_links, Piece::*};

    #[test]
    fn web_addresses_become_links_and_the_rest_stays_text() {
        assert_eq!(
            split_links("Join https://zoom.us/j/123?pwd=x. Or dial in."),
            vec![
                Text("Join "),
                Link("https://zoom.us/j/123?pwd=x"),
                Text(". Or dial in.")
            ]
        );
        assert_eq!(
            split_links("(see HTTP://example.com/a)"),
            vec![Text("(see "), Link("HTTP://example.com/a"), Text(")")]
        );
        assert_eq!(
            split_links("https://a.example\nhttps://b.example"),
            vec![
                Link("https://a.example"),
                Text("\n"),
                Link("https://b.example")
            ]
        );
    }

    #[test]
    fn other_schemes_and_bare_schemes_stay_text() {
        for text in [
            "javascript:alert(1)",
            "data:text/html,<b>x</b>",
            "ftp://x",
            "https://",
            "see http:// here",
            "Ünïcode – no links",
        ] {
            let pieces = split_links(text);
            assert!(
                pieces.iter().all(|p| matches!(p, Text(_))),
                "{text}: {pieces:?}"
            );
            let joined: String = pieces
                .iter()
                .map(|p| match p {
                    Text(t) | Link(t) => *t,
                })
                .collect();
            assert_eq!(joined, text);
        }
        assert_eq!(split_links(""), vec![]);
    }
}
