//! `cargo xtask demo`: builds the release bundle and serves it, with the sandbox as its
//! Google by default, or the real Google with `--client-id`.

use std::net::SocketAddr;

use satchel_sandbox::{site, Options, Sandbox, ACCOUNTS};
use serde_json::json;

use crate::{build_release, tools, workspace_root, Result};

struct DemoArgs {
    flow: String,
    port: u16,
    sandbox_port: u16,
    seed: u64,
    client_id: Option<String>,
}

fn parse(args: &[String]) -> Result<DemoArgs> {
    let mut parsed = DemoArgs {
        flow: "token".into(),
        port: 8080,
        sandbox_port: 8787,
        seed: 42,
        client_id: None,
    };
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--flow" if value == "token" || value == "pkce" => parsed.flow = value.clone(),
            "--flow" => return Err("--flow is token or pkce".into()),
            "--port" => parsed.port = value.parse()?,
            "--sandbox-port" => parsed.sandbox_port = value.parse()?,
            "--seed" => parsed.seed = value.parse()?,
            "--client-id" => parsed.client_id = Some(value.clone()),
            other => return Err(format!("unknown flag {other}").into()),
        }
    }
    Ok(parsed)
}

pub fn run(args: &[String]) -> Result<()> {
    let args = parse(args)?;
    tools::ensure_build_tools()?;
    build_release()?;
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(serve(args))
}

async fn serve(args: DemoArgs) -> Result<()> {
    let site_dir = workspace_root().join("target").join("demo-site");
    let dist = workspace_root().join("dist");
    let app_addr = SocketAddr::from(([127, 0, 0, 1], args.port));

    if let Some(client_id) = args.client_id {
        // The real Google: its default endpoints, the token flow (no secret on a static page).
        // Google accepts http only for localhost origins, hence the URL printed below.
        site::deploy(
            &dist,
            &site_dir,
            &json!({ "client_id": client_id, "flow": "token" }),
            &google_origins(),
        )?;
        site::serve(site_dir, app_addr).await?;
        println!("\nSatchel (real Google) on http://localhost:{}/", args.port);
        println!("Register http://localhost:{0} as an authorized JavaScript origin and http://localhost:{0}/ as a redirect URI.", args.port);
    } else {
        let origins = vec![
            format!("http://127.0.0.1:{}", args.port),
            format!("http://localhost:{}", args.port),
        ];
        let sandbox = Sandbox::start(Options {
            addr: SocketAddr::from(([127, 0, 0, 1], args.sandbox_port)),
            seed: args.seed,
            app_origins: origins,
            ..Options::default()
        })
        .await?;
        let url = sandbox.url();
        let config = satchel_e2e::sandbox_config(&url, &args.flow);
        site::deploy(&dist, &site_dir, &config, std::slice::from_ref(&url))?;
        site::serve(site_dir, app_addr).await?;
        println!(
            "\nSatchel demo ({} flow) on http://127.0.0.1:{}/",
            args.flow, args.port
        );
        println!("Sandbox (local Google) on {url}/  — outbox and requests at {url}/_sandbox/");
        println!("Test accounts (no password; pick one on the consent page):");
        for account in ACCOUNTS {
            println!("  {}  ({})", account.email, account.name);
        }
        // Keep the sandbox alive until Ctrl-C.
        std::mem::forget(sandbox);
    }
    println!("Press Ctrl-C to stop.");
    tokio::signal::ctrl_c().await?;
    Ok(())
}

/// The `connect-src` of a deployment on the real Google, as index.html has it: the sign-in
/// page (accounts.google.com) is opened, never fetched.
fn google_origins() -> Vec<String> {
    [
        "https://oauth2.googleapis.com",
        "https://openidconnect.googleapis.com",
        "https://gmail.googleapis.com",
        "https://www.googleapis.com",
    ]
    .map(String::from)
    .to_vec()
}
