//! What an order leaves in this browser's record (spec §8), in a page of its own: the record
//! is kept only with consent, which the widget tests turn off.
#![cfg(target_arch = "wasm32")]

mod support;
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_medium_and_a_large_tee_ordered_are_remembered_as_one_tee_bought() {
    let config = r#"{"currency":"USD","products":[
        {"id":"tee","title":"Tee","price":"25.00","options":["Size"],
         "variants":[{"id":"tee-m","options":["M"]},{"id":"tee-l","options":["L"]}]},
        {"id":"cap","title":"Cap","price":"15.00"}]}"#;
    cartlift::consent(true);
    assert!(cartlift::configure(config.into()));
    let cart = json(
        r#"{"currency":"USD","items":[{"id":"tee-m","quantity":1},{"id":"tee-l","quantity":2},{"id":"cap","quantity":1}]}"#,
    );
    assert!(cartlift::ordered(cart, Some("variants-order-1".into())));
    let record = cartlift::visitor();
    // What a `bought` condition names: the products, each once.
    assert!(record.contains(r#""products":["tee","cap"]"#), "{record}");
}
