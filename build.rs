//! Minifies `src/style.css` into the build: its comments and indentation are for us, not for
//! the shopper's download. The minifier is the `minifier` crate's (rustdoc's), which xtask uses
//! for `dist/cartlift.css` too; a browser test holds the minified sheet to the source's rules.

fn main() {
    println!("cargo:rerun-if-changed=src/style.css");
    let css = std::fs::read_to_string("src/style.css").expect("src/style.css is readable");
    // The minifier keeps each rule's last `;`, which nothing needs (a browser test holds the
    // result to the source's rules).
    let min = minifier::css::minify(&css)
        .map(|m| m.to_string().replace(";}", "}"))
        .unwrap_or_else(|e| panic!("src/style.css could not be minified: {e}"));
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("style.min.css");
    std::fs::write(out, min).expect("OUT_DIR is writable");
}
