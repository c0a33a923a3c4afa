//! `cargo xtask bench lighthouse`: Lighthouse 12 (npm `lighthouse@12.2.3`, the last major
//! that runs on Node 20) with its default mobile preset (simulated slow 4G, 4x CPU
//! slowdown) against the demo deployment (the release bundle on the sandbox, served by the
//! bundled static server), three runs, the median printed beside issue 17's targets.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::Command;

use satchel_sandbox::{site, Options, Sandbox};
use serde_json::Value;

use crate::bench::median;
use crate::{tools, workspace_root, Result};

const LIGHTHOUSE: &str = "lighthouse@12.2.3";
const RUNS: usize = 3;

/// Lighthouse's CLI, installed once under `target/lighthouse`.
fn lighthouse_cli() -> Result<PathBuf> {
    let prefix = workspace_root().join("target").join("lighthouse");
    let cli = prefix.join("node_modules/lighthouse/cli/index.js");
    if !cli.exists() {
        eprintln!("xtask: installing {LIGHTHOUSE} (about a minute) …");
        crate::run(Command::new("npm").args([
            "install",
            "--no-audit",
            "--no-fund",
            "--prefix",
            &prefix.display().to_string(),
            LIGHTHOUSE,
        ]))?;
    }
    Ok(cli)
}

/// One run's (performance score, LCP ms, TTI ms, accessibility, best practices).
fn audit(cli: &PathBuf, url: &str) -> Result<[f64; 5]> {
    let out = Command::new("node")
        .arg(cli)
        .arg(url)
        .args([
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            "--only-categories=performance,accessibility,best-practices",
            "--chrome-flags=--headless=new --no-sandbox",
        ])
        .env("CHROME_PATH", tools::chromium())
        .output()?;
    let report: Value = serde_json::from_slice(&out.stdout).map_err(|e| {
        format!(
            "lighthouse gave no report ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    })?;
    let score = |category: &str| {
        report["categories"][category]["score"]
            .as_f64()
            .unwrap_or(0.0)
            * 100.0
    };
    let ms = |audit: &str| {
        report["audits"][audit]["numericValue"]
            .as_f64()
            .unwrap_or(f64::NAN)
    };
    Ok([
        score("performance"),
        ms("largest-contentful-paint"),
        ms("interactive"),
        score("accessibility"),
        score("best-practices"),
    ])
}

pub async fn lighthouse() -> Result<()> {
    let cli = lighthouse_cli()?;
    // The demo: the release bundle deployed on the sandbox, on ports of its own.
    let site_dir = workspace_root().join("target").join("lighthouse-site");
    let app_addr = SocketAddr::from(([127, 0, 0, 1], 0));
    let listener = std::net::TcpListener::bind(app_addr)?;
    let port = listener.local_addr()?.port();
    drop(listener);
    let origin = format!("http://127.0.0.1:{port}");
    let sandbox = Sandbox::start(Options {
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        app_origins: vec![origin.clone()],
        ..Options::default()
    })
    .await?;
    let url = sandbox.url();
    let config = satchel_e2e::sandbox_config(&url, "token");
    site::deploy(
        &workspace_root().join("dist"),
        &site_dir,
        &config,
        std::slice::from_ref(&url),
    )?;
    site::serve(site_dir, SocketAddr::from(([127, 0, 0, 1], port))).await?;
    let page = format!("{origin}/");
    let mut runs = Vec::new();
    for _ in 0..RUNS {
        let cli = cli.clone();
        let page = page.clone();
        // Off the runtime's thread, so the sandbox and the site keep serving meanwhile.
        let run =
            tokio::task::spawn_blocking(move || audit(&cli, &page).map_err(|e| e.to_string()));
        runs.push(run.await??);
    }
    let column = |i: usize| {
        let mut values: Vec<f64> = runs.iter().map(|r| r[i]).collect();
        median(&mut values)
    };
    for (n, r) in runs.iter().enumerate() {
        println!(
            "lighthouse run {}: performance {:.0}, LCP {:.2} s, TTI {:.2} s, accessibility {:.0}, best practices {:.0}",
            n + 1,
            r[0],
            r[1] / 1000.0,
            r[2] / 1000.0,
            r[3],
            r[4]
        );
    }
    println!(
        "lighthouse (mobile preset, median of {RUNS}): performance {:.0} (target >= 95), LCP {:.2} s (target <= 2.5 s), TTI {:.2} s (target <= 3.5 s), accessibility {:.0}, best practices {:.0}",
        column(0),
        column(1) / 1000.0,
        column(2) / 1000.0,
        column(3),
        column(4)
    );
    drop(sandbox);
    Ok(())
}
