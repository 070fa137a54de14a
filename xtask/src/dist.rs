//! Builds `dist/`: `cartlift.js` (an ES module, its name fixed) and `cartlift-<hash>.wasm`
//! (named by its content, so a CDN can cache it forever); prints the raw, gzip and brotli size
//! of each and fails when the brotli total is over budget.

use crate::{root, run, shrink, Result};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::process::Command;

/// The ceiling for the bundle: brotli bytes of js + wasm (+ css, which is inside the wasm).
/// The build fails above it. 100 KB until personalization (wave 2), which raised it, the one
/// time the rule allows, to 120 KB.
pub const CEILING_BYTES: usize = 120 * 1024;

/// wasm-opt's flags: smallest code, the wasm features wasm-bindgen's output uses, and no
/// metadata sections (-0.4 KB brotli).
pub const WASM_OPT_FLAGS: &[&str] = &[
    "-Oz",
    "--converge",
    // Functions that differ only in constants share one body: −29 B brotli measured.
    "--merge-similar-functions",
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
    // Metadata browsers do not read (wasm-bindgen has read the features by then).
    "--strip-producers",
    "--strip-target-features",
    // Rust's wasm32 layout puts the stack first (addresses 0..1 MiB, growing down from the
    // top), so the lowest 1 KiB is touched only by a stack overflow. Knowing that lets
    // wasm-opt fold `p + small constant` into a load's offset: -385 B brotli measured.
    "--low-memory-unused",
    // Then the control flow flattened and rebuilt from its graph (the relooper, again), -Oz
    // once more, identical functions merged and locals shared: −594 B brotli on the full
    // flavour, measured (+9 s of build per wasm).
    "--flatten",
    "--rereloop",
    "-Oz",
    "--duplicate-function-elimination",
    "--merge-locals",
    // Functions called with constant arguments specialised to them (and the parameters that
    // are always the same removed), then -Oz on what that left: −176 B brotli on the bar
    // flavour, −308 on offers, −191 on full, measured.
    "--monomorphize",
    "-Oz",
    // Functions in the order of their names, so a generic's copies (and a module's functions)
    // sit side by side, where brotli's window finds their likeness: −440 B brotli on the full
    // flavour, measured (by call count instead: +84 B).
    "--reorder-functions-by-name",
];

/// One file of dist/ and its sizes.
pub struct Sized {
    /// The file's name in dist/.
    pub name: String,
    /// Bytes as served without compression.
    pub raw: usize,
    /// Bytes gzipped at level 9.
    pub gzip: usize,
    /// Bytes brotli'd at quality 11.
    pub brotli: usize,
}

/// What a build produced.
pub struct Built {
    /// The brotli total of what a page loads.
    pub brotli_total: usize,
}

/// Builds `package` for the browser in release, binds it with wasm-bindgen into
/// `target/<out>-bindgen/` and optimises it; returns that folder. Each package is built on its
/// own, so that the features of one (the checker's sentences) do not reach the other.
fn wasm_of(package: &str, out: &str, features: Option<&[&str]>) -> Result<std::path::PathBuf> {
    let root = root();
    let mut cargo = Command::new(env!("CARGO"));
    cargo.args([
        "build",
        "--release",
        "--package",
        package,
        "--target",
        "wasm32-unknown-unknown",
    ]);
    if let Some(features) = features {
        cargo.args(["--no-default-features", "--features", &features.join(",")]);
    }
    run(&mut cargo)?;
    let bindgen = root.join(format!("target/{out}-bindgen"));
    let file = package.replace('-', "_");
    let built = root.join(format!("target/wasm32-unknown-unknown/release/{file}.wasm"));
    // The shopper's wasm formats nothing with `core::fmt` (the checker writes its sentences
    // with it).
    let formatting = package == "cartlift";
    let (snipped, count) = shrink::snip_panics(&read(&built)?, formatting)?;
    println!(
        "{package}: the bodies of {count} panicking and formatting functions made unreachable"
    );
    let (snipped, count) = shrink::blank_source_paths(&snipped)?;
    println!("{package}: {count} source file paths and panic messages blanked");
    let snipped_path = built.with_file_name(format!("{file}.snipped.wasm"));
    write(&snipped_path, &snipped)?;
    run(Command::new("wasm-bindgen")
        .args([
            "--target",
            "web",
            "--no-typescript",
            "--out-name",
            out,
            "--out-dir",
        ])
        .arg(&bindgen)
        .arg(&snipped_path))?;
    // npm's binaryen: Debian's binaryen 108 silently corrupts wasm-bindgen's output.
    run(Command::new(root.join("node_modules/.bin/wasm-opt"))
        .args(WASM_OPT_FLAGS)
        .arg("-o")
        .arg(bindgen.join(format!("{out}.opt.wasm")))
        .arg(bindgen.join(format!("{out}_bg.wasm"))))?;
    Ok(bindgen)
}

