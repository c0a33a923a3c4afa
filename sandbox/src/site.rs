//! Static hosting of the built app, shaped like a plain static host (GitHub Pages style):
//! files as they are, and `404.html` with status 404 for any unknown path, which is how
//! Satchel's deep links work without a server. It sends the headers a deployment should
//! send (README, "Security"): the page's CSP plus `frame-ancestors 'none'` as a header,
//! `X-Content-Type-Options` and `Referrer-Policy`, and no COOP (it would cut the sign-in
//! popup off from the page). Also writes a deployment: the bundle plus
//! its `config.json`, with the page's CSP `connect-src` narrowed to the configured backend.

use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};

use axum::body::Body;
use axum::http::{header, HeaderValue, Request, Response, StatusCode};
use axum::Router;

/// Copies the bundle in `dist` to `out`, writes `config.json` there and narrows the
/// Content-Security-Policy `connect-src` of every HTML page to `'self'` plus `connect_origins`.
pub fn deploy(
    dist: &Path,
    out: &Path,
    config: &serde_json::Value,
    connect_origins: &[String],
) -> std::io::Result<()> {
    if out.exists() {
        std::fs::remove_dir_all(out)?;
    }
    copy_dir(dist, out)?;
    let text = serde_json::to_string_pretty(config).map_err(std::io::Error::other)?;
    std::fs::write(out.join("config.json"), text)?;
    for page in ["index.html", "404.html"] {
        let path = out.join(page);
        if let Ok(html) = std::fs::read_to_string(&path) {
            std::fs::write(&path, narrow_connect_src(&html, connect_origins))?;
        }
    }
    Ok(())
}

/// The policy of the page's CSP `<meta>` (the `content` attribute, quoted as the HTML
/// minifier leaves it), or `None` when the page has none.
pub fn meta_csp(html: &str) -> Option<String> {
    let (start, end) = csp_meta(html)?;
    let (_, rest) = html[start..end].split_once("content=\"")?;
    let (policy, _) = rest.split_once('"')?;
    Some(policy.to_string())
}

/// Where the page's CSP `<meta>` tag is: from `<meta` to (not including) its `>`.
fn csp_meta(html: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(offset) = html[from..].find("<meta") {
        let tag_start = from + offset;
        let tag_end = html[tag_start..]
            .find('>')
            .map_or(html.len(), |i| tag_start + i);
        if html[tag_start..tag_end].contains("Content-Security-Policy") {
            return Some((tag_start, tag_end));
        }
        from = tag_end;
    }
    None
}

/// The `Content-Security-Policy` header for a response: an HTML page's own policy plus
/// `frame-ancestors 'none'` (which a `<meta>` cannot carry); anything else may load nothing.
pub fn csp_header(html: Option<&str>) -> String {
    match html.and_then(meta_csp) {
        Some(policy) => format!(
            "{}; frame-ancestors 'none'",
            policy.trim().trim_end_matches(';')
        ),
        None => "default-src 'none'; frame-ancestors 'none'".to_string(),
    }
}

/// The policy sent with the service worker's script: same-origin fetches only.
pub const WORKER_CSP: &str = "default-src 'none'; connect-src 'self'; frame-ancestors 'none'";

/// Replaces the sources of the `connect-src` directive of the page's CSP `<meta>` (up to
/// its `;`) with `'self'` and the given origins. Works on minified HTML too (unquoted
/// attributes, any attribute order). Pages without one are returned unchanged.
pub fn narrow_connect_src(html: &str, origins: &[String]) -> String {
    let key = "connect-src ";
    let Some((tag_start, tag_end)) = csp_meta(html) else {
        return html.to_string();
    };
    let Some(at) = html[tag_start..tag_end].find(key) else {
        return html.to_string();
    };
    let body_start = tag_start + at + key.len();
    let end = html[body_start..tag_end]
        .find([';', '"'])
        .map_or(tag_end, |i| body_start + i);
    let mut sources = vec!["'self'".to_string()];
    sources.extend(origins.iter().cloned());
    format!(
        "{}{}{}",
        &html[..body_start],
        sources.join(" "),
        &html[end..]
    )
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// Serves `root` on `addr` (port 0 picks a free one) until the runtime stops.
/// Returns the bound address.
pub async fn serve(root: PathBuf, addr: SocketAddr) -> std::io::Result<SocketAddr> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let bound = listener.local_addr()?;
    let app = Router::new().fallback(move |req: Request<Body>| {
        let root = root.clone();
        async move {
            let accepted = req
                .headers()
                .get(header::ACCEPT_ENCODING)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string();
            respond(&root, req.uri().path(), &accepted).await
        }
    });
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Ok(bound)
}

