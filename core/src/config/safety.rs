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

/// CSS functions a theme value may call: colours, colour mixing, arithmetic on lengths, and
/// the page's own custom properties.
const CSS_FUNCTIONS: &[&str] = &[
    "rgb",
    "rgba",
    "hsl",
    "hsla",
    "hwb",
    "lab",
    "lch",
    "oklab",
    "oklch",
    "color",
    "color-mix",
    "light-dark",
    "calc",
    "min",
    "max",
    "clamp",
    "var",
];

/// Whether `value` is a plain CSS value: colours (names, `#hex`, `rgb()` and the other colour
/// functions), lengths and numbers, and font stacks (bare or quoted family names), separated by
/// spaces, commas and slashes. An allow-list: anything else (a function not in
/// [`CSS_FUNCTIONS`], such as `url()`, `image-set()` or `cross-fade()`; `;`, `{`, `}`, `@`, `!`,
/// a backslash, a control character) is refused, so a value can neither end its declaration
/// nor make the browser fetch anything.
pub fn is_safe_css_value(value: &str) -> bool {
    let b = value.as_bytes();
    if value.trim().is_empty() || b.len() > 200 {
        return false;
    }
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b' ' | b',' | b'/' => i += 1,
            b'+' | b'-' | b'*' | b'.' | b'%' | b'0'..=b'9' if !is_ident_start(b, i) => i += 1,
            b')' if depth > 0 => {
                depth -= 1;
                i += 1;
            }
            b'#' => {
                let n = b[i + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_hexdigit())
                    .count();
                if !matches!(n, 3 | 4 | 6 | 8) {
                    return false;
                }
                i += 1 + n;
            }
            b'"' | b'\'' => {
                // A quoted family name: no quote of its kind, backslash or control inside.
                let end = b[i + 1..].iter().position(|&x| x == c);
                let Some(len) = end else { return false };
                if b[i + 1..i + 1 + len]
                    .iter()
                    .any(|&x| x == b'\\' || x < 0x20 || x == 0x7f)
                {
                    return false;
                }
                i += len + 2;
            }
            _ if is_ident_start(b, i) => {
                let n = b[i..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_'))
                    .count();
                let name = &b[i..i + n];
                i += n;
                if b.get(i) == Some(&b'(') {
                    if !CSS_FUNCTIONS
                        .iter()
                        .any(|f| f.as_bytes().eq_ignore_ascii_case(name))
                    {
                        return false;
                    }
                    depth += 1;
                    i += 1;
                }
            }
            // Letters beyond ASCII in a family name ("Noto Sans Arabic" may be written in Arabic).
            _ if c >= 0x80 => i += 1,
            _ => return false,
        }
    }
    depth == 0
}

/// Whether an identifier starts at `i`: a letter or `_`, or `-` followed by one of those or
/// another `-` (`-apple-system`, `--brand`).
fn is_ident_start(b: &[u8], i: usize) -> bool {
    let letter = |c: u8| c.is_ascii_alphabetic() || c == b'_';
    match b[i] {
        b'-' => b.get(i + 1).is_some_and(|&c| letter(c) || c == b'-'),
        c => letter(c),
    }
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
    fn colours_lengths_and_font_stacks_pass() {
        for ok in [
            "#0a7c55",
            "#FFF",
            "rebeccapurple",
            "'Helvetica Neue', Arial, sans-serif",
            "\"Inter\", -apple-system, system-ui",
            "rgb(10 20 30 / 50%)",
            "hsl(150deg 80% 30%)",
            "color-mix(in srgb, #0a7c55 80%, white)",
            "oklch(0.6 0.15 160)",
            "8px",
            "0.5em",
            "calc(4px + 0.25em)",
            "var(--color-button, #000)",
            "transparent",
        ] {
            assert!(is_safe_css_value(ok), "{ok}");
        }
    }

    #[test]
    fn anything_that_could_load_or_break_out_is_refused() {
        for bad in [
            "red; background: url(x)",
            "red}*{color:red",
            "url(https://x)",
            "URL(x)",
            "image-set(\"x.png\" 1x)",
            "-webkit-image-set(url(x) 1x)",
            "cross-fade(url(a), url(b))",
            "element(#x)",
            "paint(worklet)",
            "expression(alert(1))",
            "</style>",
            "red !important",
            "@import",
            "\"unterminated",
            "'a\\'b'",
            "#12",
            "rgb(1 2 3",
            "a)",
            "",
            "   ",
        ] {
            assert!(!is_safe_css_value(bad), "{bad}");
        }
    }
}