/// The first 8 hex digits of the SHA-256 of `bytes`, for names that change with the content.
fn hash(bytes: &[u8]) -> String {
    // 32 bits tell a file's versions apart for caches; every hex digit more is in cartlift.js,
    // which names each file (−34 B brotli against 48 bits, measured).
    Sha256::digest(bytes)
        .iter()
        .take(4)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The hash in a file's name `cartlift-<kind>-<hash>.<ext>`.
fn hash_in(name: &str) -> &str {
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    stem.rsplit_once('-').map_or(stem, |(_, hash)| hash)
}

/// `js` with V8's explicit compile hint (`//# allFunctionsCalledOnLoad`, Chrome 136 and
/// later; other engines read a comment): its functions are compiled on a background thread
/// while the file streams in, instead of one by one on the main thread at their first call.
/// For the entry and the flavours' bindings, whose functions nearly all run while the widgets
/// start: cold ready −8 ms (278 against 286 ms, and 272 against 281 with the order of the
/// pages swapped: medians of 40 interleaved cold loads of the benchmark's product page each).
/// esbuild keeps no comment of this kind, so it is written after it.
fn called_on_load(js: &str) -> Vec<u8> {
    ["//# allFunctionsCalledOnLoad\n", js].concat().into_bytes()
}

/// `path` minified by esbuild as an ES module, into `out`.
fn minify(path: &std::path::Path, out: &std::path::Path) -> Result<String> {
    let root = root();
    run(Command::new(root.join("node_modules/.bin/esbuild"))
        .arg(path)
        .args([
            "--minify",
            "--tree-shaking=true",
            "--format=esm",
            "--log-level=warning",
        ])
        .arg(format!("--outfile={}", out.display())))?;
    terser(out)
}

/// esbuild's output at `out` compressed once more by terser, in place: its compressor folds
/// what esbuild's minifier leaves (measured, brotli: `cartlift.js` −237 B, the Shopify
/// adapter's reading part −125, a flavour's bindings −63 to −68). esbuild bundles; terser only
/// compresses and renames locals (`--module`: the file's own top-level names too), never a
/// property, so every name a page or the wasm reads stays.
fn terser(out: &std::path::Path) -> Result<String> {
    let compressed = out.with_extension("terser.js");
    run(Command::new(root().join("node_modules/.bin/terser"))
        .arg(out)
        .args([
            "--module",
            "--compress",
            "passes=3,ecma=2020",
            "--mangle",
            "--output",
        ])
        .arg(&compressed))?;
    let text = read(&compressed)?;
    std::fs::write(out, &text).map_err(|e| format!("could not write {}: {e}", out.display()))?;
    String::from_utf8(text).map_err(|e| format!("terser's output is not UTF-8: {e}"))
}

/// A file of dist/ named by its content.
struct Asset {
    name: String,
    bytes: Vec<u8>,
}

/// The checker module (`checker/`): its wasm and its JS, named by their content. Loaded by
/// the page only when a config or cart is refused.
fn checker() -> Result<(Asset, Asset)> {
    let bindgen = wasm_of("cartlift-checker", "cartlift_check", None)?;
    let wasm = read(&bindgen.join("cartlift_check.opt.wasm"))?;
    let js = minify(
        &bindgen.join("cartlift_check.js"),
        &bindgen.join("cartlift_check.min.js"),
    )?
    .into_bytes();
    Ok((
        Asset {
            name: format!("cartlift-check-{}.wasm", hash(&wasm)),
            bytes: wasm,
        },
        Asset {
            name: format!("cartlift-check-{}.js", hash(&js)),
            bytes: js,
        },
    ))
}

/// One adapter per platform: its module (`src/platforms/<name>.js`) bundled with the shared
/// part it imports (`src/platforms/common.js`), named by its content. Loaded only by a page
/// whose config element has `data-platform`, beside the platform flavour of the wasm, whose
/// mapping it calls. Each comes with its writing part (`src/platforms/<name>-changes.js`, with
/// `changes.js`), which the adapter fetches at the shopper's first change, by the name written
/// into it here (`CARTLIFT_CHANGES`, its hash).
fn adapters(out: &std::path::Path) -> Result<Vec<(&'static str, Asset, Asset)>> {
    let root = root();
    let mut adapters = Vec::new();
    for name in PLATFORMS {
        let changes = bundle(
            &root.join(format!("src/platforms/{name}-changes.js")),
            &out.join(format!("{name}-changes.min.js")),
            &serde_json::Value::Null,
        )?
        .into_bytes();
        let changes = Asset {
            name: format!("cartlift-{name}-changes-{}.js", hash(&changes)),
            bytes: changes,
        };
        let js = esbuild(
            &root.join(format!("src/platforms/{name}.js")),
            &out.join(format!("{name}.min.js")),
            &[format!(
                "--define:CARTLIFT_CHANGES=\"{}\"",
                hash_in(&changes.name)
            )],
        )?
        .into_bytes();
        adapters.push((
            *name,
            Asset {
                name: format!("cartlift-{name}-{}.js", hash(&js)),
                bytes: js,
            },
            changes,
        ));
    }
    Ok(adapters)
}

/// A build of the widget's wasm for the configs that use at most `parts` (see
/// `cartlift_core::parts`), with the platform mapping or without.
pub struct Flavour {
    /// Its name, as `data-build` says it (the platform ones share it).
    pub name: &'static str,
    /// The parts it carries (cargo features of the widget and the core).
    pub parts: &'static [&'static str],
    /// The most a page loading it may fetch, brotli, js + wasm + css (+ the adapter on a
    /// platform page): the target, which `cargo xtask dist` reports against.
    pub target: usize,
    /// What it weighs today, with a little room: the build fails above it, so that no change
    /// makes a page heavier unnoticed. Lowered as the flavours are made smaller.
    pub budget: usize,
    /// The same on a platform page (the platform's wasm with its mapping, and its adapter's
    /// reading part), the larger of the two platforms'. Above
    /// the 120 KB ceiling for the two larger flavours: before the flavours, a platform page
    /// fetched a second wasm and was 152 KB, counted nowhere; the one-owner session (which
    /// converts the checked config for Markets instead of its text) is what brings it under.
    pub platform_budget: usize,
}

