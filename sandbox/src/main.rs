//! `satchel-sandbox`: runs the sandbox until Ctrl-C.
//!
//! `satchel-sandbox --port 8787 --seed 42 --token-ttl 3600 --app-origin http://127.0.0.1:8080
//! [--app-origin ...] [--redirect-uri URL ...] [--host 127.0.0.1] [--coop off|report-only|enforced]`

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use satchel_sandbox::{Options, Sandbox, ACCOUNTS, DEMO_CLIENT_ID};

const USAGE: &str =
    "usage: satchel-sandbox [--port 8787] [--host 127.0.0.1] [--seed 42] [--token-ttl SECONDS] \
[--app-origin ORIGIN ...] [--redirect-uri URL ...] [--coop off|report-only|enforced]";

fn parse(args: Vec<String>) -> Result<Options, String> {
    let mut opts = Options {
        app_origins: Vec::new(),
        ..Options::default()
    };
    let mut host: IpAddr = [127, 0, 0, 1].into();
    let mut port: u16 = 8787;
    let mut it = args.into_iter();
    while let Some(flag) = it.next() {
        if flag == "-h" || flag == "--help" {
            return Err(USAGE.to_string());
        }
        let value = it
            .next()
            .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        let bad = |what: &str| format!("invalid {what} for {flag}: {value}\n{USAGE}");
        match flag.as_str() {
            "--port" => port = value.parse().map_err(|_| bad("port"))?,
            "--host" => host = value.parse().map_err(|_| bad("address"))?,
            "--seed" => opts.seed = value.parse().map_err(|_| bad("number"))?,
            "--token-ttl" => {
                opts.token_ttl =
                    Duration::from_secs(value.parse().map_err(|_| bad("number of seconds"))?)
            }
            "--app-origin" => opts
                .app_origins
                .push(value.trim_end_matches('/').to_string()),
            "--redirect-uri" => opts.redirect_uris.push(value),
            "--coop" => {
                opts.coop = satchel_sandbox::Coop::parse(&value)
                    .ok_or_else(|| bad("mode (off, report-only or enforced)"))?
            }
            _ => return Err(format!("unknown flag {flag}\n{USAGE}")),
        }
    }
    if opts.app_origins.is_empty() {
        opts.app_origins.push("http://127.0.0.1:8080".into());
    }
    opts.addr = SocketAddr::new(host, port);
    Ok(opts)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let opts = match parse(std::env::args().skip(1).collect()) {
        Ok(o) => o,
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(2);
        }
    };
    let origins = opts.app_origins.clone();
    let sandbox = match Sandbox::start(opts).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("satchel-sandbox: cannot listen: {e}");
            std::process::exit(1);
        }
    };
    let url = sandbox.url();
    println!("satchel-sandbox listening on {url}");
    println!("  client id:   {DEMO_CLIENT_ID}");
    println!("  auth uri:    {url}/o/oauth2/v2/auth");
    println!("  token uri:   {url}/token");
    println!("  app origins: {}", origins.join(", "));
    for a in ACCOUNTS {
        println!("  account:     {} <{}>", a.name, a.email);
    }
    println!("  inspect:     {url}/_sandbox/");
    let _ = tokio::signal::ctrl_c().await;
    drop(sandbox);
}
