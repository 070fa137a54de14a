//! Checks on text that reaches a page as a URL, a CSS value or a language tag.

/// Whether `url` is safe to put in an `href` or `src`: `http:`/`https:` or relative. Refuses
/// `javascript:`, `data:` and every other scheme, also when disguised with case, spaces or
/// control characters, which browsers strip before reading the scheme.
pub fn is_safe_url(url: &str) -> bool {
    if url.chars().any(|c| c.is_control())
        || url.trim() != url
        || url.starts_with("//") && url.len() == 2
    {
        return false;
    }
    let cleaned: String = url.chars().filter(|c| !c.is_whitespace()).collect();
    // A scheme is whatever comes before the first ':' that has no '/', '?' or '#' before it.
    match cleaned.split_once([':', '/', '?', '#']) {
        Some((scheme, _)) if cleaned.as_bytes().get(scheme.len()) == Some(&b':') => {
            scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")
        }
        _ => true,
    }
}

/// Whether `tag` is a well-formed BCP 47 language tag (`en`, `en-US`, `zh-Hant-TW`,
/// `ar-EG-u-nu-arab`): a 2–3 or 5–8 letter language, then 1–8 character subtags.
pub fn is_well_formed_locale(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let language_ok = parts.next().is_some_and(|l| {
        matches!(l.len(), 2 | 3 | 5..=8) && l.bytes().all(|b| b.is_ascii_alphabetic())
    });
    language_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Whether `code` looks like an ISO 3166 alpha-2 country code: two capital letters.
pub fn is_country_code(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase())
}

/// Whether `value` is a plain CSS value that cannot end its declaration or load anything:
/// colours, lengths, font stacks.
pub fn is_safe_css_value(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    !value.is_empty()
        && value.len() <= 200
        && !value
            .chars()
            .any(|c| matches!(c, ';' | '{' | '}' | '<' | '>' | '\\' | '@') || c.is_control())
        && !["url(", "image(", "expression"]
            .iter()
            // A byte window, not `str::contains`: the wasm then holds no substring searcher.
            .any(|n| lower.as_bytes().windows(n.len()).any(|w| w == n.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_and_relative_urls_pass_and_scripts_do_not() {
        for ok in [
            "https://cdn.shop/a.jpg",
            "HTTP://x",
            "/img/a.jpg",
            "img/a.jpg",
            "../a?x=y:z",
            "#top",
            "a.jpg?v=1:2",
        ] {
            assert!(is_safe_url(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "java\tscript:alert(1)",
            " javascript:x",
            "data:text/html,x",
            "vbscript:x",
            "ftp://x",
            "java script:x",
        ] {
            assert!(!is_safe_url(bad), "{bad}");
        }
    }

    #[test]
    fn language_tags_are_checked_for_shape() {
        for ok in ["en", "en-US", "zh-Hant-TW", "ar-EG-u-nu-arab", "ja-JP"] {
            assert!(is_well_formed_locale(ok), "{ok}");
        }
        for bad in ["en_US", "", "e", "en-", "en-US-waytoolongsubtag", "12-US"] {
            assert!(!is_well_formed_locale(bad), "{bad}");
        }
    }

    #[test]
    fn css_values_cannot_break_out() {
        assert!(is_safe_css_value("#0a7c55"));
        assert!(is_safe_css_value("'Helvetica Neue', Arial, sans-serif"));
        assert!(is_safe_css_value("rgb(10 20 30 / 50%)"));
        for bad in [
            "red; background: url(x)",
            "red}*{color:red",
            "url(https://x)",
            "</style>",
            "",
        ] {
            assert!(!is_safe_css_value(bad), "{bad}");
        }
    }
}
