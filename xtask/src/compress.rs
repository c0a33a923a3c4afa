//! Precompressed copies of the bundle: `<file>.br` (brotli, quality 11) and `<file>.gz`
//! (gzip -9) beside each file, for hosts that serve them as they are (nginx's
//! `brotli_static`/`gzip_static`, the bundled server). HTML is left out: deployments
//! rewrite `index.html` (its CSP `connect-src`), and a stale compressed copy would win.

use std::io::Write;
use std::path::Path;

use crate::Result;

/// The kinds of file the release bundle precompresses.
pub const BUNDLE: [&str; 4] = ["wasm", "js", "css", "svg"];

/// Whether `path` is a precompressed copy (not a file of the bundle itself).
pub fn is_precompressed(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("br" | "gz"))
}

pub fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?)
}

/// Brotli at quality 11 with a 4 MiB window (what `brotli -q 11` uses).
pub fn brotli(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        writer.write_all(bytes)?;
    }
    Ok(out)
}

/// Writes `.br` and `.gz` beside every file below `dir` whose extension is in `kinds`.
pub fn precompress(dir: &Path, kinds: &[&str]) -> Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            precompress(&path, kinds)?;
            continue;
        }
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        // Not the service worker: it is small, and the tests rewrite it as a new deployment
        // would, which must never leave a stale compressed copy to be served instead.
        let worker = path
            .file_name()
            .is_some_and(|n| n == satchel_sandbox::pwa::WORKER);
        if !kinds.contains(&ext) || worker {
            continue;
        }
        let bytes = std::fs::read(&path)?;
        for (suffix, compressed) in [(".br", brotli(&bytes)?), (".gz", gzip(&bytes)?)] {
            let mut name = path.clone().into_os_string();
            name.push(suffix);
            std::fs::write(name, compressed)?;
        }
    }
    Ok(())
}
