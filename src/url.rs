//! URL encoding shared by every API module: RFC 3986 percent-encoding and
//! `application/x-www-form-urlencoded` pairs (used by OAuth fragments and bodies), and the
//! strict endpoint parser that `config.json`'s URLs go through.

use std::net::{Ipv4Addr, Ipv6Addr};

/// The host of an endpoint, as the browser will connect to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Host {
    /// A lowercase DNS name (ASCII; internationalised names in their `xn--` form).
    Domain(String),
    Ipv4(Ipv4Addr),
    Ipv6(Ipv6Addr),
}

impl Host {
    /// 127.0.0.0/8, `[::1]` and `localhost`.
    pub fn is_loopback(&self) -> bool {
        match self {
            Host::Domain(name) => name == "localhost",
            Host::Ipv4(ip) => ip.is_loopback(),
            Host::Ipv6(ip) => ip.is_loopback(),
        }
    }
}

/// An absolute `http(s)` URL split into scheme, host and port.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// `http` or `https`, lowercase.
    pub scheme: String,
    pub host: Host,
    pub port: Option<u16>,
}

/// Parses an endpoint URL the way a browser finds its host, but strictly: what a browser
/// would read differently from a person (credentials `user@host`, backslashes, numeric
/// shorthands such as `127.1` or `0x7f.0.0.1`, percent signs or non-ASCII in the host,
/// spaces, a `#fragment`) is refused rather than interpreted, so the host checked here is
/// the host the browser connects to. The error is a phrase for "config.json: "key" …".
pub fn parse_endpoint(text: &str) -> Result<Endpoint, &'static str> {
    if !text.is_ascii()
        || text
            .chars()
            .any(|c| c.is_ascii_whitespace() || c.is_ascii_control())
    {
        return Err("must not contain spaces or non-ASCII characters");
    }
    if text.contains('#') {
        return Err("must not contain a #fragment");
    }
    if text.contains('\\') {
        return Err("must not contain a backslash");
    }
    let (scheme, rest) = text
        .split_once("://")
        .ok_or("must be an absolute https:// URL")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "https" && scheme != "http" {
        return Err("must be an absolute https:// URL");
    }
    let authority = rest.split(['/', '?']).next().unwrap_or("");
    if authority.contains('@') {
        return Err("must not contain a user name or password");
    }
    if authority.is_empty() {
        return Err("has no host");
    }
    let (host, port) = if let Some(inner) = authority.strip_prefix('[') {
        let (address, after) = inner
            .split_once(']')
            .ok_or("has a malformed IPv6 address")?;
        let ip: Ipv6Addr = address
            .parse()
            .map_err(|_| "has a malformed IPv6 address")?;
        (Host::Ipv6(ip), after)
    } else {
        let (name, after) = match authority.find(':') {
            Some(i) => authority.split_at(i),
            None => (authority, ""),
        };
        (parse_host(name)?, after)
    };
    let port = match port {
        "" => None,
        other => {
            let digits = other.strip_prefix(':').ok_or("has a malformed port")?;
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err("has a malformed port");
            }
            Some(digits.parse::<u16>().map_err(|_| "has a malformed port")?)
        }
    };
    Ok(Endpoint { scheme, host, port })
}

fn parse_host(name: &str) -> Result<Host, &'static str> {
    let name = name.to_ascii_lowercase();
    let labels: Vec<&str> = name.split('.').collect();
    if name.is_empty()
        || labels.iter().any(|l| l.is_empty())
        || !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
    {
        return Err("has a malformed host");
    }
    // A browser reads a host whose last label is a number as an IPv4 address (in decimal,
    // octal or hex, with 1 to 4 parts): only the plain dotted-decimal form is accepted.
    let last = labels.last().copied().unwrap_or("");
    let numeric = last.bytes().all(|b| b.is_ascii_digit()) || last.starts_with("0x");
    if numeric {
        let ip: Ipv4Addr = name
            .parse()
            .map_err(|_| "has a numeric host that is not a plain IPv4 address")?;
        return Ok(Host::Ipv4(ip));
    }
    Ok(Host::Domain(name))
}

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

    #[test]
    fn endpoints_are_split_into_scheme_host_and_port() {
        let e = parse_endpoint("HTTPS://Gmail.GoogleAPIs.com/gmail/v1?x=1").expect("valid");
        assert_eq!(e.scheme, "https");
        assert_eq!(e.host, Host::Domain("gmail.googleapis.com".into()));
        assert_eq!(e.port, None);
        let e = parse_endpoint("http://127.0.0.1:8787/token").expect("valid");
        assert_eq!(e.host, Host::Ipv4(Ipv4Addr::new(127, 0, 0, 1)));
        assert_eq!(e.port, Some(8787));
        assert!(e.host.is_loopback());
        let e = parse_endpoint("http://[::1]:9/").expect("valid");
        assert!(e.host.is_loopback());
        assert!(parse_endpoint("http://localhost")
            .expect("valid")
            .host
            .is_loopback());
    }

    #[test]
    fn ambiguous_endpoints_are_refused() {
        for url in [
            "http://127.0.0.1@evil.example/",
            "http://127.0.0.1:80@evil.example/",
            "http://evil.example\\@127.0.0.1/",
            "http://127.1/",
            "http://0x7f.0.0.1/",
            "http://127.0.0.01/",
            "http://2130706433/",
            "http://1.2.3.4.5/",
            "http://ev%69l.example/",
            "http://évil.example/",
            "http://evil.example:/",
            "http://evil.example:99999/",
            "http://evil.example:8x/",
            "http://[::1/",
            "http://evil..example/",
            "http://evil.example./",
            "https:///x",
            "https://",
            "//evil.example/",
            "javascript://evil.example/",
        ] {
            assert!(parse_endpoint(url).is_err(), "{url} must be refused");
        }
        let e = parse_endpoint("http://127.evil.example/").expect("a domain");
        assert!(
            !e.host.is_loopback(),
            "127.evil.example is a name, not loopback"
        );
        assert!(!parse_endpoint("http://localhost.evil.example/")
            .expect("a domain")
            .host
            .is_loopback());
    }
}
