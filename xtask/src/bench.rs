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
    // Only this run's benchmarks in the report, not a renamed one's old record.
    let _ = std::fs::remove_dir_all(root().join("target/criterion"));
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
    if !out.status.success() {
        return Err(format!(
            "the core's benchmark failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    // Criterion's own record of each benchmark, rather than its console text.
    let dir = root().join("target/criterion");
    let mut results = Vec::new();
    for entry in std::fs::read_dir(&dir)
        .map_err(|e| format!("criterion wrote no {}: {e}", dir.display()))?
        .flatten()
    {
        let new = entry.path().join("new");
        let read = |name: &str| -> Option<serde_json::Value> {
            let text = std::fs::read_to_string(new.join(name)).ok()?;
            serde_json::from_str(&text).ok()
        };
        if let (Some(about), Some(estimates)) = (read("benchmark.json"), read("estimates.json")) {
            if let Some(row) = estimate_row(&about, &estimates) {
                results.push(row);
            }
        }
    }
    results.sort_by(|a, b| a["name"].as_str().cmp(&b["name"].as_str()));
    if results.is_empty() {
        return Err(format!(
            "the core's benchmark left no estimates in {}",
            dir.display()
        ));
    }
    Ok(serde_json::Value::Array(results))
}

/// One benchmark's row from criterion's `benchmark.json` and `estimates.json`: its title, and
/// the low, typical and high time of its confidence interval (the slope when criterion fitted
/// one, else the mean), each with its unit.
fn estimate_row(
    about: &serde_json::Value,
    estimates: &serde_json::Value,
) -> Option<serde_json::Value> {
    let name = about["title"].as_str()?;
    let e = if estimates["slope"].is_object() {
        &estimates["slope"]
    } else {
        &estimates["mean"]
    };
    let ns = [
        e["confidence_interval"]["lower_bound"].as_f64()?,
        e["point_estimate"].as_f64()?,
        e["confidence_interval"]["upper_bound"].as_f64()?,
    ];
    Some(serde_json::json!({ "name": name, "estimate": ns.map(duration) }))
}

/// Nanoseconds as criterion prints them: `812.40 ns`, `45.210 µs`, `3.1042 ms`, `1.2000 s`.
fn duration(ns: f64) -> String {
    match ns {
        n if n < 1e3 => format!("{n:.2} ns"),
        n if n < 1e6 => format!("{:.3} µs", n / 1e3),
        n if n < 1e9 => format!("{:.4} ms", n / 1e6),
        n => format!("{:.4} s", n / 1e9),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_criterion_record_becomes_a_row_of_low_typical_high() {
        let about = serde_json::json!({ "title": "quote: the electronics example" });
        let estimates = serde_json::json!({
            "mean": { "confidence_interval": { "lower_bound": 41000.0, "upper_bound": 43500.0 }, "point_estimate": 42100.5 },
            "slope": { "confidence_interval": { "lower_bound": 40100.0, "upper_bound": 40900.0 }, "point_estimate": 40500.0 }
        });
        assert_eq!(
            super::estimate_row(&about, &estimates),
            Some(
                serde_json::json!({ "name": "quote: the electronics example", "estimate": ["40.100 µs", "40.500 µs", "40.900 µs"] })
            )
        );
        assert_eq!(super::duration(3_104_200.0), "3.1042 ms");
        assert_eq!(super::duration(812.4), "812.40 ns");
    }
}