/// Whether an `Accept-Encoding` value takes `coding` (and does not refuse it with `q=0`).
fn accepts(accepted: &str, coding: &str) -> bool {
    accepted.split(',').any(|part| {
        let mut pieces = part.split(';').map(str::trim);
        pieces.next() == Some(coding) && !pieces.any(|p| p == "q=0" || p == "q=0.0")
    })
}

/// A file is sent as its precompressed `<file>.br` when the client takes brotli, else as
/// `<file>.gz` when it takes gzip, when those copies exist beside it (as nginx's
/// `brotli_static` and `gzip_static` do); else as it is.
async fn respond(root: &Path, path: &str, accepted: &str) -> Response<Body> {
    let (status, file) = match resolve(root, path) {
        Some(file) => (StatusCode::OK, file),
        None => (StatusCode::NOT_FOUND, not_found_page(root, path)),
    };
    let copy = |suffix: &str| {
        let mut name = file.clone().into_os_string();
        name.push(suffix);
        PathBuf::from(name)
    };
    let encoded = [("br", copy(".br")), ("gzip", copy(".gz"))]
        .into_iter()
        .find(|(coding, copy)| accepts(accepted, coding) && copy.is_file());
    let sent = encoded.as_ref().map_or(&file, |(_, copy)| copy);
    match tokio::fs::read(sent).await {
        Ok(bytes) => {
            // A page's header policy is its own `<meta>` policy (read from the plain file
            // when a compressed copy is sent).
            let html = if !content_type(&file).starts_with("text/html") {
                None
            } else if encoded.is_some() {
                tokio::fs::read_to_string(&file).await.ok()
            } else {
                Some(String::from_utf8_lossy(&bytes).into_owned())
            };
            let mut response = Response::new(Body::from(bytes));
            *response.status_mut() = status;
            let headers = response.headers_mut();
            if let Some((coding, _)) = encoded {
                headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
            }
            headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(content_type(&file)),
            );
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            headers.insert(
                "x-content-type-options",
                HeaderValue::from_static("nosniff"),
            );
            headers.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
            let policy = if file.file_name().is_some_and(|n| n == crate::pwa::WORKER) {
                // A worker runs under the policy of its own script's response: it fetches
                // (and caches) this site's files, nothing else.
                WORKER_CSP.to_string()
            } else {
                csp_header(html.as_deref())
            };
            if let Ok(value) = HeaderValue::from_str(&policy) {
                headers.insert(header::CONTENT_SECURITY_POLICY, value);
            }
            response
        }
        Err(_) => {
            let mut response = Response::new(Body::from("Not found"));
            *response.status_mut() = StatusCode::NOT_FOUND;
            response
        }
    }
}

/// The `404.html` nearest to the path, as GitHub Pages does for a project site under a
/// sub-path (`/satchel/mail` gets `/satchel/404.html`, the app), else the root's.
fn not_found_page(root: &Path, url_path: &str) -> PathBuf {
    let mut dir = root.to_path_buf();
    let mut nearest = root.join("404.html");
    let parts: Vec<&str> = url_path.trim_start_matches('/').split('/').collect();
    for part in parts.iter().take(parts.len().saturating_sub(1)) {
        if part.is_empty() || *part == "." || *part == ".." || part.contains('\\') {
            break;
        }
        dir.push(part);
        if dir.join("404.html").is_file() {
            nearest = dir.join("404.html");
        }
    }
    nearest
}

