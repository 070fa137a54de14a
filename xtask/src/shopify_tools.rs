//! Shopify's own function tools, built from source for `cargo xtask function --shopify DIR`:
//! `function-runner` (how Shopify counts a function's instructions) and the trampoline that
//! Shopify's CLI applies to every function it deploys. Neither is on crates.io and both ship
//! as downloads that cannot be fetched here, so DIR holds their source trees
//! (`DIR/function-runner/` and `DIR/shopify-function-wasm-api/`); they are built once into
//! `target/shopify-tools/` (about 15 minutes on 2 cores) and reused. Opt-in: never part of
//! `cargo xtask test`.

use crate::{root, run, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The two built tools.
pub struct Tools {
    runner: PathBuf,
    trampoline: PathBuf,
}

/// One run in Shopify's function-runner.
pub struct ShopifyRun {
    /// Its instruction count.
    pub instructions: u64,
    /// The function's output.
    pub output: serde_json::Value,
}

/// Builds `bin` of the cargo project at `source` (its `package`, if given) into
/// `target/shopify-tools/`, unless it is there already; its path.
fn built(source: &Path, package: Option<&str>, bin: &str) -> Result<PathBuf> {
    let target = root().join("target/shopify-tools").join(bin);
    let path = target.join("release").join(bin);
    if path.exists() {
        return Ok(path);
    }
    if !source.join("Cargo.toml").exists() {
        return Err(format!(
            "{} is not a cargo project: --shopify takes a folder holding Shopify's function-runner/ and shopify-function-wasm-api/ source trees",
            source.display()
        ));
    }
    // Their rust-toolchain.toml pins a toolchain rustup would download; the one here builds
    // them.
    let active = String::from_utf8_lossy(
        &Command::new("rustup")
            .args(["show", "active-toolchain"])
            .current_dir(root())
            .output()
            .map_err(|e| format!("rustup: {e}"))?
            .stdout,
    )
    .split_whitespace()
    .next()
    .unwrap_or("stable")
    .to_owned();
    let mut cargo = Command::new("cargo");
    cargo
        .args(["build", "--release", "--locked"])
        .current_dir(source)
        .env("RUSTUP_TOOLCHAIN", active)
        .env("CARGO_TARGET_DIR", &target);
    if let Some(p) = package {
        cargo.args(["--package", p]);
    }
    run(&mut cargo)?;
    Ok(path)
}

impl Tools {
    /// The tools from the source trees in `dir`, built if need be.
    pub fn ready(dir: &str) -> Result<Tools> {
        let dir = Path::new(dir);
        Ok(Tools {
            runner: built(&dir.join("function-runner"), None, "function-runner")?,
            trampoline: built(
                &dir.join("shopify-function-wasm-api"),
                Some("shopify_function_trampoline"),
                "shopify_function_trampoline",
            )?,
        })
    }

    /// `wasm` as Shopify's CLI ships it: trampolined (its imports of Shopify's wasm API turned
    /// into calls the host provides); the new file's path.
    pub fn trampoline(&self, wasm: &Path) -> Result<PathBuf> {
        let out = wasm.with_extension("trampolined.wasm");
        run(Command::new(&self.trampoline)
            .arg("-i")
            .arg(wasm)
            .arg("-o")
            .arg(&out))?;
        Ok(out)
    }

    /// Runs `export` of `wasm` on `input`, with the schema and query so that the limits scale
    /// with the cart as Shopify's do.
    pub fn run(
        &self,
        wasm: &Path,
        export: &str,
        input: &Path,
        schema: &Path,
        query: &Path,
    ) -> Result<ShopifyRun> {
        let out = Command::new(&self.runner)
            .arg("-f")
            .arg(wasm)
            .arg("-i")
            .arg(input)
            .args(["-e", export, "--json"])
            .arg("-s")
            .arg(schema)
            .arg("-q")
            .arg(query)
            .output()
            .map_err(|e| format!("function-runner did not start: {e}"))?;
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).map_err(|e| {
            format!(
                "function-runner's report on {export} is not JSON ({e}): {}",
                String::from_utf8_lossy(&out.stderr)
            )
        })?;
        if report["success"] != true {
            return Err(format!(
                "function-runner: {export} failed: {}",
                report["logs"]
            ));
        }
        Ok(ShopifyRun {
            instructions: report["instructions"].as_u64().unwrap_or(u64::MAX),
            output: report["output"].clone(),
        })
    }
}
