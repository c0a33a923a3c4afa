//! `cargo xtask bench floor`: what Leptos itself costs. Builds the reference apps in
//! `xtask/floor/` (one signal and a button; the same inside leptos_router with two routes)
//! exactly as the app's bundle is built (release profile, `erase_components`, remapped
//! paths, wasm-bindgen, `wasm-opt -Oz`) and prints their sizes: no build of Satchel can
//! load less than these.

use crate::bench::{compress, Size};
use crate::wasm::{cargo_build_wasm, encoded_rustflags, optimize, WasmBuild};
use crate::{run, Result};

pub fn print_floor() -> Result<()> {
    println!("\nFloor: the smallest Leptos apps, built like the bundle (xtask/floor/)");
    println!(
        "{:<44}{:>12}{:>12}{:>12}",
        "reference app (wasm + JS glue)", "raw B", "gzip -9 B", "brotli B"
    );
    let variants: [(&str, &[&str]); 3] = [
        ("leptos: one signal, one button", &[]),
        ("+ leptos_router: two routes, a nav", &["router"]),
        ("leptos + fluent-bundle: one message", &["fluent"]),
    ];
    for (label, features) in variants {
        let size = build(features)?;
        println!(
            "{label:<44}{:>12}{:>12}{:>12}",
            size.raw, size.gzip, size.brotli
        );
    }
    Ok(())
}

fn build(features: &[&str]) -> Result<Size> {
    let wasm = cargo_build_wasm(WasmBuild {
        package: "satchel-floor",
        features,
        rustflags: encoded_rustflags(&["--cfg", "erase_components"]),
        release: true,
        own_target_dir: Some("satchel-floor"),
    })?;
    let out = wasm.with_file_name("satchel-floor-bundle");
    if out.exists() {
        std::fs::remove_dir_all(&out)?;
    }
    run(std::process::Command::new("wasm-bindgen")
        .args([
            "--target",
            "web",
            "--no-typescript",
            "--out-name",
            "floor",
            "--out-dir",
        ])
        .arg(&out)
        .arg(&wasm))?;
    let module = out.join("floor_bg.wasm");
    optimize(&module)?;
    // Minified as the bundle's glue is (xtask/src/wasm.rs).
    let glue = out.join("floor.js");
    run(std::process::Command::new("terser")
        .arg(&glue)
        .args(["--module", "--compress", "--mangle", "-o"])
        .arg(&glue))?;
    let mut total = compress(&std::fs::read(&module)?)?;
    total += compress(&std::fs::read(out.join("floor.js"))?)?;
    Ok(total)
}
