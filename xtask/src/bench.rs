//! `cargo xtask bench`: what cartlift costs a shop page. The bytes of dist/ and the wasm's top
//! contributors, the core's criterion benchmark, then (in `bench/run.mjs`) Lighthouse with and
//! without cartlift on theme-like pages, start-up, and update latency. Writes
//! `bench/report.json` and `bench/report.md`.

use crate::{dist, root, run, serve, tools, Result};
use std::process::Command;

/// Runs every measurement and writes the report.
pub fn measure() -> Result {
    tools::all()?;
    dist::build()?;
    let tmp = root().join("bench/tmp");
    std::fs::create_dir_all(&tmp).map_err(|e| format!("could not create bench/tmp: {e}"))?;
    let statics = serde_json::json!({
        "sizes": serde_json::from_str::<serde_json::Value>(&std::fs::read_to_string(root().join("dist/sizes.json")).unwrap_or_default()).unwrap_or_default(),
        "twiggy": twiggy_top()?,
        "criterion": criterion()?,
    });
    std::fs::write(tmp.join("static.json"), statics.to_string())
        .map_err(|e| format!("could not write bench/tmp/static.json: {e}"))?;
    let base = serve::in_background()?;
    run(Command::new("node")
        .arg("bench/run.mjs")
        .env("CARTLIFT_BASE", base)
        .env("CHROME_PATH", tools::CHROMIUM))
}

/// The wasm's largest items, from twiggy (installed from crates.io when missing), measured on
/// the optimised wasm with its names kept.
fn twiggy_top() -> Result<serde_json::Value> {
    if Command::new("twiggy").arg("--version").output().is_err() {
        run(Command::new(env!("CARGO")).args(["install", "twiggy"]))?;
    }
    let bindgen = root().join("target/cartlift-bindgen");
    let named = bindgen.join("cartlift.named.wasm");
    run(Command::new(root().join("node_modules/.bin/wasm-opt"))
        .args(dist::WASM_OPT_FLAGS)
        .arg("-g")
        .arg("-o")
        .arg(&named)
        .arg(bindgen.join("cartlift_bg.wasm")))?;
    let out = Command::new("twiggy")
        .args(["top", "-n", "25", "-f", "json"])
        .arg(&named)
        .output()
        .map_err(|e| format!("could not run twiggy: {e}"))?;
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("twiggy's output is not JSON: {e}"))?;
    // The names are not shipped: leave them out.
    let rows: Vec<serde_json::Value> = rows
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|r| !r["name"].as_str().unwrap_or("").contains("names"))
                .take(20)
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    Ok(serde_json::Value::Array(rows))
}

/// The core's criterion benchmark: each benchmark's name and its [low, median, high] estimate.
fn criterion() -> Result<serde_json::Value> {
    let out = Command::new(env!("CARGO"))
        .args([
            "bench",
            "--package",
            "cartlift-core",
            "--bench",
            "quote",
            "--",
            "--warm-up-time",
            "1",
            "--measurement-time",
            "3",
        ])
        .current_dir(root())
        .output()
        .map_err(|e| format!("could not run the core's benchmark: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    let mut results = Vec::new();
    let mut name = String::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(rest) = trimmed.strip_prefix("time:") {
            let parts: Vec<&str> = rest
                .trim()
                .trim_matches(['[', ']'])
                .split_whitespace()
                .collect();
            let estimate: Vec<String> = parts.chunks(2).map(|c| c.join(" ")).collect();
            results.push(serde_json::json!({ "name": name, "estimate": estimate }));
        } else if !trimmed.is_empty()
            && !line.starts_with(' ')
            && !trimmed.starts_with("Benchmarking")
            && !trimmed.contains("outlier")
        {
            name = trimmed
                .split("  ")
                .next()
                .unwrap_or(trimmed)
                .trim()
                .to_owned();
        }
    }
    if results.is_empty() {
        return Err(format!("the core's benchmark printed no figures:\n{text}"));
    }
    Ok(serde_json::Value::Array(results))
}
