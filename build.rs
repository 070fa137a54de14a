//! Minifies `src/style.css` into the build: its comments and indentation are for us, not for
//! the shopper's download (measured: 6.4 KB → 5.4 KB raw, −0.27 KB brotli).
//!
//! Conservative on purpose: comments go, runs of whitespace become one space, and the spaces
//! around `{`, `}` and `;` go. Spaces that can carry meaning (a descendant combinator before
//! `:hover`, inside values and strings) stay.

fn main() {
    println!("cargo:rerun-if-changed=src/style.css");
    let css = std::fs::read_to_string("src/style.css").expect("src/style.css is readable");
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("style.min.css");
    std::fs::write(out, minify(&css)).expect("OUT_DIR is writable");
}

fn minify(css: &str) -> String {
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
