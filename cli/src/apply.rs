//! `--apply`: a recommendation written into the merchant's config file, keeping its keys and
//! their order, and only when the config that results is valid. A config that is not what
//! `--apply` can write into (not an object, a `shipping_bar` that is not one, …) is a failure
//! with a sentence, never a panic, and the file stays as it was.

use crate::{mine, Failure, Outcome};
use cartlift_core::{Config, Money};
use std::path::Path;

/// The config with `threshold` as its first goal's, written back in its own key order.
pub(crate) fn apply_threshold(path: &Path, text: &str, threshold: Money) -> Outcome {
    let mut v: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| Failure::BadInput(format!("{}: {e}", path.display())))?;
    let t = serde_json::Value::String(threshold.to_decimal_string());
    let top = object(&mut v, path, "the config")?;
    let bar = top
        .entry("shipping_bar")
        .or_insert_with(|| serde_json::json!({ "goals": [] }));
    let bar = object(bar, path, "\"shipping_bar\"")?;
    let goals = bar.entry("goals").or_insert_with(|| serde_json::json!([]));
    let Some(goals) = goals.as_array_mut() else {
        return Err(not_a(path, "\"shipping_bar.goals\"", "a list"));
    };
    match goals.first_mut() {
        Some(goal) => {
            object(goal, path, "\"shipping_bar.goals[0]\"")?.insert("threshold".into(), t);
        }
        None => goals.push(serde_json::json!({ "threshold": t, "reward": "free shipping" })),
    }
    write_config(path, &v)
}

/// `v` as the JSON object `what` must be, or a failure that names it (never a panic on a
/// config a merchant wrote by hand).
fn object<'a>(
    v: &'a mut serde_json::Value,
    path: &Path,
    what: &str,
) -> Result<&'a mut serde_json::Map<String, serde_json::Value>, Failure> {
    v.as_object_mut()
        .ok_or_else(|| not_a(path, what, "an object { ... }"))
}

fn not_a(path: &Path, what: &str, kind: &str) -> Failure {
    Failure::BadInput(format!(
        "{}: {what} is not {kind}, so --apply cannot write into it; `cartlift check` says what is wrong",
        path.display()
    ))
}

fn write_config(path: &Path, v: &serde_json::Value) -> Outcome {
    let mut out = serde_json::to_string_pretty(v).map_err(|e| Failure::BadInput(e.to_string()))?;
    out.push('\n');
    if let Err(errors) = Config::from_json(&out) {
        return Err(Failure::Findings(format!(
            "the change would make the config invalid ({}), so it was not written",
            errors.len()
        )));
    }
    std::fs::write(path, out)
        .map_err(|e| Failure::BadInput(format!("{} cannot be written: {e}", path.display())))
}

/// Adds the proposals whose items are all products of the config, unless the config already
/// has a bundle of that id or of those items, and gives each product without a `related` list
/// its complements that the config sells (strongest lift first): the merchant's own lists are
/// kept. Returns how many bundles were added and how many products were given a list.
pub(crate) fn apply_bundles(
    path: &Path,
    text: &str,
    proposals: &[mine::Proposal],
    complements: &[(String, Vec<(String, f64)>)],
) -> Result<(usize, usize), Failure> {
    let mut v: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| Failure::BadInput(format!("{}: {e}", path.display())))?;
    object(&mut v, path, "the config")?;
    let ids: Vec<String> = v["products"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["id"].as_str().map(str::to_owned))
        .collect();
    if !v["bundles"].is_array() {
        v["bundles"] = serde_json::json!([]);
    }
    let mut added = 0;
    if let Some(bundles) = v["bundles"].as_array_mut() {
        for p in proposals {
            if !p.items.iter().all(|i| ids.contains(i)) {
                continue;
            }
            let same = |b: &serde_json::Value| {
                let mut items: Vec<String> = b["items"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|i| i.as_str().map(str::to_owned))
                    .collect();
                items.sort();
                b["id"] == p.id.as_str() || items == p.items
            };
            if bundles.iter().any(same) {
                continue;
            }
            bundles.push(
                serde_json::json!({ "id": p.id, "items": p.items, "percent_off": p.percent_off }),
            );
            added += 1;
        }
    }
    let mut related = 0;
    if let Some(products) = v["products"].as_array_mut() {
        // A product that is not an object is the checker's to report: it is left as it is.
        for p in products
            .iter_mut()
            .filter(|p| p.is_object() && p.get("related").is_none())
        {
            let Some(id) = p["id"].as_str().map(str::to_owned) else {
                continue;
            };
            let list: Vec<&str> = complements
                .iter()
                .find(|(item, _)| *item == id)
                .into_iter()
                .flat_map(|(_, with)| with.iter().map(|(b, _)| b.as_str()))
                .filter(|b| *b != id && ids.iter().any(|i| i == b))
                .take(MAX_RELATED)
                .collect();
            if !list.is_empty() {
                p["related"] = serde_json::json!(list);
                related += 1;
            }
        }
    }
    if added > 0 || related > 0 {
        write_config(path, &v)?;
    }
    Ok((added, related))
}

/// The most related products written for one product (the widget shows at most 8 in all).
const MAX_RELATED: usize = 8;
