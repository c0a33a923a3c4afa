//! `cargo xtask bench`: figures, printed, never asserted. Bundle sizes (raw, gzip -9,
//! brotli) and the time from navigation start to an interactive shell in headless Chromium.

use std::path::Path;
use std::time::Duration;

use satchel_e2e::{Browser, BrowserOptions, Deployment, Stack};

use crate::{build_release, tools, workspace_root, Result};

/// The parts of the benchmark; any of them can be named on the command line to run only those.
const PARTS: [&str; 10] = [
    "size", "floor", "shell", "landing", "mail", "sending", "reading", "calendar", "event", "pwa",
];
/// Parts that run only when named (they take minutes and need no browser).
const NAMED_ONLY: [&str; 2] = ["parsers", "lighthouse"];

pub fn run(args: &[String]) -> Result<()> {
    let usage = || {
        format!(
            "usage: cargo xtask bench [--loads N] [{}]...",
            [&PARTS[..], &NAMED_ONLY[..]].concat().join("|")
        )
    };
    let mut loads = 15;
    let mut parts: Vec<&str> = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--loads" => loads = args.next().ok_or_else(usage)?.parse()?,
            part => parts.push(
                PARTS
                    .into_iter()
                    .chain(NAMED_ONLY)
                    .find(|p| *p == part)
                    .ok_or_else(usage)?,
            ),
        }
    }
    let wants = |part: &str| parts.is_empty() || parts.contains(&part);
    if parts == ["parsers"] {
        return crate::bench_parsers::parsers();
    }
    tools::ensure_all()?;
    if parts.iter().any(|p| !matches!(*p, "floor" | "parsers")) || parts.is_empty() {
        build_release()?;
    }
    if wants("size") {
        print_sizes(&workspace_root().join("dist"))?;
    }
    if wants("floor") {
        crate::bench_floor::print_floor()?;
    }
    let runtime = tokio::runtime::Runtime::new()?;
    if wants("shell") {
        runtime.block_on(load_times(loads))?;
    }
    if wants("landing") {
        runtime.block_on(crate::bench_landing::landing(loads.min(7)))?;
    }
    if wants("mail") {
        runtime.block_on(crate::bench_mail::mime_build(5))?;
    }
    if wants("sending") {
        runtime.block_on(crate::bench_sending::sending(5))?;
    }
    if wants("reading") {
        runtime.block_on(crate::bench_reading::reading(7))?;
    }
    if wants("calendar") {
        runtime.block_on(crate::bench_calendar::agenda_render(loads.max(10)))?;
    }
    if wants("event") {
        runtime.block_on(crate::bench_event::event_save(9))?;
    }
    if wants("pwa") {
        runtime.block_on(crate::bench_pwa::pwa(loads.min(7)))?;
    }
    if parts.contains(&"lighthouse") {
        runtime.block_on(crate::bench_lighthouse::lighthouse())?;
    }
    if parts.contains(&"parsers") {
        crate::bench_parsers::parsers()?;
    }
    Ok(())
}

#[derive(Clone, Copy, Default)]
pub struct Size {
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

impl std::ops::AddAssign for Size {
    fn add_assign(&mut self, other: Size) {
        self.raw += other.raw;
        self.gzip += other.gzip;
        self.brotli += other.brotli;
    }
}

pub fn compress(bytes: &[u8]) -> Result<Size> {
    Ok(Size {
        raw: bytes.len(),
        gzip: crate::compress::gzip(bytes)?.len(),
        brotli: crate::compress::brotli(bytes)?.len(),
    })
}

/// Every file of the bundle below `dir`, subdirectories included (not the precompressed
/// `.br`/`.gz` copies).
pub fn files_below(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            files_below(&path, out)?;
        } else if !crate::compress::is_precompressed(&path) {
            out.push(path);
        }
    }
    Ok(())
}

/// A lazily loaded wasm chunk (`cargo xtask wasm`): `split_<fn>_<hash>.wasm` for each
/// `#[lazy]` function and `chunk_<n>.wasm` for code several of them share.
fn is_lazy_chunk(name: &str) -> bool {
    name.ends_with(".wasm") && (name.starts_with("split_") || name.starts_with("chunk_"))
}

