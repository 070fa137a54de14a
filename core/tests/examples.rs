//! The merchant preview's example stores (`www/configs/`): each is a valid config, and each
//! store in a language other than English says every word cartlift shows in that language, so
//! that no shopper of an example meets an English sentence in the middle of theirs.

use cartlift_core::config::labels::LABELS;
use cartlift_core::Config;

const EXAMPLES: &[(&str, &str)] = &[
    ("apparel", include_str!("../../www/configs/apparel.json")),
    ("arabic", include_str!("../../www/configs/arabic.json")),
    ("coffee", include_str!("../../www/configs/coffee.json")),
    (
        "electronics",
        include_str!("../../www/configs/electronics.json"),
    ),
    ("jpy", include_str!("../../www/configs/jpy.json")),
];

#[test]
fn every_example_store_is_a_valid_config() {
    for (name, text) in EXAMPLES {
        if let Err(errors) = Config::from_json(text) {
            panic!("{name}: {errors:?}");
        }
    }
}

#[test]
fn the_german_arabic_and_japanese_stores_have_every_label_in_their_language() {
    for (name, text) in EXAMPLES {
        let config: serde_json::Value = serde_json::from_str(text).expect("JSON");
        let locale = config["locale"].as_str().unwrap_or("en-US");
        if locale.starts_with("en") {
            continue;
        }
        let labels = config["labels"].as_object().cloned().unwrap_or_default();
        let missing: Vec<&str> = LABELS
            .iter()
            .map(|l| l.key)
            .filter(|k| !labels.contains_key(*k))
            .collect();
        assert!(missing.is_empty(), "{name} ({locale}) has no {missing:?}");
    }
}
