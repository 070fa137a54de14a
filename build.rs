//! Minifies `src/style.css` into the build: its comments and indentation are for us, not for
//! the shopper's download. The minifier is the `minifier` crate's (rustdoc's), which xtask uses
//! for `dist/cartlift.css` too; a browser test holds the minified sheet to the source's rules.

fn main() {
    println!("cargo:rerun-if-changed=src/style.css");
    let css = std::fs::read_to_string("src/style.css").expect("src/style.css is readable");
    let css = for_parts(&css, &|part| {
        std::env::var_os(format!("CARGO_FEATURE_{}", part.to_uppercase())).is_some()
    });
    // The minifier keeps each rule's last `;`, which nothing needs (a browser test holds the
    // result to the source's rules).
    let min = minifier::css::minify(&css)
        .map(|m| m.to_string().replace(";}", "}"))
        .unwrap_or_else(|e| panic!("src/style.css could not be minified: {e}"));
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("style.min.css");
    std::fs::write(out, min).expect("OUT_DIR is writable");
}

/// The sheet with only the sections of the parts this build carries: a section between
/// `/* part: bundles personal */` and `/* end part */` stays when any part it names is in the
/// build (a flavour without bundles or recommendations has no table to style). Measured on
/// the bar flavour: see docs/architecture.md, "Flavours".
fn for_parts(css: &str, carried: &dyn Fn(&str) -> bool) -> String {
    let mut out = String::with_capacity(css.len());
    let mut keep = true;
    for line in css.lines() {
        let trimmed = line.trim();
        if let Some(parts) = trimmed
            .strip_prefix("/* part:")
            .and_then(|rest| rest.strip_suffix("*/"))
        {
            keep = parts.split_whitespace().any(carried);
            continue;
        }
        if trimmed == "/* end part */" {
            keep = true;
            continue;
        }
        if keep {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}