fn print_sizes(dist: &Path) -> Result<()> {
    let mut rows: Vec<(&str, Size)> = ["wasm", "js", "css", "html"]
        .map(|k| (k, Size::default()))
        .into();
    let mut chunks: Vec<(String, Size)> = Vec::new();
    let mut files = Vec::new();
    files_below(dist, &mut files)?;
    files.sort();
    for path in &files {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        // 404.html is a copy of index.html for deep links, never loaded with it.
        if name == "404.html" {
            continue;
        }
        if is_lazy_chunk(name) {
            chunks.push((name.to_string(), compress(&std::fs::read(path)?)?));
        } else if let Some((_, total)) = rows.iter_mut().find(|(k, _)| *k == ext) {
            *total += compress(&std::fs::read(path)?)?;
        }
    }
    println!("\nRelease bundle, first load (main wasm, JS glue and __wasm_split.js, CSS, HTML)");
    println!(
        "{:<8}{:>12}{:>12}{:>12}",
        "file", "raw B", "gzip -9 B", "brotli B"
    );
    let mut sum = Size::default();
    for (kind, size) in &rows {
        println!(
            "{kind:<8}{:>12}{:>12}{:>12}",
            size.raw, size.gzip, size.brotli
        );
        sum += *size;
    }
    println!(
        "{:<8}{:>12}{:>12}{:>12}",
        "total", sum.raw, sum.gzip, sum.brotli
    );
    println!("\nLazy wasm chunks (fetched when a route that needs them is first visited)");
    let mut lazy = Size::default();
    for (name, size) in &chunks {
        lazy += *size;
        if name.starts_with("split_") {
            println!(
                "{name:<52}{:>12}{:>12}{:>12}",
                size.raw, size.gzip, size.brotli
            );
        }
    }
    let shared = chunks
        .iter()
        .filter(|(name, _)| name.starts_with("chunk_"))
        .count();
    println!(
        "{:<52}{:>12}{:>12}{:>12}",
        format!("+ {shared} shared chunks; all chunks"),
        lazy.raw,
        lazy.gzip,
        lazy.brotli
    );
    println!("\nFirst visit of each view: its chunk and the shared chunks it needs");
    for (view, needs) in view_chunks(&files)? {
        let mut size = Size::default();
        for file in &needs {
            let (_, chunk) = chunks
                .iter()
                .find(|(name, _)| name == file)
                .ok_or("a chunk __wasm_split.js names")?;
            size += *chunk;
        }
        println!(
            "{:<52}{:>12}{:>12}{:>12}",
            format!("{view} ({} files)", needs.len()),
            size.raw,
            size.gzip,
            size.brotli
        );
    }
    println!(
        "targets (issue 17): first load <= 150 KB gzip; landing on Compose <= 200 KB gzip in all"
    );
    Ok(())
}

/// For each split function, the chunk files its first call fetches: `split_<name>.wasm`
/// and every shared `chunk_<n>.wasm` its loader in `__wasm_split.js` waits for (read from
/// the loaders themselves: terser has removed the splitter's comments). `files`: the
/// bundle's.
fn view_chunks(files: &[std::path::PathBuf]) -> Result<Vec<(String, Vec<String>)>> {
    let link = files
        .iter()
        .find(|p| p.file_name().is_some_and(|n| n == "__wasm_split.js"))
        .ok_or("no __wasm_split.js in the bundle")?;
    let js = std::fs::read_to_string(link)?;
    let mut views = split_needs(&js);
    if views.is_empty() {
        return Err("no split loader found in __wasm_split.js".into());
    }
    views.sort();
    Ok(views)
}

