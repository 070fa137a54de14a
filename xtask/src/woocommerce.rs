//! The WooCommerce plugin (`woocommerce/cartlift/`): the files it takes from the core, its PHP
//! tests, and its zip.
//!
//! The plugin's checkout pricing is PHP, held to the core's golden vectors by PHPUnit. What the
//! two must share as data rather than as behaviour (the ISO 4217 exponents) is written from the
//! core by `cargo xtask schema` and checked by `cargo xtask test`, never typed twice.

use crate::{root, run, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The plugin's folder.
pub const PLUGIN: &str = "woocommerce/cartlift";

/// The generated table of currency exponents, inside the plugin.
pub const CURRENCIES: &str = "woocommerce/cartlift/includes/pricing/class-currencies.php";

/// The PHP class of ISO 4217 exponents, from the core's own table.
pub fn currencies_php() -> String {
    let mut rows = String::new();
    let mut codes: Vec<&str> = cartlift_core::Currency::all_codes().collect();
    codes.sort_unstable();
    for code in codes {
        let exponent = cartlift_core::Currency::from_code(code).map_or(0, |c| c.exponent());
        rows.push_str(&format!("\t\t'{code}' => {exponent},\n"));
    }
    format!(
        "<?php
/**
 * The ISO 4217 currencies cartlift prices in, and the decimals of their minor unit.
 *
 * Written by `cargo xtask schema` from the core's table (core/src/money.rs); do not edit.
 *
 * @package Cartlift
 */

namespace Cartlift\\Pricing;

defined( 'ABSPATH' ) || defined( 'CARTLIFT_PRICING_STANDALONE' ) || exit;

/**
 * Currency exponents: 2 for USD, 0 for JPY, 3 for KWD.
 */
final class Currencies {{

\t/** Each code's exponent. */
\tconst EXPONENTS = array(
{rows}\t);

\t/**
\t * The decimals of `$code`'s minor unit, or null for a code cartlift does not know.
\t *
\t * @param string $code An ISO 4217 code.
\t * @return int|null
\t */
\tpublic static function exponent( string $code ): ?int {{
\t\treturn self::EXPONENTS[ $code ] ?? null;
\t}}
}}
"
    )
}

/// Writes the generated files.
pub fn write() -> Result {
    std::fs::write(root().join(CURRENCIES), currencies_php())
        .map_err(|e| format!("could not write {CURRENCIES}: {e}"))
}

/// Fails when a generated file differs from what the core generates.
pub fn generated() -> Result {
    if std::fs::read_to_string(root().join(CURRENCIES)).unwrap_or_default() != currencies_php() {
        return Err(format!(
            "{CURRENCIES} is stale: run `cargo xtask schema` and commit it"
        ));
    }
    Ok(())
}

/// The plugin's checks: every PHP file parses (`php -l`; WordPress's coding standard is on
/// Packagist, which this machine cannot reach), the generated files are current, and PHPUnit
/// passes: checkout pricing replaying every golden vector, the hooks on the WooCommerce
/// stand-in.
pub fn check() -> Result {
    let plugin = root().join(PLUGIN);
    let mut files = Vec::new();
    every_file(&plugin, &mut files)?;
    let php: Vec<&PathBuf> = files
        .iter()
        .filter(|f| f.extension().is_some_and(|x| x == "php"))
        .collect();
    for file in &php {
        let out = Command::new("php")
            .arg("-l")
            .arg(file)
            .output()
            .map_err(|e| format!("php: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "{}: {}",
                file.display(),
                String::from_utf8_lossy(&out.stdout).trim()
            ));
        }
    }
    println!("php -l: {} files parse", php.len());
    generated()?;
    run(Command::new("phpunit")
        .arg("--configuration")
        .arg(plugin.join("phpunit.xml.dist")))
}

/// The plugin in a real WordPress (tests/wordpress/): builds it from `dist` and runs the
/// browser tests on Debian's WordPress and MariaDB, started for the run.
pub fn in_wordpress(dist: &Path) -> Result {
    let zip = build(dist)?;
    let bytes = std::fs::metadata(&zip).map_or(0, |m| m.len());
    println!(
        "built {} ({} bytes)",
        zip.display(),
        crate::thousands(bytes)
    );
    run(Command::new("node")
        .args(["--test", "--test-concurrency=1", "--test-reporter=spec"])
        .arg(root().join("tests/wordpress/wordpress.test.mjs"))
        .env("CHROMIUM", crate::tools::CHROMIUM))
}

/// Whether a file of `dist/` is one a WooCommerce page can load: the entry, its stylesheet,
/// the flavours built with WooCommerce's mapping (the storefront's pages carry
/// `data-platform="woocommerce"`) and without one (the settings page's preview), the
/// WooCommerce adapter and its writing part, and the modules loaded on demand (the checker,
/// measurement, a fetched config); nothing of Shopify's.
fn for_woocommerce(name: &str) -> bool {
    name == "cartlift.js"
        || name == "cartlift.css"
        || (name.starts_with("cartlift-")
            && (name.ends_with(".wasm") || name.ends_with(".js"))
            && !name.starts_with("cartlift-shopify-")
            && !name.contains("-shopify-"))
        || (name.starts_with("cartlift-words-") && name.ends_with(".json"))
}

