//! The facts the session tells the entry module whenever the figures change (what completes an
//! event's source and shows a goal reached, so that no click or cart asks for the whole quote),
//! in Chromium: told again after a cart, with each offer's segment and the shopper's variant.
#![cfg(target_arch = "wasm32")]

mod support;
use support::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The facts told last, parsed (`null` before any).
fn told() -> JsValue {
    let text = js_sys::Reflect::get(&js_sys::global(), &"__facts".into())
        .ok()
        .and_then(|t| t.as_string());
    text.and_then(|t| js_sys::JSON::parse(&t).ok())
        .unwrap_or(JsValue::NULL)
}

fn field(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn strings(v: &JsValue) -> Vec<String> {
    js_sys::Array::from(v)
        .iter()
        .filter_map(|s| s.as_string())
        .collect()
}

#[wasm_bindgen_test]
async fn a_returning_shoppers_80_dollar_cart_tells_free_shipping_unlocked_the_welcome_back_segment_and_the_control_variant(
) {
    // As the entry module's emitter keeps them, and the session's effect as `start()` makes it.
    emit_to("if (name === 'facts') globalThis.__facts = text;");
    unremembered();
    assert!(cartlift::configure(ELECTRONICS.into()));
    tick().await;
    let before = told();
    assert!(!before.is_null(), "a config taken is told");
    assert_eq!(
        strings(&field(&before, "segments")),
        Vec::<String>::new(),
        "a new shopper is shown no offer for a segment"
    );

    // An order makes the shopper a returning one; then a $80 cart (two $40 stands).
    assert!(cartlift::ordered(
        json(r#"{"currency":"USD","items":[{"id":"tshirt","quantity":2}]}"#),
        None
    ));
    assert!(set_cart(&[("stand", 2)]));
    tick().await;
    let after = told();
    let segments = strings(&field(&after, "segments"));
    assert!(
        segments
            .chunks(3)
            .any(|c| c == ["bundles", "welcome-back", "returning"]),
        "the returning shoppers' bundle names its segment: {segments:?}"
    );
    let goals = js_sys::Array::from(&field(&after, "goals"));
    let first = goals.get(0);
    assert_eq!(
        field(&first, "reward").as_string().as_deref(),
        Some("free shipping")
    );
    assert_eq!(field(&first, "unlocked").as_bool(), Some(true), "$80 ≥ $75");
    assert_eq!(
        field(&after, "next").as_f64(),
        Some(1.0),
        "the tote bag is next"
    );
    let experiments = js_sys::Array::from(&field(&after, "experiments"));
    assert_eq!(
        field(&experiments.get(0), "experiment")
            .as_string()
            .as_deref(),
        Some("free-shipping-threshold")
    );
    assert_eq!(
        field(&experiments.get(0), "variant").as_string().as_deref(),
        Some("control"),
        "without consent, each experiment's first variant"
    );
}
