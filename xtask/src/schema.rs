//! The config's JSON Schema, generated from the core's types and committed, so editors can
//! check a config as the merchant types; a test fails when the committed copy is stale.

use crate::{root, Result};

const SCHEMA: &str = "www/cartlift.schema.json";

/// Writes the schema.
pub fn write() -> Result {
    let path = root().join(SCHEMA);
    std::fs::write(&path, cartlift_core::config_schema())
        .map_err(|e| format!("could not write {}: {e}", path.display()))?;
    println!("wrote {SCHEMA}");
    Ok(())
}

/// Fails when the committed schema differs from what the code generates.
pub fn check() -> Result {
    let committed = std::fs::read_to_string(root().join(SCHEMA)).unwrap_or_default();
    if committed == cartlift_core::config_schema() {
        Ok(())
    } else {
        Err(format!(
            "{SCHEMA} is stale: run `cargo xtask schema` and commit it"
        ))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn committed_schema_matches_the_config_types() {
        assert_eq!(super::check(), Ok(()));
    }

    #[test]
    fn schema_names_every_top_level_key_of_the_spec() {
        let schema: serde_json::Value =
            serde_json::from_str(&cartlift_core::config_schema()).expect("json");
        let props = schema["properties"].as_object().expect("properties");
        for key in [
            "currency",
            "locale",
            "products",
            "shipping_bar",
            "bundles",
            "volume_tiers",
            "upsells",
            "max_offers",
            "theme",
            "cart",
        ] {
            assert!(props.contains_key(key), "{key}");
        }
        assert_eq!(
            schema["additionalProperties"],
            serde_json::Value::Bool(false)
        );
    }

    #[test]
    fn every_example_config_in_www_is_valid() {
        let dir = super::root().join("www/configs");
        let mut seen = 0;
        for entry in std::fs::read_dir(&dir).expect("www/configs") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "json") {
                let text = std::fs::read_to_string(&path).expect("readable");
                if let Err(errs) = cartlift_core::Config::from_json(&text) {
                    panic!("{} is not valid: {errs:#?}", path.display());
                }
                seen += 1;
            }
        }
        assert!(seen >= 1);
    }
}
