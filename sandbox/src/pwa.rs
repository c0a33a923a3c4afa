//! The installable app's build-time files: the service worker's precache list and build id
//! (written into `sw.js`) and the manifest's `start_url`/`scope` (from the public URL).
//! `cargo xtask wasm` calls this after the bundle is in place; the end-to-end tests call it
//! again on an edited copy of a bundle to make a second deployment the way a build does.
//! It lives here, beside `site::deploy`, because both the tooling and the tests use it.

use std::path::{Path, PathBuf};

/// The worker, under the public URL (its scope is the directory it is served from).
pub const WORKER: &str = "sw.js";
/// The web app manifest, beside `index.html`.
pub const MANIFEST: &str = "manifest.webmanifest";
/// The line of `sw.js` that names the build (its cache is `satchel-<id>`).
const BUILD_LINE: &str = "const BUILD = ";
/// The line of `sw.js` that lists the precached files, relative to the worker's scope.
const FILES_LINE: &str = "const FILES = ";

/// What one build's worker caches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Precache {
    /// A hash of every precached file's name and bytes: a new build, a new id.
    pub build_id: String,
    /// (path relative to the public URL, size in bytes), sorted.
    pub files: Vec<(String, u64)>,
}

impl Precache {
    pub fn bytes(&self) -> u64 {
        self.files.iter().map(|(_, size)| size).sum()
    }
}

/// Whether a file of the bundle is precached: everything the page can load, but not the
/// worker itself (the browser fetches it afresh to look for updates), not `config.json`
/// (deployment configuration: network first), not `404.html` (navigations get
/// `index.html`) and not the precompressed copies (the worker stores decoded bodies).
fn precached(relative: &str) -> bool {
    !matches!(relative, WORKER | "config.json" | "404.html")
        && !relative.ends_with(".br")
        && !relative.ends_with(".gz")
}

/// Sets the manifest's `start_url` and `scope` to `public_url` and writes the precache
/// list and build id into `sw.js`, both in `dir`. Can run again on the same directory.
pub fn write_offline_files(dir: &Path, public_url: &str) -> std::io::Result<Precache> {
    let base = if public_url.ends_with('/') {
        public_url.to_string()
    } else {
        format!("{public_url}/")
    };
    let manifest_path = dir.join(MANIFEST);
    let text = std::fs::read_to_string(&manifest_path)?;
    let mut manifest: serde_json::Value =
        serde_json::from_str(&text).map_err(std::io::Error::other)?;
    manifest["start_url"] = base.clone().into();
    manifest["scope"] = base.into();
    let text = serde_json::to_string_pretty(&manifest).map_err(std::io::Error::other)?;
    std::fs::write(&manifest_path, text + "\n")?;

    let precache = precache_of(dir)?;
    let worker_path = dir.join(WORKER);
    let worker = std::fs::read_to_string(&worker_path)?;
    let names: Vec<&str> = precache.files.iter().map(|(n, _)| n.as_str()).collect();
    let names = serde_json::to_string(&names).map_err(std::io::Error::other)?;
    let mut written = (false, false);
    let lines: Vec<String> = worker
        .lines()
        .map(|line| {
            if line.starts_with(BUILD_LINE) {
                written.0 = true;
                format!("{BUILD_LINE}'{}';", precache.build_id)
            } else if line.starts_with(FILES_LINE) {
                written.1 = true;
                format!("{FILES_LINE}{names};")
            } else {
                line.to_string()
            }
        })
        .collect();
    if written != (true, true) {
        return Err(std::io::Error::other(format!(
            "{} has no `{BUILD_LINE}` or `{FILES_LINE}` line",
            worker_path.display()
        )));
    }
    std::fs::write(&worker_path, lines.join("\n") + "\n")?;
    Ok(precache)
}

/// The build id written into the worker in `dir` (a deployment may have edited the pages
/// since, so it is read, not recomputed).
pub fn written_build_id(dir: &Path) -> Option<String> {
    let worker = std::fs::read_to_string(dir.join(WORKER)).ok()?;
    let line = worker.lines().find(|l| l.starts_with(BUILD_LINE))?;
    let id = line.strip_prefix(BUILD_LINE)?.trim_end_matches(';');
    Some(id.trim_matches('\'').to_string())
}

/// The precache list of the bundle in `dir` and its build id.
pub fn precache_of(dir: &Path) -> std::io::Result<Precache> {
    let mut paths = Vec::new();
    walk(dir, &mut paths)?;
    let mut files = Vec::new();
    // FNV-1a: stable across builds and toolchains, unlike `DefaultHasher`.
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    let mut relative: Vec<(String, PathBuf)> = paths
        .into_iter()
        .filter_map(|path| {
            let name = path.strip_prefix(dir).ok()?.to_str()?.replace('\\', "/");
            precached(&name).then_some((name, path))
        })
        .collect();
    relative.sort();
    for (name, path) in relative {
        let bytes = std::fs::read(&path)?;
        eat(name.as_bytes());
        eat(&[0]);
        eat(&bytes);
        files.push((name, bytes.len() as u64));
    }
    Ok(Precache {
        build_id: format!("{hash:016x}"),
        files,
    })
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_the_list_the_id_and_the_scope_again_and_again() {
        let dir = std::env::temp_dir().join(format!("satchel-pwa-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("pkg-1")).expect("dir");
        let write = |name: &str, text: &str| std::fs::write(dir.join(name), text).expect("write");
        write("index.html", "<html>");
        write("404.html", "<html>");
        write("config.json", "{}");
        write("pkg-1/satchel.js", "js");
        write("pkg-1/satchel.js.br", "br");
        write(
            MANIFEST,
            r#"{"name": "Satchel", "start_url": "/", "scope": "/"}"#,
        );
        write(
            WORKER,
            "const BUILD = 'x';\nconst FILES = [];\nself.x = 1;\n",
        );

        let first = write_offline_files(&dir, "/satchel").expect("write");
        let names: Vec<&str> = first.files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["index.html", MANIFEST, "pkg-1/satchel.js"]);
        let worker = std::fs::read_to_string(dir.join(WORKER)).expect("read");
        assert!(worker.contains(&format!("const BUILD = '{}';", first.build_id)));
        assert!(worker.contains(
            r#"const FILES = ["index.html","manifest.webmanifest","pkg-1/satchel.js"];"#
        ));
        assert!(worker.contains("self.x = 1;"));
        let manifest = std::fs::read_to_string(dir.join(MANIFEST)).expect("read");
        let manifest: serde_json::Value = serde_json::from_str(&manifest).expect("json");
        assert_eq!(
            (manifest["start_url"].as_str(), manifest["scope"].as_str()),
            (Some("/satchel/"), Some("/satchel/"))
        );

        assert_eq!(
            write_offline_files(&dir, "/satchel/").expect("again"),
            first
        );
        write("pkg-1/satchel.js", "js, rebuilt");
        let second = write_offline_files(&dir, "/satchel/").expect("rebuilt");
        assert_ne!(second.build_id, first.build_id, "new bytes, new build");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
