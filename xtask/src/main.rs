//! cartlift's tasks: `cargo xtask demo` builds and serves the demo shop, `cargo xtask test`
//! runs every test. Both install what they need and skip what is already there.

mod bench;
mod cart_shape;
#[cfg(test)]
mod decoder_keys;
mod dist;
mod emulate;
mod functions;
mod js_oracle;
#[cfg(test)]
mod layers;
mod parts_oracle;
mod schema;
mod serve;
mod shape_oracle;
mod shopify_app;
mod shopify_tools;
mod shrink;
mod tools;
mod types;
mod woocommerce;
mod words;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const USAGE: &str = "usage: cargo xtask <command>

  demo [--port 8080]   build dist/ and serve the demo shop on http://127.0.0.1:PORT, its events
                       collected on PORT+1 into target/demo/events.sqlite (`cartlift report` reads it)
  test                 run every test: core, schema, browser (wasm) and end-to-end
  dist                 build dist/ (release wasm, wasm-opt, hashed names) and check its size budget
  dist --only FLAVOUR  build one flavour's wasm (without and with each platform's mapping) as dist
                       would and print its bytes, leaving dist/ as it is: for measuring a change
  bench                measure what cartlift costs a page; writes bench/report.md and bench/report.json
  schema               regenerate www/cartlift.schema.json and the README's config reference
  golden               regenerate core/tests/golden/ (the figures checkout is held to)
  function [--shopify DIR]
                       test the Shopify Function, build its wasm, run the 200-line cart through each
                       target in the local runner; with --shopify, also in Shopify's function-runner
                       built from the source trees in DIR (function-runner/, shopify-function-wasm-api/)
  woocommerce          the WooCommerce plugin: php -l, PHPUnit (checkout pricing on the golden
                       vectors, the hooks on a WooCommerce stand-in), its zip from dist/
                       (target/woocommerce/cartlift.zip), and its tests in a real WordPress
  serve [--dir D] [--port P] [--exit-after SECONDS] [--collect URL]
                       serve a folder on 127.0.0.1 (the demo uses www/ with dist/ under /cartlift/);
                       with --collect, pages send their events to the collector at URL
  setup                install the tools: wasm target, wasm-bindgen-cli, chromium, npm packages";

/// A task's failure, said as a sentence.
type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rest = args.get(1..).unwrap_or_default();
    let result = match args.first().map(String::as_str) {
        Some("demo") => flags(rest, &["port"]).and_then(|f| demo(&f)),
        Some("test") => flags(rest, &[]).and_then(|_| test()),
        Some("dist") => flags(rest, &["only"]).and_then(|f| {
            tools::wasm()?;
            match flag(&f, "only") {
                Some(name) => dist::measure_one(&name),
                None => dist::build().map(|_| ()),
            }
        }),
        Some("schema") => flags(rest, &[]).and_then(|_| schema::write()),
        Some("golden") => flags(rest, &[]).and_then(|_| functions::golden()),
        Some("function") => {
            flags(rest, &["shopify"]).and_then(|f| functions::check(flag(&f, "shopify").as_deref()))
        }
        Some("woocommerce") => flags(rest, &[])
            .and_then(|_| tools::php())
            .and_then(|()| tools::wordpress())
            .and_then(|()| woocommerce::check())
            .and_then(|()| woocommerce::in_wordpress(&root().join("dist"))),
        Some("bench") => flags(rest, &[]).and_then(|_| bench::measure()),
        Some("serve") => {
            flags(rest, &["dir", "port", "exit-after", "collect"]).and_then(|f| serve_cmd(&f))
        }
        Some("setup") => flags(rest, &[]).and_then(|_| tools::all()),
        Some(other) => Err(format!("there is no command {other:?}\n\n{USAGE}")),
        None => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// A command's flags, by name: each of `known` as `--name value` or `--name=value`. Any other
/// flag, a flag without its value, or a stray argument is an error that shows the usage.
fn flags(args: &[String], known: &[&str]) -> Result<Vec<(String, String)>> {
    use lexopt::Arg;
    let wrong = |what: String| format!("{what}\n\n{USAGE}");
    let mut parser = lexopt::Parser::from_args(args.iter().cloned());
    let mut out = Vec::new();
    while let Some(arg) = parser.next().map_err(|e| wrong(e.to_string()))? {
        match arg {
            Arg::Long(name) if known.contains(&name) => {
                let name = name.to_owned();
                let value = parser
                    .value()
                    .map_err(|e| wrong(e.to_string()))?
                    .into_string()
                    .map_err(|_| wrong(format!("--{name} takes text")))?;
                out.push((name, value));
            }
            other => return Err(wrong(other.unexpected().to_string())),
        }
    }
    Ok(out)
}

/// The value of the flag `name`, if given (the last, if given twice).
fn flag(flags: &[(String, String)], name: &str) -> Option<String> {
    flags
        .iter()
        .rev()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.clone())
}