/// The flavours, smallest first: the entry module loads the first that carries its config's
/// parts. Each is built four times ([`PLATFORM_BUILDS`]): without the platform mapping, with
/// each platform's (its cart reader), and with Shopify's and the Markets conversion.
pub const FLAVOURS: &[Flavour] = &[
    Flavour {
        name: "bar",
        parts: &[],
        target: 60 * 1024,
        budget: 80 * 1024,
        platform_budget: 88 * 1024,
    },
    Flavour {
        name: "offers",
        parts: &["bundles", "tiers", "upsells", "gifts", "variants"],
        target: 88 * 1024,
        budget: 111 * 1024,
        platform_budget: 119 * 1024,
    },
    Flavour {
        name: "full",
        parts: &[
            "bundles", "tiers", "upsells", "personal", "gifts", "variants",
        ],
        target: 110 * 1024,
        budget: CEILING_BYTES,
        platform_budget: 126 * 1024,
    },
];

/// The most a platform page may add over the same config without a platform (the mapping in
/// the wasm, and the adapter), brotli: the target.
pub const PLATFORM_TARGET: usize = 8 * 1024;

/// Each flavour's builds: the platform whose mapping it carries (`""`: none), and whether it
/// converts for Shopify Markets (the widget's `markets` feature): `cartlift.js` loads that one
/// only when `Shopify.currency.active` is not the config's currency.
pub const PLATFORM_BUILDS: &[(&str, bool)] = &[
    ("shopify", false),
    ("shopify", true),
    ("woocommerce", false),
    ("", false),
];

