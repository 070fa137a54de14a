//! The entry module's choice of flavour (`src/loader/parts.js`, run by node) held to the
//! core's `parts::used`, its oracle, on every example config and on cases of their own.

#[cfg(test)]
mod tests {
    use crate::root;
    use cartlift_core::parts::{used, Part};

    /// The JS's parts of each config text, in order, by one node process.
    fn js_parts(configs: &[String]) -> Vec<Vec<String>> {
        let texts: Vec<&str> = configs.iter().map(String::as_str).collect();
        crate::js_oracle::each("src/loader/parts.js", "partsUsed", &texts)
    }

    fn core_parts(text: &str) -> Vec<String> {
        let tree = cartlift_core::json::parse(text).expect("JSON");
        used(&tree)
            .into_iter()
            .map(|p| Part::name(p).to_owned())
            .collect()
    }

    #[test]
    fn the_page_chooses_the_parts_the_core_says_each_config_uses() {
        let mut configs = Vec::new();
        for dir in ["www/configs", "www/stores"] {
            let mut files: Vec<_> = std::fs::read_dir(root().join(dir))
                .expect("examples")
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect();
            files.sort();
            for f in files {
                configs.push(std::fs::read_to_string(f).expect("readable"));
            }
        }
        let bar = r#"{"currency":"USD","products":[{"id":"a","title":"A","price":"1"}],"shipping_bar":{"goals":[{"threshold":"5","reward":"r"}]}"#;
        for extra in [
            "",
            r#","bundles":[]"#,
            r#","bundles":null,"upsells":[{}]"#,
            r#","volume_tiers":[{"segments":[]}]"#,
            r#","volume_tiers":[{"segments":["x"]}]"#,
            r#","buy_x_get_y":[{"id":"d"}]"#,
            r#","buy_x_get_y":[],"volume_tiers":null"#,
            r#","segments":{}"#,
            r#","experiments":[1]"#,
            r#","upsells":"yes""#,
        ] {
            configs.push(format!("{bar}{extra}}}"));
        }
        configs.push(bar.replace(r#""reward":"r""#, r#""reward":"r","personal":{"x":1}"#) + "}");
        configs.push(bar.replace(r#""price":"1""#, r#""price":"1","related":["b"]"#) + "}");
        for variants in [
            r#""options":["Size"],"variants":[{"id":"a-s","options":["S"]}]"#,
            r#""options":["Size"]"#,
            r#""variants":[]"#,
            r#""options":null,"variants":{}"#,
        ] {
            let with = format!(r#""price":"1",{variants}"#);
            configs.push(bar.replace(r#""price":"1""#, &with) + "}");
        }
        for grants in [
            r#"{"gift":"a"}"#,
            r#"{"auto":true}"#,
            r#"{"free_shipping":true}"#,
            r#"{"gift":null}"#,
            r#""a gift""#,
        ] {
            let with = format!(r#""reward":"r","grants":{grants}"#);
            configs.push(bar.replace(r#""reward":"r""#, &with) + "}");
        }
        configs.push("[]".into());
        configs.push("\"text\"".into());
        let js = js_parts(&configs);
        assert_eq!(js.len(), configs.len());
        for (text, js) in configs.iter().zip(js) {
            assert_eq!(js, core_parts(text), "for the config {text}");
        }
        // The examples use every part, so the oracle has seen each.
        let seen: Vec<String> = configs.iter().flat_map(|c| core_parts(c)).collect();
        for part in Part::ALL {
            assert!(seen.iter().any(|s| s == part.name()), "{}", part.name());
        }
    }
}
