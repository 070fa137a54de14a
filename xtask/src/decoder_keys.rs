//! The config decoder's key lists held to what it reads: every key a list has (and so the JSON
//! Schema, which a test pins to the lists) is read by the decoder of that object, and every
//! key a decoder reads is in its list, so a reader misspelt against the list (read as never
//! given) fails here. A test over `core/src/config/decode.rs`'s text, as the layers test is.

use std::collections::{BTreeMap, BTreeSet};

/// Keys accepted but read elsewhere, by the object's list: the platform adapters and
/// `cartlift check` read them from the config's text (see the decoder's comments).
pub const READ_ELSEWHERE: &[(&str, &str)] = &[
    ("PRODUCT", "variant_id"),
    ("BUNDLE", "discount_code"),
    ("TIER_SET", "discount_code"),
    ("UPSELL", "discount_code"),
];

/// Each key list of `source` by its constant's name.
fn key_lists(source: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut lists = BTreeMap::new();
    let mut rest = source;
    while let Some(at) = rest.find("\nconst ") {
        rest = &rest[at + "\nconst ".len()..];
        let Some((name, after)) = rest.split_once(": &[&str] = &[") else {
            continue;
        };
        let Some((body, _)) = after.split_once("];") else {
            continue;
        };
        lists.insert(name.trim().to_owned(), quoted(body));
    }
    lists
}

/// Every `"…"` in `text`.
fn quoted(text: &str) -> BTreeSet<String> {
    text.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// For each decoder function (`fields(…, LIST, …)` in its body), the keys it reads:
/// `required("k"`, `optional("k"`, `list("k"`, `map("k"` and `part(Part::X, "k"`.
fn reads(source: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let source = source
        .replace("\npub fn ", "\nfn ")
        .replace("\npub(crate) fn ", "\nfn ");
    for body in source.split("\nfn ").skip(1) {
        let body = body.split("\n#[cfg(test)]").next().unwrap_or(body);
        let Some(list) = body
            .split("fields(")
            .nth(1)
            .and_then(|call| call.split(',').nth(2))
            .map(|name| name.trim().to_owned())
        else {
            continue;
        };
        let read = out.entry(list).or_default();
        for call in ["required(", "optional(", "list(", "map("] {
            for after in body.split(&format!(".{call}")).skip(1) {
                if let Some(key) = after.strip_prefix('"').and_then(|a| a.split('"').next()) {
                    read.insert(key.to_owned());
                }
            }
        }
        for after in body.split(".part(Part::").skip(1) {
            if let Some(key) = after.split('"').nth(1) {
                read.insert(key.to_owned());
            }
        }
    }
    out
}

/// What is wrong: a listed key no decoder reads, or a read key no list has.
pub fn mismatches(source: &str) -> Vec<String> {
    let lists = key_lists(source);
    let reads = reads(source);
    let mut wrong = Vec::new();
    for (name, keys) in &lists {
        let Some(read) = reads.get(name) else {
            wrong.push(format!("{name}: no decoder reads this list"));
            continue;
        };
        for key in keys.difference(read) {
            if !READ_ELSEWHERE.contains(&(name.as_str(), key.as_str())) {
                wrong.push(format!("{name}: \"{key}\" is accepted but never read"));
            }
        }
        for key in read.difference(keys) {
            wrong.push(format!(
                "{name}: \"{key}\" is read but not in the list, so it is never found"
            ));
        }
    }
    wrong
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_of_the_config_is_read_by_its_decoder_and_every_read_key_is_listed() {
        let source = std::fs::read_to_string(crate::root().join("core/src/config/decode.rs"))
            .expect("the decoder's source");
        assert!(key_lists(&source).len() > 15, "the lists are found");
        let wrong = mismatches(&source);
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn a_reader_misspelt_and_a_key_never_read_are_both_found() {
        let source = r#"
const GOAL: &[&str] = &["threshold", "reward", "grants"];

fn goal(v: &Json, path: &Path, errs: &mut Errors) -> Option<RawGoal> {
    let f = fields(v, path, GOAL, errs)?;
    f.required("threshold", errs, literal);
    f.optional("reward_text", errs, string);
}
"#;
        assert_eq!(
            mismatches(source),
            [
                "GOAL: \"grants\" is accepted but never read",
                "GOAL: \"reward\" is accepted but never read",
                "GOAL: \"reward_text\" is read but not in the list, so it is never found",
            ]
        );
    }
}