/// One flavour built: its bindings module and its wasm.
struct FlavourBuilt {
    name: &'static str,
    parts: &'static [&'static str],
    /// The platform whose mapping it carries (`""`: none).
    platform: &'static str,
    /// Whether it converts for Shopify Markets.
    markets: bool,
    js: Asset,
    wasm: Asset,
}

/// A flavour's name in its files: `bar`, `bar-shopify`, `bar-shopify-markets`,
/// `bar-woocommerce`, as `cartlift.js` (`src/loader/load.js`) writes it.
fn flavour_label(name: &str, platform: &str, markets: bool) -> String {
    let mut label = name.to_owned();
    for word in [platform, if markets { "markets" } else { "" }] {
        if !word.is_empty() {
            label.push('-');
            label.push_str(word);
        }
    }
    label
}

/// Builds one flavour: the wasm with its features, bound, optimised, shrunk, and its
/// bindings as an ES module the entry imports beside the wasm.
fn flavour(f: &Flavour, (platform, markets): (&'static str, bool)) -> Result<FlavourBuilt> {
    let mut features: Vec<&str> = f.parts.to_vec();
    if !platform.is_empty() {
        // The widget's feature of the same name: the mapping with this platform's reader.
        features.push(platform);
    }
    if markets {
        features.push("markets");
    }
    let label = flavour_label(f.name, platform, markets);
    let bindgen = wasm_of("cartlift", "cartlift", Some(&features))?;
    let wasm = read(&bindgen.join("cartlift.opt.wasm"))?;
    let glue = String::from_utf8(read(&bindgen.join("cartlift.js"))?)
        .map_err(|e| format!("wasm-bindgen's JS is not UTF-8: {e}"))?;
    let (glue, pruned) = shrink::prune_imports(&glue, &shrink::import_names(&wasm)?)?;
    let glue = shrink::drop_encode_into(&shrink::drop_describer(&glue)?)?;
    let (wasm, glue, renamed) = shrink::short_names(&wasm, &glue)?;
    println!("{label}: pruned {pruned} JS imports, gave {renamed} names short ones");
    let module = shrink::bindings_module(&glue);
    let full_path = bindgen.join(format!("cartlift-{label}.full.js"));
    write(&full_path, module.as_bytes())?;
    let js = called_on_load(&minify(
        &full_path,
        &bindgen.join(format!("cartlift-{label}.min.js")),
    )?);
    Ok(FlavourBuilt {
        name: f.name,
        parts: f.parts,
        platform,
        markets,
        js: Asset {
            name: format!("cartlift-{label}-{}.js", hash(&js)),
            bytes: js,
        },
        wasm: Asset {
            name: format!("cartlift-{label}-{}.wasm", hash(&wasm)),
            bytes: wasm,
        },
    })
}

/// The entry's modules of one feature each, loaded only by the pages that use it: the name in
/// `cartlift_<name>_js_name`, the source, and which pages load it.
const LAZY_JS: &[(&str, &str, &str)] = &[
    (
        "src",
        "src/fetch-config.js",
        "data-src (fetching the config)",
    ),
    ("collect", "src/collect.js", "data-collect (measurement)"),
];

/// The platforms with an adapter in `src/platforms/`.
pub const PLATFORMS: &[&str] = &["shopify", "woocommerce"];

/// `entry` bundled by esbuild as one minified ES module (its imports included), with
/// `CARTLIFT_FILES` defined as `files` (unless `null`), into `out`.
fn bundle(
    entry: &std::path::Path,
    out: &std::path::Path,
    files: &serde_json::Value,
) -> Result<String> {
    let mut args = Vec::new();
    if !files.is_null() {
        args.push(format!("--define:CARTLIFT_FILES={files}"));
        // In the entry only: the elements' own properties, which nothing outside cartlift.js
        // reads (an adapter's `_cartlift` is the cart attribute's name, and must stay).
        args.push(
            "--mangle-props=^(_cartlift|_cartliftState|_cartliftMount|_cartliftRoot|_internals)$"
                .into(),
        );
    }
    esbuild(entry, out, &args)
}

/// `entry` bundled by esbuild as one minified ES module with `args` besides, into `out`.
fn esbuild(entry: &std::path::Path, out: &std::path::Path, args: &[String]) -> Result<String> {
    run(Command::new(root().join("node_modules/.bin/esbuild"))
        .arg(entry)
        .args([
            "--bundle",
            "--minify",
            "--format=esm",
            "--log-level=warning",
        ])
        .args(args)
        .arg(format!("--outfile={}", out.display())))?;
    terser(out)
}

/// The merchant preview's editor in dist/ (not `cartlift-*`: neither the Shopify app nor the
/// WooCommerce plugin ships it).
pub const EDITOR: &str = "preview-editor.js";

/// Builds every flavour of the wasm, the entry, the adapters and the lazy modules, writes
/// dist/, and reports what each kind of page fetches.
pub fn build() -> Result<Built> {
    let root = root();
    let out = root.join("target/cartlift-dist");
    std::fs::create_dir_all(&out)
        .map_err(|e| format!("could not create {}: {e}", out.display()))?;
    let (check_wasm, check_js) = checker()?;
    let adapters = adapters(&out)?;
    let mut flavours = Vec::new();
    // The plain full flavour last, so that its build is the one left in target/ for the
    // bench's look inside the wasm; reported smallest first, each before its platform ones.
    for f in FLAVOURS {
        for &build in PLATFORM_BUILDS {
            flavours.push(flavour(f, build)?);
        }
    }
    flavours.sort_by_key(|f| {
        let rank = FLAVOURS.iter().position(|s| s.name == f.name);
        (rank, !f.platform.is_empty(), f.platform, f.markets)
    });
    let mut lazy = Vec::new();
    for (name, source, _) in LAZY_JS {
        let js = minify(
            &root.join(source),
            &out.join(format!("cartlift_{name}.min.js")),
        )?
        .into_bytes();
        lazy.push(Asset {
            name: format!("cartlift-{name}-{}.js", hash(&js)),
            bytes: js,
        });
    }
    // cartlift's own words (src/words/), one file per language named by its content, and the
    // module that puts them under a config's labels, named by its content with their names in it.
    let mut words = Vec::new();
    let mut word_names = serde_json::Map::new();
    let mut listed: Vec<_> = std::fs::read_dir(root.join("src/words"))
        .map_err(|e| format!("src/words: {e}"))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    listed.sort();
    for path in listed {
        let tag = path
            .file_stem()
            .and_then(|s| s.to_str())
            .ok_or("a words file without a name")?
            .to_owned();
        let text: serde_json::Value = serde_json::from_slice(&read(&path)?)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let bytes = serde_json::to_vec(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let name = format!("cartlift-words-{tag}-{}.json", hash(&bytes));
        word_names.insert(tag.to_lowercase(), name.clone().into());
        words.push(Asset { name, bytes });
    }
    let words_out = out.join("cartlift_words.min.js");
    let words_js = esbuild(
        &root.join("src/words.js"),
        &words_out,
        &[format!(
            "--define:CARTLIFT_WORDS={}",
            serde_json::Value::Object(word_names)
        )],
    )?
    .into_bytes();
    let words_js = Asset {
        name: format!("cartlift-words-{}.js", hash(&words_js)),
        bytes: words_js,
    };
    // Each file by its hash only: cartlift.js writes the rest of its name
    // (`cartlift-<kind>-<hash>.<ext>`), which it knows.
    let mut files = serde_json::json!({
        "version": env!("CARGO_PKG_VERSION"),
        "flavours": flavours.iter().map(|f| serde_json::json!({
            // Markets is a part the page, not the config, decides (`cartlift.js`).
            "name": f.name, "platform": f.platform,
            "parts": f.parts.iter().copied().chain(f.markets.then_some("markets")).collect::<Vec<_>>(),
            "js": hash_in(&f.js.name), "wasm": hash_in(&f.wasm.name),
        })).collect::<Vec<_>>(),
        "check": hash_in(&check_js.name),
        "check_wasm": hash_in(&check_wasm.name),
    });
    for (platform, asset, _) in &adapters {
        files[*platform] = hash_in(&asset.name).into();
    }
    for ((name, _, _), asset) in LAZY_JS.iter().zip(&lazy) {
        files[*name] = hash_in(&asset.name).into();
    }
    files["words"] = hash_in(&words_js.name).into();
    let js = String::from_utf8(called_on_load(&bundle(
        &root.join("src/entry.js"),
        &out.join("cartlift.min.js"),
        &files,
    )?))
    .map_err(|e| format!("cartlift.js is not UTF-8: {e}"))?;

    let dist = root.join("dist");
    let _ = std::fs::remove_dir_all(&dist);
    std::fs::create_dir_all(&dist).map_err(|e| format!("could not create dist/: {e}"))?;
    write(&dist.join("cartlift.js"), js.as_bytes())?;
    for asset in [&check_wasm, &check_js]
        .into_iter()
        .chain(flavours.iter().flat_map(|f| [&f.js, &f.wasm]))
        .chain(adapters.iter().flat_map(|(_, a, changes)| [a, changes]))
        .chain(&lazy)
        .chain(std::iter::once(&words_js))
        .chain(&words)
    {
        write(&dist.join(&asset.name), &asset.bytes)?;
    }
    // The reservation stylesheet a page links before cartlift.js (counted with what every
    // page loads), as it is: a few rules, all comments gone.
    let css = minifier::css::minify(
        &String::from_utf8(read(&root.join("src/cartlift.css"))?)
            .map_err(|e| format!("src/cartlift.css is not UTF-8: {e}"))?,
    )
    .map(|m| m.to_string())
    .map_err(|e| format!("src/cartlift.css could not be minified: {e}"))?;
    write(&dist.join("cartlift.css"), css.as_bytes())?;
    // The types for a page's TypeScript (no page loads them).
    write(
        &dist.join("cartlift.d.ts"),
        &read(&root.join(crate::schema::DTS))?,
    )?;

    // The merchant preview's config editor (CodeMirror and the schema's completion): the
    // preview loads it, no shop page does, and it is in no byte budget.
    bundle(
        &root.join("www/editor/config-editor.mjs"),
        &dist.join(EDITOR),
        &serde_json::Value::Null,
    )?;

    // The Shopify app's theme extension serves the same files from Shopify's CDN.
    let copied = crate::shopify_app::copy_assets(&dist)?;
    println!("shopify/extensions/cartlift-theme/assets: {copied} bytes copied from dist/");

    let entry = sized("cartlift.js", js.as_bytes());
    let sheet = sized("cartlift.css", css.as_bytes());
    println!(
        "\n{:<44} {:>9} {:>9} {:>9}",
        "what a page fetches (brotli)", "wasm", "js + css", "total"
    );
    let mut pages = Vec::new();
    let mut problems = Vec::new();
    let mut plain_totals = Vec::new();
    for f in &flavours {
        let wasm = sized(&f.wasm.name, &f.wasm.bytes);
        let glue = sized(&f.js.name, &f.js.bytes);
        let adapter = adapters
            .iter()
            .find(|(n, _, _)| *n == f.platform)
            .map_or(0, |(_, a, _)| sized(&a.name, &a.bytes).brotli);
        let js = entry.brotli + glue.brotli + sheet.brotli + adapter;
        let total = wasm.brotli + js;
        let spec = FLAVOURS
            .iter()
            .find(|s| s.name == f.name)
            .ok_or("a flavour without its spec")?;
        let (target, budget) = if !f.platform.is_empty() {
            let plain = plain_totals
                .iter()
                .find(|(n, _)| *n == f.name)
                .map_or(0, |(_, t)| *t);
            (plain + PLATFORM_TARGET, spec.platform_budget)
        } else {
            plain_totals.push((f.name, total));
            (spec.target, spec.budget)
        };
        let page = match (f.platform, f.markets) {
            ("", _) => format!("{} config", f.name),
            (p, false) => format!("{} config, data-platform=\"{p}\"", f.name),
            (p, true) => format!("{} config, data-platform=\"{p}\", Markets", f.name),
        };
        let status = if total <= target {
            "within its target".to_owned()
        } else {
            format!("{} B over its target of {target}", total - target)
        };
        println!(
            "{page:<44} {:>9} {:>9} {total:>9}  {status}",
            wasm.brotli, js
        );
        if total > budget {
            problems.push(format!(
                "the {page} page fetches {total} bytes brotli, over its budget of {budget}"
            ));
        }
        pages.push(serde_json::json!({
            "flavour": f.name, "platform": f.platform, "markets": f.markets, "parts": f.parts,
            "wasm": {"name": wasm.name, "raw": wasm.raw, "gzip": wasm.gzip, "brotli": wasm.brotli},
            "js": {"name": glue.name, "raw": glue.raw, "gzip": glue.gzip, "brotli": glue.brotli},
            "total_brotli": total, "target": target, "budget": budget,
        }));
    }
    // The ceiling holds for every page without a platform (see `platform_budget` for those).
    let brotli_total = pages
        .iter()
        .filter(|p| p["platform"] == "")
        .filter_map(|p| p["total_brotli"].as_u64())
        .max()
        .unwrap_or(0) as usize;
    println!(
        "\nevery page: {} ({} B brotli) and {} ({} B); one flavour's bindings and wasm; on a\n\
         platform page, one adapter (shopify {} B, woocommerce {} B).",
        entry.name,
        entry.brotli,
        sheet.name,
        sheet.brotli,
        adapters
            .iter()
            .find(|(n, _, _)| *n == "shopify")
            .map_or(0, |(_, a, _)| sized(&a.name, &a.bytes).brotli),
        adapters
            .iter()
            .find(|(n, _, _)| *n == "woocommerce")
            .map_or(0, |(_, a, _)| sized(&a.name, &a.bytes).brotli),
    );
    let on_refusal = vec![
        sized(&check_js.name, &check_js.bytes),
        sized(&check_wasm.name, &check_wasm.bytes),
    ];
    println!("loaded only when a config or cart is refused (the checker module):");
    for f in &on_refusal {
        println!("{:<44} {:>9} {:>9} {:>9}", f.name, f.raw, f.gzip, f.brotli);
    }
    let on_change: Vec<Sized> = adapters
        .iter()
        .map(|(_, _, changes)| sized(&changes.name, &changes.bytes))
        .collect();
    println!("loaded only on a platform page, at the shopper's first change (the adapter's writing part):");
    for f in &on_change {
        println!("{:<44} {:>9} {:>9} {:>9}", f.name, f.raw, f.gzip, f.brotli);
    }
    let on_feature: Vec<Sized> = lazy.iter().map(|a| sized(&a.name, &a.bytes)).collect();
    for (f, (_, _, when)) in on_feature.iter().zip(LAZY_JS) {
        println!("loaded only on a page with {when}:");
        println!("{:<44} {:>9} {:>9} {:>9}", f.name, f.raw, f.gzip, f.brotli);
    }
    println!("loaded only on a page whose config is in another language (its module and its language's words):");
    let on_language: Vec<Sized> = std::iter::once(&words_js)
        .chain(&words)
        .map(|a| sized(&a.name, &a.bytes))
        .collect();
    for f in &on_language {
        println!("{:<44} {:>9} {:>9} {:>9}", f.name, f.raw, f.gzip, f.brotli);
    }
    println!();
    let sized_json = |f: &Sized| serde_json::json!({"name": f.name, "raw": f.raw, "gzip": f.gzip, "brotli": f.brotli});
    let manifest = serde_json::json!({
        "js": "cartlift.js",
        "entry": sized_json(&entry),
        "css": sized_json(&sheet),
        "pages": pages,
        "on_language": on_language.iter().map(sized_json).collect::<Vec<_>>(),
        "adapters": adapters.iter().map(|(_, a, _)| sized_json(&sized(&a.name, &a.bytes))).collect::<Vec<_>>(),
        "on_change": on_change.iter().map(sized_json).collect::<Vec<_>>(),
        "on_refusal": on_refusal.iter().map(sized_json).collect::<Vec<_>>(),
        "on_feature": on_feature.iter().map(sized_json).collect::<Vec<_>>(),
        "brotli_total": brotli_total,
    });
    write(&dist.join("sizes.json"), manifest.to_string().as_bytes())?;
    if brotli_total > CEILING_BYTES {
        problems.push(format!(
            "the largest page fetches {brotli_total} bytes brotli, over the {CEILING_BYTES}-byte (120 KB) ceiling"
        ));
    }
    if !problems.is_empty() {
        return Err(problems.join("; "));
    }
    Ok(Built { brotli_total })
}

/// Builds flavour `name` (without and with each platform's mapping) exactly as [`build`] does,
/// and prints what its wasm and bindings weigh brotli'd, without writing dist/: a change's
/// cost on one kind of page in a quarter of the time of the whole build. The files are left in
/// `target/cartlift-only/` under their dist names, to try on a page served from dist/.
pub fn measure_one(name: &str) -> Result {
    let f = FLAVOURS
        .iter()
        .find(|f| f.name == name)
        .ok_or_else(|| format!("no flavour is named {name:?}"))?;
    let out = root().join("target/cartlift-only");
    std::fs::create_dir_all(&out)
        .map_err(|e| format!("could not create {}: {e}", out.display()))?;
    for &build in PLATFORM_BUILDS {
        let built = flavour(f, build)?;
        for asset in [&built.js, &built.wasm] {
            write(&out.join(&asset.name), &asset.bytes)?;
        }
        let (wasm, js) = (
            brotli(&built.wasm.bytes).len(),
            brotli(&built.js.bytes).len(),
        );
        println!(
            "{}: wasm {wasm} B, bindings {js} B brotli ({} B together)",
            flavour_label(f.name, build.0, build.1),
            wasm + js
        );
    }
    Ok(())
}

/// The sizes of `bytes` as served raw, gzipped and brotli'd.
pub fn sized(name: &str, bytes: &[u8]) -> Sized {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let gzip = gz
        .write_all(bytes)
        .and_then(|()| gz.finish())
        .map_or(0, |v| v.len());
    Sized {
        name: name.to_owned(),
        raw: bytes.len(),
        gzip,
        brotli: brotli(bytes).len(),
    }
}

/// `bytes` brotli'd at quality 11, as a CDN precompresses static files.
pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut br = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    match brotli::BrotliCompress(&mut &bytes[..], &mut br, &params) {
        Ok(_) => br,
        Err(_) => Vec::new(),
    }
}

fn read(path: &std::path::Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| format!("could not read {}: {e}", path.display()))
}

fn write(path: &std::path::Path, bytes: &[u8]) -> Result {
    std::fs::write(path, bytes).map_err(|e| format!("could not write {}: {e}", path.display()))
}
