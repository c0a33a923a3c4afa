//! `cargo xtask demo | test | bench`: the project's commands. Each installs what it needs
//! first (see tools.rs) and skips what is already there.

mod bench;
mod bench_calendar;
mod bench_event;
mod bench_floor;
mod bench_landing;
mod bench_lighthouse;
mod bench_mail;
mod bench_parsers;
mod bench_pwa;
mod bench_reading;
mod bench_sending;
mod boot_texts;
mod compress;
mod demo;
mod test;
mod tools;
mod wasm;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

const USAGE: &str = "usage:
  cargo xtask demo [--flow token|pkce] [--port 8080] [--sandbox-port 8787] [--seed 42]
                   [--client-id ID]   (with a client ID: the real Google instead of the sandbox)
  cargo xtask test                    (every test layer; installs the tools it needs)
  cargo xtask bench [--loads 15]      (bundle sizes and timings)
  cargo xtask setup                   (only install the tools)
  cargo xtask wasm [--out DIR] [--release|--debug] [--public-url /]
                                      (the split wasm; run by `trunk build` as its hook)";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("demo") => demo::run(&args[1..]),
        Some("test") => test::run(&args[1..]),
        Some("bench") => bench::run(&args[1..]),
        Some("setup") => tools::ensure_all(),
        // Trunk's post_build hook (Trunk.toml): the split wasm bundle.
        Some("wasm") => wasm::run_cli(&args[1..]),
        _ => {
            eprintln!("{USAGE}");
            std::process::exit(2);
        }
    };
    if let Err(e) = result {
        eprintln!("xtask: {e}");
        std::process::exit(1);
    }
}

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Runs a command in the workspace root and fails when it fails.
pub fn run(command: &mut Command) -> Result<()> {
    let status = command.current_dir(workspace_root()).status()?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{command:?} failed with {status}").into())
    }
}

/// Test counts gathered from `cargo test` output.
#[derive(Default, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub passed: u64,
    pub failed: u64,
    pub ignored: u64,
}

/// Reads `test result: ok. 3 passed; 0 failed; 1 ignored; …` lines.
pub fn count_line(line: &str, counts: &mut Counts) {
    let Some(rest) = line.trim().strip_prefix("test result: ") else {
        return;
    };
    for part in rest.split(';') {
        let mut words = part.split_whitespace().rev();
        let (Some(label), Some(number)) = (words.next(), words.next()) else {
            continue;
        };
        let Ok(n) = number.parse::<u64>() else {
            continue;
        };
        match label {
            "passed" => counts.passed += n,
            "failed" => counts.failed += n,
            "ignored" => counts.ignored += n,
            _ => {}
        }
    }
}

/// Runs a `cargo test`-like command, echoing its output, and adds up its results.
pub fn run_tests(command: &mut Command, counts: &mut Counts) -> Result<()> {
    let mut child = command
        .current_dir(workspace_root())
        .stdout(Stdio::piped())
        .spawn()?;
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines() {
            let line = line?;
            println!("{line}");
            count_line(&line, counts);
        }
    }
    let status = child.wait()?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{command:?} failed with {status}").into())
    }
}

/// `trunk build --release` into `dist/`; its hook builds the split wasm (`cargo xtask wasm`).
pub fn build_release() -> Result<()> {
    run(Command::new("trunk").args(["build", "--release"]))
}

/// The public URL of the sub-path build the end-to-end tests deploy under `/satchel/`.
pub const SUBPATH_URL: &str = "/satchel/";

/// Where `cargo xtask test` puts the sub-path build: beside the target's other outputs.
pub fn subpath_dist() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| workspace_root().join("target"), PathBuf::from)
        .join("dist-subpath")
}

/// The release bundle built for a sub-path (`--public-url /satchel/`) into
/// [`subpath_dist`]: the wasm is the same (cargo's cache), the pages, manifest and worker
/// are written for that URL.
pub fn build_release_subpath() -> Result<()> {
    run(Command::new("trunk")
        .args(["build", "--release", "--public-url", SUBPATH_URL, "--dist"])
        .arg(subpath_dist()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_cargo_and_wasm_test_results() {
        let mut counts = Counts::default();
        count_line("test result: ok. 12 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s", &mut counts);
        count_line(
            "test result: FAILED. 3 passed; 2 failed; 0 ignored; 0 measured",
            &mut counts,
        );
        count_line("test foo ... ok", &mut counts);
        assert_eq!(
            counts,
            Counts {
                passed: 15,
                failed: 2,
                ignored: 1
            }
        );
    }
}
