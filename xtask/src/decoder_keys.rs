//! The config decoder held to the keys it accepts: every key of an object (its raw type's
//! `KEYS`, declared with its fields, from which the JSON Schema also follows) is read by that
//! object's decoder, and every key a decoder reads is one of them, so a reader misspelt against
//! the declaration (read as never given) fails here, and so does a key the schema documents
//! that nothing reads. A test over `core/src/config/decode.rs`'s text, as the layers test is.

use std::collections::{BTreeMap, BTreeSet};

/// Keys accepted but read elsewhere, by the object's raw type: the platform adapters and
/// `cartlift check` read them from the config's text (see the decoder's comments).
pub const READ_ELSEWHERE: &[(&str, &str)] = &[
    ("RawProduct", "variant_id"),
    ("RawProductVariant", "variant_id"),
    ("RawBundle", "discount_code"),
    ("RawTierSet", "discount_code"),
    ("RawUpsell", "discount_code"),
];

/// The keys of each object by its raw type's name: the decoder's table (`decode::KEYS`, by
/// the schema's names) read with the raw type each entry names in `source`.
fn key_lists(source: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut lists = BTreeMap::new();
    for line in source.lines() {
        let Some((name, raw)) = line
            .trim()
            .strip_prefix("(\"")
            .and_then(|l| l.strip_suffix("::KEYS),"))
            .and_then(|l| l.split_once("\", "))
        else {
            continue;
        };
        if let Some((_, keys)) = cartlift_core::config::decode::KEYS
            .iter()
            .find(|(n, _)| *n == name)
        {
            let keys = keys.iter().map(|k| (*k).to_owned()).collect();
            lists.insert(raw.to_owned(), keys);
        }
    }
    lists
}

/// For each decoder function (`fields(…, RawX::KEYS, …)` in its body), the keys it reads:
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
            .map(|name| name.trim().trim_end_matches("::KEYS").to_owned())
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

/// What is wrong between `lists` (each object's keys) and what the decoders of `source` read:
/// a key no decoder reads, a read key the object does not have, an object no decoder reads or
/// a decoder of an object the table lacks.
pub fn mismatches(source: &str, lists: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    let reads = reads(source);
    let mut wrong = Vec::new();
    for (name, keys) in lists {
        let Some(read) = reads.get(name) else {
            wrong.push(format!("{name}: no decoder reads this object"));
            continue;
        };
        for key in keys.difference(read) {
            if !READ_ELSEWHERE.contains(&(name.as_str(), key.as_str())) {
                wrong.push(format!("{name}: \"{key}\" is accepted but never read"));
            }
        }
        for key in read.difference(keys) {
            wrong.push(format!(
                "{name}: \"{key}\" is read but not one of its keys, so it is never found"
            ));
        }
    }
    for name in reads.keys().filter(|n| !lists.contains_key(*n)) {
        wrong.push(format!(
            "{name}: decoded, but not in the decoder's table of keys (so not in the schema test)"
        ));
    }
    wrong
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_of_the_config_is_read_by_its_decoder_and_every_read_key_is_declared() {
        let source = std::fs::read_to_string(crate::root().join("core/src/config/decode.rs"))
            .expect("the decoder's source");
        let lists = key_lists(&source);
        assert_eq!(
            lists.len(),
            cartlift_core::config::decode::KEYS.len(),
            "each object of the table is found with its raw type: {lists:?}"
        );
        let wrong = mismatches(&source, &lists);
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn a_reader_misspelt_and_a_key_never_read_are_both_found() {
        let source = r#"
fn goal(v: &Json, path: &Path, errs: &mut Errors) -> Option<RawGoal> {
    let f = fields(v, path, RawGoal::KEYS, errs)?;
    f.required("threshold", errs, literal);
    f.optional("reward_text", errs, string);
}

fn tier(v: &Json, path: &Path, errs: &mut Errors) -> Option<RawTier> {
    let f = fields(v, path, RawTier::KEYS, errs)?;
}
"#;
        let lists = BTreeMap::from([(
            "RawGoal".to_owned(),
            ["threshold", "reward", "grants"].map(str::to_owned).into(),
        )]);
        assert_eq!(
            mismatches(source, &lists),
            [
                "RawGoal: \"grants\" is accepted but never read",
                "RawGoal: \"reward\" is accepted but never read",
                "RawGoal: \"reward_text\" is read but not one of its keys, so it is never found",
                "RawTier: decoded, but not in the decoder's table of keys (so not in the schema test)",
            ]
        );
    }

    #[test]
    fn each_object_s_keys_are_its_fields_in_order_with_the_one_renamed() {
        use cartlift_core::config::raw::{RawConfig, RawGrants};
        assert_eq!(
            RawGrants::KEYS,
            ["free_shipping", "percent_off", "amount_off", "gift", "auto"]
        );
        assert_eq!(RawConfig::KEYS[..2], ["$schema", "currency"]);
        assert!(
            !RawConfig::KEYS.contains(&"languages"),
            "read from `labels`, no key of its own"
        );
    }
}
