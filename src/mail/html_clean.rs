//! HTML mail made safe to show in the message view's sandboxed frame: an allowlist of
//! elements and attributes, links that open a new tab, `cid:` images replaced by the
//! message's own parts, and remote images left out until the user asks for them.
//!
//! This is the second wall, not the first: the frame has no `allow-scripts` and no
//! `allow-same-origin`, and its document carries a CSP of its own (see
//! `ui::mail::message_html`). Hand-written, not `ammonia`: ammonia 4 in a minimal wasm
//! module measured 852,242 B raw, 295,933 B gzip (html5ever and `url`), three times the
//! whole chunk it would sit in; this is a few KB.
//!
//! Total and linear, like every reader of network data here: one forward scan, input
//! beyond [`MAX_CLEAN_BYTES`] left out (and said).

use super::html_text::{attributes, decode_entities, find_ascii_ci, opens_tag, tag_end};
use super::limits::cut_at;

/// HTML cleaned for the frame; a 2 MB newsletter is well inside it.
pub const MAX_CLEAN_BYTES: usize = 8 * 1024 * 1024;

/// What the frame may show.
#[derive(Clone, Debug, Default)]
pub struct CleanOptions<'a> {
    /// Remote images (and CSS backgrounds) load: the user chose "Show images".
    pub remote_images: bool,
    /// `cid:` ids (without `<>`) and the `data:` URLs of the parts they name.
    pub inline: &'a [(String, String)],
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cleaned {
    pub html: String,
    /// Remote images left out (or found, when they are allowed).
    pub remote_images: usize,
    /// Scripts, forms, frames and other active content removed.
    pub removed: usize,
    /// The HTML was longer than [`MAX_CLEAN_BYTES`] and was cut.
    pub cut: bool,
}

/// Elements dropped with everything inside them.
const DROP_WITH_CONTENT: &[&str] = &[
    "script", "template", "iframe", "object", "applet", "noembed", "noframes", "frameset", "title",
    "textarea", "select", "svg", "math", "noscript", "audio", "video", "canvas",
];

/// Elements kept (with the attributes of [`ATTRIBUTES`]); any other tag is dropped and its
/// content kept.
const ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "address",
    "article",
    "aside",
    "b",
    "bdi",
    "bdo",
    "big",
    "blockquote",
    "br",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "font",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "main",
    "mark",
    "nav",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "tt",
    "u",
    "ul",
    "var",
    "wbr",
];

const ATTRIBUTES: &[&str] = &[
    "style",
    "class",
    "title",
    "dir",
    "lang",
    "align",
    "valign",
    "width",
    "height",
    "bgcolor",
    "color",
    "border",
    "cellpadding",
    "cellspacing",
    "colspan",
    "rowspan",
    "face",
    "size",
    "alt",
    "span",
    "start",
    "nowrap",
    "hspace",
    "vspace",
    "summary",
    "abbr",
    "scope",
];

/// The safe form of `html` for the message frame's body.
pub fn clean_html(html: &str, options: &CleanOptions) -> Cleaned {
    let (html, cut) = cut_at(html, MAX_CLEAN_BYTES);
    let mut out = Cleaned {
        html: String::with_capacity(html.len()),
        cut,
        ..Cleaned::default()
    };
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_text(&mut out.html, rest.get(..lt).unwrap_or(""));
        rest = rest.get(lt..).unwrap_or("");
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after
                .find("-->")
                .map_or("", |end| after.get(end + 3..).unwrap_or(""));
            continue;
        }
        if !opens_tag(rest) {
            out.html.push_str("&lt;");
            rest = rest.get(1..).unwrap_or("");
            continue;
        }
        let Some(gt) = tag_end(rest) else {
            // Never closed: the rest is text (as html_to_text reads it).
            push_text(&mut out.html, rest);
            rest = "";
            break;
        };
        let tag = rest.get(1..gt).unwrap_or("");
        rest = rest.get(gt + 1..).unwrap_or("");
        let closing = tag.starts_with('/');
        let body = tag.trim_start_matches('/');
        let name_len = body
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(body.len());
        let name = body.get(..name_len).unwrap_or("").to_ascii_lowercase();
        let attrs = body.get(name_len..).unwrap_or("");
        if name.is_empty() {
            continue; // `<!doctype>`, `<?xml?>`
        }
        if DROP_WITH_CONTENT.contains(&name.as_str()) || name == "style" {
            if closing {
                continue;
            }
            let close = format!("</{name}");
            let (inside, after) = match find_ascii_ci(rest, &close) {
                Some(i) => {
                    let tail = rest.get(i..).unwrap_or("");
                    let end = tail.find('>').map_or(tail.len(), |j| j + 1);
                    (rest.get(..i).unwrap_or(""), tail.get(end..).unwrap_or(""))
                }
                None => (rest, ""),
            };
            rest = after;
            if name == "style" {
                let css = clean_css(inside, options.remote_images, &mut out);
                out.html.push_str("<style>");
                out.html.push_str(&css);
                out.html.push_str("</style>");
            } else {
                out.removed += 1;
            }
            continue;
        }
        if !ELEMENTS.contains(&name.as_str()) {
            if [
                "form", "input", "button", "embed", "link", "meta", "base", "frame",
            ]
            .contains(&name.as_str())
                && !closing
            {
                out.removed += 1;
            }
            continue;
        }
        if closing {
            out.html.push_str("</");
            out.html.push_str(&name);
            out.html.push('>');
            continue;
        }
        out.html.push('<');
        out.html.push_str(&name);
        for (attr, value) in attributes(attrs) {
            push_attribute(&mut out, &name, &attr, &value, options);
        }
        if name == "a" {
            out.html
                .push_str(" target=\"_blank\" rel=\"noopener noreferrer\"");
        }
        out.html.push('>');
    }
    push_text(&mut out.html, rest);
    out
}

