//! `cartlift check` (every problem of a config, the widget's and the platforms') and `cartlift
//! export shopify-function` (the config as checkout's function reads it).

use crate::{print_json, read_text, Failure, Outcome};
use cartlift_core::Config;
use std::path::Path;

/// Every problem of the config: the core's (as the widget refuses them) and what only a
/// platform reads (`variant_id`, `discount_code`).
pub(crate) fn problems(text: &str) -> Vec<cartlift_core::Error> {
    let mut errors = Config::from_json(text).err().unwrap_or_default();
    if errors.is_empty() {
        // The platform's keys are checked once the config itself is sound, with places.
        let mut extra = cartlift_core::platform::check_config(text);
        let places =
            cartlift_core::json::locate(text, &extra.iter().map(|e| e.path()).collect::<Vec<_>>());
        for (e, place) in extra.iter_mut().zip(places) {
            if let Some((line, column)) = place {
                e.place(line, column);
            }
        }
        errors.extend(extra);
    }
    errors
}

pub(crate) fn check(path: &Path, json: bool) -> Outcome {
    let text = read_text(path)?;
    let errors = problems(&text);
    if json {
        print_json(&serde_json::json!({
            "file": path.display().to_string(),
            "ok": errors.is_empty(),
            "errors": errors.iter().map(|e| serde_json::json!({
                "code": e.code().as_str(), "path": e.path(), "line": e.line(), "column": e.column(), "message": e.message(),
            })).collect::<Vec<_>>(),
        }));
    } else if errors.is_empty() {
        out!("{}: no problems", path.display());
    } else {
        for e in &errors {
            let place = match (e.line(), e.column()) {
                (Some(l), Some(c)) => format!(":{l}:{c}"),
                _ => String::new(),
            };
            out!(
                "{}{place}: {} at {}: {}",
                path.display(),
                e.code().as_str(),
                e.path(),
                e.message()
            );
        }
        out!(
            "{} problem{}",
            errors.len(),
            if errors.len() == 1 { "" } else { "s" }
        );
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Failure::Findings(String::new()))
    }
}

pub(crate) fn export(path: &Path, json: bool) -> Outcome {
    let text = read_text(path)?;
    match cartlift_core::checkout::compact(&text) {
        Ok(compact) => {
            use cartlift_core::checkout::{COMBINES_WITH, DISCOUNT_CLASSES, METAFIELD};
            if json {
                let combines: serde_json::Map<String, serde_json::Value> = COMBINES_WITH
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), serde_json::Value::Bool(*v)))
                    .collect();
                let metafield = serde_json::json!({
                    "namespace": METAFIELD.0, "key": METAFIELD.1, "type": "json", "value": compact,
                });
                print_json(&serde_json::json!({
                    "namespace": METAFIELD.0, "key": METAFIELD.1, "type": "json",
                    "bytes": compact.len(), "limit": cartlift_core::checkout::METAFIELD_LIMIT, "value": compact,
                    // `discountAutomaticAppCreate`'s input, without `startsAt` (the app sets it).
                    "discount": {
                        "title": "cartlift", "functionHandle": "cartlift-discount",
                        "discountClasses": DISCOUNT_CLASSES, "combinesWith": combines,
                        "metafields": [metafield],
                    },
                }));
            } else {
                out!("{compact}");
                eprintln!(
                    "cartlift: {} bytes of the metafield's {} (namespace $app, key cartlift, type json, written by the app)",
                    compact.len(),
                    cartlift_core::checkout::METAFIELD_LIMIT
                );
            }
            Ok(())
        }
        Err(errors) => {
            let lines: Vec<String> = errors
                .iter()
                .map(|e| format!("{} at {}: {}", e.code().as_str(), e.path(), e.message()))
                .collect();
            Err(Failure::Findings(lines.join("\n")))
        }
    }
}
