//! The layers of the core and of the widget: each module imports only from those below it, so
//! a reader can take them bottom up, and none needs another that needs it back. Held by a test
//! over the sources (`crate::x`, `super::x` and `self::x` paths outside comments and tests);
//! within a module, no two files need each other either (one cycle, documented, is allowed).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The core's modules, bottom to top (`docs/architecture.md` draws them).
pub const CORE: &[&str] = &[
    "call",
    "integer",
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
    "cart",
    "setup",
    "adapter",
    "pricing",
    "shipping",
    "bundles",
    "tiers",
    "deals",
    "upsell",
    "recommend",
    "quote",
    "checkout",
];

/// The widget's modules, bottom to top; `lib.rs` (the exports) is above them all.
pub const WIDGET: &[&str] = &[
    "alloc", "format", "bridge", "platform", "render", "ui", "elements",
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
    // What each file names through `super::` and `self::` too, by its top-level module.
    let named = file_imports(src);
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
        let me = rel.with_extension("").display().to_string();
        let mut used_tops = imports(&text);
        for (_, files) in named.iter().filter(|(f, _)| *f == me) {
            for f in files {
                used_tops.insert(f.split('/').next().unwrap_or_default().to_owned());
            }
        }
        for used in used_tops {
            // An exported macro sits at the crate's root: it is of the module that defines it.
            let used = match used.as_str() {
                "json_object" => "json".to_owned(),
                _ => used,
            };
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

/// The files of `src` each file names (by `super::x`, `self::x` in a `mod.rs`, or
/// `crate::dir::x`), as paths relative to `src` without `.rs` (`bridge/store`, `ui/mod`).
fn file_imports(src: &Path) -> Vec<(String, BTreeSet<String>)> {
    let mut files = Vec::new();
    sources(src, &mut files);
    let names: BTreeSet<String> = files
        .iter()
        .filter_map(|p| p.strip_prefix(src).ok())
        .map(|p| p.with_extension("").display().to_string())
        .collect();
    let mut out = Vec::new();
    for path in &files {
        let Ok(rel) = path.strip_prefix(src) else {
            continue;
        };
        let me = rel.with_extension("").display().to_string();
        // The folder `super::` means: a `mod.rs`'s parent's, else the file's own folder's.
        let dir = rel
            .parent()
            .map(|d| d.display().to_string())
            .unwrap_or_default();
        let parent = |d: &str| {
            d.rsplit_once('/')
                .map_or(String::new(), |(p, _)| p.to_owned())
        };
        let is_mod = rel.file_name().is_some_and(|f| f == "mod.rs");
        let (super_dir, self_dir) = if is_mod {
            (parent(&dir), dir.clone())
        } else {
            (
                dir.clone(),
                format!(
                    "{dir}/{}",
                    rel.with_extension("")
                        .file_name()
                        .map(|f| f.to_string_lossy().into_owned())
                        .unwrap_or_default()
                ),
            )
        };
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let code = text.split("#[cfg(test)]").next().unwrap_or(&text);
        let mut used = BTreeSet::new();
        for line in code.lines().map(str::trim).filter(|l| !l.starts_with("//")) {
            for (prefix, base) in [
                ("super::", super_dir.as_str()),
                ("self::", self_dir.as_str()),
                ("crate::", ""),
            ] {
                let mut rest = line;
                while let Some(at) = rest.find(prefix) {
                    // Not the tail of a longer path (`a::super::`) or a word (`mycrate::`).
                    let before = rest[..at].chars().last();
                    rest = &rest[at + prefix.len()..];
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                        continue;
                    }
                    let segments: Vec<&str> = rest
                        .split(|c: char| {
                            !(c.is_ascii_lowercase() || c == '_' || c == ':' || c.is_ascii_digit())
                        })
                        .next()
                        .unwrap_or("")
                        .split("::")
                        .filter(|s| !s.is_empty())
                        .collect();
                    // The longest prefix of the path that is a file of `src`.
                    let mut at_dir = base.to_owned();
                    for seg in segments {
                        let next = if at_dir.is_empty() {
                            seg.to_owned()
                        } else {
                            format!("{at_dir}/{seg}")
                        };
                        if names.contains(&next) && next != me {
                            used.insert(next.clone());
                        } else if names.contains(&format!("{next}/mod")) {
                            if format!("{next}/mod") != me {
                                used.insert(format!("{next}/mod"));
                            }
                        } else {
                            break;
                        }
                        at_dir = next;
                    }
                }
            }
        }
        out.push((me, used));
    }
    out
}

/// Every cycle between two files of one top-level module (a file naming another that names it
/// back, directly or through others), as `"a → b → a"`; a `mod.rs` naming its own children is
/// not counted (it declares them). `allowed` lists the cycles a doc explains.
pub fn file_cycles(src: &Path, allowed: &[&str]) -> Vec<String> {
    let graph = file_imports(src);
    let top = |f: &str| f.split('/').next().unwrap_or("").to_owned();
    let edges = |from: &str| -> Vec<String> {
        graph
            .iter()
            .find(|(f, _)| f == from)
            .map(|(_, to)| {
                to.iter()
                    .filter(|t| top(t) == top(from) && !t.ends_with("/mod"))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut found = BTreeSet::new();
    for (start, _) in &graph {
        // Depth-first from `start`, each path simple; a path back to `start` is a cycle.
        let mut stack = vec![vec![start.clone()]];
        while let Some(path) = stack.pop() {
            let last = path.last().cloned().unwrap_or_default();
            for next in edges(&last) {
                if next == *start {
                    // Written from its smallest file, so each cycle is listed once.
                    let min = path
                        .iter()
                        .enumerate()
                        .min_by_key(|(_, f)| f.as_str())
                        .map_or(0, |(i, _)| i);
                    let mut turned: Vec<String> =
                        path[min..].iter().chain(&path[..min]).cloned().collect();
                    turned.push(turned[0].clone());
                    found.insert(turned.join(" → "));
                } else if !path.contains(&next) && path.len() < 6 {
                    let mut longer = path.clone();
                    longer.push(next);
                    stack.push(longer);
                }
            }
        }
    }
    found
        .into_iter()
        .filter(|c| !allowed.contains(&c.as_str()))
        .collect()
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
    fn no_two_files_of_the_core_need_each_other() {
        let cycles = file_cycles(&crate::root().join("core/src"), &[]);
        assert!(cycles.is_empty(), "{cycles:#?}");
    }

    #[test]
    fn no_two_files_of_the_widget_need_each_other() {
        // The keyed list and the built element are one renderer in two files: see the doc of
        // src/render/list.rs.
        let cycles = file_cycles(
            &crate::root().join("src"),
            &["render/built → render/list → render/built"],
        );
        assert!(cycles.is_empty(), "{cycles:#?}");
    }

    #[test]
    fn a_cycle_through_super_is_found() {
        let dir = std::env::temp_dir().join(format!("cartlift-cycles-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("bridge")).expect("temp dir");
        std::fs::write(dir.join("bridge/mod.rs"), "pub mod a;\npub mod b;\n").expect("write");
        std::fs::write(dir.join("bridge/a.rs"), "use super::b::B;\n").expect("write");
        std::fs::write(
            dir.join("bridge/b.rs"),
            "fn f() { crate::bridge::a::g() }\n",
        )
        .expect("write");
        let cycles = file_cycles(&dir, &[]);
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(cycles, ["bridge/a → bridge/b → bridge/a"]);
    }

    #[test]
    fn an_import_upward_through_super_is_found() {
        let dir = std::env::temp_dir().join(format!("cartlift-super-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::fs::write(dir.join("money.rs"), "use super::quote::Quote;\n").expect("write");
        std::fs::write(dir.join("quote.rs"), "use super::money::Money;\n").expect("write");
        let wrong = wrong_way(&dir, CORE);
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(wrong, ["money.rs uses crate::quote"]);
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