/// The plugin's own files that its zip leaves out: its tests, their configuration and what
/// PHPUnit leaves behind.
fn shipped(relative: &Path) -> bool {
    !relative.starts_with("tests")
        && relative != Path::new("phpunit.xml.dist")
        && relative != Path::new(".phpunit.result.cache")
}

/// Where the built plugin goes: its folder (what the WordPress tests install) and its zip.
pub fn built() -> PathBuf {
    root().join("target/woocommerce/cartlift")
}

/// Builds the plugin from `dist` (already built): `target/woocommerce/cartlift/` with the
/// widget's files under `assets/` and the README's example stores under `examples/`, and
/// `target/woocommerce/cartlift.zip`, what a merchant uploads. Returns the zip's path.
pub fn build(dist: &Path) -> Result<PathBuf> {
    let out = built();
    if out.exists() {
        std::fs::remove_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    let plugin = root().join(PLUGIN);
    let mut files = Vec::new();
    every_file(&plugin, &mut files)?;
    let mut entries: Vec<(PathBuf, PathBuf)> = files
        .into_iter()
        .filter_map(|f| {
            let relative = f.strip_prefix(&plugin).ok()?.to_path_buf();
            shipped(&relative).then_some((f, relative))
        })
        .collect();
    let mut listed = Vec::new();
    every_file(dist, &mut listed)?;
    for f in listed {
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if for_woocommerce(name) {
            let relative = Path::new("assets").join(name);
            entries.push((f, relative));
        }
    }
    let mut examples = Vec::new();
    every_file(&root().join("www/configs"), &mut examples)?;
    for f in examples {
        if f.extension().is_some_and(|x| x == "json") {
            let name = f.file_name().map(PathBuf::from).unwrap_or_default();
            entries.push((f, Path::new("examples").join(name)));
        }
    }
    if !entries
        .iter()
        .any(|(_, r)| r == Path::new("assets/cartlift.js"))
    {
        return Err(format!(
            "{} has no cartlift.js: run `cargo xtask dist` first",
            dist.display()
        ));
    }
    let zip_path = out.with_extension("zip");
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let file =
        std::fs::File::create(&zip_path).map_err(|e| format!("{}: {e}", zip_path.display()))?;
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (from, relative) in &entries {
        let to = out.join(relative);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::copy(from, &to).map_err(|e| format!("{}: {e}", from.display()))?;
        let bytes = std::fs::read(from).map_err(|e| format!("{}: {e}", from.display()))?;
        // Inside the zip, the plugin's own folder: WordPress installs it as `cartlift/`.
        let name = Path::new("cartlift").join(relative);
        zip.start_file(name.to_string_lossy(), options)
            .map_err(|e| format!("zip: {e}"))?;
        std::io::Write::write_all(&mut zip, &bytes).map_err(|e| format!("zip: {e}"))?;
    }
    zip.finish().map_err(|e| format!("zip: {e}"))?;
    Ok(zip_path)
}

/// Every file under `dir`, in a stable order.
fn every_file(dir: &Path, out: &mut Vec<PathBuf>) -> Result {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            every_file(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_woocommerce_page_gets_every_flavour_and_its_adapter_but_not_shopifys() {
        for name in [
            "cartlift.js",
            "cartlift.css",
            "cartlift-bar-ad2a8c94be3f.wasm",
            "cartlift-full-woocommerce-89b02b9f.js",
            "cartlift-woocommerce-5f6812603074.js",
            "cartlift-woocommerce-changes-0a1b2c3d.js",
            "cartlift-check-ba5921c06eca.wasm",
            "cartlift-words-de-0123456789ab.json",
        ] {
            assert!(for_woocommerce(name), "{name}");
        }
        for name in [
            "cartlift-shopify-382e1c7f031a.js",
            "cartlift-full-shopify-89b02b9f.wasm",
            "cartlift-shopify-changes-0a1b2c3d.js",
            "cartlift.d.ts",
            "sizes.json",
        ] {
            assert!(!for_woocommerce(name), "{name}");
        }
    }

    #[test]
    fn the_zip_leaves_the_tests_out_and_keeps_the_plugin() {
        assert!(!shipped(Path::new("tests/php/GoldenTest.php")));
        assert!(!shipped(Path::new("phpunit.xml.dist")));
        assert!(!shipped(Path::new(".phpunit.result.cache")));
        assert!(shipped(Path::new("cartlift.php")));
        assert!(shipped(Path::new("includes/pricing/class-form.php")));
    }

    #[test]
    fn the_currency_table_is_the_cores() {
        let php = currencies_php();
        assert!(php.contains("'JPY' => 0,"));
        assert!(php.contains("'KWD' => 3,"));
        assert!(php.contains("'USD' => 2,"));
        assert_eq!(
            php.matches(" => ").count(),
            cartlift_core::Currency::all_codes().count()
        );
    }
}