fn port(flags: &[(String, String)]) -> Result<u16> {
    flag(flags, "port").map_or(Ok(8080), |p| {
        p.parse()
            .map_err(|_| format!("--port takes a number from 0 to 65535, not {p:?}"))
    })
}

/// A whole number with a comma between each group of three digits (`1,050`), as the README's
/// figures and the emulated stores' prices are written.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
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

fn demo(args: &[(String, String)]) -> Result {
    let port = port(args)?;
    tools::wasm()?;
    let built = dist::build()?;
    // The shop's events go to the merchant's collector, `cartlift collect`, beside it.
    run(Command::new(env!("CARGO")).args(["build", "--package", "cartlift-cli"]))?;
    let db = root().join("target/demo/events.sqlite");
    std::fs::create_dir_all(root().join("target/demo"))
        .map_err(|e| format!("could not create target/demo: {e}"))?;
    let collector_port = port
        .checked_add(1)
        .ok_or("--port leaves no port for the collector")?;
    let mut collector = Command::new(root().join("target/debug/cartlift"))
        .arg("collect")
        .arg("--db")
        .arg(&db)
        .args(["--port", &collector_port.to_string()])
        .args(["--allow-origin", &format!("http://127.0.0.1:{port}")])
        .spawn()
        .map_err(|e| format!("could not start the collector: {e}"))?;
    println!("\ncartlift demo: http://127.0.0.1:{port}/   (merchant preview: http://127.0.0.1:{port}/preview.html)");
    println!(
        "dist: {} KB brotli. The shop's events: `target/debug/cartlift report --db {} --html report.html`. Ctrl-C stops both servers.\n",
        built.brotli_total / 1024,
        db.display()
    );
    let site =
        serve::Site::demo().collecting(Some(format!("http://127.0.0.1:{collector_port}/events")));
    let served = serve::serve(&site, port, None);
    let _ = collector.kill();
    served
}

