//! `cargo xtask wasm`: the app's wasm, split into lazily loaded chunks. Trunk builds the
//! page (HTML, CSS, icon, boot.js) and runs this as its post_build hook (Trunk.toml); Trunk
//! itself cannot split (its wasm-bindgen runs on the unsplit module, without
//! `--keep-lld-exports`).
//!
//! Pipeline: `cargo build` with `--cfg satchel_split` (turns on `#[lazy]`, src/ui/app.rs) and
//! `--emit-relocs` (the splitter needs the relocations) -> wasm_split_cli_support (main
//! module, one wasm per `#[lazy]` function, `__wasm_split.js`) -> wasm-bindgen on the main
//! module -> wasm-opt on every module (release). The files go to `pkg-<content hash>/` in the
//! output directory, and the page's `__SATCHEL_PKG__` placeholders are replaced with that
//! directory. The file names inside stay fixed (the glue and `__wasm_split.js` import each
//! other by name); the directory name busts caches.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::{run, workspace_root, Result};

/// What index.html names the bundle directory with.
pub const PLACEHOLDER: &str = "__SATCHEL_PKG__";

/// `cargo xtask wasm [--out DIR] [--release|--debug] [--public-url URL]`. Defaults from the
/// Trunk hook environment: TRUNK_STAGING_DIR, TRUNK_PROFILE, TRUNK_PUBLIC_URL.
pub fn run_cli(args: &[String]) -> Result<()> {
    let mut out = std::env::var_os("TRUNK_STAGING_DIR").map(PathBuf::from);
    let mut release = std::env::var("TRUNK_PROFILE").map_or(true, |p| p == "release");
    let mut public_url = std::env::var("TRUNK_PUBLIC_URL").unwrap_or_else(|_| "/".into());
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" => out = Some(args.next().ok_or("--out DIR")?.into()),
            "--release" => release = true,
            "--debug" => release = false,
            "--public-url" => public_url = args.next().ok_or("--public-url URL")?.clone(),
            other => return Err(format!("cargo xtask wasm: unknown argument {other}").into()),
        }
    }
    let out = out.ok_or("cargo xtask wasm: give --out DIR (or run as Trunk's hook)")?;
    let pkg = build(&out, release)?;
    let prefix = format!("{}/{pkg}", public_url.trim_end_matches('/'));
    for page in ["index.html", "404.html"] {
        let path = out.join(page);
        if let Ok(html) = std::fs::read_to_string(&path) {
            std::fs::write(
                &path,
                strip_skipped_rust_link(&html).replace(PLACEHOLDER, &prefix),
            )?;
        }
    }
    crate::boot_texts::write(&out)?;
    // The worker's precache list and build id, the manifest's scope: after the pages are
    // final, since their bytes are part of the build id.
    let precache = satchel_sandbox::pwa::write_offline_files(&out, &public_url)?;
    eprintln!(
        "xtask wasm: service worker build {} precaches {} files, {} bytes",
        precache.build_id,
        precache.files.len(),
        precache.bytes()
    );
    if release {
        // Served as they are by hosts that can (README, "Deploying").
        crate::compress::precompress(&out, &crate::compress::BUNDLE)?;
    }
    Ok(())
}