/// The loaders in (minified) `__wasm_split.js`: each is
/// `NAME=load(()=>{…fetch(new URL("./FILE",…))…},[DEPS])`, the split functions' ones
/// exported without a name of their own. Returns each `split_` file's view with its file
/// and every file its dependencies fetch, transitively.
fn split_needs(js: &str) -> Vec<(String, Vec<String>)> {
    const URL: &str = "URL(\"./";
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    // (variable name, file, dependency names) per loader.
    let mut loaders: Vec<(String, String, Vec<String>)> = Vec::new();
    let segments: Vec<&str> = js.split(URL).collect();
    for (before, segment) in segments.iter().zip(segments.iter().skip(1)) {
        let Some((file, rest)) = segment.split_once('"') else {
            continue;
        };
        let name = before
            .rfind("(()=>")
            .and_then(|at| before.get(..at))
            .and_then(|head| head.rsplit_once('='))
            .map(|(target, _)| {
                let start = target.trim_end_matches(ident).len();
                target.get(start..).unwrap_or("").to_string()
            })
            .unwrap_or_default();
        let deps = rest
            .split_once("},[")
            .and_then(|(_, list)| list.split_once(']'))
            .map(|(list, _)| {
                list.split(',')
                    .filter(|d| !d.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        loaders.push((name, file.to_string(), deps));
    }
    let file_of = |name: &str| loaders.iter().find(|(n, _, _)| n == name);
    let mut views = Vec::new();
    for (_, file, deps) in &loaders {
        let Some(view) = file
            .strip_prefix("split_")
            .and_then(|n| n.strip_suffix(".wasm"))
        else {
            continue;
        };
        let mut needs = vec![file.clone()];
        let mut todo: Vec<&String> = deps.iter().collect();
        while let Some(dep) = todo.pop() {
            if let Some((_, dep_file, more)) = file_of(dep) {
                if !needs.contains(dep_file) {
                    needs.push(dep_file.clone());
                    todo.extend(more);
                }
            }
        }
        views.push((view.to_string(), needs));
    }
    views
}

pub fn median(values: &mut [f64]) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    match values.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

async fn load_times(loads: usize) -> Result<()> {
    let stack = Stack::start(Deployment::Sandbox { flow: "token" }).await;
    let browser = Browser::start(BrowserOptions::default()).await;
    let mut times = Vec::new();
    for _ in 0..loads {
        browser.client.goto(&stack.url("mail")).await?;
        let mut mark = serde_json::Value::Null;
        for _ in 0..200 {
            mark = browser
                .eval("const m = performance.getEntriesByName('satchel-interactive')[0]; return m ? m.startTime : null")
                .await;
            if mark.is_number() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        times.push(
            mark.as_f64()
                .ok_or("the shell never marked itself interactive")?,
        );
    }
    let first = times[0];
    let med = median(&mut times);
    println!(
        "\nNavigation start -> interactive shell (headless Chromium, loopback, {loads} loads)"
    );
    println!("  first load {first:.1} ms, median {med:.1} ms, min {:.1} ms, max {:.1} ms   (target: median <= 150 ms)",
        times[0], times[times.len() - 1]);
    browser.close().await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_which_views_need_each_shared_chunk() {
        // The shape terser makes of the splitter's output (cut down from a real bundle).
        let load = |file: &str, deps: &str| {
            format!(
                "s(()=>{{const t=fetch(new URL(\"./{file}\",import.meta.url));return t.catch(()=>{{}}),async n=>WebAssembly.instantiateStreaming(t,n)}},[{deps}])"
            )
        };
        let js = format!(
            "import{{initSync as t}}from\"./satchel.js\";const c={},i={},$r={};\
             export const __wasm_split_load_a_chunk=a({});\
             export const __wasm_split_load_b_chunk=a({});",
            load("chunk_6.wasm", ""),
            load("chunk_7.wasm", "c"),
            load("chunk_8.wasm", ""),
            load("split_a_chunk.wasm", "i,$r"),
            load("split_b_chunk.wasm", "c"),
        );
        assert_eq!(
            split_needs(&js),
            [
                (
                    "a_chunk".to_string(),
                    vec![
                        "split_a_chunk.wasm".to_string(),
                        "chunk_8.wasm".to_string(),
                        "chunk_7.wasm".to_string(),
                        "chunk_6.wasm".to_string()
                    ]
                ),
                (
                    "b_chunk".to_string(),
                    vec!["split_b_chunk.wasm".to_string(), "chunk_6.wasm".to_string()]
                ),
            ]
        );
    }
}
