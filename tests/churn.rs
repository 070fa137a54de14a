//! Elements mounted and released quickly, as the merchant preview's measuring does, and a
//! config taken in between: nothing panics.
#![cfg(target_arch = "wasm32")]

mod support;
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn elements_mounted_and_released_around_a_new_config_do_not_panic() {
    assert!(cartlift::configure(ELECTRONICS.into()));
    assert!(set_cart(&[("laptop", 1)]));
    for round in 0..3 {
        let made: Vec<_> = [
            ("cartlift-shipping-bar", None),
            ("cartlift-bundles", Some("laptop")),
            ("cartlift-tiers", Some("tshirt")),
            ("cartlift-bundles", Some("mouse")),
        ]
        .into_iter()
        .map(|(tag, product)| {
            let attrs: Vec<(&str, &str)> = product.map(|p| ("product", p)).into_iter().collect();
            element(tag, &attrs)
        })
        .collect();
        if round == 1 {
            assert!(cartlift::configure(ELECTRONICS.into()));
        }
        tick().await;
        for el in made {
            cartlift::unmount(id_of(&el));
            el.remove();
        }
        assert!(set_cart(&[("laptop", 1), ("mouse", round)]));
        tick().await;
    }
}
