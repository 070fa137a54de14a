//! The Shopify app under `shopify/`: its theme extension's assets, copied from `dist/` after each
//! build, and the checks `shopify app deploy` would make of them, run here: Shopify's own
//! linter (`@shopify/theme-check-node`, in its theme-app-extension mode) and the CLI's rules for
//! what a theme extension may hold (its folders, file types, 10 MB in all, 500 KB of Liquid;
//! read from Shopify's CLI source, `models/extensions/specifications/theme.ts`).

use crate::{root, run, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The theme app extension's folder.
pub fn extension() -> PathBuf {
    root().join("shopify/extensions/cartlift-theme")
}

/// The loader the embed's schema names: the one file written by hand in `assets/`.
pub const LOADER: &str = "cartlift-loader.js";

/// The most the loader may weigh, raw: theme-check's `AssetSizeAppBlockJavaScript` threshold
/// for theme app extensions, which measures the file as it is.
pub const LOADER_MAX_BYTES: u64 = 10_000;

/// Whether a file of `dist/` is one a Shopify page can load: the entry, its stylesheet, the
/// flavours built with Shopify's mapping (`cartlift-<flavour>-shopify-<hash>`), the Shopify
/// adapter and its writing part, and the modules loaded on demand (the checker, measurement, a
/// fetched config).
fn for_shopify(name: &str) -> bool {
    name == "cartlift.js"
        || name == "cartlift.css"
        || (name.starts_with("cartlift-") && name.contains("-shopify-"))
        || name.starts_with("cartlift-shopify-")
        || name.starts_with("cartlift-check-")
        || name.starts_with("cartlift-collect-")
        || name.starts_with("cartlift-src-")
        || name.starts_with("cartlift-words-")
}

/// Replaces the extension's copied assets with `dist`'s current ones (the loader stays);
/// returns how many bytes they come to.
pub fn copy_assets(dist: &Path) -> Result<u64> {
    let assets = extension().join("assets");
    std::fs::create_dir_all(&assets)
        .map_err(|e| format!("could not create {}: {e}", assets.display()))?;
    let listed = |dir: &Path| -> Result<Vec<PathBuf>> {
        Ok(std::fs::read_dir(dir)
            .map_err(|e| format!("could not read {}: {e}", dir.display()))?
            .flatten()
            .map(|e| e.path())
            .collect())
    };
    for old in listed(&assets)? {
        if old.file_name().and_then(|n| n.to_str()) != Some(LOADER) {
            std::fs::remove_file(&old)
                .map_err(|e| format!("could not remove {}: {e}", old.display()))?;
        }
    }
    let mut bytes = 0;
    for file in listed(dist)? {
        let Some(name) = file.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if for_shopify(name) {
            bytes += std::fs::copy(&file, assets.join(name))
                .map_err(|e| format!("could not copy {name} into the theme extension: {e}"))?;
        }
    }
    Ok(bytes)
}

/// What `shopify app deploy` refuses in a theme extension, said for each file that breaks it.
pub fn deploy_problems(dir: &Path) -> Result<Vec<String>> {
    const ASSETS: &[&str] = &["jpg", "jpeg", "json", "js", "css", "png", "svg", "wasm"];
    let mut problems = Vec::new();
    let (mut total, mut liquid) = (0u64, 0u64);
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("could not read {}: {e}", dir.display()))?;
    for folder in entries.flatten().map(|e| e.path()).filter(|p| p.is_dir()) {
        let bucket = folder
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_owned();
        let files = std::fs::read_dir(&folder)
            .map_err(|e| format!("could not read {}: {e}", folder.display()))?;
        for file in files.flatten().map(|e| e.path()) {
            let name = file
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("")
                .to_owned();
            let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
            let size = file.metadata().map(|m| m.len()).unwrap_or(0);
            total += size;
            let allowed = match bucket.as_str() {
                "assets" => ASSETS.contains(&ext),
                "blocks" | "snippets" => {
                    liquid += size;
                    ext == "liquid"
                }
                "locales" => ext == "json",
                _ => {
                    problems.push(format!(
                        "{bucket}/ is not a folder a theme extension may have"
                    ));
                    break;
                }
            };
            if !allowed {
                problems.push(format!(
                    "{bucket}/{name} is not a file type {bucket}/ may hold"
                ));
            }
        }
    }
    if total > 10 * 1024 * 1024 {
        problems.push(format!(
            "the extension holds {total} bytes, over Shopify's 10 MB"
        ));
    }
    if liquid > 500 * 1024 {
        problems.push(format!(
            "its Liquid is {liquid} bytes, over Shopify's 500 KB"
        ));
    }
    Ok(problems)
}

