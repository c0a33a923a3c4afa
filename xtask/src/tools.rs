//! Installs what the build and the tests need, each only when missing, from the registries
//! this machine reaches (crates.io, npm, Debian). Trunk's own downloads (GitHub) are never used.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use crate::{run, workspace_root, Result};

pub const TRUNK_VERSION: &str = "0.21.14";
pub const BINARYEN_VERSION: &str = "132";
/// Minifies the release glue JS (xtask/src/wasm.rs).
pub const TERSER_VERSION: &str = "5.51.4";

/// Everything: the wasm target, trunk, wasm-bindgen-cli, wasm-opt and Chromium.
pub fn ensure_all() -> Result<()> {
    ensure_wasm_target()?;
    ensure_trunk()?;
    ensure_wasm_bindgen()?;
    ensure_wasm_opt()?;
    ensure_terser()?;
    ensure_chromium()?;
    Ok(())
}

/// The tools to build the bundle (no browser).
pub fn ensure_build_tools() -> Result<()> {
    ensure_wasm_target()?;
    ensure_trunk()?;
    ensure_wasm_bindgen()?;
    ensure_wasm_opt()?;
    ensure_terser()
}

fn output_of(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn step(what: &str, f: impl FnOnce() -> Result<()>) -> Result<()> {
    let start = Instant::now();
    eprintln!("xtask: installing {what} …");
    f()?;
    eprintln!(
        "xtask: installed {what} in {:.0} s",
        start.elapsed().as_secs_f64()
    );
    Ok(())
}

/// `step` for one command: `program args`.
fn install(what: &str, program: &str, args: &[&str]) -> Result<()> {
    step(what, || run(Command::new(program).args(args)))
}

pub fn ensure_wasm_target() -> Result<()> {
    let installed = output_of("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    let target = ["target", "add", "wasm32-unknown-unknown"];
    install("the wasm32-unknown-unknown target", "rustup", &target)
}

pub fn ensure_trunk() -> Result<()> {
    let version = output_of("trunk", &["--version"]).unwrap_or_default();
    if version.split_whitespace().any(|w| w == TRUNK_VERSION) {
        return Ok(());
    }
    // A debug build installs in ~4 minutes instead of ~11; trunk's speed is not the bottleneck.
    let what = format!("trunk {TRUNK_VERSION} (about 4 minutes)");
    let args = [
        "install",
        "--locked",
        "--debug",
        "trunk",
        "--version",
        TRUNK_VERSION,
    ];
    install(&what, "cargo", &args)
}

/// The wasm-bindgen version Cargo.lock pins; the CLI must match it exactly.
pub fn locked_wasm_bindgen_version(lock: &str) -> Option<String> {
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            let version = lines.next()?.trim().strip_prefix("version = \"")?;
            return Some(version.trim_end_matches('"').to_string());
        }
    }
    None
}

pub fn ensure_wasm_bindgen() -> Result<()> {
    let lock = std::fs::read_to_string(workspace_root().join("Cargo.lock"))?;
    let wanted = locked_wasm_bindgen_version(&lock).ok_or("Cargo.lock names no wasm-bindgen")?;
    let have = output_of("wasm-bindgen", &["--version"]).unwrap_or_default();
    let runner = output_of("wasm-bindgen-test-runner", &["--version"]).unwrap_or_default();
    if have.split_whitespace().any(|w| w == wanted) && runner.contains(&wanted) {
        return Ok(());
    }
    // Without --locked: the CLI's own lock file wants a webpki-roots the registry lacks.
    let what = format!("wasm-bindgen-cli {wanted} (about 2 minutes)");
    let args = [
        "install",
        "--debug",
        "--force",
        "wasm-bindgen-cli",
        "--version",
        &wanted,
    ];
    install(&what, "cargo", &args)
}