/// Builds, splits, binds and optimizes the app into `out/pkg-<hash>/`; returns that
/// directory's name.
pub fn build(out: &Path, release: bool) -> Result<String> {
    let start = std::time::Instant::now();
    let wasm = cargo_build_wasm(WasmBuild {
        package: "satchel",
        features: &[],
        rustflags: encoded_rustflags(&SPLIT_RUSTFLAGS),
        release,
        own_target_dir: None,
    })?;
    let work = wasm.with_file_name("satchel-split");
    if work.exists() {
        std::fs::remove_dir_all(&work)?;
    }
    let (chunks, pkg) = (work.join("chunks"), work.join("pkg"));
    std::fs::create_dir_all(&chunks)?;
    std::fs::create_dir_all(&pkg)?;
    let main = work.join("main.wasm");

    let input = std::fs::read(&wasm)?;
    let split = wasm_split_cli_support::transform({
        let mut opts = wasm_split_cli_support::Options::new(&input);
        opts.output_dir = &chunks;
        opts.main_out_path = &main;
        opts.main_module = "./satchel.js";
        opts.link_name = "./__wasm_split.js";
        opts
    })
    .map_err(|e| format!("wasm split: {e:?}"))?;
    drop(input);
    for entry in std::fs::read_dir(&chunks)? {
        let path = entry?.path();
        if path.is_file() {
            std::fs::copy(&path, pkg.join(path.file_name().ok_or("file name")?))?;
        }
    }

    run(Command::new("wasm-bindgen")
        .args([
            "--target",
            "web",
            "--keep-lld-exports",
            "--no-typescript",
            "--out-name",
            "satchel",
        ])
        .arg("--out-dir")
        .arg(&pkg)
        .arg(&main))?;

    if release {
        for entry in std::fs::read_dir(&pkg)? {
            let path = entry?.path();
            if path.extension().is_some_and(|e| e == "wasm") {
                optimize(&path)?;
            }
        }
        // wasm-bindgen's glue and the split loader, which Trunk's minifier cannot parse:
        // terser takes 2.9 KB gzip off them (satchel.js 12,468 -> 10,012 B,
        // __wasm_split.js 1,152 -> 664 B). Top-level names and exports stay (`--module`
        // mangles locals only; property names, which the wasm imports by, are kept).
        for js in ["satchel.js", "__wasm_split.js"] {
            let path = pkg.join(js);
            run(Command::new("terser")
                .arg(&path)
                .args(["--module", "--compress", "--mangle", "-o"])
                .arg(&path))?;
        }
    }
    // The other languages' tables, in the directory whose name is their content's hash.
    crate::boot_texts::write_tables(&pkg)?;

    let name = format!("pkg-{:016x}", hash_dir(&pkg)?);
    let dest = out.join(&name);
    if dest.exists() {
        std::fs::remove_dir_all(&dest)?;
    }
    std::fs::create_dir_all(out)?;
    copy_files(&pkg, &dest)?;
    std::fs::remove_dir_all(&work)?;
    eprintln!(
        "xtask wasm: {} ({} lazy chunks) in {:.0} s",
        dest.display(),
        split.split_modules.len(),
        start.elapsed().as_secs_f64()
    );
    Ok(name)
}

/// `wasm-opt -Oz` in place, as the release bundle gets it.
pub fn optimize(wasm: &Path) -> Result<()> {
    let mut opt = Command::new("wasm-opt");
    // For size studies (`twiggy top`): keep the function names.
    if std::env::var_os("SATCHEL_KEEP_NAMES").is_some() {
        opt.arg("-g");
    }
    let output = opt
        .args([
            "-Oz",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
        ])
        .args(["--strip-producers", "--strip-target-features"])
        .arg(wasm)
        .arg("-o")
        .arg(wasm)
        .current_dir(workspace_root())
        .output()?;
    // binaryen 132 warns "unknown name subsection with id 3" for every module: the name
    // subsections rustc writes that it does not read (it drops them, which -Oz would do
    // anyway). Dozens of them buried whatever else the build said, so they are left out.
    let stderr = String::from_utf8_lossy(&output.stderr);
    for line in stderr.lines() {
        if !line.starts_with("warning: unknown name subsection") {
            eprintln!("{line}");
        }
    }
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "wasm-opt failed on {} with {}",
            wasm.display(),
            output.status
        )
        .into())
    }
}

/// The rustflags of the split build. CARGO_ENCODED_RUSTFLAGS replaces those of
/// .cargo/config.toml, so `erase_components` is repeated here. `--emit-relocs` only here:
/// it would bloat an unsplit build.
pub const SPLIT_RUSTFLAGS: [&str; 5] = [
    "--cfg",
    "erase_components",
    "--cfg",
    "satchel_split",
    "-Clink-args=--emit-relocs",
];

/// `--remap-path-prefix` for the registry sources and this workspace. Panic locations
/// carry source paths; unmapped, the public bundle would name the builder's home
/// directory (`/root/.cargo/registry/src/index.crates.io-.../tachys-0.2.19/...`), which
/// says nothing to a user and costs bytes in every module.
pub fn remap_flags() -> Vec<String> {
    let mut flags = Vec::new();
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")));
    if let Some(Ok(indexes)) = cargo_home.map(|home| std::fs::read_dir(home.join("registry/src"))) {
        for index in indexes.flatten() {
            flags.push(format!("--remap-path-prefix={}/=", index.path().display()));
        }
    }
    flags.push(format!(
        "--remap-path-prefix={}/=",
        workspace_root().display()
    ));
    flags
}

/// The rustflags of a release wasm build: `base` plus the path remapping.
pub fn encoded_rustflags(base: &[&str]) -> String {
    let mut flags: Vec<String> = base.iter().map(|f| f.to_string()).collect();
    flags.extend(remap_flags());
    flags.join("\x1f")
}

/// What to build for wasm: a binary package (named like its binary).
pub struct WasmBuild<'a> {
    pub package: &'a str,
    pub features: &'a [&'a str],
    /// As CARGO_ENCODED_RUSTFLAGS.
    pub rustflags: String,
    pub release: bool,
    /// A subdirectory of the target directory to build in instead. A build with other
    /// rustflags in the app's own would overwrite its dependencies and force a full rebuild.
    pub own_target_dir: Option<&'a str>,
}