/// Text between tags, as written (its entities stay entities); `>` escaped for tidiness.
fn push_text(out: &mut String, text: &str) {
    out.push_str(&text.replace('>', "&gt;"));
}

fn push_attribute(out: &mut Cleaned, element: &str, attr: &str, value: &str, o: &CleanOptions) {
    let decoded = decode_entities(value);
    let kept = match (element, attr) {
        ("a", "href") => safe_link(&decoded),
        ("img", "src") => image_source(&decoded, o, out),
        (_, "style") => {
            let css = clean_css(&decoded, o.remote_images, out);
            (!css.trim().is_empty()).then_some(css)
        }
        (_, "background") => image_source(&decoded, o, out),
        _ if ATTRIBUTES.contains(&attr) => Some(decoded),
        _ => None,
    };
    if let Some(value) = kept {
        out.html.push(' ');
        out.html.push_str(attr);
        out.html.push_str("=\"");
        out.html.push_str(&escape_attribute(&value));
        out.html.push('"');
    }
}

fn escape_attribute(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The scheme of a URL as a browser reads it: controls and spaces ignored, lowercased.
fn scheme(url: &str) -> String {
    let compact: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(40)
        .collect::<String>()
        .to_ascii_lowercase();
    compact
        .split_once(':')
        .map(|(s, _)| s.to_string())
        .unwrap_or_default()
}

/// Links to the web, mail and phones; `javascript:`, `data:` and the rest are dropped.
fn safe_link(url: &str) -> Option<String> {
    matches!(scheme(url).as_str(), "http" | "https" | "mailto" | "tel")
        .then(|| url.trim().to_string())
}

/// An image source the frame may load: a `cid:` part, a `data:` image, or a remote image
/// when allowed (counted either way).
fn image_source(url: &str, o: &CleanOptions, out: &mut Cleaned) -> Option<String> {
    match scheme(url).as_str() {
        "cid" => {
            let id = url.trim().get(4..).unwrap_or("").trim_matches(['<', '>']);
            o.inline
                .iter()
                .find(|(cid, _)| cid.eq_ignore_ascii_case(id))
                .map(|(_, data)| data.clone())
        }
        "data" => {
            let lower = url.trim().to_ascii_lowercase();
            [
                "data:image/png",
                "data:image/gif",
                "data:image/jpeg",
                "data:image/webp",
            ]
            .iter()
            .any(|p| lower.starts_with(p))
            .then(|| url.trim().to_string())
        }
        "http" | "https" => {
            out.remote_images += 1;
            o.remote_images.then(|| url.trim().to_string())
        }
        "" if url.trim().starts_with("//") => {
            out.remote_images += 1;
            o.remote_images.then(|| format!("https:{}", url.trim()))
        }
        _ => None,
    }
}

/// CSS without what can reach out or run: `@import`, `expression()`, `behavior`,
/// `-moz-binding` and `javascript:` remove the whole rule text; `url()`s are kept only
/// when remote images are allowed (the frame's CSP would block them anyway).
fn clean_css(css: &str, remote: bool, out: &mut Cleaned) -> String {
    let lower = css.to_ascii_lowercase();
    if [
        "@import",
        "expression",
        "behavior",
        "-moz-binding",
        "javascript:",
        "</",
    ]
    .iter()
    .any(|bad| lower.contains(bad))
    {
        out.removed += 1;
        return String::new();
    }
    if !lower.contains("url(") {
        return css.to_string();
    }
    // Each url(...) is counted as a remote image and dropped unless allowed.
    let mut kept = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(i) = find_ascii_ci(rest, "url(") {
        kept.push_str(rest.get(..i).unwrap_or(""));
        let tail = rest.get(i..).unwrap_or("");
        let end = tail.find(')').map_or(tail.len(), |j| j + 1);
        let inner = tail.get(4..end.saturating_sub(1)).unwrap_or("").trim();
        let inner = inner.trim_matches(['"', '\'']);
        if inner.to_ascii_lowercase().starts_with("data:image/") {
            kept.push_str(tail.get(..end).unwrap_or(""));
        } else {
            out.remote_images += 1;
            kept.push_str(if remote {
                tail.get(..end).unwrap_or("")
            } else {
                "none"
            });
        }
        rest = tail.get(end..).unwrap_or("");
    }
    kept.push_str(rest);
    kept
}

#[cfg(test)]
#[path = "html_clean_tests.rs"]
mod tests;
