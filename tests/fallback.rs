//! A page whose config is refused keeps its fallback content (its own page: the first config
//! this page ever sees is a bad one).
#![cfg(target_arch = "wasm32")]

mod support;
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_bad_config_leaves_the_fallback_and_dispatches_cartlift_error_with_every_path() {
    let heard = Heard::new("cartlift:error");
    let bar = element("cartlift-shipping-bar", &[("preview", "")]);
    bar.set_inner_html("Free shipping over $75");
    let bad = ELECTRONICS
        .replacen(
            r#""items": ["laptop", "mouse"]"#,
            r#""items": ["laptop", "mous"]"#,
            1,
        )
        .replacen(r#""currency": "USD""#, r#""currency": "usd""#, 1);
    assert!(!cartlift::configure(bad.as_str().into()));
    tick().await;
    // The fallback slot shows, the widget does not.
    assert!(!inside(&bar, "slot").has_attribute("hidden"));
    assert!(inside(&bar, ".shipping").has_attribute("hidden"));
    // One event with the whole list; with `preview`, the list is shown in the element.
    let details = heard.details();
    assert_eq!(details.len(), 1, "{details:?}");
    // Each with its code, and where it is in the text.
    assert!(details[0].contains(r#"{"code":"unknown_product","path":"bundles[0].items[1]","message":"no product has the id \"mous\" (did you mean \"mouse\"?)","line":48,"column":83}"#), "{}", details[0]);
    assert!(
        details[0].contains(r#""path":"currency""#),
        "{}",
        details[0]
    );
    let shown = text(&inside(&bar, "[part=errors]"));
    assert!(
        shown.contains(
            r#"bundles[0].items[1]: no product has the id "mous" (did you mean "mouse"?)"#
        ),
        "{shown}"
    );
    assert!(cartlift::state().is_null());

    // A good config replaces it: the widget shows and the fallback hides.
    unremembered();
    assert!(cartlift::configure(ELECTRONICS.into()));
    tick().await;
    assert!(inside(&bar, "slot").has_attribute("hidden"));
    assert!(inside(&bar, "[part=errors]").has_attribute("hidden"));
    assert_eq!(
        text(&inside(&bar, "[part=message]")),
        "Free shipping on orders over $75.00"
    );
}

#[wasm_bindgen_test]
async fn things_that_are_not_json_are_refused_without_throwing() {
    let heard = Heard::new("cartlift:error");
    assert!(!cartlift::set_cart(wasm_bindgen::JsValue::from_str("cart")));
    assert!(!cartlift::set_cart(wasm_bindgen::JsValue::NULL));
    assert!(!cartlift::set_cart(json(
        r#"{"currency":"USD","items":[{"id":"laptop","quantity":-1}]}"#
    )));
    assert!(!cartlift::configure(wasm_bindgen::JsValue::from_str(
        "{ not json"
    )));
    assert_eq!(heard.details().len(), 4, "{:?}", heard.details());
}
