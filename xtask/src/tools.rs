//! Installs what the build and the tests need on a fresh Debian machine with Rust and Node,
//! and skips whatever is already there, so every command stays idempotent.

use crate::{root, run, Result};
use std::path::Path;
use std::process::Command;

/// Debian's ChromeDriver, which drives Debian's Chromium (tools that download their own
/// browser cannot run here).
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// Debian's Chromium.
pub const CHROMIUM: &str = "/usr/bin/chromium";

/// Everything: the wasm toolchain, the browser and the npm packages.
pub fn all() -> Result {
    wasm()?;
    browser()?;
    php()?;
    wordpress()
}

/// The wasm target, the wasm-bindgen CLI matching Cargo.lock, and npm's binaryen (wasm-opt).
pub fn wasm() -> Result {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"]));
    if !installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    let want = locked_version("wasm-bindgen")?;
    let have = output(Command::new("wasm-bindgen").arg("--version"));
    if have.split_whitespace().nth(1) != Some(want.as_str()) {
        // Not `--locked`: that fails against this registry.
        run(Command::new(env!("CARGO")).args(["install", "wasm-bindgen-cli", "--version", &want]))?;
    }
    npm()
}

/// Debian's Firefox ESR, for the end-to-end checks that run in a second browser (driven by
/// puppeteer-core over WebDriver BiDi: geckodriver is not packaged, and none is needed).
pub const FIREFOX: &str = "/usr/bin/firefox-esr";

/// Debian's Chromium and ChromeDriver, and Firefox ESR, for the browser and end-to-end tests.
pub fn browser() -> Result {
    debian(
        &[CHROMIUM, CHROMEDRIVER, FIREFOX],
        &["chromium", "chromium-driver", "firefox-esr"],
    )
}

/// Debian's PHP and PHPUnit, for the WooCommerce plugin's tests (bcmath for exact products past
/// PHP's integers; dom, xml and mbstring for PHPUnit).
pub fn php() -> Result {
    debian(
        &["/usr/bin/php", "/usr/bin/phpunit"],
        &[
            "php-cli",
            "phpunit",
            "php-bcmath",
            "php-xml",
            "php-mbstring",
        ],
    )?;
    // The image may have PHP without one of its extensions.
    let loaded = output(Command::new("php").arg("-m"));
    if ["bcmath", "dom", "mbstring"]
        .iter()
        .all(|m| loaded.lines().any(|l| l.trim() == *m))
    {
        return Ok(());
    }
    apt(&["php-bcmath", "php-xml", "php-mbstring"])
}

/// Debian's WordPress (6.1, the plugin's oldest), two of its themes (a block theme and a
/// classic one), and MariaDB, for the plugin's tests in a real WordPress.
pub fn wordpress() -> Result {
    debian(
        &[
            "/usr/share/wordpress/wp-settings.php",
            "/usr/share/wordpress/wp-content/themes/twentytwentythree",
            "/usr/share/wordpress/wp-content/themes/twentytwentyone",
            "/usr/sbin/mariadbd",
            "/usr/bin/mariadb-install-db",
        ],
        &[
            "wordpress",
            "wordpress-theme-twentytwentythree",
            "wordpress-theme-twentytwentyone",
            "mariadb-server",
            "php-mysql",
        ],
    )?;
    // WordPress talks to MariaDB through PHP's mysqli.
    if output(Command::new("php").arg("-m"))
        .lines()
        .any(|l| l.trim() == "mysqli")
    {
        return Ok(());
    }
    apt(&["php-mysql"])
}

/// Installs Debian `packages` unless every one of `present` exists.
fn debian(present: &[&str], packages: &[&str]) -> Result {
    if present.iter().all(|p| Path::new(p).exists()) {
        return Ok(());
    }
    apt(packages)
}