pub fn ensure_wasm_opt() -> Result<()> {
    let version = output_of("wasm-opt", &["--version"]).unwrap_or_default();
    if version.contains(&format!("version {BINARYEN_VERSION}")) {
        return Ok(());
    }
    // npm's binaryen ships the wasm-opt binary; Debian's (108) breaks the bundle.
    let what = format!("wasm-opt from binaryen@{BINARYEN_VERSION} (seconds)");
    let package = format!("binaryen@{BINARYEN_VERSION}.0.0");
    let args = ["install", "--global", "--no-audit", "--no-fund", &package];
    install(&what, "npm", &args)
}

pub fn ensure_terser() -> Result<()> {
    let version = output_of("terser", &["--version"]).unwrap_or_default();
    if version.contains(TERSER_VERSION) {
        return Ok(());
    }
    let what = format!("terser@{TERSER_VERSION} (seconds)");
    let package = format!("terser@{TERSER_VERSION}");
    let args = ["install", "--global", "--no-audit", "--no-fund", &package];
    install(&what, "npm", &args)
}

pub fn ensure_chromium() -> Result<()> {
    if Path::new(&chromium()).exists() && Path::new(&chromedriver()).exists() {
        return Ok(());
    }
    step(
        "Chromium and chromedriver from Debian (about 1 minute)",
        || {
            let sudo = output_of("id", &["-u"]).is_some_and(|uid| uid.trim() != "0");
            let apt = |args: &[&str]| {
                let mut command = if sudo {
                    Command::new("sudo")
                } else {
                    Command::new("apt-get")
                };
                if sudo {
                    command.arg("apt-get");
                }
                command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
                run(&mut command)
            };
            apt(&["update", "-q"])?;
            apt(&["install", "-y", "-q", "chromium", "chromium-driver"])
        },
    )
}

pub fn chromium() -> String {
    std::env::var("CHROME").unwrap_or_else(|_| "/usr/bin/chromium".into())
}

pub fn chromedriver() -> String {
    std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_locked_wasm_bindgen_version() {
        let lock = "[[package]]\nname = \"wasm-bindgen-futures\"\nversion = \"0.4.1\"\n\n[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n";
        assert_eq!(
            locked_wasm_bindgen_version(lock).as_deref(),
            Some("0.2.130")
        );
    }

    /// Cargo.toml's `=` pin and Cargo.lock must name one wasm-bindgen version: the CLI
    /// (`ensure_wasm_bindgen`, used by `cargo xtask wasm`) is installed at the locked one.
    /// The splitter is pinned with `=` in xtask/Cargo.toml and locked at that version, and
    /// Trunk no longer runs wasm-bindgen or wasm-opt (it cannot split), so it pins neither.
    #[test]
    fn wasm_bindgen_versions_agree() {
        let root = workspace_root();
        let lock = std::fs::read_to_string(root.join("Cargo.lock")).expect("Cargo.lock");
        let locked = locked_wasm_bindgen_version(&lock).expect("locked version");
        let manifest = std::fs::read_to_string(root.join("Cargo.toml")).expect("Cargo.toml");
        assert!(
            manifest.contains(&format!("wasm-bindgen = \"={locked}\"")),
            "Cargo.toml pin"
        );
        let xtask =
            std::fs::read_to_string(root.join("xtask/Cargo.toml")).expect("xtask/Cargo.toml");
        let split = xtask
            .lines()
            .find_map(|l| l.strip_prefix("wasm_split_cli_support = \"="))
            .expect("xtask/Cargo.toml pins wasm_split_cli_support with =")
            .trim_end_matches('"');
        assert!(
            lock.contains(&format!(
                "name = \"wasm_split_cli_support\"\nversion = \"{split}\""
            )),
            "Cargo.lock has wasm_split_cli_support {split}"
        );
        let trunk = std::fs::read_to_string(root.join("Trunk.toml")).expect("Trunk.toml");
        assert!(
            !trunk.contains("[tools]"),
            "Trunk.toml must not pin tools it no longer runs"
        );
        assert!(
            trunk.contains("xtask -- wasm"),
            "Trunk.toml runs the split build"
        );
    }
}
