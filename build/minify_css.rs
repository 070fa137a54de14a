//! The CSS minifier of the build: shared by `build.rs` (the widgets' stylesheet, inside the
//! wasm) and xtask (`dist/cartlift.css`).
//!
//! Conservative on purpose: comments go, runs of whitespace become one space, and the spaces
//! around `{`, `}` and `;` go. Spaces that can carry meaning (a descendant combinator before
//! `:hover`, inside values and strings) stay.

/// `css` minified as above.
pub fn minify(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    // Comments out; strings never contain "/*" in our stylesheet (a test in the widget checks
    // that the minified sheet still parses to the same rules).
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start + 2..]
            .find("*/")
            .map_or("", |end| &rest[start + 2 + end + 2..]);
    }
    out.push_str(rest);
    let collapsed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut min = String::with_capacity(collapsed.len());
    for c in collapsed.chars() {
        if matches!(c, '{' | '}' | ';') && min.ends_with(' ') {
            min.pop();
        }
        if c == ' ' && min.ends_with(['{', '}', ';']) {
            continue;
        }
        min.push(c);
    }
    min.replace(";}", "}")
}