/// `apt-get install` (as root, or through sudo), after updating the lists.
fn apt(packages: &[&str]) -> Result {
    let sudo = |args: &[&str]| {
        let mut c = if is_root() {
            Command::new(args[0])
        } else {
            let mut c = Command::new("sudo");
            c.arg(args[0]);
            c
        };
        c.args(&args[1..]).env("DEBIAN_FRONTEND", "noninteractive");
        c
    };
    run(&mut sudo(&["apt-get", "update"]))?;
    run(sudo(&["apt-get", "install", "-y", "--no-install-recommends"]).args(packages))
}

/// The npm packages of package-lock.json (binaryen, esbuild, terser, typescript, eslint, playwright-core, lighthouse), installed when missing
/// or older than the lockfile.
fn npm() -> Result {
    let root = root();
    let lock = root.join("package-lock.json");
    let marker = root.join("node_modules/.package-lock.json");
    let fresh = match (
        std::fs::metadata(&lock).and_then(|m| m.modified()),
        std::fs::metadata(&marker).and_then(|m| m.modified()),
    ) {
        (Ok(l), Ok(m)) => m >= l,
        _ => false,
    };
    let bins = ["wasm-opt", "esbuild", "terser", "tsc", "eslint"];
    if fresh
        && bins
            .iter()
            .all(|b| root.join("node_modules/.bin").join(b).exists())
    {
        return Ok(());
    }
    run(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]))
}

/// The workspace's resolved dependency graph (`cargo metadata`), as Cargo.lock pins it.
pub fn metadata() -> Result<cargo_metadata::Metadata> {
    cargo_metadata::MetadataCommand::new()
        .manifest_path(root().join("Cargo.toml"))
        .exec()
        .map_err(|e| format!("cargo metadata failed: {e}"))
}

/// The version of `package` that Cargo.lock pins.
pub fn locked_version(package: &str) -> Result<String> {
    metadata()?
        .packages
        .iter()
        .find(|p| p.name.as_str() == package)
        .map(|p| p.version.to_string())
        .ok_or_else(|| format!("Cargo.lock does not pin {package}"))
}

fn output(cmd: &mut Command) -> String {
    cmd.output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default()
}

fn is_root() -> bool {
    output(Command::new("id").arg("-u")).trim() == "0"
}

#[cfg(test)]
mod tests {
    use super::metadata;

    #[test]
    fn leptos_and_the_crates_the_renderer_and_session_build_on_are_pinned_to_the_lock() {
        let meta = metadata().expect("cargo metadata");
        let widget = meta
            .packages
            .iter()
            .find(|p| p.name.as_str() == "cartlift")
            .expect("the widget's package");
        for name in ["leptos", "tachys", "reactive_graph", "any_spawner"] {
            let dep = widget
                .dependencies
                .iter()
                .find(|d| d.name == name && d.kind == cargo_metadata::DependencyKind::Normal)
                .unwrap_or_else(|| panic!("Cargo.toml names {name}"));
            let locked = meta
                .packages
                .iter()
                .find(|p| p.name.as_str() == name)
                .map(|p| p.version.to_string())
                .expect("locked");
            assert_eq!(dep.req.to_string(), format!("={locked}"), "{name}");
        }
    }

    #[test]
    fn only_server_fn_uses_the_wasm_streams_stand_in() {
        let meta = metadata().expect("cargo metadata");
        let streams = meta
            .packages
            .iter()
            .find(|p| p.name.as_str() == "wasm-streams")
            .expect("wasm-streams is in the graph");
        assert!(
            streams.source.is_none(),
            "the patch in patches/wasm-streams is used"
        );
        let resolve = meta.resolve.as_ref().expect("resolved graph");
        let users: Vec<String> = resolve
            .nodes
            .iter()
            .filter(|n| n.deps.iter().any(|d| d.pkg == streams.id))
            .filter_map(|n| meta.packages.iter().find(|p| p.id == n.id))
            .map(|p| p.name.to_string())
            .collect();
        assert_eq!(users, ["server_fn"]);
    }
}