fn serve_cmd(args: &[(String, String)]) -> Result {
    let site = match flag(args, "dir") {
        Some(dir) => serve::Site::folder(PathBuf::from(dir)),
        None => serve::Site::demo(),
    };
    let exit_after = flag(args, "exit-after")
        .map(|s| {
            s.parse::<u64>()
                .map_err(|_| format!("--exit-after takes seconds, not {s:?}"))
        })
        .transpose()?;
    serve::serve(
        &site.collecting(flag(args, "collect")),
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
        "--package",
        "cartlift-cli",
        "--all-targets",
        "--features",
        "cartlift-core/schema",
        "--",
        "-D",
        "warnings",
    ]))?;
    // The widget for the browser: with its tests; as shoppers get it (the core without its
    // sentences: the browser tests build it with them); and its smallest flavour (see
    // cartlift_core::parts), and the smallest with WooCommerce's mapping (no Markets), where
    // what they leave out must leave no warning either.
    for flags in [
        &["--all-targets"][..],
        &[],
        &["--no-default-features"],
        &["--no-default-features", "--features", "woocommerce"],
    ] {
        run(cargo()
            .args([
                "clippy",
                "--package",
                "cartlift",
                "--target",
                "wasm32-unknown-unknown",
            ])
            .args(flags)
            .args(["--", "-D", "warnings"]))?;
    }
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
    // The merchant's command on its own: its serde_json has `preserve_order`, which would
    // reach the others' serde_json in one build and reorder the schema they check.
    run(cargo().args(["test", "--package", "cartlift-cli"]))?;
    // The Shopify app's order pixel on a stub of Shopify's pixel API, its order kept by the
    // collector; `cartlift shopify push` against an emulated Admin API that validates every
    // request against Shopify's schema (both with the command built here).
    run(cargo().args(["build", "--package", "cartlift-cli"]))?;
    run(Command::new("node")
        .args(["--test", "--test-concurrency=1", "--test-reporter=spec"])
        .arg(root().join("tests/shopify/pixel.test.mjs"))
        .arg(root().join("tests/shopify/push.test.mjs")))?;
    run(cargo().args([
        "test",
        "--package",
        "cartlift-core",
        "--no-default-features",
        "--features",
        "every-part",
        "--lib",
    ]))?;
    // A shop page's smallest flavour: the core without any part it may leave out refuses what
    // it does not carry, by name (crate::parts).
    run(cargo().args([
        "test",
        "--package",
        "cartlift-core",
        "--no-default-features",
        "--lib",
        "parts",
    ]))?;
    schema::check()?;
    // The WooCommerce plugin: its PHP checkout pricing replays the same golden vectors.
    woocommerce::check()?;
    // Checkout's Shopify Function on the same core, held to the golden vectors and to
    // Shopify's limits.
    functions::check(None)?;
    // The widget in headless Chromium.
    dist::build()?;
    // The Shopify app's theme extension, as Shopify's linter and CLI judge it.
    shopify_app::check()?;
    // The WooCommerce plugin's zip, installed in a real WordPress.
    woocommerce::in_wordpress(&root().join("dist"))?;
    // A page's TypeScript against the shipped types, and cartlift's own JS that is typed
    // (`// @ts-check` with JSDoc: src/tsconfig.json lists it).
    run(Command::new(root().join("node_modules/.bin/tsc"))
        .args(["-p", "tests/types/tsconfig.json"]))?;
    run(Command::new(root().join("node_modules/.bin/tsc")).args(["-p", "src/tsconfig.json"]))?;
    // The Shopify app's own JS: the embed's loader and the order pixel.
    run(Command::new(root().join("node_modules/.bin/tsc")).args(["-p", "shopify/tsconfig.json"]))?;
    // The WooCommerce plugin's settings page, and the merchant preview's config editor.
    run(Command::new(root().join("node_modules/.bin/tsc"))
        .args(["-p", "woocommerce/tsconfig.json"]))?;
    run(
        Command::new(root().join("node_modules/.bin/tsc")).args(["-p", "www/editor/tsconfig.json"])
    )?;
    // ESLint over the same JS (eslint.config.mjs): no warning passes.
    run(Command::new(root().join("node_modules/.bin/eslint")).args([
        "--max-warnings",
        "0",
        "src",
        "shopify/extensions/cartlift-theme/assets/cartlift-loader.js",
        "shopify/extensions/cartlift-pixel/src",
        "woocommerce/cartlift/admin",
        "woocommerce/cartlift/blocks",
        "tests/wordpress",
        "www/editor",
    ]))?;
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

#[cfg(test)]
mod tests {
    use super::{flags, port};

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn port_8081_is_read_with_or_without_an_equals_sign() {
        for given in [&["--port", "8081"][..], &["--port=8081"]] {
            let f = flags(&args(given), &["port"]).expect("known flag");
            assert_eq!(port(&f), Ok(8081));
        }
        assert_eq!(port(&flags(&[], &["port"]).expect("none")), Ok(8080));
    }

    #[test]
    fn an_unknown_flag_a_missing_value_or_a_stray_word_is_an_error_with_the_usage() {
        for given in [
            &["--prot", "8081"][..],
            &["--port"],
            &["8081"],
            &["--port=1", "extra"],
        ] {
            let e = flags(&args(given), &["port"]).expect_err("refused");
            assert!(e.contains("usage: cargo xtask"), "{given:?}: {e}");
        }
        assert!(
            flags(&args(&["--port", "1"]), &[]).is_err(),
            "test takes no flags"
        );
        let f = flags(&args(&["--port", "port"]), &["port"]).expect("a value");
        assert!(port(&f).is_err());
    }
}
