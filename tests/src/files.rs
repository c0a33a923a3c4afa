//! Files: where the workspace and the built app are, temporary directories, and the
//! attachments tests send (their bytes, their sha256, what the sandbox received).

use std::path::{Path, PathBuf};

use serde_json::Value;

/// The workspace root (this crate lives in `tests/`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The release bundle to test: `$SATCHEL_DIST`, or `dist/` in the workspace.
pub fn dist_dir() -> PathBuf {
    let dir = std::env::var_os("SATCHEL_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("dist"));
    assert!(
        dir.join("index.html").is_file(),
        "no built app in {}: run `cargo xtask test`, which builds the release bundle first",
        dir.display()
    );
    dir
}

/// The files of a built site's `pkg-<hash>/` directory (`cargo xtask wasm`): the wasm
/// modules and their JS.
pub fn bundle_files(site: &Path) -> Vec<PathBuf> {
    let entries = |dir: &Path| -> Vec<PathBuf> {
        std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect()
    };
    let pkg = entries(site)
        .into_iter()
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("pkg-"))
        })
        .unwrap_or_else(|| panic!("no pkg-* directory in {}", site.display()));
    // Not the precompressed `.br`/`.gz` copies: the browser asks for the files themselves.
    entries(&pkg)
        .into_iter()
        .filter(|p| !matches!(p.extension().and_then(|e| e.to_str()), Some("br" | "gz")))
        .collect()
}

/// A directory removed on drop.
pub struct TempDir {
    pub path: PathBuf,
}

impl TempDir {
    /// Writes the file `name` in this directory; returns its path.
    pub fn file(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path.join(name);
        std::fs::write(&path, contents).unwrap_or_else(|e| panic!("write {name}: {e}"));
        path
    }

    pub fn new(tag: &str) -> TempDir {
        use std::sync::atomic::{AtomicU32, Ordering};
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let path = std::env::temp_dir().join(format!(
            "satchel-{tag}-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("create temp dir");
        TempDir { path }
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// Deterministic bytes that do not compress or look like text (attachments in tests and
/// benchmarks).
pub fn noise(len: usize) -> Vec<u8> {
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

/// The sha256 of a file, as `sha256sum` prints it (the sandbox's outbox uses the same form).
pub fn sha256_file(path: &Path) -> String {
    let out = std::process::Command::new("sha256sum")
        .arg(path)
        .output()
        .expect("run sha256sum");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string()
}

/// Asserts that the sandbox received the file at `path` among `attachments` (as its outbox
/// lists them), with its name, size and sha256.
pub fn assert_attached(attachments: &[Value], path: &Path) {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let file = attachments
        .iter()
        .find(|f| f["filename"] == name)
        .unwrap_or_else(|| panic!("{name} missing: {attachments:?}"));
    let size = std::fs::metadata(path).expect("stat").len();
    assert_eq!(file["size"], size, "{name}");
    assert_eq!(file["sha256"], sha256_file(path).as_str(), "{name}");
}

/// The attachments of a message in the sandbox's outbox.
pub fn attachments(sent: &Value) -> Vec<Value> {
    sent["attachments"].as_array().cloned().unwrap_or_default()
}