/// The extension's checks: the loader's size, what deploy refuses, and theme-check with no
/// error and no warning.
pub fn check() -> Result {
    let dir = extension();
    let loader = dir.join("assets").join(LOADER);
    let size = loader
        .metadata()
        .map_err(|e| format!("could not read {}: {e}", loader.display()))?
        .len();
    if size > LOADER_MAX_BYTES {
        return Err(format!(
            "{LOADER} is {size} bytes, over the {LOADER_MAX_BYTES} a theme extension's script may be"
        ));
    }
    let problems = deploy_problems(&dir)?;
    if !problems.is_empty() {
        return Err(format!(
            "shopify app deploy would refuse the theme extension: {}",
            problems.join("; ")
        ));
    }
    run(Command::new("node")
        .arg(root().join("tests/shopify/theme-check.mjs"))
        .arg(&dir))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shopify_page_gets_the_shopify_flavours_and_its_adapter_and_not_the_others() {
        assert!(for_shopify("cartlift.js"));
        assert!(for_shopify("cartlift-bar-shopify-74d01967.wasm"));
        assert!(for_shopify("cartlift-shopify-d6ac102472c7.js"));
        assert!(for_shopify("cartlift-shopify-changes-0a1b2c3d.js"));
        assert!(!for_shopify("cartlift-bar-woocommerce-74d01967.wasm"));
        assert!(!for_shopify("cartlift-woocommerce-changes-0a1b2c3d.js"));
        assert!(for_shopify("cartlift-check-ba5921c06eca.wasm"));
        assert!(!for_shopify("cartlift-bar-ad2a8c94be3f.wasm"));
        assert!(!for_shopify("cartlift-woocommerce-3bff9ec94cc7.js"));
        assert!(!for_shopify("cartlift.d.ts"));
        assert!(!for_shopify("sizes.json"));
    }

    #[test]
    fn deploy_refuses_a_stray_folder_a_font_and_liquid_outside_blocks() {
        let dir = std::env::temp_dir().join(format!("cartlift-ext-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (path, body) in [
            ("assets/app.js", "1"),
            ("assets/font.woff2", "1"),
            ("blocks/a.liquid", "1"),
            ("locales/en.default.liquid", "1"),
            ("src/index.js", "1"),
        ] {
            let file = dir.join(path);
            std::fs::create_dir_all(file.parent().expect("a folder")).expect("folder");
            std::fs::write(&file, body).expect("written");
        }
        let mut problems = deploy_problems(&dir).expect("read");
        problems.sort();
        assert_eq!(
            problems,
            [
                "assets/font.woff2 is not a file type assets/ may hold",
                "locales/en.default.liquid is not a file type locales/ may hold",
                "src/ is not a folder a theme extension may have",
            ]
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    fn toml_of(path: &Path) -> toml::Table {
        let text = std::fs::read_to_string(path).expect("readable");
        text.parse()
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    #[test]
    fn the_app_finds_its_theme_extension_its_pixel_and_the_function_with_the_handle_push_uses() {
        let app_dir = root().join("shopify");
        let app = toml_of(&app_dir.join("shopify.app.toml"));
        let scopes = app["access_scopes"]["scopes"].as_str().expect("scopes");
        for needed in ["write_discounts", "write_pixels"] {
            assert!(scopes.split(',').any(|s| s == needed), "{needed}");
        }
        let mut kinds = Vec::new();
        for pattern in app["extension_directories"].as_array().expect("listed") {
            let pattern = pattern.as_str().expect("a path");
            // Shopify's CLI globs `<dir>/*.extension.toml` from the app's folder.
            let dirs: Vec<PathBuf> = match pattern.strip_suffix("/*") {
                Some(parent) => std::fs::read_dir(app_dir.join(parent))
                    .expect("a folder")
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.is_dir())
                    .collect(),
                None => vec![app_dir.join(pattern)],
            };
            for dir in dirs {
                let ext = toml_of(&dir.join("shopify.extension.toml"));
                match ext.get("type").and_then(|t| t.as_str()) {
                    Some(kind) => kinds.push((kind.to_owned(), ext)),
                    None => {
                        let inner = ext["extensions"].as_array().expect("[[extensions]]");
                        for e in inner {
                            let e = e.as_table().expect("a table").clone();
                            kinds.push((e["type"].as_str().expect("type").to_owned(), e));
                        }
                    }
                }
            }
        }
        let of = |kind: &str| {
            kinds
                .iter()
                .find(|(k, _)| k == kind)
                .map(|(_, t)| t.clone())
                .unwrap_or_else(|| panic!("no {kind} extension"))
        };
        of("theme");
        let function = of("function");
        // `cartlift shopify push` and `export shopify-function` name the function by it.
        assert_eq!(function["handle"].as_str(), Some("cartlift-discount"));
        let pixel = of("web_pixel_extension");
        assert_eq!(pixel["runtime_context"].as_str(), Some("strict"));
        // The setting `cartlift shopify push --collect` writes.
        assert!(pixel["settings"]["fields"].get("collect").is_some());
    }

    #[test]
    fn the_extension_as_committed_is_one_deploy_takes() {
        assert_eq!(
            deploy_problems(&extension()).expect("read"),
            Vec::<String>::new()
        );
    }
}
