//! `cargo xtask bench parsers`: every network parser's property tests at 10,000 cases, and
//! the linear-time tests, in an optimised build.

use crate::{workspace_root, Result};

/// Cases per parser in `cargo xtask bench parsers`; `cargo test` runs 256.
const PARSER_CASES: u32 = 10_000;

/// The parser property tests (src/mail/parsers_prop.rs) with [`PARSER_CASES`] cases each,
/// and the linear-time tests (src/mail/linear_tests.rs), in an optimised build that keeps
/// overflow checks and debug assertions (so it panics wherever a debug build would). Its
/// own target dir, so the release wasm build's artifacts are left alone. Prints the cases
/// and time per parser.
pub fn parsers() -> Result<()> {
    let started = std::time::Instant::now();
    let root = workspace_root();
    let output = std::process::Command::new("cargo")
        .current_dir(&root)
        .args([
            "test",
            "-p",
            "satchel",
            "--lib",
            "--release",
            "--target-dir",
        ])
        .arg(root.join("target").join("bench-parsers"))
        .args(["--", "--nocapture", "--test-threads=1"])
        .args(["parsers_prop", "linear_tests"])
        .env("PROPTEST_CASES", PARSER_CASES.to_string())
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "3")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
        .env("CARGO_PROFILE_RELEASE_DEBUG_ASSERTIONS", "true")
        .env("CARGO_PROFILE_RELEASE_OVERFLOW_CHECKS", "true")
        .stderr(std::process::Stdio::inherit())
        .output()?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    println!("\nParsers: {PARSER_CASES} cases each (no panic, each case under its bound)");
    for line in stdout.lines() {
        // With --nocapture a test's output follows its name on the same line.
        for marker in ["parsers_prop ", "linear_time ", "test result:"] {
            if let Some(i) = line.find(marker) {
                println!("  {}", &line[i..]);
            }
        }
    }
    println!(
        "  {:.1} s in all, build included",
        started.elapsed().as_secs_f64()
    );
    if !output.status.success() {
        println!("{stdout}");
        return Err("the parser tests failed".into());
    }
    Ok(())
}