/// Maps a URL path to an existing file below `root`, refusing anything that climbs out.
fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let mut file = root.to_path_buf();
    for part in Path::new(url_path.trim_start_matches('/')).components() {
        match part {
            Component::Normal(p) => file.push(p),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_accept_encoding() {
        assert!(accepts("gzip, deflate, br", "br"));
        assert!(accepts("br;q=1.0, gzip;q=0.8", "gzip"));
        assert!(!accepts("gzip, br;q=0", "br"));
        assert!(!accepts("gzip", "br"));
        assert!(!accepts("", "gzip"));
    }

    #[tokio::test]
    async fn sends_brotli_then_gzip_copies_when_accepted() {
        let dir = std::env::temp_dir().join(format!("satchel-site-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::fs::write(dir.join("app.js"), "plain").expect("write");
        std::fs::write(dir.join("app.js.br"), "brotli").expect("write");
        std::fs::write(dir.join("app.js.gz"), "gzip").expect("write");
        std::fs::write(dir.join("404.html"), "missing").expect("write");
        let body = |r: Response<Body>| async move {
            let coding = r
                .headers()
                .get(header::CONTENT_ENCODING)
                .map(|v| v.to_str().unwrap_or("").to_string());
            let bytes = axum::body::to_bytes(r.into_body(), 1024)
                .await
                .unwrap_or_default();
            (coding, String::from_utf8_lossy(&bytes).into_owned())
        };
        for (accepted, want) in [
            ("gzip, deflate, br", (Some("br"), "brotli")),
            ("gzip, deflate", (Some("gzip"), "gzip")),
            ("identity", (None, "plain")),
        ] {
            let (coding, text) = body(respond(&dir, "/app.js", accepted).await).await;
            assert_eq!((coding.as_deref(), text.as_str()), want, "{accepted}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn narrows_connect_src_only() {
        let html = r#"<!-- connect-src x; --><meta http-equiv="Content-Security-Policy" content="default-src 'self'; connect-src 'self' https://gmail.googleapis.com; img-src 'self'">"#;
        let out = narrow_connect_src(html, &["http://127.0.0.1:9".into()]);
        assert!(out.contains("connect-src 'self' http://127.0.0.1:9; img-src 'self'"));
        assert!(!out.contains("gmail.googleapis.com"));
        assert!(
            out.starts_with("<!-- connect-src x; -->"),
            "comments are left alone"
        );
    }

    #[test]
    fn narrows_minified_pages() {
        let html = r#"<meta content=x name=viewport><meta content="default-src 'none'; connect-src 'self' https://www.googleapis.com; base-uri 'self'" http-equiv=Content-Security-Policy><title>"#;
        let out = narrow_connect_src(html, &["http://127.0.0.1:9".into()]);
        assert!(
            out.contains("connect-src 'self' http://127.0.0.1:9; base-uri"),
            "{out}"
        );
    }

    #[tokio::test]
    async fn sends_the_precompressed_file_only_to_clients_that_accept_gzip() {
        let dir = std::env::temp_dir().join(format!("satchel-site-gz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("app.js"), "plain").unwrap();
        std::fs::write(dir.join("app.js.gz"), b"\x1f\x8bzipped").unwrap();
        let body = |response: Response<Body>| axum::body::to_bytes(response.into_body(), 1 << 20);

        let zipped = respond(&dir, "/app.js", "gzip").await;
        assert_eq!(zipped.headers()[header::CONTENT_ENCODING], "gzip");
        assert_eq!(
            zipped.headers()[header::CONTENT_TYPE],
            "text/javascript; charset=utf-8"
        );
        assert_eq!(&body(zipped).await.unwrap()[..], b"\x1f\x8bzipped");

        let plain = respond(&dir, "/app.js", "identity").await;
        assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
        assert_eq!(&body(plain).await.unwrap()[..], b"plain");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[tokio::test]
    async fn pages_get_their_policy_with_frame_ancestors_as_a_header() {
        let dir = std::env::temp_dir().join(format!("satchel-site-csp-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("index.html"),
            r#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; connect-src 'self' http://127.0.0.1:9"><title>x</title>"#,
        )
        .unwrap();
        std::fs::write(dir.join("app.js"), "x").unwrap();
        let page = respond(&dir, "/", "identity").await;
        let headers = page.headers();
        assert_eq!(
            headers[header::CONTENT_SECURITY_POLICY],
            "default-src 'none'; connect-src 'self' http://127.0.0.1:9; frame-ancestors 'none'"
        );
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert_eq!(headers["referrer-policy"], "no-referrer");
        assert!(
            headers.get("cross-origin-opener-policy").is_none(),
            "no COOP"
        );
        let script = respond(&dir, "/app.js", "identity").await;
        assert_eq!(
            script.headers()[header::CONTENT_SECURITY_POLICY],
            "default-src 'none'; frame-ancestors 'none'"
        );
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(meta_csp("<meta charset=utf-8><title>"), None);
    }

    #[test]
    fn unknown_paths_get_the_nearest_404_page() {
        let dir = std::env::temp_dir().join(format!("satchel-site-404-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("satchel")).unwrap();
        std::fs::write(dir.join("satchel/404.html"), "app").unwrap();
        assert_eq!(
            not_found_page(&dir, "/satchel/mail/inbox"),
            dir.join("satchel/404.html")
        );
        assert_eq!(not_found_page(&dir, "/other/x"), dir.join("404.html"));
        assert_eq!(not_found_page(&dir, "/../satchel/x"), dir.join("404.html"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn resolve_refuses_parent_dirs() {
        let dir = std::env::temp_dir();
        assert!(resolve(&dir, "/../etc/passwd").is_none());
    }
}
