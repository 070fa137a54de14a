//! Checking `labels`: every key a known label, every text a template with only its
//! placeholders; what the merchant leaves out keeps its English default. The templates of
//! messages elsewhere in the config (a goal's, a tier set's nudge) are checked here too.

use crate::config::labels::{Labels, LABELS};
use crate::config::raw::RawText;
use crate::error::{suggestion, Code, Errors, Path};
use crate::template::Template;

/// A label's or message's text as a template: plain text or plural forms, each checked for
/// its placeholders. The problem, if any, is recorded at `path`.
pub(crate) fn template(
    text: &RawText,
    allowed: &[&str],
    path: &Path,
    errs: &mut Errors,
) -> Option<Template> {
    let parsed = match text {
        RawText::Plain(s) => Template::parse(s, allowed),
        RawText::Plural(forms) => Template::plural(forms, allowed),
    };
    parsed
        .map_err(|e| errs.push(Code::BadTemplate, path, e))
        .ok()
}

/// Checks the merchant's `labels`, filling what they leave out with the English defaults.
pub(crate) fn check(raw: &[(String, RawText)], path: &Path, errs: &mut Errors) -> Labels {
    for (key, _) in raw {
        if !LABELS.iter().any(|l| l.key == key) {
            errs.push(
                Code::UnknownLabel,
                &path.key(key),
                crate::msg!(
                    "there is no label \"{key}\"{}; the schema lists every label",
                    suggestion(key, LABELS.iter().map(|l| l.key))
                ),
            );
        }
    }
    Labels::filled(&mut |l| {
        raw.iter()
            .rev()
            .find(|(k, _)| k == l.key)
            .and_then(|(k, text)| template(text, l.placeholders, &path.key(k), errs))
    })
}

/// Checks the objects of `labels` keyed by language (spec §13) as the flat one is checked:
/// each key a language tag, each of its labels known, each text a template with only its
/// placeholders. Which one a page reads is the entry's language module's choice.
#[cfg(feature = "languages")]
pub(crate) fn check_languages(
    languages: &[(String, Vec<(String, RawText)>)],
    path: &Path,
    errs: &mut Errors,
) {
    for (tag, labels) in languages {
        let at = path.key(tag);
        if !crate::config::safety::is_well_formed_locale(tag) {
            errs.push(
                Code::BadLocale,
                &at,
                crate::msg!("\"{tag}\" is not a language tag; key labels by language like \"de\" or \"pt-BR\""),
            );
        }
        check(labels, &at, errs);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(feature = "messages")] // it reads the sentence
    fn a_misspelt_label_suggests_the_right_one_and_a_bad_placeholder_is_refused() {
        let mut errs = Errors::default();
        let raw = vec![
            (
                "best_valeu".to_owned(),
                RawText::Plain("Bester Preis".into()),
            ),
            (
                "tier_unit_price".to_owned(),
                RawText::Plain("{prize} je Stück".into()),
            ),
        ];
        check(&raw, &Path::root().key("labels"), &mut errs);
        let errs = errs.into_result(()).unwrap_err();
        assert_eq!(errs.len(), 2);
        assert_eq!(errs[0].code(), Code::UnknownLabel);
        assert!(errs[0].to_string().starts_with(
            "labels.best_valeu: there is no label \"best_valeu\" (did you mean \"best_value\"?)"
        ));
        assert_eq!(errs[1].path(), "labels.tier_unit_price");
        assert_eq!(errs[1].code(), Code::BadTemplate);
    }
}
