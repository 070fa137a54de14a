//! The config's sample cart, on a page of its own (the first cart this page ever sees is the
//! sample): it stands in until the page sends a cart, never after, and a widget that shows
//! it outside a preview says so once in the console.
#![cfg(target_arch = "wasm32")]

mod support;
use support::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Counts the console warnings that mention the sample cart, from now on.
fn count_sample_warnings() -> std::rc::Rc<std::cell::Cell<u32>> {
    let count = std::rc::Rc::new(std::cell::Cell::new(0));
    let seen = count.clone();
    let console = js_sys::Reflect::get(&js_sys::global(), &"console".into()).expect("console");
    let warn = wasm_bindgen::closure::Closure::<dyn FnMut(JsValue)>::new(move |m: JsValue| {
        if m.as_string().is_some_and(|m| m.contains("sample \"cart\"")) {
            seen.set(seen.get() + 1);
        }
    });
    js_sys::Reflect::set(&console, &"warn".into(), warn.as_ref().unchecked_ref()).expect("set");
    warn.forget();
    count
}

#[wasm_bindgen_test]
async fn the_sample_cart_stands_in_until_the_page_sends_one_and_never_comes_back() {
    let warnings = count_sample_warnings();
    // A config with a sample cart worth a free tote bag.
    unremembered();
    let sample = ELECTRONICS.replacen(
        r#""currency": "USD","#,
        r#""currency": "USD", "cart": {"currency": "USD", "items": [{"id": "laptop", "quantity": 1}]},"#,
        1,
    );
    assert!(cartlift::configure(sample.as_str().into()));
    let preview = element("cartlift-shipping-bar", &[("preview", "")]);
    tick().await;
    assert_eq!(
        text(&inside(&preview, "[part=message]")),
        "You've unlocked a free tote bag!"
    );
    // In a preview, that is what the sample is for: nothing to say.
    assert_eq!(warnings.get(), 0);
    // Shown outside a preview, it would be every shopper's cart: one warning, however many
    // elements show it.
    let bar = element("cartlift-shipping-bar", &[]);
    let other = element("cartlift-shipping-bar", &[]);
    tick().await;
    assert_eq!(warnings.get(), 1);

    // The page's own cart: a $9 pair of socks.
    assert!(set_cart(&[("socks", 1)]));
    tick().await;
    assert_eq!(
        text(&inside(&bar, "[part=message]")),
        "You're $66.00 away from free shipping"
    );
    // The same shop in euros refuses that dollar cart: the bar shows an empty cart, never the
    // sample (which is in euros now, and valid).
    let euros = sample.replace(r#""currency": "USD""#, r#""currency": "EUR""#);
    assert!(cartlift::configure(euros.as_str().into()));
    tick().await;
    assert_eq!(
        text(&inside(&bar, "[part=message]")),
        "Free shipping on orders over €75.00"
    );
    // A refused cart afterwards keeps the last good one, still not the sample.
    assert!(!cartlift::set_cart(json(
        r#"{"currency":"EUR","items":[{"id":"nope","quantity":1}]}"#
    )));
    tick().await;
    assert_eq!(
        text(&inside(&bar, "[part=message]")),
        "Free shipping on orders over €75.00"
    );
    for el in [preview, bar, other] {
        el.remove();
    }
}
