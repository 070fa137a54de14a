//! cartlift's own words (`src/words/`, spec §13), held to the core: each language's file is a
//! `labels` object the core accepts, with every label, each one's placeholders its own.

#[cfg(test)]
mod tests {
    use crate::root;
    use cartlift_core::Config;

    /// Every words file, by its language tag.
    fn files() -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = std::fs::read_dir(root().join("src/words"))
            .expect("src/words is there")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .map(|p| {
                let tag = p
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or("")
                    .to_owned();
                (tag, std::fs::read_to_string(&p).expect("readable"))
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn the_fourteen_languages_of_the_spec_are_shipped_with_english_in_the_core() {
        let tags: Vec<String> = files().into_iter().map(|(t, _)| t).collect();
        assert_eq!(
            tags,
            ["ar", "de", "es", "fr", "he", "it", "ja", "ko", "nl", "pl", "pt-BR", "sv", "zh-CN"]
        );
    }

    #[test]
    fn every_language_gives_every_label_and_the_core_accepts_each_as_labels() {
        let keys: Vec<&str> = cartlift_core::config::labels::LABELS
            .iter()
            .map(|l| l.key)
            .collect();
        for (tag, text) in files() {
            let words: serde_json::Value = serde_json::from_str(&text).expect("JSON");
            let mut given: Vec<&str> = words
                .as_object()
                .expect("an object")
                .keys()
                .map(String::as_str)
                .collect();
            given.sort_unstable();
            let mut all = keys.clone();
            all.sort_unstable();
            assert_eq!(given, all, "{tag}: every label");
            let config = format!(
                r#"{{"currency":"EUR","locale":"{tag}","products":[{{"id":"a","title":"A","price":"1.00"}}],"labels":{text}}}"#
            );
            if let Err(errors) = Config::from_json(&config) {
                panic!("{tag}: {errors:#?}");
            }
        }
    }
}
