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

/// Every PHP file of the plugin, in a stable order.
fn php_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            php_files(&path, out)?;
        } else if path.extension().is_some_and(|x| x == "php") {
            out.push(path);
        }
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
    php_files(&plugin, &mut files)?;
    for file in &files {
        run(Command::new("php").arg("-l").arg(file))?;
    }
    generated()?;
    run(Command::new("phpunit")
        .arg("--configuration")
        .arg(plugin.join("phpunit.xml.dist")))
}
