//! `cargo xtask test`: every test layer, in order of cost.

use std::process::Command;
use std::time::Instant;

use crate::{build_release, run_tests, tools, workspace_root, Counts, Result};

pub fn run(_args: &[String]) -> Result<()> {
    let started = Instant::now();
    let mut timings = Vec::new();
    let mut counts = Counts::default();
    let mut timed = |name: &str, f: &mut dyn FnMut(&mut Counts) -> Result<()>| -> Result<()> {
        let start = Instant::now();
        let result = f(&mut counts);
        timings.push((name.to_string(), start.elapsed().as_secs_f64()));
        result
    };

    timed("install tools", &mut |_| tools::ensure_all())?;
    // Gates first: a format or lint failure costs seconds, not the whole run.
    timed("cargo fmt --all --check", &mut |_| {
        crate::run(Command::new("cargo").args(["fmt", "--all", "--check"]))
    })?;
    timed("clippy -D warnings (native, then wasm32)", &mut |_| {
        crate::run(Command::new("cargo").args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))?;
        crate::run(Command::new("cargo").args([
            "clippy",
            "-p",
            "satchel",
            "--all-targets",
            "--target",
            "wasm32-unknown-unknown",
            "--",
            "-D",
            "warnings",
        ]))
    })?;
    timed("native tests (core, sandbox, tooling)", &mut |c| {
        run_tests(
            Command::new("cargo").args(["test", "--workspace", "--exclude", "satchel-e2e"]),
            c,
        )
    })?;
    timed(
        "in-browser tests (wasm-bindgen-test, headless Chromium)",
        &mut |c| {
            run_tests(
                Command::new("cargo")
                    .args([
                        "test",
                        "-p",
                        "satchel",
                        "--lib",
                        "--target",
                        "wasm32-unknown-unknown",
                    ])
                    .env("CHROMEDRIVER", tools::chromedriver())
                    // The runner gives chromedriver 5 s to bind its port by
                    // default; a loaded CI machine took longer and the whole
                    // step failed before any test ran. Give it a minute, and
                    // each test two (default 20 s) for the same reason.
                    .env("WASM_BINDGEN_TEST_DRIVER_TIMEOUT", "60")
                    .env("WASM_BINDGEN_TEST_TIMEOUT", "120"),
                c,
            )
        },
    )?;
    timed("release bundle (trunk build --release)", &mut |_| {
        build_release()
    })?;
    // For tests/tests/pwa_subpath.rs: the same app under /satchel/.
    timed("release bundle under /satchel/ (--public-url)", &mut |_| {
        crate::build_release_subpath()
    })?;
    timed("end-to-end tests (headless Chromium + sandbox)", &mut |c| {
        run_tests(
            Command::new("cargo")
                .args(["test", "-p", "satchel-e2e", "--", "--test-threads=2"])
                .env("SATCHEL_DIST", workspace_root().join("dist"))
                .env("SATCHEL_SUBPATH_DIST", crate::subpath_dist()),
            c,
        )
    })?;

    println!("\nxtask test: step timings");
    for (name, seconds) in &timings {
        println!("  {seconds:>7.1} s  {name}");
    }
    println!("  {:>7.1} s  total", started.elapsed().as_secs_f64());
    println!("{} passed, {} failed", counts.passed, counts.failed);
    if counts.failed > 0 {
        return Err("some tests failed".into());
    }
    Ok(())
}
