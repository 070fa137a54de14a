//! cartlift's tasks: `cargo xtask demo` builds and serves the demo shop, `cargo xtask test`
//! runs every test. Both install what they need and skip what is already there.

mod bench;
mod dist;
#[path = "../../build/minify_css.rs"]
mod minify_css;
mod schema;
mod serve;
mod shrink;
mod tools;
mod types;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const USAGE: &str = "usage: cargo xtask <command>

  demo [--port 8080]   build dist/ and serve the demo shop on http://127.0.0.1:PORT
  test                 run every test: core, schema, browser (wasm) and end-to-end
  dist                 build dist/ (release wasm, wasm-opt, hashed names) and check its size budget
  bench                measure what cartlift costs a page; writes bench/report.md and bench/report.json
  schema               regenerate www/cartlift.schema.json and the README's config reference
  serve [--dir D] [--port P] [--exit-after SECONDS]
                       serve a folder on 127.0.0.1 (the demo uses www/ with dist/ under /cartlift/)
  setup                install the tools: wasm target, wasm-bindgen-cli, chromium, npm packages";

/// A task's failure, said as a sentence.
type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("demo") => demo(&args[1..]),
        Some("test") => test(),
        Some("dist") => tools::wasm().and_then(|()| dist::build().map(|_| ())),
        Some("schema") => schema::write(),
        Some("bench") => bench::measure(),
        Some("serve") => serve_cmd(&args[1..]),
        Some("setup") => tools::all(),
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The repository's root (the folder above xtask/).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Runs a command in the repository's root, failing with its name when it fails.
fn run(cmd: &mut Command) -> Result {
    let shown = format!("{cmd:?}");
    eprintln!("$ {}", shown.replace('"', ""));
    let status = cmd
        .current_dir(root())
        .status()
        .map_err(|e| format!("could not start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

fn flag(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn port(args: &[String]) -> Result<u16> {
    flag(args, "--port").map_or(Ok(8080), |p| {
        p.parse()
            .map_err(|_| format!("--port takes a number, not {p:?}"))
    })
}

fn demo(args: &[String]) -> Result {
    let port = port(args)?;
    tools::wasm()?;
    let built = dist::build()?;
    println!("\ncartlift demo: http://127.0.0.1:{port}/   (merchant preview: http://127.0.0.1:{port}/preview.html)");
    println!(
        "dist: {} KB brotli. Ctrl-C stops the server.\n",
        built.brotli_total / 1024
    );
    serve::serve(&serve::Site::demo(), port, None)
}

fn serve_cmd(args: &[String]) -> Result {
    let site = match flag(args, "--dir") {
        Some(dir) => serve::Site::folder(PathBuf::from(dir)),
        None => serve::Site::demo(),
    };
    let exit_after = flag(args, "--exit-after")
        .map(|s| {
            s.parse::<u64>()
                .map_err(|_| format!("--exit-after takes seconds, not {s:?}"))
        })
        .transpose()?;
    serve::serve(
        &site,
        port(args)?,
        exit_after.map(std::time::Duration::from_secs),
    )
}

/// The end-to-end test files, in a stable order.
fn e2e_files() -> Result<Vec<String>> {
    let dir = root().join("tests/e2e");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| format!("could not read {}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".test.mjs"))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    files.sort();
    Ok(files)
}

fn test() -> Result {
    tools::all()?;
    let cargo = || Command::new(env!("CARGO"));
    run(cargo().args(["fmt", "--all", "--", "--check"]))?;
    run(cargo().args([
        "clippy",
        "--package",
        "cartlift-core",
        "--package",
        "xtask",
        "--all-targets",
        "--features",
        "cartlift-core/schema",
        "--",
        "-D",
        "warnings",
    ]))?;
    run(cargo().args([
        "clippy",
        "--package",
        "cartlift",
        "--target",
        "wasm32-unknown-unknown",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    // The widget as shoppers get it: the core without its sentences (the browser tests
    // build it with them), and the checker module that has them.
    run(cargo().args([
        "clippy",
        "--package",
        "cartlift",
        "--target",
        "wasm32-unknown-unknown",
        "--",
        "-D",
        "warnings",
    ]))?;
    run(cargo().args([
        "clippy",
        "--package",
        "cartlift-checker",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    // The pricing core, natively: worked examples, config errors, property tests, with and
    // without the sentences; the checker module's answers.
    run(cargo().args([
        "test",
        "--package",
        "cartlift-core",
        "--package",
        "xtask",
        "--package",
        "cartlift-checker",
    ]))?;
    run(cargo().args([
        "test",
        "--package",
        "cartlift-core",
        "--no-default-features",
        "--lib",
    ]))?;
    schema::check()?;
    // The widget in headless Chromium.
    dist::build()?;
    // A page's TypeScript against the shipped types.
    run(Command::new(root().join("node_modules/.bin/tsc"))
        .args(["-p", "tests/types/tsconfig.json"]))?;
    run(cargo()
        .args([
            "test",
            "--package",
            "cartlift",
            "--target",
            "wasm32-unknown-unknown",
        ])
        .env("CHROMEDRIVER", tools::CHROMEDRIVER)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120"))?;
    // End to end: the demo served here, driven by Playwright in Debian's Chromium.
    let base = serve::in_background()?;
    run(Command::new("node")
        .args(["--test", "--test-concurrency=1", "--test-reporter=spec"])
        .args(e2e_files()?)
        .env("CARTLIFT_BASE", base)
        .env("CHROMIUM", tools::CHROMIUM)
        .env("FIREFOX", tools::FIREFOX))?;
    Ok(())
}
