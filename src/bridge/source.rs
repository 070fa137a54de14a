//! Where the config comes from (spec §1): the `<script type="application/json"
//! id="cartlift-config">` element's text, or with `data-src`, the JSON at that URL, which the
//! entry module fetches while the wasm loads and hands to [`crate::configure`] (or, when it
//! cannot, to [`crate::config_unavailable`]).

/// Reads the page's config element, if it has one and it holds the config itself. Without
/// one, the page calls `cartlift.configure()` when it is ready. With `data-platform`, the
/// platform adapter gives the config once it has read the shop's cart (in the shopper's
/// currency, with the cart it prices), so the widgets never draw figures for a cart or a
/// currency that is not the shopper's.
pub fn load_from_page() {
    let Some(script) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("cartlift-config"))
    else {
        return;
    };
    // An empty element holds no config: a page that names its build (`data-build`) and
    // configures later may have one.
    let text = script.text_content().unwrap_or_default();
    if !script.has_attribute("data-src")
        && !script.has_attribute("data-platform")
        && !text.trim().is_empty()
    {
        let _ = super::configure(&text);
    }
}
