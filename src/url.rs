//! URL encoding shared by every API module: RFC 3986 percent-encoding and
//! `application/x-www-form-urlencoded` pairs (used by OAuth fragments and bodies).

/// Percent-encodes everything but RFC 3986 unreserved characters.
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// `k=v&k=v` with both sides percent-encoded (valid as a query string and as a form body).
pub fn encode_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    pairs
        .into_iter()
        .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Parses `k=v&k=v` (form encoding: `+` is a space). Malformed escapes are kept as text.
pub fn decode_pairs(text: &str) -> Vec<(String, String)> {
    text.split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            (decode_component(k), decode_component(v))
        })
        .collect()
}

/// Decodes `%XX` escapes and `+`; invalid UTF-8 becomes U+FFFD.
pub fn decode_component(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_reserved_and_unicode() {
        assert_eq!(encode_component("a b&c=d/é~"), "a%20b%26c%3Dd%2F%C3%A9~");
        assert_eq!(
            encode_pairs([("q", "from:x is:unread"), ("n", "1")]),
            "q=from%3Ax%20is%3Aunread&n=1"
        );
    }

    #[test]
    fn decodes_form_pairs() {
        let pairs =
            decode_pairs("access_token=ya29.a%2Fb&scope=openid+email&state=s1&empty=&bad=%zz%4");
        assert_eq!(pairs[0], ("access_token".into(), "ya29.a/b".into()));
        assert_eq!(pairs[1], ("scope".into(), "openid email".into()));
        assert_eq!(pairs[3], ("empty".into(), "".into()));
        assert_eq!(pairs[4], ("bad".into(), "%zz%4".into()));
    }

    #[test]
    fn round_trips() {
        let text = "Ελληνικά + עברית & more=%";
        assert_eq!(decode_component(&encode_component(text)), text);
    }
}
