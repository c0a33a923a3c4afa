//! Scanning header text that may hold RFC 5322 quoted strings (`"Doe, Jane"`, `"x;y"`),
//! where a separator inside quotes, or after a backslash in them, does not count.

/// Byte indices of `needle` outside double-quoted strings.
pub(crate) fn unquoted_positions(text: &str, needle: char) -> impl Iterator<Item = usize> + '_ {
    let mut in_quotes = false;
    let mut escaped = false;
    text.char_indices().filter_map(move |(i, c)| {
        if escaped {
            escaped = false;
        } else if in_quotes && c == '\\' {
            escaped = true;
        } else if c == '"' {
            in_quotes = !in_quotes;
        } else if c == needle && !in_quotes {
            return Some(i);
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::unquoted_positions;

    #[test]
    fn skips_quoted_and_escaped_separators() {
        let text = r#"a;"b;c\";d";e"#;
        assert_eq!(
            unquoted_positions(text, ';').collect::<Vec<_>>(),
            vec![1, 11]
        );
        assert_eq!(unquoted_positions("no separator", ';').count(), 0);
    }
}
