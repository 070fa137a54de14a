//! The layers of the core and of the widget: each module imports only from those below it, so
//! a reader can take them bottom up, and none needs another that needs it back. Held by a test
//! over the sources (`crate::x` paths outside comments and tests).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The core's modules, bottom to top (`docs/architecture.md` draws them).
pub const CORE: &[&str] = &[
    "sort",
    "error",
    "json",
    "parts",
    "money",
    "visitor",
    "platform",
    "ids",
    "schedule",
    "template",
    "config",
    "market",
    "adapter",
    "cart",
    "setup",
    "pricing",
    "shipping",
    "bundles",
    "tiers",
    "upsell",
    "recommend",
    "quote",
    "checkout",
];

/// The widget's modules, bottom to top; `lib.rs` (the exports) is above them all.
pub const WIDGET: &[&str] = &[
    "alloc", "format", "platform", "bridge", "render", "ui", "elements",
];

/// The top-level modules that `text` (a source file, its tests left out) names as `crate::x`.
fn imports(text: &str) -> BTreeSet<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    let mut out = BTreeSet::new();
    for line in code.lines().map(str::trim).filter(|l| !l.starts_with("//")) {
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            out.insert(name);
        }
    }
    out
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every import in `src` that goes up or sideways instead of down `layers`, as
/// `"file uses crate::x"`.
pub fn wrong_way(src: &Path, layers: &[&str]) -> Vec<String> {
    let mut files = Vec::new();
    sources(src, &mut files);
    let mut wrong = Vec::new();
    for path in files {
        let rel = path.strip_prefix(src).unwrap_or(&path);
        let top = rel
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .unwrap_or_default()
            .trim_end_matches(".rs")
            .to_owned();
        if top == "lib" {
            continue;
        }
        let Some(level) = layers.iter().position(|l| *l == top) else {
            wrong.push(format!("{} is in no layer", rel.display()));
            continue;
        };
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        for used in imports(&text) {
            if used == top || used == "msg" {
                continue;
            }
            match layers.iter().position(|l| *l == used) {
                Some(at) if at < level => {}
                _ => wrong.push(format!("{} uses crate::{used}", rel.display())),
            }
        }
    }
    wrong
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_core_imports_only_downward() {
        let wrong = wrong_way(&crate::root().join("core/src"), CORE);
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn the_widget_imports_only_downward() {
        let wrong = wrong_way(&crate::root().join("src"), WIDGET);
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn an_import_upward_is_found() {
        let dir = std::env::temp_dir().join(format!("cartlift-layers-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::fs::write(
            dir.join("money.rs"),
            "use crate::quote::Quote;\n// crate::cart in a comment\n",
        )
        .expect("write");
        std::fs::write(dir.join("quote.rs"), "use crate::money::Money;\n").expect("write");
        let wrong = wrong_way(&dir, CORE);
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(wrong, ["money.rs uses crate::quote"]);
    }
}