/// `cargo build` of a package for wasm; returns the path of the .wasm.
pub fn cargo_build_wasm(build: WasmBuild) -> Result<PathBuf> {
    let WasmBuild {
        package,
        features,
        rustflags,
        release,
        own_target_dir,
    } = build;
    let mut command = Command::new("cargo");
    if let Some(dir) = own_target_dir {
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map_or_else(|| workspace_root().join("target"), PathBuf::from);
        command.env("CARGO_TARGET_DIR", target.join(dir));
    }
    command.args(["build", "--package", package, "--bin", package]);
    command.args([
        "--target",
        "wasm32-unknown-unknown",
        "--message-format",
        "json-render-diagnostics",
    ]);
    if release {
        command.arg("--release");
    }
    if !features.is_empty() {
        command.args(["--features", &features.join(",")]);
    }
    let output = command
        .env("CARGO_ENCODED_RUSTFLAGS", rustflags)
        .env_remove("RUSTFLAGS")
        .current_dir(workspace_root())
        .stderr(Stdio::inherit())
        .output()?;
    if !output.status.success() {
        return Err(format!("cargo build of the wasm failed with {}", output.status).into());
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    for line in stdout.lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if message["reason"] == "compiler-artifact" && message["target"]["name"] == package {
            let wasm = message["filenames"]
                .as_array()
                .into_iter()
                .flatten()
                .find_map(|f| {
                    f.as_str()
                        .filter(|f| f.ends_with(".wasm"))
                        .map(PathBuf::from)
                });
            if let Some(wasm) = wasm {
                return Ok(wasm);
            }
        }
    }
    Err(format!("cargo build named no {package} .wasm").into())
}

/// Removes the `<link data-trunk rel="rust" data-trunk-skip>` Trunk leaves in the page
/// (it is there only so that Trunk does not build the crate itself).
fn strip_skipped_rust_link(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<link") {
        let end = rest[start..]
            .find('>')
            .map_or(rest.len(), |i| start + i + 1);
        out.push_str(&rest[..start]);
        if !rest[start..end].contains("data-trunk-skip") {
            out.push_str(&rest[start..end]);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn copy_files(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let path = entry?.path();
        std::fs::copy(&path, to.join(path.file_name().ok_or("file name")?))?;
    }
    Ok(())
}

/// FNV-1a over the names and contents of the files in `dir` (sorted): stable across
/// builds and toolchains, unlike `DefaultHasher`.
fn hash_dir(dir: &Path) -> Result<u64> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<_>>()?;
    paths.sort();
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for path in paths {
        eat(path
            .file_name()
            .map(|n| n.as_encoded_bytes())
            .unwrap_or_default());
        eat(&[0]);
        eat(&std::fs::read(&path)?);
    }
    Ok(hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_names_the_bundle_through_the_placeholder() {
        let html =
            std::fs::read_to_string(workspace_root().join("index.html")).expect("index.html");
        for file in ["satchel.js", "satchel_bg.wasm"] {
            assert!(html.contains(&format!("{PLACEHOLDER}/{file}")), "{file}");
        }
        assert!(
            html.contains(r#"<link data-trunk rel="rust" data-trunk-skip>"#),
            "Trunk must not build the wasm: it cannot split"
        );
    }

    #[test]
    fn strips_only_the_skipped_rust_link() {
        let html = "<link rel=modulepreload href=a.js><link data-trunk data-trunk-id=0 data-trunk-skip rel=rust><title>";
        assert_eq!(
            strip_skipped_rust_link(html),
            "<link rel=modulepreload href=a.js><title>"
        );
    }

    #[test]
    fn release_flags_remap_this_workspace_and_the_registry() {
        let flags = encoded_rustflags(&SPLIT_RUSTFLAGS);
        let flags: Vec<&str> = flags.split('\x1f').collect();
        assert_eq!(flags[..SPLIT_RUSTFLAGS.len()], SPLIT_RUSTFLAGS);
        let workspace = format!("--remap-path-prefix={}/=", workspace_root().display());
        assert!(flags.contains(&workspace.as_str()), "{flags:?}");
        assert!(
            flags
                .iter()
                .any(|f| f.contains("/registry/src/") && f.ends_with("/=")),
            "{flags:?}"
        );
    }

    #[test]
    fn split_flags_keep_the_config_flags() {
        let config = std::fs::read_to_string(workspace_root().join(".cargo/config.toml")).unwrap();
        assert!(config.contains("\"--cfg\", \"erase_components\""));
        assert!(
            !config.contains("emit-relocs"),
            "--emit-relocs bloats unsplit builds"
        );
        assert!(SPLIT_RUSTFLAGS
            .windows(2)
            .any(|w| w == ["--cfg", "erase_components"]));
    }
}
